package dev.panicattack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.panicattack.signature.BugClass;

/**
 * One run of a case on one release, as {@link RealBugFork} wrote it: how it ended, the class
 * panic-attack concluded (from {@code PanicSignatureError}'s fields), its confidence, the rule on the
 * first line of the proof, and what the test saw.
 */
record RealBugRun(RealBugCase bug, RealBugCase.Release release, Ending ending, Optional<BugClass> concluded,
        OptionalDouble confidence, String rule, long millis, String failure) {

    /** How the run ended. */
    enum Ending {
        /** The test passed. */
        PASSED,
        /** The test failed with a {@code PanicSignatureError}. */
        CLASSIFIED,
        /** The test failed, no class concluded. */
        UNCLASSIFIED,
        /** The fork was still running at the time bound and was killed: no verdict. */
        HUNG,
        /** The fork ended without reporting the test (its JVM died, or the class could not be run). */
        DIED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Reads a fork's result file; {@code killed} when the fork was killed at the time bound. */
    static RealBugRun read(RealBugCase bug, RealBugCase.Release release, Path resultFile, boolean killed, int exitCode,
            long forkMillis) throws IOException {
        List<String> lines = Files.exists(resultFile) ? Files.readAllLines(resultFile, StandardCharsets.UTF_8) : List.of();
        Optional<String[]> test = fields(lines, "test");
        if (test.isPresent()) {
            String[] fields = test.get();
            Optional<BugClass> concluded = fields[4].equals("-") ? Optional.empty() : Optional.of(BugClass.valueOf(fields[4]));
            Ending ending = fields[2].equals("SUCCESSFUL") ? Ending.PASSED
                    : concluded.isPresent() ? Ending.CLASSIFIED : Ending.UNCLASSIFIED;
            OptionalDouble confidence = fields[5].equals("-") ? OptionalDouble.empty()
                    : OptionalDouble.of(Double.parseDouble(fields[5]));
            return new RealBugRun(bug, release, ending, concluded, confidence, fields[6], Long.parseLong(fields[3]),
                    fields[7].equals("-") ? "-" : fields[7] + ": " + fields[8]);
        }
        Optional<String[]> container = fields(lines, "container");
        String failure = container.map(fields -> "the class failed before its test: " + fields[7] + ": " + fields[8])
                .orElse(killed ? "killed at the time bound" : "the JVM ended with exit code " + exitCode
                        + " before the test finished");
        Ending ending = killed ? Ending.HUNG : container.isPresent() ? Ending.UNCLASSIFIED : Ending.DIED;
        return new RealBugRun(bug, release, ending, Optional.empty(), OptionalDouble.empty(), "-", forkMillis, failure);
    }

    /** The first complete line of this kind ({@code test} or {@code container}); a killed run's last line may be cut short. */
    private static Optional<String[]> fields(List<String> lines, String kind) {
        return lines.stream().map(line -> line.split("\t", -1)).filter(fields -> fields[0].equals(kind) && fields.length >= 9)
                .findFirst();
    }

    /** Whether this run is a control (the fixed release). */
    boolean control() {
        return release == RealBugCase.Release.FIXED;
    }

    /** A buggy run classified as its expected class, or a control that passed. */
    boolean correct() {
        return control() ? ending == Ending.PASSED : concluded.equals(Optional.of(bug.expected()));
    }

    /** What was expected: the case's class, or {@code HEALTHY} for a control. */
    String expectedLabel() {
        return control() ? "HEALTHY" : bug.expected().name();
    }

    /** What was concluded: a class, {@code UNCLASSIFIED} (failed, no class), {@code NONE} (passed), {@code HUNG} or {@code DIED}. */
    String concludedLabel() {
        return switch (ending) {
            case CLASSIFIED -> concluded.orElseThrow().name();
            case PASSED -> "NONE";
            default -> ending.name();
        };
    }
}
