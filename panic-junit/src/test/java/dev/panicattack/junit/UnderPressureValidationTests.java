package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Every misuse of the pressure annotations fails the test with a message naming the fix, before anything starts. */
class UnderPressureValidationTests {

    @Test
    void cpuOutOfRangeNamesAnnotationAttributeValueAndMethod() {
        assertSingleFailure(BankTest.class, "transfer",
                "@UnderPressure(cpu) must be between 0 and 100 (percent), but was 150 on BankTest.transfer()");
    }

    @Test
    void negativeMemoryIsRejected() {
        assertSingleFailure(NegativeMemoryTestCases.class, "run",
                "@UnderPressure(memory) must be between 0 and 100 (percent), but was -5 on NegativeMemoryTestCases.run()");
    }

    @Test
    void leakRateAboveHundredIsRejected() {
        assertSingleFailure(LeakRateTestCases.class, "run",
                "@UnderPressure(memoryLeakRate) must be between 0 and 100 (percent of the maximum heap per second),"
                        + " but was 150 on LeakRateTestCases.run()");
    }

    @Test
    void emptyConstraintSetIsRejected() {
        assertSingleFailure(EmptySetTestCases.class, "run",
                "@ConstraintSet(value) must name at least one constraint set, but was empty on EmptySetTestCases.run();"
                        + " for example @ConstraintSet(\"cpu-saturation\")");
    }

    @Test
    void unknownSetNameListsTheSetsFound() {
        Events tests = execute(UnknownSetTestCases.class);
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        String message = failureMessage(tests);
        assertThat(message).contains("no-such-set").contains("cpu-saturation").contains("gentle-cpu")
                .endsWith("(needed by UnknownSetTestCases.run())");
    }

    @Test
    void yamlErrorNamesFileLineColumnAndKey() {
        Events tests = execute(BrokenYamlTestCases.class);
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(failureMessage(tests))
                .startsWith("panic/constraint-sets/broken-units.yaml:5:")
                .contains("cpu.spikes.every")
                .contains("'fast'");
    }

    @Test
    void anAxisThatWouldDoNothingIsAnErrorNotASilentSkip() {
        Events tests = execute(FaultlessNetworkTestCases.class);
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(failureMessage(tests))
                .startsWith("Constraint set 'faultless-network' declares a network section with no fault;")
                .endsWith("(on FaultlessNetworkTestCases.run())");
    }

    @Test
    void nothingStartsWhenValidationFails() {
        execute(BankTest.class);
        execute(FaultlessNetworkTestCases.class);
        assertThat(PanicThreads.alive()).isEmpty();
    }

    private static void assertSingleFailure(Class<?> fixture, String method, String expectedMessage) {
        execute(fixture).assertThatEvents().haveExactly(1, event(test(method),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expectedMessage))));
    }

    static Events execute(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selectClass(fixture)).execute().testEvents();
    }

    static String failureMessage(Events tests) {
        return tests.failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow();
    }

    static class BankTest {
        @Test
        @UnderPressure(cpu = 150)
        void transfer() {
        }
    }

    static class NegativeMemoryTestCases {
        @Test
        @UnderPressure(memory = -5)
        void run() {
        }
    }

    static class LeakRateTestCases {
        @Test
        @UnderPressure(memoryLeakRate = 150)
        void run() {
        }
    }

    static class EmptySetTestCases {
        @Test
        @ConstraintSet({})
        void run() {
        }
    }

    static class UnknownSetTestCases {
        @Test
        @ConstraintSet("no-such-set")
        void run() {
        }
    }

    static class BrokenYamlTestCases {
        @Test
        @ConstraintSet("broken-units")
        void run() {
        }
    }

    static class FaultlessNetworkTestCases {
        @Test
        @ConstraintSet("faultless-network")
        void run() {
        }
    }
}
