package dev.bursar.storage;

import dev.bursar.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away database for a test: a SQLite file in a temp folder, or a random PostgreSQL schema dropped after. */
public final class TestStorage implements AutoCloseable {

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final StorageConfig config;

    private TestStorage(StorageConfig config) {
        this.config = config;
    }

    public static TestStorage sqlite(Path dir) {
        return new TestStorage(new StorageConfig(dir.resolve("bursar-data").resolve("bursar.db").toString(), null, null));
    }

    public static TestStorage postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new TestStorage(new StorageConfig(null, PG_URL, schema));
    }

    public static TestStorage of(Dialect dialect, Path dir) {
        return dialect == Dialect.SQLITE ? sqlite(dir) : postgres();
    }

    public StorageConfig config() {
        return config;
    }

    /** A migrated {@link Database} on the same storage. */
    public Database database() {
        Database db = Database.open(config);
        Migrator.migrate(db);
        return db;
    }

    @Override
    public void close() {
        if (config.isPostgres()) {
            try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + config.postgresSchema() + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + config.postgresSchema(), e);
            }
        }
    }
}
