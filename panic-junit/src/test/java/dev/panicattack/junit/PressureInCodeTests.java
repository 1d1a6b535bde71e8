package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.pressure.PressureControl;
import dev.panicattack.signature.BugClass;

/** A test body receives a PressureControl, and the extension closes it after the test on every path. */
class PressureInCodeTests {

    @Test
    void theBodyChangesPressureAndTheTimelineIsPublished() {
        Events tests = execute(ChangingTestCases.class);
        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(ChangingTestCases.threadsSeen.get()).contains("panic-cpu-controller", "panic-heap-ballast");
        assertThat(reportEntries(tests)).singleElement().asString()
                .startsWith("cpu target ")
                .contains("\nat ", "  cpu     cpu 30%", "  memory  memory 25%", "  cpu     cpu ramp 30% to 40% over 300ms",
                        "  all     all pressure closed");
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void aBodyThatFailsWithoutClosingTheControlLeavesNothingBehind() {
        Events tests = execute(ForgetfulTestCases.class);
        tests.assertThatEvents().haveExactly(1, event(test("failsWithPressureOn"),
                finishedWithFailure(instanceOf(IllegalStateException.class), message("the body failed"))));
        assertThat(ForgetfulTestCases.control.get().isClosed()).isTrue();
        assertThat(PanicThreads.alive()).isEmpty();
        assertThat(heapUsedAfterGcPercent()).isLessThan(20);
    }

    @Test
    void theControlsPressureIsTheTrialsEvidence() throws java.io.IOException {
        Events tests = execute(EvidenceTestCases.class);
        tests.assertThatEvents().haveExactly(1, event(test("failsUnderPressureSetInCode"),
                finishedWithFailure(instanceOf(IllegalStateException.class), message("failed under pressure"))));
        assertThat(entries(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).singleElement().asString()
                .startsWith("in code: set 'cpu-spikes': cpu 50%").contains(", cpu 30%, memory 30% | in code: cpu target ", "; heap target 30% achieved ");
        String json = java.nio.file.Files.readString(Path.of(entries(tests, PanicConfiguration.REPORT_ENTRY).get(0)
                .replaceFirst("\\.html$", ".json")));
        assertThat(json).contains("\"unit\": \"%cpu\"", "\"unit\": \"%heap\"",
                "\"axis\": \"cpu\", \"action\": \"apply\", \"description\": \"set 'cpu-spikes': cpu 50%",
                "\"axis\": \"memory\", \"action\": \"set\", \"description\": \"memory 30%\"",
                "{\"p\": \"pressure_change\", \"v\": [", "{\"p\": \"pressure_applying\", \"v\": [",
                "{\"p\": \"pressure_target\", \"v\": [",
                "{\"p\": \"ballast_bytes\", \"v\": [");
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void theControlsBallastIsNotTakenForALeak() {
        Events tests = execute(LeakWatchTestCases.class);
        tests.assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(entries(tests, PressureInCode.REPORT_ENTRY)).singleElement().asString()
                .contains("memory ramp 25% to 40% over 1s");
    }

    @Test
    void beforeEachAndTheTestShareOneControl() {
        Events tests = execute(SharedTestCases.class);
        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(PanicThreads.alive()).isEmpty();
    }

    @Test
    void aTestWithoutTheAnnotationCannotAskForAControl() {
        Events tests = execute(UnannotatedTestCases.class);
        tests.assertThatEvents().haveExactly(1, event(test("asks"), finishedWithFailure(
                instanceOf(org.junit.jupiter.api.extension.ParameterResolutionException.class))));
    }

    private static Events execute(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> reportEntries(Events events) {
        return entries(events, PressureInCode.REPORT_ENTRY);
    }

    private static List<String> entries(Events events, String key) {
        return events.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow())
                .map(entry -> entry.getKeyValuePairs().get(key))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static long heapUsedAfterGcPercent() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() * 100 / Runtime.getRuntime().maxMemory();
    }

    static class ChangingTestCases {

        static final AtomicReference<List<String>> threadsSeen = new AtomicReference<>(List.of());

        @Test
        @PressureInCode
        void changesPressure(PressureControl pressure) {
            pressure.set("cpu", 30).set("memory", 25).ramp("cpu", 40, Duration.ofMillis(300));
            threadsSeen.set(PanicThreads.alive());
        }
    }

    @PressureInCode
    static class ForgetfulTestCases {

        static final AtomicReference<PressureControl> control = new AtomicReference<>();

        @Test
        void failsWithPressureOn(PressureControl pressure) {
            control.set(pressure);
            pressure.set("memory", 40).set("cpu", 20);
            throw new IllegalStateException("the body failed");
        }
    }

    @PressureInCode
    static class SharedTestCases {

        private PressureControl fromSetUp;

        @BeforeEach
        void setUp(PressureControl pressure) {
            fromSetUp = pressure;
            pressure.set("cpu", 10);
        }

        @Test
        void seesTheSameControl(PressureControl pressure) {
            assertThat(pressure).isSameAs(fromSetUp);
            assertThat(pressure.axes()).containsExactly("cpu");
        }
    }

    @PressureInCode
    static class EvidenceTestCases {

        @Test
        void failsUnderPressureSetInCode(PressureControl pressure) {
            pressure.apply("cpu-spikes").set("cpu", 30).set("memory", 30);
            throw new IllegalStateException("failed under pressure");
        }
    }

    static class LeakWatchTestCases {

        @Test
        @PressureInCode
        @Diagnose(failOn = BugClass.MEMORY_LEAK)
        void growsOnlyTheBallast(PressureControl pressure) {
            pressure.set("memory", 25).ramp("memory", 40, Duration.ofSeconds(1));
            pressure.set("memory", 40);
        }
    }

    static class UnannotatedTestCases {

        @Test
        void asks(PressureControl pressure) {
            pressure.set("cpu", 10);
        }
    }
}
