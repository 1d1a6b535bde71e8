package dev.panicattack.trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.panicattack.pressure.PressureSource;

/**
 * The pressure a trial ran under, as its verdict and report name it: where it was declared, the plan
 * it resolved to, and the changes made in code. Immutable.
 *
 * <p>{@link #describe()} is the text after {@code under} in a failure's first line:
 * <ul>
 *   <li>{@code production-spike (cpu 80%, heap 70% ...)}: the pressure came from a named set (the
 *       run-wide sets and the test's sets alike);</li>
 *   <li>{@code production-spike + @UnderPressure (cpu 90%, ...)}: several sources, listed in the order
 *       they were merged, each overriding the ones before it, then the merged plan;</li>
 *   <li>{@code cpu 80%, ...}: only {@code @UnderPressure}'s attributes, which are the plan itself;</li>
 *   <li>{@code ...; in code: cpu 30%}: changes made in code follow the declared pressure;</li>
 *   <li>{@code no pressure}: none was declared or changed.</li>
 * </ul>
 *
 * @param sources       where the pressure was declared, in merge order; {@link PressureSource.InCode}
 *                      when a control changed it in code
 * @param planned       the declared plan's summary ({@code no pressure} when it has no axis)
 * @param changedInCode the changes made in code, each described ({@code cpu 30%}), in order
 */
public record TrialPressure(List<PressureSource> sources, String planned, List<String> changedInCode) {

    private static final String NONE = "no pressure";
    private static final List<PressureSource> INLINE_ONLY = List.of(new PressureSource.Inline());

    public TrialPressure {
        sources = List.copyOf(sources);
        Objects.requireNonNull(planned, "planned");
        changedInCode = List.copyOf(changedInCode);
    }

    /** The text after {@code under} in a failure's first line, as the class comment shows. */
    public String describe() {
        List<PressureSource> declared = sources.stream().filter(source -> !(source instanceof PressureSource.InCode))
                .toList();
        List<String> parts = new ArrayList<>();
        if (!declared.isEmpty() && !declared.equals(INLINE_ONLY)) {
            parts.add(PressureSource.labels(declared) + " (" + planned + ")");
        } else if (!planned.equals(NONE)) {
            // Attributes alone are the plan itself; a plan with no declared source was built in code.
            parts.add(planned);
        }
        if (!changedInCode.isEmpty()) {
            parts.add("in code: " + String.join(", ", changedInCode));
        }
        return parts.isEmpty() ? NONE : String.join("; ", parts);
    }
}
