package dev.panicattack.signature.datalog;

/**
 * A positive body atom of a rule, as written, checked alone against a model: whether it names a
 * string constant (a failure type, a hang kind: a match says something specific about this test) and
 * whether some fact matches it.
 */
public record Premise(String atom, boolean constrained, boolean matched) {
}
