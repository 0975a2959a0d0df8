package dev.bursar.routing.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bursar.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loaders against the check values in routellm-evals/README.md (after RouteLLM's decontamination). */
class RouterDataTest {

    static Path routellm() {
        return SharedData.file("data/routellm-evals/README.md").getParent();
    }

    static double mean(List<RouterExample> xs, boolean strong) {
        return xs.stream().mapToDouble(e -> strong ? e.strong() : e.weak()).average().orElseThrow();
    }

    @Test
    void mt_bench_has_72_questions_after_decontamination_with_the_published_means() {
        List<RouterExample> mt = RouterData.mtBench(routellm());
        assertThat(mt).hasSize(72);
        assertThat(mean(mt, true)).isEqualTo(9.212, within(0.0005));
        assertThat(mean(mt, false)).isEqualTo(8.281, within(0.0005));
    }

    @Test
    void gsm8k_and_mmlu_match_the_readme_accuracies() {
        List<RouterExample> gsm = RouterData.gsm8k(routellm());
        assertThat(gsm).hasSize(1307);
        assertThat(mean(gsm, true)).isEqualTo(0.8577, within(0.00005));
        assertThat(mean(gsm, false)).isEqualTo(0.6373, within(0.00005));
        List<RouterExample> mmlu = RouterData.mmlu(routellm());
        assertThat(mmlu).hasSize(14037);
        assertThat(mean(mmlu, true)).isEqualTo(0.8059, within(0.00005));
        assertThat(mean(mmlu, false)).isEqualTo(0.6809, within(0.00005));
    }

    @Test
    void routerbench_prompts_are_read_back_from_their_python_list_literals() {
        Path file = SharedData.file("data/routerbench-subset/mbpp_test.csv");
        List<RouterExample> mbpp = RouterData.routerBench(file);
        assertThat(mbpp).hasSize(128);
        assertThat(mbpp.getFirst().text()).doesNotStartWith("['").doesNotEndWith("']").startsWith("Write");
        // The README's check value: GPT-4 Turbo solves 68.75% of the MBPP test split.
        assertThat(mean(mbpp, true)).isEqualTo(0.6875, within(1e-9));
    }

    @Test
    void folds_are_a_function_of_the_text_and_split_the_data_about_evenly() {
        assertThat(Folds.of("What is 2 + 2?")).isEqualTo(Folds.of("What is 2 + 2?"));
        int[] counts = new int[Folds.COUNT];
        RouterData.gsm8k(routellm()).forEach(e -> counts[Folds.of(e.text())]++);
        for (int c : counts) {
            assertThat(c).isBetween(1307 / 5 - 60, 1307 / 5 + 60);
        }
    }
}
