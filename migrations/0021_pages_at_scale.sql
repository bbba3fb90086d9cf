-- 0021: the dashboard reads the requests of the last twelve months. Without an index on when a
-- case began it read every case (and, for « the latest request », every case again); at
-- 180,000 messages its queries took a second, growing with the whole mailbox rather than
-- with the year shown (issue 18). The reports' queries spell `merged_into IS NULL`, the
-- condition of this partial index.
CREATE INDEX cases_live_first_at ON cases (first_at) WHERE merged_into IS NULL;
