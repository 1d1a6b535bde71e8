package dev.panicattack.internal.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

class RetransformingHooksTest {

    private static final String MARKER = Marker.class.getName().replace('.', '/');

    /** The class the hooks rewrite. */
    static final class Counter {
        private int count;

        void add() {
            count++;
        }
    }

    /** What the rewritten {@code Counter.add} calls first. */
    static final class Marker {
        static final AtomicInteger CALLS = new AtomicInteger();

        private Marker() {
        }

        static void touch() {
            CALLS.incrementAndGet();
        }
    }

    /** Calls {@link Marker#touch()} at the start of {@code Counter.add}. */
    private static AgentBuilder marking(RetransformingHooks hooks) {
        return hooks.builder()
                .type(named(Counter.class.getName()))
                .transform((builder, type, loader, module, domain) -> builder.visit(new AsmVisitorWrapper.ForDeclaredMethods()
                        .method(named("add"), (instrumentedType, method, visitor, context, pool, writerFlags, readerFlags) ->
                                new MethodVisitor(OpenedClassReader.ASM_API, visitor) {
                                    @Override
                                    public void visitCode() {
                                        super.visitCode();
                                        super.visitMethodInsn(Opcodes.INVOKESTATIC, MARKER, "touch", "()V", false);
                                    }
                                })));
    }

    @Test
    void resetGivesTheClassItsOriginalClassFileBack() throws Exception {
        Counter counter = new Counter();
        counter.add();
        Instrumentation instrumentation = RetransformingHooks.instrumentation();
        byte[] original = currentBytes(instrumentation, Counter.class);
        AtomicInteger transformed = new AtomicInteger();
        RetransformingHooks hooks = new RetransformingHooks(transformed);
        ResettableClassFileTransformer transformer = hooks.install(marking(hooks), instrumentation, 1,
                (classes, errors) -> "not hooked: " + classes + " classes, " + errors + " errors");
        assertThat(hooks.transformed()).isEqualTo(1).isEqualTo(transformed.get());
        int callsBefore = Marker.CALLS.get();
        try {
            counter.add();
            assertThat(Marker.CALLS.get()).isEqualTo(callsBefore + 1);
            assertThat(text(currentBytes(instrumentation, Counter.class))).contains(MARKER);
        } finally {
            RetransformingHooks.reset(transformer, instrumentation);
        }
        counter.add();
        assertThat(Marker.CALLS.get()).isEqualTo(callsBefore + 1);
        // The constant pool too: on JDK 25 a reset with no other transformer registered kept the marker's name there.
        byte[] restored = currentBytes(instrumentation, Counter.class);
        assertThat(text(restored)).doesNotContain(MARKER);
        assertThat(restored).isEqualTo(original);
    }

    @Test
    void anInstallationThatMissesAnExpectedClassFailsWithTheStressorsMessage() {
        RetransformingHooks hooks = new RetransformingHooks();
        AgentBuilder nothing = hooks.builder().type(none()).transform((builder, type, loader, module, domain) -> builder);
        assertThatThrownBy(() -> hooks.install(nothing, RetransformingHooks.instrumentation(), 2,
                (classes, errors) -> "could not hook the test's classes (" + classes + " of 2 classes transformed, "
                        + errors + " errors)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not hook the test's classes (0 of 2 classes transformed, 0 errors)");
    }

    /** The class file as the JVM now has it, seen by a retransformation that changes nothing. */
    private static byte[] currentBytes(Instrumentation instrumentation, Class<?> type) throws Exception {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                    byte[] bytes) {
                if (redefined == type) {
                    seen.set(bytes.clone());
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            instrumentation.retransformClasses(type);
        } finally {
            instrumentation.removeTransformer(capture);
        }
        return seen.get();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
