package dev.panicattack.realbugs.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.pool.BasePoolableObjectFactory;
import org.apache.commons.pool.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * commons-pool 1.5 to 1.5.6 never wake a thread waiting in {@code GenericObjectPool.borrowObject} when
 * the pool is closed: the waiter blocks for good instead of failing: POOL-189 ("threads waiting in
 * borrowObject when close was invoked on GOP or GKOP would block indefinitely"). 1.5.7 wakes the waiters
 * on close and has them throw {@link IllegalStateException}.
 */
@Diagnose
@RealBug(artifact = "commons-pool:commons-pool", buggy = "1.5.6", fixed = "1.5.7", expected = BugClass.STALL,
        issue = "https://issues.apache.org/jira/browse/POOL-189")
class ClosedPoolWaiterTest {

    @Test
    void closingThePoolFailsTheRequestWaitingForAConnection() throws Exception {
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
        FutureTask<Object> request = new FutureTask<>(pool::borrowObject);
        Thread waiting = new Thread(request, "waiting-request");
        waiting.start();
        awaitWaiting(waiting);

        pool.close();

        assertThatThrownBy(request::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
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
