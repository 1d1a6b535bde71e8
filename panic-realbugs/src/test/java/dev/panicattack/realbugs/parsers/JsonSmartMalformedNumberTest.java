package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;
import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;

/**
 * json-smart hands a token that starts like a number but is none ({@code -.}, {@code 2e+}) to
 * {@code Double.parseDouble} unchecked, so malformed input escapes as {@link NumberFormatException}
 * instead of the documented {@link ParseException} (CVE-2021-27568). Buggy: 2.3; fixed in 2.3.1.
 */
@Diagnose
@RealBug(artifact = "net.minidev:json-smart", buggy = "2.3", fixed = "2.3.1", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/netplex/json-smart-v2/issues/60")
class JsonSmartMalformedNumberTest {

    @Test
    void answersBadRequestToANumberWithoutDigits() {
        assertThat(status("[-.]")).isEqualTo(400);
    }

    /** The HTTP status a JSON endpoint answers to a request body. */
    private static int status(String body) {
        try {
            new JSONParser(JSONParser.MODE_PERMISSIVE).parse(body);
            return 200;
        } catch (ParseException malformed) {
            return 400;
        }
    }
}
