//! Every staff action on a case behind one [`apply`]: the CLI (`case …`) and the web's case and
//! triage pages parse their input into the same [`Action`] (with the same meaning of `none`,
//! `-` and an empty value) and render the same [`Outcome`]. Each action checks its input,
//! changes the case in one transaction and writes the change to the case history under the
//! acting user's name; what the person asked that the case cannot do is a [`Refusal`] (the
//! CLI says it in English, the web in French with HTTP 400), anything else is our error.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension as _, Transaction, params};

use super::undo as undo_rows;
use super::{
    Case, Kind, Method, Priority, State, close_merged, copy_staff_themes, history, move_messages,
    rebuild_parties, refresh_from_messages, require, subject,
};
use crate::context::Context;
use crate::ids::UndoId;
use crate::ids::{CaseId, MessageId, OfficialId};
use crate::store::now;

/// Where a state change goes: a state, or `reopen` (back to open from answered or closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateChange {
    /// To this state (never back to proposed).
    To(State),
    /// From answered or closed back to open.
    Reopen,
}

impl StateChange {
    /// `open`, `waiting`, `answered`, `closed` or `reopen` (French accepted: « rouvrir »).
    pub fn parse(text: &str) -> Result<StateChange, Refusal> {
        let folded = crate::util::fold(text.trim());
        if folded == "reopen" || folded == "rouvrir" {
            return Ok(StateChange::Reopen);
        }
        match State::parse(text) {
            Some(State::Proposed) => Err(Refusal::BackToProposed),
            Some(state) => Ok(StateChange::To(state)),
            None => Err(Refusal::UnknownState(text.chars().take(64).collect())),
        }
    }
}

/// One staff action on a case, as both front-ends give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Confirm a proposed case (→ open); with an official, also say who wrote it (taught).
    Confirm { official: Option<OfficialId> },
    /// Give the case to a user, or to nobody.
    Assign { user: Option<String> },
    /// Add (`on`) or remove themes.
    Tag { themes: Vec<String>, on: bool },
    /// Move every message into another case; this one closes and points at it.
    Merge { into: CaseId },
    /// Move these messages into a new open case.
    Split { messages: Vec<MessageId> },
    /// Take a sender and their messages out of a campaign into a case of their own.
    Detach { address: String },
    /// Change the state.
    State(StateChange),
    /// Add a note.
    Note { text: String },
    /// Set or clear the due date.
    Due { date: Option<NaiveDate> },
    /// Set the priority.
    Priority(Priority),
    /// Not a request (a thank-you, mail filed by mistake): closed, and said so in the history.
    Dismiss,
}

/// What means "nobody" or "no date" for an assignee or a due date: `none`, `-`, or nothing.
fn means_nothing(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "none")
}

impl Action {
    /// The action `verb` (`confirm`, `official`, `assign`, `tag`, `untag`, `merge`, `split`,
    /// `detach`, `state`, `note`, `due`, `priority`, `dismiss`) with its one text value, as a
    /// web form sends it; `messages` are the messages a `split` moves.
    pub fn parse(verb: &str, value: &str, messages: Vec<MessageId>) -> Result<Action, Refusal> {
        Ok(match verb {
            "confirm" => Action::Confirm { official: None },
            "official" => Action::Confirm {
                official: Some(Action::official(value)?),
            },
            "assign" => Action::assign(value),
            "tag" | "untag" => Action::Tag {
                themes: vec![value.trim().to_string()],
                on: verb == "tag",
            },
            "merge" => Action::Merge {
                into: value
                    .parse()
                    .map_err(|_| Refusal::NotANumber(value.chars().take(64).collect()))?,
            },
            "split" => Action::Split { messages },
            "detach" => Action::Detach {
                address: value.to_string(),
            },
            "state" => Action::State(StateChange::parse(value)?),
            "note" => Action::Note {
                text: value.to_string(),
            },
            "due" => Action::due(value)?,
            "priority" => Action::priority(value)?,
            "dismiss" => Action::Dismiss,
            other => return Err(Refusal::UnknownAction(other.chars().take(64).collect())),
        })
    }

    /// What the action does, said in French for a confirmation or an undo (« Confirmé »,
    /// « Thème Santé ajouté »).
    pub fn french(&self) -> String {
        use super::french::theme_label;
        match self {
            Action::Confirm { official: None } => "Confirmé".into(),
            Action::Confirm { official: Some(o) } => format!("Élu n° {o} indiqué"),
            Action::Assign { user: Some(u) } => format!("Attribué à {u}"),
            Action::Assign { user: None } => "Attribution retirée".into(),
            Action::Tag { themes, on } => {
                let names: Vec<String> = themes.iter().map(|t| theme_label(t)).collect();
                format!(
                    "Thème {} {}",
                    names.join(", "),
                    if *on { "ajouté" } else { "retiré" }
                )
            }
            Action::Merge { into } => format!("Fusionné dans le dossier n° {into}"),
            Action::Split { messages } => format!("{} message(s) scindé(s)", messages.len()),
            Action::Detach { address } => format!("{address} retiré de la campagne"),
            Action::State(StateChange::Reopen) => "Rouvert".into(),
            Action::State(StateChange::To(state)) => format!("Passé à l'état {}", state.french()),
            Action::Note { .. } => "Note ajoutée".into(),
            Action::Due { date: Some(d) } => format!("Échéance fixée au {}", d.format("%d/%m/%Y")),
            Action::Due { date: None } => "Échéance retirée".into(),
            Action::Priority(p) => format!("Priorité {}", p.french()),
            Action::Dismiss => "Marqué « pas une demande »".into(),
        }
    }

    /// `tag THEME` where only themes of `themes` (slugs) are allowed: the slug itself or its
    /// French label, accents and case aside (« Santé », « sante », « SANTÉ » are `sante`).
    pub fn tag_from_list(value: &str, on: bool, themes: &[String]) -> Result<Action, Refusal> {
        let wanted = crate::util::fold(value.trim());
        if wanted.is_empty() {
            return Err(Refusal::EmptyTheme);
        }
        themes
            .iter()
            .find(|slug| {
                crate::util::fold(slug) == wanted
                    || crate::util::fold(&super::french::theme_label(slug)) == wanted
            })
            .map(|slug| Action::Tag {
                themes: vec![slug.clone()],
                on,
            })
            .ok_or_else(|| Refusal::UnknownTheme(value.chars().take(64).collect()))
    }

    /// `official N` (`#N` accepted).
    pub fn official(text: &str) -> Result<OfficialId, Refusal> {
        text.parse()
            .map_err(|_| Refusal::NotANumber(text.chars().take(64).collect()))
    }

    /// `assign NAME`; `none`, `-` or nothing unassigns.
    pub fn assign(text: &str) -> Action {
        Action::Assign {
            user: (!means_nothing(text)).then(|| text.trim().to_string()),
        }
    }

    /// `due YYYY-MM-DD`; `none`, `-` or nothing clears it.
    pub fn due(text: &str) -> Result<Action, Refusal> {
        if means_nothing(text) {
            return Ok(Action::Due { date: None });
        }
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(|d| Action::Due { date: Some(d) })
            .map_err(|_| Refusal::BadDueDate(text.chars().take(64).collect()))
    }

    /// `priority LEVEL` (`urgent`, `high`, `normal`, `low`; French accepted).
    pub fn priority(text: &str) -> Result<Action, Refusal> {
        Priority::parse(text)
            .map(Action::Priority)
            .ok_or_else(|| Refusal::UnknownPriority(text.chars().take(64).collect()))
    }
}

/// What an action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The case to look at next: the same one, the case merged into, or the new case of a split
    /// or a detach.
    pub case: CaseId,
    /// What confirming an official taught, one line per message.
    pub learned: Vec<String>,
    /// The state before a state change.
    pub state_before: Option<State>,
    /// Other messages of the correspondent whose official changed after a confirmed official
    /// (queued for re-indexing).
    pub rematched: u64,
    /// How to take it back (`None`: a split, a detach or a note is taken back by hand).
    pub undo: Option<UndoId>,
}

/// Carries out `action` on case `case` as `who`: one transaction, recorded in the case history.
/// After an official is confirmed, the correspondent's other mail is matched again (and queued
/// for re-indexing, never indexed here). A [`Refusal`] inside the error is the person's to fix.
pub fn apply(ctx: &mut Context, case: CaseId, who: &str, action: Action) -> Result<Outcome> {
    let snapshot = before(ctx, &[case], &action)?;
    let label = action.french();
    let mut outcome = act(ctx, case, who, action)?;
    if let Some(snapshot) = snapshot {
        outcome.undo = Some(
            ctx.store
                .transaction(|tx| undo_rows::save(tx, who, &label, &snapshot))?,
        );
    }
    Ok(outcome)
}

/// What [`apply_to_many`] did.
#[derive(Debug, Default)]
pub struct Bulk {
    /// The cases acted on, with what each action did.
    pub done: Vec<(CaseId, Outcome)>,
    /// The cases that refused, with why.
    pub refused: Vec<(CaseId, Refusal)>,
    /// One undo for the whole bulk action (when anything was done and it can be undone).
    pub undo: Option<UndoId>,
    /// What was done, in French, for the confirmation (« Confirmé — 5 dossiers »).
    pub label: String,
}

/// Carries out `action` on each of `cases` as `who` (a bulk action from ticked cases): each case
/// in its own transaction, a refusal on one does not stop the others, one undo takes the whole
/// bulk back. Errors other than refusals stop the bulk (what was done stays, and can be undone).
pub fn apply_to_many(
    ctx: &mut Context,
    cases: &[CaseId],
    who: &str,
    action: Action,
) -> Result<Bulk> {
    let mut cases = cases.to_vec();
    cases.dedup();
    let snapshot = before(ctx, &cases, &action)?;
    let mut bulk = Bulk {
        label: if cases.len() > 1 {
            format!("{} — {} dossiers", action.french(), cases.len())
        } else {
            action.french()
        },
        ..Bulk::default()
    };
    for &case in &cases {
        match act(ctx, case, who, action.clone()) {
            Ok(outcome) => bulk.done.push((case, outcome)),
            Err(e) => match e.downcast::<Refusal>() {
                Ok(refusal) => bulk.refused.push((case, refusal)),
                Err(e) => return Err(e),
            },
        }
    }
    if let Some(snapshot) = snapshot
        && !bulk.done.is_empty()
    {
        let label = bulk.label.clone();
        bulk.undo = Some(
            ctx.store
                .transaction(|tx| undo_rows::save(tx, who, &label, &snapshot))?,
        );
    }
    Ok(bulk)
}

/// Takes back action `id` (a single or a bulk action) as `who`. Returns the cases put back.
pub fn undo(ctx: &mut Context, id: UndoId, who: &str) -> Result<Vec<CaseId>> {
    ctx.store.transaction(|tx| undo_rows::undo(tx, id, who))
}

/// The copy an undo of `action` on `cases` needs, or `None` when the action is not undoable
/// (a split, a detach and a note are taken back by hand).
fn before(ctx: &Context, cases: &[CaseId], action: &Action) -> Result<Option<undo_rows::Snapshot>> {
    let conn = ctx.store.conn();
    let mut touched = cases.to_vec();
    let mut correspondents = Vec::new();
    match action {
        Action::Split { .. } | Action::Detach { .. } | Action::Note { .. } => return Ok(None),
        Action::Merge { into } => touched.push(*into),
        Action::Confirm {
            official: Some(_), ..
        } => {
            for &case in cases {
                if let Some(c) = super::get(conn, case)?
                    && !c.correspondent.is_empty()
                {
                    correspondents.push(c.correspondent);
                }
            }
        }
        _ => {}
    }
    touched.sort();
    touched.dedup();
    Ok(Some(undo_rows::capture(conn, &touched, &correspondents)?))
}

/// [`apply`] without the undo copy.
fn act(ctx: &mut Context, case: CaseId, who: &str, action: Action) -> Result<Outcome> {
    let mut outcome = Outcome {
        case,
        learned: Vec::new(),
        state_before: None,
        rematched: 0,
        undo: None,
    };
    let store = &mut ctx.store;
    match action {
        Action::Confirm { official } => {
            outcome.learned = store.transaction(|tx| confirm(tx, case, who, official))?;
            if official.is_some() {
                // The learned address may identify the sender's other mail too.
                let address = require(ctx.store.conn(), case)?.correspondent;
                if !address.is_empty() {
                    outcome.rematched = crate::rematch::run(ctx, Some(&address))?.1;
                }
            }
        }
        Action::Assign { user } => {
            store.transaction(|tx| assign(tx, case, who, user.as_deref()))?;
        }
        Action::Tag { themes, on } => store.transaction(|tx| {
            themes
                .iter()
                .try_for_each(|theme| tag(tx, case, who, theme, on))
        })?,
        Action::Merge { into } => {
            store.transaction(|tx| merge(tx, case, into, who))?;
            outcome.case = into;
        }
        Action::Split { messages } => {
            outcome.case = store.transaction(|tx| split(tx, case, &messages, who))?;
        }
        Action::Detach { address } => {
            outcome.case = store.transaction(|tx| detach(tx, case, &address, who))?;
        }
        Action::State(change) => {
            outcome.state_before = Some(store.transaction(|tx| set_state(tx, case, who, change))?);
        }
        Action::Note { text } => store.transaction(|tx| note(tx, case, who, &text))?,
        Action::Due { date } => store.transaction(|tx| set_due(tx, case, who, date))?,
        Action::Priority(priority) => {
            store.transaction(|tx| set_priority(tx, case, who, priority))?
        }
        Action::Dismiss => store.transaction(|tx| dismiss(tx, case, who))?,
    }
    Ok(outcome)
}

/// A staff action the case cannot take, as asked: said to the person (the CLI in English, the
/// web in French with [`Refusal::french`], HTTP 400); every other error of a staff action is
/// ours (the web answers 500 and logs it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no case #{0}")]
    NoCase(CaseId),
    #[error("case #{id} was merged into case #{into}: act on that one")]
    Merged { id: CaseId, into: CaseId },
    #[error("case #{id} is {state}: only a closed or answered case can be reopened")]
    NotReopenable { id: CaseId, state: State },
    #[error("a case cannot go back to proposed")]
    BackToProposed,
    #[error("unknown state {0:?}: open, waiting, answered, closed or reopen")]
    UnknownState(String),
    #[error("empty theme")]
    EmptyTheme,
    #[error("unknown theme {0:?}: choose one of the rules' themes")]
    UnknownTheme(String),
    #[error("cannot merge case #{0} into itself")]
    MergeIntoItself(CaseId),
    #[error("case #{0} is not a campaign: use `case split` to move messages")]
    NotACampaign(CaseId),
    #[error("no message from {address} in campaign #{id}")]
    NotInCampaign { id: CaseId, address: String },
    #[error("name the messages to split out of case #{0}")]
    NothingToSplit(CaseId),
    #[error("message #{message} is not in case #{id}")]
    NotInCase { id: CaseId, message: MessageId },
    #[error("at least one message must stay in case #{0}")]
    SplitAll(CaseId),
    #[error("empty note")]
    EmptyNote,
    #[error("no user named {0:?}: a case is assigned to a user (`permanence user add NAME`)")]
    NoUser(String),
    #[error("due date {0:?} is not YYYY-MM-DD")]
    BadDueDate(String),
    #[error("unknown priority {0:?}: urgent, high, normal or low")]
    UnknownPriority(String),
    #[error("{0:?} is not a number")]
    NotANumber(String),
    #[error("no official #{0}")]
    NoOfficial(OfficialId),
    #[error("unknown action {0:?}")]
    UnknownAction(String),
}

impl Refusal {
    /// The refusal as the web says it.
    pub fn french(&self) -> String {
        match self {
            Refusal::NoCase(id) => format!("Aucun dossier n° {id}."),
            Refusal::Merged { id, into } => format!(
                "Le dossier n° {id} a été fusionné dans le dossier n° {into} : agissez sur celui-ci."
            ),
            Refusal::NotReopenable { id, state } => format!(
                "Le dossier n° {id} est {} : seul un dossier clos ou répondu peut être rouvert.",
                state.french()
            ),
            Refusal::BackToProposed => {
                "Un dossier ne peut pas revenir à l'état « à confirmer ».".into()
            }
            Refusal::UnknownState(s) => format!(
                "État inconnu « {} » : ouvert, en attente, répondu, clos ou rouvrir.",
                s.chars().take(64).collect::<String>()
            ),
            Refusal::EmptyTheme => "Choisissez un thème.".into(),
            Refusal::UnknownTheme(t) => {
                format!("Thème inconnu « {t} » : choisissez un thème de la liste.")
            }
            Refusal::MergeIntoItself(id) => {
                format!("Le dossier n° {id} ne peut pas être fusionné avec lui-même.")
            }
            Refusal::NotACampaign(id) => format!(
                "Le dossier n° {id} n'est pas une campagne : scindez-le pour en retirer des messages."
            ),
            Refusal::NotInCampaign { id, address } => format!(
                "Aucun message de {} dans la campagne n° {id}.",
                address.chars().take(200).collect::<String>()
            ),
            Refusal::NothingToSplit(id) => {
                format!("Choisissez les messages à retirer du dossier n° {id}.")
            }
            Refusal::NotInCase { id, message } => {
                format!("Le message n° {message} n'est pas dans le dossier n° {id}.")
            }
            Refusal::SplitAll(id) => {
                format!("Au moins un message doit rester dans le dossier n° {id}.")
            }
            Refusal::EmptyNote => "La note est vide.".into(),
            Refusal::NoUser(name) => format!(
                "Aucun utilisateur « {} » : un dossier est confié à un utilisateur.",
                name
            ),
            Refusal::BadDueDate(d) => format!(
                "La date d'échéance « {} » n'est pas une date (AAAA-MM-JJ).",
                d
            ),
            Refusal::UnknownPriority(p) => format!(
                "Priorité inconnue « {} » : urgente, haute, normale ou basse.",
                p
            ),
            Refusal::NotANumber(v) => format!("Nombre attendu, reçu « {v} »."),
            Refusal::NoOfficial(id) => format!("Aucun élu n° {id}."),
            Refusal::UnknownAction(a) => format!("Action inconnue : {a}."),
        }
    }
}

// ---- staff actions: each one checks its input, changes the case and records it ----

fn touch(tx: &Transaction<'_>, id: CaseId, at: i64) -> Result<()> {
    tx.execute(
        "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

fn live(tx: &Transaction<'_>, id: CaseId) -> Result<Case> {
    let case = require(tx, id)?;
    if let Some(into) = case.merged_into {
        return Err(Refusal::Merged { id, into }.into());
    }
    Ok(case)
}

/// Moves a case as `change` says. Returns the state before.
fn set_state(tx: &Transaction<'_>, id: CaseId, who: &str, change: StateChange) -> Result<State> {
    let case = live(tx, id)?;
    let target = match change {
        StateChange::Reopen => {
            if case.state != State::Closed && case.state != State::Answered {
                return Err(Refusal::NotReopenable {
                    id,
                    state: case.state,
                }
                .into());
            }
            State::Open
        }
        StateChange::To(State::Proposed) => return Err(Refusal::BackToProposed.into()),
        StateChange::To(state) => state,
    };
    if case.state == target {
        return Ok(case.state);
    }
    let at = now();
    tx.execute(
        "UPDATE cases SET state = ?2 WHERE id = ?1",
        params![id, target],
    )?;
    if target == State::Answered {
        tx.execute(
            "UPDATE cases SET answered_at = ?2 WHERE id = ?1 AND answered_at = 0",
            params![id, at],
        )?;
    }
    touch(tx, id, at)?;
    history(
        tx,
        id.get(),
        who,
        "state",
        case.state.as_str(),
        target.as_str(),
        at,
    )?;
    Ok(case.state)
}

/// Marks a case as not a request (a thank-you, an invitation already handled, mail filed by
/// mistake): closes it and says so in its history, so that it leaves the queue for good.
fn dismiss(tx: &Transaction<'_>, id: CaseId, who: &str) -> Result<()> {
    let case = live(tx, id)?;
    history(
        tx,
        id.get(),
        who,
        "not_a_request",
        case.state.as_str(),
        "closed",
        now(),
    )?;
    set_state(tx, id, who, StateChange::To(State::Closed))?;
    Ok(())
}

/// Confirms a proposed case (→ open). With `official`, the case's correspondent is that official:
/// its incoming messages are confirmed as theirs, which teaches their addresses (see
/// `officials confirm`). Returns what was learned, one line per message.
fn confirm(
    tx: &Transaction<'_>,
    id: CaseId,
    who: &str,
    official: Option<OfficialId>,
) -> Result<Vec<String>> {
    let case = live(tx, id)?;
    let at = now();
    let mut learned = Vec::new();
    if let Some(o) = official {
        let exists: bool = tx.query_row(
            "SELECT count(*) > 0 FROM officials WHERE id = ?1",
            [o],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Refusal::NoOfficial(o).into());
        }
        let o = o.get();
        let before = case.official.as_ref().map(|o| o.id);
        if before != Some(o) {
            let incoming: Vec<i64> = tx
                .prepare(
                    "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
                     WHERE mc.case_id = ?1 AND m.outgoing = 0 AND m.from_addr = ?2",
                )?
                .query_map(params![id, case.correspondent], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for m in incoming {
                learned.push(crate::officials::confirm(tx, m, o, false)?);
                crate::store::messages::mark_dirty(tx, m)?;
            }
            tx.execute(
                "UPDATE cases SET official = ?2 WHERE id = ?1",
                params![id, o],
            )?;
            history(
                tx,
                id.get(),
                who,
                "official",
                &before.map(|b| format!("#{b}")).unwrap_or_default(),
                &format!("#{o}"),
                at,
            )?;
        }
    }
    if case.state == State::Proposed {
        tx.execute("UPDATE cases SET state = 'open' WHERE id = ?1", [id])?;
        history(tx, id.get(), who, "state", "proposed", "open", at)?;
    } else if official.is_none() {
        // Confirming a case already at work is seeing its new mail: it leaves the queue.
        history(tx, id.get(), who, "seen", "", "", at)?;
    }
    touch(tx, id, at)?;
    Ok(learned)
}

/// Assigns a case (`None` unassigns).
///
/// `assignee` must name an existing user (any case: the stored spelling is recorded).
fn assign(tx: &Transaction<'_>, id: CaseId, who: &str, assignee: Option<&str>) -> Result<()> {
    let case = live(tx, id)?;
    let assignee: String = if let Some(assignee) = assignee.map(str::trim) {
        tx.query_row(
            "SELECT name FROM users WHERE name = ?1 COLLATE NOCASE",
            [assignee],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Refusal::NoUser(assignee.chars().take(64).collect()))?
    } else {
        String::new()
    };
    let assignee = assignee.as_str();
    let at = now();
    tx.execute(
        "UPDATE cases SET assignee = ?2 WHERE id = ?1",
        params![id, assignee],
    )?;
    touch(tx, id, at)?;
    history(tx, id.get(), who, "assign", &case.assignee, assignee, at)
}

/// Adds (`on`) or removes a theme; recorded for rule tuning.
fn tag(tx: &Transaction<'_>, id: CaseId, who: &str, theme: &str, on: bool) -> Result<()> {
    let case = live(tx, id)?;
    let theme = theme.trim();
    if theme.is_empty() {
        return Err(Refusal::EmptyTheme.into());
    }
    let had = case.themes.iter().any(|t| t == theme);
    if had == on {
        return Ok(());
    }
    let at = now();
    tx.execute(
        "INSERT INTO case_themes (case_id, theme, source, on_) VALUES (?1, ?2, 'staff', ?3)
         ON CONFLICT (case_id, theme) DO UPDATE SET source = 'staff', on_ = excluded.on_",
        params![id, theme, on],
    )?;
    tx.execute(
        "INSERT INTO theme_feedback (case_id, theme, verdict, who, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, theme, on, who, at],
    )?;
    touch(tx, id, at)?;
    if on {
        history(tx, id.get(), who, "tag", "", theme, at)
    } else {
        history(tx, id.get(), who, "untag", theme, "", at)
    }
}

/// Merges case `from` into case `into`: every message moves, `from` is closed and points at
/// `into`. Both histories say so.
fn merge(tx: &Transaction<'_>, from: CaseId, into: CaseId, who: &str) -> Result<()> {
    if from == into {
        return Err(Refusal::MergeIntoItself(from).into());
    }
    let source = live(tx, from)?;
    live(tx, into)?;
    let at = now();
    move_messages(tx, from.get(), into.get())?;
    tx.execute(
        "UPDATE message_cases SET method = ?4, reason = ?2 WHERE case_id = ?1 AND message IN (SELECT value FROM json_each(?3))",
        params![
            into,
            format!("case #{from} merged into case #{into} by {who}"),
            serde_json::to_string(&source.messages)?,
            Method::Staff.as_str()
        ],
    )?;
    copy_staff_themes(tx, from.get(), into.get())?;
    for commune in &source.communes {
        tx.execute(
            "INSERT OR IGNORE INTO case_communes (case_id, commune) VALUES (?1, ?2)",
            params![into, commune],
        )?;
    }
    close_merged(
        tx,
        from.get(),
        into.get(),
        who,
        source.state.as_str(),
        &format!("merged into case #{into}"),
        at,
    )?;
    refresh_from_messages(tx, into.get())?;
    touch(tx, into, at)?;
    history(
        tx,
        into.get(),
        who,
        "merge",
        "",
        &format!(
            "case #{from} merged in ({} messages)",
            source.messages.len()
        ),
        at,
    )
}

/// Takes `address` (a sender) and their messages out of campaign `id` into a case of their own
/// (returned), recorded in both histories; the pipeline never files that sender's mail into
/// this campaign again (`campaign_exclusions`).
fn detach(tx: &Transaction<'_>, id: CaseId, address: &str, who: &str) -> Result<CaseId> {
    let case = live(tx, id)?;
    if case.kind != Kind::Campaign {
        return Err(Refusal::NotACampaign(id).into());
    }
    let address = address.trim().to_lowercase();
    let messages: Vec<MessageId> = tx
        .prepare(
            "SELECT mc.message FROM message_cases mc JOIN messages m ON m.id = mc.message
             WHERE mc.case_id = ?1 AND lower(m.from_addr) = ?2 ORDER BY m.date, m.id",
        )?
        .query_map(params![id, address], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if messages.is_empty() {
        return Err(Refusal::NotInCampaign { id, address }.into());
    }
    let new = split(tx, id, &messages, who)?;
    tx.execute(
        "INSERT OR REPLACE INTO campaign_exclusions (case_id, address, who, at) VALUES (?1, ?2, ?3, ?4)",
        params![id, address, who, now()],
    )?;
    history(
        tx,
        id.get(),
        who,
        "detach",
        &address,
        &format!("#{new}"),
        now(),
    )?;
    Ok(new)
}

/// Splits `messages` out of case `id` into a new open case (titled from the first of them).
/// Returns the new case id. At least one message must stay.
fn split(tx: &Transaction<'_>, id: CaseId, messages: &[MessageId], who: &str) -> Result<CaseId> {
    let case = live(tx, id)?;
    if messages.is_empty() {
        return Err(Refusal::NothingToSplit(id).into());
    }
    for m in messages {
        if !case.messages.contains(m) {
            return Err(Refusal::NotInCase { id, message: *m }.into());
        }
    }
    if messages.len() >= case.messages.len() {
        return Err(Refusal::SplitAll(id).into());
    }
    let at = now();
    let (subject, from, official): (String, String, Option<i64>) = tx.query_row(
        "SELECT m.subject, m.from_addr, o.official FROM messages m LEFT JOIN message_officials o ON o.message = m.id
         WHERE m.id IN (SELECT value FROM json_each(?1)) ORDER BY m.date, m.id LIMIT 1",
        [serde_json::to_string(messages)?],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    tx.execute(
        "INSERT INTO cases (title, norm_subject, kind, state, official, correspondent, assignee, priority, created_at, updated_at)
         VALUES (?1, ?2, 'request', 'open', ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            if subject.trim().is_empty() { "(sans objet)" } else { subject.trim() },
            subject::normalise(&subject),
            official,
            from,
            case.assignee,
            case.priority,
            at
        ],
    )?;
    let new = CaseId(tx.last_insert_rowid());
    let reason = format!("split out of case #{id} by {who}");
    for m in messages {
        tx.execute(
            "UPDATE message_cases SET case_id = ?2, method = ?4, reason = ?3 WHERE message = ?1",
            params![m, new, reason, Method::Staff.as_str()],
        )?;
    }
    copy_staff_themes(tx, id.get(), new.get())?;
    // Each case keeps what its messages carry: parties, communes, rule themes.
    rebuild_parties(tx, id.get())?;
    rebuild_parties(tx, new.get())?;
    tx.execute("DELETE FROM case_communes WHERE case_id = ?1", [id])?;
    tx.execute(
        "DELETE FROM case_themes WHERE case_id = ?1 AND source = 'rules'",
        [id],
    )?;
    refresh_from_messages(tx, id.get())?;
    refresh_from_messages(tx, new.get())?;
    touch(tx, id, at)?;
    let list = messages
        .iter()
        .map(|m| format!("#{m}"))
        .collect::<Vec<_>>()
        .join(", ");
    history(
        tx,
        new.get(),
        who,
        "split",
        "",
        &format!("from case #{id}: messages {list}"),
        at,
    )?;
    history(
        tx,
        id.get(),
        who,
        "split",
        &format!("messages {list}"),
        &format!("case #{new}"),
        at,
    )?;
    Ok(new)
}

/// Adds a note.
fn note(tx: &Transaction<'_>, id: CaseId, who: &str, text: &str) -> Result<()> {
    live(tx, id)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal::EmptyNote.into());
    }
    let at = now();
    tx.execute(
        "INSERT INTO case_notes (case_id, author, at, text) VALUES (?1, ?2, ?3, ?4)",
        params![id, who, at, text],
    )?;
    touch(tx, id, at)?;
    history(tx, id.get(), who, "note", "", text, at)
}

/// Sets or clears (`None`) the due date.
fn set_due(tx: &Transaction<'_>, id: CaseId, who: &str, due: Option<NaiveDate>) -> Result<()> {
    let case = live(tx, id)?;
    let due = due
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let at = now();
    tx.execute("UPDATE cases SET due = ?2 WHERE id = ?1", params![id, due])?;
    touch(tx, id, at)?;
    history(tx, id.get(), who, "due", &case.due, &due, at)
}

/// Sets the priority.
fn set_priority(tx: &Transaction<'_>, id: CaseId, who: &str, priority: Priority) -> Result<()> {
    let case = live(tx, id)?;
    let at = now();
    tx.execute(
        "UPDATE cases SET priority = ?2 WHERE id = ?1",
        params![id, priority],
    )?;
    touch(tx, id, at)?;
    history(
        tx,
        id.get(),
        who,
        "priority",
        case.priority.as_str(),
        priority.as_str(),
        at,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_front_ends_mean_the_same_by_nothing() {
        for nothing in ["", "-", "none", " - "] {
            assert_eq!(Action::assign(nothing), Action::Assign { user: None });
            assert_eq!(Action::due(nothing), Ok(Action::Due { date: None }));
            assert_eq!(
                Action::parse("assign", nothing, vec![]),
                Ok(Action::Assign { user: None })
            );
        }
        assert_eq!(
            Action::assign(" sam "),
            Action::Assign {
                user: Some("sam".into())
            }
        );
        assert_eq!(
            Action::due("2026-13-01"),
            Err(Refusal::BadDueDate("2026-13-01".into()))
        );
    }

    #[test]
    fn states_and_priorities_parse_in_english_and_french() {
        assert_eq!(
            StateChange::parse("waiting"),
            Ok(StateChange::To(State::Waiting))
        );
        assert_eq!(
            StateChange::parse("En attente"),
            Ok(StateChange::To(State::Waiting))
        );
        assert_eq!(StateChange::parse("rouvrir"), Ok(StateChange::Reopen));
        assert_eq!(StateChange::parse("proposed"), Err(Refusal::BackToProposed));
        assert!(matches!(
            StateChange::parse("bogus"),
            Err(Refusal::UnknownState(_))
        ));
        assert_eq!(
            Action::priority("Élevée"),
            Ok(Action::Priority(Priority::High))
        );
        assert_eq!(
            Action::parse("frobnicate", "", vec![]),
            Err(Refusal::UnknownAction("frobnicate".into()))
        );
        assert_eq!(
            Action::parse("official", "#12", vec![]),
            Ok(Action::Confirm {
                official: Some(OfficialId(12))
            })
        );
        assert!(matches!(
            Action::parse("merge", "abc", vec![]),
            Err(Refusal::NotANumber(_))
        ));
    }

    #[test]
    fn vocabulary_round_trips_through_sqlite() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for state in State::ALL {
            let back: State = conn.query_row("SELECT ?1", [state], |r| r.get(0)).unwrap();
            assert_eq!(back, state);
        }
        for priority in Priority::ALL {
            let back: Priority = conn
                .query_row("SELECT ?1", [priority], |r| r.get(0))
                .unwrap();
            assert_eq!(back, priority);
        }
        let bad: rusqlite::Result<State> = conn.query_row("SELECT 'limbo'", [], |r| r.get(0));
        assert!(bad.is_err());
    }
}
