//! French dates and times as people write them in letters: « le samedi 14 mars 2026 à 11h00 »,
//! « le 11 novembre à 10 h 30 », « samedi 14 et dimanche 15 mars », « du 5 au 7 juin »,
//! « le 14/03 à 11h », « dimanche prochain », « samedi 5 », « de 18h à 20h », « 10h30-12h »,
//! « entre 14h et 17h », « à midi », « 18 heures 30 ».
//!
//! It works on [`Folded`] text (lower case, ASCII, one space for any run of blanks) and gives
//! each mention with its place in that text, so the reader can judge it by its neighbours (a
//! street « rue du 8 mai 1945 », a forward header « Envoyé : mardi 3 février », a reply
//! deadline « avant le 2 mars »). A year left out is the next occurrence on or after the
//! letter's date; a day without month (« samedi 5 ») the next such day, preferring one that
//! falls on the weekday written; a weekday that disagrees with the date is reported, never
//! corrected.
//!
//! Why a grammar of our own: the French date parsers published as crates were measured on the
//! labelled development set (see the agenda's closing note) and missed forms this one must read
//! (« 10 h 30 », « samedi 14 et dimanche 15 mars »), or moved a date written without its year to
//! the wrong one.

use std::sync::LazyLock;

use chrono::{Datelike as _, Days, NaiveDate, NaiveTime, Weekday};
use regex::Regex;

/// Text folded for matching, with the byte offset in the original of each folded byte.
pub struct Folded {
    /// Lower case ASCII, blanks collapsed to one space.
    pub text: String,
    /// `map[i]` is the original byte offset of folded byte `i` (one more entry: the end).
    map: Vec<usize>,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Folded {
        Folded::build(original, true)
    }

    fn build(original: &str, keep_map: bool) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(if keep_map { original.len() + 1 } else { 0 });
        for (at, c) in original.char_indices() {
            if c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' {
                if !text.ends_with(' ') && !text.is_empty() {
                    text.push(' ');
                    if keep_map {
                        map.push(at);
                    }
                }
                continue;
            }
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
                if keep_map {
                    map.push(at);
                }
                continue;
            }
            match c {
                // Dashes and apostrophes as ASCII (deunicode gives « -- » for some).
                '\u{2010}'..='\u{2015}' | '\u{2212}' => {
                    text.push('-');
                    if keep_map {
                        map.push(at);
                    }
                }
                '\u{2018}' | '\u{2019}' | '\u{2032}' => {
                    text.push('\'');
                    if keep_map {
                        map.push(at);
                    }
                }
                '\u{ab}' | '\u{bb}' => {
                    text.push('"');
                    if keep_map {
                        map.push(at);
                    }
                }
                _ => match deunicode::deunicode_char(c) {
                    // Emoji (« 📅 16/01 ») are named « :date: »: a blank, not words.
                    Some(ascii)
                        if is_symbol(c) || ascii.starts_with(':') || ascii.trim().is_empty() =>
                    {
                        if !text.ends_with(' ') && !text.is_empty() {
                            text.push(' ');
                            if keep_map {
                                map.push(at);
                            }
                        }
                    }
                    Some(ascii) if !ascii.is_empty() => {
                        for a in ascii.chars() {
                            text.push(a.to_ascii_lowercase());
                            if keep_map {
                                map.push(at);
                            }
                        }
                    }
                    _ => {
                        text.push('?');
                        if keep_map {
                            map.push(at);
                        }
                    }
                },
            }
        }
        if keep_map {
            map.push(original.len());
        } else {
            map.clear();
        }
        Folded { text, map }
    }

    /// Only the folded text of `original` (no way back): for whole-letter tests.
    pub fn text_of(original: &str) -> String {
        Folded::build(original, false).text
    }

    /// The original byte offset of folded offset `i`.
    pub fn original(&self, i: usize) -> usize {
        self.map
            .get(i)
            .copied()
            .unwrap_or_else(|| self.map.last().copied().unwrap_or(0))
    }
}

/// Emoji and pictographs (« 📅 16/01 », « 🕚 11h00 », « 📍 »): deunicode names them in
/// words (« date », « clock11 ») that must not be read.
fn is_symbol(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0x200D | 0x2300..=0x23FF)
}

/// A date mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the folded text.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The (first) day.
    pub date: NaiveDate,
    /// The last day of a span (« du 5 au 7 juin », « samedi 14 et dimanche 15 mars »).
    pub end_date: Option<NaiveDate>,
    /// A weekday was written and the date falls on another.
    pub weekday_mismatch: bool,
    /// The year was written.
    pub year_written: bool,
    /// A weekday was written.
    pub weekday_written: bool,
    /// Written relative to the letter (« dimanche prochain ») or without its month.
    pub relative: bool,
}

/// A time mention, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte range in the folded text.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The time.
    pub time: NaiveTime,
    /// The end of a range (« de 18h à 20h »).
    pub end_time: Option<NaiveTime>,
}

const WEEKDAY: &str = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
const MONTH: &str = r"janvier|fevrier|fev\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|aout|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|decembre|dec\.?|janv\.?";

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "lundi" => Weekday::Mon,
        "mardi" => Weekday::Tue,
        "mercredi" => Weekday::Wed,
        "jeudi" => Weekday::Thu,
        "vendredi" => Weekday::Fri,
        "samedi" => Weekday::Sat,
        "dimanche" => Weekday::Sun,
        _ => return None,
    })
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    Some(match w {
        "janvier" | "janv" => 1,
        "fevrier" | "fev" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "decembre" | "dec" => 12,
        _ => return None,
    })
}

fn day_of(word: &str) -> Option<u32> {
    match word {
        "1er" | "premier" => Some(1),
        w => w.trim_end_matches("er").parse().ok(),
    }
}

/// « du samedi 5 (septembre) au dimanche 6 septembre (2026) », « samedi 14 et dimanche 15
/// mars », « les 5 et 6 juin ».
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:(du|les?) )?(?:({WEEKDAY}) )?(1er|premier|\d{{1,2}})(?: ({MONTH}))?(?: (\d{{4}}))?,? (au|et|&) (?:({WEEKDAY}) )?(1er|\d{{1,2}}) ({MONTH})(?: (\d{{4}}))?\b"
    ))
    .expect("static regex")
});

/// « samedi 14 mars 2026 », « le 8 mai », « 1er juin 2026 ».
static LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:({WEEKDAY}),? )?(1er|premier|\d{{1,2}}) ({MONTH})(?: (\d{{4}}))?\b"
    ))
    .expect("static regex")
});

/// « 14/03/2026 », « 14/03/26 », « 14/03 », « samedi 14/03 », « 14.03.2026 ».
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b({WEEKDAY}) (?:le )?)?\b(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}|\d{{2}}))?\b|\b(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})\b"
    ))
    .expect("static regex")
});

/// « dimanche prochain », « ce samedi ».
static NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?:({WEEKDAY}) prochain|ce ({WEEKDAY}))\b")).expect("static regex")
});

/// « samedi 5 » without a month.
static DAY_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b({WEEKDAY}) (1er|\d{{1,2}})\b")).expect("static regex")
});

/// Every date mentioned in `f`, in text order, resolved against `letter` (the day the letter
/// was written). Overlapping forms give one mention (the longest).
pub fn dates(f: &Folded, letter: NaiveDate) -> Vec<DateMention> {
    let text = f.text.as_str();
    let mut out: Vec<DateMention> = Vec::new();
    let taken =
        |out: &Vec<DateMention>, s: usize, e: usize| out.iter().any(|m| s < m.end && m.start < e);
    for c in SPAN.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let joiner = c.get(6).map_or("", |m| m.as_str());
        let Some(d2) = c.get(8).and_then(|m| day_of(m.as_str())) else {
            continue;
        };
        let Some(m2) = c.get(9).and_then(|m| month_of(m.as_str())) else {
            continue;
        };
        let Some(d1) = c.get(3).and_then(|m| day_of(m.as_str())) else {
            continue;
        };
        let m1 = c.get(4).and_then(|m| month_of(m.as_str())).unwrap_or(m2);
        let y2 = c.get(10).and_then(|m| m.as_str().parse::<i32>().ok());
        let y1 = c.get(5).and_then(|m| m.as_str().parse::<i32>().ok());
        // « 14 et 15 » must be near days; « du 5 au 7 » is a span by its words.
        let Some(last) = resolve(d2, m2, y2, letter) else {
            continue;
        };
        let first_year = y1.unwrap_or(if m1 > m2 {
            last.year() - 1
        } else {
            last.year()
        });
        let Some(first) = NaiveDate::from_ymd_opt(first_year, m1, d1) else {
            continue;
        };
        let days = (last - first).num_days();
        let limit = if joiner == "au" { 31 } else { 3 };
        if days < 1 || days > limit {
            continue;
        }
        let wd1 = c.get(2).and_then(|m| weekday_of(m.as_str()));
        let wd2 = c.get(7).and_then(|m| weekday_of(m.as_str()));
        let mismatch =
            wd1.is_some_and(|w| w != first.weekday()) || wd2.is_some_and(|w| w != last.weekday());
        // « les 5 et 6 » starts at its first number, not at the article.
        let start = c.get(2).or(c.get(3)).map_or(whole.start(), |m| m.start());
        let start = if c.get(1).is_some_and(|m| m.as_str() == "du") {
            whole.start()
        } else {
            start
        };
        out.push(DateMention {
            start,
            end: whole.end(),
            date: first,
            end_date: Some(last),
            weekday_mismatch: mismatch,
            year_written: y2.is_some(),
            weekday_written: wd1.is_some() || wd2.is_some(),
            relative: false,
        });
    }
    for c in LONG.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if taken(&out, whole.start(), whole.end()) {
            continue;
        }
        let (Some(d), Some(m)) = (
            c.get(2).and_then(|m| day_of(m.as_str())),
            c.get(3).and_then(|m| month_of(m.as_str())),
        ) else {
            continue;
        };
        let y = c.get(4).and_then(|m| m.as_str().parse::<i32>().ok());
        let wd = c.get(1).and_then(|m| weekday_of(m.as_str()));
        let Some(date) = resolve_with_weekday(d, m, y, wd, letter) else {
            continue;
        };
        out.push(DateMention {
            start: whole.start(),
            end: whole.end(),
            date,
            end_date: None,
            weekday_mismatch: wd.is_some_and(|w| w != date.weekday()),
            year_written: y.is_some(),
            weekday_written: wd.is_some(),
            relative: false,
        });
    }
    for c in NUMERIC.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if taken(&out, whole.start(), whole.end()) {
            continue;
        }
        // Not part of a longer number (a telephone « 04/76/… », a reference « 2026/03/14 »).
        let before = text[..whole.start()].chars().next_back();
        let after = text[whole.end()..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.')
            || after.is_some_and(|c| c.is_ascii_digit() || c == '/')
        {
            continue;
        }
        let (d, m, y) = if c.get(2).is_some() {
            (c.get(2), c.get(3), c.get(4))
        } else {
            (c.get(5), c.get(6), c.get(7))
        };
        let (Some(d), Some(m)) = (
            d.and_then(|m| m.as_str().parse::<u32>().ok()),
            m.and_then(|m| m.as_str().parse::<u32>().ok()),
        ) else {
            continue;
        };
        let y = y.and_then(|m| {
            let s = m.as_str();
            let n = s.parse::<i32>().ok()?;
            Some(if s.len() == 2 { 2000 + n } else { n })
        });
        let wd = c.get(1).and_then(|m| weekday_of(m.as_str()));
        let Some(date) = resolve_with_weekday(d, m, y, wd, letter) else {
            continue;
        };
        out.push(DateMention {
            start: whole.start(),
            end: whole.end(),
            date,
            end_date: None,
            weekday_mismatch: wd.is_some_and(|w| w != date.weekday()),
            year_written: y.is_some(),
            weekday_written: wd.is_some(),
            relative: false,
        });
    }
    for c in NEXT.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if taken(&out, whole.start(), whole.end()) {
            continue;
        }
        // « ce mercredi 5 » names its day: that is for the day-only reading below.
        if c.get(2).is_some()
            && text[whole.end()..]
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        let Some(wd) = c.get(1).or(c.get(2)).and_then(|m| weekday_of(m.as_str())) else {
            continue;
        };
        let Some(date) = next_weekday(letter, wd) else {
            continue;
        };
        out.push(DateMention {
            start: whole.start(),
            end: whole.end(),
            date,
            end_date: None,
            weekday_mismatch: false,
            year_written: false,
            weekday_written: true,
            relative: true,
        });
    }
    for c in DAY_ONLY.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if taken(&out, whole.start(), whole.end()) {
            continue;
        }
        // « samedi 5 » followed by a time, a comma or the end of a phrase, not by a unit.
        let after = text[whole.end()..].trim_start();
        // The next line of a card (« samedi 5 » / « Accueil : 11:00 »): a label follows.
        static LABEL: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^[a-z']+(?: [a-z']+)? ?:").expect("static regex"));
        if after.starts_with(|c: char| c.is_ascii_alphabetic())
            && !LABEL.is_match(after)
            && !after.starts_with("a ")
            && !after.starts_with("de ")
            && !after.starts_with("des ")
            && !after.starts_with("et ")
            && !after.starts_with("au ")
        {
            continue;
        }
        if after.starts_with('h') || after.starts_with(':') {
            continue;
        }
        let (Some(wd), Some(d)) = (
            c.get(1).and_then(|m| weekday_of(m.as_str())),
            c.get(2).and_then(|m| day_of(m.as_str())),
        ) else {
            continue;
        };
        let Some(date) = next_day_of_month(letter, d, Some(wd)) else {
            continue;
        };
        out.push(DateMention {
            start: whole.start(),
            end: whole.end(),
            date,
            end_date: None,
            weekday_mismatch: date.weekday() != wd,
            year_written: false,
            weekday_written: true,
            relative: true,
        });
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Day `d` of month `m`, in year `y` or, when left out, the next occurrence on or after
/// `letter`.
fn resolve(d: u32, m: u32, y: Option<i32>, letter: NaiveDate) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    match y {
        Some(y) if (1900..=2200).contains(&y) => NaiveDate::from_ymd_opt(y, m, d),
        Some(_) => None,
        None => {
            let this = NaiveDate::from_ymd_opt(letter.year(), m, d);
            match this {
                Some(date) if date >= letter => Some(date),
                _ => NaiveDate::from_ymd_opt(letter.year() + 1, m, d)
                    .or_else(|| NaiveDate::from_ymd_opt(letter.year() + 4, m, d)),
            }
        }
    }
}

/// Like [`resolve`], but when the year is left out and the weekday written falls on the
/// recent past occurrence (within 90 days before the letter) and not on the next one, the
/// letter speaks of the past one (« le jeudi 10 avril » in a thank-you note of 16 April).
fn resolve_with_weekday(
    d: u32,
    m: u32,
    y: Option<i32>,
    wd: Option<Weekday>,
    letter: NaiveDate,
) -> Option<NaiveDate> {
    let next = resolve(d, m, y, letter)?;
    let (Some(wd), None) = (wd, y) else {
        return Some(next);
    };
    if next.weekday() == wd {
        return Some(next);
    }
    let past = NaiveDate::from_ymd_opt(next.year() - 1, m, d)
        .filter(|p| *p < letter && (letter - *p).num_days() <= 90 && p.weekday() == wd);
    Some(past.unwrap_or(next))
}

/// The first `wd` strictly after `letter`.
pub fn next_weekday(letter: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    (1..=7)
        .filter_map(|n| letter.checked_add_days(Days::new(n)))
        .find(|d| d.weekday() == wd)
}

/// The next day `d` of a month on or after `letter`: the first whose weekday is `wd` within a
/// year, else the first.
fn next_day_of_month(letter: NaiveDate, d: u32, wd: Option<Weekday>) -> Option<NaiveDate> {
    let mut candidates = Vec::new();
    let (mut y, mut m) = (letter.year(), letter.month());
    for _ in 0..13 {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
            && date >= letter
        {
            candidates.push(date);
        }
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    candidates
        .iter()
        .find(|c| wd.is_none_or(|w| c.weekday() == w))
        .or(candidates.first())
        .copied()
}

/// « 11h », « 11h00 », « 11 h 30 », « 11H30 », « 09h30 », « 18:30 », « 18 heures », « 18 heures
/// 30 », « midi ».
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}) ?(?:heures?|h)(?: ?(\d{2}))?|\b(\d{1,2}):(\d{2})\b|\b(midi|minuit)\b")
        .expect("static regex")
});

/// Every time of day in `f`, ranges joined (« de 18h à 20h », « 10h30-12h », « entre 14h et
/// 17h », « 18h (fin prévue à 20h) »), in text order.
pub fn times(f: &Folded) -> Vec<TimeMention> {
    let text = f.text.as_str();
    let mut single: Vec<TimeMention> = Vec::new();
    for c in TIME.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let after = &text[whole.end()..];
        let time = if let Some(word) = c.get(5) {
            if word.as_str() == "midi" {
                // « après-midi », « midi-pyrénées » are not noon.
                let compound = after.starts_with('-')
                    && after[1..].starts_with(|c: char| c.is_ascii_alphabetic());
                if text[..whole.start()].ends_with("apres-")
                    || text[..whole.start()].ends_with("apres ")
                    || compound
                {
                    continue;
                }
                NaiveTime::from_hms_opt(12, 0, 0)
            } else {
                NaiveTime::from_hms_opt(0, 0, 0)
            }
        } else if let Some(h) = c.get(1) {
            // « 3 hectares », « 2 heures de route »: a letter right after the time is a unit.
            let raw = whole.as_str();
            if after.starts_with(|c: char| c.is_ascii_alphanumeric())
                && !raw.ends_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            if raw.contains("heure") && c.get(2).is_none() {
                // « 2 heures de route », « 24 heures sur 24 » are durations.
                let next = after.trim_start();
                let duration = [
                    "de route",
                    "de trajet",
                    "de marche",
                    "de train",
                    "de voiture",
                    "de vol",
                    "de retard",
                    "de travail",
                    "de formation",
                    "d'",
                    "par jour",
                    "par semaine",
                    "par mois",
                    "hebdomadaires",
                    "par an",
                ];
                if duration.iter().any(|d| next.starts_with(d))
                    || (next.starts_with("sur ")
                        && next[4..].starts_with(|c: char| c.is_ascii_digit()))
                {
                    continue;
                }
            }
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.') {
                continue;
            }
            let hour: u32 = h.as_str().parse().unwrap_or(99);
            let minute: u32 = c.get(2).map_or(0, |m| m.as_str().parse().unwrap_or(99));
            NaiveTime::from_hms_opt(hour, minute, 0)
        } else {
            let (Some(h), Some(m)) = (c.get(3), c.get(4)) else {
                continue;
            };
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_digit() || c == ':') || after.starts_with(':') {
                continue;
            }
            NaiveTime::from_hms_opt(
                h.as_str().parse().unwrap_or(99),
                m.as_str().parse().unwrap_or(99),
                0,
            )
        };
        let Some(time) = time else { continue };
        single.push(TimeMention {
            start: whole.start(),
            end: whole.end(),
            time,
            end_time: None,
        });
    }
    // Join ranges.
    let mut out: Vec<TimeMention> = Vec::new();
    let mut i = 0;
    while i < single.len() {
        let mut t = single[i];
        if let Some(next) = single.get(i + 1) {
            let between = text[t.end..next.start].trim();
            let before = text[..t.start].trim_end();
            let joined = matches!(
                between,
                "-" | "a" | "au" | "jusqu'a" | "et" | "/" | "-->" | "->"
            ) && (between != "et" || before.ends_with("entre"))
                && (between != "a"
                    || before.ends_with(" de")
                    || before.ends_with("(de")
                    || before.ends_with("de"))
                && next.time > t.time;
            // « à 18h (fin prévue à 20h) », « 18h, jusqu'à 20h ».
            let end_words = between.trim_start_matches(['(', ',', ';', '-', ' ']);
            let ended = (end_words.ends_with("fin prevue a")
                || end_words.ends_with("fin prevue vers")
                || end_words.ends_with("jusqu'a")
                || end_words.ends_with("fin vers")
                || end_words.ends_with("fin a")
                || end_words.ends_with("se terminera a")
                || end_words.ends_with("cloture a"))
                && between.len() < 40
                && next.time > t.time;
            if joined || ended {
                t.end_time = Some(next.time);
                t.end = next.end;
                i += 1;
            }
        }
        out.push(t);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn first(text: &str, letter: NaiveDate) -> DateMention {
        let f = Folded::new(text);
        dates(&f, letter).into_iter().next().expect(text)
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn dates_as_letters_write_them() {
        let letter = d(2026, 2, 10);
        // (text, date, end date, weekday mismatch)
        let cases: &[(&str, NaiveDate, Option<NaiveDate>, bool)] = &[
            (
                "le samedi 14 mars 2026 à 11h00",
                d(2026, 3, 14),
                None,
                false,
            ),
            ("le 11 novembre à 10 h 30", d(2026, 11, 11), None, false),
            ("le 8 Mai", d(2026, 5, 8), None, false),
            ("le 1er février", d(2027, 2, 1), None, false),
            (
                "samedi 14 et dimanche 15 mars",
                d(2026, 3, 14),
                Some(d(2026, 3, 15)),
                false,
            ),
            (
                "du vendredi 5 au dimanche 7 juin 2026",
                d(2026, 6, 5),
                Some(d(2026, 6, 7)),
                false,
            ),
            (
                "les 5 et 6 septembre",
                d(2026, 9, 5),
                Some(d(2026, 9, 6)),
                false,
            ),
            (
                "du 30 janvier au 1er février 2027",
                d(2027, 1, 30),
                Some(d(2027, 2, 1)),
                false,
            ),
            ("le 14/03 à 11h", d(2026, 3, 14), None, false),
            ("le 14/03/26", d(2026, 3, 14), None, false),
            ("le samedi 14/03/2026", d(2026, 3, 14), None, false),
            ("dimanche prochain", d(2026, 2, 15), None, false),
            ("samedi 21, à 10h", d(2026, 2, 21), None, false),
            ("le samedi 15 mars 2026", d(2026, 3, 15), None, true),
            ("Le Dimanche 22 Février", d(2026, 2, 22), None, false),
        ];
        for (text, date, end, mismatch) in cases {
            let m = first(text, letter);
            assert_eq!(m.date, *date, "{text}");
            assert_eq!(m.end_date, *end, "{text}");
            assert_eq!(m.weekday_mismatch, *mismatch, "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        let letter = d(2026, 2, 10);
        for text in [
            "04/76/12/34",
            "tél. 04 76 12 34 56",
            "réf. 2026/03/14",
            "3,5 h",
        ] {
            let f = Folded::new(text);
            assert!(dates(&f, letter).is_empty(), "{text}");
        }
        let f = Folded::new("3 hectares, 2 heures de route, l'après-midi");
        assert!(times(&f).is_empty());
    }

    #[test]
    fn times_and_ranges() {
        let cases: &[(&str, NaiveTime, Option<NaiveTime>)] = &[
            ("à 11h00", hm(11, 0), None),
            ("à 10 h 30", hm(10, 30), None),
            ("à 18H30", hm(18, 30), None),
            ("à 09h30", hm(9, 30), None),
            ("à 18:30", hm(18, 30), None),
            ("à 18 heures", hm(18, 0), None),
            ("à 18 heures 30", hm(18, 30), None),
            ("à midi", hm(12, 0), None),
            ("de 18h à 20h", hm(18, 0), Some(hm(20, 0))),
            ("10h30-12h", hm(10, 30), Some(hm(12, 0))),
            ("entre 14h et 17h", hm(14, 0), Some(hm(17, 0))),
            ("à 18h (fin prévue à 20h)", hm(18, 0), Some(hm(20, 0))),
        ];
        for (text, start, end) in cases {
            let f = Folded::new(text);
            let t = times(&f);
            assert_eq!(t.len(), 1, "{text}: {t:?}");
            assert_eq!(t[0].time, *start, "{text}");
            assert_eq!(t[0].end_time, *end, "{text}");
        }
    }

    #[test]
    fn emoji_are_blanks() {
        let f = Folded::new("📅 24/10/2026\n🕚 14H - 15H30\n📍 La salle");
        assert_eq!(f.text, "24/10/2026 14h - 15h30 la salle");
    }

    #[test]
    fn folding_keeps_the_way_back() {
        let original = "Salle  des fêtes, 8\u{a0}rue Émile-Zola";
        let f = Folded::new(original);
        assert_eq!(f.text, "salle des fetes, 8 rue emile-zola");
        let i = f.text.find("emile").unwrap();
        assert_eq!(&original[f.original(i)..], "Émile-Zola");
    }
}
