package dev.panicattack.breakingpoint;

/**
 * The pass rate observed at one level with its 95% Wilson score interval, which stays inside [0, 1] and
 * is honest for few trials and for rates of 0 or 1, where the normal approximation collapses to a point.
 *
 * @param passes passed trials
 * @param trials all trials
 * @param low    lower end of the interval, 0 to 1
 * @param high   upper end of the interval, 0 to 1
 */
public record PassRate(int passes, int trials, double low, double high) {

    /** z for a two-sided 95% interval. */
    private static final double Z95 = 1.959963984540054;

    public PassRate {
        if (trials < 0 || passes < 0 || passes > trials) {
            throw new IllegalArgumentException("passes must be between 0 and trials (" + trials + "), but was " + passes);
        }
    }

    /** The rate and interval of {@code passes} out of {@code trials}; with no trial, the interval is [0, 1]. */
    public static PassRate of(int passes, int trials) {
        if (trials == 0) {
            return new PassRate(0, 0, 0, 1);
        }
        double n = trials;
        double p = passes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // the exact ends at 0 and 1 passes: rounding must not leave 1e-17 where nothing passed
        double low = passes == 0 ? 0 : Math.max(0, centre - half);
        double high = passes == trials ? 1 : Math.min(1, centre + half);
        return new PassRate(passes, trials, low, high);
    }

    /** The observed rate, 0 to 1; NaN with no trial. */
    public double estimate() {
        return trials == 0 ? Double.NaN : (double) passes / trials;
    }
}
