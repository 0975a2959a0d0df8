-- Monthly (UTC, a bucket starts on the 1st) roll-up, filled from the daily one for rows already written.
-- Hourly and daily roll-ups are rebuilt WITHOUT ROWID: rows are then stored in primary-key (bucket-first)
-- order, so a report range is one sequential scan instead of an index walk plus a lookup per row.
CREATE TABLE spend_hourly_new (
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
INSERT INTO spend_hourly_new (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider, requests, attempts, failed_attempts, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved) SELECT bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider, requests, attempts, failed_attempts, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved FROM spend_hourly;
DROP TABLE spend_hourly;
ALTER TABLE spend_hourly_new RENAME TO spend_hourly;

CREATE TABLE spend_daily_new (
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
INSERT INTO spend_daily_new (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider, requests, attempts, failed_attempts, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved) SELECT bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider, requests, attempts, failed_attempts, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved FROM spend_daily;
DROP TABLE spend_daily;
ALTER TABLE spend_daily_new RENAME TO spend_daily;

CREATE TABLE spend_monthly (
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
INSERT INTO spend_monthly (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider, requests, attempts, failed_attempts, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved)
SELECT CAST(strftime('%s', date(bucket_micros / 1000000, 'unixepoch', 'start of month')) AS INTEGER) * 1000000,
    key_id, customer, team, feature, environment, prompt_version, model, provider, SUM(requests), SUM(attempts), SUM(failed_attempts), SUM(input_tokens), SUM(cached_input_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(cost), SUM(failed_cost), SUM(saved)
FROM spend_daily GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
