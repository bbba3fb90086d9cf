//! Small formatting helpers shared by the commands: dates in RFC 3339 and for humans, and the
//! text hygiene every terminal output goes through (issue 13): mail and file names are hostile
//! input, and a control character printed as it is can forge lines, set the window title,
//! clear the screen or write the clipboard (OSC 52).
//!
//! - [`clean_header_text`] strips control and bidi-override characters from header text when it
//!   is parsed (line breaks and tabs become spaces) and [`truncate_chars`] bounds it;
//! - [`terminal_safe`] escapes them visibly (`\x1b`, `\n`, `\u{202e}`) in one-line fields at
//!   every print point, so rows stored before stripping are harmless too;
//! - [`terminal_safe_text`] does the same for multi-line text (bodies): newlines and tabs stay,
//!   other controls are dropped;
//! - [`quote_name`] quotes a file name (or any location) that holds such characters, so it
//!   cannot forge a line of the ingest summary.

use std::borrow::Cow;
use std::fmt::Write as _;

use std::sync::OnceLock;

use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate, TimeZone as _, Timelike as _, Utc};
use chrono_tz::Tz;

/// The office's time zone when the configuration names none.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Paris;

static ZONE: OnceLock<Tz> = OnceLock::new();

/// Sets the office's time zone (`[office] timezone`) for this process: every time shown to a
/// person, the search's days and months and the dashboard's months are in it. The first call
/// wins (one data directory per process).
pub fn set_zone(zone: Tz) {
    let _ = ZONE.set(zone);
}

/// The office's time zone (Europe/Paris unless configured).
pub fn zone() -> Tz {
    ZONE.get().copied().unwrap_or(DEFAULT_ZONE)
}

/// `ts` (Unix seconds) in the office's zone.
pub fn in_zone(ts: i64) -> Option<DateTime<Tz>> {
    DateTime::<Utc>::from_timestamp(ts, 0).map(|d| d.with_timezone(&zone()))
}

/// Unix time of midnight starting `date` in the office's zone (the earliest, on a DST change).
pub fn zone_midnight(date: NaiveDate) -> Option<i64> {
    let naive = date.and_hms_opt(0, 0, 0)?;
    zone()
        .from_local_datetime(&naive)
        .earliest()
        .map(|d| d.timestamp())
}

/// Today in the office's zone.
pub fn zone_today() -> NaiveDate {
    let now = Utc::now().with_timezone(&zone());
    NaiveDate::from_ymd_opt(now.year(), now.month(), now.day()).unwrap_or_default()
}

const WEEKDAYS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
const MONTHS: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// Weekdays as French prose writes them, Monday first.
pub const FRENCH_WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
/// Months as French prose writes them.
pub const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A calendar day in full, as a French letter writes it: « samedi 14 mars 2026 », « mardi
/// 1er décembre 2026 ».
pub fn french_long_date(date: NaiveDate) -> String {
    format!(
        "{} {}{} {} {}",
        FRENCH_WEEKDAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        if date.day() == 1 { "er" } else { "" },
        FRENCH_MONTHS[date.month0() as usize],
        date.year()
    )
}

/// A day as French pages write it, in the office's zone: « 27 avr. 2026 ».
pub fn french_day(ts: i64) -> String {
    in_zone(ts)
        .map(|d| format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()))
        .unwrap_or_default()
}

/// A moment as French pages write it, in the office's zone: « lun. 27 avr. 2026 à 08:07 ».
pub fn french_datetime(ts: i64) -> String {
    in_zone(ts)
        .map(|d| {
            format!(
                "{} {} {} {} à {:02}:{:02}",
                WEEKDAYS[d.weekday().num_days_from_monday() as usize],
                d.day(),
                MONTHS[d.month0() as usize],
                d.year(),
                d.hour(),
                d.minute()
            )
        })
        .unwrap_or_default()
}

/// How long ago `ts` was at `now`, as French lists write it, in the office's zone: « à
/// l'instant », « il y a 5 min », « il y a 3 h » (today), « hier à 17:40 », « mardi » (this
/// week), « 27 avr. » (this year), « 27 avr. 2024 » (before); the full [`french_datetime`]
/// goes on hover. A time in the future (a wrong clock) is written as a day.
pub fn french_relative(ts: i64, now: i64) -> String {
    let (Some(then), Some(today)) = (in_zone(ts), in_zone(now)) else {
        return String::new();
    };
    let ago = now - ts;
    let days = (today.date_naive() - then.date_naive()).num_days();
    match (ago, days) {
        (0..60, 0) => "à l'instant".to_string(),
        (60..3600, 0) => format!("il y a {} min", ago / 60),
        (3600.., 0) => format!("il y a {} h", ago / 3600),
        (0.., 1) => format!("hier à {:02}:{:02}", then.hour(), then.minute()),
        (0.., 2..=6) => FRENCH_WEEKDAYS[then.weekday().num_days_from_monday() as usize].to_string(),
        _ if then.year() == today.year() && ago >= 0 => {
            format!("{} {}", then.day(), MONTHS[then.month0() as usize])
        }
        _ => french_day(ts),
    }
}

/// RFC 3339 with the sender's own offset (`2025-03-14T10:14:00+01:00`).
pub fn rfc3339(ts: i64, tz_minutes: i32) -> String {
    let offset = FixedOffset::east_opt(tz_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    match DateTime::<Utc>::from_timestamp(ts, 0) {
        Some(dt) => dt.with_timezone(&offset).to_rfc3339(),
        None => String::new(),
    }
}

/// Date and time in the office's zone for listings (`2025-03-14 10:14`).
pub fn local_datetime(ts: i64) -> String {
    in_zone(ts)
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Month in the office's zone (`2025-03`), the search page's month facet.
pub fn local_month(ts: i64) -> String {
    in_zone(ts)
        .map(|d| d.format("%Y-%m").to_string())
        .unwrap_or_default()
}

/// Folds a name for comparison: ASCII transliteration, lower case, every run of non-alphanumeric
/// characters (hyphens, apostrophes, dots) as one space. "Saint-Martin-d'Hères" ->
/// "saint martin d heres", "ŒUVRE" -> "oeuvre".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            // Transliterate one character at a time: whitespace and control characters (a tab
            // between CSV fields) must stay separators, which deunicode would drop.
            match deunicode::deunicode_char(c) {
                Some(ascii) if !c.is_whitespace() => ascii.chars().for_each(|a| push(a, &mut out)),
                _ => push(' ', &mut out),
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A size as French pages write it: « 512 o », « 9,2 Ko », « 1,4 Mo ».
pub fn french_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["Ko", "Mo", "Go", "To"];
    if bytes < 1024 {
        return format!("{bytes} o");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit]).replace('.', ",")
}

/// A count as French pages write it: digits in groups of three separated by a narrow
/// no-break space (« 12 345 »).
pub fn french_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// Human size for the command line: `512 B`, `3.4 KB`, `12.0 MB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A character no terminal output may carry as it is: C0 controls (tab and newline included),
/// DEL, C1 controls, and the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) that reorder what is displayed.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Header text as it is kept (subject, display names, attachment file names): a line break or a
/// tab becomes a space (a carriage return goes), every other unsafe character ([`is_unsafe_char`]) is removed.
pub fn clean_header_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\r' => None,
                '\n' | '\t' => Some(' '),
                c if is_unsafe_char(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// The longest prefix of `text` of at most `max` bytes ending on a character boundary.
pub fn take_prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first `max` characters of `text`, followed by « … » when it was longer.
pub fn truncate_chars(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// One-line text for the terminal: every unsafe character ([`is_unsafe_char`]) is replaced by
/// a visible escape — `\n`, `\r`, `\t`, `\x1b` for C0 and DEL, `\u{9b}` for C1 and bidi
/// controls — so mail-derived or file-derived text can neither forge a line nor send an escape
/// sequence. Borrows when there is nothing to escape.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 && is_unsafe_char(c) => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if is_unsafe_char(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Multi-line text for the terminal (a message body): newlines and tabs are kept, every other
/// unsafe character ([`is_unsafe_char`], carriage returns included) is dropped.
pub fn terminal_safe_text(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\t' || !is_unsafe_char(c);
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| keep(c)).collect())
}

/// A file name or location for a one-line report: as it is when harmless, otherwise in double
/// quotes with `"` and `\` backslash-escaped and unsafe characters escaped as by
/// [`terminal_safe`] (`"cur/x\nFORGED"`), so it can never forge a line.
pub fn quote_name(name: &str) -> Cow<'_, str> {
    if !name.chars().any(is_unsafe_char) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 16);
    out.push('"');
    for c in name.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => push_escaped(&mut out, c),
        }
    }
    out.push('"');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_three() {
        assert_eq!(french_count(0), "0");
        assert_eq!(french_count(999), "999");
        assert_eq!(french_count(2817), "2\u{202f}817");
        assert_eq!(french_count(1_234_567), "1\u{202f}234\u{202f}567");
    }

    /// Issue 17: times in the office's zone, summer and winter, written the French way.
    #[test]
    fn times_are_shown_in_paris_time_summer_and_winter() {
        // 2026-04-27 06:07 UTC is 08:07 in Paris (CEST, +2).
        let summer = DateTime::parse_from_rfc3339("2026-04-27T08:07:00+02:00")
            .unwrap()
            .timestamp();
        assert_eq!(french_datetime(summer), "lun. 27 avr. 2026 à 08:07");
        assert_eq!(local_datetime(summer), "2026-04-27 08:07");
        // 2026-01-12 07:07 UTC is 08:07 in Paris (CET, +1).
        let winter = DateTime::parse_from_rfc3339("2026-01-12T07:07:00Z")
            .unwrap()
            .timestamp();
        assert_eq!(french_datetime(winter), "lun. 12 janv. 2026 à 08:07");
        assert_eq!(french_day(winter), "12 janv. 2026");
        // Just before midnight UTC on 31 December is already the new year in Paris.
        let new_year = DateTime::parse_from_rfc3339("2025-12-31T23:30:00Z")
            .unwrap()
            .timestamp();
        assert_eq!(local_month(new_year), "2026-01");
        assert_eq!(
            zone_midnight(NaiveDate::from_ymd_opt(2026, 7, 14).unwrap()),
            Some(
                DateTime::parse_from_rfc3339("2026-07-13T22:00:00Z")
                    .unwrap()
                    .timestamp()
            )
        );
    }

    #[test]
    fn rfc3339_keeps_the_sender_offset() {
        assert_eq!(rfc3339(1_741_943_640, 60), "2025-03-14T10:14:00+01:00");
        assert_eq!(rfc3339(1_741_943_640, 0), "2025-03-14T09:14:00+00:00");
    }

    #[test]
    fn relative_times_read_as_french_lists_write_them() {
        set_zone(chrono_tz::Europe::Paris);
        // Thursday 2026-12-03 10:00 in Paris (09:00 UTC).
        let now = 1_796_288_400;
        assert_eq!(french_relative(now - 20, now), "à l'instant");
        assert_eq!(french_relative(now - 300, now), "il y a 5 min");
        assert_eq!(french_relative(now - 3 * 3600, now), "il y a 3 h");
        // Wednesday 17:40 Paris.
        assert_eq!(
            french_relative(now - (16 * 3600 + 20 * 60), now),
            "hier à 17:40"
        );
        assert_eq!(french_relative(now - 2 * 86400, now), "mardi");
        assert_eq!(french_relative(now - 40 * 86400, now), "24 oct.");
        assert_eq!(french_relative(now - 400 * 86400, now), "29 oct. 2025");
        assert_eq!(french_relative(now + 86400, now), "4 déc. 2026");
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Saint-Martin-d'Hères"), "saint martin d heres");
        assert_eq!(fold("  ÉTIENNE  de la   Côte "), "etienne de la cote");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("J.-P. Durand"), "j p durand");
        assert_eq!(fold("Nom\tPrénom"), "nom prenom");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(10), "10 B");
        assert_eq!(human_size(2048), "2.0 KB");
        assert_eq!(human_size(5 << 20), "5.0 MB");
    }

    #[test]
    fn terminal_safety() {
        assert_eq!(terminal_safe("plain « é »"), "plain « é »");
        assert!(matches!(terminal_safe("plain"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("a\x1b]0;t\x07\nb\u{9b}c\u{202e}d\x7f"),
            r"a\x1b]0;t\x07\nb\u{9b}c\u{202e}d\x7f"
        );
        assert_eq!(terminal_safe_text("l1\r\n\tl2\x1b[2J"), "l1\n\tl2[2J");
        assert_eq!(clean_header_text("a\r\n b\x1b\u{2066}c\td"), "a  bc d");
        assert_eq!(quote_name("cur/1:2,S"), "cur/1:2,S");
        assert_eq!(quote_name("cur/x\n\"y\\"), r#""cur/x\n\"y\\""#);
        assert_eq!(truncate_chars("éééé", 2), "éé…");
        assert_eq!(truncate_chars("éé", 2), "éé");
    }
}
