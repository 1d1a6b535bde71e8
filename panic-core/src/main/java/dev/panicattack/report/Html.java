package dev.panicattack.report;

/** Escaping of text for HTML element content and quoted attribute values. */
final class Html {

    private Html() {
    }

    /**
     * Appends {@code text} escaped for element content or a double- or single-quoted attribute.
     * Control characters other than tab and line breaks are not allowed in HTML and become U+FFFD.
     */
    static StringBuilder escape(String text, StringBuilder out) {
        int runStart = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String replacement;
            switch (c) {
                case '&' -> replacement = "&amp;";
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '"' -> replacement = "&quot;";
                case '\'' -> replacement = "&#39;";
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f) {
                        replacement = "\uFFFD";
                    } else {
                        continue;
                    }
                }
            }
            out.append(text, runStart, i).append(replacement);
            runStart = i + 1;
        }
        return out.append(text, runStart, length);
    }

    static String escape(String text) {
        return escape(text, new StringBuilder(text.length() + 16)).toString();
    }
}
