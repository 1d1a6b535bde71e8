package dev.panicattack.constraint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Suggests the valid key a misspelt one was most likely meant to be, by edit distance. */
final class NearestKey {

    /** Beyond this many edits a "suggestion" is a guess that misleads more than it helps. */
    private static final int MAX_EDITS = 2;

    private NearestKey() {
    }

    static Optional<String> to(String written, List<String> validKeys) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : validKeys) {
            int distance = distance(written.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance > MAX_EDITS || bestDistance >= best.length()) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Levenshtein distance, with an adjacent transposition counted as one edit ("laod" -> "load"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
