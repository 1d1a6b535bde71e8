package dev.panicattack.examples.corpus.inputs;

import static dev.panicattack.corruption.CorruptionKind.HUGE_LENGTH;
import static dev.panicattack.corruption.CorruptionKind.TRUNCATION;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.CorruptedInputTest;
import dev.panicattack.signature.BugClass;

/** MALFORMED_INPUT_CRASH: a length-prefixed record decoder that trusts the bytes it is given. */
public class RecordDecoderPrograms {

    static final short MAGIC = (short) 0xCAFE;

    /** Decodes {@code CA FE, int length, length bytes of UTF-8}; documents {@link MalformedRecordException}. */
    static final class TrustingDecoder {

        String decode(byte[] record) throws MalformedRecordException {
            ByteBuffer buffer = ByteBuffer.wrap(record);
            // The defect: no check of how many bytes remain, neither for the header nor for the length it declares.
            if (buffer.getShort() != MAGIC) {
                throw new MalformedRecordException("record does not start with CA FE");
            }
            int length = buffer.getInt();
            ByteBuffer payload = buffer.slice(buffer.position(), length);
            return StandardCharsets.UTF_8.decode(payload).toString();
        }
    }

    /** Every truncation and every huge length makes the decoder read past the end instead of rejecting the record. */
    @Seeded(BugClass.MALFORMED_INPUT_CRASH)
    @CorruptedInputTest(resource = "corpus/inputs/greeting.rec", kinds = {TRUNCATION, HUGE_LENGTH}, variants = 4,
            seed = 42, documented = MalformedRecordException.class)
    void decodesGreeting(byte[] record) throws MalformedRecordException {
        new TrustingDecoder().decode(record);
    }
}
