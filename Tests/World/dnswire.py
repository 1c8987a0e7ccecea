"""DNS wire format (RFC 1035, RFC 6891 EDNS0): just what the test world needs.

Parsing is defensive (queries may be hostile or malformed); encoding never
compresses except where a behaviour deliberately builds a hostile pointer.
"""

import ipaddress
import struct

TYPES = {
    "A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16,
    "AAAA": 28, "SRV": 33, "OPT": 41, "DS": 43, "RRSIG": 46, "DNSKEY": 48,
    "TLSA": 52, "SVCB": 64, "HTTPS": 65, "CAA": 257, "ANY": 255,
}
TYPE_NAMES = {number: name for name, number in TYPES.items()}

CLASS_IN = 1
RCODE_NOERROR, RCODE_FORMERR, RCODE_SERVFAIL = 0, 1, 2
RCODE_NXDOMAIN, RCODE_NOTIMP, RCODE_REFUSED = 3, 4, 5

FLAG_QR = 0x8000
FLAG_AA = 0x0400
FLAG_TC = 0x0200
FLAG_RD = 0x0100
FLAG_RA = 0x0080
FLAG_AD = 0x0020
FLAG_CD = 0x0010
EDNS_DO = 0x8000

HEADER = struct.Struct("!HHHHHH")


class WireError(Exception):
    """A message that cannot be parsed."""


def type_number(name):
    """'TXT' -> 16; also accepts 'TYPE123' (RFC 3597)."""
    upper = name.upper()
    if upper in TYPES:
        return TYPES[upper]
    if upper.startswith("TYPE") and upper[4:].isdigit():
        return int(upper[4:])
    raise ValueError(f"unknown record type {name!r}")


def type_name(number):
    return TYPE_NAMES.get(number, f"TYPE{number}")


def normalize_name(name):
    """Lower-case, no trailing dot; the root is ''."""
    return name.strip().rstrip(".").lower()


# ---------------------------------------------------------------- encoding

def encode_name(name):
    """Uncompressed wire form of a presentation name (no escapes needed here)."""
    out = bytearray()
    for label in [part for part in name.rstrip(".").split(".") if part]:
        raw = label.encode("utf-8")
        if len(raw) > 63:
            raise ValueError(f"label too long in {name!r}")
        out.append(len(raw))
        out += raw
    out.append(0)
    return bytes(out)


def encode_character_strings(strings):
    """TXT RDATA: each string becomes one or more <=255-byte character-strings."""
    out = bytearray()
    for text in strings:
        raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        if not raw:
            out += b"\x00"
        for start in range(0, len(raw), 255):
            chunk = raw[start:start + 255]
            out.append(len(chunk))
            out += chunk
    return bytes(out)


def encode_rdata(rtype, value, strings, world_address):
    """RDATA bytes for one record of the scenario."""
    if rtype == "TXT":
        return encode_character_strings(strings if strings is not None else [value or ""])
    if value is None:
        raise ValueError(f"{rtype} record needs a value")
    value = value.strip()
    if rtype == "A":
        address = world_address if value == "@world" else value
        return ipaddress.IPv4Address(address).packed
    if rtype == "AAAA":
        return ipaddress.IPv6Address(value).packed
    if rtype in ("CNAME", "NS", "PTR"):
        return encode_name(value)
    if rtype == "MX":
        preference, exchange = value.split(None, 1)
        return struct.pack("!H", int(preference)) + encode_name(exchange)
    if rtype == "TLSA":
        usage, selector, matching, data = value.split(None, 3)
        return bytes([int(usage), int(selector), int(matching)]) + bytes.fromhex("".join(data.split()))
    if rtype == "SRV":
        priority, weight, port, target = value.split()
        return struct.pack("!HHH", int(priority), int(weight), int(port)) + encode_name(target)
    if rtype == "SOA":
        mname, rname, *numbers = value.split()
        return encode_name(mname) + encode_name(rname) + struct.pack("!IIIII", *map(int, numbers))
    if value.startswith("\\#"):  # RFC 3597 generic: \# <len> <hex>
        parts = value.split(None, 2)
        return bytes.fromhex("".join(parts[2].split())) if len(parts) > 2 else b""
    raise ValueError(f"cannot encode {rtype} value {value!r}; use RFC 3597 '\\# len hex'")


def encode_rr(owner_wire, rtype, ttl, rdata, rclass=CLASS_IN):
    return owner_wire + struct.pack("!HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def encode_opt(udp_size, do_bit=False):
    """An EDNS0 OPT pseudo-RR (RFC 6891 §6.1.2) with no options."""
    return b"\x00" + struct.pack("!HHIH", TYPES["OPT"], udp_size, EDNS_DO if do_bit else 0, 0)


def encode_header(ident, flags, qdcount, ancount, nscount, arcount):
    return HEADER.pack(ident & 0xFFFF, flags & 0xFFFF, qdcount, ancount, nscount, arcount)


def encode_question(qname_wire, qtype, qclass=CLASS_IN):
    return qname_wire + struct.pack("!HH", qtype, qclass)


# ---------------------------------------------------------------- decoding

def decode_name(message, offset):
    """Returns (name, offset after the name in the original position). Follows
    pointers with loop protection."""
    labels = []
    end = None
    jumps = 0
    while True:
        if offset >= len(message):
            raise WireError("name runs past the end of the message")
        length = message[offset]
        if length & 0xC0 == 0xC0:
            if offset + 1 >= len(message):
                raise WireError("truncated compression pointer")
            if end is None:
                end = offset + 2
            jumps += 1
            if jumps > 64:
                raise WireError("compression loop")
            offset = ((length & 0x3F) << 8) | message[offset + 1]
            continue
        if length & 0xC0:
            raise WireError("unsupported label type")
        offset += 1
        if length == 0:
            break
        if offset + length > len(message):
            raise WireError("label runs past the end of the message")
        labels.append(message[offset:offset + length].decode("utf-8", "replace"))
        offset += length
    return ".".join(labels), (end if end is not None else offset)


class Query:
    """A parsed query: header fields, the first question and EDNS0 data."""

    def __init__(self, ident, flags, qname, qname_wire, qtype, qclass, edns_size, edns_do):
        self.ident = ident
        self.flags = flags
        self.qname = qname
        self.qname_wire = qname_wire
        self.qtype = qtype
        self.qclass = qclass
        self.edns_size = edns_size  # None when the query carried no OPT
        self.edns_do = edns_do

    @property
    def rd(self):
        return bool(self.flags & FLAG_RD)

    @property
    def opcode(self):
        return (self.flags >> 11) & 0xF


def parse_query(message):
    """Parses a query; raises WireError when it is not one we can answer."""
    if len(message) < HEADER.size:
        raise WireError("shorter than a header")
    ident, flags, qdcount, ancount, nscount, arcount = HEADER.unpack_from(message)
    if flags & FLAG_QR:
        raise WireError("not a query")
    if qdcount != 1:
        raise WireError(f"qdcount {qdcount}")
    qname, offset = decode_name(message, HEADER.size)
    if offset + 4 > len(message):
        raise WireError("truncated question")
    qname_wire = message[HEADER.size:offset]
    qtype, qclass = struct.unpack_from("!HH", message, offset)
    offset += 4
    edns_size, edns_do = None, False
    try:
        for _ in range(ancount + nscount):
            offset = _skip_rr(message, offset)
        for _ in range(arcount):
            _, name_end = decode_name(message, offset)
            if name_end + 10 > len(message):
                break
            rtype, rclass, ttl, rdlength = struct.unpack_from("!HHIH", message, name_end)
            if rtype == TYPES["OPT"]:
                edns_size, edns_do = rclass, bool(ttl & EDNS_DO)
            offset = name_end + 10 + rdlength
    except WireError:
        pass  # a damaged additional section does not stop us answering
    return Query(ident, flags, qname, qname_wire, qtype, qclass, edns_size, edns_do)


def _skip_rr(message, offset):
    _, offset = decode_name(message, offset)
    if offset + 10 > len(message):
        raise WireError("truncated RR")
    rdlength = struct.unpack_from("!H", message, offset + 8)[0]
    return offset + 10 + rdlength


def header_of(message):
    """(id, flags) of whatever arrived, or None when even that is missing."""
    if len(message) < 4:
        return None
    return struct.unpack_from("!HH", message)
