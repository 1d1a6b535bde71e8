package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.pressure.PressureControl;
import dev.panicattack.signature.BugClass;

/**
 * Each JUnit Jupiter way of declaring or generating a test gets what its annotations declare:
 * pressure while its body runs (seen as a live burner thread inside the body and in the
 * {@code panic.pressure} report entry) and a diagnosed failure.
 */
class JUnitFeaturesTests {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    @Test
    void eachInvocationOfAParameterizedTestIsATrial() {
        Events tests = execute(ParameterizedTestCases.class, Map.of());

        assertPressuredAndDiagnosed(tests, 2, 2, "cpu 30% |");
    }

    @Test
    void eachRepetitionOfARepeatedTestIsATrial() {
        Events tests = execute(RepeatedTestCases.class, Map.of());

        assertPressuredAndDiagnosed(tests, 2, 2, "cpu 30% |");
    }

    @Test
    void eachDynamicTestOfADeclaredFactoryIsATrial() {
        Events tests = execute(FactoryTestCases.class, Map.of());

        assertPressuredAndDiagnosed(tests, 2, 1, "cpu 30% |");
    }

    @Test
    void aClassAnnotationAppliesToEachOfItsTests() {
        Events tests = execute(ClassLevelTestCases.class, Map.of());

        assertPressuredAndDiagnosed(tests, 1, 1, "cpu 30% |");
    }

    @Test
    void theOuterClassAnnotationAppliesToNestedTestsAndAMethodAnnotationWins() {
        Events tests = execute(OuterTestCases.class, Map.of());

        tests.assertStatistics(stats -> stats.succeeded(2).failed(1));
        assertThat(pressureByTest(tests)).containsOnly(
                Map.entry("inheritsTheOuterClass()", "cpu 30% |"),
                Map.entry("declaresItsOwn()", "heap 20% |"),
                Map.entry("recurses()", "cpu 30% |"));
        assertRecursionDiagnosed(tests, 1);
    }

    @Test
    void anAnnotationOnASuperclassAppliesToTheSubclassTests() {
        Events tests = execute(InheritedFromSuperclassTestCases.class, Map.of());

        assertPressuredAndDiagnosed(tests, 1, 1, "cpu 30% |");
    }

    @Test
    void anAnnotationOnAnInterfaceAppliesToTheImplementingClassTestsAndItsDefaultTestMethods() {
        Events tests = execute(InheritedFromInterfaceTestCases.class, Map.of());

        assertPressuredAndDiagnosed(tests, 2, 1, "cpu 30% |");
    }

    @Test
    void anInheritedTestMethodKeepsItsAnnotationAndAnOverridingOneDeclaresItsOwn() {
        Events tests = execute(OverridingTestCases.class, Map.of());

        tests.assertStatistics(stats -> stats.succeeded(2).failed(0));
        // Java does not inherit method annotations: the override, unannotated, is a plain test.
        assertThat(pressureByTest(tests)).containsOnly(Map.entry("inherited()", "cpu 30% |"));
    }

    @Test
    void aFactoryTakingAPressureControlIsRejectedBeforeItRuns() {
        Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InCodeFactoryTestCases.class))
                .execute().allEvents();

        Throwable failure = all.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow()).findFirst().orElseThrow();
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@PressureInCode gives a PressureControl to one test, but the dynamic tests of the"
                        + " @TestFactory InCodeFactoryTestCases.changesPressure() are each a test of their own: take"
                        + " the PressureControl in a @Test, @ParameterizedTest or @RepeatedTest method instead");
        assertThat(InCodeFactoryTestCases.invoked).isFalse();
        all.assertStatistics(stats -> stats.dynamicallyRegistered(0));
    }

    @Test
    void eachInvocationOfAParameterizedTestGetsAControlOfItsOwn() {
        Events tests = execute(InCodeParameterizedTestCases.class, Map.of());

        tests.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(InCodeParameterizedTestCases.controls).hasSize(2).doesNotHaveDuplicates();
        assertThat(tests.reportingEntryPublished().stream().map(JUnitFeaturesTests::entry)
                .filter(entry -> entry.containsKey(PressureInCode.REPORT_ENTRY))).hasSize(2);
    }

    @Test
    void aUserAnnotationCarryingADeclarationAppliesOnMethodsAndClasses() {
        Events onMethods = execute(MetaAnnotatedMethodTestCases.class, Map.of());
        assertPressuredAndDiagnosed(onMethods, 1, 1, "cpu 30% |");

        Events onClass = execute(MetaAnnotatedClassTestCases.class, Map.of());
        assertPressuredAndDiagnosed(onClass, 1, 1, "cpu 30% |");

        Events carryingASet = execute(MetaAnnotatedSetTestCases.class, Map.of());
        assertPressuredAndDiagnosed(carryingASet, 1, 1, "gentle-cpu (cpu 40%) |");
    }

    @Test
    void aRunWideSetPressesEachDynamicTestAndEachParameterizedInvocation() {
        Map<String, String> runWide = Map.of(AUTODETECTION, "true",
                PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, "gentle-cpu");

        Events factory = execute(PlainFactoryTestCases.class, runWide);
        assertPressuredAndDiagnosed(factory, 2, 1, "gentle-cpu (cpu 40%) |");

        Events parameterized = execute(PlainParameterizedTestCases.class, runWide);
        assertPressuredAndDiagnosed(parameterized, 2, 1, "gentle-cpu (cpu 40%) |");
    }

    /** Passing tests saw a burner in their body; every test has its pressure entry; failures are diagnosed. */
    private static void assertPressuredAndDiagnosed(Events tests, int passing, int recursing, String entryStart) {
        tests.assertStatistics(stats -> stats.succeeded(passing).failed(recursing));
        assertThat(pressureByTest(tests)).hasSize(passing + recursing)
                .allSatisfy((test, entry) -> assertThat(entry).as(test).isEqualTo(entryStart));
        assertRecursionDiagnosed(tests, recursing);
    }

    private static void assertRecursionDiagnosed(Events tests, int recursing) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow()).toList();
        assertThat(failures).hasSize(recursing).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(PanicSignatureError.class);
            assertThat(((PanicSignatureError) failure).bugClass()).isEqualTo(BugClass.UNBOUNDED_RECURSION);
        });
    }

    /** Each test's {@code panic.pressure} entry, cut after the plan, by the test's reporting name (such as {@code pressed()[1]}). */
    private static Map<String, String> pressureByTest(Events tests) {
        return tests.reportingEntryPublished().stream()
                .filter(event -> entry(event).containsKey(PanicConfiguration.PRESSURE_REPORT_ENTRY))
                .collect(Collectors.toMap(event -> event.getTestDescriptor().getLegacyReportingName(),
                        event -> plan(entry(event).get(PanicConfiguration.PRESSURE_REPORT_ENTRY)),
                        (first, second) -> first + " and " + second));
    }

    private static Map<String, String> entry(Event event) {
        return event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs();
    }

    private static String plan(String entry) {
        return entry.substring(0, entry.indexOf('|') + 1);
    }

    private static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    /** Inside a pressed body: the CPU burners run. */
    static void assertBurning() {
        assertThat(PanicThreads.alive()).anyMatch(name -> name.startsWith("panic-cpu-burner-"));
    }

    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    static class ParameterizedTestCases {

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        @UnderPressure(cpu = 30)
        void pressed(int value) {
            assertBurning();
            assertThat(value).isPositive();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        @UnderPressure(cpu = 30)
        void recurses(int depth) {
            recurse(depth);
        }
    }

    static class RepeatedTestCases {

        @RepeatedTest(2)
        @UnderPressure(cpu = 30)
        void pressed() {
            assertBurning();
        }

        @RepeatedTest(2)
        @UnderPressure(cpu = 30)
        void recurses() {
            recurse(0);
        }
    }

    static class FactoryTestCases {

        @TestFactory
        @UnderPressure(cpu = 30)
        Stream<DynamicTest> pressed() {
            return Stream.of(
                    dynamicTest("first", JUnitFeaturesTests::assertBurning),
                    dynamicTest("second", JUnitFeaturesTests::assertBurning),
                    dynamicTest("recurses", () -> recurse(0)));
        }
    }

    @UnderPressure(cpu = 30)
    static class ClassLevelTestCases {

        @Test
        void pressed() {
            assertBurning();
        }

        @Test
        void recurses() {
            recurse(0);
        }
    }

    @UnderPressure(cpu = 30)
    static class OuterTestCases {

        @Nested
        class Inner {

            @Test
            void inheritsTheOuterClass() {
                assertBurning();
            }

            @Test
            @UnderPressure(memory = 20)
            void declaresItsOwn() {
                assertThat(PanicThreads.alive()).noneMatch(name -> name.startsWith("panic-cpu-burner-"));
            }

            @Test
            void recurses() {
                recurse(0);
            }
        }
    }

    @UnderPressure(cpu = 30)
    abstract static class PressedBase {
    }

    static class InheritedFromSuperclassTestCases extends PressedBase {

        @Test
        void pressed() {
            assertBurning();
        }

        @Test
        void recurses() {
            recurse(0);
        }
    }

    @UnderPressure(cpu = 30)
    interface PressedContract {

        @Test
        default void fromTheInterface() {
            assertBurning();
        }
    }

    static class InheritedFromInterfaceTestCases implements PressedContract {

        @Test
        void pressed() {
            assertBurning();
        }

        @Test
        void recurses() {
            recurse(0);
        }
    }

    abstract static class PressedMethodsBase {

        @Test
        @UnderPressure(cpu = 30)
        void inherited() {
            assertBurning();
        }

        @Test
        @UnderPressure(cpu = 30)
        void overridden() {
            assertBurning();
        }
    }

    static class OverridingTestCases extends PressedMethodsBase {

        @Override
        @Test
        void overridden() {
            assertThat(PanicThreads.alive()).noneMatch(name -> name.startsWith("panic-cpu-burner-"));
        }
    }

    static class InCodeFactoryTestCases {
        static final AtomicBoolean invoked = new AtomicBoolean();

        @TestFactory
        @PressureInCode
        Stream<DynamicTest> changesPressure(PressureControl pressure) {
            invoked.set(true);
            return Stream.of(dynamicTest("heats", () -> pressure.set("cpu", 30)));
        }
    }

    static class InCodeParameterizedTestCases {
        static final List<Object> controls = new CopyOnWriteArrayList<>();

        @ParameterizedTest
        @ValueSource(ints = {20, 30})
        @PressureInCode
        void changesPressure(int cpu, PressureControl pressure) {
            controls.add(pressure);
            pressure.set("cpu", cpu);
        }
    }

    /** A team's own annotation for "a hot machine". */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @UnderPressure(cpu = 30)
    @interface OnAHotMachine {
    }

    static class MetaAnnotatedMethodTestCases {

        @Test
        @OnAHotMachine
        void pressed() {
            assertBurning();
        }

        @Test
        @OnAHotMachine
        void recurses() {
            recurse(0);
        }
    }

    @OnAHotMachine
    static class MetaAnnotatedClassTestCases {

        @Test
        void pressed() {
            assertBurning();
        }

        @Test
        void recurses() {
            recurse(0);
        }
    }

    /** A team's own annotation for "the CI machine's usual load". */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ConstraintSet("gentle-cpu")
    @interface UnderUsualLoad {
    }

    @UnderUsualLoad
    static class MetaAnnotatedSetTestCases {

        @Test
        void pressed() {
            assertBurning();
        }

        @Test
        void recurses() {
            recurse(0);
        }
    }

    static class PlainFactoryTestCases {

        @TestFactory
        Stream<DynamicTest> pressed() {
            return Stream.of(
                    dynamicTest("first", JUnitFeaturesTests::assertBurning),
                    dynamicTest("second", JUnitFeaturesTests::assertBurning),
                    dynamicTest("recurses", () -> recurse(0)));
        }
    }

    static class PlainParameterizedTestCases {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void pressed(int value) {
            if (value == 3) {
                recurse(0);
            }
            assertBurning();
        }
    }
}
