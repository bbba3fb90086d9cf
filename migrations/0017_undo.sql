-- 0017: undo of staff actions (issue 17). Before an action, the rows it may change (the cases,
-- their themes, members, parties and communes, the sender matches and learned address an
-- official's confirmation touches) are copied into `case_undo.snapshot` (JSON); « Annuler »
-- writes them back, once, if nothing happened to those cases since (`history_through`).
-- Snapshots are short-lived: kept 24 hours, and every personal-data erasure empties the table.
CREATE TABLE case_undo (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    who             TEXT    NOT NULL DEFAULT '',  -- the staff member who acted
    at              INTEGER NOT NULL DEFAULT 0,   -- Unix seconds
    label           TEXT    NOT NULL DEFAULT '',  -- what was done, in French (« Confirmé »)
    cases           TEXT    NOT NULL DEFAULT '[]',-- JSON array of the case ids acted on
    snapshot        TEXT    NOT NULL DEFAULT '{}',-- JSON: the rows as they were before
    history_through INTEGER NOT NULL DEFAULT 0,   -- max(case_history.id) right after the action
    undone_at       INTEGER NOT NULL DEFAULT 0    -- Unix seconds; 0 while it can still be undone
) STRICT;
