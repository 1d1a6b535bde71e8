package dev.panicattack.junit;

import static dev.panicattack.junit.DiagnoseTests.execute;
import static dev.panicattack.junit.DiagnoseTests.singleFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

/**
 * The {@code fix:} lines of a classified failure name the code locations the proof's evidence holds.
 * The expected lines name lines of the fixtures below: moving a fixture's call moves its line.
 */
class RemedyTests {

    private static final String FIXTURE = RemedyTests.class.getName();

    @Test
    void aDeadlockNamesBothAcquisitionSitesAndTheLocks() {
        Throwable failure = singleFailure(execute(DeadlockTestCases.class, Map.of()));
        String outward = lockName(DeadlockTestCases.workers.get(0));
        String inward = lockName(DeadlockTestCases.workers.get(1));
        DeadlockTestCases.release();

        List<String> fix = fixLines(failure);
        assertThat(fix.subList(0, 3)).containsExactly(
                "fix: take " + outward + " and " + inward + " in one global order at every site below, or take the second"
                        + " with tryLock(timeout) and release the first when it fails",
                "  at " + FIXTURE + "$DeadlockTestCases.moveOut(RemedyTests.java:129): thread \"outward\" waits here for "
                        + outward + " while holding " + inward,
                "  at " + FIXTURE + "$DeadlockTestCases.moveIn(RemedyTests.java:145): thread \"inward\" waits here for "
                        + inward + " while holding " + outward);
        assertThat(fix.subList(3, fix.size())).hasSize(2).allMatch(line -> line.matches(
                "  because thread_blocked_on\\(\\d+, \\d+, \"java\\.util\\.concurrent\\.locks\\.ReentrantLock\\$NonfairSync@\\p{XDigit}+\", \\d+\\)"));
    }

    @Test
    void aMissingTimeoutNamesTheBlockingCall() throws IOException {
        Throwable failure;
        try {
            failure = singleFailure(execute(SilentPeerTestCases.class, Map.of()));
        } finally {
            SilentPeerTestCases.close();
        }

        assertThat(fixLines(failure)).satisfiesExactly(
                line -> assertThat(line).isEqualTo("fix: give this call a timeout (a socket read and connect timeout, an HTTP"
                        + " request timeout) and handle the timeout where it is thrown"),
                line -> assertThat(line).isEqualTo("  at " + FIXTURE + "$SilentPeerTestCases.readsAReplyThatNeverComes(RemedyTests.java:168)"
                        + ": thread \"test-body-readsAReplyThatNeverComes\" waits here on a peer with no timeout"),
                line -> assertThat(line).matches("  because no_progress\\(\\d+, \\d+, \\d+\\)"));
    }

    @Test
    void aSaturatedPoolNamesThePoolAndTheWorkerThatWaitsForIt() {
        Throwable failure;
        try {
            failure = singleFailure(execute(OwnPoolTestCases.class, Map.of()));
        } finally {
            OwnPoolTestCases.pool.shutdownNow();
        }

        assertThat(fixLines(failure)).satisfiesExactly(
                line -> assertThat(line).isEqualTo("fix: give the tasks that are waited for a pool of their own (a bulkhead),"
                        + " or compose them (thenCompose) instead of blocking a worker on get() or join()"),
                line -> assertThat(line).isEqualTo("  at " + FIXTURE + "$OwnPoolTestCases.settle(RemedyTests.java:194)"
                        + ": thread \"ledger-thread-1\" waits here for a future that only a worker of pool \"ledger\" can run"),
                line -> assertThat(line).matches("  because no_progress\\(\\d+, \\d+, \\d+\\)"));
    }

    /** The message's lines from {@code fix:} up to the report line. */
    private static List<String> fixLines(Throwable failure) {
        List<String> lines = failure.getMessage().lines().toList();
        int fix = lines.indexOf(lines.stream().filter(line -> line.startsWith("fix: ")).findFirst().orElse(""));
        assertThat(fix).as(failure.getMessage()).isPositive();
        return lines.subList(fix, lines.size() - 1);
    }

    /** The lock {@code thread} waits for, as the JVM names it. */
    private static String lockName(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()).getLockInfo().toString();
    }

    static class DeadlockTestCases {
        static final ReentrantLock checking = new ReentrantLock();
        static final ReentrantLock savings = new ReentrantLock();
        static final List<Thread> workers = new CopyOnWriteArrayList<>();

        @Test
        @Diagnose(stallWindow = "30s")
        void transfersInOppositeOrder() throws InterruptedException {
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread outward = new Thread(() -> moveOut(bothHoldOne), "outward");
            Thread inward = new Thread(() -> moveIn(bothHoldOne), "inward");
            workers.add(outward);
            workers.add(inward);
            outward.start();
            inward.start();
            outward.join();
            inward.join();
        }

        static void release() {
            workers.forEach(Thread::interrupt);
            workers.clear();
        }

        private static void moveOut(CountDownLatch bothHoldOne) {
            try {
                checking.lockInterruptibly();
                try {
                    bothHoldOne.countDown();
                    bothHoldOne.await();
                    savings.lockInterruptibly();
                    savings.unlock();
                } finally {
                    checking.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void moveIn(CountDownLatch bothHoldOne) {
            try {
                savings.lockInterruptibly();
                try {
                    bothHoldOne.countDown();
                    bothHoldOne.await();
                    checking.lockInterruptibly();
                    checking.unlock();
                } finally {
                    savings.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static class SilentPeerTestCases {
        static final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

        @Test
        @Diagnose(stallWindow = "1s", threadMode = Diagnose.ThreadMode.SEPARATE_THREAD)
        void readsAReplyThatNeverComes() throws IOException {
            ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            open.add(peer);
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.getLocalPort());
            open.add(socket);
            open.add(peer.accept());
            InputStream in = socket.getInputStream();
            in.read(new byte[64], 0, 64);
        }

        static void close() throws IOException {
            for (AutoCloseable closeable : open) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            open.clear();
        }
    }

    static class OwnPoolTestCases {
        static final ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "ledger-thread-1"));

        @Test
        @Diagnose(stallWindow = "1s")
        void waitsForWorkOnlyItsOwnPoolCanRun() throws InterruptedException, ExecutionException {
            pool.submit(OwnPoolTestCases::settle).get();
        }

        private static Integer settle() throws InterruptedException, ExecutionException {
            Future<Integer> total = pool.submit(() -> 42);
            return total.get();
        }
    }
}
