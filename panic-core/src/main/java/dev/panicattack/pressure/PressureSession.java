package dev.panicattack.pressure;

import dev.panicattack.constraint.DurationText;
import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import dev.panicattack.pressure.cpu.CpuStressor;
import dev.panicattack.pressure.disk.DiskBudget;
import dev.panicattack.pressure.memory.HeapBallast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link PressurePlan}'s stressors and owns them. Every stressor is created (and so
 * validated) before any starts, in plan order; if one fails to start, those already started are
 * closed and the failure is rethrown.
 *
 * <p>{@link #close()} is idempotent and stops everything: it asks every stressor to stop, in plan
 * order, even when an earlier one threw, so one failing axis never leaves another running. When it
 * returns normally, no thread whose name starts with {@code panic-} that this session started is
 * alive. When a stressor's stop threw, {@code close()} throws a {@link PressureReleaseException}
 * after stopping all the others: it names the failed axes, its cause is the first failure and the
 * later ones are suppressed in it. A second {@code close()} returns at once.
 */
public final class PressureSession implements AutoCloseable {

    private final PressurePlan plan;
    private final List<Stressor> stressors;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When pressure was established and the test could begin: the summary covers what came after. */
    private volatile long establishedNanos;
    private final List<String> notEstablished = new CopyOnWriteArrayList<>();

    private PressureSession(PressurePlan plan, List<Stressor> stressors) {
        this.plan = plan;
        this.stressors = List.copyOf(stressors);
    }

    /** Creates every stressor of the plan, then starts them in plan order and waits until each is established. */
    public static PressureSession start(PressurePlan plan) {
        Objects.requireNonNull(plan, "plan");
        return start(plan, plan.axes().stream().map(AxisPlan::newStressor).toList());
    }

    /** Starts already created stressors; tests use it to make one of them fail. */
    static PressureSession start(PressurePlan plan, List<Stressor> stressors) {
        PressureSession session = new PressureSession(plan, stressors);
        List<Stressor> started = new ArrayList<>();
        try {
            for (Stressor stressor : session.stressors) {
                started.add(stressor);
                stressor.start();
            }
        } catch (RuntimeException | Error e) {
            Collections.reverse(started);
            for (Stressor stressor : started) {
                try {
                    stressor.close();
                } catch (RuntimeException | Error suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        session.awaitEstablished();
        session.establishedNanos = System.nanoTime();
        return session;
    }

    /** Pressure is established before the test runs; a stressor that cannot get there in time is noted, not waited for. */
    private void awaitEstablished() {
        for (Stressor stressor : stressors) {
            Duration limit = stressor.establishLimit();
            try {
                if (!stressor.awaitEstablished(limit)) {
                    notEstablished.add(stressor.axis().key() + " not established within " + DurationText.format(limit));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notEstablished.add(stressor.axis().key() + " establishment interrupted");
                return;
            }
        }
    }

    /** The plan this session runs. */
    public PressurePlan plan() {
        return plan;
    }

    /** The stressors, in plan order. */
    public List<Stressor> stressors() {
        return stressors;
    }

    /** The stressor of type {@code type}, when the plan has its axis. */
    public <T extends Stressor> Optional<T> stressor(Class<T> type) {
        return stressors.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The CPU stressor, when the plan has a cpu axis. */
    public Optional<CpuStressor> cpu() {
        return stressor(CpuStressor.class);
    }

    /** The heap ballast, when the plan has a heap axis. */
    public Optional<HeapBallast> heap() {
        return stressor(HeapBallast.class);
    }

    /** The disk budget, when the plan has a disk axis. */
    public Optional<DiskBudget> disk() {
        return stressor(DiskBudget.class);
    }

    /**
     * Snapshots of every stressor's traces, for example {@code cpu}, {@code cpu-burners},
     * {@code cpu-machine} with a cpu axis; {@code heap}, {@code heap-ballast} with a heap axis.
     */
    public List<PressureTrace> traces() {
        return stressors.stream().flatMap(stressor -> stressor.traces().stream()).toList();
    }

    /** Every stressor's own facts beyond its traces; complete once the session is closed. */
    public List<Fact> facts() {
        return stressors.stream().flatMap(stressor -> stressor.facts().stream()).toList();
    }

    /** Ballast bytes held now; 0 without a heap axis. */
    public long ballastBytes() {
        return heap().map(HeapBallast::ballastBytes).orElse(0L);
    }

    /** Drops the heap ballast at once (for when the subject hits OutOfMemoryError); no-op without a heap axis. */
    public void releaseHeap() {
        heap().ifPresent(HeapBallast::release);
    }

    /**
     * What was achieved, one part per axis in the plan's summary order (cpu first), over what
     * happened once pressure was established, for example
     * {@code cpu target 80% achieved 79.6% (sd 0.4); heap target 70% achieved 69.8% (ballast up to 512 MiB)}.
     */
    public String achievedSummary() {
        List<String> parts = new ArrayList<>();
        cpu().ifPresent(stressor -> parts.add(stressor.achieved(establishedNanos)));
        stressors.stream().filter(stressor -> !(stressor instanceof CpuStressor))
                .forEach(stressor -> parts.add(stressor.achieved(establishedNanos)));
        parts.addAll(notEstablished);
        return parts.isEmpty() ? "no pressure" : String.join("; ", parts);
    }

    /**
     * Stops every stressor in plan order, so the heap ballast (first) frees its memory at once, each
     * even when an earlier one threw. Idempotent.
     *
     * @throws PressureReleaseException after every stressor was asked to stop, when one or more threw
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            PressureReleaseException.Release release = new PressureReleaseException.Release();
            stressors.forEach(release::stop);
            release.finish();
        }
    }
}
