package dev.panicattack.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        JsonWriter.quote(text, out);
        return out.toString();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(quoted("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(quoted("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(quoted("line\u2028para\u2029")).isEqualTo("\"line\\u2028para\\u2029\"");
    }

    @Test
    void keepsUnicodeAndEscapesOnlyUnpairedSurrogates() {
        assertThat(quoted("Zürich 東京 😱")).isEqualTo("\"Zürich 東京 😱\"");
        assertThat(quoted("bad \ud83d end")).isEqualTo("\"bad \\ud83d end\"");
        assertThat(quoted("bad \ude31")).isEqualTo("\"bad \\ude31\"");
        assertThat(quoted("</script>")).isEqualTo("\"</script>\"");
    }

    @Test
    void nastyStringsRoundTrip() {
        String nasty = "\"'\\/<script>alert(1)</script>\u0000\u001b[31m\r\n\t😱\u2028 ünï ₠ \\u0041";
        JsonWriter json = new JsonWriter(new StringBuilder());
        json.beginObject(false).name(nasty).value(nasty).endObject();
        Object parsed = MiniJson.parse(json.finish());
        assertThat(parsed).isEqualTo(Map.of(nasty, nasty));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        JsonWriter json = new JsonWriter(new StringBuilder());
        json.beginArray(true).value(Double.NaN).value(Double.POSITIVE_INFINITY).value(Double.NEGATIVE_INFINITY)
                .value(1.5).value(-0.25).value(1e-7).value(3L).value(Long.MIN_VALUE).endArray();
        String text = json.finish();
        assertThat(text).isEqualTo("[null, null, null, 1.5, -0.25, 1.0E-7, 3, -9223372036854775808]");
        assertThat(MiniJson.parse(text)).isEqualTo(java.util.Arrays.asList(null, null, null, 1.5, -0.25, 1e-7, 3L,
                Long.MIN_VALUE));
    }

    @Test
    void laysOutBlockContainersOnePerLineAndInlineOnesOnOneLine() {
        JsonWriter json = new JsonWriter(new StringBuilder());
        json.beginObject(false)
                .name("a").value(1L)
                .name("list").beginArray(false)
                .beginObject(true).name("p").value("x").name("v").beginArray(false).value(1L).value("s").endArray()
                .endObject()
                .endArray()
                .name("empty").beginArray(false).endArray()
                .name("b").value(true)
                .endObject();
        assertThat(json.finish()).isEqualTo("""
                {
                  "a": 1,
                  "list": [
                    {"p": "x", "v": [1, "s"]}
                  ],
                  "empty": [],
                  "b": true
                }""");
    }

    @Test
    void rejectsMisuse() {
        JsonWriter json = new JsonWriter(new StringBuilder());
        json.beginObject(false);
        assertThatThrownBy(json::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 container");
        JsonWriter twoRoots = new JsonWriter(new StringBuilder()).value(1L);
        assertThatThrownBy(() -> twoRoots.value(2L)).hasMessageContaining("exactly one root");
        JsonWriter array = new JsonWriter(new StringBuilder()).beginArray(false);
        assertThatThrownBy(() -> array.name("k")).hasMessageContaining("inside an object");
    }
}
