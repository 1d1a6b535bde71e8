package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.junit.UnderPressure.Disk;

/**
 * The disk axis through the engine: the disk-full built-in set, I/O errors at a rate, background
 * contention, every new attribute's refusal, and nothing left behind on pass and failure paths.
 */
class DiskPressureTests {

    /** Hook properties of the disk budget, as published by the core (not API: kept in step by this test). */
    private static final List<String> HOOKS = List.of("dev.panicattack.disk.ledger", "dev.panicattack.disk.reads");
    /** 64 MiB less 95% of it, rounded down: what disk-full leaves. */
    static final long DISK_FULL_ROOM = (64L << 20) - ((64L << 20) / 100 * 95 + (64L << 20) % 100 * 95 / 100);

    @Test
    void diskFullLeavesExactlyFivePercentOfTheBudgetAndRefusesTheNextByte() {
        Events tests = execute(DiskFullTestCases.class);
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("ignoresTheFullDisk"),
                finishedWithFailure(message(text -> text.contains("No space left on device")))));
        assertThat(DiskFullTestCases.room.get()).isEqualTo(3_355_444L).isEqualTo(DISK_FULL_ROOM);
        assertNothingLeftBehind();
        assertThat(DiskFullTestCases.directories.get()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void ioErrorsFailTheSubjectsReadsAndWritesOnlyDuringTheTest() throws IOException {
        Events tests = execute(ErrorRateTestCases.class);
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("doesNotHandleIt"),
                finishedWithFailure(message(text -> text.contains("Input/output error")))));
        assertNothingLeftBehind();
        Path after = Files.createTempFile("disk-pressure-after", ".bin");
        try {
            Files.write(after, new byte[10]);
            assertThat(Files.readAllBytes(after)).hasSize(10);
        } finally {
            Files.delete(after);
        }
    }

    @Test
    void contentionRunsDuringTheTestAndIsStoppedAndDeletedOnPassAndFailure() throws IOException {
        Path scope = Files.createDirectories(Path.of(ContentionTestCases.SCOPE)).toAbsolutePath();
        Events tests = execute(ContentionTestCases.class);
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(ContentionTestCases.writerSeen.get()).isEqualTo(2);
        assertNothingLeftBehind();
        try (Stream<Path> files = Files.list(scope)) {
            assertThat(files.toList()).isEmpty();
        }
        // Nothing outside the scope either: the writer's file never goes to the temporary directory.
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("panic-disk-contention-"));
        }
        Files.delete(scope);
    }

    @Test
    void everyDiskAttributeIsValidatedWithAnExactMessage() {
        assertRefused("badFill", "@UnderPressure(disk = @Disk(fill)) must be between 0 and 100 (percent), but was 101"
                + " on BadDiskTestCases.badFill()");
        assertRefused("decimalUnit", "@UnderPressure(disk = @Disk(budget)) unknown size unit 'MB' in '64MB'; write 64MiB (binary units"
                + " only); units are B, KiB, MiB, GiB, TiB on BadDiskTestCases.decimalUnit()");
        assertRefused("noUnit", "@UnderPressure(disk = @Disk(budget)) expected a size such as 64MiB, but was '64'; add a unit: B,"
                + " KiB, MiB, GiB or TiB on BadDiskTestCases.noUnit()");
        assertRefused("slowLatency", "@UnderPressure(disk = @Disk(latency)) must be between 0 and 10s, but was 11s; declare a"
                + " latency such as 5ms on BadDiskTestCases.slowLatency()");
        assertRefused("latencyWithoutUnit", "@UnderPressure(disk = @Disk(latency)) expected a duration such as 50ms, 2s or 1m, but was"
                + " '5' on BadDiskTestCases.latencyWithoutUnit()");
        assertRefused("errorRate", "@UnderPressure(disk = @Disk(errorRate)) must be between 0 and 100 (percent of I/O"
                + " operations), but was 150 on BadDiskTestCases.errorRate()");
        assertRefused("seed", "@UnderPressure(disk = @Disk(seed)) must be 0 or more, but was -2 on"
                + " BadDiskTestCases.seed()");
        assertRefused("fastContention", "@UnderPressure(disk = @Disk(contention)) must be more than zero and at most 1GiB/s,"
                + " but was 2GiB/s; declare a rate such as 20MiB/s on BadDiskTestCases.fastContention()");
        assertRefused("contentionWithoutPerSecond", "@UnderPressure(disk = @Disk(contention)) expected a rate such as 20MiB/s, but"
                + " was '20MiB'; add '/s' on BadDiskTestCases.contentionWithoutPerSecond()");
        assertRefused("blankScope", "@UnderPressure(disk = @Disk(scope)) must name a directory, but was blank on"
                + " BadDiskTestCases.blankScope()");
        assertRefused("missingScope", "disk scope directory " + Path.of("no-such-directory").toAbsolutePath()
                + " does not exist or is not a directory; create it or name another directory (on BadDiskTestCases.missingScope())");
        assertRefused("scopeOnly", "Constraint set '@UnderPressure' declares a disk section with none of fill, latency,"
                + " budget, errorRate or contention; add for example 'fill: <0-100>' or 'latency: <duration>', or remove"
                + " the 'disk:' section (on BadDiskTestCases.scopeOnly())");
        assertNothingLeftBehind();
    }

    @Test
    void aBudgetBeyondTheFreeSpaceIsRefusedBeforeTheTestStarts() throws IOException {
        long usable = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).getUsableSpace();
        Events tests = execute(selectMethod(BadDiskTestCases.class, "hugeBudget"));
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable thrown = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(thrown).isInstanceOf(ExtensionConfigurationException.class);
        // The free space moves while other builds run: the message names it, so only its shape is pinned.
        assertThat(thrown.getMessage())
                .startsWith("disk budget 1099511627776000 bytes (1048576000 MiB) plus the safety margin of 256 MiB exceeds"
                        + " the free space of " + Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize() + " (")
                .containsPattern("\\(\\d+ bytes, \\d+ MiB\\); declare a smaller budget \\(at most \\d+ MiB\\) or free some space")
                .endsWith(" (on BadDiskTestCases.hugeBudget())");
        assertThat(usable).isLessThan(1000L << 40);
        assertThat(BadDiskTestCases.ran.get()).isZero();
        assertNothingLeftBehind();
    }

    @Test
    void aBudgetBeyondTheFreeSpaceInYamlIsRefusedBeforeTheTestStartsToo() {
        Events tests = execute(selectMethod(BadDiskTestCases.class, "hugeBudgetFromYaml"));
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        tests.assertThatEvents().haveExactly(1, event(test("hugeBudgetFromYaml"), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> text.startsWith("disk budget 1099511627776000 bytes (1048576000 MiB) plus the safety margin")
                        && text.endsWith(" (on BadDiskTestCases.hugeBudgetFromYaml())")))));
        assertThat(BadDiskTestCases.ran.get()).isZero();
        assertNothingLeftBehind();
    }

    private static void assertRefused(String method, String expected) {
        execute(selectMethod(BadDiskTestCases.class, method)).assertThatEvents().haveExactly(1, event(test(method),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expected))));
    }

    private static void assertNothingLeftBehind() {
        assertThat(System.getProperties()).doesNotContainKeys(HOOKS.toArray());
        assertThat(PanicThreads.alive()).isEmpty();
    }

    private static Events execute(Class<?> fixture) {
        return execute(selectClass(fixture));
    }

    private static Events execute(org.junit.platform.engine.DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selector).execute().testEvents();
    }

    static class DiskFullTestCases {
        static final AtomicLong room = new AtomicLong();
        static final AtomicReference<List<Path>> directories = new AtomicReference<>(List.of());

        @Test
        @ConstraintSet("disk-full")
        void writesWhatFitsAndHandlesTheRest(@TempDir Path directory) throws IOException {
            remember(directory);
            try (RandomAccessFile file = new RandomAccessFile(directory.resolve("data").toFile(), "rw")) {
                file.write(new byte[(int) DISK_FULL_ROOM]);
                room.set(file.length());
                assertThatThrownBy(() -> file.write(1)).isInstanceOf(IOException.class).hasMessage("No space left on device");
            }
        }

        @Test
        @ConstraintSet("disk-full")
        void ignoresTheFullDisk(@TempDir Path directory) throws IOException {
            remember(directory);
            Files.write(directory.resolve("big"), new byte[4 << 20]);
        }

        private static void remember(Path directory) {
            directories.updateAndGet(list -> Stream.concat(list.stream(), Stream.of(directory)).toList());
        }
    }

    static class ErrorRateTestCases {
        @Test
        @UnderPressure(disk = @Disk(errorRate = 100, seed = 7, budget = "1MiB"))
        void handlesIt(@TempDir Path directory) {
            assertThatThrownBy(() -> Files.write(directory.resolve("a"), new byte[1])).isInstanceOf(IOException.class)
                    .hasMessage("Input/output error");
        }

        @Test
        @UnderPressure(disk = @Disk(errorRate = 100, seed = 7, budget = "1MiB"))
        void doesNotHandleIt(@TempDir Path directory) throws IOException {
            Files.write(directory.resolve("a"), new byte[1]);
        }
    }

    static class ContentionTestCases {
        static final String SCOPE = "target/disk-pressure-tests-scope";
        static final AtomicLong writerSeen = new AtomicLong();

        @Test
        @UnderPressure(disk = @Disk(contention = "2MiB/s", scope = SCOPE))
        void passes() {
            sawWriter();
        }

        @Test
        @UnderPressure(disk = @Disk(contention = "2MiB/s", scope = SCOPE))
        void fails() {
            sawWriter();
            throw new AssertionError("fails on purpose");
        }

        private static void sawWriter() {
            if (PanicThreads.alive().contains("panic-disk-contention")) {
                writerSeen.incrementAndGet();
            }
        }
    }

    static class BadDiskTestCases {
        static final AtomicLong ran = new AtomicLong();

        @Test
        @UnderPressure(disk = @Disk(fill = 101))
        void badFill() {
        }

        @Test
        @UnderPressure(disk = @Disk(budget = "64MB"))
        void decimalUnit() {
        }

        @Test
        @UnderPressure(disk = @Disk(budget = "64"))
        void noUnit() {
        }

        @Test
        @UnderPressure(disk = @Disk(latency = "11s"))
        void slowLatency() {
        }

        @Test
        @UnderPressure(disk = @Disk(latency = "5"))
        void latencyWithoutUnit() {
        }

        @Test
        @UnderPressure(disk = @Disk(errorRate = 150))
        void errorRate() {
        }

        @Test
        @UnderPressure(disk = @Disk(errorRate = 1, seed = -2))
        void seed() {
        }

        @Test
        @UnderPressure(disk = @Disk(contention = "2GiB/s"))
        void fastContention() {
        }

        @Test
        @UnderPressure(disk = @Disk(contention = "20MiB"))
        void contentionWithoutPerSecond() {
        }

        @Test
        @UnderPressure(disk = @Disk(fill = 1, scope = " "))
        void blankScope() {
        }

        @Test
        @UnderPressure(disk = @Disk(fill = 1, scope = "no-such-directory"))
        void missingScope() {
        }

        @Test
        @UnderPressure(disk = @Disk(scope = "target"))
        void scopeOnly() {
        }

        @Test
        @UnderPressure(disk = @Disk(budget = "1000TiB"))
        void hugeBudget() {
            ran.incrementAndGet();
        }

        @Test
        @ConstraintSet("huge-disk")
        void hugeBudgetFromYaml() {
            ran.incrementAndGet();
        }
    }
}
