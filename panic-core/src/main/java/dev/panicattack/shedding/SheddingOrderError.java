package dev.panicattack.shedding;

/**
 * A shedding check failed: the message lists every broken rule, then the order actually observed
 * (component, when it started shedding, the pressure level then) and the recovery.
 */
public final class SheddingOrderError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient SheddingResult result;

    SheddingOrderError(String message, SheddingResult result) {
        super(message);
        this.result = result;
    }

    /** The run that failed, with every sample; null after deserialisation. */
    public SheddingResult result() {
        return result;
    }
}
