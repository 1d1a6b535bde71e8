package dev.panicattack.constraint;

import java.util.Objects;

/**
 * A value a constraint record refuses where it is constructed: the dotted {@link #key()} such as
 * {@code network.latency}, the {@link #actual()} value, what is {@link #allowed()} and the
 * {@link #fix()}. Each front door renders it with the location it knows: the YAML reader with
 * {@code file:line:col} and the key, {@code @UnderPressure} with the attribute and the test method;
 * in code the exception reaches the call that built the value, with this message:
 * {@code network.latency must be between 0 and 10s, but was 20s; declare a duration such as 50ms}.
 *
 * <p>Nested values ({@link Spikes}, {@link Ramp}, {@link ClockJump}) name their key from their own
 * name ({@code spikes.for}); {@link #keyUnder(String)} places it under the section that holds them.
 */
public final class ConstraintViolation extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String actual;
    private final String allowed;
    private final String fix;

    /**
     * @param key     dotted key of the refused value, such as {@code network.latency}
     * @param actual  the refused value as users write it, such as {@code 20s}; empty when the phrase says it
     * @param allowed what the key accepts, as a phrase such as {@code must be between 0 and 10s}
     * @param fix     what to write instead, such as {@code declare a duration such as 50ms}; empty for none
     */
    public ConstraintViolation(String key, String actual, String allowed, String fix) {
        super(key + " " + problem(actual, allowed, fix));
        this.key = Objects.requireNonNull(key, "key");
        this.actual = Objects.requireNonNull(actual, "actual");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    private static String problem(String actual, String allowed, String fix) {
        return allowed + (actual.isEmpty() ? "" : ", but was " + actual) + (fix.isEmpty() ? "" : "; " + fix);
    }

    /** Dotted key of the refused value, such as {@code network.latency} or, for a nested value, {@code spikes.for}. */
    public String key() {
        return key;
    }

    /** The refused value as users write it, such as {@code 20s}; empty when {@link #allowed()} says it. */
    public String actual() {
        return actual;
    }

    /** What the key accepts, such as {@code must be between 0 and 10s}. */
    public String allowed() {
        return allowed;
    }

    /** What to write instead; empty when {@link #allowed()} says it all. */
    public String fix() {
        return fix;
    }

    /** The message without the key: {@code must be between 0 and 10s, but was 20s; declare a duration such as 50ms}. */
    public String problem() {
        return problem(actual, allowed, fix);
    }

    /** As {@link #problem()}, with the value as the front door read it (such as the text of a YAML scalar). */
    public String problem(String actualAsWritten) {
        return problem(actual.isEmpty() ? "" : actualAsWritten, allowed, fix);
    }

    /**
     * The key as seen from {@code section}: a nested value's {@code spikes.for} under {@code cpu.spikes}
     * becomes {@code cpu.spikes.for}; a key that already starts with the section's first name is kept.
     */
    public String keyUnder(String section) {
        String top = section.contains(".") ? section.substring(0, section.indexOf('.')) : section;
        if (section.isEmpty() || key.equals(top) || key.startsWith(top + ".")) {
            return key;
        }
        String last = section.substring(section.lastIndexOf('.') + 1);
        String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        return first.equals(last) ? section + key.substring(first.length()) : section + "." + key;
    }
}
