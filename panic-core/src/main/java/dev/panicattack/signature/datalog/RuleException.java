package dev.panicattack.signature.datalog;

/**
 * Any error in a rule program: syntax, unsafe variable, arity mismatch, unstratifiable program,
 * unknown aggregate, or input facts that contradict the program. The message starts with
 * {@code source:line:column: } and says what was expected, what was found and how to fix it.
 */
public final class RuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    RuleException(String source, int line, int column, String message) {
        super(source + ":" + line + ":" + column + ": " + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The rule file (source name given to {@link RuleProgram#parse}) the error points into. */
    public String source() {
        return source;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error. */
    public int column() {
        return column;
    }
}
