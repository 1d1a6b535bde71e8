package dev.panicattack.pressure.axis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The threads stressors start, for the tests of every axis: which are alive, and waiting for what they achieve. */
public final class StressorThreads {

    private StressorThreads() {
    }

    /** Live threads that panic-attack started, by their {@code panic-} name prefix. */
    public static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("panic-"))
                .sorted()
                .toList();
    }

    /** Polls {@code condition} every 10 ms and fails, naming {@code what}, when it is not met within 20 s. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
