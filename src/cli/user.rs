//! The `user` command: the accounts of the web interface (add, passwd, remove, role, list).
//! Whoever can run it on the server manages the accounts; each change is written to the audit
//! log under the OS user's name. Passwords come from a terminal prompt (asked twice) or, for
//! scripts, as one line on stdin; they are never printed or logged.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};

use crate::context::Context;
use crate::users::{self, Role};

/// Manage the web interface's users (argon2id passwords; roles admin, staff, reader).
#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user. The password is asked twice on a terminal, else read as one line from stdin.
    Add {
        /// Login name: letters, digits, '.', '_' or '-' (at most 64).
        name: String,
        /// admin (everything, user management included), staff (works on cases) or reader
        /// (reads only).
        #[arg(long, default_value = "staff", value_parser = ["admin", "staff", "reader"])]
        role: String,
    },
    /// Change a user's password (asked twice on a terminal, else one line from stdin); every
    /// browser session of that user is logged out.
    Passwd {
        /// Login name.
        name: String,
    },
    /// Remove a user and their sessions.
    Remove {
        /// Login name.
        name: String,
    },
    /// Change a user's role.
    Role {
        /// Login name.
        name: String,
        /// admin, staff or reader.
        #[arg(value_parser = ["admin", "staff", "reader"])]
        role: String,
    },
    /// The users: name, role, creation, last password change.
    List {
        /// One JSON object per user.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `user` command; the OS user (`$PERMANENCE_USER`, else `$USER`) is recorded in the
/// audit log.
pub fn run(dir: &Path, args: UserArgs) -> Result<ExitCode> {
    let by = &super::actor(None);
    let mut ctx = Context::open(dir)?;
    match args.command {
        UserCommand::Add { name, role } => {
            let role = parse_role(&role)?;
            // Check what can be checked before asking for the password.
            users::validate_name(&name)?;
            if users::get(ctx.store.conn(), &name)?.is_some() {
                bail!("user {name} already exists (use `user passwd` or `user role` to change it)");
            }
            let password = read_password()?;
            users::validate_password(&password)?;
            ctx.store.transaction(|tx| {
                users::add(tx, &name, role, &users::NewPassword::hash(&password)?, by)
            })?;
            println!("user {name} added ({})", role.as_str());
        }
        UserCommand::Passwd { name } => {
            if users::get(ctx.store.conn(), &name)?.is_none() {
                bail!("no user named {name}");
            }
            let password = read_password()?;
            users::validate_password(&password)?;
            ctx.store.transaction(|tx| {
                users::set_password(tx, &name, &users::NewPassword::hash(&password)?, by)
            })?;
            println!("password of {name} changed; their browser sessions are logged out");
        }
        UserCommand::Remove { name } => {
            ctx.store.transaction(|tx| users::remove(tx, &name, by))?;
            println!("user {name} removed");
        }
        UserCommand::Role { name, role } => {
            let role = parse_role(&role)?;
            ctx.store
                .transaction(|tx| users::set_role(tx, &name, role, by))?;
            println!("user {name} is now {}", role.as_str());
        }
        UserCommand::List { json } => list(&ctx, json)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_role(role: &str) -> Result<Role> {
    Role::parse(role).with_context(|| format!("unknown role {role:?}: admin, staff or reader"))
}

fn list(ctx: &Context, json: bool) -> Result<()> {
    let all = users::list(ctx.store.conn())?;
    let mut out = std::io::stdout().lock();
    if json {
        for user in &all {
            serde_json::to_writer(&mut out, user)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    if all.is_empty() {
        writeln!(
            out,
            "no users yet: add one with `permanence user add NAME --role admin`"
        )?;
        return Ok(());
    }
    let width = all
        .iter()
        .map(|u| u.name.len())
        .chain([4])
        .max()
        .unwrap_or(4);
    writeln!(
        out,
        "{:<width$}  {:<6}  {:<16}  PASSWORD CHANGED",
        "NAME", "ROLE", "CREATED"
    )?;
    for user in &all {
        writeln!(
            out,
            "{:<width$}  {:<6}  {:<16}  {}",
            user.name,
            user.role.as_str(),
            crate::util::local_datetime(user.created_at),
            crate::util::local_datetime(user.changed_at)
        )?;
    }
    Ok(())
}

/// The new password: asked twice on a terminal (no echo), else one line read from stdin.
fn read_password() -> Result<String> {
    if std::io::stdin().is_terminal() {
        let first =
            rpassword::prompt_password("Mot de passe : ").context("cannot read the password")?;
        let second =
            rpassword::prompt_password("Confirmer : ").context("cannot read the password")?;
        if first != second {
            bail!("the two passwords differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from stdin (one line of UTF-8)")?;
    if read == 0 {
        bail!("no password on stdin (give it as one line, or run on a terminal)");
    }
    Ok(strip_line_end(&line).to_string())
}

/// `line` without its final `\n` or `\r\n` (nothing else: spaces belong to the password).
fn strip_line_end(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_line_end_is_stripped_from_a_piped_password() {
        assert_eq!(strip_line_end("secret pw \r\n"), "secret pw ");
        assert_eq!(strip_line_end("secret\n"), "secret");
        assert_eq!(strip_line_end("secret"), "secret");
        assert_eq!(strip_line_end(" secret\t"), " secret\t");
    }
}
