package dev.panicattack.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.panicattack.breakingpoint.TrialOutcome;

/**
 * How a forked trial hands its outcome back: a UTF-8 file of lines {@code passed true|false},
 * {@code cause <text>}, {@code proof <line>} (one per proof line) and {@code millis <n>}, in that order.
 * Newlines inside a value are written as spaces.
 */
final class TrialOutcomeFile {

    private TrialOutcomeFile() {
    }

    static void write(Path file, TrialOutcome outcome) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("passed " + outcome.passed());
        outcome.cause().ifPresent(cause -> lines.add("cause " + oneLine(cause)));
        outcome.proof().forEach(line -> lines.add("proof " + oneLine(line)));
        lines.add("millis " + outcome.duration().toMillis());
        Path written = file.resolveSibling(file.getFileName() + ".part");
        Files.write(written, lines, StandardCharsets.UTF_8);
        // Whole or absent: a child killed while writing leaves no half outcome to read.
        Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The outcome in {@code file}, or empty when the child wrote none. */
    static Optional<TrialOutcome> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        boolean passed = false;
        Optional<String> cause = Optional.empty();
        List<String> proof = new ArrayList<>();
        Duration duration = Duration.ZERO;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "passed" -> passed = Boolean.parseBoolean(value);
                case "cause" -> cause = Optional.of(value);
                case "proof" -> proof.add(value);
                case "millis" -> duration = Duration.ofMillis(Long.parseLong(value));
                default -> throw new IOException("unexpected line '" + line + "' in the trial outcome " + file);
            }
        }
        return Optional.of(new TrialOutcome(passed, cause, proof, duration));
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
