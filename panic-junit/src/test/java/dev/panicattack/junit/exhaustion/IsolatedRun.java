package dev.panicattack.junit.exhaustion;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.panicattack.junit.PanicConfiguration;

/**
 * The main of a child JVM: runs fixture classes, in the order given, as one JUnit Platform run, and
 * then prints one tab-separated line per finished test and per published report entry:
 * {@code test <Class#method> <status> <throwable class> <message>} and
 * {@code entry <Class#method> <key> <value>}, newlines in messages written as {@code \n}, and
 * {@code end} last. Nothing is printed while the tests run (whatever they exhaust, printing may need):
 * the listener only keeps what it is told.
 *
 * <p>Arguments: the report directory, then the fixture classes' names.
 */
public final class IsolatedRun {

    private IsolatedRun() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        List<ClassSelector> fixtures = new ArrayList<>();
        for (String name : List.of(args).subList(1, args.length)) {
            fixtures.add(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(fixtures)
                .configurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, args[0])
                // The evidence that matters here comes from the JVM sensor; a Flight Recorder stream costs seconds.
                .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .build();
        Results results = new Results();
        LauncherFactory.create().execute(request, results);
        results.print();
        System.out.println("end");
    }

    /** What the run did, kept as plain strings until it is over. */
    private static final class Results implements TestExecutionListener {

        private final List<String> lines = new ArrayList<>(64);

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                Throwable thrown = result.getThrowable().orElse(null);
                lines.add(String.join("\t", "test", name(test), result.getStatus().name(),
                        thrown == null ? "" : thrown.getClass().getName(),
                        thrown == null || thrown.getMessage() == null ? "" : oneLine(thrown.getMessage())));
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> lines.add(String.join("\t", "entry", name(test), key,
                    oneLine(value))));
        }

        private static String name(TestIdentifier test) {
            MethodSource method = (MethodSource) test.getSource().orElseThrow();
            String className = method.getClassName();
            return className.substring(className.lastIndexOf('$') + 1) + "#" + method.getMethodName();
        }

        private static String oneLine(String text) {
            return text.replace('\t', ' ').replace("\r", "").replace("\n", "\\n");
        }

        void print() {
            lines.forEach(System.out::println);
        }
    }
}
