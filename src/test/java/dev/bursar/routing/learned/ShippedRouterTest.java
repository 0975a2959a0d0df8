package dev.bursar.routing.learned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.embedding.Embedders;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped router and its proof: the held-out set is what the live embedder makes of the shared data, each prompt
 * sits in the fold its text decides, and on held-out prompts the router beats random routing on every benchmark.
 */
class ShippedRouterTest {

    @Test
    void every_benchmark_is_routed_better_than_random_by_more_than_two_spreads() {
        RouterEval eval = RouterEval.shipped();
        for (String b : RouterEval.benchmarks()) {
            RouterEval.Result r = eval.evaluate(b, 0.95);
            assertThat(r.apgr()).as(b).isGreaterThan(r.randomApgr() + 2 * r.randomApgrSd());
            assertThat(r.cpt50()).as(b + ": half the gap with fewer strong calls than random's 50%").isLessThan(0.5);
        }
        assertThat(eval.evaluate("mt-bench", 0.95).testPrompts()).isEqualTo(72);
        assertThat(eval.evaluate("gsm8k", 0.95).testPrompts()).isEqualTo(1307);
        assertThat(eval.evaluate("mmlu", 0.95).testPrompts()).isEqualTo(14037);
    }

    @Test
    void the_shipped_held_out_set_is_the_live_embedding_of_the_shared_prompts_in_their_folds() {
        List<RouterExample> gsm = RouterData.gsm8k(RouterDataTest.routellm());
        Map<String, HeldOutSet.Item> shipped = HeldOutSet.shipped().stream().filter(i -> i.benchmark().equals("gsm8k"))
                .collect(Collectors.toMap(HeldOutSet.Item::id, Function.identity()));
        for (RouterExample e : gsm.subList(0, 20)) {
            HeldOutSet.Item it = shipped.get(e.id());
            assertThat(it).as(e.id()).isNotNull();
            assertThat(it.fold()).isEqualTo(Folds.of(e.text()));
            assertThat(it.strong()).isEqualTo(e.strong());
            assertThat(cosine(it.embedding(), Embedders.shared(RouterTraining.WINDOW).embed(e.text()))).isGreaterThan(0.995);
        }
    }

    @Test
    void a_higher_quality_target_never_sends_fewer_prompts_to_the_strong_model() {
        LearnedRouter router = LearnedRouter.load();
        double previous = Double.MAX_VALUE;
        for (double q : new double[] {0.8, 0.9, 0.95, 0.99, 1.0}) {
            double t = router.threshold(q);
            assertThat(t).as("threshold at " + q).isLessThanOrEqualTo(previous);
            previous = t;
        }
        RouterEval eval = RouterEval.shipped();
        assertThat(eval.evaluate("mmlu", 0.99).strongShare()).isGreaterThan(eval.evaluate("mmlu", 0.9).strongShare());
    }

    @Test
    void scores_are_probabilities_and_a_maths_word_problem_scores_above_a_poem() {
        LearnedRouter router = LearnedRouter.load();
        double poem = router.score("Write a short poem about autumn leaves.");
        double maths = router.score("Janet has 3 times as many apples as Tom. Together they have 48 apples. After Janet"
                + " gives Tom 6 apples, how many does each have?");
        assertThat(poem).isBetween(0.0, 1.0);
        assertThat(maths).isBetween(0.0, 1.0).isGreaterThan(poem);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

}
