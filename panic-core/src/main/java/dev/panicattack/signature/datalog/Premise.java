package dev.panicattack.signature.datalog;

/**
 * A positive body atom of a rule, as written, checked alone against a model: whether it names a
 * constant (so a match says something specific about the evidence) and whether some fact matches it.
 */
public record Premise(String atom, boolean constrained, boolean matched) {
}
