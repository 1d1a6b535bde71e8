package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jsoup's adoption agency algorithm (closing an {@code <a>} that formatting elements and a block
 * interleave) inserts a bookmark past the end of its list of active formatting elements, so an anchor
 * nested in another through {@code <b><div>} escapes as {@link IndexOutOfBoundsException} instead of
 * parsing (jsoup never throws on malformed markup; it repairs it): jsoup issue 1608. Buggy: 1.14.1;
 * fixed in 1.14.2.
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.14.1", fixed = "1.14.2", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/jhy/jsoup/issues/1608")
class JsoupNestedAnchorsTest {

    @Test
    void extractsTheLinksOfAPageWithNestedAnchors() {
        Document page = Jsoup.parse("<a>\n  <b>\n    <div>\n      <a>test</a>\n    </div>\n  </b>\n</a>");
        assertThat(page.select("a").eachText()).contains("test");
    }
}
