package dev.panicattack.signature.datalog;

/** An argument of an atom: a variable, a constant, or (in a head only) an aggregate. */
sealed interface Term permits Term.Variable, Term.Constant, Term.Aggregate {

    Position position();

    /** A variable; {@code _} alone is anonymous and never binds. */
    record Variable(String name, Position position) implements Term {
        boolean anonymous() {
            return name.equals("_");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A String, Long or Double constant. */
    record Constant(Object value, Position position) implements Term {
        @Override
        public String toString() {
            return ValueText.of(value);
        }
    }

    /** {@code count(V)}, {@code sum(V)}, {@code min(V)} or {@code max(V)} in a rule head. */
    record Aggregate(Kind kind, Variable variable, Position position) implements Term {
        enum Kind { COUNT, SUM, MIN, MAX }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + variable + ")";
        }
    }
}
