//! Sender matching: which official wrote a message, with a confidence and the reason.
//!
//! [`Directory::match_mail`] tries these steps in order, one function each; the first that
//! decides wins, and its reason is recorded:
//! 1. `address` (`by_known_address`): the sender's address is known (address book or learned
//!    from a staff confirmation) -> that person, unless they held no mandate any more on the
//!    letter's day;
//! 2. `signature`: the last block of the sender's own text (quoted replies excluded) names a
//!    person and/or a function and commune ("Jean DUPONT / Maire de Vif", "Le Maire, J. Dupont",
//!    "Adjointe au maire de Meylan", "Pour le maire, la secrétaire de mairie") -> resolved
//!    against the directory with accent/case folding, compound names and initials: a name with
//!    agreeing evidence (`by_signed_name`), else a function and a commune -> that commune's
//!    mayor (`by_signed_function`);
//! 3. `town_hall_domain` / `town_hall_generic`: a town-hall address (`…@mairie-vif.fr`,
//!    `…@ville-meylan.fr`, `…@mairie.vif.fr`, `mairie.vif@wanadoo.fr`) gives the commune; the
//!    display name then gives the official (`by_town_hall_name`), and a generic mailbox
//!    (accueil, secrétariat, the town hall itself) is taken as written on behalf of the mayor
//!    (`by_town_hall_mailbox`);
//! 4. the display name alone (`by_display_name`): never a decision, at most `possible`
//!    candidates — unless the address is on the own domain of a commune where that official
//!    holds a mandate.
//!
//! Two officials who fit equally are never guessed between: both are listed as candidates.
//! A name is never an identity on its own: a signature's or display name's name is taken only
//! with agreeing evidence (a function line, the commune of the postal line, dateline, « Mairie
//! de X » or town-hall domain); without it, or against it, the officials it fits are kept as
//! `possible` candidates with the reason, never as the message's official.

use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock};

/// The directory's maps and sets are built from what the directory files say (names, codes),
/// never from what a message says (a message's words are only looked up): a fast hasher is
/// safe there.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

use anyhow::Result;
use regex::Regex;
use rusqlite::Connection;
use serde::Serialize;

use super::Method;
use crate::parse::{Mailbox, ParsedMail};
use crate::util::fold;

/// The decision for one message.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Match {
    /// The official, when one was identified.
    pub official: Option<i64>,
    /// The address-book contact, when the address is in the book.
    pub contact: Option<i64>,
    /// 0..1.
    pub confidence: f64,
    /// How it was decided.
    pub method: Method,
    /// Why, in words (French names, English prose).
    pub reason: String,
    /// Equally good officials, when ambiguous.
    pub candidates: Vec<i64>,
    /// Authentication-Results says the sender's domain failed DMARC/DKIM/SPF.
    pub unverified: bool,
}

/// The message being matched and what every step needs with it.
struct Letter<'a> {
    mail: &'a ParsedMail,
    /// Its sender (empty when the From line is missing or unreadable).
    from: Mailbox,
    /// The letter's day (YYYY-MM-DD): who held a function then.
    date: &'a str,
    /// Officials staff said it is not from.
    rejected: &'a [i64],
}

/// What the text and the address say of the sender besides a name ([`Directory::clues`]).
struct Clues {
    /// The sender says they are a namesake of an official (« je ne suis pas l'élu »).
    namesake: bool,
    /// The signature block, with what the display name carries after the name.
    block: String,
    /// The display name's name part (« Clément Bonnet » of « Clément Bonnet - Maire »).
    display_name: String,
    /// The signature block, read.
    sig: Signature,
    /// Communes of the signature's function line or « Mairie de X ».
    signed_communes: Vec<String>,
    /// Where the sender writes as an official: `signed_communes`, else the town-hall address's.
    communes: Vec<String>,
    /// Where the sender lives or writes from: postal line, dateline.
    private_communes: Vec<String>,
    /// Communes the text names (« la commune de X »).
    mentioned: Vec<String>,
    /// The address is a town hall's, of one commune.
    town_hall: Option<TownHall>,
}

/// A town-hall address of one commune.
struct TownHall {
    /// The commune's INSEE code.
    code: String,
    /// The mailbox is generic (accueil, secrétariat, the town hall itself, no display name):
    /// whoever writes, writes for the town hall.
    generic: bool,
}

/// What a name-based step concluded.
enum Step {
    /// Decided: one official, or ambiguous between several.
    Decided(Match),
    /// Officials the name fits, none taken, with why: kept unless a later step decides.
    Possible(Match),
    /// Nothing to go on.
    Nothing,
}

/// What the sender says besides a name.
struct Evidence<'a> {
    /// Communes where they write as an official (function line, « Mairie de X », town-hall
    /// domain).
    communes: &'a [String],
    /// Communes of a private postal line or a dateline.
    private: &'a [String],
    /// The function line's function.
    function: Option<&'a str>,
    /// Communes the text names (« la commune de X »), to narrow among several.
    mentioned: &'a [String],
    /// The letter's day (YYYY-MM-DD): who held the function then.
    date: &'a str,
}

/// The evidence for the officials a signature's name fits.
enum Weighed {
    /// The name fits no official.
    Nobody,
    /// Confirmed by the commune or function the sender gives.
    Confirmed {
        ids: Vec<i64>,
        confidence: f64,
        evidence: String,
    },
    /// Not confirmed, or contradicted: why.
    Possible { ids: Vec<i64>, why: String },
}

/// A string of the directory, shared: the national files repeat the same first names,
/// functions, kinds, dates and commune codes hundreds of thousands of times, so each distinct
/// value is stored once ([`Interner`]). Half a million officials then take about a quarter of
/// the memory they took as owned strings, and load faster.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
struct Sym(Arc<str>);

impl Sym {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Sym {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Hands out one [`Sym`] per distinct string while the directory loads.
#[derive(Default)]
struct Interner(HashSet<Sym>);

impl Interner {
    fn get(&mut self, text: &str) -> Sym {
        if let Some(sym) = self.0.get(text) {
            return sym.clone();
        }
        let sym = Sym(Arc::from(text));
        self.0.insert(sym.clone());
        sym
    }
}

#[derive(Debug, Clone)]
struct Person {
    nom: Sym,
    prenom: Sym,
    prenom_key: Sym,
}

#[derive(Debug, Clone)]
struct Mandate {
    official: i64,
    kind: Sym,
    territory: Sym,
    fonction_key: Sym,
    start: Sym,
    end: Sym,
}

/// The directory in memory, built once per pipeline run (tens of thousands of officials fit
/// easily); lookups are hash-map hits.
#[derive(Debug, Default)]
pub struct Directory {
    people: HashMap<i64, Person>,
    /// Folded surname -> officials.
    by_surname: HashMap<String, Vec<i64>>,
    mandates: HashMap<i64, Vec<Mandate>>,
    /// Commune INSEE code -> mandates held there (mayors, councillors).
    by_commune: HashMap<Sym, Vec<Mandate>>,
    /// Folded commune name -> INSEE codes.
    commune_names: HashMap<String, Vec<String>>,
    /// Commune slug (letters and digits only) -> INSEE codes, for domains.
    commune_slugs: HashMap<String, Vec<String>>,
    /// Known address -> (official, contact, learned).
    addresses: HashMap<String, (Option<i64>, Option<i64>, bool)>,
    /// The office's départements, preferred among homonymous communes.
    territory: Vec<String>,
}

static FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?P<f>
            maire[\s-]+adjointe? | maire\s+d[ée]l[ée]gu[ée]e? |
            (?:(?:premi(?:er|ere|ère)|deuxi[èe]me|second(?:e)?|troisi[èe]me|quatri[èe]me|cinqui[èe]me|sixi[èe]me|septi[èe]me|huiti[èe]me|neuvi[èe]me|dixi[èe]me)\s+|\d+(?:e|er|re|ère|ème|eme)\s+)?adjointe?(?:\s+au\s+maire)? |
            conseill(?:er|ère|ere)s?\s+municipale?(?:\s+d[ée]l[ée]gu[ée]e?)? | conseill(?:er|ère|ere)\s+d[ée]partementale? |
            conseill(?:er|ère|ere)\s+r[ée]gionale? | s[ée]nat(?:eur|rice) | d[ée]put[ée]e? | maire |
            pr[ée]sidente?\s+du\s+(?:conseil\s+)?d[ée]partement(?:al)? |
            pr[ée]sidente?\s+(?:du\s+conseil\s+r[ée]gional|de\s+la\s+r[ée]gion) )\b
          (?:\s*(?:,\s*)?(?:de\s+la\s+commune\s+)?(?:de|du|des|d['’])\s*(?P<c>[^,\n]{2,60})
            | \s*[–—-]\s+(?P<c2>[^,\n]{2,60}))?",
    )
    .expect("static regex")
});
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(pour\s+le\s+maire|p/le\s+maire|p\.o\.|par\s+d[ée]l[ée]gation|secr[ée]tari(?:at|e)\s+de\s+(?:la\s+)?mairie|secr[ée]taire\s+de\s+mairie|service\s+accueil)")
        .expect("static regex")
});
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(homonyme|je ne suis pas (?:l['’])?[ée]lu|ne suis pas [ée]lue?|simple (?:particulier|citoyen(?:ne)?)|aucun lien avec (?:lui|elle))")
        .expect("static regex")
});
static POSTAL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{5})\s+([A-ZÀ-Ýa-zà-ÿ][A-Za-zÀ-ÿ' \-]{1,50})$").expect("static regex")
});
static TRAILING_POSTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)[\s,–—-]+(\d{5})$").expect("static regex"));
/// « À Rezé, le 12 mars 2026 », « Saint-Herblain, le 3/02/2026 »: where the letter was written.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[ÀA]\s+)?(?P<c>[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\- ]{1,40}?)\s*,?\s+le\s+(?:\d{1,2}(?:er)?\s+(?i:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)(?:\s+\d{4})?|\d{1,2}/\d{1,2}/\d{2,4})\s*\.?$",
    )
    .expect("static regex")
});
static MAIRIE_DE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:mairie|h[ôo]tel\s+de\s+ville|commune)\s+(?:de|du|des|d['’])\s*([^,\n]{2,60})",
    )
    .expect("static regex")
});
static CLOSING: &[&str] = &[
    "cordialement",
    "bien a vous",
    "bien cordialement",
    "salutations",
    "respectueusement",
    "merci",
    "bonne journee",
    "tres cordialement",
    "amities",
    "a bientot",
    "sincerement",
    "avec mes remerciements",
];
const GENERIC_LOCAL: &[&str] = &[
    "accueil",
    "mairie",
    "secretariat",
    "secretariat mairie",
    "contact",
    "info",
    "infos",
    "courrier",
    "administration",
    "dgs",
    "direction",
];

impl Directory {
    /// Loads the directory from the database; `territory` lists the office's départements.
    pub fn load(conn: &Connection, territory: &[String]) -> Result<Directory> {
        let mut d = Directory {
            territory: territory.to_vec(),
            ..Default::default()
        };
        let mut interner = Interner::default();
        d.load_people(conn, &mut interner)?;
        d.load_mandates(conn, &mut interner)?;
        d.add_gazetteer_communes()?;
        d.load_addresses(conn)?;
        Ok(d)
    }

    /// Every official, by id and by folded surname.
    fn load_people(&mut self, conn: &Connection, interner: &mut Interner) -> Result<()> {
        let mut stmt =
            conn.prepare("SELECT id, nom, prenom, nom_key, prenom_key FROM officials")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = |i: usize| -> Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
            let p = Person {
                nom: interner.get(text(1)?),
                prenom: interner.get(text(2)?),
                prenom_key: interner.get(text(4)?),
            };
            let nom_key = text(3)?;
            match self.by_surname.get_mut(nom_key) {
                Some(ids) => ids.push(id),
                None => {
                    self.by_surname.insert(nom_key.to_string(), vec![id]);
                }
            }
            self.people.insert(id, p);
        }
        Ok(())
    }

    /// Every mandate, by official; the municipal ones by commune too, with the commune's name
    /// and domain slug as the directory writes it.
    fn load_mandates(&mut self, conn: &Connection, interner: &mut Interner) -> Result<()> {
        let mut stmt = conn.prepare("SELECT official, kind, territory, territory_name, fonction, start_date, end_date FROM mandates")?;
        // Folded functions, and the commune names already added, by what the file says.
        let mut folded_functions: HashMap<Sym, Sym> = HashMap::default();
        let mut named: HashSet<(Sym, Sym)> = HashSet::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
            let fonction = interner.get(text(4)?);
            let fonction_key = match folded_functions.get(&fonction) {
                Some(key) => key.clone(),
                None => {
                    let key = interner.get(&fold(&fonction));
                    folded_functions.insert(fonction, key.clone());
                    key
                }
            };
            let m = Mandate {
                official: r.get(0)?,
                kind: interner.get(text(1)?),
                territory: interner.get(text(2)?),
                fonction_key,
                start: interner.get(text(5)?),
                end: interner.get(text(6)?),
            };
            if m.kind == "mai" || m.kind == "cm" {
                let name = interner.get(text(3)?);
                if named.insert((m.territory.clone(), name.clone())) {
                    let folded = fold(&name);
                    let domain = slug(&folded);
                    add_code(self.commune_names.entry(folded).or_default(), &m.territory);
                    add_code(self.commune_slugs.entry(domain).or_default(), &m.territory);
                }
                self.by_commune
                    .entry(m.territory.clone())
                    .or_default()
                    .push(m.clone());
            }
            self.mandates.entry(m.official).or_default().push(m);
        }
        // Most officials hold one mandate, and a vector's first push reserves four.
        for list in self
            .mandates
            .values_mut()
            .chain(self.by_commune.values_mut())
        {
            list.shrink_to_fit();
        }
        for ids in self.by_surname.values_mut() {
            ids.shrink_to_fit();
        }
        Ok(())
    }

    /// Communes by their official (COG) name too, when the directory does not name them that
    /// way: it may spell them otherwise (« Bellegarde-Adoulins » for Bellegarde, 32041) or have
    /// nobody there yet.
    fn add_gazetteer_communes(&mut self) -> Result<()> {
        for c in crate::communes::Gazetteer::bundled()?.all() {
            let folded = fold(&c.name);
            let domain = slug(&folded);
            add_code(self.commune_names.entry(folded).or_default(), &c.code);
            add_code(self.commune_slugs.entry(domain).or_default(), &c.code);
        }
        Ok(())
    }

    /// The known addresses: the address book's and those learned from staff confirmations.
    fn load_addresses(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt =
            conn.prepare("SELECT address, official, contact, source FROM known_addresses")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (r.get(1)?, r.get(2)?, r.get::<_, String>(3)? == "learned"),
            ))
        })?;
        for row in rows {
            let (address, v) = row?;
            self.addresses.insert(address, v);
        }
        Ok(())
    }

    /// True when no official is loaded.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Decides who wrote `mail`, dated `date` (YYYY-MM-DD), skipping `rejected` officials. The
    /// steps of the module doc, in order; the first that decides wins.
    pub fn match_mail(&self, mail: &ParsedMail, date: &str, rejected: &[i64]) -> Match {
        let letter = Letter {
            mail,
            from: mail.from.clone().unwrap_or_default(),
            date,
            rejected,
        };
        // Whatever is decided carries the address-book contact and the authentication verdict.
        let base = Match {
            contact: self.contact_of(&letter.from.address),
            method: Method::None,
            unverified: mail.auth_failed,
            ..Default::default()
        };
        if let Some(m) = self.by_known_address(&letter, &base) {
            return m;
        }
        // Mailing lists and newsletters mention officials without being written by them.
        if self.is_empty() || mail.bulk {
            return base;
        }
        let clues = self.clues(&letter);
        let possible = match self.by_signed_name(&letter, &clues, &base) {
            Step::Decided(m) => return m,
            Step::Possible(m) => Some(m),
            Step::Nothing => None,
        };
        if let Some(m) = self
            .by_signed_function(&letter, &clues, &base)
            .or_else(|| self.by_town_hall_name(&letter, &clues, &base))
            .or_else(|| self.by_town_hall_mailbox(&letter, &clues, &base))
        {
            return m;
        }
        // The signature's candidates come before the display name's: it is what the sender signed.
        if let Some(m) = possible {
            return m;
        }
        match self.by_display_name(&letter, &clues, &base) {
            Step::Decided(m) | Step::Possible(m) => m,
            Step::Nothing => base,
        }
    }

    /// The address-book contact of `address`, when the book has it.
    fn contact_of(&self, address: &str) -> Option<i64> {
        self.addresses
            .get(address)
            .and_then(|&(_, contact, _)| contact)
    }

    /// Step 1: the sender's address is known — from the office's address book, or learned when
    /// staff confirmed a message from it — so the message is that official's (confidence 0.5
    /// only when the sender failed authentication: anyone can write a From line). Except when
    /// they held no mandate any more on the letter's day (a mayor whose successor had taken
    /// office): a former official writes as a private person, so they are only `possible`.
    fn by_known_address(&self, l: &Letter<'_>, base: &Match) -> Option<Match> {
        let &(official, _, learned) = self.addresses.get(&l.from.address)?;
        let id = official.filter(|id| !l.rejected.contains(id))?;
        if let Some(until) = self.former_at(id, l.date) {
            return Some(Match {
                method: Method::Possible,
                candidates: vec![id],
                reason: format!(
                    "address {} is {}'s, who held no mandate on {} (last function ended {until}): a former official writes as a private person",
                    l.from.address,
                    self.describe(id),
                    l.date
                ),
                ..base.clone()
            });
        }
        let source = if learned {
            "learned from a staff confirmation"
        } else {
            "in the office's address book"
        };
        Some(Match {
            official: Some(id),
            confidence: if l.mail.auth_failed { 0.5 } else { 0.99 },
            method: Method::Address,
            reason: format!(
                "address {} is {source}: {}",
                l.from.address,
                self.describe(id)
            ),
            ..base.clone()
        })
    }

    /// What the text and the address say of the sender besides a name, read once for steps 2
    /// to 4: the signature block (with what the display name carries after its name), the
    /// communes where the sender writes as an official and where they live or write from, the
    /// communes the text names, and the town hall the address belongs to.
    fn clues(&self, l: &Letter<'_>) -> Clues {
        let body = &l.mail.body;
        // "I am not the mayor, just a namesake": no name-based decision.
        let namesake = DISCLAIMER.is_match(body);
        let block = signature_block(body);
        // "Clément Bonnet - Maire", "Jean Dupont (Mairie de Vif)": the name, and a signature line.
        let (display_name, display_extra) = split_display_name(&l.from.name);
        let block = if display_extra.is_empty() {
            block
        } else {
            format!("{block}\n{display_extra}")
        };
        let sig = parse_signature(&block);
        let signed_communes = self.resolve_communes(&sig.communes);
        let domain_commune = self.commune_from_address(&l.from.address);
        // Where the sender writes as an official: the commune of a function line or « Mairie de
        // X », else the town-hall address's. Where they live or write from: a postal line, a
        // dateline — what any private person's letter carries too.
        let communes = match (&domain_commune, signed_communes.is_empty()) {
            (Some((codes, _)), true) => codes.clone(),
            _ => signed_communes.clone(),
        };
        let mut private: Vec<String> = sig.postal.clone();
        private.extend(dateline(body));
        let private_communes = self.resolve_communes(&private);
        let mentioned = self.resolve_communes(&mentioned_communes(body));
        // A town-hall address of one commune; its mailbox is generic when the address or the
        // display name is (accueil, secrétariat, the town hall itself, no name at all).
        let town_hall = domain_commune.and_then(|(codes, generic)| {
            let [code] = <[String; 1]>::try_from(codes).ok()?;
            let display = fold(&display_name);
            let generic = generic
                || display.is_empty()
                || display.contains("mairie")
                || GENERIC_LOCAL.contains(&display.as_str());
            Some(TownHall { code, generic })
        });
        Clues {
            namesake,
            block,
            display_name,
            sig,
            signed_communes,
            communes,
            private_communes,
            mentioned,
            town_hall,
        }
    }

    /// Step 2a: a name in the signature, taken only with agreeing evidence (see
    /// [`Directory::weigh`]): the first name that the evidence confirms decides (one official,
    /// or ambiguous between several). A bare name, or one whose commune contradicts the sender's
    /// own, is at most a possible candidate, kept for staff with the reason it was not taken (the
    /// first such name's). A sender who says they are a namesake is never matched by name.
    fn by_signed_name(&self, l: &Letter<'_>, c: &Clues, base: &Match) -> Step {
        if c.namesake {
            return Step::Nothing;
        }
        let what = format!("signature \"{}\"", one_line(&c.block));
        let e = Evidence {
            communes: &c.communes,
            private: &c.private_communes,
            function: c.sig.function.as_deref(),
            mentioned: &c.mentioned,
            date: l.date,
        };
        let mut possible = None;
        for name in &c.sig.names {
            match self.weigh(name, &e, l.rejected) {
                Weighed::Nobody => {}
                Weighed::Confirmed {
                    ids,
                    confidence,
                    evidence,
                } => {
                    let what = format!("{what}, {evidence},");
                    if let Some(m) = self.decide(ids, Method::Signature, confidence, &what, base) {
                        return Step::Decided(m);
                    }
                }
                Weighed::Possible { ids, why } => {
                    if possible.is_none() {
                        possible = Some(self.possible(ids, &what, &why, base));
                    }
                }
            }
        }
        possible.map_or(Step::Nothing, Step::Possible)
    }

    /// Step 2b: a function and one commune without a usable name (« Le Maire » above « Mairie
    /// de Vif »), or a letter written on behalf of the mayor: the mayor of that commune on the
    /// letter's day. The commune is the one the sender signs for, else their postal line's. Not
    /// when the signature names someone the directory does not know: the directory may be out
    /// of date, and the mayor on file would then be the wrong person.
    fn by_signed_function(&self, l: &Letter<'_>, c: &Clues, base: &Match) -> Option<Match> {
        let signed_or_postal = if c.signed_communes.is_empty() {
            &c.private_communes
        } else {
            &c.signed_communes
        };
        let (Some(function), [code]) = (c.sig.function.as_deref(), signed_or_postal.as_slice())
        else {
            return None;
        };
        if !(c.sig.on_behalf || (function == "maire" && c.sig.names.is_empty())) {
            return None;
        }
        let id = self.mayor_of(code, l.date, l.rejected)?;
        let how = if c.sig.on_behalf {
            "written on behalf of the mayor"
        } else {
            "signed by the mayor"
        };
        Some(Match {
            official: Some(id),
            confidence: 0.75,
            method: Method::Signature,
            reason: format!(
                "signature \"{}\": {how} of {code}: {}",
                one_line(&c.block),
                self.describe(id)
            ),
            ..base.clone()
        })
    }

    /// Step 3a: a town-hall address (`…@mairie-vif.fr`, `…@ville-meylan.fr`,
    /// `mairie.vif@wanadoo.fr`) gives the commune, and a personal mailbox's display name names
    /// the one official of that name who holds a mandate there. The commune is evidence the
    /// sender cannot give by accident, so the name is enough with it.
    fn by_town_hall_name(&self, l: &Letter<'_>, c: &Clues, base: &Match) -> Option<Match> {
        let town_hall = c.town_hall.as_ref().filter(|t| !t.generic)?;
        let code = &town_hall.code;
        let found = self.find_by_name(
            &c.display_name,
            std::slice::from_ref(code),
            None,
            &[],
            l.rejected,
        );
        let [id] = found.as_slice() else {
            return None;
        };
        Some(Match {
            official: Some(*id),
            confidence: 0.85,
            method: Method::TownHallDomain,
            reason: format!(
                "town-hall address {} ({code}) and display name \"{}\": {}",
                l.from.address,
                l.from.name,
                self.describe(*id)
            ),
            ..base.clone()
        })
    }

    /// Step 3b: a generic town-hall mailbox (accueil, secrétariat, the town hall itself), or a
    /// town-hall address with a letter written on behalf of the mayor: taken as the mayor's, on
    /// the letter's day. Not when the signature is an adjoint's or a councillor's: they write in
    /// their own name from the town hall's mailbox. Nor when it is signed with a function by
    /// someone the directory does not know there (« Le Maire, Michel Musset », the directory out
    /// of date or another commune of that name): the mayor on file would be the wrong person.
    fn by_town_hall_mailbox(&self, l: &Letter<'_>, c: &Clues, base: &Match) -> Option<Match> {
        let town_hall = c.town_hall.as_ref()?;
        let someone_else = !c.sig.on_behalf && c.sig.function.is_some() && !c.sig.names.is_empty();
        if !(town_hall.generic || c.sig.on_behalf) || someone_else {
            return None;
        }
        let code = &town_hall.code;
        let id = self.mayor_of(code, l.date, l.rejected)?;
        Some(Match {
            official: Some(id),
            confidence: 0.6,
            method: Method::TownHallGeneric,
            reason: format!(
                "generic town-hall address {} of {code}: written on behalf of the mayor, {}",
                l.from.address,
                self.describe(id)
            ),
            ..base.clone()
        })
    }

    /// Step 4: the display name alone is never an identity: the officials it fits are possible
    /// candidates only — unless the address is on the own domain of a commune where one of them
    /// holds a mandate (`henri.faure@saint-pierre-de-bressieux.fr`), which decides. Nothing for a
    /// sender who says they are a namesake.
    fn by_display_name(&self, l: &Letter<'_>, c: &Clues, base: &Match) -> Step {
        if c.display_name.is_empty() || c.namesake {
            return Step::Nothing;
        }
        let found = self.name_fits(&c.display_name, l.rejected);
        if let Some(codes) = self.own_domain_commune(&l.from.address) {
            let here: Vec<i64> = found
                .iter()
                .copied()
                .filter(|id| self.holds_in(*id, &codes, None))
                .collect();
            let what = format!(
                "address {} on the domain of commune {} and display name \"{}\"",
                l.from.address,
                codes.join(", "),
                l.from.name
            );
            if let Some(m) = self.decide(here, Method::TownHallDomain, 0.9, &what, base) {
                return Step::Decided(m);
            }
        }
        if found.is_empty() {
            return Step::Nothing;
        }
        let what = format!("display name \"{}\"", l.from.name);
        Step::Possible(self.possible(
            found,
            &what,
            "a name alone, with no function line, commune or known address agreeing",
            base,
        ))
    }

    /// Weighs the evidence for the officials a signature's `name` fits: confirmed by a
    /// function line (narrowed, or contradicted, by any commune the sender gives:
    /// [`Directory::weigh_function`]) or by the commune where they write as an official
    /// (function line, « Mairie de X », town-hall domain); a private postal line or dateline
    /// alone is what any citizen's letter carries, so it only narrows or contradicts
    /// ([`Directory::weigh_communes`]). Otherwise possible only, with the reason.
    fn weigh(&self, name: &str, e: &Evidence<'_>, rejected: &[i64]) -> Weighed {
        let all = self.name_fits(name, rejected);
        if all.is_empty() {
            return Weighed::Nobody;
        }
        match e.function {
            Some(f) => self.weigh_function(all, f, e),
            None => self.weigh_communes(all, e),
        }
    }

    /// A function line confirms the officials of the name who hold that function: where the
    /// sender says they are, when they give any commune (function line, « Mairie de X »,
    /// town-hall domain, postal line, dateline; confidence 0.95) — a commune where none of them
    /// holds it contradicts the name, which stays possible only; without a commune, the
    /// function alone (0.8), narrowed to the communes the text names when several fit. Among
    /// several, the one in office on the letter's day.
    fn weigh_function(&self, all: Vec<i64>, f: &str, e: &Evidence<'_>) -> Weighed {
        let given: Vec<String> = e.communes.iter().chain(e.private).cloned().collect();
        let mut fitting: Vec<i64> = all
            .iter()
            .copied()
            .filter(|id| self.holds_function(*id, f))
            .collect();
        if !given.is_empty() {
            let here = self.holding(&fitting, &given, Some(f));
            if here.is_empty() {
                return Weighed::Possible {
                    ids: all,
                    why: format!(
                        "the sender's own commune ({}) is not where an official of this name holds a mandate as \u{ab} {f} \u{bb}",
                        given.join(", ")
                    ),
                };
            }
            return Weighed::Confirmed {
                ids: self.at_date(here, &given, f, e.date),
                confidence: 0.95,
                evidence: format!(
                    "function \u{ab} {f} \u{bb} and commune {} agreeing",
                    given.join(", ")
                ),
            };
        }
        if fitting.len() > 1 && !e.mentioned.is_empty() {
            let there = self.holding(&fitting, e.mentioned, None);
            if !there.is_empty() {
                fitting = there;
            }
        }
        if fitting.is_empty() {
            return Weighed::Possible {
                ids: all,
                why: format!("no official of this name holds a mandate as \u{ab} {f} \u{bb}"),
            };
        }
        Weighed::Confirmed {
            ids: self.at_date(fitting, &[], f, e.date),
            confidence: 0.8,
            evidence: format!("function \u{ab} {f} \u{bb} agreeing"),
        }
    }

    /// Without a function line, the commune where the sender writes as an official (« Mairie de
    /// X », town-hall domain) confirms the officials of the name who hold a mandate there
    /// (confidence 0.9), or contradicts the name. A private postal line or dateline alone is
    /// what any citizen's letter carries: it only narrows the possible candidates, or says why
    /// none fits. A bare name is possible only.
    fn weigh_communes(&self, all: Vec<i64>, e: &Evidence<'_>) -> Weighed {
        if !e.communes.is_empty() {
            let here = self.holding(&all, e.communes, None);
            if here.is_empty() {
                return Weighed::Possible {
                    ids: all,
                    why: format!(
                        "the commune the sender writes for ({}) is not where an official of this name holds a mandate",
                        e.communes.join(", ")
                    ),
                };
            }
            return Weighed::Confirmed {
                ids: here,
                confidence: 0.9,
                evidence: format!("commune {} agreeing", e.communes.join(", ")),
            };
        }
        if !e.private.is_empty() {
            let here = self.holding(&all, e.private, None);
            return Weighed::Possible {
                ids: if here.is_empty() { all } else { here.clone() },
                why: if here.is_empty() {
                    format!(
                        "the sender's own address is in {}, where no official of this name holds a mandate",
                        e.private.join(", ")
                    )
                } else {
                    "a name and a private address, without a function line, a town-hall address or « Mairie de … »: the letter of a private person".into()
                },
            };
        }
        Weighed::Possible {
            ids: all,
            why: "a name alone, with no function line, commune or known address agreeing".into(),
        }
    }

    /// Those of `ids` who hold a mandate in `codes` (as `function`, when given).
    fn holding(&self, ids: &[i64], codes: &[String], function: Option<&str>) -> Vec<i64> {
        ids.iter()
            .copied()
            .filter(|id| self.holds_in(*id, codes, function))
            .collect()
    }

    /// When `id` held no mandate on `date` although they held one before — every mandate ended,
    /// or, for a mayor, a successor in the same commune had taken office — the day their last
    /// function ended; `None` when they were in office (or nothing is known).
    fn former_at(&self, id: i64, date: &str) -> Option<String> {
        if date.is_empty() {
            return None;
        }
        let ms = self.mandates.get(&id)?;
        let mut last_end: Option<String> = None;
        for m in ms {
            if !m.start.is_empty() && m.start.as_str() > date {
                continue;
            }
            let mut end = m.end.clone();
            let mayor = m.kind == "mai" || m.fonction_key == "maire";
            if mayor {
                // A successor's start ends the function (the file that listed them is not
                // always replaced by a newer one of the same kind).
                let successor = self.by_commune.get(&m.territory).and_then(|others| {
                    others
                        .iter()
                        .filter(|o| {
                            o.official != id && (o.kind == "mai" || o.fonction_key == "maire")
                        })
                        .filter(|o| o.start.as_str() > m.start.as_str() && o.start.as_str() <= date)
                        .map(|o| o.start.clone())
                        .min()
                });
                if let Some(s) = successor
                    && (end.is_empty() || s < end)
                {
                    end = s;
                }
            }
            if end.is_empty() || end.as_str() >= date {
                return None;
            }
            if last_end.as_ref().is_none_or(|l| end.as_str() > l.as_str()) {
                last_end = Some(end.to_string());
            }
        }
        last_end
    }

    /// Among several officials who fit, those who held `function` (in `codes`, when given) at
    /// `date`, the latest to take it up: two files of different years list the predecessor
    /// and the successor of one mandate, or one person under two spellings.
    fn at_date(&self, ids: Vec<i64>, codes: &[String], function: &str, date: &str) -> Vec<i64> {
        if ids.len() < 2 || date.is_empty() {
            return ids;
        }
        let start_at = |id: i64| -> Option<(String, String)> {
            self.mandates
                .get(&id)?
                .iter()
                .filter(|m| function_fits(function, &m.fonction_key, &m.kind))
                .filter(|m| codes.is_empty() || codes.iter().any(|c| m.territory == *c))
                .filter(|m| active(m, date))
                .map(|m| (m.start.to_string(), m.territory.to_string()))
                .max()
        };
        let dated: Vec<(i64, String, String)> = ids
            .iter()
            .filter_map(|&id| start_at(id).map(|(s, t)| (id, s, t)))
            .collect();
        // Only within one territory: namesakes of two communes are two people, not a succession.
        let territories: BTreeSet<&str> = dated.iter().map(|(_, _, t)| t.as_str()).collect();
        if territories.len() != 1 {
            return ids;
        }
        let dated: Vec<(i64, String)> = dated.into_iter().map(|(id, s, _)| (id, s)).collect();
        let Some(latest) = dated.iter().map(|(_, s)| s.clone()).max() else {
            return ids;
        };
        let newest: Vec<i64> = dated
            .into_iter()
            .filter(|(_, s)| *s == latest)
            .map(|(id, _)| id)
            .collect();
        if newest.is_empty() { ids } else { newest }
    }

    /// A possible-only decision: no official, the candidates (at most ten) and why none was
    /// taken.
    fn possible(&self, mut ids: Vec<i64>, what: &str, why: &str, base: &Match) -> Match {
        let count = ids.len();
        ids.truncate(10);
        let named: Vec<String> = ids.iter().take(3).map(|id| self.describe(*id)).collect();
        Match {
            method: Method::Possible,
            reason: format!(
                "{what} fits {}{}; not taken: {why}",
                named.join(", "),
                if count > 3 {
                    format!(" and {} more", count - 3)
                } else {
                    String::new()
                }
            ),
            candidates: ids,
            ..base.clone()
        }
    }

    /// One official found: that one, by `method`; several: ambiguous, all listed, none chosen;
    /// none: no decision. `what` names the evidence in the reason.
    fn decide(
        &self,
        found: Vec<i64>,
        method: Method,
        confidence: f64,
        what: &str,
        base: &Match,
    ) -> Option<Match> {
        match found.as_slice() {
            [] => None,
            [id] => Some(Match {
                official: Some(*id),
                confidence,
                method,
                reason: format!("{what} names {}", self.describe(*id)),
                ..base.clone()
            }),
            _ => Some(Match {
                method: Method::Ambiguous,
                reason: format!("{what} fits {} officials: not guessing", found.len()),
                candidates: found,
                ..base.clone()
            }),
        }
    }

    /// The commune (INSEE code) of an official's municipal mandate: current first, then latest.
    pub fn commune_of(&self, id: i64) -> Option<String> {
        let ms = self.mandates.get(&id)?;
        ms.iter()
            .filter(|m| m.kind == "mai" || m.kind == "cm")
            .max_by(|a, b| (a.end.is_empty(), &a.start).cmp(&(b.end.is_empty(), &b.start)))
            .map(|m| m.territory.to_string())
    }

    /// The folded function of an official's current mandates ("maire conseiller municipal").
    pub fn functions_of(&self, id: i64) -> String {
        self.mandates
            .get(&id)
            .map(|ms| {
                ms.iter()
                    .filter(|m| m.end.is_empty())
                    .map(|m| m.fonction_key.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }

    /// "Prénom NOM, Maire de Commune" for reasons.
    pub fn describe(&self, id: i64) -> String {
        let Some(p) = self.people.get(&id) else {
            return format!("official #{id}");
        };
        let mandate = self
            .mandates
            .get(&id)
            .and_then(|ms| ms.iter().find(|m| m.end.is_empty()).or(ms.first()));
        match mandate {
            Some(m) => format!("{} {} (#{id}, {} {})", p.prenom, p.nom, m.kind, m.territory),
            None => format!("{} {} (#{id})", p.prenom, p.nom),
        }
    }

    /// INSEE codes for commune names; among homonyms the office's territory wins, else all stay.
    fn resolve_communes(&self, names: &[String]) -> Vec<String> {
        let mut out: BTreeSet<String> = BTreeSet::new();
        for name in names {
            if let Some(code) = name.strip_prefix("#postal:") {
                // "38470 QUINCIEU": the postal code's département narrows the name.
                let (postal, commune) = code.split_once(' ').unwrap_or((code, ""));
                if let Some(codes) = self.commune_names.get(&fold(commune)) {
                    let dep = &postal[..2];
                    out.extend(codes.iter().filter(|c| c.starts_with(dep)).cloned());
                }
                continue;
            }
            if let Some((commune, dep)) = name.split_once("#dep:") {
                if let Some(codes) = self.commune_names.get(&fold(commune)) {
                    out.extend(codes.iter().filter(|c| c.starts_with(dep)).cloned());
                }
                continue;
            }
            let Some(codes) = self.commune_names.get(&fold(name)) else {
                continue;
            };
            let local: Vec<&String> = codes
                .iter()
                .filter(|c| self.territory.iter().any(|d| c.starts_with(d.as_str())))
                .collect();
            if local.len() == 1 {
                out.insert(local[0].clone());
            } else {
                out.extend(codes.iter().cloned());
            }
        }
        out.into_iter().collect()
    }

    /// The commune of a town-hall address, and whether the mailbox is generic: from the domain
    /// first ([`Directory::town_hall_domain`]), else from a town-hall mailbox at a mail provider
    /// ([`Directory::town_hall_mailbox`], always generic).
    fn commune_from_address(&self, address: &str) -> Option<(Vec<String>, bool)> {
        let (local, domain) = address.split_once('@')?;
        let local_folded = fold(local);
        let generic = GENERIC_LOCAL
            .iter()
            .any(|g| local_folded == *g || local_folded.starts_with(&format!("{g} ")));
        self.town_hall_domain(domain, generic, local_folded.contains("mairie"))
            .or_else(|| self.town_hall_mailbox(local).map(|codes| (codes, true)))
    }

    /// The commune of a town hall's domain (`mairie-vif.fr`, `ville-meylan.fr`,
    /// `mairiesaintvictordecessieu.fr`, `mairie.vif.fr`), the mailbox `generic` as its local part
    /// says; or of a commune's own domain (`vaulnaveys-le-haut.fr`), only for a generic or
    /// town-hall mailbox (`mairie_named`) and never a mail provider's (orange.fr is not Orange,
    /// free.fr not Free), and then generic.
    fn town_hall_domain(
        &self,
        domain: &str,
        generic: bool,
        mairie_named: bool,
    ) -> Option<(Vec<String>, bool)> {
        let domain = domain.to_ascii_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let first = labels.first().copied().unwrap_or("");
        // mairie-vif.fr, ville-meylan.fr, mairie-de-vif.fr, commune-de-x.fr
        for prefix in [
            "mairie-de-",
            "mairie-d-",
            "mairie-",
            "ville-de-",
            "ville-d-",
            "ville-",
            "commune-de-",
            "commune-",
        ] {
            if let Some(rest) = first.strip_prefix(prefix)
                && let Some(codes) = self.communes_of_slug(rest)
            {
                return Some((codes, generic));
            }
        }
        // mairiesaintvictordecessieu.fr
        if let Some(rest) = first.strip_prefix("mairie")
            && let Some(codes) = self.communes_of_slug(rest)
        {
            return Some((codes, generic));
        }
        // The commune's own domain (vaulnaveys-le-haut.fr).
        if (generic || mairie_named)
            && !is_mail_provider(first)
            && let Some(codes) = self.communes_of_slug(first)
        {
            return Some((codes, true));
        }
        // mairie.vif.fr, x@mairie.saint-egreve.fr
        if (first == "mairie" || first == "ville")
            && labels.len() >= 3
            && let Some(codes) = self.communes_of_slug(labels[1])
        {
            return Some((codes, generic));
        }
        None
    }

    /// The commune of a town hall's mailbox at a mail provider: mairie.vif@wanadoo.fr,
    /// mairie-de-vif@orange.fr, mairievif@…, and the other way round: vif.mairie@gmail.com,
    /// secretariat.mairie.vif@orange.fr. Whoever writes from it writes for the town hall.
    fn town_hall_mailbox(&self, local: &str) -> Option<Vec<String>> {
        let local = local.to_ascii_lowercase();
        for suffix in [".mairie", "-mairie", "_mairie", "mairie"] {
            if let Some(rest) = local.strip_suffix(suffix)
                && let Some(codes) = self.communes_of_slug(rest)
            {
                return Some(codes);
            }
        }
        for prefix in [
            "secretariat.mairie.",
            "secretariat-mairie-",
            "accueil.mairie.",
            "accueil-mairie-",
        ] {
            if let Some(rest) = local.strip_prefix(prefix)
                && let Some(codes) = self.communes_of_slug(rest)
            {
                return Some(codes);
            }
        }
        for prefix in [
            "mairie.de.",
            "mairie-de-",
            "mairiede",
            "mairie.",
            "mairie-",
            "mairie_",
            "mairie",
            "commune.",
            "commune-",
        ] {
            if let Some(rest) = local.strip_prefix(prefix)
                && let Some(codes) = self.communes_of_slug(rest)
            {
                return Some(codes);
            }
        }
        None
    }

    /// The communes whose name is the address's domain (`x@vaulnaveys-le-haut.fr`), whatever
    /// the mailbox: evidence only together with a name that holds a mandate there.
    fn own_domain_commune(&self, address: &str) -> Option<Vec<String>> {
        let (_, domain) = address.split_once('@')?;
        let first = domain.split('.').next()?.to_ascii_lowercase();
        if is_mail_provider(&first) {
            return None;
        }
        self.communes_of_slug(&first)
    }

    /// The communes whose name, letters and digits only, is `text`'s (`saint-egreve`), the
    /// office's own preferred among homonyms.
    fn communes_of_slug(&self, text: &str) -> Option<Vec<String>> {
        self.commune_slugs
            .get(&slug(text))
            .cloned()
            .map(|codes| self.prefer_territory(codes))
    }

    fn prefer_territory(&self, codes: Vec<String>) -> Vec<String> {
        let local: Vec<String> = codes
            .iter()
            .filter(|c| self.territory.iter().any(|d| c.starts_with(d.as_str())))
            .cloned()
            .collect();
        if local.len() == 1 { local } else { codes }
    }

    /// Officials whose name fits `name` ("Jean DUPONT", "J. Dupont", "DUPONT Jean",
    /// "Marie-Claire MARTIN-REY"), anywhere in the directory.
    fn name_fits(&self, name: &str, rejected: &[i64]) -> Vec<i64> {
        let words: Vec<String> = fold(name)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if words.len() < 2 || words.len() > 6 {
            return Vec::new();
        }
        let mut found: BTreeSet<i64> = BTreeSet::new();
        // Try every split of the words into first name and surname, both orders.
        for split in 1..words.len() {
            let (a, b) = (words[..split].join(" "), words[split..].join(" "));
            for (first, last) in [(&a, &b), (&b, &a)] {
                let Some(ids) = self.by_surname.get(last.as_str()) else {
                    continue;
                };
                for &id in ids {
                    let Some(p) = self.people.get(&id) else {
                        continue;
                    };
                    if first_name_fits(first, &p.prenom_key) && !rejected.contains(&id) {
                        found.insert(id);
                    }
                }
            }
        }
        found.into_iter().collect()
    }

    /// Officials whose name fits `name` ("Jean DUPONT", "J. Dupont", "DUPONT Jean",
    /// "Marie-Claire MARTIN-REY"), narrowed to `communes` and `function` when given; when several
    /// remain, to those holding a mandate in a commune the text mentions (`mentioned`).
    fn find_by_name(
        &self,
        name: &str,
        communes: &[String],
        function: Option<&str>,
        mentioned: &[String],
        rejected: &[i64],
    ) -> Vec<i64> {
        let mut found = self.name_fits(name, rejected);
        if !communes.is_empty() {
            let here: Vec<i64> = found
                .iter()
                .copied()
                .filter(|id| self.holds_in(*id, communes, function))
                .collect();
            if !here.is_empty() || function.is_some() {
                found = here;
            }
        } else if let Some(f) = function {
            let fitting: Vec<i64> = found
                .iter()
                .copied()
                .filter(|id| self.holds_function(*id, f))
                .collect();
            if !fitting.is_empty() {
                found = fitting;
            }
        }
        if found.len() > 1 && !mentioned.is_empty() {
            let there: Vec<i64> = found
                .iter()
                .copied()
                .filter(|id| self.holds_in(*id, mentioned, None))
                .collect();
            if !there.is_empty() {
                found = there;
            }
        }
        found
    }

    fn holds_function(&self, id: i64, function: &str) -> bool {
        self.mandates.get(&id).is_some_and(|ms| {
            ms.iter()
                .any(|m| function_fits(function, &m.fonction_key, &m.kind))
        })
    }

    fn holds_in(&self, id: i64, communes: &[String], function: Option<&str>) -> bool {
        self.mandates.get(&id).is_some_and(|ms| {
            ms.iter().any(|m| {
                let territory_ok = communes
                    .iter()
                    .any(|c| m.territory == *c || m.territory.starts_with(&format!("{c}/")));
                territory_ok && function.is_none_or(|f| function_fits(f, &m.fonction_key, &m.kind))
            })
        })
    }

    /// The mayor of `code` at `date` (the latest one when dates are unknown).
    fn mayor_of(&self, code: &str, date: &str, rejected: &[i64]) -> Option<i64> {
        let mandates = self.by_commune.get(code)?;
        let mayors: Vec<&Mandate> = mandates
            .iter()
            .filter(|m| {
                (m.kind == "mai" || m.fonction_key == "maire") && !rejected.contains(&m.official)
            })
            .collect();
        // Several mayors "active" at the date happen when files of different years overlap (a
        // 2020 councillors file still lists the previous mayor): the latest election wins.
        let active_at: Vec<&Mandate> = mayors.iter().copied().filter(|m| active(m, date)).collect();
        if let Some(latest) = active_at.iter().map(|m| m.start.as_str()).max() {
            let newest: BTreeSet<i64> = active_at
                .iter()
                .filter(|m| m.start == latest)
                .map(|m| m.official)
                .collect();
            if newest.len() == 1 {
                return newest.into_iter().next();
            }
        }
        // The letter predates every mayor on file: who was mayor then is not known here (the
        // current mayor's function began later), so nobody is named.
        if !date.is_empty()
            && mayors
                .iter()
                .all(|m| !m.start.is_empty() && m.start.as_str() > date)
        {
            return None;
        }
        let current: BTreeSet<i64> = mayors
            .iter()
            .filter(|m| m.end.is_empty())
            .map(|m| m.official)
            .collect();
        if current.len() == 1 {
            current.into_iter().next()
        } else {
            None
        }
    }
}

/// Mail providers whose first domain label happens to be a commune's name (Orange, Free…) or
/// could be: their addresses say nothing of a town hall.
pub fn is_mail_provider(first_label: &str) -> bool {
    const PROVIDERS: &[&str] = &[
        "orange",
        "wanadoo",
        "free",
        "sfr",
        "laposte",
        "gmail",
        "googlemail",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "yahoo",
        "ymail",
        "bbox",
        "neuf",
        "numericable",
        "aol",
        "icloud",
        "me",
        "mac",
        "protonmail",
        "proton",
        "gmx",
        "club-internet",
        "aliceadsl",
        "cegetel",
        "voila",
        "tiscali",
        "noos",
        "9online",
        "mailo",
        "netcourrier",
        "libertysurf",
        "infonie",
        "bluewin",
        "skynet",
        "videotron",
    ];
    PROVIDERS.contains(&first_label)
}

/// Letters and digits only: how a commune's name appears in a domain (`saintegreve`).
fn slug(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// Adds `code` to `codes` unless it is there already.
fn add_code(codes: &mut Vec<String>, code: &str) {
    if !codes.iter().any(|c| c == code) {
        codes.push(code.to_string());
    }
}

fn active(m: &Mandate, date: &str) -> bool {
    (m.start.is_empty() || m.start.as_str() <= date) && (m.end.is_empty() || m.end.as_str() >= date)
}

/// "j", "j p", "jean", "jean pierre" against the official's folded first name.
fn first_name_fits(given: &str, official: &str) -> bool {
    if given == official {
        return true;
    }
    let g: Vec<&str> = given.split(' ').collect();
    let o: Vec<&str> = official.split(' ').collect();
    if g.iter().all(|w| w.len() == 1) {
        // Initials: "J.-P." -> j p against "jean pierre".
        return g.len() <= o.len() && g.iter().zip(&o).all(|(i, w)| w.starts_with(i));
    }
    // "Jean" for "Jean Pierre" is not enough, but the official's first given name is.
    o.first().is_some_and(|f| g.len() == 1 && g[0] == *f)
}

fn function_fits(function: &str, fonction_key: &str, kind: &str) -> bool {
    match function {
        "maire" => kind == "mai" || fonction_key == "maire",
        "maire delegue" => fonction_key.starts_with("maire delegue"),
        "adjoint" => fonction_key.contains("adjoint"),
        "conseiller municipal" => kind == "cm",
        "conseiller departemental" => kind == "cd",
        "conseiller regional" => kind == "cr",
        "senateur" => kind == "sen",
        "depute" => kind == "dep",
        _ => true,
    }
}

/// The last block of the sender's own text: the lines after the closing formula ("Cordialement",
/// "Je vous prie d'agréer …", "Sincères salutations") when there is one near the end, else the
/// last six lines; paragraph-length lines and salutations ("Madame la Sénatrice,") are dropped.
fn signature_block(body: &str) -> String {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let near_end = lines.len().saturating_sub(12);
    let block = match lines.iter().rposition(|l| is_closing(l)) {
        Some(pos) if pos >= near_end => &lines[pos + 1..],
        _ => &lines[lines.len().saturating_sub(6)..],
    };
    block
        .iter()
        .filter(|l| !l.starts_with("--") && l.chars().count() <= 120 && !is_salutation(l))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_closing(line: &str) -> bool {
    let f = fold(line);
    CLOSING.iter().any(|c| f.starts_with(c))
        || [
            "salutations",
            "agreer",
            "considération",
            "consideration",
            "sentiments",
            "bien a vous",
            "cordialement",
            "l assurance de",
        ]
        .iter()
        .any(|c| f.contains(c))
}

/// "Madame la Sénatrice," "Monsieur,": the addressee, not the signer — but « Madame le Maire, »
/// above a name in the signature is the signer's function.
fn is_salutation(line: &str) -> bool {
    let f = fold(line);
    if f.contains("maire") || f.contains("adjoint") {
        return false;
    }
    [
        "madame",
        "monsieur",
        "bonjour",
        "cher ",
        "chere ",
        "mesdames",
        "messieurs",
    ]
    .iter()
    .any(|s| f.starts_with(s))
}

/// What a signature block says of its signer.
#[derive(Debug, Default)]
struct Signature {
    /// What looks like a person's name, one per line that has one, in order.
    names: Vec<String>,
    /// The function signed with (`maire`, `adjoint`, … as [`function_of`] names them).
    function: Option<String>,
    /// Communes of a function line or « Mairie de X ».
    communes: Vec<String>,
    /// « 38470 QUINCIEU » lines, as `#postal:38470 QUINCIEU`.
    postal: Vec<String>,
    /// Written on behalf of the mayor (« Pour le maire », « P.O. », the town hall's secretary).
    on_behalf: bool,
}

/// Reads a signature block line by line: names, the function (the first given, or a more
/// precise one than « maire » unless the letter is written on behalf of the mayor), the
/// communes of function lines and « Mairie de X », postal lines and lines that may be a commune
/// alone. A former official's line (« Ancien maire de X ») is skipped.
fn parse_signature(block: &str) -> Signature {
    let mut sig = Signature::default();
    for line in block.lines() {
        if ON_BEHALF.is_match(line) {
            sig.on_behalf = true;
            if sig.function.is_none() {
                sig.function = Some("maire".into());
            }
        }
        let mut rest_of_line = line.to_string();
        // "Ancien maire de X": a former official who is not in the directory as such.
        if fold(line).starts_with("ancien") {
            continue;
        }
        if let Some(caps) = FUNCTION.captures(line) {
            let function = function_of(caps.name("f").map_or("", |m| m.as_str()));
            if sig.function.is_none()
                || sig.function.as_deref() == Some("maire") && function != "maire" && !sig.on_behalf
            {
                sig.function = Some(function.into());
            }
            if let Some(c) = caps.name("c").or_else(|| caps.name("c2")) {
                sig.communes.push(clean_commune(c.as_str()));
            }
            // "Le Maire, J. Dupont": the name may follow the function on the same line.
            let whole = caps.get(0).map_or(0..0, |m| m.range());
            rest_of_line = format!("{} {}", &line[..whole.start], &line[whole.end..]);
        }
        if let Some(caps) = MAIRIE_DE.captures(line) {
            sig.communes.push(clean_commune(&caps[1]));
        }
        if let Some(caps) = POSTAL_LINE.captures(line.trim()) {
            sig.postal
                .push(format!("#postal:{} {}", &caps[1], caps[2].trim()));
        }
        // « Nadia Knoepffler, 1re adjointe, Commune de X »: the name is one of the line's parts.
        let parts = rest_of_line.split([',', '/', '|', '–', '—']).map(|part| {
            part.trim()
                .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
                .trim_start_matches("Le ")
                .trim_start_matches("La ")
                .trim_matches(|c: char| c == ',' || c.is_whitespace())
        });
        if let Some(candidate) = parts.into_iter().find(|p| looks_like_name(p)) {
            sig.names.push(candidate.to_string());
        } else if !line.trim().is_empty()
            && line.split_whitespace().count() <= 6
            && !line.chars().any(|c| c.is_ascii_digit() || c == '@')
            && FUNCTION.find(line).is_none()
            && MAIRIE_DE.find(line).is_none()
        {
            // A line that may be a commune alone (« Sucé-sur-Erdre »): where the sender is;
            // resolved against the communes, so anything else drops out.
            sig.postal.push(clean_commune(line));
        }
    }
    sig
}

/// The function a function line names, as [`function_fits`] knows it ("1re adjointe au maire"
/// -> "adjoint", "Sénatrice" -> "senateur").
fn function_of(written: &str) -> &'static str {
    let f = fold(written);
    if f.contains("delegu") && f.starts_with("maire") {
        "maire delegue"
    } else if f.contains("adjoint") {
        "adjoint"
    } else if f.starts_with("maire") {
        "maire"
    } else if f.contains("municipal") {
        "conseiller municipal"
    } else if f.contains("departement") {
        "conseiller departemental"
    } else if f.contains("regional") || f.contains("region") {
        "conseiller regional"
    } else if f.starts_with("senat") {
        "senateur"
    } else {
        "depute"
    }
}

/// Splits a display name into the person's name and what follows a separator
/// ("Clément Bonnet - Maire" -> ("Clément Bonnet", "Maire")).
fn split_display_name(name: &str) -> (String, String) {
    for sep in [" - ", " – ", " — ", " (", ", ", " / ", " | "] {
        if let Some((person, extra)) = name.split_once(sep) {
            return (
                person.trim().to_string(),
                extra.trim().trim_end_matches(')').to_string(),
            );
        }
    }
    (name.trim().to_string(), String::new())
}

/// The commune of a dateline among the first and last lines of the text.
fn dateline(body: &str) -> Option<String> {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let ends = lines.iter().take(8).chain(lines.iter().rev().take(8));
    ends.filter_map(|l| DATELINE.captures(l))
        .find_map(|c| c.name("c").map(|m| clean_commune(m.as_str())))
}

/// Communes the text names as such ("la commune de X", "mairie de X").
fn mentioned_communes(text: &str) -> Vec<String> {
    MAIRIE_DE
        .captures_iter(text)
        .map(|c| clean_commune(&c[1]))
        .collect()
}

fn clean_commune(raw: &str) -> String {
    let c = raw.trim().trim_end_matches(['.', ')', ';']);
    // "Meylan, chargée des écoles" is cut at the comma by the regex; "Teillé (Sarthe)",
    // "Vif (38)" keep their département as `Teillé#dep:72`, which narrows homonyms.
    let (c, hint) = match c.split_once(" (") {
        Some((name, dep)) => (
            name,
            crate::communes::departement_code(dep.trim_end_matches([')', ','])),
        ),
        None => match TRAILING_POSTAL.captures(c) {
            // « Sainte-Radegonde - 24560 »: the postal code's département.
            Some(caps) => (
                caps.get(1).map_or(c, |m| m.as_str()),
                caps.get(2)
                    .and_then(|m| crate::communes::departement_code(&m.as_str()[..2])),
            ),
            None => (c, None),
        },
    };
    let c = c.split(" chargé").next().unwrap_or(c).trim();
    match hint {
        Some(dep) => format!("{c}#dep:{dep}"),
        None => c.to_string(),
    }
}

/// Two to five words, each capitalised or an initial, no digits, no function or greeting words.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2
        || words.len() > 5
        || text.len() > 60
        || text
            .chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == ':')
    {
        return false;
    }
    let folded = fold(text);
    const NOT_NAMES: &[&str] = &[
        "mairie",
        "maire",
        "adjoint",
        "conseil",
        "commune",
        "service",
        "secretari",
        "hotel",
        "ville",
        "place",
        "rue",
        "avenue",
        "tel",
        "madame",
        "monsieur",
        "senat",
        "depute",
        "association",
        "president",
        "directeur",
        "directrice",
        "cedex",
        "bp",
        "pour",
        "commission",
        "groupe",
    ];
    if NOT_NAMES
        .iter()
        .any(|w| folded.split(' ').any(|f| f.starts_with(w)))
    {
        return false;
    }
    const PARTICLES: &[&str] = &[
        "de", "du", "des", "le", "la", "d", "von", "van", "dit", "di", "da", "del",
    ];
    let particle = |w: &str| {
        PARTICLES.contains(&w.to_lowercase().trim_end_matches('\'')) || w.starts_with("d'")
    };
    // A first name and a surname at least, besides particles (« Pour le » is not a name).
    words.iter().filter(|w| !particle(w)).count() >= 2
        && words.iter().all(|w| {
            let first = w.chars().next().unwrap_or('a');
            first.is_uppercase() || particle(w)
        })
}

fn one_line(block: &str) -> String {
    block.lines().collect::<Vec<_>>().join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_forms() {
        let s = parse_signature("Jean DUPONT\nMaire de Vif");
        assert_eq!(s.names, vec!["Jean DUPONT"]);
        assert_eq!(s.function.as_deref(), Some("maire"));
        assert_eq!(s.communes, vec!["Vif"]);
        let s = parse_signature("Le Maire, J. Dupont");
        assert_eq!(s.function.as_deref(), Some("maire"));
        assert_eq!(s.names, vec!["J. Dupont"]);
        let s = parse_signature(
            "Marie-Claire MARTIN-REY\nAdjointe au maire de Meylan, chargée des écoles",
        );
        assert_eq!(s.function.as_deref(), Some("adjoint"));
        assert_eq!(s.communes, vec!["Meylan"]);
        let s = parse_signature(
            "Pour le maire, la secrétaire de mairie\nMairie de Quincieu\n38470 QUINCIEU",
        );
        assert!(s.on_behalf);
        assert!(s.communes.contains(&"Quincieu".to_string()));
        assert!(s.names.is_empty());
    }

    #[test]
    fn function_lines_name_functions() {
        assert_eq!(function_of("Maire déléguée"), "maire delegue");
        assert_eq!(function_of("1re adjointe au maire"), "adjoint");
        assert_eq!(function_of("Maire"), "maire");
        assert_eq!(
            function_of("Conseillère municipale"),
            "conseiller municipal"
        );
        assert_eq!(
            function_of("Conseiller départemental"),
            "conseiller departemental"
        );
        assert_eq!(
            function_of("Présidente de la Région"),
            "conseiller regional"
        );
        assert_eq!(function_of("Sénatrice"), "senateur");
        assert_eq!(function_of("Député"), "depute");
    }

    #[test]
    fn initials_and_compound_first_names() {
        assert!(first_name_fits("j", "jean"));
        assert!(first_name_fits("j p", "jean pierre"));
        assert!(!first_name_fits("j p", "jean"));
        assert!(first_name_fits("jean pierre", "jean pierre"));
        assert!(!first_name_fits("pierre", "jean pierre"));
        assert!(!first_name_fits("marc", "jean"));
    }

    #[test]
    fn signature_block_is_after_the_closing() {
        let body = "Bonjour,\nmerci de votre aide.\nCordialement,\nJean DUPONT\nMaire de Vif";
        assert_eq!(signature_block(body), "Jean DUPONT\nMaire de Vif");
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("À Rezé, le 12 mars 2026\n\nMadame,").as_deref(),
            Some("Rezé")
        );
        assert_eq!(
            dateline("Bonjour,\ntexte\nSaint-Herblain, le 3/02/2026").as_deref(),
            Some("Saint-Herblain")
        );
        assert_eq!(dateline("Je vous écris le 12 mars pour"), None);
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Jean DUPONT"));
        assert!(looks_like_name("J.-P. Durand"));
        assert!(looks_like_name("Anne de La Tour"));
        assert!(!looks_like_name("Mairie de Vif"));
        assert!(!looks_like_name("Tél. 04 76 00 00 00"));
        assert!(!looks_like_name("Bonjour"));
    }
}
