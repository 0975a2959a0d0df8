package dev.bursar.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import dev.bursar.storage.TestStorage;
import dev.bursar.testing.Await;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlKeyStoreTest {

    @TempDir
    Path dir;

    private static final NewKey ACME = new NewKey("acme prod", "acme", "core", "chat", "production", null);

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void createdKeysAreFoundByTheirSecretAndListed(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            KeyStore keys = new SqlKeyStore(db);

            CreatedKey created = keys.create(ACME);

            assertThat(created.secret()).matches("bk-[0-9A-Za-z]{40}");
            assertThat(created.key().id()).matches("key_[0-9A-Za-z]{12}");
            assertThat(created.key().prefix()).isEqualTo(created.secret().substring(0, 10));
            assertThat(keys.findBySecret(created.secret())).contains(created.key());
            assertThat(keys.list()).containsExactly(created.key());
            assertThat(created.key().customer()).isEqualTo("acme");
            assertThat(created.key().user()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unknownAndMalformedSecretsAreNotFound(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            KeyStore keys = new SqlKeyStore(db);
            keys.create(ACME);

            assertThat(keys.findBySecret("bk-" + "A".repeat(40))).isEmpty();
            assertThat(keys.findBySecret("sk-not-ours")).isEmpty();
            assertThat(keys.findBySecret(null)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void revokingMarksTheKeyAndTakesEffectAtOnceOnThisReplica(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            KeyStore keys = new SqlKeyStore(db, Clock.systemUTC(), Duration.ofHours(1));
            CreatedKey created = keys.create(ACME);
            assertThat(keys.findBySecret(created.secret())).hasValueSatisfying(k -> assertThat(k.revoked()).isFalse());

            boolean revoked = keys.revoke(created.key().id());

            assertThat(revoked).isTrue();
            assertThat(keys.findBySecret(created.secret())).hasValueSatisfying(k -> assertThat(k.revoked()).isTrue());
            assertThat(keys.revoke("key_doesnotexist")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anotherReplicaSeesARevocationOnceItsCacheEntryExpires(Dialect dialect) throws Exception {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            KeyStore here = new SqlKeyStore(db, Clock.systemUTC(), Duration.ofMillis(200));
            KeyStore there = new SqlKeyStore(db, Clock.systemUTC(), Duration.ofMillis(200));
            CreatedKey created = here.create(ACME);
            assertThat(there.findBySecret(created.secret())).hasValueSatisfying(k -> assertThat(k.revoked()).isFalse());

            here.revoke(created.key().id());

            Await.until("the other replica sees the revocation", Duration.ofSeconds(5),
                    () -> there.findBySecret(created.secret()).orElseThrow().revoked());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theSecretIsNeverStoredOnlyItsHash(Dialect dialect) {
        try (TestStorage t = TestStorage.of(dialect, dir); Database db = t.database()) {
            CreatedKey created = new SqlKeyStore(db).create(ACME);

            List<String> cells = db.read(c -> {
                List<String> all = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM virtual_keys")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            all.add(String.valueOf(rs.getObject(i)));
                        }
                    }
                }
                return all;
            });

            assertThat(cells).noneMatch(v -> v.contains(created.secret().substring(3)));
            assertThat(cells).contains(Secrets.sha256Hex(created.secret()));
        }
    }
}
