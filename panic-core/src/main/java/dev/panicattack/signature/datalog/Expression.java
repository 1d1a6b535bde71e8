package dev.panicattack.signature.datalog;

import java.util.Set;

/** Arithmetic over terms, used on either side of a comparison. */
sealed interface Expression permits Expression.Leaf, Expression.Binary, Expression.Negated {

    Position position();

    /** Adds the named (non-anonymous) variables of this expression to {@code into}. */
    void collectVariables(Set<String> into);

    /** A variable or constant. */
    record Leaf(Term term) implements Expression {
        @Override
        public Position position() {
            return term.position();
        }

        @Override
        public void collectVariables(Set<String> into) {
            if (term instanceof Term.Variable variable) {
                into.add(variable.name());
            }
        }

        @Override
        public String toString() {
            return term.toString();
        }
    }

    /** {@code left op right} with op one of {@code + - * /}. */
    record Binary(char operator, Expression left, Expression right, Position position) implements Expression {
        @Override
        public void collectVariables(Set<String> into) {
            left.collectVariables(into);
            right.collectVariables(into);
        }

        @Override
        public String toString() {
            return "(" + left + " " + operator + " " + right + ")";
        }
    }

    /** Unary minus. */
    record Negated(Expression operand, Position position) implements Expression {
        @Override
        public void collectVariables(Set<String> into) {
            operand.collectVariables(into);
        }

        @Override
        public String toString() {
            return "-" + operand;
        }
    }
}
