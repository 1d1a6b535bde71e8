package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Label;

import dev.panicattack.signature.BugClass;

/**
 * A plain diagnosed test (no {@code @CorruptedInputTest}) whose failure is an unchecked exception
 * that left a library method the test's code handed input to: {@code MALFORMED_INPUT_CRASH}, from the
 * stack and the called method's parameter types ({@code failure_input_call}). ASM's class reader, fed
 * a truncated class file, is the real library.
 */
class LibraryInputCrashTests {

    private static final String FIXTURE = LibraryInputCrashTests.class.getName();

    @Test
    void anUncheckedExceptionFromALibraryParseOfTheTestsInputIsAMalformedInputCrash() {
        Throwable failure = singleFailure(execute(TruncatedClassFileTestCases.class));

        assertThat(failure).isInstanceOf(PanicSignatureError.class)
                .hasCauseExactlyInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.MALFORMED_INPUT_CRASH);
        String call = "failure_input_call(0, \"org.objectweb.asm.ClassReader.<init>\", \"" + FIXTURE
                + "$TruncatedClassFileTestCases.readsAClassFile(LibraryInputCrashTests.java:106)\")";
        assertThat(failure.getMessage()).startsWith("panic: MALFORMED_INPUT_CRASH (confidence 0.70) under no pressure\n")
                .contains("  signature(class=\"malformed_input_crash\", key=\"org.objectweb.asm.ClassReader.<init>\")"
                        + "  [unchecked-exception-from-a-library-call-with-input]\n");
        assertThat(fixLines(failure)).containsExactly(
                "fix: validate the input where it is parsed and throw the documented error: catch"
                        + " java.lang.ArrayIndexOutOfBoundsException at the parse call and rethrow it as that error",
                "  at org.objectweb.asm.ClassReader.readShort: throws java.lang.ArrayIndexOutOfBoundsException"
                        + " on the input it was handed",
                "  at " + FIXTURE + "$TruncatedClassFileTestCases.readsAClassFile(LibraryInputCrashTests.java:106): calls"
                        + " org.objectweb.asm.ClassReader.<init> with the input, and lets"
                        + " java.lang.ArrayIndexOutOfBoundsException escape",
                "  because failure_is(0, \"java.lang.RuntimeException\")",
                "  because " + call);
    }

    @Test
    void anUncheckedExceptionFromALibraryCallWithoutInputIsNoCrash() {
        Throwable failure = singleFailure(execute(UnresolvedLabelTestCases.class));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(note(failure)).startsWith("panic: UNCLASSIFIED under no pressure; no rule derived a class from the evidence;");
    }

    @Test
    void theTestsOwnParseWithTheJdkIsNoLibraryCrash() {
        Throwable failure = singleFailure(execute(OwnParseTestCases.class));

        assertThat(failure).isExactlyInstanceOf(NumberFormatException.class);
        assertThat(note(failure)).startsWith("panic: UNCLASSIFIED under no pressure; no rule derived a class from the evidence;");
    }

    @Test
    void aLibraryParseThatSucceedsPassesWithNoClass() {
        Events tests = execute(WholeClassFileTestCases.class);

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(tests.failed().count()).isZero();
    }

    private static String note(Throwable failure) {
        assertThat(failure.getSuppressed()).hasSize(1);
        return failure.getSuppressed()[0].getMessage();
    }

    private static List<String> fixLines(Throwable failure) {
        List<String> lines = failure.getMessage().lines().toList();
        int fix = lines.indexOf(lines.stream().filter(line -> line.startsWith("fix: ")).findFirst().orElse(""));
        assertThat(fix).as(failure.getMessage()).isPositive();
        return lines.subList(fix, lines.size() - 1);
    }

    private static Events execute(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    private static Throwable singleFailure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    static class TruncatedClassFileTestCases {
        @Test
        @Diagnose
        void readsAClassFile() {
            new ClassReader(new byte[] {(byte) 0xCA, (byte) 0xFE});
        }
    }

    static class UnresolvedLabelTestCases {
        @Test
        @Diagnose
        void readsAnOffset() {
            new Label().getOffset();
        }
    }

    static class OwnParseTestCases {
        @Test
        @Diagnose
        void readsAQuantity() {
            Integer.parseInt("4x");
        }
    }

    static class WholeClassFileTestCases {
        @Test
        @Diagnose
        void readsAClassFile() throws java.io.IOException {
            try (java.io.InputStream in = Object.class.getResourceAsStream("Object.class")) {
                assertThat(new ClassReader(in).getClassName()).isEqualTo("java/lang/Object");
            }
        }
    }
}
