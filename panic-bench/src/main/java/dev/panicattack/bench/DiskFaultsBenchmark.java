package dev.panicattack.bench;

import dev.panicattack.pressure.disk.DiskBudget;
import dev.panicattack.pressure.disk.DiskPlan;
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
 *   <li>latency: 5 ms requested; the median time of 100 4 KiB {@code FileChannel.write}s, each
 *       followed by {@code force(false)}, on a file in scope, minus the same on a file outside the
 *       scope on the same file store, interleaved call by call (both pass through the advice, so its
 *       own cost is not counted as latency);</li>
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
        Path outside = Files.createTempDirectory("disk-faults-baseline");
        try {
            long firstRefusedAt = firstRefusedOffset(scope);
            double[] latency = latencies(scope, outside);
            long[] errors = errorRate(scope);
            double[] contention = contention(scope);
            out.println("RESULT disk-faults budget_bytes=" + BUDGET + " first_refused_at=" + firstRefusedAt
                    + " latency_requested_ms=" + LATENCY.toMillis()
                    + " latency_measured_ms=" + Figures.fixed(latency[0] - latency[2], 2)
                    + " fsync_latency_measured_ms=" + Figures.fixed(latency[1] - latency[3], 2)
                    + " write_baseline_ms=" + Figures.fixed(latency[2], 3)
                    + " fsync_baseline_ms=" + Figures.fixed(latency[3], 3)
                    + " error_rate_requested_pct=" + Figures.fixed(ERROR_RATE, 1)
                    + " error_rate_measured_pct=" + Figures.fixed(100.0 * errors[1] / errors[0], 2)
                    + " error_ops=" + errors[0]
                    + " contention_requested_mibps=" + Figures.fixed(CONTENTION / 1048576.0, 1)
                    + " contention_measured_mibps=" + Figures.fixed(contention[0] / 1048576.0, 2)
                    + " contention_bytes=" + (long) contention[1]);
        } finally {
            for (Path directory : List.of(scope, outside)) {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(directory);
            }
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

    /**
     * Median milliseconds per 4 KiB write and per force on a file in scope and, interleaved call by
     * call, on a file of the same file store outside the scope: both pass through the advice, only the
     * first is delayed, and the disk's own noise (other builds' fsyncs) falls on both alike.
     */
    private static double[] latencies(Path scope, Path outside) throws IOException {
        DiskBudget budget = start(new DiskPlan(64L << 20, 0, List.of(scope), LATENCY));
        try (FileChannel in = open(scope.resolve("latency")); FileChannel out = open(outside.resolve("latency"))) {
            ByteBuffer data = ByteBuffer.allocate(4096);
            int n = 100;
            double[][] writes = new double[2][n];
            double[][] forces = new double[2][n];
            for (int i = 0; i < n; i++) {
                FileChannel[] channels = i % 2 == 0 ? new FileChannel[] {in, out} : new FileChannel[] {out, in};
                for (FileChannel channel : channels) {
                    int which = channel == in ? 0 : 1;
                    data.clear();
                    long begin = System.nanoTime();
                    channel.write(data);
                    long written = System.nanoTime();
                    channel.force(false);
                    long forced = System.nanoTime();
                    writes[which][i] = (written - begin) / 1e6;
                    forces[which][i] = (forced - written) / 1e6;
                }
            }
            if (budget.delayedWrites() != 2L * n) {
                throw new IllegalStateException("expected " + 2 * n + " delayed calls, but the budget delayed "
                        + budget.delayedWrites());
            }
            return new double[] {Figures.median(writes[0]), Figures.median(forces[0]),
                Figures.median(writes[1]), Figures.median(forces[1])};
        } finally {
            budget.close();
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
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
