package dev.panicattack.bench;

import java.util.List;
import java.util.Objects;

import dev.panicattack.signature.BugClass;

/**
 * One case of the real-bug corpus, as its {@code @RealBug} annotation describes it: the test class,
 * the library ({@code groupId:artifactId}, empty for a bug of the JDK), the buggy and fixed releases,
 * the class the buggy run must be classified as, where the bug is documented, and the options of the
 * JVM it runs in.
 */
record RealBugCase(String testClass, String artifact, String buggy, String fixed, BugClass expected, String issue,
        List<String> jvmOptions) {

    /** Which release a run puts on the class path. */
    enum Release {
        /** The release with the bug: must fail classified as the expected class. */
        BUGGY,
        /** The release that fixed it: must pass with no signature. */
        FIXED,
        /** A bug of the JDK: one run on the JDK running the benchmark, no control. */
        JDK;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    RealBugCase {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(expected, "expected");
        jvmOptions = List.copyOf(jvmOptions);
    }

    boolean jdk() {
        return artifact.isEmpty();
    }

    /** The runs this case gets: buggy and fixed, or the one JDK run. */
    List<Release> releases() {
        return jdk() ? List.of(Release.JDK) : List.of(Release.BUGGY, Release.FIXED);
    }

    /** {@code groupId:artifactId:version} of the release, for a library case. */
    String coordinates(Release release) {
        if (release == Release.JDK) {
            throw new IllegalArgumentException(testClass + " is a JDK case: it has no coordinates");
        }
        return artifact + ":" + (release == Release.BUGGY ? buggy : fixed);
    }

    /** The version a run uses: the release's, or the running JDK's. */
    String version(Release release) {
        return switch (release) {
            case BUGGY -> buggy;
            case FIXED -> fixed;
            case JDK -> "jdk-" + Runtime.version().feature();
        };
    }

    /** The class name without its package, prefixed by its family: {@code library.SharedSimpleDateFormatTest}. */
    String shortName() {
        return testClass.substring(RealBugCatalogue.ROOT_PACKAGE.length() + 1);
    }
}
