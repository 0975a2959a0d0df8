package dev.bursar.pricing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" for model names: edit distance, with names that contain the query ranked first. */
public final class ModelNames {

    private ModelNames() {
    }

    public static List<String> closest(String query, Collection<String> names, int max) {
        record Scored(String name, int score) {
        }
        return names.stream()
                .map(name -> new Scored(name, score(query, name)))
                .filter(s -> s.score() <= Math.max(3, query.length() / 2))
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    private static int score(String query, String name) {
        if (name.contains(query) || query.contains(name)) {
            return Math.abs(name.length() - query.length()) / 4;
        }
        return distance(query, name);
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
