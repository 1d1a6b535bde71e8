package dev.panicattack.constraint;

import java.util.Objects;

/**
 * A constraint set could not be found, read or typed: the message names the file, the line and column
 * (1-based), the dotted key and what to change, for example
 * {@code panic/constraint-sets/foo.yaml:3:9: cpu.lod: unknown key 'lod'; did you mean 'load'? (valid keys: load, spikes, ramp)}.
 *
 * <p>{@link #line()} and {@link #column()} are 0 when the error is not tied to a place in a file (an
 * unknown or malformed name passed to {@link ConstraintSetLibrary#load(String)}); {@link #source()} and
 * {@link #key()} are then empty too, as {@link #key()} is when the error concerns the whole document.
 */
public final class ConstraintSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String key;
    private final String problem;

    /**
     * @param source  where the set was read from ({@code panic/constraint-sets/foo.yaml}), or empty
     * @param line    1-based line, or 0 when there is no location
     * @param column  1-based column, or 0 when there is no location
     * @param key     dotted key path such as {@code cpu.spikes.every}, or empty
     * @param problem what is wrong and how to fix it
     */
    public ConstraintSetException(String source, int line, int column, String key, String problem) {
        this(source, line, column, key, problem, null);
    }

    /** As {@link #ConstraintSetException(String, int, int, String, String)}, keeping the {@code cause}. */
    public ConstraintSetException(String source, int line, int column, String key, String problem, Throwable cause) {
        super(format(source, line, column, key, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.column = column;
        this.key = Objects.requireNonNull(key, "key");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String source, int line, int column, String key, String problem) {
        StringBuilder message = new StringBuilder();
        if (!source.isEmpty()) {
            message.append(source);
            if (line > 0) {
                message.append(':').append(line).append(':').append(column);
            }
            message.append(": ");
        }
        if (!key.isEmpty()) {
            message.append(key).append(": ");
        }
        return message.append(problem).toString();
    }

    /** The resource path or URL the set was read from; empty when the error is not about a file. */
    public String source() {
        return source;
    }

    /** 1-based line of the offending node, or 0 when there is no location. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending node, or 0 when there is no location. */
    public int column() {
        return column;
    }

    /** Dotted key path of the offending value ({@code cpu.spikes.every}); empty for whole-document errors. */
    public String key() {
        return key;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}
