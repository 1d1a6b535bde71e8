package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A failure whose strongest class stays below {@code panic.diagnose.minConfidence}, or that no rule
 * explains, is the test's own failure with a note beside it: {@code panic: UNCLASSIFIED under ...}, the
 * classes considered with their confidences and rules, and the evidence the nearest rules lacked.
 */
class UnclassifiedTests {

    private static final String NEAR_MISS = "  [A-Z_]+ by [a-z-]+: (no .+|every premise has facts; a join, comparison or negation failed)";

    @Test
    void aClassBelowTheMinimumIsConsideredNotNamed() {
        Throwable failure = failure(execute(RecursionTestCases.class, Map.of(PanicConfiguration.MIN_CONFIDENCE_PROPERTY_NAME, "1")));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage("recursed");
        List<String> note = note(failure);
        assertThat(note.get(0)).startsWith("panic: UNCLASSIFIED under no pressure; no class reached confidence 1.00"
                + " (panic.diagnose.minConfidence); report: ").endsWith(".html");
        assertThat(note.get(1)).isEqualTo("considered:");
        assertThat(note.get(2)).matches("  UNBOUNDED_RECURSION \\(confidence [01]\\.\\d\\d\\) by [a-z-]+ [01]\\.\\d\\d, [a-z-]+ [01]\\.\\d\\d")
                .contains("stack-overflow").contains("recurring-frame");
        assertThat(note.get(3)).isEqualTo("missing evidence (nearest rules that did not fire):");
        assertThat(note.subList(4, note.size())).hasSizeBetween(1, 3).allMatch(line -> line.matches(NEAR_MISS));
    }

    @Test
    void aFailureNoRuleExplainsNamesTheNearestRulesAndWhatTheyLacked() {
        Throwable failure = failure(execute(AssertionTestCases.class, Map.of()));

        assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("an ordinary assertion");
        List<String> note = note(failure);
        assertThat(note.get(0)).startsWith("panic: UNCLASSIFIED under no pressure; no rule derived a class from the evidence;"
                + " report: ");
        assertThat(note.get(1)).isEqualTo("missing evidence (nearest rules that did not fire):");
        // the rules that read an AssertionError come first: what they lacked is what a race would have shown
        assertThat(note.subList(2, note.size())).hasSize(3).allMatch(line -> line.matches(NEAR_MISS))
                .first().asString().startsWith("  DATA_RACE by ");
    }

    @Test
    void atTheDefaultMinimumTheSameRecursionIsNamed() {
        assertThat(failure(execute(RecursionTestCases.class, Map.of()))).isInstanceOf(PanicSignatureError.class)
                .extracting(thrown -> ((PanicSignatureError) thrown).bugClass()).isEqualTo(dev.panicattack.signature.BugClass.UNBOUNDED_RECURSION);
    }

    @Test
    void aMinimumOutsideZeroToOneIsRefusedWithTheParameterAndTheDefault() {
        assertThat(failure(execute(RecursionTestCases.class, Map.of(PanicConfiguration.MIN_CONFIDENCE_PROPERTY_NAME, "1.5"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("panic.diagnose.minConfidence must be a number from 0 to 1, but was '1.5'; the default is 0.5");
    }

    private static List<String> note(Throwable failure) {
        assertThat(failure.getSuppressed()).hasSize(1);
        return failure.getSuppressed()[0].getMessage().lines().toList();
    }

    private static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
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

    static class RecursionTestCases {
        @Test
        @Diagnose
        void run() {
            try {
                depth(0);
            } catch (StackOverflowError e) {
                throw new IllegalStateException("recursed", e);
            }
        }
    }

    static class AssertionTestCases {
        @Test
        @Diagnose
        void run() {
            throw new AssertionError("an ordinary assertion");
        }
    }
}
