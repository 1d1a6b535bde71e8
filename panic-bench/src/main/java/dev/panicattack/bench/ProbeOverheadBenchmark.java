package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.annotations.Mode;

import dev.panicattack.bench.probes.ProbeOverheadStates;

/**
 * {@code probe-overhead} (JMH): the time per call of one small method unadvised, advised by a probe
 * session (calls, latency histogram, depth, exceptions), and after the session was reset. Each in a
 * fork of its own; 5 warm-up and 10 measured iterations of 1 s; the figure of each is the median of
 * its iterations, and {@code ns_per_call} is the advised median minus the baseline median.
 */
final class ProbeOverheadBenchmark implements Benchmark {

    @Override
    public String name() {
        return "probe-overhead";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Options options = new OptionsBuilder()
                .include(ProbeOverheadStates.class.getName().replace("$", "\\$") + "\\..*")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .warmupIterations(5)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(10)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .forks(1)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> medians = new TreeMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            medians.put(method, median(result));
        }
        double baseline = medians.get("baseline");
        double advised = medians.get("advised");
        double afterReset = medians.get("afterReset");
        out.printf(Locale.ROOT, "advised median %.2f ns per call, baseline %.2f ns, after reset %.2f ns%n", advised,
                baseline, afterReset);
        out.printf(Locale.ROOT, "RESULT probe-overhead ns_per_call=%.2f baseline_ns=%.2f after_reset_ns=%.2f%n",
                advised - baseline, baseline, afterReset);
    }

    private static double median(RunResult result) {
        double[] scores = result.getBenchmarkResults().stream()
                .map(BenchmarkResult::getIterationResults)
                .flatMap(Collection::stream)
                .mapToDouble((IterationResult iteration) -> iteration.getPrimaryResult().getScore())
                .sorted().toArray();
        int n = scores.length;
        return n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
    }
}
