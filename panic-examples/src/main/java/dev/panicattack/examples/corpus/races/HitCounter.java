package dev.panicattack.examples.corpus.races;

/** A page-hit counter. The defect: {@code hits++} is a read, an add and a write; two threads can lose updates. */
public final class HitCounter {

    private int hits;

    public void hit() {
        hits++;
    }

    public int hits() {
        return hits;
    }
}
