package dev.panicattack.junit.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.PanicConfiguration;
import dev.panicattack.untransformable.HugeClass;
import dev.panicattack.signature.BugClass;

/** Probes through the engine: what they record, that they are reset on every path, and misuse. */
class ProbeTests {

    private static final String LIBRARY = Library.class.getName();
    private static final List<String> HOOKS = List.of("dev.panicattack.probe.methods", "dev.panicattack.probe.catches",
            "dev.panicattack.probe.resources", "dev.panicattack.probe.executors");

    @Test
    void probesCountEveryCallOfTheSubject() {
        Events tests = execute(CountingTestCases.class, Map.of());

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(reportFacts(tests)).contains("{\"p\": \"probe_subject\", \"v\": [\"" + LIBRARY + "\"]}")
                .contains("{\"p\": \"probe_call\", \"v\": [\"" + LIBRARY + ".square\", 3, ");
        assertUnadvised();
    }

    @Test
    void theDefaultSubjectIsTheTestClassPackage() {
        Events tests = execute(DefaultSubjectTestCases.class, Map.of(PanicConfiguration.PROBES_ENABLED_PROPERTY_NAME, "true"));

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(reportFacts(tests)).contains("{\"p\": \"probe_subject\", \"v\": [\"dev.panicattack.junit.probes\"]}")
                .contains("{\"p\": \"probe_call\", \"v\": [\"" + LIBRARY + ".square\", 2, ")
                .contains("{\"p\": \"probe_call\", \"v\": [\"" + DefaultSubjectTestCases.class.getName() + ".run\", 1, ");
        assertUnadvised();
    }

    @Test
    void aFailingTestStillResetsEveryTransformation() {
        Events tests = execute(FailingTestCases.class, Map.of());

        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(failure(tests)).isExactlyInstanceOf(AssertionError.class).hasMessage("fails after calling the subject");
        assertUnadvised();
    }

    @Test
    void probesCanBeSwitchedOffForTheRun() {
        Events tests = execute(CountingTestCases.class, Map.of(PanicConfiguration.PROBES_ENABLED_PROPERTY_NAME, "false"));

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(reportFacts(tests)).doesNotContain("probe_");
    }

    @Test
    void aSubjectThatNamesNoLoadableClassFailsBeforeTheTestStarts() {
        Events tests = execute(BadSubjectTestCases.class, Map.of());

        assertThat(failure(tests)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@Diagnose(subject) names 'com.acme.nowhere', which is neither a loadable class nor a package"
                        + " with classes on the test's class path, on BadSubjectTestCases.run(); check the spelling, or"
                        + " name a class (com.acme.orders.OrderService) or a package (com.acme.orders)");
        assertThat(BadSubjectTestCases.ran).hasValue(0);
    }

    @Test
    void aClassThatCannotBeTransformedFailsTheTestLoudlyAndNothingStaysInstalled() throws Exception {
        HugeClass.define();
        Events tests = execute(UntransformableTestCases.class, Map.of());

        assertThat(failure(tests)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("panic-attack could not instrument " + HugeClass.NAME + " for the probes of subject "
                        + HugeClass.NAME + ": ")
                .hasMessageEndingWith("; leave the class out of the subject (name narrower classes or packages)");
        assertThat(UntransformableTestCases.ran).hasValue(0);
        assertThat(System.getProperties()).doesNotContainKeys(HOOKS.toArray());
    }

    /** No hook is published, and one published now sees no call: the subject's advice is gone. */
    private static void assertUnadvised() {
        assertThat(System.getProperties()).doesNotContainKeys(HOOKS.toArray());
        AtomicInteger calls = new AtomicInteger();
        IntFunction<Object> counting = id -> {
            calls.incrementAndGet();
            return null;
        };
        System.getProperties().put(HOOKS.get(0), counting);
        try {
            Library.square(5);
        } finally {
            System.getProperties().remove(HOOKS.get(0), counting);
        }
        assertThat(calls).hasValue(0);
    }

    static Events execute(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    static Throwable failure(Events tests) {
        List<Throwable> failures = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    /** The JSON report next to the HTML one the test published. */
    static String reportFacts(Events tests) {
        String html = tests.filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(entries -> entries.containsKey(PanicConfiguration.REPORT_ENTRY))
                .map(entries -> entries.get(PanicConfiguration.REPORT_ENTRY))
                .findFirst().orElseThrow();
        try {
            return Files.readString(Path.of(html.replaceAll("\\.html$", ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // failOn makes a passing test judged, so its report (and its facts) is written.
    @Diagnose(subject = "dev.panicattack.junit.probes.Library", failOn = BugClass.RESOURCE_LEAK)
    static class CountingTestCases {
        @Test
        void run() {
            for (int i = 0; i < 3; i++) {
                Library.square(i);
            }
        }
    }

    @Diagnose(failOn = BugClass.RESOURCE_LEAK)
    static class DefaultSubjectTestCases {
        @Test
        void run() {
            Library.square(1);
            Library.square(2);
        }
    }

    @Diagnose(subject = "dev.panicattack.junit.probes.Library")
    static class FailingTestCases {
        @Test
        void run() {
            Library.square(1);
            throw new AssertionError("fails after calling the subject");
        }
    }

    @Diagnose(subject = "com.acme.nowhere")
    static class BadSubjectTestCases {
        static final AtomicInteger ran = new AtomicInteger();

        @Test
        void run() {
            ran.incrementAndGet();
        }
    }

    @Diagnose(subject = HugeClass.NAME)
    static class UntransformableTestCases {
        static final AtomicInteger ran = new AtomicInteger();

        @Test
        void run() {
            ran.incrementAndGet();
        }
    }
}
