package dev.panicattack.realbugs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.panicattack.signature.BugClass;

/**
 * Marks a real-bug case: a test class reproducing a documented bug of a third-party release (or of
 * the JDK). {@code panic-bench/run real-bugs} (docs/real-bugs.md) runs the class once with the {@link #buggy()} release's
 * jars and once with the {@link #fixed()} release's (each with its own transitive dependencies): the
 * buggy run must fail classified as {@link #expected()}, the fixed run must pass with no signature.
 *
 * <p>A case class has exactly one test method. A JDK-only case has {@code artifact = ""}, {@code buggy = ""} and {@code fixed = ""}: it runs once,
 * on the JDK running the benchmark, without a control.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RealBug {

    /** {@code groupId:artifactId} of the library holding the bug; empty for a bug of the JDK. */
    String artifact();

    /** The release that has the bug; empty for a bug of the JDK. */
    String buggy();

    /**
     * The release that fixed it; empty for a bug of the JDK. The module compiles against it (against
     * the fixed release of one of them, when several cases use one library).
     */
    String fixed();

    /** The class the buggy run must be classified as. */
    BugClass expected();

    /** Where the bug is documented: the issue tracker's or the CVE's URL. */
    String issue();

    /**
     * Options of the JVM the case runs in, as a build's test JVM would set them ({@code argLine}), for
     * example {@code -XX:MaxMetaspaceSize=64m}; the benchmark adds them to its own. None by default.
     */
    String[] jvmOptions() default {};
}
