package dev.panicattack.corruption;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The byte-level work of each {@link CorruptionKind}; every method owns and may reuse its {@code input}. */
final class Mutators {

    static final int MIN_NESTING = 10_000;
    static final int MAX_NESTING = 99_999;

    private static final String[] HUGE_NUMBERS = {"2147483647", "4294967295", "9223372036854775807"};
    private static final int[] HUGE_PREFIXES = {0x7FFFFFFF, 0xFFFFFFFF, 0x80000000};
    private static final String[] BOUNDARY_TEXT = {"0", "-1", "-0", "2147483648", "-2147483649", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "1e309", "-1e309", "NaN", "Infinity", "4.9e-324"};
    private static final int[] BOUNDARY_WORDS = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final byte[][] INVALID_SEQUENCES = {
        {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0x80}};

    private Mutators() {
    }

    static byte[] flipBits(byte[] input, SeededSequence random) {
        if (input.length == 0) {
            return new byte[] {1};
        }
        int bits = input.length * 8;
        int flips = Math.min(1 + random.nextInt(8), bits);
        // Distinct bits: flipping one twice would give back the original.
        java.util.Set<Integer> flipped = new java.util.HashSet<>();
        while (flipped.size() < flips) {
            int bit = random.nextInt(bits);
            if (flipped.add(bit)) {
                input[bit / 8] ^= (byte) (1 << (bit % 8));
            }
        }
        return input;
    }

    static byte[] truncate(byte[] input, SeededSequence random) {
        return input.length == 0 ? input : Arrays.copyOf(input, random.nextInt(input.length));
    }

    static byte[] nest(byte[] input, SeededSequence random) {
        int at = 0;
        byte bracket = '[';
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '[' || input[i] == '{') {
                at = i;
                bracket = input[i];
                break;
            }
        }
        byte[] brackets = new byte[MIN_NESTING + random.nextInt(MAX_NESTING - MIN_NESTING + 1)];
        Arrays.fill(brackets, bracket);
        return insert(input, at, brackets);
    }

    static byte[] hugeLength(byte[] input, SeededSequence random) {
        List<int[]> runs = textual(input) ? spans(input, false) : List.of();
        if (!runs.isEmpty()) {
            int[] run = runs.get(random.nextInt(runs.size()));
            return replace(input, run, HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)].getBytes(StandardCharsets.US_ASCII));
        }
        int value = HUGE_PREFIXES[random.nextInt(HUGE_PREFIXES.length)];
        List<Integer> prefixes = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(input);
        for (int i = 0; i + 4 <= input.length; i++) {
            int length = buffer.getInt(i);
            // A plausible length prefix: a positive count that fits in the bytes after it.
            if (length > 0 && length <= input.length - i - 4) {
                prefixes.add(i);
            }
        }
        return overwriteWord(input, prefixes.isEmpty() ? 0 : prefixes.get(random.nextInt(prefixes.size())), value);
    }

    static byte[] invalidUtf8(byte[] input, SeededSequence random) {
        byte[] sequence = INVALID_SEQUENCES[random.nextInt(INVALID_SEQUENCES.length)];
        return insert(input, random.nextInt(input.length + 1), sequence);
    }

    static byte[] boundaryNumbers(byte[] input, SeededSequence random) {
        List<int[]> numbers = textual(input) ? spans(input, true) : List.of();
        if (!numbers.isEmpty()) {
            int[] number = numbers.get(random.nextInt(numbers.size()));
            return replace(input, number, BOUNDARY_TEXT[random.nextInt(BOUNDARY_TEXT.length)].getBytes(StandardCharsets.US_ASCII));
        }
        int word = BOUNDARY_WORDS[random.nextInt(BOUNDARY_WORDS.length)];
        return overwriteWord(input, input.length < 4 ? 0 : 4 * random.nextInt(input.length / 4), word);
    }

    /** Text is what decodes as strict UTF-8: only text has decimal numbers to replace. */
    private static boolean textual(byte[] input) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input));
            return true;
        } catch (CharacterCodingException binary) {
            return false;
        }
    }

    /** Digit runs, or with {@code numbers} whole number tokens: sign, fraction and exponent included. */
    private static List<int[]> spans(byte[] input, boolean numbers) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < input.length) {
            if (!digit(input[i])) {
                i++;
                continue;
            }
            int start = numbers && i > 0 && input[i - 1] == '-' ? i - 1 : i;
            int end = digits(input, i);
            if (numbers) {
                if (end + 1 < input.length && input[end] == '.' && digit(input[end + 1])) {
                    end = digits(input, end + 1);
                }
                if (end + 1 < input.length && (input[end] == 'e' || input[end] == 'E')) {
                    int exponent = end + 1 < input.length && (input[end + 1] == '+' || input[end + 1] == '-') ? end + 2 : end + 1;
                    if (exponent < input.length && digit(input[exponent])) {
                        end = digits(input, exponent);
                    }
                }
            }
            spans.add(new int[] {start, end});
            i = end;
        }
        return spans;
    }

    private static int digits(byte[] input, int from) {
        int end = from;
        while (end < input.length && digit(input[end])) {
            end++;
        }
        return end;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] replace(byte[] input, int[] span, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + with.length);
        out.write(input, 0, span[0]);
        out.writeBytes(with);
        out.write(input, span[1], input.length - span[1]);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] input, int at, byte[] with) {
        return replace(input, new int[] {at, at}, with);
    }

    /** Overwrites the 32-bit big-endian word at {@code at}; input shorter than 4 bytes gets the word prepended. */
    private static byte[] overwriteWord(byte[] input, int at, int value) {
        byte[] word = ByteBuffer.allocate(4).putInt(value).array();
        if (input.length < 4) {
            return insert(input, 0, word);
        }
        System.arraycopy(word, 0, input, at, 4);
        return input;
    }
}
