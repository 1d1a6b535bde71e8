package dev.panicattack.constraint;

import java.util.Objects;

/**
 * One key of a {@link Section}, such as {@code latency} of {@code network}: its name as written in
 * YAML and as the annotation member, and its {@link ValueType}.
 */
public record Key<T>(String name, ValueType<T> type) {

    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> Key<T> of(String name, ValueType<T> type) {
        return new Key<>(name, type);
    }
}
