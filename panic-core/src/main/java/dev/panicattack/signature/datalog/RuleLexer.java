package dev.panicattack.signature.datalog;

import java.util.ArrayList;
import java.util.List;

/** Splits rule text into tokens; comments ({@code %} or {@code //} to end of line) are dropped. */
final class RuleLexer {

    enum Kind { LOWER, VARIABLE, INTEGER, DECIMAL, STRING, SYMBOL, DECL, END }

    /** One token; {@code value} is the decoded literal for numbers and strings. */
    record Token(Kind kind, String text, Object value, Position position, int start, int end) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        String describe() {
            return switch (kind) {
                case END -> "end of input";
                case STRING -> "string " + text;
                default -> "'" + text + "'";
            };
        }
    }

    private static final String[] SYMBOLS = {":-", "!=", "<=", ">=", "(", ")", ",", ".", "=", "<", ">", "+",
        "-", "*", "/", "@"};

    private final String source;
    private final String text;
    private int offset;
    private int line = 1;
    private int lineStart;

    private RuleLexer(String source, String text) {
        this.source = source;
        this.text = text;
    }

    static List<Token> tokenize(String source, String text) {
        return new RuleLexer(source, text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Position position = here();
            int start = offset;
            if (offset >= text.length()) {
                tokens.add(new Token(Kind.END, "", null, position, start, start));
                return tokens;
            }
            char c = text.charAt(offset);
            if (c >= 'a' && c <= 'z') {
                String word = word();
                tokens.add(new Token(Kind.LOWER, word, word, position, start, offset));
            } else if ((c >= 'A' && c <= 'Z') || c == '_') {
                String word = word();
                tokens.add(new Token(Kind.VARIABLE, word, word, position, start, offset));
            } else if (c >= '0' && c <= '9') {
                tokens.add(number(position));
            } else if (c == '"') {
                tokens.add(string(position));
            } else if (c == '.' && text.startsWith(".decl", offset) && !identifierChar(offset + 5)) {
                offset += 5;
                tokens.add(new Token(Kind.DECL, ".decl", null, position, start, offset));
            } else {
                tokens.add(symbol(position));
            }
        }
    }

    private void skipSpaceAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '%' || (c == '/' && text.startsWith("//", offset))) {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    offset++;
                }
            } else if (c == '\n') {
                offset++;
                line++;
                lineStart = offset;
            } else if (Character.isWhitespace(c)) {
                offset++;
            } else {
                return;
            }
        }
    }

    private Position here() {
        return new Position(source, line, offset - lineStart + 1);
    }

    private boolean identifierChar(int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private String word() {
        int start = offset;
        while (offset < text.length() && (isAsciiLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
            offset++;
        }
        return text.substring(start, offset);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private Token number(Position position) {
        int start = offset;
        while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
            offset++;
        }
        boolean decimal = offset + 1 < text.length() && text.charAt(offset) == '.'
                && Character.isDigit(text.charAt(offset + 1));
        if (decimal) {
            offset++;
            while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
                offset++;
            }
        }
        String literal = text.substring(start, offset);
        if (decimal) {
            return new Token(Kind.DECIMAL, literal, Double.parseDouble(literal), position, start, offset);
        }
        try {
            return new Token(Kind.INTEGER, literal, Long.parseLong(literal), position, start, offset);
        } catch (NumberFormatException e) {
            throw position.error("integer " + literal + " is out of range (at most " + Long.MAX_VALUE
                    + "); write it as a decimal such as " + literal + ".0");
        }
    }

    private Token string(Position position) {
        int start = offset;
        offset++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (offset >= text.length() || text.charAt(offset) == '\n') {
                throw position.error("unterminated string: expected a closing '\"' before the end of the line");
            }
            char c = text.charAt(offset);
            if (c == '"') {
                offset++;
                return new Token(Kind.STRING, text.substring(start, offset), value.toString(), position, start, offset);
            }
            if (c == '\\') {
                char next = offset + 1 < text.length() ? text.charAt(offset + 1) : '\n';
                if (next != '"' && next != '\\') {
                    throw new Position(source, line, offset - lineStart + 1).error(
                            "unknown escape '\\" + (next == '\n' ? "" : String.valueOf(next))
                                    + "' in string; only \\\" and \\\\ are allowed");
                }
                value.append(next);
                offset += 2;
            } else {
                value.append(c);
                offset++;
            }
        }
    }

    private Token symbol(Position position) {
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, offset)) {
                int start = offset;
                offset += symbol.length();
                return new Token(Kind.SYMBOL, symbol, null, position, start, offset);
            }
        }
        throw position.error("unexpected character '" + text.charAt(offset)
                + "'; expected an atom, a term, an operator or a comment (% or //)");
    }
}
