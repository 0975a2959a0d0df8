package dev.bursar.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.bursar.auth.CreatedKey;
import dev.bursar.auth.VirtualKey;
import java.time.Instant;
import java.util.List;

/** The admin API's key objects. Times are ISO-8601 instants, null when unset. */
final class KeyJson {

    private KeyJson() {
    }

    /** A key as listed: never its secret. */
    record Key(String id, String name, String prefix, String customer, String team, String feature, String environment,
               String user, String createdAt, String revokedAt) {

        static Key of(VirtualKey k) {
            return new Key(k.id(), k.name(), k.prefix(), k.customer(), k.team(), k.feature(), k.environment(), k.user(),
                    instant(k.createdAt()), instant(k.revokedAt()));
        }
    }

    /** The answer to creating a key: the key, and its secret this once. */
    record Created(@JsonUnwrapped Key view, String key, String note) {

        static Created of(CreatedKey created) {
            return new Created(Key.of(created.key()), created.secret(), "This is the only time the key is shown. Store it now.");
        }
    }

    record Listed(List<Key> data) {
    }

    record Revoked(String id, boolean revoked) {
    }

    static String instant(Instant t) {
        return t == null ? null : t.toString();
    }
}
