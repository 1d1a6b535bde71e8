package dev.panicattack.realbugs.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.pool.BasePoolableObjectFactory;
import org.apache.commons.pool.impl.GenericObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * commons-pool 1.3 runs every pool's idle-object evictor on one static {@code java.util.Timer} that is
 * never cancelled: its thread starts with the first pool and outlives every pool closed after it
 * (in an application server it keeps the web application's class loader alive): POOL-97
 * ("EVICTION_TIMER is never cancelled"). 1.4 counts the pools using the timer and cancels it when the
 * last one stops evicting.
 */
@Diagnose
@RealBug(artifact = "commons-pool:commons-pool", buggy = "1.3", fixed = "1.4", expected = BugClass.THREAD_LEAK,
        issue = "https://issues.apache.org/jira/browse/POOL-97")
class EvictionTimerAfterCloseTest {

    @Test
    void closingThePoolStopsItsEvictor() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        GenericObjectPool pool = new GenericObjectPool(new BasePoolableObjectFactory() {
            @Override
            public Object makeObject() {
                return new StringBuilder("session");
            }
        });
        pool.setTimeBetweenEvictionRunsMillis(60_000);
        pool.returnObject(pool.borrowObject());
        pool.close();

        assertThat(threadsStartedSince(before)).isEmpty();
    }

    /** Threads started since {@code before} that are still alive after a generous deadline. */
    private static List<String> threadsStartedSince(Set<Thread> before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.isAlive())
                    .filter(thread -> !thread.getName().startsWith("panic-"))
                    .map(Thread::getName).sorted().toList();
            if (started.isEmpty() || System.nanoTime() - deadline >= 0) {
                return started;
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
