package dev.bursar.routing.learned;

/**
 * One prompt with the quality both models reached on it, as a benchmark graded them.
 *
 * @param benchmark "mt-bench", "gsm8k", "mmlu", or a RouterBench task ("arc-challenge", "mbpp", "winogrande")
 * @param id        stable within the benchmark (question id, or the prompt's hash)
 * @param text      what the router sees: the first user turn
 * @param strong    the strong model's grade (MT-Bench: mean GPT-4 grade 1-10 over both turns; else 1 correct, 0 not)
 * @param weak      the weak model's grade, same scale
 */
public record RouterExample(String benchmark, String id, String text, double strong, double weak) {

    /** The training label: the weak model did worse than the strong one on this prompt. */
    public boolean weakFallsShort() {
        return weak < strong;
    }
}
