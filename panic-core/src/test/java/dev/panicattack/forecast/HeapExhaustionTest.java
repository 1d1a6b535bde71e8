package dev.panicattack.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

class HeapExhaustionTest {

    private static final long MIB = 1024 * 1024;
    private static final long LIMIT = 64 * MIB;

    @Test
    void anExactLineReachesTheBandAndTheFullHeapWhereTheArithmeticSays() {
        // 10 MiB growing by 4 MiB/s, a point every 400 ms for 8 s: no scatter, so the interval is the band alone.
        long[] at = new long[21];
        long[] bytes = new long[21];
        for (int i = 0; i < at.length; i++) {
            at[i] = i * 400L;
            bytes[i] = 10 * MIB + Math.round(4 * MIB * at[i] / 1000.0);
        }
        ExhaustionForecast forecast = HeapExhaustion.forecast(at, bytes, LIMIT).orElseThrow();

        assertThat(forecast.bytes()).isEqualTo(LIMIT);
        assertThat(forecast.low().toMillis()).isCloseTo(Math.round((0.90 * 64 - 10) / 4 * 1000), within(2L));
        assertThat(forecast.at().toMillis()).isCloseTo(Math.round((0.95 * 64 - 10) / 4 * 1000), within(2L));
        assertThat(forecast.high().toMillis()).isCloseTo(Math.round((64.0 - 10) / 4 * 1000), within(2L));
        assertThat(forecast.describe()).isEqualTo("heap exhausted at ~64 MiB after ~13 s (12-14 s, 95%)");
    }

    @Test
    void aHeapThatDoesNotGrowGetsNoForecast() {
        SplittableRandom random = new SplittableRandom(7);
        long[] at = new long[30];
        long[] bytes = new long[30];
        for (int i = 0; i < at.length; i++) {
            at[i] = i * 400L;
            bytes[i] = 20 * MIB + random.nextLong(4 * MIB);
        }
        assertThat(HeapExhaustion.forecast(at, bytes, LIMIT)).isEmpty();
    }

    @Test
    void tooFewPointsOrTooLittleGrowthGetNoForecast() {
        assertThat(HeapExhaustion.forecast(new long[] {0, 400, 800}, new long[] {MIB, 10 * MIB, 20 * MIB}, LIMIT))
                .isEmpty();
        // 3 MiB of growth is under 5% of 64 MiB: the leak rule's bar.
        assertThat(HeapExhaustion.forecast(new long[] {0, 400, 800, 1200},
                new long[] {10 * MIB, 11 * MIB, 12 * MIB, 13 * MIB}, LIMIT)).isEmpty();
    }

    @Test
    void aStepwiseLeakWhoseStepsTheLineCannotFollowGetsAWiderIntervalThanASteadyOne() {
        long[] at = new long[20];
        long[] steady = new long[20];
        long[] steps = new long[20];
        for (int i = 0; i < at.length; i++) {
            at[i] = i * 400L;
            steady[i] = 5 * MIB + Math.round(3 * MIB * at[i] / 1000.0) + (i % 2 == 0 ? MIB / 4 : -MIB / 4);
            steps[i] = 5 * MIB + (i / 5) * 6 * MIB;
        }
        ExhaustionForecast smooth = HeapExhaustion.forecast(at, steady, LIMIT).orElseThrow();
        ExhaustionForecast stepped = HeapExhaustion.forecast(at, steps, LIMIT).orElseThrow();

        assertThat(width(stepped)).isGreaterThan(width(smooth));
    }

    /**
     * Series with a known exhaustion time: a line plus autocorrelated scatter (AR(1), phi 0.8), the
     * heap failing at a level drawn anywhere in the top tenth of the heap, at the first point the
     * series reaches it. Forecast from the first half of the points; the interval must hold the true
     * time in at least 90% of 400 series. Naive least squares (independent points) does not.
     */
    @Test
    void theIntervalHoldsTheTrueExhaustionTimeOfAutocorrelatedSeries() {
        SplittableRandom random = new SplittableRandom(13);
        int series = 400;
        int covered = 0;
        int coveredNaively = 0;
        for (int s = 0; s < series; s++) {
            double rate = (2 + 6 * random.nextDouble()) * MIB;
            double level = LIMIT * (0.90 + 0.10 * random.nextDouble());
            double noise = 0;
            long[] at = new long[400];
            long[] bytes = new long[400];
            int failsAt = -1;
            for (int i = 0; i < at.length && failsAt < 0; i++) {
                at[i] = i * 100L;
                noise = 0.8 * noise + random.nextGaussian() * 0.4 * MIB;
                bytes[i] = Math.round(4 * MIB + rate * at[i] / 1000.0 + noise);
                if (bytes[i] >= level) {
                    failsAt = i;
                }
            }
            int half = failsAt / 2 + 1;
            long[] seen = java.util.Arrays.copyOf(at, half);
            long[] seenBytes = java.util.Arrays.copyOf(bytes, half);
            Optional<ExhaustionForecast> forecast = HeapExhaustion.forecast(seen, seenBytes, LIMIT);
            long truth = at[failsAt];
            if (forecast.isPresent() && forecast.get().low().toMillis() <= truth && truth <= forecast.get().high().toMillis()) {
                covered++;
            }
            if (naivelyCovers(seen, seenBytes, level, truth)) {
                coveredNaively++;
            }
        }
        assertThat(covered).as("series whose true exhaustion time the interval holds, of %d", series)
                .isGreaterThanOrEqualTo(series * 90 / 100);
        assertThat(coveredNaively).as("series a naive least-squares interval holds, knowing the exact level")
                .isLessThan(covered);
    }

    @Test
    void studentsQuantilesMatchTheTables() {
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.706, within(0.001));
        assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.228, within(0.001));
        assertThat(StudentT.quantile(0.975, 1000)).isCloseTo(1.962, within(0.001));
        assertThat(StudentT.quantile(0.975, 2.5)).isBetween(3.182, 4.303);
    }

    @Test
    void theForecastIsAFactAndBack() {
        ExhaustionForecast forecast = new ExhaustionForecast(Duration.ofMillis(41_000), Duration.ofMillis(35_000),
                Duration.ofMillis(48_000), 847 * MIB);
        assertThat(forecast.toFact()).isEqualTo(Fact.of("heap_exhaustion_forecast", 41_000L, 35_000L, 48_000L, 847 * MIB));
        assertThat(ExhaustionForecast.in(java.util.List.of(Fact.of("heap_max", 0L, 1L), forecast.toFact())))
                .contains(forecast);
        assertThat(forecast.describe()).isEqualTo("heap exhausted at ~847 MiB after ~41 s (35-48 s, 95%)");
        HeapNeed need = HeapNeed.of(31 * MIB, 67);
        assertThat(HeapNeed.in(java.util.List.of(need.toFact()))).contains(need);
        assertThat(need.describe()).isEqualTo("smallest max heap to pass ~46 MiB (peak live 31 MiB; the old generation may take 67% of the heap)");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> HeapExhaustion.forecast(new long[] {1}, new long[] {1, 2}, LIMIT))
                .hasMessage("forecast needs one byte count per time, but had 1 times and 2 byte counts");
        assertThatThrownBy(() -> new ExhaustionForecast(Duration.ofMillis(5), Duration.ofMillis(6), Duration.ofMillis(7), 1))
                .hasMessage("an exhaustion forecast needs low <= at <= high, but was 6 ms, 5 ms, 7 ms");
    }

    private static long width(ExhaustionForecast forecast) {
        return forecast.high().toMillis() - forecast.low().toMillis();
    }

    /** A least-squares prediction interval for the time the line reaches {@code level}, by the delta method, points taken as independent. */
    private static boolean naivelyCovers(long[] at, long[] bytes, double level, long truth) {
        int n = at.length;
        double mt = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mt += at[i] / 1000.0;
            my += bytes[i];
        }
        mt /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += Math.pow(at[i] / 1000.0 - mt, 2);
            sxy += (at[i] / 1000.0 - mt) * (bytes[i] - my);
        }
        double b = sxy / sxx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            sse += Math.pow(bytes[i] - my - b * (at[i] / 1000.0 - mt), 2);
        }
        double s2 = sse / (n - 2);
        double crossing = mt + (level - my) / b;
        double se = Math.sqrt(s2 * (1.0 / n + Math.pow(crossing - mt, 2) / sxx)) / b;
        double q = StudentT.quantile(0.975, n - 2);
        double t = truth / 1000.0;
        return Math.abs(t - crossing) <= q * se;
    }
}
