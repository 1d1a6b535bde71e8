package dev.panicattack.trial;

import java.util.List;
import java.util.Optional;

import dev.panicattack.forecast.ExhaustionForecast;
import dev.panicattack.forecast.HeapNeed;
import dev.panicattack.report.ReportFiles;
import dev.panicattack.signature.Diagnosis;
import dev.panicattack.signature.Signature;

/**
 * How a trial ended: the signatures derived (strongest first), the pressure as planned (with where
 * it was declared) and as achieved, the hang if one was detected, where the report is, and why it is
 * not there when it could not be written (a warning beside the verdict, never a replacement for it),
 * and what failed in the library itself while it judged: pressure that would not stop, a rule program
 * that broke or ran past its budget. Those fail a passing test and stand beside a failing test's own
 * failure. From the heap evidence: when a growing heap is forecast to run out, and the smallest maximum
 * heap at which the run would pass ({@code docs/oom-prediction.md}). The diagnosis keeps what the rules
 * considered beside what they concluded: the classes below the confidence needed and the rules that
 * nearly fired, for a failure that stays unclassified.
 */
public record Verdict(
        List<Signature> signatures,
        TrialPressure pressure,
        String achieved,
        Optional<Hang> hang,
        Optional<ReportFiles> report,
        Optional<String> reportProblem,
        List<RuntimeException> libraryFailures,
        Optional<ExhaustionForecast> exhaustion,
        Optional<HeapNeed> heapNeed,
        Diagnosis diagnosis) {

    public Verdict {
        signatures = List.copyOf(signatures);
        java.util.Objects.requireNonNull(exhaustion, "exhaustion");
        java.util.Objects.requireNonNull(heapNeed, "heapNeed");
        java.util.Objects.requireNonNull(pressure, "pressure");
        java.util.Objects.requireNonNull(reportProblem, "reportProblem");
        libraryFailures = List.copyOf(libraryFailures);
        java.util.Objects.requireNonNull(diagnosis, "diagnosis");
    }

    /** The strongest signature, if any rule fired. */
    public Optional<Signature> primary() {
        return signatures.stream().findFirst();
    }
}
