package dev.panicattack.realbugs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The corpus's own check, the only test the module's build runs (the cases fail by design): every
 * test class under {@code dev.panicattack.realbugs.<family>} is a case carrying a complete
 * {@link RealBug}, and the release it compiles against is a fixed one (the fixed release of one of the
 * cases of that library, when there are several).
 */
class RealBugCatalogueTest {

    private static final String ROOT = "dev.panicattack.realbugs";

    @Test
    void everyCaseIsCatalogued() throws Exception {
        List<Class<?>> cases = testClasses();
        List<String> problems = new ArrayList<>();
        for (Class<?> type : cases) {
            problems.addAll(problems(type, cases));
        }

        assertThat(cases).as("test classes under " + ROOT + ".<family>").isNotEmpty();
        assertThat(problems).isEmpty();
    }

    private static List<String> problems(Class<?> type, List<Class<?>> cases) throws IOException {
        String name = type.getName();
        RealBug bug = type.getAnnotation(RealBug.class);
        if (bug == null) {
            return List.of(name + " has tests but no @RealBug: annotate it with the artifact, the buggy and fixed"
                    + " releases, the expected class and the issue URL");
        }
        List<String> problems = new ArrayList<>();
        long tests = Arrays.stream(type.getDeclaredMethods()).filter(RealBugCatalogueTest::isTest).count();
        if (tests != 1) {
            problems.add(name + " has " + tests + " test methods; a case has exactly one: split it into one class per bug");
        }
        if (!bug.issue().startsWith("https://")) {
            problems.add(name + ": @RealBug(issue) must be the https URL of the issue or CVE, but was '" + bug.issue() + "'");
        }
        if (bug.artifact().isEmpty()) {
            if (!bug.buggy().isEmpty() || !bug.fixed().isEmpty()) {
                problems.add(name + ": a JDK case (artifact \"\") has buggy \"\" and fixed \"\", but had buggy '"
                        + bug.buggy() + "', fixed '" + bug.fixed() + "'");
            }
            return problems;
        }
        if (!bug.artifact().matches("[\\w.-]+:[\\w.-]+")) {
            problems.add(name + ": @RealBug(artifact) must be groupId:artifactId, but was '" + bug.artifact() + "'");
            return problems;
        }
        if (bug.buggy().isBlank() || bug.fixed().isBlank() || bug.buggy().equals(bug.fixed())) {
            problems.add(name + ": @RealBug(buggy, fixed) must be two different releases of " + bug.artifact()
                    + ", but were '" + bug.buggy() + "' and '" + bug.fixed() + "'");
        }
        // Several cases of one library compile against one release: the fixed release of one of them.
        List<String> fixedReleases = cases.stream().map(other -> other.getAnnotation(RealBug.class))
                .filter(other -> other != null && other.artifact().equals(bug.artifact())).map(RealBug::fixed).toList();
        List<String> compiled = compiledVersions(bug.artifact());
        if (!compiled.isEmpty() && compiled.stream()
                .noneMatch(found -> fixedReleases.stream().anyMatch(fixed -> found.startsWith(fixed + " ")))) {
            problems.add(name + ": the module compiles against " + bug.artifact() + " " + compiled + ", but its cases"
                    + " name fixed releases " + fixedReleases + "; set one of them in panic-realbugs/pom.xml");
        }
        return problems;
    }

    /** The versions of the artifact on the test class path (with where each is), from the jars' Maven metadata. */
    private static List<String> compiledVersions(String artifact) throws IOException {
        String[] parts = artifact.split(":");
        String resource = "META-INF/maven/" + parts[0] + "/" + parts[1] + "/pom.properties";
        List<String> versions = new ArrayList<>();
        for (URL url : Collections.list(RealBugCatalogueTest.class.getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                versions.add(properties.getProperty("version") + " (" + url + ")");
            }
        }
        return List.copyOf(versions);
    }

    /** Top-level classes with a test method in the family packages of the test output directory. */
    private static List<Class<?>> testClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        URL location = RealBugCatalogueTest.class.getProtectionDomain().getCodeSource().getLocation();
        Path root = Path.of(location.toURI());
        Path families = root.resolve(ROOT.replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(families)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".class"))
                    .filter(path -> !path.getParent().equals(families))
                    .filter(path -> !path.getFileName().toString().contains("$")).sorted().toList()) {
                String className = root.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
                Class<?> type = Class.forName(className, false, RealBugCatalogueTest.class.getClassLoader());
                if (hasTests(type)) {
                    found.add(type);
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean hasTests(Class<?> type) {
        return !Modifier.isAbstract(type.getModifiers())
                && Arrays.stream(type.getDeclaredMethods()).anyMatch(RealBugCatalogueTest::isTest);
    }

    private static boolean isTest(Method method) {
        return Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().getName().startsWith("org.junit.jupiter.api.")
                        && annotation.annotationType().getSimpleName().matches("Test|TestFactory|RepeatedTest|TestTemplate")
                        || annotation.annotationType().getName().equals("org.junit.jupiter.params.ParameterizedTest"));
    }
}
