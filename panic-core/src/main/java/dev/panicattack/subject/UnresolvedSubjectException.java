package dev.panicattack.subject;

import java.util.Objects;

/**
 * A subject name that is neither a loadable class nor a package with classes on the class path
 * ({@link Subject#resolve}). Each front door renders it with the place it knows (the annotation
 * attribute and the test method).
 */
public final class UnresolvedSubjectException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String name;

    public UnresolvedSubjectException(String name) {
        super("subject '" + name + "' is neither a loadable class nor a package with classes on the class path;"
                + " check the spelling, or name a class (com.acme.orders.OrderService) or a package (com.acme.orders)");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The name as written. */
    public String name() {
        return name;
    }
}
