package dev.panicattack.maven;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's test class path as a class loader, for finding its constraint sets and classes. Its
 * parent is the platform loader, so only the project's directories and jars are searched, not the
 * plugin's own.
 */
final class TestClassPath implements AutoCloseable {

    private final URLClassLoader loader;

    private TestClassPath(URLClassLoader loader) {
        this.loader = loader;
    }

    /** The loader over {@code elements}, directories and jars in class-path order. */
    static TestClassPath of(List<String> elements) {
        List<URL> urls = new ArrayList<>();
        for (String element : elements) {
            try {
                urls.add(Path.of(element).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("class-path element '" + element + "' is not a file path", e);
            }
        }
        return new TestClassPath(new URLClassLoader("panic-test-class-path", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader()));
    }

    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
