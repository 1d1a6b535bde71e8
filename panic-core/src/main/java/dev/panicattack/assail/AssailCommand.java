package dev.panicattack.assail;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code java -cp ... dev.panicattack.assail.AssailCommand [--sarif out.sarif] PATH}.
 * Prints one finding per line ({@code CATEGORY class.method:line detail [axes]}) and a summary line;
 * exit status 0 when nothing was found, 1 with findings, 2 on a usage or input error.
 */
public final class AssailCommand {

    private AssailCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path sarif = null;
        Path input = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sarif") && i + 1 < args.length) {
                sarif = Path.of(args[++i]);
            } else if (input == null && !args[i].startsWith("--")) {
                input = Path.of(args[i]);
            } else {
                err.println("unexpected argument '" + args[i] + "'");
                input = null;
                break;
            }
        }
        if (input == null) {
            err.println("usage: AssailCommand [--sarif out.sarif] CLASSES_DIR_OR_JAR");
            return 2;
        }
        AssailReport report;
        try {
            report = AssailScanner.scan(input);
        } catch (AssailException e) {
            err.println(e.getMessage());
            return 2;
        }
        for (Finding finding : report.findings()) {
            out.println(finding.toLine());
        }
        out.println(report.findings().size() + " findings in " + report.classesScanned() + " classes of " + input);
        if (sarif != null) {
            try {
                Files.writeString(sarif, report.toSarif(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("Cannot write SARIF to " + sarif + ": " + e.getMessage()
                        + "; pass a writable path to --sarif");
                return 2;
            }
        }
        return report.findings().isEmpty() ? 0 : 1;
    }
}
