package dev.panicattack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a suite's own build gives its tests and a {@code tests} jar alone does not: test classes in
 * a folder ({@code target/test-classes}, so resources resolve to files, not jar entries), and a
 * working directory with the test resources at {@code src/test/resources} (tests that open
 * {@code src/test/resources/...} by relative path).
 */
final class PeerCheckout {

    private PeerCheckout() {
    }

    /** Unpacks the jar into {@code directory} (emptied first) and returns it. */
    static Path testClasses(Path testJar, Path directory) throws IOException {
        PeerFiles.deleteRecursively(directory);
        unpack(testJar, directory, false);
        return directory;
    }

    /** Copies the jar's resources (everything but classes and {@code META-INF}) to {@code work/src/test/resources}. */
    static void workingDirectory(Path testJar, Path work) throws IOException {
        unpack(testJar, work.resolve("src/test/resources"), true);
    }

    private static void unpack(Path jar, Path target, boolean resourcesOnly) throws IOException {
        Files.createDirectories(target);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (resourcesOnly && (name.endsWith(".class") || name.startsWith("META-INF/"))) {
                    continue;
                }
                Path destination = target.resolve(name).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry " + name + " of " + jar + " points outside " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
            }
        }
    }
}
