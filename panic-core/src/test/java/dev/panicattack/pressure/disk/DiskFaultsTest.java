package dev.panicattack.pressure.disk;

import dev.panicattack.pressure.axis.PressureTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panicattack.constraint.DiskConstraint;
import dev.panicattack.evidence.Fact;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** I/O errors at a rate and background contention of the disk axis. */
class DiskFaultsTest {

    private Path scope;
    private Path outside;
    private DiskBudget budget;

    @BeforeEach
    void directories() throws IOException {
        scope = Files.createTempDirectory("disk-faults-scope");
        outside = Files.createDirectories(Path.of("target", "disk-faults-outside")).toAbsolutePath();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (budget != null) {
            budget.close();
        }
        for (Path dir : List.of(scope, outside)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.delete(scope);
    }

    private DiskBudget start(DiskPlan plan) {
        budget = new DiskBudget(plan);
        budget.start();
        return budget;
    }

    private DiskPlan plan() {
        return new DiskPlan(1 << 20, 0, List.of(scope));
    }

    @Test
    void aReadLatencyDelaysEachReadInScopeAndNoneOutside() throws IOException {
        Path file = scope.resolve("data");
        Files.write(file, new byte[10]);
        Files.write(outside.resolve("data"), new byte[10]);
        DiskBudget reads = start(plan().withReadLatency(Duration.ofMillis(1)));

        byte[] buffer = new byte[4];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            assertThat(in.read(buffer)).isEqualTo(4);
            assertThat(in.read(buffer)).isEqualTo(4);
            assertThat(in.read()).isZero();
        }
        try (RandomAccessFile in = new RandomAccessFile(outside.resolve("data").toFile(), "r")) {
            assertThat(in.read(buffer)).isEqualTo(4);
        }
        Files.write(file, new byte[1]);

        assertThat(reads.delayedReads()).isEqualTo(3);
        assertThat(reads.delayedWrites()).isZero();
        assertThat(reads.plan().describe()).isEqualTo("disk 0% of 1 MiB, reads +1ms");
        assertThat(reads.achieved(0)).contains(", 3 reads delayed 1ms");
    }

    @Test
    void atAFullErrorRateEveryReadWriteAndForceInScopeFailsAsEio() throws IOException {
        Path file = scope.resolve("data");
        Files.write(file, new byte[10]);
        Files.write(outside.resolve("data"), new byte[10]);
        start(plan().withErrorRate(100, 1));

        // Files.write truncates on open, before its write fails: a file of its own.
        assertThatThrownBy(() -> Files.write(scope.resolve("written"), new byte[5])).isInstanceOf(IOException.class)
                .hasMessage("Input/output error");
        assertThatThrownBy(() -> Files.readAllBytes(file)).isInstanceOf(IOException.class)
                .hasMessage("Input/output error");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Input/output error");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> channel.force(true)).isInstanceOf(IOException.class)
                    .hasMessage("Input/output error");
        }
        // Outside the scope nothing fails.
        assertThat(Files.readAllBytes(outside.resolve("data"))).hasSize(10);
        Files.write(outside.resolve("data"), new byte[3]);

        assertThat(budget.usedBytes()).isZero();
        assertThat(budget.ioErrors()).isEqualTo(budget.ioOperations()).isGreaterThanOrEqualTo(4);
        assertThat(budget.errors()).extracting(DiskBudget.IoError::op).contains("write", "read", "force");
        assertThat(budget.facts()).contains(Fact.of("disk_error_rate", 100.0, 1L, budget.ioOperations(), budget.ioErrors()));
        assertThat(budget.facts()).filteredOn(fact -> fact.predicate().equals("disk_io_error"))
                .allSatisfy(fact -> assertThat((String) fact.values().get(1)).startsWith(scope.toString()));

        budget.close();
        assertThat(DiskWriteAdvice.SLOT.published()).isNull();
        assertThat(DiskReadAdvice.SLOT.published()).isNull();
        assertThat(Files.readAllBytes(file)).hasSize(10);
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            assertThat(in.read()).isZero();
        }
    }

    @Test
    void theRateIsMetOverManyOperationsAndTheSameSeedFailsTheSameOperations() throws IOException {
        List<Integer> first = failingWrites(10, 42);
        List<Integer> second = failingWrites(10, 42);
        List<Integer> other = failingWrites(10, 43);
        assertThat(first).isEqualTo(second).isNotEqualTo(other);
        // 2000 draws at 10%: the standard deviation is 13, so 130 to 270 is beyond 5 of them.
        assertThat(first.size()).isBetween(130, 270);
    }

    private List<Integer> failingWrites(double rate, long seed) throws IOException {
        start(plan().withErrorRate(rate, seed));
        List<Integer> failed = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(scope.resolve("rate-" + seed).toFile(), "rw")) {
            for (int i = 0; i < 2000; i++) {
                try {
                    file.write(1);
                } catch (IOException e) {
                    assertThat(e).hasMessage("Input/output error");
                    failed.add(i);
                }
            }
        }
        assertThat(budget.ioOperations()).isEqualTo(2000);
        assertThat(budget.ioErrors()).isEqualTo(failed.size());
        assertThat(budget.usedBytes()).isEqualTo(2000 - failed.size());
        assertThat(budget.achieved(0)).contains("I/O errors " + failed.size() + " of 2000 operations")
                .contains("requested 10%, seed " + seed);
        budget.close();
        return failed;
    }

    @Test
    void contentionWritesABoundedSelfDeletingFileInTheScopeAndStopsOnClose() throws Exception {
        start(plan().withContention(4L << 20));
        assertThat(budget.awaitEstablished(Duration.ofSeconds(5))).isTrue();
        Path file = budget.contentionFile().orElseThrow();
        assertThat(file.getParent()).isEqualTo(scope);
        assertThat(file.getFileName().toString()).startsWith("panic-disk-contention-");
        // On Linux DELETE_ON_CLOSE unlinks the file right after it is opened: it cannot outlive the JVM.
        assertThat(!Files.exists(file) || Files.size(file) <= DiskPlan.CONTENTION_MAX_BYTES_ON_DISK).isTrue();
        assertThat(threadAlive()).isTrue();
        // The library's own writes are not the subject's: nothing counted against the budget.
        assertThat(budget.usedBytes()).isZero();

        budget.close();
        assertThat(threadAlive()).isFalse();
        assertThat(Files.exists(file)).isFalse();
        try (var files = Files.list(scope)) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(budget.contentionBytesWritten()).isPositive();
        assertThat(budget.traces()).extracting(PressureTrace::series).containsExactly("disk", "disk-contention");
        assertThat(budget.facts()).anySatisfy(fact -> {
            assertThat(fact.predicate()).isEqualTo("disk_contention");
            assertThat(fact.values().get(0)).isEqualTo(4L << 20);
            assertThat(fact.values().get(1)).isEqualTo(budget.contentionBytesWritten());
        });
        assertThat(budget.achieved(0)).contains(" of 4 MiB/s (");
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(DiskContention.THREAD_NAME) && thread.isAlive());
    }

    @Test
    void aBudgetBeyondTheFreeSpaceIsRefusedWhenTheSetIsResolved() {
        DiskConstraint huge = new DiskConstraint(OptionalInt.empty(), Optional.empty()).withBudget(1L << 50)
                .withScope(List.of(scope));
        assertThatThrownBy(() -> DiskPlan.resolve("huge", huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("disk budget 1125899906842624 bytes (1073741824 MiB) plus the safety margin of"
                        + " 256 MiB exceeds the free space of " + scope + " (")
                .hasMessageContaining("declare a smaller budget (at most ");
        assertThat(DiskWriteAdvice.SLOT.published()).isNull();
    }

    @Test
    void resolveAppliesDefaultsAndKeepsADeclaredSeed() {
        DiskConstraint declared = DiskConstraint.none().withErrorRate(1.5).withSeed(7).withScope(List.of(scope))
                .withContention(1L << 20).withBudget(1 << 20);
        DiskPlan plan = DiskPlan.resolve("faults", declared);
        assertThat(plan).isEqualTo(new DiskPlan(1 << 20, 0, List.of(scope), Duration.ZERO, 1.5, 7, 1 << 20));
        assertThat(plan.describe()).isEqualTo("disk 0% of 1 MiB, I/O errors 1.5% (seed 7), contention 1MiB/s");
        assertThat(DiskPlan.resolve("faults", DiskConstraint.none().withErrorRate(1)).errorSeed())
                .isNotNegative();
        assertThatThrownBy(() -> DiskPlan.resolve("nothing", DiskConstraint.none().withScope(List.of(scope))))
                .hasMessage("Constraint set 'nothing' declares a disk section with none of fill, latency, readLatency, budget, errorRate"
                        + " or contention; add for example 'fill: <0-100>' or 'latency: <duration>', or remove the"
                        + " 'disk:' section");
    }
}
