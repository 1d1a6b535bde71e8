package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The error a set named {@code foo} gets for one bad section: its exact file:line:column message. */
final class ConstraintErrors {

    /** Where the sets under test come from, as an error names it. */
    static final String SOURCE = "panic/constraint-sets/foo.yaml";

    private ConstraintErrors() {
    }

    /** Parses {@code name: foo} followed by {@code yaml} and asserts the message of the error it raises. */
    static void assertError(String yaml, int line, int column, String key, String problem) {
        ConstraintSetException e = catchThrowableOfType(ConstraintSetException.class,
                () -> new ConstraintSetParser().parse(SOURCE, "foo", "name: foo\n" + yaml));
        assertThat(e).as("expected an error").isNotNull();
        assertThat(e.getMessage()).isEqualTo(SOURCE + ":" + line + ":" + column + ": " + key + ": " + problem);
    }
}
