package dev.bursar.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.embedding.MiniLmEmbedder;
import dev.bursar.testing.SharedData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Near-miss pairs made from real sentences of the shared data sets: the same sentence with one number, name,
 * negation, unit or code identifier changed. Such a pair must (almost) never be a cache hit.
 */
class NearMissPairsTest {

    static final int PER_KIND = 30;

    record NearMiss(String kind, String a, String b) {
    }

    @Test
    void at_most_two_percent_of_near_miss_pairs_hit() throws Exception {
        List<String> sentences = new ArrayList<>();
        EvalData.quora(SharedData.file(EvalData.QUORA), true).forEach(p -> sentences.add(p.a()));
        EvalData.mrpc(SharedData.file(EvalData.MRPC)).forEach(p -> sentences.add(p.a()));
        EvalData.stsb(SharedData.file(EvalData.STSB)).forEach(p -> sentences.add(p.a()));
        List<NearMiss> pairs = generate(sentences);
        SemanticMatcher matcher = new SemanticMatcher(new MiniLmEmbedder(), SemanticThreshold.shipped());

        Map<String, int[]> byKind = new LinkedHashMap<>();
        List<String> hits = new ArrayList<>();
        int cosineOnly = 0;
        for (NearMiss p : pairs) {
            Comparison c = matcher.compare(SemanticQuery.question(p.a()), SemanticQuery.question(p.b()));
            int[] counts = byKind.computeIfAbsent(p.kind(), k -> new int[3]);
            counts[0]++;
            if (c.similarity() >= matcher.threshold()) {
                counts[1]++;
                cosineOnly++;
            }
            if (c.hit(matcher.threshold())) {
                counts[2]++;
                hits.add(p.kind() + ": " + p.a() + " | " + p.b());
            }
        }
        byKind.forEach((k, c) -> System.out.printf("%-11s %3d pairs, %3d above the threshold, %d hits%n", k, c[0], c[1], c[2]));
        System.out.println("hits: " + hits);

        assertThat(pairs).hasSizeGreaterThanOrEqualTo(100);
        assertThat(byKind.keySet()).containsExactly("number", "entity", "negation", "unit", "identifier");
        // the pairs are near: cosine alone would answer many of them with the other's answer
        assertThat(cosineOnly).isGreaterThanOrEqualTo(pairs.size() / 5);
        assertThat(hits.size()).as("near-miss hits: %s", hits).isLessThanOrEqualTo(pairs.size() * 2 / 100);
    }

    static List<NearMiss> generate(List<String> sentences) {
        List<NearMiss> out = new ArrayList<>();
        add(out, "number", sentences, NearMissPairsTest::changeNumber);
        add(out, "entity", sentences, s -> swap(s, ENTITIES));
        add(out, "negation", sentences, NearMissPairsTest::negate);
        add(out, "unit", sentences, s -> swap(s, UNITS));
        add(out, "identifier", sentences, s -> swap(s, IDENTIFIERS));
        return out;
    }

    private static void add(List<NearMiss> out, String kind, List<String> sentences, Function<String, String> change) {
        int n = 0;
        for (String s : sentences) {
            if (n == PER_KIND || s.split(" ").length > 30) {
                continue;
            }
            String changed = change.apply(s);
            if (changed != null && !changed.equals(s)) {
                out.add(new NearMiss(kind, s, changed));
                n++;
            }
        }
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d{1,4}(?![\\d.,]\\d)");

    /** The first number plus one (2014 -> 2015, 5 -> 6). */
    static String changeNumber(String s) {
        Matcher m = NUMBER.matcher(s);
        if (!m.find()) {
            return null;
        }
        return s.substring(0, m.start()) + (Integer.parseInt(m.group()) + 1) + s.substring(m.end());
    }

    private static final Pattern NEGATABLE = Pattern.compile("\\b(is|are|was|can|does|do|should|will)\\b(?! not\\b)");

    /** The first auxiliary negated: "is" becomes "is not", "can" becomes "cannot". */
    static String negate(String s) {
        Matcher m = NEGATABLE.matcher(s);
        if (!m.find() || s.matches("(?i).*\\b(not|no|never|n't)\\b.*")) {
            return null;
        }
        String neg = m.group(1).equals("can") ? "cannot" : m.group(1) + " not";
        return s.substring(0, m.start()) + neg + s.substring(m.end());
    }

    /** The first listed word found (as a whole word) replaced by its counterpart. */
    static String swap(String s, Map<String, String> swaps) {
        int best = Integer.MAX_VALUE;
        String from = null;
        for (String w : swaps.keySet()) {
            Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(w) + "(?![\\w(])").matcher(s);
            if (m.find() && m.start() < best) {
                best = m.start();
                from = w;
            }
        }
        return from == null ? null : s.substring(0, best) + swaps.get(from) + s.substring(best + from.length());
    }

    static final Map<String, String> ENTITIES = pairs("France", "Germany", "India", "Pakistan", "China", "Japan",
            "Canada", "Australia", "Russia", "Ukraine", "America", "Europe", "London", "Paris", "Delhi", "Mumbai",
            "Google", "Microsoft", "Apple", "Samsung", "Amazon", "Facebook", "Trump", "Obama", "Hillary", "Modi",
            "California", "Texas", "Iraq", "Iran", "Israel", "Egypt", "Bush", "Clinton", "Quora", "Twitter");
    static final Map<String, String> UNITS = pairs("km", "miles", "kilometers", "miles", "kg", "pounds", "kgs", "lbs",
            "dollars", "euros", "rupees", "dollars", "USD", "EUR", "INR", "USD", "Celsius", "Fahrenheit", "hours",
            "minutes", "days", "weeks", "years", "months", "GB", "MB", "meters", "feet", "inches", "centimeters",
            "percent", "dollars", "mph", "km/h");
    static final Map<String, String> IDENTIFIERS = pairs("iPhone", "iPad", "iOS", "macOS", "JavaScript", "TypeScript",
            "PHP", "Perl", "YouTube", "PayPal", "LinkedIn", "WhatsApp", "PowerPoint", "OneNote", "node.js", "vue.js",
            "C#", "F#", "HTML5", "CSS3", "eBay", "eBook", "MySQL", "PostgreSQL", "GitHub", "GitLab", "WordPress", "PrestaShop");

    /** a -> b and b -> a for each pair in the list. */
    private static Map<String, String> pairs(String... words) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < words.length; i += 2) {
            m.putIfAbsent(words[i], words[i + 1]);
            m.putIfAbsent(words[i + 1], words[i]);
        }
        return m;
    }
}
