package dev.panicattack.junit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.panicattack.pressure.memory.BallastLimit;

/**
 * Prints one line per test that ran under pressure (outcome, test, plan, target versus achieved)
 * when the run ends, if {@value PanicConfiguration#SUMMARY_PROPERTY_NAME} is {@code true}. Registered
 * through {@code META-INF/services}; silent otherwise. Whatever the summary setting, when the heap
 * ballast of any test was limited because the heap size was not set ({@link BallastLimit}), it prints
 * one warning on standard error naming the fix. Not API.
 */
public final class PressureSummaryListener implements TestExecutionListener {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> summaryByTest = new HashMap<>();
    private final List<String> lines = new ArrayList<>();
    private boolean enabled;
    private int limitedTests;

    public PressureSummaryListener() {
        this(System.out);
    }

    PressureSummaryListener(PrintStream out) {
        this(out, System.err);
    }

    PressureSummaryListener(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        enabled = testPlan.getConfigurationParameters()
                .getBoolean(PanicConfiguration.SUMMARY_PROPERTY_NAME).orElse(false);
        summaryByTest.clear();
        lines.clear();
        limitedTests = 0;
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        String summary = entry.getKeyValuePairs().get(PanicConfiguration.PRESSURE_REPORT_ENTRY);
        if (summary != null) {
            summaryByTest.put(test.getUniqueId(), summary);
            if (summary.contains(BallastLimit.SUMMARY_NOTE)) {
                limitedTests++;
            }
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String summary = summaryByTest.remove(test.getUniqueId());
        if (summary != null) {
            lines.add(String.format("  %-10s %s  %s", result.getStatus(), test.getLegacyReportingName(), summary));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (enabled && !lines.isEmpty()) {
            out.println("panic-attack: pressure applied per test (outcome, test, plan | target vs achieved)");
            lines.forEach(out::println);
            out.flush();
        }
        if (limitedTests > 0) {
            err.println(BallastLimit.warning(limitedTests));
            err.flush();
        }
    }
}
