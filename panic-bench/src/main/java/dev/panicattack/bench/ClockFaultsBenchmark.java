package dev.panicattack.bench;

import dev.panicattack.pressure.time.ClockShift;
import dev.panicattack.pressure.time.TimePlan;
import dev.panicattack.constraint.ClockJump;
import dev.panicattack.subject.Subject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code clock-faults}: the offset each wall-clock API shows the subject ({@link ClockReader}) under a
 * skew of -1h, against the request, over {@value #READS} reads per API; then the drift's offset after
 * 2 s at +50ms/s, the time a -1h jump declared at 500 ms is first seen, and the cost of a shifted read.
 * Real time is read by this class, which is not the subject, as the midpoint of two
 * {@code System.currentTimeMillis()} calls around each read.
 */
final class ClockFaultsBenchmark implements Benchmark {

    private static final int READS = 1000;
    private static final Subject SUBJECT = Subject.of(ClockReader.class.getName());

    @Override
    public String name() {
        return "clock-faults";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        skew(out);
        drift(out);
        jump(out);
        overhead(out);
    }

    private static void skew(PrintStream out) {
        long requested = -3_600_000L;
        ClockShift shift = new ClockShift(new TimePlan(Duration.ofMillis(requested), Duration.ZERO, List.of(), SUBJECT));
        try {
            shift.start();
            shift.awaitEstablished(Duration.ofSeconds(1));
            for (Map.Entry<String, LongSupplier> api : ClockReader.apis().entrySet()) {
                long[] offsets = new long[READS];
                for (int i = 0; i < READS; i++) {
                    offsets[i] = offset(api.getValue());
                }
                Arrays.sort(offsets);
                long median = offsets[READS / 2];
                long worst = Math.max(Math.abs(offsets[0] - requested), Math.abs(offsets[READS - 1] - requested));
                out.println("RESULT clock-faults api=" + api.getKey() + " requested_ms=" + requested + " seen_ms=" + median
                        + " error_ms=" + (median - requested) + " max_error_ms=" + worst + " reads=" + READS);
            }
        } finally {
            shift.close();
        }
        long after = offset(ClockReader::currentTimeMillis);
        out.println("RESULT clock-faults mode=after-close api=currentTimeMillis seen_ms=" + after);
    }

    private static void drift(PrintStream out) throws InterruptedException {
        ClockShift shift = new ClockShift(new TimePlan(Duration.ZERO, Duration.ofMillis(50), List.of(), SUBJECT));
        try {
            shift.start();
            shift.awaitEstablished(Duration.ofSeconds(1));
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                Thread.sleep(50);
            }
            long requested = shift.requestedOffsetMillis();
            long seen = offset(ClockReader::instantNow);
            out.println("RESULT clock-faults mode=drift rate=+50ms/s api=Instant.now requested_ms=" + requested
                    + " seen_ms=" + seen + " error_ms=" + (seen - requested));
        } finally {
            shift.close();
        }
    }

    private static void jump(PrintStream out) {
        long declaredAt = 500;
        ClockShift shift = new ClockShift(new TimePlan(Duration.ZERO, Duration.ZERO,
                List.of(ClockJump.once(Duration.ofMillis(declaredAt), Duration.ofHours(-1))), SUBJECT));
        try {
            shift.start();
            shift.awaitEstablished(Duration.ofSeconds(1));
            long established = System.nanoTime();
            long deadline = established + Duration.ofSeconds(10).toNanos();
            while (offset(ClockReader::currentTimeMillis) > -1_800_000L && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long seenAt = (System.nanoTime() - established) / 1_000_000;
            out.println("RESULT clock-faults mode=jump by_ms=-3600000 requested_at_ms=" + declaredAt + " seen_at_ms="
                    + seenAt + " error_ms=" + (seenAt - declaredAt) + " seen_ms=" + offset(ClockReader::currentTimeMillis));
        } finally {
            shift.close();
        }
    }

    private static void overhead(PrintStream out) {
        int calls = 200_000;
        long plainNanos = timeCalls(calls);
        ClockShift shift = new ClockShift(new TimePlan(Duration.ofSeconds(-1), Duration.ZERO, List.of(), SUBJECT));
        long shiftedNanos;
        long shiftedMillisNanos;
        try {
            shift.start();
            shift.awaitEstablished(Duration.ofSeconds(1));
            shiftedNanos = timeCalls(calls);
            long start = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < calls; i++) {
                sink += ClockReader.currentTimeMillis();
            }
            shiftedMillisNanos = (System.nanoTime() - start) / calls;
            if (sink == 42) {
                out.println("(unlikely)");
            }
        } finally {
            shift.close();
        }
        out.println("RESULT clock-faults mode=overhead api=Instant.now plain_ns=" + plainNanos + " shifted_ns="
                + shiftedNanos + " calls=" + calls);
        out.println("RESULT clock-faults mode=overhead api=currentTimeMillis shifted_ns=" + shiftedMillisNanos
                + " calls=" + calls);
    }

    private static long timeCalls(int calls) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += ClockReader.instantNow();
        }
        long perCall = (System.nanoTime() - start) / calls;
        return sink == 42 ? -1 : perCall;
    }

    /** What {@code read} returned minus real time (ms), real time read around it by this non-subject class. */
    private static long offset(LongSupplier read) {
        long before = System.currentTimeMillis();
        long seen = read.getAsLong();
        long after = System.currentTimeMillis();
        return seen - Math.floorDiv(before + after, 2);
    }
}
