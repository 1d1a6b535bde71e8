package dev.panicattack.pressure.network;

import dev.panicattack.internal.instrument.LibraryThreads;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import dev.panicattack.evidence.Fact;

/**
 * The fault model the advice and the proxy call: which connections are faulted and what each
 * connect, read and write on them meets. Thread-safe. It never opens a connection itself.
 *
 * <p>A connection is faulted when a test thread (the thread that started the faults, or any thread
 * created after, except the library's own {@code panic-} threads) connects it to a loopback address
 * that passes the plan's filter, and not to one of the active fault proxies. Accepted (server-side)
 * sockets and connections opened before the faults started are never faulted.
 */
final class FaultHook implements Function<Object[], Object> {

    /** Linux's minimum retransmission timeout: the first retransmission of a lost segment comes this late. */
    static final long MIN_RTO_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Consecutive losses of one write at most; the sixth transmission always arrives (200 ms to 6.2 s of delay). */
    static final int MAX_RETRANSMISSIONS = 5;
    /**
     * How far back pacing may start: a wait that overslept is made up on the next write, so a steady
     * stream gets the rate, not the rate minus each oversleep; after idle, at most this much of the
     * rate goes out at once.
     */
    static final long PACING_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Facts kept per kind; the counts cover all. */
    static final int MAX_FACTS_PER_KIND = 200;

    private final NetworkPlan plan;
    private final long startNanos;
    private final long firstNewThreadId;
    private final long starterThreadId;
    private final SplittableRandom random;
    private final Map<Object, Connection> connections = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<Integer> proxyPorts = ConcurrentHashMap.newKeySet();
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Fact> facts = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<String> recordedReads = ConcurrentHashMap.newKeySet();
    private final List<FaultProxy> proxies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FaultHook(NetworkPlan plan, long startNanos, long firstNewThreadId, long starterThreadId) {
        this.plan = plan;
        this.startNanos = startNanos;
        this.firstNewThreadId = firstNewThreadId;
        this.starterThreadId = starterThreadId;
        this.random = new SplittableRandom(plan.seed());
    }

    @Override
    public Object apply(Object[] call) {
        if (closed) {
            return null;
        }
        switch ((String) call[0]) {
            case "connect":
                return connect(call[1], call[2]);
            case "read":
                return read(call[1], (Integer) call[2], (ByteBuffer) call[3]);
            case "received":
                return received(call[1], (Integer) call[2], (ByteBuffer) call[3], call[4]);
            case "write":
                return write(call[1], (Long) call[2]);
            default:
                return null;
        }
    }

    private Object connect(Object socket, Object remote) {
        if (!(remote instanceof InetSocketAddress) || !isTestThread(Thread.currentThread())) {
            return null;
        }
        InetSocketAddress address = (InetSocketAddress) remote;
        if (address.isUnresolved() || !plan.matches(address.getAddress(), address.getPort())
                || proxyPorts.contains(address.getPort())) {
            return null;
        }
        Connection connection = new Connection(address.getAddress().getHostAddress(), address.getPort(), System.nanoTime());
        count("connect");
        if (roll(plan.refusePercent())) {
            count("refuse");
            record("refuse", connection);
            return new ConnectException("Connection refused");
        }
        connections.put(socket, connection);
        return null;
    }

    private Object read(Object socket, int timeoutMillis, ByteBuffer buffer) {
        Connection connection = connections.get(socket);
        if (connection == null) {
            return null;
        }
        boolean blocking = !(socket instanceof SelectableChannel) || ((SelectableChannel) socket).isBlocking();
        return beforeRead(connection, timeoutMillis, blocking, buffer);
    }

    /**
     * Before a read on a faulted connection: a reset, or a wait until the answer is due (latency) or
     * for ever (blackhole), bounded by the socket's read timeout. A non-blocking read under a
     * blackhole reads and then discards what it got: the returned position is where to rewind to.
     */
    Object beforeRead(Connection connection, int timeoutMillis, boolean blocking, ByteBuffer buffer) {
        IOException reset = resetOrNull(connection);
        if (reset != null) {
            return reset;
        }
        if (plan.blackhole()) {
            if (!blocking) {
                return buffer == null ? null : Integer.valueOf(buffer.position());
            }
            recordRead(connection, timeoutMillis, "blackhole");
            boolean timedOut = pause(timeoutMillis == 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
            count("blackhole");
            return timedOut ? new SocketTimeoutException("Read timed out") : new SocketException("Connection reset");
        }
        long due;
        synchronized (connection) {
            due = connection.answerDueNanos;
        }
        long wait = due - System.nanoTime();
        if (wait <= 0 || !blocking && plan.latency().isZero()) {
            return null;
        }
        recordRead(connection, timeoutMillis, "latency");
        if (timeoutMillis > 0 && TimeUnit.MILLISECONDS.toNanos(timeoutMillis) < wait) {
            // The answer comes after the read timeout: the read times out, the answer stays due for the next read.
            pause(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
            count("timeout");
            return new SocketTimeoutException("Read timed out");
        }
        long began = System.nanoTime();
        pause(wait);
        count("latency");
        counts.computeIfAbsent("latency_wait_us", key -> new AtomicLong())
                .addAndGet(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began));
        return null;
    }

    private Object received(Object socket, int count, ByteBuffer buffer, Object entered) {
        Connection connection = connections.get(socket);
        if (connection == null) {
            return null;
        }
        if (entered instanceof Integer && buffer != null) {
            // Non-blocking read under a blackhole: the bytes arrived and are dropped, as if never sent.
            buffer.position((Integer) entered);
            count("blackhole");
            return Integer.valueOf(0);
        }
        answered(connection);
        afterRead(connection, count);
        return null;
    }

    /** After {@code count} bytes were read: the receiving direction is paced to the bandwidth. */
    void afterRead(Connection connection, long count) {
        if (plan.bandwidth() <= 0 || count <= 0) {
            return;
        }
        long until;
        synchronized (connection) {
            long start = Math.max(System.nanoTime() - PACING_SLACK_NANOS, connection.receiveFreeNanos);
            until = start + count * 1_000_000_000L / plan.bandwidth();
            connection.receiveFreeNanos = until;
        }
        pause(until - System.nanoTime());
    }

    private Object write(Object socket, long bytes) {
        Connection connection = connections.get(socket);
        return connection == null ? null : beforeWrite(connection, bytes);
    }

    /**
     * Before {@code bytes} are written on a faulted connection: a reset; then the retransmission
     * delay of each loss; then bandwidth pacing; then, when this write starts a new request, the time
     * its answer becomes readable is set to now plus latency and jitter.
     */
    Object beforeWrite(Connection connection, long bytes) {
        IOException reset = resetOrNull(connection);
        if (reset != null) {
            return reset;
        }
        int losses = 0;
        while (losses < MAX_RETRANSMISSIONS && roll(plan.lossPercent())) {
            losses++;
        }
        count("write");
        if (losses > 0) {
            long delay = MIN_RTO_NANOS * ((1L << losses) - 1);
            count("loss");
            record("loss", connection);
            counts.computeIfAbsent("loss_delay_ms", key -> new AtomicLong()).addAndGet(TimeUnit.NANOSECONDS.toMillis(delay));
            pause(delay);
        }
        if (plan.bandwidth() > 0) {
            long until;
            synchronized (connection) {
                long start = Math.max(System.nanoTime() - PACING_SLACK_NANOS, connection.sendFreeNanos);
                until = start + bytes * 1_000_000_000L / plan.bandwidth();
                connection.sendFreeNanos = until;
            }
            pause(until - System.nanoTime());
        }
        long latency = latencyDraw();
        synchronized (connection) {
            if (connection.answered) {
                connection.answered = false;
                connection.answerDueNanos = System.nanoTime() + latency;
            }
        }
        return null;
    }

    /** Marks the connection's answer as read: the next write starts a new request. */
    void answered(Connection connection) {
        synchronized (connection) {
            connection.answered = true;
        }
    }

    private IOException resetOrNull(Connection connection) {
        synchronized (connection) {
            if (connection.reset) {
                return new SocketException("Connection reset");
            }
        }
        if (roll(plan.resetPercent())) {
            synchronized (connection) {
                connection.reset = true;
            }
            count("reset");
            record("reset", connection);
            return new SocketException("Connection reset");
        }
        return null;
    }

    private long latencyDraw() {
        long latency = plan.latency().toNanos();
        long jitter = plan.jitter().toNanos();
        if (jitter == 0) {
            return latency;
        }
        synchronized (random) {
            return latency - jitter + random.nextLong(2 * jitter + 1);
        }
    }

    private boolean roll(double percent) {
        if (percent <= 0) {
            return false;
        }
        if (percent >= 100) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() * 100 < percent;
        }
    }

    /**
     * Waits {@code nanos} on the calling thread; returns true when the full time passed, false when
     * the faults were closed or the thread interrupted first (the interrupt stays set).
     */
    boolean pause(long nanos) {
        if (nanos <= 0) {
            return true;
        }
        Thread current = Thread.currentThread();
        waiting.add(current);
        try {
            long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
            while (!closed && !current.isInterrupted()) {
                long left = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                LockSupport.parkNanos(this, left);
            }
            return false;
        } finally {
            waiting.remove(current);
        }
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same value.
    boolean isTestThread(Thread thread) {
        long id = thread.getId();
        return !LibraryThreads.isLibraryThread(thread.getName()) && (id >= firstNewThreadId || id == starterThreadId);
    }

    /** A proxy of these faults; connections to it are faulted by the proxy, not again in-process. */
    void addProxy(FaultProxy proxy) {
        proxyPorts.add(proxy.port());
        proxies.add(proxy);
    }

    List<FaultProxy> proxies() {
        return List.copyOf(proxies);
    }

    NetworkPlan plan() {
        return plan;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether a connect to a proxy's upstream passes the filter: the proxy faults only what the plan names. */
    Connection proxied(java.net.InetAddress address, int port) {
        return plan.matches(address, port) ? new Connection(address.getHostAddress(), port, System.nanoTime()) : null;
    }

    /** True when a connect through a proxy is refused, recorded as a refusal. */
    boolean refuses(Connection connection) {
        count("connect");
        if (roll(plan.refusePercent())) {
            count("refuse");
            record("refuse", connection);
            return true;
        }
        return false;
    }

    /** Ends every wait at once; later calls let everything through. */
    void close() {
        closed = true;
        waiting.forEach(LockSupport::unpark);
    }

    long count(String kind) {
        return counts.computeIfAbsent(kind, key -> new AtomicLong()).incrementAndGet();
    }

    long countOf(String kind) {
        AtomicLong value = counts.get(kind);
        return value == null ? 0 : value.get();
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** {@code net_fault(t, kind, host, port)}: the first {@value #MAX_FACTS_PER_KIND} of each kind. */
    void record(String kind, Connection connection) {
        if (countOf("fact_" + kind) < MAX_FACTS_PER_KIND) {
            count("fact_" + kind);
            facts.add(Fact.of("net_fault", elapsedMillis(), kind, connection.host, (long) connection.port));
        }
    }

    /** {@code socket_read(t, thread, host, port, timeout_ms)}: once per thread, connection, timeout and cause. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same value.
    private void recordRead(Connection connection, int timeoutMillis, String cause) {
        if (LibraryThreads.isLibraryThread(Thread.currentThread().getName())) {
            return;
        }
        long thread = Thread.currentThread().getId();
        String key = thread + " " + connection.describe() + " " + timeoutMillis + " " + cause;
        if (recordedReads.size() < MAX_FACTS_PER_KIND && recordedReads.add(key)) {
            facts.add(Fact.of("socket_read", elapsedMillis(), thread, connection.host, (long) connection.port,
                    (long) timeoutMillis));
            facts.add(Fact.of("net_fault", elapsedMillis(), cause, connection.host, (long) connection.port));
        }
    }

    List<Fact> facts() {
        return List.copyOf(facts);
    }
}
