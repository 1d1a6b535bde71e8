package dev.panicattack.pressure;

import dev.panicattack.pressure.axis.Stressor;
import java.util.ArrayList;
import java.util.List;

/**
 * Pressure that could not all be released: stopping one or more stressors threw. It is thrown only
 * after every stressor was asked to stop, so every axis it does not name was released. The first
 * failure is its cause; each later one is suppressed in this exception. Thrown by {@link PressureSession#close()}
 * and by {@link PressureControl}'s {@code close}, {@code release}, {@code releaseAll} and (for the
 * stressor it replaces) {@code apply}.
 */
public final class PressureReleaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The axes whose stressor failed to stop (an array: serializable as it is). */
    private final String[] axes;

    private PressureReleaseException(String message, List<String> axes, Throwable cause) {
        super(message, cause);
        this.axes = axes.toArray(String[]::new);
    }

    /** The axes whose stressor threw while stopping, in the order they were stopped. */
    public List<String> axes() {
        return List.of(axes);
    }

    /**
     * Stops stressors one at a time, each even when an earlier one threw, and keeps what failed by
     * axis; {@link #finish()} throws a {@link PressureReleaseException} when anything did.
     */
    static final class Release {

        private final List<String> axes = new ArrayList<>();
        private final List<Throwable> failures = new ArrayList<>();
        private int stopped;

        /** Closes {@code stressor}; what it throws is kept and the caller goes on with the next one. */
        void stop(Stressor stressor) {
            stopped++;
            try {
                stressor.close();
            } catch (RuntimeException | Error e) {
                axes.add(stressor.axis().key());
                failures.add(e);
            }
        }

        /** Throws when any stressor failed to stop: the first failure as the cause, the later ones suppressed. */
        void finish() {
            if (failures.isEmpty()) {
                return;
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < axes.size(); i++) {
                parts.add(axes.get(i) + " (" + failures.get(i) + ")");
            }
            int released = stopped - failures.size();
            String others = released == 0 ? "" : "; the other " + released + (released == 1 ? " axis was" : " axes were")
                    + " released";
            PressureReleaseException thrown = new PressureReleaseException("could not release the pressure on "
                    + String.join(", ", parts) + others + ". What " + (failures.size() == 1 ? "that stressor still holds" : "those stressors still hold")
                    + " (threads, ballast, hooks in loaded classes) may act on later tests in this JVM: the cause says"
                    + " what failed; until it is fixed, run those tests in a fresh JVM", axes,
                    failures.get(0));
            failures.subList(1, failures.size()).forEach(thrown::addSuppressed);
            throw thrown;
        }
    }
}
