package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.junit.UnderPressure.Time;
import dev.panicattack.subjects.ClockReader;

/** The subject's wall clock is shifted exactly while the test method runs, and real again afterwards on every path. */
class ClockPressureTests {

    private static final long HOUR = 3_600_000L;
    private static final long TOLERANCE_MS = 250;

    @Test
    void theTestsOwnPackageSeesTheSkewAndEveryPathRestoresRealTime() {
        Events tests = execute(SkewedTestCases.class);

        // Named first: a failure here shows the passing test's unexpected throwable.
        tests.assertThatEvents().haveExactly(1, event(test("passes"), finishedSuccessfully()));
        tests.assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
        tests.assertThatEvents()
                .haveExactly(1, event(test("assertionFails"), finishedWithFailure(instanceOf(AssertionError.class))))
                .haveExactly(1, event(test("throwsUnchecked"), finishedWithFailure(instanceOf(IllegalStateException.class))));
        assertThat(SkewedTestCases.offsets).hasSize(3);
        SkewedTestCases.offsets.forEach((test, offsets) -> offsets.forEach(offset ->
                assertThat(offset).as(test).isCloseTo(-HOUR, within(TOLERANCE_MS))));
        assertRealTime();
        assertThat(PanicThreads.alive()).isEmpty();
        assertThat(System.getProperties().keySet()).noneMatch(key -> key.toString().startsWith("dev.panicattack.time"));
        assertThat(reportEntries(tests)).anyMatch(entry -> entry.startsWith("clock skew -1h | time offset requested -3600000ms, seen currentTimeMillis -36"));
    }

    @Test
    void aSubjectNamedOutsideTheTestsPackageIsWhatTheSkewActsOn() {
        Events tests = execute(NamedSubjectTestCases.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        assertThat(NamedSubjectTestCases.offsets).containsOnlyKeys("subject", "test");
        assertThat(NamedSubjectTestCases.offsets.get("subject")).isCloseTo(-HOUR, within(TOLERANCE_MS));
        assertThat(NamedSubjectTestCases.offsets.get("test")).isCloseTo(0L, within(TOLERANCE_MS));
        assertRealTime();
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void badClockAttributesNameTheAttributeValueAndMethod() {
        Events tests = execute(BadClockTestCases.class);
        tests.assertThatEvents()
                .haveExactly(1, event(test("skew"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("@UnderPressure(time = @Time(skew)) expected a duration such as 50ms, 2s or 1m, but was '-1 hour'"
                                + " on BadClockTestCases.skew()"))))
                .haveExactly(1, event(test("drift"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("@UnderPressure(time = @Time(drift)) must be between -1s/s and +1s/s, but was +2s/s; a drift such"
                                + " as +50ms/s makes the clock run 5% fast on BadClockTestCases.drift()"))))
                .haveExactly(1, event(test("jump"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("@UnderPressure(time = @Time(jumps)) expected a jump such as '-1h at 2s', '-1s every 500ms' or"
                                + " '-1s every 500ms from 2s', but was '-1h' on BadClockTestCases.jump()"))));
        assertRealTime();
    }

    private static void assertRealTime() {
        long real = new Date().getTime();
        assertThat(System.currentTimeMillis() - real).isCloseTo(0L, within(TOLERANCE_MS));
        assertThat(Instant.now().toEpochMilli() - real).isCloseTo(0L, within(TOLERANCE_MS));
        assertThat(Clock.systemUTC().millis() - real).isCloseTo(0L, within(TOLERANCE_MS));
        assertThat(LocalDateTime.now().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() - real)
                .isCloseTo(0L, within(TOLERANCE_MS));
    }

    private static Events execute(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(Map.of())
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> reportEntries(Events events) {
        return events.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow())
                .map(entry -> entry.getKeyValuePairs().get(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    @UnderPressure(time = @Time(skew = "-1h"), subject = "dev.panicattack.subjects")
    static class NamedSubjectTestCases {
        static final Map<String, Long> offsets = new ConcurrentHashMap<>();

        @Test
        void readsTheClockInTheSubjectAndInItsOwnCode() {
            offsets.put("subject", ClockReader.offsetMillis());
            offsets.put("test", System.currentTimeMillis() - new Date().getTime());
        }
    }

    @UnderPressure(time = @Time(skew = "-1h"))
    static class SkewedTestCases {
        static final Map<String, List<Long>> offsets = new ConcurrentHashMap<>();

        /** {@code new Date()} reads the clock inside the JDK, which is not the subject: real time. */
        private static void record(String test) {
            long real = new Date().getTime();
            offsets.put(test, List.of(System.currentTimeMillis() - real, Instant.now().toEpochMilli() - real,
                    Clock.systemDefaultZone().millis() - real,
                    LocalDateTime.now().atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() - real));
        }

        @Test
        void passes() {
            record("passes");
        }

        @Test
        void assertionFails() {
            record("assertionFails");
            assertThat(1).isEqualTo(2);
        }

        @Test
        void throwsUnchecked() {
            record("throwsUnchecked");
            throw new IllegalStateException("boom");
        }
    }

    static class BadClockTestCases {
        @Test
        @UnderPressure(time = @Time(skew = "-1 hour"))
        void skew() {
        }

        @Test
        @UnderPressure(time = @Time(drift = "+2s/s"))
        void drift() {
        }

        @Test
        @UnderPressure(time = @Time(jumps = "-1h"))
        void jump() {
        }
    }
}
