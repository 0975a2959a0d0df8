package dev.bursar.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's config examples load as written, with no environment at all (the no-key setup). */
class ReadmeConfigTest {

    private static final List<String> SECTIONS = List.of("Configuration", "Spend controls");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    static Stream<Named<String>> readmeYamlBlocks() {
        List<Named<String>> blocks = new ArrayList<>();
        for (String title : SECTIONS) {
            Matcher m = YAML_BLOCK.matcher(section(title));
            for (int i = 1; m.find(); i++) {
                blocks.add(Named.of(title + " #" + i, m.group(1)));
            }
        }
        assertThat(blocks).as("yaml examples found in README.md's " + SECTIONS + " sections").hasSizeGreaterThanOrEqualTo(2);
        return blocks.stream();
    }

    @ParameterizedTest
    @MethodSource("readmeYamlBlocks")
    void every_yaml_example_in_the_readme_loads_with_an_empty_environment(String yaml) {
        BursarConfig config = ConfigLoader.parse(yaml, Map.of(), "README.md");

        assertThat(config).isNotNull();
    }

    @Test
    void the_configuration_example_serves_calls_with_no_keys_set() {
        String example = readmeYamlBlocks().findFirst().orElseThrow().getPayload()
                .replaceAll("(?m)^storage:.*$", "storage: { sqlite: \"\\${DB}\" }"); // a test folder, not ./bursar-data
        try (RunningBursar bursar = RunningBursar.start(example)) {
            HttpResponse<String> r = bursar.post("/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(bursar.ledgerRows()).singleElement()
                    .satisfies(row -> assertThat(row.path("provider").asText()).isEqualTo("sim"));
        }
    }

    /** The text of the README section whose heading starts with {@code title}, up to the next section. */
    private static String section(String title) {
        String readme = readme();
        Matcher heading = Pattern.compile("(?m)^## " + Pattern.quote(title) + ".*$").matcher(readme);
        assertThat(heading.find()).as("README.md has a section '## " + title + "'").isTrue();
        int next = readme.indexOf("\n## ", heading.end());
        return readme.substring(heading.end(), next < 0 ? readme.length() : next);
    }

    private static String readme() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException("README.md is read from the project root (Maven's working folder)", e);
        }
    }
}
