package dev.panicattack.chaosmesh;

import java.util.Objects;

/** One reason a manifest would be rejected: the field (a dotted path such as {@code spec.delay.latency}) and what is wrong. */
public record ManifestViolation(String field, String problem) {

    public ManifestViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
