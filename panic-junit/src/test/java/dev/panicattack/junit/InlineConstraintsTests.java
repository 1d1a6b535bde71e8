package dev.panicattack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.panicattack.constraint.ConcurrencyConstraint;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.junit.UnderPressure.Concurrency;
import dev.panicattack.junit.UnderPressure.Disk;
import dev.panicattack.junit.UnderPressure.Network;
import dev.panicattack.junit.UnderPressure.Time;

/** Both front doors read an axis through the same section: YAML and @UnderPressure give equal records. */
class InlineConstraintsTests {

    @Test
    void everyAnnotationMemberGivesTheRecordItsYamlKeyGives() throws NoSuchMethodException {
        Constraints yaml = ConstraintSetLibrary.fromClassLoader(getClass().getClassLoader())
                .load("every-annotation-key");
        Constraints inline = InlineConstraints.of(annotationOn("everyKey"), "every-annotation-key", "X.everyKey()");

        assertThat(inline.cpu()).isPresent().isEqualTo(yaml.cpu());
        assertThat(inline.memory()).isPresent().isEqualTo(yaml.memory());
        assertThat(inline.network()).isPresent().isEqualTo(yaml.network());
        assertThat(inline.disk()).isPresent().isEqualTo(yaml.disk());
        assertThat(inline.concurrency()).isPresent().isEqualTo(yaml.concurrency());
        assertThat(inline.time()).isPresent().isEqualTo(yaml.time());
        assertThat(inline.concurrency().orElseThrow().commonPool())
                .hasValue(ConcurrencyConstraint.WHOLE_COMMON_POOL);
    }

    @Test
    void membersAtTheirDefaultDeclareNoAxis() throws NoSuchMethodException {
        Constraints inline = InlineConstraints.of(annotationOn("defaults"), "defaults", "X.defaults()");

        assertThat(inline).isEqualTo(Constraints.named("defaults"));
    }

    @Test
    void aRefusedValueNamesTheAttributeAndTheTest() throws NoSuchMethodException {
        assertThatThrownBy(() -> InlineConstraints.of(annotationOn("tooMuchLoss"), "n", "X.tooMuchLoss()"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@UnderPressure(network = @Network(loss)) must be between 0 and 100 (percent of writes),"
                        + " but was 150 on X.tooMuchLoss()");
        assertThatThrownBy(() -> InlineConstraints.of(annotationOn("unitless"), "n", "X.unitless()"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@UnderPressure(disk = @Disk(budget)) ")
                .hasMessageEndingWith(" on X.unitless()");
    }

    private static UnderPressure annotationOn(String method) throws NoSuchMethodException {
        return Declarations.class.getDeclaredMethod(method).getAnnotation(UnderPressure.class);
    }

    @SuppressWarnings("unused")
    static class Declarations {

        @UnderPressure(cpu = 40, memory = 30, memoryLeakRate = 1.5,
                network = @Network(latency = "20ms", jitter = "5ms", loss = 2.5, bandwidth = "1MiB/s", reset = 1,
                        refuse = 3, blackhole = true, hosts = {"127.0.0.1", "localhost"}, ports = {5432, 8080},
                        seed = 7),
                disk = @Disk(fill = 50, latency = "2ms", readLatency = "3ms", budget = "64MiB",
                        scope = {"build/data", "/tmp/panic"}, errorRate = 0.5, seed = 11, contention = "20MiB/s"),
                concurrency = @Concurrency(contenders = 4, noise = 25, seed = 13, parallel = 2,
                        commonPool = UnderPressure.WHOLE_COMMON_POOL),
                time = @Time(skew = "-30s", drift = "+50ms/s", jumps = {"-1h at 2s", "-1s every 500ms"}))
        void everyKey() {
        }

        @UnderPressure
        void defaults() {
        }

        @UnderPressure(network = @Network(loss = 150))
        void tooMuchLoss() {
        }

        @UnderPressure(disk = @Disk(budget = "64"))
        void unitless() {
        }
    }
}
