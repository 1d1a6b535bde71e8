package dev.panicattack.bench;

import java.util.List;
import java.util.stream.Collectors;

/** Entry point of {@code panic-bench/run NAME}: dispatches to the benchmark of that name. */
public final class Bench {

    /** Every benchmark; add one line here to register a new one. */
    private static final List<Benchmark> BENCHMARKS = List.of(
            new CpuHoldBenchmark(),
            new CalibrateBenchmark(),
            new HeapHoldBenchmark(),
            new EngineThroughputBenchmark(),
            new TimeToDiagnosisBenchmark(),
            new OverheadBenchmark(),
            new DiagnosisAccuracyBenchmark(),
            new AssailRecallBenchmark(),
            new AssailSpeedBenchmark(),
            new ClockFaultsBenchmark(),
            new RaceExposureBenchmark(),
            new FuseLeadTimeBenchmark(),
            new DiskFaultsBenchmark(),
            new NetworkFaultsBenchmark(),
            new ProbeOverheadBenchmark(),
            new PeerSuitesBenchmark(),
            new ChaosExportBenchmark(),
            new ParallelIsolationBenchmark(),
            new OomPredictionBenchmark(),
            new RealBugsBenchmark(),
            new BreakingPointBenchmark(),
            new HeapNeedBenchmark());

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String names = BENCHMARKS.stream().map(Benchmark::name).collect(Collectors.joining(", "));
        if (args.length != 1) {
            System.err.println("usage: panic-bench/run NAME, where NAME is one of: " + names);
            System.exit(2);
        }
        for (Benchmark benchmark : BENCHMARKS) {
            if (benchmark.name().equals(args[0])) {
                benchmark.run(System.out);
                return;
            }
        }
        System.err.println("unknown benchmark '" + args[0] + "'; known benchmarks: " + names);
        System.exit(2);
    }
}
