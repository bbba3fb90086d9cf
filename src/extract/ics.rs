//! iCalendar (RFC 5545) invitations: content lines unfolded (one leading space or tab removed,
//! nothing else: a fold often falls after a space), properties with their parameters, text
//! values unescaped, and each VEVENT's summary, dates, place, organiser and description — read
//! into the text that is searched and tagged. Written here rather than taken from a crate: the
//! `ical` crate trims the end of each folded line (« de la | médiathèque » became
//! « de lamédiathèque ») and stops at the first line that is not UTF-8.

/// One property: name (upper case), parameters (name upper case, value), value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// `DTSTART`, `SUMMARY`…
    pub name: String,
    /// `TZID`, `CN`, `VALUE`…
    pub params: Vec<(String, String)>,
    /// The raw value (escapes kept).
    pub value: String,
}

impl Property {
    /// Parameter `name`'s value.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value as text (`\,` `\;` `\n` `\\` unescaped).
    pub fn text(&self) -> String {
        unescape(&self.value)
    }
}

/// One VEVENT: its properties in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    /// Its properties.
    pub properties: Vec<Property>,
}

impl Event {
    /// The first property called `name`.
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// A calendar object: its METHOD and its events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// `REQUEST`, `PUBLISH`, `CANCEL`… ('' when absent).
    pub method: String,
    /// The VEVENTs, in order.
    pub events: Vec<Event>,
}

/// At most this many events are read from one file.
const MAX_EVENTS: usize = 1_000;

/// Parses `bytes` (UTF-8, invalid sequences replaced).
pub fn parse(bytes: &[u8]) -> Calendar {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut cal = Calendar::default();
    // Nesting of components (VCALENDAR > VEVENT > VALARM): only VEVENT's own lines count.
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<Event> = None;
    for line in unfold(text) {
        let Some(p) = content_line(&line) else {
            continue;
        };
        match p.name.as_str() {
            "BEGIN" => {
                let component = p.value.trim().to_ascii_uppercase();
                if component == "VEVENT" && current.is_none() && cal.events.len() < MAX_EVENTS {
                    current = Some(Event::default());
                }
                if stack.len() < 100 {
                    stack.push(component);
                }
            }
            "END" => {
                let component = p.value.trim().to_ascii_uppercase();
                if component == "VEVENT"
                    && stack.last().is_some_and(|c| c == "VEVENT")
                    && let Some(e) = current.take()
                {
                    cal.events.push(e);
                }
                stack.pop();
            }
            "METHOD" if stack.last().is_some_and(|c| c == "VCALENDAR") => {
                cal.method = p.value.trim().to_ascii_uppercase();
            }
            _ => {
                if stack.last().is_some_and(|c| c == "VEVENT")
                    && let Some(e) = current.as_mut()
                    && e.properties.len() < 1_000
                {
                    e.properties.push(p);
                }
            }
        }
    }
    cal
}

/// The content lines of `text`, folds removed (CRLF or LF followed by one space or tab).
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t'])
            && let Some(last) = lines.last_mut()
        {
            last.push_str(rest);
        } else if !raw.is_empty() {
            lines.push(raw.to_string());
        }
    }
    lines
}

/// `NAME;P1=V1;P2="V,2":VALUE`.
fn content_line(line: &str) -> Option<Property> {
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some(Property {
        name,
        params,
        value: value.to_string(),
    })
}

fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let (mut out, mut start, mut quoted) = (Vec::new(), 0, false);
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            out.push(&s[start..i]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out
}

/// RFC 5545 TEXT unescaping.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A DATE or DATE-TIME value as written: (date, time if any, whether UTC, TZID if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// The day.
    pub date: chrono::NaiveDate,
    /// The time of day, None for an all-day event.
    pub time: Option<chrono::NaiveTime>,
    /// `Z`: the time is UTC.
    pub utc: bool,
    /// The `TZID` parameter.
    pub tzid: Option<String>,
}

/// Reads a DTSTART/DTEND-like property.
pub fn when(p: &Property) -> Option<When> {
    let v = p.value.trim();
    let date = chrono::NaiveDate::parse_from_str(v.get(..8)?, "%Y%m%d").ok()?;
    let (time, utc) = match v.get(8..) {
        Some(rest) if rest.starts_with('T') => {
            let utc = rest.ends_with('Z');
            let t = rest.trim_start_matches('T').trim_end_matches('Z');
            (chrono::NaiveTime::parse_from_str(t, "%H%M%S").ok(), utc)
        }
        _ => (None, false),
    };
    Some(When {
        date,
        time,
        utc,
        tzid: p.param("TZID").map(str::to_string),
    })
}

/// « samedi 14 mars 2026 à 11 h 00 » (the time as written, its zone named when UTC or other).
pub fn french(w: &When) -> String {
    use chrono::Timelike as _;
    let mut s = crate::util::french_long_date(w.date);
    if let Some(t) = w.time {
        s.push_str(&format!(" à {} h {:02}", t.hour(), t.minute()));
        if w.utc {
            s.push_str(" (UTC)");
        } else if let Some(z) = &w.tzid
            && z != "Europe/Paris"
        {
            s.push_str(&format!(" ({z})"));
        }
    }
    s
}

/// The text of an invitation: per event its title, dates, place, organiser and description,
/// labelled in French; at most `max_chars` characters.
pub fn text(bytes: &[u8], max_chars: usize) -> String {
    let cal = parse(bytes);
    let mut out = String::new();
    for e in &cal.events {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut line = |label: &str, value: String| {
            let value = value.trim().to_string();
            if !value.is_empty() {
                out.push_str(label);
                out.push_str(" : ");
                out.push_str(&value);
                out.push('\n');
            }
        };
        let status = match (cal.method.as_str(), e.get("STATUS").map(|p| p.value.trim())) {
            ("CANCEL", _) | (_, Some("CANCELLED")) => "Événement annulé",
            ("REQUEST", _) => "Invitation",
            _ => "Événement",
        };
        line(
            status,
            e.get("SUMMARY").map(Property::text).unwrap_or_default(),
        );
        line(
            "Début",
            e.get("DTSTART")
                .and_then(when)
                .map(|w| french(&w))
                .unwrap_or_default(),
        );
        line(
            "Fin",
            e.get("DTEND")
                .and_then(when)
                .map(|w| french(&w))
                .unwrap_or_default(),
        );
        line(
            "Lieu",
            e.get("LOCATION").map(Property::text).unwrap_or_default(),
        );
        if let Some(o) = e.get("ORGANIZER") {
            let mail = o
                .value
                .trim()
                .trim_start_matches("mailto:")
                .trim_start_matches("MAILTO:");
            let who = match o.param("CN") {
                Some(cn) if !cn.is_empty() => format!("{cn} <{mail}>"),
                _ => mail.to_string(),
            };
            line("Organisateur", who);
        }
        line(
            "Description",
            e.get("DESCRIPTION").map(Property::text).unwrap_or_default(),
        );
        if out.chars().count() > max_chars {
            break;
        }
    }
    let mut t = out.trim_end().to_string();
    if let Some((cut, _)) = t.char_indices().nth(max_chars) {
        t.truncate(cut);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:1@mairie\r\nSUMMARY:Inauguration de la \r\n médiathèque\r\nDTSTART;TZID=Europe/Paris:20260314T110000\r\nDTEND;TZID=Europe/Paris:20260314T123000\r\nLOCATION:Salle des fêtes\\, 3 place de la Mairie\\, Saint-Égrève\r\nORGANIZER;CN=\"Dupont, Marie\":mailto:maire@saint-egreve.fr\r\nDESCRIPTION:Programme :\\n11 h accueil\\; 11 h 30 discours\r\nBEGIN:VALARM\r\nDESCRIPTION:rappel\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn an_invitation_is_read_whole() {
        let cal = parse(INVITE.as_bytes());
        assert_eq!(cal.method, "REQUEST");
        assert_eq!(cal.events.len(), 1);
        let e = &cal.events[0];
        assert_eq!(
            e.get("summary").unwrap().text(),
            "Inauguration de la médiathèque"
        );
        assert_eq!(
            e.get("ORGANIZER").unwrap().param("cn"),
            Some("Dupont, Marie")
        );
        let start = when(e.get("DTSTART").unwrap()).unwrap();
        assert_eq!(start.tzid.as_deref(), Some("Europe/Paris"));
        assert_eq!(french(&start), "samedi 14 mars 2026 à 11 h 00");
        assert_eq!(
            text(INVITE.as_bytes(), 10_000),
            "Invitation : Inauguration de la médiathèque\n\
             Début : samedi 14 mars 2026 à 11 h 00\n\
             Fin : samedi 14 mars 2026 à 12 h 30\n\
             Lieu : Salle des fêtes, 3 place de la Mairie, Saint-Égrève\n\
             Organisateur : Dupont, Marie <maire@saint-egreve.fr>\n\
             Description : Programme :\n11 h accueil; 11 h 30 discours"
        );
    }

    #[test]
    fn all_day_utc_and_garbage() {
        let p = content_line("DTSTART;VALUE=DATE:20261111").unwrap();
        let w = when(&p).unwrap();
        assert_eq!(
            (w.time, french(&w).as_str()),
            (None, "mercredi 11 novembre 2026")
        );
        let p = content_line("DTSTART:20260508T080000Z").unwrap();
        assert_eq!(
            french(&when(&p).unwrap()),
            "vendredi 8 mai 2026 à 8 h 00 (UTC)"
        );
        assert!(when(&content_line("DTSTART:2026").unwrap()).is_none());
        assert_eq!(parse(b"\xff\xfe garbage").events.len(), 0);
        assert_eq!(
            text(b"BEGIN:VEVENT\nSUMMARY:sans calendrier\nEND:VEVENT", 100),
            "Événement : sans calendrier"
        );
        let many = "BEGIN:VCALENDAR\n".to_string()
            + &"BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n".repeat(5_000);
        assert_eq!(parse(many.as_bytes()).events.len(), MAX_EVENTS);
    }
}
