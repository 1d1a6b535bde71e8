package dev.panicattack.junit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.panicattack.corruption.CorruptedInput;
import dev.panicattack.evidence.Fact;

/**
 * Provides one invocation per corrupted variant declared by {@link CorruptedInputTest}: validates the
 * declaration and reads the resource before any invocation runs, resolves the variant as a parameter,
 * and declares its facts to the trial. Holds no state of its own.
 */
final class CorruptedInputExtension implements TestTemplateInvocationContextProvider {

    private static final Set<Class<?>> INPUT_TYPES = Set.of(CorruptedInput.class, byte[].class, InputStream.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), CorruptedInputTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        CorruptedInputTest declaration = AnnotationSupport.findAnnotation(method, CorruptedInputTest.class).orElseThrow();
        String where = context.getRequiredTestClass().getSimpleName() + "." + method.getName() + "()";
        validate(declaration, method, where);
        byte[] original = read(declaration.resource(), context.getRequiredTestClass(), where);
        List<Fact> documented = Arrays.stream(declaration.documented())
                .map(type -> Fact.of("documented_error", type.getName())).toList();
        return CorruptedInput.variants(original, List.of(declaration.kinds()), declaration.variants(), declaration.seed())
                .stream().map(input -> new Variant(input, documented));
    }

    private static void validate(CorruptedInputTest declaration, Method method, String where) {
        if (declaration.resource().isBlank()) {
            throw new ExtensionConfigurationException("@CorruptedInputTest(resource) must name a class-path resource, but was '"
                    + declaration.resource() + "' on " + where + "; write it like resource = \"orders/order.json\"");
        }
        if (declaration.kinds().length == 0) {
            throw new ExtensionConfigurationException("@CorruptedInputTest(kinds) must name at least one kind, but was {} on "
                    + where + "; leave it out for all kinds or name some, like kinds = {BIT_FLIP, TRUNCATION}");
        }
        if (declaration.variants() < 1 || declaration.variants() > CorruptedInput.MAX_VARIANTS) {
            throw new ExtensionConfigurationException("@CorruptedInputTest(variants) must be between 1 and "
                    + CorruptedInput.MAX_VARIANTS + ", but was " + declaration.variants() + " on " + where);
        }
        long inputs = Arrays.stream(method.getParameters()).map(Parameter::getType).filter(INPUT_TYPES::contains).count();
        if (inputs != 1) {
            throw new ExtensionConfigurationException("@CorruptedInputTest method " + where.replace("()", "")
                    + Arrays.toString(method.getParameterTypes()).replace('[', '(').replace(']', ')')
                    + " must declare exactly one parameter of type CorruptedInput, byte[] or InputStream, but declares "
                    + inputs + "; declare one, like void parses(CorruptedInput input)");
        }
    }

    private static byte[] read(String resource, Class<?> testClass, String where) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = testClass.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ExtensionConfigurationException("@CorruptedInputTest(resource) names '" + resource
                        + "', which is not on the class path of " + where + "; put the file under src/test/resources/"
                        + path + " or correct the path (it is read from the class-path root)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read @CorruptedInputTest(resource) '" + resource + "' on " + where, e);
        }
    }

    /** One invocation: its name, and the extension that hands over its input and declares its facts. */
    private record Variant(CorruptedInput input, List<Fact> documented) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return input.name();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            List<Fact> facts = new ArrayList<>(documented);
            facts.add(Fact.of("input_corrupted", input.name(), input.kind(), input.seed()));
            return List.of(new VariantInput(input, List.copyOf(facts)));
        }
    }

    private record VariantInput(CorruptedInput input, List<Fact> facts) implements ParameterResolver, BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            DeclaredFacts.declare(context, facts);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return INPUT_TYPES.contains(parameter.getParameter().getType());
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            if (type == CorruptedInput.class) {
                return input;
            }
            return type == byte[].class ? input.bytes() : new ByteArrayInputStream(input.bytes());
        }
    }
}
