package dev.panicattack.junit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.panicattack.breakingpoint.TrialOutcome;

/**
 * The main of a forked breaking-point trial: runs one test once under one level and writes the outcome
 * to a file for the parent to read ({@link TrialOutcomeFile}). Started by the search, not by users.
 *
 * <p>Arguments: {@code --test <Class#method> --level <axis key>=<value> --outcome <file>
 * [--parameter <key>=<value>]...}. Exit code 0 when the outcome was written (whether the test passed or
 * not), 2 on bad arguments or a selection that matches no single test (the message is on stderr).
 */
public final class BreakingPointTrialMain {

    private BreakingPointTrialMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        String test = null;
        String level = null;
        Path outcome = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--test" -> test = args[i + 1];
                case "--level" -> level = args[i + 1];
                case "--outcome" -> outcome = Path.of(args[i + 1]);
                case "--parameter" -> {
                    String[] pair = args[i + 1].split("=", 2);
                    parameters.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
                default -> exit("unknown argument " + args[i]);
            }
        }
        if (test == null || level == null || outcome == null || args.length % 2 != 0) {
            exit("usage: --test <Class#method> --level <axis key>=<value> --outcome <file> [--parameter <key>=<value>]...");
        }
        try {
            LevelParameter parsed = LevelParameter.parse(level);
            LauncherLevelTrials trials = LauncherLevelTrials.of(TestSelection.parse(test), parameters, Optional.empty());
            TrialOutcome result = trials.runInProcess(parsed.level());
            TrialOutcomeFile.write(outcome, result);
        } catch (IllegalArgumentException | org.junit.jupiter.api.extension.ExtensionConfigurationException e) {
            exit(e.getMessage());
        }
        System.exit(0);
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
