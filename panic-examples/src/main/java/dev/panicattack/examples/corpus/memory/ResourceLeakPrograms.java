package dev.panicattack.examples.corpus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/**
 * RESOURCE_LEAK: pooled objects and permits taken on a path that never gives them back, until the
 * next taker finds none: it times out, or waits for good.
 */
public class ResourceLeakPrograms {

    /** A stand-in for a database connection: cheap to make, but only a few may exist. */
    static final class Connection {
        String query(String sql) {
            if (sql.contains("DROP")) {
                throw new IllegalArgumentException("statement refused by the server: " + sql);
            }
            return "ok:" + sql.length();
        }
    }

    static final class ConnectionFactory extends BasePooledObjectFactory<Connection> {
        @Override
        public Connection create() {
            return new Connection();
        }

        @Override
        public PooledObject<Connection> wrap(Connection connection) {
            return new DefaultPooledObject<>(connection);
        }
    }

    static GenericObjectPool<Connection> pool(Duration maxWait) {
        GenericObjectPool<Connection> pool = new GenericObjectPool<>(new ConnectionFactory());
        pool.setMaxTotal(4);
        pool.setMaxWait(maxWait);
        return pool;
    }

    /** Runs one statement; the defect: a refused statement skips the return to the pool. */
    static String run(GenericObjectPool<Connection> pool, String sql) throws Exception {
        Connection connection = pool.borrowObject();
        String result = connection.query(sql);
        pool.returnObject(connection);
        return result;
    }

    static int runAll(GenericObjectPool<Connection> pool, int statements) throws Exception {
        int refused = 0;
        for (int i = 0; i < statements; i++) {
            String sql = i % 5 == 4 ? "DROP TABLE t" + i : "SELECT " + i;
            try {
                run(pool, sql);
            } catch (IllegalArgumentException refusedByServer) {
                // Handled as the caller intends: counted and skipped. The connection is the casualty.
                refused++;
            }
        }
        return refused;
    }

    @Test
    @Seeded(BugClass.RESOURCE_LEAK)
    @Diagnose(stallWindow = "1s")
    void refusedStatementsLeakPooledConnectionsUntilBorrowTimesOut() throws Exception {
        try (GenericObjectPool<Connection> pool = pool(Duration.ofMillis(300))) {
            assertThat(runAll(pool, 100)).isEqualTo(20);
        }
    }

    @Test
    @Seeded(BugClass.RESOURCE_LEAK)
    @Diagnose(stallWindow = "1s")
    void refusedStatementsLeakPooledConnectionsUntilBorrowWaitsForever() throws Exception {
        // No max wait: the fifth borrower after four leaks waits for a connection nobody will return.
        GenericObjectPool<Connection> pool = pool(Duration.ofMillis(-1));
        try {
            assertThat(runAll(pool, 100)).isEqualTo(20);
        } finally {
            pool.close();
        }
    }

    /** Uploads limited to three at a time; the defect: a failed upload never releases its permit. */
    static final class Uploader {
        private final Semaphore slots = new Semaphore(3);

        boolean upload(byte[] file) throws InterruptedException {
            slots.acquire();
            if (file.length == 0) {
                throw new IllegalArgumentException("empty upload rejected");
            }
            slots.release();
            return true;
        }
    }

    @Test
    @Seeded(BugClass.RESOURCE_LEAK)
    @Diagnose(stallWindow = "1s")
    void failedUploadsLeakSemaphorePermits() throws InterruptedException {
        Uploader uploader = new Uploader();
        int uploaded = 0;
        for (int i = 0; i < 50; i++) {
            byte[] file = new byte[i % 4 == 3 ? 0 : 1024];
            try {
                if (uploader.upload(file)) {
                    uploaded++;
                }
            } catch (IllegalArgumentException rejected) {
                // the caller moves on; the permit does not come back
            }
        }
        assertThat(uploaded).isEqualTo(38);
    }
}
