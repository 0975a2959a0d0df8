package dev.bursar.auth;

import dev.bursar.attribution.Attribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What to create a key with; every tag may be null. */
public record NewKey(String name, String customer, String team, String feature, String environment, String user) {

    /** The first tag longer than {@link Attribution#MAX_TAG_LENGTH}, by its field name, if any. */
    public Optional<String> tooLongTag() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("customer", customer);
        tags.put("team", team);
        tags.put("feature", feature);
        tags.put("environment", environment);
        tags.put("user", user);
        return tags.entrySet().stream()
                .filter(t -> t.getValue() != null && t.getValue().length() > Attribution.MAX_TAG_LENGTH)
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
