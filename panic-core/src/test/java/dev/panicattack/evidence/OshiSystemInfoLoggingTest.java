package dev.panicattack.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSHI logs through SLF4J: a project without a logging provider sees no SLF4J warning, and one
 * with a provider keeps SLF4J as it is; JNA unpacks its library into a private directory unless the
 * user named one, and no property the library set outlives its start. Each case is a JVM of its own,
 * since SLF4J and JNA read their configuration once per JVM.
 */
class OshiSystemInfoLoggingTest {

    @TempDir
    Path directory;

    @Test
    void withoutAProviderNothingIsPrinted() throws Exception {
        Child child = run(classPathWithout("slf4j-nop"));

        assertThat(child.err()).isEmpty();
        // Quiet for SLF4J's initialisation only: the JVM's properties are left as they were.
        assertThat(child.out()).containsExactly("processes seen: true", "slf4j.internal.verbosity=null",
                "jna.tmpdir=" + directory.resolve("jna"));
    }

    @Test
    void withAProviderSlf4jIsLeftAsItIs() throws Exception {
        Child child = run(System.getProperty("java.class.path"));

        assertThat(child.err()).isEmpty();
        assertThat(child.out()).containsExactly("processes seen: true", "slf4j.internal.verbosity=null",
                "jna.tmpdir=" + directory.resolve("jna"));
    }

    @Test
    void withoutAJnaTmpdirJnaLoadsFromAPrivateDirectoryAndThePropertyIsCleared() throws Exception {
        Child child = run(System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + directory);

        assertThat(child.out()).containsExactly("processes seen: true", "slf4j.internal.verbosity=null",
                "jna.tmpdir=null");
        Path jna = directory.resolve("panic-attack-jna-" + System.getProperty("user.name"));
        assertThat(Files.getPosixFilePermissions(jna)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    private static String classPathWithout(String artifact) {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith(artifact)).toList();
        assertThat(entries).as("the build's class path has %s to remove", artifact)
                .hasSizeLessThan(System.getProperty("java.class.path").split(File.pathSeparator).length);
        return String.join(File.pathSeparator, entries);
    }

    private Child run(String classPath) throws IOException, InterruptedException {
        return run(classPath, "-Djna.tmpdir=" + directory.resolve("jna"));
    }

    private Child run(String classPath, String temporaryDirectory) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", temporaryDirectory,
                // JDK 24+ warns when JNA loads its library without it: that warning is not SLF4J's.
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, Main.class.getName()));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child JVM did not end in 60 s: " + command);
        }
        Child child = new Child(Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8).stream().collect(Collectors.joining("\n")));
        assertThat(process.exitValue()).as("exit code; %s", child).isZero();
        return child;
    }

    private record Child(List<String> out, String err) {
    }

    /** The child: reads the operating system through OSHI, as a trial's sensor does. */
    static final class Main {

        public static void main(String[] args) {
            OshiSystemInfo systemInfo = OshiSystemInfo.create();
            System.out.println("processes seen: " + (systemInfo.provider().getOperatingSystem().getProcessCount() > 0));
            System.out.println(OshiSystemInfo.SLF4J_VERBOSITY_PROPERTY + "="
                    + System.getProperty(OshiSystemInfo.SLF4J_VERBOSITY_PROPERTY));
            System.out.println(OshiSystemInfo.JNA_TMPDIR_PROPERTY + "="
                    + System.getProperty(OshiSystemInfo.JNA_TMPDIR_PROPERTY));
        }
    }
}
