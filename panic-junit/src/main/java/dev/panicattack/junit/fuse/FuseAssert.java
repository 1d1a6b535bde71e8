package dev.panicattack.junit.fuse;

import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.constraint.DurationText;
import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import dev.panicattack.internal.text.Figures;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.PressureControl;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.pressure.PressureSwitch;
import dev.panicattack.pressure.PressureSession;
import dev.panicattack.subject.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Fuse} under pressure. Each assertion is one experiment: it makes calls
 * through the fuse ({@link #whenCalling}), samples the fuse's state after every call, and stops as
 * soon as the expectation is met or its limit is reached. With {@link #under(PressurePlan)} (or a
 * constraint set) the trip, shed and stay-tripped assertions apply that pressure for their own
 * duration (and lift it on every path) and their failures say what it achieved; with
 * {@link #under(PressureControl)} they run under the control's pressure, which they never change;
 * otherwise the caller applies pressure. The recovery assertions never apply pressure. A failure
 * says what was expected, what was observed, and shows the timeline of states. Not thread-safe.
 * User guide: {@code docs/fuse-assertions.md}.
 *
 * <p>With the system property {@code panic.enabled=false} (read when each assertion runs; this
 * static API does not see {@code junit-platform.properties}), a plan or constraint set given to
 * {@code under(...)} is not applied: the assertion runs without pressure and its failure says so
 * ({@code under no pressure (cpu 80% not applied: pressure disabled by panic.enabled=false)}). A
 * {@link PressureControl#disabled disabled} control is treated the same way.
 */
public final class FuseAssert extends AbstractAssert<FuseAssert, Fuse> {

    /** The pause between calls unless {@link #pacedEvery} says otherwise. */
    public static final Duration DEFAULT_PACE = Duration.ofMillis(1);

    /** At most this many concurrent callers. */
    public static final int MAX_CALLERS = 64;

    private final String kind;
    private Optional<Class<? extends Throwable>> rejection;
    private FuseCall call;
    private PressurePlan plan;
    private PressureControl control;
    private int callers = 1;
    private Duration pace = DEFAULT_PACE;
    private Clock clock = Clock.systemUTC();

    /**
     * An assertion on {@code fuse}, named {@code kind} in messages ({@code circuit breaker}, {@code fuse}...),
     * whose refusals throw {@code rejection} when known.
     */
    public FuseAssert(Fuse fuse, String kind, Optional<Class<? extends Throwable>> rejection) {
        super(fuse, FuseAssert.class);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rejection = Objects.requireNonNull(rejection, "rejection");
    }

    /** The call the assertions make through the fuse, repeatedly, as the load. Required before any assertion. */
    public FuseAssert whenCalling(FuseCall load) {
        this.call = Objects.requireNonNull(load, "load");
        return this;
    }

    /**
     * Applies {@code pressurePlan} (for example a cpu ramp) during each trip, shed and stay-tripped
     * assertion; their failures add what the pressure achieved. Replaces any earlier {@code under(...)}.
     */
    public FuseAssert under(PressurePlan pressurePlan) {
        this.plan = Objects.requireNonNull(pressurePlan, "pressurePlan");
        this.control = null;
        return this;
    }

    /**
     * As {@link #under(PressurePlan)}, with {@code set} resolved now as the annotations resolve it
     * ({@link PressurePlan#resolve(Constraints, Subject)}), for no subject: a set with an axis that
     * acts on the subject's own calls (time, ...) is refused; name the subject with
     * {@link #under(Constraints, Subject)}.
     *
     * @throws IllegalArgumentException when the set's declared values contradict each other
     */
    public FuseAssert under(Constraints set) {
        return under(set, Subject.of());
    }

    /** As {@link #under(Constraints)}, with the subject-scoped axes acting on {@code subject}. */
    public FuseAssert under(Constraints set, Subject subject) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(subject, "subject");
        return under(PressurePlan.resolve(set, subject));
    }

    /**
     * As {@link #under(Constraints)}, with the set called {@code constraintSetName} loaded now from
     * the user's sets on the context class path ({@value ConstraintSetLibrary#USER_DIRECTORY}) or the
     * built-in ones, as {@link PressureControl#apply(String)} loads it.
     *
     * @throws dev.panicattack.constraint.ConstraintSetException when no set has that name or its file is invalid
     */
    public FuseAssert under(String constraintSetName) {
        Objects.requireNonNull(constraintSetName, "constraintSetName");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConstraintSetLibrary library = ConstraintSetLibrary.fromClassLoader(
                loader != null ? loader : FuseAssert.class.getClassLoader());
        return under(library.load(constraintSetName));
    }

    /**
     * Runs the trip, shed and stay-tripped assertions under the pressure {@code pressureControl} holds
     * when each begins; they never apply, change or lift it. Each refuses a closed control or one with
     * no axis under pressure; the recovery assertions refuse one that still holds pressure. Failures
     * name the axes and targets at the start and add what the control achieved. Replaces any earlier
     * {@code under(...)}.
     */
    public FuseAssert under(PressureControl pressureControl) {
        this.control = Objects.requireNonNull(pressureControl, "pressureControl");
        this.plan = null;
        return this;
    }

    /** The exception type (or a cause of what is thrown) that marks a call the fuse refused. Preset for Resilience4j. */
    public FuseAssert rejectingWith(Class<? extends Throwable> type) {
        this.rejection = Optional.of(Objects.requireNonNull(type, "type"));
        return this;
    }

    /** Makes the calls from {@code count} threads at once (1 to {@value #MAX_CALLERS}; default 1, the asserting thread). */
    public FuseAssert withCallers(int count) {
        if (count < 1 || count > MAX_CALLERS) {
            throw new IllegalArgumentException("withCallers(" + count + "): the number of callers must be between 1 and "
                    + MAX_CALLERS);
        }
        this.callers = count;
        return this;
    }

    /** Waits {@code pause} after each call (zero: back to back; default {@link #DEFAULT_PACE}). */
    public FuseAssert pacedEvery(Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pacedEvery(" + DurationText.format(pause)
                    + "): the pause must not be negative");
        }
        this.pace = pause;
        return this;
    }

    /** Times the assertions with {@code time} (tests use a clock their calls advance). */
    public FuseAssert withClock(Clock time) {
        this.clock = Objects.requireNonNull(time, "time");
        return this;
    }

    /** Verifies the fuse is {@link FuseState#OPEN} after at most {@code calls} calls (passes at once if already open). */
    public FuseAssert tripsWithinCalls(int calls) {
        positive(calls, "tripsWithinCalls");
        return trips("tripsWithinCalls(" + calls + ")", calls, forever(), FuseErrors.calls(calls));
    }

    /** Verifies the fuse is {@link FuseState#OPEN} within {@code time} of calling (passes at once if already open). */
    public FuseAssert tripsWithin(Duration time) {
        positive(time, "tripsWithin");
        return trips("tripsWithin(" + Figures.duration(time) + ")", Long.MAX_VALUE, time, Figures.duration(time));
    }

    /**
     * Verifies that of {@code calls} calls, at least {@code percent} (0 to 100) were refused with the
     * rejection type (see {@link #rejectingWith}); other exceptions do not count as shed.
     */
    public FuseAssert shedsAtLeast(double percent, int calls) {
        positive(calls, "shedsAtLeast");
        return sheds("shedsAtLeast(" + percent + ", " + calls + ")", percent, calls, forever(), FuseErrors.calls(calls));
    }

    /** As {@link #shedsAtLeast(double, int)}, over every call made during {@code time}. */
    public FuseAssert shedsAtLeast(double percent, Duration time) {
        positive(time, "shedsAtLeast");
        return sheds("shedsAtLeast(" + percent + ", " + Figures.duration(time) + ")", percent, Long.MAX_VALUE, time,
                "the calls made in " + Figures.duration(time));
    }

    /** Verifies the fuse, tripped now, is never seen {@link FuseState#CLOSED} while calls go on for {@code time}. */
    public FuseAssert staysTrippedFor(Duration time) {
        positive(time, "staysTrippedFor");
        Measured measured = underPressure("staysTrippedFor(" + Figures.duration(time) + ")", Long.MAX_VALUE, time,
                timeline -> timeline.last().state() == FuseState.CLOSED);
        FuseRun.Report report = measured.report();
        FuseTimeline timeline = report.timeline();
        if (timeline.entries().get(0).state() == FuseState.CLOSED) {
            throwAssertionError(FuseErrors.shouldStayTripped(label(), Figures.duration(time), measured.pressure(), report,
                    "it was CLOSED when the assertion began; trip it first"));
        }
        Optional<FuseTimeline.Entry> closed = timeline.first(FuseState.CLOSED);
        if (closed.isPresent()) {
            throwAssertionError(FuseErrors.shouldStayTripped(label(), Figures.duration(time), measured.pressure(), report,
                    "it closed at " + FuseTimeline.seconds(closed.get().at()) + ", after "
                            + FuseErrors.calls(closed.get().calls())));
        }
        return myself;
    }

    /**
     * Verifies the fuse, tripped now, is seen {@link FuseState#HALF_OPEN} and then {@link FuseState#CLOSED}
     * within {@code time}, while calls go on without pressure (the trial calls that close a breaker).
     */
    public FuseAssert halfOpensAndClosesWithin(Duration time) {
        positive(time, "halfOpensAndClosesWithin");
        FuseRun.Report report = recovering("halfOpensAndClosesWithin(" + Figures.duration(time) + ")", time,
                FuseAssert::halfOpenedThenClosed);
        if (halfOpenedThenClosed(report.timeline())) {
            return myself;
        }
        FuseTimeline timeline = report.timeline();
        FuseTimeline.Entry last = timeline.last();
        String observed;
        Optional<FuseTimeline.Entry> halfOpen = timeline.first(FuseState.HALF_OPEN);
        if (timeline.entries().get(0).state() == FuseState.CLOSED) {
            observed = "it was CLOSED when the assertion began; trip it first";
        } else if (halfOpen.isEmpty() && timeline.first(FuseState.CLOSED).isPresent()) {
            observed = "it closed at " + FuseTimeline.seconds(timeline.first(FuseState.CLOSED).get().at())
                    + " without being seen HALF_OPEN";
        } else if (halfOpen.isEmpty()) {
            observed = "it never half-opened: it was " + last.state() + " after " + FuseErrors.calls(last.calls())
                    + " and " + FuseTimeline.seconds(report.elapsed());
        } else {
            observed = "it half-opened at " + FuseTimeline.seconds(halfOpen.get().at()) + " and was " + last.state()
                    + " after " + FuseErrors.calls(last.calls()) + " and " + FuseTimeline.seconds(report.elapsed());
        }
        throwAssertionError(FuseErrors.shouldRecover(label(), "half-open and then close", Figures.duration(time),
                report, observed));
        return myself;
    }

    /** Verifies the fuse is seen {@link FuseState#CLOSED} within {@code time}, while calls go on without pressure. */
    public FuseAssert closesWithin(Duration time) {
        positive(time, "closesWithin");
        FuseRun.Report report = recovering("closesWithin(" + Figures.duration(time) + ")", time,
                timeline -> timeline.last().state() == FuseState.CLOSED);
        FuseTimeline.Entry last = report.timeline().last();
        if (last.state() != FuseState.CLOSED) {
            throwAssertionError(FuseErrors.shouldRecover(label(), "close", Figures.duration(time), report,
                    "it was " + last.state() + " after " + FuseErrors.calls(last.calls()) + " and "
                            + FuseTimeline.seconds(report.elapsed())));
        }
        return myself;
    }

    private FuseAssert trips(String assertion, long calls, Duration time, String within) {
        Measured measured = underPressure(assertion, calls, time, timeline -> timeline.last().state() == FuseState.OPEN);
        FuseRun.Report report = measured.report();
        if (report.timeline().first(FuseState.OPEN).isEmpty()) {
            throwAssertionError(FuseErrors.shouldTrip(label(), within, measured.pressure(), report,
                    report.outcomes(rejection)));
        }
        return myself;
    }

    private FuseAssert sheds(String assertion, double percent, long calls, Duration time, String of) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("shedsAtLeast(" + percent + ", ...): the percentage must be above 0"
                    + " and at most 100");
        }
        if (rejection.isEmpty()) {
            throw new IllegalStateException("shedsAtLeast needs the exception type that marks a shed call:"
                    + " call rejectingWith(YourRejection.class) first");
        }
        Measured measured = underPressure(assertion, calls, time, timeline -> false);
        FuseRun.Report report = measured.report();
        double shed = report.calls() == 0 ? 0 : 100.0 * report.rejected() / report.calls();
        if (shed < percent) {
            throwAssertionError(FuseErrors.shouldShed(label(), percent, of, rejection.get().getSimpleName(),
                    measured.pressure(), report, shed, report.besidesRejections()));
        }
        return myself;
    }

    /** A run's report and the pressure it ran under, as failures name it. */
    private record Measured(FuseRun.Report report, FuseErrors.Pressure pressure) {
    }

    /** Runs a trip, shed or stay-tripped assertion under the plan, the control or the caller's pressure. */
    private Measured underPressure(String assertion, long calls, Duration time, Predicate<FuseTimeline> stop) {
        FuseRun run = prepare();
        if (control != null) {
            String named = holding(assertion);
            FuseRun.Report report = run.run(calls, time, stop);
            if (control.disabledBy().isPresent()) {
                return new Measured(report, FuseErrors.Pressure.unmeasured(named));
            }
            return new Measured(report, new FuseErrors.Pressure(named,
                    Optional.of("pressure achieved by the control so far: " + control.achievedSummary() + ".")));
        }
        if (plan == null) {
            return new Measured(run.run(calls, time, stop), FuseErrors.Pressure.unmeasured("the caller's pressure"));
        }
        if (!PressureSwitch.onBySystemProperty()) {
            return new Measured(run.run(calls, time, stop), FuseErrors.Pressure.unmeasured("no pressure ("
                    + plan.describe() + " not applied: pressure disabled by " + PressureSwitch.DISABLED_BY + ")"));
        }
        PressureSession session = PressureSession.start(plan);
        long established = System.nanoTime();
        FuseRun.Report report;
        long lifted;
        // A release that fails is thrown, or suppressed in what the calls threw.
        try (session) {
            report = run.run(calls, time, stop);
            lifted = System.nanoTime();
        }
        return new Measured(report, new FuseErrors.Pressure(plan.describe(), Optional.of("pressure achieved over "
                + FuseTimeline.seconds(Duration.ofNanos(lifted - established)) + ": " + session.achievedSummary() + ".")));
    }

    /** Runs a recovery assertion, which never applies pressure; a control still holding pressure is refused. */
    private FuseRun.Report recovering(String assertion, Duration time, Predicate<FuseTimeline> stop) {
        FuseRun run = prepare();
        if (control != null && !control.isClosed() && !control.axes().isEmpty()) {
            throw new IllegalStateException(assertion + " on " + label() + " measures recovery after pressure lifted,"
                    + " but the PressureControl still holds " + holdings()
                    + ": release the pressure first (releaseAll() or release(axis)), then assert recovery");
        }
        return run.run(Long.MAX_VALUE, time, stop);
    }

    private FuseRun prepare() {
        isNotNull();
        if (call == null) {
            throw new IllegalStateException("no calls to make through " + label()
                    + ": give the load with whenCalling(() -> ...) before asserting");
        }
        return new FuseRun(actual, call, rejection, callers, pace, clock);
    }

    /**
     * The control's pressure as named in failures, checked to be on: {@code the PressureControl's
     * pressure (cpu 80%)}; a disabled control's is none, and says why.
     */
    private String holding(String assertion) {
        if (control.isClosed()) {
            throw new IllegalStateException(assertion + " on " + label() + " is under a PressureControl that is already"
                    + " closed, so it holds no pressure; assert while the control is open (inside the test method or"
                    + " the try-with-resources block that owns it)");
        }
        Optional<String> disabledBy = control.disabledBy();
        if (disabledBy.isPresent()) {
            return "no pressure (the PressureControl applies none: pressure disabled by " + disabledBy.get() + ")";
        }
        if (control.axes().isEmpty()) {
            throw new IllegalStateException(assertion + " on " + label() + " is under a PressureControl with no axis"
                    + " under pressure, so it would measure the fuse without pressure; apply pressure first"
                    + " (for example set(\"cpu\", 80) or apply(\"cpu-spikes\")) or drop under(control)");
        }
        return "the PressureControl's pressure (" + holdings() + ")";
    }

    /**
     * The control's axes now, in the order first applied: {@code cpu} and {@code heap} as their
     * current target ({@code cpu 80%}), any other axis as its last change ({@code set 'slow': network ...}).
     */
    private String holdings() {
        List<PressureChange> changes = control.timeline();
        List<String> parts = new ArrayList<>();
        for (String axis : control.axes()) {
            if (PressureControl.levelAxis(axis).isPresent()) {
                parts.add(axis + " " + Figures.percent(Figures.round1(control.targetNow(axis))));
                continue;
            }
            String last = axis;
            for (PressureChange change : changes) {
                if (change.axis().equals(axis)) {
                    last = change.description();
                }
            }
            parts.add(last);
        }
        return String.join(", ", parts);
    }

    private static boolean halfOpenedThenClosed(FuseTimeline timeline) {
        return timeline.first(FuseState.HALF_OPEN)
                .flatMap(halfOpen -> timeline.firstAfter(halfOpen, FuseState.CLOSED)).isPresent();
    }

    private String label() {
        return kind + " '" + actual.name() + "'";
    }

    private static Duration forever() {
        return FuseRun.FOREVER;
    }

    private static void positive(long count, String assertion) {
        if (count < 1) {
            throw new IllegalArgumentException(assertion + "(" + count + "): the number of calls must be at least 1");
        }
    }

    private static void positive(Duration time, String assertion) {
        Objects.requireNonNull(time, "time");
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException(assertion + "(" + DurationText.format(time)
                    + "): the duration must be longer than zero");
        }
    }

    static String percent(double value) {
        return Figures.percent(value);
    }
}
