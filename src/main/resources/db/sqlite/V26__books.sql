-- The books (issue 11): cost items, plans, customers and revenue lines made with the CLI or the admin API.
-- Items written under costs:/plans:/customers: in bursar.yaml are not stored here: they are read from the file at
-- every start and are read-only at run time, so the file stays the truth for what it names.
-- Money is exact: integer picodollars (SQLite has no decimal type).
CREATE TABLE books_costs (
    name TEXT NOT NULL PRIMARY KEY,
    category TEXT NOT NULL,
    label TEXT,
    monthly_usd INTEGER,
    once_usd INTEGER,
    from_month TEXT,
    to_month TEXT,
    allocate TEXT NOT NULL,
    created_micros BIGINT NOT NULL
);

CREATE TABLE books_plans (
    name TEXT NOT NULL PRIMARY KEY,
    monthly_usd INTEGER NOT NULL,
    per_seat_usd INTEGER NOT NULL,
    included_requests BIGINT,
    overage_usd INTEGER NOT NULL,
    free_tier BOOLEAN NOT NULL,
    target_margin_pct TEXT,
    created_micros BIGINT NOT NULL
);

CREATE TABLE books_customers (
    id TEXT NOT NULL PRIMARY KEY,
    plan TEXT NOT NULL,
    seats INTEGER NOT NULL,
    created_micros BIGINT NOT NULL
);

-- Revenue actually billed, imported from CSV (bursar revenue import): per customer and calendar month. Where a
-- customer has lines for a month they replace the plan's computed price for that month.
CREATE TABLE books_revenue (
    customer TEXT NOT NULL,
    month TEXT NOT NULL,
    amount_usd INTEGER NOT NULL,
    source TEXT NOT NULL,
    reference TEXT NOT NULL,
    imported_micros BIGINT NOT NULL,
    PRIMARY KEY (customer, month, source, reference)
);
