#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/<target>/ from the test fixtures and hand-built
inputs. Run from the repository root; the output is committed, so run it only to refresh seeds."""
import hashlib
import os
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "Tests" / "World"))
import dnswire  # noqa: E402  (the test world's DNS encoder)

CORPUS = ROOT / "Fuzz" / "Corpus"


def write(target, data, name=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    (directory / name).write_bytes(data)


def policies():
    for path in sorted((ROOT / "Tests/Fixtures/MTASTSPolicy").glob("*.txt")):
        write("PolicyParserFuzz", path.read_bytes(), path.stem)
    write("PolicyParserFuzz", "version: STSv1\nmode: testing\nmx: *.example.net\nmx: mx1.example.com\nmax_age: 604800\n", "wildcard")
    write("PolicyParserFuzz", "version: STSv1\r\nmode: none\r\nmax_age: 0\r\n", "none-crlf")


STS = ["v=STSv1; id=20160831085700Z;", "v=STSv1 ; id=abc ;", "v=STSv1;id=abc", "v=STSv1; id=abc; ext-1.x=value!",
       "v=STSv1;\tid=abc\t;\t", "v=STSv12; id=abc", "v=STSv1; id=a; id=b", "v=spf1 -all"]
TLSRPT = ["v=TLSRPTv1; rua=mailto:tlsrpt@example.com", "v=TLSRPTv1 ; rua=https://r.example/x?k=v ;",
          "v=TLSRPTv1;rua=mailto:a@example.com, https://reports.example.com/tlsrpt",
          "v=TLSRPTv1; rua=mailto:a@example.com; future=1", "v=TLSRPTv1; rua=http://insecure.example/"]


def txt_records():
    for index, record in enumerate(STS):
        write("STSRecordFuzz", record, f"record-{index}")
    write("STSRecordFuzz", "v=spf1 -all\nv=STSv1; id=abc\nsomething else", "rrset")
    write("STSRecordFuzz", "v=STSv1; id=a\nv=STSv1; id=b", "two-records")
    for index, record in enumerate(TLSRPT):
        write("TLSRPTRecordFuzz", record, f"record-{index}")
    write("TLSRPTRecordFuzz", "v=spf1 -all\nv=TLSRPTv1; rua=mailto:r@example.com", "rrset")


def mx_patterns():
    pairs = [("mx.example.com", "mx.example.com"), ("*.example.net", "mx1.example.net"),
             ("*.example.net", "a.b.example.net"), ("MX.Example.COM.", "mx.example.com"),
             ("mx.example.com", "evilmx.example.com.attacker.net"), ("*.xn--bcher-kva.example", "mx.xn--bcher-kva.example"),
             ("mx;rm -rf", "mx"), ("b\u00fccher.example", "x"), ("a" * 63 + ".example", "a" * 64 + ".example")]
    for index, (pattern, candidate) in enumerate(pairs):
        write("MXPatternFuzz", pattern + "\n" + candidate, f"pair-{index}")


def answer(qname, qtype, records, flags=0x8180, edns=True):
    question = dnswire.encode_question(dnswire.encode_name(qname), dnswire.type_number(qtype))
    body = b"".join(dnswire.encode_rr(dnswire.encode_name(owner), dnswire.type_number(rtype), 300,
                                      dnswire.encode_rdata(rtype, value, strings, "127.0.0.1"))
                    for owner, rtype, value, strings in records)
    additional = dnswire.encode_opt(1232) if edns else b""
    header = dnswire.encode_header(0x1234, flags, 1, len(records), 0, 1 if edns else 0)
    return header + question + body + additional


def dns_messages():
    write("DNSMessageFuzz", answer("_mta-sts.example.com", "TXT",
                                   [("_mta-sts.example.com", "TXT", None, ["v=STSv1; id=20160831085700Z;"])]), "sts-txt")
    write("DNSMessageFuzz", answer("_smtp._tls.example.com", "TXT",
                                   [("_smtp._tls.example.com", "TXT", None, ["v=TLSRPTv1; ", "rua=mailto:r@example.com"])]), "tlsrpt-split")
    write("DNSMessageFuzz", answer("example.com", "MX", [("example.com", "MX", "10 mx1.example.com", None),
                                                         ("example.com", "MX", "20 mx2.example.com", None)]), "mx")
    write("DNSMessageFuzz", answer("mta-sts.example.com", "A", [("mta-sts.example.com", "CNAME", "web.example.net", None),
                                                               ("web.example.net", "A", "127.0.0.1", None)]), "cname-a")
    write("DNSMessageFuzz", answer("mx.example.com", "AAAA", [("mx.example.com", "AAAA", "::1", None)], edns=False), "aaaa")
    write("DNSMessageFuzz", answer("_25._tcp.mx.example.com", "TLSA",
                                   [("_25._tcp.mx.example.com", "TLSA", "3 1 1 " + "ab" * 32, None)]), "tlsa")
    write("DNSMessageFuzz", answer("nx.example.com", "TXT", [], flags=0x8183), "nxdomain")
    # Compression: the answer's owner points at the question name (offset 12).
    qname = dnswire.encode_name("example.com")
    message = dnswire.encode_header(7, 0x8180, 1, 1, 0, 0) + dnswire.encode_question(qname, 16)
    rdata = dnswire.encode_character_strings(["hello"])
    message += b"\xc0\x0c" + struct.pack("!HHIH", 16, 1, 60, len(rdata)) + rdata
    write("DNSMessageFuzz", message, "compressed")
    write("DNSMessageFuzz", dnswire.encode_header(1, 0x0120, 0, 0, 0, 0), "header-only")


def exim_lines():
    seen = set()
    for path in sorted((ROOT / "Tests/Fixtures/EximLog").glob("*.log")):
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            if line and line not in seen:
                seen.add(line)
                write("EximLogLineFuzz", line, f"{path.stem}-{number:02}")


def configs():
    for path in sorted((ROOT / "Tests/Fixtures/MTASTSConfig").glob("*.yaml")):
        write("ConfigurationFuzz", path.read_bytes(), path.stem)
    write("ConfigurationFuzz", (ROOT / "config/mtasts.yaml").read_bytes(), "shipped-mtasts")
    write("ConfigurationFuzz", "domains: [a.example, &x b.example, *x]\nlearn: {exim_logs: [/var/log/exim4/mainlog]}\n", "anchors")


if __name__ == "__main__":
    os.chdir(ROOT)
    policies()
    txt_records()
    mx_patterns()
    dns_messages()
    exim_lines()
    configs()
