package dev.panicattack.probe;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The subject as the agent sees it: classes the {@link ProbeSubject} names, minus panic-attack's own
 * classes (those loaded from the same jar or directory as panic-core or panic-junit), which are
 * never probed even when a subject such as {@code dev.panicattack} covers them.
 */
final class SubjectScope {

    /** panic-junit's annotation, looked up by name: panic-core does not depend on it. */
    private static final String JUNIT_MARKER = "dev.panicattack.junit.Diagnose";

    private final ProbeSubject subject;
    private final Set<String> libraryLocations = new HashSet<>();
    private final ClassValue<Boolean> contains = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return subject.matches(type.getName()) && !isLibrary(type.getProtectionDomain());
        }
    };

    SubjectScope(ProbeSubject subject) {
        this.subject = Objects.requireNonNull(subject, "subject");
        location(SubjectScope.class.getProtectionDomain()).ifPresent(libraryLocations::add);
        try {
            Class<?> junit = Class.forName(JUNIT_MARKER, false, SubjectScope.class.getClassLoader());
            location(junit.getProtectionDomain()).ifPresent(libraryLocations::add);
        } catch (ClassNotFoundException e) {
            // panic-core used without panic-junit: only its own location is the library's.
        }
    }

    ProbeSubject subject() {
        return subject;
    }

    /** Whether a class of this name, loaded in this protection domain, is probed. */
    boolean matches(String className, ProtectionDomain domain) {
        // Lambdas, proxies and other generated classes are not the subject's code (their bodies are).
        return subject.matches(className) && !className.contains("$$") && !isLibrary(domain);
    }

    boolean contains(Class<?> type) {
        return contains.get(type);
    }

    private boolean isLibrary(ProtectionDomain domain) {
        return location(domain).map(libraryLocations::contains).orElse(false);
    }

    private static java.util.Optional<String> location(ProtectionDomain domain) {
        if (domain == null) {
            return java.util.Optional.empty();
        }
        CodeSource source = domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? java.util.Optional.empty() : java.util.Optional.of(url.toString());
    }
}
