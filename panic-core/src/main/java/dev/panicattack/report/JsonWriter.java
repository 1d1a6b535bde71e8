package dev.panicattack.report;

import java.util.Arrays;

/**
 * A small streaming JSON encoder. Keys come out in the order they are written (so output is stable);
 * strings are escaped per RFC 8259 (quote, backslash, control characters, unpaired surrogates, and
 * U+2028/U+2029 so the text can also be embedded in a script); non-finite doubles become
 * {@code null}. Containers opened {@code inline} print on one line, others one element per line.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private boolean[] inline = new boolean[8];
    private boolean[] nonEmpty = new boolean[8];
    private boolean[] object = new boolean[8];
    private int depth;
    private boolean afterName;
    private boolean rootWritten;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject(boolean oneLine) {
        return open('{', oneLine);
    }

    JsonWriter beginArray(boolean oneLine) {
        return open('[', oneLine);
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        if (!object[depth] || afterName) {
            throw new IllegalStateException("a name must be inside an object and follow a value, but was '" + name + "'");
        }
        separate();
        quote(name, out);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String text) {
        if (text == null) {
            return nullValue();
        }
        beforeValue();
        quote(text, out);
        return this;
    }

    JsonWriter value(long number) {
        beforeValue();
        out.append(number);
        return this;
    }

    JsonWriter value(double number) {
        beforeValue();
        appendNumber(number, out);
        return this;
    }

    JsonWriter value(boolean bool) {
        beforeValue();
        out.append(bool);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** A fact value: {@link String}, {@link Long} or {@link Double}; anything else as its string form. */
    JsonWriter value(Object fieldValue) {
        if (fieldValue instanceof Long number) {
            return value(number.longValue());
        }
        if (fieldValue instanceof Double number) {
            return value(number.doubleValue());
        }
        return value(fieldValue == null ? null : fieldValue.toString());
    }

    /** The encoded text; fails if a container is still open. */
    String finish() {
        if (depth != 0 || !rootWritten) {
            throw new IllegalStateException("JSON document is incomplete: " + depth + " container(s) still open");
        }
        return out.toString();
    }

    /** Appends {@code text} as a JSON string literal. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        int runStart = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String escape = null;
            boolean unicodeEscape = false;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> escape = "\\n";
                    case '\r' -> escape = "\\r";
                    case '\t' -> escape = "\\t";
                    case '\b' -> escape = "\\b";
                    case '\f' -> escape = "\\f";
                    default -> unicodeEscape = true;
                }
            } else if (c == 0x7f || c == '\u2028' || c == '\u2029') {
                unicodeEscape = true;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a valid pair is written as is (UTF-8 output)
                    continue;
                }
                unicodeEscape = true;
            } else if (Character.isLowSurrogate(c)) {
                unicodeEscape = true; // unpaired: cannot be encoded in UTF-8
            } else {
                continue;
            }
            out.append(text, runStart, i);
            if (unicodeEscape) {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(escape);
            }
            runStart = i + 1;
        }
        out.append(text, runStart, length).append('"');
    }

    /** Appends a JSON number; NaN and infinities have no JSON form and become {@code null}. */
    static void appendNumber(double number, StringBuilder out) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            out.append("null");
        } else {
            out.append(number);
        }
    }

    private JsonWriter open(char bracket, boolean oneLine) {
        beforeValue();
        out.append(bracket);
        depth++;
        if (depth == inline.length) {
            inline = Arrays.copyOf(inline, depth * 2);
            nonEmpty = Arrays.copyOf(nonEmpty, depth * 2);
            object = Arrays.copyOf(object, depth * 2);
        }
        object[depth] = bracket == '{';
        // a child of a one-line container is on that line too
        inline[depth] = oneLine || inline[depth - 1];
        nonEmpty[depth] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        if (depth == 0 || afterName) {
            throw new IllegalStateException("nothing to close with '" + bracket + "' at depth " + depth);
        }
        if (!inline[depth] && nonEmpty[depth]) {
            newline(depth - 1);
        }
        out.append(bracket);
        depth--;
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth == 0) {
            if (rootWritten) {
                throw new IllegalStateException("a JSON document has exactly one root value");
            }
            rootWritten = true;
            return;
        }
        separate();
    }

    private void separate() {
        if (nonEmpty[depth]) {
            out.append(',');
            if (inline[depth]) {
                out.append(' ');
            }
        }
        if (!inline[depth]) {
            newline(depth);
        }
        nonEmpty[depth] = true;
    }

    private void newline(int indent) {
        out.append('\n');
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }
}
