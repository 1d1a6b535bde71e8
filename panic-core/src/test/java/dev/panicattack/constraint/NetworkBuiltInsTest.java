package dev.panicattack.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.panicattack.pressure.PressurePlan;

class NetworkBuiltInsTest {

    private final ConstraintSetLibrary builtIns = ConstraintSetLibrary.fromClassLoader(getClass().getClassLoader());

    @Test
    void networkPartitionIsABlackhole() {
        Constraints set = builtIns.load("network-partition");
        assertThat(set.description()).isPresent();
        assertThat(set.network()).contains(NetworkConstraint.none().withBlackhole(true));
        assertThat(PressurePlan.resolve(set).describe()).isEqualTo("network blackhole");
    }

    @Test
    void slowDependencyIsHalfASecondWithJitter() {
        Constraints set = builtIns.load("slow-dependency");
        assertThat(set.description()).isPresent();
        assertThat(set.network()).contains(NetworkConstraint.none().withLatency(Duration.ofMillis(500))
                .withJitter(Duration.ofMillis(100)));
        assertThat(PressurePlan.resolve(set).describe()).isEqualTo("network +500ms ±100ms");
    }
}
