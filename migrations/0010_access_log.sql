-- 0010: who read whose mail. Every search, message view, case view and personal-data export
-- names the people whose messages it showed; kept `[retention] access_log_days`.
CREATE TABLE access_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL DEFAULT 0,        -- Unix seconds
    who     TEXT    NOT NULL DEFAULT '',       -- staff member
    action  TEXT    NOT NULL DEFAULT '',       -- search | show | case | person-export
    target  TEXT    NOT NULL DEFAULT '',       -- the query, message id, case id or person
    persons TEXT    NOT NULL DEFAULT '[]'      -- JSON: addresses whose messages were shown
) STRICT;
CREATE INDEX access_log_at ON access_log (at);
