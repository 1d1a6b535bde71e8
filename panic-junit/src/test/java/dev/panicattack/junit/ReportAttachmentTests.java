package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A failed test's HTML report is attached to the test as a file where the running JUnit publishes
 * files (Jupiter 5.12 and later), and the run goes on unchanged where it cannot (5.10, 5.11).
 * Through the Launcher, whose output directory is a configuration parameter on every line.
 */
class ReportAttachmentTests {

    @Test
    void theReportIsAttachedWhereJUnitPublishesFiles(@TempDir Path reports, @TempDir Path output) throws IOException {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FailingTestCases.class))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, reports.toString())
                .configurationParameter("junit.platform.reporting.output.dir", output.toString())
                .build(), summary);

        assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);
        Path page;
        try (Stream<Path> written = Files.list(reports)) {
            page = written.filter(path -> path.toString().endsWith("FailingTestCases.fails.html")).findFirst().orElseThrow();
        }
        List<Path> attached;
        try (Stream<Path> files = Files.walk(output)) {
            attached = files.filter(Files::isRegularFile).toList();
        }
        if (publishesFiles()) {
            assertThat(attached).singleElement().satisfies(file -> {
                assertThat(file.getFileName()).isEqualTo(page.getFileName());
                assertThat(file).hasSameBinaryContentAs(page);
            });
        } else {
            assertThat(attached).isEmpty();
        }
    }

    /** Whether the JUnit on the class path has {@code ExtensionContext.publishFile} (5.12 and later). */
    private static boolean publishesFiles() {
        return Arrays.stream(ExtensionContext.class.getMethods()).anyMatch(method -> method.getName().equals("publishFile"));
    }

    static class FailingTestCases {
        @Test
        @Diagnose
        void fails() {
            throw new AssertionError("an ordinary assertion");
        }
    }
}
