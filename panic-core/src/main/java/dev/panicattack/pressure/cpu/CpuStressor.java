package dev.panicattack.pressure.cpu;

import dev.panicattack.constraint.Axis;
import dev.panicattack.internal.instrument.LibraryThreads;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.axis.Stressor;
import dev.panicattack.pressure.axis.TraceStatistics;
import dev.panicattack.pressure.axis.Waveform;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.panicattack.internal.ThreadExit;

/**
 * Holds this JVM's process at a target share of the CPU capacity granted to it, closed loop.
 *
 * <p>Capacity is {@link Runtime#availableProcessors()} (cgroup aware). Every 100 ms a controller
 * thread ({@code panic-cpu-controller}) measures the process CPU time
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) and the CPU time of its own
 * burner threads ({@link ThreadMXBean#getThreadCpuTime}); everything else in the process is the
 * subject's. It sets the burners' duty to {@code target - subject}, plus an integral correction on
 * the cumulative error of the total (clamped, with anti-windup), so the burners add only what is
 * missing. One daemon burner per processor ({@code panic-cpu-burner-<n>}) busy-spins for the duty
 * share of each 10 ms slice and parks for the rest.
 *
 * <p>Trace {@code cpu}: one sample per 100 ms window, target and the achieved total process CPU in
 * percent of capacity. {@link #machineTrace()} ({@code cpu-machine}): the machine-wide CPU load as
 * the container sees it, for information only. Semantics: {@code docs/cpu-pressure.md}.
 *
 * <p>Thread-safe. {@link #close()} stops and joins every thread before it returns.
 */
public final class CpuStressor implements Stressor {

    private static final long SLICE_NANOS = 10_000_000L;
    private static final long WINDOW_NANOS = 100_000_000L;
    private static final long MIN_FINAL_WINDOW_NANOS = 50_000_000L;
    /** Duty correction per window, per percent-window of accumulated error. */
    private static final double INTEGRAL_GAIN = 0.2;
    /**
     * The integral only corrects the burners' small systematic shortfall (about one point), so it is
     * kept within this many points and recovers quickly after the machine was saturated.
     */
    private static final double INTEGRAL_LIMIT = 10;
    /** Burners that got this many points less than their duty were starved by other load. */
    private static final double STARVED_POINTS = 10;
    /** Weight of the newest window in the smoothed subject share (process CPU time ticks in 10 ms). */
    private static final double SUBJECT_SMOOTHING = 0.3;

    private final Waveform target;
    private final int processors;
    private final com.sun.management.OperatingSystemMXBean os;
    private final ThreadMXBean threads;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch established = new CountDownLatch(1);
    private final List<Thread> burners = new ArrayList<>();
    /** Each burner's last CPU time reading, in nanoseconds; read and written by the controller only. */
    private final long[] lastBurnerCpu;
    private final Object samplesLock = new Object();
    private final List<PressureSample> samples = new ArrayList<>();
    private final List<PressureSample> machineSamples = new ArrayList<>();
    private final List<PressureSample> burnerSamples = new ArrayList<>();

    private volatile boolean running;
    /** Fraction (0..1) of each slice that every burner spins. */
    private volatile double duty;
    private volatile long startNanos;
    private volatile long firstBusyNanos = -1;
    private volatile Thread controller;
    private volatile Throwable failure;

    /** A stressor aiming at {@code target} percent of this JVM's CPU capacity. */
    public CpuStressor(Waveform target) {
        this.target = Objects.requireNonNull(target, "target");
        this.processors = Runtime.getRuntime().availableProcessors();
        this.lastBurnerCpu = new long[processors];
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean)) {
            throw new IllegalStateException("CPU pressure needs com.sun.management.OperatingSystemMXBean to measure"
                    + " process CPU time, but this JVM provides "
                    + ManagementFactory.getOperatingSystemMXBean().getClass().getName()
                    + "; run on a HotSpot or OpenJ9 JDK");
        }
        this.os = bean;
        this.threads = ManagementFactory.getThreadMXBean();
        if (os.getProcessCpuTime() < 0) {
            throw new IllegalStateException("CPU pressure needs the process CPU time, which this platform does not"
                    + " report (getProcessCpuTime() returned -1); CPU pressure is unavailable here");
        }
    }

    @Override
    public Axis axis() {
        return Axis.CPU;
    }

    /** The number of processors that capacity is measured against. */
    public int processors() {
        return processors;
    }

    @Override
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("CpuStressor was closed before start(); create a new one");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("CpuStressor.start() was already called; a stressor starts once");
        }
        startNanos = System.nanoTime();
        // Open-loop first guess so pressure is applied before the first measurement.
        duty = clampPercent(target.at(Duration.ZERO)) / 100.0;
        running = true;
        for (int i = 0; i < processors; i++) {
            Thread burner = new Thread(this::burn, LibraryThreads.name("cpu-burner-" + i));
            burner.setDaemon(true);
            burners.add(burner);
        }
        for (Thread burner : burners) {
            burner.start();
        }
        Thread control = new Thread(this::control, LibraryThreads.name("cpu-controller"));
        control.setDaemon(true);
        controller = control;
        control.start();
    }

    private void burn() {
        while (running) {
            long sliceStart = System.nanoTime();
            long busy = (long) (duty * SLICE_NANOS);
            if (busy > 0) {
                if (firstBusyNanos < 0) {
                    firstBusyNanos = sliceStart;
                }
                long until = sliceStart + busy;
                while (running && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            long rest = sliceStart + SLICE_NANOS - System.nanoTime();
            if (rest > 0 && running) {
                LockSupport.parkNanos(this, rest);
            }
        }
    }

    @Override
    public boolean awaitEstablished(Duration timeout) throws InterruptedException {
        return established.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void control() {
        try {
            controlLoop();
        } catch (RuntimeException | Error e) {
            // Recorded for the session's summary; the burners stop so no uncontrolled load remains.
            failure = e;
            running = false;
            burners.forEach(LockSupport::unpark);
            throw e;
        }
    }

    private void controlLoop() {
        long windowStart = startNanos;
        long processStart = os.getProcessCpuTime();
        long previousProcess = processStart;
        long previousBurners = burnerCpuNanos();
        double windowTarget = clampPercent(target.at(Duration.ZERO));
        double integral = 0;
        double subject = Double.NaN;
        long next = windowStart + WINDOW_NANOS;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            long now = System.nanoTime();
            long process = os.getProcessCpuTime();
            long burnerCpu = burnerCpuNanos();
            double capacity = (double) processors * (now - windowStart);
            double total = 100.0 * (process - previousProcess) / capacity;
            double burnerShare = 100.0 * (burnerCpu - previousBurners) / capacity;
            double subjectNow = Math.max(0, total - burnerShare);
            subject = Double.isNaN(subject) ? subjectNow
                    : SUBJECT_SMOOTHING * subjectNow + (1 - SUBJECT_SMOOTHING) * subject;
            Duration at = Duration.ofNanos(now - startNanos);
            double machine = os.getCpuLoad();
            synchronized (samplesLock) {
                samples.add(new PressureSample(at, windowTarget, total));
                machineSamples.add(new PressureSample(at, windowTarget, machine < 0 ? Double.NaN : 100.0 * machine));
                burnerSamples.add(new PressureSample(at, duty * 100.0, burnerShare));
            }
            established.countDown();
            double dutyInForce = duty * 100.0;
            double nextTarget = clampPercent(target.at(at));
            double error = windowTarget - total;
            double proposed = nextTarget - subject + integral + INTEGRAL_GAIN * error;
            // Anti-windup: only accumulate while the output is not pinned against the error's direction.
            boolean pinnedHigh = proposed >= 100 && error > 0;
            boolean pinnedLow = proposed <= 0 && error < 0;
            // Starved burners (another tenant holds the cores) would wind the integral up for nothing.
            boolean starved = error > 0 && burnerShare < dutyInForce - STARVED_POINTS;
            if (!pinnedHigh && !pinnedLow && !starved) {
                integral = Math.max(-INTEGRAL_LIMIT, Math.min(INTEGRAL_LIMIT, integral + INTEGRAL_GAIN * error));
            }
            duty = clampPercent(nextTarget - subject + integral) / 100.0;
            windowTarget = nextTarget;
            windowStart = now;
            previousProcess = process;
            previousBurners = burnerCpu;
            next = now + WINDOW_NANOS;
        }
        recordFinalWindow(windowStart, previousProcess, previousBurners, windowTarget);
    }

    /** The part-window before close counts too, when it is long enough for the CPU clock's 10 ms ticks to mean something. */
    private void recordFinalWindow(long windowStart, long previousProcess, long previousBurners, double windowTarget) {
        long now = System.nanoTime();
        if (now - windowStart < MIN_FINAL_WINDOW_NANOS) {
            return;
        }
        double capacity = (double) processors * (now - windowStart);
        double total = 100.0 * (os.getProcessCpuTime() - previousProcess) / capacity;
        double burnerShare = 100.0 * (burnerCpuNanos() - previousBurners) / capacity;
        Duration at = Duration.ofNanos(now - startNanos);
        synchronized (samplesLock) {
            samples.add(new PressureSample(at, windowTarget, total));
            burnerSamples.add(new PressureSample(at, duty * 100.0, burnerShare));
        }
    }

    /**
     * CPU used by all burners so far. A burner that has ended reports no CPU time (-1): it keeps its
     * last reading, so the share of the last window does not fall below zero when they stop.
     */
    private long burnerCpuNanos() {
        long sum = 0;
        for (int i = 0; i < burners.size(); i++) {
            long nanos = threads.getThreadCpuTime(burners.get(i).getId());
            if (nanos > lastBurnerCpu[i]) {
                lastBurnerCpu[i] = nanos;
            }
            sum += lastBurnerCpu[i];
        }
        return sum;
    }

    private static double clampPercent(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.max(0, Math.min(100, value));
    }

    /** The {@link System#nanoTime()} reading at start: samples' times count from it. */
    public long startedAtNanos() {
        return startNanos;
    }

    @Override
    public PressureTrace trace() {
        synchronized (samplesLock) {
            return new PressureTrace(Axis.CPU, "%cpu", samples);
        }
    }

    /**
     * Machine-wide CPU load (all processes, as the container sees it) per window, in percent; the
     * target column repeats the cpu target for comparison. Information only: not controlled.
     */
    public PressureTrace machineTrace() {
        synchronized (samplesLock) {
            return new PressureTrace(Axis.CPU, "cpu-machine", "%cpu", machineSamples);
        }
    }

    /**
     * The burners' own share per window: target is the duty they were set to, achieved is the CPU
     * they used, both in percent of capacity. Shows how much the stressor added to the subject.
     */
    public PressureTrace burnerTrace() {
        synchronized (samplesLock) {
            return new PressureTrace(Axis.CPU, "cpu-burners", "%cpu", burnerSamples);
        }
    }

    @Override
    public List<PressureTrace> traces() {
        return List.of(trace(), burnerTrace(), machineTrace());
    }

    /** {@code cpu target 80% achieved 79.6% (sd 0.4)}: means over samples, sd over 1-second windows (docs/cpu-pressure.md). */
    @Override
    public String achieved(long establishedNanos) {
        PressureTrace trace = trace().after(Duration.ofNanos(Math.max(0, establishedNanos - startNanos)));
        String text = "cpu target " + Figures.percent(Figures.round1(trace.meanTarget())) + " achieved "
                + Figures.percent(Figures.round1(trace.meanAchieved())) + " (sd "
                + Figures.number(TraceStatistics.secondWindowDeviation(trace), 1) + ")";
        return failure == null ? text : text + " stopped early: " + failure;
    }

    /** Time from {@link #start()} until the first burner began spinning, once it has. */
    public Optional<Duration> timeToFirstPressure() {
        long first = firstBusyNanos;
        return first < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, first - startNanos)));
    }

    /** What stopped the controller early, if anything did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        established.countDown();
        running = false;
        List<Thread> all = new ArrayList<>(burners);
        Thread control = controller;
        if (control != null) {
            all.add(control);
        }
        all.forEach(LockSupport::unpark);
        ThreadExit.awaitAll(all);
    }
}
