package dev.panicattack.report;

import dev.panicattack.constraint.Axis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.axis.PressureSample;
import dev.panicattack.pressure.axis.PressureTrace;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.LineOfReasoning;
import dev.panicattack.signature.Remedy;
import dev.panicattack.signature.Signature;

/** Realistic reports for the tests: a deadlock under cpu and heap pressure, and small ones. */
final class SampleReports {

    static final String DEADLOCK_PROOF = """
            deadlock("worker-1")                                   rule deadlock/1, weight 0.95
            └─ reaches("worker-1", "worker-1")
               ├─ waits_for("worker-1", "worker-2")
               │  ├─ blocked_on("worker-1", "Account@3f2a", 6310)   fact, at 6.31 s
               │  └─ owns("worker-2", "Account@3f2a", 6310)         fact, at 6.31 s
               └─ reaches("worker-2", "worker-1")
                  └─ waits_for("worker-2", "worker-1")
                     ├─ blocked_on("worker-2", "Account@7c11", 6310)  fact, at 6.31 s
                     └─ owns("worker-1", "Account@7c11", 6310)        fact, at 6.31 s
            worker-1 at com.acme.bank.Account.transferTo(Account.java:42)
            worker-2 at com.acme.bank.Account.transferTo(Account.java:42)""";

    static final String PRESSURE = "cpu 80%, heap 70% +2%/s up to 95%";

    private SampleReports() {
    }

    static TrialReport.Builder minimal(String className, String method) {
        return TrialReport.builder()
                .testId("[engine:junit-jupiter]/[class:" + className + "]/[method:" + method + "()]")
                .className(className)
                .methodName(method)
                .displayName(method + "()")
                .startedAt(Instant.parse("2026-11-26T10:00:00Z"))
                .duration(Duration.ofMillis(1500));
    }

    /**
     * A 12.5 s test that deadlocked at 6.31 s under cpu and heap pressure, with every chart's evidence:
     * percentages, heap and ballast in bytes (facts and the ballast's trace), thread states, GC pauses.
     */
    static TrialReport deadlock() {
        Random random = new Random(42);
        long endMs = 12_500;
        List<Fact> facts = new ArrayList<>();
        long maxHeap = 512L * 1024 * 1024;
        for (long t = 0; t <= endMs; t += 100) {
            double ballastShare = Math.min(0.95, 0.70 + 0.02 * t / 1000.0) - 0.06;
            long ballast = t < 300 ? t * 1_000_000L : (long) (ballastShare * maxHeap);
            long subject = 24L * 1024 * 1024 + (long) (random.nextDouble() * 10 * 1024 * 1024)
                    + (t > 6310 ? 0 : t * 1500);
            facts.add(Fact.of("ballast_bytes", t, ballast));
            facts.add(Fact.of("subject_heap_used", t, subject));
            facts.add(Fact.of("heap_used", t, ballast + subject + 6L * 1024 * 1024));
            double busy = t < 6310 ? 30 + random.nextDouble() * 8 : 1 + random.nextDouble();
            facts.add(Fact.of("jvm_cpu", t, busy));
            facts.add(Fact.of("process_cpu", t, Math.min(100, 78 + random.nextDouble() * 4)));
            facts.add(Fact.of("system_cpu", t, Math.min(100, 84 + random.nextDouble() * 6)));
        }
        String[] threads = {"main", "worker-1", "worker-2", "panic-cpu-1", "panic-cpu-2", "Finalizer",
            "Reference Handler", "surefire-forkedjvm-ping"};
        for (long t = 0; t <= endMs; t += 250) {
            for (int i = 0; i < threads.length; i++) {
                String state;
                if (i == 1 || i == 2) {
                    state = t >= 6310 ? "BLOCKED" : "RUNNABLE";
                } else if (i == 0) {
                    state = t >= 6310 ? "TIMED_WAITING" : "WAITING";
                } else if (i <= 4) {
                    state = "RUNNABLE";
                } else {
                    state = i == 7 ? "TIMED_WAITING" : "WAITING";
                }
                facts.add(Fact.of("thread_state", t, (long) i + 1, state));
            }
        }
        long gcs = 0;
        for (long t = 150; t <= endMs; t += 180 + random.nextInt(400)) {
            gcs++;
            facts.add(Fact.of("gc_pause", t, "G1 Young Generation", "G1 Evacuation Pause", 2 + random.nextDouble() * 9));
            facts.add(Fact.of("gc_count", t, "G1 Young Generation", gcs));
        }
        facts.add(Fact.of("gc_pause", 9800L, "G1 Old Generation", "G1 Humongous Allocation", 41.5));
        facts.add(Fact.of("blocked_on", "worker-1", "Account@3f2a", 6310L));
        facts.add(Fact.of("owns", "worker-2", "Account@3f2a", 6310L));
        facts.add(Fact.of("blocked_on", "worker-2", "Account@7c11", 6310L));
        facts.add(Fact.of("owns", "worker-1", "Account@7c11", 6310L));
        facts.add(Fact.of("test_thread", "worker-1"));
        facts.add(Fact.of("test_thread", "worker-2"));

        List<PressureSample> cpu = new ArrayList<>();
        List<PressureSample> heap = new ArrayList<>();
        List<PressureSample> ballastBytes = new ArrayList<>();
        for (long t = 100; t <= endMs; t += 100) {
            cpu.add(new PressureSample(Duration.ofMillis(t), 80, 78.5 + random.nextDouble() * 3));
            double heapTarget = Math.min(95, 70 + 2 * t / 1000.0);
            double heapAchieved = t < 300 ? heapTarget * t / 300 : heapTarget - 0.8 + random.nextDouble() * 1.2;
            heap.add(new PressureSample(Duration.ofMillis(t), heapTarget, heapAchieved));
            ballastBytes.add(new PressureSample(Duration.ofMillis(t), (heapTarget - 6) / 100 * maxHeap,
                    Math.max(0, heapAchieved - 6) / 100 * maxHeap));
        }
        List<Fact> cycle = facts.stream().filter(f -> f.predicate().equals("blocked_on") || f.predicate().equals("owns")).toList();
        Remedy lockOrder = new Remedy("take Account@7c11 and Account@3f2a in one global order at every site below, or take"
                + " the second with tryLock(timeout) and release the first when it fails",
                List.of(new Remedy.Site("com.acme.bank.Account.transfer(Account.java:41)",
                                "thread \"worker-1\" waits here for Account@3f2a while holding Account@7c11"),
                        new Remedy.Site("com.acme.bank.Account.refund(Account.java:63)",
                                "thread \"worker-2\" waits here for Account@7c11 while holding Account@3f2a")),
                "", cycle.stream().filter(f -> f.predicate().equals("blocked_on")).toList());
        Signature deadlock = new Signature(BugClass.DEADLOCK, 0.97, List.of(DEADLOCK_PROOF), cycle,
                List.of(new LineOfReasoning("lock-cycle", 0.97)), lockOrder);
        Signature contention = new Signature(BugClass.LOCK_CONTENTION, 0.41,
                List.of("lock_contention(\"Account@3f2a\")                      rule lock_contention/1, weight 0.6\n"
                        + "└─ blocked_share(\"worker-1\", 0.49)               aggregate over 25 thread_state facts"),
                List.of(), List.of(new LineOfReasoning("mostly-blocked", 0.41)));
        FailureView failure = new FailureView("dev.panicattack.PanicSignatureError",
                Optional.of("panic: DEADLOCK (confidence 0.97) under " + PRESSURE + "\n"
                        + "transfer did not complete within 10 s\n"
                        + "report: target/panic-reports/BankTest.transfer.html"),
                "at com.acme.bank.BankTest.transfer(BankTest.java:57)\n"
                        + "at java.base/java.util.ArrayList.forEach(ArrayList.java:1596)\n",
                List.of(new FailureView.Cause("java.util.concurrent.TimeoutException",
                        Optional.of("transfer did not complete within 10 s"),
                        "at java.base/java.util.concurrent.FutureTask.get(FutureTask.java:204)\n"
                                + "at com.acme.bank.BankTest.transfer(BankTest.java:55)\n")));
        String dump = """
                "worker-1" #21 prio=5 os_prio=0 cpu=6230.11ms elapsed=12.48s tid=0x00007f waiting for monitor entry
                   java.lang.Thread.State: BLOCKED (on object monitor)
                \tat com.acme.bank.Account.transferTo(Account.java:42)
                \t- waiting to lock <0x3f2a> (a com.acme.bank.Account)
                \t- locked <0x7c11> (a com.acme.bank.Account)

                "worker-2" #22 prio=5 os_prio=0 cpu=6228.94ms elapsed=12.48s tid=0x00007e waiting for monitor entry
                   java.lang.Thread.State: BLOCKED (on object monitor)
                \tat com.acme.bank.Account.transferTo(Account.java:42)
                \t- waiting to lock <0x7c11> (a com.acme.bank.Account)
                \t- locked <0x3f2a> (a com.acme.bank.Account)
                """;
        return TrialReport.builder()
                .testId("[engine:junit-jupiter]/[class:com.acme.bank.BankTest]/[method:transfer()]")
                .displayName("transfer() moves money between two accounts")
                .className("com.acme.bank.BankTest")
                .methodName("transfer")
                .outcome(Outcome.FAILED)
                .failure(failure)
                .pressure(PRESSURE)
                .achieved("cpu 80% -> 79.8% (sd 0.9), heap 70% +2%/s up to 95% -> within 0.6 points")
                .traces(List.of(new PressureTrace(Axis.CPU, "%cpu", cpu), new PressureTrace(Axis.MEMORY, "%heap", heap),
                        new PressureTrace(Axis.MEMORY, "heap-ballast", "bytes", ballastBytes)))
                .facts(facts)
                .signatures(List.of(deadlock, contention))
                .threadDump(dump)
                .startedAt(Instant.parse("2026-11-26T10:15:30.250Z"))
                .duration(Duration.ofMillis(endMs))
                .evidenceComplete(true)
                .seed("7311")
                .build();
    }

    /** {@code count} facts of mixed predicates, as a long test would record. */
    static List<Fact> manyFacts(int count) {
        List<Fact> facts = new ArrayList<>(count);
        for (int i = 0; facts.size() < count; i++) {
            long t = i * 10L;
            facts.add(Fact.of("heap_used", t, 50_000_000L + (i % 1000) * 1000L));
            facts.add(Fact.of("ballast_bytes", t, 300_000_000L));
            facts.add(Fact.of("subject_heap_used", t, 20_000_000L + i));
            facts.add(Fact.of("process_cpu", t, 50.0 + i % 30));
            facts.add(Fact.of("thread_state", t, (long) (i % 7), i % 3 == 0 ? "BLOCKED" : "RUNNABLE"));
            facts.add(Fact.of("gc_pause", t, "G1 Young Generation", "G1 Evacuation Pause", 1.5 + i % 5));
            facts.add(Fact.of("error_thrown", "worker-" + i % 4, "java.lang.IllegalStateException", 12L));
        }
        return List.copyOf(facts.subList(0, count));
    }
}
