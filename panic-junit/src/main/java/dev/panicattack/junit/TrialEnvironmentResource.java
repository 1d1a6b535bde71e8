package dev.panicattack.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.panicattack.report.ReportWriter;
import dev.panicattack.signature.SignatureEngine;
import dev.panicattack.signature.datalog.RuleException;
import dev.panicattack.trial.TrialEnvironment;

/**
 * The run's {@link TrialEnvironment}, kept in the root Store so that it is created once, by the
 * first trial, and closed (report index written, Flight Recorder stopped) when the run ends.
 *
 * <p>Both kinds of Store resource, so that every JUnit line closes it, once: Jupiter 5.13 and later
 * close an {@link AutoCloseable} (and then skip {@code CloseableResource}), earlier lines close only a
 * {@code CloseableResource}.
 */
@SuppressWarnings("deprecation") // CloseableResource is deprecated from 5.13 on, and the only kind 5.10 to 5.12 close
record TrialEnvironmentResource(TrialEnvironment environment)
        implements AutoCloseable, ExtensionContext.Store.CloseableResource {


    static TrialEnvironmentResource of(ExtensionContext context) {
        ExtensionContext.Store root = PanicStore.ofRun(context);
        synchronized (TrialEnvironmentResource.class) {
            TrialEnvironmentResource existing = root.get(TrialEnvironmentResource.class, TrialEnvironmentResource.class);
            if (existing != null) {
                return existing;
            }
            // While memory is plentiful: what runs before a trial can drop its memory reserve must need none.
            FailurePathWarmUp.perform();
            TrialEnvironmentResource created = new TrialEnvironmentResource(TrialEnvironment.create(engine(context),
                    ReportWriter.to(reportDirectory(context)), flightRecorder(context)));
            root.put(TrialEnvironmentResource.class, created);
            return created;
        }
    }

    private static SignatureEngine engine(ExtensionContext context) {
        // The test classpath as the run sees it: the context loader, else the test class's own.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = context.getRequiredTestClass().getClassLoader();
        }
        try {
            SignatureEngine engine = SignatureEngine.withPatternLibrary(loader != null ? loader : ClassLoader.getSystemClassLoader());
            SignatureEngine bounded = maxDerivedFacts(context).map(engine::withMaxDerivedFacts).orElse(engine);
            return minConfidence(context).map(bounded::withMinConfidence).orElse(bounded);
        } catch (RuleException e) {
            throw new ExtensionConfigurationException("panic-attack cannot load its rules, so no test is judged: "
                    + e.getMessage(), e);
        }
    }

    private static java.util.Optional<Long> maxDerivedFacts(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.RULES_MAX_DERIVED_FACTS_PROPERTY_NAME).map(text -> {
            try {
                long budget = Long.parseLong(text.trim().replace("_", ""));
                if (budget >= 1) {
                    return budget;
                }
            } catch (NumberFormatException e) {
                // said below, with the parameter's name
            }
            throw new ExtensionConfigurationException(PanicConfiguration.RULES_MAX_DERIVED_FACTS_PROPERTY_NAME
                    + " must be a whole number of facts, at least 1, but was '" + text + "'; the default is 2000000");
        });
    }

    private static java.util.Optional<Double> minConfidence(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.MIN_CONFIDENCE_PROPERTY_NAME).map(text -> {
            try {
                double confidence = Double.parseDouble(text.trim());
                if (confidence >= 0 && confidence <= 1) {
                    return confidence;
                }
            } catch (NumberFormatException e) {
                // said below, with the parameter's name
            }
            throw new ExtensionConfigurationException(PanicConfiguration.MIN_CONFIDENCE_PROPERTY_NAME
                    + " must be a number from 0 to 1, but was '" + text + "'; the default is "
                    + SignatureEngine.DEFAULT_MIN_CONFIDENCE);
        });
    }

    private static boolean flightRecorder(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME)
                .map(value -> !value.trim().equalsIgnoreCase("false")).orElse(true);
    }

    static Path reportDirectory(ExtensionContext context) {
        return context.getConfigurationParameter(PanicConfiguration.REPORTS_DIRECTORY_PROPERTY_NAME)
                .map(Path::of).orElse(ReportWriter.DEFAULT_DIRECTORY);
    }

    @Override
    public void close() {
        environment.close();
    }
}
