package dev.panicattack.forecast;

/**
 * Quantiles of Student's t distribution for any real number of degrees of freedom: an effective
 * sample size is rarely whole. The distribution function comes from the regularized incomplete beta
 * function (continued fraction, as in Press et al., Numerical Recipes, 6.4), the quantile from
 * bisection on it.
 */
final class StudentT {

    private static final int MAX_ITERATIONS = 300;
    private static final double EPSILON = 1e-12;
    private static final double TINY = 1e-300;
    private static final double[] LANCZOS = {76.18009172947146, -86.50532032941677, 24.01409824083091,
            -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};

    private StudentT() {
    }

    /** The {@code p} quantile (0.5 < p < 1) with {@code degrees} degrees of freedom (> 0). */
    static double quantile(double p, double degrees) {
        if (!(p > 0.5 && p < 1) || !(degrees > 0)) {
            throw new IllegalArgumentException("quantile needs 0.5 < p < 1 and degrees > 0, but was p=" + p
                    + ", degrees=" + degrees);
        }
        double low = 0;
        double high = 1;
        while (cumulative(high, degrees) < p) {
            high *= 2;
        }
        for (int i = 0; i < MAX_ITERATIONS && high - low > EPSILON * high; i++) {
            double middle = (low + high) / 2;
            if (cumulative(middle, degrees) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** P(T <= t) for t >= 0. */
    static double cumulative(double t, double degrees) {
        double x = degrees / (degrees + t * t);
        return 1 - 0.5 * regularizedBeta(x, degrees / 2, 0.5);
    }

    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        // The continued fraction converges quickly only on this side of the mean; the other uses symmetry.
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < TINY ? TINY : d);
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + even / c;
            c = Math.abs(c) < TINY ? TINY : c;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + odd / c;
            c = Math.abs(c) < TINY ? TINY : c;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < EPSILON) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0 (Lanczos). */
    static double logGamma(double x) {
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double series = 1.000000000190015;
        for (double coefficient : LANCZOS) {
            series += coefficient / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * series / x);
    }
}
