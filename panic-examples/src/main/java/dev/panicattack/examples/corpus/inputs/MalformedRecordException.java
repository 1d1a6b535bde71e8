package dev.panicattack.examples.corpus.inputs;

/** The documented error of the record decoders: the bytes are not a well-formed record. */
public class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }
}
