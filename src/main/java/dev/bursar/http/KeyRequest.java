package dev.bursar.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.bursar.attribution.Attribution;
import dev.bursar.auth.NewKey;
import dev.bursar.wire.BadRequest;

/** The body of {@code POST /admin/keys}; every field is optional text ({@code env} is short for environment). */
record KeyRequest(String name, String customer, String team, String feature, @JsonAlias("env") String environment,
                  String user) {

    NewKey toNewKey() {
        NewKey key = new NewKey(blankToNull(name), blankToNull(customer), blankToNull(team), blankToNull(feature),
                blankToNull(environment), blankToNull(user));
        key.tooLongTag().ifPresent(tag -> {
            throw BadRequest.of("tag_too_long", tag, "The tag '" + tag + "' is longer than "
                    + Attribution.MAX_TAG_LENGTH + " characters, the limit for tag values.");
        });
        return key;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
