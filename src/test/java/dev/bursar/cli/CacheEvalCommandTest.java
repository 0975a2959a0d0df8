package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CacheEvalCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @TempDir
    Path dir;

    /** Two paraphrases, two near-misses, one unrelated pair; quoted CSV fields with commas and quotes. */
    Path csv() throws Exception {
        Path file = dir.resolve("pairs.csv");
        Files.writeString(file, """
                text_a,text_b,label
                "How do I reset my password?","How can I reset my password?",1
                "What is the capital of France?","What's the capital of France?",true
                "What is the capital of France?","What is the capital of Germany?",0
                "How far is 5 km, roughly?","How far is 5 miles, roughly?",false
                "What is a ""monad""?","Where can I buy a cheap bicycle?",0
                """);
        return file;
    }

    @Test
    void json_prints_exactly_the_five_numbers() throws Exception {
        Run run = run("cache", "eval", "--pairs", csv().toString(), "--threshold", "0.8", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).matches("\\{\"pairs\": 5, \"threshold\": 0\\.8000, \"precision\": [01]\\.\\d{4}, "
                + "\"recall\": [01]\\.\\d{4}, \"f1\": [01]\\.\\d{4}}");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("pairs", "threshold", "precision", "recall", "f1");
        // the near-misses differ by a country and a unit: never hits
        assertThat(json.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(json.get("recall").asDouble()).isEqualTo(1.0);
    }

    @Test
    void a_tsv_without_header_and_the_shipped_threshold_print_a_table() throws Exception {
        Path file = dir.resolve("pairs.tsv");
        Files.writeString(file, "How do I reset my password?\tHow can I reset my password?\t1\n"
                + "What is the capital of France?\tWhat is the capital of Germany?\t0\n");

        Run run = run("cache", "eval", "--pairs", file.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().toList().get(0)).contains("PAIRS", "THRESHOLD", "PRECISION", "RECALL", "F1");
        assertThat(run.out().lines().toList().get(1)).startsWith("2 ");
    }

    @Test
    void a_bad_label_or_missing_file_is_a_usage_error() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,b,1\nc,d,maybe\n");

        Run bad = run("cache", "eval", "--pairs", file.toString());
        Run missing = run("cache", "eval", "--pairs", dir.resolve("nope.csv").toString());

        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("row 2").contains("maybe");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(run("cache").code()).isEqualTo(2);
    }
}
