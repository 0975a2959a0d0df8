package dev.bursar.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.config.ConfigException;
import dev.bursar.config.KeyConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key in bursar.yaml obeys the same tag length limit as one created at run time, and says which tag broke it. */
class ConfigKeyTagsTest {

    @Test
    void a_config_key_with_a_tag_over_256_characters_stops_the_start_naming_the_key_and_the_tag() {
        KeyConfig key = new KeyConfig("bk-secret", "backend", "c".repeat(257), null, null, null, null);

        assertThatThrownBy(() -> new Authenticator(List.of(key), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'backend'")
                .hasMessageContaining("customer is longer than 256 characters");
    }
}
