package dev.panicattack.examples.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.panicattack.evidence.Fact;
import dev.panicattack.signature.BugClass;
import dev.panicattack.signature.SignatureEngine;
import dev.panicattack.signature.datalog.Rule;

/** The example of docs/writing-rules.md: a project rule on the test classpath joins the built-in library. */
class ProjectRulesTest {

    private final SignatureEngine engine = SignatureEngine.withPatternLibrary(getClass().getClassLoader());

    @Test
    void theProjectRuleIsLoadedBesideTheBuiltInOnes() {
        assertThat(engine.program().rules()).extracting(Rule::name).contains("hikari-pool-exhausted", "no-progress");
        assertThat(engine.program().rules()).filteredOn(rule -> rule.name().equals("hikari-pool-exhausted"))
                .singleElement().extracting(Rule::source).isEqualTo("panic/rules/connection-pool.dl");
    }

    @Test
    void aStallInsideGetConnectionIsAResourceLeak() {
        List<Fact> evidence = List.of(Fact.of("first_test_thread_id", 50), Fact.of("thread", 51, "checkout", "false"),
                Fact.of("stall_window", 1000), Fact.of("hang", 1200, "stall"), Fact.of("no_progress", 1200, 51, 1100),
                Fact.of("hang_frame", 1200, 51, 3, "com.zaxxer.hikari.pool.HikariPool.getConnection"));

        assertThat(engine.diagnose(evidence)).extracting(signature -> signature.bugClass())
                .containsExactly(BugClass.RESOURCE_LEAK);
    }
}
