package dev.bursar.tiers;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a right answer looks like, checked without a judge. An {@link Exact} answer is compared after
 * {@link #normalise}: surrounding whitespace and final sentence punctuation dropped, runs of whitespace made one
 * space, case folded; so {@code "  paris.\n"} is {@code "Paris"}, and {@code "Paris, France"} is not. A {@link Regex}
 * is found anywhere in the answer as it is (write {@code (?i)} to ignore case, {@code ^…$} to anchor).
 */
public sealed interface Expected {

    boolean matches(String answer);

    record Exact(String text) implements Expected {
        @Override
        public boolean matches(String answer) {
            return normalise(text).equals(normalise(answer));
        }
    }

    record Regex(Pattern pattern) implements Expected {
        @Override
        public boolean matches(String answer) {
            return pattern.matcher(answer).find();
        }
    }

    static String normalise(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        s = s.replaceAll("[.!?]+$", "").strip();
        return s.toLowerCase(Locale.ROOT);
    }
}
