-- Monthly (UTC, a bucket starts on the 1st) roll-up, filled from the daily one for rows already written.
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
    cost NUMERIC(38,12) NOT NULL,
    failed_cost NUMERIC(38,12) NOT NULL,
    saved NUMERIC(38,12) NOT NULL,
    PRIMARY KEY (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider)
);
INSERT INTO spend_monthly (bucket_micros, key_id, customer, team, feature, environment, prompt_version, model, provider, requests, attempts, failed_attempts, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved)
SELECT (EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(bucket_micros / 1000000) AT TIME ZONE 'UTC'))::BIGINT) * 1000000,
    key_id, customer, team, feature, environment, prompt_version, model, provider, SUM(requests), SUM(attempts), SUM(failed_attempts), SUM(input_tokens), SUM(cached_input_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(cost), SUM(failed_cost), SUM(saved)
FROM spend_daily GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
