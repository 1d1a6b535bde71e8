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
 * rule's line of reasoning counts with: {@code (correct + K * pooled) / (total + K)} with
 * {@code K = }{@value #PRIOR_OUTCOMES}, where {@code pooled} is the precision of the whole table,
 * {@code (all correct + 1) / (all outcomes + 2)}. A rule seen a handful of times is judged mostly by
 * how the library does as a whole, a rule seen often by what it did itself. The pooled prior, not the
 * rule's hand-set weight, because the weights were measured to be too low: rules weighted 0.6 to 0.85
 * named the right class every time, and confidences stated from them fell short of the observed
 * accuracy by 0.17 (docs/patterns.md, "How confident is it"). A rule with no outcomes (never fired on
 * the corpora, or a user's rule) counts with its weight.
 *
 * <p>The built-in table ({@value #RESOURCE}) is written by {@code panic-bench/run calibrate}, never by
 * hand. Its lines are {@code rule-name = correct,total}. Immutable.
 */
public final class Calibration {

    /** Where the built-in table is on the class path. */
    public static final String RESOURCE = "dev/panicattack/signature/calibration.properties";
    /** How many outcomes the pooled prior counts as. */
    public static final int PRIOR_OUTCOMES = 2;

    private static final Calibration NONE = new Calibration(Map.of());

    private final Map<String, RuleOutcomes> outcomes;
    private final double pooled;

    private Calibration(Map<String, RuleOutcomes> outcomes) {
        this.outcomes = Map.copyOf(outcomes);
        int correct = outcomes.values().stream().mapToInt(RuleOutcomes::correct).sum();
        int total = outcomes.values().stream().mapToInt(RuleOutcomes::total).sum();
        this.pooled = (correct + 1.0) / (total + 2.0);
    }

    /** No outcomes: every rule counts with its weight. */
    public static Calibration none() {
        return NONE;
    }

    /** Exactly these outcomes, by rule name. */
    public static Calibration of(Map<String, RuleOutcomes> outcomes) {
        return new Calibration(Objects.requireNonNull(outcomes, "outcomes"));
    }

    /**
     * The table shipped in panic-core, or {@link #none()} when the jar has none. Read through this
     * class, so it is found on the module path too (a class loader sees no resource in a module's
     * packages).
     */
    public static Calibration builtIn() {
        try (InputStream in = Calibration.class.getResourceAsStream("/" + RESOURCE)) {
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

    /** The precision of the whole table, {@code (all correct + 1) / (all outcomes + 2)}: the prior of each rule's. */
    public double pooledPrecision() {
        return pooled;
    }

    /** The precision {@code rule} counts with: its outcomes smoothed toward the pooled precision, or {@code weight} without outcomes. */
    public double precision(String rule, double weight) {
        RuleOutcomes seen = outcomes.get(rule);
        if (seen == null) {
            return weight;
        }
        return (seen.correct() + PRIOR_OUTCOMES * pooled) / (seen.total() + PRIOR_OUTCOMES);
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
