package dev.bursar.auth;

import dev.bursar.attribution.Attribution;
import java.util.Optional;

/** What to create a key with; every tag may be null. */
public record NewKey(String name, String customer, String team, String feature, String environment, String user) {

    /** The first tag longer than {@link Attribution#MAX_TAG_LENGTH}, by its field name, if any. */
    public Optional<String> tooLongTag() {
        return Attribution.tooLongTag("customer", customer, "team", team, "feature", feature, "environment", environment,
                "user", user);
    }
}
