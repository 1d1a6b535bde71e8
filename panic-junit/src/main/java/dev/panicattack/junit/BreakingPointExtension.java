package dev.panicattack.junit;

import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

import dev.panicattack.breakingpoint.BreakingAxis;
import dev.panicattack.breakingpoint.BreakingPointResult;
import dev.panicattack.breakingpoint.BreakingPointSearch;
import dev.panicattack.breakingpoint.SearchSettings;
import dev.panicattack.constraint.DurationText;

/**
 * Runs a {@link BreakingPoint} method as a search over trials of itself, in place of its body: validates
 * the attributes, searches through {@link LauncherLevelTrials}, publishes the summary, and fails the test
 * when the bound is violated. Inside a trial (the level parameter is set) it stands aside and the body
 * runs once, as a trial of {@link TrialExtension}: a search never recurses. Holds no state.
 */
final class BreakingPointExtension implements InvocationInterceptor {

    /** The run's parameters a trial runs with too (the reports go to a directory of the search's own). */
    private static final List<String> FORWARDED = List.of(PanicConfiguration.ENABLED_PROPERTY_NAME,
            PanicConfiguration.CONSTRAINT_SET_PROPERTY_NAME, PanicConfiguration.DIAGNOSE_PROPERTY_NAME,
            PanicConfiguration.STALL_WINDOW_PROPERTY_NAME, PanicConfiguration.FAIL_ON_PROPERTY_NAME,
            PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, PanicConfiguration.THREAD_MODE_PROPERTY_NAME,
            PanicConfiguration.PASSING_REPORTS_PROPERTY_NAME, PanicConfiguration.RULES_MAX_DERIVED_FACTS_PROPERTY_NAME,
            PanicConfiguration.PROBES_ENABLED_PROPERTY_NAME);

    /** Whether {@code context}'s test is a search in this run: a {@link BreakingPoint} method outside a trial. */
    static boolean searches(ExtensionContext context) {
        return context.getTestMethod().map(method -> AnnotationSupport.isAnnotated(method, BreakingPoint.class))
                .orElse(false) && RunConfiguration.of(context).level().isEmpty();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        if (!searches(context)) {
            invocation.proceed();
            return;
        }
        Method method = context.getRequiredTestMethod();
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
        BreakingPoint annotation = AnnotationSupport.findAnnotation(method, BreakingPoint.class).orElseThrow();
        SearchSettings settings = settings(annotation, where);
        invocation.skip();
        TestSelection selection = new TestSelection(context.getRequiredTestClass().getName(), method.getName());
        BreakingPointReport report = BreakingPointReport.of(TrialEnvironmentResource.reportDirectory(context), selection);
        Map<String, String> parameters = forwarded(context);
        parameters.put(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME, report.trialsDirectory().toString());
        LauncherLevelTrials trials;
        try {
            trials = LauncherLevelTrials.of(selection, parameters, Optional.of(Instant.now().plus(settings.wallBudget())));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@BreakingPoint cannot search " + where + ": " + e.getMessage(), e);
        }
        BreakingPointResult result = BreakingPointSearch.of(settings).run(trials);
        if (trials.deadlinePassed()) {
            // The search ended on the budget, not on an interrupt of this thread: the next test must not inherit one.
            Thread.interrupted();
        }
        context.publishReportEntry(PanicConfiguration.BREAKING_POINT_REPORT_ENTRY, result.summary());
        publishPage(context, report, result);
        if (result.violates()) {
            throw new AssertionFailedError(result.summary());
        }
    }

    private static void publishPage(ExtensionContext context, BreakingPointReport report, BreakingPointResult result) {
        TrialEnvironmentResource environment = PanicStore.ofRun(context).get(TrialEnvironmentResource.class,
                TrialEnvironmentResource.class);
        try {
            Path html = report.writeInRun(result, environment == null ? List.of() : environment.environment().writtenReports())
                    .html();
            context.publishReportEntry(PanicConfiguration.REPORT_ENTRY, html.toString());
            ReportAttachment.attach(context, html);
        } catch (UncheckedIOException e) {
            context.publishReportEntry(PanicConfiguration.REPORT_ENTRY, "not written: " + e.getMessage());
        }
    }

    /**
     * @throws ExtensionConfigurationException naming the attribute, its value, the method and the fix
     */
    static SearchSettings settings(BreakingPoint annotation, String where) {
        BreakingAxis axis;
        try {
            axis = BreakingAxis.parse(annotation.axis());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@BreakingPoint(axis) " + e.getMessage() + " on " + where, e);
        }
        Duration budget;
        try {
            budget = DurationText.parse(annotation.budget(), false);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@BreakingPoint(budget) " + e.getMessage() + " on " + where
                    + "; write it like 30s, 5m or 1h", e);
        }
        try {
            SearchSettings.Builder builder = SearchSettings.builder(axis, annotation.from(), annotation.to())
                    .maxTrials(annotation.maxTrials()).wallBudget(budget);
            if (annotation.resolution() != 0) {
                builder.resolution(annotation.resolution());
            }
            if (!Double.isNaN(annotation.requireAbove())) {
                builder.requireAbove(annotation.requireAbove());
            }
            if (!Double.isNaN(annotation.requireBelow())) {
                builder.requireBelow(annotation.requireBelow());
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(attributed(e.getMessage()) + " on " + where, e);
        }
    }

    /** {@code from must be ...} as {@code @BreakingPoint(from) must be ...}: the settings name the attribute first. */
    private static String attributed(String message) {
        int space = message.indexOf(' ');
        String setting = space < 0 ? message : message.substring(0, space);
        String attribute = setting.equals("wallBudget") ? "budget" : setting;
        return "@BreakingPoint(" + attribute + ")" + (space < 0 ? "" : message.substring(space));
    }

    private static Map<String, String> forwarded(ExtensionContext context) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String key : FORWARDED) {
            context.getConfigurationParameter(key).ifPresent(value -> parameters.put(key, value));
        }
        return parameters;
    }
}
