package dev.bursar.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

    static final MiniLmEmbedder EMBEDDER = new MiniLmEmbedder();

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void vectors_have_384_dimensions_and_unit_length() {
        float[] v = EMBEDDER.embed("What is the capital of France?");

        assertThat(v).hasSize(384);
        assertThat(EMBEDDER.dimensions()).isEqualTo(384);
        assertThat(dot(v, v)).isCloseTo(1.0f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void paraphrases_are_closer_than_unrelated_texts() {
        float[] a = EMBEDDER.embed("How do I reset my password?");
        float[] b = EMBEDDER.embed("How can I change my forgotten password?");
        float[] c = EMBEDDER.embed("What is the best pizza topping?");

        assertThat(dot(a, b)).isGreaterThan(0.7f).isGreaterThan(dot(a, c) + 0.4f);
    }

    @Test
    void reference_values_of_the_model_are_reproduced() {
        // sentence-transformers/all-MiniLM-L6-v2: cos("A man is eating food.", "A man is eating a piece of bread.") ~ 0.76
        float s = dot(EMBEDDER.embed("A man is eating food."), EMBEDDER.embed("A man is eating a piece of bread."));
        assertThat(s).isBetween(0.70f, 0.82f);
    }

    @Test
    void a_long_text_keeps_its_end() {
        String filler = "The weather was pleasant and the meeting went on for a long time. ".repeat(60);
        float[] longText = EMBEDDER.embed(filler + "Tell me how to bake sourdough bread at home.");
        float[] question = EMBEDDER.embed("Tell me how to bake sourdough bread at home.");
        float[] start = EMBEDDER.embed(filler);

        assertThat(EMBEDDER.tokenCount(filler)).isGreaterThan(MiniLmEmbedder.MAX_TOKENS);
        assertThat(dot(longText, question)).isGreaterThan(dot(start, question));
        assertThat(EMBEDDER.inputIds(new int[1000])).hasSize(MiniLmEmbedder.MAX_TOKENS);
    }

    @Test
    void concurrent_calls_give_the_same_vectors_as_one_by_one() throws Exception {
        List<String> texts = List.of("alpha beta", "How far is the moon?", "Why is the sky blue?", "résumé naïve café");
        List<float[]> expected = texts.stream().map(EMBEDDER::embed).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int k = i % texts.size();
            jobs.add(pool.submit(() -> java.util.Arrays.equals(EMBEDDER.embed(texts.get(k)), expected.get(k))));
        }
        for (Future<Boolean> job : jobs) {
            assertThat(job.get()).isTrue();
        }
        pool.shutdown();
    }
}
