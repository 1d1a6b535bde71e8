package dev.panicattack.fuse;

import java.time.Instant;
import java.util.Optional;

/**
 * A protection that trips under pressure and sheds work before damage: a circuit breaker, a
 * bulkhead, a rate limiter, a load shedder. Adapters exist for Resilience4j; implement this for a
 * fuse of your own. Implementations must be safe to read from any thread and cheap to poll: the
 * assertions sample {@link #state()} and {@link #shedCount()} while pressure is applied.
 */
public interface Fuse {

    /** The name shown in assertion messages and reports. */
    String name();

    /** The state now. */
    FuseState state();

    /** How many calls or requests this fuse has refused since it was created; never decreases. */
    long shedCount();

    /**
     * When the fuse last moved from {@link FuseState#CLOSED} to {@link FuseState#OPEN}, if it
     * knows; when empty, the assertions time the trip by sampling {@link #state()}.
     */
    default Optional<Instant> trippedAt() {
        return Optional.empty();
    }
}
