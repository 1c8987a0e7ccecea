#!/usr/bin/env python3
"""End-to-end check of the world with real clients: `dig` (dnsutils) and `curl`.

    python3 Tests/World/selftest.py        # as root; exits non-zero on the first failure
"""

import json
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 86400\r\n"
LONG = "A" * 600

SCENARIO = {
    "dns": {
        "records": [
            {"name": "_mta-sts.example.test", "type": "TXT", "strings": ["v=STSv1; id=2024", "0101;"]},
            {"name": "mta-sts.example.test", "type": "A", "value": "@world"},
            {"name": "mta-sts.v6.test", "type": "AAAA", "value": "::1"},
            {"name": "example.test", "type": "MX", "value": "10 mx1.example.test"},
            {"name": "alias.test", "type": "CNAME", "value": "target.test"},
            {"name": "target.test", "type": "A", "value": "192.0.2.1"},
            {"name": "_25._tcp.mx1.example.test", "type": "TLSA", "value": "3 1 1 0123abcd"},
            {"name": "big.test", "type": "TXT", "strings": [LONG]},
        ],
        "authenticated": ["_25._tcp.mx1.example.test"],
        "behaviours": {name + ".test": name for name in [
            "servfail", "refused", "timeout", "truncate", "wrong-id", "compression-loop",
            "pointer-past-end", "truncated-rr", "oversize", "flood", "garbage", "wrong-question"]},
    },
    "https": {
        "mta-sts.example.test": {"body": POLICY},
        "mta-sts.expired.test": {"certificate": "expired", "body": "x"},
        "mta-sts.self.test": {"certificate": "self-signed", "body": "x"},
        "mta-sts.wrong.test": {"certificate": "wrong-host", "body": "x"},
        "mta-sts.redirect.test": {"status": 301, "content_type": None,
                                  "headers": {"Location": "https://elsewhere.test/"}},
        "mta-sts.pad.test": {"body": "version: STSv1\n", "body_size": 1000},
        "mta-sts.json.test": {"status": 500, "content_type": "application/json", "body": "{}"},
        "mta-sts.hang.test": {"behaviour": "hang"},
        "mta-sts.hs.test": {"behaviour": "hang-handshake"},
        "mta-sts.trickle.test": {"behaviour": "trickle", "body": "hello"},
        "mta-sts.chunked.test": {"behaviour": "chunked", "body": POLICY, "body_size": 3000},
        "mta-sts.endless.test": {"behaviour": "endless-body"},
        "mta-sts.eh.test": {"behaviour": "endless-header"},
        "mta-sts.reset.test": {"behaviour": "reset-mid-body", "body_size": 100000},
        "reports.post.test": {"status": 202, "body": "thanks", "record_posts": True},
    },
}

failures = 0


def check(condition, what, detail=""):
    global failures
    print(("ok   " if condition else "FAIL ") + what + ("" if condition else f"\n     {detail}"))
    if not condition:
        failures += 1


class WorldProcess:
    def __init__(self, scenario):
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "world.py")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ready = self.send(scenario)
        self.address = self.ready["address"]

    def send(self, payload):
        self.process.stdin.write(json.dumps(payload) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())


def dig(world, *arguments):
    result = subprocess.run(["dig", f"@{world.address}", "+tries=1", "+time=2", *arguments],
                            capture_output=True, text=True, timeout=30)
    return result.stdout + result.stderr


def curl(world, host, *arguments, path="/.well-known/mta-sts.txt"):
    result = subprocess.run(
        ["curl", "-sS", "-i", "--cacert", world.ready["ca_file"], "--resolve", f"{host}:443:{world.address}",
         "--max-time", "4", *arguments, f"https://{host}{path}"],
        capture_output=True, timeout=30)
    return result.returncode, result.stdout.decode("latin-1"), result.stderr.decode("latin-1")


def dns_checks(world):
    out = dig(world, "_mta-sts.example.test", "TXT")
    check('"v=STSv1; id=2024" "0101;"' in out and "status: NOERROR" in out, "TXT with two strings", out)
    check(world.address in dig(world, "+short", "MTA-STS.Example.Test.", "A"), "A @world, case-insensitive")
    check("::1" in dig(world, "+short", "mta-sts.v6.test", "AAAA"), "AAAA")
    check("10 mx1.example.test." in dig(world, "+short", "example.test", "MX"), "MX")
    out = dig(world, "alias.test", "A")
    check("CNAME\ttarget.test." in out and "192.0.2.1" in out, "CNAME followed", out)
    out = dig(world, "_25._tcp.mx1.example.test", "TLSA")
    check("flags: qr rd ra ad;" in out and "3 1 1 0123ABCD" in out, "TLSA with AD", out)
    check("flags: qr rd ra;" in dig(world, "example.test", "MX"), "no AD when not authenticated")
    out = dig(world, "nothere.test", "A")
    check("status: NXDOMAIN" in out and "SOA" in out, "NXDOMAIN with SOA", out)
    check("status: NXDOMAIN" in dig(world, "www.example.com", "A"), "out-of-zone NXDOMAIN")
    out = dig(world, "example.test", "TXT")
    check("status: NOERROR" in out and "ANSWER: 0" in out and "SOA" in out, "NODATA with SOA", out)
    out = dig(world, "big.test", "TXT", "+noedns")
    check("Truncated, retrying in TCP mode" in out and "ANSWER: 1" in out, "TC over UDP then TCP", out)
    check("Truncated" not in dig(world, "big.test", "TXT", "+bufsize=4096"), "EDNS size honoured")
    check("status: SERVFAIL" in dig(world, "servfail.test", "A"), "servfail")
    check("status: REFUSED" in dig(world, "refused.test", "A"), "refused")
    check("timed out" in dig(world, "timeout.test", "A"), "timeout over UDP")
    check("timed out" in dig(world, "timeout.test", "A", "+tcp"), "timeout over TCP")
    out = dig(world, "truncate.test", "A", "+ignore", "+notcp")
    check("flags: qr tc" in out and "ANSWER: 0" in out, "truncate: TC over UDP", out)
    check("Truncated, retrying in TCP mode" in dig(world, "truncate.test", "A"), "truncate: full answer over TCP")
    check("ID mismatch" in dig(world, "wrong-id.test", "A"), "wrong-id")
    check("Question section mismatch" in dig(world, "wrong-question.test", "A"), "wrong-question")
    check("bad compression pointer" in dig(world, "compression-loop.test", "A"), "compression-loop")
    check("bad compression pointer" in dig(world, "pointer-past-end.test", "A"), "pointer-past-end")
    check("malformed" in dig(world, "truncated-rr.test", "TXT"), "truncated-rr")
    out = dig(world, "oversize.test", "TXT", "+bufsize=1232", "+ignore")
    size = int(out.split("MSG SIZE  rcvd: ")[1].split()[0]) if "MSG SIZE" in out else 0
    check(size > 1232 and "flags: qr rd ra;" in out, f"oversize over UDP ({size} bytes, no TC)", out)
    check("end of file" in dig(world, "oversize.test", "TXT", "+tcp"), "oversize over TCP")
    out = dig(world, "flood.test", "TXT")
    check("Truncated" in out and out.count("\tTXT\t") == 5000, "flood: TC then 5,000 TXT over TCP")
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.settimeout(2)
    udp.sendto(b"\xab\xcd\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07garbage\x04test\x00\x00\x01\x00\x01",
               (world.address, 53))
    reply = udp.recv(4096)
    check(1 <= len(reply) <= 200 and b"\x07garbage\x04test" not in reply, "garbage: random bytes", reply)
    udp.sendto(b"\x12\x34\x01\x00\x00\x02", (world.address, 53))
    check(udp.recv(512)[:4] == b"\x12\x34\x81\x81", "malformed query gets FORMERR")


def https_checks(world):
    code, out, _ = curl(world, "mta-sts.example.test")
    check(code == 0 and out.endswith(POLICY) and "Content-Length: 69" in out
          and "Content-Type: text/plain" in out, "valid certificate, policy served", out)
    for host, message in [("mta-sts.expired.test", "expired"), ("mta-sts.self.test", "self-signed"),
                          ("mta-sts.wrong.test", "no alternative certificate subject name"),
                          ("mta-sts.unknown.test", "no alternative certificate subject name")]:
        code, _, err = curl(world, host)
        check(code == 60 and message in err, f"{host} rejected: {message}", err)
    code, out, _ = curl(world, "mta-sts.unknown.test", "-k")
    check(out.startswith("HTTP/1.1 404 Not Found"), "unknown host: 404", out)
    code, out, _ = curl(world, "mta-sts.redirect.test")
    check("301 Moved Permanently" in out and "Location: https://elsewhere.test/" in out
          and "Content-Type" not in out, "301 with Location, no Content-Type", out)
    code, out, _ = curl(world, "mta-sts.json.test")
    check("500 Internal Server Error" in out and "Content-Type: application/json" in out, "status and type", out)
    code, out, _ = curl(world, "mta-sts.pad.test")
    body = out.split("\r\n\r\n", 1)[1]
    check(len(body) == 1000 and body.startswith("version: STSv1\n# padding...\n"), "body_size padding", body[:80])
    code, out, _ = curl(world, "mta-sts.example.test", path="/other")
    check(code == 0 and out.endswith(POLICY), "any path answered")
    started = time.monotonic()
    code, _, _ = curl(world, "mta-sts.hang.test")
    check(code == 28 and time.monotonic() - started < 10, "hang hits --max-time")
    code, _, _ = curl(world, "mta-sts.hs.test")
    check(code == 28, "hang-handshake hits --max-time")
    code, _, _ = curl(world, "mta-sts.trickle.test")
    check(code == 28, "trickle hits --max-time")
    code, out, _ = curl(world, "mta-sts.chunked.test")
    check(code == 0 and "Transfer-Encoding: chunked" in out and "Content-Length" not in out
          and len(out.split("\r\n\r\n", 1)[1]) == 3000, "chunked body decoded to 3000 bytes")
    code, _, err = curl(world, "mta-sts.endless.test", "-o", "/dev/null", "--max-filesize", "1000000")
    check(code in (28, 63), f"endless-body never ends (curl {code})", err)
    code, _, err = curl(world, "mta-sts.eh.test", "-o", "/dev/null")
    check(code in (28, 56), f"endless-header never ends (curl {code})", err)
    code, _, err = curl(world, "mta-sts.reset.test", "-o", "/dev/null")
    check(code == 56 and "reset" in err, "reset-mid-body", err)
    code, out, _ = curl(world, "reports.post.test", "-H", "Content-Type: application/tlsrpt+gzip",
                        "--data-binary", "\x1f\x8bpayload", path="/tlsrpt")
    stored = os.path.join(world.ready["dir"], "posts", "reports.post.test")
    with open(os.path.join(stored, "1.body"), "rb") as body, open(os.path.join(stored, "1.type")) as kind:
        check(code == 0 and " 202 " in out.split("\r\n")[0] and body.read() == "\x1f\x8bpayload".encode()
              and kind.read() == "application/tlsrpt+gzip", "record_posts stores the POST body and type", out)


def command_checks(world):
    stats = world.send({"cmd": "stats"})
    check(stats["dns_queries"].get("_mta-sts.example.test TXT") == 1, "stats: DNS query counted", stats)
    check(stats["dns_tcp_queries"].get("big.test TXT", 0) >= 1, "stats: TCP query counted")
    check(stats["https_requests"].get("mta-sts.example.test") == 2, "stats: HTTPS requests by host")
    check(stats["https_paths"].get("mta-sts.example.test /other") == 1, "stats: paths")
    check(stats["https_posts"] == {"reports.post.test": 1}, "stats: recorded POSTs", stats)
    check(stats["https_connections"] >= 15 and stats["https_max_concurrent"] >= 1, "stats: connections")
    check(world.send({"cmd": "reset_stats"}) == {"ok": True}, "reset_stats")
    check(world.send({"cmd": "stats"})["dns_queries"] == {}, "stats cleared")
    update = {"dns": {"records": [{"name": "a.test", "type": "A", "value": "192.0.2.7"}]},
              "https": {"new.test": {"body": "new"}}}
    check(world.send({"cmd": "update", "scenario": update}) == {"ok": True}, "update")
    check("192.0.2.7" in dig(world, "+short", "a.test"), "update: new DNS data")
    check(curl(world, "new.test")[1].endswith("new"), "update: new HTTPS host with a new certificate")
    reply = world.send({"cmd": "update", "scenario": {"dns": {"records": [{"name": "x", "type": "NOPE"}]}}})
    check(reply["ok"] is False and "NOPE" in reply["error"], "invalid update rejected")
    check(world.send({"cmd": "prepare"}) == {"ok": True, "certificates": 1}, "prepare")
    check(world.send({"cmd": "stop"}) == {"ok": True}, "stop")
    check(world.process.wait(10) == 0 and not os.path.exists(world.ready["dir"]), "exited, directory removed")


def main():
    world = WorldProcess(SCENARIO)
    check(world.ready.get("ready") is True, "ready line", world.ready)
    dns_checks(world)
    https_checks(world)
    command_checks(world)
    other = WorldProcess({})
    directory = other.ready["dir"]
    other.process.stdin.close()
    check(other.process.wait(10) == 0 and not os.path.exists(directory), "stdin EOF stops the world")
    print("all passed" if failures == 0 else f"{failures} FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
