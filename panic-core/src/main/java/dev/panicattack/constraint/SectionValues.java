package dev.panicattack.constraint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The values read for one {@link Section}, typed by their {@link Key}; a key not read is absent. */
public final class SectionValues {

    private final Map<Key<?>, Object> values;

    private SectionValues(Map<Key<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    public static SectionValues none() {
        return new SectionValues(Map.of());
    }

    /** These values and {@code key} set to {@code value}. */
    public <T> SectionValues with(Key<T> key, T value) {
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new SectionValues(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public <T> Optional<T> get(Key<T> key) {
        return Optional.ofNullable(values.get(key)).map(key.type()::cast);
    }

    public OptionalInt integer(Key<Integer> key) {
        return get(key).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    public OptionalLong whole(Key<Long> key) {
        return get(key).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    public OptionalDouble decimal(Key<Double> key) {
        return get(key).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** A list key's items; empty when not read. */
    public <T> List<T> list(Key<List<T>> key) {
        return get(key).orElse(List.of());
    }
}
