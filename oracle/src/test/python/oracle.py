"""Random asyncio programs, written twice: in Python (run here by CPython on a virtual-time loop) and in
Java (@Async code, compiled and run on Tulip's virtual-time loop by CPythonOracleTest). Same seed, same
program; the traces must be identical.

Usage: python3 oracle.py <out-dir> <first-seed> <count>
Writes <out-dir>/java/dev/tulip/oracle/gen/P<seed>.java, <out-dir>/py/p<seed>.py and
<out-dir>/expected/<seed>.txt (CPython's trace; a program whose run hit two timers due at the same
instant, where asyncio's heap order is unspecified and Tulip runs them FIFO, is written as
"AMBIGUOUS" and not compared).

Trace lines: "<virtual time in microseconds> <task name> <event>". Sleep durations are whole
milliseconds plus a distinct number of microseconds per statement, so that equal deadlines are rare (and
detected when they happen).
"""
import asyncio
import gc
import os
import random
import selectors
import sys
import traceback

# ---------------------------------------------------------------- the virtual-time loop


class Deadlock(BaseException):
    """Nothing ready and no timer: every task waits for something nobody will provide."""


class VirtualSelector(selectors.BaseSelector):
    """Never blocks: jumps the loop's clock to its earliest timer instead."""

    def __init__(self):
        self._map = {}
        self.loop = None

    def register(self, fileobj, events, data=None):
        fd = fileobj if isinstance(fileobj, int) else fileobj.fileno()
        key = selectors.SelectorKey(fileobj, fd, events, data)
        self._map[fileobj] = key
        return key

    def unregister(self, fileobj):
        return self._map.pop(fileobj)

    def modify(self, fileobj, events, data=None):
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    def select(self, timeout=None):
        loop = self.loop
        whens = [h._when for h in loop._scheduled if not h._cancelled]
        if len(whens) != len(set(whens)):
            loop.ambiguous = True
        if not loop._ready and whens:
            loop.now = max(loop.now, min(whens))
        elif not loop._ready and not whens:
            raise Deadlock()
        return []

    def get_map(self):
        return self._map

    def close(self):
        pass


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self.now = 0.0
        self.ambiguous = False

    def time(self):
        return self.now


# ---------------------------------------------------------------- the support both sides share

PRELUDE = '''
import asyncio


class Boom(Exception):
    pass


TRACE = []


def log(text):
    loop = asyncio.get_running_loop()
    TRACE.append("%d %s %s" % (round(loop.time() * 1e6), asyncio.current_task().get_name(), text))


def kind(e):
    if isinstance(e, BaseExceptionGroup):
        return "ExceptionGroup[" + ",".join(sorted(kind(x) for x in e.exceptions)) + "]"
    name = type(e).__name__
    if name in ("TimeoutError", "BrokenBarrierError"):
        return name
    return name + ":" + (str(e.args[0]) if e.args and e.args[0] is not None else "")


def show(v):
    if v is None:
        return "None"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if isinstance(v, BaseException):
        return kind(v)
    if isinstance(v, list):
        return "[" + ", ".join(show(x) for x in v) + "]"
    return str(v)


def names(tasks):
    return "[" + ", ".join(sorted(t.get_name() for t in tasks)) + "]"


def always():
    return True


AMBIGUOUS = []

import sys as _sys

if _sys.version_info < (3, 12):
    # Tulip's waitFor is Python 3.12's wait_for (a timeout scope around the await); 3.11's takes more
    # loop iterations when cancelled. The reference for the Java side is 3.12's definition:
    async def _cancel_and_wait(fut):
        fut.cancel()
        try:
            await fut
        except asyncio.CancelledError:
            pass

    async def wait_for(fut, timeout):
        if timeout is not None and timeout <= 0:
            fut = asyncio.ensure_future(fut)
            if fut.done():
                return fut.result()
            await _cancel_and_wait(fut)
            try:
                return fut.result()
            except asyncio.CancelledError as exc:
                raise TimeoutError from exc
        async with asyncio.timeout(timeout):
            return await fut
else:
    wait_for = asyncio.wait_for


TG_FAILED = []


def tg_failed():
    # 3.11's TaskGroup leaves its parent's cancelling() count raised when a child failed while the body
    # was not interrupted (3.12 always uncancels, as Tulip does): only visible through uncancel().
    TG_FAILED.append(True)


def uncancelled(n):
    if _sys.version_info < (3, 12) and TG_FAILED:
        AMBIGUOUS.append("uncancel after a failed TaskGroup on 3.11")
    return n


def gather(*fs, return_exceptions=False):
    # Tulip accounts for children that are done already at once, as Python 3.12 does; 3.11 schedules
    # their callbacks, one loop iteration later. Where that can show, the program is skipped on 3.11.
    if _sys.version_info < (3, 12) and any(f.done() for f in fs):
        AMBIGUOUS.append("gather of a done child on 3.11")
    return asyncio.gather(*fs, return_exceptions=return_exceptions)


def as_completed(fs):
    # CPython 3.11 registers its callbacks in the order of a set of the futures: when several are done
    # already, the order they come out in is unspecified (Tulip keeps the given order).
    if sum(1 for f in fs if f.done()) > 1:
        AMBIGUOUS.append("as_completed")
    return asyncio.as_completed(fs)


class St:
    pass


st = St()
'''

# ---------------------------------------------------------------- the generator


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.micros = self.r.sample(range(1, 1000), 400)
        self.py = []
        self.java = []
        self.uses_agen = False

    def dur(self):
        ms = self.r.choice([1, 2, 3, 5, 8, 10, 20, 30])
        return ms / 1000 + self.micros.pop() / 1e6

    def emit(self, depth, py, java):
        if py is not None:
            self.py.append("    " * depth + py)
        if java is not None:
            self.java.append("    " * (depth + 1) + java)

    # --- worker statements
    def stmt(self, d, worker, nesting=0):
        r = self.r
        choice = r.choice(["log", "sleep", "sleep", "lock", "sem", "bsem", "event_set", "event_wait",
                           "put", "get", "cond_wait", "cond_notify", "barrier", "catch_cancel",
                           "timeout", "wait_for", "agen"] + (["nest"] if nesting < 1 else []))
        if choice == "log":
            t = "s%d" % r.randrange(100)
            self.emit(d, 'log("%s")' % t, 'Trace.log("%s");' % t)
        elif choice == "sleep":
            x = self.dur()
            self.emit(d, "await asyncio.sleep(%r)" % x, "await(sleep(%r));" % x)
        elif choice in ("lock", "sem", "bsem"):
            res = {"lock": "L", "sem": "S", "bsem": "B"}[choice]
            x = self.dur()
            self.emit(d, "async with st.%s:" % res, "try (var held = await(%s.acquire())) {" % res)
            self.emit(d + 1, 'log("in %s")' % res, 'Trace.log("in %s");' % res)
            self.emit(d + 1, "await asyncio.sleep(%r)" % x, "await(sleep(%r));" % x)
            self.emit(d, None, "}")
        elif choice == "event_set":
            self.emit(d, 'st.E.set(); log("set E")', 'E.set(); Trace.log("set E");')
        elif choice == "event_wait":
            self.emit(d, 'log("E " + show(await st.E.wait()))', 'Trace.log("E " + Trace.show(await(E.waitUntilSet())));')
        elif choice == "put":
            v = r.randrange(100)
            self.emit(d, "await st.Q.put(%d); log(\"put %d\")" % (v, v), "await(Q.put(%d)); Trace.log(\"put %d\");" % (v, v))
        elif choice == "get":
            self.emit(d, 'log("got " + show(await st.Q.get()))', 'Trace.log("got " + Trace.show(await(Q.get())));')
        elif choice == "cond_wait":
            self.emit(d, "async with st.C:", "try (var held = await(C.acquire())) {")
            self.emit(d + 1, 'log("cw " + show(await st.C.wait_for(lambda: st.flag)))',
                      'Trace.log("cw " + Trace.show(await(C.waitFor(() -> flag))));')
            self.emit(d, None, "}")
        elif choice == "cond_notify":
            self.emit(d, "async with st.C:", "try (var held = await(C.acquire())) {")
            self.emit(d + 1, 'st.flag = True; st.C.notify_all(); log("notified")',
                      'flag = true; C.notifyAllWaiters(); Trace.log("notified");')
            self.emit(d, None, "}")
        elif choice == "barrier":
            self.emit(d, 'log("barrier " + show(await st.BR.wait()))',
                      'Trace.log("barrier " + Trace.show(await(BR.arriveAndWait())));')
        elif choice == "catch_cancel":
            x = self.dur()
            self.emit(d, "try:", "try {")
            self.emit(d + 1, "await asyncio.sleep(%r)" % x, "await(sleep(%r));" % x)
            self.emit(d, "except asyncio.CancelledError as e:", "} catch (CancelledError e) {")
            self.emit(d + 1, 'log("caught " + kind(e))', 'Trace.log("caught " + Trace.kind(e));')
            self.emit(d + 1, "raise", "throw e;")
            self.emit(d, None, "}")
        elif choice == "timeout":
            x, y = self.dur(), self.dur()
            self.emit(d, "try:", "try (var scope = timeout(%r)) {" % x)
            self.emit(d + 1, "async with asyncio.timeout(%r):" % x, None)
            self.emit(d + 2, "await asyncio.sleep(%r)" % y, "await(sleep(%r));" % y)
            self.emit(d + 2, 'log("in time")', 'Trace.log("in time");')
            self.emit(d, "except TimeoutError:", "} catch (TimeoutError e) {")
            self.emit(d + 1, 'log("timed out")', 'Trace.log("timed out");')
            self.emit(d, None, "}")
        elif choice == "wait_for":
            x, y = self.dur(), self.dur()
            self.emit(d, "try:", "try {")
            self.emit(d + 1, "await wait_for(asyncio.sleep(%r), %r); log(\"wf ok\")" % (y, x),
                      "await(waitFor(sleep(%r), %r)); Trace.log(\"wf ok\");" % (y, x))
            self.emit(d, "except TimeoutError:", "} catch (TimeoutError e) {")
            self.emit(d + 1, 'log("wf timeout")', 'Trace.log("wf timeout");')
            self.emit(d, None, "}")
        elif choice == "agen":
            self.uses_agen = True
            n = r.randrange(1, 4)
            self.emit(d, "async for x in agen(%d):" % n, "for (int x : agen(%d)) {" % n)
            self.emit(d + 1, 'log("agen " + show(x))', 'Trace.log("agen " + Trace.show(x));')
            self.emit(d, None, "}")
        elif choice == "nest":
            self.emit(d, "if always():", "if (Trace.always()) {")
            for _ in range(r.randrange(1, 3)):
                self.stmt(d + 1, worker, nesting + 1)
            self.emit(d, None, "}")

    def worker(self, i):
        self.emit(0, "async def w%d():" % i, "@Async")
        self.emit(0, None, "static Coroutine<String> w%d() {" % i)
        self.emit(1, 'log("start")', 'Trace.log("start");')
        for _ in range(self.r.randrange(1, 5)):
            self.stmt(1, i)
        if self.r.random() < 0.25:
            self.emit(1, 'if always(): raise Boom("w%d")' % i, 'if (Trace.always()) throw new Boom("w%d");' % i)
        self.emit(1, 'log("end")', 'Trace.log("end");')
        self.emit(1, 'return "r%d"' % i, 'return done("r%d");' % i)
        self.emit(0, "", "}")

    def pick(self, k):
        idx = sorted(self.r.sample(range(k), self.r.randrange(1, k + 1)))
        return idx

    def main_op(self, k, extra):
        r = self.r
        op = r.choice(["sleep", "cancel", "cancel", "gather_re", "gather", "wait", "as_completed", "shield",
                       "taskgroup", "uncancel", "wait_for_task"])
        d = 1
        if op == "sleep":
            x = self.dur()
            self.emit(d, "await asyncio.sleep(%r)" % x, "await(sleep(%r));" % x)
        elif op == "cancel":
            j = r.randrange(k)
            msg = r.choice([None, "m%d" % j])
            pm = "" if msg is None else '"%s"' % msg
            jm = "" if msg is None else '"%s"' % msg
            self.emit(d, 'log("cancel w%d " + show(ts[%d].cancel(%s)))' % (j, j, pm),
                      'Trace.log("cancel w%d " + Trace.show(ts.get(%d).cancel(%s)));' % (j, j, jm))
        elif op in ("gather_re", "gather", "wait", "as_completed"):
            idx = self.pick(k)
            py_sel = "[" + ", ".join("ts[%d]" % i for i in idx) + "]"
            j_sel = "List.of(" + ", ".join("ts.get(%d)" % i for i in idx) + ")"
            if op == "gather_re":
                self.emit(d, 'log("gather_re " + show(await gather(*%s, return_exceptions=True)))' % py_sel,
                          'Trace.log("gather_re " + Trace.show(await(gatherReturnExceptions(%s))));' % j_sel)
            elif op == "gather":
                self.emit(d, "try:", "try {")
                self.emit(d + 1, 'log("gather " + show(await gather(*%s)))' % py_sel,
                          'Trace.log("gather " + Trace.show(await(gather(%s))));' % j_sel)
                self.emit(d, "except BaseException as e:", "} catch (Throwable e) {")
                self.emit(d + 1, 'log("gather raised " + kind(e))', 'Trace.log("gather raised " + Trace.kind(e));')
                self.emit(d, None, "}")
            elif op == "wait":
                when = r.choice(["ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"])
                x = self.dur()
                self.emit(d, "done, pending = await asyncio.wait(%s, timeout=%r, return_when=asyncio.%s)" % (py_sel, x, when),
                          "WaitResult<String> wr%d = await(Tulip.wait(%s, %r, ReturnWhen.%s));" % (len(self.java), j_sel, x, when))
                self.emit(d, 'log("wait done=" + names(done) + " pending=" + names(pending))',
                          'Trace.log("wait done=" + Trace.names(wr%d.done()) + " pending=" + Trace.names(wr%d.pending()));'
                          % (len(self.java) - 1, len(self.java) - 1))
            else:
                self.emit(d, "for f in as_completed(%s):" % py_sel,
                          "for (Awaitable<String> f : asCompleted(%s)) {" % j_sel)
                self.emit(d + 1, "try:", "try {")
                self.emit(d + 2, 'log("ac " + show(await f))', 'Trace.log("ac " + Trace.show(await(f)));')
                self.emit(d + 1, "except BaseException as e:", "} catch (Throwable e) {")
                self.emit(d + 2, 'log("ac raised " + kind(e))', 'Trace.log("ac raised " + Trace.kind(e));')
                self.emit(d + 1, None, "}")
                self.emit(d, None, "}")
        elif op == "shield":
            j = r.randrange(k)
            self.emit(d, "try:", "try {")
            self.emit(d + 1, 'log("shield " + show(await asyncio.shield(ts[%d])))' % j,
                      'Trace.log("shield " + Trace.show(await(shield(ts.get(%d)))));' % j)
            self.emit(d, "except BaseException as e:", "} catch (Throwable e) {")
            self.emit(d + 1, 'log("shield raised " + kind(e))', 'Trace.log("shield raised " + Trace.kind(e));')
            self.emit(d, None, "}")
        elif op == "wait_for_task":
            j = r.randrange(k)
            x = self.dur()
            self.emit(d, "try:", "try {")
            self.emit(d + 1, 'log("wft " + show(await wait_for(ts[%d], %r)))' % (j, x),
                      'Trace.log("wft " + Trace.show(await(waitFor(ts.get(%d), %r))));' % (j, x))
            self.emit(d, "except BaseException as e:", "} catch (Throwable e) {")
            self.emit(d + 1, 'log("wft raised " + kind(e))', 'Trace.log("wft raised " + Trace.kind(e));')
            self.emit(d, None, "}")
        elif op == "taskgroup":
            members = [r.randrange(k + extra) for _ in range(r.randrange(1, 3))]
            self.emit(d, "try:", "try {")
            self.emit(d + 1, "async with asyncio.TaskGroup() as tg:", "try (var tg = new TaskGroup()) {")
            for n, m in enumerate(members):
                self.emit(d + 2, 'tg.create_task(w%d(), name="g%d")' % (m, n), 'tg.createTask(w%d(), "g%d");' % (m, n))
            self.emit(d + 1, None, "}")
            self.emit(d + 1, 'log("tg ok")', 'Trace.log("tg ok");')
            self.emit(d, "except BaseException as e:", "} catch (Throwable e) {")
            self.emit(d + 1, 'tg_failed(); log("tg raised " + kind(e))', 'Trace.log("tg raised " + Trace.kind(e));')
            self.emit(d, None, "}")
        elif op == "uncancel":
            self.emit(d, 'me = asyncio.current_task(); me.cancel("self")', 'Task<?> me = currentTask(); me.cancel("self");'
                      if "Task<?> me" not in "\n".join(self.java) else 'me = currentTask(); me.cancel("self");')
            self.emit(d, "try:", "try {")
            self.emit(d + 1, "await asyncio.sleep(0)", "await(sleep(0));")
            self.emit(d, "except asyncio.CancelledError as e:", "} catch (CancelledError e) {")
            self.emit(d + 1, 'log("self " + kind(e) + " " + show(uncancelled(me.uncancel())))',
                      'Trace.log("self " + Trace.kind(e) + " " + Trace.show(me.uncancel()));')
            self.emit(d, None, "}")

    def program(self):
        r = self.r
        k = r.randrange(2, 5)
        extra = 1
        qkind = r.choice(["Queue", "LifoQueue", "PriorityQueue"])
        qsize = r.choice([0, 1, 2])
        sem = r.randrange(1, 3)
        parties = r.randrange(2, 4)
        self.java += [
            "package dev.tulip.oracle.gen;",
            "",
            "import static dev.tulip.Tulip.*;",
            "",
            "import dev.tulip.*;",
            "import dev.tulip.oracle.Boom;",
            "import dev.tulip.oracle.Trace;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "",
            "/** Random program, seed %d (generated by oracle.py). */" % self.seed,
            "@SuppressWarnings(\"all\")",
            "public final class P%d {" % self.seed,
            "    static Lock L; static Semaphore S; static BoundedSemaphore B; static Event E; static Condition C;",
            "    static Barrier BR; static Queue<Integer> Q; static boolean flag;",
            "",
            "    @Async",
            "    static AsyncGenerator<Integer> agen(int n) {",
            "        for (int i = 0; i < n; i++) {",
            "            await(sleep(0));",
            "            Tulip.yield(i);",
            "        }",
            "        return Tulip.doneYielding();",
            "    }",
            "",
        ]
        self.py += [
            "async def agen(n):",
            "    for i in range(n):",
            "        await asyncio.sleep(0)",
            "        yield i",
            "",
        ]
        for i in range(k + extra):
            self.worker(i)
        self.emit(0, "async def main():", "@Async")
        self.emit(0, None, "public static Coroutine<Void> main() {")
        self.emit(1, "try:", "try {")
        self.emit(2, "await main0()", "await(main0());")
        self.emit(1, "except BaseException as e:", "} catch (Throwable e) {")
        self.emit(2, 'log("main raised " + kind(e))', 'Trace.log("main raised " + Trace.kind(e));')
        self.emit(1, None, "}")
        self.emit(1, "", "return done();")
        self.emit(0, "", "}")
        self.emit(0, "async def main0():", "@Async")
        self.emit(0, None, "static Coroutine<Void> main0() {")
        self.emit(1, "st.L = asyncio.Lock(); st.S = asyncio.Semaphore(%d); st.B = asyncio.BoundedSemaphore(1)" % sem,
                  "L = new Lock(); S = new Semaphore(%d); B = new BoundedSemaphore(1);" % sem)
        self.emit(1, "st.E = asyncio.Event(); st.C = asyncio.Condition(); st.BR = asyncio.Barrier(%d); st.flag = False" % parties,
                  "E = new Event(); C = new Condition(); BR = new Barrier(%d); flag = false;" % parties)
        self.emit(1, "st.Q = asyncio.%s(%d)" % (qkind, qsize), "Q = new %s<>(%d);" % (qkind, qsize))
        self.emit(1, "ts = [asyncio.create_task(w%d(), name=\"w%d\") for i in range(1)]" % (0, 0) if False else "ts = []",
                  "List<Task<String>> ts = new ArrayList<>();")
        for i in range(k):
            self.emit(1, 'ts.append(asyncio.create_task(w%d(), name="w%d"))' % (i, i),
                      'ts.add(createTask(w%d(), "w%d"));' % (i, i))
        for _ in range(r.randrange(1, 6)):
            self.main_op(k, extra)
        self.emit(1, "for t in ts: t.cancel()", "for (Task<String> t : ts) t.cancel();")
        self.emit(1, 'log("final " + show(await asyncio.gather(*ts, return_exceptions=True)))',
                  'Trace.log("final " + Trace.show(await(gatherReturnExceptions(ts))));')
        self.emit(1, "return None", "return done();")
        self.emit(0, "", "}")
        self.java.append("}")
        return PRELUDE + "\n" + "\n".join(self.py) + "\n", "\n".join(self.java) + "\n"


def run_python(source):
    ns = {}
    exec(compile(source, "<program>", "exec"), ns)
    loop = VirtualLoop()
    loop.set_exception_handler(lambda loop, context: None)  # leftovers of a deadlock are not reported
    trace = None
    try:
        asyncio.set_event_loop(loop)
        task = loop.create_task(ns["main"](), name="main")
        try:
            loop.run_until_complete(task)
        except Deadlock:
            trace = list(ns["TRACE"]) + ["DEADLOCK"]
            # Finish the leftovers now, as asyncio.run would: left to the garbage collector, their
            # coroutines would run their exits in the middle of a later program.
            for _ in range(3):
                left = [t for t in asyncio.all_tasks(loop) if not t.done()]
                if not left:
                    break
                for t in left:
                    t.cancel()
                try:
                    loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
                except Deadlock:
                    pass
            loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
        gc.collect()
    if loop.ambiguous or ns["AMBIGUOUS"]:
        return None
    return trace if trace is not None else list(ns["TRACE"])


def main(argv):
    sys.unraisablehook = lambda unraisable: None  # coroutines of a deadlocked program closed by the GC
    out, first, count = argv[0], int(argv[1]), int(argv[2])
    for sub in ("java/dev/tulip/oracle/gen", "py", "expected"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    ambiguous = 0
    for seed in range(first, first + count):
        py, java = Gen(seed).program()
        with open(os.path.join(out, "py", "p%d.py" % seed), "w") as f:
            f.write(py)
        with open(os.path.join(out, "java/dev/tulip/oracle/gen", "P%d.java" % seed), "w") as f:
            f.write(java)
        try:
            trace = run_python(py)
        except Exception:
            trace = ["PYTHON FAILED"] + traceback.format_exc().splitlines()
        if trace is None:
            ambiguous += 1
            trace = ["AMBIGUOUS"]
        with open(os.path.join(out, "expected", "%d.txt" % seed), "w") as f:
            f.write("\n".join(trace) + "\n")
    print("generated %d programs (%d ambiguous)" % (count, ambiguous))


if __name__ == "__main__":
    main(sys.argv[1:])
