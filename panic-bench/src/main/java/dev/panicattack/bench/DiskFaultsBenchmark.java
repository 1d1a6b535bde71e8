package dev.panicattack.bench;

import dev.panicattack.pressure.DiskBudget;
import dev.panicattack.pressure.DiskPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code disk-faults}: the disk axis's faults measured against their request, each phase with its
 * own budget over a fresh temporary directory (deleted at the end):
 * <ol>
 *   <li>full disk: a 1 MiB budget at fill 0; the file is written in 4 KiB writes up to 4 KiB before
 *       the budget, then one byte per write until a write is refused; {@code first_refused_at} is the
 *       offset of the first refused byte (the budget is exactly used when it equals the budget);</li>
 *   <li>latency: 5 ms requested; the median time of 100 4 KiB {@code FileChannel.write}s and of 100
 *       {@code force(false)} calls (with nothing left to flush) with the latency, minus the same without it (a budget of no
 *       latency, so the advice's own cost is not counted as latency);</li>
 *   <li>error rate: 5% requested, seed 1, over 10000 one-byte {@code RandomAccessFile} operations
 *       (writes and reads alternating);</li>
 *   <li>contention: 20 MiB/s requested for 3 s; the rate achieved is bytes written over the writer's
 *       running time.</li>
 * </ol>
 */
final class DiskFaultsBenchmark implements Benchmark {

    private static final long BUDGET = 1L << 20;
    private static final Duration LATENCY = Duration.ofMillis(5);
    private static final double ERROR_RATE = 5;
    private static final int ERROR_OPS = 10_000;
    private static final long CONTENTION = 20L << 20;

    @Override
    public String name() {
        return "disk-faults";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Path scope = Files.createTempDirectory("disk-faults");
        try {
            long firstRefusedAt = firstRefusedOffset(scope);
            double[] baseline = latencies(scope, Duration.ZERO);
            double[] delayed = latencies(scope, LATENCY);
            long[] errors = errorRate(scope);
            double[] contention = contention(scope);
            out.println("RESULT disk-faults budget_bytes=" + BUDGET + " first_refused_at=" + firstRefusedAt
                    + " latency_requested_ms=" + LATENCY.toMillis()
                    + " latency_measured_ms=" + Figures.fixed(delayed[0] - baseline[0], 2)
                    + " fsync_latency_measured_ms=" + Figures.fixed(delayed[1] - baseline[1], 2)
                    + " write_baseline_ms=" + Figures.fixed(baseline[0], 3)
                    + " fsync_baseline_ms=" + Figures.fixed(baseline[1], 3)
                    + " error_rate_requested_pct=" + Figures.fixed(ERROR_RATE, 1)
                    + " error_rate_measured_pct=" + Figures.fixed(100.0 * errors[1] / errors[0], 2)
                    + " error_ops=" + errors[0]
                    + " contention_requested_mibps=" + Figures.fixed(CONTENTION / 1048576.0, 1)
                    + " contention_measured_mibps=" + Figures.fixed(contention[0] / 1048576.0, 2)
                    + " contention_bytes=" + (long) contention[1]);
        } finally {
            try (Stream<Path> files = Files.list(scope)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(scope);
        }
    }

    private static DiskBudget start(DiskPlan plan) {
        DiskBudget budget = new DiskBudget(plan);
        budget.start();
        return budget;
    }

    private static long firstRefusedOffset(Path scope) throws IOException {
        try (DiskBudget budget = start(new DiskPlan(BUDGET, 0, List.of(scope)));
                RandomAccessFile file = new RandomAccessFile(scope.resolve("full").toFile(), "rw")) {
            byte[] chunk = new byte[4096];
            while (file.getFilePointer() + chunk.length < BUDGET) {
                file.write(chunk);
            }
            while (true) {
                long offset = file.getFilePointer();
                try {
                    file.write(1);
                } catch (IOException e) {
                    if (budget.refusedWrites() != 1 || file.length() != offset) {
                        throw new IllegalStateException("the refusal at offset " + offset + " was not the budget's", e);
                    }
                    return offset;
                }
            }
        }
    }

    /** Median milliseconds per 4 KiB write and per force (medians: a shared disk's fsync times have long tails). */
    private static double[] latencies(Path scope, Duration latency) throws IOException {
        DiskBudget budget = start(new DiskPlan(64L << 20, 0, List.of(scope), latency));
        try (FileChannel channel = FileChannel.open(scope.resolve("latency"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer data = ByteBuffer.allocate(4096);
            double[] writes = new double[100];
            for (int i = 0; i < writes.length; i++) {
                data.clear();
                long begin = System.nanoTime();
                channel.write(data);
                writes[i] = (System.nanoTime() - begin) / 1e6;
            }
            // Forces with nothing left to flush (after the first): the real fsync, whose time on a shared disk
            // swings by milliseconds, stays out of the difference, which is then the added latency alone.
            channel.force(false);
            double[] forces = new double[100];
            for (int i = 0; i < forces.length; i++) {
                long begin = System.nanoTime();
                channel.force(false);
                forces[i] = (System.nanoTime() - begin) / 1e6;
            }
            return new double[] {Figures.median(writes), Figures.median(forces)};
        } finally {
            budget.close();
        }
    }

    /** Operations and failures. */
    private static long[] errorRate(Path scope) throws IOException {
        try (DiskBudget budget = start(new DiskPlan(64L << 20, 0, List.of(scope)).withErrorRate(ERROR_RATE, 1));
                RandomAccessFile file = new RandomAccessFile(scope.resolve("errors").toFile(), "rw")) {
            long failed = 0;
            for (int i = 0; i < ERROR_OPS; i++) {
                try {
                    if (i % 2 == 0) {
                        file.write(1);
                    } else {
                        file.seek(0);
                        file.read();
                        file.seek(file.length());
                    }
                } catch (IOException e) {
                    failed++;
                }
            }
            if (budget.ioOperations() != ERROR_OPS || budget.ioErrors() != failed) {
                throw new IllegalStateException("expected " + ERROR_OPS + " drawn operations and " + failed
                        + " errors, but the budget counted " + budget.ioOperations() + " and " + budget.ioErrors());
            }
            return new long[] {ERROR_OPS, failed};
        }
    }

    /** Achieved bytes per second and bytes written. */
    private static double[] contention(Path scope) throws InterruptedException {
        DiskBudget budget = start(new DiskPlan(64L << 20, 0, List.of(scope)).withContention(CONTENTION));
        try {
            Thread.sleep(3000);
        } finally {
            budget.close();
        }
        return new double[] {budget.contentionBytesPerSecond(), budget.contentionBytesWritten()};
    }
}
