package dev.panicattack.report;

import java.util.Optional;

import dev.panicattack.breakingpoint.BreakCause;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.Level;
import dev.panicattack.breakingpoint.LevelRecord;
import dev.panicattack.breakingpoint.PassRate;
import dev.panicattack.breakingpoint.SearchSettings;

/** Encodes a {@link BreakingPointResult} as the JSON document described in {@code docs/breaking-points.md}. */
final class BreakingPointJson {

    /** The {@code schema} value; changes when a field changes meaning or is removed. */
    static final String SCHEMA = "panic-attack.breaking-point/1";

    private BreakingPointJson() {
    }

    static String encode(String testName, BreakingPointResult result) {
        StringBuilder out = new StringBuilder(4096 + result.levels().size() * 200);
        JsonWriter json = new JsonWriter(out);
        SearchSettings settings = result.settings();
        json.beginObject(false);
        json.name("schema").value(SCHEMA);
        json.name("test").value(testName);
        json.name("status").value(result.status().name());
        json.name("summary").value(result.headline());
        json.name("axis").value(result.axis().key());
        json.name("unit").value(result.axis().unit());
        json.name("settings").beginObject(false);
        json.name("from").value(settings.from());
        json.name("to").value(settings.to());
        json.name("resolution").value(settings.resolution());
        json.name("confidence").value(settings.confidence());
        json.name("passingFailureRate").value(settings.passingFailureRate());
        json.name("breakingFailureRate").value(settings.breakingFailureRate());
        json.name("maxRepeats").value(settings.maxRepeats());
        json.name("maxTrials").value(settings.maxTrials());
        json.name("wallBudgetMs").value(settings.wallBudget().toMillis());
        json.name("requireAbove");
        if (settings.requireAbove().isPresent()) {
            json.value(settings.requireAbove().get().doubleValue());
        } else {
            json.nullValue();
        }
        json.name("requireBelow");
        if (settings.requireBelow().isPresent()) {
            json.value(settings.requireBelow().get().doubleValue());
        } else {
            json.nullValue();
        }
        json.endObject();
        level(json, "level", result.level().map(Level::value));
        level(json, "low", result.low().map(Level::value));
        level(json, "high", result.high().map(Level::value));
        json.name("confidence").value(result.confidence());
        json.name("levelErrorRate").value(result.levelErrorRate());
        json.name("breaksBelow").value(result.axis().breaksBelow());
        json.name("violatesRequireAbove").value(settings.requireAbove().isPresent() && result.violates());
        json.name("violatesRequireBelow").value(settings.requireBelow().isPresent() && result.violates());
        json.name("trials").value(result.trials());
        json.name("wallMs").value(result.wallTime().toNanos() / 1e6);
        json.name("stoppedBy").value(result.stoppedBy().orElse(null));
        json.name("undecided").beginArray(false);
        result.undecided().forEach(json::value);
        json.endArray();
        json.name("cause");
        if (result.cause().isPresent()) {
            BreakCause cause = result.cause().get();
            json.beginObject(false);
            json.name("level").value(cause.level().value());
            json.name("cause").value(cause.cause());
            json.name("trials").value(cause.count());
            json.name("proof").beginArray(false);
            cause.proof().forEach(json::value);
            json.endArray();
            json.endObject();
        } else {
            json.nullValue();
        }
        json.name("levels").beginArray(false);
        for (LevelRecord record : result.levels()) {
            PassRate rate = record.passRate();
            json.beginObject(true);
            json.name("level").value(record.level().value());
            json.name("trials").value(record.trials());
            json.name("passes").value(record.passes());
            json.name("failures").value(record.failures());
            json.name("passRate").value(rate.estimate());
            json.name("wilsonLow").value(rate.low());
            json.name("wilsonHigh").value(rate.high());
            json.name("decision").value(record.decision().name());
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.finish();
        return out.append('\n').toString();
    }

    private static void level(JsonWriter json, String name, Optional<Double> value) {
        json.name(name);
        if (value.isPresent()) {
            json.value(value.get().doubleValue());
        } else {
            json.nullValue();
        }
    }
}
