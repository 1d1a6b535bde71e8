package dev.panicattack.pressure;

import dev.panicattack.constraint.Axis;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.evidence.Fact;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.AxisPlan;
import dev.panicattack.pressure.axis.LevelSchedule;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.RampWave;
import dev.panicattack.pressure.axis.Stressor;
import dev.panicattack.pressure.axis.Waveform;
import dev.panicattack.pressure.cpu.CpuPlan;
import dev.panicattack.pressure.cpu.CpuStressor;
import dev.panicattack.pressure.memory.HeapBallast;
import dev.panicattack.pressure.memory.HeapPlan;
import dev.panicattack.subject.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Pressure changed in code, from inside a test body: apply a constraint set or an axis plan, set an
 * axis to a level, ramp it to a level over a duration, release an axis or all of them. Use it with
 * try-with-resources; {@link #close()} stops everything, on every path.
 *
 * <p>The stressors are the same as the annotations' ({@link CpuStressor}, {@link HeapBallast},
 * and every other axis's through its {@link AxisPlan}). A change on the cpu or memory axis re-aims the
 * running stressor instead of replacing it: the CPU burners follow a new waveform from now on, and
 * the heap ballast grows or shrinks from what it holds (a heap ramp is a {@link HeapPlan} whose
 * base is the current target and whose leak rate and ceiling reach the new level on time). Any
 * other axis is changed by closing its stressor and starting a new one from the new plan.
 *
 * <p>A change that starts a new stressor waits until its pressure is established (as a
 * {@link PressureSession} does, up to the stressor's {@link Stressor#establishLimit()}); a change
 * that re-aims a running stressor returns at once and the achieved level follows within the
 * stressor's control period. Every change is recorded in {@link #timeline()}; {@link #traces()}
 * count time from when this control was opened. Thread-safe. Semantics:
 * {@code docs/pressure-in-code.md}.
 *
 * <p>A control made by {@link #disabled(Subject, String)} (the JUnit adapter makes one when
 * {@code panic.enabled=false}) checks every call as an open control does, applies nothing, and
 * says so in {@link #achievedSummary()}.
 *
 * <p>Releasing never stops at a failing axis: {@link #close()}, {@link #releaseAll()} and
 * {@link #release(String)} ask every stressor concerned to stop, even when an earlier one threw, and
 * only then throw a {@link PressureReleaseException} naming the axes that failed.
 */
public final class PressureControl implements AutoCloseable {

    /** The cpu axis's name in this API. */
    private static final String CPU = Axis.CPU.key();
    /** The memory axis's name in this API, as in YAML and the annotations: {@code set("memory", 60)}. */
    private static final String HEAP = Axis.MEMORY.key();

    private final long openedNanos;
    /** Running stressors by axis, in start order. */
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Subject subject;
    /** Stressors already stopped, kept for their traces and facts. */
    private final List<Running> stopped = new ArrayList<>();
    private final List<PressureChange> timeline = new ArrayList<>();
    private final List<String> notEstablished = new ArrayList<>();
    /** The heap ballast running now, readable without the lock: sensors read it while a change waits to establish. */
    private volatile HeapBallast heapNow;
    private Duration closedAt;
    /** What switched pressure off for this control, or null when it applies pressure. */
    private final String disabledBy;
    /** The changes a disabled control was asked for, in order, as its summary names them. */
    private final List<String> notApplied = new ArrayList<>();

    private PressureControl(long openedNanos, Subject subject, String disabledBy) {
        this.openedNanos = openedNanos;
        this.subject = subject;
        this.disabledBy = disabledBy;
    }

    /**
     * A control with no pressure applied yet and no subject (axes that act on the subject's own
     * calls, such as the clock, then refuse); time in its timeline and traces counts from now.
     */
    public static PressureControl open() {
        return open(Subject.of());
    }

    /** A control whose subject-scoped axes (clock, scheduling noise, ...) act on {@code subject}. */
    public static PressureControl open(Subject subject) {
        return new PressureControl(System.nanoTime(), Objects.requireNonNull(subject, "subject"), null);
    }

    /**
     * A control with pressure switched off by {@code by} (for example {@code panic.enabled=false}):
     * it accepts every call that a control {@link #open(Subject) open} on {@code subject} accepts
     * (and refuses the same bad arguments), applies nothing, lists no axis, records no change and
     * starts no thread; {@link #achievedSummary()} reads {@code pressure disabled by <by>} followed
     * by the changes not applied.
     */
    public static PressureControl disabled(Subject subject, String by) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(by, "by");
        if (by.isBlank()) {
            throw new IllegalArgumentException("PressureControl.disabled(subject, by) needs what switched pressure"
                    + " off, for example \"panic.enabled=false\", but was blank");
        }
        return new PressureControl(System.nanoTime(), subject, by);
    }

    /** What switched this control's pressure off, when it was made by {@link #disabled(Subject, String)}. */
    public Optional<String> disabledBy() {
        return Optional.ofNullable(disabledBy);
    }

    /**
     * Applies every axis of {@code set} (resolved as the annotations resolve it); axes the set does
     * not declare keep their current pressure. Call {@link #releaseAll()} first for a clean start.
     *
     */
    public synchronized PressureControl apply(Constraints set) {
        Objects.requireNonNull(set, "set");
        PressurePlan plan = PressurePlan.resolve(set, subject);
        requireOpen("apply(Constraints '" + set.name() + "')");
        if (disabledBy != null) {
            notApplied.add("set '" + set.name() + "'");
            return this;
        }
        for (AxisPlan axis : plan.axes()) {
            apply(axis, PressureChange.Action.APPLY, "set '" + set.name() + "': ");
        }
        return this;
    }

    /**
     * Applies the constraint set called {@code name} from the user's sets on the context class
     * path ({@link ConstraintSetLibrary#USER_DIRECTORY}) or the built-in ones.
     */
    public PressureControl apply(String constraintSetName) {
        Objects.requireNonNull(constraintSetName, "constraintSetName");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConstraintSetLibrary library = ConstraintSetLibrary.fromClassLoader(
                loader != null ? loader : PressureControl.class.getClassLoader());
        return apply(library.load(constraintSetName));
    }

    /**
     * Applies one axis plan: a {@link CpuPlan}'s waveform starts now; a {@link HeapPlan} is followed
     * from the current ballast (a plan without a base starts from the current target, or the
     * measured occupancy when the memory axis is not applied yet); any other axis replaces its
     * running stressor.
     */
    public synchronized PressureControl apply(AxisPlan plan) {
        Objects.requireNonNull(plan, "plan");
        requireOpen("apply(" + plan.describe() + ")");
        if (disabledBy != null) {
            notApplied.add(plan.describe());
            return this;
        }
        return apply(plan, PressureChange.Action.APPLY, "");
    }

    /**
     * Holds {@code axis} ({@code cpu} or {@code memory}) at {@code percent} (0 to 100) from now on.
     * Other axes have no single level: apply their {@link AxisPlan} instead.
     */
    public synchronized PressureControl set(String axis, double percent) {
        Axis level = levelAxis(axis, "set");
        RampWave.requirePercent(axis + " level", percent);
        requireOpen("set(\"" + axis + "\", " + Figures.number(percent, 2) + ")");
        String description = axis + " " + Figures.percent(percent);
        if (disabledBy != null) {
            notApplied.add(description);
            return this;
        }
        if (level == Axis.CPU) {
            aimCpu(Waveform.constant(percent), PressureChange.Action.SET, description);
        } else {
            aimHeap(new HeapPlan(OptionalDouble.of(percent), 0, percent), PressureChange.Action.SET, description);
        }
        return this;
    }

    /**
     * Moves {@code axis} ({@code cpu} or {@code memory}) linearly from its current target to
     * {@code toPercent} over {@code over}, then holds it there. A heap ramp only rises (it is a
     * leak): lower the heap with {@link #set}. An axis not applied yet ramps from 0 (cpu) or from
     * the measured heap occupancy (memory).
     */
    public synchronized PressureControl ramp(String axis, double toPercent, Duration over) {
        Axis level = levelAxis(axis, "ramp");
        RampWave.requirePercent(axis + " ramp target", toPercent);
        Objects.requireNonNull(over, "over");
        if (over.isNegative() || over.isZero()) {
            throw new IllegalArgumentException("ramp(\"" + axis + "\", " + Figures.number(toPercent, 2)
                    + ", over) needs a positive duration, but over was " + over
                    + "; to change the level at once use set(\"" + axis + "\", " + Figures.number(toPercent, 2) + ")");
        }
        requireOpen("ramp(\"" + axis + "\", " + Figures.number(toPercent, 2) + ", " + Figures.duration(over) + ")");
        if (disabledBy != null) {
            notApplied.add(axis + " ramp to " + Figures.percent(toPercent) + " over " + Figures.duration(over));
            return this;
        }
        if (level == Axis.CPU) {
            double from = running.containsKey(CPU) ? targetNow(CPU) : 0;
            aimCpu(new RampWave(clampPercent(from), toPercent, over), PressureChange.Action.RAMP, "cpu ramp " + Figures.percent(Figures.round1(from))
                    + " to " + Figures.percent(toPercent) + " over " + Figures.duration(over));
            return this;
        }
        HeapBallast ballast = heapBallast();
        if (ballast == null) {
            ballast = (HeapBallast) start(new HeapPlan(OptionalDouble.empty(), 0, 100));
        }
        double from = clampPercent(ballast.targetPercentNow());
        if (toPercent < from) {
            throw new IllegalArgumentException("ramp(\"memory\", " + Figures.number(toPercent, 2) + ", "
                    + Figures.duration(over) + ") would lower the heap from its current target "
                    + Figures.percent(Figures.round1(from)) + ", but a heap ramp only rises, as a leak does;"
                    + " use set(\"memory\", " + Figures.number(toPercent, 2) + ") to lower it");
        }
        double rate = (toPercent - from) / (over.toNanos() / 1e9);
        aimHeap(new HeapPlan(OptionalDouble.of(from), rate, toPercent), PressureChange.Action.RAMP, "memory ramp "
                + Figures.percent(Figures.round1(from)) + " to " + Figures.percent(toPercent) + " over " + Figures.duration(over));
        return this;
    }

    /**
     * Stops the pressure on {@code axis} at once; a no-op when it is not applied.
     *
     * @throws PressureReleaseException when the axis's stressor threw while stopping (the axis is
     *         no longer listed in {@link #axes()} all the same)
     */
    public synchronized PressureControl release(String axis) {
        Objects.requireNonNull(axis, "axis");
        requireOpen("release(\"" + axis + "\")");
        Running stressor = running.remove(axis);
        if (stressor != null) {
            if (HEAP.equals(axis)) {
                heapNow = null;
            }
            stopped.add(stressor);
            PressureReleaseException.Release release = new PressureReleaseException.Release();
            release.stop(stressor.stressor());
            record(elapsed(), axis, PressureChange.Action.RELEASE, axis + " released");
            release.finish();
        }
        return this;
    }

    /**
     * Stops every axis at once, the heap first so its memory is free before anything else stops;
     * each even when an earlier one threw.
     *
     * @throws PressureReleaseException after every axis was asked to stop, when one or more threw
     */
    public synchronized PressureControl releaseAll() {
        requireOpen("releaseAll()");
        stopAll(PressureChange.Action.RELEASE, "released");
        return this;
    }

    /**
     * The target of {@code axis} ({@code cpu} or {@code memory}) right now, in percent; NaN when the
     * axis is not applied.
     */
    public synchronized double targetNow(String axis) {
        levelAxis(axis, "targetNow");
        Running current = running.get(axis);
        if (current == null) {
            return Double.NaN;
        }
        if (current.stressor() instanceof HeapBallast ballast) {
            return ballast.targetPercentNow();
        }
        CpuStressor cpu = (CpuStressor) current.stressor();
        return current.schedule().at(Duration.ofNanos(System.nanoTime() - cpu.startedAtNanos()));
    }

    /** The axes under pressure now, in the order they were first applied. */
    public synchronized List<String> axes() {
        return List.copyOf(running.keySet());
    }

    /**
     * Bytes of heap ballast held right now (0 without a heap axis). Never waits for the control's
     * lock, so a sensor can read it while a change is establishing.
     */
    public long ballastBytes() {
        HeapBallast ballast = heapNow;
        return ballast == null ? 0 : ballast.ballastBytes();
    }

    /**
     * Drops the heap ballast at once, without waiting for the control's lock: for a test that ran
     * out of memory. The heap axis stays listed until it is released or the control is closed.
     * Returns the bytes released.
     */
    public long releaseHeapNow() {
        HeapBallast ballast = heapNow;
        if (ballast == null) {
            return 0;
        }
        long held = ballast.ballastBytes();
        ballast.release();
        return held;
    }

    /** The time since this control was opened. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    /** Every change made so far, in order. */
    public synchronized List<PressureChange> timeline() {
        return List.copyOf(timeline);
    }

    /** {@link #timeline()} as a small table ({@link PressureChange#table}). */
    public String timelineTable() {
        return PressureChange.table(timeline());
    }

    /**
     * Every trace of every stressor this control started, stopped ones first, with sample times
     * counted from when this control was opened (so the axes line up with {@link #timeline()}).
     */
    public List<PressureTrace> traces() {
        return traces(Duration.ZERO);
    }

    /**
     * As {@link #traces()}, with sample times counted from {@code origin} (a time since this control
     * was opened, for example when a trial's evidence clock started); samples taken before it are
     * left out.
     */
    public synchronized List<PressureTrace> traces(Duration origin) {
        Objects.requireNonNull(origin, "origin");
        List<PressureTrace> traces = new ArrayList<>();
        for (Running stressor : allStressors()) {
            Duration offset = Duration.ofNanos(stressor.startedNanos() - openedNanos).minus(origin);
            for (PressureTrace trace : stressor.stressor().traces()) {
                traces.add(trace.withSamples(trace.samples().stream()
                        .map(sample -> new PressureSample(sample.at().plus(offset), sample.target(), sample.achieved()))
                        .filter(sample -> !sample.at().isNegative())
                        .toList()));
            }
        }
        return List.copyOf(traces);
    }

    /** Every stressor's own facts beyond its traces; complete once this control is closed. */
    public synchronized List<Fact> facts() {
        return allStressors().stream().flatMap(stressor -> stressor.stressor().facts().stream()).toList();
    }

    /**
     * What each stressor achieved, in start order, for example
     * {@code cpu target 50% achieved 49.6% (sd 0.8); heap target 62.3% achieved 61.9% (ballast up to 300 MiB)};
     * {@code no pressure} when nothing was applied. A disabled control says so and lists what it
     * was asked for: {@code pressure disabled by panic.enabled=false; not applied: cpu 80%, memory ramp to 90% over 10s}.
     */
    public synchronized String achievedSummary() {
        if (disabledBy != null) {
            return "pressure disabled by " + disabledBy
                    + (notApplied.isEmpty() ? "" : "; not applied: " + String.join(", ", notApplied));
        }
        List<String> parts = new ArrayList<>();
        for (Running stressor : allStressors()) {
            parts.add(stressor.stressor().achieved(stressor.startedNanos()));
        }
        parts.addAll(notEstablished);
        return parts.isEmpty() ? "no pressure" : String.join("; ", parts);
    }

    /** True once {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closedAt != null;
    }

    /**
     * Stops every stressor (the heap first), each even when an earlier one threw, and joins their
     * threads: when it returns normally no {@code panic-} thread this control started is alive and no
     * ballast is held. Idempotent: the control is closed after the first call, whatever it threw.
     *
     * @throws PressureReleaseException after every stressor was asked to stop, when one or more
     *         threw: it names the failed axes, its cause is the first failure and the later ones
     *         are suppressed in it
     */
    @Override
    public synchronized void close() {
        if (closedAt != null) {
            return;
        }
        try {
            stopAll(PressureChange.Action.CLOSE, "closed");
        } finally {
            closedAt = elapsed();
        }
    }

    private PressureControl apply(AxisPlan plan, PressureChange.Action action, String prefix) {
        Duration at = elapsed();
        String description = prefix + plan.describe();
        if (plan instanceof CpuPlan cpu) {
            aimCpu(cpu.target(), action, description);
        } else if (plan instanceof HeapPlan heap) {
            HeapBallast ballast = heapBallast();
            if (ballast == null) {
                start(heap);
                record(at, HEAP, action, description);
            } else {
                double base = heap.basePercent().orElse(clampPercent(ballast.targetPercentNow()));
                aimHeap(new HeapPlan(OptionalDouble.of(base), heap.leakPercentPerSecond(),
                        Math.max(base, heap.ceilingPercent())), action, description);
            }
        } else {
            Running previous = running.remove(name(plan.axis()));
            if (previous != null) {
                stopped.add(previous);
                // A stressor that did not stop may still hold what its successor needs: start none then.
                PressureReleaseException.Release release = new PressureReleaseException.Release();
                release.stop(previous.stressor());
                release.finish();
            }
            start(plan);
            record(at, name(plan.axis()), action, description);
        }
        return this;
    }

    private void aimCpu(Waveform wave, PressureChange.Action action, String description) {
        Duration at = elapsed();
        Running current = running.get(CPU);
        if (current == null) {
            LevelSchedule schedule = new LevelSchedule(wave);
            CpuStressor stressor = new CpuStressor(schedule);
            launch(CPU, stressor, schedule);
        } else {
            CpuStressor stressor = (CpuStressor) current.stressor();
            current.schedule().follow(wave, Duration.ofNanos(System.nanoTime() - stressor.startedAtNanos()));
        }
        record(at, CPU, action, description);
    }

    private void aimHeap(HeapPlan plan, PressureChange.Action action, String description) {
        Duration at = elapsed();
        HeapBallast ballast = heapBallast();
        if (ballast == null) {
            start(plan);
        } else {
            ballast.retarget(plan);
        }
        record(at, HEAP, action, description);
    }

    private Stressor start(AxisPlan plan) {
        Stressor stressor = plan.newStressor();
        launch(name(plan.axis()), stressor, null);
        return stressor;
    }

    /** Starts {@code stressor}, registers it before it can fail to establish, and waits for it like a session. */
    private void launch(String axis, Stressor stressor, LevelSchedule schedule) {
        long before = System.nanoTime();
        try {
            stressor.start();
        } catch (RuntimeException | Error e) {
            try {
                stressor.close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        long startedNanos = stressor instanceof CpuStressor cpu ? cpu.startedAtNanos()
                : stressor instanceof HeapBallast heap ? heap.startedAtNanos() : before;
        running.put(axis, new Running(stressor, startedNanos, schedule));
        if (stressor instanceof HeapBallast ballast) {
            // Before the wait: the ballast grows while it establishes, and sensors must not see it as the test's heap.
            heapNow = ballast;
        }
        Duration limit = stressor.establishLimit();
        try {
            if (!stressor.awaitEstablished(limit)) {
                notEstablished.add(axis + " not established within " + Figures.duration(limit));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notEstablished.add(axis + " establishment interrupted");
        }
    }

    private void stopAll(PressureChange.Action action, String verb) {
        if (running.isEmpty()) {
            return;
        }
        Duration at = elapsed();
        List<Running> order = new ArrayList<>();
        Running heap = running.get(HEAP);
        if (heap != null) {
            order.add(heap);
        }
        running.values().stream().filter(stressor -> stressor != heap).forEach(order::add);
        heapNow = null;
        PressureReleaseException.Release release = new PressureReleaseException.Release();
        for (Running stressor : order) {
            release.stop(stressor.stressor());
        }
        stopped.addAll(running.values());
        running.clear();
        record(at, "all", action, "all pressure " + verb);
        release.finish();
    }

    private HeapBallast heapBallast() {
        Running current = running.get(HEAP);
        return current == null ? null : (HeapBallast) current.stressor();
    }

    private List<Running> allStressors() {
        List<Running> all = new ArrayList<>(stopped);
        all.addAll(running.values());
        return all;
    }

    /**
     * Records a change that began at {@code at} and ends now: so a change that waited to establish
     * lines up with its trace, and the wait is known.
     */
    private void record(Duration at, String axis, PressureChange.Action action, String description) {
        timeline.add(new PressureChange(at, axis, action, description, elapsed().minus(at)));
    }

    private void requireOpen(String call) {
        if (closedAt != null) {
            throw new IllegalStateException("PressureControl." + call + " called after the control was closed (at "
                    + PressureChange.seconds(closedAt) + "); open a new PressureControl");
        }
    }

    /**
     * The axis {@code name} stands for when it has a single level ({@code cpu}, {@code memory});
     * empty for any other name.
     */
    public static Optional<Axis> levelAxis(String name) {
        Objects.requireNonNull(name, "name");
        return name.equals(CPU) ? Optional.of(Axis.CPU) : name.equals(HEAP) ? Optional.of(Axis.MEMORY) : Optional.empty();
    }

    private static Axis levelAxis(String axis, String call) {
        Objects.requireNonNull(axis, "axis");
        return levelAxis(axis).orElseThrow(() -> new IllegalArgumentException("PressureControl." + call
                + " acts on the axis \"" + CPU + "\" or \"" + HEAP + "\", but was \"" + axis
                + "\"; other axes have no single level: apply their plan with apply(AxisPlan)"));
    }

    /** An axis's name in this API: its key. */
    private static String name(Axis axis) {
        return axis.key();
    }

    private static double clampPercent(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(100, value));
    }

    /** A started stressor, the {@link System#nanoTime()} its samples count from, and the cpu schedule it follows. */
    private record Running(Stressor stressor, long startedNanos, LevelSchedule schedule) {
    }
}
