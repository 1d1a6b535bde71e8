package dev.panicattack.report;

import java.time.Duration;
import java.util.List;

import dev.panicattack.evidence.Fact;
import dev.panicattack.forecast.ExhaustionForecast;
import dev.panicattack.forecast.HeapNeed;
import dev.panicattack.pressure.PressureChange;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.signature.LineOfReasoning;
import dev.panicattack.signature.Remedy;
import dev.panicattack.signature.Signature;

/** Encodes a {@link TrialReport} as the JSON document described in {@code docs/reports.md}. */
final class ReportJson {

    /** The {@code schema} value; changes when a field changes meaning or is removed. */
    static final String SCHEMA = "panic-attack.report/1";

    /** The start of the line carrying the test id, the third line of every report (see {@link ReportFileNames}). */
    static final String TEST_ID_LINE_PREFIX = "  \"testId\": ";

    private ReportJson() {
    }

    static String encode(TrialReport report) {
        return encodeTo(report).toString();
    }

    /** The document in a builder, so that a large report is not copied once more before it is written. */
    static StringBuilder encodeTo(TrialReport report) {
        // about 45 characters per fact, so the builder rarely grows
        StringBuilder out = new StringBuilder(4096 + report.facts().size() * 45);
        JsonWriter json = new JsonWriter(out);
        json.beginObject(false);
        json.name("schema").value(SCHEMA);
        json.name("testId").value(report.testId());
        json.name("displayName").value(report.displayName());
        json.name("className").value(report.className());
        json.name("methodName").value(report.methodName());
        json.name("outcome").value(report.outcome().name());
        json.name("startedAt").value(report.startedAt().toString());
        json.name("durationMs").value(millis(report.duration()));
        json.name("pressure").value(report.pressure());
        json.name("achieved").value(report.achieved());
        json.name("evidenceComplete").value(report.evidenceComplete());
        json.name("seed").value(report.seed().orElse(null));
        json.name("failure");
        if (report.failure().isPresent()) {
            writeFailure(json, report.failure().get());
        } else {
            json.nullValue();
        }
        json.name("signatures").beginArray(false);
        for (Signature signature : report.signatures()) {
            writeSignature(json, signature);
        }
        json.endArray();
        writeAssailFindings(json, AssailFindings.of(report.facts()));
        writeHeapForecasts(json, report.facts());
        json.name("traces").beginArray(false);
        for (PressureTrace trace : report.traces()) {
            writeTrace(json, trace);
        }
        json.endArray();
        json.name("pressureChanges").beginArray(false);
        for (PressureChange change : report.pressureChanges()) {
            json.beginObject(true);
            json.name("atMs").value(millis(change.at()));
            json.name("axis").value(change.axis());
            json.name("action").value(change.action().key());
            json.name("description").value(change.description());
            json.name("tookMs").value(millis(change.took()));
            json.endObject();
        }
        json.endArray();
        json.name("threadDump").value(report.threadDump().orElse(null));
        json.name("factCount").value(report.facts().size());
        json.name("facts");
        writeFacts(json, report.facts());
        json.endObject();
        json.finish();
        return out.append('\n');
    }

    /** The line {@link #encode} writes for this test id. */
    static String testIdLine(String testId) {
        StringBuilder line = new StringBuilder(TEST_ID_LINE_PREFIX);
        JsonWriter.quote(testId, line);
        return line.append(',').toString();
    }

    private static void writeFailure(JsonWriter json, FailureView failure) {
        json.beginObject(false);
        json.name("exceptionClass").value(failure.exceptionClass());
        json.name("message").value(failure.message().orElse(null));
        json.name("stackTrace").value(failure.stackTrace());
        json.name("causes").beginArray(false);
        for (FailureView.Cause cause : failure.causes()) {
            json.beginObject(false);
            json.name("exceptionClass").value(cause.exceptionClass());
            json.name("message").value(cause.message().orElse(null));
            json.name("stackTrace").value(cause.stackTrace());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void writeSignature(JsonWriter json, Signature signature) {
        json.beginObject(false);
        json.name("bugClass").value(signature.bugClass().name());
        json.name("confidence").value(signature.confidence());
        json.name("headline").value(signature.headline());
        json.name("reasoning").beginArray(false);
        for (LineOfReasoning line : signature.reasoning()) {
            json.beginObject(true);
            json.name("rule").value(line.rule());
            json.name("strength").value(line.strength());
            json.endObject();
        }
        json.endArray();
        json.name("proofs").beginArray(false);
        for (String proof : signature.proofs()) {
            json.value(proof);
        }
        json.endArray();
        json.name("evidence");
        writeFacts(json, signature.evidence());
        writeRemedy(json, signature.remedy());
        json.endObject();
    }

    /** Where the fix belongs: the action, the sites (location and role), what was not located, the grounds. */
    private static void writeRemedy(JsonWriter json, Remedy remedy) {
        json.name("remedy").beginObject(false);
        json.name("action").value(remedy.action());
        json.name("sites").beginArray(false);
        for (Remedy.Site site : remedy.sites()) {
            json.beginObject(true);
            json.name("location").value(site.location());
            json.name("role").value(site.role());
            json.endObject();
        }
        json.endArray();
        json.name("unlocated").value(remedy.unlocated());
        json.name("grounds");
        writeFacts(json, remedy.grounds());
        json.endObject();
    }

    /** The {@code @Assail} findings and the axes each chose; absent when the test was not assailed. */
    private static void writeAssailFindings(JsonWriter json, List<AssailFindings.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        json.name("assailFindings").beginArray(false);
        for (AssailFindings.Row row : rows) {
            json.beginObject(false);
            json.name("category").value(row.category());
            json.name("className").value(row.className());
            json.name("method").value(row.method());
            json.name("line").value(row.line());
            json.name("detail").value(row.detail());
            json.name("axes").value(row.axes());
            json.name("chosen").beginArray(true);
            for (String chosen : row.chosen()) {
                json.value(chosen);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    /** {@code heapExhaustion} and {@code heapNeeded}, each absent when the trial made no such forecast. */
    private static void writeHeapForecasts(JsonWriter json, List<Fact> facts) {
        ExhaustionForecast.in(facts).ifPresent(forecast -> {
            json.name("heapExhaustion").beginObject(false);
            json.name("atMs").value(forecast.at().toMillis());
            json.name("lowMs").value(forecast.low().toMillis());
            json.name("highMs").value(forecast.high().toMillis());
            json.name("bytes").value(forecast.bytes());
            json.name("text").value(forecast.describe());
            json.endObject();
        });
        HeapNeed.in(facts).ifPresent(need -> {
            json.name("heapNeeded").beginObject(false);
            json.name("bytes").value(need.bytes());
            json.name("peakLiveBytes").value(need.peakLive());
            json.name("oldGenerationPercent").value(need.oldGenerationPercent());
            json.name("text").value(need.describe());
            json.endObject();
        });
    }

    private static void writeTrace(JsonWriter json, PressureTrace trace) {
        json.beginObject(false);
        json.name("axis").value(trace.series());
        json.name("unit").value(trace.unit());
        json.name("samples").beginArray(false);
        for (PressureSample sample : trace.samples()) {
            json.beginObject(true);
            json.name("atMs").value(millis(sample.at()));
            json.name("target").value(sample.target());
            json.name("achieved").value(sample.achieved());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void writeFacts(JsonWriter json, List<Fact> facts) {
        json.beginArray(false);
        for (Fact fact : facts) {
            json.beginObject(true);
            json.name("p").value(fact.predicate());
            json.name("v").beginArray(true);
            for (Object value : fact.values()) {
                json.value(value);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    private static double millis(Duration duration) {
        return duration.getSeconds() * 1000.0 + duration.getNano() / 1_000_000.0;
    }
}
