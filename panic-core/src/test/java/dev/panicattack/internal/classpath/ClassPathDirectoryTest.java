package dev.panicattack.internal.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClassPathDirectoryTest {

    private static final ClassLoader LOADER = ClassPathDirectoryTest.class.getClassLoader();

    @Test
    void aClassesDirectoryIsListedFileByFileOrAsATree() {
        ClassPathDirectory directory = ClassPathDirectory.of(LOADER, "dev/panicattack/internal");

        assertThat(directory.entries(ClassPathDirectory.Depth.FILES)).extracting(ClassPathEntry::name)
                .contains("dev/panicattack/internal/Teardown.class")
                .noneMatch(name -> name.startsWith("dev/panicattack/internal/classpath/"));
        assertThat(directory.entries(ClassPathDirectory.Depth.TREE)).extracting(ClassPathEntry::name)
                .contains("dev/panicattack/internal/classpath/ClassPathDirectoryTest.class",
                        "dev/panicattack/internal/classpath/ClassPathDirectory.class");
        assertThat(directory.holdsAny(".class")).isTrue();
    }

    @Test
    void aJarIsListedEntryByEntryAndItsFilesRead() {
        List<ClassPathEntry> entries = ClassPathDirectory.of(LOADER, "org/assertj/core/api/")
                .entries(ClassPathDirectory.Depth.FILES);

        ClassPathEntry assertions = entries.stream().filter(entry -> entry.fileName().equals("Assertions.class"))
                .findFirst().orElseThrow();
        assertThat(assertions.name()).isEqualTo("org/assertj/core/api/Assertions.class");
        assertThat(assertions.url().getProtocol()).isEqualTo("jar");
        assertThat(assertions.read()).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
        assertThat(entries).noneMatch(entry -> entry.name().substring("org/assertj/core/api/".length()).contains("/"));
    }

    @Test
    void theRootsHoldingADirectoryAreItsClassesDirectoriesAndJars() throws Exception {
        List<Path> roots = ClassPathDirectory.of(LOADER, "org/assertj/core/api").roots();
        assertThat(roots).singleElement().satisfies(jar -> assertThat(jar.getFileName().toString()).endsWith(".jar"));

        Path own = Path.of(ClassPathDirectoryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(ClassPathDirectory.of(LOADER, "dev/panicattack/internal/classpath").roots()).contains(own);
    }

    @Test
    void aMissingDirectoryHasNoEntriesAndNoRoots() {
        ClassPathDirectory missing = ClassPathDirectory.of(LOADER, "no/such/directory");
        assertThat(missing.entries(ClassPathDirectory.Depth.TREE)).isEmpty();
        assertThat(missing.roots()).isEmpty();
        assertThat(missing.holdsAny(".class")).isFalse();
    }

    @Test
    void aFileInADirectoryReadsAsItsBytes() throws Exception {
        ClassPathEntry entry = ClassPathDirectory.of(LOADER, "dev/panicattack/internal/classpath")
                .entries(ClassPathDirectory.Depth.FILES).stream()
                .filter(found -> found.fileName().equals("ClassPathDirectoryTest.class")).findFirst().orElseThrow();
        assertThat(entry.read()).isEqualTo(Files.readAllBytes(Path.of(entry.url().toURI())));
    }
}
