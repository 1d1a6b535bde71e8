package dev.panicattack.subject;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The code under test, by name: each entry is a package (it covers the package's classes and its
 * subpackages) or a class (it covers the class and its nested classes). Instrumentation that acts
 * on "the subject's" calls (probes, the clock, scheduling noise) rewrites only classes it includes.
 *
 * <p>The default, when a test names no subject, is the test class's package: {@link #packageOf}.
 * An empty subject includes nothing.
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

    /** True when the subject includes no class at all. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The names joined by {@code ", "}, for summaries and errors. */
    public String describe() {
        return String.join(", ", names);
    }
}
