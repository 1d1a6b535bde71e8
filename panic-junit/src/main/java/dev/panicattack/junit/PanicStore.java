package dev.panicattack.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * The one Store namespace of panic-attack's extensions. Every key in it is named for what it holds
 * (a class, or a string with its owner's prefix), so the extensions of this package share it
 * without colliding.
 */
final class PanicStore {

    private static final Namespace NAMESPACE = Namespace.create(PanicStore.class);

    private PanicStore() {
    }

    /** The Store of {@code context}'s own scope (a test, a class). */
    static Store of(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /** The Store of the whole run: what is read or built once per engine execution. */
    static Store ofRun(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }
}
