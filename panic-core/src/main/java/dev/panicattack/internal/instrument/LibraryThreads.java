package dev.panicattack.internal.instrument;

/**
 * The names of the threads panic-attack starts: every one begins with {@value #PREFIX}, so that
 * hooks leave them alone (a stressor must not slow down or fault its own threads) and evidence can
 * tell them from the test's threads.
 */
public final class LibraryThreads {

    /** The prefix of every thread name panic-attack gives. */
    public static final String PREFIX = "panic-";

    private LibraryThreads() {
    }

    /** The name of a library thread doing {@code what}, for example {@code panic-cpu-burner-0}. */
    public static String name(String what) {
        return PREFIX + what;
    }

    /** True when {@code threadName} names one of panic-attack's own threads. */
    public static boolean isLibraryThread(String threadName) {
        return threadName.startsWith(PREFIX);
    }
}
