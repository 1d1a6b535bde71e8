package dev.panicattack.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs test classes through the JUnit Platform, as a build would, timing each test. */
final class LauncherRun {

    private LauncherRun() {
    }

    /** One finished test: its name, when it started and finished (nanoTime), and its failure if any. */
    record Finished(String name, long startNanos, long endNanos, Optional<Throwable> failure) {

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    /** The tests run, and the wall time of the whole run. */
    record Outcome(List<Finished> tests, long wallNanos) {
    }

    static Outcome run(Map<String, String> configuration, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameters(configuration);
        for (Class<?> type : classes) {
            request.selectors(selectClass(type));
        }
        List<Finished> finished = new ArrayList<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        TestExecutionListener timing = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                if (test.isTest()) {
                    started.put(test.getUniqueId(), System.nanoTime());
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    long end = System.nanoTime();
                    synchronized (finished) {
                        finished.add(new Finished(test.getDisplayName(), started.getOrDefault(test.getUniqueId(), end),
                                end, result.getThrowable()));
                    }
                }
            }
        };
        long start = System.nanoTime();
        LauncherFactory.create().execute(request.build(), timing);
        return new Outcome(List.copyOf(finished), System.nanoTime() - start);
    }
}
