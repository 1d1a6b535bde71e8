package dev.panicattack.evidence;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/** The validated configuration of one {@link FlightRecorderSensor}; built by its builder. */
record FlightRecorderSettings(
        Duration monitorEnterThreshold,
        Duration monitorWaitThreshold,
        Duration threadParkThreshold,
        boolean exceptionEvents,
        long allocationSamplesPerSecond,
        Duration cpuLoadPeriod,
        List<String> excludedThreadPrefixes,
        Duration startTimeout,
        Duration closeFlushTimeout,
        Duration maxAge,
        Clock wallClock,
        LongSupplier nanoClock) {

    FlightRecorderSettings {
        requireAtLeastZero("monitorEnterThreshold", monitorEnterThreshold);
        requireAtLeastZero("monitorWaitThreshold", monitorWaitThreshold);
        requireAtLeastZero("threadParkThreshold", threadParkThreshold);
        if (allocationSamplesPerSecond < 0) {
            throw new IllegalArgumentException("FlightRecorderSensor allocationSamplesPerSecond must be >= 0 "
                    + "(0 turns allocation samples off), but was " + allocationSamplesPerSecond);
        }
        requirePositive("cpuLoadPeriod", cpuLoadPeriod);
        excludedThreadPrefixes = List.copyOf(excludedThreadPrefixes);
        for (String prefix : excludedThreadPrefixes) {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("FlightRecorderSensor excludedThreadPrefixes must not contain "
                        + "an empty prefix (it would exclude every thread), but was " + excludedThreadPrefixes
                        + "; pass an empty list to exclude none");
            }
        }
        requirePositive("startTimeout", startTimeout);
        requirePositive("closeFlushTimeout", closeFlushTimeout);
        requirePositive("maxAge", maxAge);
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(nanoClock, "nanoClock");
    }

    private static void requireAtLeastZero(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException("FlightRecorderSensor " + name + " must be >= 0 ms, but was "
                    + value.toMillis() + " ms; pass Duration.ZERO to record every event");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("FlightRecorderSensor " + name + " must be > 0 ms, but was "
                    + value.toMillis() + " ms");
        }
    }
}
