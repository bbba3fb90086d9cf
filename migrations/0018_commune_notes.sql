-- Notes the office keeps on a commune (issue 17, the commune page as a visit sheet): what to
-- raise at the next visit, who to see, what was promised. Not tied to a case: a case's notes
-- stay on the case.
CREATE TABLE commune_notes (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    commune TEXT    NOT NULL DEFAULT '',  -- INSEE code of the commune
    author  TEXT    NOT NULL DEFAULT '',  -- user name of who wrote it
    at      INTEGER NOT NULL DEFAULT 0,   -- when, Unix seconds
    text    TEXT    NOT NULL DEFAULT ''   -- the note, as typed (at most 10,000 characters)
) STRICT;
CREATE INDEX commune_notes_commune ON commune_notes (commune, id);
