package dev.bursar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The test gateway cleans up after itself, so a test run leaves no folders behind. */
class RunningBursarTest {

    @Test
    void closing_deletes_the_gateways_folder_with_its_ledger() {
        Path dir;
        try (RunningBursar bursar = RunningBursar.start("providers: [ { name: sim, type: sim } ]")) {
            bursar.post("/v1/chat/completions", """
                    {"model":"gpt-4o-mini","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""");
            dir = bursar.dir();
            assertThat(dir.resolve("bursar.db")).exists();
        }

        assertThat(Files.exists(dir)).as(dir + " after close").isFalse();
    }
}
