-- 0001: the ingest spine. One row per distinct original message (identified by the SHA-256 of
-- its raw bytes), where it came from, its recipients and attachments, and the ingest runs with
-- every problem they met. Later stages (officials, rules, cases) add their own tables.

-- Every distinct original message.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    blob         TEXT    NOT NULL UNIQUE,            -- SHA-256 (hex) of the raw bytes = raw store name
    size         INTEGER NOT NULL DEFAULT 0,         -- raw size in bytes
    message_id   TEXT    NOT NULL DEFAULT '',        -- Message-ID without <>, or a synthetic one
    synthetic_id INTEGER NOT NULL DEFAULT 0,         -- 1 when the message had no Message-ID
    dup_of       INTEGER REFERENCES messages(id),    -- first message with the same Message-ID (a resend), else NULL
    date         INTEGER NOT NULL DEFAULT 0,         -- Unix seconds, UTC
    tz_offset    INTEGER NOT NULL DEFAULT 0,         -- sender's UTC offset in minutes
    date_source  TEXT    NOT NULL DEFAULT 'header',  -- header | received | ingest: where `date` comes from
    from_name    TEXT    NOT NULL DEFAULT '',        -- decoded display name of the first From address
    from_addr    TEXT    NOT NULL DEFAULT '',        -- lower-cased address of the first From address
    subject      TEXT    NOT NULL DEFAULT '',        -- decoded Subject
    in_reply_to  TEXT    NOT NULL DEFAULT '',        -- first In-Reply-To id, without <>
    refs         TEXT    NOT NULL DEFAULT '[]',      -- JSON array of References ids, without <>
    language     TEXT    NOT NULL DEFAULT '',        -- ISO 639-1 code when known (whatlang), else ISO 639-3
    kind         TEXT    NOT NULL DEFAULT 'personal'
                 CHECK (kind IN ('personal', 'auto_reply', 'bulk', 'bounce', 'spam')),
    state        TEXT    NOT NULL DEFAULT 'parsed'
                 CHECK (state IN ('parsed', 'partial', 'failed')), -- partial: headers only (size cap)
    error        TEXT    NOT NULL DEFAULT '',        -- why parsing failed or was partial
    snippet      TEXT    NOT NULL DEFAULT '',        -- first words of the body, for listings
    ingested_at  INTEGER NOT NULL DEFAULT 0          -- Unix seconds when first stored
) STRICT;
CREATE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_date ON messages (date, id);
CREATE INDEX messages_from_addr ON messages (from_addr);

-- Where each message was seen: a Maildir file, an mbox position, a file, stdin, an IMAP UID.
CREATE TABLE message_sources (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message    INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL DEFAULT 'file',      -- maildir | mbox | file | stdin | imap
    location   TEXT    NOT NULL DEFAULT '',          -- path, path#N for mbox, account/folder/uidvalidity/uid
    first_seen INTEGER NOT NULL DEFAULT 0,           -- Unix seconds
    UNIQUE (message, kind, location)
) STRICT;

-- To / Cc / Bcc / Reply-To addresses, in header order.
CREATE TABLE recipients (
    message  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    role     TEXT    NOT NULL DEFAULT 'to' CHECK (role IN ('to', 'cc', 'bcc', 'reply_to')),
    position INTEGER NOT NULL DEFAULT 0,             -- order within the role
    name     TEXT    NOT NULL DEFAULT '',            -- decoded display name
    address  TEXT    NOT NULL DEFAULT '',            -- lower-cased address
    PRIMARY KEY (message, role, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX recipients_address ON recipients (address);

-- Attachment metadata (the bytes stay in the raw message).
CREATE TABLE attachments (
    message  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,             -- order in the message
    filename TEXT    NOT NULL DEFAULT '',            -- decoded file name ('' when none was given)
    mime     TEXT    NOT NULL DEFAULT 'application/octet-stream', -- type/subtype, lower case
    size     INTEGER NOT NULL DEFAULT 0,             -- decoded size in bytes
    PRIMARY KEY (message, position)
) STRICT, WITHOUT ROWID;

-- One row per `ingest` run (or daemon batch source).
CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT    NOT NULL DEFAULT '',         -- what was ingested, for `stats`
    started_at  INTEGER NOT NULL DEFAULT 0,          -- Unix seconds
    finished_at INTEGER NOT NULL DEFAULT 0,          -- Unix seconds, 0 while running or if it died
    new         INTEGER NOT NULL DEFAULT 0,          -- messages stored for the first time
    known       INTEGER NOT NULL DEFAULT 0,          -- messages already in the store
    failed      INTEGER NOT NULL DEFAULT 0,          -- inputs that could not be stored or parsed
    warnings    INTEGER NOT NULL DEFAULT 0           -- stored with a warning (size cap, unreadable part)
) STRICT;

-- Every problem an ingest met, naming the input; `message` is set when the bytes were stored.
CREATE TABLE ingest_problems (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    run      INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
    message  INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    location TEXT    NOT NULL DEFAULT '',            -- file, mbox position, IMAP UID
    severity TEXT    NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning')),
    reason   TEXT    NOT NULL DEFAULT '',            -- human-readable, lower case
    at       INTEGER NOT NULL DEFAULT 0              -- Unix seconds
) STRICT;
