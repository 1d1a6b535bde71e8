package dev.panicattack.signature.datalog;

import dev.panicattack.evidence.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A realistic rule library (30 rules) and synthetic evidence of any size, for speed checks. */
final class EvidenceWorkload {

    static final String RULES = """
            .decl heap_used(t, bytes).
            .decl thread_state(t, thread, state).
            limit("heap", 90).
            limit("cpu", 80).
            heap_pct(T, P) :- heap_used(T, B), max_heap(M), P = B * 100 / M.
            heap_high(T) :- heap_pct(T, P), limit("heap", L), P >= L.
            heap_rising(T) :- heap_used(T, B1), P = T - 10, heap_used(P, B0), B1 > B0.
            heap_falling(T) :- heap_used(T, B1), P = T - 10, heap_used(P, B0), B1 < B0.
            rising_count(count(T)) :- heap_rising(T).
            falling_count(count(T)) :- heap_falling(T).
            leak_suspect :- rising_count(R), falling_count(F), R > 2 * F.
            heap_peak(max(B)) :- heap_used(_, B).
            heap_floor(min(B)) :- heap_used(_, B).
            cpu_low(T) :- cpu_achieved(T, P), limit("cpu", L), P < L - 10.
            cpu_starved(count(T)) :- cpu_low(T).
            long_gc(T, Ms) :- gc_pause(T, Ms), Ms > 200.
            gc_total(sum(Ms)) :- gc_pause(T, Ms).
            gc_thrash :- gc_total(S), S > 1000.
            gc_during_high(T) :- long_gc(T, _), heap_high(T).
            waits_for(T1, T2) :- blocked_on(T1, L, At), owns(T2, L, At).
            reaches(T1, T2) :- waits_for(T1, T2).
            reaches(T1, T3) :- waits_for(T1, T2), reaches(T2, T3).
            deadlock(T) :- reaches(T, T), test_thread(T).
            blocked_samples(Th, count(T)) :- thread_state(T, Th, "BLOCKED").
            starving(Th) :- blocked_samples(Th, N), N > 50.
            ran(Th) :- thread_state(_, Th, "RUNNABLE").
            never_runs(Th) :- test_thread(Th), not ran(Th).
            deep_error(T, Th) :- error_thrown(T, Th, "StackOverflowError", D), D > 1000.
            error_while_blocked(T, Th) :- error_thrown(T, Th, _, _), thread_state(T, Th, "BLOCKED").
            unexplained_error(T, Th) :- error_thrown(T, Th, _, _), not deep_error(T, Th), not error_while_blocked(T, Th).
            slow_call(M, T) :- probe_call(T, M, _, N), N > 50000000.
            deep_recursion(M) :- probe_call(_, M, D, _), D > 500.
            call_count(M, count(T)) :- probe_call(T, M, _, _).
            hot_method(M) :- call_count(M, C), C > 1000.
            """;

    private EvidenceWorkload() {
    }

    /** About {@code count} facts: sampled streams every 10 ms plus a few lock cycles. */
    static List<Fact> facts(int count, long seed) {
        Random random = new Random(seed);
        List<Fact> facts = new ArrayList<>(count + 64);
        facts.add(Fact.of("max_heap", 1_000_000_000L));
        for (int i = 0; i < 10; i++) {
            facts.add(Fact.of("test_thread", "worker-" + i));
        }
        String[] states = {"RUNNABLE", "BLOCKED", "WAITING"};
        String[] methods = new String[200];
        for (int m = 0; m < methods.length; m++) {
            methods[m] = "com.example.Service.method" + m;
        }
        long heap = 400_000_000L;
        for (int i = 0; facts.size() < count; i++) {
            long t = i * 10L;
            heap = Math.max(0, heap + random.nextInt(4_000_000) - 1_900_000);
            facts.add(Fact.of("heap_used", t, heap));
            facts.add(Fact.of("cpu_achieved", t, 60 + random.nextDouble() * 40));
            facts.add(Fact.of("thread_state", t, "worker-" + random.nextInt(10), states[random.nextInt(3)]));
            facts.add(Fact.of("thread_state", t, "worker-" + random.nextInt(10), states[random.nextInt(3)]));
            facts.add(Fact.of("probe_call", t, methods[random.nextInt(methods.length)], random.nextInt(600),
                    random.nextInt(60_000_000)));
            if (i % 50 == 0) {
                facts.add(Fact.of("gc_pause", t, random.nextInt(300)));
            }
            if (i % 100 == 0) {
                facts.add(Fact.of("error_thrown", t, "worker-" + random.nextInt(10),
                        random.nextBoolean() ? "StackOverflowError" : "IllegalStateException", random.nextInt(2000)));
            }
            if (i % 1000 == 0) {
                String a = "worker-" + random.nextInt(10);
                String b = "worker-" + random.nextInt(10);
                facts.add(Fact.of("blocked_on", a, "Lock@" + i, t));
                facts.add(Fact.of("owns", b, "Lock@" + i, t));
                facts.add(Fact.of("blocked_on", b, "Lock@" + (i + 1), t));
                facts.add(Fact.of("owns", a, "Lock@" + (i + 1), t));
            }
        }
        return facts;
    }
}
