package dev.panicattack.assail;

/** The input to {@link AssailScanner#scan(java.nio.file.Path)} cannot be scanned; the message names the input and the fix. */
public final class AssailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AssailException(String message) {
        super(message);
    }

    AssailException(String message, Throwable cause) {
        super(message, cause);
    }
}
