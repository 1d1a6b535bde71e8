package dev.panicattack.trial;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.evidence.JvmSensor;
import dev.panicattack.evidence.OsSensor;
import dev.panicattack.pressure.PressureSession;
import dev.panicattack.pressure.PressureTrace;
import dev.panicattack.probe.ProbeSession;
import dev.panicattack.report.FailureView;
import dev.panicattack.report.Outcome;
import dev.panicattack.report.ReportFiles;
import dev.panicattack.report.TrialReport;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.Signature;

/**
 * One test method's run: sensors first, then pressure, then the hang detector; at the end, the
 * evidence is judged and a {@link Verdict} returned. Owns everything it starts: {@link #close()}
 * stops all of it on any path and is idempotent.
 */
public final class Trial implements AutoCloseable {

    private static final Duration HANG_CHECK_PERIOD = Duration.ofMillis(100);
    private static final Duration FLIGHT_RECORDER_WAIT = Duration.ofSeconds(2);

    private final TrialSpec spec;
    private final TrialEnvironment environment;
    private final EvidenceStore store;
    private final TestThreads testThreads;
    private final Instant startedAt;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private JvmSensor jvm;
    private PressureSession pressure;
    private HangDetector hangDetector;
    private ProbeSession probes;
    private LiveHeapProbe liveHeap;

    private Trial(TrialSpec spec, TrialEnvironment environment, TestThreads testThreads) {
        this.spec = spec;
        this.environment = environment;
        this.store = EvidenceStore.open();
        this.testThreads = testThreads;
        this.startedAt = Instant.now();
    }

    /**
     * Starts evidence, pressure and hang detection. If anything fails to start, whatever did start is
     * stopped again before the exception propagates.
     */
    public static Trial begin(TrialSpec spec, TrialEnvironment environment) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(environment, "environment");
        // The run's shared resources start their own threads: before the test's threads are counted.
        environment.flightRecorder();
        if (!spec.plan().isEmpty()) {
            environment.systemInfo();
        }
        Trial trial = new Trial(spec, environment, TestThreads.startingNow());
        try {
            trial.start();
        } catch (RuntimeException | Error e) {
            trial.close();
            throw e;
        }
        return trial;
    }

    private void start() {
        store.add("stall_window", spec.stallWindow().toMillis());
        store.add("first_test_thread_id", testThreads.firstNewId());
        spec.failOn().forEach(bugClass -> store.add("fail_on", bugClass.ruleName()));
        spec.declared().forEach(store::add);
        if (spec.probes().isPresent()) {
            // First: a subject that cannot be instrumented fails the test before any pressure starts.
            probes = ProbeSession.start(spec.probes().get(), store::elapsedMillis);
            started.add(probes);
        }
        // Without pressure there is no baseline worth a sample at time zero; short tests then cost no sample.
        JvmSensor.Builder jvmBuilder = JvmSensor.custom().sampleAtStart(!spec.plan().isEmpty());
        if (!spec.plan().isEmpty()) {
            pressure = PressureSession.start(spec.plan());
            started.add(pressure);
            PressureSession session = pressure;
            jvmBuilder.ballastBytes(session::ballastBytes);
            OsSensor os = OsSensor.ofDefaults(environment.systemInfo());
            os.start(store);
            started.add(os);
        }
        jvm = jvmBuilder.build();
        jvm.start(store);
        started.add(jvm);
        if (spec.failOn().contains(BugClass.MEMORY_LEAK)) {
            PressureSession session = pressure;
            liveHeap = LiveHeapProbe.start(store, () -> session == null ? 0 : session.ballastBytes());
            started.add(liveHeap);
        }
        hangDetector = HangDetector.start(testThreads, spec.stallWindow(), HANG_CHECK_PERIOD, store);
        started.add(hangDetector);
    }

    /** Declares the thread that runs the test body: it belongs to the test even though it may predate the trial. */
    public void bodyRunsOn(Thread body) {
        testThreads.addBody(body);
        store.add("test_thread", TestThreads.idOf(body));
    }

    /** The running stressor of type {@code type}, when the plan has its axis (for adapters that report to it). */
    public <T extends dev.panicattack.pressure.Stressor> Optional<T> stressor(Class<T> type) {
        PressureSession session = pressure;
        return session == null ? Optional.empty() : session.stressor(type);
    }

    /** Completes when the test's threads are judged hung. */
    public CompletableFuture<Hang> hang() {
        return hangDetector.hang();
    }

    /** Drops the heap ballast at once (the test hit {@link OutOfMemoryError}); returns the bytes released. */
    public long releaseHeap() {
        if (pressure == null) {
            return 0;
        }
        long held = pressure.ballastBytes();
        pressure.releaseHeap();
        store.add("ballast_released", store.elapsedMillis(), held);
        return held;
    }

    /** The pressure plan as the failure message names it. */
    public String pressureSummary() {
        return spec.plan().isEmpty() ? "no pressure" : spec.plan().describe();
    }

    /**
     * Stops pressure and sensors, records the failure as evidence, judges the evidence and writes the
     * report. Signatures are derived only when there is something to judge: a failure, a hang, or
     * classes the test must not show ({@code failOn}).
     */
    public Verdict conclude(Optional<Throwable> failure, Optional<Hang> hang) {
        boolean judged = failure.isPresent() || hang.isPresent() || !spec.failOn().isEmpty();
        if (!judged && pressure == null) {
            // A passing test with nothing to look for: no verdict to derive and no report to write.
            try {
                if (probes != null) {
                    probes.requireAllTransformed();
                }
            } finally {
                close();
            }
            return new Verdict(List.of(), pressureSummary(), "", hang, Optional.empty());
        }
        hangDetector.close();
        if (liveHeap != null) {
            // The live heap as the test left it: a sample taken while the probes reset would see the
            // subject's own clean-up, not its retention.
            liveHeap.close();
        }
        if (probes != null) {
            // Facts first, then the reset: the subject runs unadvised from here on.
            probes.record(store);
            probes.close();
        }
        jvm.observeNow();
        Optional<String> threadDump = failure.isPresent() || hang.isPresent() ? Optional.of(threadDump()) : Optional.empty();
        failure.ifPresent(thrown -> FailureFacts.record(store, thrown));
        if (failure.filter(Trial::causedByOutOfMemory).isPresent()) {
            recordHeapAfterFailure();
        }
        recordThreadsStillAlive();
        HeapTrend.record(store);
        List<PressureTrace> traces = List.of();
        String achieved = "";
        if (pressure != null) {
            pressure.close();
            traces = pressure.traces();
            achieved = pressure.achievedSummary();
            traces.forEach(trace -> PressureTraceFacts.record(trace, store));
            pressure.facts().forEach(store::add);
        }
        close();
        long endNanos = System.nanoTime();
        store.add("test_duration", store.elapsedMillis());

        List<Signature> signatures = judged ? environment.engine().diagnose(store.snapshot()) : List.of();
        Optional<FlightRecorderFeed> flightRecorder = environment.flightRecorder();
        boolean evidenceComplete = flightRecorder.isEmpty();
        if (judged && signatures.isEmpty() && flightRecorder.isPresent()) {
            // Nothing derived from the prompt sensors: the late Flight Recorder events may settle it.
            evidenceComplete = flightRecorder.get().awaitFlush(FLIGHT_RECORDER_WAIT);
            flightRecorder.get().slice(store, endNanos).forEach(store::add);
            signatures = environment.engine().diagnose(store.snapshot());
        }
        if (!spec.failOn().isEmpty() && failure.isEmpty() && hang.isEmpty()) {
            signatures = signatures.stream().filter(signature -> spec.failOn().contains(signature.bugClass())).toList();
        }

        Optional<ReportFiles> files = Optional.empty();
        if (judged || pressure != null) {
            TrialReport report = report(failure, hang, threadDump, traces, achieved, signatures, evidenceComplete);
            files = Optional.of(environment.reports().write(report));
            environment.recorded(report);
            if (!evidenceComplete && flightRecorder.isPresent()) {
                FlightRecorderFeed feed = flightRecorder.get();
                environment.completeLater(() -> completeReport(feed, report, endNanos));
            }
        }
        return new Verdict(signatures, pressureSummary(), achieved, hang, files);
    }

    private void completeReport(FlightRecorderFeed feed, TrialReport report, long endNanos) {
        boolean complete = feed.awaitFlush(FLIGHT_RECORDER_WAIT);
        List<Fact> facts = new ArrayList<>(report.facts());
        facts.addAll(feed.slice(store, endNanos));
        TrialReport completed = report.withFacts(facts).withEvidenceComplete(complete);
        environment.reports().write(completed);
        environment.recorded(completed);
    }

    private TrialReport report(Optional<Throwable> failure, Optional<Hang> hang, Optional<String> threadDump,
            List<PressureTrace> traces, String achieved, List<Signature> signatures, boolean evidenceComplete) {
        TrialReport.Builder builder = TrialReport.builder()
                .testId(spec.test().id())
                .displayName(spec.test().displayName())
                .className(spec.test().className())
                .methodName(spec.test().methodName())
                .outcome(failure.isPresent() || hang.isPresent() || !signatures.isEmpty() ? Outcome.FAILED : Outcome.PASSED)
                .pressure(pressureSummary())
                .achieved(achieved)
                .traces(traces)
                .facts(store.snapshot())
                .signatures(signatures)
                .startedAt(startedAt)
                .duration(Duration.ofMillis(store.elapsedMillis()))
                .evidenceComplete(evidenceComplete);
        failure.map(FailureView::of).ifPresent(builder::failure);
        if (failure.isEmpty()) {
            hang.map(detected -> FailureView.of("hang: " + detected.kind(), "judged at " + detected.at().toMillis()
                    + " ms; threads " + detected.threads(), hungStacks(detected))).ifPresent(builder::failure);
        }
        threadDump.ifPresent(builder::threadDump);
        return builder.build();
    }

    /**
     * One collection after an {@link OutOfMemoryError}, and what survives it (ballast taken out):
     * retention a leak built outlives the failure, a burst's data does not.
     */
    private void recordHeapAfterFailure() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long ballast = pressure == null ? 0 : pressure.ballastBytes();
        store.add("heap_after_failure", store.elapsedMillis(), Math.max(0, used - ballast));
    }

    private static boolean causedByOutOfMemory(Throwable thrown) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable current = thrown; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Where each hung thread stood, as stack trace text. */
    private static String hungStacks(Hang detected) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < detected.stacks().size(); i++) {
            text.append("thread ").append(i < detected.threads().size() ? detected.threads().get(i) : "?").append('\n');
            for (StackTraceElement frame : detected.stacks().get(i)) {
                text.append("\tat ").append(frame).append('\n');
            }
        }
        return text.toString();
    }

    /** Test threads other than the body that are still alive: candidates for a thread leak. */
    private void recordThreadsStillAlive() {
        long at = store.elapsedMillis();
        java.util.Set<Long> bodies = testThreads.bodyIds();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long id = TestThreads.idOf(thread);
            // The common pool's workers belong to the JVM, which retires them when idle: not a leak.
            boolean commonPoolWorker = thread instanceof java.util.concurrent.ForkJoinWorkerThread worker
                    && worker.getPool() == java.util.concurrent.ForkJoinPool.commonPool();
            if (thread.isAlive() && testThreads.contains(id, thread.getName()) && !bodies.contains(id)
                    && !commonPoolWorker) {
                store.add("thread_alive_at_end", at, id, thread.getName());
            }
        }
    }

    private String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (!testThreads.contains(info.getThreadId(), info.getThreadName())) {
                continue;
            }
            dump.append('"').append(info.getThreadName()).append("\" #").append(info.getThreadId())
                    .append(' ').append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(info.getLockOwnerName()).append("\" #").append(info.getLockOwnerId());
            }
            dump.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
            dump.append('\n');
        }
        return dump.toString();
    }

    /** Stops whatever is still running, last started first. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // Every resource gets its chance to stop; the first failure is kept as evidence.
                store.add("stop_failed", store.elapsedMillis(), e.getClass().getName());
            }
        }
    }
}
