-- 0005: themes set by rules, with the rule and the words that set them, and how often each rule
-- fired (for tuning).

CREATE TABLE message_themes (
    message  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    theme    TEXT    NOT NULL DEFAULT '',        -- theme slug
    rule     TEXT    NOT NULL DEFAULT '',        -- rule id ('staff' when set by hand)
    score    REAL    NOT NULL DEFAULT 0,         -- score the rule reached
    found    TEXT    NOT NULL DEFAULT '[]',      -- JSON: [{field, term, position}]
    priority TEXT    NOT NULL DEFAULT '',        -- rule action for the cases stage ('' none)
    assignee TEXT    NOT NULL DEFAULT '',        -- rule action for the cases stage ('' none)
    PRIMARY KEY (message, theme)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_themes_theme ON message_themes (theme);

CREATE TABLE rule_stats (
    rule       TEXT    NOT NULL PRIMARY KEY,     -- rule id
    fired      INTEGER NOT NULL DEFAULT 0,       -- messages it tagged
    last_fired INTEGER NOT NULL DEFAULT 0        -- Unix seconds
) STRICT;
