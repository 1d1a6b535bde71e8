package dev.panicattack.junit;

import static dev.panicattack.corruption.CorruptionKind.BIT_FLIP;
import static dev.panicattack.corruption.CorruptionKind.TRUNCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.corruption.CorruptedInput;
import dev.panicattack.signature.BugClass;

/** {@code @CorruptedInputTest}: names, replay, parameters, classification and misuse, through the engine. */
class CorruptedInputTestTests {

    private static final byte[] ORIGINAL = "{\"id\": 17, \"lines\": [{\"sku\": \"AB\", \"qty\": 2}]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void oneInvocationPerVariantNamedAfterIt() {
        Events tests = execute(NamedTestCases.class);

        assertThat(tests.succeeded().stream().map(event -> event.getTestDescriptor().getDisplayName()))
                .containsExactly("bit-flip#0 (seed 42)", "truncation#1 (seed 43)", "bit-flip#2 (seed 44)");
        assertThat(NamedTestCases.seen.get("truncation#1 (seed 43)"))
                .isEqualTo(CorruptedInput.of(ORIGINAL, TRUNCATION, 43, 1).bytes());
    }

    @Test
    void aVariantReplaysAloneWithItsKindAndSeed() {
        execute(NamedTestCases.class);
        execute(ReplayTestCases.class);

        assertThat(ReplayTestCases.seen).isEqualTo(NamedTestCases.seen.get("truncation#1 (seed 43)"));
    }

    @Test
    void bytesAndInputStreamParametersGetTheVariantsBytes() {
        Events tests = execute(ParameterTypesTestCases.class);

        assertThat(tests.succeeded().count()).isEqualTo(2);
    }

    @Test
    void anUndocumentedRuntimeExceptionIsAMalformedInputCrashNamingTheVariant() {
        Events tests = execute(CrashTestCases.class);

        List<Throwable> failures = failures(tests);
        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(PanicSignatureError.class);
            assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.MALFORMED_INPUT_CRASH);
            assertThat(failure.getMessage()).startsWith("panic: MALFORMED_INPUT_CRASH (confidence 0.99) under no pressure")
                    .contains("input_corrupted");
            assertThat(failure.getCause()).isInstanceOf(NullPointerException.class);
        });
        assertThat(failures.get(1).getMessage()).contains("truncation#1 (seed 8)");
    }

    @Test
    void aDocumentedErrorCaughtPassesAndEscapingPropagatesUnchanged() {
        Events tests = execute(DocumentedTestCases.class);

        assertThat(tests.succeeded().count()).isEqualTo(2);
        List<Throwable> failures = failures(tests);
        assertThat(failures).hasSize(2).allSatisfy(failure ->
                assertThat(failure).isExactlyInstanceOf(MalformedOrderException.class).hasMessage("bad order"));
    }

    @Test
    void aMissingResourceFailsTheTemplateNamingTheAttributeAndTheFix() {
        Throwable failure = containerFailure(MissingResourceTestCases.class);

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
                "@CorruptedInputTest(resource) names 'corrupted/absent.json', which is not on the class path of"
                        + " MissingResourceTestCases.parses(); put the file under src/test/resources/corrupted/absent.json"
                        + " or correct the path (it is read from the class-path root)");
    }

    @Test
    void anUnsupportedParameterTypeFailsTheTemplateNamingTheFix() {
        Throwable failure = containerFailure(StringParameterTestCases.class);

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
                "@CorruptedInputTest method StringParameterTestCases.parses(class java.lang.String) must declare exactly one"
                        + " parameter of type CorruptedInput, byte[] or InputStream, but declares 0;"
                        + " declare one, like void parses(CorruptedInput input)");
    }

    @Test
    void aVariantCountOutOfRangeFailsTheTemplate() {
        Throwable failure = containerFailure(ZeroVariantsTestCases.class);

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
                "@CorruptedInputTest(variants) must be between 1 and 10000, but was 0 on ZeroVariantsTestCases.parses()");
    }

    private static Events execute(Class<?> fixture) {
        return engine(fixture).testEvents();
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults engine(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(Map.of())
                .selectors(selectClass(fixture))
                .execute();
    }

    private static List<Throwable> failures(Events tests) {
        return tests.failed().stream().map(CorruptedInputTestTests::thrown).toList();
    }

    private static Throwable containerFailure(Class<?> fixture) {
        List<Throwable> failures = engine(fixture).containerEvents().failed().stream()
                .map(CorruptedInputTestTests::thrown).toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    private static Throwable thrown(Event event) {
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    static final class MalformedOrderException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedOrderException() {
            super("bad order");
        }
    }

    static class NamedTestCases {
        static final Map<String, byte[]> seen = new ConcurrentHashMap<>();

        @CorruptedInputTest(resource = "corrupted/order.json", kinds = {BIT_FLIP, TRUNCATION}, variants = 3, seed = 42)
        void parses(CorruptedInput input) {
            seen.put(input.name(), input.bytes());
        }
    }

    static class ReplayTestCases {
        static volatile byte[] seen;

        @CorruptedInputTest(resource = "/corrupted/order.json", kinds = TRUNCATION, variants = 1, seed = 43)
        void parses(CorruptedInput input) {
            seen = input.bytes();
        }
    }

    static class ParameterTypesTestCases {

        @CorruptedInputTest(resource = "corrupted/order.json", kinds = BIT_FLIP, variants = 1, seed = 5)
        void bytes(byte[] input) {
            assertThat(input).isEqualTo(CorruptedInput.of(ORIGINAL, BIT_FLIP, 5, 0).bytes());
        }

        @CorruptedInputTest(resource = "corrupted/order.json", kinds = BIT_FLIP, variants = 1, seed = 5)
        void stream(InputStream input) throws IOException {
            assertThat(input.readAllBytes()).isEqualTo(CorruptedInput.of(ORIGINAL, BIT_FLIP, 5, 0).bytes());
        }
    }

    static class CrashTestCases {

        @CorruptedInputTest(resource = "corrupted/order.json", kinds = {BIT_FLIP, TRUNCATION}, variants = 2, seed = 7,
                documented = MalformedOrderException.class)
        void parses(CorruptedInput input) throws MalformedOrderException {
            Object missing = input.length() < 0 ? new Object() : null;
            missing.hashCode();
            throw new MalformedOrderException();
        }
    }

    static class DocumentedTestCases {

        @CorruptedInputTest(resource = "corrupted/order.json", kinds = TRUNCATION, variants = 2,
                documented = MalformedOrderException.class)
        void catches(CorruptedInput input) {
            try {
                reject(input);
            } catch (MalformedOrderException expected) {
                assertThat(expected).hasMessage("bad order");
            }
        }

        @CorruptedInputTest(resource = "corrupted/order.json", kinds = TRUNCATION, variants = 2,
                documented = MalformedOrderException.class)
        void letsItEscape(CorruptedInput input) throws MalformedOrderException {
            reject(input);
        }

        private static void reject(CorruptedInput input) throws MalformedOrderException {
            throw new MalformedOrderException();
        }
    }

    static class MissingResourceTestCases {

        @CorruptedInputTest(resource = "corrupted/absent.json")
        void parses(CorruptedInput input) {
        }
    }

    static class StringParameterTestCases {

        @CorruptedInputTest(resource = "corrupted/order.json")
        void parses(String input) {
        }
    }

    static class ZeroVariantsTestCases {

        @CorruptedInputTest(resource = "corrupted/order.json", variants = 0)
        void parses(CorruptedInput input) {
        }
    }
}
