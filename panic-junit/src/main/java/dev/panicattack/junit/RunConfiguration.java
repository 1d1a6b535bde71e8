package dev.panicattack.junit;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.constraint.ConstraintSetName;
import dev.panicattack.pressure.PressureSwitch;
import dev.panicattack.signature.BugClass;
import dev.panicattack.trial.TrialSpec;

/**
 * The run-wide {@code panic.*} parameters that every test's declaration starts from, read and
 * validated once per run and kept in the root Store. A bad value fails every test with the same
 * message, naming the parameter, the value and what it may be.
 *
 * @param pressureOn     {@value PanicConfiguration#ENABLED_PROPERTY_NAME}: pressure from any entry point
 * @param sets           {@value PanicConfiguration#CONSTRAINT_SET_PROPERTY_NAME}: the run-wide sets, in order
 * @param diagnoseAll    {@value PanicConfiguration#DIAGNOSE_PROPERTY_NAME}
 * @param stallWindow    {@value PanicConfiguration#STALL_WINDOW_PROPERTY_NAME}
 * @param failOn         {@value PanicConfiguration#FAIL_ON_PROPERTY_NAME}
 * @param threadMode     {@value PanicConfiguration#THREAD_MODE_PROPERTY_NAME}, never {@code INFERRED}
 * @param passingReports {@value PanicConfiguration#PASSING_REPORTS_PROPERTY_NAME}
 * @param probes         {@value PanicConfiguration#PROBES_ENABLED_PROPERTY_NAME}, empty when unset
 * @param level          {@value PanicConfiguration#BREAKING_POINT_LEVEL_PROPERTY_NAME}, empty when unset
 */
record RunConfiguration(boolean pressureOn, List<ConstraintSetName> sets, boolean diagnoseAll, Duration stallWindow,
        Set<BugClass> failOn, Diagnose.ThreadMode threadMode, PassingReports passingReports, Optional<Boolean> probes,
        Optional<LevelParameter> level) {


    /** Which passing tests get a report page: {@value PanicConfiguration#PASSING_REPORTS_PROPERTY_NAME}. */
    enum PassingReports { DECLARED, ALL, NONE }

    RunConfiguration {
        sets = List.copyOf(sets);
        failOn = failOn.isEmpty() ? Set.of() : Set.copyOf(failOn);
    }

    /** The run's configuration, read on first use. */
    static RunConfiguration of(ExtensionContext context) {
        ExtensionContext.Store root = PanicStore.ofRun(context);
        RunConfiguration known = root.get(RunConfiguration.class, RunConfiguration.class);
        if (known != null) {
            return known;
        }
        // Read outside any lock: two tests racing here read the same parameters and keep equal values.
        RunConfiguration read = read(context);
        root.put(RunConfiguration.class, read);
        return read;
    }

    private static RunConfiguration read(ExtensionContext context) {
        return new RunConfiguration(
                PressureSwitch.on(context.getConfigurationParameter(PanicConfiguration.ENABLED_PROPERTY_NAME)),
                parameter(context, PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME)
                        .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                                .map(RunConfiguration::setName).toList())
                        .orElse(List.of()),
                parameter(context, PanicConfiguration.DIAGNOSE_PROPERTY_NAME)
                        .map(value -> value.trim().equalsIgnoreCase("true")).orElse(false),
                parameter(context, PanicConfiguration.STALL_WINDOW_PROPERTY_NAME)
                        .map(text -> DiagnosisDeclaration.stallWindow(text.trim(), PanicConfiguration.STALL_WINDOW_PROPERTY_NAME,
                                "the run"))
                        .orElse(TrialSpec.DEFAULT_STALL_WINDOW),
                failOn(parameter(context, PanicConfiguration.FAIL_ON_PROPERTY_NAME)),
                parameter(context, PanicConfiguration.THREAD_MODE_PROPERTY_NAME)
                        .map(value -> option(Diagnose.ThreadMode.class, PanicConfiguration.THREAD_MODE_PROPERTY_NAME, value))
                        .filter(mode -> mode != Diagnose.ThreadMode.INFERRED)
                        .orElse(Diagnose.ThreadMode.SAME_THREAD),
                parameter(context, PanicConfiguration.PASSING_REPORTS_PROPERTY_NAME)
                        .map(value -> option(PassingReports.class, PanicConfiguration.PASSING_REPORTS_PROPERTY_NAME, value))
                        .orElse(PassingReports.DECLARED),
                parameter(context, PanicConfiguration.PROBES_ENABLED_PROPERTY_NAME)
                        .map(value -> !value.trim().equalsIgnoreCase("false")),
                parameter(context, PanicConfiguration.BREAKING_POINT_LEVEL_PROPERTY_NAME).map(LevelParameter::parse));
    }

    private static Optional<String> parameter(ExtensionContext context, String name) {
        return context.getConfigurationParameter(name);
    }

    private static ConstraintSetName setName(String name) {
        try {
            return ConstraintSetName.of(name);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME + ": "
                    + e.getMessage(), e);
        }
    }

    private static Set<BugClass> failOn(Optional<String> names) {
        Set<BugClass> classes = EnumSet.noneOf(BugClass.class);
        for (String name : names.map(value -> value.split(",")).orElse(new String[0])) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                classes.add(BugClass.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(PanicConfiguration.FAIL_ON_PROPERTY_NAME + " names '" + trimmed
                        + "', which is not a bug class; use any of " + Arrays.toString(BugClass.values()), e);
            }
        }
        return classes;
    }

    private static <E extends Enum<E>> E option(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new ExtensionConfigurationException(parameter + " must be one of " + allowed + ", but was '"
                    + value + "'", e);
        }
    }
}
