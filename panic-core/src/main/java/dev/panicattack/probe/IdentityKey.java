package dev.panicattack.probe;

import java.lang.ref.WeakReference;

/**
 * A map key that compares its referent by identity and does not keep it alive: the probes must
 * not change what the subject's heap retains. A collected referent's key equals only itself.
 */
final class IdentityKey extends WeakReference<Object> {

    private final int hash;

    IdentityKey(Object referent) {
        super(referent);
        this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IdentityKey key)) {
            return false;
        }
        Object mine = get();
        return mine != null && mine == key.get();
    }
}
