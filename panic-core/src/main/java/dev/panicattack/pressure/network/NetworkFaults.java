package dev.panicattack.pressure.network;

import dev.panicattack.constraint.Axis;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.panicattack.evidence.Fact;
import dev.panicattack.internal.Teardown;
import dev.panicattack.internal.instrument.RetransformingHooks;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;

/**
 * Network faults on the test's own client connections to loopback: latency with jitter, loss (as
 * TCP retransmission delay), bandwidth, resets, refused connects and a blackhole, as
 * {@link NetworkPlan} declares them. They act in-process, through advice on
 * {@code sun.nio.ch.NioSocketImpl} (every {@code java.net.Socket}, so {@code HttpURLConnection} and
 * Apache HttpClient classic) and {@code sun.nio.ch.SocketChannelImpl} (NIO channels, so
 * {@code java.net.http.HttpClient}), installed by {@link #start()} and removed by {@link #close()},
 * and through {@link #proxy(String, int) fault proxies} for servers in other processes.
 *
 * <p>Scope: only connections that a test thread (the thread that started the faults, or a thread
 * created after, except the library's {@code panic-} threads) connects to a loopback address passing
 * the plan's hosts and ports filter. Accepted sockets, connections opened earlier, non-loopback
 * destinations and the build's own connections are never touched. One instance at a time per JVM.
 * Semantics: {@code docs/network-pressure.md}.
 */
public final class NetworkFaults implements Stressor {

    private final NetworkPlan plan;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<PressureSample> samples = new CopyOnWriteArrayList<>();
    private volatile FaultHook hook;
    private volatile long startNanos;
    private volatile Instrumentation instrumentation;
    private volatile ResettableClassFileTransformer transformer;

    public NetworkFaults(NetworkPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    @Override
    public Axis axis() {
        return Axis.NETWORK;
    }

    /** The plan these faults apply. */
    public NetworkPlan plan() {
        return plan;
    }

    /** Publishes the fault model and instruments the JDK's socket classes. */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("network faults already started; they are started at most once");
        }
        startNanos = System.nanoTime();
        long firstNewId = Arrays.stream(ManagementFactory.getThreadMXBean().getAllThreadIds()).max().orElse(0) + 1;
        FaultHook created = new FaultHook(plan, startNanos, firstNewId, threadId(Thread.currentThread()));
        if (!SocketAdvice.SLOT.publish(created)) {
            throw new IllegalStateException("other network faults are active in this JVM; close them before starting"
                    + " new ones (tests under network pressure do not run in parallel)");
        }
        hook = created;
        samples.add(sample());
        try {
            instrumentation = RetransformingHooks.instrumentation();
            transformer = install(instrumentation);
        } catch (RuntimeException | Error e) {
            SocketAdvice.SLOT.withdraw(created);
            created.close();
            throw e;
        }
    }

    private static ResettableClassFileTransformer install(Instrumentation instrumentation) {
        for (String target : List.of("sun.nio.ch.NioSocketImpl", "sun.nio.ch.SocketChannelImpl")) {
            try {
                // Loaded now, so both are retransformed at once and the check below can count them.
                Class.forName(target, false, null);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("this JDK has no " + target + " to instrument for network faults;"
                        + " run on JDK 17 or later", e);
            }
        }
        RetransformingHooks hooks = new RetransformingHooks();
        AgentBuilder configured = hooks.builder()
                // The default ignore matcher silently skips JDK classes, which are exactly the targets.
                .ignore(none())
                .type(named("sun.nio.ch.NioSocketImpl"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(rethrowing(SocketAdvice.Connect.class)
                                .on(named("connect").and(takesArguments(SocketAddress.class, int.class))))
                        .visit(SocketAdvice.SLOT.advice().to(SocketAdvice.ClassicRead.class)
                                .on(named("read").and(takesArguments(byte[].class, int.class, int.class))))
                        .visit(rethrowing(SocketAdvice.ClassicWrite.class)
                                .on(named("write").and(takesArguments(byte[].class, int.class, int.class)))))
                .type(named("sun.nio.ch.SocketChannelImpl"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(rethrowing(SocketAdvice.Connect.class)
                                .on(named("connect").and(takesArguments(SocketAddress.class))))
                        .visit(SocketAdvice.SLOT.advice().to(SocketAdvice.ChannelRead.class)
                                .on(named("read").and(takesArguments(ByteBuffer.class))))
                        .visit(rethrowing(SocketAdvice.ChannelWrite.class)
                                .on(named("write").and(takesArguments(ByteBuffer.class))))
                        .visit(rethrowing(SocketAdvice.ChannelGatheringWrite.class)
                                .on(named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class)))));
        return hooks.install(configured, instrumentation, 2, (transformed, errors) -> "could not instrument the"
                + " JDK's sockets for network faults (" + transformed + " of 2 classes transformed, " + errors
                + " errors); run on a JDK 17+ that allows agents (-XX:+EnableDynamicAgentLoading)");
    }

    private static Advice rethrowing(Class<?> enter) {
        return SocketAdvice.SLOT.advice().to(enter, SocketAdvice.Rethrow.class);
    }

    /**
     * A loopback endpoint forwarding to {@code host:port} with the active network faults, for a
     * server this JVM does not own; it is closed when the faults end (the test ends).
     *
     * @param host {@code localhost} or a loopback address literal ({@code 127.0.0.1}, {@code ::1})
     * @throws IllegalArgumentException when the upstream is not a loopback address or the port is out of range
     * @throws IllegalStateException when no network faults are active in this JVM
     */
    public static FaultProxy proxy(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("fault proxy upstream port must be between 1 and 65535, but was " + port);
        }
        InetAddress address = loopback(host);
        Object active = SocketAdvice.SLOT.published();
        if (!(active instanceof FaultHook) || ((FaultHook) active).isClosed()) {
            throw new IllegalStateException("no network faults are active, so there are none to proxy to " + host + ":"
                    + port + "; declare network pressure on the test (for example @ConstraintSet(\"slow-dependency\"))"
                    + " and call NetworkFaults.proxy inside it");
        }
        FaultHook faults = (FaultHook) active;
        try {
            FaultProxy proxy = new FaultProxy(faults, new InetSocketAddress(address, port));
            faults.addProxy(proxy);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback listener for the fault proxy to " + host + ":" + port, e);
        }
    }

    private static InetAddress loopback(String host) {
        try {
            // Validates without a lookup: only localhost and loopback literals pass.
            dev.panicattack.constraint.NetworkConstraint.none().withHosts(List.of(host));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault proxy upstream must be a loopback address (localhost, 127.x.x.x"
                    + " or ::1), but was '" + host + "'; a proxy never forwards beyond this host", e);
        }
        try {
            return host.equalsIgnoreCase("localhost") ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host.replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("fault proxy upstream '" + host + "' is not an address literal", e);
        }
    }

    /** The proxies opened during these faults, open or closed. */
    public List<FaultProxy> proxies() {
        FaultHook current = hook;
        return current == null ? List.of() : current.proxies();
    }

    @Override
    public boolean awaitEstablished(Duration timeout) {
        // Faults act from the first connect on.
        return started.get();
    }

    @Override
    public Duration establishLimit() {
        return Duration.ZERO;
    }

    /** How many times {@code kind} happened: connect, refuse, write, loss, latency, timeout, reset, blackhole. */
    public long count(String kind) {
        FaultHook current = hook;
        return current == null ? 0 : current.countOf(kind);
    }

    /** Target is the plan's latency in ms; achieved, the mean measured wait of delayed answers so far. */
    @Override
    public PressureTrace trace() {
        List<PressureSample> all = new ArrayList<>(samples);
        if (started.get() && !closed.get()) {
            all.add(sample());
        }
        return new PressureTrace(Axis.NETWORK, "ms", all);
    }

    private PressureSample sample() {
        FaultHook current = hook;
        double target = plan.latency().toNanos() / 1e6;
        long delayed = current == null ? 0 : current.countOf("latency");
        double achieved = delayed == 0 ? 0 : current.countOf("latency_wait_us") / 1000.0 / delayed;
        return new PressureSample(Duration.ofNanos(System.nanoTime() - startNanos), target, achieved);
    }

    /**
     * For example {@code network +50ms: 12 answers delayed (mean 50.3ms), 3 of 120 writes lost, 0 resets,
     * 1 of 4 connects refused, 2 reads blackholed, seed 42}.
     */
    @Override
    public String achieved(long establishedNanos) {
        long delayed = count("latency");
        String mean = delayed == 0 ? "" : " (mean " + Figures.number(count("latency_wait_us") / 1000.0 / delayed, 1) + "ms)";
        return plan.describe() + ": " + delayed + " answers delayed" + mean + ", " + count("loss") + " of "
                + count("write") + " writes lost, " + count("reset") + " resets, " + count("refuse") + " of "
                + count("connect") + " connects refused, " + count("blackhole") + " reads blackholed, seed " + plan.seed();
    }

    /**
     * {@code net_plan(latency_ms, jitter_ms, loss_pct, bandwidth, reset_pct, refuse_pct, blackhole, seed)},
     * {@code net_fault(t, kind, host, port)}, {@code socket_read(t, thread, host, port, timeout_ms)} and
     * {@code net_count(kind, n)}.
     */
    @Override
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("net_plan", plan.latency().toMillis(), plan.jitter().toMillis(), plan.lossPercent(),
                plan.bandwidth(), plan.resetPercent(), plan.refusePercent(), plan.blackhole() ? 1L : 0L, plan.seed()));
        FaultHook current = hook;
        if (current != null) {
            facts.addAll(current.facts());
            for (String kind : List.of("connect", "refuse", "write", "loss", "latency", "timeout", "reset", "blackhole")) {
                facts.add(Fact.of("net_count", kind, current.countOf(kind)));
            }
        }
        return List.copyOf(facts);
    }

    /**
     * Ends every fault wait, removes the advice, withdraws the hook and closes the proxies. Each
     * step runs even when an earlier one failed; the first failure is then thrown, later ones
     * suppressed in it. Idempotent.
     */
    @Override
    public void close() {
        if (!started.get() || !closed.compareAndSet(false, true)) {
            return;
        }
        FaultHook current = hook;
        if (current == null) {
            return;
        }
        Teardown teardown = new Teardown();
        teardown.run(() -> samples.add(sample()));
        teardown.run(current::close);
        ResettableClassFileTransformer installed = transformer;
        if (installed != null) {
            teardown.run(() -> RetransformingHooks.reset(installed, instrumentation));
        }
        // Even if the advice could not be removed, it finds no hook and lets all traffic through.
        teardown.run(() -> SocketAdvice.SLOT.withdraw(current));
        for (FaultProxy proxy : current.proxies()) {
            teardown.run(proxy::close);
        }
        teardown.finish();
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same value.
    private static long threadId(Thread thread) {
        return thread.getId();
    }
}
