//! The search page: the CLI's query syntax, a date range, facets with counts (official,
//! commune, theme, kind, month) that narrow the search when clicked, highlighted snippets and
//! paging. Every search is written to the access log with the people whose mail it showed.

use askama::Template;
use axum::extract::State;

use super::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::auth::Viewer;
use super::{AppState, Page, WebError, urlencode};
use crate::ids::MessageId;
use crate::index::search::{self, Filter, SearchRequest};

const PER_PAGE: usize = 20;
/// The last page that can be asked for (tantivy sets room aside for every skipped hit).
const MAX_PAGE: usize = 499;

/// The search form and the facet links.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Params {
    #[serde(default)]
    q: String,
    #[serde(default)]
    official: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: usize,
    /// `date`: most recent first; otherwise most relevant first.
    #[serde(default)]
    tri: String,
}

impl Params {
    /// The query string of these parameters with `key` set to `value` ('' removes it); the page
    /// goes back to the first.
    fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.q.clone()),
            ("official", self.official.clone()),
            ("commune", self.commune.clone()),
            ("theme", self.theme.clone()),
            ("kind", self.kind.clone()),
            ("month", self.month.clone()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("tri", self.tri.clone()),
        ];
        for (k, v) in &mut pairs {
            if *k == key {
                *v = value.to_string();
            }
        }
        let query: Vec<String> = pairs
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencode(&v)))
            .collect();
        format!("/search?{}", query.join("&"))
    }

    fn value(&self, key: &str) -> &str {
        match key {
            "official" => &self.official,
            "commune" => &self.commune,
            "theme" => &self.theme,
            "kind" => &self.kind,
            "month" => &self.month,
            _ => "",
        }
    }
}

/// A piece of a snippet, highlighted or not.
pub struct Piece {
    text: String,
    mark: bool,
}

#[derive(Clone)]
struct CaseView {
    id: crate::ids::CaseId,
    title: String,
    state: &'static str,
    state_class: &'static str,
}

struct HitView {
    case: Option<CaseView>,
    id: i64,
    date: String,
    from: String,
    subject: String,
    snippet: Vec<Piece>,
    in_attachment: bool,
}

struct FacetValue {
    label: String,
    count: u64,
    href: String,
    active: bool,
}

struct FacetView {
    title: &'static str,
    values: Vec<FacetValue>,
}

struct Chip {
    label: String,
    href: String,
}

/// The hits of one case on this page (or one message filed in no case).
struct Group {
    case: Option<CaseView>,
    hits: Vec<HitView>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    p: Page,
    q: String,
    from: String,
    to: String,
    /// Most recent first.
    by_date: bool,
    searched: bool,
    error: String,
    total: usize,
    hits: Vec<HitView>,
    /// The page's hits grouped by case.
    groups: Vec<Group>,
    /// How many cases the page shows.
    cases_shown: usize,
    /// For an empty result: what was searched, in French.
    searched_for: String,
    /// For an empty result: wider searches to try.
    wider: Vec<Chip>,
    facets: Vec<FacetView>,
    chips: Vec<Chip>,
    prev: String,
    next: String,
    first: usize,
    last: usize,
}

/// Splits a snippet at its highlight ranges.
pub fn pieces(text: &str, highlights: &[(usize, usize)]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in highlights {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push(Piece {
                text: text[at..start].to_string(),
                mark: false,
            });
        }
        out.push(Piece {
            text: text[start..end].to_string(),
            mark: true,
        });
        at = end;
    }
    if at < text.len() {
        out.push(Piece {
            text: text[at..].to_string(),
            mark: false,
        });
    }
    out
}

const FACET_TITLES: &[(&str, &str)] = &[
    ("official", "Élu"),
    ("commune", "Commune"),
    ("theme", "Thème"),
    ("kind", "Nature"),
    ("month", "Mois"),
];

/// The search page with its error message, as a 400: the request cannot be answered as asked.
fn refused(view: &SearchPage) -> Result<Response, WebError> {
    Ok((StatusCode::BAD_REQUEST, Html(view.render()?)).into_response())
}

/// `GET /search`
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<Params>,
) -> Result<Response, WebError> {
    let searched = !params.q.trim().is_empty()
        || FACET_TITLES
            .iter()
            .any(|(k, _)| !params.value(k).is_empty())
        || !params.from.is_empty()
        || !params.to.is_empty();
    let mut view = SearchPage {
        p: viewer.page("search"),
        // Echoed into the form: bounded, as a refused query can be any length.
        q: params.q.chars().take(search::MAX_QUERY_CHARS).collect(),
        from: super::clip(&params.from),
        to: super::clip(&params.to),
        by_date: params.tri == "date",
        searched,
        error: String::new(),
        total: 0,
        hits: Vec::new(),
        groups: Vec::new(),
        cases_shown: 0,
        searched_for: String::new(),
        wider: Vec::new(),
        facets: Vec::new(),
        chips: Vec::new(),
        prev: String::new(),
        next: String::new(),
        first: 0,
        last: 0,
    };
    let mut filters = Vec::new();
    let mut bad = Vec::new();
    if !params.official.is_empty() {
        match params.official.parse() {
            Ok(id) => filters.push(Filter::Official(id)),
            Err(_) => bad.push(format!("élu inconnu : {}", super::clip(&params.official))),
        }
    }
    for (value, make) in [
        (&params.commune, Filter::Commune as fn(String) -> Filter),
        (&params.theme, Filter::Theme),
        (&params.kind, Filter::Kind),
        (&params.month, Filter::Month),
    ] {
        if !value.is_empty() {
            filters.push(make(value.clone()));
        }
    }
    let since = match params.from.as_str() {
        "" => None,
        d => search::parse_date_arg(d, false)
            .map_err(|e| bad.push(super::clip(&format!("{e:#}"))))
            .ok(),
    };
    let until = match params.to.as_str() {
        "" => None,
        d => search::parse_date_arg(d, true)
            .map_err(|e| bad.push(super::clip(&format!("{e:#}"))))
            .ok(),
    };
    if !bad.is_empty() {
        view.error = bad.join(" ; ");
        return refused(&view);
    }
    if params.page > MAX_PAGE {
        view.error = format!(
            "Page {} hors limites : affinez la recherche (les {} premiers résultats seulement se parcourent).",
            params.page.saturating_add(1),
            (MAX_PAGE + 1) * PER_PAGE
        );
        return refused(&view);
    }
    let req = SearchRequest {
        query: params.q.clone(),
        since,
        until,
        limit: PER_PAGE,
        offset: params.page * PER_PAGE,
        filters,
        facets: true,
        by_date: params.tri == "date",
        ..SearchRequest::default()
    };
    let results = match state.search(req.clone()).await {
        Ok(results) => results,
        Err(WebError::Bad(message)) => {
            view.error = message;
            return refused(&view);
        }
        Err(err) => return Err(err),
    };
    let who = viewer.name.clone();
    let asked = params.clone();
    let shown: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    let facets = results.facets.clone();
    let recorder = std::sync::Arc::clone(&state);
    let names = state
        .read(move |conn| {
            let params = asked;
            let target = if params.q.is_empty() {
                // A search by facets or dates only: say which, for the access log.
                params.with("page", "")
            } else {
                req.query.clone()
            };
            recorder.record(crate::access::describe(
                conn, &who, "search", &target, &shown,
            )?);
            // Names for the facet values.
            let gazetteer = crate::communes::Gazetteer::bundled()?;
            let mut names = std::collections::HashMap::new();
            for facet in &facets {
                for (key, _) in &facet.values {
                    let label = match facet.name {
                        "official" => key
                            .parse::<i64>()
                            .ok()
                            .and_then(|id| crate::officials::profile::name(conn, id).ok().flatten())
                            .unwrap_or_else(|| format!("n° {key}")),
                        "commune" => gazetteer
                            .get(key)
                            .map_or_else(|| key.clone(), |c| format!("{} ({key})", c.name)),
                        "kind" => super::kind_label(key).to_string(),
                        "theme" => super::theme_label(key),
                        _ => key.clone(),
                    };
                    names.insert((facet.name, key.clone()), label);
                }
            }
            for (name, _) in FACET_TITLES {
                let value = params.value(name);
                if !value.is_empty() && !names.contains_key(&(*name, value.to_string())) {
                    let label = match *name {
                        "commune" => gazetteer
                            .get(value)
                            .map_or_else(|| value.to_string(), |c| c.name.clone()),
                        "kind" => super::kind_label(value).to_string(),
                        "theme" => super::theme_label(value),
                        _ => value.to_string(),
                    };
                    names.insert((name, value.to_string()), label);
                }
            }
            Ok(names)
        })
        .await?;
    let label = |name: &'static str, key: &str| {
        names
            .get(&(name, key.to_string()))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    };
    for (name, title) in FACET_TITLES {
        let current = params.value(name);
        if !current.is_empty() {
            view.chips.push(Chip {
                label: format!("{title} : {}", label(name, current)),
                href: params.with(name, ""),
            });
        }
    }
    for facet in &results.facets {
        let title = FACET_TITLES
            .iter()
            .find(|(n, _)| *n == facet.name)
            .map_or("", |(_, t)| t);
        let current = params.value(facet.name);
        view.facets.push(FacetView {
            title,
            values: facet
                .values
                .iter()
                .map(|(key, count)| FacetValue {
                    label: label(facet.name, key),
                    count: *count,
                    active: current == key,
                    href: params.with(facet.name, if current == key { "" } else { key }),
                })
                .collect(),
        });
    }
    view.total = results.total;
    view.first = (params.page * PER_PAGE + 1).min(results.total);
    view.last = params.page * PER_PAGE + results.hits.len();
    let base = params.with("page", "");
    if params.page > 0 {
        view.prev = format!("{base}&page={}", params.page - 1);
    }
    if view.last < results.total && params.page < MAX_PAGE {
        view.next = format!("{base}&page={}", params.page + 1);
    }
    let ids: Vec<MessageId> = results.hits.iter().map(|h| MessageId(h.id)).collect();
    let of_case = state
        .read(move |conn| Ok(crate::cases::of_messages(conn, &ids)?))
        .await?;
    view.hits = results
        .hits
        .iter()
        .map(|h| HitView {
            case: of_case
                .get(&MessageId(h.id))
                .map(|(id, title, state)| CaseView {
                    id: *id,
                    title: if title.is_empty() {
                        "(sans objet)".to_string()
                    } else {
                        super::clip(title)
                    },
                    state: state.french(),
                    state_class: state.as_str(),
                }),
            id: h.id,
            date: super::when(h.date),
            from: super::clip(&h.from),
            subject: if h.subject.is_empty() {
                "(sans objet)".to_string()
            } else {
                super::clip(&h.subject)
            },
            snippet: pieces(&h.snippet, &h.highlights),
            in_attachment: h.in_attachment,
        })
        .collect();
    view.groups = group_by_case(std::mem::take(&mut view.hits));
    view.cases_shown = view.groups.iter().filter(|g| g.case.is_some()).count();
    if results.total == 0 {
        explain_empty(&mut view, &params);
    }
    Ok(Html(view.render()?).into_response())
}

/// The page's hits grouped by case, in the order of each case's best hit; a message filed in
/// no case is a group of its own.
fn group_by_case(hits: Vec<HitView>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for hit in hits {
        let key = hit.case.as_ref().map(|c| c.id);
        match key.and_then(|k| {
            groups
                .iter_mut()
                .find(|g| g.case.as_ref().map(|c| c.id) == Some(k))
        }) {
            Some(group) => group.hits.push(hit),
            None => groups.push(Group {
                case: hit.case.clone(),
                hits: vec![hit],
            }),
        }
    }
    groups
}

/// An empty result says what was searched and offers wider searches: without quotes, any of
/// the words, without the filters and dates.
fn explain_empty(view: &mut SearchPage, params: &Params) {
    let q = params.q.trim();
    if !q.is_empty() {
        let searched = search::rewrite_query(q).unwrap_or_else(|_| q.to_string());
        let words: Vec<&str> = searched.split_whitespace().collect();
        view.searched_for = if words.len() > 1 && !searched.contains('"') {
            format!(
                "les messages contenant tous ces mots : {}",
                words.join(", ")
            )
        } else {
            format!("les messages contenant {searched}")
        };
        if q.contains('"') {
            let unquoted = q.replace('"', " ");
            view.wider.push(Chip {
                label: format!(
                    "sans les guillemets : {}",
                    unquoted.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
                href: params.with(
                    "q",
                    &unquoted.split_whitespace().collect::<Vec<_>>().join(" "),
                ),
            });
        }
        let plain: Vec<&str> = q
            .split_whitespace()
            .filter(|w| !w.contains(':') && !["ET", "OU", "SAUF", "AND", "OR", "NOT"].contains(w))
            .map(|w| w.trim_matches('"'))
            .filter(|w| w.chars().count() > 2)
            .collect();
        if plain.len() > 1 {
            let any = plain.join(" OU ");
            view.wider.push(Chip {
                label: format!("l'un des mots : {any}"),
                href: params.with("q", &any),
            });
        }
    }
    let filtered = FACET_TITLES
        .iter()
        .any(|(k, _)| !params.value(k).is_empty())
        || !params.from.is_empty()
        || !params.to.is_empty();
    if filtered {
        let mut base = Params {
            q: params.q.clone(),
            ..Params::default()
        };
        base.tri = params.tri.clone();
        view.wider.push(Chip {
            label: "sans les filtres ni les dates".to_string(),
            href: base.with("page", ""),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_follow_highlights() {
        let p = pieces("le pont de Vif", &[(3, 7), (11, 14)]);
        let text: Vec<(&str, bool)> = p.iter().map(|p| (p.text.as_str(), p.mark)).collect();
        assert_eq!(
            text,
            vec![
                ("le ", false),
                ("pont", true),
                (" de ", false),
                ("Vif", true)
            ]
        );
        // Ranges that do not fit are ignored rather than panicking.
        assert_eq!(pieces("é", &[(1, 2)]).len(), 1);
    }

    #[test]
    fn facet_links_toggle_one_parameter() {
        let p = Params {
            q: "pont d'Avignon".into(),
            theme: "voirie".into(),
            page: 3,
            ..Params::default()
        };
        assert_eq!(
            p.with("kind", "personal"),
            "/search?q=pont%20d%27Avignon&theme=voirie&kind=personal"
        );
        assert_eq!(p.with("theme", ""), "/search?q=pont%20d%27Avignon");
    }
}
