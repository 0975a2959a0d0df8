package dev.bursar.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

    static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(MiniLmEmbedder.VOCAB)) {
            tokenizer = WordPieceTokenizer.fromTokenizerJson(in);
        }
    }

    @Test
    void splits_like_bert_uncased() {
        // ids from the model's tokenizer.json: [hello]=7592 [,]=1010 [world]=2088 [!]=999
        assertThat(tokenizer.tokenize("Hello, World!")).containsExactly(7592, 1010, 2088, 999);
    }

    @Test
    void lower_cases_strips_accents_and_splits_words_into_pieces() {
        assertThat(tokenizer.tokenize("Café")).isEqualTo(tokenizer.tokenize("cafe"));
        int[] pieces = tokenizer.tokenize("tokenization");
        assertThat(pieces.length).isGreaterThan(1);
    }

    @Test
    void unknown_characters_become_one_unknown_piece_per_word() {
        assertThat(tokenizer.tokenize("\uE000\uE001")).isEmpty(); // private use: dropped like control characters
        assertThat(tokenizer.tokenize("𓀀")).containsExactly(100);
    }

    @Test
    void cjk_ideographs_are_words_of_their_own() {
        assertThat(WordPieceTokenizer.words(WordPieceTokenizer.normalise("我爱你"))).containsExactly("我", "爱", "你");
    }
}
