package dev.panicattack.fuse;

import dev.panicattack.internal.text.Figures;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One half-space of a {@link PredictiveFuse}'s safe region: {@code sum of weight * dimension < max}.
 * A limit on one dimension is the case of a single weight 1 named after its dimension ({@code box}).
 * Weights are kept sorted by dimension name, so the formula and the sum do not depend on the order
 * of the map they were given in.
 */
record RegionLimit(String name, Map<String, Double> weights, double max, boolean box) {

    RegionLimit {
        weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    /** {@code dimension < max}, validated as {@link PredictiveFuse.Builder#limit(String, double)} always has. */
    static RegionLimit box(String fuse, String dimension, double max) {
        Objects.requireNonNull(dimension, "dimension");
        if (!Double.isFinite(max) || max <= 0) {
            throw new IllegalArgumentException("PredictiveFuse '" + fuse + "': the limit on '" + dimension
                    + "' must be a positive number, but was " + max);
        }
        return new RegionLimit(dimension, Map.of(dimension, 1.0), max, true);
    }

    /** {@code sum of weights[d] * d < max}; every message names the fuse, the limit and the fix. */
    static RegionLimit combined(String fuse, String name, Map<String, Double> weights, double max) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weights, "weights");
        if (name.isBlank()) {
            throw new IllegalArgumentException("PredictiveFuse '" + fuse + "': a combined limit needs a name for"
                    + " projections and messages, but it was blank; name it after what it guards, like \"pressure\"");
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("PredictiveFuse '" + fuse + "': the limit '" + name + "' has no weights,"
                    + " so it limits nothing; give at least one dimension and its weight, like"
                    + " Map.of(\"heap\", 1.0, \"latency_ms\", 0.2)");
        }
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            Objects.requireNonNull(weight.getKey(), () -> "dimension in the weights of limit " + name);
            Double value = weight.getValue();
            if (value == null || !Double.isFinite(value) || value == 0) {
                throw new IllegalArgumentException("PredictiveFuse '" + fuse + "': the limit '" + name + "' weighs '"
                        + weight.getKey() + "' by " + value + ", but a weight must be a finite non-zero number;"
                        + " give it a finite weight or leave the dimension out");
            }
        }
        if (!Double.isFinite(max) || max == 0) {
            throw new IllegalArgumentException("PredictiveFuse '" + fuse + "': the limit '" + name + "' must have a"
                    + " finite non-zero max, but was " + max + "; the way back inside is a margin of hysteresis * |max|,"
                    + " so give a bound away from 0");
        }
        return new RegionLimit(name, weights, max, false);
    }

    /** The combined value of {@code sample}: the weighted sum, exactly the raw value for a box limit. */
    double valueOf(StateSample sample) {
        double sum = 0;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            sum += weight.getValue() * sample.value(weight.getKey());
        }
        return sum;
    }

    /** The first weighted dimension {@code sample} lacks. */
    Optional<String> missingIn(StateSample sample) {
        return weights.keySet().stream().filter(dimension -> !sample.dimensions().containsKey(dimension)).findFirst();
    }

    /** The highest combined value the projection may reach to count as back inside: {@code max - hysteresis * |max|}. */
    double insideWithMargin(double hysteresis) {
        // Written as a product so a positive box limit keeps exactly the L * (1 - hysteresis) it always had.
        return max * (1 - Math.signum(max) * hysteresis);
    }

    /** {@code heap + 0.2 * latency_ms < 120}, {@code heap < 90}. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            double value = weight.getValue();
            if (text.length() > 0) {
                text.append(value < 0 ? " - " : " + ");
            } else if (value < 0) {
                text.append('-');
            }
            double magnitude = Math.abs(value);
            if (magnitude != 1) {
                text.append(Figures.number(magnitude, 9)).append(" * ");
            }
            text.append(weight.getKey());
        }
        return text.append(" < ").append(Figures.number(max, 9)).toString();
    }
}
