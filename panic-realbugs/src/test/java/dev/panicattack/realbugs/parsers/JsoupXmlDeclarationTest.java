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
 * jsoup's XML tree builder reads an XML declaration that is not closed by {@code ?>} by parsing its text
 * again as a document and taking that document's first element, which it does not have, so
 * {@code <?xml version='1.0'><val>One</val>} escapes as {@link IndexOutOfBoundsException} instead of
 * parsing (jsoup never throws on malformed markup; it repairs it): jsoup issue 1015. Buggy: 1.11.2;
 * fixed in 1.11.3.
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.11.2", fixed = "1.11.3", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/jhy/jsoup/issues/1015")
class JsoupXmlDeclarationTest {

    @Test
    void readsTheValueOfAFeedWithAnUnclosedDeclaration() {
        Document feed = Jsoup.parse("<?xml version='1.0'><val>One</val>", "", Parser.xmlParser());
        assertThat(feed.select("val").text()).isEqualTo("One");
    }
}
