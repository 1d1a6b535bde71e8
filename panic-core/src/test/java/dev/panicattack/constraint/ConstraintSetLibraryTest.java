package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstraintSetLibraryTest {

    private static final List<String> BUILT_INS =
            List.of("cpu-saturation", "cpu-spikes", "heap-pressure", "hot-and-leaking", "memory-leak");
    private static final Spikes TEN_SECOND_SPIKES = new Spikes(100, Duration.ofSeconds(10), Duration.ofSeconds(2));

    /** Only the fixture directory: the test class path itself stays free of user sets. */
    private URLClassLoader userSets;
    private ConstraintSetLibrary library;

    @BeforeEach
    void openFixtureClassPath() throws URISyntaxException, IOException {
        userSets = new URLClassLoader(new URL[] {fixtureRoot("user-sets")}, null);
        library = ConstraintSetLibrary.fromClassLoader(userSets);
    }

    @AfterEach
    void closeFixtureClassPath() throws IOException {
        userSets.close();
    }

    private static URL fixtureRoot(String name) throws URISyntaxException, IOException {
        URL url = ConstraintSetLibraryTest.class.getResource("fixtures/" + name);
        // Path.toUri ends a directory with '/', which URLClassLoader needs to treat it as one.
        return Path.of(url.toURI()).toUri().toURL();
    }

    @Test
    void everyBuiltInLoadsAsDescribed() {
        ConstraintSetLibrary builtIns = ConstraintSetLibrary.fromClassLoader(getClass().getClassLoader());

        assertThat(builtIns.availableNames()).containsAll(BUILT_INS);
        assertThat(builtIns.load("cpu-saturation").cpu()).contains(CpuConstraint.ofLoad(95));
        assertThat(builtIns.load("cpu-spikes").cpu()).contains(CpuConstraint.ofLoad(50).withSpikes(TEN_SECOND_SPIKES));
        assertThat(builtIns.load("heap-pressure").memory()).contains(MemoryConstraint.none().withHeap(80));
        assertThat(builtIns.load("memory-leak").memory())
                .contains(MemoryConstraint.none().withLeakRate(2).withCeiling(95));
        Constraints hot = builtIns.load("hot-and-leaking");
        assertThat(hot.cpu()).contains(CpuConstraint.ofLoad(80).withSpikes(TEN_SECOND_SPIKES));
        assertThat(hot.memory()).contains(new MemoryConstraint(OptionalInt.of(70), OptionalDouble.of(2), OptionalInt.of(95)));
        // The index and the files agree: every listed name loads under its own name.
        for (String name : builtIns.availableNames()) {
            assertThat(builtIns.load(name).name()).isEqualTo(name);
        }
        assertThat(builtIns.load("thundering-herd").concurrency()).contains(ConcurrencyConstraint.none()
                .withParallel(16).withContenders(8).withNoise(5));
        Constraints neighbour = builtIns.load("noisy-neighbour");
        assertThat(neighbour.cpu()).contains(CpuConstraint.ofLoad(60));
        assertThat(neighbour.concurrency()).contains(ConcurrencyConstraint.none().withContenders(4)
                .withCommonPool(ConcurrencyConstraint.WHOLE_COMMON_POOL));
        assertThat(neighbour.description()).isPresent();
        assertThat(builtIns.load("thundering-herd").description()).isPresent();
        for (String name : BUILT_INS) {
            Constraints set = builtIns.load(name);
            assertThat(set.name()).isEqualTo(name);
            assertThat(set.description()).isPresent();
            assertThat(set.network()).isEmpty();
            assertThat(set.disk()).isEmpty();
            assertThat(set.concurrency()).isEmpty();
            assertThat(set.time()).isEmpty();
        }
    }

    @Test
    void userSetShadowsTheBuiltInOfTheSameName() {
        Constraints set = library.load("cpu-saturation");

        assertThat(set.cpu()).contains(CpuConstraint.ofLoad(60));
        assertThat(set.description()).contains("A user's own cpu-saturation, shadowing the built-in one");
    }

    @Test
    void builtInsAreFoundWhateverLoaderHoldsTheUserSets() {
        assertThat(library.load("heap-pressure").memory()).contains(MemoryConstraint.none().withHeap(80));
    }

    @Test
    void extendsChainIsMergedFieldByFieldChildWinning() {
        Constraints child = library.load("child");

        assertThat(child.name()).isEqualTo("child");
        assertThat(child.description()).contains("Three generations");
        assertThat(child.cpu()).contains(CpuConstraint.ofLoad(40).withSpikes(TEN_SECOND_SPIKES));
        assertThat(child.memory()).contains(new MemoryConstraint(OptionalInt.of(50), OptionalDouble.empty(), OptionalInt.of(90)));
        assertThat(child.network()).contains(new NetworkConstraint(Optional.of(Duration.ofMillis(10)), Optional.empty(),
                OptionalDouble.empty()));
        assertThat(library.load("middle").description()).contains("The root of the extends chain");
    }

    @Test
    void theHeadlineExampleOfTheDocsLoadsAndResolves() throws URISyntaxException, IOException {
        try (URLClassLoader docsSets = new URLClassLoader(new URL[] {fixtureRoot("docs-sets")}, null)) {
            Constraints set = ConstraintSetLibrary.fromClassLoader(docsSets).load("peak-hour");

            // The ramp replaces the load of cpu-spikes; its spikes stay.
            assertThat(set.cpu()).contains(new CpuConstraint(OptionalInt.empty(), Optional.of(TEN_SECOND_SPIKES),
                    Optional.of(new Ramp(0, 80, Duration.ofSeconds(30)))));
            assertThat(set.concurrency().orElseThrow().noise()).hasValue(5);
            assertThat(set.network().orElseThrow().seed()).hasValue(42);
            assertThat(dev.panicattack.pressure.PressurePlan.resolve(set, dev.panicattack.subject.Subject.of("com.acme")).describe())
                    .contains("cpu ramp 0% to 80% over 30s");
        }
    }

    @Test
    void severalParentsAreMergedInOrderLaterWinning() {
        Constraints multi = library.load("multi");

        assertThat(multi.name()).isEqualTo("multi");
        assertThat(multi.cpu()).contains(CpuConstraint.ofLoad(40));
        assertThat(multi.memory()).contains(new MemoryConstraint(OptionalInt.of(80), OptionalDouble.empty(), OptionalInt.of(90)));
        assertThat(multi.time()).contains(new TimeConstraint(Optional.of(Duration.ofSeconds(-30))));
        assertThat(multi.description()).contains(library.load("heap-pressure").description().orElseThrow());
    }

    @Test
    void cycleIsReportedWithTheWholeChainAtTheClosingExtendsKey() {
        ConstraintSetException e = catchThrowableOfType(ConstraintSetException.class, () -> library.load("cycle-a"));

        assertThat(e).hasMessage("panic/constraint-sets/cycle-b.yaml:2:1: extends: cycle cycle-a -> cycle-b -> cycle-a; "
                + "a set cannot extend itself, directly or through other sets");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.key()).isEqualTo("extends");
        assertThatThrownBy(() -> library.load("self"))
                .hasMessage("panic/constraint-sets/self.yaml:2:1: extends: cycle self -> self; "
                        + "a set cannot extend itself, directly or through other sets");
    }

    @Test
    void unknownNameListsEverySetFound() {
        assertThatThrownBy(() -> library.load("nope"))
                .isInstanceOf(ConstraintSetException.class)
                .hasMessage("no constraint set named 'nope' (looked for panic/constraint-sets/nope.yaml on the class path, "
                        + "then the built-in sets); available: base, broken-parent, child, clock-jump, cpu-saturation, cpu-spikes, "
                        + "cycle-a, cycle-b, disk-full, heap-pressure, hot-and-leaking, invalid, invalid-parent, memory-leak, middle, "
                        + "multi, network-partition, noisy-neighbour, production-spike, self, slow-dependency, thundering-herd, wrong-name");
    }

    @Test
    void unknownNameNoticesAYmlFile() {
        assertThatThrownBy(() -> library.load("typo"))
                .hasMessageEndingWith("; found panic/constraint-sets/typo.yml: rename it to typo.yaml");
    }

    @Test
    void unknownParentIsReportedWhereItIsNamed() {
        ConstraintSetException e = catchThrowableOfType(ConstraintSetException.class, () -> library.load("broken-parent"));

        assertThat(e.getMessage()).startsWith("panic/constraint-sets/broken-parent.yaml:2:17: extends: "
                + "no constraint set named 'no-such-set' (looked for panic/constraint-sets/no-such-set.yaml");
        assertThat(e.key()).isEqualTo("extends");
    }

    @Test
    void errorInAParentPointsAtTheParentsFile() {
        assertThatThrownBy(() -> library.load("invalid-parent"))
                .hasMessage("panic/constraint-sets/invalid.yaml:3:3: cpu.lod: unknown key 'lod'; did you mean 'load'? "
                        + "(valid keys: load, spikes, ramp)");
    }

    @Test
    void nameInTheFileMustMatchTheFileName() {
        assertThatThrownBy(() -> library.load("wrong-name"))
                .hasMessage("panic/constraint-sets/wrong-name.yaml:1:7: name: 'right-name' does not match the file name "
                        + "'wrong-name.yaml'; write 'name: wrong-name' or rename the file");
    }

    @Test
    void malformedNamesAreRejectedBeforeAnyLookup() {
        ConstraintSetException e = catchThrowableOfType(ConstraintSetException.class, () -> library.load("Upper-Case"));

        assertThat(e).hasMessage("'Upper-Case' is not a valid constraint-set name; use lower-case letters, digits and '-', "
                + "starting with a letter or digit (for example cpu-spikes)");
        assertThat(e.source()).isEmpty();
        assertThat(e.line()).isZero();
        assertThatThrownBy(() -> library.load("../secret")).hasMessageStartingWith("'../secret' is not a valid");
        assertThatThrownBy(() -> library.load("-x")).hasMessageStartingWith("'-x' is not a valid");
    }

    @Test
    void loadAllMergesLaterOverEarlierUnderAJoinedName() {
        Constraints merged = library.loadAll(List.of("cpu-spikes", "base", "memory-leak"));

        assertThat(merged.name()).isEqualTo("cpu-spikes+base+memory-leak");
        assertThat(merged.cpu()).contains(CpuConstraint.ofLoad(40).withSpikes(TEN_SECOND_SPIKES));
        assertThat(merged.memory()).contains(new MemoryConstraint(OptionalInt.of(30), OptionalDouble.of(2), OptionalInt.of(95)));
        assertThat(merged.description()).isEqualTo(library.load("memory-leak").description());
        assertThat(library.loadAll(List.of("base"))).isEqualTo(library.load("base"));
        assertThatThrownBy(() -> library.loadAll(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loadAll needs at least one constraint-set name, but the list was empty");
    }

    @Test
    void availableNamesListsDirectoriesAndBuiltInsSortedSkippingOtherFiles() {
        assertThat(library.availableNames()).containsExactly(
                "base", "broken-parent", "child", "clock-jump", "cpu-saturation", "cpu-spikes", "cycle-a", "cycle-b",
                "disk-full", "heap-pressure", "hot-and-leaking", "invalid", "invalid-parent", "memory-leak",
                "middle", "multi", "network-partition", "noisy-neighbour", "production-spike", "self", "slow-dependency", "thundering-herd",
                "wrong-name");
    }

    @Test
    void setsInAJarAreListedAndLoaded(@TempDir Path temp) throws IOException, URISyntaxException {
        Path jar = temp.resolve("sets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("panic/"));
            out.putNextEntry(new JarEntry("panic/constraint-sets/"));
            write(out, "panic/constraint-sets/from-jar.yaml", "name: from-jar\nextends: base\nmemory: { heap: 65 }\n");
            write(out, "panic/constraint-sets/notes.txt", "not a set\n");
            out.putNextEntry(new JarEntry("panic/constraint-sets/nested/"));
            write(out, "panic/constraint-sets/nested/deep.yaml", "name: deep\n");
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL(), fixtureRoot("user-sets")}, null)) {
            ConstraintSetLibrary fromJar = ConstraintSetLibrary.fromClassLoader(loader);

            assertThat(fromJar.availableNames()).contains("from-jar", "base", "cpu-spikes").doesNotContain("deep", "notes");
            Constraints set = fromJar.load("from-jar");
            assertThat(set.cpu()).contains(CpuConstraint.ofLoad(40));
            assertThat(set.memory()).contains(new MemoryConstraint(OptionalInt.of(65), OptionalDouble.empty(), OptionalInt.of(90)));
        }
    }

    private static void write(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
