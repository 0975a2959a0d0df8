package dev.bursar.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How an answer is judged right, how a judge's grade is read, and what a golden line may say. */
class ScoringRulesTest {

    @ParameterizedTest(name = "expected \"{0}\", answer \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Paris               | Paris                    | true
            Paris               | '  paris.  '             | true
            Paris               | PARIS!                   | true
            William Shakespeare | 'william   shakespeare'  | true
            Paris               | Paris, France            | false
            Paris               | The capital is Paris.    | false
            4                   | 4.0                      | false
            """)
    void an_exact_answer_matches_after_trimming_folding_case_spaces_and_final_punctuation(String expected, String answer,
                                                                                           boolean matches) {
        assertThat(new Expected.Exact(expected).matches(answer)).isEqualTo(matches);
    }

    @Test
    void a_regex_is_found_anywhere_as_written() {
        assertThat(new Expected.Regex(Pattern.compile("\\b42\\b")).matches("17 + 25 = 42.")).isTrue();
        assertThat(new Expected.Regex(Pattern.compile("\\b42\\b")).matches("420")).isFalse();
        assertThat(new Expected.Regex(Pattern.compile("paris")).matches("Paris")).isFalse();
        assertThat(new Expected.Regex(Pattern.compile("(?i)paris")).matches("Paris")).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            Grade: 7                              | 7
            grade:10                              | 10
            '**Grade:** 4/10 - misses a step'     | 4
            Grade = 3                             | 3
            'Good answer.\nGrade: 8'              | 8
            I would give it 6/10.                 | 6
            9                                     | 9
            ' 10. '                               | 10
            Grade: 0                              | none
            Grade: 11                             | none
            I cannot decide.                      | none
            It scores 85 out of 100               | none
            """)
    void the_judges_grade_is_read_robustly_and_never_guessed(String reply, Integer grade) {
        OptionalInt parsed = JudgePrompt.grade(reply.replace("\\n", "\n"));
        if (grade == null) {
            assertThat(parsed).isEmpty();
        } else {
            assertThat(parsed).hasValue(grade);
        }
    }

    @Test
    void the_judge_sees_the_conversation_and_the_answer_but_not_the_model() {
        var line = GoldenFile.parse(List.of("{\"system\": \"Be brief.\", \"prompt\": \"Explain DNS.\"}"), "g").getFirst();

        var messages = JudgePrompt.messages(line.messages(), "DNS maps names to addresses.");

        assertThat(messages.get(0).path("content").asText()).isEqualTo(JudgePrompt.SYSTEM);
        assertThat(messages.get(1).path("content").asText()).contains("system: Be brief.", "user: Explain DNS.",
                "Answer to grade:\n\nDNS maps names to addresses.", "Grade: N");
    }

    @Test
    void a_golden_line_gets_an_id_from_its_line_number_and_a_prompt_becomes_messages() {
        var lines = GoldenFile.parse(List.of("", "{\"prompt\": \"Hi\", \"expected\": 4, \"tags\": [\"a\", \"a\", \"b\"]}"), "g");

        GoldenLine l = lines.getFirst();
        assertThat(l.id()).isEqualTo("line-2");
        assertThat(l.messages().toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Hi\"}]");
        assertThat(l.expected()).containsInstanceOf(Expected.Exact.class);
        assertThat(l.tags()).containsExactly("a", "b");
        assertThat(l.category()).isNull();
    }

    @Test
    void an_empty_golden_file_is_refused() {
        assertThatThrownBy(() -> GoldenFile.parse(List.of("# only a comment", ""), "g.jsonl"))
                .isInstanceOf(GoldenFileException.class).hasMessageContaining("g.jsonl: no prompts");
    }
}
