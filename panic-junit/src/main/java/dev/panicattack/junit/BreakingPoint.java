package dev.panicattack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.panicattack.breakingpoint.SearchSettings;

/**
 * Makes the annotated method a test that finds where it starts failing on one axis: a search over
 * trials of the method itself, each run through the JUnit Platform Launcher under one level of
 * {@link #axis()} (given to the trial as {@value PanicConfiguration#BREAKING_POINT_LEVEL_PROPERTY_NAME},
 * merged last over the pressure the method declares). Levels of {@code jvm.maxHeap} and
 * {@code memory.leakRate} run in a fresh JVM per trial; the others in this JVM, the first trial's
 * result discarded as warm-up. The search checks both ends of the range, then bisects, deciding each
 * level with a sequential test on its failure rate, until the interval is no wider than the resolution.
 *
 * <p>The test passes, publishing the summary as the report entry
 * {@value PanicConfiguration#BREAKING_POINT_REPORT_ENTRY}, whose first line is for example
 * {@code breaking point: network latency 103 ms (100-105, 95%); at 105 ms: UNCLASSIFIED}. It fails
 * with that summary as its message when {@link #requireAbove()} is set and the test was decided
 * failing at or below it (or {@link #requireBelow()} and failing at or above it), and before any trial when an attribute is invalid (an unknown axis, an empty,
 * inverted or out-of-range range, a resolution finer than the axis's step, a malformed budget).
 *
 * <p>Scope: a method, or an annotation of your own. The method is a {@code @Test} (this annotation
 * carries it); each trial runs its {@code @BeforeEach}/{@code @AfterEach} and class callbacks as a run
 * of its own would. Under parallel execution it holds JUnit's global resource lock: nothing runs beside
 * a search. With {@value PanicConfiguration#BREAKING_POINT_LEVEL_PROPERTY_NAME} set for the whole run,
 * the method runs once under that level instead of searching.
 *
 * <p>User guide: {@code docs/breaking-points.md}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
// The extension is package-private: JUnit creates it reflectively through the opened package.
@SuppressWarnings("exports")
@ExtendWith({BreakingPointExtension.class, TrialExtension.class})
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface BreakingPoint {

    /**
     * The axis, by its constraint key: {@code cpu.load}, {@code memory.heap}, {@code memory.leakRate},
     * {@code jvm.maxHeap}, {@code network.latency}, {@code network.loss}, {@code disk.fill},
     * {@code disk.latency}, {@code concurrency.contenders} or {@code time.skew}.
     */
    String axis();

    /**
     * The start of the range, in the axis's unit; the test should pass there (on {@code jvm.maxHeap}, which
     * breaks as the level falls: fail there for a breaking point to be found).
     */
    double from();

    /**
     * The end of the range, in the axis's unit; the test should fail there for a breaking point to be found
     * (on {@code jvm.maxHeap}: pass there; the search starts at this end).
     */
    double to();

    /** The search stops when the interval is no wider than this, in the axis's unit; {@code 0} (the default) is the axis's own default. */
    double resolution() default 0;

    /**
     * The level up to which the test must keep passing: the test fails when it was decided failing at or
     * below it. {@code NaN}, the default, sets no bound. Refused on {@code jvm.maxHeap}, which breaks as the
     * level falls: use {@link #requireBelow()} there.
     */
    double requireAbove() default Double.NaN;

    /**
     * The level down to which the test must keep passing, on an axis that breaks as the level falls
     * ({@code jvm.maxHeap}): the test fails when it was decided failing at or above it. {@code NaN}, the
     * default, sets no bound. Set on an axis that breaks as the level rises, it is refused before any trial.
     */
    double requireBelow() default Double.NaN;

    /** The most trials of the whole search. */
    int maxTrials() default SearchSettings.DEFAULT_MAX_TRIALS;

    /** The longest the whole search runs, as constraint sets write a duration: {@code 30s}, {@code 5m}, {@code 1h}. */
    String budget() default "10m";
}
