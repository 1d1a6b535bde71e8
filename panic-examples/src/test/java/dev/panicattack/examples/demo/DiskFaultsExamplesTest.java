package dev.panicattack.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.junit.UnderPressure.Disk;

/** The disk axis on plain tests: a full disk from the built-in set, and replayable I/O errors. */
class DiskFaultsExamplesTest {

    // tag::disk-full[]
    @Test
    @ConstraintSet("disk-full")
    void aFullDiskKeepsTheOldSettings(@TempDir Path directory) throws IOException {
        Path settings = directory.resolve("settings.properties");
        Files.writeString(settings, "theme=dark\n");

        boolean saved = save(settings, "theme=light\nhistory=" + "x".repeat(4 << 20) + "\n");

        assertThat(saved).isFalse();
        assertThat(Files.readString(settings)).isEqualTo("theme=dark\n");
    }

    /** Writes beside the file, then moves over it: a failed write leaves the old settings whole. */
    static boolean save(Path settings, String text) throws IOException {
        Path next = settings.resolveSibling(settings.getFileName() + ".next");
        try {
            Files.writeString(next, text);
        } catch (IOException e) {
            Files.deleteIfExists(next);
            return false;
        }
        Files.move(next, settings, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
    // end::disk-full[]

    // tag::disk-errors[]
    @Test
    @UnderPressure(disk = @Disk(errorRate = 20, seed = 42))
    void aRetryingJournalSurvivesTransientIoErrors(@TempDir Path directory) throws IOException {
        Path journal = directory.resolve("journal.log");

        withRetries(() -> Files.write(journal, "entry\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(withRetries(() -> Files.readString(journal))).isEqualTo("entry\n");
    }
    // end::disk-errors[]

    interface IoAction<T> {
        T run() throws IOException;
    }

    /** Up to 10 attempts; the last failure is rethrown with the earlier ones attached. */
    static <T> T withRetries(IoAction<T> action) throws IOException {
        IOException failure = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return action.run();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }
}
