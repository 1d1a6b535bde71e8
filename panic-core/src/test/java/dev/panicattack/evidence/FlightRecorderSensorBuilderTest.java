package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlightRecorderSensorBuilderTest {

    @Test
    void rejectsNegativeThresholdNamingIt() {
        assertThatThrownBy(() -> FlightRecorderSensor.custom().threadParkThreshold(Duration.ofMillis(-5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlightRecorderSensor threadParkThreshold must be >= 0 ms, but was -5 ms; "
                        + "pass Duration.ZERO to record every event");
    }

    @Test
    void rejectsZeroTimeouts() {
        assertThatThrownBy(() -> FlightRecorderSensor.custom().closeFlushTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlightRecorderSensor closeFlushTimeout must be > 0 ms, but was 0 ms");
        assertThatThrownBy(() -> FlightRecorderSensor.custom().startTimeout(Duration.ofMillis(-1)).build())
                .hasMessage("FlightRecorderSensor startTimeout must be > 0 ms, but was -1 ms");
    }

    @Test
    void rejectsNegativeAllocationRate() {
        assertThatThrownBy(() -> FlightRecorderSensor.custom().allocationSamplesPerSecond(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlightRecorderSensor allocationSamplesPerSecond must be >= 0 "
                        + "(0 turns allocation samples off), but was -1");
    }

    @Test
    void rejectsAnEmptyThreadPrefix() {
        assertThatThrownBy(() -> FlightRecorderSensor.custom().excludedThreadPrefixes(List.of("panic-", "")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlightRecorderSensor excludedThreadPrefixes must not contain an empty prefix "
                        + "(it would exclude every thread), but was [panic-, ]; pass an empty list to exclude none");
    }

    @Test
    void acceptsZeroThresholdsAndNoExclusions() {
        FlightRecorderSensor sensor = FlightRecorderSensor.custom()
                .monitorEnterThreshold(Duration.ZERO)
                .excludedThreadPrefixes(List.of())
                .allocationSamplesPerSecond(0)
                .build();

        assertThat(sensor.name()).isEqualTo("jfr");
        assertThat(sensor.complete()).isFalse();
        assertThat(sensor.startCost()).isEmpty();
    }

    @Test
    void namesTheFixWhenTheModuleIsMissing() {
        assertThat(FlightRecorderSensor.unavailability(false, () -> true)).contains(
                "FlightRecorderSensor cannot start: the jdk.jfr module is not in this runtime. Run on a full JDK, "
                        + "add jdk.jfr to the jlink --add-modules list, or launch with --add-modules jdk.jfr; "
                        + "or leave out the jfr sensor");
    }

    @Test
    void namesTheFixWhenTheRecorderIsUnavailable() {
        assertThat(FlightRecorderSensor.unavailability(true, () -> false)).contains(
                "FlightRecorderSensor cannot start: jdk.jfr.FlightRecorder.isAvailable() is false in this JVM. "
                        + "Remove -XX:-FlightRecorder from the JVM options, or use a JVM build with Flight "
                        + "Recorder support; or leave out the jfr sensor");
        assertThat(FlightRecorderSensor.unavailability(true, () -> true)).isEmpty();
    }
}
