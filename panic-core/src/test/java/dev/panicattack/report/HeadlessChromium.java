package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, run headless for the browser tests. */
final class HeadlessChromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    private HeadlessChromium() {
    }

    /**
     * Runs Chromium on {@code profile}, a fresh directory, with {@code arguments}; its standard output to
     * {@code stdout} (or discarded when null). Bounded, and destroyed with its children on timeout.
     */
    static void run(Path profile, Path stdout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process browser = builder.start();
        if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + Files.readString(log));
        }
        assertThat(browser.exitValue()).as("Chromium exit code for %s; its log:%n%s", command, Files.readString(log))
                .isZero();
    }
}
