package dev.panicattack.examples.corpus.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.panicattack.examples.corpus.Healthy;
import dev.panicattack.junit.ConstraintSet;

/** The same journal and cache, written to handle a full disk; run on the same nearly full disk. */
public class HealthyDiskPrograms {

    /** How an append ended: the documented outcomes. */
    enum Appended { ALL, DISK_FULL }

    /** Appends orders; on a full disk it stops and reports how many were stored, as documented. */
    static final class OrderJournal {
        private final Path file;
        private int stored;

        OrderJournal(Path file) {
            this.file = file;
        }

        Appended appendAll(List<String> orders) {
            for (String order : orders) {
                try {
                    Files.writeString(file, order + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    stored++;
                } catch (IOException e) {
                    return Appended.DISK_FULL;
                }
            }
            return Appended.ALL;
        }

        int stored() {
            return stored;
        }
    }

    @Test
    @Healthy
    @ConstraintSet("disk-nearly-full")
    void journalReportsTheFullDisk(@TempDir Path directory) throws IOException {
        OrderJournal journal = new OrderJournal(directory.resolve("orders.log"));
        String padding = "x".repeat(4000);
        List<String> orders = IntStream.range(0, 300).mapToObj(index -> "order-" + index + " " + padding).toList();

        Appended result = journal.appendAll(orders);

        assertThat(result).isEqualTo(Appended.DISK_FULL);
        assertThat(Files.readAllLines(directory.resolve("orders.log"))).hasSize(journal.stored());
    }

    /** Saves settings to a temporary file and moves it into place: a failed save leaves the last good file. */
    static final class SettingsCache {
        private final ObjectMapper json = new ObjectMapper();
        private final Path file;

        SettingsCache(Path file) {
            this.file = file;
        }

        boolean save(Map<String, String> settings) throws IOException {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try {
                json.writeValue(next.toFile(), settings);
            } catch (IOException e) {
                Files.deleteIfExists(next);
                return false;
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }

        Map<String, String> load() throws IOException {
            return json.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
        }
    }

    @Test
    @Healthy
    @ConstraintSet("disk-nearly-full")
    void cacheKeepsTheLastGoodStateOnAFullDisk(@TempDir Path directory) throws IOException {
        SettingsCache cache = new SettingsCache(directory.resolve("settings.json"));
        Map<String, String> small = Map.of("theme", "dark", "locale", "en");
        assertThat(cache.save(small)).isTrue();
        Map<String, String> large = new LinkedHashMap<>();
        for (int index = 0; index < 2000; index++) {
            large.put("key-" + index, "v".repeat(500));
        }

        assertThat(cache.save(large)).isFalse();
        assertThat(cache.load()).isEqualTo(small);
    }
}
