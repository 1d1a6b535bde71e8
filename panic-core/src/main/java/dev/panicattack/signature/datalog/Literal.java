package dev.panicattack.signature.datalog;

import java.util.List;

/** One element of a rule body: a positive or negated atom, or a comparison. */
sealed interface Literal permits Literal.Atom, Literal.Comparison {

    Position position();

    /** {@code predicate(t1, ..., tn)}, possibly under {@code not}. */
    record Atom(String predicate, List<Term> terms, boolean negated, Position position) implements Literal {
        public Atom {
            terms = List.copyOf(terms);
        }

        int arity() {
            return terms.size();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(negated ? "not " : "").append(predicate).append('(');
            for (int i = 0; i < terms.size(); i++) {
                text.append(i > 0 ? ", " : "").append(terms.get(i));
            }
            return text.append(')').toString();
        }
    }

    /** {@code left op right}; {@code V = expr} with V unbound assigns V. */
    record Comparison(Operator operator, Expression left, Expression right, Position position) implements Literal {
        @Override
        public String toString() {
            return left + " " + operator.symbol + " " + right;
        }
    }

    /** The comparison operators. */
    enum Operator {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }
}
