-- On PostgreSQL roll-ups stay in the rows' own transaction (a commit is a network round trip there); the table exists
-- so that both schemas have the same tables.
CREATE TABLE rollup_watermark (
    id INTEGER NOT NULL PRIMARY KEY,
    last_rowid BIGINT NOT NULL
);
INSERT INTO rollup_watermark (id, last_rowid) VALUES (1, 0);
