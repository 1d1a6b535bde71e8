package dev.panicattack.shedding;

/** Where a declaration was made: a place in a YAML file, or code ({@code source} empty, line 0). */
record Origin(String source, int line, int column) {

    static final Origin CODE = new Origin("", 0, 0);

    boolean inFile() {
        return !source.isEmpty();
    }

    /** {@code line 4, column 5}, for pointing back at an earlier declaration in the same file. */
    String place() {
        return "line " + line + ", column " + column;
    }

    SheddingDeclarationException error(String message) {
        return new SheddingDeclarationException(source, line, column, message, null);
    }

    SheddingDeclarationException error(String message, Throwable cause) {
        return new SheddingDeclarationException(source, line, column, message, cause);
    }
}
