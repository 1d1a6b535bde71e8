package dev.panicattack.realbugs.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.pool.BasePoolableObjectFactory;
import org.apache.commons.pool.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * commons-pool 1.3 runs {@code GenericObjectPool.borrowObject} and {@code returnObject} wholly inside the
 * pool's monitor, factory calls included, so a factory that validates (or creates) with real work
 * makes every other borrower wait to enter the pool: POOL-93 and POOL-108, fixed in 1.4 ("Reduced
 * synchronization in GenericObjectPool, GenericKeyedObjectPool. Factory method activations within
 * synchronized blocks were causing performance problems in DBCP and other applications where factory
 * methods could block"). On 1.3 no two validations ever run at once.
 */
@Diagnose
@RealBug(artifact = "commons-pool:commons-pool", buggy = "1.3", fixed = "1.4", expected = BugClass.LOCK_CONTENTION,
        issue = "https://issues.apache.org/jira/browse/POOL-93")
class ValidationInsidePoolLockTest {

    private static final int WORKERS = 4;
    private static final int REQUESTS = 300;

    @Test
    void validatesConnectionsOfDifferentWorkersInParallel() throws Exception {
        AtomicInteger validating = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        GenericObjectPool pool = new GenericObjectPool(new BasePoolableObjectFactory() {
            @Override
            public Object makeObject() {
                return new byte[1 << 20];
            }

            @Override
            public boolean validateObject(Object connection) {
                mostAtOnce.accumulateAndGet(validating.incrementAndGet(), Math::max);
                try {
                    return checksum((byte[]) connection).length == 32;
                } finally {
                    validating.decrementAndGet();
                }
            }
        });
        pool.setMaxActive(WORKERS);
        pool.setTestOnBorrow(true);

        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Integer>> served = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                served.add(workers.submit(() -> serve(pool)));
            }
            for (Future<Integer> requests : served) {
                assertThat(requests.get()).isEqualTo(REQUESTS);
            }
            assertThat(mostAtOnce.get()).as("connections validated at once").isGreaterThan(1);
        } finally {
            workers.shutdownNow();
            pool.close();
        }
    }

    /** Serves {@link #REQUESTS} requests, each on a connection borrowed from the pool. */
    private static int serve(GenericObjectPool pool) throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            byte[] connection = (byte[]) pool.borrowObject();
            connection[i % connection.length]++;
            pool.returnObject(connection);
        }
        return REQUESTS;
    }

    private static byte[] checksum(byte[] buffer) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(buffer);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
        }
    }
}
