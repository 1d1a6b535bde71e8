package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

/** static.dl: a lock-order inversion found in the bytecode plus a lock cycle at run time. */
class StaticRulesTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> lockCycle() {
        List<Fact> facts = new ArrayList<>(List.of(
                Fact.of("first_test_thread_id", 40),
                Fact.of("thread", 41, "teller-1", "false"), Fact.of("thread", 42, "teller-2", "false"),
                Fact.of("thread_blocked_on", 1200, 41, "java.util.concurrent.locks.ReentrantLock$NonfairSync@3f2a", 42),
                Fact.of("thread_blocked_on", 1200, 42, "java.util.concurrent.locks.ReentrantLock$NonfairSync@7c11", 41),
                Fact.of("deadlocked", 1200, 41), Fact.of("deadlocked", 1200, 42),
                Fact.of("hang", 1200, "deadlock"),
                Fact.of("hang_frame", 1200, 41, 0, "jdk.internal.misc.Unsafe.park"),
                Fact.of("hang_frame", 1200, 41, 6, "com.acme.Bank.transfer"),
                Fact.of("hang_frame", 1200, 42, 6, "com.acme.Bank.refund")));
        return facts;
    }

    @Test
    void aStaticInversionAndARunTimeCycleInThatMethodIsADeadlockWithHigherConfidenceAndBothLocations() {
        List<Fact> facts = lockCycle();
        facts.add(Fact.of("static_finding", "lock_order", "com.acme.Bank", "transfer", 42));
        facts.add(Fact.of("static_method", "com.acme.Bank", "transfer", "com.acme.Bank.transfer"));
        facts.add(Fact.of("static_lock_order", "com.acme.Bank", "transfer", 42, "com.acme.Bank.LEFT",
                "com.acme.Bank.RIGHT"));

        List<Signature> signatures = engine.diagnose(facts);

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.DEADLOCK);
        Signature deadlock = signatures.get(0);
        // lock-cycle 0.8, jvm-deadlock-detector 0.9, static-lock-order-inversion 0.7: three lines of reasoning
        assertThat(deadlock.confidence()).isEqualTo(1 - 0.2 * 0.1 * 0.3, Offset.offset(1e-9));
        String staticProof = deadlock.proofs().stream().filter(proof -> proof.contains("static_lock_order"))
                .findFirst().orElseThrow();
        assertThat(staticProof).contains("static_lock_order(class=\"com.acme.Bank\", method=\"transfer\", line=42,"
                + " first_lock=\"com.acme.Bank.LEFT\", second_lock=\"com.acme.Bank.RIGHT\")")
                .contains("hang_frame(t=1200, tid=41, depth=6, method=\"com.acme.Bank.transfer\")")
                .contains("thread_blocked_on");
    }

    @Test
    void aStaticInversionInAMethodNoBlockedThreadStoodInAddsNothing() {
        List<Fact> facts = lockCycle();
        facts.add(Fact.of("static_method", "com.acme.Other", "swap", "com.acme.Other.swap"));
        facts.add(Fact.of("static_lock_order", "com.acme.Other", "swap", 9, "A", "B"));

        Signature deadlock = engine.diagnose(facts).get(0);

        assertThat(deadlock.confidence()).isEqualTo(1 - 0.2 * 0.1, Offset.offset(1e-9));
    }

    @Test
    void aStaticInversionWithoutAnyRunTimeCycleIsNoDeadlock() {
        List<Signature> signatures = engine.diagnose(List.of(
                Fact.of("first_test_thread_id", 40), Fact.of("thread", 41, "teller-1", "false"),
                Fact.of("hang_frame", 1200, 41, 6, "com.acme.Bank.transfer"),
                Fact.of("static_method", "com.acme.Bank", "transfer", "com.acme.Bank.transfer"),
                Fact.of("static_lock_order", "com.acme.Bank", "transfer", 42, "A", "B")));

        assertThat(signatures).extracting(Signature::bugClass).doesNotContain(BugClass.DEADLOCK);
    }

    @Test
    void aStackOverflowRecurringInAMethodAssailFoundRecursiveGainsAThirdLineOfReasoning() {
        List<Fact> overflow = new ArrayList<>(List.of(
                Fact.of("test_failed", 900, "java.lang.StackOverflowError"),
                Fact.of("failure_is", 0, "java.lang.StackOverflowError"),
                Fact.of("failure_repeated_frame", 0, "com.acme.Tree.depth", 1021)));
        assertThat(engine.diagnose(overflow).get(0).confidence()).isEqualTo(1 - 0.2 * 0.1, Offset.offset(1e-9));

        overflow.add(Fact.of("static_finding", "recursion", "com.acme.Tree", "depth", 12));
        overflow.add(Fact.of("static_method", "com.acme.Tree", "depth", "com.acme.Tree.depth"));
        Signature recursion = engine.diagnose(overflow).get(0);

        assertThat(recursion.bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        assertThat(recursion.confidence()).isEqualTo(1 - 0.2 * 0.1 * 0.3, Offset.offset(1e-9));
        assertThat(recursion.proofs()).anySatisfy(proof -> assertThat(proof).contains("[static-recursion]")
                .contains("static_finding(category=\"recursion\", class=\"com.acme.Tree\", method=\"depth\", line=12)"));
    }

    @Test
    void aGrowingStaticCollectionAddsToARetentionTrendButAloneIsNoLeak() {
        long gib = 1L << 30;
        List<Fact> trend = new ArrayList<>(List.of(Fact.of("heap_max", 0, gib),
                Fact.of("test_failed", 900, "java.lang.AssertionError"),
                Fact.of("failure_is", 0, "java.lang.AssertionError"),
                Fact.of("retained_heap_trend", 30_000_000.0, 93.5, 12L, 87_000_000L)));
        Fact finding = Fact.of("static_finding", "growing_static_collection", "com.acme.Cache", "put", 30);
        assertThat(engine.diagnose(trend).get(0).confidence()).isEqualTo(0.85, Offset.offset(1e-9));

        trend.add(finding);
        Signature leak = engine.diagnose(trend).get(0);

        assertThat(leak.bugClass()).isEqualTo(BugClass.MEMORY_LEAK);
        assertThat(leak.confidence()).isEqualTo(1 - 0.15 * 0.5, Offset.offset(1e-9));
        assertThat(engine.diagnose(List.of(Fact.of("heap_max", 0, gib), finding,
                Fact.of("test_failed", 900, "java.lang.AssertionError")))).extracting(Signature::bugClass)
                .doesNotContain(BugClass.MEMORY_LEAK);
    }
}
