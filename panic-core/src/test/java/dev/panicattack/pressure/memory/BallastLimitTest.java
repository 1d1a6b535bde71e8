package dev.panicattack.pressure.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.sun.management.VMOption;

class BallastLimitTest {

    private static final long GIB = 1L << 30;
    private static final long LAPTOP_DEFAULT_HEAP = 4 * GIB;

    @Test
    void aHeapTheJvmChoseLimitsTheBallastToOneGibByDefault() {
        BallastLimit limit = BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP, Optional.empty());

        assertThat(limit.bytes()).isEqualTo(OptionalLong.of(GIB));
        assertThat(limit.apply(3 * GIB)).isEqualTo(GIB);
        assertThat(limit.apply(GIB / 2)).isEqualTo(GIB / 2);
        assertThat(limit.note()).isEqualTo("ballast limited to 1 GiB (no -Xmx)");
    }

    @Test
    void anExplicitHeapSizeIsNeverLimited() {
        assertThat(BallastLimit.decide(true, LAPTOP_DEFAULT_HEAP, Optional.empty())).isEqualTo(BallastLimit.none());
        assertThat(BallastLimit.decide(true, LAPTOP_DEFAULT_HEAP, Optional.of("64m"))).isEqualTo(BallastLimit.none());
    }

    @Test
    void theParameterSetsTheLimitOrLiftsIt() {
        assertThat(BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP, Optional.of("512m")).bytes())
                .isEqualTo(OptionalLong.of(512L << 20));
        assertThat(BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP, Optional.of(" 2G ")).bytes())
                .isEqualTo(OptionalLong.of(2 * GIB));
        assertThat(BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP, Optional.of("65536k")).bytes())
                .isEqualTo(OptionalLong.of(64L << 20));
        assertThat(BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP, Optional.of("1048576")).bytes())
                .isEqualTo(OptionalLong.of(1L << 20));
        assertThat(BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP, Optional.of("None"))).isEqualTo(BallastLimit.none());
    }

    @Test
    void aLimitNotBelowTheHeapLimitsNothing() {
        assertThat(BallastLimit.decide(false, 768L << 20, Optional.empty())).isEqualTo(BallastLimit.none());
        assertThat(BallastLimit.decide(false, GIB, Optional.of("1g"))).isEqualTo(BallastLimit.none());
    }

    @Test
    void aValueThatIsNeitherASizeNorNoneIsRefusedWithTheFix() {
        for (String value : List.of("1.5g", "0", "-1g", "lots", "1t", "99999999999999999999")) {
            assertThatIllegalArgumentException().isThrownBy(() -> BallastLimit.decide(false, LAPTOP_DEFAULT_HEAP,
                    Optional.of(value))).withMessage("panic.memory.ballastLimit must be a positive size such as 512m or"
                    + " 2g, or none, but was '" + value + "'; the default is 1g");
        }
    }

    @Test
    void onlyAHeapSizeOptionSetBySomeoneOtherThanTheJvmIsExplicit() {
        assertThat(BallastLimit.heapSizeExplicit(List.of(
                option("MaxHeapSize", VMOption.Origin.ERGONOMIC), option("MaxRAMPercentage", VMOption.Origin.DEFAULT),
                option("MaxRAM", VMOption.Origin.DEFAULT), option("UseG1GC", VMOption.Origin.VM_CREATION)))).isFalse();
        assertThat(BallastLimit.heapSizeExplicit(List.of(option("MaxHeapSize", VMOption.Origin.VM_CREATION)))).isTrue();
        assertThat(BallastLimit.heapSizeExplicit(List.of(option("MaxHeapSize", VMOption.Origin.ERGONOMIC),
                option("MaxRAMPercentage", VMOption.Origin.ENVIRON_VAR)))).isTrue();
        assertThat(BallastLimit.heapSizeExplicit(List.of(option("MaxRAM", VMOption.Origin.CONFIG_FILE)))).isTrue();
        assertThat(BallastLimit.heapSizeExplicit(List.of())).isFalse();
    }

    @Test
    void theWarningNamesTheParameterAndTheFix() {
        assertThat(BallastLimit.warning(2)).isEqualTo("panic-attack: 2 tests' heap ballast was limited"
                + " (panic.memory.ballastLimit, default 1g) because the test JVM's maximum heap was not set and the JVM"
                + " chose it from the machine's memory, so the memory percentages asked for were not reached. Set -Xmx in the"
                + " test JVM's arguments (Surefire's argLine, for example <argLine>-Xmx1g</argLine>, or Gradle's"
                + " jvmArgs) to apply them in full, or -Dpanic.memory.ballastLimit=none to lift the limit"
                + " (docs/setup.md)");
    }

    private static VMOption option(String name, VMOption.Origin origin) {
        return new VMOption(name, "0", true, origin);
    }
}
