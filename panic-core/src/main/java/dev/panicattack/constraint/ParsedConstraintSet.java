package dev.panicattack.constraint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file, typed: the set as it declares itself, and the parents it names under {@code extends:}
 * (not yet resolved), with their locations for error messages.
 */
record ParsedConstraintSet(Constraints declared, List<ParentReference> parents, Optional<SourceLocation> extendsKey) {

    ParsedConstraintSet {
        Objects.requireNonNull(declared, "declared");
        parents = List.copyOf(parents);
        Objects.requireNonNull(extendsKey, "extendsKey");
    }

    /** A name under {@code extends:} and where it was written. */
    record ParentReference(String name, SourceLocation location) {

        ParentReference {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
        }
    }
}
