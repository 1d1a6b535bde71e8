package dev.panicattack.examples.corpus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/** UNBOUNDED_RECURSION: recursion whose depth the input decides, with nothing to bound it. */
public class RecursionPrograms {

    /** A recursive-descent evaluator of + and * over integers and parentheses. */
    static final class Calculator {
        private final String text;
        private int pos;

        Calculator(String text) {
            this.text = text;
        }

        long evaluate() {
            long value = sum();
            if (pos != text.length()) {
                throw new IllegalArgumentException("unexpected '" + text.charAt(pos) + "' at " + pos + " in the expression");
            }
            return value;
        }

        private long sum() {
            long value = product();
            while (pos < text.length() && text.charAt(pos) == '+') {
                pos++;
                value += product();
            }
            return value;
        }

        private long product() {
            long value = factor();
            while (pos < text.length() && text.charAt(pos) == '*') {
                pos++;
                value *= factor();
            }
            return value;
        }

        private long factor() {
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                // The defect: each parenthesis is one more level of Java stack, and the input decides how many.
                long value = sum();
                pos++;
                return value;
            }
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return Long.parseLong(text.substring(start, pos));
        }
    }

    /** Parity of a count, written as mutual recursion. */
    static boolean isEven(long n) {
        return n == 0 || isOdd(n - 1);
    }

    static boolean isOdd(long n) {
        return n != 0 && isEven(n - 1);
    }

    /** A menu tree whose parent links are followed to compute a breadcrumb depth. */
    static final class MenuItem {
        MenuItem parent;

        int depth() {
            return parent == null ? 0 : 1 + parent.depth();
        }
    }

    @Test
    @Seeded(BugClass.UNBOUNDED_RECURSION)
    @Diagnose
    void deeplyNestedParenthesesInTheEvaluator() {
        String expression = "(".repeat(100_000) + "1+2" + ")".repeat(100_000);
        assertThat(new Calculator(expression).evaluate()).isEqualTo(3);
    }

    @Test
    @Seeded(BugClass.UNBOUNDED_RECURSION)
    @Diagnose
    void parityByMutualRecursionOfALargeCount() {
        assertThat(isEven(1_000_000)).isTrue();
    }

    @Test
    @Seeded(BugClass.UNBOUNDED_RECURSION)
    @Diagnose
    void overflowReportedAsADeadlockIsStillRecursion() {
        MenuItem home = new MenuItem();
        MenuItem settings = new MenuItem();
        settings.parent = home;
        // The defect: a cycle in the parent links, so the depth never reaches the root.
        home.parent = settings;
        int depth;
        try {
            depth = settings.depth();
        } catch (StackOverflowError e) {
            // A misleading rethrow: the classification must rest on the cause and the stack, not on this text.
            throw new IllegalStateException("deadlock?", e);
        }
        assertThat(depth).isEqualTo(1);
    }
}
