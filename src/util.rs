//! Small formatting helpers shared by the commands: dates in RFC 3339 and for humans.

use chrono::{DateTime, FixedOffset, Local, Utc};

/// RFC 3339 with the sender's own offset (`2025-03-14T10:14:00+01:00`).
pub fn rfc3339(ts: i64, tz_minutes: i32) -> String {
    let offset = FixedOffset::east_opt(tz_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    match DateTime::<Utc>::from_timestamp(ts, 0) {
        Some(dt) => dt.with_timezone(&offset).to_rfc3339(),
        None => String::new(),
    }
}

/// Local date and time for listings (`2025-03-14 10:14`).
pub fn local_datetime(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .map(|d| d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Local month (`2025-03`), the search page's month facet.
pub fn local_month(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .map(|d| d.with_timezone(&Local).format("%Y-%m").to_string())
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

/// Human size: `512 B`, `3.4 KB`, `12.0 MB`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_keeps_the_sender_offset() {
        assert_eq!(rfc3339(1_741_943_640, 60), "2025-03-14T10:14:00+01:00");
        assert_eq!(rfc3339(1_741_943_640, 0), "2025-03-14T09:14:00+00:00");
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
}
