package dev.panicattack.subject;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where panic-attack's own classes come from: panic-core's jar or classes directory, and
 * panic-junit's when it is present. Found once; what they hold is never the subject.
 */
final class LibraryCode {

    /** panic-junit's annotation, looked up by name: panic-core does not depend on it. */
    private static final String JUNIT_MARKER = "dev.panicattack.junit.Diagnose";

    private static final List<String> LOCATIONS = find();

    private LibraryCode() {
    }

    /** Whether a class defined in {@code domain} comes from panic-attack's own code. */
    static boolean holds(ProtectionDomain domain) {
        return location(domain).map(LOCATIONS::contains).orElse(false);
    }

    private static List<String> find() {
        List<String> locations = new ArrayList<>();
        location(LibraryCode.class.getProtectionDomain()).ifPresent(locations::add);
        ClassLoader[] loaders = {LibraryCode.class.getClassLoader(), Thread.currentThread().getContextClassLoader()};
        for (ClassLoader loader : loaders) {
            try {
                Class<?> junit = Class.forName(JUNIT_MARKER, false, loader);
                location(junit.getProtectionDomain()).filter(found -> !locations.contains(found)).ifPresent(locations::add);
            } catch (ClassNotFoundException | LinkageError e) {
                // panic-core used without panic-junit on this loader: nothing of it to leave alone.
            }
        }
        return List.copyOf(locations);
    }

    private static Optional<String> location(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return Optional.ofNullable(url).map(URL::toString);
    }
}
