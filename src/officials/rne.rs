//! Reading the Répertoire national des élus (RNE) files of the Ministry of the Interior, in every
//! release since the register was first published and as third parties republish it.
//!
//! The published format changes between releases, so nothing is assumed:
//! - the text is UTF-8 (with or without BOM), UTF-16 with a BOM, or Latin-1/windows-1252; the
//!   separator is `;`, tab or `,`; fields may be quoted; lines end in CRLF or LF; title lines may
//!   precede the header;
//! - a header is matched by its folded meaning, not one spelling: "Nom de l'élu", `nom_elu` and
//!   "Nom" are the surname; "Code de la commune", `code_commune` and "Code Insee" the commune;
//!   abbreviations are spelt out first (`dpt`, `naiss`, `circo`, `deb`, …);
//! - a date is accepted in any form that can be read one way only ([`parse_date`]): day first
//!   when the year comes last (the French order of every release), ISO order when it comes first,
//!   with or without a time and an offset (only the date part is kept);
//! - a commune code is complete only with its département ([`complete_commune`]): earlier
//!   releases give the number within the département (`01` + `001` = `01001`), spreadsheets drop
//!   the leading zero (`1001`), overseas départements have three characters and two-digit commune
//!   numbers (`971` + `01`), and the Ministry's electoral codes (`ZA` = Guadeloupe) stand for the
//!   INSEE ones.
//!
//! The file kind (mayors, municipal councillors, …) is detected from the header, with the file
//! name as a fallback. A row that cannot be read is refused with its line number and a reason;
//! deciding whether a file with many refused rows was understood at all is the importer's job.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context as _, Result, bail};
use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::util::fold;

/// The kinds of RNE files, named by the suffix the Ministry uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// Mayors (`elus-maires-mai.csv`).
    Mai,
    /// Municipal councillors (`…-cm.csv`).
    Cm,
    /// Departmental councillors (`…-cd.csv`).
    Cd,
    /// Regional councillors (`…-cr.csv`).
    Cr,
    /// Arrondissement councillors of Paris, Lyon, Marseille (`…-ca.csv`).
    Ca,
    /// Senators (`…-sen.csv`).
    Sen,
    /// Deputies (`…-dep.csv`).
    Dep,
    /// EPCI (intercommunality) members (`…-epci.csv`).
    Epci,
    /// Members of the European Parliament (`…-rpe.csv`).
    Rpe,
    /// Assembly of French citizens abroad (`…-afe.csv`).
    Afe,
    /// Consular councillors (`…-cons.csv`).
    Cons,
    /// Members of the assemblies of collectivities with special status (`…-ma.csv`).
    Ma,
}

impl FileKind {
    /// Short code stored in `mandates.kind`.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Mai => "mai",
            FileKind::Cm => "cm",
            FileKind::Cd => "cd",
            FileKind::Cr => "cr",
            FileKind::Ca => "ca",
            FileKind::Sen => "sen",
            FileKind::Dep => "dep",
            FileKind::Epci => "epci",
            FileKind::Rpe => "rpe",
            FileKind::Afe => "afe",
            FileKind::Cons => "cons",
            FileKind::Ma => "ma",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Mai => "mayors",
            FileKind::Cm => "municipal councillors",
            FileKind::Cd => "departmental councillors",
            FileKind::Cr => "regional councillors",
            FileKind::Ca => "arrondissement councillors",
            FileKind::Sen => "senators",
            FileKind::Dep => "deputies",
            FileKind::Epci => "EPCI members",
            FileKind::Rpe => "members of the European Parliament",
            FileKind::Afe => "AFE members",
            FileKind::Cons => "consular councillors",
            FileKind::Ma => "members of special-status assemblies",
        }
    }

    /// Function implied by the file when it has no function column.
    fn default_function(self) -> &'static str {
        match self {
            FileKind::Mai => "Maire",
            FileKind::Cm => "Conseiller municipal",
            FileKind::Cd => "Conseiller départemental",
            FileKind::Cr => "Conseiller régional",
            FileKind::Ca => "Conseiller d'arrondissement",
            FileKind::Sen => "Sénateur",
            FileKind::Dep => "Député",
            FileKind::Rpe => "Député européen",
            _ => "",
        }
    }
}

/// Columns the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Nom,
    Prenom,
    Sexe,
    Birth,
    Profession,
    Fonction,
    MandateStart,
    FunctionStart,
    DepCode,
    DepName,
    CommuneCode,
    CommuneName,
    CantonCode,
    CantonName,
    CircCode,
    CircName,
    RegionCode,
    RegionName,
    SectionCode,
    SectionName,
    CollCode,
    CollName,
    Secteur,
    EpciCode,
    EpciName,
}

/// A header word with its abbreviations and plurals spelt out, so that one test below covers
/// "Code du département", `code_dpt` and "Code dép.", or "Date de début" and `date_deb`.
fn canonical_word(word: &str) -> &str {
    match word {
        "dep" | "dpt" | "dept" | "depart" | "departements" => "departement",
        "deb" => "debut",
        "nais" | "naiss" => "naissance",
        "circ" | "circo" | "circonscriptions" => "circonscription",
        "com" | "comm" | "communes" => "commune",
        "cod" | "num" | "numero" => "code",
        "reg" => "region",
        "coll" | "collectivites" => "collectivite",
        "fct" | "fonctions" => "fonction",
        "prenoms" => "prenom",
        "patronyme" => "nom",
        "civilite" | "genre" => "sexe",
        other => other,
    }
}

/// The column a header names, from the meaning of its folded words: the surname column is
/// "Nom de l'élu", `nom_elu` or "Nom", the commune code "Code de la commune", `code_commune`,
/// "Code commune" or "Code Insee", and so on. Columns the importer does not use (nationality,
/// population, political label, end of a mandate) give `None`, as do codes of labels it keeps
/// (the socio-professional category code).
fn column_of(header: &str) -> Option<Col> {
    let folded = fold(header);
    let words: Vec<&str> = folded.split(' ').map(canonical_word).collect();
    let has = |w: &str| words.contains(&w);
    let code = has("code") || has("siren") || has("insee") || has("cog");
    if has("nationalite") || has("population") || has("nuance") {
        return None;
    }
    // "Date de fin du mandat", "Motif de fin de fonction" (earlier releases): not a start date,
    // nor the function's label.
    if has("fin") || has("motif") {
        return None;
    }
    if has("prenom") {
        return Some(Col::Prenom);
    }
    if has("sexe") {
        return Some(Col::Sexe);
    }
    if has("naissance") {
        // "Date de naissance", `date_naiss`, "Naissance"; not "Lieu de naissance" nor "Nom de
        // naissance".
        return (has("date") || words.len() == 1).then_some(Col::Birth);
    }
    if folded.contains("socio") || has("csp") || has("profession") {
        return if code { None } else { Some(Col::Profession) };
    }
    if has("debut") && has("fonction") {
        return Some(Col::FunctionStart);
    }
    if has("debut") && has("mandat") {
        return Some(Col::MandateStart);
    }
    if has("fonction") {
        return Some(Col::Fonction);
    }
    let pick = |c: Col, l: Col| Some(if code { c } else { l });
    if has("commune") {
        return pick(Col::CommuneCode, Col::CommuneName);
    }
    if has("canton") {
        return pick(Col::CantonCode, Col::CantonName);
    }
    if has("secteur") {
        return Some(Col::Secteur);
    }
    if has("section") {
        return pick(Col::SectionCode, Col::SectionName);
    }
    if has("circonscription") {
        return pick(Col::CircCode, Col::CircName);
    }
    if has("region") {
        return pick(Col::RegionCode, Col::RegionName);
    }
    if has("collectivite") {
        return pick(Col::CollCode, Col::CollName);
    }
    if has("epci") || has("siren") {
        return pick(Col::EpciCode, Col::EpciName);
    }
    if has("departement") {
        return pick(Col::DepCode, Col::DepName);
    }
    // "Code Insee", "COG" alone: the commune's code.
    if has("insee") || has("cog") {
        return Some(Col::CommuneCode);
    }
    // "Nom de l'élu", "nom_elu", "Nom", "Patronyme": the surname.
    if has("nom") {
        return Some(Col::Nom);
    }
    None
}

/// One row, normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RneRow {
    /// Surname as published.
    pub nom: String,
    /// First name as published.
    pub prenom: String,
    /// M, F or ''.
    pub sexe: String,
    /// YYYY-MM-DD or ''.
    pub birth_date: String,
    /// Socio-professional category label.
    pub profession: String,
    /// Function label ('Maire', '1er adjoint au maire', …) or ''.
    pub fonction: String,
    /// Mandate start, YYYY-MM-DD or ''.
    pub start_date: String,
    /// Function start, YYYY-MM-DD or ''.
    pub function_start: String,
    /// Département code ('01', '2A', '971') or ''.
    pub departement: String,
    /// Territory code of the mandate (commune INSEE code, canton, circonscription…).
    pub territory: String,
    /// Territory label.
    pub territory_name: String,
}

/// A row the importer refused, with its line number (1-based, in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Line number.
    pub line: u64,
    /// Lower-case reason.
    pub reason: String,
}

/// A parsed RNE file.
#[derive(Debug)]
pub struct RneFile {
    /// Detected kind.
    pub kind: FileKind,
    /// Detected separator.
    pub separator: u8,
    /// Detected encoding ("UTF-8", "UTF-8 with BOM", "Latin-1").
    pub encoding: &'static str,
    /// Accepted rows with their line numbers.
    pub rows: Vec<(u64, RneRow)>,
    /// Refused rows.
    pub rejected: Vec<Rejected>,
}

/// Decodes the file's bytes: UTF-8 (BOM stripped) when valid, UTF-16 when it starts with its BOM
/// (a spreadsheet's "Unicode text"), else windows-1252 (a superset of Latin-1 for printable
/// characters).
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units = rest.chunks_exact(2).map(|c| unit([c[0], c[1]]));
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, u16::from_le_bytes), "UTF-16");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, u16::from_be_bytes), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let decode = mail_parser::decoders::charsets::map::charset_decoder(b"windows-1252");
            let text = match decode {
                Some(f) => f(bytes),
                None => bytes.iter().map(|&b| char::from(b)).collect(),
            };
            (text, "Latin-1")
        }
    }
}

/// The separator of `line` if it is a header: split on `;`, tab or `,`, it must name a surname
/// and a first-name column. A title line ("Répertoire national des élus - maires") names
/// neither; when several separators qualify, the one giving the most fields wins.
fn header_separator(line: &str) -> Option<u8> {
    let mut best: Option<(u8, usize)> = None;
    for separator in [b';', b'\t', b','] {
        let fields: Vec<&str> = line
            .trim_end_matches(['\r', '\n'])
            .split(char::from(separator))
            .map(|f| f.trim().trim_matches('"'))
            .collect();
        let columns: Vec<Col> = fields.iter().filter_map(|h| column_of(h)).collect();
        let named = columns.contains(&Col::Nom) && columns.contains(&Col::Prenom);
        if named && best.is_none_or(|(_, n)| fields.len() > n) {
            best = Some((separator, fields.len()));
        }
    }
    best.map(|(separator, _)| separator)
}

/// Reads and normalises an RNE file. Errors do not repeat the path: the caller names the file.
pub fn read(path: &Path) -> Result<RneFile> {
    let bytes = std::fs::read(path).context("cannot read the file")?;
    parse(
        &bytes,
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

/// Parses RNE file bytes; `file_name` helps detect the kind.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<RneFile> {
    let (text, encoding) = decode(bytes);
    // The header is the first line (among the first ten) that names a surname and a first-name
    // column; what comes before it is title lines.
    let mut offset = 0usize;
    let mut header_line = None;
    for (i, line) in text.split_inclusive('\n').take(10).enumerate() {
        if let Some(separator) = header_separator(line) {
            header_line = Some((i, separator));
            break;
        }
        offset += line.len();
    }
    let Some((header_index, separator)) = header_line else {
        bail!(
            "no header line with a name and a first name column in the first ten lines: not an RNE file"
        );
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(&text.as_bytes()[offset..]);
    let headers = reader.headers().context("cannot read the header")?.clone();
    let mut columns: HashMap<Col, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(col) = column_of(h) {
            columns.entry(col).or_insert(i);
        }
    }
    if !columns.contains_key(&Col::Nom) || !columns.contains_key(&Col::Prenom) {
        bail!(
            "the header has no surname or first-name column: {:?}",
            headers.iter().collect::<Vec<_>>()
        );
    }
    let kind = detect_kind(
        &columns,
        &fold(&headers.iter().collect::<Vec<_>>().join(" ")),
        file_name,
    )?;
    let width = headers.len();
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line()) + header_index as u64;
                rejected.push(Rejected {
                    line,
                    reason: format!("unreadable row: {err}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line()) + header_index as u64;
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        if record.len() < width.min(columns.values().max().copied().unwrap_or(0) + 1) {
            rejected.push(Rejected {
                line,
                reason: format!("{} fields, the header has {width}", record.len()),
            });
            continue;
        }
        match row_of(kind, &columns, &record) {
            Ok(row) => rows.push((line, row)),
            Err(reason) => rejected.push(Rejected { line, reason }),
        }
    }
    Ok(RneFile {
        kind,
        separator,
        encoding,
        rows,
        rejected,
    })
}

fn detect_kind(columns: &HashMap<Col, usize>, header: &str, file_name: &str) -> Result<FileKind> {
    let has = |c| columns.contains_key(&c);
    let kind = if has(Col::Secteur) {
        FileKind::Ca
    } else if has(Col::EpciCode) {
        FileKind::Epci
    } else if has(Col::CommuneCode) {
        if has(Col::Fonction) {
            FileKind::Cm
        } else {
            FileKind::Mai
        }
    } else if has(Col::CantonCode) {
        FileKind::Cd
    } else if header.contains("metropolitaine") || (has(Col::CollCode) && has(Col::SectionCode)) {
        FileKind::Ma
    } else if has(Col::RegionCode) {
        FileKind::Cr
    } else if header.contains("consulaire") {
        FileKind::Cons
    } else if header.contains("afe") {
        FileKind::Afe
    } else if has(Col::CircCode) {
        FileKind::Dep
    } else if has(Col::DepCode) {
        FileKind::Sen
    } else if has(Col::MandateStart) {
        FileKind::Rpe
    } else {
        let name = file_name.to_ascii_lowercase();
        let by_name = [
            ("-mai", FileKind::Mai),
            ("-cm", FileKind::Cm),
            ("-cd", FileKind::Cd),
            ("-cr", FileKind::Cr),
            ("-ca", FileKind::Ca),
            ("-sen", FileKind::Sen),
            ("-dep", FileKind::Dep),
            ("-epci", FileKind::Epci),
            ("-rpe", FileKind::Rpe),
        ];
        match by_name.iter().find(|(s, _)| name.contains(s)) {
            Some((_, k)) => *k,
            None => bail!("cannot tell which RNE file this is from its header"),
        }
    };
    Ok(kind)
}

fn row_of(
    kind: FileKind,
    columns: &HashMap<Col, usize>,
    record: &csv::StringRecord,
) -> Result<RneRow, String> {
    let get = |c: Col| {
        columns
            .get(&c)
            .and_then(|&i| record.get(i))
            .unwrap_or("")
            .trim()
    };
    let nom = get(Col::Nom);
    let prenom = get(Col::Prenom);
    if nom.is_empty() || prenom.is_empty() {
        return Err("empty surname or first name".into());
    }
    let date = |c: Col, what: &str| -> Result<String, String> {
        let v = get(c);
        if v.is_empty() {
            Ok(String::new())
        } else {
            parse_date(v).map_err(|why| format!("invalid {what} {v:?}: {why}"))
        }
    };
    let departement = match get(Col::DepCode) {
        "" => String::new(),
        d => normalise_departement(d).ok_or_else(|| format!("invalid département code {d:?}"))?,
    };
    // Overseas collectivities (Martinique 972, Polynésie française 987, …) leave the département
    // column empty and give their INSEE code as the collectivity's: it prefixes their commune
    // and constituency codes as a département's would.
    let area = if departement.is_empty() {
        let coll = get(Col::CollCode);
        let overseas = coll.len() == 3
            && (coll.starts_with("97") || coll.starts_with("98"))
            && coll.bytes().all(|b| b.is_ascii_digit());
        if overseas {
            coll.to_string()
        } else {
            String::new()
        }
    } else {
        departement.clone()
    };
    let (territory, territory_name) = match kind {
        FileKind::Mai | FileKind::Cm => (
            complete_commune(get(Col::CommuneCode), &area)?,
            get(Col::CommuneName).to_string(),
        ),
        FileKind::Ca => {
            let code = complete_commune(get(Col::CommuneCode), &area)?;
            (
                format!("{code}/{}", get(Col::Secteur)),
                get(Col::Secteur).to_string(),
            )
        }
        FileKind::Cd => (
            get(Col::CantonCode).to_string(),
            get(Col::CantonName).to_string(),
        ),
        FileKind::Cr => (
            format!("{}/{}", get(Col::RegionCode), get(Col::SectionCode)),
            get(Col::RegionName).to_string(),
        ),
        FileKind::Sen => {
            let t = if departement.is_empty() {
                get(Col::CollCode).to_string()
            } else {
                departement.clone()
            };
            let n = if departement.is_empty() {
                get(Col::CollName)
            } else {
                get(Col::DepName)
            };
            (t, n.to_string())
        }
        FileKind::Dep => (
            complete_constituency(get(Col::CircCode), &area),
            get(Col::CircName).to_string(),
        ),
        // AFE and consular constituencies are numbered worldwide, not within a département.
        FileKind::Afe | FileKind::Cons => (
            get(Col::CircCode).to_string(),
            get(Col::CircName).to_string(),
        ),
        FileKind::Epci => (
            get(Col::EpciCode).to_string(),
            get(Col::EpciName).to_string(),
        ),
        FileKind::Rpe => ("FR".to_string(), "France".to_string()),
        FileKind::Ma => {
            let parts = [
                get(Col::CollCode),
                get(Col::SectionCode),
                get(Col::CircCode),
                get(Col::RegionCode),
                get(Col::DepCode),
            ];
            (
                parts
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("/"),
                get(Col::CollName).to_string(),
            )
        }
    };
    if territory.is_empty() {
        return Err("no territory code".into());
    }
    // A commune's département is the one its completed code names (`ZX` covers two, and the
    // collectivities of `area` have none in their row).
    let departement = if matches!(kind, FileKind::Mai | FileKind::Cm | FileKind::Ca)
        && (departement.is_empty() || departement == "ZX")
    {
        commune_departement(&territory)
    } else {
        departement
    };
    let fonction = match get(Col::Fonction) {
        "" => kind.default_function().to_string(),
        f => f.to_string(),
    };
    Ok(RneRow {
        nom: nom.to_string(),
        prenom: prenom.to_string(),
        sexe: normalise_sexe(get(Col::Sexe)),
        birth_date: date(Col::Birth, "birth date")?,
        profession: get(Col::Profession).to_string(),
        fonction,
        start_date: date(Col::MandateStart, "mandate start date")?,
        function_start: date(Col::FunctionStart, "function start date")?,
        departement,
        territory,
        territory_name,
    })
}

/// `M`/`F` from a sex code or a civility ("M.", "Mme", "Madame", "H"); anything else upper-cased
/// as published.
fn normalise_sexe(value: &str) -> String {
    match fold(value).as_str() {
        "m" | "mr" | "h" | "homme" | "masculin" | "monsieur" => "M".to_string(),
        "f" | "mme" | "mlle" | "femme" | "feminin" | "madame" | "mademoiselle" => "F".to_string(),
        _ => value.to_uppercase(),
    }
}

/// A time and offset after a date: `T12:00`, ` 00:00:00+00`, `T00:00:00.000Z`, ` 00:00 +0200`,
/// ` 00:00:00 UTC`.
static TIME_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    )
    .expect("static regex")
});

/// Month names and their abbreviations, French and English.
const MONTHS: [&[&str]; 12] = [
    &["janvier", "january"],
    &["fevrier", "february"],
    &["mars", "march"],
    &["avril", "april"],
    &["mai", "may"],
    &["juin", "june"],
    &["juillet", "july"],
    &["aout", "august"],
    &["septembre", "september"],
    &["octobre", "october"],
    &["novembre", "november"],
    &["decembre", "december"],
];

/// A date in any form that can be read one way only -> `YYYY-MM-DD`; the error is the reason.
///
/// Principle, not a list of formats:
/// - numbers separated by one kind of separator (`/`, `-` or `.`): when the year comes first it is
///   ISO order (`1962-11-25`, `1962/11/25`); when it comes last it is the French day-month order
///   every RNE release uses (`25/11/1962`, `5/3/2020`, `25-11-1962`, `25.11.1962`). A month above
///   12 is an error, not a sign of the American order: guessing would import wrong dates;
/// - a two-digit year, as earlier releases wrote it (`15/03/26`): this century unless that would
///   be in the future. With slashes or dots the day comes first; with dashes, the order that
///   gives a date (`25-11-62`, `62-11-25`), and `12-03-05`, a date both ways, is refused;
/// - a month name or an unambiguous abbreviation of one (`25 novembre 1962`, `1er janv. 1960`,
///   `25-Nov-1962`; `jui` could be June or July and is refused);
/// - any of these followed by a time and an offset (`1962-11-25 00:00:00+00`,
///   `1962-11-25T00:00:00.000Z`, `…+02:00`): the date part is kept as written. RNE dates are
///   days; their time is midnight, and converting the offset would move a birth date to the
///   day before;
/// - an all-zero date (`0000-00-00`, `00/00/0000`), which database exports write for "none",
///   gives `""`.
///
/// Impossible dates (`31/02/2020`), years below 1000 (`0012`) and anything else are refused.
pub fn parse_date(value: &str) -> Result<String, String> {
    let v = value.trim();
    let date_part = match TIME_SUFFIX.captures(v) {
        Some(c) => {
            let number = |i: usize| {
                c.get(i)
                    .and_then(|m| m.as_str().parse::<u32>().ok())
                    .unwrap_or(0)
            };
            if number(1) > 23 || number(2) > 59 || number(3) > 60 {
                return Err("not a time of day after the date".into());
            }
            v[..c.get(0).map_or(v.len(), |m| m.start())].trim()
        }
        None => v,
    };
    if !date_part.is_empty() && date_part.bytes().all(|b| b == b'0' || b"/-.".contains(&b)) {
        return Ok(String::new());
    }
    let (year, month, day) = numeric_date(date_part)
        .or_else(|| named_month_date(date_part))
        .ok_or("not a date")??;
    // `0012`, `0001` (a placeholder of some exports) are not years written in full. A
    // four-digit year that is merely implausible (1691 for a birth, as one real row has) is kept
    // as published.
    if year < 1000 {
        return Err(format!("year {year:04} is not a four-digit year"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("there is no day {day} in month {month} of {year}"))?;
    Ok(date.format("%Y-%m-%d").to_string())
}

/// `(year, month, day)` of three numbers with one kind of separator; `None` when `v` is not
/// that shape, an error when it is but cannot be read one way only.
fn numeric_date(v: &str) -> Option<Result<(i32, u32, u32), String>> {
    let separator = v.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = v.split(separator).collect();
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !parts.iter().all(|p| digits(p)) {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    if b.len() > 2 {
        return Some(Err("the month has more than two digits".into()));
    }
    Some(match (a.len(), c.len()) {
        (4, 1 | 2) => Ok((n(a) as i32, n(b), n(c))),
        (1 | 2, 4) => Ok((n(c) as i32, n(b), n(a))),
        (1 | 2, 2) => {
            let day_first = (two_digit_year(n(c)), n(b), n(a));
            // `12-03-05` may also be ISO order with a short year: refused when both readings
            // are dates and differ. Slashes and dots are the French day-first order only.
            let year_first = (two_digit_year(n(a)), n(b), n(c));
            let exists = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).is_some();
            if separator == '-'
                && a.len() == 2
                && exists(year_first)
                && exists(day_first)
                && year_first != day_first
            {
                Err("ambiguous: the year could be first or last".into())
            } else if separator == '-' && a.len() == 2 && exists(year_first) {
                Ok(year_first)
            } else {
                Ok(day_first)
            }
        }
        _ => Err("cannot tell the year from the day".into()),
    })
}

/// A two-digit year: this century unless that would be in the future.
fn two_digit_year(yy: u32) -> i32 {
    let yy = yy as i32;
    if 2000 + yy <= chrono::Local::now().year() {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// `(year, month, day)` of `25 novembre 1962`, `1er janv. 1960`, `25-Nov-1962`.
fn named_month_date(v: &str) -> Option<Result<(i32, u32, u32), String>> {
    let folded = fold(v);
    let words: Vec<&str> = folded.split(' ').collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let day = day.strip_suffix("er").unwrap_or(day);
    let number = |w: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let (day, year) = (number(day, 1..=2)?, number(year, 4..=4)?);
    if month.len() < 3 || !month.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let candidates: Vec<u32> = (1u32..)
        .zip(MONTHS)
        .filter(|(_, names)| names.iter().any(|name| name.starts_with(month)))
        .map(|(i, _)| i)
        .collect();
    Some(match candidates.as_slice() {
        [m] => Ok((year as i32, *m, day)),
        [] => return None,
        _ => Err(format!("{month:?} could be several months")),
    })
}

/// The Ministry of the Interior's electoral codes of overseas départements and collectivities,
/// used by earlier releases instead of the INSEE codes. `ZX` (Saint-Martin/Saint-Barthélemy)
/// covers two INSEE codes and `ZZ` (French citizens abroad) none: they stay.
const ELECTORAL_CODES: [(&str, &str); 9] = [
    ("ZA", "971"),
    ("ZB", "972"),
    ("ZC", "973"),
    ("ZD", "974"),
    ("ZS", "975"),
    ("ZM", "976"),
    ("ZW", "986"),
    ("ZP", "987"),
    ("ZN", "988"),
];

/// `1` -> `01`, `2a` -> `2A`, `ZA` -> `971`; `971`, `6AE` (Collectivité européenne d'Alsace),
/// `ZX` and `ZZ` (French citizens abroad) stay; anything longer than three letters or digits is
/// refused.
pub fn normalise_departement(code: &str) -> Option<String> {
    let c = code.trim().to_ascii_uppercase();
    if c.is_empty() || c.len() > 3 || !c.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    if let Some((_, insee)) = ELECTORAL_CODES.iter().find(|(z, _)| *z == c) {
        return Some((*insee).to_string());
    }
    Some(if c.len() == 1 && c.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{c}")
    } else {
        c
    })
}

/// INSEE commune code, without its département: `1001` -> `01001`, `2a004` -> `2A004`; anything
/// else is refused (see [`complete_commune`] when the département is known).
pub fn normalise_commune(code: &str) -> Option<String> {
    let c = code.trim().to_ascii_uppercase();
    let c = if c.len() == 4 { format!("0{c}") } else { c };
    is_commune_code(&c).then_some(c)
}

/// Five digits, or `2A`/`2B` and three digits.
fn is_commune_code(c: &str) -> bool {
    c.len() == 5
        && (c.bytes().all(|b| b.is_ascii_digit())
            || ((c.starts_with("2A") || c.starts_with("2B"))
                && c[2..].bytes().all(|b| b.is_ascii_digit())))
}

/// The INSEE code of a commune from the commune column and the row's département (normalised,
/// `""` when unknown); the error is the reason.
///
/// A commune code is complete only with its département:
/// - 1 to 3 digits are the number within the département, as earlier releases wrote it: a
///   two-character département takes three digits (`01` + `1`/`01`/`001` -> `01001`, `2A` +
///   `004` -> `2A004`), a three-character one two (`971` + `01` -> `97101`); the Ministry's
///   three-digit form after an overseas code (`971` + `101`, `ZX` + `701`) repeats the
///   département's last digit;
/// - 4 digits lost a leading zero (`1001` -> `01001`);
/// - 5 characters are the INSEE code.
///
/// A completed code must start with the département's code when it is known: `1001` in
/// département 38 is an error, not a guess. A full five-character INSEE code is complete on its
/// own and kept even when the row's département column disagrees (the published municipal file
/// lists Fontenilles, 31188, under département 32): the code names the commune, the column
/// is a label.
pub fn complete_commune(raw: &str, departement: &str) -> Result<String, String> {
    let c = raw.trim().to_ascii_uppercase();
    if c.is_empty() {
        return Err("no commune code".into());
    }
    let digits = c.bytes().all(|b| b.is_ascii_digit());
    let complete = c.len() == 5;
    let code = match c.len() {
        1..=3 if digits => {
            let d = departement;
            match d.len() {
                0 => {
                    return Err(format!(
                        "commune code {raw:?} is incomplete without its département"
                    ));
                }
                2 if d == "ZX" && c.len() == 3 => format!("97{c}"),
                2 => format!("{d}{c:0>3}"),
                3 if c.len() <= 2 => format!("{d}{c:0>2}"),
                3 if c[..1] == d[2..] => format!("{}{c}", &d[..2]),
                _ => {
                    return Err(format!(
                        "commune code {raw:?} is not a commune of département {d}"
                    ));
                }
            }
        }
        4 if digits => format!("0{c}"),
        _ => c,
    };
    if !is_commune_code(&code) {
        return Err(format!("invalid commune code {raw:?}"));
    }
    let within = match departement {
        _ if complete => true,
        "" => true,
        "ZX" => code.starts_with("977") || code.starts_with("978"),
        d => code.starts_with(d),
    };
    if !within {
        return Err(format!(
            "commune code {code} is not in département {departement}"
        ));
    }
    Ok(code)
}

/// A deputy's constituency code: earlier releases number it within the département (`1`), the
/// current ones prefix the département (`0101`, `2A01`, `97101`, `ZZ01`). Other forms stay.
pub fn complete_constituency(raw: &str, departement: &str) -> String {
    let c = raw.trim().to_ascii_uppercase();
    if !departement.is_empty()
        && (1..=2).contains(&c.len())
        && c.bytes().all(|b| b.is_ascii_digit())
    {
        format!("{departement}{c:0>2}")
    } else {
        c
    }
}

/// Département of a commune code (`38545` -> `38`, `97101` -> `971`, `2A004` -> `2A`).
pub fn commune_departement(code: &str) -> String {
    if code.starts_with("97") || code.starts_with("98") {
        code.get(..3)
    } else {
        code.get(..2)
    }
    .unwrap_or("")
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_date_that_reads_one_way_is_accepted_as_its_day() {
        for (written, day) in [
            ("15/03/2026", "2026-03-15"),
            ("5/3/2020", "2020-03-05"),
            ("05/3/2020", "2020-03-05"),
            ("2026-03-15", "2026-03-15"),
            ("2026/3/5", "2026-03-05"),
            ("25-11-1962", "1962-11-25"),
            ("25.11.1962", "1962-11-25"),
            ("1962-11-25T00:00:00", "1962-11-25"),
            ("1962-11-25T00:00", "1962-11-25"),
            ("1962-11-25 00:00:00+00", "1962-11-25"),
            ("1962-11-25 00:00:00+02:00", "1962-11-25"),
            ("1962-11-25T23:00:00-0500", "1962-11-25"),
            ("1962-11-25T00:00:00Z", "1962-11-25"),
            ("1962-11-25T00:00:00.000Z", "1962-11-25"),
            ("1962-11-25 00:00:00.123456+00", "1962-11-25"),
            ("1962-11-25 00:00:00 UTC", "1962-11-25"),
            ("25/11/1962 00:00", "1962-11-25"),
            ("25/11/1962 00:00:00", "1962-11-25"),
            ("15/03/26", "2026-03-15"),
            ("22/07/67", "1967-07-22"),
            ("22.07.67", "1967-07-22"),
            ("25-11-62", "1962-11-25"),
            ("62-11-25", "1962-11-25"),
            ("25 novembre 1962", "1962-11-25"),
            ("1er janvier 1960", "1960-01-01"),
            ("1er janv. 1960", "1960-01-01"),
            ("25-Nov-1962", "1962-11-25"),
            ("3 août 2020", "2020-08-03"),
            ("0000-00-00", ""),
            ("0000-00-00 00:00:00", ""),
            ("00/00/0000", ""),
        ] {
            assert_eq!(parse_date(written).as_deref(), Ok(day), "{written}");
        }
    }

    #[test]
    fn ambiguous_or_impossible_dates_are_refused_with_a_reason() {
        for (written, reason) in [
            ("31/02/2020", "there is no day 31 in month 2 of 2020"),
            ("29/02/2023", "there is no day 29 in month 2 of 2023"),
            ("11/25/1962", "there is no month 25"),
            ("2020-13-05", "there is no month 13"),
            ("12-03-05", "ambiguous: the year could be first or last"),
            ("0012-03-05", "year 0012 is not a four-digit year"),
            ("0001-01-01", "year 0001 is not a four-digit year"),
            ("25/11/1962 25:00", "not a time of day after the date"),
            ("15/03-2026", "not a date"),
            ("1962-11", "not a date"),
            ("19621125", "not a date"),
            ("soon", "not a date"),
            ("12 jui 2020", "\"jui\" could be several months"),
            ("1962-11-25 00:00:00+0x", "not a date"),
        ] {
            assert_eq!(parse_date(written), Err(reason.to_string()), "{written}");
        }
    }

    #[test]
    fn a_commune_code_is_complete_only_with_its_departement() {
        for (code, dep, insee) in [
            // The number within the département, as earlier releases wrote it.
            ("001", "01", "01001"),
            ("01", "01", "01001"),
            ("1", "01", "01001"),
            ("545", "38", "38545"),
            ("004", "2A", "2A004"),
            ("33", "2B", "2B033"),
            ("056", "75", "75056"),
            ("01", "971", "97101"),
            ("1", "974", "97401"),
            ("101", "971", "97101"),
            ("701", "ZX", "97701"),
            ("801", "ZX", "97801"),
            // A lost leading zero.
            ("1001", "01", "01001"),
            ("1001", "", "01001"),
            // Complete codes, checked against the département when it is known.
            ("38545", "38", "38545"),
            // The code names the commune even when the département column disagrees.
            ("31188", "32", "31188"),
            ("38545", "", "38545"),
            ("2a004", "2A", "2A004"),
            ("97209", "972", "97209"),
            (" 01001 ", "01", "01001"),
        ] {
            assert_eq!(
                complete_commune(code, dep).as_deref(),
                Ok(insee),
                "{code} in {dep}"
            );
        }
        for (code, dep, reason) in [
            (
                "001",
                "",
                "commune code \"001\" is incomplete without its département",
            ),
            ("1001", "38", "commune code 01001 is not in département 38"),
            (
                "201",
                "971",
                "commune code \"201\" is not a commune of département 971",
            ),
            ("ABCDE", "38", "invalid commune code \"ABCDE\""),
            ("L'Albenc", "38", "invalid commune code \"L'Albenc\""),
            ("380045", "38", "invalid commune code \"380045\""),
            ("", "38", "no commune code"),
        ] {
            assert_eq!(
                complete_commune(code, dep),
                Err(reason.to_string()),
                "{code} in {dep}"
            );
        }
    }

    #[test]
    fn departement_codes_regain_their_zeros_and_their_insee_form() {
        for (written, code) in [
            ("1", Some("01")),
            ("01", Some("01")),
            ("2a", Some("2A")),
            ("971", Some("971")),
            ("ZA", Some("971")),
            ("zd", Some("974")),
            ("ZN", Some("988")),
            ("ZX", Some("ZX")),
            ("ZZ", Some("ZZ")),
            ("6AE", Some("6AE")),
            ("Isère", None),
            ("", None),
        ] {
            assert_eq!(normalise_departement(written).as_deref(), code, "{written}");
        }
        assert_eq!(normalise_commune("1001").as_deref(), Some("01001"));
        assert_eq!(normalise_commune("2B033").as_deref(), Some("2B033"));
        assert_eq!(normalise_commune("ABCDE"), None);
        assert_eq!(commune_departement("97101"), "971");
        assert_eq!(complete_constituency("1", "01"), "0101");
        assert_eq!(complete_constituency("2", "ZZ"), "ZZ02");
        assert_eq!(complete_constituency("0101", "01"), "0101");
        assert_eq!(complete_constituency("97501", ""), "97501");
    }

    #[test]
    fn headers_are_matched_by_meaning() {
        for (header, col) in [
            ("Nom de l'élu", Some(Col::Nom)),
            ("nom_elu", Some(Col::Nom)),
            ("NOM", Some(Col::Nom)),
            ("Patronyme", Some(Col::Nom)),
            ("Prénom de l'élu", Some(Col::Prenom)),
            ("prenom_elu", Some(Col::Prenom)),
            ("Prénoms", Some(Col::Prenom)),
            ("Code sexe", Some(Col::Sexe)),
            ("Civilité", Some(Col::Sexe)),
            ("Date de naissance", Some(Col::Birth)),
            ("date_naiss", Some(Col::Birth)),
            ("Lieu de naissance", None),
            ("Code de la commune", Some(Col::CommuneCode)),
            ("Code commune", Some(Col::CommuneCode)),
            ("code_commune", Some(Col::CommuneCode)),
            ("Code Insee de la commune", Some(Col::CommuneCode)),
            ("Code Insee", Some(Col::CommuneCode)),
            ("code_insee", Some(Col::CommuneCode)),
            ("libelle_commune", Some(Col::CommuneName)),
            ("Nom de la commune", Some(Col::CommuneName)),
            ("Population de la commune", None),
            ("Code du département (Maire)", Some(Col::DepCode)),
            ("Libellé de département (Maires)", Some(Col::DepName)),
            ("code_dpt", Some(Col::DepCode)),
            ("Code dép.", Some(Col::DepCode)),
            ("Département", Some(Col::DepName)),
            ("date_debut_mandat", Some(Col::MandateStart)),
            ("Date de début du mandat", Some(Col::MandateStart)),
            ("date_deb_mandat", Some(Col::MandateStart)),
            ("Date de fin du mandat", None),
            ("Motif de fin de fonction", None),
            ("Date de début de la fonction", Some(Col::FunctionStart)),
            ("fonction", Some(Col::Fonction)),
            ("Libellé de la fonction", Some(Col::Fonction)),
            ("Libellé de fonction", Some(Col::Fonction)),
            (
                "Code de la circonscription législative",
                Some(Col::CircCode),
            ),
            ("Code de la circ. législative", Some(Col::CircCode)),
            ("code_circonscription", Some(Col::CircCode)),
            ("Numéro de circonscription", Some(Col::CircCode)),
            ("libelle_circonscription", Some(Col::CircName)),
            (
                "Code de la collectivité à statut particulier",
                Some(Col::CollCode),
            ),
            ("code_collectivite_statut_particulier", Some(Col::CollCode)),
            ("Libellé de la profession", Some(Col::Profession)),
            ("Code profession", None),
            ("code_csp", None),
            ("libelle_csp", Some(Col::Profession)),
            ("Nuance politique (C. Mun.)", None),
            ("Code nationalité", None),
        ] {
            assert_eq!(column_of(header), col, "{header}");
        }
    }

    #[test]
    fn reads_utf16_with_a_bom() {
        let text = "Nom\tPrénom\tCode commune\tDate de naissance\nDUPONT\tJean\t38545\t1/2/1960\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let file = parse(&bytes, "x.txt").unwrap();
        assert_eq!((file.encoding, file.separator), ("UTF-16", b'\t'));
        assert_eq!(file.rows[0].1.birth_date, "1960-02-01");
    }

    #[test]
    fn detects_kinds_from_real_headers() {
        let mayors = "Code du département;Libellé du département;Code de la collectivité à statut particulier;Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;Date de début du mandat;Date de début de la fonction\n01;Ain;;;01001;L'Abergement-Clémenciat;EVALET TAPONAT;Line;F;22/07/1967;38;Ingénieur;15/03/2026;23/03/2026\n";
        let file = parse(mayors.as_bytes(), "x.csv").unwrap();
        assert_eq!(file.kind, FileKind::Mai);
        let (_, row) = &file.rows[0];
        assert_eq!(
            (
                row.nom.as_str(),
                row.prenom.as_str(),
                row.birth_date.as_str()
            ),
            ("EVALET TAPONAT", "Line", "1967-07-22")
        );
        assert_eq!(
            (
                row.territory.as_str(),
                row.fonction.as_str(),
                row.departement.as_str()
            ),
            ("01001", "Maire", "01")
        );
        let senators = "Code du département;Libellé du département;Code de la collectivité à statut particulier;Libellé de la collectivité à statut particulier;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;Date de début du mandat\n01;Ain;;;BLATRIX CONTAT;Florence;F;30/03/1966;34;Professeur;01/10/2020\n";
        assert_eq!(
            parse(senators.as_bytes(), "s.csv").unwrap().kind,
            FileKind::Sen
        );
        let snake = "code_departement,libelle_departement,code_commune,libelle_commune,nom_elu,prenom_elu,sexe,date_naissance\r\n\"38\",\"Isère\",\"38545\",\"Vif\",\"DUPONT\",\"Jean\",\"M\",\"1960-02-03\"\r\n";
        let file = parse(snake.as_bytes(), "old.csv").unwrap();
        assert_eq!(file.kind, FileKind::Mai);
        assert_eq!(file.separator, b',');
        assert_eq!(file.rows[0].1.territory, "38545");
    }
}
