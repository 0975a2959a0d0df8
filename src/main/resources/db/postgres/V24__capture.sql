-- Request bodies kept for `bursar replay` (capture: { enabled: true }), apart from the ledger: one row per answered
-- chat request, keyed by the ledger's request_id. body is the request's JSON after redaction (e-mails, numbers, ...
-- replaced before the row is written). Rows older than capture.retention are deleted by the capture sweeper.
-- Times are UTC microseconds since the epoch, as in usage_events.
CREATE TABLE request_captures (
    request_id TEXT NOT NULL PRIMARY KEY,
    ts_micros BIGINT NOT NULL,
    wire TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE INDEX request_captures_ts ON request_captures (ts_micros);
