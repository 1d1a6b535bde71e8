package dev.panicattack.examples.spring;

/** A withdrawal larger than the balance; unchecked, so the transfer's transaction rolls back. */
public class InsufficientFundsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InsufficientFundsException(String owner, long balanceCents, long requestedCents) {
        super("account of " + owner + " holds " + balanceCents + " cents, but " + requestedCents
                + " cents were to be withdrawn");
    }
}
