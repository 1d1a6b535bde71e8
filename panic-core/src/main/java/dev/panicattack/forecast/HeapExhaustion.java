package dev.panicattack.forecast;

import java.time.Duration;
import java.util.Optional;

/**
 * Predicts when a growing live heap fills the heap, from the live-heap points of one run, with an
 * interval meant to hold the real {@link OutOfMemoryError} 95% of the time.
 *
 * <p>The method: a least-squares line through the points, time against bytes. Its residuals are
 * autocorrelated (a leak that steps, a cache that fills then drops, a collection that runs late
 * leave runs of points on one side of the line), so the points are worth fewer independent ones:
 * the effective sample size {@code n (1 - r1) / (1 + r1)}, from the residuals' lag-1 autocorrelation
 * {@code r1} (taken as 0 when negative, so it never narrows the interval; at least 3). The slope's
 * variance and the mean's use it in place of {@code n}, and the quantile is Student's t with
 * {@code n_eff - 2} degrees of freedom, so a few, correlated points give a wide interval. The
 * interval for the time is the inverse prediction (Fieller's) interval: every time at which the
 * line's 95% prediction band (the fit's uncertainty and one point's scatter) holds the exhaustion
 * level.
 *
 * <p>The level: the collectors throw before the live heap fills the last byte (the Parallel
 * collector's overhead limit, the room a copying or compacting collection needs). Exhaustion is taken
 * to happen anywhere in the top {@value #BAND_PERCENT}% of the heap the test can fill: the interval's low end is
 * where the band begins, its high end where the heap is full, the point estimate at the band's
 * middle. The JVM throws only after the full collections a failed allocation runs
 * ({@link FullCollections}): the high end is later by that long.
 *
 * <p>Nothing is predicted from fewer than {@value #MIN_POINTS} points, when the points grew by less
 * than 5% of the heap (the {@code MEMORY_LEAK} rule's bar), or when the slope is not positive at the
 * 95% level (the interval would have no end).
 */
public final class HeapExhaustion {

    /** The least number of points, as the leak rule asks. */
    public static final int MIN_POINTS = 4;
    /** The top share of the heap, in percent, in which the collectors throw. */
    public static final int BAND_PERCENT = 10;
    private static final double MIN_EFFECTIVE_POINTS = 3;
    private static final double CONFIDENCE = 0.95;
    /** Growth from first to last point must be at least 1/20 of the heap: the leak rule's bar. */
    private static final int GROWTH_SHARE = 20;

    private HeapExhaustion() {
    }

    /**
     * The forecast from live-heap points ({@code atMillis} ascending, on the trial's clock, and the
     * bytes live then) for a heap of {@code limitBytes} the test can fill; empty when the heap does
     * not grow enough, or not surely.
     */
    public static Optional<ExhaustionForecast> forecast(long[] atMillis, long[] bytes, long limitBytes) {
        return forecast(atMillis, bytes, limitBytes, Duration.ZERO);
    }

    /**
     * As {@link #forecast(long[], long[], long)}, for a JVM whose full collections take up to
     * {@code fullCollection}: the interval's high end is {@link FullCollections#BEFORE_OUT_OF_MEMORY}
     * of them later.
     */
    public static Optional<ExhaustionForecast> forecast(long[] atMillis, long[] bytes, long limitBytes,
            Duration fullCollection) {
        if (atMillis.length != bytes.length) {
            throw new IllegalArgumentException("forecast needs one byte count per time, but had " + atMillis.length
                    + " times and " + bytes.length + " byte counts");
        }
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("forecast needs a heap limit of at least 1 byte, but was " + limitBytes);
        }
        int n = atMillis.length;
        if (n < MIN_POINTS || (bytes[n - 1] - bytes[0]) * (double) GROWTH_SHARE < limitBytes) {
            return Optional.empty();
        }
        double meanT = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanT += atMillis[i] / 1000.0;
            meanY += bytes[i];
        }
        meanT /= n;
        meanY /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dt = atMillis[i] / 1000.0 - meanT;
            sxx += dt * dt;
            sxy += dt * (bytes[i] - meanY);
        }
        if (!(sxx > 0)) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double[] residuals = new double[n];
        double sse = 0;
        for (int i = 0; i < n; i++) {
            residuals[i] = bytes[i] - (meanY + slope * (atMillis[i] / 1000.0 - meanT));
            sse += residuals[i] * residuals[i];
        }
        double lagged = 0;
        for (int i = 0; i + 1 < n; i++) {
            lagged += residuals[i] * residuals[i + 1];
        }
        double r1 = sse > 0 ? Math.min(Math.max(lagged / sse, 0), 1) : 0;
        double effective = Math.min(n, Math.max(MIN_EFFECTIVE_POINTS, n * (1 - r1) / (1 + r1)));
        double q = StudentT.quantile(1 - (1 - CONFIDENCE) / 2, effective - 2);
        double scatter = sse / (n - 2);
        double slopeVariance = scatter / (sxx * effective / n);
        double a = slope * slope - q * q * slopeVariance;
        if (!(slope > 0) || !(a > 0)) {
            return Optional.empty();
        }
        double pointVariance = q * q * scatter * (1 + 1 / effective);
        double full = limitBytes;
        double bandStart = limitBytes * (1 - BAND_PERCENT / 100.0);
        double at = meanT + ((bandStart + full) / 2 - meanY) / slope;
        double low = meanT + root(meanY - bandStart, slope, a, q * q * slopeVariance, pointVariance, -1);
        double high = meanT + root(meanY - full, slope, a, q * q * slopeVariance, pointVariance, +1)
                + FullCollections.BEFORE_OUT_OF_MEMORY * fullCollection.toMillis() / 1000.0;
        return Optional.of(new ExhaustionForecast(millis(at), millis(Math.min(low, at)), millis(Math.max(high, at)),
                limitBytes));
    }

    /**
     * A root of {@code a u² + 2 slope d u + d² - pointVariance = 0} (d: mean minus level; u: time from
     * the mean time), where the prediction band's edge meets the level: the lower one ({@code sign} -1)
     * or the upper one (+1).
     */
    private static double root(double d, double slope, double a, double slopeTerm, double pointVariance, int sign) {
        double discriminant = d * d * slopeTerm + a * pointVariance;
        return (-slope * d + sign * Math.sqrt(discriminant)) / a;
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
    }
}
