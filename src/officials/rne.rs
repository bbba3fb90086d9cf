//! Reading the Répertoire national des élus (RNE) files of the Ministry of the Interior.
//!
//! The published format changes between releases, so nothing is assumed: the text is UTF-8
//! (with or without BOM) or Latin-1; the separator is `;`, tab or `,`; fields may be quoted;
//! lines end in CRLF or LF; a title line may precede the header; headers are the long French
//! labels ("Code du département") or older snake_case ones (`code_departement`); dates are
//! `dd/mm/yyyy`, `yyyy-mm-dd` or `dd/mm/yy`; codes may lose their leading zeros (`1` = `01`,
//! `1001` = `01001`; Corsica `2A`/`2B`). The file kind (mayors, municipal councillors, …) is
//! detected from the header, with the file name as a fallback.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::{Datelike, NaiveDate};

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

fn column_of(header: &str) -> Option<Col> {
    let h = fold(header);
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    let code = has("code") || has("siren") || has("insee");
    if has("nationalite") {
        return None;
    }
    if has("prenom") {
        return Some(Col::Prenom);
    }
    if has("sexe") || has("genre") {
        return Some(Col::Sexe);
    }
    if has("naissance") {
        return Some(Col::Birth);
    }
    if h.contains("socio") || has("csp") {
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
    if has("circonscription") || has("circ") {
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
    if has("departement") || has("dpt") || has("dept") {
        return pick(Col::DepCode, Col::DepName);
    }
    // "Nom de l'élu", "nom_elu", "Nom": the surname.
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

/// Decodes the file's bytes: UTF-8 (BOM stripped) when valid, else windows-1252 (a superset of
/// Latin-1 for printable characters).
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
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

/// Reads and normalises an RNE file.
pub fn read(path: &Path) -> Result<RneFile> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse(
        &bytes,
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
    .with_context(|| format!("{}", path.display()))
}

/// Parses RNE file bytes; `file_name` helps detect the kind.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<RneFile> {
    let (text, encoding) = decode(bytes);
    // The header is the first line (among the first ten) naming both a surname and a first name.
    let mut offset = 0usize;
    let mut header_line = None;
    for (i, line) in text.split_inclusive('\n').take(10).enumerate() {
        let folded = fold(line);
        if folded.split(' ').any(|w| w == "prenom")
            && folded.split(' ').any(|w| w == "nom" || w == "nom_elu")
        {
            header_line = Some((i, line));
            break;
        }
        offset += line.len();
    }
    let Some((header_index, header)) = header_line else {
        bail!(
            "no header line with a name and a first name column in the first ten lines: not an RNE file"
        );
    };
    let separator = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|&s| header.bytes().filter(|&b| b == s).count())
        .unwrap_or(b';');
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
            parse_date(v).ok_or_else(|| format!("invalid {what} {v:?}"))
        }
    };
    let departement = match get(Col::DepCode) {
        "" => String::new(),
        d => normalise_departement(d).ok_or_else(|| format!("invalid département code {d:?}"))?,
    };
    let (territory, territory_name) = match kind {
        FileKind::Mai | FileKind::Cm => {
            let raw = get(Col::CommuneCode);
            let code =
                normalise_commune(raw).ok_or_else(|| format!("invalid commune code {raw:?}"))?;
            (code, get(Col::CommuneName).to_string())
        }
        FileKind::Ca => {
            let raw = get(Col::CommuneCode);
            let code =
                normalise_commune(raw).ok_or_else(|| format!("invalid commune code {raw:?}"))?;
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
        FileKind::Dep | FileKind::Afe | FileKind::Cons => (
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
    let departement =
        if departement.is_empty() && matches!(kind, FileKind::Mai | FileKind::Cm | FileKind::Ca) {
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
        sexe: get(Col::Sexe).to_uppercase(),
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

/// `dd/mm/yyyy`, `yyyy-mm-dd` or `dd/mm/yy` (two-digit years: this century unless that would be
/// in the future) -> `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Option<String> {
    let v = value.trim();
    let date = if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        d
    } else {
        let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
        if parts.len() != 3 {
            return None;
        }
        let day: u32 = parts[0].parse().ok()?;
        let month: u32 = parts[1].parse().ok()?;
        let year: i32 = match parts[2].len() {
            4 => parts[2].parse().ok()?,
            2 => {
                let yy: i32 = parts[2].parse().ok()?;
                let this_year = chrono::Local::now().year();
                if 2000 + yy <= this_year {
                    2000 + yy
                } else {
                    1900 + yy
                }
            }
            _ => return None,
        };
        NaiveDate::from_ymd_opt(year, month, day)?
    };
    Some(date.format("%Y-%m-%d").to_string())
}

/// `1` -> `01`, `2a` -> `2A`; `971`, `6AE` (Collectivité européenne d'Alsace) and `ZZ`
/// (French citizens abroad) stay; anything longer than three letters or digits is refused.
pub fn normalise_departement(code: &str) -> Option<String> {
    let c = code.trim().to_ascii_uppercase();
    if c.is_empty() || c.len() > 3 || !c.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some(if c.len() == 1 && c.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{c}")
    } else {
        c
    })
}

/// INSEE commune code: `1001` -> `01001`, `2a004` -> `2A004`; anything else is refused.
pub fn normalise_commune(code: &str) -> Option<String> {
    let c = code.trim().to_ascii_uppercase();
    let c = if c.len() == 4 { format!("0{c}") } else { c };
    let valid = c.len() == 5
        && (c.bytes().all(|b| b.is_ascii_digit())
            || ((c.starts_with("2A") || c.starts_with("2B"))
                && c[2..].bytes().all(|b| b.is_ascii_digit())));
    valid.then_some(c)
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
    fn dates_in_every_published_form() {
        assert_eq!(parse_date("15/03/2026").as_deref(), Some("2026-03-15"));
        assert_eq!(parse_date("2026-03-15").as_deref(), Some("2026-03-15"));
        assert_eq!(parse_date("15/03/26").as_deref(), Some("2026-03-15"));
        assert_eq!(parse_date("22/07/67").as_deref(), Some("1967-07-22"));
        assert_eq!(parse_date("31/02/2020"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn codes_regain_their_zeros() {
        assert_eq!(normalise_departement("1").as_deref(), Some("01"));
        assert_eq!(normalise_departement("2a").as_deref(), Some("2A"));
        assert_eq!(normalise_departement("971").as_deref(), Some("971"));
        assert_eq!(normalise_commune("1001").as_deref(), Some("01001"));
        assert_eq!(normalise_commune("2B033").as_deref(), Some("2B033"));
        assert_eq!(normalise_commune("ABCDE"), None);
        assert_eq!(commune_departement("97101"), "971");
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
