package dev.panicattack.report;

import dev.panicattack.constraint.Axis;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.LineOfReasoning;
import dev.panicattack.signature.Signature;

class ReportPageTest {

    private static final String HOSTILE = "<script>alert('x')</script>&<img src=x onerror=alert(1)>\"";

    @Test
    void escapesHostileNamesMessagesProofsAndDumps() {
        TrialReport report = SampleReports.minimal("com.acme.Evil<script>Test", "run")
                .displayName(HOSTILE)
                .outcome(Outcome.FAILED)
                .failure(new FailureView("java.lang.IllegalStateException", Optional.of(HOSTILE), HOSTILE,
                        List.of(new FailureView.Cause("x.Y", Optional.of(HOSTILE), HOSTILE))))
                .pressure(HOSTILE)
                .achieved(HOSTILE)
                .signatures(List.of(new Signature(BugClass.STALL, 0.5, List.of(HOSTILE),
                        List.of(Fact.of("note", HOSTILE)), List.of(new LineOfReasoning(HOSTILE, 0.5)))))
                .facts(List.of(Fact.of("note", HOSTILE)))
                .threadDump(HOSTILE)
                .seed(HOSTILE)
                .build();

        String html = ReportPage.render(report, "Evil_script_Test.run", 800);

        assertThat(html).doesNotContain("<script", "<img", "onerror=alert(1)>", "'x'")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(1)&gt;&quot;");
        assertThat(html).doesNotContain("http:", "https:", "url(", "@import", "<link");
    }

    @Test
    void controlCharactersInTextBecomeReplacementCharacters() {
        assertThat(Html.escape("a\u0000b\u001bc\td\ne")).isEqualTo("a\uFFFDb\uFFFDc\td\ne");
    }

    @Test
    void saysWhenEvidenceIsIncompleteAndOnlyThen() {
        TrialReport complete = SampleReports.minimal("a.BTest", "c").build();
        assertThat(ReportPage.render(complete, "BTest.c", 800)).doesNotContain("evidence-incomplete");
        String pending = ReportPage.render(complete.withEvidenceComplete(false), "BTest.c", 800);
        assertThat(pending).contains("id=\"evidence-incomplete\"", "Evidence incomplete.",
                "incomplete (Flight Recorder data pending)");
    }

    @Test
    void aReportWithoutChartedEvidenceDrawsNoChartButSaysWhy() {
        String html = ReportPage.render(SampleReports.minimal("a.BTest", "c").build(), "BTest.c", 800);
        assertThat(html).doesNotContain("<svg class=\"plot\"", "<figure")
                .contains("No data: no pressure trace and no charted facts (memory, CPU, thread states, collections)"
                                + " were recorded.",
                        "No signature was derived from the evidence.",
                        "No thread dump was taken.");
    }

    @Test
    void aFullReportDrawsOneChartPerUnitAndSummarisesEveryPredicate() {
        TrialReport report = SampleReports.deadlock();
        String html = ReportPage.render(report, "BankTest.transfer", 800);
        assertThat(figures(html)).containsExactly("percent", "bytes", "threads", "milliseconds");
        assertThat(html.split("<svg class=\"plot\"", -1)).hasSize(5);
        assertThat(html).contains("DEADLOCK (confidence 0.97)", "LOCK_CONTENTION", "G1 Old Generation pause",
                "<td class=\"mono\">thread_state</td>", "<td class=\"mono\">test_thread</td>",
                "href=\"BankTest.transfer.json\"", "Caused by: <span class=\"mono\">java.util.concurrent.TimeoutException");
    }

    @Test
    void eachSeriesIsDrawnOnTheChartOfItsUnitWithThatUnitOnItsAxis() {
        String html = ReportPage.render(SampleReports.deadlock(), "BankTest.transfer", 800);

        assertThat(figure(html, "percent")).contains("<h3>Percent (%)</h3>", ">share (%)</text>", "cpu target",
                "cpu achieved", "memory target", "memory achieved", "machine CPU (system_cpu)", "JVM CPU (jvm_cpu)")
                .doesNotContain("heap-ballast", "ballast (panic-attack", "heap used");
        assertThat(figure(html, "bytes")).contains("<h3>Memory (MiB)</h3>", ">memory (MiB)</text>",
                "heap-ballast target", "heap-ballast achieved", "heap used (total)", "ballast (panic-attack&#39;s)",
                "subject heap (yours)").doesNotContain("cpu", "heap target");
        assertThat(figure(html, "threads")).contains("<h3>Threads</h3>", ">threads</text>", "BLOCKED");
        assertThat(figure(html, "milliseconds")).contains("<h3>Durations (ms)</h3>", ">duration (ms)</text>",
                "G1 Young Generation pause");
    }

    @Test
    void aPercentChartKeepsItsZeroToHundredScaleBesideBallastBytes() {
        String percent = figure(ReportPage.render(SampleReports.deadlock(), "BankTest.transfer", 800), "percent");
        // y ticks of a 0-100 axis, not of hundreds of MiB
        assertThat(percent).contains("text-anchor=\"end\">0</text>", "text-anchor=\"end\">20</text>",
                "text-anchor=\"end\">100</text>").doesNotContain("text-anchor=\"end\">120</text>");
    }

    @Test
    void aClockShiftedBackIsDrawnBelowZero() {
        TrialReport report = SampleReports.minimal("a.ClockTest", "c").traces(List.of(new PressureTrace(Axis.TIME,
                "ms offset", List.of(new PressureSample(Duration.ofMillis(100), -3_600_000, -3_600_000),
                        new PressureSample(Duration.ofMillis(1400), -3_600_000, -3_599_990))))).build();

        String chart = figure(ReportPage.render(report, "ClockTest.c", 800), "clock-offset");

        assertThat(chart).contains("<h3>Clock offset (ms)</h3>", ">offset (ms)</text>", "text-anchor=\"end\">0</text>",
                "text-anchor=\"end\">-4000000</text>", "time target", "time achieved")
                .doesNotContain("text-anchor=\"end\">1000000</text>");
    }

    @Test
    void aNegativePercentReadingDoesNotPullThePercentAxisBelowZero() {
        TrialReport report = SampleReports.minimal("a.CpuTest", "c").traces(List.of(new PressureTrace(Axis.CPU, "cpu-burners",
                "%cpu", List.of(new PressureSample(Duration.ofMillis(100), 60, 8),
                        new PressureSample(Duration.ofMillis(1400), 59.5, -600.4))))).build();

        String chart = figure(ReportPage.render(report, "CpuTest.c", 800), "percent");

        assertThat(chart).contains("text-anchor=\"end\">0</text>", "text-anchor=\"end\">100</text>")
                .doesNotContain("text-anchor=\"end\">-");
    }

    @Test
    void aTraceInAnUnknownUnitGetsAChartOfItsOwnLabelledWithThatUnit() {
        TrialReport report = SampleReports.minimal("a.LoadTest", "c").traces(List.of(
                new PressureTrace(Axis.CONCURRENCY, "queue", "jobs", List.of(new PressureSample(Duration.ofMillis(100), 40, 38))),
                new PressureTrace(Axis.CPU, "%cpu", List.of(new PressureSample(Duration.ofMillis(100), 40, 38))))).build();

        String html = ReportPage.render(report, "LoadTest.c", 800);

        assertThat(figures(html)).containsExactly("percent", "other-1");
        assertThat(figure(html, "other-1")).contains("<h3>Level (jobs)</h3>", ">level (jobs)</text>", "queue target");
    }

    @Test
    void factsWithATimeShowItAndFactsWithoutOneAreListedWithoutOne() {
        TrialReport report = SampleReports.minimal("a.DiskTest", "c").facts(List.of(
                Fact.of("heap_used", 250, 1_000_000), Fact.of("heap_used", 1250, 2_000_000),
                Fact.of("disk_budget", 1_073_741_824L, 10.0), Fact.of("test_thread", 1L),
                Fact.of("pressure_unit", "cpu", "%cpu"))).build();

        String html = ReportPage.render(report, "DiskTest.c", 800);

        assertThat(table(html, "facts-timed")).contains("<caption>Facts with a time</caption>", "first (s)",
                "<td class=\"mono\">heap_used</td><td class=\"num\">2</td><td class=\"num\">0.250</td>"
                        + "<td class=\"num\">1.250</td>")
                .doesNotContain("disk_budget", "test_thread", "pressure_unit");
        assertThat(table(html, "facts-untimed")).contains("<caption>Facts without a time</caption>",
                "<td class=\"mono\">disk_budget</td><td class=\"num\">1</td></tr>",
                "<td class=\"mono\">pressure_unit</td><td class=\"num\">1</td></tr>",
                "<td class=\"mono\">test_thread</td><td class=\"num\">1</td></tr>")
                .doesNotContain("(s)", "&ndash;", "1073741");
    }

    @Test
    void malformedFactsAreCountedButNotDrawn() {
        TrialReport report = SampleReports.minimal("a.BTest", "c")
                .facts(List.of(Fact.of("heap_used", "soon", 5), Fact.of("heap_used", 1), Fact.of("gc_pause", 5, "G1"),
                        Fact.of("thread_state", 5, 1, 7)))
                .build();
        String html = ReportPage.render(report, "BTest.c", 800);
        assertThat(html).doesNotContain("<svg class=\"plot\"").contains("<td class=\"num\">2</td>");
    }

    private static List<String> figures(String html) {
        return Pattern.compile("<figure [^>]*data-chart=\"([a-z0-9-]+)\"").matcher(html).results()
                .map(match -> match.group(1)).toList();
    }

    private static String figure(String html, String chart) {
        Matcher figure = Pattern.compile("<figure [^>]*data-chart=\"" + chart + "\"[^>]*>(.*?)</figure>", Pattern.DOTALL)
                .matcher(html);
        assertThat(figure.find()).as("chart %s in the page", chart).isTrue();
        return figure.group(1);
    }

    private static String table(String html, String id) {
        Matcher table = Pattern.compile("<table [^>]*id=\"" + id + "\"[^>]*>(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertThat(table.find()).as("table %s in the page", id).isTrue();
        return table.group(1);
    }
}
