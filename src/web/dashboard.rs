//! The dashboard: requests by theme × month, by commune, open against answered per month, and
//! the median time to a first answer, over the last twelve months. Counted from the cases
//! table (merged cases excluded) and drawn as inline SVG (`svg`), so nothing is loaded from
//! anywhere else.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use chrono::{Datelike, Months, NaiveDate};

use super::auth::Viewer;
use super::{AppState, Page, WebError, svg};
use crate::cases::{State as CaseState, report};
use crate::ids::CaseId;

const MONTHS: u32 = 12;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    p: Page,
    total: usize,
    pending: usize,
    answered: usize,
    median: String,
    themes: String,
    communes: String,
    states: String,
    delay: String,
}

/// The twelve months up to this one, oldest first (`YYYY-MM`).
fn last_months(today: NaiveDate) -> Vec<String> {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    (0..MONTHS)
        .rev()
        .filter_map(|back| first.checked_sub_months(Months::new(back)))
        .map(|d| d.format("%Y-%m").to_string())
        .collect()
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// `GET /dashboard`
pub async fn page(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    let p = viewer.page("dashboard");
    let page = state
        .read(move |conn| {
            // The twelve months up to today, or up to the last request when the mailbox is older
            // (an archive, the demo).
            let latest = report::latest(conn)?;
            let today = crate::index::search::today();
            let end = chrono::DateTime::from_timestamp(latest, 0)
                .map(|d| d.with_timezone(&chrono::Local).date_naive())
                .filter(|d| *d < today)
                .unwrap_or(today);
            let months = last_months(end);
            let start = months
                .first()
                .and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
                .and_then(crate::index::search::local_midnight)
                .unwrap_or(0);
            // (id, month of the first message, state, days to the first answer)
            let cases: Vec<(CaseId, String, CaseState, Option<f64>)> = report::since(conn, start)?
                .into_iter()
                .map(|r| {
                    (
                        r.id,
                        crate::util::local_month(r.first_at),
                        r.state,
                        (r.answered_at > 0)
                            .then(|| (r.answered_at - r.first_at).max(0) as f64 / 86_400.0),
                    )
                })
                .collect();
            let month_of: HashMap<CaseId, &str> = cases
                .iter()
                .map(|(id, m, _, _)| (*id, m.as_str()))
                .collect();
            let col = |m: &str| months.iter().position(|x| x == m);

            // Themes × months.
            let mut by_theme: BTreeMap<String, Vec<u64>> = BTreeMap::new();
            for (id, theme) in report::themes_since(conn, start)? {
                if let Some(c) = month_of.get(&id).and_then(|m| col(m)) {
                    by_theme
                        .entry(theme)
                        .or_insert_with(|| vec![0; months.len()])[c] += 1;
                }
            }
            let mut theme_rows: Vec<(String, Vec<u64>)> = by_theme.into_iter().collect();
            theme_rows.sort_by(|a, b| {
                b.1.iter()
                    .sum::<u64>()
                    .cmp(&a.1.iter().sum::<u64>())
                    .then(a.0.cmp(&b.0))
            });
            theme_rows.truncate(15);
            let (labels, values): (Vec<String>, Vec<Vec<u64>>) = theme_rows
                .into_iter()
                .map(|(slug, counts)| (super::theme_label(&slug), counts))
                .unzip();
            let themes = svg::heatmap("Demandes par thème et par mois", &labels, &months, &values);

            // Communes.
            let gazetteer = crate::communes::Gazetteer::bundled()?;
            let communes: Vec<(String, f64)> = report::communes_since(conn, start, 15)?
                .into_iter()
                .map(|(code, n)| {
                    let name = gazetteer.get(&code).map_or(code, |g| g.name.clone());
                    (name, n as f64)
                })
                .collect();
            let communes = svg::bars("Demandes par commune", &communes, "");

            // Open against answered, and the delay to answer, per month.
            let mut pending = vec![0u64; months.len()];
            let mut answered = vec![0u64; months.len()];
            let mut closed = vec![0u64; months.len()];
            let mut delays: Vec<Vec<f64>> = vec![Vec::new(); months.len()];
            let mut all_delays = Vec::new();
            for (_, month, st, delay) in &cases {
                let Some(c) = col(month) else { continue };
                match (delay.is_some(), st) {
                    (true, _) => answered[c] += 1,
                    (false, CaseState::Closed) => closed[c] += 1,
                    (false, _) => pending[c] += 1,
                }
                if let Some(d) = delay {
                    delays[c].push(*d);
                    all_delays.push(*d);
                }
            }
            let states = svg::stacked_columns(
                "Demandes ouvertes et répondues, par mois d'arrivée",
                &months,
                &[
                    (
                        "sans réponse, en cours".to_string(),
                        "#d97706".to_string(),
                        pending.clone(),
                    ),
                    (
                        "répondues".to_string(),
                        "#2b6cb0".to_string(),
                        answered.clone(),
                    ),
                    (
                        "closes sans réponse".to_string(),
                        "#718096".to_string(),
                        closed,
                    ),
                ],
            );
            let points: Vec<(String, Option<f64>)> = months
                .iter()
                .zip(delays.iter_mut())
                .map(|(m, d)| (m.clone(), median(d)))
                .collect();
            let delay = svg::line("Délai médian de première réponse (jours)", &points, " j");
            Ok(DashboardPage {
                p,
                total: cases.len(),
                pending: pending.iter().sum::<u64>() as usize,
                answered: answered.iter().sum::<u64>() as usize,
                median: median(&mut all_delays).map_or_else(
                    || "—".to_string(),
                    |d| format!("{d:.1} j").replace('.', ","),
                ),
                themes,
                communes,
                states,
                delay,
            })
        })
        .await?;
    Ok(Html(page.render()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_ending_this_one() {
        let m = last_months(NaiveDate::from_ymd_opt(2026, 2, 17).unwrap());
        assert_eq!(m.len(), 12);
        assert_eq!(m.first().map(String::as_str), Some("2025-03"));
        assert_eq!(m.last().map(String::as_str), Some("2026-02"));
    }

    #[test]
    fn median_of_even_and_odd() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
