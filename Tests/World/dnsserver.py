"""DNS over UDP and TCP (RFC 1035 §4.2, RFC 7766) on the world's address."""

import asyncio
import socket
import struct

from dnsresponder import Responder

TCP_IDLE_SECONDS = 120


class _UDPProtocol(asyncio.DatagramProtocol):
    def __init__(self, responder):
        self.responder = responder
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        try:
            reply = self.responder.respond(data, over_tcp=False)
        except Exception as error:  # never let one query kill the server
            self.responder.world.log(f"dns/udp: error answering: {error!r}")
            return
        if reply is not None:
            self.transport.sendto(reply.data, addr)

    def error_received(self, exc):
        pass


class DNSServer:
    """Owns the UDP endpoint, the TCP listener and every open TCP connection."""

    def __init__(self, world):
        self.world = world
        self.responder = Responder(world)
        self.udp_transport = None
        self.tcp_server = None
        self.connections = set()

    async def start(self, address, port):
        """Binds UDP then TCP (IPv4 or IPv6 by the address); port 0 picks a free UDP port and
        binds TCP to the same number. Raises OSError (EADDRINUSE) for the caller to retry."""
        loop = asyncio.get_running_loop()
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        udp = socket.socket(family, socket.SOCK_DGRAM)
        try:
            udp.bind((address, port))
        except OSError:
            udp.close()
            raise
        port = udp.getsockname()[1]
        self.port = port
        self.udp_transport, _ = await loop.create_datagram_endpoint(
            lambda: _UDPProtocol(self.responder), sock=udp)
        try:
            self.tcp_server = await asyncio.start_server(
                self._serve_tcp, address, port, reuse_address=True, backlog=1024)
        except OSError:
            self.udp_transport.close()
            raise

    async def _serve_tcp(self, reader, writer):
        task = asyncio.current_task()
        self.connections.add(task)
        try:
            while True:
                try:
                    prefix = await asyncio.wait_for(reader.readexactly(2), TCP_IDLE_SECONDS)
                    length = struct.unpack("!H", prefix)[0]
                    message = await asyncio.wait_for(reader.readexactly(length), TCP_IDLE_SECONDS)
                except (asyncio.IncompleteReadError, asyncio.TimeoutError, ConnectionError):
                    return
                reply = self.responder.respond(message, over_tcp=True)
                if reply is None:
                    continue  # `timeout`: keep reading, never answer
                length = reply.tcp_length if reply.tcp_length is not None else len(reply.data)
                writer.write(struct.pack("!H", min(length, 0xFFFF)) + reply.data)
                await writer.drain()
                if reply.close:
                    return
        except asyncio.CancelledError:
            pass
        except Exception as error:
            self.world.log(f"dns/tcp: error: {error!r}")
        finally:
            self.connections.discard(task)
            writer.close()

    async def stop(self):
        if self.udp_transport is not None:
            self.udp_transport.close()
        if self.tcp_server is not None:
            self.tcp_server.close()
        for task in list(self.connections):
            task.cancel()
        if self.connections:
            await asyncio.gather(*self.connections, return_exceptions=True)
