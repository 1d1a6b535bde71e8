/**
 * Evidence: timestamped, typed facts about one test, written by sensors into an
 * {@link dev.panicattack.evidence.EvidenceStore} and read by the signature engine.
 */
package dev.panicattack.evidence;
