package dev.panicattack.pressure.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiskBudgetTest {

    private Path scope;
    private Path outside;
    private DiskBudget budget;

    @BeforeEach
    void directories() throws IOException {
        scope = Files.createTempDirectory("disk-budget-scope");
        // Outside java.io.tmpdir and outside the scope: the build's own directory.
        outside = Files.createDirectories(Path.of("target", "disk-budget-outside")).toAbsolutePath();
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

    /** Starts a budget for a full plan. */
    private record DiskPlanStarter(Path scope) {
        DiskBudget start(DiskPlan plan) {
            DiskBudget started = new DiskBudget(plan);
            started.start();
            return started;
        }
    }

    private DiskBudget start(long bytes, int fill) {
        budget = new DiskBudget(new DiskPlan(bytes, fill, List.of(scope)));
        budget.start();
        return budget;
    }

    @Test
    void writesWithinAndExactlyAtTheBudgetSucceed() throws IOException {
        start(1000, 0);
        try (OutputStream out = new FileOutputStream(scope.resolve("a").toFile())) {
            out.write(new byte[600]);
            out.write(new byte[500], 100, 399);
            out.write(7);
        }
        assertThat(Files.size(scope.resolve("a"))).isEqualTo(1000);
        assertThat(budget.usedBytes()).isEqualTo(1000);
        assertThat(budget.refusedWrites()).isZero();
    }

    @Test
    void oneByteOverIsRefusedAsAFullDiskAndNotApplied() throws IOException {
        start(1000, 0);
        Path file = scope.resolve("b");
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(new byte[1000]);
            assertThatThrownBy(() -> out.write(1)).isExactlyInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
        }
        assertThat(Files.size(file)).isEqualTo(1000);
        assertThat(budget.refusedWrites()).isEqualTo(1);
        assertThat(budget.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.path()).isEqualTo(file.toString());
            assertThat(refusal.bytes()).isEqualTo(1);
        });
    }

    @Test
    void fillCountsAsUsedFromTheStart() throws IOException {
        start(1000, 90);
        assertThat(budget.usedBytes()).isEqualTo(900);
        Path file = scope.resolve("c");
        assertThatThrownBy(() -> Files.write(file, new byte[101])).isInstanceOf(IOException.class)
                .hasMessage("No space left on device");
        Files.write(file, new byte[100]);
        assertThat(budget.trace().samples()).isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.target()).isEqualTo(90));
        assertThat(budget.trace().samples().get(budget.trace().samples().size() - 1).achieved()).isEqualTo(100);
    }

    @Test
    void channelAndRandomAccessWritesCount() throws IOException {
        start(1000, 0);
        try (FileChannel channel = FileChannel.open(scope.resolve("d"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(300));
            channel.write(new ByteBuffer[] {ByteBuffer.allocate(100), ByteBuffer.allocate(100)}, 0, 2);
            channel.write(ByteBuffer.allocate(100), 0);
        }
        try (RandomAccessFile file = new RandomAccessFile(scope.resolve("e").toFile(), "rw")) {
            file.write(new byte[200]);
            file.writeInt(1);
            assertThatThrownBy(() -> file.write(new byte[197])).hasMessage("No space left on device");
        }
        assertThat(budget.usedBytes()).isEqualTo(804);
    }

    @Test
    void writesOutsideTheScopeAreNeverTouched() throws IOException {
        start(10, 100);
        Path file = outside.resolve("big");
        Files.write(file, new byte[100_000]);
        try (OutputStream out = new FileOutputStream(outside.resolve("big2").toFile())) {
            out.write(new byte[100_000]);
        }
        assertThat(Files.size(file)).isEqualTo(100_000);
        assertThat(budget.refusedWrites()).isZero();
    }

    @Test
    void closeRemovesTheAdviceAndIsIdempotent() throws IOException {
        start(10, 100);
        Path file = scope.resolve("f");
        assertThatThrownBy(() -> Files.write(file, new byte[1])).hasMessage("No space left on device");
        budget.close();
        budget.close();
        Files.write(file, new byte[5000]);
        try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(new byte[5000]);
        }
        assertThat(Files.size(file)).isEqualTo(10_000);
        assertThat(DiskWriteAdvice.SLOT.published()).isNull();
    }

    @Test
    void aSecondBudgetCannotStartWhileOneIsActive() {
        start(1000, 0);
        DiskBudget second = new DiskBudget(new DiskPlan(1000, 0, List.of(scope)));
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another disk budget is active");
        second.close();
    }

    @Test
    void aBudgetBeyondFreeSpaceIsRefusedBeforeStart() {
        assertThatThrownBy(() -> new DiskBudget(new DiskPlan(Long.MAX_VALUE / 2, 0, List.of(scope))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the free space of " + scope)
                .hasMessageContaining("declare a smaller budget");
        assertThat(DiskWriteAdvice.SLOT.published()).isNull();
    }

    @Test
    void writeLatencyDelaysAcceptedWritesAndForcesInScopeOnly() throws IOException {
        budget = new DiskPlanStarter(scope).start(new DiskPlan(100_000, 0, List.of(scope), Duration.ofMillis(40)));
        long begin = System.nanoTime();
        try (FileChannel channel = FileChannel.open(scope.resolve("slow"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(10));
            channel.write(ByteBuffer.allocate(10));
            channel.force(true);
        }
        long inScopeMillis = (System.nanoTime() - begin) / 1_000_000;
        assertThat(inScopeMillis).isBetween(120L, 5_000L);
        assertThat(budget.delayedWrites()).isEqualTo(3);

        Files.write(outside.resolve("fast"), new byte[10]);
        assertThat(budget.delayedWrites()).isEqualTo(3);
    }

    @Test
    void planValidatesItsValues() {
        assertThatThrownBy(() -> new DiskPlan(10, 0, List.of(scope), Duration.ofMillis(-1)))
                .hasMessageContaining("disk.latency");
        assertThatThrownBy(() -> new DiskPlan(10, 0, List.of(scope), Duration.ofSeconds(11)))
                .hasMessageContaining("between 0 and 10s");
        assertThat(DiskPlan.ofFill(50).withWriteLatency(Duration.ofMillis(5)).describe())
                .isEqualTo("disk 50% of 64 MiB, writes +5ms");
        assertThatThrownBy(() -> new DiskPlan(0, 0, List.of(scope))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new DiskPlan(10, 101, List.of(scope))).hasMessageContaining("disk.fill");
        assertThat(new DiskPlan(1000, 33, List.of(scope)).filledBytes()).isEqualTo(330);
        assertThat(DiskPlan.ofFill(50).describe()).isEqualTo("disk 50% of 64 MiB");
    }
}
