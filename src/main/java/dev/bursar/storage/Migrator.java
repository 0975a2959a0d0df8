package dev.bursar.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the schema up to date from versioned SQL scripts on the classpath. {@code db/migrations.txt} lists the
 * versions in order ("1 ledger"); each script is {@code db/<dialect>/V<n>__<name>.sql}, or {@code db/common/...}
 * when both databases take the same SQL. Applied versions are recorded in {@code schema_version}; pending ones run in
 * one transaction under a lock, so replicas starting together apply each script exactly once.
 */
public final class Migrator {

    /** One versioned script. */
    public record Script(int version, String name, String sql) {
    }

    private static final long PG_LOCK_KEY = 0x6275727361720001L;

    private Migrator() {
    }

    /** Applies pending scripts; returns how many ran (0 when already current). */
    public static int migrate(Database db) {
        return migrate(db, Integer.MAX_VALUE);
    }

    /** Applies pending scripts up to {@code maxVersion} (tests use it to start from an older schema). */
    static int migrate(Database db, int maxVersion) {
        List<Script> scripts = scripts(db.dialect());
        int latest = scripts.isEmpty() ? 0 : scripts.getLast().version();
        return db.transaction(c -> {
            lock(c, db.dialect());
            int current = currentVersion(c);
            if (current > latest) {
                throw new StorageException(db.describe() + " has schema version " + current
                        + ", newer than this Bursar understands (" + latest + "); upgrade Bursar before using this database");
            }
            // Every script not yet recorded runs, not only those above the highest: features are merged in any order,
            // and a database already at 21 must still get a 20 that arrived later.
            java.util.Set<Integer> done = appliedVersions(c);
            int applied = 0;
            for (Script s : scripts) {
                if (!done.contains(s.version()) && s.version() <= maxVersion) {
                    apply(c, s);
                    applied++;
                }
            }
            return applied;
        });
    }

    private static java.util.Set<Integer> appliedVersions(Connection c) throws SQLException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** The schema version recorded in the database, 0 for an empty one. */
    public static int currentVersion(Database db) {
        return db.transaction(c -> {
            lock(c, db.dialect());
            return currentVersion(c);
        });
    }

    public static List<Script> scripts(Dialect dialect) {
        List<Script> out = new ArrayList<>();
        for (String line : resource("db/migrations.txt").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            int version = Integer.parseInt(parts[0]);
            if (!out.isEmpty() && version <= out.getLast().version()) {
                throw new IllegalStateException("db/migrations.txt must list versions in increasing order at " + l);
            }
            String file = "V" + version + "__" + parts[1] + ".sql";
            String specific = "db/" + dialect.folder() + "/" + file;
            String sql = exists(specific) ? resource(specific) : resource("db/common/" + file);
            out.add(new Script(version, parts[1], sql));
        }
        return out;
    }

    private static void lock(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (dialect == Dialect.POSTGRES) {
                st.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
            }
            // SQLite connections begin transactions IMMEDIATE, which already holds the write lock.
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL)");
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Connection c, Script s) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String statement : statements(s.sql())) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new SQLException("migration V" + s.version() + "__" + s.name() + " failed: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, s.version());
            ps.setString(2, s.name());
            ps.setString(3, java.time.Instant.now().toString());
            ps.executeUpdate();
        }
    }

    /** Splits a script at semicolons that end a line; the scripts hold no procedural code. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String l = line.strip();
            if (l.startsWith("--") || l.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (l.endsWith(";")) {
                String stmt = cur.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static boolean exists(String path) {
        return Migrator.class.getClassLoader().getResource(path) != null;
    }

    private static String resource(String path) {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
