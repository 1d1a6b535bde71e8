package dev.panicattack.breakingpoint;

import java.util.Optional;

/**
 * The sequential test that decides one level from its trials: Wald's sequential probability ratio test of
 * "fails at most at the passing rate p0" against "fails at least at the breaking rate p1", truncated at
 * the repeats allowed. After each trial the log-likelihood ratio of the trials so far,
 * {@code f ln(p1/p0) + s ln((1-p1)/(1-p0))} for {@code f} failures and {@code s} passes, is compared with
 * {@code ln((1-e)/e)} (breaking) and {@code ln(e/(1-e))} (passing); at the last repeat its sign decides.
 * Wald's bounds on the error rates are approximate and ignore the truncation, so the rates this test
 * reports ({@link #passingError()}, {@link #breakingError()}) are computed exactly, by summing over every
 * sequence of outcomes the test can see; {@code e} is lowered until both are within the target.
 */
final class FailureRateTest {

    /** Enough halvings of {@code e} for any target a confidence above 0 can ask for. */
    private static final int MAX_TIGHTENINGS = 60;

    private final double failureWeight;
    private final double passWeight;
    private final double upper;
    private final double lower;
    private final int maxRepeats;
    private final double passingError;
    private final double breakingError;

    private FailureRateTest(double p0, double p1, double e, int maxRepeats) {
        this.failureWeight = Math.log(p1 / p0);
        this.passWeight = Math.log((1 - p1) / (1 - p0));
        this.upper = Math.log((1 - e) / e);
        this.lower = Math.log(e / (1 - e));
        this.maxRepeats = maxRepeats;
        this.passingError = 1 - passProbability(p0);
        this.breakingError = passProbability(p1);
    }

    /**
     * The test for one level of a search that may decide up to {@code plannedLevels} levels: each level
     * wrong with probability at most {@code (1 - confidence) / plannedLevels}, when the repeats allow it.
     */
    static FailureRateTest forSearch(SearchSettings settings, int plannedLevels) {
        double target = (1 - settings.confidence()) / plannedLevels;
        double e = Math.min(target, 0.5 - 1e-9);
        FailureRateTest best = null;
        for (int i = 0; i < MAX_TIGHTENINGS; i++) {
            FailureRateTest test = new FailureRateTest(settings.passingFailureRate(), settings.breakingFailureRate(),
                    e, settings.maxRepeats());
            if (best == null || test.worstError() < best.worstError()) {
                best = test;
            }
            if (test.worstError() <= target) {
                return test;
            }
            e *= 0.7;
        }
        // the repeats allowed are too few for the target: the result states the confidence reached
        return best;
    }

    /** The decision after {@code passes} passed and {@code failures} failed trials, or empty to run another. */
    Optional<LevelDecision> decide(int passes, int failures) {
        double ratio = failures * failureWeight + passes * passWeight;
        boolean last = passes + failures >= maxRepeats;
        if (ratio >= upper || last && ratio >= 0) {
            return Optional.of(passes == 0 ? LevelDecision.FAILS : LevelDecision.FLAKY);
        }
        if (ratio <= lower || last) {
            return Optional.of(LevelDecision.PASSES);
        }
        return Optional.empty();
    }

    /** The chance of not deciding PASSES at a level that fails at exactly the passing rate. */
    double passingError() {
        return passingError;
    }

    /** The chance of deciding PASSES at a level that fails at exactly the breaking rate. */
    double breakingError() {
        return breakingError;
    }

    /** The larger of the two error rates: the most one decision can be wrong. */
    double worstError() {
        return Math.max(passingError, breakingError);
    }

    /** Trials a level that always passes needs. */
    int trialsToPass() {
        for (int n = 1; ; n++) {
            if (decide(n, 0).isPresent()) {
                return n;
            }
        }
    }

    /** Trials a level that always fails needs. */
    int trialsToFail() {
        for (int n = 1; ; n++) {
            if (decide(0, n).isPresent()) {
                return n;
            }
        }
    }

    /** The exact chance of deciding PASSES when each trial fails with probability {@code p}. */
    private double passProbability(double p) {
        // probability of each failure count among the sequences still undecided after n trials
        double[] open = new double[maxRepeats + 1];
        open[0] = 1;
        double passes = 0;
        for (int n = 0; n < maxRepeats; n++) {
            double[] next = new double[maxRepeats + 1];
            for (int failures = 0; failures <= n; failures++) {
                double reach = open[failures];
                if (reach == 0) {
                    continue;
                }
                passes += settle(n + 1 - failures, failures, reach * (1 - p), next);
                passes += settle(n - failures, failures + 1, reach * p, next);
            }
            open = next;
        }
        return passes;
    }

    /** Adds the mass that passes here to the result, or keeps an undecided one for the next trial. */
    private double settle(int passes, int failures, double mass, double[] next) {
        if (mass == 0) {
            return 0;
        }
        Optional<LevelDecision> decision = decide(passes, failures);
        if (decision.isEmpty()) {
            next[failures] += mass;
            return 0;
        }
        return decision.get() == LevelDecision.PASSES ? mass : 0;
    }
}
