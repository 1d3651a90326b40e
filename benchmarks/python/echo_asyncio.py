"""Loopback echo with asyncio streams, server and clients in one loop: the peer of EchoComparison.

Usage: python3 echo_asyncio.py CONNECTIONS MESSAGE_SIZE SECONDS
Prints: ops=<round trips> wall=<s> cpu=<process CPU s>
"""
import asyncio, resource, sys, time


async def handle(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def client(port, size, deadline, counts, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    msg = b"x" * size
    n = 0
    while time.monotonic() < deadline:
        writer.write(msg)
        await reader.readexactly(size)
        n += 1
    counts[i] = n
    writer.close()


async def main(conns, size, seconds):
    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=1 << 17)
    port = server.sockets[0].getsockname()[1]
    counts = [0] * conns
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.monotonic()
    await asyncio.gather(*(client(port, size, t0 + seconds, counts, i) for i in range(conns)))
    wall = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    server.close()
    print(f"ops={sum(counts)} wall={wall:.3f} cpu={cpu:.3f}")


asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
