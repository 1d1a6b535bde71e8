package dev.panicattack.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.probe.fixtures.Subject;

class ProbeSubjectTest {

    private static final ClassLoader LOADER = ProbeSubjectTest.class.getClassLoader();

    private static ProbeSubject resolve(String... names) {
        return ProbeSubject.resolve("@Diagnose(subject)", "OrderTest.place()", List.of(names), LOADER);
    }

    @Test
    void aClassNameIsAClassAndCoversItsNestedClassesOnly() {
        ProbeSubject subject = resolve(Subject.class.getName());

        assertThat(subject.classes()).containsExactly(Subject.class.getName());
        assertThat(subject.packages()).isEmpty();
        assertThat(subject.matches(Subject.class.getName())).isTrue();
        assertThat(subject.matches(Subject.class.getName() + "$Inner")).isTrue();
        assertThat(subject.matches(Subject.class.getName() + "Helper")).isFalse();
    }

    @Test
    void aPackageNameCoversItsClassesAndSubpackages() {
        ProbeSubject subject = resolve("dev.panicattack.probe");

        assertThat(subject.packages()).containsExactly("dev.panicattack.probe");
        assertThat(subject.matches(Subject.class.getName())).isTrue();
        assertThat(subject.matches("dev.panicattack.probeX.Other")).isFalse();
    }

    @Test
    void aPackageInAJarIsFound() {
        assertThat(resolve("org.assertj.core.api").packages()).containsExactly("org.assertj.core.api");
    }

    @Test
    void theDefaultIsTheTestClassPackage() {
        assertThat(ProbeSubject.packageOf(ProbeSubjectTest.class).names()).containsExactly("dev.panicattack.probe");
    }

    @Test
    void aNameOfNoLoadableClassNamesTheAttributeTheValueAndTheFix() {
        assertThatThrownBy(() -> resolve("com.acme.nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Diagnose(subject) names 'com.acme.nowhere', which is neither a loadable class nor a package"
                        + " with classes on the test's class path, on OrderTest.place(); check the spelling, or name a"
                        + " class (com.acme.orders.OrderService) or a package (com.acme.orders)");
    }

    @Test
    void aBlankNameIsRejected() {
        assertThatThrownBy(() -> resolve(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Diagnose(subject) must name classes or packages, but contained ' ' on OrderTest.place();"
                        + " write a class (com.acme.orders.OrderService) or a package (com.acme.orders)");
    }
}
