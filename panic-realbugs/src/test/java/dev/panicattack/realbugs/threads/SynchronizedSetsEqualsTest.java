package dev.panicattack.realbugs.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * The JDK's {@code Collections.synchronizedSet} wrapper holds its own monitor for the whole of
 * {@code equals} and calls the other set's synchronized {@code size()} inside it, so two threads comparing
 * two such sets in opposite directions take the two monitors in opposite orders and deadlock. Reported
 * on the JDK's core-libs-dev list (an application server comparing credential sets); the wrappers still
 * do so. A bug of the JDK: runs on the benchmark's JDK, without a control.
 */
@Diagnose
@RealBug(artifact = "", buggy = "", fixed = "", expected = BugClass.DEADLOCK,
        issue = "https://mail.openjdk.org/pipermail/core-libs-dev/2009-December/003404.html")
class SynchronizedSetsEqualsTest {

    private static final int CHECKS = 200_000;

    @Test
    void comparesTwoSharedPermissionSetsFromTwoThreads() throws Exception {
        Set<String> granted = Collections.synchronizedSet(new HashSet<>(List.of("read", "write", "admin")));
        Set<String> required = Collections.synchronizedSet(new HashSet<>(List.of("read", "write", "admin")));
        ExecutorService checkers = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> grantedFirst = checkers.submit(() -> matches(granted, required));
            Future<Integer> requiredFirst = checkers.submit(() -> matches(required, granted));
            assertThat(grantedFirst.get() + requiredFirst.get()).isEqualTo(2 * CHECKS);
        } finally {
            checkers.shutdownNow();
        }
    }

    /** How many of {@link #CHECKS} comparisons of {@code left} with {@code right} found them equal. */
    private static int matches(Set<String> left, Set<String> right) {
        int equal = 0;
        for (int i = 0; i < CHECKS; i++) {
            if (left.equals(right)) {
                equal++;
            }
        }
        return equal;
    }
}
