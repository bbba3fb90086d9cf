-- 0014: staff take a sender out of a campaign (`case detach`, the case page): the pipeline never
-- files that sender's mail into that campaign again.
CREATE TABLE campaign_exclusions (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, -- the campaign
    address TEXT    NOT NULL DEFAULT '',                             -- the sender, lower case
    who     TEXT    NOT NULL DEFAULT '',                             -- the staff member
    at      INTEGER NOT NULL DEFAULT 0,                              -- Unix seconds
    PRIMARY KEY (case_id, address)
) STRICT;
