package dev.bursar.config;

import dev.bursar.attribution.Attribution;

/** A virtual key declared in the config file (keys can also be created at run time via the admin API). */
public record KeyConfig(String key, String name, String customer, String team, String feature, String environment, String user) {

    public KeyConfig {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key is required (use \"${ENV_VAR}\" to keep it out of the file)");
        }
        Attribution.tooLongTag("customer", customer, "team", team, "feature", feature, "environment", environment,
                "user", user).ifPresent(tag -> {
                    throw new IllegalArgumentException(tag + " is longer than " + Attribution.MAX_TAG_LENGTH
                            + " characters, the limit for tag values");
                });
    }
}
