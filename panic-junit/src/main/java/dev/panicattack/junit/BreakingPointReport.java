package dev.panicattack.junit;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.report.BreakingPointPage;
import dev.panicattack.report.ReportFiles;
import dev.panicattack.report.RunIndex;
import dev.panicattack.report.TrialReport;

/**
 * Where one search's report goes: its page and JSON in the reports directory, linked from the run's
 * index, and the reports of its trials in a directory of their own beside them
 * ({@code breaking-point-<test>-trials/}), so that the trials' runs do not replace the run's index.
 *
 * @param directory the reports directory
 * @param testName  the test as people read it: {@code OrderServiceTest.checkout}
 */
record BreakingPointReport(Path directory, String testName) {

    /**
     * {@code com.example.OrderServiceTest} and {@code checkout} as {@code OrderServiceTest.checkout}, a
     * nested class as {@code Outer.Inner}, as the trial reports name them.
     */
    static BreakingPointReport of(Path directory, TestSelection selection) {
        String className = selection.className();
        return new BreakingPointReport(directory, className.substring(className.lastIndexOf('.') + 1).replace('$', '.')
                + "." + selection.methodName());
    }

    /** Where the trials write their reports. */
    Path trialsDirectory() {
        return directory.resolve(BreakingPointPage.baseName(testName) + "-trials");
    }

    /**
     * Writes the page and the JSON.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    ReportFiles write(BreakingPointResult result) {
        return BreakingPointPage.to(directory).write(testName, result);
    }

    /**
     * Writes the page and the JSON, then the run's index with {@code runReports} and every breaking-point
     * page in the directory.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    ReportFiles writeInRun(BreakingPointResult result, List<TrialReport> runReports) {
        ReportFiles files = write(result);
        new RunIndex().write(directory, runReports);
        return files;
    }
}
