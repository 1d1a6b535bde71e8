/**
 * Signatures: classes of defect derived from evidence by rules, each with a confidence and the
 * proofs it rests on.
 */
package dev.panicattack.signature;
