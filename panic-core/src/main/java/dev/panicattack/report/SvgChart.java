package dev.panicattack.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders one time chart as inline SVG with its HTML legend: grid, axes with ticks in seconds since
 * the test started, lines (solid or dashed), stacked areas (all layers share x) and bars. The y axis
 * starts at zero, or below it on a signed axis with negative values. Coordinates use one decimal place to keep pages small.
 *
 * @param id        a stable identifier, also the figure's {@code data-chart} attribute
 * @param title     the chart title
 * @param yLabel    the y axis title, with its unit
 * @param yFixedMax the top of the y axis, or NaN to fit the data
 * @param signed    whether the y axis reaches below zero for negative values; otherwise it starts at zero
 * @param lines     line series
 * @param stacked   stacked area layers, bottom first, all with the same x values
 * @param bars      bar series: one bar per point, from zero to y
 */
record SvgChart(String id, String title, String yLabel, double yFixedMax, boolean signed, List<Series> lines,
        List<Series> stacked, List<Series> bars) {

    static final int WIDTH = 1100;
    static final int HEIGHT = 280;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 18;
    private static final int BOTTOM = 44;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    SvgChart {
        lines = List.copyOf(lines);
        stacked = List.copyOf(stacked);
        bars = List.copyOf(bars);
    }

    double maxX() {
        double max = 0;
        for (List<Series> group : List.of(lines, stacked, bars)) {
            for (Series series : group) {
                max = Math.max(max, series.maxX());
            }
        }
        return max;
    }

    /**
     * Appends the legend and the SVG.
     *
     * @param xMax      the right end of the x axis, in seconds (shared by all charts of a page)
     * @param endMarker where to draw the "test end" line, in seconds, or NaN for none
     * @param maxPoints the most points drawn per series
     */
    void render(double xMax, double endMarker, int maxPoints, StringBuilder out) {
        legend(out);
        YScale ys = yScale();
        double xStep = niceStep(xMax / 10);

        out.append("<svg class=\"plot\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"");
        Html.escape(title, out).append("\"><title>");
        Html.escape(title, out).append("</title>\n");
        // grid and tick labels
        out.append("<g class=\"grid\">");
        for (long k = ys.firstTick(); k <= ys.lastTick(); k++) {
            double y = ys.at(k * ys.step());
            out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y1=\"");
            coordinate(y, out).append("\" y2=\"");
            coordinate(y, out).append("\"/>");
        }
        for (int k = 0; k * xStep <= xMax * (1 + 1e-9); k++) {
            double x = sx(k * xStep, xMax);
            out.append("<line y1=\"").append(TOP).append("\" y2=\"").append(TOP + PLOT_HEIGHT).append("\" x1=\"");
            coordinate(x, out).append("\" x2=\"");
            coordinate(x, out).append("\"/>");
        }
        out.append("</g>\n<g class=\"ticks\">");
        for (long k = ys.firstTick(); k <= ys.lastTick(); k++) {
            out.append("<text x=\"").append(LEFT - 8).append("\" y=\"");
            coordinate(ys.at(k * ys.step()) + 4, out).append("\" text-anchor=\"end\">")
                    .append(tickLabel(k * ys.step(), ys.step()))
                    .append("</text>");
        }
        for (int k = 0; k * xStep <= xMax * (1 + 1e-9); k++) {
            out.append("<text y=\"").append(TOP + PLOT_HEIGHT + 18).append("\" x=\"");
            coordinate(sx(k * xStep, xMax), out).append("\" text-anchor=\"middle\">").append(tickLabel(k * xStep, xStep))
                    .append("</text>");
        }
        out.append("</g>\n<g class=\"axis\"><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
                .append("\"/><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT_HEIGHT)
                .append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
                .append("\"/></g>\n");
        out.append("<text class=\"axis-title\" x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"")
                .append(HEIGHT - 6).append("\" text-anchor=\"middle\">seconds since test start</text>");
        out.append("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(16,")
                .append(TOP + PLOT_HEIGHT / 2).append(") rotate(-90)\">");
        Html.escape(yLabel, out).append("</text>\n");

        renderStacked(xMax, ys, maxPoints, out);
        renderBars(xMax, ys, maxPoints, out);
        for (Series series : lines) {
            renderLine(series.downsampled(maxPoints), xMax, ys, out);
        }
        if (!Double.isNaN(endMarker) && endMarker <= xMax) {
            out.append("<g class=\"marker\"><line y1=\"").append(TOP).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
                    .append("\" x1=\"");
            coordinate(sx(endMarker, xMax), out).append("\" x2=\"");
            coordinate(sx(endMarker, xMax), out).append("\"/><text y=\"").append(TOP - 5).append("\" x=\"");
            coordinate(sx(endMarker, xMax) - 4, out).append("\" text-anchor=\"end\">test end</text></g>\n");
        }
        out.append("</svg>\n");
    }

    private void legend(StringBuilder out) {
        out.append("<ul class=\"legend\">");
        for (Series series : stacked) {
            legendItem(series, true, out);
        }
        for (Series series : bars) {
            legendItem(series, true, out);
        }
        for (Series series : lines) {
            legendItem(series, false, out);
        }
        out.append("</ul>\n");
    }

    private static void legendItem(Series series, boolean filled, StringBuilder out) {
        out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 12\" aria-hidden=\"true\">");
        if (filled) {
            out.append("<rect x=\"6\" y=\"0\" width=\"16\" height=\"12\" rx=\"2\" fill=\"").append(series.color())
                    .append("\"/>");
        } else {
            out.append("<line x1=\"0\" y1=\"6\" x2=\"28\" y2=\"6\" stroke-width=\"3\" stroke=\"")
                    .append(series.color()).append('"').append(series.dashed() ? " stroke-dasharray=\"6 4\"" : "")
                    .append("/>");
        }
        out.append("</svg>");
        Html.escape(series.label(), out).append("</li>");
    }

    private void renderLine(Series series, double xMax, YScale ys, StringBuilder out) {
        if (series.size() == 0) {
            return;
        }
        out.append("<polyline class=\"line\" fill=\"none\" stroke=\"").append(series.color()).append('"')
                .append(series.dashed() ? " stroke-dasharray=\"7 5\"" : "").append(" points=\"");
        double[] x = series.x();
        double[] y = series.y();
        for (int i = 0; i < x.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            coordinate(sx(x[i], xMax), out).append(',');
            coordinate(ys.at(y[i]), out);
        }
        out.append("\"><title>");
        Html.escape(series.label(), out).append("</title></polyline>\n");
    }

    private void renderStacked(double xMax, YScale ys, int maxPoints, StringBuilder out) {
        if (stacked.isEmpty() || stacked.get(0).size() == 0) {
            return;
        }
        double[] x = stacked.get(0).x();
        // every layer has the same x, so thinning by a common stride keeps the layers aligned
        int stride = Math.max(1, (x.length + maxPoints - 1) / maxPoints);
        int points = (x.length + stride - 1) / stride;
        double[] below = new double[points];
        for (Series layer : stacked) {
            double[] above = new double[points];
            for (int p = 0; p < points; p++) {
                above[p] = below[p] + layer.y()[p * stride];
            }
            out.append("<path class=\"area\" fill=\"").append(layer.color()).append("\" stroke=\"")
                    .append(layer.color()).append("\" d=\"");
            for (int p = 0; p < points; p++) {
                out.append(p == 0 ? 'M' : 'L');
                coordinate(sx(x[p * stride], xMax), out).append(',');
                coordinate(ys.at(above[p]), out);
            }
            for (int p = points - 1; p >= 0; p--) {
                out.append('L');
                coordinate(sx(x[p * stride], xMax), out).append(',');
                coordinate(ys.at(below[p]), out);
            }
            out.append("Z\"><title>");
            Html.escape(layer.label(), out).append("</title></path>\n");
            below = above;
        }
    }

    private void renderBars(double xMax, YScale ys, int maxPoints, StringBuilder out) {
        for (Series series : bars) {
            Series shown = series.downsampled(maxPoints);
            if (shown.size() == 0) {
                continue;
            }
            out.append("<path class=\"bar\" fill=\"").append(shown.color()).append("\" d=\"");
            for (int i = 0; i < shown.size(); i++) {
                double x = sx(shown.x()[i], xMax);
                out.append('M');
                coordinate(x - 2, out).append(',');
                coordinate(ys.at(0), out).append('V');
                // a visible sliver even for a tiny pause
                coordinate(Math.min(ys.at(shown.y()[i]), ys.at(0) - 1.5), out).append("h4V");
                coordinate(ys.at(0), out).append('Z');
            }
            out.append("\"><title>");
            Html.escape(shown.label(), out).append("</title></path>\n");
        }
    }

    private double dataMinY() {
        double min = 0;
        if (!signed) {
            return min;
        }
        for (Series series : lines) {
            min = Math.min(min, series.minY());
        }
        for (Series series : bars) {
            min = Math.min(min, series.minY());
        }
        return min;
    }

    private double dataMaxY() {
        double max = 0;
        for (Series series : lines) {
            max = Math.max(max, series.maxY());
        }
        for (Series series : bars) {
            max = Math.max(max, series.maxY());
        }
        if (!stacked.isEmpty()) {
            double[] total = new double[stacked.get(0).size()];
            for (Series layer : stacked) {
                for (int i = 0; i < total.length; i++) {
                    total[i] += layer.y()[i];
                }
            }
            for (double value : total) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    private static double sx(double seconds, double xMax) {
        return LEFT + Math.max(0, Math.min(seconds, xMax)) / xMax * PLOT_WIDTH;
    }

    /**
     * The y axis: from zero, or from below zero when a value is negative (a clock shifted back), to
     * the fixed top or a nice ceiling of the data, in whole steps.
     */
    private YScale yScale() {
        double min = dataMinY();
        double max = dataMaxY();
        // an axis of negative values only ends at zero
        double top = !Double.isNaN(yFixedMax) ? yFixedMax : min < 0 && max <= 0 ? 0 : niceCeiling(max);
        double step = niceStep((top - min) / 5);
        if (Double.isNaN(yFixedMax) && top > 0) {
            top = Math.max(step, Math.ceil(top / step - 1e-9) * step);
        }
        long firstTick = min < 0 ? (long) Math.floor(min / step + 1e-9) : 0;
        return new YScale(firstTick * step, top, step, firstTick);
    }

    /** The y range shown, its tick step and the index of its lowest tick (0 when the axis starts at zero). */
    private record YScale(double min, double max, double step, long firstTick) {

        long lastTick() {
            return (long) Math.floor(max / step + 1e-9);
        }

        double at(double value) {
            return TOP + PLOT_HEIGHT - (Math.max(min, Math.min(value, max)) - min) / (max - min) * PLOT_HEIGHT;
        }
    }

    /** A value rounded up to a "nice" axis end; at least 1 so an all-zero series still has an axis. */
    static double niceCeiling(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double step = niceStep(max / 5);
        return Math.ceil(max / step - 1e-9) * step;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || Double.isInfinite(rough)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String tickLabel(double value, double step) {
        if (step >= 1) {
            return Long.toString(Math.round(value));
        }
        int decimals = (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Appends {@code value} with one decimal place, without the cost of {@code String.format}. */
    private static StringBuilder coordinate(double value, StringBuilder out) {
        long tenths = Math.round(value * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        out.append(tenths / 10);
        long fraction = tenths % 10;
        if (fraction != 0) {
            out.append('.').append(fraction);
        }
        return out;
    }
}
