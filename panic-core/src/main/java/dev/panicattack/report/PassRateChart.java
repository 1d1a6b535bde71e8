package dev.panicattack.report;

import java.util.List;
import java.util.Locale;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.LevelDecision;
import dev.panicattack.breakingpoint.LevelRecord;
import dev.panicattack.breakingpoint.PassRate;

/**
 * The pass rate against the level of a breaking-point search, as inline SVG in the look of the time
 * charts ({@link SvgChart}): one point per level tried, coloured by its decision, with its 95% Wilson
 * interval as a bar; the interval that holds the breaking point shaded, the estimate and a
 * {@code requireAbove} or {@code requireBelow} bound as vertical lines.
 */
final class PassRateChart {

    private static final int WIDTH = SvgChart.WIDTH;
    private static final int HEIGHT = 320;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    private PassRateChart() {
    }

    static String color(LevelDecision decision) {
        return switch (decision) {
            case PASSES -> "#1a7f37";
            case FAILS -> "#b42318";
            case FLAKY -> "#bf8700";
            case UNDECIDED -> "#8c959f";
        };
    }

    static void render(BreakingPointResult result, StringBuilder out) {
        BreakingAxis axis = result.axis();
        double from = result.settings().from();
        double to = result.settings().to();
        legend(out);
        out.append("<svg class=\"plot\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"pass rate against ");
        Html.escape(axis.label(), out).append("\"><title>pass rate against ");
        Html.escape(axis.label(), out).append("</title>\n<g class=\"grid\">");
        double xStep = SvgChart.niceStep((to - from) / 10);
        double firstTick = Math.ceil(from / xStep - 1e-9) * xStep;
        for (int percent = 0; percent <= 100; percent += 20) {
            out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y1=\"")
                    .append(number(sy(percent / 100.0))).append("\" y2=\"").append(number(sy(percent / 100.0)))
                    .append("\"/>");
        }
        int ticks = (int) Math.floor((to - firstTick) / xStep + 1e-9);
        for (int k = 0; k <= ticks; k++) {
            double tick = firstTick + k * xStep;
            String x = number(sx(tick, from, to));
            out.append("<line y1=\"").append(TOP).append("\" y2=\"").append(TOP + PLOT_HEIGHT).append("\" x1=\"")
                    .append(x).append("\" x2=\"").append(x).append("\"/>");
        }
        out.append("</g>\n<g class=\"ticks\">");
        for (int percent = 0; percent <= 100; percent += 20) {
            out.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(number(sy(percent / 100.0) + 4))
                    .append("\" text-anchor=\"end\">").append(percent).append("</text>");
        }
        for (int k = 0; k <= ticks; k++) {
            double tick = firstTick + k * xStep;
            out.append("<text y=\"").append(TOP + PLOT_HEIGHT + 18).append("\" x=\"")
                    .append(number(sx(tick, from, to))).append("\" text-anchor=\"middle\">")
                    .append(Html.escape(axis.number(tick))).append("</text>");
        }
        out.append("</g>\n<g class=\"axis\"><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
                .append("\"/><line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT_HEIGHT)
                .append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
                .append("\"/></g>\n<text class=\"axis-title\" x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"")
                .append(HEIGHT - 6).append("\" text-anchor=\"middle\">");
        Html.escape(axis.label() + (axis.unit().isEmpty() ? "" : " (" + axis.unit() + ")"), out)
                .append("</text><text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(16,")
                .append(TOP + PLOT_HEIGHT / 2).append(") rotate(-90)\">pass rate (%)</text>\n");
        interval(result, from, to, out);
        curve(result.levels(), from, to, out);
        result.settings().bound().ifPresent(bound -> {
            double x = sx(bound, from, to);
            out.append("<g class=\"bound\"><line y1=\"").append(TOP).append("\" y2=\"").append(TOP + PLOT_HEIGHT)
                    .append("\" x1=\"").append(number(x)).append("\" x2=\"").append(number(x))
                    .append("\" stroke=\"#b42318\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/><text y=\"")
                    .append(TOP + PLOT_HEIGHT - 6).append("\" x=\"").append(number(x + 4)).append("\" fill=\"#b42318\">");
            String label = (axis.breaksBelow() ? "require below " : "require above ") + axis.format(bound);
            Html.escape(label, out).append("</text></g>\n");
        });
        out.append("</svg>\n");
    }

    private static void legend(StringBuilder out) {
        out.append("<ul class=\"legend\">");
        for (LevelDecision decision : LevelDecision.values()) {
            out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 12\" aria-hidden=\"true\"><circle cx=\"14\" cy=\"6\""
                    + " r=\"5\" fill=\"").append(color(decision)).append("\"/></svg>")
                    .append(decision.name().toLowerCase(Locale.ROOT)).append("</li>");
        }
        out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 12\" aria-hidden=\"true\"><line x1=\"14\" y1=\"0\""
                + " x2=\"14\" y2=\"12\" stroke=\"#57606a\" stroke-width=\"2\"/></svg>95% Wilson interval</li>")
                .append("<li><svg class=\"swatch\" viewBox=\"0 0 28 12\" aria-hidden=\"true\"><rect x=\"4\" y=\"0\""
                        + " width=\"20\" height=\"12\" fill=\"#0969da\" fill-opacity=\".15\"/></svg>interval holding"
                        + " the breaking point</li></ul>\n");
    }

    /** The shaded interval (low, high] and the estimate's line, when the search has them. */
    private static void interval(BreakingPointResult result, double from, double to, StringBuilder out) {
        if (result.low().isPresent() && result.high().isPresent()) {
            double x1 = sx(result.low().get().value(), from, to);
            double x2 = sx(result.high().get().value(), from, to);
            // at least a few pixels wide, so a narrow interval on a wide range stays visible
            double width = Math.max(4, x2 - x1);
            out.append("<rect class=\"interval\" x=\"").append(number((x1 + x2 - width) / 2)).append("\" y=\"")
                    .append(TOP).append("\" width=\"").append(number(width)).append("\" height=\"").append(PLOT_HEIGHT)
                    .append("\" fill=\"#0969da\" fill-opacity=\".15\"><title>");
            Html.escape("interval " + result.low().get().describe() + " to "
                    + result.axis().format(result.high().get().value()), out).append("</title></rect>\n");
        }
        result.level().ifPresent(level -> {
            double x = sx(level.value(), from, to);
            out.append("<g class=\"marker\" id=\"breaking-point-marker\"><line y1=\"").append(TOP).append("\" y2=\"")
                    .append(TOP + PLOT_HEIGHT).append("\" x1=\"").append(number(x)).append("\" x2=\"")
                    .append(number(x)).append("\"/><text y=\"").append(TOP - 8).append("\" x=\"").append(number(x))
                    .append("\" text-anchor=\"").append(x > LEFT + PLOT_WIDTH * 0.8 ? "end" : "middle").append("\">");
            Html.escape("breaking point " + level.describe(), out).append("</text></g>\n");
        });
    }

    private static void curve(List<LevelRecord> levels, double from, double to, StringBuilder out) {
        List<LevelRecord> tried = levels.stream().filter(record -> record.trials() > 0).toList();
        if (tried.isEmpty()) {
            return;
        }
        out.append("<polyline class=\"line\" fill=\"none\" stroke=\"#57606a\" stroke-opacity=\".6\" points=\"");
        for (int i = 0; i < tried.size(); i++) {
            LevelRecord record = tried.get(i);
            out.append(i == 0 ? "" : " ").append(number(sx(record.level().value(), from, to))).append(',')
                    .append(number(sy(record.passRate().estimate())));
        }
        out.append("\"><title>pass rate</title></polyline>\n<g class=\"wilson\">");
        for (LevelRecord record : tried) {
            PassRate rate = record.passRate();
            String x = number(sx(record.level().value(), from, to));
            double x0 = sx(record.level().value(), from, to);
            String color = color(record.decision());
            out.append("<path stroke=\"").append(color).append("\" stroke-width=\"2\" fill=\"none\" d=\"M")
                    .append(x).append(',').append(number(sy(rate.low()))).append('V').append(number(sy(rate.high())))
                    .append('M').append(number(x0 - 5)).append(',').append(number(sy(rate.low()))).append("h10M")
                    .append(number(x0 - 5)).append(',').append(number(sy(rate.high()))).append("h10\"/>");
        }
        out.append("</g>\n<g class=\"points\">");
        for (LevelRecord record : tried) {
            PassRate rate = record.passRate();
            out.append("<circle class=\"point ").append(record.decision()).append("\" cx=\"")
                    .append(number(sx(record.level().value(), from, to))).append("\" cy=\"")
                    .append(number(sy(rate.estimate()))).append("\" r=\"5.5\" fill=\"").append(color(record.decision()))
                    .append("\" stroke=\"#fff\" stroke-width=\"1.5\"><title>");
            Html.escape(record.level().describe() + ": " + record.passes() + " of " + record.trials() + " passed, "
                    + percent(rate.low()) + "-" + percent(rate.high()) + "%, " + record.decision(), out)
                    .append("</title></circle>");
        }
        out.append("</g>\n");
    }

    private static String percent(double rate) {
        return Long.toString(Math.round(rate * 100));
    }

    private static double sx(double level, double from, double to) {
        return LEFT + (Math.max(from, Math.min(level, to)) - from) / (to - from) * PLOT_WIDTH;
    }

    private static double sy(double passRate) {
        return TOP + PLOT_HEIGHT - Math.max(0, Math.min(1, passRate)) * PLOT_HEIGHT;
    }

    /** One decimal place, as the time charts write coordinates. */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
