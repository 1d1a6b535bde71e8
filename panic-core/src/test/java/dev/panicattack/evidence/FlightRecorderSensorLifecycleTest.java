package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightRecorderSensorLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String STREAM_THREAD_PREFIX = "JFR Event Stream";

    @Test
    void closeIsIdempotentCompleteAndLeavesNoStreamThreadRunning() {
        Set<Thread> streamThreadsBefore = liveStreamThreads();
        EvidenceStore store = EvidenceStore.open();
        FlightRecorderSensor sensor = FlightRecorderSensor.ofDefaults();

        sensor.start(store);
        Thread streamThread = sensor.streamThread().orElseThrow();
        assertThat(streamThread.getName()).startsWith(STREAM_THREAD_PREFIX);
        assertThat(streamThread.isAlive()).isTrue();
        sensor.close();
        sensor.close();

        assertThat(sensor.complete()).isTrue();
        assertThat(sensor.failure()).isEmpty();
        assertThat(streamThread.isAlive()).isFalse();
        assertThat(liveStreamThreads()).isSubsetOf(streamThreadsBefore);
        assertThat(store.facts("jfr_complete")).singleElement()
                .satisfies(fact -> assertThat(fact.values().get(1)).isEqualTo("true"));
        assertThat(sensor.startCost()).isPresent();
        assertThat(sensor.closeCost()).isPresent();
        System.out.printf("jfr lifecycle: start %d ms, close %d ms%n",
                sensor.startCost().orElseThrow().toMillis(), sensor.closeCost().orElseThrow().toMillis());
    }

    @Test
    void aClosedSensorCannotBeRestartedOrFlushed() {
        FlightRecorderSensor sensor = FlightRecorderSensor.ofDefaults();
        sensor.close();

        assertThat(sensor.awaitFlush(Duration.ofSeconds(1))).isFalse();
        assertThat(sensor.complete()).isFalse();
        assertThat(sensor.closeCost()).isEmpty();
        assertThatThrownBy(() -> sensor.start(EvidenceStore.open()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FlightRecorderSensor can be started once, but it is closed; create a new sensor per test");
    }

    @Test
    void awaitFlushBeforeStartFails() {
        FlightRecorderSensor sensor = FlightRecorderSensor.ofDefaults();

        assertThatThrownBy(() -> sensor.awaitFlush(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FlightRecorderSensor.awaitFlush called before start(store)");
        assertThatThrownBy(() -> sensor.awaitFlush(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("awaitFlush timeout must be >= 0 ms, but was -1 ms");
    }

    @Test
    void exceptionEventsAreOptInAndThresholdsAreConfigurable() throws InterruptedException {
        EvidenceStore store = EvidenceStore.open();
        try (FlightRecorderSensor sensor = FlightRecorderSensor.custom()
                .exceptionEvents(true)
                .monitorEnterThreshold(Duration.ofSeconds(5))
                .build()) {
            sensor.start(store);
            assertThatThrownBy(() -> sensor.start(store))
                    .hasMessage("FlightRecorderSensor can be started once, but it is started; "
                            + "create a new sensor per test");
            Thread thrower = new Thread(() -> {
                try {
                    throw new IllegalArgumentException("the sensor never reads this text");
                } catch (IllegalArgumentException expected) {
                    // Thrown to be recorded, not handled.
                }
            }, "jfr-test-thrower");
            thrower.start();
            thrower.join(DEADLINE.toMillis());
            long contenderTid = contendFor(Duration.ofMillis(60));

            assertThat(sensor.awaitFlush(DEADLINE)).isTrue();

            assertThat(store.facts("exception_thrown")).anySatisfy(fact -> {
                assertThat(fact.values().get(1)).isEqualTo(thrower.getId());
                assertThat(fact.values().get(2)).isEqualTo(IllegalArgumentException.class.getName());
            });
            assertThat(store.facts("monitor_enter")).noneSatisfy(
                    fact -> assertThat(fact.values().get(1)).isEqualTo(contenderTid));
        }
    }

    @Test
    void failsClearlyWhenTheJfrModuleIsMissing(@TempDir Path dir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = List.of(FlightRecorderSensor.class, FlightRecorderUnavailableMain.class).stream()
                .map(type -> Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString())
                .collect(Collectors.joining(File.pathSeparator));
        Path output = dir.resolve("out.txt");
        List<String> command = new ArrayList<>(List.of(java, "--limit-modules", "java.base", "-cp", classPath,
                FlightRecorderUnavailableMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(output, StandardCharsets.UTF_8).strip()).isEqualTo(
                "FlightRecorderSensor cannot start: the jdk.jfr module is not in this runtime. Run on a full JDK, "
                        + "add jdk.jfr to the jlink --add-modules list, or launch with --add-modules jdk.jfr; "
                        + "or leave out the jfr sensor");
    }

    /** A thread blocked about {@code hold} on a monitor the caller holds; returns its id. */
    private static long contendFor(Duration hold) throws InterruptedException {
        Object monitor = new Object();
        Thread contender = new Thread(() -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }, "jfr-test-contender-2");
        synchronized (monitor) {
            contender.start();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (contender.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long end = System.nanoTime() + hold.toNanos();
            for (long left = hold.toNanos(); left > 0; left = end - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(monitor, left);
            }
        }
        contender.join(DEADLINE.toMillis());
        return contender.getId();
    }

    private static Set<Thread> liveStreamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(STREAM_THREAD_PREFIX) && thread.isAlive())
                .collect(Collectors.toSet());
    }
}
