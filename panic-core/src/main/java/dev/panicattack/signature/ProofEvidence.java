package dev.panicattack.signature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.panicattack.evidence.Fact;

/**
 * What a remedy is read from: the facts a signature's proof rests on, and the rest of the trial's
 * evidence, looked up by predicate, to find the frames of the threads and moments the proof names.
 */
final class ProofEvidence {

    private final List<Fact> proof;
    private final Function<String, List<Fact>> all;
    private final Map<String, List<Fact>> proofByPredicate = new HashMap<>();

    private ProofEvidence(List<Fact> proof, Function<String, List<Fact>> all) {
        this.proof = List.copyOf(proof);
        this.all = Objects.requireNonNull(all, "all");
    }

    /** The proof's facts, and every fact of the trial by predicate. */
    static ProofEvidence of(List<Fact> proof, Function<String, List<Fact>> all) {
        return new ProofEvidence(proof, all);
    }

    /** Only the proof's facts: what a signature built without its trial's evidence can show. */
    static ProofEvidence ofProof(List<Fact> proof) {
        return new ProofEvidence(proof, predicate -> proof.stream().filter(fact -> fact.predicate().equals(predicate)).toList());
    }

    /** The proof's facts of {@code predicate}, in proof order. */
    List<Fact> proof(String predicate) {
        return proofByPredicate.computeIfAbsent(predicate,
                p -> proof.stream().filter(fact -> fact.predicate().equals(p)).toList());
    }

    /** Every fact of {@code predicate} in the trial's evidence. */
    List<Fact> all(String predicate) {
        return all.apply(predicate);
    }

    /** {@code "worker-1"} (quoted) from {@code thread(tid, name, daemon)}, else {@code thread 41}. */
    String threadName(long tid) {
        return nameOf(tid).map(name -> "thread \"" + name + "\"").orElse("thread " + tid);
    }

    /** The name {@code thread(tid, name, daemon)} gives the thread, if recorded. */
    java.util.Optional<String> nameOf(long tid) {
        return all("thread").stream().filter(thread -> thread.arity() == 3 && number(thread, 0) == tid)
                .map(thread -> text(thread, 1)).findFirst();
    }

    /** The {@code index}th value of {@code fact} as a number, or {@link Long#MIN_VALUE} when it is not a whole number. */
    static long number(Fact fact, int index) {
        return index < fact.arity() && fact.values().get(index) instanceof Long value ? value : Long.MIN_VALUE;
    }

    /** The {@code index}th value of {@code fact} as text. */
    static String text(Fact fact, int index) {
        return index < fact.arity() ? String.valueOf(fact.values().get(index)) : "";
    }
}
