-- Hourly and daily (UTC) sums by the main dimensions, upserted in the same transaction as the rows.
-- A missing tag is stored as '' (never a real tag value) because NULLs are distinct in a primary key.
-- WITHOUT ROWID: rows are stored in primary-key (bucket-first) order, so a report range is one sequential scan.
CREATE TABLE spend_hourly (
    bucket_micros BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    customer TEXT NOT NULL,
    team TEXT NOT NULL,
    feature TEXT NOT NULL,
    environment TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    requests BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    failed_attempts BIGINT NOT NULL,
    input_tokens BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    reasoning_tokens BIGINT NOT NULL,
    cost INTEGER NOT NULL,
    failed_cost INTEGER NOT NULL,
    saved INTEGER NOT NULL,
    PRIMARY KEY (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider)
) WITHOUT ROWID;

CREATE TABLE spend_daily (
    bucket_micros BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    customer TEXT NOT NULL,
    team TEXT NOT NULL,
    feature TEXT NOT NULL,
    environment TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    requests BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    failed_attempts BIGINT NOT NULL,
    input_tokens BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    reasoning_tokens BIGINT NOT NULL,
    cost INTEGER NOT NULL,
    failed_cost INTEGER NOT NULL,
    saved INTEGER NOT NULL,
    PRIMARY KEY (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider)
) WITHOUT ROWID;
