package dev.panicattack.trial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CausedByOutOfMemoryTest {

    @Test
    void findsAnOutOfMemoryErrorAnywhereInTheCauseChain() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        assertThat(Trial.causedByOutOfMemory(heap)).isTrue();
        assertThat(Trial.causedByOutOfMemory(new IllegalStateException("wrapped", new RuntimeException(heap)))).isTrue();
        assertThat(Trial.causedByOutOfMemory(new IllegalStateException("no memory involved"))).isFalse();
        assertThat(Trial.causedByOutOfMemory(null)).isFalse();
    }

    @Test
    void endsOnACauseChainThatLoopsBackOnItself() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        first.initCause(second);
        second.initCause(first);

        assertThat(Trial.causedByOutOfMemory(first)).isFalse();
    }
}
