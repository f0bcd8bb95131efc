package org.mqvio.harness.fio;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optimal string alignment distance (Levenshtein plus transpositions), for "did you mean" suggestions. Written here
 * rather than taken from a library: Apache commons-text's {@code LevenshteinDistance} counts no transpositions (so
 * {@code iodetph} would be 2 edits from {@code iodepth}, not 1, and a swap is the commonest typo), and it would bring
 * a dependency for twenty lines.
 */
final class EditDistance {
    private EditDistance() {
    }

    /** The number of single-character insertions, deletions, substitutions and adjacent swaps from a to b. */
    static int between(String a, String b) {
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
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The candidates nearest to {@code word}, nearest first (ties in iteration order): those within one edit of the
     * nearest, at most {@code max}.
     */
    static List<String> nearest(String word, Collection<String> candidates, int max) {
        Map<String, Integer> distance = new LinkedHashMap<>();
        candidates.forEach(c -> distance.putIfAbsent(c, between(word, c)));
        int best = distance.values().stream().min(Integer::compare).orElse(0);
        return distance.entrySet().stream().filter(e -> e.getValue() <= best + 1)
                .sorted(Map.Entry.comparingByValue()).limit(max).map(Map.Entry::getKey).toList();
    }

    /** The candidate nearest to {@code word} (the first of equals, in iteration order). */
    static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = between(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }
}
