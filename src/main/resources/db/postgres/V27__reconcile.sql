-- Scheduled reconciliation (issue 12, part 2): the providers' own numbers, kept beside the ledger's.
-- reconcile_lines holds one report's line per day x model (a report's several lines for one model, such as OpenAI's
-- cost line items per token type, are summed before they are stored). Pulling a day again replaces that day's lines
-- of that report in one transaction, so a day is never counted twice.
-- Money is exact: NUMERIC(38,12), as in the ledger.
CREATE TABLE reconcile_lines (
    day TEXT NOT NULL,
    source TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    cost_usd NUMERIC(38,12) NOT NULL,
    pulled_micros BIGINT NOT NULL,
    PRIMARY KEY (day, source, model)
);

-- One row per day x provider: the pull's outcome. The primary key is the lease: a replica pulls a day only after
-- inserting this row (or taking over a failed or stale one with a conditional UPDATE), so replicas sharing the
-- database pull each day once. status is running, ok or failed; error is the last failure's message.
CREATE TABLE reconcile_runs (
    day TEXT NOT NULL,
    provider TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    started_micros BIGINT NOT NULL,
    finished_micros BIGINT,
    lines INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (day, provider)
);
