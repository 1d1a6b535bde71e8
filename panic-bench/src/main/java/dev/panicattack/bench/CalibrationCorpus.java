package dev.panicattack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.panicattack.examples.corpus.Corpus;
import dev.panicattack.examples.corpus.CorpusRun;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.SignatureEngine;
import dev.panicattack.signature.datalog.Rule;

/**
 * The cases calibration learns from: the seeded corpus run with every derived class concluded
 * ({@code panic.diagnose.minConfidence=0}), each class's lines read from the test's JSON report; and
 * the real-bug corpus's per-case table when it is there (one line a case: the top class's concluding
 * rule). Also the built-in concluding rules' weights, the prior of their precision.
 */
final class CalibrationCorpus {

    /** Where the real-bug benchmark writes its per-run table (read by its header: case, release, expected, concluded, rule). */
    static final Path REAL_BUGS_TABLE = Path.of("panic-realbugs/target/real-bugs.tsv");

    private CalibrationCorpus() {
    }

    static List<CalibrationCase> seeded(Path reports) {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of(
                PanicConfiguration.MIN_CONFIDENCE_PROPERTY_NAME, "0",
                PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, reports.toString())).run(Corpus.classes());
        List<CalibrationCase> cases = new ArrayList<>();
        for (CorpusRun.Result result : results) {
            Map<BugClass, List<String>> considered = new EnumMap<>(BugClass.class);
            if (result.failed()) {
                Path json = result.report().orElseThrow(() -> new IllegalStateException(
                        result.test() + " failed without a report, so its lines of reasoning are unknown: " + result.describe()));
                considered.putAll(considered(json));
            }
            cases.add(new CalibrationCase("seeded " + result.test(), result.expected(), considered));
        }
        return cases;
    }

    private static Map<BugClass, List<String>> considered(Path json) {
        try {
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            Map<BugClass, List<String>> considered = new EnumMap<>(BugClass.class);
            for (JsonNode signature : report.path("signatures")) {
                List<String> rules = new ArrayList<>();
                signature.path("reasoning").forEach(line -> rules.add(line.path("rule").asText()));
                considered.put(BugClass.valueOf(signature.path("bugClass").asText()), rules);
            }
            return considered;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report " + json, e);
        }
    }

    /** The real-bug table's cases, or none when the file is not there (the real-bug benchmark has not run). */
    static List<CalibrationCase> realBugs(Path table) {
        if (!Files.isRegularFile(table)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int[] at = {header.indexOf("case"), header.indexOf("release"), header.indexOf("expected"), header.indexOf("concluded"),
                header.indexOf("rule")};
        if (Arrays.stream(at).anyMatch(index -> index < 0)) {
            throw new IllegalArgumentException(table + ": expected a header with the columns case, release, expected,"
                    + " concluded and rule, but it was '" + lines.get(0) + "'; rerun panic-bench/run real-bugs");
        }
        List<CalibrationCase> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            if (line.isBlank()) {
                continue;
            }
            if (columns.length < header.size()) {
                throw new IllegalArgumentException(table + ": expected " + header.size() + " tab-separated columns, but"
                        + " the line was '" + line + "'; rerun panic-bench/run real-bugs");
            }
            String rule = columns[at[4]].strip();
            Map<BugClass, List<String>> considered = new EnumMap<>(BugClass.class);
            bugClass(columns[at[3]]).filter(concluded -> !rule.isEmpty() && !rule.equals("-"))
                    .ifPresent(concluded -> considered.put(concluded, List.of(rule)));
            cases.add(new CalibrationCase("real " + columns[at[0]] + " " + columns[at[1]], bugClass(columns[at[2]]),
                    considered));
        }
        return cases;
    }

    private static Optional<BugClass> bugClass(String name) {
        return Arrays.stream(BugClass.values()).filter(bugClass -> bugClass.name().equals(name.strip())).findFirst();
    }

    /**
     * The built-in concluding rules' weights by name. Calibration replaces only the concluding rule's
     * weight, so it needs every other built-in rule at weight 1: a weight there would be counted twice.
     */
    static Map<String, Double> weights() {
        SignatureEngine engine = SignatureEngine.withPatternLibrary(CalibrationCorpus.class.getClassLoader());
        Map<String, Double> weights = new HashMap<>();
        for (Rule rule : engine.program().rules()) {
            if (rule.headPredicate().equals("signature")) {
                weights.put(rule.name(), rule.weight());
            } else if (rule.weight() != 1.0) {
                throw new IllegalStateException("calibration assumes the built-in rules below a signature have weight 1,"
                        + " but " + rule.name() + " (" + rule.source() + ":" + rule.line() + ") has " + rule.weight()
                        + "; move the weight to the rule that concludes the signature");
            }
        }
        return weights;
    }
}
