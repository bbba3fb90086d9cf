-- 0012: the staff web interface: users (argon2id hashes), their sessions, and an audit log of
-- what is not a case action (logins, failed logins, refused CSRF tokens, user management,
-- triage marks).
CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE DEFAULT '',   -- login name, as written to case histories
    role        TEXT    NOT NULL DEFAULT 'reader'
                CHECK (role IN ('admin', 'staff', 'reader')),
    password    TEXT    NOT NULL DEFAULT '',          -- PHC string, argon2id ('' never verifies)
    created_at  INTEGER NOT NULL DEFAULT 0,           -- Unix seconds
    changed_at  INTEGER NOT NULL DEFAULT 0            -- last password change, Unix seconds
) STRICT;

-- A logged-in browser. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash  TEXT    NOT NULL PRIMARY KEY DEFAULT '', -- hex SHA-256 of the cookie's token
    user        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf        TEXT    NOT NULL DEFAULT '',          -- token every POST form must carry
    created_at  INTEGER NOT NULL DEFAULT 0,           -- login, Unix seconds (max_hours)
    seen_at     INTEGER NOT NULL DEFAULT 0,           -- last request (idle_minutes)
    address     TEXT    NOT NULL DEFAULT ''           -- client address at login
) STRICT;
CREATE INDEX sessions_user ON sessions (user);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL DEFAULT 0,               -- Unix seconds
    who     TEXT    NOT NULL DEFAULT '',              -- user name ('' when unknown)
    action  TEXT    NOT NULL DEFAULT '',              -- login | login-failed | logout | csrf-refused | user-add | user-passwd | user-role | user-remove | triage-seen
    target  TEXT    NOT NULL DEFAULT '',              -- client address, user name, path or mark
    detail  TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
