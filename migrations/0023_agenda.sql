-- 0023: the agenda (issue 20). Invitations read from the mail become events: when, where, who
-- invites, the reply deadline; staff decide (accept, decline, maybe, send someone) and may
-- correct any field read, each correction kept for measurement. A calendar feed is read with
-- a per-user secret token.

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    message        INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL DEFAULT 0,      -- nth event of the message, earliest first
    source         TEXT    NOT NULL CHECK (source IN ('calendar', 'prose', 'attachment', 'staff')),
    title          TEXT    NOT NULL DEFAULT '',
    start_date     TEXT    NOT NULL,                -- YYYY-MM-DD, office's zone
    end_date       TEXT,                            -- last day of an event over several days
    start_time     TEXT,                            -- HH:MM, office's zone; NULL: all day or unknown
    end_time       TEXT,
    place          TEXT    NOT NULL DEFAULT '',
    commune_code   TEXT,                            -- INSEE code
    organiser      TEXT    NOT NULL DEFAULT '',
    rsvp_by        TEXT,                            -- YYYY-MM-DD
    rsvp_contact   TEXT,
    notes          TEXT,                            -- dress, protocol
    weekday_mismatch INTEGER NOT NULL DEFAULT 0,
    ambiguous      TEXT,                            -- why a reader would hesitate
    state          TEXT    NOT NULL DEFAULT 'undecided' CHECK (state IN
                     ('undecided', 'accepted', 'declined', 'maybe', 'represented', 'dismissed')),
    representative TEXT    NOT NULL DEFAULT '',
    decision_note  TEXT    NOT NULL DEFAULT '',
    decided_by     TEXT    NOT NULL DEFAULT '',
    decided_at     INTEGER NOT NULL DEFAULT 0,
    corrected      INTEGER NOT NULL DEFAULT 0,      -- fields staff corrected (count)
    read_at        INTEGER NOT NULL DEFAULT 0,      -- Unix seconds
    UNIQUE (message, position)
) STRICT;
CREATE INDEX events_start ON events (start_date, start_time);
CREATE INDEX events_rsvp ON events (rsvp_by) WHERE state = 'undecided' AND rsvp_by IS NOT NULL;

-- Every correction staff made to a field read from the mail: what was read, what it became.
CREATE TABLE event_corrections (
    id      INTEGER PRIMARY KEY,
    event   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    field   TEXT    NOT NULL,
    before  TEXT    NOT NULL DEFAULT '',
    after   TEXT    NOT NULL DEFAULT '',
    who     TEXT    NOT NULL DEFAULT '',
    at      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX event_corrections_event ON event_corrections (event);

-- Secret tokens of the calendar feed, one per user at a time; only their SHA-256 is kept.
CREATE TABLE feed_tokens (
    id         INTEGER PRIMARY KEY,
    user_name  TEXT    NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER NOT NULL DEFAULT 0,       -- 0: valid
    used_at    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX feed_tokens_user ON feed_tokens (user_name) WHERE revoked_at = 0;
