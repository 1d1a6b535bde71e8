package dev.panicattack.constraint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one key of a {@link Section} holds and how its value is read: from YAML by the constraint-set
 * reader (which renders each {@link Kind}'s errors with file, line and column), and from a Java value
 * as an annotation member or code holds it ({@link #fromJava(Object)}: a number, boolean, text or an
 * array of them). Text is parsed by the same function on both doors; every range is checked by the
 * record the value ends up in, once.
 *
 * @param <T> the value as the record takes it
 */
public final class ValueType<T> {

    /** The shapes of value the YAML reader knows how to read and locate. */
    public enum Kind {
        /** A whole percent, 0 to 100. */
        WHOLE_PERCENT,
        /** A number that is a percent, 0 to 100, fractions allowed. */
        PERCENT,
        /** A whole number from 0 to a maximum. */
        WHOLE_NUMBER,
        /** A duration such as 50ms, not negative. */
        DURATION,
        /** A duration that may be negative, such as -30s. */
        SIGNED_DURATION,
        /** A clock drift such as +50ms/s. */
        DRIFT,
        /** A size such as 64MiB. */
        SIZE,
        /** A disk rate such as 20MiB/s. */
        SIZE_RATE,
        /** A network rate such as 1MiB/s. */
        BANDWIDTH,
        /** true or false. */
        BOOLEAN,
        /** One loopback host or a list of them. */
        HOSTS,
        /** One port or a list of them. */
        PORTS,
        /** Any 64-bit whole number. */
        SEED,
        /** Copies of the test body, 1 to {@link ConcurrencyConstraint#MAX_PARALLEL}. */
        COPIES,
        /** true, false or a number of common pool workers. */
        COMMON_POOL,
        /** One directory or a list of them. */
        DIRECTORIES,
        /** A nested mapping { to, every, for }. */
        SPIKES,
        /** A nested mapping { from, to, over }. */
        RAMP,
        /** A list of clock jumps; from Java, each jump as text such as "at 2s by -1h". */
        CLOCK_JUMPS
    }

    private final Kind kind;
    private final String unit;
    private final int max;
    private final Function<Object, T> fromJava;

    private ValueType(Kind kind, String unit, int max, Function<Object, T> fromJava) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.max = max;
        this.fromJava = Objects.requireNonNull(fromJava, "fromJava");
    }

    public static ValueType<Integer> wholePercent() {
        return new ValueType<>(Kind.WHOLE_PERCENT, "percent", 100, value -> (Integer) value);
    }

    /** A percent of {@code unit}, such as "percent of writes", fractions allowed. */
    public static ValueType<Double> percent(String unit) {
        return new ValueType<>(Kind.PERCENT, unit, 100, value -> ((Number) value).doubleValue());
    }

    public static ValueType<Integer> wholeNumber(int max) {
        return new ValueType<>(Kind.WHOLE_NUMBER, "", max, value -> (Integer) value);
    }

    public static ValueType<Duration> duration() {
        return text(Kind.DURATION, value -> DurationText.parse(value, false));
    }

    public static ValueType<Duration> signedDuration() {
        return text(Kind.SIGNED_DURATION, value -> DurationText.parse(value, true));
    }

    public static ValueType<Duration> drift() {
        return text(Kind.DRIFT, TimeConstraint::parseDrift);
    }

    public static ValueType<Long> size() {
        return text(Kind.SIZE, ByteSizeText::parse);
    }

    public static ValueType<Long> sizeRate() {
        return text(Kind.SIZE_RATE, ByteSizeText::parseRate);
    }

    public static ValueType<Long> bandwidth() {
        return text(Kind.BANDWIDTH, NetworkConstraint::parseBandwidth);
    }

    public static ValueType<Boolean> bool() {
        return new ValueType<>(Kind.BOOLEAN, "", 0, value -> (Boolean) value);
    }

    public static ValueType<List<String>> hosts() {
        return new ValueType<>(Kind.HOSTS, "", 0, value -> List.of((String[]) value));
    }

    public static ValueType<List<Integer>> ports() {
        return new ValueType<>(Kind.PORTS, "", 0, value -> Arrays.stream((int[]) value).boxed().toList());
    }

    public static ValueType<Long> seed() {
        return new ValueType<>(Kind.SEED, "", 0, value -> (Long) value);
    }

    public static ValueType<Integer> copies() {
        return new ValueType<>(Kind.COPIES, "", ConcurrencyConstraint.MAX_PARALLEL, value -> (Integer) value);
    }

    /** {@link ConcurrencyConstraint#WHOLE_COMMON_POOL} for the whole pool, as {@code true} is in YAML. */
    public static ValueType<Integer> commonPool() {
        return new ValueType<>(Kind.COMMON_POOL, "", ConcurrencyConstraint.MAX_COMMON_POOL_WORKERS,
                value -> (Integer) value);
    }

    public static ValueType<List<Path>> directories() {
        return list(Kind.DIRECTORIES, DiskConstraint::directory);
    }

    public static ValueType<Spikes> spikes() {
        return new ValueType<>(Kind.SPIKES, "", 0, value -> {
            throw new IllegalArgumentException("spikes are declared in YAML only, as { to: 100, every: 10s, for: 2s }");
        });
    }

    public static ValueType<Ramp> ramp() {
        return new ValueType<>(Kind.RAMP, "", 0, value -> {
            throw new IllegalArgumentException("a ramp is declared in YAML only, as { from: 0, to: 80, over: 30s }");
        });
    }

    public static ValueType<List<ClockJump>> clockJumps() {
        return list(Kind.CLOCK_JUMPS, ClockJump::parse);
    }

    private static <T> ValueType<T> text(Kind kind, Function<String, T> parse) {
        return new ValueType<>(kind, "", 0, value -> parse.apply((String) value));
    }

    private static <T> ValueType<List<T>> list(Kind kind, Function<String, T> parse) {
        return new ValueType<>(kind, "", 0, value -> {
            List<T> items = new ArrayList<>();
            for (String text : (String[]) value) {
                items.add(parse.apply(text));
            }
            return List.copyOf(items);
        });
    }

    public Kind kind() {
        return kind;
    }

    /** What a number counts, such as "percent of writes"; empty when the key's name says it. */
    public String unit() {
        return unit;
    }

    /** The largest whole number the YAML reader offers in its messages (the record checks it). */
    public int max() {
        return max;
    }

    /**
     * The value from Java: {@code int}, {@code long}, {@code double} or {@code boolean} as is, text
     * parsed as the YAML reader parses it, {@code String[]}/{@code int[]} for lists.
     *
     * @throws IllegalArgumentException text that is not a value of this type, saying why, without location
     */
    public T fromJava(Object value) {
        return fromJava.apply(value);
    }

    /** A value the YAML reader read for this type's {@link #kind()}. */
    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }
}
