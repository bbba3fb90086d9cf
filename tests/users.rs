//! `permanence user …`: the web interface's accounts from the command line. Passwords go in as
//! one line on stdin (how scripts and these tests give them); listing shows names and roles but
//! never a hash, and failures exit 1 with a message that says what was wrong.

use std::process::Output;

use crate::util::TestEnv;

const PW: &str = "une phrase de passe assez longue";

/// Runs `args` with `input` on stdin, without checking the exit status.
fn run_with_stdin(env: &TestEnv, args: &[&str], input: &str) -> Output {
    env.run_with_stdin(args, input.as_bytes())
}

/// Asserts that `out` failed with exit code 1 and that its stderr contains `needle`.
fn assert_fails_with(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains(needle),
        "expected {needle:?} in stderr:\n{stderr}"
    );
}

/// `user list --json`, parsed: one object per line.
fn users(env: &TestEnv) -> Vec<serde_json::Value> {
    env.ok(&["user", "list", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("each user list --json line is JSON"))
        .collect()
}

fn add(env: &TestEnv, name: &str, role: &str) -> String {
    env.ok_with_stdin(
        &["user", "add", name, "--role", role],
        format!("{PW}\n").as_bytes(),
    )
}

#[test]
fn an_added_user_is_listed_with_their_role() {
    let env = TestEnv::new();
    let out = add(&env, "alice", "admin");
    assert!(out.contains("user alice added (admin)"), "{out}");
    // The default role is staff, and a CRLF line end is accepted.
    let out = env.ok_with_stdin(&["user", "add", "bob"], format!("{PW}\r\n").as_bytes());
    assert!(out.contains("user bob added (staff)"), "{out}");

    let table = env.ok(&["user", "list"]);
    assert!(table.contains("NAME"), "{table}");
    let alice = table
        .lines()
        .find(|l| l.starts_with("alice"))
        .expect("alice listed");
    assert!(alice.contains("admin"), "{alice}");
    let bob = table
        .lines()
        .find(|l| l.starts_with("bob"))
        .expect("bob listed");
    assert!(bob.contains("staff"), "{bob}");
    assert!(!table.contains("argon2") && !table.contains(PW), "{table}");
}

#[test]
fn user_list_json_has_one_object_per_user() {
    let env = TestEnv::new();
    assert!(users(&env).is_empty());
    add(&env, "bob", "reader");
    add(&env, "alice", "staff");
    let list = users(&env);
    let names: Vec<&str> = list.iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["alice", "bob"], "sorted by name");
    assert_eq!(list[1]["role"], "reader");
    for user in &list {
        assert!(user["id"].as_i64().unwrap() > 0);
        assert!(user["created_at"].as_i64().unwrap() > 1_700_000_000);
        assert_eq!(user["created_at"], user["changed_at"]);
        assert!(user.get("password").is_none(), "the hash leaked: {user}");
    }
}

#[test]
fn adding_a_name_twice_fails_clearly() {
    let env = TestEnv::new();
    add(&env, "alice", "staff");
    let out = run_with_stdin(&env, &["user", "add", "alice", "--role", "admin"], PW);
    assert_fails_with(&out, "user alice already exists");
    let list = users(&env);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["role"], "staff", "the existing user is unchanged");
}

#[test]
fn short_passwords_and_bad_names_are_refused() {
    let env = TestEnv::new();
    let out = run_with_stdin(&env, &["user", "add", "alice"], "trop-crt\n");
    assert_fails_with(&out, "at least 10 characters");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("trop-crt"));

    let out = run_with_stdin(&env, &["user", "add", "alice"], "");
    assert_fails_with(&out, "no password on stdin");

    let out = run_with_stdin(&env, &["user", "add", "jean dupont"], PW);
    assert_fails_with(&out, "user name");

    // Unknown role: a usage error (exit 2) from clap.
    let out = run_with_stdin(&env, &["user", "add", "alice", "--role", "root"], PW);
    assert_eq!(out.status.code(), Some(2));

    assert!(users(&env).is_empty());
}

#[test]
fn passwd_sets_a_new_password_for_existing_users_only() {
    let env = TestEnv::new();
    add(&env, "alice", "staff");
    let out = env.ok_with_stdin(
        &["user", "passwd", "alice"],
        b"un tout autre mot de passe\n",
    );
    assert!(out.contains("password of alice changed"), "{out}");

    let out = run_with_stdin(&env, &["user", "passwd", "alice"], "court\n");
    assert_fails_with(&out, "at least 10 characters");

    let out = run_with_stdin(&env, &["user", "passwd", "nobody"], PW);
    assert_fails_with(&out, "no user named nobody");

    let list = users(&env);
    assert_eq!(list.len(), 1);
    assert!(list[0]["changed_at"].as_i64().unwrap() >= list[0]["created_at"].as_i64().unwrap());
}

#[test]
fn role_changes_the_role() {
    let env = TestEnv::new();
    add(&env, "alice", "staff");
    let out = env.ok(&["user", "role", "alice", "reader"]);
    assert!(out.contains("user alice is now reader"), "{out}");
    assert_eq!(users(&env)[0]["role"], "reader");

    let out = env.run(&["user", "role", "nobody", "admin"]);
    assert_fails_with(&out, "no user named nobody");
    assert_eq!(
        env.run(&["user", "role", "alice", "boss"]).status.code(),
        Some(2)
    );
}

#[test]
fn remove_removes_the_user() {
    let env = TestEnv::new();
    add(&env, "alice", "staff");
    add(&env, "bob", "staff");
    let out = env.ok(&["user", "remove", "alice"]);
    assert!(out.contains("user alice removed"), "{out}");
    let names: Vec<String> = users(&env)
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["bob"]);

    let out = env.run(&["user", "remove", "alice"]);
    assert_fails_with(&out, "no user named alice");
}
