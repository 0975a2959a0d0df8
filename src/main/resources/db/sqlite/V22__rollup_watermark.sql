-- Roll-ups are folded from the ledger after the rows' own commit, off the request path: every usage_events row with a
-- rowid above last_rowid is not in the roll-ups yet. Rows written before this version are already in them.
CREATE TABLE rollup_watermark (
    id INTEGER NOT NULL PRIMARY KEY,
    last_rowid INTEGER NOT NULL
);
INSERT INTO rollup_watermark (id, last_rowid) VALUES (1, (SELECT COALESCE(MAX(rowid), 0) FROM usage_events));
