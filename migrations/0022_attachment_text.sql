-- 0022: the text of attachments (issue 19). Extraction runs after a message is stored and
-- filed, in a limited child process, from a queue that survives a crash; each attachment of
-- the `attachments` table gets one row here with what came of it and the text it gave.

-- Messages whose attachments wait for extraction. `attempts` counts the starts, written before
-- the work: a message that brings the worker down every time stops being retried.
CREATE TABLE extract_queue (
    message   INTEGER NOT NULL PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    queued_at INTEGER NOT NULL DEFAULT 0,            -- Unix seconds
    attempts  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One row per attachment looked at.
CREATE TABLE attachment_text (
    message      INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,                   -- attachments.position
    state        TEXT    NOT NULL CHECK (state IN
                   ('ok', 'empty', 'timeout', 'crashed', 'too_large', 'unsupported', 'unavailable')),
    extractor    TEXT    NOT NULL DEFAULT '',        -- engine and its version ('pdftotext 22.02.0')
    text         TEXT    NOT NULL DEFAULT '',        -- the extracted text, cut at the configured size
    chars        INTEGER NOT NULL DEFAULT 0,         -- characters of `text`
    detail       TEXT    NOT NULL DEFAULT '',        -- why not ok, or what was read (pages, OCR)
    extracted_at INTEGER NOT NULL DEFAULT 0,         -- Unix seconds
    PRIMARY KEY (message, position)
) STRICT;
CREATE INDEX attachment_text_extracted_at ON attachment_text (extracted_at);

-- Every message already stored with attachments is queued once.
INSERT INTO extract_queue (message, queued_at)
    SELECT DISTINCT message, CAST(strftime('%s', 'now') AS INTEGER) FROM attachments;
