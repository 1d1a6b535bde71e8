package dev.panicattack.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a report shows of the failure: the thrown exception and its chain of causes, as text, so a
 * report can be written (and read back) without holding the live {@link Throwable}.
 *
 * @param exceptionClass fully qualified class name of the thrown exception
 * @param message        its message, empty when it had none
 * @param stackTrace     its own frames, one {@code at ...} per line (causes not included)
 * @param causes         the causes, outermost first, each with its own frames
 */
public record FailureView(String exceptionClass, Optional<String> message, String stackTrace, List<Cause> causes) {

    public FailureView {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stackTrace, "stackTrace");
        causes = List.copyOf(causes);
    }

    /**
     * One cause in the chain.
     *
     * @param exceptionClass fully qualified class name
     * @param message        its message, empty when it had none
     * @param stackTrace     its own frames, one {@code at ...} per line
     */
    public record Cause(String exceptionClass, Optional<String> message, String stackTrace) {

        public Cause {
            Objects.requireNonNull(exceptionClass, "exceptionClass");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(stackTrace, "stackTrace");
        }
    }

    /** A failure without causes. */
    public static FailureView of(String exceptionClass, String message, String stackTrace) {
        return new FailureView(exceptionClass, Optional.ofNullable(message), stackTrace, List.of());
    }

    /** Captures a throwable and its cause chain (a cyclic chain is cut where it repeats). */
    public static FailureView of(Throwable thrown) {
        Objects.requireNonNull(thrown, "thrown");
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(thrown);
        List<Cause> causes = new ArrayList<>();
        for (Throwable cause = thrown.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            causes.add(new Cause(cause.getClass().getName(), Optional.ofNullable(cause.getMessage()), frames(cause)));
        }
        return new FailureView(thrown.getClass().getName(), Optional.ofNullable(thrown.getMessage()),
                frames(thrown), causes);
    }

    /** {@code java.lang.IllegalStateException: message}, as a stack trace's first line reads. */
    public String headline() {
        return message.map(text -> exceptionClass + ": " + text).orElse(exceptionClass);
    }

    private static String frames(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            text.append("at ").append(frame).append('\n');
        }
        return text.toString();
    }
}
