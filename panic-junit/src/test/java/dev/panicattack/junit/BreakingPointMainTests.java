package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The command line of a search: exit code 1 and the summary when the bound is violated, 2 and a message
 * naming the value and the fix for bad input, before any trial, 3 when a budget stops the search.
 */
class BreakingPointMainTests {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path reports;

    @Test
    void aViolatedBoundExitsWithOneAndPrintsTheSummaryAndTheLevels() {
        Run run = run("--test", AlwaysFailingTestCases.class.getName() + "#run", "--axis", "concurrency.contenders",
                "--from", "0", "--to", "8", "--require-above", "4", "--reports", reports.toString());

        assertThat(run.code()).as("%s", run).isEqualTo(BreakingPointMain.VIOLATED);
        assertThat(run.out().lines().findFirst().orElseThrow()).isEqualTo(
                "breaking point: below contenders 0 (fails at the start of the range); at 0: UNCLASSIFIED");
        assertThat(run.out()).contains("\nlevel ")
                .contains("\nreport: " + reports.resolve("breaking-point-BreakingPointMainTests.AlwaysFailingTestCases.run.html"));
        assertThat(reports.resolve("breaking-point-BreakingPointMainTests.AlwaysFailingTestCases.run.html")).isRegularFile();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aTestWhoseOwnDeclarationIsInvalidExitsWithTwo() {
        Run run = run("--test", InvalidDeclarationTestCases.class.getName() + "#run", "--axis", "cpu.load", "--from", "0",
                "--to", "100", "--reports", reports.toString());

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).isEqualTo("the test " + InvalidDeclarationTestCases.class.getName() + "#run cannot run"
                + " under cpu 0%: @UnderPressure(cpu) must be between 0 and 100 (percent), but was 150 on"
                + " InvalidDeclarationTestCases.run()\n");
    }

    @Test
    void aSearchStoppedByItsTrialBudgetExitsWithThree() {
        Run run = run("--test", PassingTestCases.class.getName() + "#run", "--axis", "concurrency.contenders",
                "--from", "0", "--to", "8", "--max-trials", "2", "--reports", reports.toString());

        assertThat(run.code()).as("%s", run).isEqualTo(BreakingPointMain.UNDECIDED);
        assertThat(run.out().lines().findFirst().orElseThrow())
                .startsWith("breaking point undecided (trial budget of 2 spent): ");
    }

    @Test
    void anUnknownAxisExitsWithTwo() {
        Run run = run("--test", AlwaysFailingTestCases.class.getName() + "#run", "--axis", "cpu.heat", "--from", "0",
                "--to", "8");

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).isEqualTo("unknown breaking-point axis 'cpu.heat'; use one of cpu.load, memory.heap,"
                + " memory.leakRate, jvm.maxHeap, network.latency, network.loss, disk.fill, disk.latency,"
                + " concurrency.contenders, time.skew\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anInvertedRangeNamesTheOption() {
        Run run = run("--test", AlwaysFailingTestCases.class.getName() + "#run", "--axis", "cpu.load", "--from", "80",
                "--to", "20");

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).isEqualTo("--from must be below to, but the range 80 to 20 of cpu.load is inverted;"
                + " swap from and to\n");
    }

    @Test
    void aBoundOfTheWrongDirectionNamesTheOptionToUse() {
        Run run = run("--test", AlwaysFailingTestCases.class.getName() + "#run", "--axis", "cpu.load", "--from", "0",
                "--to", "100", "--require-below", "70");

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).isEqualTo("--require-below does not apply to cpu.load, which breaks as the level rises,"
                + " but was 70; use --require-above 70 for a test that must keep passing up to that level\n");
    }

    @Test
    void aSelectorThatMatchesNoTestExitsWithTwoBeforeAnyTrial() {
        Run run = run("--test", AlwaysFailingTestCases.class.getName() + "#absent", "--axis", "cpu.load", "--from", "0",
                "--to", "100");

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).startsWith("the test " + AlwaysFailingTestCases.class.getName() + "#absent matches no test");
    }

    @Test
    void aMissingRangeEndSaysWhatIsMissing() {
        Run run = run("--test", "OrderServiceTest#checkout", "--axis", "cpu.load", "--from", "0");

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).startsWith("--to is missing; usage: BreakingPointMain --test <Class#method>");
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        Run run = run("--test", "OrderServiceTest#checkout", "--axis", "cpu.load", "--from", "zero", "--to", "100");

        assertThat(run.code()).isEqualTo(BreakingPointMain.BAD_INPUT);
        assertThat(run.err()).isEqualTo("--from must be a number, but was 'zero'; for example --from 100\n");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of(args));
        int code = BreakingPointMain.run(arguments.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }

    static class PassingTestCases {
        @Test
        void run() {
        }
    }

    static class InvalidDeclarationTestCases {
        @Test
        @UnderPressure(cpu = 150)
        void run() {
        }
    }

    static class AlwaysFailingTestCases {
        @Test
        void run() {
            throw new IllegalStateException("fails at every level");
        }
    }
}
