package dev.panicattack.signature.datalog;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A compiled expression over a rule's variable slots. Evaluates to a Long, Double or String, or
 * to null when it has no value (arithmetic on a string, division by zero, Long overflow): the
 * literal holding it then simply does not hold.
 */
sealed interface Calc permits Calc.Slot, Calc.Value, Calc.Arithmetic, Calc.Minus {

    Object eval(int[] env, ValuePool pool);

    /** The value bound to a variable slot. */
    record Slot(int index) implements Calc {
        @Override
        public Object eval(int[] env, ValuePool pool) {
            return pool.value(env[index]);
        }
    }

    /** A constant. */
    record Value(Object value) implements Calc {
        @Override
        public Object eval(int[] env, ValuePool pool) {
            return value;
        }
    }

    /** {@code left op right}. */
    record Arithmetic(char operator, Calc left, Calc right) implements Calc {
        @Override
        public Object eval(int[] env, ValuePool pool) {
            Object a = left.eval(env, pool);
            Object b = right.eval(env, pool);
            if (!(a instanceof Number) || !(b instanceof Number)) {
                return null;
            }
            if (a instanceof Long x && b instanceof Long y) {
                return longArithmetic(operator, x, y);
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return switch (operator) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> y == 0.0 ? null : x / y;
            };
        }
    }

    /** Unary minus. */
    record Minus(Calc operand) implements Calc {
        @Override
        public Object eval(int[] env, ValuePool pool) {
            Object value = operand.eval(env, pool);
            if (value instanceof Long x) {
                return x == Long.MIN_VALUE ? null : -x;
            }
            return value instanceof Double x ? -x : null;
        }
    }

    private static Long longArithmetic(char operator, long x, long y) {
        switch (operator) {
            case '+': {
                long r = x + y;
                return ((x ^ r) & (y ^ r)) < 0 ? null : r;
            }
            case '-': {
                long r = x - y;
                return ((x ^ y) & (x ^ r)) < 0 ? null : r;
            }
            case '*': {
                long high = Math.multiplyHigh(x, y);
                long r = x * y;
                return (high == 0 && r >= 0) || (high == -1 && r < 0) ? r : null;
            }
            default:
                return y == 0 || (x == Long.MIN_VALUE && y == -1) ? null : x / y;
        }
    }

    static Calc compile(Expression expression, Map<String, Integer> slots) {
        if (expression instanceof Expression.Leaf leaf) {
            return leaf.term() instanceof Term.Variable variable ? new Slot(slots.get(variable.name()))
                    : new Value(((Term.Constant) leaf.term()).value());
        }
        if (expression instanceof Expression.Binary binary) {
            return new Arithmetic(binary.operator(), compile(binary.left(), slots), compile(binary.right(), slots));
        }
        return new Minus(compile(((Expression.Negated) expression).operand(), slots));
    }

    /**
     * Whether {@code a op b} holds. Numbers compare numerically across Long and Double, strings
     * lexicographically; a string and a number are only ever unequal.
     */
    static boolean holds(Literal.Operator operator, Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        Integer order = order(a, b);
        if (order == null) {
            return operator == Literal.Operator.NE;
        }
        int c = order;
        return switch (operator) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    /** The order of two values, or null when they are not comparable (string against number). */
    static Integer order(Object a, Object b) {
        if (a instanceof String x) {
            return b instanceof String y ? Integer.valueOf(x.compareTo(y)) : null;
        }
        if (b instanceof String) {
            return null;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        // A long beyond 2^53 loses precision as a double, and -0.0 equals 0.0: decide ties exactly.
        if (x == y && !Double.isInfinite(x)) {
            return exact((Number) a).compareTo(exact((Number) b));
        }
        int c = Double.compare(x, y);
        return c;
    }

    private static BigDecimal exact(Number number) {
        return number instanceof Long value ? BigDecimal.valueOf(value) : new BigDecimal(number.doubleValue());
    }
}
