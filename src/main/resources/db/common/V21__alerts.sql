-- Alerts raised by rules and budget events. open_key is "rule, scope value, window instance" while the alert is open
-- and NULL once resolved: its unique index lets exactly one replica claim an alert (the others' inserts conflict),
-- and lets the same condition fire again as a new row after it cleared (NULLs never conflict).
-- Amounts are exact decimal strings in value_text and numbers (a JSON object of decimal strings).
CREATE TABLE alerts (
    id TEXT NOT NULL PRIMARY KEY,
    rule TEXT NOT NULL,
    type TEXT NOT NULL,
    severity TEXT NOT NULL,
    scope TEXT NOT NULL,
    scope_value TEXT NOT NULL,
    window_key TEXT NOT NULL,
    open_key TEXT,
    message TEXT NOT NULL,
    value_text TEXT NOT NULL,
    numbers TEXT NOT NULL,
    fired_micros BIGINT NOT NULL,
    expires_micros BIGINT,
    resolved_micros BIGINT
);

CREATE UNIQUE INDEX alerts_open_key ON alerts (open_key);
CREATE INDEX alerts_fired ON alerts (fired_micros);
CREATE INDEX alerts_rule_open ON alerts (rule, resolved_micros);

-- One row per webhook delivery attempt. webhook is the webhook's position and origin only: full URLs (Slack's
-- especially) carry secrets in their path.
CREATE TABLE alert_deliveries (
    alert_id TEXT NOT NULL,
    event TEXT NOT NULL,
    webhook TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at_micros BIGINT NOT NULL,
    http_status INTEGER NOT NULL,
    error TEXT,
    delivered BOOLEAN NOT NULL
);

CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id);
