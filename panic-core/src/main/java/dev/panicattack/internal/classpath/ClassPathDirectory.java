package dev.panicattack.internal.classpath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A resource directory ({@code panic/rules}, {@code com/acme/orders}) as every root of a class
 * loader holds it. Classes directories are walked; jars are listed entry by entry (no index file
 * needed) through the loader's own {@code jar:} URLs, uncached, so the jar is closed again after
 * listing. Roots of other protocols (custom loaders) cannot be listed and are left out: what they
 * hold still loads by name. A jar without directory entries is not found by
 * {@link ClassLoader#getResources}; build tools write them.
 */
public final class ClassPathDirectory {

    /** How deep a listing goes. */
    public enum Depth {
        /** The files directly in the directory. */
        FILES,
        /** Every file in the directory and its subdirectories. */
        TREE
    }

    private final ClassLoader loader;
    private final String directory;

    private ClassPathDirectory(ClassLoader loader, String directory) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.directory = strip(Objects.requireNonNull(directory, "directory"));
    }

    /** The directory {@code directory} (slash-separated, no leading slash) of {@code loader}'s class path. */
    public static ClassPathDirectory of(ClassLoader loader, String directory) {
        return new ClassPathDirectory(loader, directory);
    }

    /**
     * The files of the directory in every root that holds it, roots in class path order.
     *
     * @throws UncheckedIOException when a root cannot be listed
     */
    public List<ClassPathEntry> entries(Depth depth) {
        List<ClassPathEntry> entries = new ArrayList<>();
        for (URL root : found()) {
            try {
                if (root.getProtocol().equals("file")) {
                    listDirectory(root, depth, entries);
                } else if (root.getProtocol().equals("jar")) {
                    listJar(root, depth, entries);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory + " in " + root, e);
            }
        }
        return List.copyOf(entries);
    }

    /** Whether any root holds a file in the directory or below it whose name ends with {@code suffix}. */
    public boolean holdsAny(String suffix) {
        return entries(Depth.TREE).stream().anyMatch(entry -> entry.name().endsWith(suffix));
    }

    /**
     * The local roots (a classes directory, or a jar file) that hold the directory, each once, in class
     * path order; a root that is not a local file is left out.
     */
    public List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        for (URL url : found()) {
            Path root = rootOf(url);
            if (root != null && !roots.contains(root)) {
                roots.add(root);
            }
        }
        return List.copyOf(roots);
    }

    private List<URL> found() {
        try {
            Enumeration<URL> urls = loader.getResources(directory);
            return Collections.list(urls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + " on the class path", e);
        }
    }

    private void listDirectory(URL root, Depth depth, List<ClassPathEntry> entries) throws IOException {
        Path path = toPath(root);
        if (path == null || !Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> files = depth == Depth.TREE ? Files.walk(path) : Files.list(path)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = path.relativize(file).toString().replace('\\', '/');
                entries.add(new ClassPathEntry(directory + "/" + relative, file.toUri().toURL()));
            }
        }
    }

    private void listJar(URL root, Depth depth, List<ClassPathEntry> entries) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return;
        }
        // Not cached: the JarFile is ours to close, so the jar is not held open after listing.
        connection.setUseCaches(false);
        String prefix = directory + "/";
        URL base = new URL(root.toExternalForm().endsWith("/") ? root.toExternalForm() : root.toExternalForm() + "/");
        try (JarFile file = jar.getJarFile()) {
            for (Enumeration<JarEntry> all = file.entries(); all.hasMoreElements(); ) {
                JarEntry entry = all.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix)) {
                    continue;
                }
                String relative = name.substring(prefix.length());
                if (depth == Depth.FILES && relative.indexOf('/') >= 0) {
                    continue;
                }
                entries.add(new ClassPathEntry(name, new URL(base, relative)));
            }
        }
    }

    /** The classes directory or jar file behind {@code url}, or null when it is not a local file. */
    private Path rootOf(URL url) {
        try {
            if (url.getProtocol().equals("file")) {
                Path path = toPath(url);
                for (int i = 0; i < directory.split("/").length && path != null; i++) {
                    path = path.getParent();
                }
                return path;
            }
            if (url.getProtocol().equals("jar")) {
                String spec = url.getPath();
                int separator = spec.indexOf("!/");
                return separator < 0 ? null : Path.of(new URI(spec.substring(0, separator))).toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            // Not a local file (a remote or custom class path entry): there is nothing to list there.
            return null;
        }
        return null;
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }

    private static String strip(String directory) {
        String stripped = directory;
        while (stripped.startsWith("/")) {
            stripped = stripped.substring(1);
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
