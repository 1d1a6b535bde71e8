package dev.panicattack.fuse;

import java.util.Optional;

/**
 * A least-squares line through a series of (seconds, value) points, the way {@link PredictiveFuse}
 * fits each limit: {@code level} is the fitted value at time 0, {@code slope} the fitted change per
 * second and {@code standardError} the slope's standard error (0 with two points).
 */
record TrendLine(double level, double slope, double standardError) {

    /**
     * The line through {@code values} at {@code seconds} (same length, at least 2), or empty when all
     * points share one time, so no slope can be fitted. Times are best given relative to the newest
     * point, which keeps the sums small and the fit numerically stable.
     */
    static Optional<TrendLine> fit(double[] seconds, double[] values) {
        double n = seconds.length;
        double sumT = 0;
        double sumV = 0;
        for (int i = 0; i < seconds.length; i++) {
            sumT += seconds[i];
            sumV += values[i];
        }
        double meanT = sumT / n;
        double meanV = sumV / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < seconds.length; i++) {
            double dt = seconds[i] - meanT;
            sxx += dt * dt;
            sxy += dt * (values[i] - meanV);
        }
        if (!(sxx > 0)) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double level = meanV - slope * meanT;
        double residuals = 0;
        for (int i = 0; i < seconds.length; i++) {
            double residual = values[i] - (level + slope * seconds[i]);
            residuals += residual * residual;
        }
        double standardError = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : 0;
        return Optional.of(new TrendLine(level, slope, standardError));
    }
}
