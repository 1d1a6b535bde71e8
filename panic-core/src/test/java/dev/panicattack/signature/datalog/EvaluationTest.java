package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.evidence.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static Model run(String rules, Fact... facts) {
        return RuleProgram.parse("rules/test.dl", rules).evaluate(List.of(facts));
    }

    @Test
    void negationExcludesWhatALowerStratumDerived() {
        Model model = run("""
                held(T, L) :- acquired(T, L, _).
                released_any(T, L) :- released(T, L, _).
                leaked(T, L) :- held(T, L), not released_any(T, L).
                clean(T) :- thread(T), not leaked(T, _).
                """,
                Fact.of("acquired", "t1", "a", 1), Fact.of("acquired", "t1", "b", 2), Fact.of("released", "t1", "a", 3),
                Fact.of("acquired", "t2", "c", 1), Fact.of("released", "t2", "c", 4),
                Fact.of("thread", "t1"), Fact.of("thread", "t2"), Fact.of("thread", "t3"));

        assertThat(model.facts("leaked")).containsExactly(Fact.of("leaked", "t1", "b"));
        assertThat(model.facts("clean")).containsExactlyInAnyOrder(Fact.of("clean", "t2"), Fact.of("clean", "t3"));
    }

    @Test
    void negationRecordsTheAbsentAtomInTheProof() {
        Model model = run("""
                .decl acquired(thread, lock).
                leaked(T, L) :- acquired(T, L), not released(T, L), not freed(L, _).
                """, Fact.of("acquired", "t1", "a\"x"), Fact.of("released", "t9", "a\"x"));

        Derivation proof = model.derivation(Fact.of("leaked", "t1", "a\"x")).orElseThrow();

        assertThat(proof.notes()).containsExactly("not released(\"t1\", \"a\\\"x\")", "not freed(\"a\\\"x\", _)");
        assertThat(proof.render()).isEqualTo("""
                leaked("t1", "a\\"x")  [leaked#1]
                  acquired(thread="t1", lock="a\\"x")  [input]
                  not released("t1", "a\\"x")  [absent]
                  not freed("a\\"x", _)  [absent]
                rules:
                  leaked#1 (rules/test.dl:2): leaked(T, L) :- acquired(T, L), not released(T, L), not freed(L, _).
                """);
    }

    @Test
    void aggregatesGroupByTheOtherHeadTerms() {
        Model model = run("""
                blocked_count(L, count(T)) :- blocked(T, L, _).
                heap_stats(sum(B), min(B), max(B)) :- alloc(_, B).
                per_thread(T, sum(B)) :- alloc(T, B).
                """,
                Fact.of("blocked", "t1", "L1", 10), Fact.of("blocked", "t1", "L1", 20), Fact.of("blocked", "t2", "L1", 10),
                Fact.of("blocked", "t3", "L2", 30),
                Fact.of("alloc", "t1", 100), Fact.of("alloc", "t1", 50), Fact.of("alloc", "t2", 100),
                Fact.of("alloc", "t3", 7));

        // count ranges over distinct bindings of the named variables (T, L): t1 blocked twice on L1 counts once.
        assertThat(model.facts("blocked_count")).containsExactlyInAnyOrder(
                Fact.of("blocked_count", "L1", 2), Fact.of("blocked_count", "L2", 1));
        // alloc(_, B): only B is named, so the two allocations of 100 bytes are one binding.
        assertThat(model.facts("heap_stats")).containsExactly(Fact.of("heap_stats", 157, 7, 100));
        assertThat(model.facts("per_thread")).containsExactlyInAnyOrder(
                Fact.of("per_thread", "t1", 150), Fact.of("per_thread", "t2", 100), Fact.of("per_thread", "t3", 7));
    }

    @Test
    void aggregatesMixLongAndDouble() {
        Model model = run("""
                total(sum(V)) :- v(_, V).
                low(min(V)) :- v(_, V).
                high(max(V)) :- v(_, V).
                n(count(K)) :- v(K, _).
                """, Fact.of("v", "a", 1), Fact.of("v", "b", 2.5), Fact.of("v", "c", -4), Fact.of("v", "d", 2));

        assertThat(model.facts("total")).containsExactly(Fact.of("total", 1.5));
        assertThat(model.facts("low")).containsExactly(Fact.of("low", -4));
        assertThat(model.facts("high")).containsExactly(Fact.of("high", 2.5));
        assertThat(model.facts("n")).containsExactly(Fact.of("n", 4));
    }

    @Test
    void aggregateOverNothingYieldsNoFactAndSumOfStringsYieldsNone() {
        Model model = run("""
                n(count(X)) :- nothing(X).
                s(sum(X)) :- word(X).
                m(min(X), max(X)) :- word(X).
                """, Fact.of("word", "b"), Fact.of("word", "a"), Fact.of("word", 3));

        assertThat(model.facts("n")).isEmpty();
        assertThat(model.facts("s")).isEmpty();
        // Numbers order before strings.
        assertThat(model.facts("m")).containsExactly(Fact.of("m", 3, "b"));
    }

    @Test
    void aggregateProofListsTheContributingFacts() {
        Model model = run("blocked_count(L, count(T)) :- blocked(T, L).",
                Fact.of("blocked", "t1", "L1"), Fact.of("blocked", "t2", "L1"));

        List<Derivation> derivations = model.derivations(Fact.of("blocked_count", "L1", 2));

        assertThat(derivations).hasSize(1);
        assertThat(derivations.get(0).leaves()).containsExactly(Fact.of("blocked", "t1", "L1"),
                Fact.of("blocked", "t2", "L1"));
    }

    @Test
    void comparisonsAreNumericAcrossLongAndDouble() {
        Model model = run("""
                eq(A, B) :- a(A), b(B), A = B.
                ne(A, B) :- a(A), b(B), A != B.
                lt(A, B) :- a(A), b(B), A < B.
                le(A, B) :- a(A), b(B), A <= B.
                gt(A, B) :- a(A), b(B), A > B.
                ge(A, B) :- a(A), b(B), A >= B.
                """, Fact.of("a", 1), Fact.of("a", 2.5), Fact.of("b", 1.0), Fact.of("b", 2));

        assertThat(model.facts("eq")).containsExactly(Fact.of("eq", 1, 1.0));
        assertThat(model.facts("ne")).containsExactlyInAnyOrder(Fact.of("ne", 1, 2), Fact.of("ne", 2.5, 1.0),
                Fact.of("ne", 2.5, 2));
        assertThat(model.facts("lt")).containsExactly(Fact.of("lt", 1, 2));
        assertThat(model.facts("le")).containsExactlyInAnyOrder(Fact.of("le", 1, 1.0), Fact.of("le", 1, 2));
        assertThat(model.facts("gt")).containsExactlyInAnyOrder(Fact.of("gt", 2.5, 1.0), Fact.of("gt", 2.5, 2));
        assertThat(model.facts("ge")).containsExactlyInAnyOrder(Fact.of("ge", 1, 1.0), Fact.of("ge", 2.5, 1.0),
                Fact.of("ge", 2.5, 2));
    }

    @Test
    void largeLongsCompareExactlyWithDoubles() {
        Model model = run("bigger(X) :- n(X), X > 9007199254740992.0.",
                Fact.of("n", 9007199254740993L), Fact.of("n", 9007199254740992L));

        assertThat(model.facts("bigger")).containsExactly(Fact.of("bigger", 9007199254740993L));
    }

    @Test
    void stringsCompareLexicographicallyAndNeverEqualNumbers() {
        Model model = run("""
                before(X) :- s(X), X < "m".
                differs(X) :- s(X), X != 1.
                same(X) :- s(X), X = 1.
                """, Fact.of("s", "apple"), Fact.of("s", "zebra"), Fact.of("s", 1));

        assertThat(model.facts("before")).containsExactly(Fact.of("before", "apple"));
        assertThat(model.facts("differs")).containsExactlyInAnyOrder(Fact.of("differs", "apple"),
                Fact.of("differs", "zebra"));
        assertThat(model.facts("same")).containsExactly(Fact.of("same", 1));
    }

    @Test
    void arithmeticFollowsPrecedenceAndTypes() {
        Model model = run("""
                calc(A, B, R1, R2, R3, R4, R5) :- p(A, B), R1 = A + B * 2, R2 = (A + B) * 2, R3 = A / B,
                    R4 = A - -B, R5 = -(A - B).
                """, Fact.of("p", 7, 2), Fact.of("p", 7.0, 2));

        assertThat(model.facts("calc")).containsExactlyInAnyOrder(
                Fact.of("calc", 7, 2, 11, 18, 3, 9, -5),
                Fact.of("calc", 7.0, 2, 11.0, 18.0, 3.5, 9.0, -5.0));
    }

    @Test
    void divisionByZeroAndOverflowYieldNoBinding() {
        Model model = run("""
                q(A, B, R) :- p(A, B), R = A / B.
                big(R) :- p(A, _), R = A * 9223372036854775807.
                """, Fact.of("p", 7, 0), Fact.of("p", 8, 2), Fact.of("p", 1.5, 0.0));

        assertThat(model.facts("q")).containsExactly(Fact.of("q", 8, 2, 4));
        assertThat(model.facts("big")).containsExactly(Fact.of("big", 1.5 * 9223372036854775807.0));
    }

    @Test
    void boundVariableInAssignmentPositionCompares() {
        Model model = run("diff(A, B) :- p(A, B, D), D = B - A.",
                Fact.of("p", 1, 5, 4), Fact.of("p", 1, 5, 3), Fact.of("p", 2, 3, 1.0));

        assertThat(model.facts("diff")).containsExactlyInAnyOrder(Fact.of("diff", 1, 5), Fact.of("diff", 2, 3));
    }

    @Test
    void atomsMatchValuesExactlyIncludingType() {
        Model model = run("""
                joined(X) :- a(X), b(X).
                one(X) :- a(X), X = 1.
                const(K) :- c(K, 1).
                """, Fact.of("a", 1), Fact.of("b", 1.0), Fact.of("a", 2), Fact.of("b", 2),
                Fact.of("c", "int", 1), Fact.of("c", "dbl", 1.0));

        assertThat(model.facts("joined")).containsExactly(Fact.of("joined", 2));
        assertThat(model.facts("one")).containsExactly(Fact.of("one", 1));
        assertThat(model.facts("const")).containsExactly(Fact.of("const", "int"));
    }

    @Test
    void constantsSymbolsRepeatedVariablesAndZeroArity() {
        Model model = run("""
                self_loop(X) :- edge(X, X).
                heap_limit(L) :- limit(heap, L).
                quoted_limit(L) :- limit("heap", L).
                any_loop :- self_loop(_).
                none :- edge(X, Y), X = "nope", Y = X.
                limit(heap, 90).
                """, Fact.of("edge", "a", "a"), Fact.of("edge", "a", "b"));

        assertThat(model.facts("self_loop")).containsExactly(Fact.of("self_loop", "a"));
        assertThat(model.facts("heap_limit")).containsExactly(Fact.of("heap_limit", 90));
        assertThat(model.facts("quoted_limit")).containsExactly(Fact.of("quoted_limit", 90));
        assertThat(model.contains(Fact.of("any_loop"))).isTrue();
        assertThat(model.contains(Fact.of("none"))).isFalse();
    }

    @Test
    void stringEscapesSurviveEvaluation() {
        Model model = run("""
                hit(T) :- msg(T, "say \\"hi\\" \\\\ bye").
                """, Fact.of("msg", "t1", "say \"hi\" \\ bye"), Fact.of("msg", "t2", "say hi bye"));

        assertThat(model.facts("hit")).containsExactly(Fact.of("hit", "t1"));
    }

    @Test
    void inputFactsForDerivedPredicatesAndUnusedPredicatesAreKept() {
        Model model = run("reach(X, Y) :- edge(X, Y).\nreach(X, Z) :- reach(X, Y), edge(Y, Z).",
                Fact.of("reach", "z", "a"), Fact.of("edge", "a", "b"), Fact.of("noise", 1), Fact.of("noise", 1));

        assertThat(model.facts("reach")).containsExactly(Fact.of("reach", "z", "a"), Fact.of("reach", "a", "b"),
                Fact.of("reach", "z", "b"));
        assertThat(model.facts("noise")).containsExactly(Fact.of("noise", 1));
        assertThat(model.contains(Fact.of("noise", 1))).isTrue();
        assertThat(model.derivations(Fact.of("noise", 1))).hasSize(1);
        assertThat(model.derivations(Fact.of("reach", "z", "a"))).singleElement().satisfies(d -> {
            assertThat(d.isInput()).isTrue();
            assertThat(d.render()).isEqualTo("reach(\"z\", \"a\")  [input]\nrules:\n");
        });
        assertThat(model.predicates()).containsExactly("edge", "noise", "reach");
        assertThat(model.facts("unknown")).isEmpty();
        assertThat(model.contains(Fact.of("reach", "q", "q"))).isFalse();
        assertThat(model.derivations(Fact.of("reach", "q", "q"))).isEmpty();
    }

    @Test
    void duplicateInputFactsAreOneFact() {
        Model model = run("""
                p(X) :- q(X).
                n(count(X)) :- q(X).
                total(sum(X)) :- q(X).
                r(X) :- s(X), not q(X).
                both(X) :- s(X), q(X).
                """, Fact.of("q", 1), Fact.of("q", 1), Fact.of("q", 2), Fact.of("s", 1), Fact.of("s", 3),
                Fact.of("q", 2));

        assertThat(model.facts("q")).containsExactly(Fact.of("q", 1), Fact.of("q", 2));
        assertThat(model.facts("p")).containsExactly(Fact.of("p", 1), Fact.of("p", 2));
        assertThat(model.facts("n")).containsExactly(Fact.of("n", 2));
        assertThat(model.facts("total")).containsExactly(Fact.of("total", 3));
        assertThat(model.facts("r")).containsExactly(Fact.of("r", 3));
        assertThat(model.facts("both")).containsExactly(Fact.of("both", 1));
        assertThat(model.derivations(Fact.of("q", 1))).hasSize(1);
        assertThat(model.derivations(Fact.of("p", 1))).hasSize(1);
        Model pairs = run("p(X) :- q(X, _).\nr(Y) :- q(1, Y).", Fact.of("q", 1, "a"), Fact.of("q", 1, "a"),
                Fact.of("q", 1, "b"), Fact.of("q", 1, "a"));
        assertThat(pairs.derivations(Fact.of("p", 1))).hasSize(2);
        assertThat(pairs.derivations(Fact.of("r", "a"))).hasSize(1);
    }

    @Test
    void evaluatingTwiceGivesTheSameModel() {
        RuleProgram program = RuleProgram.parse("r.dl", DeadlockExampleTest.RULES);

        Model first = program.evaluate(DeadlockExampleTest.evidence());
        Model second = program.evaluate(DeadlockExampleTest.evidence());

        assertThat(second.facts("reaches")).containsExactlyElementsOf(first.facts("reaches"));
        assertThat(second.program()).isSameAs(program);
    }

    @Test
    void mutualRecursionReachesTheFixpoint() {
        Model model = run("""
                even(0).
                odd(N) :- even(M), N = M + 1, N <= 9.
                even(N) :- odd(M), N = M + 1, N <= 9.
                """);

        assertThat(model.facts("even")).containsExactly(Fact.of("even", 0), Fact.of("even", 2), Fact.of("even", 4),
                Fact.of("even", 6), Fact.of("even", 8));
        assertThat(model.facts("odd")).hasSize(5);
    }

    @Test
    void equalityIsNumericWhateverTheJoinOrder() {
        Model model = run("""
                eq_first(A, B) :- A = B, a(A), b(B).
                eq_last(A, B) :- a(A), b(B), A = B.
                previous(T, V) :- s(T, _), P = T - 10, s(P, V).
                """, Fact.of("a", 1), Fact.of("a", 2.5), Fact.of("b", 1.0), Fact.of("b", 2),
                Fact.of("s", 20, "now"), Fact.of("s", 10.0, "before"), Fact.of("s", 0, "start"));

        assertThat(model.facts("eq_first")).containsExactly(Fact.of("eq_first", 1, 1.0));
        assertThat(model.facts("eq_last")).containsExactly(Fact.of("eq_last", 1, 1.0));
        assertThat(model.facts("previous")).containsExactlyInAnyOrder(Fact.of("previous", 20, "before"),
                Fact.of("previous", 10.0, "start"));
    }

    @Test
    void rulesWithoutAtomsDeriveFromConstantsAlone() {
        Model model = run("""
                always(1) :- 1 < 2.
                never(1) :- 2 < 1.
                five(X) :- X = 2 + 3.
                """);

        assertThat(model.facts("always")).containsExactly(Fact.of("always", 1));
        assertThat(model.facts("never")).isEmpty();
        assertThat(model.facts("five")).containsExactly(Fact.of("five", 5));
        assertThat(model.derivation(Fact.of("five", 5)).orElseThrow().render()).isEqualTo("""
                five(5)  [five#1]
                rules:
                  five#1 (rules/test.dl:3): five(X) :- X = 2 + 3.
                """);
    }

    @Test
    void negatedZeroArityAtomsAndAggregateNotes() {
        Model model = run("""
                alarm :- reading(V), V > 100.
                calm(T) :- tick(T), not alarm.
                quiet_count(count(T)) :- tick(T), not noisy(T).
                """, Fact.of("reading", 50), Fact.of("tick", 1), Fact.of("tick", 2), Fact.of("noisy", 2));

        assertThat(model.facts("calm")).containsExactly(Fact.of("calm", 1), Fact.of("calm", 2));
        assertThat(model.derivation(Fact.of("calm", 2)).orElseThrow().notes()).containsExactly("not alarm()");
        Derivation count = model.derivation(Fact.of("quiet_count", 1)).orElseThrow();
        assertThat(count.notes()).containsExactly("not noisy(1)");
        assertThat(count.leaves()).containsExactly(Fact.of("tick", 1));
    }

    @Test
    void longsOfEveryMagnitudeJoinAndCompareExactly() {
        long edge = (1L << 30) - 4;
        Model model = run("""
                next(A, B) :- v(A), v(B), B = A + 1.
                both(X) :- v(X), w(X).
                """, Fact.of("v", edge - 1), Fact.of("v", edge), Fact.of("v", edge + 1), Fact.of("v", -1),
                Fact.of("v", 0), Fact.of("v", Long.MAX_VALUE), Fact.of("v", Long.MIN_VALUE),
                Fact.of("w", edge), Fact.of("w", -1), Fact.of("w", Long.MIN_VALUE), Fact.of("w", 0.0));

        assertThat(model.facts("next")).containsExactlyInAnyOrder(Fact.of("next", edge - 1, edge),
                Fact.of("next", edge, edge + 1), Fact.of("next", -1, 0));
        assertThat(model.facts("both")).containsExactlyInAnyOrder(Fact.of("both", edge), Fact.of("both", -1),
                Fact.of("both", Long.MIN_VALUE));
        assertThat(model.contains(Fact.of("v", edge + 1))).isTrue();
        assertThat(model.contains(Fact.of("v", edge + 2))).isFalse();
    }
}
