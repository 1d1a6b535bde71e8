package dev.panicattack.assail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Hands the class files of a directory or a jar to a consumer one at a time, never all at once. */
final class ClassFiles {

    private ClassFiles() {
    }

    /** Calls {@code consumer} with (entry name, bytes) for each class file, in name order for directories. */
    static void forEach(Path input, BiConsumer<String, byte[]> consumer) {
        if (!Files.exists(input)) {
            throw new AssailException("Cannot scan " + input + ": the path does not exist; pass a classes directory"
                    + " (e.g. target/classes) or a .jar file");
        }
        if (Files.isDirectory(input)) {
            forEachInDirectory(input, consumer);
        } else {
            forEachInJar(input, consumer);
        }
    }

    private static void forEachInDirectory(Path dir, BiConsumer<String, byte[]> consumer) {
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(dir)) {
            classFiles = walk.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new AssailException("Cannot scan " + dir + ": the directory cannot be listed (" + e.getMessage()
                    + "); check its permissions", e);
        }
        for (Path file : classFiles) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            if (skipped(name)) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new AssailException("Cannot scan " + dir + ": class file " + name + " cannot be read ("
                        + e.getMessage() + "); check its permissions", e);
            }
            consumer.accept(name, bytes);
        }
    }

    private static void forEachInJar(Path jar, BiConsumer<String, byte[]> consumer) {
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile());
        } catch (ZipException e) {
            throw new AssailException("Cannot scan " + jar + ": not a readable jar (" + e.getMessage()
                    + "); pass an intact .jar file or a classes directory", e);
        } catch (IOException e) {
            throw new AssailException("Cannot scan " + jar + ": the file cannot be read (" + e.getMessage()
                    + "); check that it is a readable .jar file", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".class") || skipped(entry.getName())) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new AssailException("Cannot scan " + jar + ": entry " + entry.getName()
                            + " cannot be read (" + e.getMessage() + "); pass an intact .jar file", e);
                }
                consumer.accept(entry.getName(), bytes);
            }
        } catch (IOException e) {
            throw new AssailException("Cannot scan " + jar + ": closing the jar failed (" + e.getMessage() + ")", e);
        }
    }

    // Versioned copies of classes (multi-release jars) and module descriptors are not code to analyse twice.
    private static boolean skipped(String name) {
        return name.startsWith("META-INF/") || name.endsWith("module-info.class");
    }
}
