package dev.panicattack.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

import dev.panicattack.subject.Subject;

/** {@link InputCall}: read from real stacks of ASM, a library outside the JDK and the subject. */
class InputCallTest {

    private static final Subject SUBJECT = Subject.of("dev.panicattack.trial");
    private static final ClassLoader LOADER = InputCallTest.class.getClassLoader();

    @Test
    void aLibraryConstructorHandedBytesIsAnInputCall() {
        Throwable thrown = catchThrowable(() -> new ClassReader(new byte[] {(byte) 0xCA, (byte) 0xFE}));

        assertThat(thrown).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(InputCall.of(thrown, SUBJECT, LOADER)).contains(new InputCall("org.objectweb.asm.ClassReader.<init>",
                "dev.panicattack.trial.InputCallTest.lambda$aLibraryConstructorHandedBytesIsAnInputCall$0(InputCallTest.java:22)"));
    }

    @Test
    void theOverloadIsTheOneWhoseLinesHoldTheFrame() {
        // Type.getType has overloads taking a String and a Class: the frame's line picks the String one.
        Throwable thrown = catchThrowable(() -> Type.getType("Q"));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(InputCall.of(thrown, SUBJECT, LOADER)).map(InputCall::method).contains("org.objectweb.asm.Type.getType");
    }

    @Test
    void withoutALineEveryOverloadMustTakeInput() {
        RuntimeException thrown = new IllegalArgumentException();
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.objectweb.asm.Type", "getType", null, -1),
            new StackTraceElement(InputCallTest.class.getName(), "describe", "InputCallTest.java", 50)});

        assertThat(InputCall.of(thrown, SUBJECT, LOADER)).isEmpty();
    }

    @Test
    void aJdkMethodTheSubjectCallsIsTheSubjectsOwnParse() {
        Throwable thrown = catchThrowable(() -> Integer.parseInt("4x"));

        assertThat(InputCall.of(thrown, SUBJECT, LOADER)).isEmpty();
    }

    @Test
    void anExceptionTheSubjectThrowsItselfIsNoLibraryCall() {
        assertThat(InputCall.of(new IllegalStateException(), SUBJECT, LOADER)).isEmpty();
    }

    @Test
    void aCheckedExceptionOrAnErrorIsNoInputCall() {
        Throwable thrown = catchThrowable(() -> new ClassReader(new byte[] {(byte) 0xCA, (byte) 0xFE}));
        Error error = new StackOverflowError();
        error.setStackTrace(thrown.getStackTrace());
        Exception checked = new java.io.IOException();
        checked.setStackTrace(thrown.getStackTrace());

        assertThat(InputCall.of(error, SUBJECT, LOADER)).isEmpty();
        assertThat(InputCall.of(checked, SUBJECT, LOADER)).isEmpty();
    }

    @Test
    void aStackThatNeverPassesThroughTheSubjectIsNoInputCall() {
        Throwable thrown = catchThrowable(() -> new ClassReader(new byte[] {(byte) 0xCA, (byte) 0xFE}));

        assertThat(InputCall.of(thrown, Subject.of("com.example.orders"), LOADER)).isEqualTo(Optional.empty());
    }
}
