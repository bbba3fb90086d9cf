-- 0009: personal-data lifecycle (RGPD). Erasures and retention runs are recorded without the
-- personal data they removed; index documents of removed messages wait in `index_purge` for the
-- process holding the index writer (the daemon, or the command itself) to delete and merge them
-- away.

CREATE TABLE erasures (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL DEFAULT 0,           -- Unix seconds
    who       TEXT    NOT NULL DEFAULT '',          -- staff member who ran it
    kind      TEXT    NOT NULL DEFAULT 'address' CHECK (kind IN ('address', 'official')),
    messages  INTEGER NOT NULL DEFAULT 0,
    cases     INTEGER NOT NULL DEFAULT 0,
    addresses INTEGER NOT NULL DEFAULT 0,           -- learned / address-book addresses removed
    notes     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE retention_runs (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL DEFAULT 0,
    who      TEXT    NOT NULL DEFAULT '',           -- user, or 'daemon'
    messages INTEGER NOT NULL DEFAULT 0,            -- messages removed
    cases    INTEGER NOT NULL DEFAULT 0             -- cases removed
) STRICT;

-- Index documents to delete (message ids whose rows are gone).
CREATE TABLE index_purge (
    message INTEGER NOT NULL PRIMARY KEY
) STRICT;

-- Raw files whose rows were removed, deleted right after the transaction; left over by a crash,
-- they are deleted by the next erasure, retention run or `verify`.
CREATE TABLE raw_purge (
    blob TEXT NOT NULL PRIMARY KEY
) STRICT;
