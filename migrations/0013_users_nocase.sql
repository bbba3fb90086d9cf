-- 0013: user names are unique without regard to case: `alice`, `Alice` and `ALICE` are one
-- account (names are ASCII, so NOCASE folds them all). A database made before this may hold
-- such look-alikes: the oldest keeps its name, the others get `-<id>` appended (their sessions
-- and history entries stay theirs; an administrator can remove them).
UPDATE users SET name = name || '-' || id
WHERE id NOT IN (SELECT min(id) FROM users GROUP BY lower(name));
CREATE UNIQUE INDEX users_name_nocase ON users (name COLLATE NOCASE);
