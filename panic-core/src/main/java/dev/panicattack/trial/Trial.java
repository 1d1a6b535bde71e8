package dev.panicattack.trial;

import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.panicattack.constraint.Axis;
import dev.panicattack.evidence.EvidenceStore;
import dev.panicattack.evidence.Fact;
import dev.panicattack.evidence.JvmSensor;
import dev.panicattack.evidence.OsSensor;
import dev.panicattack.forecast.ExhaustionForecast;
import dev.panicattack.forecast.HeapNeed;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.PressureControl;
import dev.panicattack.pressure.PressureReleaseException;
import dev.panicattack.pressure.PressureSession;
import dev.panicattack.pressure.PressureSource;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.pressure.memory.OutOfMemoryActions;
import dev.panicattack.probe.ProbeSession;
import dev.panicattack.report.FailureView;
import dev.panicattack.report.Outcome;
import dev.panicattack.report.ReportFiles;
import dev.panicattack.report.TrialReport;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.Diagnosis;
import dev.panicattack.signature.Signature;
import dev.panicattack.subject.Subject;

/**
 * One test method's run: sensors first, then pressure, then the hang detector; at the end, the
 * evidence is judged and a {@link Verdict} returned. Owns everything it starts: {@link #close()}
 * stops all of it on any path and is idempotent.
 *
 * <p>Pressure comes from the spec's plan, from a {@link PressureControl} the test changes in code,
 * or both. A control handed to {@link #begin(TrialSpec, TrialEnvironment, Optional)} is owned by the
 * trial from then on: its ballast counts as ballast, not as the test's heap, and when the trial
 * concludes it is closed and its traces, facts and timeline become evidence like the plan's.
 */
public final class Trial implements AutoCloseable {

    private static final Duration HANG_CHECK_PERIOD = Duration.ofMillis(100);
    private static final Duration FLIGHT_RECORDER_WAIT = Duration.ofSeconds(2);

    private final TrialSpec spec;
    private final TrialEnvironment environment;
    private final EvidenceStore store;
    private final TestThreads testThreads;
    private final Instant startedAt;
    private final Optional<PressureControl> inCode;
    /** The control's time when this trial's evidence clock started: its traces and changes are shifted by it. */
    private final Duration inCodeOrigin;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean memoryRecorded = new AtomicBoolean();
    private JvmSensor jvm;
    private PressureSession pressure;
    private HangDetector hangDetector;
    private ProbeSession probes;
    private LiveHeapProbe liveHeap;
    private Verdict verdict;

    private Trial(TrialSpec spec, TrialEnvironment environment, TestThreads testThreads, Optional<PressureControl> inCode) {
        this.spec = spec;
        this.environment = environment;
        this.store = EvidenceStore.open();
        this.inCodeOrigin = inCode.map(PressureControl::elapsed).orElse(Duration.ZERO);
        this.testThreads = testThreads;
        this.startedAt = Instant.now();
        this.inCode = inCode;
    }

    /**
     * Starts evidence, pressure and hang detection. If anything fails to start, whatever did start is
     * stopped again before the exception propagates.
     */
    public static Trial begin(TrialSpec spec, TrialEnvironment environment) {
        return begin(spec, environment, Optional.empty());
    }

    /**
     * As {@link #begin(TrialSpec, TrialEnvironment)}, with pressure also changed in code through
     * {@code inCode}, which this trial owns from now on (it closes it when it concludes or closes).
     */
    public static Trial begin(TrialSpec spec, TrialEnvironment environment, Optional<PressureControl> inCode) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(inCode, "inCode");
        if (spec.plan().heap().isPresent()) {
            // Before anything starts: a JVM that ends at its first OutOfMemoryError cannot take heap pressure.
            OutOfMemoryActions.requireSurvivable();
        }
        // The run's shared resources start their own threads: before the test's threads are counted.
        environment.flightRecorder();
        environment.prepareForOutOfMemory();
        if (!spec.plan().isEmpty() || inCode.isPresent()) {
            environment.systemInfo();
        }
        Trial trial = new Trial(spec, environment, TestThreads.startingNow(), inCode);
        try {
            trial.start();
        } catch (RuntimeException | Error e) {
            trial.close();
            throw e;
        }
        return trial;
    }

    private void start() {
        if (spec.plan().heap().isPresent() || inCode.isPresent()) {
            // First in, last out: no heap dump of the ballast until every stressor has stopped.
            started.add(OutOfMemoryActions.suspendHeapDump());
        }
        MemoryAtFailure.resetPeaks();
        store.add("stall_window", spec.stallWindow().toMillis());
        store.add("first_test_thread_id", testThreads.firstNewId());
        spec.failOn().forEach(bugClass -> store.add("fail_on", bugClass.ruleName()));
        spec.declared().forEach(store::add);
        if (spec.probes().isPresent()) {
            // First: a subject that cannot be instrumented fails the test before any pressure starts.
            probes = ProbeSession.start(spec.probes().get(), store::elapsedMillis);
            started.add(probes);
        }
        inCode.ifPresent(control -> started.add(control));
        boolean pressured = !spec.plan().isEmpty() || inCode.isPresent();
        // Without pressure there is no baseline worth a sample at time zero; short tests then cost no sample.
        JvmSensor.Builder jvmBuilder = JvmSensor.custom().sampleAtStart(pressured).heartbeat(environment.heartbeat());
        if (!spec.plan().isEmpty()) {
            pressure = PressureSession.start(spec.plan());
            started.add(pressure);
        }
        if (pressured) {
            jvmBuilder.ballastBytes(this::ballastBytes);
            OsSensor os = OsSensor.custom(environment.systemInfo()).heartbeat(environment.heartbeat()).build();
            os.start(store);
            started.add(os);
        }
        jvm = jvmBuilder.build();
        jvm.start(store);
        started.add(jvm);
        if (spec.failOn().contains(BugClass.MEMORY_LEAK)) {
            liveHeap = LiveHeapProbe.start(store, this::ballastBytes);
            started.add(liveHeap);
        }
        hangDetector = HangDetector.start(testThreads, spec.stallWindow(), HANG_CHECK_PERIOD, store,
                Optional.of(environment.heartbeat()));
        started.add(hangDetector);
    }

    /** What this trial is. */
    public TrialSpec spec() {
        return spec;
    }

    /** Declares the thread that runs the test body: it belongs to the test even though it may predate the trial. */
    public void bodyRunsOn(Thread body) {
        testThreads.addBody(body);
        store.add("test_thread", TestThreads.idOf(body));
    }

    /**
     * The body has ended (passed, failed or was freed after a hang): its thread is no longer watched,
     * so whatever the caller does before concluding (other extensions' callbacks, say) is not judged
     * as the test's.
     */
    public void bodyEnded() {
        hangDetector.close();
    }

    /** The running stressor of type {@code type}, when the plan has its axis (for adapters that report to it). */
    public <T extends dev.panicattack.pressure.axis.Stressor> Optional<T> stressor(Class<T> type) {
        PressureSession session = pressure;
        return session == null ? Optional.empty() : session.stressor(type);
    }

    /** Completes when the test's threads are judged hung. */
    public CompletableFuture<Hang> hang() {
        return hangDetector.hang();
    }

    /**
     * The test ran out of memory (an {@link OutOfMemoryError} reached the library, from the body or a
     * thread it started): drops the run's memory reserve, records which memory is at its limit (the
     * reserve is not freed before the next collection, so it does not hide a full pool), then drops
     * the heap ballast, so that what runs next (the verdict, JUnit's handling of the failure) finds
     * the memory it needs. Returns the ballast bytes released.
     */
    public long outOfMemory() {
        // First, as it needs no memory: whatever runs after it finds room even if the test still holds what it filled.
        environment.releaseMemoryReserve();
        try {
            recordMemoryAtFailure();
        } catch (OutOfMemoryError stillFull) {
            // Even the reserve's room was not enough: the verdict goes on without these facts, and the
            // ballast below must be released all the same.
        }
        return releaseHeap();
    }

    /** Records the memory pools as the failure left them, once per trial: the first error's state is the telling one. */
    private void recordMemoryAtFailure() {
        if (memoryRecorded.compareAndSet(false, true)) {
            MemoryAtFailure.record(store);
        }
    }

    /** Drops the heap ballast at once (the test hit {@link OutOfMemoryError}); returns the bytes released. */
    public long releaseHeap() {
        long held = 0;
        if (pressure != null) {
            held += pressure.ballastBytes();
            pressure.releaseHeap();
        }
        held += inCode.map(PressureControl::releaseHeapNow).orElse(0L);
        if (pressure != null || inCode.isPresent()) {
            store.add("ballast_released", store.elapsedMillis(), held);
        }
        return held;
    }

    /** Ballast held by the plan's stressors and the control's: memory that is pressure, not the test's. */
    private long ballastBytes() {
        return (pressure == null ? 0 : pressure.ballastBytes()) + inCode.map(PressureControl::ballastBytes).orElse(0L);
    }

    /**
     * The pressure as the failure message names it ({@link TrialPressure#describe()}): where it was
     * declared and the plan's summary, then the changes made in code
     * ({@code in code: cpu 30%, heap ramp 30% to 45% over 1s}), or {@code no pressure}.
     */
    public String pressureSummary() {
        return pressureAsRun().describe();
    }

    /** The pressure this trial runs under: its sources, its plan's summary and the changes made in code so far. */
    public TrialPressure pressureAsRun() {
        List<PressureSource> sources = new ArrayList<>(spec.sources());
        inCode.ifPresent(control -> sources.add(new PressureSource.InCode()));
        List<String> changes = inCode.map(PressureControl::timeline).orElse(List.of()).stream()
                .filter(change -> change.action() != PressureChange.Action.CLOSE)
                .map(PressureChange::description)
                .toList();
        return new TrialPressure(sources, spec.plan().describe(), changes);
    }

    /**
     * Stops pressure and sensors, records the failure as evidence, judges the evidence and writes the
     * report. Signatures are derived only when there is something to judge: a failure, a hang, or
     * classes the test must not show ({@code failOn}).
     */
    public synchronized Verdict conclude(Optional<Throwable> failure, Optional<Hang> hang) {
        if (verdict != null) {
            // Judged already (a hang, while the body was still running): the first verdict stands.
            return verdict;
        }
        // An interrupt (a @Timeout, a hang freed, a cancelled run) must cost neither the verdict nor the
        // report: the waits and channel writes below would give up on it. It is restored afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            verdict = judge(failure, hang);
            return verdict;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The verdict, once concluded. */
    public synchronized Optional<Verdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    private Verdict judge(Optional<Throwable> failure, Optional<Hang> hang) {
        boolean judged = failure.isPresent() || hang.isPresent() || !spec.failOn().isEmpty();
        if (!judged && pressure == null && inCode.isEmpty()) {
            // A passing test with nothing to look for: no verdict to derive and no report to write.
            try {
                if (probes != null) {
                    probes.requireAllTransformed();
                }
            } finally {
                close();
            }
            environment.recorded(TrialReport.builder().testId(spec.test().id()).displayName(spec.test().displayName())
                    .className(spec.test().className()).methodName(spec.test().methodName()).outcome(Outcome.PASSED)
                    .pressure(pressureSummary()).pressureSources(pressureAsRun().sources())
                    .startedAt(startedAt).duration(Duration.ofMillis(store.elapsedMillis()))
                    .build());
            return new Verdict(List.of(), pressureAsRun(), "", hang, Optional.empty(), Optional.empty(), List.of(),
                    Optional.empty(), Optional.empty(), Diagnosis.none());
        }
        hangDetector.close();
        if (failure.isPresent() && hang.isEmpty()) {
            hangDetector.recordAtFailure();
        }
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
        failure.ifPresent(thrown -> FailureFacts.record(store, thrown, codeUnderTest()));
        if (failure.filter(Trial::causedByOutOfMemory).isPresent()) {
            // Before the collection below (if the error reached the judge without outOfMemory()).
            recordMemoryAtFailure();
            recordHeapAfterFailure();
        }
        recordThreadsStillAlive();
        HeapTrend.record(store);
        StoppedPressure stopped = stopPressure();
        close();
        long endNanos = System.nanoTime();
        store.add("test_duration", store.elapsedMillis());

        List<RuntimeException> libraryFailures = new ArrayList<>(stopped.failures());
        Diagnosis diagnosis = judged ? diagnose(libraryFailures) : Diagnosis.none();
        Optional<FlightRecorderFeed> flightRecorder = environment.flightRecorder();
        boolean evidenceComplete = flightRecorder.isEmpty();
        if (judged && diagnosis.concluded().isEmpty() && flightRecorder.isPresent()) {
            // Nothing concluded from the prompt sensors: the late Flight Recorder events may settle it.
            evidenceComplete = flightRecorder.get().awaitFlush(FLIGHT_RECORDER_WAIT);
            flightRecorder.get().slice(store, endNanos).forEach(store::add);
            diagnosis = diagnose(libraryFailures);
        }
        List<Signature> signatures = diagnosis.concluded();
        if (!spec.failOn().isEmpty() && failure.isEmpty() && hang.isEmpty()) {
            signatures = signatures.stream().filter(signature -> spec.failOn().contains(signature.bugClass())).toList();
        }

        TrialReport report = report(failure, hang, threadDump, stopped, signatures, evidenceComplete);
        boolean failed = report.outcome() == Outcome.FAILED;
        Optional<ReportFiles> files = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (failed || spec.pageWhenPassed() && (judged || pressure != null || inCode.isPresent())) {
            try {
                files = Optional.of(environment.reports().write(report));
            } catch (UncheckedIOException e) {
                problem = Optional.of(e.getMessage());
            }
            if (files.isPresent() && !evidenceComplete && flightRecorder.isPresent()) {
                FlightRecorderFeed feed = flightRecorder.get();
                try {
                    environment.completeLater(() -> completeReport(feed, report, endNanos));
                } catch (OutOfMemoryError noThread) {
                    // The completer's thread could not start (threads or memory exhausted): the page
                    // written now stands, marked incomplete; the verdict must not be lost for it.
                }
            }
        }
        environment.recorded(report);
        List<Fact> evidence = store.snapshot();
        return new Verdict(signatures, pressureAsRun(), stopped.achieved(), hang, files, problem, libraryFailures,
                ExhaustionForecast.in(evidence), HeapNeed.in(evidence), diagnosis);
    }

    /**
     * The signatures the rules derive from the evidence so far. A rule program that breaks (a user's
     * rule past its evaluation budget, say) derives none, and its failure is kept for the verdict
     * instead of replacing the test's own failure.
     */
    private Diagnosis diagnose(List<RuntimeException> libraryFailures) {
        try {
            return environment.engine().diagnosis(store.snapshot());
        } catch (RuntimeException e) {
            libraryFailures.add(e);
            return Diagnosis.none();
        }
    }

    /**
     * Stops the plan's pressure and the control's, and records what they did as evidence: their
     * traces, their own facts, and the control's changes on this trial's clock.
     */
    private StoppedPressure stopPressure() {
        List<PressureTrace> traces = new ArrayList<>();
        List<String> achieved = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        if (pressure != null) {
            release(pressure, failures);
            traces.addAll(pressure.traces());
            achieved.add(pressure.achievedSummary());
            pressure.facts().forEach(store::add);
        }
        List<PressureChange> changes = List.of();
        if (inCode.isPresent()) {
            PressureControl control = inCode.get();
            release(control, failures);
            traces.addAll(control.traces(inCodeOrigin));
            achieved.add("in code: " + control.achievedSummary());
            control.facts().forEach(store::add);
            changes = control.timeline().stream().map(change -> change.since(inCodeOrigin)).toList();
            changes.forEach(this::recordChange);
        }
        traces.forEach(trace -> PressureTraceFacts.record(trace, store));
        return new StoppedPressure(List.copyOf(traces), changes, String.join("; ", achieved), List.copyOf(failures));
    }

    /** Stops {@code pressure}; a stressor that would not stop is kept as a failure and evidence, and the rest goes on. */
    private void release(AutoCloseable pressure, List<RuntimeException> failures) {
        try {
            pressure.close();
        } catch (PressureReleaseException e) {
            e.axes().forEach(axis -> store.add("pressure_release_failed", store.elapsedMillis(), axis));
            failures.add(e);
        } catch (Exception e) {
            failures.add(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
        }
    }

    /**
     * What the trial's pressure did, once stopped: traces, changes made in code, the achieved summary,
     * and what would not stop.
     */
    private record StoppedPressure(List<PressureTrace> traces, List<PressureChange> changes, String achieved,
            List<RuntimeException> failures) {
    }

    /**
     * {@code pressure_change(t, axis, action)}, and {@code pressure_applying(from, to, axis)} for a
     * change that waited for its pressure: that time (a ballast filling, say) is the library's, not
     * the subject's. A change made before the trial began (in {@code @BeforeEach}) counts from time 0.
     */
    private void recordChange(PressureChange change) {
        long from = Math.max(0, change.at().toMillis());
        long to = Math.max(0, change.at().plus(change.took()).toMillis());
        // Facts name an axis by its key (memory), as the pressure traces do, not by the control's level name (heap).
        String axis = PressureControl.levelAxis(change.axis()).map(Axis::key).orElse(change.axis());
        store.add("pressure_change", from, axis, change.action().key());
        if (to > from) {
            store.add("pressure_applying", from, to, axis);
        }
    }

    private void completeReport(FlightRecorderFeed feed, TrialReport report, long endNanos) {
        boolean complete = feed.awaitFlush(FLIGHT_RECORDER_WAIT);
        List<Fact> facts = new ArrayList<>(report.facts());
        facts.addAll(feed.slice(store, endNanos));
        TrialReport completed = report.withFacts(facts).withEvidenceComplete(complete);
        try {
            environment.reports().write(completed);
            environment.recorded(completed);
        } catch (UncheckedIOException e) {
            // The page written at the verdict stands; only the late Flight Recorder facts are missing from it.
        }
    }

    private TrialReport report(Optional<Throwable> failure, Optional<Hang> hang, Optional<String> threadDump,
            StoppedPressure stopped, List<Signature> signatures, boolean evidenceComplete) {
        TrialReport.Builder builder = TrialReport.builder()
                .testId(spec.test().id())
                .displayName(spec.test().displayName())
                .className(spec.test().className())
                .methodName(spec.test().methodName())
                .outcome(failure.isPresent() || hang.isPresent() || !signatures.isEmpty() ? Outcome.FAILED : Outcome.PASSED)
                .pressure(pressureSummary())
                .pressureSources(pressureAsRun().sources())
                .achieved(stopped.achieved())
                .traces(stopped.traces())
                .pressureChanges(stopped.changes())
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
        long ballast = ballastBytes();
        store.add("heap_after_failure", store.elapsedMillis(), Math.max(0, used - ballast));
    }

    /**
     * True when {@code thrown} or one of its causes is an {@link OutOfMemoryError}. Allocates nothing,
     * as it runs while the heap may still be full; a cause chain that loops back on itself is walked
     * with two pointers, the fast one looking at every throwable, so it ends once the loop is covered.
     */
    public static boolean causedByOutOfMemory(Throwable thrown) {
        Throwable slow = thrown;
        Throwable fast = thrown;
        while (fast != null) {
            if (fast instanceof OutOfMemoryError) {
                return true;
            }
            fast = fast.getCause();
            if (fast == null) {
                return false;
            }
            if (fast instanceof OutOfMemoryError) {
                return true;
            }
            fast = fast.getCause();
            slow = slow.getCause();
            if (fast == slow) {
                return false;
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

    /** The probes' subject, else the test class's package (the default subject of docs/probes.md). */
    private Subject codeUnderTest() {
        if (spec.probes().isPresent()) {
            return spec.probes().get();
        }
        String className = spec.test().className();
        int dot = className == null ? -1 : className.lastIndexOf('.');
        if (className == null || className.isBlank()) {
            return Subject.of();
        }
        try {
            return Subject.of(dot < 0 ? className : className.substring(0, dot));
        } catch (IllegalArgumentException notAName) {
            // A test identity that names no class (a dynamic test of a custom engine): no subject to read stacks for.
            return Subject.of();
        }
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
