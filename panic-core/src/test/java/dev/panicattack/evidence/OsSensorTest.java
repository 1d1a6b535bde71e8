package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.spi.SystemInfoProvider;

class OsSensorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static OshiSystemInfo systemInfo;

    private OsSensor sensor;

    @BeforeAll
    static void shareOneSystemInfo() {
        systemInfo = OshiSystemInfo.create();
    }

    @AfterEach
    void closeSensor() {
        if (sensor != null) {
            sensor.close();
        }
    }

    @Test
    void recordsMachineAndProcessFactsInRange() {
        EvidenceStore store = EvidenceStore.open();
        sensor = OsSensor.custom(systemInfo).samplePeriod(Duration.ofMillis(100)).build();
        sensor.start(store);
        awaitTrue(() -> store.facts("system_cpu").size() >= 2 && store.facts("process_cpu").size() >= 2);
        sensor.close();

        assertThat(store.facts("system_cpu")).allSatisfy(f -> assertThat((Double) f.values().get(1)).isBetween(0.0, 100.0));
        // OSHI's process figure divides two separately read tick counts: on a loaded machine it overshoots a little.
        assertThat(store.facts("process_cpu")).allSatisfy(f -> assertThat((Double) f.values().get(1)).isBetween(0.0, 110.0));
        assertThat(store.facts("jvm_cpu")).isNotEmpty()
                .allSatisfy(f -> assertThat((Double) f.values().get(1)).isBetween(0.0, 100.0));
        long total = lastValue(store, "memory_total");
        assertThat(total).isPositive();
        assertThat(lastValue(store, "memory_available")).isPositive().isLessThanOrEqualTo(total);
        assertThat(lastValue(store, "open_fds")).isPositive();
        assertThat(store.facts("net_rx_bytes").stream().map(f -> f.values().get(1))).contains("lo");
        assertThat(store.facts("fs_free")).isNotEmpty().allSatisfy(f -> {
            assertThat(Path.of("").toAbsolutePath().startsWith(Path.of((String) f.values().get(1)))).isTrue();
            assertThat((Long) f.values().get(2)).isPositive();
        });
        for (String counter : List.of("disk_read_bytes", "disk_write_bytes", "net_rx_bytes", "net_tx_bytes")) {
            assertNonDecreasingPerName(store.facts(counter));
        }
    }

    @Test
    void failsAtStartWithAClearErrorWhenOshiCannotLoad() {
        UnsatisfiedLinkError broken = new UnsatisfiedLinkError("no jnidispatch in /nowhere");
        sensor = OsSensor.ofDefaults(OshiSystemInfo.of(new BrokenProvider(broken)));
        EvidenceStore store = EvidenceStore.open();

        assertThatThrownBy(() -> sensor.start(store)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("OSHI could not read the operating system (" + broken + ") with jna.tmpdir=")
                .hasMessageContaining("set -Djna.tmpdir to a writable directory")
                .hasCause(broken);
        assertThat(sensor.samplerThread()).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void closeIsIdempotentAndEndsTheSampler() {
        sensor = OsSensor.custom(systemInfo).samplePeriod(Duration.ofMillis(50)).build();
        EvidenceStore store = EvidenceStore.open();
        sensor.start(store);
        Thread sampler = sensor.samplerThread();
        assertThat(sampler.getName()).isEqualTo("panic-sensor-os");
        assertThat(sampler.isDaemon()).isTrue();

        sensor.close();
        assertThat(sampler.isAlive()).isFalse();
        sensor.close();
        assertThatThrownBy(() -> sensor.start(store)).isInstanceOf(IllegalStateException.class)
                .hasMessage("OsSensor was closed and cannot start again: create a new one");
    }

    @Test
    void keepsTheUsersJnaTmpdirAndValidatesThePeriod() {
        assertThat(System.getProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY)).isNotNull();
        String before = System.getProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY);
        OshiSystemInfo.create();
        assertThat(System.getProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY)).isEqualTo(before);

        assertThatThrownBy(() -> OsSensor.custom(systemInfo).samplePeriod(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OsSensor samplePeriod must be between 50 ms and 60000 ms, but was 10 ms: "
                        + "pass a period in that range (default 500 ms)");
        assertThat(OsSensor.ofDefaults(systemInfo).samplePeriod()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> OsSensor.ofDefaults(systemInfo).observeNow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OsSensor.observeNow() needs start(store) first");
    }

    @Test
    void setsAPrivateJnaTmpdirOnlyWhenNoneIsSet() throws java.io.IOException {
        String before = System.getProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY);
        Path expected = Path.of(System.getProperty("java.io.tmpdir"), "panic-attack-jna-" + System.getProperty("user.name"));
        boolean existed = java.nio.file.Files.exists(expected);
        System.clearProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY);
        try {
            OshiSystemInfo.create();
            // Set while JNA loads, then cleared: no JVM-wide setting outlives it.
            assertThat(System.getProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY)).isNull();
            Path dir = expected;
            assertThat(dir).isDirectory();
            assertThat(java.nio.file.Files.getPosixFilePermissions(dir))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } finally {
            if (!existed) {
                java.nio.file.Files.deleteIfExists(expected);
            }
            if (before == null) {
                System.clearProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY);
            } else {
                System.setProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY, before);
            }
        }
    }

    private static void assertNonDecreasingPerName(List<Fact> facts) {
        Map<Object, List<Long>> byName = facts.stream().collect(Collectors.groupingBy(f -> f.values().get(1),
                Collectors.mapping(f -> (Long) f.values().get(2), Collectors.toList())));
        byName.forEach((name, values) -> assertThat(values).as("counter of %s", name).isSorted()
                .allSatisfy(v -> assertThat(v).isNotNegative()));
    }

    private static long lastValue(EvidenceStore store, String predicate) {
        List<Fact> facts = store.facts(predicate);
        assertThat(facts).as(predicate).isNotEmpty();
        return (Long) facts.get(facts.size() - 1).values().get(1);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition before the deadline").isNegative();
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** A provider whose native layer cannot load, as when JNA's library is missing. */
    private static final class BrokenProvider implements SystemInfoProvider {

        private final UnsatisfiedLinkError failure;

        BrokenProvider(UnsatisfiedLinkError failure) {
            this.failure = failure;
        }

        @Override
        public OperatingSystem getOperatingSystem() {
            throw failure;
        }

        @Override
        public HardwareAbstractionLayer getHardware() {
            throw failure;
        }

        @Override
        public int getPriority() {
            return 0;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }
    }
}
