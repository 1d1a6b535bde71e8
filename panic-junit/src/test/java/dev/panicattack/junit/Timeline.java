package dev.panicattack.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** When each fixture test ran, from {@link System#nanoTime()}: which ran beside which. */
final class Timeline {

    /** One test's run, from its {@code @BeforeEach} to its {@code @AfterEach}. */
    record Span(String test, long startNanos, long endNanos) {

        boolean overlaps(Span other) {
            return startNanos < other.endNanos && other.startNanos < endNanos;
        }
    }

    private final Queue<Span> spans = new ConcurrentLinkedQueue<>();

    void clear() {
        spans.clear();
    }

    void record(String test, long startNanos) {
        spans.add(new Span(test, startNanos, System.nanoTime()));
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Each pair of tests that ran at the same time while at least one of them was a trial, as "a beside b". */
    List<String> besideATrial(Predicate<String> trial) {
        return overlapping(pair -> trial.test(pair.get(0).test()) || trial.test(pair.get(1).test()));
    }

    /** Each pair of tests, both not trials, that ran at the same time. */
    List<String> besideEachOther(Predicate<String> trial) {
        return overlapping(pair -> !trial.test(pair.get(0).test()) && !trial.test(pair.get(1).test()));
    }

    private List<String> overlapping(Predicate<List<Span>> counted) {
        List<Span> all = spans();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                List<Span> pair = List.of(all.get(i), all.get(j));
                if (all.get(i).overlaps(all.get(j)) && counted.test(pair)) {
                    pairs.add(all.get(i).test() + " beside " + all.get(j).test());
                }
            }
        }
        return pairs;
    }
}
