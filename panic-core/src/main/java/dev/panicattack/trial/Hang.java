package dev.panicattack.trial;

import java.time.Duration;
import java.util.List;

/**
 * What the {@link HangDetector} saw when it judged the test hung: a lock cycle among the test's
 * threads, or no progress by any of them for the stall window. {@code threads} are the thread ids
 * involved; {@code stacks} their stack traces at detection, for the failure's cause.
 */
public record Hang(Kind kind, Duration at, List<Long> threads, List<StackTraceElement[]> stacks) {

    public enum Kind { DEADLOCK, STALL }

    public Hang {
        threads = List.copyOf(threads);
        stacks = List.copyOf(stacks);
    }
}
