package dev.panicattack.junit.fuse;

import java.util.Objects;
import java.util.Optional;
import org.assertj.core.description.Description;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

/**
 * The error-message factories of {@link FuseAssert}, one per broken expectation. Messages are built
 * whole here (expected, observed, then the timeline) and passed through verbatim.
 */
final class FuseErrors {

    private FuseErrors() {
    }

    /**
     * The pressure an assertion ran under: its name in the first line ({@code cpu 80%}, {@code the
     * caller's pressure}) and, when the library measured it, the line saying what was achieved.
     */
    record Pressure(String named, Optional<String> achieved) {

        Pressure {
            Objects.requireNonNull(named, "named");
            Objects.requireNonNull(achieved, "achieved");
        }

        /** Pressure the library neither applied nor measured. */
        static Pressure unmeasured(String named) {
            return new Pressure(named, Optional.empty());
        }

        /** The achieved line with its line break, or nothing. */
        String achievedLine() {
            return achieved.map(line -> line + "\n").orElse("");
        }
    }

    static ErrorMessageFactory shouldTrip(String fuse, String within, Pressure under, FuseRun.Report report,
            String outcomes) {
        return verbatim("Expecting " + fuse + " to trip (OPEN) within " + within + " under " + under.named()
                + ",\nbut it was " + report.timeline().last().state() + " after " + calls(report.calls()) + " and "
                + FuseTimeline.seconds(report.elapsed()) + " (" + outcomes + ").\n" + under.achievedLine()
                + report.timeline());
    }

    static ErrorMessageFactory shouldShed(String fuse, double percent, String of, String rejection, Pressure under,
            FuseRun.Report report, double shedPercent, String outcomes) {
        return verbatim("Expecting " + fuse + " to shed at least " + FuseAssert.percent(percent) + " of " + of
                + " with " + rejection + " under " + under.named() + ",\nbut it shed " + FuseAssert.percent(shedPercent)
                + " (" + report.rejected() + " of " + calls(report.calls()) + "; " + outcomes + ").\n"
                + under.achievedLine() + report.timeline());
    }

    static ErrorMessageFactory shouldStayTripped(String fuse, String within, Pressure under, FuseRun.Report report,
            String observed) {
        return verbatim("Expecting " + fuse + " to stay tripped (OPEN or HALF_OPEN) for " + within + " under "
                + under.named() + ",\nbut " + observed + ".\n" + under.achievedLine() + report.timeline());
    }

    static ErrorMessageFactory shouldRecover(String fuse, String expected, String within, FuseRun.Report report,
            String observed) {
        return verbatim("Expecting " + fuse + " to " + expected + " within " + within
                + " after pressure lifted,\nbut " + observed + ".\n" + report.timeline());
    }

    static String calls(long calls) {
        return calls + (calls == 1 ? " call" : " calls");
    }

    /** The message as built, after the assertion's description ({@code as(...)}) when there is one. */
    private static ErrorMessageFactory verbatim(String message) {
        return new Verbatim(message);
    }

    /** Passes the message through unformatted (it holds percent signs) after the description. */
    private static final class Verbatim extends BasicErrorMessageFactory {

        private final String message;

        Verbatim(String message) {
            super("%s", message);
            this.message = message;
        }

        @Override
        public String create(Description description, Representation representation) {
            String text = description == null ? "" : description.value();
            return text == null || text.isEmpty() ? message : "[" + text + "] " + message;
        }
    }
}
