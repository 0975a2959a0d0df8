package dev.bursar.auth;

import dev.bursar.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Virtual keys in the {@code virtual_keys} table. {@link #findBySecret} runs on every request, so answers (misses
 * included) are cached in memory by secret hash for {@code cacheTtl}: a revoke on this replica takes effect at once,
 * one on another replica within the TTL. Strings that are not shaped like a secret never reach the database.
 */
public final class SqlKeyStore implements KeyStore {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 100_000;
    private static final String COLUMNS = "id, name, prefix, customer, team, feature, environment, user_id,"
            + " created_micros, revoked_micros";

    private record Cached(Optional<VirtualKey> key, long expiresAtNanos) {
    }

    private final Database db;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SqlKeyStore(Database db) {
        this(db, Clock.systemUTC(), DEFAULT_CACHE_TTL);
    }

    public SqlKeyStore(Database db, Clock clock, Duration cacheTtl) {
        this.db = db;
        this.clock = clock;
        this.ttlNanos = cacheTtl.toNanos();
    }

    @Override
    public CreatedKey create(NewKey spec) {
        String secret = Secrets.newSecret();
        String hash = Secrets.sha256Hex(secret);
        VirtualKey key = new VirtualKey(Secrets.newId(), spec.name(), secret.substring(0, Secrets.PREFIX_LENGTH),
                spec.customer(), spec.team(), spec.feature(), spec.environment(), spec.user(),
                Instant.ofEpochSecond(clock.instant().getEpochSecond()), null);
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO virtual_keys (id, name, prefix, secret_sha256,"
                    + " customer, team, feature, environment, user_id, created_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setString(i++, key.id());
                text(ps, i++, key.name());
                ps.setString(i++, key.prefix());
                ps.setString(i++, hash);
                for (String s : new String[] {key.customer(), key.team(), key.feature(), key.environment(), key.user()}) {
                    text(ps, i++, s);
                }
                ps.setLong(i, micros(key.createdAt()));
                return ps.executeUpdate();
            }
        });
        cache.remove(hash); // a cached miss for this secret is now wrong
        return new CreatedKey(key, secret);
    }

    @Override
    public Optional<VirtualKey> findBySecret(String secret) {
        if (!Secrets.wellFormed(secret)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(secret);
        long now = System.nanoTime();
        Cached hit = cache.get(hash);
        if (hit != null && now - hit.expiresAtNanos() < 0) {
            return hit.key();
        }
        Optional<VirtualKey> found = db.read(c -> one(c, "SELECT " + COLUMNS + " FROM virtual_keys WHERE secret_sha256 = ?", hash));
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // a flood of random well-formed secrets must not grow memory without bound
        }
        cache.put(hash, new Cached(found, now + ttlNanos));
        return found;
    }

    @Override
    public List<VirtualKey> list() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM virtual_keys ORDER BY created_micros, id");
                 ResultSet rs = ps.executeQuery()) {
                List<VirtualKey> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean revoke(String id) {
        int changed = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE virtual_keys SET revoked_micros = ? WHERE id = ? AND revoked_micros IS NULL")) {
                ps.setLong(1, micros(clock.instant()));
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
        cache.values().removeIf(v -> v.key().map(k -> k.id().equals(id)).orElse(false));
        return changed > 0
                || db.read(c -> one(c, "SELECT " + COLUMNS + " FROM virtual_keys WHERE id = ?", id)).isPresent();
    }

    private static Optional<VirtualKey> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static VirtualKey read(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_micros");
        boolean isRevoked = !rs.wasNull();
        return new VirtualKey(rs.getString("id"), rs.getString("name"), rs.getString("prefix"), rs.getString("customer"),
                rs.getString("team"), rs.getString("feature"), rs.getString("environment"), rs.getString("user_id"),
                instant(rs.getLong("created_micros")), isRevoked ? instant(revoked) : null);
    }

    private static void text(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
