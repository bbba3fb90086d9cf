-- 0008: the cases stage looks things up within a time window (subject threading: 60 days,
-- campaigns: 30 days). Index by date inside the key so a busy subject or a common paragraph
-- costs what falls in the window, not the whole history.
CREATE INDEX cases_subject_window ON cases (norm_subject, last_at);
DROP INDEX cases_norm_subject;

CREATE TABLE message_bands_dated (
    band    INTEGER NOT NULL,
    date    INTEGER NOT NULL,
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (band, date, message)
) STRICT, WITHOUT ROWID;
INSERT INTO message_bands_dated (band, date, message)
    SELECT b.band, h.date, b.message FROM message_bands b JOIN message_minhash h ON h.message = b.message;
DROP TABLE message_bands;
CREATE INDEX message_bands_dated_message ON message_bands_dated (message);
