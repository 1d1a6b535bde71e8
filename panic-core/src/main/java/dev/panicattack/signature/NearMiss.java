package dev.panicattack.signature;

import java.util.List;
import java.util.Objects;

/**
 * A concluding rule that did not fire, with the premises the evidence lacked: the body atoms no
 * fact matched (empty when every premise matched alone and a join, comparison or negation failed).
 */
public record NearMiss(BugClass bugClass, String rule, List<String> missing) {

    public NearMiss {
        Objects.requireNonNull(bugClass, "bugClass");
        Objects.requireNonNull(rule, "rule");
        missing = List.copyOf(missing);
    }
}
