package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jackson-core detects seven zero bytes as UTF-32 and its {@code UTF32Reader} reads a whole 4-byte unit
 * past the end of an input whose length is not a multiple of four, so the body escapes as
 * {@link ArrayIndexOutOfBoundsException} instead of the documented {@link IOException}
 * ({@code JsonParseException}): jackson-core issue 418 (the earlier fix of issue 382 missed this length).
 * Buggy: 2.9.2; fixed in 2.9.3.
 */
@Diagnose
@RealBug(artifact = "com.fasterxml.jackson.core:jackson-core", buggy = "2.9.2", fixed = "2.9.3",
        expected = BugClass.MALFORMED_INPUT_CRASH, issue = "https://github.com/FasterXML/jackson-core/issues/418")
class JacksonUtf32ZeroBytesTest {

    @Test
    void answersBadRequestToSevenZeroBytes() {
        assertThat(status(new byte[7])).isEqualTo(400);
    }

    /** The HTTP status a JSON endpoint that reads the request body's tokens from its bytes answers to it. */
    private static int status(byte[] body) {
        try (JsonParser tokens = new JsonFactory().createParser(body)) {
            while (tokens.nextToken() != null) {
                // every token read; a real endpoint would act on them
            }
            return 200;
        } catch (IOException malformed) {
            return 400;
        }
    }
}
