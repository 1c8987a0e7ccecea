"""HTTPS on the world's address: SNI picks the host; one asyncio task per connection.

Each accepted socket is peeked for its ClientHello (SNI) before TLS starts, so
the certificate can be chosen per host and `hang-handshake` can stay silent.
"""

import asyncio
import os
import collections
import socket
import ssl

import httpresponse
import tlshello
from httpresponse import HostConfig

HANDSHAKE_SECONDS = 30
REQUEST_SECONDS = 30
MAX_REQUEST_HEAD = 64 * 1024
CONTEXT_CACHE_SIZE = 12000  # ~20 KiB each; covers a 10,000-domain benchmark


class HTTPSServer:
    def __init__(self, world):
        self.world = world
        self.listener = None
        self.accept_task = None
        self.connections = set()
        self.contexts = collections.OrderedDict()
        self.stopping = asyncio.Event()

    async def start(self, address, port):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((address, port))
            listener.listen(4096)
        except OSError:
            listener.close()
            raise
        listener.setblocking(False)
        self.listener = listener
        self.accept_task = asyncio.get_running_loop().create_task(self._accept_loop())

    async def stop(self):
        self.stopping.set()
        if self.accept_task is not None:
            self.accept_task.cancel()
            await asyncio.gather(self.accept_task, return_exceptions=True)
        if self.listener is not None:
            self.listener.close()
        for task in list(self.connections):
            task.cancel()
        if self.connections:
            await asyncio.gather(*self.connections, return_exceptions=True)

    # ------------------------------------------------------------ connections

    async def _accept_loop(self):
        loop = asyncio.get_running_loop()
        while True:
            try:
                connection, _ = await loop.sock_accept(self.listener)
            except OSError as error:
                self.world.log(f"https: accept failed: {error!r}")
                await asyncio.sleep(0.01)
                continue
            task = loop.create_task(self._serve(connection))
            self.connections.add(task)
            task.add_done_callback(self.connections.discard)

    async def _serve(self, connection):
        stats = self.world.stats
        stats.connection_opened()
        transport = None
        try:
            connection.setblocking(False)
            sni = await self._peek_server_name(connection)
            if sni is tlshello.INCOMPLETE:
                return
            config = self._config(sni)
            if config.behaviour == "hang-handshake":
                await self.stopping.wait()
                return
            transport, reader, writer = await self._start_tls(connection, sni, config)
            connection = None  # the transport owns it now
            await self._handle_request(sni, config, reader, writer)
        except (ssl.SSLError, ConnectionError, asyncio.TimeoutError, asyncio.IncompleteReadError,
                asyncio.LimitOverrunError) as error:
            self.world.log(f"https: connection ended: {error!r}")
        except asyncio.CancelledError:
            pass
        except Exception as error:
            self.world.log(f"https: error: {error!r}")
        finally:
            stats.connection_closed()
            if transport is not None and not transport.is_closing():
                transport.close()
            if connection is not None:
                connection.close()

    async def _peek_server_name(self, connection):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HANDSHAKE_SECONDS
        while loop.time() < deadline:
            await _readable(loop, connection, deadline - loop.time())
            data = connection.recv(16384, socket.MSG_PEEK)
            if not data:
                return tlshello.INCOMPLETE
            name = tlshello.server_name(data)
            if name is not tlshello.INCOMPLETE:
                return name
            await asyncio.sleep(0.005)  # a partial ClientHello stays readable: back off
        return tlshello.INCOMPLETE

    async def _start_tls(self, connection, sni, config):
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=MAX_REQUEST_HEAD)
        protocol = asyncio.StreamReaderProtocol(reader)
        context = self._context(sni, config.certificate if sni in self.world.https_hosts else "unknown")
        transport, _ = await loop.connect_accepted_socket(
            lambda: protocol, connection, ssl=context, ssl_handshake_timeout=HANDSHAKE_SECONDS)
        writer = asyncio.StreamWriter(transport, protocol, reader, loop)
        return transport, reader, writer

    async def _handle_request(self, sni, config, reader, writer):
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_SECONDS)
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        path = parts[1] if len(parts) >= 2 else ""
        host_header = next((line.split(":", 1)[1].strip() for line in lines[1:]
                            if line.lower().startswith("host:")), "")
        host = sni or host_header.rsplit(":", 1)[0].strip("[]").lower()
        if not sni:
            config = self._config(host)
        self.world.stats.count_request(host, path)
        self.world.log(f"https: {host} {lines[0]}")
        if config.record_posts and parts[0] == "POST":
            await self._record_post(host, lines, reader)
        await httpresponse.respond(config, writer, self.stopping)
        writer.close()

    async def _record_post(self, host, lines, reader):
        """Reads a POST body (Content-Length, at most 1 MiB) and stores it as
        <dir>/posts/<host>/<n>.body with its Content-Type in <n>.type; counted in https_posts."""
        headers = {line.split(":", 1)[0].strip().lower(): line.split(":", 1)[1].strip()
                   for line in lines[1:] if ":" in line}
        length = int(headers.get("content-length", "0") or "0")
        body = await asyncio.wait_for(reader.readexactly(min(length, 1 << 20)), REQUEST_SECONDS)
        number = self.world.stats.count_post(host)
        folder = os.path.join(self.world.directory, "posts", host)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{number}.body"), "wb") as output:
            output.write(body)
        with open(os.path.join(folder, f"{number}.type"), "w") as output:
            output.write(headers.get("content-type", ""))

    # ------------------------------------------------------------ configuration

    def prepare(self):
        """Makes the certificate and SSL context of every scenario host now instead of on
        first use (for benchmarks that should not measure the world). Returns the count."""
        count = 0
        for host in list(self.world.https_hosts):
            config = self._config(host)
            if config.behaviour != "hang-handshake":
                self._context(host, config.certificate)
                count += 1
        return count

    def _config(self, host):
        spec = self.world.https_hosts.get(host) if host else None
        return HostConfig(spec) if spec is not None else HostConfig.not_found()

    def _context(self, host, kind):
        """A cached server SSLContext for (host, certificate kind)."""
        key = ("", kind) if kind in ("wrong-host", "unknown") else (host, kind)
        context = self.contexts.get(key)
        if context is not None:
            self.contexts.move_to_end(key)
            return context
        certificate_file, key_file = self.world.pki.leaf(host or "", kind)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate_file, key_file)
        context.set_alpn_protocols(["http/1.1"])
        self.contexts[key] = context
        if len(self.contexts) > CONTEXT_CACHE_SIZE:
            self.contexts.popitem(last=False)
        return context


async def _readable(loop, connection, timeout):
    future = loop.create_future()

    def ready():
        if not future.done():
            future.set_result(None)

    loop.add_reader(connection.fileno(), ready)
    try:
        await asyncio.wait_for(future, max(timeout, 0.001))
    finally:
        loop.remove_reader(connection.fileno())
