package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.evidence.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlockExampleTest {

    static final String RULES = """
            % The deadlock example of the architecture page.
            waits_for(T1, T2)  :- blocked_on(T1, L, At), owns(T2, L, At).
            reaches(T1, T2)    :- waits_for(T1, T2).
            reaches(T1, T3)    :- waits_for(T1, T2), reaches(T2, T3).
            deadlock(T)        :- reaches(T, T), test_thread(T).
            """;

    static List<Fact> evidence() {
        return List.of(
                // 2-cycle: w1 <-> w2 at 12310 ms
                Fact.of("blocked_on", "w1", "Account@3f2a", 12310),
                Fact.of("owns", "w2", "Account@3f2a", 12310),
                Fact.of("blocked_on", "w2", "Account@7c11", 12310),
                Fact.of("owns", "w1", "Account@7c11", 12310),
                // 3-cycle: a -> b -> c -> a at 500 ms
                Fact.of("blocked_on", "a", "L1", 500),
                Fact.of("owns", "b", "L1", 500),
                Fact.of("blocked_on", "b", "L2", 500),
                Fact.of("owns", "c", "L2", 500),
                Fact.of("blocked_on", "c", "L3", 500),
                Fact.of("owns", "a", "L3", 500),
                // a chain that does not close: x -> y -> z
                Fact.of("blocked_on", "x", "M1", 900),
                Fact.of("owns", "y", "M1", 900),
                Fact.of("blocked_on", "y", "M2", 900),
                Fact.of("owns", "z", "M2", 900),
                // blocked and owned at different times: no wait edge
                Fact.of("blocked_on", "p", "N1", 100),
                Fact.of("owns", "q", "N1", 200),
                Fact.of("blocked_on", "q", "N2", 200),
                Fact.of("owns", "p", "N2", 100),
                Fact.of("test_thread", "w1"), Fact.of("test_thread", "w2"),
                Fact.of("test_thread", "a"), Fact.of("test_thread", "b"), Fact.of("test_thread", "c"),
                Fact.of("test_thread", "x"), Fact.of("test_thread", "y"), Fact.of("test_thread", "z"),
                Fact.of("test_thread", "p"), Fact.of("test_thread", "q"));
    }

    @Test
    void findsExactlyTheThreadsOnACycle() {
        Model model = RuleProgram.parse("rules/deadlock.dl", RULES).evaluate(evidence());

        assertThat(model.facts("deadlock")).containsExactlyInAnyOrder(
                Fact.of("deadlock", "w1"), Fact.of("deadlock", "w2"),
                Fact.of("deadlock", "a"), Fact.of("deadlock", "b"), Fact.of("deadlock", "c"));
        assertThat(model.facts("waits_for")).containsExactlyInAnyOrder(
                Fact.of("waits_for", "w1", "w2"), Fact.of("waits_for", "w2", "w1"),
                Fact.of("waits_for", "a", "b"), Fact.of("waits_for", "b", "c"), Fact.of("waits_for", "c", "a"),
                Fact.of("waits_for", "x", "y"), Fact.of("waits_for", "y", "z"));
        // 2-cycle: 4 pairs; 3-cycle: 9 pairs; chain: 3 pairs.
        assertThat(model.facts("reaches")).hasSize(16)
                .contains(Fact.of("reaches", "x", "z"))
                .doesNotContain(Fact.of("reaches", "z", "x"), Fact.of("reaches", "x", "x"));
        assertThat(model.contains(Fact.of("deadlock", "x"))).isFalse();
        assertThat(model.contains(Fact.of("deadlock", "p"))).isFalse();
    }

    @Test
    void rendersTheProofOfATwoCycleDeadlock() {
        Model model = RuleProgram.parse("rules/deadlock.dl", RULES).evaluate(evidence());

        List<Derivation> derivations = model.derivations(Fact.of("deadlock", "w1"));

        assertThat(derivations).hasSize(1);
        assertThat(derivations.get(0).render()).isEqualTo("""
                deadlock("w1")  [deadlock#1]
                  reaches("w1", "w1")  [reaches#2]
                    waits_for("w1", "w2")  [waits_for#1]
                      blocked_on("w1", "Account@3f2a", 12310)  [input]
                      owns("w2", "Account@3f2a", 12310)  [input]
                    reaches("w2", "w1")  [reaches#1]
                      waits_for("w2", "w1")  [waits_for#1]
                        blocked_on("w2", "Account@7c11", 12310)  [input]
                        owns("w1", "Account@7c11", 12310)  [input]
                  test_thread("w1")  [input]
                rules:
                  deadlock#1 (rules/deadlock.dl:5): deadlock(T) :- reaches(T, T), test_thread(T).
                  reaches#2 (rules/deadlock.dl:4): reaches(T1, T3) :- waits_for(T1, T2), reaches(T2, T3).
                  waits_for#1 (rules/deadlock.dl:2): waits_for(T1, T2) :- blocked_on(T1, L, At), owns(T2, L, At).
                  reaches#1 (rules/deadlock.dl:3): reaches(T1, T2) :- waits_for(T1, T2).
                """);
        assertThat(derivations.get(0).leaves()).containsExactly(
                Fact.of("blocked_on", "w1", "Account@3f2a", 12310), Fact.of("owns", "w2", "Account@3f2a", 12310),
                Fact.of("blocked_on", "w2", "Account@7c11", 12310), Fact.of("owns", "w1", "Account@7c11", 12310),
                Fact.of("test_thread", "w1"));
        assertThat(derivations.get(0).rule()).map(Rule::name).contains("deadlock#1");
    }

    @Test
    void threeCycleProofRestsOnAllSixLockFacts() {
        Model model = RuleProgram.parse("rules/deadlock.dl", RULES).evaluate(evidence());

        Derivation proof = model.derivation(Fact.of("deadlock", "b")).orElseThrow();

        assertThat(proof.leaves()).containsExactlyInAnyOrder(
                Fact.of("blocked_on", "a", "L1", 500), Fact.of("owns", "b", "L1", 500),
                Fact.of("blocked_on", "b", "L2", 500), Fact.of("owns", "c", "L2", 500),
                Fact.of("blocked_on", "c", "L3", 500), Fact.of("owns", "a", "L3", 500),
                Fact.of("test_thread", "b"));
    }
}
