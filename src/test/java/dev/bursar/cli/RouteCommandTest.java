package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCommandTest {

    @TempDir
    Path dir;

    @Test
    void eval_json_has_the_issue_fields_and_the_random_baseline() throws Exception {
        CacheEvalCommandTest.Run run = CacheEvalCommandTest.run("route", "eval", "--benchmark", "mt-bench", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("benchmark").asText()).isEqualTo("mt-bench");
        assertThat(r.path("test_prompts").asInt()).isEqualTo(72);
        for (String f : new String[] {"apgr", "cpt50", "cpt80", "strong_share", "random_apgr", "oracle_apgr"}) {
            assertThat(r.path(f).isNumber()).as(f).isTrue();
        }
        assertThat(r.path("apgr").asDouble()).isGreaterThan(r.path("random_apgr").asDouble());
        assertThat(r.path("curve")).hasSize(11);
    }

    @Test
    void the_plot_is_an_svg_with_the_router_random_and_oracle_drawn() throws Exception {
        Path svg = dir.resolve("gsm8k.svg");
        CacheEvalCommandTest.Run run = CacheEvalCommandTest.run("route", "eval", "--benchmark", "gsm8k", "--plot", svg.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("gsm8k", "1307");
        String text = Files.readString(svg);
        assertThat(text).startsWith("<svg").contains("learned router", "random routing", "oracle").endsWith("</svg>\n");
    }

    @Test
    void an_unknown_benchmark_is_refused_with_the_list() {
        CacheEvalCommandTest.Run run = CacheEvalCommandTest.run("route", "eval", "--benchmark", "hellaswag");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("mt-bench", "gsm8k", "mmlu");
    }
}
