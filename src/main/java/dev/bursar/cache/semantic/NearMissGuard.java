package dev.bursar.cache.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cosine similarity cannot see: two questions that differ in one number, name, negation, unit or code
 * identifier can be close in embedding space ("Is my code working?" / "Is my code not working?") yet need different
 * answers. The guard extracts those details from each query ({@link Details}) and a hit needs them to agree.
 *
 * <p>Agreement is deliberately strict (a detail on one side only is a disagreement: "the tower" is not "the Eiffel
 * tower"); a refused paraphrase costs one provider call, a wrong hit gives a user someone else's answer.
 */
final class NearMissGuard {

    private NearMissGuard() {
    }

    private static final Pattern BACKTICKS = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![\\w.])(?:[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+(?:\\(\\))?"   // dotted: os.path, System.out.println, node.js
                    + "|[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*"                        // camelCase
                    + "|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*"                        // PascalCase with two humps: HashMap, JavaScript
                    + "|[A-Za-z0-9]*_[A-Za-z0-9_]+"                             // snake_case, _private, MAX_SIZE
                    + "|[A-Za-z_][\\w]*\\(\\))(?![\\w])");                      // call()
    /** Abbreviations that look like dotted names. */
    private static final Set<String> NOT_IDENTIFIERS = Set.of("a.m", "p.m", "ph.d");
    /** Digits, also glued to letters (python3, 5km); ordinals 1st, 2nd count as their number. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d+(?:[.,]\\d+)*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}$€£¥₹°%][\\p{L}\\p{N}'’/]*|[$€£¥₹%]");

    /**
     * The details of one query that must agree for a hit. Lists keep the order of the text, so "Python 3 vs Python 2"
     * and "Russians vs Poles" differ from their reversals; each value is listed once.
     *
     * @param numbers     digits and number words, normalised ("two" is "2", "1,000" is "1000")
     * @param units       canonical unit names (km, mile, usd, eur, celsius, fahrenheit, percent, ...)
     * @param negations   how many negations the text has
     * @param identifiers code identifiers verbatim (case matters in code)
     * @param entities    capitalised names and acronyms, lower-cased
     * @param past        the text asks in the past tense (did, was, were, had): "who was the president" is not "who is".
     *                    Question words and modal verbs were tried too (how/where, can/should): on the Quora calibration
     *                    half they cost about a quarter of the recall for no measurable precision
     * @param words       every word lower-cased, each between spaces (" the eiffel tower "): a name capitalised on
     *                    one side only is still found on the other. One string, not a set: an index holds 100,000 of these
     * @param contrasts   words with an opposite (best/worst, men/women, buy/sell) as "group:pole", in text order
     */
    record Details(List<String> numbers, List<String> units, int negations, Set<String> identifiers,
                   List<String> entities, boolean past, String words, List<String> contrasts) {

        boolean hasWords(List<String> lowerCaseWords) {
            for (String w : lowerCaseWords) {
                if (!words.contains(" " + w + " ")) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Why two queries were refused, or null when they agree. */
    static String disagreement(Details a, Details b) {
        if (!a.numbers.equals(b.numbers)) {
            return "numbers " + a.numbers + " vs " + b.numbers;
        }
        if (!a.units.equals(b.units)) {
            return "units " + a.units + " vs " + b.units;
        }
        if (a.negations != b.negations) {
            return "negations " + a.negations + " vs " + b.negations;
        }
        if (!a.identifiers.equals(b.identifiers)) {
            return "identifiers " + a.identifiers + " vs " + b.identifiers;
        }
        if (!b.hasWords(a.entities) || !a.hasWords(b.entities) || reordered(a, b)) {
            return "entities " + a.entities + " vs " + b.entities;
        }
        if (a.past != b.past) {
            return a.past ? "past tense vs present" : "present tense vs past";
        }
        String contrast = contrastDisagreement(a.contrasts, b.contrasts);
        if (contrast != null) {
            return contrast;
        }
        return null;
    }

    /**
     * Each contrast group both sides use must appear with the same poles in the same order: "the best and worst" is
     * not "the worst", "Do guys like girls" is not "Do girls like guys". A group on one side only is no disagreement.
     */
    private static String contrastDisagreement(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return null;
        }
        for (String pole : a) {
            String group = pole.substring(0, pole.indexOf(':') + 1);
            List<String> inA = a.stream().filter(p -> p.startsWith(group)).toList();
            List<String> inB = b.stream().filter(p -> p.startsWith(group)).toList();
            if (!inB.isEmpty() && !inA.equals(inB)) {
                return "contrast " + strip(inA) + " vs " + strip(inB);
            }
        }
        return null;
    }

    private static List<String> strip(List<String> poles) {
        return poles.stream().map(p -> p.substring(p.indexOf(':') + 1)).toList();
    }

    /**
     * The names of either side occur in another order on the other: "Why do Poles dislike Russians" is not its
     * reversal, "How is Messi better than Ronaldo" neither.
     */
    private static boolean reordered(Details a, Details b) {
        if (a.entities.size() + b.entities.size() < 2) {
            return false;
        }
        Set<String> names = new java.util.LinkedHashSet<>(a.entities);
        names.addAll(b.entities);
        return !occurrences(a.words, names).equals(occurrences(b.words, names));
    }

    /** The names in the order the text mentions them, a repeat right after itself counted once. */
    private static List<String> occurrences(String words, Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String w : words.strip().split(" ")) {
            if (names.contains(w) && (out.isEmpty() || !out.get(out.size() - 1).equals(w))) {
                out.add(w);
            }
        }
        return out;
    }

    private record Found(int at, String value) {
    }

    /** Words in backticks and words shaped like code (camelCase, snake_case, dotted.names, call()). */
    private static Set<String> identifiers(String text) {
        Set<String> identifiers = new TreeSet<>();
        Matcher bt = BACKTICKS.matcher(text);
        while (bt.find()) {
            identifiers.add(bt.group(1).trim());
        }
        Matcher id = IDENTIFIER.matcher(text);
        while (id.find()) {
            String s = id.group();
            if (!NOT_IDENTIFIERS.contains(s.toLowerCase(Locale.ROOT)) && !isAbbreviation(s)) {
                identifiers.add(s);
            }
        }
        return identifiers;
    }

    static Details details(String text) {
        Set<String> identifiers = identifiers(text);
        List<Found> numbers = new ArrayList<>();
        Matcher n = NUMBER.matcher(text);
        while (n.find()) {
            numbers.add(new Found(n.start(), normaliseNumber(n.group())));
        }
        List<Found> units = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        List<String> contrasts = new ArrayList<>();
        boolean past = false;
        StringBuilder words = new StringBuilder(" ");
        int negations = 0;
        List<Found> tokens = words(text);
        boolean titleCase = mostlyCapitalised(tokens);
        boolean sentenceStart = true;
        for (Found token : tokens) {
            if (SENTENCE_ENDS.indexOf(token.value.charAt(0)) >= 0 && token.value.length() == 1) {
                sentenceStart = true;
                continue;
            }
            String word = stripPossessive(token.value);
            String lower = word.toLowerCase(Locale.ROOT);
            words.append(lower).append(' ');
            if (isCode(word) || isForeign(word)) {
                // model numbers (M604dn, X7), and scripts the model reads as unknown pieces: compared exactly
                identifiers.add(lower);
            }
            String number = Vocabulary.NUMBER_WORDS.get(lower);
            if (number != null) {
                numbers.add(new Found(token.at, number));
            }
            past |= Vocabulary.PAST.contains(lower);
            String pole = Vocabulary.contrastPole(lower);
            if (pole != null) {
                contrasts.add(pole);
            }
            String unit = Vocabulary.unit(word);
            if (unit == null) {
                unit = Vocabulary.gluedUnit(token.value);
            }
            if (unit != null) {
                units.add(new Found(token.at, unit));
            } else if (Vocabulary.isNegation(lower)) {
                negations++;
            } else if (isEntity(word, sentenceStart, titleCase) && !identifiers.contains(word) && !entities.contains(lower)) {
                entities.add(lower);
            }
            sentenceStart = false;
        }
        return new Details(inOrder(numbers), inOrder(units), negations, Set.copyOf(identifiers), List.copyOf(entities),
                past, words.toString(), contrasts.isEmpty() ? List.of() : List.copyOf(contrasts));
    }

    private static final String SENTENCE_ENDS = ".?!:\n";

    private static List<String> inOrder(List<Found> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        found.sort(java.util.Comparator.comparingInt(Found::at));
        List<String> out = new ArrayList<>();
        for (Found f : found) {
            if (!out.contains(f.value)) {
                out.add(f.value);
            }
        }
        return List.copyOf(out);
    }

    /** Words with their positions, and sentence ends; other punctuation is dropped. */
    static List<Found> words(String text) {
        List<Found> out = new ArrayList<>();
        int i = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            for (int j = i; j < m.start(); j++) {
                char c = text.charAt(j);
                if (SENTENCE_ENDS.indexOf(c) >= 0) {
                    out.add(new Found(j, String.valueOf(c)));
                }
            }
            out.add(new Found(m.start(), m.group()));
            i = m.end();
        }
        return out;
    }

    /** Letters and digits mixed in one word: a model, part or version number. Ordinals (4th) and units (5km) are not. */
    private static boolean isCode(String word) {
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
        }
        return digit && letter && !word.matches("\\d+(st|nd|rd|th|s)") && Vocabulary.gluedUnit(word) == null;
    }

    /** A word in a script beyond Latin (CJK, Arabic, ...): the model sees little of it, so it must match as written. */
    private static boolean isForeign(String word) {
        return word.codePoints().anyMatch(cp -> Character.isLetter(cp) && cp > 0x024F);
    }

    private static boolean isEntity(String word, boolean sentenceStart, boolean titleCase) {
        if (word.isEmpty() || !Character.isUpperCase(word.codePointAt(0)) || Vocabulary.NOT_NAMES.contains(word)) {
            return false;
        }
        boolean acronym = word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
                && word.chars().filter(Character::isLetter).count() >= 2;
        if (acronym) {
            return !titleCase || word.length() <= 5;
        }
        return !sentenceStart && !titleCase;
    }

    /** Title Case Or SHOUTED text: capitals say nothing about names there. Sentence starts do not count. */
    private static boolean mostlyCapitalised(List<Found> tokens) {
        int letters = 0;
        int capitalised = 0;
        boolean sentenceStart = true;
        for (Found f : tokens) {
            String t = f.value;
            if (t.length() == 1 && SENTENCE_ENDS.indexOf(t.charAt(0)) >= 0) {
                sentenceStart = true;
                continue;
            }
            if (!sentenceStart && Character.isLetter(t.codePointAt(0)) && t.length() > 2) {
                letters++;
                if (Character.isUpperCase(t.codePointAt(0))) {
                    capitalised++;
                }
            }
            sentenceStart = false;
        }
        return letters >= 3 && capitalised * 4 >= letters * 3;
    }

    private static boolean isAbbreviation(String s) {
        // U.S.A, e.g: every part one letter long
        for (String part : s.split("\\.")) {
            if (part.length() > 1) {
                return false;
            }
        }
        return true;
    }

    private static String stripPossessive(String word) {
        if (word.endsWith("'s") || word.endsWith("’s")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("'") || word.endsWith("’")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** 1,000 -> 1000; 3.50 -> 3.5; 007 -> 7; a decimal comma becomes a point. */
    static String normaliseNumber(String raw) {
        String s = raw.replaceAll(",(\\d{3})(?!\\d)", "$1").replace(',', '.');
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        s = s.replaceFirst("^0+(?=\\d)", "");
        return s;
    }
}
