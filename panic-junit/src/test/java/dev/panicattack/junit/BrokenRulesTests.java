package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A user's broken rules file stops every judgement with file, line and column; no test is judged with it. */
class BrokenRulesTests {

    @TempDir
    Path classpath;

    @Test
    void aSyntaxErrorNamesFileLineAndColumnAndNoTestIsJudged() throws Exception {
        Events tests = runWithUserRules("signature(deadlock, T) :- blocked(T\n");

        assertThat(failures(tests)).hasSize(2).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("panic-attack cannot load its rules, so no test is judged: panic/rules/mine.dl:2:1: expected ',' or ')'"));
    }

    @Test
    void anUnsafeRuleIsRefused() throws Exception {
        Events tests = runWithUserRules("signature(stall, T) :- not hang(T, _).\n");

        assertThat(failures(tests)).first().asString().contains("panic/rules/mine.dl:1:").contains("unsafe");
    }

    @Test
    void aPredicateWithTheWrongArityIsRefused() throws Exception {
        Events tests = runWithUserRules("signature(stall, T) :- deadlocked(T).\n");

        assertThat(failures(tests)).first().asString().contains("panic/rules/mine.dl:1:").contains("deadlocked");
    }

    private Events runWithUserRules(String rules) throws Exception {
        Files.createDirectories(classpath.resolve("panic/rules"));
        Files.writeString(classpath.resolve("panic/rules/mine.dl"), rules);
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withRules = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, original)) {
            Thread.currentThread().setContextClassLoader(withRules);
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(PanicConfiguration.FLIGHT_RECORDER_PROPERTY_NAME, "false")
                    .selectors(selectClass(TwoJudgedTestCases.class)).execute().testEvents();
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    private static List<Throwable> failures(Events tests) {
        return tests.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList();
    }

    @Diagnose
    static class TwoJudgedTestCases {
        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }
}
