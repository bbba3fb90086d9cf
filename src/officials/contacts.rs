//! `contacts import`: the office's own address book, from CSV (French or English headers, `;` or
//! `,`) or vCard 3/4 (.vcf exports of Outlook, Thunderbird, Google). Each contact's addresses
//! become known addresses; a contact whose name (and commune, when given) matches exactly one
//! official is linked to that official: it is the same person.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::rne::normalise_commune;
use crate::store::Store;
use crate::util::fold;

/// One address-book entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Surname.
    pub nom: String,
    /// First name.
    pub prenom: String,
    /// Addresses, lower case.
    pub emails: Vec<String>,
    /// Commune: INSEE code when known, else the name as written.
    pub commune: String,
    /// Function / title.
    pub fonction: String,
    /// Organisation.
    pub organisation: String,
}

/// Contacts read from a file with their line numbers, and refused entries (line, reason).
pub type Book = (Vec<(u64, Contact)>, Vec<(u64, String)>);

/// Result of a contacts import.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContactsSummary {
    /// The file.
    pub file: String,
    /// Contacts read.
    pub read: u64,
    /// New contacts.
    pub added: u64,
    /// Contacts already known (same name and first address).
    pub known: u64,
    /// Contacts linked to an official.
    pub linked: u64,
    /// Entries refused, with line numbers and reasons.
    pub rejected: Vec<(u64, String)>,
}

/// Reads a CSV or vCard address book.
pub fn read(path: &Path) -> Result<Book> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse(&bytes)
}

/// Parses address-book bytes (CSV or vCard, detected).
pub fn parse(bytes: &[u8]) -> Result<Book> {
    let bytes = bytes.to_vec();
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    if text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCARD")
    {
        Ok(parse_vcards(&text))
    } else {
        parse_csv(&text)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Nom,
    Prenom,
    FullName,
    Email,
    Commune,
    CommuneCode,
    Fonction,
    Organisation,
}

fn column_of(header: &str) -> Option<Col> {
    let h = fold(header);
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    if has("prenom") || h.starts_with("first") || h == "given name" {
        Some(Col::Prenom)
    } else if has("email")
        || has("courriel")
        || has("mail")
        || h.starts_with("e mail")
        || has("adresse") && h.contains("mail")
    {
        Some(Col::Email)
    } else if has("commune") || has("ville") || has("city") || has("insee") {
        if has("code") || has("insee") {
            Some(Col::CommuneCode)
        } else {
            Some(Col::Commune)
        }
    } else if has("fonction") || has("title") || has("titre") || has("qualite") || h == "job title"
    {
        Some(Col::Fonction)
    } else if has("organisation")
        || has("organization")
        || has("company")
        || has("societe")
        || has("structure")
    {
        Some(Col::Organisation)
    } else if h.starts_with("last")
        || h == "family name"
        || h == "surname"
        || has("nom") && !has("complet")
    {
        Some(Col::Nom)
    } else if h == "name" || h == "display name" || h == "nom complet" {
        Some(Col::FullName)
    } else {
        None
    }
}

fn parse_csv(text: &str) -> Result<Book> {
    let first = text.lines().next().unwrap_or_default();
    let separator = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .context("cannot read the CSV header")?
        .clone();
    let columns: Vec<Option<Col>> = headers.iter().map(column_of).collect();
    if !columns.contains(&Some(Col::Email)) {
        bail!(
            "no e-mail column (courriel, email, e-mail) in the header: {:?}",
            headers.iter().collect::<Vec<_>>()
        );
    }
    let mut contacts = Vec::new();
    let mut rejected = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                rejected.push((
                    err.position().map_or(0, |p| p.line()),
                    format!("unreadable row: {err}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let mut c = Contact::default();
        for (value, col) in record.iter().zip(&columns) {
            let value = value.trim();
            match col {
                Some(Col::Nom) => c.nom = value.into(),
                Some(Col::Prenom) => c.prenom = value.into(),
                Some(Col::FullName) if c.nom.is_empty() => {
                    let (prenom, nom) = split_full_name(value);
                    c.prenom = prenom;
                    c.nom = nom;
                }
                Some(Col::Email) => c.emails.extend(
                    value
                        .split([',', ' ', ';'])
                        .filter(|e| e.contains('@'))
                        .map(|e| e.to_lowercase()),
                ),
                Some(Col::CommuneCode) if !value.is_empty() => {
                    c.commune = normalise_commune(value).unwrap_or_else(|| value.into())
                }
                Some(Col::Commune) if c.commune.is_empty() => c.commune = value.into(),
                Some(Col::Fonction) => c.fonction = value.into(),
                Some(Col::Organisation) => c.organisation = value.into(),
                _ => {}
            }
        }
        if c.emails.is_empty() {
            rejected.push((line, "no e-mail address".into()));
        } else if c.nom.is_empty() && c.organisation.is_empty() {
            rejected.push((line, "neither a name nor an organisation".into()));
        } else {
            contacts.push((line, c));
        }
    }
    Ok((contacts, rejected))
}

fn split_full_name(full: &str) -> (String, String) {
    match full.trim().rsplit_once(' ') {
        Some((first, last)) => (first.trim().into(), last.trim().into()),
        None => (String::new(), full.trim().into()),
    }
}

/// vCard 3.0 / 4.0 (RFC 6350): unfolds continuation lines, reads N, FN, EMAIL, ORG, TITLE, ADR
/// (locality) and, for Outlook/Google, X- properties are ignored.
fn parse_vcards(text: &str) -> Book {
    let mut contacts = Vec::new();
    let mut rejected = Vec::new();
    let mut current: Option<(u64, Contact, String)> = None;
    let mut logical: Vec<(u64, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if (raw.starts_with(' ') || raw.starts_with('\t')) && !logical.is_empty() {
            if let Some(last) = logical.last_mut() {
                last.1.push_str(&raw[1..]);
            }
        } else {
            logical.push((i as u64 + 1, raw.to_string()));
        }
    }
    for (line, content) in logical {
        let Some((name_params, value)) = content.split_once(':') else {
            continue;
        };
        let name = name_params
            .split(';')
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let name = name.rsplit('.').next().unwrap_or(&name).to_string(); // item1.EMAIL
        let value = unescape(value.trim());
        match name.as_str() {
            "BEGIN" => current = Some((line, Contact::default(), String::new())),
            "END" => {
                if let Some((start, mut c, full)) = current.take() {
                    if c.nom.is_empty() && !full.is_empty() {
                        let (prenom, nom) = split_full_name(&full);
                        c.prenom = prenom;
                        c.nom = nom;
                    }
                    if c.emails.is_empty() {
                        rejected.push((start, "vCard without e-mail address".into()));
                    } else {
                        contacts.push((start, c));
                    }
                }
            }
            _ => {
                let Some((_, c, full)) = current.as_mut() else {
                    continue;
                };
                match name.as_str() {
                    "N" => {
                        let mut parts = value.split(';');
                        c.nom = parts.next().unwrap_or("").trim().into();
                        c.prenom = parts.next().unwrap_or("").trim().into();
                    }
                    "FN" => *full = value,
                    "EMAIL" => c
                        .emails
                        .push(value.trim_start_matches("mailto:").to_lowercase()),
                    "ORG" => c.organisation = value.split(';').next().unwrap_or("").trim().into(),
                    "TITLE" | "ROLE" if c.fonction.is_empty() => c.fonction = value,
                    "ADR" => {
                        // ADR: PO box; extended; street; locality; region; postal code; country
                        let locality = value.split(';').nth(3).unwrap_or("").trim();
                        if c.commune.is_empty() && !locality.is_empty() {
                            c.commune = locality.into();
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    (contacts, rejected)
}

fn unescape(v: &str) -> String {
    v.replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\n", " ")
        .replace("\\N", " ")
}

/// Imports an address book; idempotent (a contact is identified by folded name and first address).
pub fn import(store: &mut Store, path: &Path) -> Result<ContactsSummary> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    import_bytes(store, &path.display().to_string(), &bytes)
}

/// Imports address-book bytes (CSV or vCard); `origin` names them in the summary.
pub fn import_bytes(store: &mut Store, origin: &str, bytes: &[u8]) -> Result<ContactsSummary> {
    let (contacts, rejected) = parse(bytes)?;
    let mut summary = ContactsSummary {
        file: origin.to_string(),
        read: (contacts.len() + rejected.len()) as u64,
        rejected,
        ..Default::default()
    };
    let now = crate::store::now();
    store.transaction(|tx| {
        for (_, c) in &contacts {
            let identity = format!("{}/{}/{}", fold(&c.nom), fold(&c.prenom), c.emails[0]);
            let official = find_official(tx, c)?;
            let existing: Option<i64> = tx.query_row("SELECT id FROM contacts WHERE identity = ?1", [&identity], |r| r.get(0)).optional()?;
            let id = match existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE contacts SET organisation = ?2, fonction = ?3, commune = ?4, official = coalesce(official, ?5) WHERE id = ?1",
                        params![id, c.organisation, c.fonction, c.commune, official],
                    )?;
                    summary.known += 1;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO contacts (nom, prenom, organisation, fonction, commune, official, source, identity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![c.nom, c.prenom, c.organisation, c.fonction, c.commune, official, summary.file, identity],
                    )?;
                    summary.added += 1;
                    tx.last_insert_rowid()
                }
            };
            if official.is_some() {
                summary.linked += 1;
            }
            for email in &c.emails {
                // An address a staff member confirmed (learned) is not overwritten by the book.
                tx.execute(
                    "INSERT INTO known_addresses (address, official, contact, source, learned_at) VALUES (?1, ?2, ?3, 'contact', ?4)
                     ON CONFLICT (address) DO UPDATE SET official = excluded.official, contact = excluded.contact
                     WHERE known_addresses.source = 'contact'",
                    params![email, official, id, now],
                )?;
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// The official this contact is: a name is not an identity, so the book must say more — the
/// commune where an official of that name holds a mandate (and no function that is not an
/// elected one: a journalist or an association president who shares a mayor's name is not that
/// mayor), the commune taken from a town-hall address when the book gives none; or, without a
/// commune, an elected function that exactly one official of that name holds.
fn find_official(tx: &rusqlite::Transaction<'_>, c: &Contact) -> Result<Option<i64>> {
    if c.nom.is_empty() || c.prenom.is_empty() {
        return Ok(None);
    }
    let function = fold(&c.fonction);
    let elected = ELECTED.iter().any(|w| function.contains(w));
    if !function.is_empty() && !elected {
        return Ok(None);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT DISTINCT o.id, m.territory, m.territory_name, m.fonction, m.kind FROM officials o JOIN mandates m ON m.official = o.id
         WHERE o.nom_key = ?1 AND o.prenom_key = ?2",
    )?;
    let rows: Vec<(i64, String, String, String, String)> = stmt
        .query_map([fold(&c.nom), fold(&c.prenom)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // No commune in the book: a town-hall address gives it (mcmr@ville-meylan.fr), the
    // homonymous communes (Meylan 38 and 47) told apart by where officials of this name serve.
    let gazetteer = crate::communes::Gazetteer::bundled()?;
    let served: Vec<String> = rows
        .iter()
        .map(|r| super::rne::commune_departement(&r.1))
        .collect();
    let commune = if c.commune.is_empty() {
        c.emails
            .iter()
            .find_map(|e| gazetteer.commune_of_address(e, &served))
            .map(|d| d.code)
            .unwrap_or_default()
    } else {
        c.commune.clone()
    };
    let mut ids: Vec<i64> = if commune.is_empty() {
        if !elected {
            return Ok(None);
        }
        rows.iter()
            .filter(|r| {
                let held = fold(&r.3);
                let maire = function.contains("maire") && !function.contains("adjoint");
                (maire && (r.4 == "mai" || held == "maire"))
                    || (function.contains("adjoint") && held.contains("adjoint"))
                    || (!function.contains("maire") && !function.contains("adjoint"))
            })
            .map(|r| r.0)
            .collect()
    } else {
        let folded = fold(&commune);
        rows.iter()
            .filter(|r| r.1 == commune || fold(&r.2) == folded)
            .map(|r| r.0)
            .collect()
    };
    ids.sort_unstable();
    ids.dedup();
    Ok(if ids.len() == 1 { Some(ids[0]) } else { None })
}

/// Words of an elected function in an address book's « Fonction » (folded).
const ELECTED: &[&str] = &[
    "maire",
    "adjoint",
    "conseiller municipal",
    "conseillere municipale",
    "conseiller departemental",
    "conseillere departementale",
    "conseiller regional",
    "conseillere regionale",
    "conseiller communautaire",
    "conseillere communautaire",
    "senat",
    "depute",
    "elu",
    "president du conseil",
    "president du departement",
    "president de la region",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_french_headers() {
        let text = "Nom;Prénom;Courriel;Commune;Code commune;Fonction\nDUPONT;Jean;Jean.Dupont@Orange.fr;Vif;38545;Maire\nMARTIN;;;;;\n";
        let (contacts, rejected) = parse_csv(text).unwrap();
        assert_eq!(contacts.len(), 1);
        let c = &contacts[0].1;
        assert_eq!(
            (c.nom.as_str(), c.prenom.as_str(), c.commune.as_str()),
            ("DUPONT", "Jean", "38545")
        );
        assert_eq!(c.emails, vec!["jean.dupont@orange.fr"]);
        assert_eq!(rejected, vec![(3, "no e-mail address".to_string())]);
    }

    #[test]
    fn csv_with_english_headers_and_commas() {
        let text = "First Name,Last Name,E-mail Address,Company,Job Title\nClaire,Martin,c.martin@ledauphine.com,Le Dauphiné,Journaliste\n";
        let (contacts, _) = parse_csv(text).unwrap();
        let c = &contacts[0].1;
        assert_eq!(
            (c.prenom.as_str(), c.nom.as_str(), c.organisation.as_str()),
            ("Claire", "Martin", "Le Dauphiné")
        );
    }

    #[test]
    fn vcards_3_and_4() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Dupont;Jean;;;\r\nFN:Jean Dupont\r\nEMAIL;TYPE=INTERNET:jean.dupont@\r\n orange.fr\r\nADR;TYPE=WORK:;;1 place de la Mairie;Vif;;38450;France\r\nTITLE:Maire\r\nEND:VCARD\r\n\
                    BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Marie Curie\r\nitem1.EMAIL;PREF=1:mailto:marie@example.fr\r\nORG:Association\\, Sciences;\r\nEND:VCARD\r\n";
        let (contacts, rejected) = parse_vcards(text);
        assert!(rejected.is_empty());
        assert_eq!(contacts[0].1.emails, vec!["jean.dupont@orange.fr"]);
        assert_eq!(contacts[0].1.commune, "Vif");
        assert_eq!(
            (contacts[1].1.prenom.as_str(), contacts[1].1.nom.as_str()),
            ("Marie", "Curie")
        );
        assert_eq!(contacts[1].1.organisation, "Association, Sciences");
    }
}
