package dev.panicattack.signature.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panicattack.evidence.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    private static RuleException error(String text) {
        try {
            RuleProgram.parse("rules/test.dl", text);
        } catch (RuleException e) {
            return e;
        }
        throw new AssertionError("expected a RuleException for: " + text);
    }

    @Test
    void parsesEveryConstruct() {
        RuleProgram program = RuleProgram.parse("rules/all.dl", """
                % a comment
                // another comment
                .decl heap_used(t, bytes).
                limit("heap", 90).          % a fact
                limit(cpu, 80.5).
                shift(-3, -2.5).
                @weight(0.9)
                @name("heap-over-limit")
                over(T, P) :- heap_used(T, B), limit("heap", L), max_heap(M), P = B * 100 / M, P > L.
                idle(T) :- thread(T), not busy(T, _), T != "main".
                blocked_count(L, count(T)) :- blocked(T, L, _).
                stats(sum(B), min(B), max(B)) :- heap_used(_, B).
                quiet :- thread(T), T = "x".
                loud() :- quiet.
                """);

        assertThat(program.rules()).hasSize(6);
        Rule over = program.rules().get(0);
        assertThat(over.name()).isEqualTo("heap-over-limit");
        assertThat(over.weight()).isEqualTo(0.9);
        assertThat(over.source()).isEqualTo("rules/all.dl");
        assertThat(over.line()).isEqualTo(9);
        assertThat(over.column()).isEqualTo(1);
        assertThat(over.text())
                .isEqualTo("over(T, P) :- heap_used(T, B), limit(\"heap\", L), max_heap(M), P = B * 100 / M, P > L.");
        assertThat(program.rules()).extracting(Rule::name)
                .containsExactly("heap-over-limit", "idle#1", "blocked_count#1", "stats#1", "quiet#1", "loud#1");
        assertThat(program.rules()).extracting(Rule::weight).containsExactly(0.9, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(program.facts()).containsExactly(Fact.of("limit", "heap", 90), Fact.of("limit", "cpu", 80.5),
                Fact.of("shift", -3, -2.5));
        assertThat(program.arity("heap_used")).contains(2);
        assertThat(program.arity("quiet")).contains(0);
        assertThat(program.arity("nothing")).isEmpty();
        assertThat(program.argumentNames("heap_used")).contains(List.of("t", "bytes"));
        assertThat(program.argumentNames("limit")).isEmpty();
    }

    @Test
    void decodesStringEscapesAndSymbols() {
        RuleProgram program = RuleProgram.parse("rules/s.dl", """
                s("a \\"quoted\\" word", "back\\\\slash", plain_symbol, "%not a comment", "// nor this").
                """);

        assertThat(program.facts()).containsExactly(
                Fact.of("s", "a \"quoted\" word", "back\\slash", "plain_symbol", "%not a comment", "// nor this"));
    }

    @Test
    void numbersKeepTheirType() {
        RuleProgram program = RuleProgram.parse("rules/n.dl", "n(1, 1.0, 0, 9223372036854775807, 12.25).");

        assertThat(program.facts().get(0).values()).containsExactly(1L, 1.0, 0L, Long.MAX_VALUE, 12.25);
    }

    @Test
    void defaultNamesCountRulesPerHeadPredicate() {
        RuleProgram program = RuleProgram.parse("r.dl", """
                a(X) :- b(X).
                c(X) :- b(X).
                a(X) :- d(X).
                """);

        assertThat(program.rules()).extracting(Rule::name).containsExactly("a#1", "c#1", "a#2");
        assertThat(program.rules()).extracting(Rule::line).containsExactly(1, 2, 3);
    }

    @Test
    void ruleTextSpansLines() {
        RuleProgram program = RuleProgram.parse("r.dl", "  a(X) :-\n    b(X),\n    c(X).\n");

        Rule rule = program.rules().get(0);
        assertThat(rule.text()).isEqualTo("a(X) :-\n    b(X),\n    c(X).");
        assertThat(rule.line()).isEqualTo(1);
        assertThat(rule.column()).isEqualTo(3);
        assertThat(rule.toString()).isEqualTo("a#1 (r.dl:1:3): a(X) :- b(X), c(X).");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a(X) :- b(X)                    | 1 | 13 | expected ',' or '.' after a body literal, but found end of input
            a(X) :- b(X)..                  | 1 | 14 | expected a predicate name (lowercase identifier), but found '.'
            a(X) b(X).                      | 1 | 6  | expected ':-' or '.' after the head a(X), but found 'b'
            A(X) :- b(X).                   | 1 | 1  | expected a predicate name (lowercase identifier), but found 'A'
            a(X :- b(X).                    | 1 | 5  | expected ',' or ')' in the arguments of a, but found ':-'
            a(X) :- b(X), X > .             | 1 | 19 | expected a term (variable, number, string or symbol), but found '.'
            a(X) :- b(X), X.                | 1 | 16 | expected a comparison operator (= != < <= > >=) after X, but found '.'
            a(X) :- b(X), X ? 3.            | 1 | 17 | unexpected character '?'; expected an atom, a term, an operator or a comment (% or //)
            a(avg(X)) :- b(X).              | 1 | 3  | unknown aggregate 'avg'; expected count, sum, min or max
            a(count(_)) :- b(X).            | 1 | 9  | expected a named variable in count(...), but found '_'
            aB(X) :- b(X).                  | 1 | 1  | predicate name 'aB' must match [a-z][a-z0-9_]*; use lowercase letters, digits and '_'
            a(X) :- b(X), X = c(1).         | 1 | 19 | expected a term or a parenthesised expression, but found the atom c(...) inside a comparison; atoms cannot be nested
            @weight(1.5) a(X) :- b(X).      | 1 | 9  | @weight must be in (0, 1], but was 1.5; use a value such as 0.9
            @weight(0) a(X) :- b(X).        | 1 | 9  | @weight must be in (0, 1], but was 0; use a value such as 0.9
            @weight("x") a(X) :- b(X).      | 1 | 9  | expected a number in @weight(...), but found string "x"
            @name(3) a(X) :- b(X).          | 1 | 7  | expected a non-empty string in @name(...), but found '3'
            @size(3) a(X) :- b(X).          | 1 | 2  | unknown annotation '@size'; expected @weight(w) or @name("...")
            @weight(0.5) @weight(0.5) a(X) :- b(X). | 1 | 15 | duplicate @weight on one rule; keep only one
            @weight(0.5) a(1).              | 1 | 1  | annotations apply to rules only, but a(1) is a fact; remove the annotation or give the fact a body
            a(X).                           | 1 | 3  | unsafe fact: a(X) contains X; a fact without a body must be ground (constants only), or add ':- body'
            n(99999999999999999999).        | 1 | 3  | integer 99999999999999999999 is out of range (at most 9223372036854775807); write it as a decimal such as 99999999999999999999.0
            .decl p(a, 1).                  | 1 | 12 | expected an argument name in .decl p, but found '1'
            .decl p(a)                      | 1 | 11 | expected '.' to end the declaration of p, but found end of input
            """)
    void syntaxErrorsSayWhatWasExpectedAndWhere(String text, int line, int column, String message) {
        RuleException error = error(text);

        assertThat(error.source()).isEqualTo("rules/test.dl");
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.column()).isEqualTo(column);
        assertThat(error).hasMessage("rules/test.dl:" + line + ":" + column + ": " + message);
    }

    @Test
    void errorsOnLaterLinesCountLinesAndColumns() {
        RuleException error = error("a(X) :- b(X).\n% comment\n\n   c(X) :- d(X) e.\n");

        assertThat(error).hasMessage("rules/test.dl:4:17: expected ',' or '.' after a body literal, but found 'e'");
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.column()).isEqualTo(17);
    }

    @Test
    void unterminatedStringAndBadEscape() {
        assertThat(error("s(\"abc).\n")).hasMessage(
                "rules/test.dl:1:3: unterminated string: expected a closing '\"' before the end of the line");
        assertThat(error("s(\"a\\nb\").")).hasMessage(
                "rules/test.dl:1:5: unknown escape '\\n' in string; only \\\" and \\\\ are allowed");
    }

    @Test
    void ruleExceptionIsARuntimeException() {
        assertThat(error("a(")).isInstanceOf(RuntimeException.class);
    }
}
