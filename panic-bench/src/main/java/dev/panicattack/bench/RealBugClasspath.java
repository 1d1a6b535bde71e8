package dev.panicattack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class paths of {@code real-bugs}, resolved by Maven (offline first, then online).
 *
 * <p>The module's: panic-realbugs' test class path as this build's reactor resolves it (panic-junit,
 * JUnit, AssertJ and the fixed release of every case's library). A release's: the library at that
 * version and its own runtime dependencies, resolved through a generated project per release (all in
 * one Maven run). A run's: the case's test classes, the release's jars, then the module's entries for
 * every other artifact, so a library is on the class path in one version only.
 */
final class RealBugClasspath {

    /** The version the root pom pins; given in full so that a standalone call does not look for the newest. */
    private static final String DEPENDENCY_PLUGIN_VERSION = "3.8.1";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:"
            + DEPENDENCY_PLUGIN_VERSION;
    private static final String CLASSPATH_FILE = "classpath.txt";

    private RealBugClasspath() {
    }

    /** panic-realbugs' test class path; compiles its test classes on the way. */
    static List<Path> module(Path root, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path output = directory.resolve("module.classpath");
        Path log = directory.resolve("maven-module.log");
        // -am: the reactor resolves panic-core and panic-junit to this checkout's classes. Each module writes
        // the file in turn; panic-realbugs comes last.
        if (!maven(root, log, List.of("-pl", "panic-realbugs", "-am", "test-compile", DEPENDENCY_PLUGIN + ":build-classpath",
                "-DincludeScope=test", "-Dmdep.outputFile=" + output))) {
            throw new IllegalStateException("real-bugs could not compile panic-realbugs' tests or resolve their class path"
                    + " (mvn -pl panic-realbugs -am test-compile in " + root + ", offline and online); " + tail(log));
        }
        return read(output);
    }

    /**
     * Each release's jars with their runtime dependencies, by {@code groupId:artifactId:version}; fails
     * naming every release Maven could not resolve.
     */
    static Map<String, List<Path>> releases(Set<String> coordinates, Path directory) throws IOException, InterruptedException {
        Path releases = Files.createDirectories(directory.resolve("releases"));
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String release : coordinates.stream().sorted().toList()) {
            Path folder = releases.resolve(release.replace(':', '_'));
            folders.put(release, folder);
            if (!Files.exists(folder.resolve(CLASSPATH_FILE))) {
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("pom.xml"), releasePom(release), StandardCharsets.UTF_8);
            }
        }
        Path log = releases.resolve("maven.log");
        for (boolean offline : new boolean[] {true, false}) {
            List<String> missing = missing(folders);
            if (missing.isEmpty()) {
                break;
            }
            Files.writeString(releases.resolve("pom.xml"), aggregatorPom(missing, folders), StandardCharsets.UTF_8);
            List<String> arguments = new ArrayList<>(List.of("-fae", "-f", releases.resolve("pom.xml").toString(),
                    DEPENDENCY_PLUGIN + ":build-classpath"));
            run(releases, log, offline, arguments);
        }
        List<String> missing = missing(folders);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("real-bugs could not resolve " + String.join(", ", missing)
                    + " with its runtime dependencies from Maven Central or the local repository (offline and online):"
                    + " fix the version in the case's @RealBug or drop the case; " + tail(log));
        }
        Map<String, List<Path>> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : folders.entrySet()) {
            resolved.put(entry.getKey(), read(entry.getValue().resolve(CLASSPATH_FILE)));
        }
        return resolved;
    }

    /**
     * A run's class path: the fork's runner, the case's test classes, the release's entries, then the
     * module's entries for artifacts the release does not bring.
     */
    static List<Path> forRun(Path runner, Path testClasses, List<Path> release, List<Path> module) {
        Set<Path> swapped = release.stream().map(RealBugClasspath::artifact).collect(Collectors.toSet());
        List<Path> entries = new ArrayList<>(List.of(runner, testClasses));
        entries.addAll(release);
        module.stream().filter(entry -> !swapped.contains(artifact(entry))).forEach(entries::add);
        return List.copyOf(entries);
    }

    /** A jar's artifact folder in the local repository ({@code .../groupId path/artifactId}); a folder stands for itself. */
    private static Path artifact(Path entry) {
        return Files.isDirectory(entry) || entry.getParent() == null || entry.getParent().getParent() == null
                ? entry : entry.getParent().getParent();
    }

    private static List<String> missing(Map<String, Path> folders) {
        return folders.entrySet().stream().filter(entry -> !Files.exists(entry.getValue().resolve(CLASSPATH_FILE)))
                .map(Map.Entry::getKey).toList();
    }

    private static String releasePom(String release) {
        String[] parts = release.split(":");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.panicattack.realbugs.releases</groupId>
                  <artifactId>%s</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <includeScope>runtime</includeScope>
                          <outputFile>${project.basedir}/%s</outputFile>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(release.replace(':', '_'), parts[0], parts[1], parts[2], DEPENDENCY_PLUGIN_VERSION,
                CLASSPATH_FILE);
    }

    private static String aggregatorPom(List<String> releases, Map<String, Path> folders) {
        String modules = releases.stream().map(release -> "    <module>" + folders.get(release).getFileName() + "</module>")
                .collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.panicattack.realbugs.releases</groupId>
                  <artifactId>releases</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <modules>
                %s
                  </modules>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <outputFile>${project.build.directory}/aggregator.classpath</outputFile>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(modules, DEPENDENCY_PLUGIN_VERSION);
    }

    private static List<Path> read(Path classpathFile) throws IOException {
        String text = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? List.of()
                : Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    /** Offline, then online if that failed. */
    private static boolean maven(Path directory, Path log, List<String> arguments) throws IOException, InterruptedException {
        return run(directory, log, true, arguments) || run(directory, log, false, arguments);
    }

    private static boolean run(Path directory, Path log, boolean offline, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(arguments);
        Process maven = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return maven.waitFor() == 0;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "Maven's last lines, all in " + log + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
