"""Turns one DNS query into the reply the scenario asks for, hostile ones included.

`respond` returns None (stay silent) or a Reply. A Reply may carry a fake TCP
length prefix (`oversize`) or ask the TCP connection to be closed after it.
"""

import os
import random
import struct

import dnswire
from dnswire import FLAG_QR, FLAG_RA, FLAG_RD, FLAG_TC, FLAG_AD, FLAG_CD, encode_header

UDP_DEFAULT = 512
SERVER_UDP_SIZE = 4096
FLOOD_RECORDS = 5000


class Reply:
    def __init__(self, data, tcp_length=None, close=False):
        self.data = data
        self.tcp_length = tcp_length  # announced TCP length when it must lie
        self.close = close


class Responder:
    """Answers queries from the world's current zone and counts them."""

    def __init__(self, world):
        self.world = world

    # ------------------------------------------------------------ entry point

    def respond(self, message, over_tcp):
        try:
            query = dnswire.parse_query(message)
        except dnswire.WireError as error:
            self.world.log(f"dns: malformed query ({error})")
            self.world.stats.count_malformed_dns()
            return self._formerr(message)
        self.world.stats.count_dns(query.qname, query.qtype, over_tcp)
        if query.opcode != 0:
            return Reply(self._message(query, dnswire.RCODE_NOTIMP, [], []))
        zone = self.world.zone
        behaviour = zone.behaviour_for(query.qname)
        if behaviour:
            return self._behave(behaviour, query, over_tcp)
        return Reply(self._answer(query, over_tcp))

    # ------------------------------------------------------------ normal answers

    def _answer(self, query, over_tcp, force_tc=False):
        resolution = self.world.zone.resolve(query.qname, query.qtype)
        full = self._message(query, resolution.rcode, resolution.answers, resolution.authority,
                             authenticated=resolution.authenticated)
        if over_tcp:
            return full
        if force_tc or len(full) > self._udp_limit(query):
            return self._message(query, resolution.rcode, [], [], tc=True)
        return full

    def _udp_limit(self, query):
        if query.edns_size is None:
            return UDP_DEFAULT
        return max(UDP_DEFAULT, query.edns_size)

    def _flags(self, query, rcode, tc=False, authenticated=False):
        flags = FLAG_QR | FLAG_RA | (query.flags & (FLAG_RD | FLAG_CD)) | (query.opcode << 11)
        if tc:
            flags |= FLAG_TC
        if authenticated:
            flags |= FLAG_AD
        return flags | (rcode & 0xF)

    def _message(self, query, rcode, answers, authority, tc=False, authenticated=False,
                 ident=None, qname_wire=None):
        """Header, the question echoed, RRs (owner == qname compressed to 0xC00C), OPT."""
        qname = dnswire.normalize_name(query.qname)
        sections = bytearray()
        for owner, rtype, ttl, rdata in list(answers) + list(authority):
            owner_wire = b"\xc0\x0c" if owner == qname and qname_wire is None else dnswire.encode_name(owner)
            sections += dnswire.encode_rr(owner_wire, rtype, ttl, rdata)
        arcount = 0
        if query.edns_size is not None:
            sections += dnswire.encode_opt(SERVER_UDP_SIZE, query.edns_do)
            arcount = 1
        header = encode_header(query.ident if ident is None else ident,
                               self._flags(query, rcode, tc, authenticated),
                               1, len(answers), len(authority), arcount)
        question = dnswire.encode_question(qname_wire or query.qname_wire, query.qtype, query.qclass)
        return header + question + bytes(sections)

    def _formerr(self, message):
        header = dnswire.header_of(message)
        if header is None:
            return None
        ident, flags = header
        if flags & FLAG_QR:
            return None  # never answer a response
        reply_flags = FLAG_QR | FLAG_RA | (flags & FLAG_RD) | dnswire.RCODE_FORMERR
        return Reply(encode_header(ident, reply_flags, 0, 0, 0, 0))

    # ------------------------------------------------------------ behaviours

    def _behave(self, behaviour, query, over_tcp):
        handler = getattr(self, "_b_" + behaviour.replace("-", "_"), None)
        if handler is None:
            self.world.log(f"dns: unknown behaviour {behaviour!r}; answering normally")
            return Reply(self._answer(query, over_tcp))
        return handler(query, over_tcp)

    def _b_servfail(self, query, over_tcp):
        return Reply(self._message(query, dnswire.RCODE_SERVFAIL, [], []))

    def _b_refused(self, query, over_tcp):
        return Reply(self._message(query, dnswire.RCODE_REFUSED, [], []))

    def _b_timeout(self, query, over_tcp):
        return None

    def _b_truncate(self, query, over_tcp):
        return Reply(self._answer(query, over_tcp, force_tc=not over_tcp))

    def _b_wrong_id(self, query, over_tcp):
        data = bytearray(self._answer(query, over_tcp))
        struct.pack_into("!H", data, 0, (query.ident + 0x5A5A) & 0xFFFF or 1)
        return Reply(bytes(data))

    def _b_wrong_question(self, query, over_tcp):
        resolution = self.world.zone.resolve(query.qname, query.qtype)
        other = dnswire.encode_name("wrong-question." + (query.qname or "invalid"))
        return Reply(self._message(query, resolution.rcode, resolution.answers, resolution.authority,
                                   qname_wire=other))

    def _hostile_answer(self, query, name_bytes_at):
        """Header + question + one A RR whose owner name is `name_bytes_at(offset)`."""
        header = encode_header(query.ident, self._flags(query, 0), 1, 1, 0, 0)
        prefix = header + dnswire.encode_question(query.qname_wire, query.qtype, query.qclass)
        owner = name_bytes_at(len(prefix))
        return prefix + dnswire.encode_rr(owner, dnswire.TYPES["A"], 60, b"\x7f\x00\x00\x01")

    def _b_compression_loop(self, query, over_tcp):
        # The owner name is a pointer to itself.
        return Reply(self._hostile_answer(query, lambda offset: struct.pack("!H", 0xC000 | offset)))

    def _b_pointer_past_end(self, query, over_tcp):
        return Reply(self._hostile_answer(query, lambda offset: struct.pack("!H", 0xC000 | (offset + 0x1000))))

    def _b_truncated_rr(self, query, over_tcp):
        header = encode_header(query.ident, self._flags(query, 0), 1, 2, 0, 0)
        message = header + dnswire.encode_question(query.qname_wire, query.qtype, query.qclass)
        record = dnswire.encode_rr(b"\xc0\x0c", dnswire.TYPES["TXT"], 60,
                                   dnswire.encode_character_strings(["v=STSv1; id=cut-short"]))
        return Reply(message + record[: len(record) // 2])

    def _b_oversize(self, query, over_tcp):
        if over_tcp:
            return Reply(self._answer(query, True), tcp_length=0xFFFF, close=True)
        limit = self._udp_limit(query)
        target = min(limit + 600, 65000)
        filler = dnswire.encode_character_strings(["x" * 200])
        count = max(1, (target - 40) // (len(filler) + 12) + 1)
        records = [(dnswire.normalize_name(query.qname), dnswire.TYPES["TXT"], 60, filler)] * count
        return Reply(self._message(query, 0, records, []))

    def _b_flood(self, query, over_tcp):
        if not over_tcp:
            return Reply(self._message(query, 0, [], [], tc=True))
        header = encode_header(query.ident, self._flags(query, 0), 1, FLOOD_RECORDS, 0, 0)
        body = bytearray(header + dnswire.encode_question(query.qname_wire, query.qtype, query.qclass))
        for index in range(FLOOD_RECORDS):
            # Smallest possible TXT RRs (one empty string), distinct by TTL, so that
            # 5,000 of them still fit in one 65535-byte TCP message.
            body += dnswire.encode_rr(b"\xc0\x0c", dnswire.TYPES["TXT"], 60 + index, b"\x00")
        return Reply(bytes(body))

    def _b_garbage(self, query, over_tcp):
        return Reply(os.urandom(random.randint(1, 200)))
