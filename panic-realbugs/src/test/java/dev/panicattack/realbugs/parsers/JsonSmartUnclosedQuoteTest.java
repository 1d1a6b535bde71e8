package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;
import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;

/**
 * json-smart's byte-array parser looks for the closing quote of a single-quoted string past the end of
 * the input, so an unclosed quote escapes as {@link ArrayIndexOutOfBoundsException} instead of the
 * documented {@link ParseException} (CVE-2021-31684). Buggy: 2.4.2; fixed in 2.4.5 (the control is
 * 2.4.6: 2.4.5 does not resolve with its dependencies from Maven Central).
 */
@Diagnose
@RealBug(artifact = "net.minidev:json-smart", buggy = "2.4.2", fixed = "2.4.6", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/netplex/json-smart-v2/issues/67")
class JsonSmartUnclosedQuoteTest {

    @Test
    void answersBadRequestToAnUnclosedQuote() {
        assertThat(status("['c".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
    }

    /** The HTTP status a JSON endpoint answers to a request body. */
    private static int status(byte[] body) {
        try {
            new JSONParser(JSONParser.MODE_PERMISSIVE).parse(body);
            return 200;
        } catch (ParseException malformed) {
            return 400;
        }
    }
}
