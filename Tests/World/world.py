#!/usr/bin/env python3
"""The tests' loopback world: a DNS server (UDP+TCP), an HTTPS server with a
test CA and an SMTP sink (optional STARTTLS), on a random 127.x.y.z address. See README.md for the protocol.

stdin line 1: the scenario (JSON). stdout: one ready line, then one JSON line per
command line read from stdin. Exits on {"cmd":"stop"} or stdin EOF. Logs to stderr.
"""

import asyncio
import errno
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dnsserver import DNSServer  # noqa: E402
from httpsserver import HTTPSServer  # noqa: E402
from pki import PKI  # noqa: E402
from smtpsink import SMTPSink, parse_hosts as parse_smtp_hosts  # noqa: E402
from stats import Stats  # noqa: E402
from zone import Zone  # noqa: E402

DNS_PORT = int(os.environ.get("WORLD_DNS_PORT", "53"))
HTTPS_PORT = int(os.environ.get("WORLD_HTTPS_PORT", "443"))
SMTP_PORT = int(os.environ.get("WORLD_SMTP_PORT", "25"))
VERBOSE = os.environ.get("WORLD_VERBOSE", "") not in ("", "0")
BIND_ATTEMPTS = 64


class World:
    """The world's state: current scenario (zone + HTTPS hosts), PKI and counters."""

    def __init__(self, directory):
        self.directory = directory
        self.stats = Stats()
        self.pki = PKI(directory)
        self.address = None
        self.zone = Zone({}, "127.0.0.1")
        self.https_hosts = {}
        self.smtp_hosts = {}
        self.dns = DNSServer(self)
        self.dns6 = DNSServer(self)
        self.dns6_port = None
        self.https = HTTPSServer(self)
        self.smtp = SMTPSink(self)

    def log(self, message, always=False):
        if VERBOSE or always:
            print(f"world[{self.address}]: {message}", file=sys.stderr, flush=True)

    def apply(self, scenario):
        """Replaces the whole scenario; raises (leaving the old one) when it is invalid."""
        if not isinstance(scenario, dict):
            raise ValueError("the scenario must be a JSON object")
        zone = Zone(scenario.get("dns") or {}, self.address)
        hosts = {name.strip().rstrip(".").lower(): (spec or {})
                 for name, spec in (scenario.get("https") or {}).items()}
        smtp_hosts = parse_smtp_hosts(scenario.get("smtp"))
        self.zone, self.https_hosts, self.smtp_hosts = zone, hosts, smtp_hosts

    async def bind(self):
        """Binds DNS, HTTPS and SMTP on a random loopback address, retrying on EADDRINUSE."""
        for _ in range(BIND_ATTEMPTS):
            address = f"127.{random.randint(2, 250)}.{random.randint(1, 254)}.{random.randint(1, 254)}"
            try:
                await self.dns.start(address, DNS_PORT)
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
                continue
            try:
                await self.https.start(address, HTTPS_PORT)
            except OSError as error:
                await self.dns.stop()
                self.dns = DNSServer(self)
                if error.errno != errno.EADDRINUSE:
                    raise
                continue
            try:
                await self.smtp.start(address, SMTP_PORT)
            except OSError as error:
                await self.https.stop()
                await self.dns.stop()
                self.dns, self.https, self.smtp = DNSServer(self), HTTPSServer(self), SMTPSink(self)
                if error.errno != errno.EADDRINUSE:
                    raise
                continue
            self.address = address
            await self.bind_ipv6()
            return
        raise OSError(errno.EADDRINUSE, "no free loopback address found")

    async def bind_ipv6(self):
        """A second DNS listener on [::1] and a free port, for IPv6 nameserver tests; the
        world works without it where IPv6 is unavailable."""
        for _ in range(BIND_ATTEMPTS):
            try:
                await self.dns6.start("::1", 0)
                self.dns6_port = self.dns6.port
                return
            except OSError as error:
                await self.dns6.stop()
                self.dns6 = DNSServer(self)
                if error.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                    raise
                if error.errno != errno.EADDRINUSE:
                    return

    async def stop(self):
        await self.smtp.stop()
        await self.https.stop()
        await self.dns.stop()
        await self.dns6.stop()

    def handle(self, command):
        """One command line → one JSON reply (runs on the event loop)."""
        name = command.get("cmd") if isinstance(command, dict) else None
        if name == "stats":
            return self.stats.snapshot()
        if name == "reset_stats":
            self.stats.reset()
            return {"ok": True}
        if name == "update":
            try:
                self.apply(command.get("scenario"))
            except (ValueError, KeyError, TypeError) as error:
                return {"ok": False, "error": f"invalid scenario: {error}"}
            return {"ok": True}
        if name == "prepare":
            try:
                return {"ok": True, "certificates": self.https.prepare()}
            except (ValueError, OSError) as error:
                return {"ok": False, "error": str(error)}
        if name == "stop":
            return {"ok": True}
        return {"ok": False, "error": f"unknown command {name!r}"}


def emit(payload):
    sys.stdout.write(json.dumps(payload, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def command_loop(loop, world, finished):
    """Reads commands from stdin on a thread; EOF or "stop" ends the world."""
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            command = json.loads(line)
        except json.JSONDecodeError as error:
            emit({"ok": False, "error": f"invalid JSON: {error}"})
            continue
        if isinstance(command, dict) and command.get("cmd") == "stop":
            asyncio.run_coroutine_threadsafe(world.stop(), loop).result()
            emit({"ok": True})
            break
        emit(asyncio.run_coroutine_threadsafe(_handle(world, command), loop).result())
    loop.call_soon_threadsafe(finished.set)


async def _handle(world, command):
    return world.handle(command)


async def run(scenario, directory):
    loop = asyncio.get_running_loop()
    finished = asyncio.Event()
    world = World(directory)
    await world.bind()
    try:
        world.apply(scenario)
    except (ValueError, KeyError, TypeError) as error:
        emit({"ready": False, "error": f"invalid scenario: {error}"})
        await world.stop()
        return 2
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, finished.set)
    emit({"ready": True, "address": world.address, "dns_port": DNS_PORT, "dns6_port": world.dns6_port,
          "https_port": HTTPS_PORT, "smtp_port": SMTP_PORT, "ca_file": world.pki.ca_file, "dir": directory})
    world.log("ready", always=VERBOSE)
    threading.Thread(target=command_loop, args=(loop, world, finished), daemon=True).start()
    await finished.wait()
    await world.stop()
    return 0


def _temporary_base():
    """WORLD_TMPDIR, else /dev/shm (tmpfs: writing thousands of leaf certificates there
    is ~25x faster than on a journaled /tmp), else the system temporary directory."""
    configured = os.environ.get("WORLD_TMPDIR")
    if configured:
        return configured
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return "/dev/shm"
    return None


def main():
    first = sys.stdin.readline()
    try:
        scenario = json.loads(first) if first.strip() else {}
    except json.JSONDecodeError as error:
        emit({"ready": False, "error": f"the first line is not a JSON scenario: {error}"})
        return 2
    directory = None
    try:
        directory = tempfile.mkdtemp(prefix="world-", dir=_temporary_base())
        os.chmod(directory, 0o755)  # other users (e.g. Exim) may need to read ca.pem
        return asyncio.run(run(scenario, directory))
    except Exception as error:
        print(f"world: failed: {error!r}", file=sys.stderr, flush=True)
        emit({"ready": False, "error": str(error)})
        return 1
    finally:
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
