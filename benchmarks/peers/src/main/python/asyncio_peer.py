"""The workloads as CPython asyncio code, for the side-by-side runner (benchmarks/peers/run).

Usage: python3 asyncio_peer.py <repetitions> <workload>...; prints one RESULT line per workload (the
best repetition), as the JVM peers do. Sizes mirror dev.tulip.peers.Workloads. Allocation is not
measured (tracemalloc would slow everything down several times): the column shows a dash.
"""
import asyncio
import gc
import sys
import time
import tracemalloc

SLEEP0 = 3_000_000
PINGPONG = 500_000
TASKS = 1_000_000
SLEEPERS = 1_000_000
ITEMS = 2_000_000
CHAINS = 1_000_000
LOCKERS = 4
ACQUISITIONS = 500_000
FANOUT = 1_000
FANOUTS = 300
TIMERS = 1_000_000
TIMER_SPREAD = 0.5
STORM = 10_000
STORMS = 10
ITEM = object()

# Python is slower by an order of magnitude: it runs a tenth of the operations of the throughput rows
# (the figures are rates, so they stay comparable). Rows whose figure is a total keep their size.
SCALE = 10


def scrambled(i):
    return ((i * 2654435761) & 0xFFFFFFFF) / 4294967296.0 * TIMER_SPREAD


class Sample:
    def start(self):
        self.cpu0 = time.process_time()
        self.wall0 = time.perf_counter()

    def stop(self):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


async def nothing():
    return 1


async def sleep0(n, s):
    s.start()
    for _ in range(n):
        await asyncio.sleep(0)
    s.stop()


async def pingpong(n, s):
    a, b = asyncio.Queue(1), asyncio.Queue(1)

    async def pinger():
        for _ in range(n):
            await a.put(ITEM)
            await b.get()

    async def ponger():
        for _ in range(n):
            await b.put(await a.get())

    s.start()
    p, q = asyncio.create_task(pinger()), asyncio.create_task(ponger())
    await p
    await q
    s.stop()


async def tasks(n, s):
    s.start()
    all_ = [asyncio.create_task(nothing()) for _ in range(n)]
    for t in all_:
        await t
    s.stop()


async def sleeper(seconds):
    await asyncio.sleep(seconds)


async def sleepers(n, out):
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    all_ = [asyncio.create_task(sleeper(3600)) for _ in range(n)]
    await asyncio.sleep(0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    out[0] = (after - before) / n
    for t in all_:
        t.cancel()
    for t in all_:
        try:
            await t
        except asyncio.CancelledError:
            pass


async def queue(size, n, s):
    q = asyncio.Queue(size)

    async def producer():
        for _ in range(n):
            await q.put(ITEM)

    async def consumer():
        for _ in range(n):
            await q.get()

    s.start()
    p, c = asyncio.create_task(producer()), asyncio.create_task(consumer())
    await p
    await c
    s.stop()


async def nested(depth):
    if depth == 0:
        return 0
    return await nested(depth - 1) + 1


async def chains(n, s):
    s.start()
    total = 0
    for _ in range(n):
        total += await nested(9)
    s.stop()
    assert total == 9 * n


async def lock(n, s):
    lk = asyncio.Lock()

    async def locker():
        for _ in range(n // LOCKERS):
            async with lk:
                await asyncio.sleep(0)

    s.start()
    all_ = [asyncio.create_task(locker()) for _ in range(LOCKERS)]
    for t in all_:
        await t
    s.stop()


async def gathers(n, s):
    s.start()
    for _ in range(n):
        results = await asyncio.gather(*[nothing() for _ in range(FANOUT)])
        assert len(results) == FANOUT
    s.stop()


async def groups(n, s):
    s.start()
    for _ in range(n):
        async with asyncio.TaskGroup() as tg:
            for _ in range(FANOUT):
                tg.create_task(nothing())
    s.stop()


async def timers(n, s):
    s.start()
    all_ = [asyncio.create_task(sleeper(scrambled(i))) for i in range(n)]
    for t in all_:
        await t
    s.stop()


async def storms(storms_, s):
    async def on_future(f):
        await f

    async def on_lock(lk):
        async with lk:
            pass

    async def on_queue(q):
        await q.get()

    loop = asyncio.get_running_loop()
    s.start()
    for _ in range(storms_):
        f = loop.create_future()
        lk = asyncio.Lock()
        q = asyncio.Queue()
        await lk.acquire()
        all_ = []
        for i in range(STORM):
            k = i % 3
            all_.append(asyncio.create_task(on_future(f) if k == 0 else on_lock(lk) if k == 1 else on_queue(q)))
        await asyncio.sleep(0)
        for t in all_:
            t.cancel()
        for t in all_:
            try:
                await t
            except asyncio.CancelledError:
                pass
        lk.release()
    s.stop()


# name: (coroutine factory, operations, kind of figure)
WORKLOADS = {
    "sleep0": (lambda s, x: sleep0(SLEEP0 // SCALE, s), SLEEP0 // SCALE, "rate"),
    "pingpong": (lambda s, x: pingpong(PINGPONG // SCALE, s), PINGPONG // SCALE, "rate"),
    "tasks": (lambda s, x: tasks(TASKS, s), TASKS, "wall"),
    "sleepers": (lambda s, x: sleepers(SLEEPERS, x), SLEEPERS, "extra"),
    "queue1": (lambda s, x: queue(1, ITEMS // SCALE, s), ITEMS // SCALE, "rate"),
    "queue1000": (lambda s, x: queue(1000, ITEMS // SCALE, s), ITEMS // SCALE, "rate"),
    "chain10": (lambda s, x: chains(CHAINS // SCALE, s), CHAINS // SCALE, "rate"),
    "lock": (lambda s, x: lock(ACQUISITIONS // SCALE, s), ACQUISITIONS // SCALE, "rate"),
    "gather": (lambda s, x: gathers(FANOUTS // SCALE, s), FANOUTS // SCALE, "krate"),
    "taskgroup": (lambda s, x: groups(FANOUTS // SCALE, s), FANOUTS // SCALE, "krate"),
    "timers": (lambda s, x: timers(TIMERS, s), TIMERS, "cpu"),
    "storm": (lambda s, x: storms(STORMS, s), STORMS * STORM, "rate"),
}
LOWER_IS_BETTER = {"wall", "cpu", "extra"}


def main(argv):
    reps = int(argv[0])
    for name in argv[1:]:
        factory, ops, kind = WORKLOADS[name]
        best = None
        for _ in range(1 if kind == "extra" else reps):
            s, extra = Sample(), [None]
            asyncio.run(factory(s, extra))
            if kind == "extra":
                figure = extra[0]
            elif kind == "wall":
                figure = s.wall
            elif kind == "cpu":
                figure = s.cpu
            elif kind == "krate":
                figure = ops / s.wall / 1e3
            else:
                figure = ops / s.wall / 1e6
            if best is None or (figure < best if kind in LOWER_IS_BETTER else figure > best):
                best = figure
        print("RESULT %s %.6g -1" % (name, best), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
