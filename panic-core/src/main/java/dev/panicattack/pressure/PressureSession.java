package dev.panicattack.pressure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.panicattack.constraint.DurationText;

/**
 * Runs a {@link PressurePlan}'s stressors and owns them. Every stressor is created (and so
 * validated) before any starts; if one fails to start, those already started are closed and the
 * failure is rethrown. {@link #close()} is idempotent and stops everything: when it returns, no
 * thread whose name starts with {@code panic-} that this session started is alive.
 */
public final class PressureSession implements AutoCloseable {

    private final PressurePlan plan;
    private final Optional<CpuStressor> cpu;
    private final Optional<HeapBallast> heap;
    private final Optional<DiskBudget> disk;
    private static final Duration CPU_ESTABLISH_LIMIT = Duration.ofSeconds(2);
    private static final Duration HEAP_ESTABLISH_LIMIT = Duration.ofSeconds(30);

    private final AtomicBoolean closed = new AtomicBoolean();
    /** When pressure was established and the test could begin: the summary covers what came after. */
    private volatile long establishedNanos;
    private final List<String> notEstablished = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PressureSession(PressurePlan plan, Optional<CpuStressor> cpu, Optional<HeapBallast> heap,
            Optional<DiskBudget> disk) {
        this.plan = plan;
        this.cpu = cpu;
        this.heap = heap;
        this.disk = disk;
    }

    /** Validates the plan, then starts its stressors; the heap ballast first, so CPU load does not slow its fill. */
    public static PressureSession start(PressurePlan plan) {
        Objects.requireNonNull(plan, "plan");
        Optional<CpuStressor> cpu = plan.cpu().map(cpuPlan -> new CpuStressor(cpuPlan.target()));
        Optional<HeapBallast> heap = plan.heap().map(HeapBallast::new);
        Optional<DiskBudget> disk = plan.disk().map(DiskBudget::new);
        return start(plan, cpu, heap, disk);
    }

    /** Starts already created stressors; tests use it to make one of them fail. */
    static PressureSession start(PressurePlan plan, Optional<CpuStressor> cpu, Optional<HeapBallast> heap) {
        return start(plan, cpu, heap, Optional.empty());
    }

    private static PressureSession start(PressurePlan plan, Optional<CpuStressor> cpu, Optional<HeapBallast> heap,
            Optional<DiskBudget> disk) {
        PressureSession session = new PressureSession(plan, cpu, heap, disk);
        List<Stressor> started = new ArrayList<>();
        try {
            for (Stressor stressor : session.stressors()) {
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
        for (Stressor stressor : stressors()) {
            Duration limit = stressor instanceof HeapBallast ? HEAP_ESTABLISH_LIMIT : CPU_ESTABLISH_LIMIT;
            try {
                if (!stressor.awaitEstablished(limit)) {
                    notEstablished.add(stressor.axis() + " not established within " + DurationText.format(limit));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notEstablished.add(stressor.axis() + " establishment interrupted");
                return;
            }
        }
    }

    private List<Stressor> stressors() {
        List<Stressor> all = new ArrayList<>();
        heap.ifPresent(all::add);
        cpu.ifPresent(all::add);
        disk.ifPresent(all::add);
        return all;
    }

    /** The plan this session runs. */
    public PressurePlan plan() {
        return plan;
    }

    /** The CPU stressor, when the plan has a cpu axis. */
    public Optional<CpuStressor> cpu() {
        return cpu;
    }

    /** The heap ballast, when the plan has a heap axis. */
    public Optional<HeapBallast> heap() {
        return heap;
    }

    /** The disk budget, when the plan has a disk axis. */
    public Optional<DiskBudget> disk() {
        return disk;
    }

    /**
     * Snapshots of every trace: {@code cpu}, {@code cpu-burners}, {@code cpu-machine} with a cpu
     * axis; {@code heap}, {@code heap-ballast} with a heap axis; {@code disk} with a disk axis.
     */
    public List<PressureTrace> traces() {
        List<PressureTrace> traces = new ArrayList<>();
        cpu.ifPresent(stressor -> {
            traces.add(stressor.trace());
            traces.add(stressor.burnerTrace());
            traces.add(stressor.machineTrace());
        });
        heap.ifPresent(ballast -> {
            traces.add(ballast.trace());
            traces.add(ballast.ballastTrace());
        });
        disk.ifPresent(budget -> traces.add(budget.trace()));
        return List.copyOf(traces);
    }

    /** Ballast bytes held now; 0 without a heap axis. */
    public long ballastBytes() {
        return heap.map(HeapBallast::ballastBytes).orElse(0L);
    }

    /** Drops the heap ballast at once (for when the subject hits OutOfMemoryError); no-op without a heap axis. */
    public void releaseHeap() {
        heap.ifPresent(HeapBallast::release);
    }

    /**
     * What was achieved, for example
     * {@code cpu target 80% achieved 79.6% (sd 0.4); heap target 70% achieved 69.8% (ballast 512 MiB)}.
     * Means over all samples; the cpu sd is over 1-second windows (see docs/cpu-pressure.md).
     */
    /**
     * The samples taken once pressure was established, when the test ran under it; all of them if
     * the test was too short to have any of its own.
     */
    private PressureTrace sinceEstablished(PressureTrace trace, long stressorStartNanos) {
        java.time.Duration cutoff = java.time.Duration.ofNanos(Math.max(0, establishedNanos - stressorStartNanos));
        List<PressureSample> during = trace.samples().stream().filter(sample -> sample.at().compareTo(cutoff) > 0).toList();
        return during.isEmpty() ? trace : new PressureTrace(trace.axis(), trace.unit(), during);
    }

    /** The most ballast held at any sample: after close the ballast itself is gone. */
    private static long peakBallast(HeapBallast ballast) {
        return Math.round(ballast.ballastTrace().samples().stream().mapToDouble(PressureSample::achieved).max()
                .orElse(ballast.ballastBytes()));
    }

    public String achievedSummary() {
        List<String> parts = new ArrayList<>();
        cpu.ifPresent(stressor -> {
            PressureTrace trace = sinceEstablished(stressor.trace(), stressor.startedAtNanos());
            String text = "cpu target " + Figures.percent(round1(trace.meanTarget())) + " achieved "
                    + Figures.percent(round1(trace.meanAchieved())) + " (sd "
                    + Figures.number(TraceStatistics.secondWindowDeviation(trace), 1) + ")";
            if (stressor.failure().isPresent()) {
                text += " stopped early: " + stressor.failure().get();
            }
            parts.add(text);
        });
        heap.ifPresent(ballast -> {
            PressureTrace trace = sinceEstablished(ballast.trace(), ballast.startedAtNanos());
            String text = "heap target " + Figures.percent(round1(trace.meanTarget())) + " achieved "
                    + Figures.percent(round1(trace.meanAchieved())) + " (ballast up to "
                    + Figures.mebibytes(peakBallast(ballast)) + ")";
            if (ballast.yieldedToOutOfMemory()) {
                text += " ballast yielded to OutOfMemoryError";
            } else if (ballast.isReleased() && !closed.get()) {
                text += " ballast released";
            }
            parts.add(text);
        });
        disk.ifPresent(budget -> parts.add("disk fill " + Figures.percent(budget.plan().fillPercent()) + " of "
                + Figures.mebibytes(budget.plan().budgetBytes()) + ", used up to "
                + Figures.percent(round1(budget.trace().samples().stream().mapToDouble(PressureSample::achieved)
                        .max().orElse(budget.plan().fillPercent())))
                + ", " + budget.refusedWrites() + " writes refused"
                + (budget.plan().writeLatency().isZero() ? ""
                        : ", " + budget.delayedWrites() + " writes delayed " + Figures.duration(budget.plan().writeLatency()))));
        parts.addAll(notEstablished);
        return parts.isEmpty() ? "no pressure" : String.join("; ", parts);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Stops every stressor, heap first so its memory is free at once. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heap.ifPresent(HeapBallast::close);
        cpu.ifPresent(CpuStressor::close);
        disk.ifPresent(DiskBudget::close);
    }
}
