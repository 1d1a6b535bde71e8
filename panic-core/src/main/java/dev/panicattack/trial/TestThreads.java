package dev.panicattack.trial;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which threads belong to the test: the thread that runs the test body, and every thread started
 * after the trial began (thread ids grow monotonically in the JVM), except the library's own
 * ({@code panic-} names) and JUnit's timeout watcher. Threads that existed before, such as the build's own, never count.
 */
public final class TestThreads {

    /** JUnit's own thread that times {@code @Timeout}s, started lazily by the first one: the framework's, not the test's. */
    private static final String JUNIT_TIMEOUT_WATCHER = "junit-jupiter-timeout-watcher";

    private final long firstNewId;
    private final Set<Long> bodies = ConcurrentHashMap.newKeySet();

    private TestThreads(long firstNewId) {
        this.firstNewId = firstNewId;
    }

    /** Marks now as the start: threads created from here on belong to the test. */
    public static TestThreads startingNow() {
        // Ids are handed out in order when a Thread is constructed: an unstarted marker takes the next one,
        // so every thread created from now on has a larger id (cheaper than listing the live threads).
        return new TestThreads(idOf(new Thread(TestThreads::unused, "panic-trial-start-marker")));
    }

    private static void unused() {
        throw new IllegalStateException("the trial's start marker is never started");
    }

    /** The smallest id a thread started during the trial can have. */
    public long firstNewId() {
        return firstNewId;
    }

    /** Adds the thread that runs the test body (it may predate the start). */
    public void addBody(Thread thread) {
        bodies.add(idOf(thread));
    }

    public boolean contains(long threadId, String threadName) {
        if (bodies.contains(threadId)) {
            return true;
        }
        return threadId >= firstNewId && !threadName.startsWith("panic-") && !threadName.equals(JUNIT_TIMEOUT_WATCHER);
    }

    /** The ids of the body threads. */
    public Set<Long> bodyIds() {
        return Set.copyOf(bodies);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same value and final on 17.
    static long idOf(Thread thread) {
        return thread.getId();
    }
}
