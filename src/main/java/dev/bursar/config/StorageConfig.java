package dev.bursar.config;

/**
 * Where the ledger and keys live: exactly one of {@code sqlite} (a file path) or {@code postgres} (a JDBC URL).
 * {@code postgresSchema} lets several runs or tenants share one database (tests use a throw-away schema per run).
 */
public record StorageConfig(String sqlite, String postgres, String postgresSchema) {

    public static final String DEFAULT_SQLITE = "./bursar-data/bursar.db";

    public StorageConfig {
        if (sqlite == null && postgres == null) {
            sqlite = DEFAULT_SQLITE;
        }
    }

    public static StorageConfig defaults() {
        return new StorageConfig(DEFAULT_SQLITE, null, null);
    }

    public boolean isPostgres() {
        return postgres != null;
    }
}
