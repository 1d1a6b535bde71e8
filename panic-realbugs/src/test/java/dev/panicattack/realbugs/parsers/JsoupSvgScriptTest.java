package dev.panicattack.realbugs.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * jsoup 1.21.1 pops past the bottom of its stack of open elements on two {@code <script>} elements
 * inside an {@code <svg>} element, so {@code <svg><script></script><script></script><div></div>} escapes as
 * {@link IndexOutOfBoundsException} instead of parsing (jsoup never throws on malformed markup; it
 * repairs it; 1.20.1 parsed it): jsoup issue 2392. Buggy: 1.21.1; fixed in 1.21.2.
 */
@Diagnose
@RealBug(artifact = "org.jsoup:jsoup", buggy = "1.21.1", fixed = "1.21.2", expected = BugClass.MALFORMED_INPUT_CRASH,
        issue = "https://github.com/jhy/jsoup/issues/2392")
class JsoupSvgScriptTest {

    @Test
    void parsesAnInlineSvgWithTwoScripts() {
        Document page = Jsoup.parse("<html><body><svg><script></script><script></script><div></div></body></html>");
        assertThat(page.select("div")).hasSize(1);
    }
}
