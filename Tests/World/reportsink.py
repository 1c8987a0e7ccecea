#!/usr/bin/env python3
"""A tiny SMTP sink on loopback for the report tests (RFC 5321 subset: EHLO/HELO, MAIL,
RCPT, DATA, RSET, NOOP, QUIT). Standard library only.

Protocol (like world.py): `python3 reportsink.py DIR` prints one line
  {"ready":true,"address":"127.0.0.1","port":N,"dir":"DIR"}
then reads one JSON command per line on stdin and answers each with one line:
  {"cmd":"stats"}                 -> {"messages":n,"hung":n,"connections":n}
  {"cmd":"mode","mode":"normal"}  -> {"ok":true}   modes: normal, hang (after the final "."
                                     of DATA, never answer: the message is not accepted)
  {"cmd":"stop"}                  -> {"ok":true}, then exits (also on stdin EOF)
Accepted messages are stored as DIR/<n>.eml (dot-unstuffed, CRLF kept) with the envelope
in DIR/<n>.json ({"from": ..., "to": [...]}).
"""
import asyncio
import json
import os
import sys


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.mode = "normal"
        self.messages = 0
        self.hung = 0
        self.connections = 0
        self.stopping = asyncio.Event()

    async def serve(self, reader, writer):
        self.connections += 1
        sender, recipients = None, []
        try:
            writer.write(b"220 reportsink ESMTP\r\n")
            await writer.drain()
            while True:
                line = await reader.readline()
                if not line:
                    return
                command = line.decode("latin-1").rstrip("\r\n")
                verb = command.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    writer.write(b"250-reportsink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
                elif verb == "HELO":
                    writer.write(b"250 reportsink\r\n")
                elif verb == "MAIL":
                    sender, recipients = command[10:].split(" ")[0].strip("<>"), []
                    writer.write(b"250 OK\r\n")
                elif verb == "RCPT":
                    recipients.append(command[8:].split(" ")[0].strip("<>"))
                    writer.write(b"250 OK\r\n")
                elif verb == "DATA":
                    writer.write(b"354 go ahead\r\n")
                    await writer.drain()
                    data = await self.read_data(reader)
                    if data is None:
                        return
                    if self.mode == "hang":
                        self.hung += 1
                        await self.stopping.wait()
                        return
                    self.messages += 1
                    number = self.messages
                    with open(os.path.join(self.directory, f"{number}.eml"), "wb") as output:
                        output.write(data)
                    with open(os.path.join(self.directory, f"{number}.json"), "w") as output:
                        json.dump({"from": sender, "to": recipients}, output)
                    writer.write(f"250 OK queued as {number}\r\n".encode())
                elif verb in ("RSET", "NOOP"):
                    writer.write(b"250 OK\r\n")
                elif verb == "QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    return
                else:
                    writer.write(b"502 not implemented\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()

    @staticmethod
    async def read_data(reader):
        lines = []
        while True:
            line = await reader.readline()
            if not line:
                return None  # connection lost mid-message: nothing was accepted
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


async def main():
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    sink = Sink(directory)
    server = await asyncio.start_server(sink.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(json.dumps({"ready": True, "address": "127.0.0.1", "port": port, "dir": directory}), flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        try:
            command = json.loads(line)
        except ValueError:
            print(json.dumps({"ok": False, "error": "not JSON"}), flush=True)
            continue
        name = command.get("cmd")
        if name == "stats":
            print(json.dumps({"messages": sink.messages, "hung": sink.hung,
                              "connections": sink.connections}), flush=True)
        elif name == "mode" and command.get("mode") in ("normal", "hang"):
            sink.mode = command["mode"]
            print(json.dumps({"ok": True}), flush=True)
        elif name == "stop":
            print(json.dumps({"ok": True}), flush=True)
            break
        else:
            print(json.dumps({"ok": False, "error": "unknown command"}), flush=True)
    sink.stopping.set()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
