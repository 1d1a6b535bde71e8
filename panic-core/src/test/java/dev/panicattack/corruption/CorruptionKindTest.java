package dev.panicattack.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CorruptionKindTest {

    private static final byte[] JSON = "{\"id\": 17, \"lines\": [{\"sku\": \"AB\", \"qty\": 2.5e1}], \"total\": -40}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] RECORD = {(byte) 0xCA, (byte) 0xFE, 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};

    @ParameterizedTest
    @EnumSource(CorruptionKind.class)
    void theSameSeedGivesTheSameBytesAndTheOriginalIsUntouched(CorruptionKind kind) {
        byte[] original = JSON.clone();

        assertThat(kind.corrupt(original, 42)).isEqualTo(kind.corrupt(original, 42)).isNotEqualTo(JSON);
        assertThat(original).isEqualTo(JSON);
    }

    @ParameterizedTest
    @EnumSource(CorruptionKind.class)
    void differentSeedsGiveDifferentVariants(CorruptionKind kind) {
        Set<String> variants = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            variants.add(new String(kind.corrupt(JSON, seed), StandardCharsets.ISO_8859_1));
        }
        assertThat(variants).hasSizeGreaterThan(3);
    }

    @Test
    void labelsAreTheKindInKebabCase() {
        assertThat(CorruptionKind.BIT_FLIP.label()).isEqualTo("bit-flip");
        assertThat(CorruptionKind.INVALID_UTF8.label()).isEqualTo("invalid-utf8");
        assertThat(CorruptionKind.BOUNDARY_NUMBERS.label()).isEqualTo("boundary-numbers");
    }

    @Test
    void bitFlipKeepsTheLengthAndChangesAtMostEightBits() {
        for (long seed = 0; seed < 50; seed++) {
            byte[] flipped = CorruptionKind.BIT_FLIP.corrupt(JSON, seed);
            int bits = 0;
            for (int i = 0; i < JSON.length; i++) {
                bits += Integer.bitCount((flipped[i] ^ JSON[i]) & 0xFF);
            }
            assertThat(flipped).hasSameSizeAs(JSON);
            assertThat(bits).isBetween(1, 8);
        }
        assertThat(CorruptionKind.BIT_FLIP.corrupt(new byte[0], 1)).containsExactly(1);
    }

    @Test
    void truncationKeepsAStrictPrefix() {
        for (long seed = 0; seed < 50; seed++) {
            byte[] prefix = CorruptionKind.TRUNCATION.corrupt(JSON, seed);
            assertThat(prefix.length).isLessThan(JSON.length);
            assertThat(prefix).isEqualTo(java.util.Arrays.copyOf(JSON, prefix.length));
        }
        assertThat(CorruptionKind.TRUNCATION.corrupt(new byte[0], 1)).isEmpty();
    }

    @Test
    void deepNestingRepeatsTheFirstBracketAtItsPosition() {
        String nested = new String(CorruptionKind.DEEP_NESTING.corrupt(JSON, 7), StandardCharsets.UTF_8);
        int added = nested.length() - JSON.length;

        assertThat(added).isBetween(Mutators.MIN_NESTING, Mutators.MAX_NESTING);
        assertThat(nested).startsWith("{".repeat(added + 1) + "\"id\"");
        assertThat(new String(CorruptionKind.DEEP_NESTING.corrupt("abc".getBytes(StandardCharsets.UTF_8), 7),
                StandardCharsets.UTF_8)).startsWith("[[[").endsWith("[abc");
    }

    @Test
    void hugeLengthReplacesADigitRunInText() {
        for (long seed = 0; seed < 30; seed++) {
            String text = new String(CorruptionKind.HUGE_LENGTH.corrupt(JSON, seed), StandardCharsets.UTF_8);
            assertThat(text).containsAnyOf("2147483647", "4294967295", "9223372036854775807");
        }
    }

    @Test
    void hugeLengthOverwritesThePlausibleLengthPrefixOfBinaryInput() {
        for (long seed = 0; seed < 30; seed++) {
            ByteBuffer corrupted = ByteBuffer.wrap(CorruptionKind.HUGE_LENGTH.corrupt(RECORD, seed));
            assertThat(corrupted.getShort(0)).isEqualTo((short) 0xCAFE);
            assertThat(corrupted.getInt(2)).isIn(0x7FFFFFFF, 0xFFFFFFFF, 0x80000000);
            assertThat(corrupted.limit()).isEqualTo(RECORD.length);
        }
    }

    @Test
    void invalidUtf8InsertsASequenceNoStrictDecoderAccepts() {
        for (long seed = 0; seed < 30; seed++) {
            byte[] corrupted = CorruptionKind.INVALID_UTF8.corrupt(JSON, seed);
            assertThat(corrupted.length).isBetween(JSON.length + 1, JSON.length + 3);
            assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(corrupted))).isInstanceOf(CharacterCodingException.class);
        }
    }

    @Test
    void boundaryNumbersReplaceAWholeNumberToken() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            String text = new String(CorruptionKind.BOUNDARY_NUMBERS.corrupt(JSON, seed), StandardCharsets.UTF_8);
            // Exactly one of the three numbers is gone, whole (sign and exponent included).
            long kept = List.of("17", "2.5e1", "-40").stream().filter(text::contains).count();
            assertThat(kept).as(text).isEqualTo(2);
            seen.add(text);
        }
        assertThat(seen.stream().anyMatch(text -> text.contains("1e309"))).isTrue();
        assertThat(seen.stream().anyMatch(text -> text.contains("NaN"))).isTrue();
    }

    @Test
    void boundaryNumbersOverwriteAnAlignedWordOfBinaryInput() {
        byte[] corrupted = CorruptionKind.BOUNDARY_NUMBERS.corrupt(RECORD, 3);

        assertThat(corrupted).hasSameSizeAs(RECORD);
    }
}
