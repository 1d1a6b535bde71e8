package dev.panicattack.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.Instrumentation;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

class MethodHookTest {

    private static final Instrumentation INSTRUMENTATION = ProbeAgent.instrumentation(System.err);

    @Test
    void theHolderIsABootstrapClassInjectedOncePerJvm() throws ClassNotFoundException {
        MethodHook first = MethodHook.inject(INSTRUMENTATION);
        MethodHook second = MethodHook.inject(INSTRUMENTATION);
        assertThat(first.holder().getClassLoader()).isNull();
        assertThat(second.holder()).isSameAs(first.holder())
                .isSameAs(Class.forName(MethodHook.HOLDER, false, ClassLoader.getSystemClassLoader()));
        assertThat(first.field().getType().asErasure().represents(IntFunction.class)).isTrue();
        assertThat(first.field().isStatic() && first.field().isVolatile() && first.field().isPublic()).isTrue();
    }

    @Test
    void oneLedgerAtATimeAndOnlyItsOwnerWithdrawsIt() {
        MethodHook hook = MethodHook.inject(INSTRUMENTATION);
        IntFunction<Object> mine = id -> null;
        IntFunction<Object> other = id -> null;
        assertThat(hook.publish(mine)).isTrue();
        try {
            assertThat(hook.publish(other)).isFalse();
            hook.withdraw(other);
            assertThat(hook.published()).isSameAs(mine);
        } finally {
            hook.withdraw(mine);
        }
        assertThat(hook.published()).isNull();
    }
}
