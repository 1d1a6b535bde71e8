package dev.panicattack.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * panic-core and panic-junit as named modules: what they export, and a user's test module
 * ({@code src/test/modules/sample.checkout}) compiled and run on the module path in a JVM of its own,
 * where a test under CPU pressure passes and a deadlock is diagnosed.
 */
class ModulePathTest {

    private static final Path SAMPLE = Path.of("src/test/modules/sample.checkout");

    @Test
    void theCoreExportsItsApiAndLendsItsMachineryToTheJUnitModuleOnly() {
        ModuleDescriptor core = explicitModules().get("dev.panicattack.core").descriptor();

        Map<String, Set<String>> qualified = core.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertThat(qualified).containsOnlyKeys("dev.panicattack.internal.classpath", "dev.panicattack.internal.text",
                "dev.panicattack.trial")
                .allSatisfy((name, targets) -> assertThat(targets).containsExactly("dev.panicattack.junit"));
        Set<String> api = core.exports().stream().filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(api).contains("dev.panicattack.constraint", "dev.panicattack.pressure", "dev.panicattack.signature",
                "dev.panicattack.fuse", "dev.panicattack.breakingpoint")
                .noneMatch(name -> name.startsWith("dev.panicattack.internal"))
                .doesNotContain("dev.panicattack.probe", "dev.panicattack.trial");
        assertThat(explicitModules().get("dev.panicattack.junit").descriptor().exports())
                .map(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.panicattack.junit", "dev.panicattack.junit.fuse");
    }

    @Test
    void aTestModuleRunsUnderPressureAndIsDiagnosedOnTheModulePath(@TempDir Path work) throws Exception {
        String modulePath = explicitModules().values().stream()
                .map(module -> Path.of(module.location().orElseThrow()).toString()).distinct()
                .collect(Collectors.joining(File.pathSeparator));
        Path classes = work.resolve("classes");
        compile(modulePath, classes);

        Path reports = work.resolve("reports");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true",
                "-Dpanic.reports.directory=" + reports, "-Djna.tmpdir=" + work.resolve("jna"),
                "--enable-native-access=com.sun.jna",
                "--module-path", modulePath + File.pathSeparator + classes,
                "--module", "sample.checkout/sample.checkout.RunTests");
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        Process child = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = child.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(out) + "\n--- stderr\n" + Files.readString(err);

        assertThat(ended).as("the module-path JVM ended in time:\n%s", output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).as(output)
                .contains("test\ttotalsTheBasketUnderCpuPressure()\tSUCCESSFUL\t", "end")
                .anyMatch(line -> line.startsWith(
                        "test\ttransfersBetweenTwoAccountsAtOnce()\tFAILED\tpanic: DEADLOCK (confidence "));
    }

    private static void compile(String modulePath, Path classes) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        List<String> arguments = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--module-path", modulePath,
                "-d", classes.toString()));
        arguments.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("javac %s", arguments).isZero();
    }

    /**
     * The test class path's entries that are explicit modules, by name, the first of each name.
     * Automatic modules are left out: they are named from file names and some would clash.
     */
    private static Map<String, ModuleReference> explicitModules() {
        Map<String, ModuleReference> modules = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Optional<ModuleReference> found = ModuleFinder.of(Path.of(entry)).findAll().stream().findFirst();
            found.filter(module -> !module.descriptor().isAutomatic())
                    .ifPresent(module -> modules.putIfAbsent(module.descriptor().name(), module));
        }
        return modules;
    }
}
