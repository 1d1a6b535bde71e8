package dev.panicattack.junit;

/**
 * Names of the run-wide configuration parameters. Each is read as a JUnit configuration parameter,
 * so it can be given as a system property ({@code mvn test -Dpanic.enabled=false}) or in
 * {@code junit-platform.properties}.
 */
public final class PanicConfiguration {

    /**
     * A constraint set name (or several, comma-separated) applied to every test of the run, under
     * any annotation. Tests without annotations are reached only when JUnit's extension
     * auto-detection is on: {@code junit.jupiter.extensions.autodetection.enabled=true}.
     */
    public static final String CONSTRAINT_SET_PROPERTY_NAME = "panic.constraintSet";

    /**
     * {@code false} (any case) turns off all pressure from every entry point, and nothing else:
     * {@link UnderPressure} and {@link ConstraintSet} are validated but start no stressor, run-wide
     * sets ({@value #CONSTRAINT_SET_PROPERTY_NAME}) start none, a
     * {@link dev.panicattack.pressure.PressureControl} parameter ({@link PressureInCode}) is a
     * disabled control that accepts every call and applies nothing, and the fuse assertions'
     * {@code under(...)} run without pressure and say so in their failures. Diagnosis
     * ({@link Diagnose}, {@value #DIAGNOSE_PROPERTY_NAME}) still runs. The fuse assertions are a
     * static API and read only the system property, not {@code junit-platform.properties}. Default
     * {@code true}. See {@code docs/run-wide.md}.
     */
    public static final String ENABLED_PROPERTY_NAME = dev.panicattack.pressure.PressureSwitch.ENABLED_PROPERTY_NAME;

    /** {@code true} prints a per-test pressure summary when the run ends. Default {@code false}. */
    public static final String SUMMARY_PROPERTY_NAME = "panic.summary";

    /**
     * Key of the report entry published after each test under pressure: the plan, then target
     * versus achieved per axis, separated by {@code " | "}.
     */
    public static final String PRESSURE_REPORT_ENTRY = "panic.pressure";

    /** {@code true} diagnoses every test of the run (with extension auto-detection on). Default {@code false}. */
    public static final String DIAGNOSE_PROPERTY_NAME = "panic.diagnose";

    /** Default stall window for the run, as a duration such as {@code 10s}. Default {@code 10s}. */
    public static final String STALL_WINDOW_PROPERTY_NAME = "panic.diagnose.stallWindow";

    /** Comma-separated bug classes that fail passing tests in the whole run, as {@code @Diagnose(failOn)}. */
    public static final String FAIL_ON_PROPERTY_NAME = "panic.diagnose.failOn";

    /**
     * {@code false} leaves Flight Recorder out of the evidence: it saves the second that starting a
     * stream costs once per run, at the price of the facts only it records (monitor enter times,
     * thread lifetimes, GC pauses). Default {@code true}.
     */
    public static final String FLIGHT_RECORDER_PROPERTY_NAME = "panic.diagnose.flightRecorder";

    /**
     * Where diagnosed test methods run in the whole run: {@code same_thread} (JUnit's own thread, the
     * default) or {@code separate_thread}; {@code @Diagnose(threadMode)} overrides it per test.
     */
    public static final String THREAD_MODE_PROPERTY_NAME = "panic.diagnose.threadMode";

    /**
     * Which passing tests get a report page of their own: {@code declared} (the default: tests whose
     * pressure or diagnosis an annotation asked for), {@code all}, or {@code none}. A passing test
     * without a page still gets its row in the run's index. Failing tests always get a page.
     */
    public static final String PASSING_REPORTS_PROPERTY_NAME = "panic.reports.passing";

    /**
     * How many facts the rules may derive for one verdict before evaluation stops with an error naming
     * the rule that grew most (a user rule that recurses without bound): a whole number, at least 1.
     * Default 2,000,000 ({@code docs/writing-rules.md}).
     */
    public static final String RULES_MAX_DERIVED_FACTS_PROPERTY_NAME = "panic.rules.maxDerivedFacts";

    /** Where reports are written. Default {@code target/panic-reports}. */
    public static final String REPORTS_DIRECTORY_PROPERTY_NAME = "panic.reports.directory";

    /** Key of the report entry that names the test's HTML report, when one was written. */
    public static final String REPORT_ENTRY = "panic.report";

    /**
     * {@code true} probes every diagnosed test, its subject defaulting to the test class's package;
     * {@code false} switches the probes off for the whole run (subjects are still validated). Unset,
     * the default: only tests that name a {@code subject} are probed ({@code docs/probes.md}).
     */
    public static final String PROBES_ENABLED_PROPERTY_NAME = "panic.probes.enabled";

    /**
     * One level of one axis, {@code <axis key>=<value>} such as {@code network.latency=180}: every test
     * of the run runs as a trial under it, merged last over the pressure it declares (a test without
     * annotations needs extension auto-detection). A breaking-point search sets it for each of its
     * trials; a {@code @BreakingPoint} test under it runs its body once instead of searching. Unset by
     * default. See {@code docs/breaking-points.md}.
     */
    public static final String BREAKING_POINT_LEVEL_PROPERTY_NAME = "panic.breakingPoint.level";

    /** Key of the report entry that gives a {@code @BreakingPoint} search's summary. */
    public static final String BREAKING_POINT_REPORT_ENTRY = "panic.breakingPoint";

    private PanicConfiguration() {
    }
}
