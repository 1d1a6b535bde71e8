package dev.panicattack.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the file name (without extension) of a test's report: {@code BankTest.transfer}, with the
 * invocation numbers of parameterized, repeated or dynamic tests appended ({@code BankTest.transfer-3}).
 * Only ASCII letters, digits, {@code .}, {@code _} and {@code -} remain. When two different tests
 * still map to one name (overloaded methods, equal simple class names in two packages), the test
 * already written there keeps it and the other gets {@code ~} and 8 hex digits of a SHA-256 of its
 * unique id: the same test always gets the same name in a directory.
 */
final class ReportFileNames {

    /** Keeps names well under the 255-byte limit of common file systems, with room for suffixes. */
    private static final int MAX_BASE_LENGTH = 120;

    private static final Pattern INVOCATION = Pattern.compile("\\[[a-z-]+:#(\\d+)]");

    private ReportFileNames() {
    }

    /** The readable name, before any collision is resolved. */
    static String baseName(TrialReport report) {
        StringBuilder name = new StringBuilder();
        sanitise(report.simpleClassName().replace('$', '.'), name);
        name.append('.');
        sanitise(report.methodName(), name);
        Matcher invocation = INVOCATION.matcher(report.testId());
        while (invocation.find()) {
            name.append('-').append(invocation.group(1));
        }
        if (name.length() > MAX_BASE_LENGTH) {
            return name.substring(0, MAX_BASE_LENGTH) + "~" + shortHash(report.testId());
        }
        return name.toString();
    }

    /** The name this test's files have, or will have, in {@code directory}. */
    static String resolve(Path directory, TrialReport report) {
        String base = baseName(report);
        Path existing = directory.resolve(base + ".json");
        if (!Files.exists(existing) || ReportJson.testIdLine(report.testId()).equals(testIdLineOf(existing))) {
            return base;
        }
        return base + "~" + shortHash(report.testId());
    }

    private static String testIdLineOf(Path json) {
        try (BufferedReader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            for (int line = 0; line < 4; line++) {
                String text = reader.readLine();
                if (text == null) {
                    break;
                }
                if (text.startsWith(ReportJson.TEST_ID_LINE_PREFIX)) {
                    return text;
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test id of the existing report " + json
                    + " to tell whether it belongs to the same test; check the directory's permissions", e);
        }
    }

    static void sanitise(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            out.append(safe ? c : '_');
        }
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256, but this one does not", e);
        }
    }
}
