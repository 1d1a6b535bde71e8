package it.panicattack.capacity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * A test with a known breaking point on the contenders axis: it refuses to run beside more than
 * four contender threads, so it passes up to 4 contenders and fails from 5 on, on any machine.
 */
class WorkerCapacityTest {

    private static final int CAPACITY = 4;

    @Test
    void fitsBesideTheOtherWorkers() throws IOException {
        long contenders = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("panic-contender-"))
                .count();
        // One line per trial, in the file the invocation names (verify.groovy counts them).
        Path trials = Path.of(System.getProperty("it.trials", "target/trials.txt"));
        Files.createDirectories(trials.toAbsolutePath().getParent());
        Files.writeString(trials, contenders + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertTrue(contenders <= CAPACITY, contenders + " contender threads, more than the capacity of " + CAPACITY);
    }
}
