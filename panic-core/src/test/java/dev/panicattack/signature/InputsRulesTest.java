package dev.panicattack.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;

class InputsRulesTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader())
            .withCalibration(Calibration.none());

    private static List<Fact> failure(String... types) {
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of("test_failed", 10, types[0]));
        for (String type : types) {
            facts.add(Fact.of("failure_is", 0, type));
        }
        return facts;
    }

    private static List<Fact> corrupted(List<Fact> facts, String... documented) {
        List<Fact> all = new ArrayList<>(facts);
        all.add(Fact.of("input_corrupted", "truncation#1 (seed 43)", "TRUNCATION", 43));
        for (String type : documented) {
            all.add(Fact.of("documented_error", type));
        }
        return all;
    }

    private static final String[] NPE = {"java.lang.NullPointerException", "java.lang.RuntimeException",
        "java.lang.Exception", "java.lang.Throwable", "java.io.Serializable", "java.lang.Object"};

    @Test
    void anUndocumentedRuntimeExceptionOnCorruptedInputIsAMalformedInputCrash() {
        List<Signature> signatures = engine.diagnose(corrupted(failure(NPE), "java.io.IOException"));

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.MALFORMED_INPUT_CRASH);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.9);
        assertThat(signatures.get(0).proofs()).anySatisfy(line -> assertThat(line).contains("truncation#1 (seed 43)"));
    }

    @Test
    void theSameExceptionWithoutCorruptedInputIsNothing() {
        assertThat(engine.diagnose(failure(NPE))).isEmpty();
    }

    @Test
    void aDocumentedErrorOrItsSubtypeIsNotACrash() {
        List<Fact> facts = corrupted(failure("java.lang.NumberFormatException", "java.lang.IllegalArgumentException",
                "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"), "java.lang.IllegalArgumentException");

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void aCheckedUndocumentedExceptionIsNotARuntimeCrash() {
        List<Fact> facts = corrupted(failure("java.io.IOException", "java.lang.Exception", "java.lang.Throwable"));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void theTestsOwnAssertionFailureIsNotACrash() {
        List<Fact> facts = corrupted(failure("org.opentest4j.AssertionFailedError", "java.lang.AssertionError",
                "java.lang.Error", "java.lang.Throwable"));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void aStackOverflowFromDeepNestingStaysUnboundedRecursion() {
        List<Fact> facts = corrupted(failure("java.lang.StackOverflowError", "java.lang.VirtualMachineError",
                "java.lang.Error", "java.lang.Throwable"));

        assertThat(engine.diagnose(facts)).extracting(Signature::bugClass).containsExactly(BugClass.UNBOUNDED_RECURSION);
    }

    @Test
    void anUndocumentedExceptionWrappedInADocumentedOneIsTheDocumentedBehaviour() {
        List<Fact> facts = corrupted(failure("java.io.UncheckedIOException", "java.lang.RuntimeException"),
                "java.io.UncheckedIOException");
        facts.add(Fact.of("failure_is", 1, "java.lang.RuntimeException"));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    private static List<Fact> inputCall(List<Fact> facts, long depth) {
        List<Fact> all = new ArrayList<>(facts);
        all.add(Fact.of("failure_input_call", depth, "net.minidev.json.parser.JSONParser.parse",
                "com.example.Endpoint.status(Endpoint.java:31)"));
        return all;
    }

    private static final String[] NFE = {"java.lang.NumberFormatException", "java.lang.IllegalArgumentException",
        "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "java.io.Serializable", "java.lang.Object"};

    @Test
    void anUncheckedExceptionFromALibraryCallWithInputIsAMalformedInputCrashInAPlainTest() {
        List<Signature> signatures = engine.diagnose(inputCall(failure(NFE), 0));

        assertThat(signatures).extracting(Signature::bugClass).containsExactly(BugClass.MALFORMED_INPUT_CRASH);
        assertThat(signatures.get(0).confidence()).isEqualTo(0.7);
        assertThat(signatures.get(0).proofs()).anySatisfy(line -> assertThat(line)
                .contains("\"net.minidev.json.parser.JSONParser.parse\"", "com.example.Endpoint.status(Endpoint.java:31)"));
    }

    @Test
    void aLibraryCallWithInputBelowAWrapperIsNotTheFailureItself() {
        List<Fact> facts = failure("java.util.concurrent.ExecutionException", "java.lang.Exception", "java.lang.Throwable");
        facts.add(Fact.of("failure_is", 1, "java.lang.RuntimeException"));

        assertThat(engine.diagnose(inputCall(facts, 1))).isEmpty();
    }

    @Test
    void aDocumentedErrorFromALibraryCallWithInputIsNoCrash() {
        List<Fact> facts = inputCall(failure(NFE), 0);
        facts.add(Fact.of("documented_error", "java.lang.IllegalArgumentException"));

        assertThat(engine.diagnose(facts)).isEmpty();
    }

    @Test
    void anErrorInTheCauseChainKeepsItsOwnClass() {
        List<Fact> facts = inputCall(failure(NFE), 0);
        facts.add(Fact.of("failure_is", 1, "java.lang.StackOverflowError"));
        facts.add(Fact.of("failure_is", 1, "java.lang.Error"));

        assertThat(engine.diagnose(facts)).extracting(Signature::bugClass).containsExactly(BugClass.UNBOUNDED_RECURSION);
    }
}
