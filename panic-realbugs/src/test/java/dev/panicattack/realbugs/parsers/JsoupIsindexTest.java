package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jsoup's HTML tree builder rewrites an {@code <isindex>} start tag by reading the tag's attributes,
 * which are {@code null} when the tag has none, so {@code <isindex />} escapes as
 * {@link NullPointerException} instead of parsing (jsoup never throws on malformed markup; it repairs
 * it): jsoup issue 1404 (again as 1531). Buggy: 1.13.1; fixed in 1.14.1.
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.13.1", fixed = "1.14.1", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/jhy/jsoup/issues/1404")
class JsoupIsindexTest {

    @Test
    void extractsTheTextOfACommentHoldingAnIsindexTag() {
        Document comment = Jsoup.parse("<p>Search the archive:</p><isindex />");
        assertThat(comment.select("p").text()).isEqualTo("Search the archive:");
    }
}
