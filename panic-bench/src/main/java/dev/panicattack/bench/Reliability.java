package dev.panicattack.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reliability table: stated confidences against what was observed, in bands 0.1 wide, with the
 * Brier score (mean squared difference between the stated confidence and 1 or 0 for right or wrong).
 */
final class Reliability {

    /** The fewest results a band needs for its gap to count toward {@code max_band_gap}. */
    static final int MIN_BAND_RESULTS = 5;
    private static final int BANDS = 10;

    private final List<double[]> results = new ArrayList<>();

    /** One stated confidence and whether the class stated was right. */
    void add(double stated, boolean correct) {
        results.add(new double[] {stated, correct ? 1 : 0});
    }

    int size() {
        return results.size();
    }

    double brier() {
        return results.stream().mapToDouble(result -> (result[0] - result[1]) * (result[0] - result[1])).average().orElse(0);
    }

    /** The largest |mean stated - observed accuracy| over bands with at least {@value #MIN_BAND_RESULTS} results. */
    double maxBandGap() {
        double gap = 0;
        for (int band = 0; band < BANDS; band++) {
            double[] row = band(band);
            if (row[0] >= MIN_BAND_RESULTS) {
                gap = Math.max(gap, Math.abs(row[1] - row[2]));
            }
        }
        return gap;
    }

    /** Prints the table and {@code RESULT calibration <label> results= brier= max_band_gap= bands=}. */
    void print(PrintStream out, String label) {
        out.println("reliability " + label + " (band: results, mean stated confidence, observed accuracy)");
        StringBuilder bands = new StringBuilder();
        for (int band = 0; band < BANDS; band++) {
            double[] row = band(band);
            if (row[0] == 0) {
                continue;
            }
            String name = String.format(Locale.ROOT, "%.1f-%.1f", band / 10.0, (band + 1) / 10.0);
            out.println(String.format(Locale.ROOT, "  %s: %d, %.3f, %.3f", name, (int) row[0], row[1], row[2]));
            bands.append(bands.length() > 0 ? "," : "").append(String.format(Locale.ROOT, "%s:%d:%.2f:%.2f",
                    name, (int) row[0], row[1], row[2]));
        }
        out.println(String.format(Locale.ROOT, "RESULT calibration %s results=%d brier=%.4f max_band_gap=%.3f bands=%s",
                label, size(), brier(), maxBandGap(), bands));
    }

    /** {count, mean stated, accuracy} of one band; the last band includes 1.0. */
    private double[] band(int band) {
        int count = 0;
        double stated = 0;
        double correct = 0;
        for (double[] result : results) {
            int at = Math.min(BANDS - 1, (int) Math.floor(result[0] * BANDS));
            if (at == band) {
                count++;
                stated += result[0];
                correct += result[1];
            }
        }
        return count == 0 ? new double[] {0, 0, 0} : new double[] {count, stated / count, correct / count};
    }
}
