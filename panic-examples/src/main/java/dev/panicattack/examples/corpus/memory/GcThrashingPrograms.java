package dev.panicattack.examples.corpus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.signature.BugClass;

/**
 * GC_THRASHING: a live set near the heap limit while the program keeps allocating, so collections
 * take most of the test's time. The heap is held at 85% by the library's ballast; each program adds
 * its own working set on top and churns through objects that live just long enough to be copied.
 */
public class GcThrashingPrograms {

    static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(2_000);

    /** A session store sized for a bigger heap: about 110 MB of sessions, each replaced over and over. */
    static long replaceSessionsContinuously(int sessions, int sessionBytes) {
        Map<Integer, byte[]> store = new HashMap<>();
        long replaced = 0;
        long end = System.nanoTime() + RUN_NANOS;
        try {
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    int key = (int) (replaced++ % sessions);
                    store.put(key, new byte[sessionBytes]);
                }
            }
            return replaced;
        } finally {
            store.clear();
        }
    }

    @Test
    @Seeded(BugClass.GC_THRASHING)
    @UnderPressure(memory = 85)
    @Diagnose(failOn = BugClass.GC_THRASHING)
    void sessionStoreTooLargeForTheHeapThatIsLeft() {
        long replaced = replaceSessionsContinuously(14_000, 8 * 1024);
        assertThat(replaced).isPositive();
    }

    @Test
    @Seeded(BugClass.GC_THRASHING)
    @UnderPressure(memory = 85)
    @Diagnose(failOn = BugClass.GC_THRASHING)
    void slidingWindowOfEventsKeptNearTheLimit() {
        // A window of the last 400 000 events (about 110 MB) over an unending event stream.
        ArrayDeque<long[]> window = new ArrayDeque<>();
        long seen = 0;
        long end = System.nanoTime() + RUN_NANOS;
        try {
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    window.addLast(new long[32]);
                    if (window.size() > 400_000) {
                        window.removeFirst();
                    }
                    seen++;
                }
            }
        } finally {
            window.clear();
        }
        assertThat(seen).isPositive();
    }
}
