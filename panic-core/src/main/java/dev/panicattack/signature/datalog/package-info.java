/**
 * The Datalog engine behind signatures: rule files ({@code *.dl}) parse into a checked, stratified
 * {@link dev.panicattack.signature.datalog.RuleProgram}; evaluating it over evidence
 * {@link dev.panicattack.evidence.Fact facts} gives a {@link dev.panicattack.signature.datalog.Model}
 * whose derived facts each carry their {@link dev.panicattack.signature.datalog.Derivation proofs}.
 * The language is described in {@code docs/writing-rules.md}.
 */
package dev.panicattack.signature.datalog;
