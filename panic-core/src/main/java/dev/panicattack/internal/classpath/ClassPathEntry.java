package dev.panicattack.internal.classpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.Objects;

/**
 * One resource found by {@link ClassPathDirectory}: its resource name ({@code panic/rules/mine.dl})
 * and where it is ({@code file:} or {@code jar:} URL). Two roots may hold the same name: each is an entry.
 */
public record ClassPathEntry(String name, URL url) {

    public ClassPathEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    /** The last segment of the name: {@code mine.dl}. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The resource's bytes, read uncached so a jar is not held open (and locked on Windows) afterwards. */
    public byte[] read() {
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }
}
