-- 0006: request cases (dossiers). Every personal message joins one case; the pipeline records
-- how (thread headers, quoted header block, subject, campaign, new), staff move cases through
-- their states, and every change is kept in the case's history.

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT    NOT NULL DEFAULT '',          -- from the first message's subject
    norm_subject    TEXT    NOT NULL DEFAULT '',          -- normalised subject, for subject threading
    kind            TEXT    NOT NULL DEFAULT 'request' CHECK (kind IN ('request', 'campaign')),
    state           TEXT    NOT NULL DEFAULT 'proposed'
                    CHECK (state IN ('proposed', 'open', 'waiting', 'answered', 'closed')),
    official        INTEGER REFERENCES officials(id) ON DELETE SET NULL, -- the correspondent, when an official
    correspondent   TEXT    NOT NULL DEFAULT '',          -- the correspondent's address (first sender)
    assignee        TEXT    NOT NULL DEFAULT '',
    priority        INTEGER NOT NULL DEFAULT 2,           -- 0 urgent, 1 high, 2 normal, 3 low
    due             TEXT    NOT NULL DEFAULT '',          -- YYYY-MM-DD or ''
    merged_into     INTEGER REFERENCES cases(id),         -- set when merged into another case (then closed)
    created_at      INTEGER NOT NULL DEFAULT 0,           -- Unix seconds
    updated_at      INTEGER NOT NULL DEFAULT 0,           -- Unix seconds of the last change
    first_at        INTEGER NOT NULL DEFAULT 0,           -- date of the first message
    last_at         INTEGER NOT NULL DEFAULT 0,           -- date of the last message (subject window)
    last_in_at      INTEGER NOT NULL DEFAULT 0,           -- ingest time of the last incoming message (triage)
    answered_at     INTEGER NOT NULL DEFAULT 0            -- date of the office's first answer (0: none)
) STRICT;
CREATE INDEX cases_state ON cases (state, priority, first_at);
CREATE INDEX cases_norm_subject ON cases (norm_subject);
CREATE INDEX cases_official ON cases (official);

-- Which case each personal message belongs to, and why (shown by `explain`).
CREATE TABLE message_cases (
    message INTEGER NOT NULL PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    method  TEXT    NOT NULL DEFAULT 'new'
            CHECK (method IN ('references', 'quoted_header', 'subject', 'campaign', 'new', 'staff')),
    reason  TEXT    NOT NULL DEFAULT '',
    at      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX message_cases_case ON message_cases (case_id);

-- Addresses taking part in a case (senders, and whom the office wrote to).
CREATE TABLE case_parties (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    address TEXT    NOT NULL,
    PRIMARY KEY (case_id, address)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_parties_address ON case_parties (address);

-- Communes and themes of a case: the union of its messages', plus staff changes. A theme staff
-- removed stays removed (on = 0) when later mail carries it again.
CREATE TABLE case_communes (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    commune TEXT    NOT NULL,
    PRIMARY KEY (case_id, commune)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_communes_commune ON case_communes (commune);
CREATE TABLE case_themes (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    theme   TEXT    NOT NULL,
    source  TEXT    NOT NULL DEFAULT 'rules' CHECK (source IN ('rules', 'staff')),
    on_     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (case_id, theme)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_themes_theme ON case_themes (theme);

CREATE TABLE case_notes (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    author  TEXT    NOT NULL DEFAULT '',
    at      INTEGER NOT NULL DEFAULT 0,
    text    TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_notes_case ON case_notes (case_id);

-- Every change of a case: who, when, what, before and after.
CREATE TABLE case_history (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at      INTEGER NOT NULL DEFAULT 0,
    who     TEXT    NOT NULL DEFAULT '',     -- user name, or 'permanence' for the pipeline
    action  TEXT    NOT NULL DEFAULT '',     -- opened, message, state, assign, tag, untag, merge, split, note, due, priority, official, bounce
    before  TEXT    NOT NULL DEFAULT '',
    after   TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_history_case ON case_history (case_id, id);

-- References of personal messages (In-Reply-To and References), to find a thread whatever the
-- order messages arrive in.
CREATE TABLE message_refs (
    ref     TEXT    NOT NULL,
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (ref, message)
) STRICT, WITHOUT ROWID;

-- MinHash bands of personal messages' own text (last weeks), for campaign detection.
CREATE TABLE message_bands (
    band    INTEGER NOT NULL,
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (band, message)
) STRICT, WITHOUT ROWID;
CREATE TABLE message_minhash (
    message INTEGER NOT NULL PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    date    INTEGER NOT NULL DEFAULT 0,
    sig     BLOB    NOT NULL
) STRICT;

-- Staff theme corrections, for rule tuning (`rules test --disagreements`).
CREATE TABLE theme_feedback (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    theme   TEXT    NOT NULL,
    verdict INTEGER NOT NULL,                -- 1: staff added it, 0: staff removed it
    who     TEXT    NOT NULL DEFAULT '',
    at      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Each `triage` run (the next one's default --since).
CREATE TABLE triage_runs (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    at  INTEGER NOT NULL DEFAULT 0,
    who TEXT    NOT NULL DEFAULT ''
) STRICT;

-- A bounce's original message, by Message-ID ('' when unknown or not a bounce).
ALTER TABLE messages ADD COLUMN bounce_ref TEXT NOT NULL DEFAULT '';

-- How far the cases stage has gone (messages stored before this migration are filed on start).
CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO settings (key, value) VALUES ('cases_through', '0');
