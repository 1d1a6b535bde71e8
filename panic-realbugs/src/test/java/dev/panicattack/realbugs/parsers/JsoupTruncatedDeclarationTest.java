package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jsoup 1.11.1's tokeniser reads a markup declaration that the input cuts right after {@code <!} with
 * a negative length, so a page truncated there (a download that stopped at a buffer boundary) escapes
 * as {@link StringIndexOutOfBoundsException} instead of parsing (jsoup never throws on malformed markup;
 * it repairs it): jsoup issue 972. Buggy: 1.11.1; fixed in 1.11.2.
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.11.1", fixed = "1.11.2", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/jhy/jsoup/issues/972")
class JsoupTruncatedDeclarationTest {

    @Test
    void readsTheParagraphsOfAPageCutAfterADeclarationStart() {
        Document page = Jsoup.parse("<html><body><p>One</p>\n<!");
        assertThat(page.select("p").text()).isEqualTo("One");
    }
}
