package dev.bursar.cache.semantic;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The word lists of the near-miss guard: number words, units with their spellings, negations, capitalised non-names. */
final class Vocabulary {

    private Vocabulary() {
    }

    static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"), Map.entry("fifteen", "15"),
            Map.entry("sixteen", "16"), Map.entry("seventeen", "17"), Map.entry("eighteen", "18"), Map.entry("nineteen", "19"),
            Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"),
            Map.entry("sixty", "60"), Map.entry("seventy", "70"), Map.entry("eighty", "80"), Map.entry("ninety", "90"),
            Map.entry("hundred", "100"), Map.entry("thousand", "1000"), Map.entry("million", "1000000"),
            Map.entry("billion", "1000000000"), Map.entry("trillion", "1000000000000"), Map.entry("dozen", "12"),
            Map.entry("half", "0.5"), Map.entry("twice", "2"), Map.entry("double", "2"), Map.entry("triple", "3"));

    /** Canonical unit by spelling; case-sensitive spellings (symbols, upper-case codes) are looked up as written. */
    private static final Map<String, String> UNITS = units();

    private static Map<String, String> units() {
        Map<String, String> u = new HashMap<>();
        put(u, "km", "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres");
        put(u, "mile", "mile", "miles", "mi");
        put(u, "m", "meter", "meters", "metre", "metres");
        put(u, "cm", "cm", "centimeter", "centimeters", "centimetre", "centimetres");
        put(u, "mm", "mm", "millimeter", "millimeters", "millimetre", "millimetres");
        put(u, "ft", "ft", "foot", "feet");
        put(u, "inch", "inch", "inches");
        put(u, "yard", "yard", "yards", "yd", "yds");
        put(u, "kg", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes");
        put(u, "g", "gram", "grams", "gramme", "grammes");
        put(u, "lb", "lb", "lbs");
        put(u, "pound", "pound", "pounds");
        put(u, "oz", "oz", "ounce", "ounces");
        put(u, "ton", "ton", "tons", "tonne", "tonnes");
        put(u, "l", "liter", "liters", "litre", "litres");
        put(u, "ml", "ml", "milliliter", "milliliters", "millilitre", "millilitres");
        put(u, "gallon", "gallon", "gallons", "gal");
        put(u, "celsius", "celsius", "centigrade", "°c", "ºc");
        put(u, "fahrenheit", "fahrenheit", "°f", "ºf");
        put(u, "kelvin", "kelvin");
        put(u, "mph", "mph");
        put(u, "km/h", "km/h", "kmh", "kph");
        put(u, "percent", "%", "percent", "percentage");
        put(u, "usd", "usd", "dollar", "dollars", "$", "us$");
        put(u, "eur", "eur", "euro", "euros", "€");
        put(u, "gbp", "gbp", "£", "sterling");
        put(u, "jpy", "jpy", "yen", "¥");
        put(u, "inr", "inr", "rupee", "rupees", "rs", "₹");
        put(u, "cny", "cny", "rmb", "yuan");
        put(u, "btc", "btc", "bitcoin", "bitcoins");
        put(u, "kb", "kb", "kilobyte", "kilobytes");
        put(u, "mb", "mb", "megabyte", "megabytes");
        put(u, "gb", "gb", "gigabyte", "gigabytes");
        put(u, "tb", "tb", "terabyte", "terabytes");
        put(u, "ghz", "ghz", "gigahertz");
        put(u, "mhz", "mhz", "megahertz");
        put(u, "kw", "kw", "kilowatt", "kilowatts");
        put(u, "w", "watt", "watts");
        put(u, "kwh", "kwh");
        put(u, "v", "volt", "volts");
        put(u, "second", "sec", "secs", "seconds");
        put(u, "minute", "minute", "minutes", "min", "mins");
        put(u, "hour", "hour", "hours", "hr", "hrs");
        put(u, "day", "day", "days");
        put(u, "week", "week", "weeks");
        put(u, "month", "month", "months");
        put(u, "year", "year", "years", "yr", "yrs");
        return Map.copyOf(u);
    }

    private static void put(Map<String, String> u, String canonical, String... spellings) {
        for (String s : spellings) {
            u.put(s, canonical);
        }
    }

    /** A number with a unit glued to it (5km, 30C, 2k), or a currency sign glued to a number ($20, €5). */
    private static final Pattern GLUED = Pattern.compile("\\d+(?:[.,]\\d+)*(°?[a-zA-Z]{1,4}(?:/h)?)|([$€£¥₹])\\d.*");

    /** The canonical unit a word names, or null. */
    static String unit(String word) {
        return UNITS.get(word.toLowerCase(Locale.ROOT));
    }

    /** The unit of a number-and-unit token (5km, 30C, 2k, $20), or null. Single letters count only there. */
    static String gluedUnit(String token) {
        java.util.regex.Matcher m = GLUED.matcher(token);
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(1) != null ? m.group(1) : m.group(2);
        String lower = unit.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "c", "°c" -> "celsius";
            case "f", "°f" -> "fahrenheit";
            case "m", "g", "l" -> lower;
            case "k" -> "thousand";
            case "st", "nd", "rd", "th", "s" -> null;
            default -> UNITS.get(lower);
        };
    }

    /** Auxiliaries of the past tense: "who was" asks something else than "who is". */
    static final Set<String> PAST = Set.of("did", "didn't", "didnt", "was", "wasn't", "wasnt", "were", "weren't", "werent", "had");

    private static final Set<String> NEGATIONS = Set.of("not", "no", "non", "never", "none", "nobody", "nothing", "nowhere",
            "neither", "nor", "without", "cannot", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant",
            "couldnt", "shouldnt", "wouldnt", "wont", "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt");

    static boolean isNegation(String lower) {
        return NEGATIONS.contains(lower) || lower.endsWith("n't") || lower.endsWith("n’t");
    }

    /**
     * Words whose counterpart asks the opposite ("positive" / "negative effects", "Do guys like introvert girls?" /
     * "Do girls like introvert guys?"): groups of poles, each pole with its forms. Two queries that both use a group
     * must use its poles in the same order. One side only is allowed ("What is the best way to ..." / "How do I ...").
     * Found among the false hits on the Quora calibration half; embeddings put such pairs at 0.97 and above.
     */
    private static final Map<String, String> CONTRAST_POLES = contrasts(
            "good | bad", "better | worse", "best | worst", "positive | negative",
            "advantage advantages pro pros benefit benefits | disadvantage disadvantages con cons drawback drawbacks",
            "man men guy guys boy boys male males gentleman gentlemen | woman women girl girls female females lady ladies",
            "husband husbands | wife wives | boyfriend boyfriends | girlfriend girlfriends",
            "father fathers dad dads paternal | mother mothers mom moms mum mums maternal",
            "son sons | daughter daughters", "brother brothers | sister sisters",
            "buy buys buying bought buyer buyers | sell sells selling sold seller sellers",
            "before | after", "increase increases increasing | decrease decreases decreasing reduce reduces reducing",
            "cheap cheaper cheapest | expensive costly", "more | less fewer", "most | least",
            "import imports importing importer | export exports exporting exporter", "love loves | hate hates",
            "rich richer richest | poor poorer poorest", "young younger youngest | old older oldest", "first | last",
            "north northern | south southern | east eastern | west western", "minimum min | maximum max",
            "true | false", "legal | illegal", "win wins winning | lose loses losing", "hot hotter | cold colder",
            "fast faster fastest | slow slower slowest", "big bigger biggest large larger largest | small smaller smallest",
            "up | down", "safe safer | dangerous unsafe", "easy easier easiest | hard harder hardest difficult",
            "happy | sad unhappy", "healthy | unhealthy", "success successful | failure fail failed unsuccessful",
            "summer | winter", "morning | evening night", "yesterday | today | tomorrow", "past | future",
            "start starting begin beginning | stop stopping end ending quit");

    private static Map<String, String> contrasts(String... groups) {
        Map<String, String> poles = new java.util.HashMap<>();
        for (int g = 0; g < groups.length; g++) {
            String[] sides = groups[g].split("\\|");
            for (String side : sides) {
                String[] forms = side.trim().split(" ");
                for (String form : forms) {
                    // group number then the pole's first form: "3:best"
                    if (poles.put(form, g + ":" + forms[0]) != null) {
                        throw new IllegalStateException("contrast word in two groups: " + form);
                    }
                }
            }
        }
        return Map.copyOf(poles);
    }

    /** The group and pole of a contrast word as "group:first form of the pole" ("women" -> "5:woman"), or null. */
    static String contrastPole(String lower) {
        return CONTRAST_POLES.get(lower);
    }

    /** Words often capitalised mid-sentence that are not names. */
    static final Set<String> NOT_NAMES = Set.of("I", "I'm", "I've", "I'd", "I'll", "OK", "Ok", "TV", "Mr", "Mrs", "Ms", "Dr",
            "St", "AM", "PM", "A");
}
