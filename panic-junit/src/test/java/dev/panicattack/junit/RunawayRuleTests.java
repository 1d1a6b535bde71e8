package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.panicattack.signature.datalog.RuleException;

/** A user's rule that recurses without end stops the judgement at the evaluation budget, naming its file and line. */
class RunawayRuleTests {

    @TempDir
    Path classpath;

    @Test
    void aRuleThatNeverStopsDerivingFailsTheJudgedTestWithItsFileLineAndTheBudget() throws Exception {
        Events tests = runWithUserRules("""
                % every path through a binary tree of calls: the bound on the depth is missing
                path(1).
                path(P) :- path(Q), P = Q * 2.
                path(P) :- path(Q), P = Q * 2 + 1.
                """);

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        // The built-in rules derive a few facts from the run's own evidence first: path's size varies with them.
        assertThat(ruleException(failure)).hasValueSatisfying(error -> assertThat(error.getMessage())
                .matches(Pattern.quote("panic/rules/runaway.dl:3:1: rule evaluation stopped after deriving more than"
                        + " 2000000 facts (its budget): rule path#1 (path(P) :- path(Q), P = Q * 2.) derived 1048575 of"
                        + " them, growing path to ") + "19999[0-9]{2}" + Pattern.quote(" facts. A recursive rule that"
                        + " computes a new value each round (such as X = Y + 1) never stops: bound it (for example with"
                        + " Y < 1000). If the evidence really needs more facts, raise the budget with the JUnit"
                        + " configuration parameter panic.rules.maxDerivedFacts (or SignatureEngine.withMaxDerivedFacts)")));
    }

    /** The rule error, wherever the outcome carries it: thrown as it is, as a cause, or suppressed. */
    private static Optional<RuleException> ruleException(Throwable thrown) {
        return Stream.iterate(thrown, cause -> cause != null, Throwable::getCause).limit(16)
                .flatMap(cause -> Stream.concat(Stream.of(cause), Stream.of(cause.getSuppressed())))
                .filter(RuleException.class::isInstance).map(RuleException.class::cast).findFirst();
    }

    private Events runWithUserRules(String rules) throws Exception {
        Files.createDirectories(classpath.resolve("panic/rules"));
        Files.writeString(classpath.resolve("panic/rules/runaway.dl"), rules);
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withRules = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, original)) {
            Thread.currentThread().setContextClassLoader(withRules);
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                    .selectors(selectClass(FailingJudgedTestCases.class)).execute().testEvents();
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    @Diagnose
    static class FailingJudgedTestCases {
        @Test
        void fails() {
            throw new AssertionError("the test's own failure, judged with the user's rules");
        }
    }
}
