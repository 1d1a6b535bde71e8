package dev.panicattack.evidence;

import java.util.List;
import java.util.Objects;

/**
 * One ground fact of evidence: {@code predicate(v1, ..., vn)}. Values are {@link String},
 * {@link Long} or {@link Double} only, so that facts compare exactly in the rule engine. By
 * convention a timed fact has the time, in milliseconds since the test started, as its first value.
 * The vocabulary (predicate, arity, meaning, which sensor emits it) is in {@code docs/facts.md}.
 */
public record Fact(String predicate, List<Object> values) {

    public Fact {
        Objects.requireNonNull(predicate, "predicate");
        if (!isPredicateName(predicate)) {
            throw new IllegalArgumentException(
                    "predicate must match [a-z][a-z0-9_]*, but was '" + predicate + "'");
        }
        values = List.copyOf(values);
        for (Object value : values) {
            if (!(value instanceof String || value instanceof Long || value instanceof Double)) {
                throw new IllegalArgumentException("fact values must be String, Long or Double, but "
                        + predicate + " has " + (value == null ? "null" : value.getClass().getName()));
            }
        }
    }

    /** {@code [a-z][a-z0-9_]*}, checked by hand: sensors create thousands of facts per second. */
    private static boolean isPredicateName(String name) {
        if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Convenience factory: ints become longs, floats become doubles. */
    public static Fact of(String predicate, Object... values) {
        Object[] normalized = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                value = ((Number) value).longValue();
            } else if (value instanceof Float) {
                value = ((Number) value).doubleValue();
            }
            normalized[i] = value;
        }
        return new Fact(predicate, List.of(normalized));
    }

    public int arity() {
        return values.size();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(predicate).append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object value = values.get(i);
            text.append(value instanceof String ? "\"" + value + "\"" : value);
        }
        return text.append(')').toString();
    }
}
