package dev.panicattack.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.PressureSource;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.signature.Signature;

/**
 * Everything one report shows about one test run under pressure. Immutable; build one with
 * {@link #builder()}, change one with {@link #toBuilder()} or the {@code with*} methods (a report is
 * written again when late Flight Recorder evidence completes it).
 *
 * @param testId           the JUnit unique id, for example
 *                         {@code [engine:junit-jupiter]/[class:com.acme.BankTest]/[method:transfer()]}
 * @param displayName      the name the test engine shows
 * @param className        fully qualified name of the test class
 * @param methodName       name of the test method, without parameters
 * @param outcome          how the test ended
 * @param failure          the exception the test ended with, if any
 * @param pressure         the plan summary, for example {@code cpu 80%, heap 70% +2%/s up to 95%}, or
 *                         {@code no pressure}
 * @param pressureSources  where the pressure was declared, in merge order; empty when none was
 * @param achieved         target versus achieved, as text; empty when nothing was measured
 * @param traces           target versus achieved over time, one trace per axis
 * @param pressureChanges  the changes made in code through a {@code PressureControl}, with times on
 *                         the report's clock (negative: made before the test method began); empty
 *                         when pressure was not changed in code
 * @param facts            all evidence; timed facts carry milliseconds since the test started first
 * @param signatures       the derived classes of defect, primary first
 * @param threadDump       the thread dump taken at failure, if any
 * @param startedAt        when the test started
 * @param duration         how long it ran
 * @param evidenceComplete false while Flight Recorder evidence is still pending
 * @param seed             the seed of randomised stressors, for replay, if any
 */
public record TrialReport(
        String testId,
        String displayName,
        String className,
        String methodName,
        Outcome outcome,
        Optional<FailureView> failure,
        String pressure,
        List<PressureSource> pressureSources,
        String achieved,
        List<PressureTrace> traces,
        List<PressureChange> pressureChanges,
        List<Fact> facts,
        List<Signature> signatures,
        Optional<String> threadDump,
        Instant startedAt,
        Duration duration,
        boolean evidenceComplete,
        Optional<String> seed) {

    public TrialReport {
        requireText(testId, "testId");
        Objects.requireNonNull(displayName, "displayName");
        requireText(className, "className");
        requireText(methodName, "methodName");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(pressure, "pressure");
        pressureSources = List.copyOf(pressureSources);
        Objects.requireNonNull(achieved, "achieved");
        traces = List.copyOf(traces);
        pressureChanges = List.copyOf(pressureChanges);
        facts = List.copyOf(facts);
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(threadDump, "threadDump");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration of " + testId + " must not be negative, but was "
                    + duration + "; pass the elapsed time of the test");
        }
        Objects.requireNonNull(seed, "seed");
    }

    /** A builder with defaults: no failure, {@code no pressure}, no evidence, complete, zero duration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this report's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The test class's simple name: {@code BankTest} for {@code com.acme.BankTest}, nested as {@code Outer$Inner}. */
    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The first signature, the one a classified failure names. */
    public Optional<Signature> primarySignature() {
        return signatures.isEmpty() ? Optional.empty() : Optional.of(signatures.get(0));
    }

    /**
     * This report as the run's index keeps it: names, outcome, pressure, duration and the primary
     * signature, without the evidence, traces, failure and thread dump that make a page large.
     */
    public TrialReport summary() {
        return new TrialReport(testId, displayName, className, methodName, outcome, Optional.empty(), pressure,
                pressureSources, achieved, List.of(), List.of(), List.of(), primarySignature().map(List::of).orElse(List.of()),
                Optional.empty(), startedAt, duration, evidenceComplete, seed);
    }

    /** This report with other evidence. */
    public TrialReport withFacts(List<Fact> newFacts) {
        return toBuilder().facts(newFacts).build();
    }

    /** This report with other signatures, primary first. */
    public TrialReport withSignatures(List<Signature> newSignatures) {
        return toBuilder().signatures(newSignatures).build();
    }

    /** This report marked complete or still waiting for evidence. */
    public TrialReport withEvidenceComplete(boolean complete) {
        return toBuilder().evidenceComplete(complete).build();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " of a trial report must not be blank; pass the test's "
                    + name);
        }
    }

    /** Collects a {@link TrialReport}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private String testId;
        private String displayName;
        private String className;
        private String methodName;
        private Outcome outcome = Outcome.PASSED;
        private Optional<FailureView> failure = Optional.empty();
        private String pressure = "no pressure";
        private List<PressureSource> pressureSources = List.of();
        private String achieved = "";
        private List<PressureTrace> traces = List.of();
        private List<PressureChange> pressureChanges = List.of();
        private List<Fact> facts = List.of();
        private List<Signature> signatures = List.of();
        private Optional<String> threadDump = Optional.empty();
        private Instant startedAt;
        private Duration duration = Duration.ZERO;
        private boolean evidenceComplete = true;
        private Optional<String> seed = Optional.empty();

        private Builder() {
        }

        private Builder(TrialReport from) {
            testId = from.testId;
            displayName = from.displayName;
            className = from.className;
            methodName = from.methodName;
            outcome = from.outcome;
            failure = from.failure;
            pressure = from.pressure;
            pressureSources = from.pressureSources;
            achieved = from.achieved;
            traces = from.traces;
            pressureChanges = from.pressureChanges;
            facts = from.facts;
            signatures = from.signatures;
            threadDump = from.threadDump;
            startedAt = from.startedAt;
            duration = from.duration;
            evidenceComplete = from.evidenceComplete;
            seed = from.seed;
        }

        /** The JUnit unique id. Required. */
        public Builder testId(String value) {
            testId = value;
            return this;
        }

        /** The display name; defaults to {@code methodName()}. */
        public Builder displayName(String value) {
            displayName = value;
            return this;
        }

        /** The fully qualified test class name. Required. */
        public Builder className(String value) {
            className = value;
            return this;
        }

        /** The test method name without parameters. Required. */
        public Builder methodName(String value) {
            methodName = value;
            return this;
        }

        /** How the test ended; defaults to {@link Outcome#PASSED}. */
        public Builder outcome(Outcome value) {
            outcome = value;
            return this;
        }

        /** The failure the test ended with. */
        public Builder failure(FailureView value) {
            failure = Optional.of(value);
            return this;
        }

        /** The plan summary; defaults to {@code no pressure}. */
        public Builder pressure(String value) {
            pressure = value;
            return this;
        }

        /** Where the pressure was declared, in merge order; defaults to none. */
        public Builder pressureSources(List<PressureSource> value) {
            pressureSources = value;
            return this;
        }

        /** Target versus achieved as text; defaults to empty. */
        public Builder achieved(String value) {
            achieved = value;
            return this;
        }

        /** Target versus achieved over time, one trace per axis. */
        public Builder traces(List<PressureTrace> value) {
            traces = value;
            return this;
        }

        /** The changes made in code, on the report's clock; defaults to none. */
        public Builder pressureChanges(List<PressureChange> value) {
            pressureChanges = value;
            return this;
        }

        /** All evidence facts. */
        public Builder facts(List<Fact> value) {
            facts = value;
            return this;
        }

        /** The derived signatures, primary first. */
        public Builder signatures(List<Signature> value) {
            signatures = value;
            return this;
        }

        /** The thread dump taken at failure. */
        public Builder threadDump(String value) {
            threadDump = Optional.of(value);
            return this;
        }

        /** When the test started. Required. */
        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        /** How long the test ran; defaults to zero. */
        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        /** False while Flight Recorder evidence is pending; defaults to true. */
        public Builder evidenceComplete(boolean value) {
            evidenceComplete = value;
            return this;
        }

        /** The seed of randomised stressors. */
        public Builder seed(String value) {
            seed = Optional.of(value);
            return this;
        }

        /** Validates and builds the report. */
        public TrialReport build() {
            Objects.requireNonNull(methodName, "methodName: call methodName(...) before build()");
            Objects.requireNonNull(startedAt, "startedAt: call startedAt(...) before build()");
            return new TrialReport(testId, displayName == null ? methodName + "()" : displayName, className,
                    methodName, outcome, failure, pressure, pressureSources, achieved, traces, pressureChanges, facts, signatures, threadDump,
                    startedAt, duration, evidenceComplete, seed);
        }
    }
}
