-- 0002: IMAP filing. The sync state of each watched folder (UIDVALIDITY and the high-water
-- mark, advanced in the same transaction as the batch it covers), and which messages are the
-- office's own (found in its Sent folder).

-- One row per mailbox (account) and folder the daemon watches.
CREATE TABLE imap_folders (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    account        TEXT    NOT NULL DEFAULT '',  -- [[mailbox]] name
    folder         TEXT    NOT NULL DEFAULT '',  -- folder name on the server
    uidvalidity    INTEGER NOT NULL DEFAULT 0,   -- UIDVALIDITY the marks below belong to (0: never synced)
    uid_next       INTEGER NOT NULL DEFAULT 1,   -- high-water mark: lowest UID not yet filed
    server_uidnext INTEGER NOT NULL DEFAULT 0,   -- UIDNEXT the server announced at the last sync
    server_exists  INTEGER NOT NULL DEFAULT 0,   -- messages in the folder at the last sync
    backlog        INTEGER NOT NULL DEFAULT 0,   -- messages above the mark still to fetch at the last check
    last_sync      INTEGER NOT NULL DEFAULT 0,   -- Unix seconds of the last completed sync
    last_new_at    INTEGER NOT NULL DEFAULT 0,   -- Unix seconds when new mail was last filed
    last_error     TEXT    NOT NULL DEFAULT '',  -- last failure ('' once a sync succeeds)
    last_error_at  INTEGER NOT NULL DEFAULT 0,   -- Unix seconds of last_error
    rescans        INTEGER NOT NULL DEFAULT 0,   -- UIDVALIDITY changes seen
    UNIQUE (account, folder)
) STRICT;

-- 1 when the message was found in the office's Sent folder (the office wrote it).
ALTER TABLE messages ADD COLUMN outgoing INTEGER NOT NULL DEFAULT 0;
