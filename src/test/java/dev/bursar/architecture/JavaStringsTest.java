package dev.bursar.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaStringsTest {

    @Test
    void finds_string_literals_and_text_blocks_but_not_comments_or_chars() {
        String source = """
                /** Reads usage_events. */
                class A {
                    // SELECT * FROM comment_table
                    String a = "SELECT \\"x\\" FROM t1" + 'q' + '"';
                    String b = \"""
                        SELECT * FROM t2
                        \""";
                    /* "not a literal" */ String c = "";
                }
                """;

        assertThat(JavaStrings.literals(source)).map(String::strip)
                .containsExactly("SELECT \\\"x\\\" FROM t1", "SELECT * FROM t2", "");
    }
}
