package dev.panicattack.signature.datalog;

import java.util.List;
import java.util.Objects;

/**
 * One parsed rule {@code head :- body.} with its metadata: a name (from {@code @name("...")}, or
 * {@code <head predicate>#<n>} for the n-th rule of that predicate in its file), a weight in
 * (0, 1] (from {@code @weight(w)}, default 1.0) used for confidence, and where it was written.
 * Immutable. Two rules are equal when they have the same source location and text.
 */
public final class Rule {

    private final String name;
    private final double weight;
    private final Position position;
    private final String text;
    private final Literal.Atom head;
    private final List<Literal> body;

    Rule(String name, double weight, Position position, String text, Literal.Atom head, List<Literal> body) {
        this.name = name;
        this.weight = weight;
        this.position = position;
        this.text = text;
        this.head = head;
        this.body = List.copyOf(body);
    }

    /** The rule's name, as given by {@code @name} or {@code <head predicate>#<n>}. */
    public String name() {
        return name;
    }

    /** The rule's weight in (0, 1], from {@code @weight}; 1.0 by default. */
    public double weight() {
        return weight;
    }

    /** The source name of the file the rule was written in. */
    public String source() {
        return position.source();
    }

    /** 1-based line where the rule's head starts. */
    public int line() {
        return position.line();
    }

    /** 1-based column where the rule's head starts. */
    public int column() {
        return position.column();
    }

    /** The rule as written, from its head to its final period. */
    public String text() {
        return text;
    }

    /** The predicate this rule derives. */
    public String headPredicate() {
        return head.predicate();
    }

    /** The constant at {@code position} of the head, if the head has one there. */
    public java.util.Optional<Object> headConstant(int position) {
        return position < head.terms().size() && head.terms().get(position) instanceof Term.Constant constant
                ? java.util.Optional.of(constant.value()) : java.util.Optional.empty();
    }

    Literal.Atom head() {
        return head;
    }

    List<Literal> body() {
        return body;
    }

    Position position() {
        return position;
    }

    boolean aggregates() {
        return head.terms().stream().anyMatch(Term.Aggregate.class::isInstance);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rule rule && rule.position.equals(position) && rule.text.equals(text)
                && rule.name.equals(name) && rule.weight == weight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, text, name);
    }

    @Override
    public String toString() {
        return name + " (" + position + "): " + text.replaceAll("\\s+", " ");
    }
}
