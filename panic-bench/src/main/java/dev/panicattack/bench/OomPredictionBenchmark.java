package dev.panicattack.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.panicattack.bench.fixtures.LeakFixture;
import dev.panicattack.evidence.Fact;
import dev.panicattack.forecast.ExhaustionForecast;
import dev.panicattack.forecast.FullCollections;
import dev.panicattack.forecast.HeapExhaustion;

/**
 * {@code oom-prediction}: leak runs in child JVMs ({@code -Xmx64m}; G1, Parallel and Serial; leaks
 * of 2, 3 and 4 MiB/s, steady, in steps of a second's worth, and steady with short-lived garbage
 * beside it), each a {@link LeakFixture} test diagnosed with {@code failOn = MEMORY_LEAK} through the
 * JUnit Platform (Flight Recorder off) until its real {@link OutOfMemoryError}. From the run's report: the live-heap
 * points ({@code live_heap}), the maximum heap, and the failure's time T on the trial's clock. The
 * forecast is made by {@link HeapExhaustion} from the points taken before T/2 only. A run is covered
 * when T lies in the forecast's interval (a run without a forecast is not covered); its relative
 * error is |forecast - T| / T; its lead fraction is (T - time of the last point used) / T.
 */
final class OomPredictionBenchmark implements Benchmark {

    private static final List<String> COLLECTORS = List.of("G1", "Parallel", "Serial");
    private static final List<String> SHAPES = List.of("steady", "steps", "churn");
    private static final List<Integer> RATES = List.of(2, 3, 4);
    private static final String MAX_HEAP = "-Xmx64m";
    private static final long CHILD_TIMEOUT_S = 150;
    /** One fact of the report: {@code {"p": "gc_time", "v": [1200, "G1 Old Generation", 45]}}. */
    private static final Pattern FACT = Pattern.compile("\\{\"p\": \"(\\w+)\", \"v\": \\[([^\\]]*)\\]\\}");

    @Override
    public String name() {
        return "oom-prediction";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<double[]> runs = new ArrayList<>();
        int failedRuns = 0;
        for (String collector : COLLECTORS) {
            for (String shape : SHAPES) {
                for (int rate : RATES) {
                    Path reports = Files.createTempDirectory("oom-prediction");
                    List<String> command = new ArrayList<>(List.of(java.toString(), MAX_HEAP, "-XX:+Use" + collector + "GC",
                            "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
                            "-D" + LeakFixture.SHAPE + "=" + shape, "-D" + LeakFixture.RATE + "=" + rate,
                            "-cp", System.getProperty("java.class.path"), OomPredictionBenchmark.class.getName(),
                            reports.toString()));
                    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
                    Optional<String> result = Optional.empty();
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (line.startsWith("RUN ")) {
                                result = Optional.of(line);
                            }
                        }
                    }
                    if (!child.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                        child.destroyForcibly().waitFor();
                    }
                    String label = String.format(Locale.ROOT, "%-8s %-6s %d MiB/s", collector, shape, rate);
                    if (result.isEmpty()) {
                        failedRuns++;
                        out.println("oom-prediction: " + label + ": no result (child exit " + child.exitValue() + ")");
                        continue;
                    }
                    out.println("oom-prediction: " + label + ": " + result.get().substring(4));
                    runs.add(parse(result.get()));
                }
            }
        }
        int covered = 0;
        double[] errors = new double[runs.size()];
        double[] leads = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            double[] run = runs.get(i);
            covered += run[0] > 0 ? 1 : 0;
            errors[i] = run[1];
            leads[i] = run[2];
        }
        out.println(String.format(Locale.ROOT, "RESULT oom-prediction runs=%d covered=%d median_rel_error=%s"
                        + " median_lead_fraction=%s failed_runs=%d", runs.size(), covered,
                Figures.fixed(Figures.median(errors), 3), Figures.fixed(Figures.median(leads), 3), failedRuns));
    }

    private static Object parseNumber(String value) {
        return value.contains(".") || value.contains("E") ? (Object) Double.parseDouble(value) : (Object) Long.parseLong(value);
    }

    /** covered (1/0), relative error, lead fraction from a child's {@code RUN} line. */
    private static double[] parse(String line) {
        double[] values = new double[3];
        for (String pair : line.substring(4).split(" ")) {
            String[] kv = pair.split("=", 2);
            switch (kv[0]) {
                case "covered" -> values[0] = Boolean.parseBoolean(kv[1]) ? 1 : 0;
                case "rel_error" -> values[1] = kv[1].equals("none") ? Double.POSITIVE_INFINITY : Double.parseDouble(kv[1]);
                case "lead_fraction" -> values[2] = Double.parseDouble(kv[1]);
                default -> {
                    // the other figures are for people
                }
            }
        }
        return values;
    }

    /** The child JVM: one leak run through the JUnit Platform, then its {@code RUN} line. */
    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args[0]);
        // Without Flight Recorder: the forecast reads none of its facts, and each run ends sooner.
        LauncherRun.run(Map.of("panic.reports.directory", reports.toString(), "panic.diagnose.flightRecorder", "false"),
                LeakFixture.class);
        String json;
        try (Stream<Path> files = Files.walk(reports)) {
            Path report = files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().startsWith("index"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no report in " + reports));
            json = Files.readString(report);
        }
        List<long[]> live = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        long heapMax = 0;
        long failedAt = -1;
        Matcher matcher = FACT.matcher(json);
        while (matcher.find()) {
            Fact fact = Fact.of(matcher.group(1), Stream.of(matcher.group(2).split(", "))
                    .map(value -> value.startsWith("\"") ? value.substring(1, value.length() - 1) : parseNumber(value))
                    .toArray());
            facts.add(fact);
            List<Object> v = fact.values();
            switch (fact.predicate()) {
                case "live_heap" -> live.add(new long[] {(Long) v.get(0), (Long) v.get(1)});
                case "heap_max" -> heapMax = Math.max(heapMax, (Long) v.get(1));
                case "test_failed" -> failedAt = failedAt < 0 ? (Long) v.get(0) : failedAt;
                default -> {
                    // the full collections' facts are read by FullCollections
                }
            }
        }
        if (failedAt <= 0 || heapMax <= 0 || !json.contains("OutOfMemoryError")) {
            throw new IllegalStateException("the run did not end in an OutOfMemoryError with heap facts; report: " + reports);
        }
        long failure = failedAt;
        long half = failure / 2;
        List<long[]> seen = live.stream().filter(point -> point[0] <= half).toList();
        long[] at = seen.stream().mapToLong(point -> point[0]).toArray();
        long[] bytes = seen.stream().mapToLong(point -> point[1]).toArray();
        // The full collections seen before T/2 only, as the forecast's points.
        Optional<ExhaustionForecast> forecast = HeapExhaustion.forecast(at, bytes, heapMax, FullCollections.longest(
                facts.stream().filter(fact -> !fact.predicate().startsWith("gc_") || fact.arity() == 1
                        || ((Long) fact.values().get(0)) <= half).toList()));
        long lastUsed = at.length == 0 ? 0 : at[at.length - 1];
        double lead = (failedAt - lastUsed) / (double) failedAt;
        boolean covered = forecast.filter(f -> f.low().toMillis() <= failure && failure <= f.high().toMillis()).isPresent();
        System.out.println(String.format(Locale.ROOT, "RUN failed_at_ms=%d points=%d of=%d forecast=%s covered=%s"
                        + " rel_error=%s lead_fraction=%.3f last_live=%d heap_max=%d",
                failedAt, at.length, live.size(),
                forecast.map(f -> f.at().toMillis() + "[" + f.low().toMillis() + "-" + f.high().toMillis() + "]").orElse("none"),
                covered, forecast.map(f -> Figures.fixed(Math.abs(f.at().toMillis() - failure) / (double) failure, 3))
                        .orElse("none"), lead, live.isEmpty() ? 0 : live.get(live.size() - 1)[1], heapMax));
    }
}
