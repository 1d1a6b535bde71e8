package dev.panicattack.shedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SheddingPlanTest {

    private static final String YAML = """
            name: media-service
            sampling: 100ms
            recovery: 3s
            components:
              - name: database
                priority: 1
                latencyBudget: 50ms
              - { name: api-server, priority: 1 }
              - { name: logging, priority: 2 }
              - { name: analytics, priority: 2 }
              - { name: cache, priority: 3 }
              - { name: preview-generator, priority: 3 }
            """;

    @Test
    void yamlDeclaresAndCodeBinds() {
        SheddingPlan plan = SheddingYaml.read("shedding.yaml", YAML)
                .shedding("database", () -> false).latencyProbe("database", () -> { })
                .shedding("api-server", () -> false).shedding("logging", () -> false)
                .shedding("analytics", () -> false).shedding("cache", () -> false)
                .shedding("preview-generator", () -> false)
                .build();

        assertThat(plan.name()).isEqualTo("media-service");
        assertThat(plan.sampling()).isEqualTo(Duration.ofMillis(100));
        assertThat(plan.recovery()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plan.components()).extracting(ShedComponent::name, ShedComponent::priority).containsExactly(
                org.assertj.core.groups.Tuple.tuple("database", 1), org.assertj.core.groups.Tuple.tuple("api-server", 1),
                org.assertj.core.groups.Tuple.tuple("logging", 2), org.assertj.core.groups.Tuple.tuple("analytics", 2),
                org.assertj.core.groups.Tuple.tuple("cache", 3),
                org.assertj.core.groups.Tuple.tuple("preview-generator", 3));
        assertThat(plan.components().get(0).latencyBudget()).contains(Duration.ofMillis(50));
        assertThat(plan.components().get(4).declaredAt()).isEqualTo("shedding.yaml:11:5");
    }

    @Test
    void contradictoryPrioritiesInCode() {
        assertThatThrownBy(() -> SheddingPlan.builder().component("cache", 3, () -> true)
                .component("cache", 2, () -> true))
                .isInstanceOf(SheddingDeclarationException.class)
                .hasMessage("shedding plan: component 'cache' is declared twice with different priorities: 3 and 2"
                        + " here; give each component one priority");
    }

    @Test
    void contradictoryPrioritiesInYamlNameFileLineAndKey() {
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", """
                components:
                  - { name: cache, priority: 3 }
                  - { name: logging, priority: 2 }
                  - name: cache
                    priority: 2
                """))
                .isInstanceOf(SheddingDeclarationException.class)
                .hasMessage("shedding.yaml:4:5: components[2]: component 'cache' is declared twice with different"
                        + " priorities: 3 at line 2, column 5 and 2 here; give each component one priority")
                .satisfies(e -> {
                    SheddingDeclarationException error = (SheddingDeclarationException) e;
                    assertThat(error.source()).isEqualTo("shedding.yaml");
                    assertThat(error.line()).isEqualTo(4);
                    assertThat(error.column()).isEqualTo(5);
                });
    }

    @Test
    void emptyComponentSets() {
        assertThatThrownBy(() -> SheddingPlan.builder().build())
                .hasMessage("shedding plan: no components are declared; declare at least one with"
                        + " component(name, priority, sheddingNow)");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", "components: []\n"))
                .hasMessage("shedding.yaml:1:13: components: expected a non-empty list of components such as"
                        + " '- { name: cache, priority: 3 }', but was an empty list");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", ""))
                .hasMessage("shedding.yaml:1:1: the file is empty; declare at least 'components:' with one component");
    }

    @Test
    void durationsOfZeroOrBelow() {
        assertThatThrownBy(() -> SheddingPlan.builder().component("cache", 3, () -> true)
                .recoveryWithin(Duration.ZERO).build())
                .hasMessage("shedding plan: recovery window must be longer than zero, but was 0s");
        assertThatThrownBy(() -> SheddingPlan.builder().component("cache", 3, () -> true)
                .samplingEvery(Duration.ofMillis(-5)).build())
                .hasMessage("shedding plan: sampling period must be longer than zero, but was -5ms");
        assertThatThrownBy(() -> SheddingPlan.builder().component("database", 1, () -> false)
                .latencyBudget("database", Duration.ZERO, () -> { }).build())
                .hasMessage("shedding plan: latency budget of 'database' must be longer than zero, but was 0s");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", "recovery: 0s\ncomponents: [{name: a, priority: 2}]\n"))
                .hasMessage("shedding.yaml:1:11: recovery: must be longer than zero, but was 0s");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", "sampling: 50\ncomponents: [{name: a, priority: 2}]\n"))
                .hasMessage("shedding.yaml:1:11: sampling: expected a duration such as 50ms, 2s or 1m, but was '50';"
                        + " add a unit: ns, us, ms, s, m or h");
    }

    @Test
    void otherMistakesNameTheDeclaration() {
        assertThatThrownBy(() -> SheddingPlan.builder().component("cache", 0, () -> true))
                .hasMessage("shedding plan: component 'cache' has priority 0; priorities start at 1 (never shed)"
                        + " and higher numbers shed first");
        assertThatThrownBy(() -> SheddingPlan.builder().component("cache", 3, () -> true)
                .latencyBudget("cache", Duration.ofMillis(5), () -> { }).build())
                .hasMessage("shedding plan: component 'cache' has priority 3 and a latency budget; budgets belong to"
                        + " priority-1 components, which are never shed: remove the budget or make it priority 1");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", YAML).shedding("database", () -> false).build())
                .hasMessage("shedding.yaml:5:5: components[0]: component 'database' has a latency budget of 50ms but"
                        + " no latency probe; bind one with latencyProbe(\"database\", probe)");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", "components: [{name: cache, priority: 3}]\n").build())
                .hasMessage("shedding.yaml:1:14: components[0]: component 'cache' has no shedding probe; bind one"
                        + " with shedding(\"cache\", sheddingNow)");
        assertThatThrownBy(() -> SheddingPlan.builder().component("cache", 3, () -> true)
                .shedding("cahce", () -> true).build())
                .hasMessage("shedding plan: a shedding probe is bound to 'cahce', which is not declared (declared:"
                        + " cache); declare it or fix the name");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", "components:\n  - {name: cache, priorty: 3}\n"))
                .hasMessage("shedding.yaml:2:19: components[0].priorty: unknown key 'priorty' (valid keys: name,"
                        + " priority, latencyBudget)");
        assertThatThrownBy(() -> SheddingYaml.read("shedding.yaml", "components:\n  - {name: cache, priority: high}\n"))
                .hasMessage("shedding.yaml:2:29: components[0].priority: expected a whole number from 1 (never shed)"
                        + " upwards, but was 'high'");
    }
}
