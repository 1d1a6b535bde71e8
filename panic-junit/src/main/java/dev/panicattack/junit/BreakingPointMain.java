package dev.panicattack.junit;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.BreakingPointSearch;
import dev.panicattack.breakingpoint.SearchSettings;
import dev.panicattack.constraint.DurationText;
import dev.panicattack.report.ReportWriter;

/**
 * Finds the breaking point of one test from the command line, as the Maven goal does:
 *
 * <pre>
 * java -cp &lt;test class path&gt; dev.panicattack.junit.BreakingPointMain --test &lt;Class#method&gt;
 *     --axis &lt;key&gt; --from &lt;n&gt; --to &lt;n&gt; [--resolution n] [--require-above n | --require-below n]
 *     [--max-trials n] [--budget 10m] [--reports &lt;dir&gt;]
 * </pre>
 *
 * Prints the summary, the table of levels tried and where the report page was written (the reports
 * directory defaults to {@code target/panic-reports}; the page is not added to an index there, which
 * belongs to the test run that wrote it). Exit codes: 0 decided and no bound violated; 1
 * {@code --require-above} or {@code --require-below} violated; 2 bad input (the message on stderr names
 * the value and the fix; no trial ran), or a test a trial showed cannot be searched (its own declaration is invalid, or it was
 * aborted); 3 undecided within the budget. See {@code docs/breaking-points.md}.
 */
public final class BreakingPointMain {

    static final int DECIDED = 0;
    static final int VIOLATED = 1;
    static final int BAD_INPUT = 2;
    static final int UNDECIDED = 3;

    private static final String USAGE = "usage: BreakingPointMain --test <Class#method> --axis <key> --from <n> --to <n>"
            + " [--resolution n] [--require-above n | --require-below n] [--max-trials n] [--budget 10m] [--reports <dir>]";

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--test", "--axis", "--from", "--to",
            "--resolution", "--require-above", "--require-below", "--max-trials", "--budget", "--reports");

    private BreakingPointMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the search {@code args} describe, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        SearchSettings settings;
        TestSelection selection;
        try {
            options = options(args);
            selection = TestSelection.parse(required(options, "--test"));
            settings = settings(options);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        BreakingPointReport report = BreakingPointReport.of(Optional.ofNullable(options.get("--reports")).map(Path::of)
                .orElse(ReportWriter.DEFAULT_DIRECTORY), selection);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, report.trialsDirectory().toString());
        LauncherLevelTrials trials;
        try {
            trials = LauncherLevelTrials.of(selection, parameters, Optional.of(Instant.now().plus(settings.wallBudget())));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        BreakingPointResult result;
        try {
            result = BreakingPointSearch.of(settings).run(trials);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A trial showed the test cannot be searched at all (its own declaration is invalid, an assumption aborts it).
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        if (trials.deadlinePassed()) {
            Thread.interrupted();
        }
        out.println(result.summary());
        out.println();
        out.println(result.levelTable());
        try {
            out.println("report: " + report.write(result).html());
        } catch (UncheckedIOException e) {
            out.println("report: not written (" + e.getMessage() + ")");
        }
        if (result.violates()) {
            return VIOLATED;
        }
        return result.status() == BreakingPointResult.Status.UNDECIDED ? UNDECIDED : DECIDED;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + name + "'; " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            if (options.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException(name + " is given twice; give it once");
            }
        }
        return options;
    }

    private static SearchSettings settings(Map<String, String> options) {
        BreakingAxis axis = BreakingAxis.parse(required(options, "--axis"));
        SearchSettings.Builder builder = SearchSettings.builder(axis, number(options, "--from").orElseThrow(),
                number(options, "--to").orElseThrow());
        number(options, "--resolution").ifPresent(builder::resolution);
        number(options, "--require-above").ifPresent(builder::requireAbove);
        number(options, "--require-below").ifPresent(builder::requireBelow);
        number(options, "--max-trials").ifPresent(trials -> {
            if (trials != Math.rint(trials)) {
                throw new IllegalArgumentException("--max-trials must be a whole number, but was '"
                        + options.get("--max-trials") + "'; for example --max-trials 100");
            }
            builder.maxTrials((int) Math.min(Integer.MAX_VALUE, trials));
        });
        Optional.ofNullable(options.get("--budget")).ifPresent(text -> {
            try {
                builder.wallBudget(DurationText.parse(text, false));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--budget " + e.getMessage() + "; write it like 30s, 5m or 1h", e);
            }
        });
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option(e.getMessage()), e);
        }
    }

    /** {@code requireAbove must be ...} as {@code --require-above must be ...}: the settings name the option first. */
    private static String option(String message) {
        int space = message.indexOf(' ');
        String setting = space < 0 ? message : message.substring(0, space);
        String option = switch (setting) {
            case "from" -> "--from";
            case "to" -> "--to";
            case "resolution" -> "--resolution";
            case "requireAbove" -> "--require-above";
            case "requireBelow" -> "--require-below";
            case "maxTrials" -> "--max-trials";
            case "wallBudget" -> "--budget";
            default -> setting;
        };
        // the bound's refusal names the other bound as its fix
        return option + (space < 0 ? "" : message.substring(space).replace("use requireBelow ", "use --require-below ")
                .replace("use requireAbove ", "use --require-above "));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing; " + USAGE);
        }
        return value;
    }

    private static Optional<Double> number(Map<String, String> options, String name) {
        String text = name.equals("--from") || name.equals("--to") ? required(options, name) : options.get(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, but was '" + text + "'; for example " + name
                    + " 100", e);
        }
    }
}
