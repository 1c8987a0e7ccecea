"""Reads the SNI host name (RFC 6066 §3) from a peeked TLS ClientHello.

The world peeks at the ClientHello before starting TLS so that it can pick the
certificate, or decide never to speak TLS at all (`hang-handshake`).
"""

import struct

INCOMPLETE = object()


def server_name(data):
    """The lower-case SNI name, None when there is none (or the bytes are not a
    ClientHello), or INCOMPLETE when more bytes are needed."""
    if len(data) < 5:
        return INCOMPLETE
    content_type, _, record_length = struct.unpack_from("!BHH", data)
    if content_type != 22:  # handshake
        return None
    if len(data) < 5 + record_length:
        return INCOMPLETE
    hello = data[5:5 + record_length]
    try:
        return _parse_hello(hello)
    except (IndexError, struct.error, UnicodeDecodeError):
        return None


def _parse_hello(hello):
    if hello[0] != 1:  # client_hello
        return None
    offset = 4 + 2 + 32  # handshake header, legacy_version, random
    offset += 1 + hello[offset]  # session id
    offset += 2 + struct.unpack_from("!H", hello, offset)[0]  # cipher suites
    offset += 1 + hello[offset]  # compression methods
    if offset + 2 > len(hello):
        return None
    extensions_end = offset + 2 + struct.unpack_from("!H", hello, offset)[0]
    offset += 2
    while offset + 4 <= min(extensions_end, len(hello)):
        kind, length = struct.unpack_from("!HH", hello, offset)
        offset += 4
        if kind == 0:  # server_name
            list_offset = offset + 2
            while list_offset + 3 <= offset + length:
                name_type, name_length = struct.unpack_from("!BH", hello, list_offset)
                list_offset += 3
                if name_type == 0:
                    return hello[list_offset:list_offset + name_length].decode("ascii").lower().rstrip(".")
                list_offset += name_length
            return None
        offset += length
    return None
