package dev.panicattack.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each built-in concluding rule's outcomes on the corpora with known answers, and the precision a
 * rule's line of reasoning counts with: {@code (correct + K * weight) / (total + K)} with
 * {@code K = }{@value #PRIOR_OUTCOMES}. The rule's hand-set {@code @weight} is the prior, worth
 * {@value #PRIOR_OUTCOMES} outcomes: a rule seen a handful of times keeps near its weight, a rule seen
 * often is judged by what it did. A rule with no outcomes counts with its weight.
 *
 * <p>The built-in table ({@value #RESOURCE}) is written by {@code panic-bench/run calibrate}, never by
 * hand. Its lines are {@code rule-name = correct,total}. Immutable.
 */
public final class Calibration {

    /** Where the built-in table is on the class path. */
    public static final String RESOURCE = "dev/panicattack/signature/calibration.properties";
    /** How many outcomes the hand-set weight counts as. */
    public static final int PRIOR_OUTCOMES = 2;

    private static final Calibration NONE = new Calibration(Map.of());

    private final Map<String, RuleOutcomes> outcomes;

    private Calibration(Map<String, RuleOutcomes> outcomes) {
        this.outcomes = Map.copyOf(outcomes);
    }

    /** No outcomes: every rule counts with its weight. */
    public static Calibration none() {
        return NONE;
    }

    /** Exactly these outcomes, by rule name. */
    public static Calibration of(Map<String, RuleOutcomes> outcomes) {
        return new Calibration(Objects.requireNonNull(outcomes, "outcomes"));
    }

    /** The built-in table, or {@link #none()} when {@code loader} has none. */
    public static Calibration builtIn(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? NONE : parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads {@code rule = correct,total} lines; {@code #} starts a comment.
     *
     * @throws IllegalArgumentException naming the source and line of a line that is not in that form
     */
    public static Calibration parse(String source, String text) {
        Map<String, RuleOutcomes> read = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String[] counts = equals < 0 ? new String[0] : line.substring(equals + 1).split(",");
            try {
                if (counts.length != 2 || line.substring(0, equals).isBlank()) {
                    throw new NumberFormatException();
                }
                read.put(line.substring(0, equals).strip(),
                        new RuleOutcomes(Integer.parseInt(counts[0].strip()), Integer.parseInt(counts[1].strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'rule-name = correct,total' with "
                        + "0 <= correct <= total, but was '" + line + "'; regenerate it with panic-bench/run calibrate", e);
            }
        }
        return new Calibration(read);
    }

    /** The outcomes of {@code rule}, if it has any. */
    public Optional<RuleOutcomes> outcomes(String rule) {
        return Optional.ofNullable(outcomes.get(rule));
    }

    /** Every rule's outcomes, by name. */
    public Map<String, RuleOutcomes> outcomes() {
        return new TreeMap<>(outcomes);
    }

    /** The precision {@code rule} counts with: smoothed toward {@code weight}, or {@code weight} alone without outcomes. */
    public double precision(String rule, double weight) {
        RuleOutcomes seen = outcomes.get(rule);
        if (seen == null) {
            return weight;
        }
        return (seen.correct() + PRIOR_OUTCOMES * weight) / (seen.total() + PRIOR_OUTCOMES);
    }

    /** The table as its resource file: {@code header} as comment lines, then one rule a line, sorted. */
    public String write(String header) {
        StringBuilder text = new StringBuilder();
        header.lines().forEach(line -> text.append("# ").append(line).append('\n'));
        new TreeMap<>(outcomes).forEach((rule, seen) -> text.append(rule).append(" = ").append(seen.correct()).append(',')
                .append(seen.total()).append('\n'));
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Calibration that && that.outcomes.equals(outcomes);
    }

    @Override
    public int hashCode() {
        return outcomes.hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Calibration%s", new TreeMap<>(outcomes));
    }
}
