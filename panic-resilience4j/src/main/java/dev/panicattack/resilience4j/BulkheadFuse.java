package dev.panicattack.resilience4j;

import dev.panicattack.fuse.Fuse;
import dev.panicattack.fuse.FuseState;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Resilience4j semaphore {@link Bulkhead} as a {@link Fuse}: {@link FuseState#OPEN} while no
 * concurrent call is available (the next call would be rejected), {@link FuseState#CLOSED}
 * otherwise; it never half-opens. The shed count is the number of {@code CallRejected} events since
 * this adapter subscribed.
 */
public final class BulkheadFuse implements Fuse {

    private final Bulkhead bulkhead;
    private final AtomicLong shed = new AtomicLong();

    private BulkheadFuse(Bulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    /** Adapts {@code bulkhead}, subscribing to its events from now on. */
    public static BulkheadFuse of(Bulkhead bulkhead) {
        Objects.requireNonNull(bulkhead, "bulkhead");
        BulkheadFuse fuse = new BulkheadFuse(bulkhead);
        bulkhead.getEventPublisher().onCallRejected(event -> fuse.shed.incrementAndGet());
        return fuse;
    }

    @Override
    public String name() {
        return bulkhead.getName();
    }

    @Override
    public FuseState state() {
        return bulkhead.getMetrics().getAvailableConcurrentCalls() <= 0 ? FuseState.OPEN : FuseState.CLOSED;
    }

    @Override
    public long shedCount() {
        return shed.get();
    }
}
