package dev.panicattack.bench.assail;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One seeded pattern per category (class name {@code Seeded<CATEGORY>}) and clean near misses. */
final class SeededPatterns {

    private SeededPatterns() {
    }

    static final class SeededRECURSION {
        long walk(long n) {
            return n <= 0 ? 0 : walk(n - 1) + 1;
        }
    }

    static final class SeededLOCK_ORDER {
        private final Object a = new Object();
        private final Object b = new Object();

        void ab() {
            synchronized (a) {
                synchronized (b) {
                    a.hashCode();
                }
            }
        }

        void ba() {
            synchronized (b) {
                synchronized (a) {
                    b.hashCode();
                }
            }
        }
    }

    static final class SeededGROWING_STATIC_COLLECTION {
        private static final Map<Long, long[]> SEEN = new HashMap<>();

        static void see(long id) {
            SEEN.put(id, new long[16]);
        }
    }

    static final class SeededTHREAD_WITHOUT_SHUTDOWN {
        void fire(Runnable task) {
            new Thread(task).start();
        }
    }

    static final class SeededBLOCKING_CALL_WITHOUT_TIMEOUT {
        String next(BlockingQueue<String> queue) throws InterruptedException {
            return queue.take();
        }
    }

    static final class SeededSWALLOWED_EXCEPTION {
        void ignore(Runnable task) {
            try {
                task.run();
            } catch (Throwable t) {
                task.hashCode();
            }
        }
    }

    static final class SeededBUSY_WAIT {
        private volatile boolean ready;

        void spin() {
            while (!ready) {
                Thread.onSpinWait();
            }
        }
    }

    static final class SeededUNBOUNDED_QUEUE {
        Queue<String> queue() {
            return new ConcurrentLinkedQueue<>();
        }
    }

    static final class SeededUNTRUSTED_DESERIALIZATION {
        Object read(InputStream in) throws IOException, ClassNotFoundException {
            return new ObjectInputStream(in).readObject();
        }
    }

    static final class CleanPatterns {
        private final ExecutorService pool = Executors.newCachedThreadPool();
        private final Map<Long, long[]> seen = new HashMap<>();

        Object result(Future<?> future) throws InterruptedException, ExecutionException, TimeoutException {
            return future.get(1, TimeUnit.SECONDS);
        }

        void see(long id) {
            seen.put(id, new long[16]);
        }

        void restore(Object monitor) {
            synchronized (monitor) {
                try {
                    monitor.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void stop() {
            pool.shutdown();
        }
    }
}
