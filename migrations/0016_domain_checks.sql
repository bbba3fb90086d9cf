-- 0016: the columns whose values the program reads into enums get the CHECK constraints the
-- first migrations left out (issue 16). SQLite cannot add a CHECK to an existing table without
-- rebuilding it (and `messages`, `cases` are referenced by most tables), so each constraint is a
-- pair of triggers that refuse an insert or update with a value outside the domain, exactly as
-- a CHECK would (ABORT: the statement fails, the transaction stays open for the caller to roll
-- back). The domains are those of the Rust enums:
-- - cases.priority: `cases::Priority` levels 0 (urgent) to 3 (low);
-- - message_officials.method: `officials::Method` as stored (`name` from before issue 15 stays
--   valid for old rows);
-- - known_addresses.source: `contact` (address book) or `learned` (staff confirmation).
-- messages.kind/state, cases.kind/state, message_cases.method, case_themes.source and
-- users.role have had their CHECK since they were created (0001, 0006, 0012).
CREATE TRIGGER IF NOT EXISTS cases_priority_insert BEFORE INSERT ON cases
WHEN NEW.priority NOT BETWEEN 0 AND 3
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: cases.priority'); END;
CREATE TRIGGER IF NOT EXISTS cases_priority_update BEFORE UPDATE OF priority ON cases
WHEN NEW.priority NOT BETWEEN 0 AND 3
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: cases.priority'); END;

CREATE TRIGGER IF NOT EXISTS message_officials_insert BEFORE INSERT ON message_officials
WHEN NEW.method NOT IN ('none', 'possible', 'address', 'signature', 'town_hall_domain',
                        'town_hall_generic', 'ambiguous', 'staff', 'name')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: message_officials.method'); END;
CREATE TRIGGER IF NOT EXISTS message_officials_update BEFORE UPDATE OF method ON message_officials
WHEN NEW.method NOT IN ('none', 'possible', 'address', 'signature', 'town_hall_domain',
                        'town_hall_generic', 'ambiguous', 'staff', 'name')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: message_officials.method'); END;

CREATE TRIGGER IF NOT EXISTS known_addresses_source_insert BEFORE INSERT ON known_addresses
WHEN NEW.source NOT IN ('contact', 'learned')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: known_addresses.source'); END;
CREATE TRIGGER IF NOT EXISTS known_addresses_source_update BEFORE UPDATE OF source ON known_addresses
WHEN NEW.source NOT IN ('contact', 'learned')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: known_addresses.source'); END;
