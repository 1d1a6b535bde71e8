package dev.panicattack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeardownTest {

    @Test
    void everyStepRunsAndTheFirstFailureIsThrownWithTheLaterOnesSuppressed() {
        List<String> ran = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("reset refused");
        StackOverflowError second = new StackOverflowError("advice recursed");
        Teardown teardown = new Teardown();
        teardown.run(() -> {
            ran.add("reset");
            throw first;
        });
        teardown.run(() -> ran.add("withdraw"));
        teardown.run(() -> {
            ran.add("proxies");
            throw second;
        });
        teardown.run(() -> {
            ran.add("again");
            throw first;
        });

        assertThat(ran).containsExactly("reset", "withdraw", "proxies", "again");
        assertThatThrownBy(teardown::finish).isSameAs(first);
        assertThat(first.getSuppressed()).containsExactly(second);
    }

    @Test
    void anErrorFirstIsThrownAsItIs() {
        OutOfMemoryError first = new OutOfMemoryError("Java heap space");
        Teardown teardown = new Teardown();
        teardown.run(() -> {
            throw first;
        });
        assertThatThrownBy(teardown::finish).isSameAs(first);
    }

    @Test
    void finishReturnsWhenEveryStepSucceeded() {
        Teardown teardown = new Teardown();
        teardown.run(() -> { });
        assertThatCode(teardown::finish).doesNotThrowAnyException();
    }
}
