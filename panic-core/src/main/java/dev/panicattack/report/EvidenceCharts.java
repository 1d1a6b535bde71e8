package dev.panicattack.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;

/**
 * Reads a report's facts and traces once and builds its charts, one per {@link Unit} that has data
 * (a series goes to the chart of its unit, so each axis is readable), and the facts summary. A fact
 * whose values do not have the documented shape is counted in the summary but not drawn.
 */
final class EvidenceCharts {

    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final List<String> PALETTE =
            List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#6B6B6B");

    private static final Map<String, String> STATE_COLORS = Map.of(
            "RUNNABLE", "#009E73", "BLOCKED", "#D55E00", "WAITING", "#0072B2", "TIMED_WAITING", "#56B4E9",
            "NEW", "#CC79A7", "TERMINATED", "#9A9A9A");
    private static final List<String> STATE_ORDER =
            List.of("RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "NEW", "TERMINATED");

    /**
     * Count of one predicate and, for a fact with a time ({@link FactTimes}), its time range in
     * seconds (NaN when no fact of it had a readable time).
     */
    record PredicateSummary(String predicate, long count, boolean timed, double firstSeconds, double lastSeconds) {
    }

    private final List<SvgChart> charts;
    private final List<PredicateSummary> summary;

    private EvidenceCharts(List<SvgChart> charts, List<PredicateSummary> summary) {
        this.charts = charts;
        this.summary = summary;
    }

    /** The charts that have data, in {@link Unit} order. */
    List<SvgChart> charts() {
        return charts;
    }

    List<PredicateSummary> summary() {
        return summary;
    }

    static EvidenceCharts of(TrialReport report) {
        Points heapUsed = new Points();
        Points ballast = new Points();
        Points subject = new Points();
        Points processCpu = new Points();
        Points jvmCpu = new Points();
        Points systemCpu = new Points();
        Map<String, Points> gcPauses = new LinkedHashMap<>();
        Map<String, Points> gcCounts = new LinkedHashMap<>();
        ThreadStates threadStates = new ThreadStates();
        Map<String, Stats> stats = new HashMap<>();

        for (Fact fact : report.facts()) {
            List<Object> values = fact.values();
            Stats predicate = stats.computeIfAbsent(fact.predicate(), p -> new Stats());
            predicate.count++;
            double seconds = FactTimes.seconds(fact);
            if (Double.isNaN(seconds)) {
                continue;
            }
            predicate.first = Math.min(predicate.first, seconds);
            predicate.last = Math.max(predicate.last, seconds);
            switch (fact.predicate()) {
                case "heap_used" -> heapUsed.add(seconds, last(values, 2));
                case "ballast_bytes" -> ballast.add(seconds, last(values, 2));
                case "subject_heap_used" -> subject.add(seconds, last(values, 2));
                case "process_cpu" -> processCpu.add(seconds, last(values, 2));
                case "jvm_cpu" -> jvmCpu.add(seconds, last(values, 2));
                case "system_cpu" -> systemCpu.add(seconds, last(values, 2));
                case "gc_pause" -> {
                    if (values.size() == 4) {
                        gcPauses.computeIfAbsent(String.valueOf(values.get(1)), c -> new Points())
                                .add(seconds, number(values.get(3)));
                    }
                }
                case "gc_count" -> {
                    if (values.size() == 3) {
                        gcCounts.computeIfAbsent(String.valueOf(values.get(1)), c -> new Points())
                                .add(seconds, number(values.get(2)));
                    }
                }
                case "thread_state" -> {
                    if (values.size() == 3 && values.get(2) instanceof String state) {
                        threadStates.add(seconds, state);
                    }
                }
                default -> {
                    // other predicates appear in the summary only
                }
            }
        }

        UnitCharts charts = new UnitCharts();
        // fixed colours first, so the traces and collectors take the colours left free in their chart
        charts.line(heapUsed.series(Unit.BYTES, "heap used (total)", "#3D3D3D", false));
        charts.line(ballast.series(Unit.BYTES, "ballast (panic-attack's)", "#E69F00", true));
        charts.line(subject.series(Unit.BYTES, "subject heap (yours)", "#0072B2", false));
        charts.line(systemCpu.series(Unit.PERCENT, "machine CPU (system_cpu)", "#6B6B6B", false));
        charts.line(processCpu.series(Unit.PERCENT, "process CPU (process_cpu)", "#0072B2", false));
        charts.line(jvmCpu.series(Unit.PERCENT, "JVM CPU (jvm_cpu)", "#009E73", false));
        threadLayers(threadStates).forEach(charts::stacked);
        for (Map.Entry<String, Points> collector : gcPauses.entrySet()) {
            charts.bar(collector.getValue().series(Unit.MILLISECONDS, collector.getKey() + " pause",
                    charts.freeColour(Unit.MILLISECONDS, ""), false));
        }
        if (gcPauses.isEmpty()) {
            // the pause bars show every collection already; counts only when there are no pauses
            for (Map.Entry<String, Points> collector : gcCounts.entrySet()) {
                charts.line(collector.getValue().series(Unit.COLLECTIONS, collector.getKey() + " collections",
                        charts.freeColour(Unit.COLLECTIONS, ""), false));
            }
        }
        for (PressureTrace trace : report.traces()) {
            Unit unit = Unit.ofTrace(trace.unit());
            String other = unit == Unit.OTHER ? trace.unit() : "";
            String colour = charts.freeColour(unit, other);
            Points target = new Points();
            Points achieved = new Points();
            for (PressureSample sample : trace.samples()) {
                double seconds = sample.at().toNanos() / 1e9;
                target.add(seconds, sample.target());
                achieved.add(seconds, sample.achieved());
            }
            charts.line(target.series(unit, axisName(trace) + " target", colour, true), other);
            charts.line(achieved.series(unit, axisName(trace) + " achieved", colour, false), other);
        }

        List<PredicateSummary> summary = new ArrayList<>();
        new TreeMap<>(stats).forEach((predicate, range) -> summary.add(new PredicateSummary(predicate, range.count,
                FactTimes.isTimed(predicate), range.first > range.last ? Double.NaN : range.first,
                range.first > range.last ? Double.NaN : range.last)));
        return new EvidenceCharts(charts.build(), List.copyOf(summary));
    }

    /** The one place a trace's axis becomes text in the report. */
    private static String axisName(PressureTrace trace) {
        return trace.series();
    }

    private static List<Series> threadLayers(ThreadStates threadStates) {
        List<String> states = new ArrayList<>(STATE_ORDER);
        for (String state : threadStates.stateIndex.keySet()) {
            if (!states.contains(state)) {
                states.add(state);
            }
        }
        double[] x = threadStates.byTime.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        List<Series> layers = new ArrayList<>();
        int extra = 0;
        for (String state : states) {
            Integer index = threadStates.stateIndex.get(state);
            if (index == null) {
                continue;
            }
            double[] y = new double[x.length];
            int i = 0;
            for (int[] counts : threadStates.byTime.values()) {
                y[i++] = index < counts.length ? counts[index] : 0;
            }
            String color = STATE_COLORS.getOrDefault(state, PALETTE.get(1 + extra++ % 5));
            layers.add(new Series(Unit.THREADS, state, color, false, x, y));
        }
        return layers;
    }

    /** The last value of a fact of the given arity as a number, NaN when the shape is not that. */
    private static double last(List<Object> values, int arity) {
        return values.size() == arity ? number(values.get(arity - 1)) : Double.NaN;
    }

    private static double number(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Double number) {
            return number;
        }
        return Double.NaN;
    }

    /** Count and time range of one predicate while reading. */
    private static final class Stats {
        private long count;
        private double first = Double.POSITIVE_INFINITY;
        private double last = Double.NEGATIVE_INFINITY;
    }

    /** Number of threads in each state at each sample time. */
    private static final class ThreadStates {
        private final Map<String, Integer> stateIndex = new LinkedHashMap<>();
        private final TreeMap<Double, int[]> byTime = new TreeMap<>();

        void add(double seconds, String state) {
            int index = stateIndex.computeIfAbsent(state, s -> stateIndex.size());
            int[] counts = byTime.computeIfAbsent(seconds, t -> new int[index + 1]);
            if (counts.length <= index) {
                counts = Arrays.copyOf(counts, index + 1);
                byTime.put(seconds, counts);
            }
            counts[index]++;
        }
    }

    /** A growable list of finite points. */
    private static final class Points {
        private double[] x = new double[64];
        private double[] y = new double[64];
        private int size;

        void add(double px, double py) {
            if (!Double.isFinite(px) || !Double.isFinite(py)) {
                return;
            }
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = px;
            y[size++] = py;
        }

        Series series(Unit unit, String label, String color, boolean dashed) {
            return Series.of(unit, label, color, dashed, Arrays.copyOf(x, size), Arrays.copyOf(y, size));
        }
    }

    /**
     * Series grouped into one chart per unit (and per trace unit text for {@link Unit#OTHER}), with
     * the colours used in each, so a chart never shows two series groups in one colour while the
     * palette has a free one.
     */
    private static final class UnitCharts {
        private final Map<ChartKey, Group> groups = new TreeMap<>(
                Comparator.comparing(ChartKey::unit).thenComparing(ChartKey::otherUnit));

        void line(Series series) {
            line(series, "");
        }

        void line(Series series, String otherUnit) {
            Group group = group(series.unit(), otherUnit);
            group.add(series, group.lines);
        }

        void stacked(Series series) {
            Group group = group(series.unit(), "");
            group.add(series, group.stacked);
        }

        void bar(Series series) {
            Group group = group(series.unit(), "");
            group.add(series, group.bars);
        }

        /** The first palette colour not yet used in the chart of {@code unit}; cycles when all are used. */
        String freeColour(Unit unit, String otherUnit) {
            Group group = group(unit, otherUnit);
            for (String colour : PALETTE) {
                if (!group.colours.contains(colour)) {
                    group.colours.add(colour);
                    return colour;
                }
            }
            return PALETTE.get(group.cycled++ % PALETTE.size());
        }

        private Group group(Unit unit, String otherUnit) {
            return groups.computeIfAbsent(new ChartKey(unit, otherUnit), key -> new Group());
        }

        List<SvgChart> build() {
            List<SvgChart> charts = new ArrayList<>();
            int others = 0;
            for (Map.Entry<ChartKey, Group> entry : groups.entrySet()) {
                Group group = entry.getValue();
                if (group.isEmpty()) {
                    continue;
                }
                Unit unit = entry.getKey().unit();
                double max = 0;
                for (List<Series> kind : List.of(group.lines, group.stacked, group.bars)) {
                    for (Series series : kind) {
                        max = Math.max(max, unit.signed() ? Math.max(series.maxY(), -series.minY()) : series.maxY());
                    }
                }
                Unit.Scale scale = unit.scale(max, entry.getKey().otherUnit());
                String id = unit == Unit.OTHER ? unit.id() + "-" + ++others : unit.id();
                // a percent axis runs 0-100 unless a value is outside it
                double fixedMax = unit == Unit.PERCENT && max <= 100 ? 100 : Double.NaN;
                charts.add(new SvgChart(id, unit.heading(scale), unit.axisTitle(scale), fixedMax, unit.signed(),
                        scaled(group.lines, scale), scaled(group.stacked, scale), scaled(group.bars, scale)));
            }
            return List.copyOf(charts);
        }

        private static List<Series> scaled(List<Series> series, Unit.Scale scale) {
            return series.stream().map(s -> s.scaled(scale.divisor())).toList();
        }
    }

    private record ChartKey(Unit unit, String otherUnit) {
    }

    /** The series of one chart and the colours they use. */
    private static final class Group {
        private final List<Series> lines = new ArrayList<>();
        private final List<Series> stacked = new ArrayList<>();
        private final List<Series> bars = new ArrayList<>();
        private final Set<String> colours = new HashSet<>();
        private int cycled;

        void add(Series series, List<Series> kind) {
            if (series.size() > 0) {
                kind.add(series);
                colours.add(series.color());
            }
        }

        boolean isEmpty() {
            return lines.isEmpty() && stacked.isEmpty() && bars.isEmpty();
        }
    }
}
