package dev.panicattack.report;

import dev.panicattack.constraint.Axis;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.LineOfReasoning;
import dev.panicattack.signature.Remedy;
import dev.panicattack.signature.Signature;

class ReportJsonTest {

    static TrialReport small() {
        return SampleReports.minimal("com.acme.BankTest", "transfer")
                .outcome(Outcome.FAILED)
                .failure(new FailureView("java.lang.IllegalStateException", Optional.of("said \"no\"\nthen left"),
                        "at com.acme.BankTest.transfer(BankTest.java:9)\n",
                        List.of(new FailureView.Cause("java.io.IOException", Optional.empty(), ""))))
                .pressure("cpu 80%")
                .achieved("cpu 80% -> 79.6%")
                .traces(List.of(new PressureTrace(Axis.CPU, "%cpu",
                        List.of(new PressureSample(Duration.ofMillis(100), 80, 79.5),
                                new PressureSample(Duration.ofMillis(200), 80, Double.NaN)))))
                .pressureChanges(List.of(new PressureChange(Duration.ofMillis(20), "cpu", PressureChange.Action.SET, "cpu 80%")))
                .facts(List.of(Fact.of("heap_used", 1200, 52428800), Fact.of("process_cpu", 1200, 79.5),
                        Fact.of("thread_state", 1200, 7, "BLOCKED"), Fact.of("test_thread", "main")))
                .signatures(List.of(new Signature(BugClass.DEADLOCK, 0.97, List.of("deadlock(\"a\")\n└─ fact"),
                        List.of(Fact.of("blocked_on", "a", "L", 1200)),
                        List.of(new LineOfReasoning("lock-cycle", 0.97)),
                        new Remedy("take L and M in one global order at every site below",
                                List.of(new Remedy.Site("com.acme.Bank.transfer(Bank.java:42)",
                                        "thread \"a\" waits here for L while holding M")),
                                "", List.of(Fact.of("blocked_on", "a", "L", 1200))))))
                .threadDump("\"main\" #1\n\tat X.y(X.java:1)")
                .evidenceComplete(false)
                .seed("42")
                .build();
    }

    @Test
    void smallReportIsExactlyTheDocumentedShape() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("small-report.json")) {
            assertThat(in).as("test resource small-report.json").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(ReportJson.encode(small())).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFactAndFieldReadsBack() {
        TrialReport report = SampleReports.deadlock();
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(ReportJson.encode(report));

        assertThat(json.keySet()).containsExactly("schema", "testId", "displayName", "className", "methodName",
                "outcome", "startedAt", "durationMs", "pressure", "achieved", "evidenceComplete", "seed", "failure",
                "signatures", "traces", "pressureChanges", "threadDump", "factCount", "facts");
        assertThat(json).containsEntry("schema", "panic-attack.report/1")
                .containsEntry("outcome", "FAILED")
                .containsEntry("startedAt", "2026-11-26T10:15:30.250Z")
                .containsEntry("durationMs", 12500.0)
                .containsEntry("threadDump", report.threadDump().orElseThrow())
                .containsEntry("factCount", (long) report.facts().size());
        List<Map<String, Object>> facts = (List<Map<String, Object>>) json.get("facts");
        assertThat(facts).hasSize(report.facts().size());
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = report.facts().get(i);
            assertThat(facts.get(i)).isEqualTo(Map.of("p", fact.predicate(), "v", fact.values()));
        }
        List<Map<String, Object>> signatures = (List<Map<String, Object>>) json.get("signatures");
        assertThat(signatures).extracting(s -> s.get("bugClass")).containsExactly("DEADLOCK", "LOCK_CONTENTION");
        assertThat(signatures.get(0)).containsEntry("confidence", 0.97)
                .containsEntry("headline", "DEADLOCK (confidence 0.97)")
                .containsEntry("proofs", List.of(SampleReports.DEADLOCK_PROOF));
        Map<String, Object> remedy = (Map<String, Object>) signatures.get(0).get("remedy");
        Remedy expected = report.signatures().get(0).remedy();
        assertThat(remedy).containsEntry("action", expected.action()).containsEntry("unlocated", "")
                .containsEntry("sites", expected.sites().stream()
                        .map(site -> Map.of("location", site.location(), "role", site.role())).toList());
        assertThat((List<Object>) remedy.get("grounds")).hasSize(expected.grounds().size());
        Map<String, Object> failure = (Map<String, Object>) json.get("failure");
        assertThat(failure).containsEntry("exceptionClass", "dev.panicattack.PanicSignatureError");
        assertThat((String) failure.get("message")).startsWith("panic: DEADLOCK (confidence 0.97) under cpu 80%");
    }

    @Test
    @SuppressWarnings("unchecked")
    void emptyOptionalsAreNullAndNonFiniteFactValuesAreNull() {
        TrialReport report = SampleReports.minimal("a.B", "c")
                .facts(List.of(Fact.of("ratio", 5, Double.NaN), Fact.of("ratio", 6, Double.NEGATIVE_INFINITY)))
                .build();
        String text = ReportJson.encode(report);
        assertThat(text).contains("{\"p\": \"ratio\", \"v\": [5, null]}", "{\"p\": \"ratio\", \"v\": [6, null]}");
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(text);
        assertThat(json).containsEntry("failure", null).containsEntry("seed", null).containsEntry("threadDump", null)
                .containsEntry("evidenceComplete", true).containsEntry("pressure", "no pressure");
    }
}
