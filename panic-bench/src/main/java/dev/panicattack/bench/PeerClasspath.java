package dev.panicattack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The class paths of {@code peer-suites}, resolved by Maven from Maven Central and the local
 * repository (offline first, then online).
 *
 * <p>A suite's: its own pom, fetched and copied under the suite's directory with three dependencies
 * added (its main jar, its {@code tests} jar and {@code junit-platform-launcher} without a version,
 * so the suite's JUnit BOM picks it), then {@code dependency:build-classpath} at test scope. So the
 * test-scope dependencies, JDK-activated profiles and JUnit version are the ones the suite's own
 * build uses. panic-junit's: its runtime class path as this build's reactor resolves it.
 */
final class PeerClasspath {

    /** The version the root pom pins; given in full so that a standalone call does not look for the newest. */
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    /** JUnit and the libraries it brings: the suite's own versions of these are used, as a user's JUnit BOM would. */
    private static final List<String> JUNIT_GROUPS = List.of("/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
            "/org/jspecify/");

    private PeerClasspath() {
    }

    /** A suite's resolved test class path, its tests jar in it, and its Jupiter version. */
    record Suite(Path testJar, List<Path> entries, String jupiterVersion) {

        Suite {
            entries = List.copyOf(entries);
        }
    }

    /**
     * panic-junit's and panic-core's jars (as {@code panic-bench/run} built them, listed in
     * {@code panic-bench/target/bench.classpath}) and panic-junit's runtime dependencies, as the reactor
     * of the project at {@code root} resolves them.
     */
    static List<Path> panic(Path root, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path output = directory.resolve("panic-junit.classpath");
        // compile, not package: the reactor then resolves panic-core to its classes without rewriting the jars.
        maven(root, directory.resolve("maven-panic-junit.log"), "panic-junit's runtime class path",
                List.of("-pl", "panic-junit", "-am", "compile", DEPENDENCY_PLUGIN + ":build-classpath",
                        "-DincludeScope=runtime", "-Dmdep.outputFile=" + output));
        // The reactor writes the file once per module; panic-junit comes last.
        List<Path> dependencies = read(output).stream().filter(entry -> !entry.startsWith(root)).toList();
        Path benchClasspath = root.resolve("panic-bench/target/bench.classpath");
        List<Path> jars = read(benchClasspath).stream().filter(entry -> entry.startsWith(root))
                .filter(entry -> entry.getFileName().toString().matches("panic-(core|junit)-.*\\.jar")).toList();
        if (jars.size() != 2) {
            throw new IllegalStateException("expected the panic-core and panic-junit jars in " + benchClasspath
                    + ", found " + jars + "; run peer-suites through panic-bench/run, which builds them");
        }
        List<Path> entries = new ArrayList<>(jars);
        entries.addAll(dependencies);
        return List.copyOf(entries);
    }

    /** Fetches the suite's pom and jars and resolves its test class path under {@code directory}. */
    static Suite suite(PeerSuite suite, Path directory) throws Exception {
        Path source = directory.resolve("source");
        Files.createDirectories(source);
        maven(directory, directory.resolve("maven-pom.log"), suite.coordinates() + ":pom",
                List.of(DEPENDENCY_PLUGIN + ":copy", "-Dartifact=" + suite.coordinates() + ":pom",
                        "-DoutputDirectory=" + source));
        Path pom = directory.resolve("pom.xml");
        writeRunPom(source.resolve(suite.artifactId() + "-" + suite.version() + ".pom"), suite, pom);
        Path output = directory.resolve("test.classpath");
        maven(directory, directory.resolve("maven-classpath.log"), suite.coordinates() + ", "
                        + suite.coordinates() + ":jar:tests and their test-scope dependencies, with"
                        + " org.junit.platform:junit-platform-launcher at the version the suite's JUnit BOM manages",
                List.of("-f", pom.toString(), DEPENDENCY_PLUGIN + ":build-classpath", "-DincludeScope=test",
                        "-Dmdep.outputFile=" + output));
        List<Path> entries = read(output);
        String testJarName = suite.artifactId() + "-" + suite.version() + "-tests.jar";
        Path testJar = entries.stream().filter(entry -> entry.getFileName().toString().equals(testJarName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Maven resolved " + output + " without " + testJarName
                        + " (" + suite.coordinates() + ":jar:tests)"));
        String jupiter = entries.stream().filter(entry -> entry.getFileName().toString().startsWith("junit-jupiter-engine-"))
                .map(entry -> entry.getParent().getFileName().toString()).findFirst()
                .orElseThrow(() -> new IllegalStateException(suite.coordinates() + " has no junit-jupiter-engine among its"
                        + " test dependencies (" + output + "): it is not a JUnit Jupiter suite; remove it from peer-suites"));
        return new Suite(testJar, entries, jupiter);
    }

    /**
     * The suite's class path, then panic-junit's entries it lacks. JUnit's own artifacts come from the
     * suite alone; where both name the same other artifact, the newer version is kept in the suite's
     * place, and the choice is printed.
     */
    static List<Path> merge(PeerSuite suite, List<Path> suiteEntries, List<Path> panicEntries, PrintStream out) {
        List<Path> merged = new ArrayList<>(suiteEntries);
        for (Path panic : panicEntries) {
            if (JUNIT_GROUPS.stream().anyMatch(group -> panic.toString().contains(group))) {
                continue;
            }
            Optional<Path> same = merged.stream().filter(entry -> artifact(entry).equals(artifact(panic))).findFirst();
            if (same.isEmpty()) {
                merged.add(panic);
                continue;
            }
            String suiteVersion = version(same.get());
            String panicVersion = version(panic);
            if (suiteVersion.equals(panicVersion)) {
                continue;
            }
            Path kept = compareVersions(panicVersion, suiteVersion) > 0 ? panic : same.get();
            merged.set(merged.indexOf(same.get()), kept);
            out.println("peer-suites: " + suite.artifactId() + " and panic-junit both need " + artifact(panic).getFileName()
                    + " (suite " + suiteVersion + ", panic-junit " + panicVersion + "): " + version(kept)
                    + " is on the class path, the newer");
        }
        return List.copyOf(merged);
    }

    /** The artifact's folder in the local repository ({@code .../groupId path/artifactId}). */
    private static Path artifact(Path jar) {
        return jar.getParent().getParent();
    }

    private static String version(Path jar) {
        return jar.getParent().getFileName().toString();
    }

    /** Numeric parts compared as numbers, others as text ({@code 1.10.0 > 1.9.2}). */
    static int compareVersions(String left, String right) {
        String[] a = left.split("[.-]");
        String[] b = right.split("[.-]");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = a[i].matches("\\d+") && b[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i])) : a[i].compareTo(b[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static List<Path> read(Path classpathFile) throws IOException {
        String text = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    /** The suite's pom as a project of its own that depends on the suite's jars and the launcher. */
    private static void writeRunPom(Path sourcePom, PeerSuite suite, Path target) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(sourcePom.toFile());
        Element project = document.getDocumentElement();
        // A project cannot depend on its own coordinates.
        child(project, "artifactId").orElseThrow().setTextContent(suite.artifactId() + "-peer-suites");
        child(project, "parent").ifPresent(parent -> {
            child(parent, "relativePath").ifPresent(parent::removeChild);
            parent.appendChild(document.createElement("relativePath"));
        });
        Element dependencies = child(project, "dependencies").orElseGet(() -> {
            Element created = document.createElement("dependencies");
            project.appendChild(created);
            return created;
        });
        dependencies.appendChild(dependency(document, suite.groupId(), suite.artifactId(), suite.version(), null));
        dependencies.appendChild(dependency(document, suite.groupId(), suite.artifactId(), suite.version(), "tests"));
        dependencies.appendChild(dependency(document, "org.junit.platform", "junit-platform-launcher", null, null));
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(target.toFile()));
    }

    private static Element dependency(Document document, String groupId, String artifactId, String version,
            String classifier) {
        Element dependency = document.createElement("dependency");
        append(dependency, "groupId", groupId);
        append(dependency, "artifactId", artifactId);
        if (version != null) {
            append(dependency, "version", version);
        }
        if (classifier != null) {
            append(dependency, "classifier", classifier);
        }
        append(dependency, "scope", "test");
        return dependency;
    }

    private static void append(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElement(name);
        element.setTextContent(text);
        parent.appendChild(element);
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs Maven offline, then online if that failed; fails naming {@code what} could not be
     * resolved and where Maven's output is.
     */
    private static void maven(Path directory, Path log, String what, List<String> arguments)
            throws IOException, InterruptedException {
        for (boolean offline : new boolean[] {true, false}) {
            List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
            if (offline) {
                command.add("-o");
            }
            command.addAll(arguments);
            Process maven = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (maven.waitFor() == 0) {
                return;
            }
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        throw new IllegalStateException("peer-suites could not resolve " + what + " with Maven (mvn -B -q "
                + String.join(" ", arguments) + " in " + directory + ", offline and online); its last lines, all in "
                + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    }
}
