package dev.panicattack.junit;

import java.util.Locale;
import java.util.Objects;

import org.opentest4j.AssertionFailedError;

import dev.panicattack.signature.BugClass;

/**
 * A test failure classified by panic-attack. The first line of the message is exactly
 * {@code panic: <BUG_CLASS> (confidence 0.NN) under <pressure>}, where the pressure names where it was
 * declared and what it was: {@code production-spike (cpu 80%, ...)} for a set,
 * {@code production-spike + @UnderPressure (cpu 90%, ...)} for a set merged with attributes (sources in
 * merge order), {@code cpu 80%, ...} for attributes alone, {@code ...; in code: cpu 30%} for changes made
 * in code, {@code no pressure} for none (docs/diagnose.md). It is followed by
 * the original failure's message, the proof (the derivation tree, naming the facts it rests on with
 * their times and values), where the fix belongs ({@code fix:} lines naming the code locations the
 * proof's evidence holds: {@link dev.panicattack.signature.Remedy}), and where the report was written. The original failure, when there was
 * one, is the cause; for a hang the cause carries the stuck thread's stack.
 */
public final class PanicSignatureError extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    private final BugClass bugClass;
    private final double confidence;

    public PanicSignatureError(BugClass bugClass, double confidence, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.bugClass = Objects.requireNonNull(bugClass, "bugClass");
        this.confidence = confidence;
    }

    /** The first line of the message, exactly as specified. */
    public static String headline(BugClass bugClass, double confidence, String pressure) {
        return "panic: " + bugClass + " (confidence " + String.format(Locale.ROOT, "%.2f", confidence) + ") under "
                + pressure;
    }

    public BugClass bugClass() {
        return bugClass;
    }

    public double confidence() {
        return confidence;
    }
}
