package dev.panicattack.subject;

import java.security.ProtectionDomain;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.panicattack.internal.classpath.ClassPathDirectory;

/**
 * The code under test, by name: each entry is a package (it covers the package's classes and its
 * subpackages) or a class (it covers the class and its nested classes). Instrumentation that acts
 * on "the subject's" calls (probes, the clock, scheduling noise) rewrites only classes it includes.
 *
 * <p>The default, when a test names no subject, is the test class's package: {@link #packageOf}.
 * An empty subject includes nothing. This is the one answer to "is this class the subject?": by
 * name ({@link #includes(String)}), and for a loaded or loading class
 * ({@link #includes(Class)}, {@link #includes(String, ProtectionDomain)}) also never panic-attack's
 * own classes nor generated ones.
 */
public record Subject(List<String> names) {

    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    public Subject {
        names = List.copyOf(names);
        for (String name : names) {
            Objects.requireNonNull(name, "name");
            if (!QUALIFIED_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("subject '" + name + "' is not a package or class name;"
                        + " name a package such as com.acme.orders or a class such as com.acme.orders.OrderService");
            }
        }
    }

    /** A subject of the given package or class names. */
    public static Subject of(String... names) {
        return new Subject(List.of(names));
    }

    /** The package of {@code testClass}, or the class itself when it is in the unnamed package. */
    public static Subject packageOf(Class<?> testClass) {
        String pkg = testClass.getPackageName();
        return Subject.of(pkg.isEmpty() ? testClass.getName() : pkg);
    }

    /** True when {@code className} (binary name with dots, e.g. {@code com.acme.Cache$Entry}) is part of the subject. */
    public boolean includes(String className) {
        for (String name : names) {
            if (className.equals(name) || className.startsWith(name + ".") || className.startsWith(name + "$")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that each name is a class {@code loader} loads, or a package in which it finds at least
     * one class file (in a classes directory or a jar), so a misspelt subject fails before anything
     * starts.
     *
     * @return this subject
     * @throws UnresolvedSubjectException naming the first name that is neither
     */
    public Subject resolve(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        for (String name : names) {
            if (!isClass(name, loader)
                    && !ClassPathDirectory.of(loader, name.replace('.', '/')).holdsAny(".class")) {
                throw new UnresolvedSubjectException(name);
            }
        }
        return this;
    }

    /**
     * True when {@code type} is part of the subject: by name, and not one of panic-attack's own
     * classes (loaded from panic-core's or panic-junit's jar or classes directory, even when a subject
     * such as {@code dev.panicattack} covers them) nor a generated class ({@code $$} in its name:
     * lambdas, proxies; their bodies are the subject's code, not they).
     */
    public boolean includes(Class<?> type) {
        return includes(type.getName(), type.getProtectionDomain());
    }

    /** As {@link #includes(Class)}, for a class being defined or transformed in {@code domain}. */
    public boolean includes(String className, ProtectionDomain domain) {
        return includes(className) && !className.contains("$$") && !LibraryCode.holds(domain);
    }

    /**
     * True when {@code loader} is the application class loader or a descendant of it: the loaders
     * a test's code under test comes from. A class of a subject's name defined by an isolated
     * loader beside them (a plug-in host, a test that loads a copy of a library on its own) is not
     * the code under test, and instrumentation leaves it alone.
     */
    public static boolean loadedByApplication(ClassLoader loader) {
        ClassLoader application = ClassLoader.getSystemClassLoader();
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current == application) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClass(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when the subject includes no class at all. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The names joined by {@code ", "}, for summaries and errors. */
    public String describe() {
        return String.join(", ", names);
    }
}
