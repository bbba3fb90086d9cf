-- 0007: a triage run remembers the last message id it had seen, so "new mail since the last
-- triage" is exact even when mail arrives within the same second as the run.
ALTER TABLE triage_runs ADD COLUMN through INTEGER NOT NULL DEFAULT 0;
