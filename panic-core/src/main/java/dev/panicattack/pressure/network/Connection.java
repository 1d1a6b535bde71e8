package dev.panicattack.pressure.network;

import java.util.Objects;

/**
 * The fault state of one faulted client connection: where it goes, whether it was reset, when the
 * answer to its last request becomes readable, and when each direction's link is free again for
 * bandwidth pacing. Guarded by its own monitor.
 */
final class Connection {

    final String host;
    final int port;
    boolean reset;
    /** True until the first write after a read: the next write starts a new request. */
    boolean answered = true;
    /** {@link System#nanoTime()} from which the peer's answer is readable under latency. */
    long answerDueNanos;
    long sendFreeNanos;
    long receiveFreeNanos;

    Connection(String host, int port, long openedNanos) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.answerDueNanos = openedNanos;
    }

    String describe() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
