package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;
import dev.panicattack.signature.BugClass;
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
                        List.of(Fact.of("note", HOSTILE)))))
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
    void chartsWithoutDataShowANoteInsteadOfAnEmptyBox() {
        String html = ReportPage.render(SampleReports.minimal("a.BTest", "c").build(), "BTest.c", 800);
        assertThat(html).doesNotContain("<svg class=\"plot\"")
                .contains("No data: no pressure trace was recorded",
                        "No data: no <code>heap_used</code>",
                        "No data: no <code>thread_state</code>",
                        "No data: no <code>gc_pause</code>",
                        "No data: no <code>process_cpu</code>",
                        "No signature was derived from the evidence.",
                        "No thread dump was taken.");
    }

    @Test
    void aFullReportDrawsAllFiveChartsAndSummarisesEveryPredicate() {
        TrialReport report = SampleReports.deadlock();
        String html = ReportPage.render(report, "BankTest.transfer", 800);
        assertThat(html.split("<svg class=\"plot\"", -1)).hasSize(6);
        assertThat(html).contains("DEADLOCK (confidence 0.97)", "LOCK_CONTENTION", "G1 Old Generation pause",
                "<td class=\"mono\">thread_state</td>", "<td class=\"mono\">test_thread</td>",
                "href=\"BankTest.transfer.json\"", "Caused by: <span class=\"mono\">java.util.concurrent.TimeoutException");
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
}
