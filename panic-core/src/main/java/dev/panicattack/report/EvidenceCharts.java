package dev.panicattack.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;

/**
 * Reads a report's facts and traces once and builds the five timelines and the facts summary. A
 * fact whose values do not have the documented shape is counted in the summary but not drawn.
 */
final class EvidenceCharts {

    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final List<String> PALETTE =
            List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#6B6B6B");

    private static final double MIB = 1024.0 * 1024.0;

    private static final Map<String, String> STATE_COLORS = Map.of(
            "RUNNABLE", "#009E73", "BLOCKED", "#D55E00", "WAITING", "#0072B2", "TIMED_WAITING", "#56B4E9",
            "NEW", "#CC79A7", "TERMINATED", "#9A9A9A");
    private static final List<String> STATE_ORDER =
            List.of("RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "NEW", "TERMINATED");

    /** Count and time range of one predicate. */
    record PredicateSummary(String predicate, long count, double firstSeconds, double lastSeconds) {
    }

    private final List<SvgChart> charts;
    private final List<PredicateSummary> summary;

    private EvidenceCharts(List<SvgChart> charts, List<PredicateSummary> summary) {
        this.charts = charts;
        this.summary = summary;
    }

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
            double seconds = values.isEmpty() ? Double.NaN : number(values.get(0)) / 1000.0;
            Stats predicate = stats.computeIfAbsent(fact.predicate(), p -> new Stats());
            predicate.count++;
            if (Double.isNaN(seconds)) {
                continue;
            }
            predicate.first = Math.min(predicate.first, seconds);
            predicate.last = Math.max(predicate.last, seconds);
            switch (fact.predicate()) {
                case "heap_used" -> heapUsed.add(seconds, last(values, 2) / MIB);
                case "ballast_bytes" -> ballast.add(seconds, last(values, 2) / MIB);
                case "subject_heap_used" -> subject.add(seconds, last(values, 2) / MIB);
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

        List<SvgChart> charts = List.of(
                pressureChart(report.traces()),
                new SvgChart("heap", "Heap: subject vs ballast", "heap (MiB)", Double.NaN, List.of(
                        heapUsed.series("heap used (total)", "#3D3D3D", false),
                        ballast.series("ballast (panic-attack's)", "#E69F00", true),
                        subject.series("subject heap (yours)", "#0072B2", false)).stream()
                        .filter(s -> s.size() > 0).toList(), List.of(), List.of()),
                threadChart(threadStates),
                gcChart(gcPauses, gcCounts),
                cpuChart(report.traces(), processCpu, jvmCpu, systemCpu));

        List<PredicateSummary> summary = new ArrayList<>();
        new TreeMap<>(stats).forEach((predicate, range) -> summary.add(new PredicateSummary(predicate, range.count,
                range.count == 0 || range.first > range.last ? Double.NaN : range.first,
                range.first > range.last ? Double.NaN : range.last)));
        return new EvidenceCharts(charts, List.copyOf(summary));
    }

    private static SvgChart pressureChart(List<PressureTrace> traces) {
        List<Series> lines = new ArrayList<>();
        List<String> units = new ArrayList<>();
        boolean percent = true;
        for (int i = 0; i < traces.size(); i++) {
            PressureTrace trace = traces.get(i);
            String color = PALETTE.get(i % PALETTE.size());
            Points target = new Points();
            Points achieved = new Points();
            for (PressureSample sample : trace.samples()) {
                double seconds = sample.at().toNanos() / 1e9;
                target.add(seconds, sample.target());
                achieved.add(seconds, sample.achieved());
            }
            lines.add(target.series(trace.axis() + " target", color, true));
            lines.add(achieved.series(trace.axis() + " achieved", color, false));
            if (!units.contains(trace.unit())) {
                units.add(trace.unit());
            }
            percent &= trace.unit().startsWith("%");
        }
        List<Series> drawn = lines.stream().filter(s -> s.size() > 0).toList();
        double max = drawn.stream().mapToDouble(Series::maxY).max().orElse(0);
        return new SvgChart("pressure", "Pressure: target vs achieved", "level (" + String.join(", ", units) + ")",
                percent && max <= 100 ? 100 : Double.NaN, drawn, List.of(), List.of());
    }

    private static SvgChart threadChart(ThreadStates threadStates) {
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
            layers.add(new Series(state, color, false, x, y));
        }
        return new SvgChart("threads", "Threads by state", "threads", Double.NaN, List.of(), layers, List.of());
    }

    private static SvgChart gcChart(Map<String, Points> pauses, Map<String, Points> counts) {
        if (!pauses.isEmpty()) {
            List<Series> bars = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Points> collector : pauses.entrySet()) {
                bars.add(collector.getValue().series(collector.getKey() + " pause", PALETTE.get(i++ % PALETTE.size()),
                        false));
            }
            return new SvgChart("gc", "Garbage collection pauses", "pause (ms)", Double.NaN, List.of(), List.of(),
                    bars);
        }
        List<Series> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Points> collector : counts.entrySet()) {
            lines.add(collector.getValue().series(collector.getKey() + " collections", PALETTE.get(i++ % PALETTE.size()),
                    false));
        }
        return new SvgChart("gc", "Garbage collections (cumulative)", "collections", Double.NaN, lines, List.of(),
                List.of());
    }

    private static SvgChart cpuChart(List<PressureTrace> traces, Points processCpu, Points jvmCpu, Points systemCpu) {
        List<Series> lines = new ArrayList<>();
        lines.add(systemCpu.series("machine CPU (system_cpu)", "#6B6B6B", false));
        lines.add(processCpu.series("process CPU (process_cpu)", "#0072B2", false));
        lines.add(jvmCpu.series("JVM CPU (jvm_cpu)", "#009E73", false));
        for (PressureTrace trace : traces) {
            if (trace.axis().toLowerCase(Locale.ROOT).equals("cpu")) {
                Points target = new Points();
                Points achieved = new Points();
                for (PressureSample sample : trace.samples()) {
                    target.add(sample.at().toNanos() / 1e9, sample.target());
                    achieved.add(sample.at().toNanos() / 1e9, sample.achieved());
                }
                lines.add(target.series("cpu target", "#D55E00", true));
                lines.add(achieved.series("cpu achieved (stressor)", "#E69F00", false));
            }
        }
        List<Series> drawn = lines.stream().filter(s -> s.size() > 0).toList();
        double max = drawn.stream().mapToDouble(Series::maxY).max().orElse(0);
        return new SvgChart("cpu", "CPU", "CPU (%)", max <= 100 ? 100 : Double.NaN, drawn, List.of(), List.of());
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

        Series series(String label, String color, boolean dashed) {
            return Series.of(label, color, dashed, Arrays.copyOf(x, size), Arrays.copyOf(y, size));
        }
    }
}
