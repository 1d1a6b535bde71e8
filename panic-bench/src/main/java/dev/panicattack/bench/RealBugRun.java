package dev.panicattack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** A signature's class, confidence and top rule as a report file states them. */
    private static final Pattern REPORT_SIGNATURE = Pattern.compile(
            "\"signatures\":\\s*\\[\\s*\\{\\s*\"bugClass\":\\s*\"(\\w+)\",\\s*\"confidence\":\\s*([-0-9.Ee]+)"
                    + ".*?\"proofs\":\\s*\\[\\s*\"(?:[^\"\\\\]|\\\\.)*?\\[([\\w#:.-]+)\\](?:\\\\n|\")", Pattern.DOTALL);

    /**
     * Reads a fork's result file; {@code killed} when the fork was killed at the time bound. A killed
     * run whose test never ended may still have been judged (a verdict is printed and its report written
     * as soon as a hang is detected, while the test's thread may never be freed): its class then comes
     * from the report in {@code reports}, and the run stays {@link Ending#HUNG}.
     */
    static RealBugRun read(RealBugCase bug, RealBugCase.Release release, Path resultFile, Path reports, boolean killed,
            int exitCode, long forkMillis) throws IOException {
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
        Optional<Matcher> judged = killed ? reportedSignature(reports) : Optional.empty();
        if (judged.isPresent()) {
            return new RealBugRun(bug, release, ending, Optional.of(BugClass.valueOf(judged.get().group(1))),
                    OptionalDouble.of(Double.parseDouble(judged.get().group(2))), judged.get().group(3), forkMillis,
                    failure + " (the verdict was printed and reported; the test was never freed)");
        }
        return new RealBugRun(bug, release, ending, Optional.empty(), OptionalDouble.empty(), "-", forkMillis, failure);
    }

    private static Optional<Matcher> reportedSignature(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Matcher matcher = REPORT_SIGNATURE.matcher(Files.readString(report, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
        }
        return Optional.empty();
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

    /** Whether panic-attack concluded a class: in the test's failure, or, for a hung test, in its report. */
    boolean classified() {
        return concluded.isPresent();
    }

    /** What was expected: the case's class, or {@code HEALTHY} for a control. */
    String expectedLabel() {
        return control() ? "HEALTHY" : bug.expected().name();
    }

    /**
     * What was concluded: a class, {@code UNCLASSIFIED} (failed, no class), {@code NONE} (passed),
     * {@code HUNG} (killed with no verdict) or {@code DIED}.
     */
    String concludedLabel() {
        if (concluded.isPresent()) {
            return concluded.get().name();
        }
        return ending == Ending.PASSED ? "NONE" : ending.name();
    }
}
