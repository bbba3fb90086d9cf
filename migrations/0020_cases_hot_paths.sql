-- 0020: filing a message asked, of the case it joins, questions whose cost grew with the case
-- (a campaign of thousands of copies, each adding a history entry): whether staff touched it,
-- whether the pipeline settled it as history; and, of each of up to 1,200 campaign candidates,
-- who sent it. Partial indexes answer the first two in one probe; a key of the sender in the
-- band rows answers the third without reading the message (issue 18: a million-message ingest
-- slowed down as the store grew, most of its time in these lookups).
-- (`permanence` is users::PIPELINE and `history` go_live::HISTORY_ACTION; the queries that use
-- these indexes spell the same literals, tested in cases/thread.rs.)
CREATE INDEX case_history_staff ON case_history (case_id)
    WHERE who != 'permanence' AND action != 'history';
CREATE INDEX case_history_settled ON case_history (case_id) WHERE action = 'history';

-- campaign::sender_key of the sender's address (64-bit FNV-1a); NULL in rows written before
-- this migration, whose sender is then read from the message.
ALTER TABLE message_bands_dated ADD COLUMN sender INTEGER;

-- The morning queue's « new mail since staff last acted on the case »: the latest staff entry
-- of a case in one probe.
CREATE INDEX case_history_by_staff_at ON case_history (case_id, at) WHERE who != 'permanence';

-- Same-subject threading looks up the official's own cases with that subject in the window;
-- a reply's quoted header looks up the quoted sender's latest messages.
CREATE INDEX cases_official_subject ON cases (official, norm_subject, last_at);
CREATE INDEX messages_from_addr_date ON messages (from_addr, date);
DROP INDEX messages_from_addr;

-- The dashboard's and reports' « a request, not marked as not one »: one probe per case
-- instead of a scan of its history (a campaign's history holds an entry per copy).
CREATE INDEX case_history_not_a_request ON case_history (case_id) WHERE action = 'not_a_request';

-- Every foreign key's child column is indexed (tested in store.rs): deleting a message, a case
-- or a contact otherwise scans each referencing table once per deleted row — erasing a
-- correspondent's 2,000 messages from 200,000 took minutes, mostly in `dup_of` and
-- `message_refs` scans.
CREATE INDEX messages_dup_of ON messages (dup_of) WHERE dup_of IS NOT NULL;
CREATE INDEX message_refs_message ON message_refs (message);
CREATE INDEX ingest_problems_message ON ingest_problems (message) WHERE message IS NOT NULL;
CREATE INDEX ingest_problems_run ON ingest_problems (run);
CREATE INDEX known_addresses_contact ON known_addresses (contact) WHERE contact IS NOT NULL;
CREATE INDEX message_officials_contact ON message_officials (contact) WHERE contact IS NOT NULL;
CREATE INDEX cases_merged_into ON cases (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX theme_feedback_case ON theme_feedback (case_id);
