//! The administration page: users (add, remove, role, password), the theme rules in force
//! with how often each fired, and the audit log. Administrators only.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::AdminUser;
use super::{AppState, Page, WebError};
use crate::users::{self, Role};

/// A theme rule as the administration page lists it.
struct RuleLine {
    id: String,
    tag: String,
    terms: usize,
    threshold: f64,
    fired: i64,
    last: String,
    origin: String,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    p: Page,
    users: Vec<users::User>,
    audit: Vec<users::AuditEntry>,
    rules: Vec<RuleLine>,
    rules_error: String,
}

/// The rules in force with how often each fired (`fired`: rule id → count, last time), or
/// why they do not load.
fn rule_lines(
    rules_dir: &std::path::Path,
    fired: &HashMap<String, (i64, i64)>,
) -> (Vec<RuleLine>, String) {
    let set = match crate::rules::load_dir(rules_dir) {
        Ok(set) => set,
        Err(err) => return (Vec::new(), format!("{err:#}")),
    };
    (
        set.rules
            .into_iter()
            .map(|r| {
                let (fired, last) = fired.get(&r.id).copied().unwrap_or((0, 0));
                RuleLine {
                    terms: r.terms.len() + r.regexes.len(),
                    threshold: r.threshold,
                    fired,
                    last: if last == 0 {
                        "jamais".to_string()
                    } else {
                        super::when(last)
                    },
                    id: r.id,
                    tag: r.tag,
                    origin: r.origin,
                }
            })
            .collect(),
        String::new(),
    )
}

/// `GET /admin`: users, the theme rules in force and the audit log.
pub async fn page(
    State(state): State<AppState>,
    AdminUser(viewer): AdminUser,
) -> Result<Html<String>, WebError> {
    let (list, audit, fired) = state
        .read(|conn| {
            Ok((
                users::list(conn)?,
                users::audit_list(conn, 100)?
                    .into_iter()
                    .map(|mut a| {
                        a.at = super::when_rfc3339(&a.at);
                        a.action = users::audit_french(&a.action).to_string();
                        a
                    })
                    .collect::<Vec<_>>(),
                crate::rules::stats(conn)?,
            ))
        })
        .await?;
    // Compiling the rules is slow: on the blocking pool, outside any lock.
    let rules_dir = state.rules_dir.clone();
    let (rules, rules_error) = tokio::task::spawn_blocking(move || rule_lines(&rules_dir, &fired))
        .await
        .map_err(|e| WebError::Internal(anyhow::anyhow!("rule listing failed: {e}")))?;
    let page = AdminPage {
        p: viewer.page("admin"),
        users: list,
        audit,
        rules,
        rules_error,
    };
    Ok(Html(page.render()?))
}

/// A user-management form.
#[derive(Deserialize)]
pub struct UserForm {
    op: String,
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// `POST /admin/users`: add, remove, change role or password. A new password is checked and
/// hashed before the writer is taken.
pub async fn users(
    State(state): State<AppState>,
    AdminUser(viewer): AdminUser,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    let by = viewer.name.clone();
    let password = if matches!(form.op.as_str(), "add" | "passwd") {
        let plain = form.password.clone();
        let hashed = tokio::task::spawn_blocking(move || users::NewPassword::hash(&plain))
            .await
            .map_err(|e| WebError::Internal(anyhow::anyhow!("password hashing failed: {e}")))?
            .map_err(super::refused)?;
        Some(hashed)
    } else {
        None
    };
    state
        .write(move |ctx| {
            let role = || {
                Role::parse(&form.role)
                    .ok_or_else(|| WebError::Bad(format!("rôle inconnu : {}", form.role)))
            };
            let name = form.name.trim();
            match (form.op.as_str(), password) {
                ("add", Some(password)) => {
                    let role = role()?;
                    ctx.store
                        .transaction(|tx| users::add(tx, name, role, &password, &by))
                        .map_err(super::refused)?;
                }
                ("remove", _) => {
                    if name == by {
                        return Err(WebError::Bad(
                            "Vous ne pouvez pas supprimer votre propre compte.".to_string(),
                        ));
                    }
                    ctx.store
                        .transaction(|tx| users::remove(tx, name, &by))
                        .map_err(super::refused)?;
                }
                ("role", _) => {
                    let role = role()?;
                    ctx.store
                        .transaction(|tx| users::set_role(tx, name, role, &by))
                        .map_err(super::refused)?;
                }
                ("passwd", Some(password)) => ctx
                    .store
                    .transaction(|tx| users::set_password(tx, name, &password, &by))
                    .map_err(super::refused)?,
                (other, _) => return Err(WebError::Bad(format!("opération inconnue : {other}"))),
            }
            Ok(())
        })
        .await?;
    Ok(Redirect::to("/admin").into_response())
}
