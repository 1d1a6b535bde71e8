package dev.panicattack.bench.probes;


import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.panicattack.probe.ProbeSession;
import dev.panicattack.subject.Subject;

/**
 * The JMH benchmarks behind {@code probe-overhead}: the same method never advised, advised by a
 * probe session, and after a session advised it and was reset. Each runs in a fork of its own.
 */
public class ProbeOverheadStates {

    /** The argument, a field so that the JIT cannot fold the call into a constant. */
    @State(Scope.Thread)
    public static class Input {
        public int x = 12_345;
    }

    /** Probes on {@link ProbeTarget} for the whole measurement. */
    @State(Scope.Benchmark)
    public static class Advised {
        ProbeSession session;

        @Setup(Level.Trial)
        public void start() {
            session = ProbeSession.start(subject(), () -> 0L);
        }

        @TearDown(Level.Trial)
        public void stop() {
            session.close();
        }
    }

    /** Probes on {@link ProbeTarget}, used, then reset before the measurement. */
    @State(Scope.Benchmark)
    public static class Reset {
        @Setup(Level.Trial)
        public void adviseAndReset() {
            ProbeSession session = ProbeSession.start(subject(), () -> 0L);
            try {
                int sum = 0;
                for (int i = 0; i < 100_000; i++) {
                    sum += ProbeTarget.work(i);
                }
                if (sum == 42) {
                    System.out.println("unlikely");
                }
            } finally {
                session.close();
            }
        }
    }

    static Subject subject() {
        return Subject.of(ProbeTarget.class.getName()).resolve(ProbeTarget.class.getClassLoader());
    }

    @Benchmark
    public int baseline(Input input) {
        return ProbeTarget.work(input.x);
    }

    @Benchmark
    public int advised(Input input, Advised probes) {
        return ProbeTarget.work(input.x);
    }

    @Benchmark
    public int afterReset(Input input, Reset probes) {
        return ProbeTarget.work(input.x);
    }
}
