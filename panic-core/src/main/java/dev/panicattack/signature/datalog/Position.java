package dev.panicattack.signature.datalog;

/** A place in a rule file, for error messages. */
record Position(String source, int line, int column) {

    RuleException error(String message) {
        return new RuleException(source, line, column, message);
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
