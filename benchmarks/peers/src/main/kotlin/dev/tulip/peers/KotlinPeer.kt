package dev.tulip.peers

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.yield
import kotlin.time.Duration.Companion.nanoseconds

/**
 * The workloads as a Kotlin user writes them: suspend functions in `runBlocking` (one thread, its
 * event loop), `Channel` for queues, `Mutex` for the lock, `async`/`awaitAll` for gather and
 * `coroutineScope` for a task group.
 */
object KotlinPeer {
    private val ITEM = Any()

    private suspend fun sleep0(n: Int, s: Meter.Sample) {
        s.start()
        repeat(n) { yield() }
        s.stop()
    }

    private suspend fun pingpong(n: Int, s: Meter.Sample) = coroutineScope {
        val a = Channel<Any>(1)
        val b = Channel<Any>(1)
        s.start()
        val p = launch { repeat(n) { a.send(ITEM); b.receive() } }
        val q = launch { repeat(n) { b.send(a.receive()) } }
        p.join(); q.join()
        s.stop()
    }

    private suspend fun nothing(): Int = 1

    private suspend fun tasks(n: Int, s: Meter.Sample) = coroutineScope {
        s.start()
        val all = ArrayList<kotlinx.coroutines.Deferred<Int>>(n)
        repeat(n) { all.add(async { nothing() }) }
        for (d in all) d.await()
        s.stop()
    }

    private suspend fun sleepers(n: Int, out: DoubleArray) = coroutineScope {
        val before = Meter.settledHeap()
        val all = ArrayList<Job>(n)
        repeat(n) { all.add(launch { delay(3_600_000) }) }
        yield()
        val after = Meter.settledHeap()
        out[0] = (after - before) / n.toDouble()
        for (j in all) j.cancel()
        for (j in all) j.join()
    }

    private suspend fun queue(size: Int, n: Int, s: Meter.Sample) = coroutineScope {
        val q = Channel<Any>(size)
        s.start()
        val p = launch { repeat(n) { q.send(ITEM) } }
        val c = launch { repeat(n) { q.receive() } }
        p.join(); c.join()
        s.stop()
    }

    private suspend fun nested(depth: Int): Int = if (depth == 0) 0 else nested(depth - 1) + 1

    private suspend fun chains(n: Int, s: Meter.Sample) {
        s.start()
        var sum = 0
        repeat(n) { sum += nested(9) }
        s.stop()
        check(sum == 9 * n)
    }

    private suspend fun lock(n: Int, s: Meter.Sample) = coroutineScope {
        val mutex = Mutex()
        s.start()
        val all = List(Workloads.LOCKERS) {
            launch { repeat(n / Workloads.LOCKERS) { mutex.withLock { yield() } } }
        }
        for (j in all) j.join()
        s.stop()
    }

    private suspend fun gathers(n: Int, s: Meter.Sample) = coroutineScope {
        s.start()
        repeat(n) {
            val results = List(Workloads.FANOUT) { async { nothing() } }.awaitAll()
            check(results.size == Workloads.FANOUT)
        }
        s.stop()
    }

    private suspend fun groups(n: Int, s: Meter.Sample) {
        s.start()
        repeat(n) {
            coroutineScope { repeat(Workloads.FANOUT) { launch { nothing() } } }
        }
        s.stop()
    }

    private suspend fun timers(n: Int, s: Meter.Sample) = coroutineScope {
        s.start()
        val all = ArrayList<Job>(n)
        for (i in 0 until n) {
            val d = (TulipPeer.scrambled(i) * 1e9).toLong().nanoseconds
            all.add(launch { delay(d) })
        }
        for (j in all) j.join()
        s.stop()
    }

    private suspend fun storms(storms: Int, s: Meter.Sample) = coroutineScope {
        s.start()
        repeat(storms) {
            val f = CompletableDeferred<Any>()
            val mutex = Mutex()
            val q = Channel<Any>(Channel.UNLIMITED)
            mutex.lock()
            val all = ArrayList<Job>(Workloads.STORM)
            for (i in 0 until Workloads.STORM) {
                all.add(
                    when (i % 3) {
                        0 -> launch { f.await() }
                        1 -> launch { mutex.withLock { } }
                        else -> launch { q.receive() }
                    }
                )
            }
            yield()
            for (j in all) j.cancel()
            for (j in all) j.join()
            mutex.unlock()
        }
        s.stop()
    }

    private suspend fun workload(name: String, s: Meter.Sample, extra: DoubleArray) {
        when (name) {
            "sleep0" -> sleep0(Workloads.SLEEP0, s)
            "pingpong" -> pingpong(Workloads.PINGPONG, s)
            "tasks" -> tasks(Workloads.TASKS, s)
            "sleepers" -> sleepers(Workloads.SLEEPERS, extra)
            "queue1" -> queue(1, Workloads.ITEMS, s)
            "queue1000" -> queue(1000, Workloads.ITEMS, s)
            "chain10" -> chains(Workloads.CHAINS, s)
            "lock" -> lock(Workloads.ACQUISITIONS, s)
            "gather" -> gathers(Workloads.FANOUTS, s)
            "taskgroup" -> groups(Workloads.FANOUTS, s)
            "timers" -> timers(Workloads.TIMERS, s)
            "storm" -> storms(Workloads.STORMS, s)
            else -> throw IllegalArgumentException(name)
        }
    }

    /** Runs workloads: the repetitions, then workload names. */
    @JvmStatic
    fun main(args: Array<String>) {
        PeerMain.run(args) { name, s, extra -> runBlocking { workload(name, s, extra) } }
    }
}
