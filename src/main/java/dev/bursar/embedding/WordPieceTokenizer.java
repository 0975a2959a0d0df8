package dev.bursar.embedding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, as the model's {@code tokenizer.json} describes it (BertNormalizer with
 * lower-casing and accent stripping, BertPreTokenizer, WordPiece with {@code ##} continuations). Written here instead
 * of using the native Hugging Face tokenizer because that one unpacks a shared library into the user's home folder
 * at run time. Immutable, so thread-safe.
 */
final class WordPieceTokenizer {

    static final int CLS = 101;
    static final int SEP = 102;
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocab;
    private final int unknown;

    WordPieceTokenizer(Map<String, Integer> vocab) {
        this.vocab = vocab;
        this.unknown = vocab.get("[UNK]");
    }

    /**
     * Reads the vocabulary of a Hugging Face {@code tokenizer.json} whose model is WordPiece. Streamed, not read as a
     * tree: the file has 30,522 entries and the model must load in well under a second.
     */
    static WordPieceTokenizer fromTokenizerJson(InputStream in) {
        // Field names are vocabulary entries here: canonicalising and interning 30,522 of them is most of the cost.
        JsonFactory json = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
        try (JsonParser p = json.createParser(in)) {
            Map<String, Integer> vocab = new HashMap<>(65_536);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("tokenizer.json is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("model")) {
                    readVocab(p, vocab);
                } else {
                    p.skipChildren();
                }
            }
            if (!vocab.containsKey("[UNK]")) {
                throw new IllegalStateException("tokenizer.json has no WordPiece vocabulary with [UNK]");
            }
            return new WordPieceTokenizer(vocab);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readVocab(JsonParser p, Map<String, Integer> vocab) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("vocab") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String piece = p.currentName();
                    p.nextToken();
                    vocab.put(piece, p.getIntValue());
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** The word-piece ids of the text, without {@code [CLS]} and {@code [SEP]}. */
    int[] tokenize(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String word : words(normalise(text))) {
            pieces(word, ids);
        }
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    /** Clean-up, lower case, accents stripped, spaces around CJK ideographs (BertNormalizer). */
    static String normalise(String text) {
        StringBuilder cleaned = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (Character.isWhitespace(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR) {
                cleaned.append(' ');
            } else if (isCjk(cp)) {
                cleaned.append(' ').appendCodePoint(cp).append(' ');
            } else {
                cleaned.appendCodePoint(cp);
            }
        });
        String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Splits on whitespace and makes every punctuation character a word of its own (BertPreTokenizer). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(word, words);
            } else if (isPunctuation(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    /** Greedy longest-match-first; a word that cannot be fully covered becomes one {@code [UNK]}. */
    private void pieces(String word, List<Integer> ids) {
        if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
            ids.add(unknown);
            return;
        }
        int mark = ids.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = start == 0 ? word.substring(0, end) : "##" + word.substring(start, end);
                found = vocab.get(piece);
                if (found != null) {
                    break;
                }
                end--;
                if (end > start && Character.isLowSurrogate(word.charAt(end))) {
                    end--;
                }
            }
            if (found == null) {
                ids.subList(mark, ids.size()).clear();
                ids.add(unknown);
                return;
            }
            ids.add(found);
            start = end;
        }
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
