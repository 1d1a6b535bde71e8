package dev.panicattack.constraint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One axis's section of a constraint set, declared once beside its record and read by both front
 * doors: its name ({@code network}), its {@link Key}s with their value types, how the record is
 * built from the values read, and where the record goes in a {@link Constraints}. The YAML reader
 * reads {@code network: { latency: 50ms }} key by key; {@code @UnderPressure} reads the members of
 * {@code @Network}, named as the keys. The record checks every value once, where it is built.
 *
 * @param <R> the axis record
 */
public final class Section<R> {

    private final String name;
    private final String example;
    private final List<Key<?>> keys;
    private final Optional<Key<?>> level;
    private final Function<SectionValues, R> build;
    private final BiFunction<Constraints, R, Constraints> into;

    private Section(String name, String example, List<Key<?>> keys, Optional<Key<?>> level,
            Function<SectionValues, R> build, BiFunction<Constraints, R, Constraints> into) {
        this.name = Objects.requireNonNull(name, "name");
        this.example = Objects.requireNonNull(example, "example");
        this.keys = List.copyOf(keys);
        this.level = Objects.requireNonNull(level, "level");
        this.build = Objects.requireNonNull(build, "build");
        this.into = Objects.requireNonNull(into, "into");
    }

    /**
     * @param name    the section's key, such as {@code network}
     * @param example a small declaration for error messages, such as {@code { latency: 50ms }}
     * @param keys    the section's keys, in the order they are read
     * @param build   the record from the values read; it checks them
     * @param into    the set with the record as this axis, such as {@code Constraints::withNetwork}
     */
    public static <R> Section<R> of(String name, String example, List<Key<?>> keys,
            Function<SectionValues, R> build, BiFunction<Constraints, R, Constraints> into) {
        return new Section<>(name, example, keys, Optional.empty(), build, into);
    }

    /** This section where a value alone, such as {@code cpu: 80}, is {@code level}: {@code cpu: { load: 80 }}. */
    public Section<R> withLevel(Key<?> key) {
        if (!keys.contains(key)) {
            throw new IllegalArgumentException("the level '" + key.name() + "' is not a key of section " + name);
        }
        return new Section<>(name, example, keys, Optional.of(key), build, into);
    }

    /** Every axis section, in the order the YAML reader lists them. */
    public static List<Section<?>> all() {
        return List.of(CpuConstraint.SECTION, MemoryConstraint.SECTION, NetworkConstraint.SECTION,
                DiskConstraint.SECTION, ConcurrencyConstraint.SECTION, TimeConstraint.SECTION);
    }

    public String name() {
        return name;
    }

    public String example() {
        return example;
    }

    public List<Key<?>> keys() {
        return keys;
    }

    public List<String> keyNames() {
        return keys.stream().map(Key::name).toList();
    }

    public Optional<Key<?>> key(String keyName) {
        return keys.stream().filter(key -> key.name().equals(keyName)).findFirst();
    }

    /** The key a value alone stands for, when the section takes one. */
    public Optional<Key<?>> level() {
        return level;
    }

    /**
     * The record from {@code values}.
     *
     * @throws ConstraintViolation a value or combination the record refuses
     */
    public R build(SectionValues values) {
        return build.apply(values);
    }

    /** {@code set} with {@code value} as this axis. */
    public Constraints into(Constraints set, R value) {
        return into.apply(set, value);
    }

    /** {@code set} with this axis built from {@code values}. */
    public Constraints buildInto(Constraints set, SectionValues values) {
        return into(set, build(values));
    }

    @Override
    public String toString() {
        return "Section[" + name + ": " + String.join(", ", keyNames()) + "]";
    }
}
