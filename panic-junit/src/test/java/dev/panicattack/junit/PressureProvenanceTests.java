package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The first line of a classified failure names where the pressure was declared: a named set, a run-wide
 * set, a set merged with {@code @UnderPressure}'s attributes, the attributes alone, or none; the note
 * beside an unclassified failure says the same, and the report's header lists the same sources.
 */
class PressureProvenanceTests {

    @Test
    void aNamedSetIsNamedBeforeItsPressure() {
        assertThat(headline(NamedSetTestCases.class, Map.of()))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under gentle-cpu (cpu 40%)");
    }

    @Test
    void aRunWideSetIsNamedLikeANamedSet() {
        assertThat(headline(DiagnosedOnlyTestCases.class, Map.of(PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu")))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under gentle-cpu (cpu 40%)");
    }

    @Test
    void aSetMergedWithAttributesNamesBothInMergeOrderAndShowsTheMergedPlan() {
        assertThat(headline(SetAndAttributesTestCases.class, Map.of()))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under gentle-cpu + @UnderPressure (cpu 20%)");
    }

    @Test
    void aRunWideSetComesBeforeTheTestsOwnDeclarations() {
        assertThat(headline(AttributesOnlyTestCases.class, Map.of(PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu")))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under gentle-cpu + @UnderPressure (cpu 20%)");
    }

    @Test
    void attributesAloneAreThePlanItself() {
        assertThat(headline(AttributesOnlyTestCases.class, Map.of()))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under cpu 20%");
    }

    @Test
    void noDeclarationIsNoPressure() {
        assertThat(headline(DiagnosedOnlyTestCases.class, Map.of()))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under no pressure");
    }

    @Test
    void pressureSwitchedOffNamesNoSource() {
        assertThat(headline(SetAndAttributesTestCases.class, Map.of(PanicConfiguration.ENABLED_PROPERTY_NAME, "false")))
                .isEqualTo("panic: UNBOUNDED_RECURSION (confidence 1.00) under no pressure");
    }

    @Test
    void anUnclassifiedFailureNamesTheSourcesTheSameWay() {
        Throwable failure = failure(execute(UnclassifiedTestCases.class, Map.of()));
        assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("an ordinary assertion");
        assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("panic: UNCLASSIFIED under gentle-cpu + @UnderPressure (cpu 20%); no rule derived a class"
                        + " from the evidence; report: ");
    }

    @Test
    void theReportHeaderListsTheSourcesInMergeOrder() throws IOException {
        String message = failure(execute(SetAndAttributesTestCases.class,
                Map.of(PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "clock-jump"))).getMessage();
        String report = message.lines().filter(line -> line.startsWith("report: ")).findFirst().orElseThrow()
                .substring("report: ".length());
        assertThat(Files.readString(Path.of(report), StandardCharsets.UTF_8))
                .contains("<dt>Pressure</dt><dd>clock-jump + gentle-cpu + @UnderPressure (cpu 20%, clock jumps -1h at 1s)</dd>")
                .contains("<dt>Pressure from</dt><dd>set clock-jump (run-wide, panic.constraintSet),"
                        + " then set gentle-cpu (@ConstraintSet), then @UnderPressure attributes</dd>");
    }

    @Test
    void aMalformedSetNameIsRefusedWhereItIsWritten() {
        assertThat(failure(execute(MalformedNameTestCases.class, Map.of())))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@ConstraintSet(value) 'Gentle CPU' is not a valid constraint-set name; use lower-case"
                        + " letters, digits and '-', starting with a letter or digit (for example cpu-spikes)"
                        + " on MalformedNameTestCases.run()");
    }

    @Test
    void aMalformedRunWideSetNameNamesTheParameter() {
        assertThat(failure(execute(DiagnosedOnlyTestCases.class,
                Map.of(PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu, Nightly"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("panic.constraintSet: 'Nightly' is not a valid constraint-set name; use lower-case"
                        + " letters, digits and '-', starting with a letter or digit (for example cpu-spikes)");
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

    private static Throwable failure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    /** Recursion without end: classified from the StackOverflowError alone, whatever the pressure. */
    static int depth(int n) {
        return depth(n + 1) + 1;
    }

    static class NamedSetTestCases {
        @Test
        @ConstraintSet("gentle-cpu")
        void run() {
            depth(0);
        }
    }

    static class DiagnosedOnlyTestCases {
        @Test
        @Diagnose
        void run() {
            depth(0);
        }
    }

    static class SetAndAttributesTestCases {
        @Test
        @ConstraintSet("gentle-cpu")
        @UnderPressure(cpu = 20)
        void run() {
            depth(0);
        }
    }

    static class AttributesOnlyTestCases {
        @Test
        @UnderPressure(cpu = 20)
        void run() {
            depth(0);
        }
    }

    static class UnclassifiedTestCases {
        @Test
        @ConstraintSet("gentle-cpu")
        @UnderPressure(cpu = 20)
        void run() {
            throw new AssertionError("an ordinary assertion");
        }
    }

    static class MalformedNameTestCases {
        @Test
        @ConstraintSet("Gentle CPU")
        void run() {
            depth(0);
        }
    }
}
