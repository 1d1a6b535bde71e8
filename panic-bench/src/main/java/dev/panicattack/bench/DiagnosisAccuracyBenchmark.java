package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.panicattack.examples.corpus.Corpus;
import dev.panicattack.examples.corpus.CorpusRun;
import dev.panicattack.junit.PanicSignatureError;

/**
 * {@code diagnosis-accuracy}: the seeded-defect corpus of panic-examples run as a build would run
 * it; a confusion matrix (expected class or HEALTHY, by concluded class, NONE or UNCLASSIFIED), then
 * the totals, and the reliability of the confidences the classified failures stated.
 */
final class DiagnosisAccuracyBenchmark implements Benchmark {

    @Override
    public String name() {
        return "diagnosis-accuracy";
    }

    @Override
    public void run(PrintStream out) {
        List<CorpusRun.Result> results = CorpusRun.withConfiguration(Map.of()).run(Corpus.classes());
        Map<String, Map<String, Integer>> matrix = new TreeMap<>();
        int correct = 0;
        int falseAlarms = 0;
        int healthy = 0;
        Reliability stated = new Reliability();
        for (CorpusRun.Result result : results) {
            String expected = result.expected().map(Enum::name).orElse("HEALTHY");
            String concluded = result.concluded().map(Enum::name)
                    .orElse(result.failed() ? "UNCLASSIFIED" : "NONE");
            matrix.computeIfAbsent(expected, key -> new TreeMap<>()).merge(concluded, 1, Integer::sum);
            if (result.correct()) {
                correct++;
            }
            if (result.expected().isEmpty()) {
                healthy++;
                if (result.failed()) {
                    falseAlarms++;
                }
            }
            if (!result.correct()) {
                out.println("wrong: " + result.describe());
            }
            result.failure().filter(PanicSignatureError.class::isInstance).map(PanicSignatureError.class::cast)
                    .ifPresent(error -> stated.add(error.confidence(), result.correct()));
        }
        out.println("confusion matrix (expected -> concluded: count)");
        matrix.forEach((expected, row) -> out.println("  " + expected + " -> " + row));
        out.println("RESULT diagnosis-accuracy correct=" + correct + " total=" + results.size()
                + " false_alarms=" + falseAlarms + " healthy=" + healthy);
        // The confidences the failures stated, with the shipped calibration (in sample: the table was counted on this corpus).
        stated.print(out, "corpus=seeded fit=shipped");
    }
}
