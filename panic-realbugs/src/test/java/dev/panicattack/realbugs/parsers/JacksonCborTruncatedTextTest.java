package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jackson-dataformat-cbor decodes a short text value without checking that the bytes of its last
 * UTF-8 sequence are there, so a text value cut inside a multi-byte character reads past the input and
 * escapes as {@link ArrayIndexOutOfBoundsException} instead of the documented {@link IOException}
 * (a {@code JsonParseException}): jackson-dataformats-binary issue 236, found by fuzzing. Buggy: 2.12.1;
 * fixed in 2.12.2.
 */
@Diagnose
@RealBug(artifact = "com.fasterxml.jackson.dataformat:jackson-dataformat-cbor", buggy = "2.12.1", fixed = "2.12.2",
        expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/FasterXML/jackson-dataformats-binary/issues/236")
class JacksonCborTruncatedTextTest {

    @Test
    void answersBadRequestToATextCutInsideACharacter() {
        byte[] body = {0x66, (byte) 0xef, 0x7d, 0x7d, 0x0a, 0x2d, (byte) 0xda};
        assertThat(status(body)).isEqualTo(400);
    }

    /** The HTTP status a CBOR endpoint answers to a request body. */
    private static int status(byte[] body) {
        try {
            new ObjectMapper(new CBORFactory()).readTree(body);
            return 200;
        } catch (IOException malformed) {
            return 400;
        }
    }
}
