package dev.panicattack.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CorruptedInputTest {

    private static final byte[] ORIGINAL = "[1, 2, {\"a\": 3}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void variantsCycleThroughTheKindsWithConsecutiveSeeds() {
        List<CorruptedInput> variants = CorruptedInput.variants(ORIGINAL,
                List.of(CorruptionKind.BIT_FLIP, CorruptionKind.TRUNCATION), 3, 42);

        assertThat(variants).extracting(CorruptedInput::name)
                .containsExactly("bit-flip#0 (seed 42)", "truncation#1 (seed 43)", "bit-flip#2 (seed 44)");
        assertThat(variants).extracting(CorruptedInput::kind).containsExactly("BIT_FLIP", "TRUNCATION", "BIT_FLIP");
        assertThat(variants).extracting(CorruptedInput::seed).containsExactly(42L, 43L, 44L);
    }

    @Test
    void aVariantReplaysAloneFromItsKindAndSeed() {
        CorruptedInput third = CorruptedInput.variants(ORIGINAL, List.of(CorruptionKind.BIT_FLIP,
                CorruptionKind.TRUNCATION), 3, 42).get(2);

        assertThat(CorruptedInput.of(ORIGINAL, CorruptionKind.BIT_FLIP, third.seed(), 0).bytes()).isEqualTo(third.bytes());
        assertThat(CorruptionKind.valueOf(third.kind()).corrupt(ORIGINAL, third.seed())).isEqualTo(third.bytes());
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        CorruptedInput input = new CorruptedInput("x", "BIT_FLIP", 1, bytes);
        bytes[0] = 9;
        input.bytes()[1] = 9;

        assertThat(input.bytes()).containsExactly(1, 2, 3);
        assertThat(input).isEqualTo(new CorruptedInput("x", "BIT_FLIP", 1, new byte[] {1, 2, 3}));
        assertThat(input).hasSameHashCodeAs(new CorruptedInput("x", "BIT_FLIP", 1, new byte[] {1, 2, 3}));
        assertThat(input).hasToString("x [3 bytes]");
    }

    @Test
    void badRunsAreRefusedWithTheValueAndTheFix() {
        assertThatThrownBy(() -> CorruptedInput.variants(ORIGINAL, List.of(), 3, 1))
                .hasMessageStartingWith("at least one corruption kind is needed, but none was given; use any of [BIT_FLIP");
        assertThatThrownBy(() -> CorruptedInput.variants(ORIGINAL, List.of(CorruptionKind.BIT_FLIP), 0, 1))
                .hasMessage("variant count must be between 1 and 10000, but was 0");
    }
}
