-- The ledger's Parquet archives (issue 17): one row per archive file. A file is 'verified' once it was written and
-- read back with the same row count and cost sum as the rows it holds; only then are those rows deleted from
-- usage_events, and the file becomes 'complete'. Readers take rows in a file's range from the file.
-- cost: integer picodollars, like usage_events.cost.
CREATE TABLE ledger_archive (
    path TEXT NOT NULL PRIMARY KEY,
    month TEXT NOT NULL,
    from_micros BIGINT NOT NULL,
    to_micros BIGINT NOT NULL,
    row_count BIGINT NOT NULL,
    cost INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_micros BIGINT NOT NULL
);
CREATE INDEX ledger_archive_from ON ledger_archive (from_micros);

-- One archiver at a time (the gateway's background runs, `bursar ledger archive`, other replicas): a lease that the
-- running archiver renews as it goes; a killed one's lease runs out and the next run finishes its work.
CREATE TABLE ledger_archive_lease (
    id INTEGER NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    until_micros BIGINT NOT NULL
);
INSERT INTO ledger_archive_lease (id, owner, until_micros) VALUES (1, '', 0);
