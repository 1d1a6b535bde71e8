package dev.panicattack.assail;

import dev.panicattack.constraint.Axis;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.CpuConstraint;
import dev.panicattack.constraint.MemoryConstraint;
import dev.panicattack.evidence.Fact;
import dev.panicattack.pressure.PressurePlan;

/** The mapping table from findings to pressure, how choices combine, and what this build can apply. */
class TargetedAttackTest {

    private static final Finding RECURSION = Finding.of(Category.RECURSION, "com.acme.Tree", "depth", 12,
            "calls itself");
    private static final Finding LEAK = Finding.of(Category.GROWING_STATIC_COLLECTION, "com.acme.Cache", "put", 30,
            "CACHE grows");
    private static final Finding BLOCKING = Finding.of(Category.BLOCKING_CALL_WITHOUT_TIMEOUT, "com.acme.Client",
            "fetch", 7, "Future.get()");
    private static final Finding LOCK_ORDER = Finding.of(Category.LOCK_ORDER, "com.acme.Bank", "transfer", 42,
            "takes com.acme.Bank.RIGHT while holding com.acme.Bank.LEFT; com.acme.Bank.refund:57 takes them in the"
                    + " opposite order");

    @Test
    void everyAxisHasADefaultRowAndEveryRowResolvesOrIsReportedUnsupported() {
        assertThat(TargetedAttack.DEFAULTS).containsOnlyKeys(EnumSet.allOf(Axis.class));
        assertThat(TargetedAttack.DEFAULTS.get(Axis.CPU).cpu()).contains(CpuConstraint.ofLoad(80));
        assertThat(TargetedAttack.DEFAULTS.get(Axis.MEMORY).memory()).contains(MemoryConstraint.none().withHeap(70));
        assertThat(TargetedAttack.DEFAULTS.get(Axis.CONCURRENCY).concurrency())
                .contains(ConcurrencyConstraint.none().withContenders(2));
        assertThat(TargetedAttack.DEFAULTS.get(Axis.NETWORK).network().orElseThrow().latency())
                .contains(Duration.ofMillis(500));
        assertThat(TargetedAttack.DEFAULTS.get(Axis.TIME).time().orElseThrow().skew()).contains(Duration.ofSeconds(30));
        assertThat(TargetedAttack.DEFAULTS.get(Axis.DISK).disk().orElseThrow().fill()).isEqualTo(OptionalInt.of(90));
    }

    @Test
    void aRecursionChoosesMemoryAndConcurrencyAndOnlyTheSupportedAxisIsApplied() {
        TargetedAttack attack = TargetedAttack.choose(List.of(RECURSION));

        assertThat(attack.chosenAxes()).containsExactly(Axis.MEMORY, Axis.CONCURRENCY);
        assertThat(attack.chosen().memory()).contains(MemoryConstraint.none().withHeap(70));
        assertThat(attack.chosen().concurrency()).isPresent();
        boolean concurrencySupported = supported(attack.chosen().withMemory(MemoryConstraint.none().withHeap(70)));
        if (concurrencySupported) {
            assertThat(attack.notApplied()).isEmpty();
        } else {
            assertThat(attack.notApplied()).containsExactly(Map.entry(Axis.CONCURRENCY,
                    "no concurrency stressor in this build"));
            assertThat(attack.applicable().concurrency()).isEmpty();
            assertThat(attack.decisions(Constraints.named("x"))).extracting(TargetedAttack.Decision::describe)
                    .containsExactly("memory chosen by RECURSION at com.acme.Tree.depth:12, applied",
                            "concurrency chosen by RECURSION at com.acme.Tree.depth:12, not applied: no concurrency"
                                    + " stressor in this build");
        }
        assertThat(attack.applicable().memory()).contains(MemoryConstraint.none().withHeap(70));
        PressurePlan.resolve(attack.applicable());
    }

    @Test
    void aLeakCandidateGrowsTheHeapAndCombinesWithOtherMemoryChoicesToTheStrongestValues() {
        TargetedAttack leakOnly = TargetedAttack.choose(List.of(LEAK));
        assertThat(leakOnly.chosen().memory()).contains(MemoryConstraint.none().withHeap(50).withLeakRate(2));

        TargetedAttack both = TargetedAttack.choose(List.of(LEAK, RECURSION));
        // heap: max(50, 70); leak rate: the leak candidate's 2 %/s
        assertThat(both.chosen().memory()).contains(MemoryConstraint.none().withHeap(70).withLeakRate(2));
        assertThat(both.choices()).extracting(TargetedAttack.Choice::describe).containsExactly(
                "memory chosen by GROWING_STATIC_COLLECTION at com.acme.Cache.put:30",
                "memory chosen by RECURSION at com.acme.Tree.depth:12",
                "concurrency chosen by RECURSION at com.acme.Tree.depth:12");
        assertThat(PressurePlan.resolve(both.applicable()).describe())
                .isEqualTo("heap 70% +2%/s up to 95%, concurrency 2 contenders");
    }

    @Test
    void anExplicitDeclarationOfAnAxisIsNamedInTheDecision() {
        TargetedAttack attack = TargetedAttack.choose(List.of(LEAK));
        Constraints explicit = Constraints.named("@UnderPressure").withMemory(MemoryConstraint.none().withHeap(20));

        assertThat(attack.decisions(explicit)).extracting(TargetedAttack.Decision::status).containsExactly(
                "applied under the test's own memory declaration, whose values take precedence");
        assertThat(attack.applicable().overriddenBy(explicit).memory())
                .contains(MemoryConstraint.none().withHeap(20).withLeakRate(2));
    }

    @Test
    void aBlockingCallChoosesNetworkLatencyAndSaysWhyItIsNotAppliedWhenThereIsNoNetworkStressor() {
        TargetedAttack attack = TargetedAttack.choose(List.of(BLOCKING));

        assertThat(attack.chosenAxes()).containsExactly(Axis.NETWORK, Axis.CONCURRENCY, Axis.TIME);
        assertThat(attack.chosen().network().orElseThrow().latency()).contains(Duration.ofMillis(500));
        if (!supported(Constraints.named("n").withNetwork(attack.chosen().network().orElseThrow()))) {
            assertThat(attack.notApplied()).containsEntry(Axis.NETWORK, "no network stressor in this build");
            assertThat(attack.summary()).contains("not applied: network (no network stressor in this build)");
        }
    }

    @Test
    void findingsBecomeFactsAndALockOrderNamesBothLocksOuterFirst() {
        TargetedAttack attack = TargetedAttack.choose(List.of(LOCK_ORDER));
        List<Fact> facts = attack.facts(Constraints.named("none"));

        assertThat(facts).contains(
                Fact.of("static_finding", "lock_order", "com.acme.Bank", "transfer", 42),
                Fact.of("static_method", "com.acme.Bank", "transfer", "com.acme.Bank.transfer"),
                Fact.of("static_lock_order", "com.acme.Bank", "transfer", 42, "com.acme.Bank.LEFT", "com.acme.Bank.RIGHT"),
                Fact.of("static_finding_detail", "lock_order", "com.acme.Bank", "transfer", 42, LOCK_ORDER.detail(),
                        "CPU,CONCURRENCY"),
                Fact.of("static_axis_chosen", "lock_order", "com.acme.Bank", "transfer", 42, "cpu", "applied"));
    }

    @Test
    void theLockOrderDetailIsTheOneAssailWrites() {
        AssailReport report = AssailScanner.scan(java.nio.file.Path.of("target/test-classes/dev/panicattack/assail/fixtures"));
        List<Finding> orders = report.findings().stream().filter(f -> f.category() == Category.LOCK_ORDER).toList();

        assertThat(orders).isNotEmpty().allSatisfy(finding ->
                assertThat(TargetedAttack.LockOrder.of(finding)).isPresent());
    }

    @Test
    void noFindingsChooseNothing() {
        TargetedAttack attack = TargetedAttack.choose(List.of());

        assertThat(attack.chosen().isEmpty()).isTrue();
        assertThat(attack.applicable().isEmpty()).isTrue();
        assertThat(attack.summary()).isEqualTo("no findings: no pressure chosen");
        assertThat(attack.facts(Constraints.named("none"))).isEmpty();
    }

    @Test
    void strongestTakesTheHigherValueOfEachField() {
        Constraints a = Constraints.named("a").withNetwork(new dev.panicattack.constraint.NetworkConstraint(
                Optional.of(Duration.ofMillis(500)), Optional.empty(), OptionalDouble.empty()));
        Constraints b = Constraints.named("b").withNetwork(new dev.panicattack.constraint.NetworkConstraint(
                Optional.of(Duration.ofMillis(100)), Optional.empty(), OptionalDouble.of(10)));

        assertThat(TargetedAttack.strongest(a, b).network()).contains(new dev.panicattack.constraint.NetworkConstraint(
                Optional.of(Duration.ofMillis(500)), Optional.empty(), OptionalDouble.of(10)));
    }

    private static boolean supported(Constraints set) {
        try {
            PressurePlan.resolve(set);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
