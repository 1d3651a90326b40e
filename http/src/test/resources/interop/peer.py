"""CPython asyncio-streams peers for Tulip's interoperability tests (no third-party module).

  python3 peer.py ws-client PORT     WebSocket client: echo exchange, ping, close 1000; prints what it got
  python3 peer.py http-client PORT   HTTP/1.1 keep-alive client: two requests on one connection
  python3 peer.py ws-server          WebSocket server: prints its port, sends 'from python N' x3, closes 1000
"""
import asyncio
import base64
import hashlib
import os
import struct
import sys

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def frame(opcode, payload, mask):
    head = bytes([0x80 | opcode])
    n = len(payload)
    bit = 0x80 if mask else 0
    if n < 126:
        head += bytes([bit | n])
    elif n < 65536:
        head += bytes([bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", n)
    if mask:
        key = os.urandom(4)
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
        head += key
    return head + payload


async def read_frame(reader):
    b0, b1 = await reader.readexactly(2)
    n = b1 & 0x7F
    if n == 126:
        (n,) = struct.unpack("!H", await reader.readexactly(2))
    elif n == 127:
        (n,) = struct.unpack("!Q", await reader.readexactly(8))
    key = await reader.readexactly(4) if b1 & 0x80 else None
    data = await reader.readexactly(n)
    if key:
        data = bytes(b ^ key[i % 4] for i, b in enumerate(data))
    return b0 & 0x0F, bool(b0 & 0x80), data


async def ws_client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write((f"GET /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    expected = base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()
    assert head.startswith(b"HTTP/1.1 101"), head
    assert expected.encode() in head, head
    writer.write(frame(0x1, "bonjour".encode(), True))
    writer.write(frame(0x2, bytes(range(200)), True))
    writer.write(frame(0x9, b"ping!", True))
    await writer.drain()
    got = []
    while len(got) < 3:
        op, fin, data = await read_frame(reader)
        got.append({1: "text", 2: "binary", 10: "pong"}.get(op, str(op)) + " " +
                   (data.decode() if op != 2 else str(len(data))))
    writer.write(frame(0x8, struct.pack("!H", 1000) + b"au revoir", True))
    await writer.drain()
    op, fin, data = await read_frame(reader)
    got.append(f"close {struct.unpack('!H', data[:2])[0]}")
    rest = await reader.read()  # the server then closes the TCP connection
    got.append(f"eof {len(rest)}")
    writer.close()
    await writer.wait_closed()
    print("\n".join(sorted(got[:3]) + got[3:]))


async def http_client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    out = []
    for path in ("/hello?py", "/hello?again"):
        writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b"\r\n")[0].decode()
        length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
        body = await reader.readexactly(length)
        out.append(f"{status} {body.decode().strip()}")
    writer.close()
    await writer.wait_closed()
    print("\n".join(out))


async def ws_server():
    done = asyncio.Event()

    async def handle(reader, writer):
        head = await reader.readuntil(b"\r\n\r\n")
        key = [l.split(b":", 1)[1].strip() for l in head.split(b"\r\n") if l.lower().startswith(b"sec-websocket-key:")][0]
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
        writer.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        for i in range(1, 4):
            writer.write(frame(0x1, f"from python {i}".encode(), False))
        op, fin, data = await read_frame(reader)  # the client's message
        writer.write(frame(0x1, b"python got " + data, False))
        writer.write(frame(0x8, struct.pack("!H", 1000) + b"bye", False))
        await writer.drain()
        op, fin, data = await read_frame(reader)  # the client's close echo
        print(f"client closed {struct.unpack('!H', data[:2])[0]}", flush=True)
        writer.close()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await asyncio.wait_for(done.wait(), 20)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "ws-client":
        asyncio.run(asyncio.wait_for(ws_client(int(sys.argv[2])), 20))
    elif mode == "http-client":
        asyncio.run(asyncio.wait_for(http_client(int(sys.argv[2])), 20))
    elif mode == "ws-server":
        asyncio.run(ws_server())
