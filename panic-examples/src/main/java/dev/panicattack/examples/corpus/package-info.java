/**
 * The seeded-defect corpus: small programs with one known defect each, run under panic-attack, and
 * healthy programs that must get no signature even under pressure. Main code, so that both the
 * corpus tests and the {@code diagnosis-accuracy} benchmark run the same programs. The classes here
 * are run only through the JUnit Platform by those two; a plain build never executes them.
 */
package dev.panicattack.examples.corpus;
