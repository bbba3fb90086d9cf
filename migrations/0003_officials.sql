-- 0003: the officials directory (RNE imports, the office's address book, learned addresses) and
-- the per-message sender match, with how it was decided.

-- A person holding or having held an elected office. Identity across RNE files and releases:
-- folded surname, folded first name and birth date.
CREATE TABLE officials (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    nom          TEXT    NOT NULL DEFAULT '',        -- surname as published
    prenom       TEXT    NOT NULL DEFAULT '',        -- first name as published
    sexe         TEXT    NOT NULL DEFAULT '',        -- M | F | ''
    birth_date   TEXT    NOT NULL DEFAULT '',        -- YYYY-MM-DD
    nom_key      TEXT    NOT NULL DEFAULT '',        -- folded surname (lower case, no accents, spaces for - and ')
    prenom_key   TEXT    NOT NULL DEFAULT '',        -- folded first name
    identity     TEXT    NOT NULL UNIQUE,            -- nom_key/prenom_key/birth_date
    profession   TEXT    NOT NULL DEFAULT ''         -- socio-professional category label
) STRICT;
CREATE INDEX officials_names ON officials (nom_key, prenom_key);

-- A mandate (and function) of an official, from one RNE file kind.
CREATE TABLE mandates (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    official       INTEGER NOT NULL REFERENCES officials(id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL DEFAULT '',      -- mai | cm | cd | cr | ca | sen | dep | epci | rpe | afe | cons | ma
    territory      TEXT    NOT NULL DEFAULT '',      -- INSEE commune, canton, circonscription, région… code
    territory_name TEXT    NOT NULL DEFAULT '',      -- its label as published
    departement    TEXT    NOT NULL DEFAULT '',      -- département code (2 or 3 chars), '' when none
    fonction       TEXT    NOT NULL DEFAULT '',      -- function label ('Maire', '1er adjoint au maire', …), '' for a plain member
    start_date     TEXT    NOT NULL DEFAULT '',      -- start of the mandate, YYYY-MM-DD
    function_start TEXT    NOT NULL DEFAULT '',      -- start of the function, YYYY-MM-DD
    end_date       TEXT    NOT NULL DEFAULT '',      -- '' while current; set when a newer file no longer lists it
    last_import    INTEGER NOT NULL DEFAULT 0,       -- official_imports.id that last listed it
    UNIQUE (official, kind, territory)
) STRICT;
CREATE INDEX mandates_territory ON mandates (territory, kind);

-- Every `officials import` run.
CREATE TABLE official_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    file        TEXT    NOT NULL DEFAULT '',         -- path as given
    kind        TEXT    NOT NULL DEFAULT '',         -- detected file kind
    imported_at INTEGER NOT NULL DEFAULT 0,          -- Unix seconds
    rows        INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,          -- new mandates
    updated     INTEGER NOT NULL DEFAULT 0,          -- mandates whose function or dates changed
    ended       INTEGER NOT NULL DEFAULT 0,          -- mandates no longer listed (end date set)
    rejected    INTEGER NOT NULL DEFAULT 0           -- rows refused (see the import summary)
) STRICT;

-- The office's address book: people and organisations, linked to an official when it is the
-- same person.
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    nom          TEXT    NOT NULL DEFAULT '',
    prenom       TEXT    NOT NULL DEFAULT '',
    organisation TEXT    NOT NULL DEFAULT '',
    fonction     TEXT    NOT NULL DEFAULT '',
    commune      TEXT    NOT NULL DEFAULT '',        -- INSEE code when known
    official     INTEGER REFERENCES officials(id) ON DELETE SET NULL,
    source       TEXT    NOT NULL DEFAULT '',        -- file it was imported from
    identity     TEXT    NOT NULL UNIQUE             -- folded name + first address, for idempotent re-import
) STRICT;

-- Addresses known to belong to an official or a contact.
CREATE TABLE known_addresses (
    address    TEXT    NOT NULL PRIMARY KEY,         -- lower case
    official   INTEGER REFERENCES officials(id) ON DELETE CASCADE,
    contact    INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    source     TEXT    NOT NULL DEFAULT 'contact',   -- contact | learned
    learned_at INTEGER NOT NULL DEFAULT 0            -- Unix seconds
) STRICT;

-- The sender match of each message.
CREATE TABLE message_officials (
    message    INTEGER NOT NULL PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    official   INTEGER REFERENCES officials(id) ON DELETE SET NULL, -- NULL: nobody known, or ambiguous
    contact    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,  -- address-book contact, if any
    confidence REAL    NOT NULL DEFAULT 0,           -- 0..1
    method     TEXT    NOT NULL DEFAULT 'none',      -- address | signature | town_hall_domain | town_hall_generic | name | staff | ambiguous | none
    reason     TEXT    NOT NULL DEFAULT '',          -- human explanation
    candidates TEXT    NOT NULL DEFAULT '[]',        -- JSON array of official ids when ambiguous
    unverified INTEGER NOT NULL DEFAULT 0,           -- 1: Authentication-Results says DMARC/DKIM/SPF failed
    rejected   TEXT    NOT NULL DEFAULT '[]'         -- JSON array of official ids staff said it is not
) STRICT;
CREATE INDEX message_officials_official ON message_officials (official);

-- Messages whose index document is out of date (a staff correction, a re-match): the process
-- holding the index writer re-indexes them and empties this queue.
CREATE TABLE index_dirty (
    message INTEGER NOT NULL PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE
) STRICT;
