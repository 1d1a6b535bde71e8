package dev.panicattack.examples.corpus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.panicattack.signature.BugClass;

/** Marks a corpus test whose program has a defect of this class: it must fail classified as exactly this. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Seeded {

    BugClass value();
}
