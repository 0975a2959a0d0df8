package dev.bursar.providers.sim;

import dev.bursar.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes the sim's English-like answers: sentences from a small vocabulary, opened by the topic words of the
 * question, about {@code target} tokens long and never over {@code cap} tokens (the text is then cut mid-sentence,
 * as a real model's would be).
 */
final class SimWriter {

    /** The written text, its real token count, and whether the cap cut it. */
    record Text(String text, int tokens, boolean truncated) {
    }

    private static final String[] CONTENT = ("system answer model value request cost budget team customer result "
            + "context example process service design report change number estimate question token price option "
            + "approach detail pattern feature record source review signal measure limit window plan policy path "
            + "quality latency cache route metric trend share margin").split(" ");
    private static final String[] GLUE = ("the a this each that every one its our your in of for with to and "
            + "usually often clearly simply then also can will should may is are keeps gives shows needs").split(" ");
    private static final Set<String> STOP = Set.of("what", "which", "where", "when", "about", "there", "their",
            "would", "could", "should", "please", "answer", "tell", "with", "from", "that", "this", "have", "does",
            "your", "into", "sentence", "assistant", "terse");

    private SimWriter() {
    }

    static Text write(long seed, List<String> topic, int target, int cap, TokenCounter counter) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        if (!topic.isEmpty()) {
            words.add("Regarding");
            for (int i = 0; i < topic.size(); i++) {
                words.add(topic.get(i) + (i == topic.size() - 1 ? "," : ""));
            }
        }
        int approx = counter.count(String.join(" ", words));
        while (approx < target) {
            int length = 6 + random.nextInt(9);
            for (int i = 0; i < length; i++) {
                String word = i % 2 == 0 ? CONTENT[random.nextInt(CONTENT.length)] : GLUE[random.nextInt(GLUE.length)];
                if (words.isEmpty() || words.getLast().endsWith(".")) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                words.add(i == length - 1 ? word + "." : word);
                approx += counter.count(" " + word);
            }
        }
        return fit(words, cap, counter);
    }

    /** The whole text if it fits in {@code cap} tokens, else the longest prefix of words that does. */
    private static Text fit(List<String> words, int cap, TokenCounter counter) {
        String full = String.join(" ", words);
        int tokens = counter.count(full);
        if (tokens <= cap) {
            return new Text(full, tokens, false);
        }
        int lo = 0;
        int hi = words.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (counter.count(String.join(" ", words.subList(0, mid))) <= cap) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        String cut = String.join(" ", words.subList(0, lo));
        return new Text(cut, counter.count(cut), true);
    }

    /**
     * A given text (a scripted answer) whole if it fits in {@code cap} tokens, else its longest prefix ending before
     * a whitespace that does; whitespace inside is kept as written.
     */
    static Text fitText(String text, int cap, TokenCounter counter) {
        int tokens = counter.count(text);
        if (tokens <= cap) {
            return new Text(text, tokens, false);
        }
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                ends.add(i);
            }
        }
        int lo = -1;
        int hi = ends.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (counter.count(text.substring(0, ends.get(mid))) <= cap) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        String cut = lo < 0 ? "" : text.substring(0, ends.get(lo));
        return new Text(cut, counter.count(cut), true);
    }

    /** Up to three distinctive words of the question, so the answer echoes its topic. */
    static List<String> topic(String question) {
        Set<String> picked = new LinkedHashSet<>();
        for (String w : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 4 && !STOP.contains(w) && picked.size() < 3) {
                picked.add(w);
            }
        }
        return List.copyOf(picked);
    }
}
