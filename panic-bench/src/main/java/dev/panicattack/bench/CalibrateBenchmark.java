package dev.panicattack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.Calibration;
import dev.panicattack.signature.LineOfReasoning;
import dev.panicattack.signature.RuleOutcomes;
import dev.panicattack.signature.SignatureEngine;

/**
 * {@code calibrate}: runs the seeded corpus (and reads the real-bug corpus's table when it is there),
 * counts each built-in concluding rule's outcomes, writes them to panic-core's calibration table, and
 * prints how well the calibrated confidences match what was observed: in sample, and held out (each
 * case judged by a table counted without it).
 */
final class CalibrateBenchmark implements Benchmark {

    static final Path TABLE = Path.of("panic-core/src/main/resources", Calibration.RESOURCE);

    @Override
    public String name() {
        return "calibrate";
    }

    @Override
    public void run(PrintStream out) throws IOException {
        Map<String, Double> weights = CalibrationCorpus.weights();
        Path reports = Files.createTempDirectory("panic-calibrate");
        List<CalibrationCase> seeded = CalibrationCorpus.seeded(reports);
        List<CalibrationCase> real = CalibrationCorpus.realBugs(CalibrationCorpus.REAL_BUGS_TABLE);
        List<CalibrationCase> all = new ArrayList<>(seeded);
        all.addAll(real);

        Map<String, RuleOutcomes> outcomes = new TreeMap<>(CalibrationTable.outcomes(all));
        outcomes.keySet().retainAll(weights.keySet());
        Calibration calibration = Calibration.of(outcomes);
        String header = "Outcomes of each built-in concluding rule: rule = correct,total. Written by panic-bench/run calibrate\n"
                + "on " + LocalDate.now(ZoneOffset.UTC) + " from the seeded corpus (" + seeded.size() + " tests, every derived class"
                + " concluded)" + (real.isEmpty() ? "" : " and the real-bug corpus (" + real.size() + " cases, "
                        + CalibrationCorpus.REAL_BUGS_TABLE + ")") + ".\n"
                + "A class a rule supported is correct when it is the class expected. Do not edit: rerun the benchmark.";
        Files.writeString(TABLE, calibration.write(header), StandardCharsets.UTF_8);
        out.println("wrote " + TABLE);
        out.println("rule: correct/total, weight -> precision");
        outcomes.forEach((rule, seen) -> out.println(String.format(Locale.ROOT, "  %s: %d/%d, %.2f -> %.3f", rule,
                seen.correct(), seen.total(), weights.get(rule), calibration.precision(rule, weights.get(rule)))));

        report(out, "seeded", seeded, all, calibration, weights);
        if (!real.isEmpty()) {
            report(out, "real-bugs", real, all, calibration, weights);
        }
    }

    private static void report(PrintStream out, String corpus, List<CalibrationCase> cases, List<CalibrationCase> all,
            Calibration calibration, Map<String, Double> weights) {
        Map<String, RuleOutcomes> counted = CalibrationTable.outcomes(all);
        Reliability inSample = new Reliability();
        Reliability heldOut = new Reliability();
        int below = 0;
        int belowCorrect = 0;
        for (CalibrationCase each : cases) {
            primary(each, calibration, weights).ifPresent(stated -> inSample.add(stated.confidence(),
                    each.expected().equals(Optional.of(stated.bugClass()))));
            Optional<Stated> held = primary(each, CalibrationTable.without(counted, each), weights);
            if (held.isPresent()) {
                boolean correct = each.expected().equals(Optional.of(held.get().bugClass()));
                heldOut.add(held.get().confidence(), correct);
                if (held.get().confidence() < SignatureEngine.DEFAULT_MIN_CONFIDENCE) {
                    below++;
                    belowCorrect += correct ? 1 : 0;
                }
            }
        }
        inSample.print(out, "corpus=" + corpus + " fit=in-sample");
        heldOut.print(out, "corpus=" + corpus + " fit=leave-one-out");
        out.println(String.format(Locale.ROOT, "RESULT calibration-threshold corpus=%s min_confidence=%.2f below=%d"
                + " below_correct=%d", corpus, SignatureEngine.DEFAULT_MIN_CONFIDENCE, below, belowCorrect));
    }

    /** The class the engine would name first with {@code calibration}, and its confidence. */
    static Optional<Stated> primary(CalibrationCase each, Calibration calibration, Map<String, Double> weights) {
        Optional<Stated> best = Optional.empty();
        for (Map.Entry<BugClass, List<String>> entry : each.considered().entrySet()) {
            List<Double> strengths = entry.getValue().stream().filter(weights::containsKey)
                    .map(rule -> calibration.precision(rule, weights.get(rule))).toList();
            if (strengths.isEmpty()) {
                continue;
            }
            double confidence = LineOfReasoning.combined(strengths);
            // Ties go to the class declared first, as the engine sorts them (entries come in declaration order).
            if (best.isEmpty() || confidence > best.get().confidence()) {
                best = Optional.of(new Stated(entry.getKey(), confidence));
            }
        }
        return best;
    }

    /** A class named with a confidence. */
    record Stated(BugClass bugClass, double confidence) {
    }
}
