package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code panic.breakingPoint.level} puts every test under one level of one axis, merged last over
 * what the test declares, read by the constraint-set reader; a test with no annotation runs as a
 * trial under it; a value that is no level fails the test naming the parameter, the value and the fix.
 */
class BreakingPointLevelTests {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    @Test
    void theLevelIsMergedLastOverTheTestsOwnPressure() {
        assertThat(headline(AttributesTestCases.class, Map.of(
                PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "cpu.load=30"))).isEqualTo(
                "panic: UNBOUNDED_RECURSION (confidence 0.98) under @UnderPressure + breaking point cpu.load=30"
                        + " (cpu 30%, clock skew -1m)");
    }

    @Test
    void aTestWithoutAnnotationsRunsAsATrialUnderTheLevel() {
        Events tests = execute(PlainTestCases.class, Map.of(AUTODETECTION, "true",
                PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "concurrency.contenders=2"));

        tests.assertStatistics(stats -> stats.succeeded(1));
        assertThat(entries(tests, PanicConfiguration.PRESSURE_REPORT_ENTRY)).singleElement().asString()
                .startsWith("breaking point concurrency.contenders=2 (concurrency 2 contenders");
    }

    @Test
    void aSignedDurationLevelIsWrittenAsTheKeysYaml() {
        assertThat(headline(PlainDiagnosedTestCases.class, Map.of(
                PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "time.skew=-2500"))).isEqualTo(
                "panic: UNBOUNDED_RECURSION (confidence 0.98) under breaking point time.skew=-2500 (clock skew -2500ms)");
    }

    @Test
    void anUnknownAxisNamesTheParameterAndTheValidKeys() {
        assertThat(failure(execute(PlainDiagnosedTestCases.class, Map.of(
                PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "cpu.loud=50"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("panic.breakingPoint.level was 'cpu.loud=50': ")
                .hasMessageEndingWith("unknown breaking-point axis 'cpu.loud'; use one of cpu.load, memory.heap,"
                        + " memory.leakRate, jvm.maxHeap, network.latency, network.loss, disk.fill, disk.latency,"
                        + " concurrency.contenders, time.skew");
    }

    @Test
    void aLevelOutsideTheAxisRangeIsRefused() {
        assertThat(failure(execute(PlainDiagnosedTestCases.class, Map.of(
                PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "cpu.load=150"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("panic.breakingPoint.level was 'cpu.load=150': cpu.load must be between 0 and 100 (%)");
    }

    @Test
    void textThatIsNoLevelSaysHowToWriteOne() {
        assertThat(failure(execute(PlainDiagnosedTestCases.class, Map.of(
                PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME, "network.latency"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("panic.breakingPoint.level was 'network.latency': it is not <axis key>=<value>;"
                        + " write it like network.latency=180");
    }

    private static String headline(Class<?> fixture, Map<String, String> configuration) {
        Throwable failure = failure(execute(fixture, configuration));
        assertThat(failure).isInstanceOf(PanicSignatureError.class);
        return failure.getMessage().lines().findFirst().orElseThrow();
    }

    private static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static List<String> entries(Events tests, String key) {
        return tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(value -> value != null).toList();
    }

    private static Throwable failure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    static int depth(int n) {
        return depth(n + 1) + 1;
    }

    static class AttributesTestCases {
        @Test
        @UnderPressure(cpu = 80, time = @UnderPressure.Time(skew = "-1m"))
        void run() {
            depth(0);
        }
    }

    static class PlainTestCases {
        @Test
        void run() {
        }
    }

    static class PlainDiagnosedTestCases {
        @Test
        @Diagnose
        void run() {
            depth(0);
        }
    }
}
