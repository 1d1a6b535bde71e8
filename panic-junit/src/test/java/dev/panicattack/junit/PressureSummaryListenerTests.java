package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.junit.UnderPressure;

/** The end-of-run summary: one line per test under pressure when asked for, nothing otherwise. */
class PressureSummaryListenerTests {

    @Test
    void printsOneLinePerTestUnderPressureWithItsOutcome() {
        String printed = run(Map.of(PanicConfiguration.SUMMARY_PROPERTY_NAME, "true"));

        assertThat(printed.lines().toList()).hasSize(3)
                .first().isEqualTo("panic-attack: pressure applied per test (outcome, test, plan | target vs achieved)");
        assertThat(printed).contains("SUCCESSFUL passes()  cpu 20% | cpu target 20% achieved ")
                .contains("FAILED     fails()  cpu 20% | cpu target 20% achieved ");
    }

    @Test
    void staysSilentUnlessAsked() {
        assertThat(run(Map.of())).isEmpty();
    }

    private static String run(Map<String, String> configuration) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PressureSummaryListener listener = new PressureSummaryListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .configurationParameters(configuration)
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selectClass(TwoTestsUnderPressureTestCases.class)).build(), listener);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @UnderPressure(cpu = 20)
    static class TwoTestsUnderPressureTestCases {
        @Test
        void passes() {
        }

        @Test
        void fails() {
            throw new AssertionError("planned");
        }
    }
}
