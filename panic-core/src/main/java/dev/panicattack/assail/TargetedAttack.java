package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.constraint.NetworkConstraint;
import dev.panicattack.constraint.TimeConstraint;
import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.PressurePlan;
import dev.panicattack.subject.Subject;

/**
 * The pressure an {@link AssailScanner} scan chooses: each finding's axes become constraint values through one
 * table ({@link #DEFAULTS} per axis, {@link #OVERRIDES} per category and axis), and every choice keeps the
 * finding that made it, so a report can say which finding chose which axis. Immutable.
 *
 * <p>When several findings choose the same axis, the axis gets the strongest value any of them asks for
 * (field by field: the highest load, heap, leak rate, latency, loss, fill, contenders, the largest skew).
 * Axes that this build cannot apply ({@link PressurePlan#resolve} refuses them) stay in {@link #chosen()}
 * but not in {@link #applicable()}, and their choices say why. See {@code docs/assail.md}, "Targeted attacks".
 */
public final class TargetedAttack {

    /** The name of the chosen set in plans and messages. */
    public static final String SET_NAME = "@Assail";

    /** What each axis is turned to when a finding names it and no override applies. One line per axis. */
    static final Map<Axis, Constraints> DEFAULTS = table(Map.of(
            Axis.CPU, set().withCpu(CpuConstraint.ofLoad(80)),
            Axis.MEMORY, set().withMemory(MemoryConstraint.none().withHeap(70)),
            Axis.NETWORK, set().withNetwork(new NetworkConstraint(Optional.of(Duration.ofMillis(500)),
                    Optional.empty(), OptionalDouble.empty())),
            Axis.DISK, set().withDisk(new DiskConstraint(OptionalInt.of(90), Optional.empty())),
            // Two contenders compete for the subject's locks without taking every core from the test on a
            // small machine.
            Axis.CONCURRENCY, set().withConcurrency(ConcurrencyConstraint.none().withContenders(2)),
            Axis.TIME, set().withTime(new TimeConstraint(Optional.of(Duration.ofSeconds(30))))));

    /** Where a category is attacked differently on one axis. One line per (category, axis). */
    static final Map<Category, Map<Axis, Constraints>> OVERRIDES = overrides(List.of(
            // A leak candidate grows: the ballast grows with it, so the heap fills as a real leak would.
            new Row(Category.GROWING_STATIC_COLLECTION, Axis.MEMORY,
                    set().withMemory(MemoryConstraint.none().withHeap(50).withLeakRate(2))),
            // A busy wait competes for the CPU it burns: saturate it.
            new Row(Category.BUSY_WAIT, Axis.CPU, set().withCpu(CpuConstraint.ofLoad(90))),
            // A swallowed exception hides failed calls: make calls fail, not only slow down.
            new Row(Category.SWALLOWED_EXCEPTION, Axis.NETWORK, set().withNetwork(new NetworkConstraint(
                    Optional.empty(), Optional.empty(), OptionalDouble.of(10))))));

    private final List<Finding> findings;
    private final Constraints chosen;
    private final List<Choice> choices;
    private final Map<Axis, String> notApplied;

    private TargetedAttack(List<Finding> findings, Constraints chosen, List<Choice> choices,
            Map<Axis, String> notApplied) {
        this.findings = List.copyOf(findings);
        this.chosen = chosen;
        this.choices = List.copyOf(choices);
        this.notApplied = Collections.unmodifiableMap(new EnumMap<>(notApplied));
    }

    /**
     * One finding choosing one axis, with the values the table gives it.
     *
     * @param finding what was found
     * @param axis the axis it chose
     * @param values a set declaring only {@code axis}
     */
    public record Choice(Finding finding, Axis axis, Constraints values) {

        public Choice {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(axis, "axis");
            Objects.requireNonNull(values, "values");
        }

        /** {@code cpu chosen by LOCK_ORDER at com.acme.Bank.transfer:42}. */
        public String describe() {
            return axisName(axis) + " chosen by " + finding.category() + " at " + location(finding);
        }
    }

    /** What happened to one choice in a test: applied, overridden by the test's own declaration, or not applied. */
    public record Decision(Choice choice, String status) {

        public Decision {
            Objects.requireNonNull(choice, "choice");
            Objects.requireNonNull(status, "status");
        }

        /** {@code network chosen by BLOCKING_CALL_WITHOUT_TIMEOUT at Foo.bar:12, not applied: <the resolver's reason>}. */
        public String describe() {
            return choice.describe() + ", " + status;
        }
    }

    /**
     * Chooses pressure for {@code findings}: every axis of every finding, with its table values.
     * Probes {@link PressurePlan#resolve} once per chosen axis to learn which ones this build applies.
     */
    public static TargetedAttack choose(List<Finding> findings) {
        return choose(findings, Subject.of());
    }

    /**
     * Chooses pressure for {@code findings}, probing each axis as it would act on {@code subject}
     * (the axes that act on the subject's own calls refuse an empty one).
     */
    public static TargetedAttack choose(List<Finding> findings, Subject subject) {
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(subject, "subject");
        List<Choice> choices = new ArrayList<>();
        Map<Axis, Constraints> byAxis = new EnumMap<>(Axis.class);
        for (Finding finding : findings) {
            for (Axis axis : finding.axes()) {
                Constraints values = valuesFor(finding.category(), axis);
                choices.add(new Choice(finding, axis, values));
                byAxis.merge(axis, values, TargetedAttack::strongest);
            }
        }
        Constraints chosen = set();
        Map<Axis, String> notApplied = new EnumMap<>(Axis.class);
        for (Map.Entry<Axis, Constraints> axis : byAxis.entrySet()) {
            chosen = chosen.overriddenBy(axis.getValue());
            try {
                PressurePlan.resolve(axis.getValue(), subject);
            } catch (IllegalArgumentException e) {
                // A stressor that exists but refuses the table's values: the report says so instead of failing the test.
                notApplied.put(axis.getKey(), e.getMessage());
            }
        }
        return new TargetedAttack(findings, chosen, choices, notApplied);
    }

    /** The table's values for one category on one axis: its override when it has one, else the axis default. */
    public static Constraints valuesFor(Category category, Axis axis) {
        Constraints override = OVERRIDES.getOrDefault(category, Map.of()).get(axis);
        return override != null ? override : DEFAULTS.get(axis);
    }

    /** The findings this attack was chosen from. */
    public List<Finding> findings() {
        return findings;
    }

    /** Every axis any finding chose, with the strongest values asked for; named {@value #SET_NAME}. */
    public Constraints chosen() {
        return chosen;
    }

    /** Every (finding, axis) choice, in finding order. */
    public List<Choice> choices() {
        return choices;
    }

    /** The axes chosen, in {@link Axis} order. */
    public Set<Axis> chosenAxes() {
        Set<Axis> axes = EnumSet.noneOf(Axis.class);
        choices.forEach(choice -> axes.add(choice.axis()));
        return axes;
    }

    /** Chosen axes this build cannot apply, with the reason. */
    public Map<Axis, String> notApplied() {
        return notApplied;
    }

    /** {@link #chosen()} without the axes this build cannot apply: what is handed to the trial. */
    public Constraints applicable() {
        Constraints applicable = set();
        for (Axis axis : chosenAxes()) {
            if (!notApplied.containsKey(axis)) {
                applicable = applicable.overriddenBy(only(chosen, axis));
            }
        }
        return applicable;
    }

    /**
     * What happens to each choice when the test also declares {@code explicit} pressure (annotations,
     * named sets): an axis the declaration names is overridden by it, field by field.
     */
    public List<Decision> decisions(Constraints explicit) {
        Objects.requireNonNull(explicit, "explicit");
        List<Decision> decisions = new ArrayList<>();
        for (Choice choice : choices) {
            String status;
            if (notApplied.containsKey(choice.axis())) {
                status = "not applied: " + notApplied.get(choice.axis());
            } else if (declares(explicit, choice.axis())) {
                status = "applied under the test's own " + axisName(choice.axis())
                        + " declaration, whose values take precedence";
            } else {
                status = "applied";
            }
            decisions.add(new Decision(choice, status));
        }
        return decisions;
    }

    /**
     * The findings and decisions as evidence facts (vocabulary in {@code docs/facts.md}):
     * {@code static_finding}, {@code static_finding_detail}, {@code static_method},
     * {@code static_lock_order} and {@code static_axis_chosen}.
     */
    public List<Fact> facts(Constraints explicit) {
        List<Fact> facts = new ArrayList<>();
        for (Finding finding : findings) {
            String category = finding.category().name().toLowerCase(Locale.ROOT);
            long line = finding.line();
            facts.add(Fact.of("static_finding", category, finding.className(), finding.method(), line));
            facts.add(Fact.of("static_finding_detail", category, finding.className(), finding.method(), line,
                    finding.detail(), finding.axes().stream().map(Axis::name).collect(Collectors.joining(","))));
            facts.add(Fact.of("static_method", finding.className(), finding.method(),
                    finding.className() + "." + finding.method()));
            LockOrder.of(finding).ifPresent(order -> facts.add(Fact.of("static_lock_order", finding.className(),
                    finding.method(), line, order.first(), order.second())));
        }
        for (Decision decision : decisions(explicit)) {
            Finding finding = decision.choice().finding();
            facts.add(Fact.of("static_axis_chosen", finding.category().name().toLowerCase(Locale.ROOT),
                    finding.className(), finding.method(), (long) finding.line(), axisName(decision.choice().axis()),
                    decision.status()));
        }
        return facts;
    }

    /** One line: {@code 3 findings chose cpu, memory; not applied: time (<the resolver's reason>)}. */
    public String summary() {
        if (findings.isEmpty()) {
            return "no findings: no pressure chosen";
        }
        String axes = chosenAxes().stream().map(TargetedAttack::axisName).collect(Collectors.joining(", "));
        String text = findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " chose " + axes;
        if (!notApplied.isEmpty()) {
            text += "; not applied: " + notApplied.entrySet().stream()
                    .map(entry -> axisName(entry.getKey()) + " (" + entry.getValue() + ")")
                    .collect(Collectors.joining(", "));
        }
        return text;
    }

    /** The locks of a LOCK_ORDER finding, outer first, as {@link ProgramFacts} writes them into its detail. */
    record LockOrder(String first, String second) {

        private static final String TAKES = "takes ";
        private static final String WHILE_HOLDING = " while holding ";

        static Optional<LockOrder> of(Finding finding) {
            String detail = finding.detail();
            int holding = detail.indexOf(WHILE_HOLDING);
            int end = detail.indexOf(';', holding + 1);
            if (finding.category() != Category.LOCK_ORDER || !detail.startsWith(TAKES) || holding < 0 || end < 0) {
                return Optional.empty();
            }
            return Optional.of(new LockOrder(detail.substring(holding + WHILE_HOLDING.length(), end),
                    detail.substring(TAKES.length(), holding)));
        }
    }

    static String axisName(Axis axis) {
        return axis.name().toLowerCase(Locale.ROOT);
    }

    private static String location(Finding finding) {
        return finding.className() + "." + finding.method() + ":" + finding.line();
    }

    private static boolean declares(Constraints set, Axis axis) {
        return switch (axis) {
            case CPU -> set.cpu().isPresent();
            case MEMORY -> set.memory().isPresent();
            case NETWORK -> set.network().isPresent();
            case DISK -> set.disk().isPresent();
            case CONCURRENCY -> set.concurrency().isPresent();
            case TIME -> set.time().isPresent();
        };
    }

    private static Constraints only(Constraints from, Axis axis) {
        Constraints one = set();
        return switch (axis) {
            case CPU -> from.cpu().map(one::withCpu).orElse(one);
            case MEMORY -> from.memory().map(one::withMemory).orElse(one);
            case NETWORK -> from.network().map(one::withNetwork).orElse(one);
            case DISK -> from.disk().map(one::withDisk).orElse(one);
            case CONCURRENCY -> from.concurrency().map(one::withConcurrency).orElse(one);
            case TIME -> from.time().map(one::withTime).orElse(one);
        };
    }

    /** Two sets declaring the same single axis, combined field by field to the stronger value. */
    static Constraints strongest(Constraints a, Constraints b) {
        return new Constraints(SET_NAME, Optional.empty(),
                both(a.cpu(), b.cpu(), (x, y) -> x.ramp().or(y::ramp).isPresent()
                        ? new CpuConstraint(java.util.OptionalInt.empty(), x.spikes().or(y::spikes), x.ramp().or(y::ramp))
                        : new CpuConstraint(max(x.load(), y.load()), x.spikes().or(y::spikes), Optional.empty())),
                both(a.memory(), b.memory(), (x, y) -> new MemoryConstraint(max(x.heap(), y.heap()),
                        max(x.leakRate(), y.leakRate()), max(x.ceiling(), y.ceiling()))),
                both(a.network(), b.network(), (x, y) -> new NetworkConstraint(max(x.latency(), y.latency()),
                        max(x.jitter(), y.jitter()), max(x.loss(), y.loss()))),
                both(a.disk(), b.disk(), (x, y) -> new DiskConstraint(max(x.fill(), y.fill()),
                        max(x.latency(), y.latency()))),
                both(a.concurrency(), b.concurrency(), (x, y) -> x.overriddenBy(y).withContenders(
                        Math.max(x.contenders().orElse(0), y.contenders().orElse(0)))),
                both(a.time(), b.time(), (x, y) -> new TimeConstraint(x.skew().isEmpty() ? y.skew()
                        : y.skew().isEmpty() || x.skew().get().abs().compareTo(y.skew().get().abs()) >= 0
                        ? x.skew() : y.skew())));
    }

    private static <T> Optional<T> both(Optional<T> a, Optional<T> b, BinaryOperator<T> combine) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty() || a.equals(b)) {
            return a;
        }
        return Optional.of(combine.apply(a.get(), b.get()));
    }

    private static OptionalInt max(OptionalInt a, OptionalInt b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalInt.of(Math.max(a.getAsInt(), b.getAsInt()));
    }

    private static OptionalDouble max(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalDouble.of(Math.max(a.getAsDouble(), b.getAsDouble()));
    }

    private static Optional<Duration> max(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }

    private static Constraints set() {
        return Constraints.named(SET_NAME);
    }

    private static Map<Axis, Constraints> table(Map<Axis, Constraints> rows) {
        Map<Axis, Constraints> table = new EnumMap<>(Axis.class);
        table.putAll(rows);
        for (Axis axis : Axis.values()) {
            if (!table.containsKey(axis)) {
                throw new IllegalStateException("TargetedAttack.DEFAULTS has no row for " + axis + "; add one");
            }
        }
        return Collections.unmodifiableMap(table);
    }

    private record Row(Category category, Axis axis, Constraints values) {
    }

    private static Map<Category, Map<Axis, Constraints>> overrides(List<Row> rows) {
        Map<Category, Map<Axis, Constraints>> table = new EnumMap<>(Category.class);
        for (Row row : rows) {
            table.computeIfAbsent(row.category(), key -> new EnumMap<>(Axis.class)).put(row.axis(), row.values());
        }
        table.replaceAll((category, axes) -> Collections.unmodifiableMap(axes));
        return Collections.unmodifiableMap(table);
    }

    @Override
    public String toString() {
        return "TargetedAttack[" + summary() + "]";
    }
}
