package dev.panicattack.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectTest {

    @Test
    void aPackageCoversItsClassesAndSubpackagesButNotItsNamesakes() {
        Subject subject = Subject.of("com.acme.orders");
        assertThat(subject.includes("com.acme.orders.OrderService")).isTrue();
        assertThat(subject.includes("com.acme.orders.db.Pool$Entry")).isTrue();
        assertThat(subject.includes("com.acme.ordersx.Other")).isFalse();
        assertThat(subject.includes("com.acme.Billing")).isFalse();
    }

    @Test
    void aClassCoversItselfAndItsNestedClasses() {
        Subject subject = Subject.of("com.acme.Cache");
        assertThat(subject.includes("com.acme.Cache")).isTrue();
        assertThat(subject.includes("com.acme.Cache$Entry")).isTrue();
        assertThat(subject.includes("com.acme.CacheLoader")).isFalse();
    }

    @Test
    void theDefaultIsTheTestClassPackage() {
        assertThat(Subject.packageOf(SubjectTest.class)).isEqualTo(Subject.of("dev.panicattack.subject"));
        assertThat(Subject.of().includes("anything.At.All")).isFalse();
    }

    @Test
    void aNameThatIsNoJavaNameIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Subject.of("com.acme.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject 'com.acme.*' is not a package or class name; name a package such as"
                        + " com.acme.orders or a class such as com.acme.orders.OrderService");
    }

    @Test
    void resolveAcceptsALoadableClassAndPackagesWithClassesInDirectoriesAndJars() {
        ClassLoader loader = SubjectTest.class.getClassLoader();
        Subject subject = Subject.of("dev.panicattack.probe.fixtures.Subject", "dev.panicattack.subject",
                "org.assertj.core.api");

        assertThat(subject.resolve(loader)).isSameAs(subject);
    }

    @Test
    void resolveNamesTheNameThatIsNeitherAClassNorAPackageWithClasses() {
        assertThatThrownBy(() -> Subject.of("dev.panicattack.subject", "com.acme.nowhere")
                .resolve(SubjectTest.class.getClassLoader()))
                .isInstanceOf(UnresolvedSubjectException.class)
                .hasMessage("subject 'com.acme.nowhere' is neither a loadable class nor a package with classes on the"
                        + " class path; check the spelling, or name a class (com.acme.orders.OrderService) or a package"
                        + " (com.acme.orders)")
                .extracting(failure -> ((UnresolvedSubjectException) failure).name()).isEqualTo("com.acme.nowhere");
    }

    @Test
    void aLoadedClassOfTheLibraryOrAGeneratedOneIsNeverTheSubject() {
        Subject library = Subject.of("dev.panicattack");
        assertThat(library.includes(Subject.class.getName())).isTrue();
        assertThat(library.includes(Subject.class)).isFalse();
        assertThat(library.includes(SubjectTest.class)).isTrue();
        assertThat(library.includes("dev.panicattack.subject.SubjectTest$$Lambda", SubjectTest.class.getProtectionDomain()))
                .isFalse();
    }
}
