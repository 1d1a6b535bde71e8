package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The run's environment is closed when the run ends, on every supported JUnit line: the run index
 * is written then, and lists the run's reports.
 */
class RunEndTests {

    /** Jupiter 5.13+ closes stored AutoCloseables unless this is false; earlier lines ignore it. */
    private static final String CLOSE_AUTOCLOSEABLES = "junit.jupiter.extensions.store.close.autocloseable.enabled";

    @Test
    void theRunIndexIsWrittenWhenTheRunEnds(@TempDir Path reports) {
        Events tests = execute(reports, Map.of());

        assertThat(tests.failed().count()).isEqualTo(1);
        Path page = reportPage(tests);
        assertThat(page).hasParent(reports).exists();
        assertThat(reports.resolve("index.html")).exists().content().contains(page.getFileName().toString());
    }

    @Test
    void theRunIndexIsWrittenEvenWhereJupiterClosesNoStoredAutoCloseables(@TempDir Path reports) {
        Events tests = execute(reports, Map.of(CLOSE_AUTOCLOSEABLES, "false"));

        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(reports.resolve("index.html")).exists().content()
                .contains(reportPage(tests).getFileName().toString());
    }

    @Test
    void aRunOfPassingTestsWritesOnlyItsIndex(@TempDir Path reports) throws java.io.IOException {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, reports.toString())
                .selectors(selectClass(PassingTestCases.class))
                .execute().testEvents();

        assertThat(tests.succeeded().count()).isEqualTo(1);
        // A passing test with nothing to look for costs a row in the index, not a page.
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(reports)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("index.html");
        }
        assertThat(reports.resolve("index.html")).content().contains("1 test: 0 failed, 0 aborted, 1 passed");
    }

    private static Events execute(Path reports, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, reports.toString())
                .configurationParameters(configuration)
                .selectors(selectClass(FailingTestCases.class))
                .execute().testEvents();
    }

    private static Path reportPage(Events tests) {
        List<String> pages = tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(PanicConfiguration.REPORT_ENTRY))
                .map(pairs -> pairs.get(PanicConfiguration.REPORT_ENTRY)).toList();
        assertThat(pages).singleElement().asString().endsWith("FailingTestCases.fails.html");
        return Path.of(pages.get(0));
    }

    static class FailingTestCases {
        @Test
        @Diagnose
        void fails() {
            throw new AssertionError("an ordinary assertion");
        }
    }

    static class PassingTestCases {
        @Test
        @Diagnose
        void passes() {
        }
    }
}
