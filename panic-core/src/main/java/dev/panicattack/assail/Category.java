package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What kind of weakness a {@link Finding} is, with a short description and the axes that attack it. */
public enum Category {
    RECURSION("A method calls itself, directly or through a cycle of calls; deep input exhausts the stack.",
            EnumSet.of(Axis.MEMORY, Axis.CONCURRENCY)),
    LOCK_ORDER("Two methods take the same two locks in opposite nested order; concurrent callers can deadlock.",
            EnumSet.of(Axis.CONCURRENCY, Axis.CPU)),
    GROWING_STATIC_COLLECTION("A static collection or map is added to but never removed from or cleared.",
            EnumSet.of(Axis.MEMORY)),
    THREAD_WITHOUT_SHUTDOWN("Threads or an executor are started in a class that never shuts down, closes or joins.",
            EnumSet.of(Axis.CONCURRENCY, Axis.MEMORY)),
    BLOCKING_CALL_WITHOUT_TIMEOUT("A call that can block forever is made without a timeout.",
            EnumSet.of(Axis.NETWORK, Axis.TIME, Axis.CONCURRENCY)),
    SWALLOWED_EXCEPTION("A catch of Throwable, Exception or InterruptedException neither rethrows, restores the"
            + " interrupt, nor uses the exception.",
            EnumSet.of(Axis.MEMORY, Axis.NETWORK, Axis.DISK, Axis.CONCURRENCY)),
    BUSY_WAIT("A loop polls a field and sleeps, spins or yields instead of waiting or parking.",
            EnumSet.of(Axis.CPU, Axis.TIME)),
    UNBOUNDED_QUEUE("A queue or executor work queue without a capacity bound.",
            EnumSet.of(Axis.MEMORY, Axis.CPU)),
    UNTRUSTED_DESERIALIZATION("ObjectInputStream.readObject without an ObjectInputFilter in the same method.",
            EnumSet.of(Axis.MEMORY, Axis.CPU));

    private final String description;
    private final Set<Axis> axes;

    Category(String description, Set<Axis> axes) {
        this.description = description;
        this.axes = Collections.unmodifiableSet(axes);
    }

    /** One sentence saying what this category flags. */
    public String description() {
        return description;
    }

    /** The axes that attack code of this category (a finding may narrow them). */
    public Set<Axis> axes() {
        return axes;
    }
}
