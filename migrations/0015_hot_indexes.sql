-- 0015: indexes for the queries pages run on every view (issue 16). Before, each was a full
-- scan (EXPLAIN QUERY PLAN « SCAN known_addresses », « SCAN contacts », « SCAN cases » +
-- « USE TEMP B-TREE FOR ORDER BY »); after, « SEARCH … USING INDEX » and no temporary sort:
-- - an official's page: their known addresses, and the address-book contacts that are them;
-- - the case lists (open cases of an official, the triage, `case list`) ordered by last mail.
CREATE INDEX IF NOT EXISTS known_addresses_official ON known_addresses (official);
CREATE INDEX IF NOT EXISTS contacts_official ON contacts (official);
CREATE INDEX IF NOT EXISTS cases_last_at ON cases (last_at);
