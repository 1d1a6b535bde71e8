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
 * jackson-core's byte-stream parser copies an integer's digits into a 200-character segment without
 * growing it when the number runs on at the end of its input buffer, so a 500-digit integer escapes as
 * {@link ArrayIndexOutOfBoundsException} instead of being read (or refused with the documented
 * {@link IOException}): jackson-core issue 160. Buggy: 2.4.3; fixed in 2.4.4.
 */
@Diagnose
@RealBug(artifact = "com.fasterxml.jackson.core:jackson-core", buggy = "2.4.3", fixed = "2.4.4",
        expected = BugClass.MALFORMED_INPUT_CRASH, issue = "https://github.com/FasterXML/jackson-core/issues/160")
class JacksonLongIntegerTest {

    @Test
    void acceptsAFiveHundredDigitInteger() {
        assertThat(status("1".repeat(500).getBytes(StandardCharsets.US_ASCII))).isEqualTo(200);
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
