package dev.panicattack.realbugs.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.pool.BasePoolableObjectFactory;
import org.apache.commons.pool.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * In commons-pool 1.5.3, when a newly created object fails validation in
 * {@code GenericObjectPool.borrowObject()}, the borrower's place is put back in the allocation queue
 * although the borrower gives up; the pool then counts a slot as in use for that place forever, so an
 * exhausted pool can block in {@code borrowObject} although nothing is active: POOL-152
 * ("GenericObjectPool can block forever in borrowObject when the pool is exhausted and a newly created
 * object fails validation"). 1.5.4 no longer requeues it.
 */
@Diagnose
@RealBug(artifact = "commons-pool:commons-pool", buggy = "1.5.3", fixed = "1.5.4", expected = BugClass.RESOURCE_LEAK,
        issue = "https://issues.apache.org/jira/browse/POOL-152")
class ValidationFailureOnCreateTest {

    @Test
    void aConnectionDeadOnArrivalDoesNotCostTheSlot() throws Exception {
        AtomicInteger made = new AtomicInteger();
        GenericObjectPool pool = new GenericObjectPool(new BasePoolableObjectFactory() {
            @Override
            public Object makeObject() {
                return "connection-" + made.incrementAndGet();
            }

            @Override
            public boolean validateObject(Object connection) {
                // The first connection is dead on arrival; the others are fine.
                return !"connection-1".equals(connection);
            }
        });
        pool.setMaxActive(1);
        pool.setTestOnBorrow(true);
        pool.setWhenExhaustedAction(GenericObjectPool.WHEN_EXHAUSTED_BLOCK);
        pool.setMaxWait(2_000);

        assertThatThrownBy(pool::borrowObject).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("Could not create a validated object");
        Object connection = pool.borrowObject();
        assertThat(connection).isEqualTo("connection-2");
        pool.returnObject(connection);
        pool.close();
    }
}
