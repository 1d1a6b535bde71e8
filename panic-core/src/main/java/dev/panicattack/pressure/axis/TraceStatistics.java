package dev.panicattack.pressure.axis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics over a trace's achieved column in whole-second windows. Process CPU time advances in
 * 10 ms ticks, so a single 100 ms sample is quantised to a few points; a second is the smallest
 * window whose figure means something.
 */
public final class TraceStatistics {

    private TraceStatistics() {
    }

    /** Mean achieved per consecutive whole second since start (incomplete last second dropped). */
    public static List<Double> secondWindowMeans(PressureTrace trace) {
        List<Double> means = new ArrayList<>();
        long currentSecond = -1;
        double sum = 0;
        int count = 0;
        for (PressureSample sample : trace.samples()) {
            long second = Math.max(0, sample.at().minus(Duration.ofMillis(1)).toSeconds());
            if (second != currentSecond) {
                if (count > 0) {
                    means.add(sum / count);
                }
                currentSecond = second;
                sum = 0;
                count = 0;
            }
            sum += sample.achieved();
            count++;
        }
        return List.copyOf(means);
    }

    /**
     * Standard deviation of the whole-second means; over the single samples when there are fewer
     * than two whole seconds. NaN when there is nothing to measure.
     */
    public static double secondWindowDeviation(PressureTrace trace) {
        List<Double> means = secondWindowMeans(trace);
        if (means.size() < 2) {
            means = trace.samples().stream().map(PressureSample::achieved).toList();
        }
        return deviation(means);
    }

    /** Population standard deviation; NaN when empty. */
    public static double deviation(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = values.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
        return Math.sqrt(squares / values.size());
    }
}
