-- Budgets managed at run time (admin API / CLI); budgets from bursar.yaml are not stored here.
-- The limit is the exact decimal text (e.g. "100.00"); alert_at is a comma-separated list of fractions.
CREATE TABLE budgets (
    name TEXT NOT NULL PRIMARY KEY,
    scope TEXT NOT NULL,
    match_value TEXT NOT NULL,
    window_spec TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    limit_usd TEXT NOT NULL,
    alert_at TEXT NOT NULL,
    enforce TEXT NOT NULL,
    on_store_down TEXT NOT NULL,
    updated_micros BIGINT NOT NULL
);
