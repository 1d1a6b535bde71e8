package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jackson-core's byte-stream parser converts each byte of a unicode escape's hex digits to a signed
 * {@code int} before looking it up as a hex digit, so a non-ASCII byte there (here the UTF-8 encoding of U+0080) indexes
 * the table with a negative number and escapes as {@link ArrayIndexOutOfBoundsException} instead of the
 * documented {@link IOException} ({@code JsonParseException}): jackson-core pull request 540, found by
 * fuzzing. Buggy: 2.9.9; fixed in 2.9.10.
 */
@Diagnose
@RealBug(artifact = "com.fasterxml.jackson.core:jackson-core", buggy = "2.9.9", fixed = "2.9.10",
        expected = BugClass.MALFORMED_INPUT_CRASH, issue = "https://github.com/FasterXML/jackson-core/pull/540")
class JacksonMalformedEscapeTest {

    @Test
    void answersBadRequestToANonAsciiByteInAnEscape() {
        assertThat(status("\"\\u\u0080\"".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
    }

    /** The HTTP status a JSON endpoint that streams the request body's tokens answers to it. */
    private static int status(byte[] body) {
        try (JsonParser tokens = new JsonFactory().createParser(new ByteArrayInputStream(body))) {
            while (tokens.nextToken() != null) {
                // every token read; a real endpoint would act on them
            }
            return 200;
        } catch (IOException malformed) {
            return 400;
        }
    }
}
