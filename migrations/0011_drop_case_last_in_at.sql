-- 0011: `cases.last_in_at` is no longer read (triage finds new mail by message id, see 0007):
-- drop it rather than keep maintaining a value nobody uses.
ALTER TABLE cases DROP COLUMN last_in_at;
