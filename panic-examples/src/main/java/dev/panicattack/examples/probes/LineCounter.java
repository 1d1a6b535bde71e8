package dev.panicattack.examples.probes;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Counts the lines of files. Seeded defect: an empty file returns early and leaves its stream open. */
public final class LineCounter {

    private LineCounter() {
    }

    public static long countLines(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += lines(file);
        }
        return total;
    }

    private static long lines(Path file) throws IOException {
        FileInputStream in = new FileInputStream(file.toFile());
        if (in.available() == 0) {
            return 0; // the leak: an empty file's stream is never closed
        }
        try (LineNumberReader reader = new LineNumberReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                // counting
            }
            return reader.getLineNumber();
        }
    }
}
