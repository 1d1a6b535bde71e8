package dev.panicattack.trial;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.PressureSource;
import dev.panicattack.signature.BugClass;
import dev.panicattack.subject.Subject;

/**
 * What one trial is: which test, under which pressure and where that pressure was declared (its
 * sources, in merge order; none for a plan built in code), how long a stall may last, and which classes
 * fail the test even when it passes, the facts the test declares about itself (such as
 * {@code input_corrupted}), recorded when the trial starts, and the subject its probes instrument
 * (none: no probes), and whether a passing trial gets a report page of its own or only a row in
 * the run's index.
 */
public record TrialSpec(
        TestIdentity test,
        PressurePlan plan,
        List<PressureSource> sources,
        Duration stallWindow,
        Set<BugClass> failOn,
        List<Fact> declared,
        Optional<Subject> probes,
        boolean pageWhenPassed) {

    /** The default stall window: long enough for slow tests on a loaded machine, short enough to beat any CI timeout. */
    public static final Duration DEFAULT_STALL_WINDOW = Duration.ofSeconds(10);
    public static final Duration MIN_STALL_WINDOW = Duration.ofMillis(100);
    public static final Duration MAX_STALL_WINDOW = Duration.ofHours(1);

    public TrialSpec {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(plan, "plan");
        sources = List.copyOf(sources);
        Objects.requireNonNull(stallWindow, "stallWindow");
        if (stallWindow.compareTo(MIN_STALL_WINDOW) < 0 || stallWindow.compareTo(MAX_STALL_WINDOW) > 0) {
            throw new IllegalArgumentException("stall window must be between 100ms and 1h, but was " + stallWindow);
        }
        failOn = Set.copyOf(failOn);
        declared = List.copyOf(declared);
        Objects.requireNonNull(probes, "probes");
    }

    /** A trial without probes or declared sources, with a page for its report however it ends. */
    public TrialSpec(TestIdentity test, PressurePlan plan, Duration stallWindow, Set<BugClass> failOn,
            List<Fact> declared) {
        this(test, plan, List.of(), stallWindow, failOn, declared, Optional.empty(), true);
    }

    /** A trial that declares no facts of its own. */
    public TrialSpec(TestIdentity test, PressurePlan plan, Duration stallWindow, Set<BugClass> failOn) {
        this(test, plan, stallWindow, failOn, List.of());
    }

    /** This trial, also recording {@code facts} into its evidence when it starts. */
    public TrialSpec withDeclaredFacts(List<Fact> facts) {
        return new TrialSpec(test, plan, sources, stallWindow, failOn, facts, probes, pageWhenPassed);
    }

    /** This trial, with its plan declared by {@code from}, in merge order (each overriding the ones before it). */
    public TrialSpec withSources(List<PressureSource> from) {
        return new TrialSpec(test, plan, from, stallWindow, failOn, declared, probes, pageWhenPassed);
    }

    /** This trial, for another test (a dynamic test judged with its factory's declaration). */
    public TrialSpec withTest(TestIdentity other) {
        return new TrialSpec(other, plan, sources, stallWindow, failOn, declared, probes, pageWhenPassed);
    }

    /** This trial, with probes on {@code subject} from its start to its end. */
    public TrialSpec withProbes(Subject subject) {
        return new TrialSpec(test, plan, sources, stallWindow, failOn, declared, Optional.of(subject), pageWhenPassed);
    }

    /**
     * This trial, with a report page only when it fails or is classified; when it passes, only its
     * row in the run's index (what a run-wide set asks of every test of a suite).
     */
    public TrialSpec withIndexRowWhenPassed() {
        return new TrialSpec(test, plan, sources, stallWindow, failOn, declared, probes, false);
    }

    /** Names one test for evidence and reports. */
    public record TestIdentity(String id, String displayName, String className, String methodName) {

        public TestIdentity {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(methodName, "methodName");
        }
    }
}
