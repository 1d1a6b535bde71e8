package dev.panicattack.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One data series of a chart: points sorted by x (seconds since the test started), the unit its y
 * values are in, its legend label, colour and line style.
 */
record Series(Unit unit, String label, String color, boolean dashed, double[] x, double[] y) {

    /** A series from points in any order; it sorts them by x. */
    static Series of(Unit unit, String label, String color, boolean dashed, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + label + " has " + x.length + " x values but "
                    + y.length + " y values");
        }
        boolean sorted = true;
        for (int i = 1; i < x.length && sorted; i++) {
            sorted = x[i - 1] <= x[i];
        }
        if (sorted) {
            return new Series(unit, label, color, dashed, x, y);
        }
        int[] order = IntStream.range(0, x.length).boxed()
                .sorted(Comparator.comparingDouble(i -> x[i])).mapToInt(Integer::intValue).toArray();
        double[] sortedX = new double[x.length];
        double[] sortedY = new double[y.length];
        for (int i = 0; i < order.length; i++) {
            sortedX[i] = x[order[i]];
            sortedY[i] = y[order[i]];
        }
        return new Series(unit, label, color, dashed, sortedX, sortedY);
    }

    int size() {
        return x.length;
    }

    double maxX() {
        return x.length == 0 ? 0 : x[x.length - 1];
    }

    double maxY() {
        double max = 0;
        for (double value : y) {
            if (value > max) {
                max = value;
            }
        }
        return max;
    }

    /** The lowest y value, or 0 when none is below zero. */
    double minY() {
        double min = 0;
        for (double value : y) {
            if (value < min) {
                min = value;
            }
        }
        return min;
    }

    /** The same series with every y value divided by {@code divisor}, to show bytes as MiB. */
    Series scaled(double divisor) {
        if (divisor == 1) {
            return this;
        }
        double[] shown = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            shown[i] = y[i] / divisor;
        }
        return new Series(unit, label, color, dashed, x, shown);
    }

    /**
     * At most about {@code maxPoints} points: the x range is cut into {@code maxPoints / 2} buckets and
     * each keeps its lowest and highest point, in time order, so spikes and dips stay visible.
     */
    Series downsampled(int maxPoints) {
        int n = x.length;
        if (n <= maxPoints) {
            return this;
        }
        int buckets = Math.max(1, maxPoints / 2);
        double start = x[0];
        double span = x[n - 1] - start;
        double[] outX = new double[buckets * 2 + 2];
        double[] outY = new double[outX.length];
        int count = 0;
        int i = 0;
        for (int bucket = 0; bucket < buckets && i < n; bucket++) {
            double end = bucket == buckets - 1 ? Double.POSITIVE_INFINITY : start + span * (bucket + 1) / buckets;
            int lowest = i;
            int highest = i;
            while (i < n && x[i] <= end) {
                if (y[i] < y[lowest]) {
                    lowest = i;
                }
                if (y[i] > y[highest]) {
                    highest = i;
                }
                i++;
            }
            if (i == lowest) {
                continue; // empty bucket: i did not move
            }
            int first = Math.min(lowest, highest);
            int second = Math.max(lowest, highest);
            outX[count] = x[first];
            outY[count++] = y[first];
            if (second != first) {
                outX[count] = x[second];
                outY[count++] = y[second];
            }
        }
        return new Series(unit, label, color, dashed, Arrays.copyOf(outX, count), Arrays.copyOf(outY, count));
    }
}
