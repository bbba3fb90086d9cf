//! The user accounts of the staff web interface, and its audit log. Each account has a login
//! name, a role (admin, staff, reader) and an argon2id password hash (PHC string, default
//! parameters, a fresh random salt per hash); the command line (`permanence user …`) manages the
//! accounts, and every change writes an `audit_log` row in the same transaction as the change.
//! Logging in compares against a dummy hash when the name is unknown, so the time a failed login
//! takes does not tell which names exist.

use std::sync::LazyLock;

use anyhow::{Context as _, Result, anyhow, bail};
use argon2::{Argon2, PasswordHasher as _, PasswordVerifier as _};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::Serialize;

pub mod session;

/// The name the pipeline signs case histories with: no user may take it.
pub const PIPELINE: &str = "permanence";

/// Longest login name, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Shortest accepted password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest accepted password, in characters (hashing cost grows with it: a bound stops a
/// megabyte "password" posted to the login form from costing much).
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// What a user may do in the web interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, user management included.
    Admin,
    /// Reads mail and works on cases.
    Staff,
    /// Reads only.
    Reader,
}

impl Role {
    /// The name stored in the database and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Reader => "reader",
        }
    }

    /// The role named `s` (`admin`, `staff`, `reader`; exact spelling), if any.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "staff" => Some(Role::Staff),
            "reader" => Some(Role::Reader),
            _ => None,
        }
    }

    /// Whether the role may change cases (admin, staff).
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }

    /// Whether the role may manage users.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }

    /// The French label shown in the web interface.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "administrateur",
            Role::Staff => "collaborateur",
            Role::Reader => "lecture seule",
        }
    }
}

/// A user account (without its password hash, which never leaves this module).
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Row id (`sessions.user` refers to it).
    pub id: i64,
    /// Login name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Creation time, Unix seconds.
    pub created_at: i64,
    /// Last password change, Unix seconds.
    pub changed_at: i64,
}

/// One audit-log row.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    /// When, RFC 3339 (UTC).
    pub at: String,
    /// Who did it (a web user's name, or the OS user for the command line; empty when unknown).
    pub who: String,
    /// What: `login`, `login-failed`, `logout`, `user-add`, `user-passwd`, `user-role`,
    /// `user-remove`, …
    pub action: String,
    /// On what (a user name, a case, …).
    pub target: String,
    /// Free text: the new role, how many sessions ended, …
    pub detail: String,
}

/// Hashes `pw` with argon2id (default parameters, random 16-byte salt) into a PHC string
/// (`$argon2id$v=19$m=…`). Takes tens of milliseconds by design. Fails only when the system's
/// random number generator does.
pub fn hash_password(pw: &str) -> Result<String> {
    let hash = Argon2::default()
        .hash_password(pw.as_bytes())
        .map_err(|err| anyhow!("cannot hash the password: {err}"))?;
    Ok(hash.to_string())
}

/// A password checked against the length rules and hashed, ready to store. Hashing (argon2,
/// deliberately slow) happens here, before any transaction or lock is taken.
pub struct NewPassword(String);

impl NewPassword {
    /// Validates `pw` ([`validate_password`]) and hashes it.
    pub fn hash(pw: &str) -> Result<NewPassword> {
        validate_password(pw)?;
        Ok(NewPassword(hash_password(pw)?))
    }
}

/// Whether `pw` matches the PHC string `hash`. The parameters come from the hash, so hashes made
/// with older parameters keep working. A malformed hash matches nothing.
pub fn verify_password(hash: &str, pw: &str) -> bool {
    Argon2::default()
        .verify_password(pw.as_bytes(), hash)
        .is_ok()
}

/// Checks a login name: 1 to 64 ASCII letters, digits, `.`, `_` or `-`. ASCII only, so that two
/// names cannot look alike or differ only by Unicode normalization.
pub fn validate_name(name: &str) -> Result<()> {
    if name.is_empty() {
        bail!("the user name is empty");
    }
    if name.len() > MAX_NAME_CHARS {
        bail!("the user name is longer than {MAX_NAME_CHARS} characters");
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        bail!(
            "the user name {name:?} contains {c:?}: use letters (a-z, A-Z), digits, '.', '_' or '-'"
        );
    }
    if name.eq_ignore_ascii_case(PIPELINE) {
        bail!("{name:?} is reserved: it names the pipeline's own actions in case histories");
    }
    Ok(())
}

/// Fails when `user` is the only administrator left: someone must still be able to manage the
/// accounts.
fn keep_an_admin(tx: &Transaction<'_>, user: &User, what: &str) -> Result<()> {
    if user.role == Role::Admin {
        let admins: i64 =
            tx.query_row("SELECT count(*) FROM users WHERE role = 'admin'", [], |r| {
                r.get(0)
            })?;
        if admins <= 1 {
            bail!(
                "{} is the only administrator: {what} another one first",
                user.name
            );
        }
    }
    Ok(())
}

/// Checks a new password's length: 10 to 1024 characters. Never puts the password in the error.
pub fn validate_password(pw: &str) -> Result<()> {
    let chars = pw.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        bail!("the password is too short: at least {MIN_PASSWORD_CHARS} characters");
    }
    if chars > MAX_PASSWORD_CHARS {
        bail!("the password is too long: at most {MAX_PASSWORD_CHARS} characters");
    }
    Ok(())
}

const USER_COLUMNS: &str = "id, name, role, created_at, changed_at";

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        // The table's CHECK constraint keeps other values out.
        role: Role::parse(&role).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                2,
                rusqlite::types::Type::Text,
                format!("unknown role {role:?}").into(),
            )
        })?,
        created_at: r.get(3)?,
        changed_at: r.get(4)?,
    })
}

/// Creates the user `name` with `role` and `password`, and audits it as done `by`. Fails, and
/// changes nothing, when the name or password is invalid or the name is taken. Visible to other
/// connections once `tx` commits.
pub fn add(
    tx: &Transaction<'_>,
    name: &str,
    role: Role,
    password: &NewPassword,
    by: &str,
) -> Result<User> {
    validate_name(name)?;
    if get(tx, name)?.is_some() {
        bail!("user {name} already exists (use `user passwd` or `user role` to change it)");
    }
    let hash = &password.0;
    let now = crate::store::now();
    tx.execute(
        "INSERT INTO users (name, role, password, created_at, changed_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, role.as_str(), hash, now],
    )
    .with_context(|| format!("cannot add user {name}"))?;
    let user = User {
        id: tx.last_insert_rowid(),
        name: name.to_string(),
        role,
        created_at: now,
        changed_at: now,
    };
    audit(tx, by, "user-add", name, role.as_str())?;
    tracing::info!(user = name, role = role.as_str(), by, "user added");
    Ok(user)
}

/// Replaces the password of `name`, ends every session of that user (a password change logs
/// every browser out), and audits it as done `by`. Fails when the user does not exist or the
/// password is invalid.
pub fn set_password(
    tx: &Transaction<'_>,
    name: &str,
    password: &NewPassword,
    by: &str,
) -> Result<()> {
    let user = require(tx, name)?;
    let hash = &password.0;
    tx.execute(
        "UPDATE users SET password = ?1, changed_at = ?2 WHERE id = ?3",
        params![hash, crate::store::now(), user.id],
    )
    .with_context(|| format!("cannot change the password of {name}"))?;
    let ended = tx
        .execute("DELETE FROM sessions WHERE user = ?1", [user.id])
        .with_context(|| format!("cannot end the sessions of {name}"))?;
    audit(
        tx,
        by,
        "user-passwd",
        name,
        &format!("{ended} sessions ended"),
    )?;
    tracing::info!(user = name, by, sessions_ended = ended, "password changed");
    Ok(())
}

/// Gives `name` the role `role` and audits it as done `by` (detail `old -> new`). Open sessions
/// stay: the web interface reads the role on every request.
pub fn set_role(tx: &Transaction<'_>, name: &str, role: Role, by: &str) -> Result<()> {
    let user = require(tx, name)?;
    if role != Role::Admin {
        keep_an_admin(tx, &user, "make")?;
    }
    tx.execute(
        "UPDATE users SET role = ?1 WHERE id = ?2",
        params![role.as_str(), user.id],
    )
    .with_context(|| format!("cannot change the role of {name}"))?;
    audit(
        tx,
        by,
        "user-role",
        name,
        &format!("{} -> {}", user.role.as_str(), role.as_str()),
    )?;
    tracing::info!(
        user = name,
        from = user.role.as_str(),
        to = role.as_str(),
        by,
        "role changed"
    );
    Ok(())
}

/// Deletes the user `name` (their sessions go with them: `ON DELETE CASCADE`) and audits it as
/// done `by`. Audit rows naming them stay. Fails when the user does not exist.
pub fn remove(tx: &Transaction<'_>, name: &str, by: &str) -> Result<()> {
    let user = require(tx, name)?;
    keep_an_admin(tx, &user, "make")?;
    tx.execute("DELETE FROM users WHERE id = ?1", [user.id])
        .with_context(|| format!("cannot remove user {name}"))?;
    // Their cases are no one's now (a later user of the same name must not inherit them).
    let at = crate::store::now();
    let cases: Vec<i64> = tx
        .prepare("SELECT id FROM cases WHERE assignee = ?1 COLLATE NOCASE")?
        .query_map([&user.name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for case in &cases {
        tx.execute("UPDATE cases SET assignee = '' WHERE id = ?1", [case])?;
        tx.execute(
            "INSERT INTO case_history (case_id, at, who, action, before, after) VALUES (?1, ?2, ?3, 'assign', ?4, '')",
            params![case, at, by, user.name],
        )?;
    }
    audit(tx, by, "user-remove", name, user.role.as_str())?;
    tracing::info!(user = name, by, unassigned = cases.len(), "user removed");
    Ok(())
}

/// Every user, by name.
pub fn list(conn: &Connection) -> Result<Vec<User>> {
    conn.prepare(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"))?
        .query_map([], user_from_row)?
        .collect::<rusqlite::Result<_>>()
        .context("cannot list users")
}

/// The user named `name`, if any. Names are unique without regard to case (`Alice` is
/// `alice`); the stored spelling is returned.
pub fn get(conn: &Connection, name: &str) -> Result<Option<User>> {
    conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE name = ?1 COLLATE NOCASE"
    ))?
    .query_row([name], user_from_row)
    .optional()
    .with_context(|| format!("cannot read user {name}"))
}

/// The user with row id `id`, if any (what a session points to).
pub fn by_id(conn: &Connection, id: i64) -> Result<Option<User>> {
    conn.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))?
        .query_row([id], user_from_row)
        .optional()
        .with_context(|| format!("cannot read user #{id}"))
}

/// The user named `name`, or an error saying there is none.
fn require(conn: &Connection, name: &str) -> Result<User> {
    get(conn, name)?.with_context(|| format!("no user named {name}"))
}

/// How many users exist.
pub fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .context("cannot count users")
}

/// A hash of a fixed password, made with the same parameters as real ones: logging in as an
/// unknown name verifies against it, so it costs as much as a wrong password for a real name.
/// The salt is fixed (this hash protects nothing), so building it cannot fail on the RNG.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    Argon2::default()
        .hash_password_with_salt(b"permanence: no such user", b"permanence-dummy-salt")
        .map(|h| h.to_string())
        .map_err(|err| tracing::error!(error = %err, "cannot build the dummy password hash"))
        .ok()
});

/// The user `name` when `password` is theirs, else `None` (unknown name and wrong password look
/// the same, and take the same time: one argon2 verification either way). Writes nothing: the
/// caller audits the attempt.
pub fn authenticate(conn: &Connection, name: &str, password: &str) -> Result<Option<User>> {
    Ok(check(credentials(conn, name)?, password))
}

/// The user named `name` and their password hash, read so that the (slow) check can run
/// without holding the database: see [`check`].
pub fn credentials(conn: &Connection, name: &str) -> Result<Option<(User, String)>> {
    conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS}, password FROM users WHERE name = ?1 COLLATE NOCASE"
    ))?
    .query_row([name], |r| Ok((user_from_row(r)?, r.get(5)?)))
    .optional()
    .context("cannot read user")
}

/// Checks `password` against what [`credentials`] found. An unknown name costs one
/// verification too (against a dummy hash), so the time taken does not tell which names exist;
/// a password longer than any valid one is refused without hashing it.
pub fn check(found: Option<(User, String)>, password: &str) -> Option<User> {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return None;
    }
    match found {
        Some((user, hash)) => verify_password(&hash, password).then_some(user),
        None => {
            if let Some(dummy) = DUMMY_HASH.as_deref() {
                let _ = verify_password(dummy, password);
            }
            None
        }
    }
}

/// An audit-log action as the administration page says it.
pub fn audit_french(action: &str) -> &str {
    match action {
        "login" => "connexion",
        "login-failed" => "échec de connexion",
        "logout" => "déconnexion",
        "user-add" => "utilisateur ajouté",
        "user-remove" => "utilisateur supprimé",
        "user-passwd" => "mot de passe changé",
        "user-role" => "rôle changé",
        "csrf-refused" => "formulaire refusé (jeton de sécurité)",
        "triage-seen" => "tri marqué comme vu",
        "person-export" => "export des données d'une personne",
        other => other,
    }
}

/// Appends an audit-log row at the current time. Pass the transaction making the change (it
/// derefs to a `Connection`) so the row commits, or not, with it.
pub fn audit(conn: &Connection, who: &str, action: &str, target: &str, detail: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, who, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![crate::store::now(), who, action, target, detail])
    .with_context(|| format!("cannot write the audit log ({action})"))?;
    Ok(())
}

/// The `limit` most recent audit-log rows, newest first.
pub fn audit_list(conn: &Connection, limit: usize) -> Result<Vec<AuditEntry>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    conn.prepare(
        "SELECT at, who, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?1",
    )?
    .query_map([limit], |r| {
        Ok(AuditEntry {
            at: crate::util::rfc3339(r.get(0)?, 0),
            who: r.get(1)?,
            action: r.get(2)?,
            target: r.get(3)?,
            detail: r.get(4)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()
    .context("cannot read the audit log")
}

#[cfg(test)]
mod admin_tests {
    use super::*;

    fn pw(plain: &str) -> NewPassword {
        NewPassword::hash(plain).unwrap()
    }

    #[test]
    fn the_last_admin_cannot_be_removed_or_demoted_and_permanence_is_reserved() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::Store::open(&dir.path().join("db")).unwrap();
        store
            .transaction(|tx| add(tx, "anne", Role::Admin, &pw("motdepasse-1234"), "t").map(|_| ()))
            .unwrap();
        let err = store.transaction(|tx| remove(tx, "anne", "t")).unwrap_err();
        assert!(format!("{err:#}").contains("only administrator"), "{err:#}");
        let err = store
            .transaction(|tx| set_role(tx, "anne", Role::Staff, "t"))
            .unwrap_err();
        assert!(format!("{err:#}").contains("only administrator"), "{err:#}");
        store
            .transaction(|tx| add(tx, "bea", Role::Admin, &pw("motdepasse-1234"), "t").map(|_| ()))
            .unwrap();
        store
            .transaction(|tx| set_role(tx, "anne", Role::Staff, "t"))
            .unwrap();
        assert!(validate_name("permanence").is_err());
        assert!(validate_name("Permanence").is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(plain: &str) -> NewPassword {
        NewPassword::hash(plain).unwrap()
    }
    use crate::store::Store;

    const PW: &str = "correct horse battery";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        (dir, store)
    }

    fn add_alice(store: &mut Store) -> User {
        store
            .transaction(|tx| add(tx, "alice", Role::Staff, &pw(PW), "root"))
            .unwrap()
    }

    fn sessions_of(store: &Store, id: i64) -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM sessions WHERE user = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    }

    fn insert_session(store: &Store, token: &str, user: i64) {
        store
            .conn()
            .execute(
                "INSERT INTO sessions (token_hash, user, csrf) VALUES (?1, ?2, 'csrf')",
                params![token, user],
            )
            .unwrap();
    }

    #[test]
    fn hash_roundtrips_and_rejects_a_wrong_password() {
        let hash = hash_password(PW).unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains(PW));
        assert!(verify_password(&hash, PW));
        assert!(!verify_password(&hash, "correct horse battery!"));
        assert!(!verify_password("not a phc string", PW));
        // A fresh salt each time.
        assert_ne!(hash, hash_password(PW).unwrap());
    }

    #[test]
    fn roles_roundtrip_and_rank() {
        for role in [Role::Admin, Role::Staff, Role::Reader] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Admin"), None);
        assert!(Role::Staff.can_edit() && !Role::Reader.can_edit());
        assert!(Role::Admin.is_admin() && !Role::Staff.is_admin());
        assert_eq!(Role::Reader.label(), "lecture seule");
        assert_eq!(serde_json::to_string(&Role::Admin).unwrap(), "\"admin\"");
    }

    #[test]
    fn adding_a_taken_name_fails_and_changes_nothing() {
        let (_dir, mut store) = store();
        let alice = add_alice(&mut store);
        assert_eq!(alice.role, Role::Staff);
        let err = store
            .transaction(|tx| add(tx, "alice", Role::Admin, &pw(PW), "root"))
            .unwrap_err();
        assert!(format!("{err:#}").contains("already exists"), "{err:#}");
        assert_eq!(count(store.conn()).unwrap(), 1);
        assert_eq!(
            get(store.conn(), "alice").unwrap().unwrap().role,
            Role::Staff
        );
        assert_eq!(
            by_id(store.conn(), alice.id).unwrap().unwrap().name,
            "alice"
        );
    }

    #[test]
    fn authenticate_accepts_only_the_right_password_of_a_known_name() {
        let (_dir, mut store) = store();
        let alice = add_alice(&mut store);
        let ok = authenticate(store.conn(), "alice", PW).unwrap().unwrap();
        assert_eq!(ok.id, alice.id);
        assert!(
            authenticate(store.conn(), "alice", "wrong password")
                .unwrap()
                .is_none()
        );
        assert!(authenticate(store.conn(), "bob", PW).unwrap().is_none());
        // Names are one account without regard to case (issue 13): Alice is alice.
        let same = authenticate(store.conn(), "ALICE", PW).unwrap().unwrap();
        assert_eq!((same.id, same.name.as_str()), (alice.id, "alice"));
    }

    #[test]
    fn names_differing_only_in_case_are_one_account() {
        let (_dir, mut store) = store();
        add_alice(&mut store);
        let err = store
            .transaction(|tx| add(tx, "Alice", Role::Admin, &pw(PW), "test"))
            .unwrap_err();
        assert!(format!("{err:#}").contains("already exists"), "{err:#}");
        // The unique index holds even if the check were bypassed.
        assert!(
            store
                .conn()
                .execute(
                    "INSERT INTO users (name, role, password) VALUES ('ALICE', 'admin', '')",
                    []
                )
                .is_err()
        );
    }

    #[test]
    fn set_password_changes_it_and_ends_every_session() {
        let (_dir, mut store) = store();
        let alice = add_alice(&mut store);
        insert_session(&store, "t1", alice.id);
        insert_session(&store, "t2", alice.id);
        let new = "another long passphrase";
        store
            .transaction(|tx| set_password(tx, "alice", &pw(new), "root"))
            .unwrap();
        assert_eq!(sessions_of(&store, alice.id), 0);
        assert!(authenticate(store.conn(), "alice", PW).unwrap().is_none());
        assert!(authenticate(store.conn(), "alice", new).unwrap().is_some());
        let last = &audit_list(store.conn(), 1).unwrap()[0];
        assert_eq!(
            (
                last.who.as_str(),
                last.action.as_str(),
                last.target.as_str()
            ),
            ("root", "user-passwd", "alice")
        );
        assert_eq!(last.detail, "2 sessions ended");
        assert!(
            store
                .transaction(|tx| set_password(tx, "nobody", &pw(new), "root"))
                .is_err()
        );
    }

    #[test]
    fn remove_deletes_the_user_and_their_sessions() {
        let (_dir, mut store) = store();
        let alice = add_alice(&mut store);
        insert_session(&store, "t1", alice.id);
        store.transaction(|tx| remove(tx, "alice", "root")).unwrap();
        assert!(get(store.conn(), "alice").unwrap().is_none());
        assert_eq!(sessions_of(&store, alice.id), 0);
        assert_eq!(count(store.conn()).unwrap(), 0);
        let err = store
            .transaction(|tx| remove(tx, "alice", "root"))
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("no user named alice"),
            "{err:#}"
        );
    }

    #[test]
    fn set_role_changes_the_role_and_audits_it() {
        let (_dir, mut store) = store();
        add_alice(&mut store);
        store
            .transaction(|tx| set_role(tx, "alice", Role::Reader, "root"))
            .unwrap();
        assert_eq!(
            get(store.conn(), "alice").unwrap().unwrap().role,
            Role::Reader
        );
        let log = audit_list(store.conn(), 10).unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["user-role", "user-add"], "newest first");
        assert_eq!(log[0].detail, "staff -> reader");
        assert!(log[0].at.ends_with("+00:00"), "{}", log[0].at);
    }

    #[test]
    fn validation_rejects_short_passwords_and_bad_names() {
        assert!(validate_password("short").is_err());
        assert!(validate_password("123456789").is_err());
        assert!(validate_password("1234567890").is_ok());
        assert!(validate_password(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
        for bad in [
            "",
            "two words",
            "tab\there",
            "élodie",
            "a/b",
            &"a".repeat(65),
        ] {
            assert!(validate_name(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["alice", "j.dupont", "marie-claire_2", &"a".repeat(64)] {
            assert!(validate_name(good).is_ok(), "{good:?} refused");
        }
        let (_dir, store) = store();
        let err = NewPassword::hash("pw-Zq8").err().expect("too short");
        assert!(
            !format!("{err:#}").contains("pw-Zq8"),
            "the password leaked: {err:#}"
        );
        assert_eq!(count(store.conn()).unwrap(), 0);
    }
}
