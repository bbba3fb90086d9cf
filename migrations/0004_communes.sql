-- 0004: the communes each message concerns, with how each was found (for `explain`).
CREATE TABLE message_communes (
    message  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    code     TEXT    NOT NULL DEFAULT '',          -- INSEE code of the current commune
    context  TEXT    NOT NULL DEFAULT '',          -- locating | capitalised | official
    matched  TEXT    NOT NULL DEFAULT '',          -- the words as written ('' for official)
    position INTEGER NOT NULL DEFAULT 0,           -- byte offset in subject + body (-1 for official)
    PRIMARY KEY (message, code)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_communes_code ON message_communes (code);
