package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jsoup's XML tree builder reads {@code <?} inside a script's text as the start of a declaration,
 * parses that text again as a document and takes its first element, which it does not have, so
 * {@code <script> var a="<?"; var b="?>"; </script>} escapes as {@link IndexOutOfBoundsException} instead
 * of parsing (jsoup never throws on malformed markup; it repairs it): jsoup issue 1139 (the fix of issue
 * 1015 in 1.11.3 did not cover it). Buggy: 1.11.3; fixed in 1.12.1.
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.11.3", fixed = "1.12.1", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/jhy/jsoup/issues/1139")
class JsoupXmlScriptTest {

    @Test
    void keepsTheScriptOfAnIframeReadAsXml() {
        Document frame = Jsoup.parse("<script> var a=\"<?\"; var b=\"?>\"; </script>", "", Parser.xmlParser());
        assertThat(frame.select("script")).hasSize(1);
    }
}
