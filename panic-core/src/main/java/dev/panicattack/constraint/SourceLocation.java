package dev.panicattack.constraint;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** A 1-based place in a constraint-set file, from which located errors are made. */
record SourceLocation(String source, int line, int column) {

    /** snakeyaml-engine marks are 0-based; users and editors count from 1. */
    static SourceLocation of(String source, Optional<Mark> mark) {
        return mark.map(m -> new SourceLocation(source, m.getLine() + 1, m.getColumn() + 1))
                .orElseGet(() -> new SourceLocation(source, 0, 0));
    }

    ConstraintSetException error(String key, String problem) {
        return new ConstraintSetException(source, line, column, key, problem);
    }

    ConstraintSetException error(String key, String problem, Throwable cause) {
        return new ConstraintSetException(source, line, column, key, problem, cause);
    }
}
