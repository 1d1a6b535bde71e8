package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path directory;

    @Test
    void writesJsonAndHtmlNamedAfterClassAndMethod() throws IOException {
        ReportFiles files = ReportWriter.to(directory).write(SampleReports.deadlock());
        assertThat(files.json()).isEqualTo(directory.resolve("BankTest.transfer.json")).isRegularFile();
        assertThat(files.html()).isEqualTo(directory.resolve("BankTest.transfer.html")).isRegularFile();
        assertThat(Files.readString(files.json())).startsWith("{\n  \"schema\": \"panic-attack.report/1\",");
        assertThat(Files.readString(files.html())).startsWith("<!DOCTYPE html>");
    }

    @Test
    void namesAreSanitisedAndInvocationsNumbered() {
        TrialReport nested = SampleReports.minimal("com.acme.Outer$Inner", "transfer money")
                .testId("[engine:junit-jupiter]/[class:com.acme.Outer]/[nested-class:Inner]/"
                        + "[test-template:transfer(int)]/[test-template-invocation:#3]")
                .build();
        assertThat(ReportFileNames.baseName(nested)).isEqualTo("Outer.Inner.transfer_money-3");
        TrialReport unicode = SampleReports.minimal("com.acme.Ünï/co de", "über").build();
        assertThat(ReportFileNames.baseName(unicode)).isEqualTo("_n__co_de._ber");
        TrialReport dynamic = SampleReports.minimal("a.FactoryTest", "cases")
                .testId("[engine:junit-jupiter]/[class:a.FactoryTest]/[test-factory:cases()]/[dynamic-container:#2]/"
                        + "[dynamic-test:#11]")
                .build();
        assertThat(ReportFileNames.baseName(dynamic)).isEqualTo("FactoryTest.cases-2-11");
        TrialReport longName = SampleReports.minimal("a.B", "x".repeat(300)).build();
        assertThat(ReportFileNames.baseName(longName)).hasSize(120 + 9).matches("B\\.x+~[0-9a-f]{8}");
    }

    @Test
    void twoTestsWithOneNameGetDistinctStableFiles() {
        TrialReport first = SampleReports.minimal("com.acme.BankTest", "transfer").build();
        TrialReport second = SampleReports.minimal("org.other.BankTest", "transfer").build();
        ReportWriter writer = ReportWriter.to(directory);

        ReportFiles firstFiles = writer.write(first);
        ReportFiles secondFiles = writer.write(second);
        String hash = ReportFileNames.shortHash(second.testId());

        assertThat(firstFiles.html().getFileName()).hasToString("BankTest.transfer.html");
        assertThat(secondFiles.html().getFileName()).hasToString("BankTest.transfer~" + hash + ".html");
        assertThat(writer.write(first)).isEqualTo(firstFiles);
        assertThat(writer.write(second)).isEqualTo(secondFiles);
    }

    @Test
    void writingAgainReplacesBothFilesAndLeavesNoTemporaryFiles() throws IOException {
        TrialReport pending = SampleReports.deadlock().withEvidenceComplete(false);
        ReportWriter writer = ReportWriter.to(directory.resolve("nested/reports"));

        ReportFiles early = writer.write(pending);
        assertThat(Files.readString(early.html())).contains("Evidence incomplete.");
        ReportFiles late = writer.write(pending.withEvidenceComplete(true));

        assertThat(late).isEqualTo(early);
        assertThat(Files.readString(late.html())).doesNotContain("Evidence incomplete.");
        assertThat(Files.readString(late.json())).contains("\"evidenceComplete\": true,");
        try (Stream<Path> files = Files.list(directory.resolve("nested/reports"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("BankTest.transfer.json", "BankTest.transfer.html");
        }
    }

    @Test
    void oneHundredThousandFactsStayFastAndThePageSmall() {
        TrialReport report = SampleReports.deadlock().withFacts(SampleReports.manyFacts(100_000));
        ReportWriter writer = ReportWriter.to(directory);
        writer.write(report); // warm-up, so the figure below is not class loading and JIT

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ReportFiles files = writer.write(report);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;

        long htmlBytes = files.html().toFile().length();
        long jsonBytes = files.json().toFile().length();
        // a figure for the report, not an assertion: the machine is shared
        System.out.printf("report with 100000 facts: written in %d ms (%d ms CPU), html %d KiB, json %d KiB%n",
                millis, cpuMillis, htmlBytes / 1024, jsonBytes / 1024);
        assertThat(htmlBytes).as("HTML size in bytes").isLessThan(600_000);
        assertThat(jsonBytes).as("JSON keeps every fact").isGreaterThan(100_000L * 30);
    }

    @Test
    void rejectsAnUnreasonablePointBudget() {
        assertThatThrownBy(() -> ReportWriter.to(directory).withMaxChartPoints(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxChartPoints must be between 10 and 100000, but was 5");
    }

    @Test
    void failsClearlyWhenTheDirectoryIsAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("taken"), "x");
        assertThatThrownBy(() -> ReportWriter.to(file).write(SampleReports.deadlock()))
                .hasMessageContaining("cannot create the report directory " + file.toAbsolutePath());
    }
}
