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

    @Test
    void findsAnOutOfMemoryErrorAtAnyPlaceInALoopingChain() {
        for (int length = 1; length <= 7; length++) {
            for (int at = 0; at < length; at++) {
                Throwable[] chain = new Throwable[length + 2];
                chain[0] = new IllegalStateException("tail 0");
                chain[1] = new IllegalStateException("tail 1");
                for (int i = 0; i < length; i++) {
                    chain[i + 2] = i == at ? new OutOfMemoryError("in the loop") : new IllegalStateException("loop " + i);
                }
                for (int i = 0; i < chain.length - 1; i++) {
                    chain[i].initCause(chain[i + 1]);
                }
                if (length > 1) {
                    chain[chain.length - 1].initCause(chain[2]);
                }
                assertThat(Trial.causedByOutOfMemory(chain[0])).as("loop of %d, error at %d", length, at).isTrue();
            }
        }
    }
}
