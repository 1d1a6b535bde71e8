package dev.panicattack.examples.corpus.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.signature.BugClass;

/** Programs that do not handle a full disk, run with about 640 KiB left of the disk budget. */
public class DiskFullPrograms {

    /** An order journal; the defect: the write's IOException is wrapped unchecked inside a lambda and escapes. */
    static final class OrderJournal {
        private final Path file;

        OrderJournal(Path file) {
            this.file = file;
        }

        void appendAll(List<String> orders) {
            orders.forEach(order -> {
                try {
                    Files.writeString(file, order + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    @Seeded(BugClass.DISK_FULL_UNHANDLED)
    @ConstraintSet("disk-nearly-full")
    void journalWrapsTheFullDiskUnchecked(@TempDir Path directory) {
        OrderJournal journal = new OrderJournal(directory.resolve("orders.log"));
        String padding = "x".repeat(4000);
        List<String> orders = IntStream.range(0, 300).mapToObj(index -> "order-" + index + " " + padding).toList();

        journal.appendAll(orders);

        assertThat(directory.resolve("orders.log")).exists();
    }

    /** A settings cache saved as JSON; the defect: save truncates in place and swallows the write failure. */
    static final class SettingsCache {
        private final ObjectMapper json = new ObjectMapper();
        private final Path file;

        SettingsCache(Path file) {
            this.file = file;
        }

        void save(Map<String, String> settings) {
            try {
                json.writeValue(file.toFile(), settings);
            } catch (IOException e) {
                // The defect: the failure is only counted, and the half-written file replaces the last good one.
                failedSaves++;
            }
        }

        private int failedSaves;

        Map<String, String> load() {
            try {
                return json.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
            } catch (IOException e) {
                return Map.of();
            }
        }
    }

    @Test
    @Seeded(BugClass.DISK_FULL_UNHANDLED)
    @ConstraintSet("disk-nearly-full")
    void cacheLosesItsStateOnAFullDisk(@TempDir Path directory) {
        SettingsCache cache = new SettingsCache(directory.resolve("settings.json"));
        Map<String, String> small = Map.of("theme", "dark", "locale", "en");
        cache.save(small);
        Map<String, String> large = new LinkedHashMap<>();
        for (int index = 0; index < 2000; index++) {
            large.put("key-" + index, "v".repeat(500));
        }

        cache.save(large);

        // Either the new settings or, after a failed save, the previous ones must still be readable.
        assertThat(cache.load()).isIn(large, small);
    }
}
