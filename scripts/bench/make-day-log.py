#!/usr/bin/env python3
"""Writes SIZE_MB of realistic Exim 4.96 main-log lines for 2026-11-24 (UTC, +0000), in the
forms the real Exim writes (Tests/Fixtures/TLSSessions): arrivals, deliveries with TLS,
further recipients, reused connections, TLS failures, 4xx deferrals, noise, completions.
usage: make-day-log.py PATH SIZE_MB"""
import random
import sys

path, size = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
random.seed(8460)
ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DOMAINS = [f"{'p' if i % 3 == 0 else 'd'}{i}.example" for i in range(2000)]
CIPHER = "TLS1.3:ECDHE_SECP256R1__ECDSA_SECP256R1_SHA256__AES_256_GCM:256"


def msgid(n):
    out = []
    for _ in range(16):
        out.append(ALPHA[n % 62])
        n //= 62
    s = "".join(out)
    return f"1x{s[:4]}-{s[4:10]}-{s[10:12]}"


written = 0
n = 0
with open(path, "w", buffering=1 << 20) as out:
    while written < size:
        t = 1_795_478_400 + (n * 86_399 * 1_000_000 // max(size // 350, 1)) // 1_000_000 % 86_400
        hh, mm, ss = t % 86400 // 3600, t % 3600 // 60, t % 60
        stamp = f"2026-11-24 {hh:02}:{mm:02}:{ss:02} +0000"
        mid = msgid(n * 7919 + 17)
        d = DOMAINS[n % len(DOMAINS)]
        ip = f"192.0.{n % 200}.{n % 250 + 1}"
        host = f"mx{n % 3}.{d}"
        r = random.random()
        lines = [f"{stamp} {mid} <= alice{n % 97}@sender.example H=client.sender.example [198.51.100.{n % 250}]:52431 I=[203.0.113.1]:25 P=esmtps X={CIPHER} CV=no S={1000 + n % 50000} id=msg{n}@sender.example"]
        if r < 0.80:
            lines.append(f"{stamp} {mid} H={host} [{ip}] TLS error on connection (recv): Error in the pull function.")
            lines.append(f"{stamp} {mid} => bob{n % 13}@{d} R=dnslookup T=remote_smtp H={host} [{ip}]:25 X={CIPHER} CV=yes DN=\"CN={host}\" C=\"250 2.0.0 OK id=abc{n}\"")
            if r < 0.2:
                lines.append(f"{stamp} {mid} -> carol@{d} R=dnslookup T=remote_smtp H={host} [{ip}]:25 X={CIPHER} CV=yes DN=\"CN={host}\" C=\"250 2.0.0 OK id=abc{n}\"")
        elif r < 0.88:
            lines.append(f"{stamp} {mid} => dave@{d} R=dnslookup T=remote_smtp H={host} [{ip}]:25* X={CIPHER} CV=no C=\"250 OK\"")
        elif r < 0.93:
            lines.append(f"{stamp} {mid} == eve@{d} R=dnslookup T=remote_smtp defer (-44) H={host} [{ip}]:25: SMTP error from remote mail server after RCPT TO:<eve@{d}>: 451 4.7.1 greylisted")
        elif r < 0.97:
            lines.append(f"{stamp} {mid} == frank@{d} R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-37) H={host} [{ip}]:25: TLS session: (certificate verification failed): certificate invalid")
        else:
            lines.append(f"{stamp} {mid} H={host} [{ip}]:25: a TLS session is required, but the server did not offer TLS support")
            lines.append(f"{stamp} {mid} == gina@{d} R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-38) H={host} [{ip}]:25: a TLS session is required, but the server did not offer TLS support")
        lines.append(f"{stamp} {mid} Completed")
        text = "\n".join(lines) + "\n"
        out.write(text)
        written += len(text)
        n += 1
print(f"{path}: {written / 1e6:.0f} MB, {n} messages")
