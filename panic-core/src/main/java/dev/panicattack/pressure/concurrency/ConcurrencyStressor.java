package dev.panicattack.pressure.concurrency;

import dev.panicattack.constraint.Axis;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.panicattack.evidence.Fact;
import dev.panicattack.internal.Teardown;
import dev.panicattack.internal.instrument.RetransformingHooks;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Applies a {@link ConcurrencyPlan}: instruments the subject's classes with noise points (when the
 * plan has noise or contenders), starts the contenders and blocks common pool workers; the parallel
 * copies of the test body are run by the test engine adapter, which reports them with
 * {@link #recordParallel}. Everything is undone by {@link #close()}: the instrumentation reset, the
 * hook withdrawn, the contenders stopped and the pool released. One at a time per JVM.
 */
public final class ConcurrencyStressor implements Stressor {

    private final ConcurrencyPlan plan;
    private final Noise noise;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<PressureSample> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger parallelCopies = new AtomicInteger(-1);
    private final AtomicInteger parallelFailed = new AtomicInteger();
    private volatile long startNanos;
    private volatile Instrumentation instrumentation;
    private volatile NoiseInstrumentation.Installed installed;
    private volatile Contenders contenders;
    private volatile CommonPoolBlocker pool;
    private volatile int contendersAliveAfterStop;

    public ConcurrencyStressor(ConcurrencyPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.noise = new Noise(plan.seed(), plan.noise() / 100);
    }

    @Override
    public Axis axis() {
        return Axis.CONCURRENCY;
    }

    /** The plan this stressor applies. */
    public ConcurrencyPlan plan() {
        return plan;
    }

    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("concurrency stressor already started; a stressor is started at most once");
        }
        startNanos = System.nanoTime();
        if (plan.instruments()) {
            if (!NoiseHook.SLOT.publish(noise)) {
                throw new IllegalStateException("another concurrency stressor is active in this JVM; close it before"
                        + " starting a new one (tests under concurrency pressure do not run in parallel)");
            }
            try {
                instrumentation = RetransformingHooks.instrumentation();
                installed = NoiseInstrumentation.install(instrumentation, plan.subject(), noise);
            } catch (RuntimeException | Error e) {
                noise.deactivate();
                NoiseHook.SLOT.withdraw(noise);
                throw e;
            }
        }
        if (plan.contenders() > 0) {
            contenders = new Contenders(plan.contenders(), plan.seed(), noise::locks);
            contenders.start();
        }
        if (plan.commonPoolWorkers() > 0) {
            pool = new CommonPoolBlocker(plan.commonPoolWorkers());
            pool.start();
        }
        samples.add(sample());
    }

    @Override
    public boolean awaitEstablished(Duration timeout) throws InterruptedException {
        CommonPoolBlocker blocker = pool;
        boolean held = blocker == null || blocker.awaitHeld(timeout.toNanos());
        samples.add(sample());
        return started.get() && held;
    }

    /**
     * Records the outcome of the parallel copies of the test body: {@code copies} ran, {@code failed}
     * of them failed. Called by the test engine adapter before the stressor is closed.
     */
    public void recordParallel(int copies, int failed) {
        if (copies < 1 || failed < 0 || failed > copies) {
            throw new IllegalArgumentException("parallel outcome must have 1 or more copies and 0 to copies failed,"
                    + " but was " + failed + " of " + copies);
        }
        parallelCopies.set(copies);
        parallelFailed.set(failed);
    }

    /** The noise points hit so far, with their counts. */
    public List<NoisePoint> noisePoints() {
        return noise.points();
    }

    /** Noise point hits perturbed (yield or park) so far. */
    public long noiseDelays() {
        return noise.delays();
    }

    /** Classes instrumented with noise points. */
    public int instrumentedClasses() {
        NoiseInstrumentation.Installed current = installed;
        return current == null ? 0 : current.classes();
    }

    /** Locks taken by the contenders so far. */
    public long contenderAcquisitions() {
        Contenders current = contenders;
        return current == null ? 0 : current.acquisitions();
    }

    /** Common pool workers held blocked at most at once. */
    public int commonPoolBlocked() {
        CommonPoolBlocker current = pool;
        return current == null ? 0 : current.blocked();
    }

    /** Target: contenders plus requested pool workers; achieved: contenders plus workers held. */
    @Override
    public PressureTrace trace() {
        List<PressureSample> all = new ArrayList<>(samples);
        if (started.get() && !closed.get()) {
            all.add(sample());
        }
        return new PressureTrace(Axis.CONCURRENCY, "threads", all);
    }

    private PressureSample sample() {
        CommonPoolBlocker blocker = pool;
        Contenders current = contenders;
        int achieved = (current == null ? 0 : current.count()) + (blocker == null ? 0 : blocker.blocked());
        return new PressureSample(Duration.ofNanos(System.nanoTime() - startNanos),
                plan.contenders() + plan.commonPoolWorkers(), achieved);
    }

    /**
     * For example {@code concurrency seed 42: noise 20% perturbed 120 of 610 hits at 6 points (parked 21 ms),
     * 4 contenders took 900 locks, common pool 2 of 2 workers blocked, 8 parallel copies (3 failed);
     * replay with @UnderPressure(concurrency = @Concurrency(seed = 42)) or concurrency: { seed: 42 }}.
     */
    @Override
    public String achieved(long establishedNanos) {
        List<String> parts = new ArrayList<>();
        if (plan.instruments()) {
            List<NoisePoint> points = noise.points();
            long hits = points.stream().mapToLong(NoisePoint::hits).sum();
            parts.add("noise " + Figures.percent(plan.noise()) + " perturbed " + noise.delays() + " of " + hits
                    + " hits at " + points.size() + " points in " + instrumentedClasses() + " classes (parked "
                    + Figures.duration(Duration.ofNanos(noise.parkedNanos())) + ")");
        }
        if (plan.contenders() > 0) {
            parts.add(plan.contenders() + " contenders took " + contenderAcquisitions() + " locks");
        }
        if (plan.commonPoolWorkers() > 0) {
            parts.add("common pool " + commonPoolBlocked() + " of " + plan.commonPoolWorkers() + " workers blocked");
        }
        if (parallelCopies.get() > 0) {
            parts.add(parallelCopies.get() + " parallel copies (" + parallelFailed.get() + " failed)");
        }
        return "concurrency seed " + plan.seed() + ": " + String.join(", ", parts) + "; replay with "
                + plan.replayHint();
    }

    /**
     * {@code concurrency_seed(seed)}, {@code noise_level(percent)}, {@code noise_point(class, method, line, kind,
     * hits, delays, threads)} per point hit, {@code noise_delays(total)}, {@code contenders(n, acquisitions)},
     * {@code common_pool_blocked(requested, blocked)}, {@code parallel_copies(n)} and
     * {@code parallel_failed(n)}.
     */
    @Override
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("concurrency_seed", plan.seed()));
        if (plan.instruments()) {
            facts.add(Fact.of("noise_level", plan.noise()));
            for (NoisePoint point : noise.points()) {
                facts.add(Fact.of("noise_point", point.className(), point.method(), point.line(), point.kind(),
                        point.hits(), point.delays(), point.threads()));
            }
            facts.add(Fact.of("noise_delays", noise.delays()));
        }
        if (plan.contenders() > 0) {
            facts.add(Fact.of("contenders", plan.contenders(), contenderAcquisitions()));
        }
        if (plan.commonPoolWorkers() > 0) {
            facts.add(Fact.of("common_pool_blocked", plan.commonPoolWorkers(), commonPoolBlocked()));
        }
        if (parallelCopies.get() > 0) {
            facts.add(Fact.of("parallel_copies", parallelCopies.get()));
            facts.add(Fact.of("parallel_failed", parallelFailed.get()));
        }
        return List.copyOf(facts);
    }

    /** Contender threads still alive after close (blocked on a monitor the subject never released). */
    public int contendersAliveAfterClose() {
        return contendersAliveAfterStop;
    }

    /**
     * Resets the instrumentation, withdraws the hook, releases the pool, stops the contenders. Each
     * step runs even when an earlier one failed; the first failure is then thrown, later ones
     * suppressed in it. Idempotent.
     */
    @Override
    public void close() {
        if (!started.get() || !closed.compareAndSet(false, true)) {
            return;
        }
        Teardown teardown = new Teardown();
        teardown.run(() -> samples.add(sample()));
        teardown.run(noise::deactivate);
        NoiseInstrumentation.Installed current = installed;
        if (current != null) {
            teardown.run(() -> RetransformingHooks.reset(current.transformer(), instrumentation));
        }
        teardown.run(() -> NoiseHook.SLOT.withdraw(noise));
        CommonPoolBlocker blocker = pool;
        if (blocker != null) {
            teardown.run(blocker::close);
        }
        Contenders running = contenders;
        if (running != null) {
            teardown.run(() -> stopContenders(running));
        }
        teardown.finish();
    }

    private void stopContenders(Contenders running) {
        try {
            contendersAliveAfterStop = running.stop();
        } catch (InterruptedException e) {
            running.close();
            Thread.currentThread().interrupt();
        }
    }

    /** The transformer, for tests that check the reset. */
    ResettableClassFileTransformer transformer() {
        NoiseInstrumentation.Installed current = installed;
        return current == null ? null : current.transformer();
    }
}
