package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.ConfigException;
import dev.bursar.config.ConfigLoader;
import dev.bursar.config.StorageConfig;
import dev.bursar.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Keys from the CLI and from bursar.yaml obey the same tag rules as the admin API. */
class KeysCommandTest {

    @TempDir
    Path dir;
    Path db;
    Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        db = dir.resolve("bursar.db");
        config = dir.resolve("bursar.yaml");
        Files.writeString(config, "storage:\n  sqlite: " + db + "\n");
    }

    @Test
    void a_key_is_created_with_its_tags() {
        int code = new CommandLine(new KeysCommand()).execute("create", "--config", config.toString(), "--customer", "acme");

        assertThat(code).isZero();
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            assertThat(s.keys().list()).singleElement().satisfies(k -> assertThat(k.customer()).isEqualTo("acme"));
        }
    }

    @Test
    void a_tag_over_256_characters_is_refused_and_no_key_is_created() {
        int code = new CommandLine(new KeysCommand()).execute("create", "--config", config.toString(),
                "--customer", "acme", "--feature", "f".repeat(257));

        assertThat(code).isEqualTo(2);
        try (Stores s = Stores.open(new StorageConfig(db.toString(), null, null))) {
            assertThat(s.keys().list()).isEmpty();
        }
    }
}
