package dev.panicattack.examples.corpus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.junit.UnderPressure;
import dev.panicattack.signature.BugClass;

/**
 * HEAP_EXHAUSTION: allocation demand beyond the heap, with no gradual retention before it. Each
 * program fails with {@link OutOfMemoryError}; what it tried to allocate is unreachable once the
 * error unwinds, so the build's JVM is unharmed.
 */
public class HeapExhaustionPrograms {

    /** A time series file: an 8-byte count header, then that many 8-byte samples. */
    static long[] readSamples(byte[] file) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
        long declared = in.readLong();
        // The defect: the declared count is trusted and sized before a single sample is read.
        long[] samples = new long[(int) Math.min(declared, Integer.MAX_VALUE - 16)];
        for (int i = 0; i < samples.length && in.available() >= Long.BYTES; i++) {
            samples[i] = in.readLong();
        }
        return samples;
    }

    /** A length-prefixed frame: a 4-byte length, then the payload. */
    static byte[] readFrame(byte[] wire) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
        int length = in.readInt();
        // The defect: the buffer is sized from the peer's length, not from what actually arrives.
        byte[] payload = new byte[length];
        in.readFully(payload, 0, Math.min(length, in.available()));
        return payload;
    }

    @Test
    @Seeded(BugClass.HEAP_EXHAUSTION)
    @Diagnose
    void sampleCountHeaderTrustedForTheArraySize() throws IOException {
        byte[] file = ByteBuffer.allocate(24).putLong(1_500_000_000L).putLong(42).putLong(43).array();
        long[] samples = readSamples(file);
        assertThat(samples).startsWith(42L, 43L);
    }

    @Test
    @Seeded(BugClass.HEAP_EXHAUSTION)
    @Diagnose
    void frameLengthFromThePeerSizesTheBuffer() throws IOException {
        byte[] wire = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE - 64).putInt(7).array();
        byte[] frame = readFrame(wire);
        assertThat(frame).isNotEmpty();
    }

    /** One export row, as read from the database: about 256 KiB of rendered text. */
    static byte[] exportRow(long row) {
        byte[] rendered = new byte[256 * 1024 - 16];
        rendered[0] = (byte) row;
        return rendered;
    }

    @Test
    @Seeded(BugClass.HEAP_EXHAUSTION)
    @UnderPressure(memory = 80)
    void wholeExportMaterialisedIntoAListUnderPressure() {
        // The defect: a 5 000-row export (about 1.3 GB) collected into one list instead of being streamed out.
        List<byte[]> rows = LongStream.range(0, 5_000).mapToObj(HeapExhaustionPrograms::exportRow)
                .collect(Collectors.toList());
        assertThat(rows).hasSize(5_000);
    }
}
