package dev.panicattack.signature;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.panicattack.evidence.Fact;

/**
 * Where the protection belongs, read from a signature's proof: what to do ({@link #action()}), the code
 * locations it applies to ({@link #sites()}, from the frames and code facts of the evidence the proof
 * names), what could not be located ({@link #unlocated()}, empty when nothing is missing), and the
 * evidence facts it rests on ({@link #grounds()}). Never derived from exception text.
 */
public record Remedy(String action, List<Site> sites, String unlocated, List<Fact> grounds) {

    /** Proof facts shown under a remedy in a failure message; all of them are in the report. */
    static final int GROUNDS_SHOWN = 3;

    public Remedy {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(unlocated, "unlocated");
        sites = List.copyOf(sites);
        grounds = List.copyOf(grounds);
        if (action.isBlank()) {
            throw new IllegalArgumentException("a remedy needs an action");
        }
        if (sites.isEmpty() && unlocated.isBlank()) {
            throw new IllegalArgumentException("a remedy with no site must say what it could not locate: " + action);
        }
    }

    /**
     * A code location and its part in the defect: {@code com.acme.Bank.transfer(Bank.java:42)} and
     * {@code thread "teller-1" waits here for ...}. A location is a frame as the evidence wrote it
     * ({@code pkg.Class.method(File.java:line)}, or {@code pkg.Class.method} where the evidence has no
     * line), or a place a code fact names ({@code pkg.Class.method (line 42)}), or a file or a
     * connection.
     */
    public record Site(String location, String role) {

        public Site {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(role, "role");
        }

        /** {@code at <location>: <role>}. */
        public String line() {
            return "at " + location + ": " + role;
        }
    }

    /** Whether the evidence named at least one code location. */
    public boolean located() {
        return !sites.isEmpty();
    }

    /**
     * The remedy as the lines of a failure message: {@code fix: <action>}, then indented one
     * {@code at <location>: <role>} per site, {@code not located: ...} when something is missing, and
     * {@code because <fact>} for the first three grounds (all of them are in the report).
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("fix: " + action);
        sites.forEach(site -> lines.add("  " + site.line()));
        if (!unlocated.isEmpty()) {
            lines.add("  not located: " + unlocated);
        }
        grounds.stream().limit(GROUNDS_SHOWN).forEach(fact -> lines.add("  because " + fact));
        if (grounds.size() > GROUNDS_SHOWN) {
            lines.add("  ... and " + (grounds.size() - GROUNDS_SHOWN) + " more facts in the report");
        }
        return List.copyOf(lines);
    }
}
