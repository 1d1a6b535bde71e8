package dev.panicattack.signature;

/**
 * How often one concluding rule was right: of the {@code total} signatures it supported on a corpus
 * with known answers, {@code correct} named the expected class.
 */
public record RuleOutcomes(int correct, int total) {

    public RuleOutcomes {
        if (correct < 0 || total < correct) {
            throw new IllegalArgumentException("rule outcomes must have 0 <= correct <= total, but were correct "
                    + correct + " of total " + total);
        }
    }

    /** These outcomes and one more: correct or not. */
    public RuleOutcomes plus(boolean wasCorrect) {
        return new RuleOutcomes(correct + (wasCorrect ? 1 : 0), total + 1);
    }

    /** These outcomes without {@code other} (a held-out part of the corpus). */
    public RuleOutcomes minus(RuleOutcomes other) {
        return new RuleOutcomes(correct - other.correct, total - other.total);
    }
}
