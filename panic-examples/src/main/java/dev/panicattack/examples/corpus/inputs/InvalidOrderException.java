package dev.panicattack.examples.corpus.inputs;

/** The documented error of the order parsers, besides Jackson's own {@code JsonProcessingException}. */
public class InvalidOrderException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidOrderException(String message) {
        super(message);
    }
}
