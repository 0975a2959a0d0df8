package dev.bursar.config;

/**
 * A virtual key declared in the config file (keys can also be created at run time via the admin API). Its tags' length
 * limit is attribution's rule, checked where the key becomes a principal ({@code Authenticator}).
 */
public record KeyConfig(String key, String name, String customer, String team, String feature, String environment, String user) {

    public KeyConfig {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key is required (use \"${ENV_VAR}\" to keep it out of the file)");
        }
    }
}
