"""Minimal DER (X.690) encoding and decoding for building X.509 certificates."""

import datetime


def _length(n):
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def tlv(tag, content):
    return bytes([tag]) + _length(len(content)) + content


def sequence(*items):
    return tlv(0x30, b"".join(items))


def set_of(*items):
    return tlv(0x31, b"".join(sorted(items)))


def integer(value):
    raw = value.to_bytes(max(1, (value.bit_length() + 8) // 8), "big", signed=True)
    return tlv(0x02, raw)


def boolean(value):
    return tlv(0x01, b"\xff" if value else b"\x00")


def null():
    return b"\x05\x00"


def oid(dotted):
    arcs = [int(part) for part in dotted.split(".")]
    body = bytearray([40 * arcs[0] + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, bytes(body))


def octet_string(data):
    return tlv(0x04, data)


def bit_string(data, unused_bits=0):
    return tlv(0x03, bytes([unused_bits]) + data)


def utf8_string(text):
    return tlv(0x0C, text.encode("utf-8"))


def explicit(number, content):
    return tlv(0xA0 | number, content)


def implicit_primitive(number, content):
    return tlv(0x80 | number, content)


def time(moment):
    """UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)."""
    moment = moment.astimezone(datetime.timezone.utc)
    if moment.year < 2050:
        return tlv(0x17, moment.strftime("%y%m%d%H%M%SZ").encode())
    return tlv(0x18, moment.strftime("%Y%m%d%H%M%SZ").encode())


def read_tlv(data, offset=0):
    """Returns (tag, content, next_offset) of the element at `offset`."""
    tag = data[offset]
    length = data[offset + 1]
    offset += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[offset:offset + count], "big")
        offset += count
    return tag, data[offset:offset + length], offset + length


def read_children(content):
    """The elements inside a constructed value, as (tag, content) pairs."""
    children, offset = [], 0
    while offset < len(content):
        tag, child, offset = read_tlv(content, offset)
        children.append((tag, child))
    return children
