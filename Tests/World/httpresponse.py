"""What one HTTPS host answers, normal or hostile (`behaviour`)."""

import asyncio
import fcntl
import http
import socket
import struct
import termios

FILLER_LINE = b"# padding...\n"
ENDLESS_CHUNK = 16 * 1024
NOT_FOUND_BODY = "not found\n"


class HostConfig:
    """One entry of the scenario's "https" map, with the documented defaults."""

    def __init__(self, spec):
        spec = spec or {}
        self.certificate = spec.get("certificate") or "valid"
        self.status = int(spec.get("status") or 200)
        self.content_type = spec["content_type"] if "content_type" in spec else "text/plain"
        self.body = (spec.get("body") or "").encode("utf-8")
        self.body_size = spec.get("body_size")
        self.headers = dict(spec.get("headers") or {})
        self.behaviour = spec.get("behaviour") or None
        self.record_posts = bool(spec.get("record_posts"))

    @classmethod
    def not_found(cls):
        return cls({"certificate": "unknown", "status": 404, "body": NOT_FOUND_BODY})

    def full_body(self):
        """`body`, padded with filler lines (or cut) to exactly `body_size` bytes."""
        if self.body_size is None:
            return self.body
        size = int(self.body_size)
        if size <= len(self.body):
            return self.body[:size]
        remaining = size - len(self.body)
        lines, rest = divmod(remaining, len(FILLER_LINE))
        tail = (b"#" * (rest - 1) + b"\n") if rest else b""
        return self.body + FILLER_LINE * lines + tail

    def head(self, content_length=None, chunked=False):
        try:
            reason = http.HTTPStatus(self.status).phrase
        except ValueError:
            reason = "Unknown"
        lines = [f"HTTP/1.1 {self.status} {reason}"]
        if self.content_type is not None:
            lines.append(f"Content-Type: {self.content_type}")
        for name, value in self.headers.items():
            lines.append(f"{name}: {value}")
        if chunked:
            lines.append("Transfer-Encoding: chunked")
        elif content_length is not None:
            lines.append(f"Content-Length: {content_length}")
        lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


async def respond(config, writer, stopping):
    """Writes the response for `config` on `writer`; hostile behaviours may never end
    (they return when the world is stopping or the client goes away)."""
    behaviour = config.behaviour
    body = config.full_body()
    if behaviour == "hang":
        await stopping.wait()
    elif behaviour == "trickle":
        await _trickle(config.head(len(body)) + body, writer, stopping)
    elif behaviour == "chunked":
        writer.write(config.head(chunked=True) + _chunked(body))
        await writer.drain()
    elif behaviour == "endless-body":
        await _endless_body(config, writer)
    elif behaviour == "endless-header":
        await _endless_header(config, writer)
    elif behaviour == "reset-mid-body":
        await _reset_mid_body(config.head(len(body)), body, writer)
    else:
        writer.write(config.head(len(body)) + body)
        await writer.drain()


def _chunked(body, size=1000):
    out = bytearray()
    for start in range(0, len(body), size):
        chunk = body[start:start + size]
        out += f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    return bytes(out + b"0\r\n\r\n")


async def _trickle(response, writer, stopping):
    for index in range(len(response)):
        writer.write(response[index:index + 1])
        await writer.drain()
        try:
            await asyncio.wait_for(stopping.wait(), 1.0)
            return
        except asyncio.TimeoutError:
            pass
    await stopping.wait()


async def _endless_body(config, writer):
    writer.write(config.head(chunked=True))
    chunk = f"{ENDLESS_CHUNK:x}\r\n".encode() + (FILLER_LINE * (ENDLESS_CHUNK // len(FILLER_LINE) + 1))[:ENDLESS_CHUNK] + b"\r\n"
    while True:
        writer.write(chunk)
        await writer.drain()
        await asyncio.sleep(0)


async def _endless_header(config, writer):
    writer.write(f"HTTP/1.1 {config.status} OK\r\n".encode())
    number = 0
    while True:
        lines = b"".join(f"X-Filler-{number + i}: {'a' * 64}\r\n".encode() for i in range(64))
        number += 64
        writer.write(lines)
        await writer.drain()
        await asyncio.sleep(0)


async def _reset_mid_body(head, body, writer):
    """Headers and half the body, then a TCP RST (SO_LINGER with zero timeout)."""
    writer.write(head + body[: len(body) // 2])
    await writer.drain()
    transport = writer.transport
    raw = transport.get_extra_info("socket")
    # Let the bytes leave the process and the kernel first: a RST discards unsent data.
    for _ in range(200):
        if transport.get_write_buffer_size() == 0 and _unsent_bytes(raw) == 0:
            break
        await asyncio.sleep(0.01)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


def _unsent_bytes(raw):
    try:
        return struct.unpack("i", fcntl.ioctl(raw.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]
    except OSError:
        return 0
