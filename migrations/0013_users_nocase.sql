-- 0013: user names are unique without regard to case: `alice`, `Alice` and `ALICE` are one
-- account (names are ASCII, so NOCASE folds them all). A database made before this may hold
-- such look-alikes: the oldest keeps its name, each other one becomes `<name>-doublon-<id>`
-- (a name no one can have chosen: '-doublon-' plus the row id), and the cases assigned to it
-- (by its exact spelling) follow it. Its sessions and history entries stay; an administrator
-- can remove or rename it.
CREATE TEMP TABLE user_renames AS
    SELECT id, name AS old, name || '-doublon-' || id AS new FROM users
    WHERE id NOT IN (SELECT min(id) FROM users GROUP BY lower(name));
UPDATE cases SET assignee = (SELECT new FROM user_renames WHERE old = cases.assignee)
WHERE assignee IN (SELECT old FROM user_renames);
UPDATE users SET name = (SELECT new FROM user_renames WHERE user_renames.id = users.id)
WHERE id IN (SELECT id FROM user_renames);
DROP TABLE user_renames;
CREATE UNIQUE INDEX users_name_nocase ON users (name COLLATE NOCASE);
