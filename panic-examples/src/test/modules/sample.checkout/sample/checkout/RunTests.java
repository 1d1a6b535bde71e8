package sample.checkout;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs CheckoutTest through the JUnit Platform and prints one line per test: its name, status and
 * the first line of its failure's message.
 */
public final class RunTests {

    private RunTests() {
    }

    public static void main(String[] args) {
        TestExecutionListener printer = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    String message = result.getThrowable().map(Throwable::getMessage)
                            .map(text -> text.lines().findFirst().orElse("")).orElse("");
                    System.out.println("test\t" + test.getDisplayName() + "\t" + result.getStatus() + "\t" + message);
                }
            }
        };
        LauncherFactory.create().execute(request().selectors(selectClass(CheckoutTest.class)).build(), printer);
        System.out.println("end");
        // The deadlocked tellers are daemons: the JVM ends once the run is over.
    }
}
