package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {

    @TempDir
    Path directory;

    @Test
    void listsFailuresFirstAndEveryLinkResolvesToAWrittenPage() throws IOException {
        TrialReport passed = SampleReports.minimal("com.acme.AlphaTest", "ok").build();
        TrialReport aborted = SampleReports.minimal("com.acme.AlphaTest", "skipped").outcome(Outcome.ABORTED).build();
        TrialReport deadlock = SampleReports.deadlock();
        TrialReport otherFailure = SampleReports.minimal("com.acme.ZuluTest", "<b>bad</b>").outcome(Outcome.FAILED)
                .build();
        TrialReport sameNameOtherPackage = SampleReports.minimal("org.x.AlphaTest", "ok").build();
        List<TrialReport> reports = List.of(passed, aborted, deadlock, otherFailure, sameNameOtherPackage);
        ReportWriter writer = ReportWriter.to(directory);
        reports.forEach(writer::write);

        Path index = new RunIndex().write(directory, reports);

        assertThat(index).isEqualTo(directory.resolve("index.html"));
        String html = Files.readString(index);
        List<String> links = new ArrayList<>();
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(html);
        while (href.find()) {
            links.add(href.group(1));
        }
        assertThat(links).hasSize(5).allSatisfy(link -> assertThat(directory.resolve(link)).isRegularFile());
        assertThat(links).containsExactly("ZuluTest._b_bad__b_.html", "BankTest.transfer.html",
                "AlphaTest.skipped.html", "AlphaTest.ok.html",
                "AlphaTest.ok~" + ReportFileNames.shortHash(sameNameOtherPackage.testId()) + ".html");
        assertThat(html).contains("5 tests: 2 failed, 1 aborted, 2 passed; 1 with a diagnosis.",
                "<strong>DEADLOCK</strong> <span class=\"conf\">0.97</span>", "&lt;b&gt;bad&lt;/b&gt;()")
                .doesNotContain("<b>bad", "http:", "https:");
    }

    @Test
    void aRewrittenTestIsListedOnceWithItsLatestStateAndAMissingPageIsNotLinked() throws IOException {
        TrialReport pending = SampleReports.deadlock().withEvidenceComplete(false);
        TrialReport notWritten = SampleReports.minimal("com.acme.GhostTest", "gone").build();
        ReportWriter.to(directory).write(pending);

        String html = Files.readString(new RunIndex().write(directory,
                List.of(pending, notWritten, pending.withEvidenceComplete(true))));

        assertThat(html.split("BankTest#transfer", -1)).hasSize(2);
        assertThat(html).doesNotContain("evidence pending").contains("gone() <span class=\"tag\">page not written</span>");
    }

    @Test
    void anEmptyRunSaysSo() throws IOException {
        assertThat(Files.readString(new RunIndex().write(directory, List.of())))
                .contains("0 tests: 0 failed, 0 aborted, 0 passed", "No tests were reported.");
    }
}
