package dev.panicattack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.panicattack.corruption.CorruptedInput;
import dev.panicattack.corruption.CorruptionKind;

/**
 * Runs the annotated method once per corrupted variant of a class-path resource, like a
 * parameterized test: each invocation is named after its variant ({@code bit-flip#7 (seed 49)}) and
 * receives it as a {@link CorruptedInput}, a {@code byte[]} or an {@link java.io.InputStream}. The
 * method must declare exactly one parameter of those types.
 *
 * <p>Variant {@code i} (from 0) is of kind {@code kinds()[i % kinds().length]} with seed
 * {@code seed() + i}; the same annotation gives the same bytes on every run. To replay one variant
 * alone, set {@code kinds} to its kind, {@code seed} to the seed in its name and {@code variants = 1}.
 *
 * <p>Implies {@link Diagnose} (a method's own {@code @Diagnose} takes precedence). Each invocation
 * records {@code input_corrupted(name, kind, seed)} and {@code documented_error(type)} for each
 * {@link #documented()} type, so that an unchecked exception that is not documented is classified
 * {@code MALFORMED_INPUT_CRASH}; a documented error, caught or escaping, is not.
 *
 * <p><b>Scope.</b> Methods only; composable as a meta-annotation. User guide:
 * {@code docs/corrupted-input.md}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@Diagnose
// The extension is package-private: JUnit creates it reflectively through the opened package.
@SuppressWarnings("exports")
@ExtendWith(CorruptedInputExtension.class)
public @interface CorruptedInputTest {

    /** The original input: a class-path resource path such as {@code orders/order.json}, from the class-path root (a leading {@code /} is ignored). Required. */
    String resource();

    /** The kinds of corruption, used in turn. Default: all of them. */
    CorruptionKind[] kinds() default {CorruptionKind.BIT_FLIP, CorruptionKind.TRUNCATION, CorruptionKind.DEEP_NESTING,
        CorruptionKind.HUGE_LENGTH, CorruptionKind.INVALID_UTF8, CorruptionKind.BOUNDARY_NUMBERS};

    /** How many variants (invocations), between 1 and {@value CorruptedInput#MAX_VARIANTS}. Default 12. */
    int variants() default 12;

    /** The seed of the first variant; variant {@code i} uses {@code seed + i}. Default 0. */
    long seed() default 0;

    /** The error types the code under test documents for bad input: these, and their subtypes, are not crashes. */
    Class<? extends Throwable>[] documented() default {};
}
