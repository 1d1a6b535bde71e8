package dev.panicattack.realbugs.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.pool.BasePoolableObjectFactory;
import org.apache.commons.pool.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * In commons-pool 1.5.4, a thread waiting in {@code GenericObjectPool.borrowObject()} that is
 * interrupted leaves its place in the allocation queue; the next object returned is handed to that
 * place, where nobody takes it, and the pool's capacity shrinks for good: POOL-162. 1.5.5 removes the
 * interrupted borrower from the queue.
 */
@Diagnose
@RealBug(artifact = "commons-pool:commons-pool", buggy = "1.5.4", fixed = "1.5.5", expected = BugClass.RESOURCE_LEAK,
        issue = "https://issues.apache.org/jira/browse/POOL-162")
class InterruptedBorrowerTest {

    @Test
    void aCancelledBorrowerDoesNotCostTheSlot() throws Exception {
        GenericObjectPool pool = new GenericObjectPool(new BasePoolableObjectFactory() {
            @Override
            public Object makeObject() {
                return new StringBuilder("connection");
            }
        });
        pool.setMaxActive(1);
        pool.setWhenExhaustedAction(GenericObjectPool.WHEN_EXHAUSTED_BLOCK);
        pool.setMaxWait(-1);

        Object held = pool.borrowObject();
        Thread impatient = new Thread(() -> {
            try {
                pool.returnObject(pool.borrowObject());
            } catch (Exception cancelled) {
                // The caller gave up on it: an interrupted borrow ends here.
            }
        }, "impatient-borrower");
        impatient.start();
        awaitWaiting(impatient);
        impatient.interrupt();
        impatient.join();
        pool.returnObject(held);

        pool.setMaxWait(2_000);
        Object again = pool.borrowObject();
        assertThat(again).isNotNull();
        pool.returnObject(again);
        pool.close();
    }

    /** Until the thread blocks in the pool (its state says so), within a generous deadline. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime() - deadline).as(thread.getName() + " never waited in the pool").isNegative();
            LockSupport.parkNanos(1_000_000);
        }
    }
}
