package dev.panicattack.probe;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What the probes instrument: named classes (with their nested classes) and named packages (with
 * their subpackages). Built by {@link #resolve}, which checks that each name is a loadable class or
 * a package holding at least one class, so a typo fails before the test starts.
 *
 * @param names    the names as the user wrote them, in order
 * @param classes  the names that are classes
 * @param packages the names that are packages
 */
public record ProbeSubject(List<String> names, List<String> classes, List<String> packages) {

    public ProbeSubject {
        names = List.copyOf(names);
        classes = List.copyOf(classes);
        packages = List.copyOf(packages);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a probe subject names at least one class or package, but was empty");
        }
    }

    /** The default subject of a test: its class's package and subpackages. */
    public static ProbeSubject packageOf(Class<?> testClass) {
        String name = testClass.getPackageName();
        return new ProbeSubject(List.of(name), List.of(), List.of(name));
    }

    /**
     * Resolves each name against {@code loader}: a class if it loads, else a package if the loader
     * finds at least one {@code .class} file in it or below it.
     *
     * @param attribute how the user wrote the setting, for error messages ({@code @Diagnose(subject)})
     * @param where     the place it was written ({@code OrderTest.place()}), for error messages
     * @throws IllegalArgumentException naming the attribute, the value and the fix when a name is blank
     *                                  or names no loadable class
     */
    public static ProbeSubject resolve(String attribute, String where, List<String> names, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<String> classes = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        for (String raw : names) {
            String name = raw == null ? "" : raw.trim();
            if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
                throw new IllegalArgumentException(attribute + " must name classes or packages, but contained '" + raw
                        + "' on " + where + "; write a class (com.acme.orders.OrderService) or a package (com.acme.orders)");
            }
            if (isClass(name, loader)) {
                classes.add(name);
            } else if (hasClasses(name, loader)) {
                packages.add(name);
            } else {
                throw new IllegalArgumentException(attribute + " names '" + name + "', which is neither a loadable class"
                        + " nor a package with classes on the test's class path, on " + where
                        + "; check the spelling, or name a class (com.acme.orders.OrderService) or a package (com.acme.orders)");
            }
        }
        return new ProbeSubject(names.stream().map(String::trim).toList(), classes, packages);
    }

    /** Whether a class of this binary name ({@code com.acme.Outer$Inner}) belongs to the subject. */
    public boolean matches(String className) {
        for (String name : classes) {
            if (className.equals(name) || className.startsWith(name + "$")) {
                return true;
            }
        }
        for (String name : packages) {
            if (className.startsWith(name + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The subject as the report shows it: the names, comma-separated. */
    public String describe() {
        return String.join(", ", names);
    }

    private static boolean isClass(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasClasses(String name, ClassLoader loader) {
        String directory = name.replace('.', '/');
        try {
            Enumeration<URL> found = loader.getResources(directory);
            while (found.hasMoreElements()) {
                if (holdsClasses(found.nextElement(), directory)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of package " + name, e);
        }
    }

    private static boolean holdsClasses(URL url, String directory) throws IOException {
        if ("file".equals(url.getProtocol())) {
            Path path;
            try {
                path = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                path = new File(url.getPath()).toPath();
            }
            try (Stream<Path> files = Files.walk(path)) {
                return files.anyMatch(file -> file.getFileName().toString().endsWith(".class"));
            }
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                String prefix = directory + "/";
                return file.stream().anyMatch(entry -> entry.getName().startsWith(prefix)
                        && entry.getName().endsWith(".class"));
            }
        }
        return false;
    }
}
