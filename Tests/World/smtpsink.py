"""SMTP sink on the world's address (port 25): accepts every message and counts it.

STARTTLS is offered per listening address (SMTP names no host before TLS): it is advertised
unless every scenario `smtp` host says `"starttls": false`. The certificate is chosen by the
SNI the client sends (`tls_sni` in Exim), like the HTTPS server; unknown or missing SNI gets
a CA-signed certificate for `unknown.invalid`. Messages are counted by SNI (else `-`).
"""

import asyncio
import ssl

COMMAND_SECONDS = 60
MAX_LINE = 8192
MAX_MESSAGE = 16 * 1024 * 1024
NO_SNI = "-"


class SMTPHostConfig:
    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ValueError("an smtp host must be a JSON object")
        self.starttls = bool(spec.get("starttls", True))
        self.certificate = spec.get("certificate", "valid")
        if self.certificate not in ("valid", "expired", "self-signed", "wrong-host"):
            raise ValueError(f"unknown smtp certificate kind {self.certificate!r}")


def parse_hosts(section):
    """The scenario's `smtp` object → {lower-case host: SMTPHostConfig}; raises ValueError."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ValueError("smtp must be a JSON object of host names")
    return {name.strip().rstrip(".").lower(): SMTPHostConfig(spec or {}) for name, spec in section.items()}


class SMTPSink:
    def __init__(self, world):
        self.world = world
        self.server = None
        self.contexts = {}
        self.sessions = set()

    async def start(self, address, port):
        self.server = await asyncio.start_server(self._serve, address, port, limit=MAX_LINE,
                                                 reuse_address=True, backlog=128)

    async def stop(self):
        if self.server is not None:
            self.server.close()
        for task in list(self.sessions):
            task.cancel()
        if self.sessions:
            await asyncio.gather(*self.sessions, return_exceptions=True)

    # ------------------------------------------------------------ session

    async def _serve(self, reader, writer):
        task = asyncio.current_task()
        self.sessions.add(task)
        stats = self.world.stats
        stats.smtp_connections += 1
        session = {"sni": None, "tls": False}
        try:
            await self._dialogue(reader, writer, session)
        except (ssl.SSLError, ConnectionError, asyncio.TimeoutError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError, OSError) as error:
            self.world.log(f"smtp: session ended: {error!r}")
        except asyncio.CancelledError:
            pass
        finally:
            self.sessions.discard(task)
            writer.close()

    async def _dialogue(self, reader, writer, session):
        async def reply(text):
            writer.write(text.encode("ascii") + b"\r\n")
            await writer.drain()

        await reply("220 world.test ESMTP sink")
        while True:
            line = await asyncio.wait_for(reader.readline(), COMMAND_SECONDS)
            if not line:
                return
            command = line.decode("latin-1").strip()
            verb = command.split(" ", 1)[0].upper()
            self.world.log(f"smtp: {command}")
            if verb in ("EHLO", "HELO"):
                offer = verb == "EHLO" and not session["tls"] and self._offers_starttls()
                await reply("250-world.test\r\n250-8BITMIME\r\n" + ("250-STARTTLS\r\n" if offer else "")
                            + "250 HELP")
            elif verb == "STARTTLS" and not session["tls"] and self._offers_starttls():
                await reply("220 go ahead")
                await writer.start_tls(self._server_context(session), ssl_handshake_timeout=COMMAND_SECONDS)
                session["tls"] = True
                self.world.stats.smtp_tls_sessions += 1
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                await reply("250 OK")
            elif verb == "DATA":
                await reply("354 go ahead")
                await self._read_message(reader)
                self.world.stats.count_smtp_message(session["sni"] or NO_SNI, session["tls"])
                await reply("250 OK queued")
            elif verb == "QUIT":
                await reply("221 bye")
                return
            else:
                await reply("500 unrecognised command")

    async def _read_message(self, reader):
        size = 0
        while True:
            line = await asyncio.wait_for(reader.readline(), COMMAND_SECONDS)
            if not line:
                raise ConnectionError("connection closed during DATA")
            if line in (b".\r\n", b".\n"):
                return
            size += len(line)
            if size > MAX_MESSAGE:
                raise ConnectionError("message too large")

    # ------------------------------------------------------------ TLS

    def _offers_starttls(self):
        hosts = self.world.smtp_hosts
        return not hosts or any(config.starttls for config in hosts.values())

    def _server_context(self, session):
        """A context whose SNI callback swaps in the named host's certificate."""
        context = self._context("", "unknown")

        def choose(ssl_object, server_name, _context):
            name = (server_name or "").rstrip(".").lower()
            session["sni"] = name or None
            config = self.world.smtp_hosts.get(name)
            if config is not None:
                ssl_object.context = self._context(name, config.certificate)
            return None

        context.sni_callback = choose
        return context

    def _context(self, host, kind):
        key = ("", kind) if kind in ("wrong-host", "unknown") else (host, kind)
        context = self.contexts.get(key)
        if context is None:
            certificate_file, key_file = self.world.pki.leaf(host, kind)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate_file, key_file)
            if key == ("", "unknown"):
                return context  # the SNI callback is set per session on a fresh context
            self.contexts[key] = context
        return context
