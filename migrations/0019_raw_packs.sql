-- The raw store in pack files (issue 18): original messages are appended to
-- raw/packs/NNNNNNNN.pack instead of one file each. Where each message's bytes are, which part of
-- each pack is committed, and which records were erased (so that a backup erases its copy too).
CREATE TABLE raw_blobs (
    hash   TEXT    NOT NULL PRIMARY KEY,  -- SHA-256 of the bytes, lower-case hex (messages.blob)
    pack   INTEGER NOT NULL,              -- the pack file's number
    offset INTEGER NOT NULL,              -- where the message's bytes start in it
    length INTEGER NOT NULL               -- how many bytes
) STRICT, WITHOUT ROWID;
CREATE TABLE raw_packs (
    id  INTEGER PRIMARY KEY,              -- the pack file's number
    end INTEGER NOT NULL DEFAULT 0        -- bytes committed: anything after is an unfinished batch
) STRICT;
CREATE TABLE raw_holes (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    pack   INTEGER NOT NULL,
    start  INTEGER NOT NULL,              -- the erased record, header included
    length INTEGER NOT NULL
) STRICT;
