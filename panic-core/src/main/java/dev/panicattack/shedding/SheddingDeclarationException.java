package dev.panicattack.shedding;

import java.util.Objects;

/**
 * A shedding plan is wrong, or one of its probes failed: the message names the declaration (the
 * component, or {@code file:line:column} and key for YAML), the actual value and the fix, for example
 * {@code shedding.yaml:9:5: components[3].priority: 'cache' is declared twice with different priorities ...}.
 * {@link #line()} and {@link #column()} are 1-based, or 0 when the declaration was made in code.
 */
public final class SheddingDeclarationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    SheddingDeclarationException(String message) {
        this("", 0, 0, message, null);
    }

    SheddingDeclarationException(String message, Throwable cause) {
        this("", 0, 0, message, cause);
    }

    SheddingDeclarationException(String source, int line, int column, String message, Throwable cause) {
        super(location(source, line, column) + message, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.column = column;
    }

    private static String location(String source, int line, int column) {
        if (source.isEmpty()) {
            return "";
        }
        return line > 0 ? source + ":" + line + ":" + column + ": " : source + ": ";
    }

    /** The YAML file the declaration came from; empty for declarations made in code. */
    public String source() {
        return source;
    }

    /** 1-based line in {@link #source()}, or 0. */
    public int line() {
        return line;
    }

    /** 1-based column in {@link #source()}, or 0. */
    public int column() {
        return column;
    }
}
