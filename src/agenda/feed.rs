//! The agenda as iCalendar (RFC 5545): the feed calendar applications subscribe to and the
//! file `agenda export --ics` writes. Accepted events and those a representative attends are
//! in it (the representative named); declined ones are left out or marked cancelled, as the
//! configuration says; undecided ones only when it asks, as tentative. Times are written in
//! UTC (`Z`), all-day events as dates, every text escaped and folded at 75 octets.

use chrono::TimeZone as _;

use super::{Event, State};
use crate::config::{AgendaConfig, FeedDeclined};

/// Whether `e` goes in the feed under `config`.
pub fn carried(e: &Event, config: &AgendaConfig) -> bool {
    match e.state {
        State::Accepted | State::Represented => true,
        State::Declined => config.feed_declined == FeedDeclined::Mark,
        State::Maybe | State::Undecided => config.feed_undecided,
        State::Dismissed => false,
    }
}

/// The calendar of `events` (those [`carried`]), stamped `now`; `host` names the UIDs.
pub fn calendar(events: &[Event], config: &AgendaConfig, host: &str, now: i64) -> String {
    let mut out = String::new();
    let mut line = |s: &str| fold_line(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Permanence//Agenda//FR");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:Agenda de la permanence");
    line("X-WR-TIMEZONE:Europe/Paris");
    let stamp = utc(now);
    for e in events.iter().filter(|e| carried(e, config)) {
        line("BEGIN:VEVENT");
        line(&format!("UID:event-{}@{}", e.id, escape_uid(host)));
        line(&format!("DTSTAMP:{stamp}"));
        match e.start {
            Some(_) => {
                line(&format!("DTSTART:{}", utc(e.starts_at())));
                line(&format!("DTEND:{}", utc(e.ends_at())));
            }
            None => {
                let last = e.end_date.unwrap_or(e.date);
                line(&format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
                line(&format!(
                    "DTEND;VALUE=DATE:{}",
                    last.succ_opt().unwrap_or(last).format("%Y%m%d")
                ));
            }
        }
        let summary = match e.state {
            State::Represented => format!("{} (représenté par {})", e.title, e.representative),
            State::Declined => format!("Décliné : {}", e.title),
            State::Maybe | State::Undecided => format!("À décider : {}", e.title),
            _ => e.title.clone(),
        };
        line(&format!("SUMMARY:{}", escape(&summary)));
        if !e.place.is_empty() {
            line(&format!("LOCATION:{}", escape(&e.place)));
        }
        let mut description = Vec::new();
        if !e.organiser.is_empty() {
            description.push(format!("Invitation de {}", e.organiser));
        }
        if let Some(n) = &e.notes {
            description.push(n.clone());
        }
        if !e.decision_note.is_empty() {
            description.push(e.decision_note.clone());
        }
        if let Some(code) = &e.commune_code {
            description.push(format!("Commune INSEE {code}"));
        }
        if !description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&description.join("\n"))));
        }
        line(&format!(
            "STATUS:{}",
            match e.state {
                State::Accepted | State::Represented => "CONFIRMED",
                State::Declined => "CANCELLED",
                _ => "TENTATIVE",
            }
        ));
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn utc(ts: i64) -> String {
    chrono::Utc
        .timestamp_opt(ts, 0)
        .single()
        .map_or_else(String::new, |d| d.format("%Y%m%dT%H%M%SZ").to_string())
}

/// Text escaped as RFC 5545 § 3.3.11 says; control characters dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn escape_uid(host: &str) -> String {
    let clean: String = host
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .take(100)
        .collect();
    if clean.is_empty() {
        "permanence".to_string()
    } else {
        clean
    }
}

/// Appends `s` and CRLF, folded so that no line is longer than 75 octets (never inside a
/// UTF-8 character).
fn fold_line(out: &mut String, s: &str) {
    let mut width = 0;
    for c in s.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// A time for the JSON output: RFC 3339 with the office's offset.
pub fn rfc3339(ts: i64) -> String {
    crate::util::in_zone(ts).map_or_else(String::new, |d| d.to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_cutting_characters() {
        let mut out = String::new();
        fold_line(&mut out, &format!("SUMMARY:{}", "é".repeat(80)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "é".repeat(80))
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a;b,c\\d\ne\r"), "a\\;b\\,c\\\\d\\ne");
    }
}
