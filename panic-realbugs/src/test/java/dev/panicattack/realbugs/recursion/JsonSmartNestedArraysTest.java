package dev.panicattack.realbugs.recursion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;
import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;

/**
 * json-smart's parser reads each nested array or object by a recursive call with no depth limit, so a
 * document of deeply nested arrays ends in a {@link StackOverflowError} (CVE-2023-1370). Buggy: 2.4.8;
 * fixed in 2.4.9, which stops at depth 400 with a {@link ParseException}.
 */
@Diagnose
@RealBug(artifact = "net.minidev:json-smart", buggy = "2.4.8", fixed = "2.4.9", expected = BugClass.UNBOUNDED_RECURSION,
        issue = "https://nvd.nist.gov/vuln/detail/CVE-2023-1370")
class JsonSmartNestedArraysTest {

    @Test
    void rejectsDeeplyNestedArrays() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        try {
            Object document = new JSONParser(JSONParser.MODE_PERMISSIVE).parse(nested);
            assertThat(document).isNotNull();
        } catch (ParseException rejected) {
            // the documented answer to input json-smart will not parse
        }
    }
}
