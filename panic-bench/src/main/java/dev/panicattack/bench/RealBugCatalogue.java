package dev.panicattack.bench;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.panicattack.signature.BugClass;

/**
 * Reads the cases of the real-bug corpus from panic-realbugs' compiled test classes: every top-level
 * class under {@value #ROOT_PACKAGE}{@code .<family>} carrying {@code @RealBug}, sorted by name. The
 * classes are loaded (not initialised) in a loader of their own over the module's test class path.
 */
final class RealBugCatalogue {

    static final String ROOT_PACKAGE = "dev.panicattack.realbugs";
    private static final String ANNOTATION = ROOT_PACKAGE + ".RealBug";

    private RealBugCatalogue() {
    }

    static List<RealBugCase> read(Path testClasses, List<Path> classpath) throws IOException, ReflectiveOperationException {
        Path families = testClasses.resolve(ROOT_PACKAGE.replace('.', '/'));
        List<RealBugCase> cases = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(urls(testClasses, classpath), ClassLoader.getPlatformClassLoader());
                Stream<Path> files = Files.walk(families)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".class"))
                    .filter(path -> !path.getParent().equals(families))
                    .filter(path -> !path.getFileName().toString().contains("$")).sorted().toList()) {
                String className = testClasses.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
                Class<?> type = Class.forName(className, false, loader);
                for (Annotation annotation : type.getAnnotations()) {
                    if (annotation.annotationType().getName().equals(ANNOTATION)) {
                        cases.add(describe(className, annotation));
                    }
                }
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no @RealBug case under " + families + "; build panic-realbugs' test classes"
                    + " (panic-bench/run real-bugs does) or add a case (docs/real-bugs.md)");
        }
        return List.copyOf(cases);
    }

    private static RealBugCase describe(String className, Annotation annotation) throws ReflectiveOperationException {
        return new RealBugCase(className, text(annotation, "artifact"), text(annotation, "buggy"),
                text(annotation, "fixed"), BugClass.valueOf(((Enum<?>) member(annotation, "expected")).name()),
                text(annotation, "issue"), Arrays.asList((String[]) member(annotation, "jvmOptions")));
    }

    private static String text(Annotation annotation, String name) throws ReflectiveOperationException {
        return (String) member(annotation, name);
    }

    private static Object member(Annotation annotation, String name) throws ReflectiveOperationException {
        try {
            return annotation.annotationType().getMethod(name).invoke(annotation);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("reading @RealBug(" + name + ") failed", e.getCause());
        }
    }

    private static URL[] urls(Path testClasses, List<Path> classpath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(testClasses.toUri().toURL());
        for (Path entry : classpath) {
            urls.add(entry.toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
