//! Synthetic inbound-mail corpus for Permanence benchmarks and scale tests.
//!
//! Writes N realistic mails, as a French parliamentary office receives them, into a
//! Maildir (`DIR/{cur,new,tmp}`) and optionally also into an mboxrd file. Senders are
//! mayors, deputy mayors, councillors and town-hall secretaries of Isère communes,
//! associations, citizens and the prefecture; about a fifth of the messages are replies
//! or forwards of earlier ones, and a few percent are auto-replies, newsletters and
//! bounces. The MIME structure and encodings are deliberately varied (quoted-printable,
//! 8bit, format=flowed, base64 attachments, UTF-8, ISO-8859-1, windows-1252, RFC 2047
//! headers, RFC 2231 file names) so that ingestion is exercised the way a real mailbox
//! exercises it. The output depends only on N and the seed.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [--seed S] [--mbox FILE]
//! ```
//!
//! Only the standard library is used; 50,000 messages take a few seconds.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const USAGE: &str = "usage: gen_corpus N DIR [--seed S] [--mbox FILE]";
const DEFAULT_SEED: u64 = 1;

/// The office that receives the corpus.
const OFFICE_ADDR: &str = "permanence@senateur-exemple.fr";
const OFFICE_DOMAIN: &str = "senateur-exemple.fr";
const OFFICE_MX: &str = "mx.senateur-exemple.fr";

/// How many recent messages replies and auto-replies may refer to.
const HISTORY_LEN: usize = 2_000;

/// Column at which 8bit bodies are wrapped.
const WRAP_WIDTH: usize = 72;

// ---------------------------------------------------------------------------
// Entry point and command line
// ---------------------------------------------------------------------------

fn main() -> io::Result<()> {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();

    let maildir = Maildir::create(&config.dir)?;
    let mut mbox = match &config.mbox {
        Some(path) => Some(Mbox::create(path)?),
        None => None,
    };
    let mut generator = Generator::new(config.seed, config.count);
    let mut total_bytes = 0;
    for index in 0..config.count {
        let mail = generator.mail(index);
        maildir.deliver(&mail, index, &mut generator.rng)?;
        if let Some(mbox) = mbox.as_mut() {
            mbox.append(&mail)?;
        }
        total_bytes += mail.bytes.len();
    }
    if let Some(mbox) = mbox {
        mbox.finish()?;
    }

    eprintln!(
        "gen_corpus: {} messages, {:.1} MB (avg {:.1} KB) in {} ({:.2} s)",
        config.count,
        total_bytes as f64 / 1e6,
        total_bytes as f64 / 1024.0 / config.count.max(1) as f64,
        config.dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

struct Config {
    count: usize,
    dir: PathBuf,
    seed: u64,
    mbox: Option<PathBuf>,
}

impl Config {
    fn from_args(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut positional = Vec::new();
        let mut seed = DEFAULT_SEED;
        let mut mbox = None;
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--seed" => seed = parse_number(args.next(), "--seed")?,
                "--mbox" => {
                    let path = args.next().ok_or("--mbox needs a file")?;
                    mbox = Some(PathBuf::from(path));
                }
                "-h" | "--help" => {
                    println!("{USAGE}");
                    std::process::exit(0);
                }
                _ => positional.push(arg),
            }
        }
        let [count, dir] = <[String; 2]>::try_from(positional)
            .map_err(|_| "expected exactly two arguments, N and DIR")?;
        Ok(Config {
            count: parse_number(Some(count), "N")?,
            dir: PathBuf::from(dir),
            seed,
            mbox,
        })
    }
}

fn parse_number<T: std::str::FromStr>(value: Option<String>, what: &str) -> Result<T, String> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{what} must be a non-negative integer"))
}

// ---------------------------------------------------------------------------
// Output: Maildir and mboxrd
// ---------------------------------------------------------------------------

/// One generated message, ready to be written.
struct Mail {
    /// SMTP envelope sender, used for the mbox `From ` line (empty for bounces).
    envelope_from: String,
    /// Unix time at which the office's server received it.
    delivered: i64,
    bytes: Vec<u8>,
}

struct Maildir {
    root: PathBuf,
}

impl Maildir {
    fn create(root: &Path) -> io::Result<Self> {
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir_all(root.join(sub))?;
        }
        Ok(Maildir {
            root: root.to_path_buf(),
        })
    }

    /// Writes the message under a unique name; ~80% go to `cur/` with an info suffix.
    fn deliver(&self, mail: &Mail, index: usize, rng: &mut Rng) -> io::Result<()> {
        let mut name = format!(
            "{}.M{}P{}Q{}.gen",
            mail.delivered,
            rng.below(1_000_000),
            rng.range(1_000, 60_000),
            index
        );
        if rng.chance(50) {
            // Dovecot records the size in the unique part.
            name.push_str(&format!(",S={}", mail.bytes.len()));
        }
        let path = if rng.chance(80) {
            let flags = rng.pick_weighted(MAILDIR_FLAGS);
            self.root.join("cur").join(format!("{name}:2,{flags}"))
        } else {
            self.root.join("new").join(name)
        };
        fs::write(path, &mail.bytes)
    }
}

/// Info flags of messages in `cur/`, in the required ASCII order, with weights.
const MAILDIR_FLAGS: &[(&str, usize)] = &[
    ("S", 62),
    ("RS", 18),
    ("", 8),
    ("FS", 7),
    ("FRS", 3),
    ("PS", 2),
];

/// mboxrd writer: lines matching `^>*From ` get one more `>`.
struct Mbox {
    out: BufWriter<File>,
}

impl Mbox {
    fn create(path: &Path) -> io::Result<Self> {
        Ok(Mbox {
            out: BufWriter::with_capacity(1 << 20, File::create(path)?),
        })
    }

    fn append(&mut self, mail: &Mail) -> io::Result<()> {
        let sender = if mail.envelope_from.is_empty() {
            "MAILER-DAEMON"
        } else {
            &mail.envelope_from
        };
        writeln!(self.out, "From {sender} {}", asctime(mail.delivered))?;
        for line in mail.bytes.split_inclusive(|&b| b == b'\n') {
            if is_from_line(line) {
                self.out.write_all(b">")?;
            }
            self.out.write_all(line)?;
        }
        if !mail.bytes.ends_with(b"\n") {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(b"\n")
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn is_from_line(line: &[u8]) -> bool {
    let unquoted = line
        .iter()
        .position(|&b| b != b'>')
        .map_or(&[][..], |start| &line[start..]);
    unquoted.starts_with(b"From ")
}

// ---------------------------------------------------------------------------
// Pseudo-random numbers
// ---------------------------------------------------------------------------

/// xorshift64* seeded through SplitMix64: tiny, fast, and plenty for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn pick_ref<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_weighted<T: Copy>(&mut self, table: &[(T, usize)]) -> T {
        let total: usize = table.iter().map(|&(_, w)| w).sum();
        let mut roll = self.below(total);
        for &(item, weight) in table {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        table[table.len() - 1].0
    }

    /// Index in `0..n` biased towards 0, so that some senders write far more than others.
    fn skewed(&mut self, n: usize) -> usize {
        self.below(n).min(self.below(n))
    }

    /// `count` distinct indices of `0..n` in random order (fewer if `n < count`).
    fn sample(&mut self, n: usize, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let count = count.min(n);
        for i in 0..count {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(count);
        all
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next_u64() >> 56) as u8).collect()
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16)]))
            .collect()
    }

    fn alnum(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        (0..len).map(|_| char::from(self.pick(ALPHABET))).collect()
    }
}

// ---------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------

struct Commune {
    name: &'static str,
    postal_code: &'static str,
}

const fn commune(name: &'static str, postal_code: &'static str) -> Commune {
    Commune { name, postal_code }
}

/// Communes of Isère; the first `TOWNS` are the larger towns (with a "ville-" domain).
const COMMUNES: &[Commune] = &[
    commune("Grenoble", "38000"),
    commune("Échirolles", "38130"),
    commune("Saint-Martin-d'Hères", "38400"),
    commune("Fontaine", "38600"),
    commune("Meylan", "38240"),
    commune("Voiron", "38500"),
    commune("Vienne", "38200"),
    commune("Bourgoin-Jallieu", "38300"),
    commune("Villefontaine", "38090"),
    commune("L'Isle-d'Abeau", "38080"),
    commune("Saint-Égrève", "38120"),
    commune("Seyssinet-Pariset", "38170"),
    commune("Sassenage", "38360"),
    commune("Le Pont-de-Claix", "38800"),
    commune("Crolles", "38920"),
    commune("Eybens", "38320"),
    commune("Voreppe", "38340"),
    commune("Saint-Marcellin", "38160"),
    commune("La Tour-du-Pin", "38110"),
    commune("Vizille", "38220"),
    commune("Vif", "38450"),
    commune("Quincieu", "38470"),
    commune("Mens", "38710"),
    commune("Villard-Bonnot", "38190"),
    commune("Domène", "38420"),
    commune("Seyssins", "38180"),
    commune("Claix", "38640"),
    commune("Varces-Allières-et-Risset", "38760"),
    commune("Le Touvet", "38660"),
    commune("Pontcharra", "38530"),
    commune("Saint-Ismier", "38330"),
    commune("Montbonnot-Saint-Martin", "38330"),
    commune("Biviers", "38330"),
    commune("Gières", "38610"),
    commune("Saint-Martin-d'Uriage", "38410"),
    commune("Vaulnaveys-le-Haut", "38410"),
    commune("Jarrie", "38560"),
    commune("Champ-sur-Drac", "38560"),
    commune("La Mure", "38350"),
    commune("Corps", "38970"),
    commune("Le Bourg-d'Oisans", "38520"),
    commune("Villard-de-Lans", "38250"),
    commune("Lans-en-Vercors", "38250"),
    commune("Autrans-Méaudre en Vercors", "38880"),
    commune("Saint-Laurent-du-Pont", "38380"),
    commune("Saint-Pierre-de-Chartreuse", "38380"),
    commune("Rives", "38140"),
    commune("Renage", "38140"),
    commune("Tullins", "38210"),
    commune("Vinay", "38470"),
    commune("Saint-Quentin-Fallavier", "38070"),
    commune("La Verpillière", "38290"),
    commune("Heyrieux", "38540"),
    commune("Pont-de-Chéruy", "38230"),
    commune("Crémieu", "38460"),
    commune("Morestel", "38510"),
    commune("Le Pont-de-Beauvoisin", "38480"),
    commune("Saint-Jean-de-Bournay", "38440"),
    commune("La Côte-Saint-André", "38260"),
    commune("Beaurepaire", "38270"),
    commune("Roussillon", "38150"),
    commune("Saint-Maurice-l'Exil", "38550"),
    commune("Le Péage-de-Roussillon", "38550"),
    commune("Chasse-sur-Rhône", "38670"),
    commune("Pont-Évêque", "38780"),
    commune("Charvieu-Chavagneux", "38230"),
    commune("Tignieu-Jameyzieu", "38230"),
    commune("Saint-Chef", "38890"),
    commune("Saint-Savin", "38300"),
    commune("Four", "38080"),
    commune("Chirens", "38850"),
    commune("Moirans", "38430"),
    commune("Coublevie", "38500"),
    commune("La Buisse", "38500"),
    commune("Saint-Étienne-de-Saint-Geoirs", "38590"),
    commune("Le Grand-Lemps", "38690"),
    commune("Allevard", "38580"),
    commune("Goncelin", "38570"),
    commune("Froges", "38190"),
    commune("Le Versoud", "38420"),
    commune("Noyarey", "38360"),
    commune("Veurey-Voroize", "38113"),
    commune("Monestier-de-Clermont", "38650"),
    commune("Clelles", "38930"),
    commune("Chichilianne", "38930"),
    commune("Séchilienne", "38220"),
    commune("Livet-et-Gavet", "38220"),
    commune("Allemond", "38114"),
    commune("Huez", "38750"),
    commune("Saint-Geoire-en-Valdaine", "38620"),
    commune("Les Abrets en Dauphiné", "38490"),
    commune("Chatte", "38160"),
    commune("Pont-en-Royans", "38680"),
    commune("Izeron", "38160"),
    commune("Brézins", "38590"),
    commune("Saint-Georges-d'Espéranche", "38790"),
    commune("Diémoz", "38790"),
];
const TOWNS: usize = 20;

/// First names with their gender (true = feminine), for grammatical agreement.
#[rustfmt::skip]
const FIRST_NAMES: &[(&str, bool)] = &[
    ("Jean", false), ("Pierre", false), ("Michel", false), ("Philippe", false),
    ("Alain", false), ("Nicolas", false), ("Christophe", false), ("Patrick", false),
    ("Daniel", false), ("Stéphane", false), ("Frédéric", false), ("Jérôme", false),
    ("François", false), ("Benoît", false), ("Thierry", false), ("Éric", false),
    ("Laurent", false), ("Olivier", false), ("Sébastien", false), ("Julien", false),
    ("Hervé", false), ("Gérard", false), ("André", false), ("Bernard", false),
    ("Noël", false), ("Rémi", false), ("Loïc", false), ("Gaël", false),
    ("Mathieu", false), ("Antoine", false), ("Jean-Luc", false), ("Jean-Pierre", false),
    ("Marie", true), ("Nathalie", true), ("Isabelle", true), ("Sylvie", true),
    ("Catherine", true), ("Françoise", true), ("Hélène", true), ("Valérie", true),
    ("Christine", true), ("Sandrine", true), ("Cécile", true), ("Véronique", true),
    ("Séverine", true), ("Aurélie", true), ("Amélie", true), ("Céline", true),
    ("Élodie", true), ("Mélanie", true), ("Anaïs", true), ("Chloé", true),
    ("Léa", true), ("Zoé", true), ("Agnès", true), ("Geneviève", true),
    ("Gaëlle", true), ("Maëlle", true), ("Brigitte", true), ("Martine", true),
    ("Laure", true), ("Claire", true), ("Marie-Christine", true), ("Anne-Sophie", true),
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
    "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
    "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
    "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
    "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roche",
    "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Pérez", "Marchand", "Dufour",
    "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Arnaud", "Rolland", "Giraud",
    "Vidal", "Bourgeois", "Renaud", "Picard", "Gaillard", "Bérard", "Buisson", "Chabert",
    "Reynaud", "Jourdan", "Gonnet", "Vial", "Allemand", "Bouvier", "Chapuis", "Rey",
    "Perret", "Pellissier", "Gros", "Sibille", "Trouilloud", "Jacquier", "Eymard", "Gay",
    "Bonnard", "Tardy", "Achard", "Argoud", "Le Gall", "D'Agostino", "N'Diaye", "Da Silva",
    "Ferreira", "Benali", "Rossi", "Colombo",
];

const CITIZEN_PROVIDERS: &[(&str, usize)] = &[
    ("gmail.com", 40),
    ("orange.fr", 25),
    ("free.fr", 15),
    ("laposte.net", 10),
    ("wanadoo.fr", 10),
];

const STREETS: &[&str] = &[
    "place de la Mairie",
    "rue de la République",
    "place du Village",
    "rue de l'Église",
    "Grande Rue",
    "route de Grenoble",
    "chemin des Vignes",
    "allée des Érables",
    "impasse des Tilleuls",
    "montée du Château",
    "rue du Lavoir",
    "avenue du Général-de-Gaulle",
];

const DELEGATIONS: &[&str] = &[
    "de l'urbanisme",
    "des affaires scolaires",
    "des finances",
    "de la voirie et des travaux",
    "de l'environnement",
    "de la vie associative",
    "de l'action sociale",
];

/// Associations; `{de_commune}` is filled with the association's home commune.
const ASSOCIATIONS: &[(&str, &str)] = &[
    ("Sou des écoles {de_commune}", "sou-ecoles"),
    ("Association des parents d'élèves {de_commune}", "ape"),
    ("Comité des fêtes {de_commune}", "comite-fetes"),
    ("Amicale des sapeurs-pompiers {de_commune}", "amicale-sp"),
    ("Club des aînés {de_commune}", "club-aines"),
    (
        "Association de sauvegarde du patrimoine {de_commune}",
        "patrimoine",
    ),
    ("Union des commerçants {de_commune}", "ucia"),
    ("Collectif « Santé pour tous en Trièves »", "sante-trieves"),
    ("Groupement pastoral du Vercors", "gp-vercors"),
    ("Association Vivre en Chartreuse", "vivre-chartreuse"),
    ("Fibre pour tous en Belledonne", "fibre-belledonne"),
    ("Les Amis de la ligne Grenoble–Gap", "ligne-grenoble-gap"),
];

const PREFECTURE_TITLES: &[(&str, &str)] = &[
    (
        "Directeur de cabinet du préfet",
        "Directrice de cabinet du préfet",
    ),
    (
        "Chef du bureau des dotations de l'État",
        "Cheffe du bureau des dotations de l'État",
    ),
    (
        "Secrétaire général de la préfecture",
        "Secrétaire générale de la préfecture",
    ),
    (
        "Sous-préfet de La Tour-du-Pin",
        "Sous-préfète de La Tour-du-Pin",
    ),
    (
        "Chef du bureau des collectivités locales",
        "Cheffe du bureau des collectivités locales",
    ),
];

#[rustfmt::skip]
const OCCUPATIONS: &[(&str, &str)] = &[
    ("éleveur", "éleveuse"), ("infirmier libéral", "infirmière libérale"),
    ("enseignant", "enseignante"), ("agriculteur", "agricultrice"), ("artisan", "artisane"),
    ("retraité", "retraitée"), ("commerçant", "commerçante"), ("père de famille", "mère de famille"),
];

/// Local phrasing in "dans le Trièves" form.
const SECTORS: &[&str] = &[
    "dans le Trièves",
    "dans le Vercors",
    "en Oisans",
    "en Matheysine",
    "en Chartreuse",
    "dans le Grésivaudan",
    "dans le Voironnais",
    "en Bièvre",
    "en Nord-Isère",
    "en Belledonne",
    "dans le Sud-Grésivaudan",
];

const RIVERS: &[&str] = &[
    "le Drac",
    "la Romanche",
    "l'Isère",
    "la Bourbre",
    "le Guiers",
    "la Gresse",
    "la Morge",
    "la Fure",
    "le Furon",
    "la Vence",
    "le Bréda",
    "l'Ébron",
];

const VENUES: &[&str] = &[
    "à la salle des fêtes",
    "à la salle polyvalente",
    "à l'Hôtel de ville",
    "au gymnase municipal",
    "à la salle du conseil municipal",
    "sur la place du village",
];

const FACILITIES: &[&str] = &[
    "la nouvelle école",
    "la maison de santé",
    "la salle des fêtes rénovée",
    "la médiathèque",
    "la chaufferie bois",
    "la nouvelle caserne des pompiers",
    "l'espace France Services",
];

/// Investment projects: (long form with article, short form for subjects and file names).
const PROJECTS: &[(&str, &str)] = &[
    (
        "la rénovation thermique de l'école élémentaire",
        "rénovation de l'école",
    ),
    (
        "la construction d'une nouvelle cantine scolaire",
        "nouvelle cantine",
    ),
    (
        "la mise en accessibilité de la mairie",
        "accessibilité de la mairie",
    ),
    (
        "la réfection de la toiture de l'église",
        "toiture de l'église",
    ),
    ("l'extension de la salle polyvalente", "salle polyvalente"),
    ("la création d'une chaufferie bois", "chaufferie bois"),
    ("la réhabilitation du gymnase", "gymnase"),
    ("l'aménagement d'un centre-bourg apaisé", "centre-bourg"),
];

const MOTIONS: &[&str] = &[
    "la fermeture du bureau de poste",
    "l'avenir de la ligne ferroviaire Grenoble–Gap",
    "la réforme de la dotation globale de fonctionnement",
    "la suppression de la trésorerie de proximité",
    "l'avenir de l'hôpital de proximité",
    "la défense des agriculteurs de montagne",
];

const TIMES_OF_DAY: &[&str] = &["18 h 30", "11 h", "19 h", "10 h 30", "17 h", "18 h"];

// ---------------------------------------------------------------------------
// Themes and sentence templates
// ---------------------------------------------------------------------------

/// Who is speaking, which decides greetings, intros, closings and eligible themes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Voice {
    Elected,
    Citizen,
    Association,
    Prefecture,
}

/// A subject matter: optional opening sentences, subjects, the topic phrase used in intros ("concernant {topic}"),
/// factual sentences, requests and attachment names. Templates use `{placeholders}`,
/// see [`Ctx::expand`].
struct Theme {
    voices: &'static [Voice],
    /// Opening sentences; when empty, the voice's generic intros about `{topic}` are used.
    intros: &'static [&'static str],
    subjects: &'static [&'static str],
    topics: &'static [&'static str],
    facts: &'static [&'static str],
    asks: &'static [&'static str],
    attachments: &'static [&'static str],
}

// Short aliases keep the theme table readable.
use Voice::{Association as ASSO, Citizen as CIT, Elected as ELU, Prefecture as PREF};

const THEMES: &[Theme] = &[
    Theme {
        voices: &[ELU],
        intros: &[],
        subjects: &[
            "Demande de soutien – dossier DETR {annee}",
            "Dossier DSIL : {projet_court}",
            "Fonds vert – candidature de la commune {de_commune}",
            "Subvention DETR pour {projet_court} – demande d'appui",
            "Dotations d'investissement : où en est notre dossier ?",
        ],
        topics: &[
            "notre demande de subvention au titre de la DETR pour {projet}",
            "le dossier déposé au titre de la DSIL pour {projet}",
            "notre candidature au fonds vert pour {projet}",
        ],
        facts: &[
            "Le coût total de l'opération est estimé à {montant} euros hors taxes, soit près de {n} années d'autofinancement pour notre commune.",
            "Le dossier a été déposé complet auprès des services de la préfecture le {date_passee}, accompagné de la délibération du conseil municipal.",
            "Sans un taux de subvention d'au moins {pct} %, nous ne pourrons pas engager les travaux cette année.",
            "Les entreprises consultées nous ont alertés sur la hausse continue du prix des matériaux, qui a renchéri le projet de près de {pct} % en deux ans.",
            "Nous avons également sollicité le Département et la Région, mais leurs aides ne suffiront pas à boucler le plan de financement.",
            "Ce projet est attendu par les habitants depuis de nombreuses années et répond à une obligation réglementaire.",
            "La réduction de l'enveloppe du « fonds vert » nous inquiète particulièrement, car notre candidature reposait sur ce dispositif.",
            "Notre capacité d'autofinancement reste très limitée, avec un budget de fonctionnement d'à peine {montant} euros.",
            "Les économies d'énergie attendues sont estimées à {pct} % de la consommation actuelle du bâtiment.",
            "La commission départementale des élus doit se réunir prochainement et je sais que votre voix y porte.",
        ],
        asks: &[
            "Je vous serais très reconnaissant{e} d'appuyer notre dossier auprès de Monsieur le Préfet.",
            "Pourriez-vous intervenir auprès des services de l'État afin que notre demande soit examinée favorablement ?",
            "Votre soutien serait déterminant pour permettre à notre petite commune de mener ce projet à bien.",
        ],
        attachments: &[
            "Délibération DETR {annee}.pdf",
            "Plan de financement – {projet_court}.pdf",
            "Dossier fonds vert {commune}.pdf",
        ],
    },
    Theme {
        voices: &[ELU, CIT, ASSO],
        intros: &[],
        subjects: &[
            "Menace de fermeture de classe à l'école {de_commune}",
            "Carte scolaire {annee} : fermeture d'une classe à {commune}",
            "Non à la fermeture de classe !",
            "École {de_commune} – mobilisation des parents",
        ],
        topics: &[
            "le projet de fermeture d'une classe à l'école {de_commune} à la rentrée prochaine",
            "la carte scolaire annoncée par la direction académique",
            "la fermeture annoncée d'une classe dans notre école",
        ],
        facts: &[
            "L'école compte aujourd'hui {eleves} élèves répartis en {classes} classes, et les effectifs prévus pour la rentrée sont stables.",
            "La fermeture d'une classe conduirait à des classes à triple niveau, ce qui pénaliserait directement les enfants.",
            "Plusieurs familles se sont installées récemment dans la commune et de nouveaux logements seront livrés au printemps.",
            "Les parents d'élèves se sont fortement mobilisés et une pétition a déjà recueilli {signatures} signatures.",
            "Dans un territoire rural comme le nôtre, l'école est le dernier service public de proximité.",
            "La commune a investi {montant} euros ces dernières années pour rénover les locaux et équiper les classes en numérique.",
            "Nous ne comprenons pas cette décision, prise sans aucune concertation avec les élus locaux.",
            "Le temps de transport des enfants vers l'école la plus proche dépasserait {minutes} minutes matin et soir.",
            "Les enseignants eux-mêmes soutiennent le maintien de la classe, au vu des besoins particuliers de plusieurs élèves.",
        ],
        asks: &[
            "Je vous demande de bien vouloir intervenir auprès des services de l'Éducation nationale.",
            "Pourriez-vous relayer notre inquiétude auprès du ministère et nous aider à obtenir le maintien de cette classe ?",
            "Nous comptons sur votre soutien lors du prochain conseil départemental de l'Éducation nationale.",
        ],
        attachments: &[
            "Pétition école {commune}.pdf",
            "Effectifs rentrée {annee}.pdf",
        ],
    },
    Theme {
        voices: &[ELU, CIT, ASSO],
        intros: &[],
        subjects: &[
            "Désert médical : situation critique à {commune}",
            "Projet de maison de santé pluriprofessionnelle",
            "Départ en retraite de notre dernier médecin généraliste",
            "Accès aux soins {dans_secteur}",
        ],
        topics: &[
            "la situation très préoccupante de l'offre de soins {dans_secteur}",
            "notre projet de maison de santé pluriprofessionnelle",
            "le départ en retraite du dernier médecin généraliste de la commune",
        ],
        facts: &[
            "Notre dernier médecin généraliste partira à la retraite le {date_future}, sans successeur à ce jour.",
            "Près de {patients} patients se retrouveront sans médecin traitant, dont de nombreuses personnes âgées.",
            "Les urgences les plus proches sont à {minutes} minutes de route, et bien davantage en hiver.",
            "La commune a acquis un bâtiment en centre-bourg pour y installer une maison de santé, mais les professionnels manquent.",
            "Nous avons rencontré plusieurs jeunes médecins, qui hésitent à s'installer en zone rurale faute de gardes partagées.",
            "La pharmacie et le cabinet infirmier sont prêts à s'associer au projet de maison de santé.",
            "Les habitants ont le sentiment d'être des citoyens de seconde zone en matière d'accès aux soins.",
            "Le zonage de l'agence régionale de santé ne reconnaît toujours pas notre secteur comme prioritaire.",
            "Obtenir un rendez-vous chez un ophtalmologiste prend aujourd'hui plus de {mois_attente} mois.",
        ],
        asks: &[
            "Pourriez-vous appuyer notre demande de classement en zone d'intervention prioritaire auprès de l'ARS ?",
            "Je souhaiterais vous rencontrer afin d'évoquer les leviers dont dispose le Parlement sur ce sujet.",
            "Toute aide pour attirer de nouveaux praticiens serait précieuse.",
        ],
        attachments: &["Projet maison de santé {commune}.pdf"],
    },
    Theme {
        voices: &[ELU, CIT, ASSO],
        intros: &[],
        subjects: &[
            "Attaques de loup sur la commune {de_commune}",
            "Prédation : les éleveurs à bout",
            "Nouvelle attaque de loup cette nuit – {n} brebis tuées",
            "Plan loup et protection des troupeaux",
        ],
        topics: &[
            "la multiplication des attaques de loup sur les troupeaux de notre secteur",
            "la détresse des éleveurs face à la prédation",
            "la situation du pastoralisme {dans_secteur}",
        ],
        facts: &[
            "Dans la nuit du {date_passee}, un troupeau a de nouveau été attaqué à proximité des habitations : {n} brebis ont été tuées.",
            "Malgré les chiens de protection et les clôtures électrifiées, les attaques se poursuivent.",
            "Les éleveurs sont épuisés, certains envisagent d'arrêter leur activité après plusieurs générations.",
            "Les indemnisations arrivent avec des mois de retard et ne compensent pas la perte de génétique du troupeau.",
            "Les randonneurs se plaignent par ailleurs des patous, ce qui crée des tensions croissantes dans les alpages.",
            "Le pastoralisme façonne nos paysages et entretient les alpages ; sa disparition serait une perte irréversible.",
            "Les tirs de défense autorisés restent trop difficiles à mettre en œuvre sur le terrain.",
            "Depuis le début de la saison d'estive, on dénombre {n} attaques {dans_secteur}.",
        ],
        asks: &[
            "Je vous demande de porter la voix de nos éleveurs auprès du ministère de l'Agriculture.",
            "Une simplification des procédures de tirs de défense nous paraît indispensable.",
            "Pourriez-vous venir rencontrer les éleveurs concernés lors de votre prochain passage {dans_secteur} ?",
        ],
        attachments: &["Constat de dommages {date_passee}.pdf"],
    },
    Theme {
        voices: &[ELU, CIT, ASSO],
        intros: &[],
        subjects: &[
            "Zones blanches : aucun réseau mobile à {commune}",
            "Retard du déploiement de la fibre optique",
            "Fibre : raccordement impossible depuis {n} mois",
            "Couverture mobile insuffisante dans la vallée",
        ],
        topics: &[
            "l'absence de couverture mobile dans plusieurs hameaux de la commune",
            "les retards considérables du déploiement de la fibre optique",
            "les zones blanches qui subsistent {dans_secteur}",
        ],
        facts: &[
            "Plusieurs hameaux de la commune ne disposent toujours d'aucun réseau mobile, ce qui pose de réels problèmes de sécurité.",
            "Les raccordements à la fibre annoncés pour {annee} ont été reportés sans explication.",
            "L'opérateur renvoie vers le réseau d'initiative publique, qui renvoie lui-même vers l'opérateur.",
            "Le télétravail est devenu impossible pour de nombreux habitants, qui envisagent de quitter la commune.",
            "En cas d'accident, les secours ne peuvent pas être appelés depuis certaines routes de la commune.",
            "Les entreprises de la zone artisanale subissent des coupures répétées de leur connexion internet.",
            "Le pylône prévu dans le cadre du « New Deal mobile » n'est toujours pas installé, malgré nos relances.",
            "La ligne téléphonique fixe de plusieurs foyers est en dérangement depuis {n} semaines, sans intervention d'un technicien.",
        ],
        asks: &[
            "Pourriez-vous interpeller l'opérateur et l'Arcep sur cette situation inacceptable ?",
            "Je vous remercie de bien vouloir relayer cette difficulté auprès du ministre chargé du numérique.",
            "Une intervention de votre part permettrait sans doute de débloquer la situation.",
        ],
        attachments: &["Carte de couverture {commune}.pdf"],
    },
    Theme {
        voices: &[ELU, CIT],
        intros: &[],
        subjects: &[
            "PLU et zéro artificialisation nette",
            "ZAN : les petites communes pénalisées",
            "Révision du PLU – terrains devenus inconstructibles",
            "Application du ZAN {dans_secteur}",
        ],
        topics: &[
            "l'application de l'objectif de zéro artificialisation nette aux communes rurales",
            "la révision du plan local d'urbanisme {de_commune}",
        ],
        facts: &[
            "L'enveloppe foncière attribuée à notre commune ne permettra pas de construire plus de {n} logements d'ici 2031.",
            "Les petites communes qui ont peu consommé d'espace par le passé se trouvent paradoxalement les plus pénalisées.",
            "La révision du PLU, engagée il y a {n} ans, a déjà coûté plus de {montant} euros à la commune.",
            "Des familles qui avaient acquis un terrain constructible se retrouvent aujourd'hui dans une impasse.",
            "Nous souhaitons accueillir de jeunes ménages pour maintenir l'école et les commerces, mais le foncier est bloqué.",
            "La « garantie rurale » d'un hectare reste très insuffisante au regard de nos besoins.",
            "Plusieurs propriétaires ont vu leur terrain, constructible depuis {annee_ancienne}, reclassé en zone agricole.",
            "Le schéma de cohérence territoriale impose des densités peu adaptées à un village de montagne.",
        ],
        asks: &[
            "Pourriez-vous porter ces difficultés dans le cadre des travaux du Sénat sur l'assouplissement du ZAN ?",
            "Je souhaiterais connaître votre position sur les propositions de loi en cours d'examen.",
            "Un échange avec vous sur ce sujet serait très utile aux élus du secteur.",
        ],
        attachments: &["Extrait du PLU {commune}.pdf"],
    },
    Theme {
        voices: &[ELU, CIT, ASSO],
        intros: &[],
        subjects: &[
            "Transfert de la compétence eau et assainissement",
            "Station d'épuration : mise aux normes urgente",
            "Sécheresse et approvisionnement en eau potable",
            "Prix de l'eau : forte hausse de la facture",
        ],
        topics: &[
            "le transfert obligatoire des compétences eau et assainissement à l'intercommunalité",
            "la mise aux normes de la station d'épuration {de_commune}",
            "l'approvisionnement en eau potable de la commune après un été de sécheresse",
        ],
        facts: &[
            "Notre réseau d'eau potable, géré en régie depuis toujours, fonctionne bien et à un prix maîtrisé.",
            "Le transfert à l'intercommunalité risque d'entraîner une hausse du prix de l'eau de près de {pct} %.",
            "La station d'épuration, construite en {annee_ancienne}, ne répond plus aux normes européennes.",
            "L'été dernier, les sources ont atteint un niveau historiquement bas et nous avons dû faire livrer de l'eau par camion-citerne.",
            "Le rendement du réseau ne dépasse pas {pct} %, faute d'investissements suffisants dans le renouvellement des canalisations.",
            "Le montant des travaux est estimé à {montant} euros, hors de portée pour une commune de notre taille.",
            "L'Agence de l'eau a réduit ses aides alors que les exigences réglementaires ne cessent de croître.",
            "Les factures d'eau ont augmenté de {pct} % en un an sans la moindre explication.",
        ],
        asks: &[
            "Pourriez-vous soutenir les propositions visant à rendre ce transfert facultatif ?",
            "Je vous remercie de bien vouloir appuyer notre demande d'aide auprès de l'Agence de l'eau.",
            "Votre intervention auprès des services de l'État nous serait précieuse.",
        ],
        attachments: &["Schéma directeur eau potable.pdf"],
    },
    Theme {
        voices: &[ELU, CIT],
        intros: &[],
        subjects: &[
            "Pont de la RD {rd} : travaux urgents",
            "Sécurisation de la traversée du village",
            "Éboulement sur la route départementale {rd}",
            "État de la voirie communale après les intempéries",
        ],
        topics: &[
            "l'état très dégradé du pont de la RD {rd}",
            "la sécurité de la traversée du village par la route départementale {rd}",
            "les conséquences de l'éboulement survenu sur la RD {rd}",
        ],
        facts: &[
            "Le pont qui enjambe {riviere} présente des fissures importantes et son tonnage a été limité à {tonnes} tonnes.",
            "Depuis l'éboulement du {date_passee}, la route départementale {rd} est coupée et les habitants doivent faire un détour de {minutes} minutes.",
            "Les poids lourds continuent de traverser le centre du village à vive allure, à proximité immédiate de l'école.",
            "Le Département nous indique que les travaux ne pourront pas être programmés avant {annee_future}.",
            "Les intempéries de l'hiver ont fortement dégradé la voirie communale, dont la réfection est estimée à {montant} euros.",
            "Un accident grave s'est produit au carrefour de la route de {autre_commune} il y a quelques semaines.",
            "Les transports scolaires ont dû modifier leur itinéraire, ce qui allonge considérablement le trajet des enfants.",
        ],
        asks: &[
            "Pourriez-vous appuyer notre demande auprès du Département afin que ces travaux soient enfin programmés ?",
            "Je vous remercie de l'attention que vous voudrez bien porter à cette situation dangereuse.",
            "Une visite sur place de votre part permettrait de mesurer l'urgence de la situation.",
        ],
        attachments: &["Photos pont RD {rd}.pdf"],
    },
    Theme {
        voices: &[ELU, CIT],
        intros: &[],
        subjects: &[
            "Maintien de la brigade de gendarmerie {de_commune}",
            "Sécurité : recrudescence des cambriolages",
            "Effectifs de gendarmerie {dans_secteur}",
        ],
        topics: &[
            "l'avenir de la brigade de gendarmerie {de_commune}",
            "la recrudescence des cambriolages {dans_secteur}",
        ],
        facts: &[
            "La brigade de gendarmerie {de_commune} ne compte plus que {n} militaires pour un territoire de {n_communes} communes.",
            "Les habitants constatent une recrudescence des cambriolages et des vols dans les exploitations agricoles.",
            "Le délai d'intervention de nuit dépasse parfois {minutes} minutes, ce qui inquiète la population.",
            "La commune est prête à participer au financement de la rénovation des locaux de la caserne.",
            "Les rodéos motorisés se multiplient dans les chemins communaux durant les week-ends.",
            "La « participation citoyenne », mise en place il y a deux ans, donne de bons résultats mais ne remplace pas une présence physique.",
            "Les élus de la communauté de communes ont adopté à l'unanimité un vœu pour le maintien de la brigade.",
        ],
        asks: &[
            "Je vous demande de bien vouloir intervenir auprès du ministère de l'Intérieur pour le maintien de la brigade.",
            "Pourriez-vous relayer cette inquiétude auprès du commandant du groupement de gendarmerie ?",
        ],
        attachments: &["Vœu du conseil communautaire.pdf"],
    },
    Theme {
        voices: &[ELU],
        intros: &[
            "J'ai le plaisir de vous convier à la cérémonie des vœux de la municipalité, qui se tiendra le {date_future} à {heure}, {lieu}.",
            "Au nom du conseil municipal, j'ai l'honneur de vous inviter à la cérémonie des vœux, le {date_future} à {heure}, {lieu}.",
        ],
        subjects: &[
            "Invitation – cérémonie des vœux {annee}",
            "Vœux {annee} de la municipalité {de_commune}",
            "Cérémonie des vœux à {commune}",
        ],
        topics: &["la cérémonie des vœux"],
        facts: &[
            "Ce sera l'occasion de revenir sur les projets menés cette année, notamment {projet}.",
            "Les habitants, les associations et les acteurs économiques de la commune y sont également conviés.",
            "La cérémonie sera suivie d'un moment de convivialité autour du verre de l'amitié.",
            "Vous trouverez ci-joint le carton d'invitation.",
            "Une prise de parole de votre part serait la bienvenue, si votre agenda le permet.",
        ],
        asks: &[
            "Je vous remercie de bien vouloir nous confirmer votre présence dans les meilleurs délais.",
            "Merci de nous indiquer si vous pourrez être des nôtres.",
        ],
        attachments: &["Invitation vœux {annee}.pdf", "Carton vœux {commune}.pdf"],
    },
    Theme {
        voices: &[ELU, ASSO],
        intros: &[
            "J'ai le plaisir de vous inviter à l'inauguration de {equipement}, qui aura lieu le {date_future} à {heure}.",
            "L'inauguration de {equipement} aura lieu le {date_future} à {heure}, et je serais très honoré{e} de votre présence.",
        ],
        subjects: &[
            "Inauguration de {equipement}",
            "Invitation – inauguration à {commune}",
        ],
        topics: &["l'inauguration de {equipement}"],
        facts: &[
            "Ce projet a pu voir le jour grâce au soutien de l'État, du Département et de la Région.",
            "Le montant total des travaux s'est élevé à {montant} euros.",
            "Votre présence serait un grand honneur pour l'ensemble des bénévoles et des habitants.",
            "La cérémonie sera suivie d'un moment de convivialité autour du verre de l'amitié.",
            "Vous trouverez ci-joint le carton d'invitation ainsi que le programme de la journée.",
            "Une prise de parole de votre part serait la bienvenue, si votre agenda le permet.",
        ],
        asks: &[
            "Je vous remercie de bien vouloir nous confirmer votre présence dans les meilleurs délais.",
            "Merci de nous indiquer si vous pourrez être des nôtres.",
        ],
        attachments: &[
            "Carton d'invitation – inauguration.pdf",
            "Programme inauguration {commune}.pdf",
        ],
    },
    Theme {
        voices: &[ELU],
        intros: &[],
        subjects: &[
            "Motion du conseil municipal {de_commune}",
            "Transmission d'une motion adoptée le {date_passee}",
            "Motion relative à {motion_objet}",
        ],
        topics: &["la motion adoptée par notre conseil municipal relative à {motion_objet}"],
        facts: &[
            "Lors de sa séance du {date_passee}, le conseil municipal a adopté à l'unanimité une motion relative à {motion_objet}.",
            "Vous trouverez ci-joint le texte de la délibération, transmis également à Monsieur le Préfet.",
            "Cette motion traduit l'inquiétude unanime des élus face à la disparition progressive des services publics en zone rurale.",
            "Le conseil municipal demande que les communes soient enfin associées aux décisions qui les concernent directement.",
            "Plusieurs communes voisines, dont {autre_commune}, ont adopté des motions similaires au cours des dernières semaines.",
        ],
        asks: &[
            "Nous vous demandons de bien vouloir relayer cette motion auprès du Gouvernement.",
            "Je vous remercie par avance du soutien que vous voudrez bien apporter à notre démarche.",
        ],
        attachments: &[
            "Motion CM {date_passee}.pdf",
            "Délibération n°{n}-{annee}.pdf",
        ],
    },
    Theme {
        voices: &[CIT],
        intros: &[],
        subjects: &[
            "Demande d'aide – dossier de retraite bloqué",
            "Délais pour le renouvellement de ma carte d'identité",
            "Demande de rendez-vous",
            "MaPrimeRénov' : dossier en attente depuis {n} mois",
            "Titre de séjour : rendez-vous impossible à obtenir",
            "Problème avec la CAF",
        ],
        topics: &[
            "mon dossier de retraite, bloqué depuis plusieurs mois",
            "une difficulté administrative que je ne parviens pas à résoudre seul{e}",
            "mon dossier MaPrimeRénov', toujours en attente",
        ],
        facts: &[
            "J'ai déposé mon dossier le {date_passee} et je n'ai reçu depuis aucune réponse, malgré plusieurs relances.",
            "Il est impossible de joindre un interlocuteur au téléphone : après {minutes} minutes d'attente, la ligne coupe.",
            "Je n'ai perçu aucune pension depuis {n} mois et ma situation financière devient très difficile.",
            "Le premier rendez-vous disponible en mairie pour une carte d'identité est dans {n} semaines.",
            "Les travaux d'isolation ont été réalisés et payés, mais l'aide promise n'a toujours pas été versée.",
            "Je ne suis pas à l'aise avec les démarches en ligne et l'espace France Services le plus proche est à {minutes} minutes.",
            "Mon numéro de dossier est le {dossier}.",
            "From what I understand, the application has to be made online, but the website keeps rejecting my documents.",
        ],
        asks: &[
            "Pourriez-vous intervenir auprès de l'organisme concerné pour débloquer mon dossier ?",
            "Je sollicite un rendez-vous lors de votre prochaine permanence à {commune}.",
            "Je vous remercie par avance de l'aide que vous pourrez m'apporter.",
        ],
        attachments: &["Justificatifs.pdf", "Courrier de la caisse de retraite.pdf"],
    },
    Theme {
        voices: &[PREF],
        intros: &[],
        subjects: &[
            "Appel à projets DETR/DSIL {annee} – information des parlementaires",
            "Réunion du comité départemental de suivi du plan loup",
            "Arrêté cadre sécheresse – passage en vigilance",
            "Commission des élus DETR – convocation",
            "Programmation DETR {annee} : opérations retenues",
        ],
        topics: &[
            "l'ouverture de l'appel à projets DETR et DSIL pour l'année {annee}",
            "la prochaine réunion de la commission des élus",
            "la situation hydrologique du département",
        ],
        facts: &[
            "L'appel à projets au titre de la DETR et de la DSIL pour l'année {annee} est désormais ouvert.",
            "Les dossiers devront être déposés sur la plateforme dématérialisée avant le {date_future}.",
            "La commission des élus se réunira le {date_future} à {heure} en salle du conseil de la préfecture.",
            "Vous trouverez ci-joint la liste des opérations retenues pour le département, pour un montant total de {montant} euros.",
            "Compte tenu de la situation hydrologique, le préfet a décidé de placer {n} bassins versants en alerte renforcée.",
            "Les services de la direction départementale des territoires restent à votre disposition pour toute précision.",
        ],
        asks: &[
            "Je vous saurais gré de bien vouloir me faire connaître votre participation.",
            "Je vous prie de bien vouloir noter cette date dans votre agenda.",
        ],
        attachments: &["Programmation DETR {annee}.pdf", "Arrêté préfectoral.pdf"],
    },
];

const INTROS_ELECTED: &[&str] = &[
    "En ma qualité de {role}, je me permets d'appeler votre attention sur {topic}.",
    "Je souhaite vous alerter, en tant que {role}, sur {topic}.",
    "Je reviens vers vous concernant {topic}, sujet que nous avions évoqué lors de votre dernier passage à {commune}.",
    "Les élus {de_commune} m'ont chargé{e} de vous écrire concernant {topic}.",
];
const INTROS_CITIZEN: &[&str] = &[
    "Habitant{e} {de_commune} depuis {n} ans, je me permets de vous écrire concernant {topic}.",
    "Je vous contacte concernant {topic}, car je ne sais plus vers qui me tourner.",
    "Je suis {metier} à {commune} et je souhaite attirer votre attention sur {topic}.",
];
const INTROS_ASSOCIATION: &[&str] = &[
    "Au nom de l'association {asso}, je souhaite appeler votre attention sur {topic}.",
    "Notre association, qui regroupe plus de {adherents} adhérents, souhaite vous faire part de son inquiétude concernant {topic}.",
];
const INTROS_PREFECTURE: &[&str] = &[
    "J'ai l'honneur d'appeler votre attention sur {topic}.",
    "J'ai l'honneur de vous informer concernant {topic}.",
];

const GREETINGS_FORMAL: &[(&str, usize)] = &[
    ("Monsieur le Sénateur,", 80),
    ("Cher Monsieur le Sénateur,", 15),
    ("Bonjour,", 5),
];
const GREETINGS_CITIZEN: &[(&str, usize)] = &[
    ("Monsieur le Sénateur,", 45),
    ("Bonjour Monsieur le Sénateur,", 25),
    ("Bonjour,", 20),
    ("Madame, Monsieur,", 10),
];
const CLOSINGS_FORMAL: &[&str] = &[
    "Je vous prie d'agréer, Monsieur le Sénateur, l'expression de ma haute considération.",
    "Je vous prie de croire, Monsieur le Sénateur, en l'assurance de mes sentiments les meilleurs.",
    "Avec mes remerciements, bien cordialement,",
    "Bien à vous,",
];
const CLOSINGS_CITIZEN: &[&str] = &[
    "Cordialement,",
    "Bien cordialement,",
    "Respectueusement,",
    "Je vous prie d'agréer, Monsieur le Sénateur, mes salutations distinguées.",
];
const CLOSINGS_PREFECTURE: &[&str] =
    &["Je vous prie d'agréer, Monsieur le Sénateur, l'expression de ma considération distinguée."];
const CLOSINGS_SHORT: &[&str] = &["Bien cordialement,", "Cordialement,", "Bien à vous,"];
const CLOSERS: &[&str] = &[
    "Je reste à votre disposition pour tout complément d'information.",
    "Je vous remercie par avance de l'attention que vous porterez à ce dossier.",
    "Je vous remercie pour votre engagement constant aux côtés des territoires ruraux.",
];

const FOLLOW_UP_INTROS: &[&str] = &[
    "Je me permets de revenir vers vous concernant mon message du {date_orig}, resté à ce jour sans réponse.",
    "Suite à notre échange téléphonique, je vous renvoie mon message ci-dessous.",
    "Je vous transmets de nouveau mon précédent message : la situation ne s'est malheureusement pas améliorée.",
    "Comme convenu, je complète mon précédent message avec les éléments ci-dessous.",
];
const SUPPORT_INTROS: &[&str] = &[
    "Je m'associe pleinement à la démarche de {orig_name} et partage ses inquiétudes.",
    "Je me joins à ce message : notre commune rencontre exactement les mêmes difficultés.",
    "Merci à {orig_name} pour ce message, que je soutiens sans réserve.",
];
const FORWARD_INTROS: &[&str] = &[
    "Pour information, je vous transfère le message ci-dessous.",
    "Je vous transmets ce message reçu en mairie, qui devrait retenir votre attention.",
    "Je vous fais suivre ce courriel de {orig_name}, à toutes fins utiles.",
];

// ---------------------------------------------------------------------------
// Senders
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Mayor,
    Deputy,
    Councillor,
    Secretary,
    Association,
    Citizen,
    Prefecture,
}

/// How often each kind of sender writes to the office.
const ROLE_WEIGHTS: &[(Role, usize)] = &[
    (Role::Mayor, 22),
    (Role::Deputy, 10),
    (Role::Councillor, 8),
    (Role::Secretary, 10),
    (Role::Association, 10),
    (Role::Citizen, 36),
    (Role::Prefecture, 4),
];

impl Role {
    fn voice(self) -> Voice {
        match self {
            Role::Mayor | Role::Deputy | Role::Councillor | Role::Secretary => Voice::Elected,
            Role::Association => Voice::Association,
            Role::Citizen => Voice::Citizen,
            Role::Prefecture => Voice::Prefecture,
        }
    }
}

/// The sender's mail program, which decides quoting style and a few headers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Client {
    Outlook,
    Thunderbird,
    Gmail,
    Webmail,
    AppleMail,
}

impl Client {
    fn for_role(rng: &mut Rng, role: Role) -> Client {
        use Client::*;
        let table: &[(Client, usize)] = match role {
            Role::Secretary => &[(Outlook, 50), (Webmail, 35), (Thunderbird, 15)],
            Role::Citizen => &[
                (Gmail, 40),
                (Webmail, 30),
                (AppleMail, 15),
                (Outlook, 10),
                (Thunderbird, 5),
            ],
            Role::Association => &[(Gmail, 50), (Webmail, 30), (Thunderbird, 20)],
            Role::Prefecture => &[(Thunderbird, 70), (Webmail, 30)],
            _ => &[
                (Outlook, 45),
                (Thunderbird, 20),
                (Gmail, 15),
                (Webmail, 15),
                (AppleMail, 5),
            ],
        };
        rng.pick_weighted(table)
    }

    /// The (header name, value) identifying the client, if it sends one.
    fn mailer_header(self) -> Option<(&'static str, &'static str)> {
        match self {
            Client::Outlook => Some(("X-Mailer", "Microsoft Outlook 16.0")),
            Client::Thunderbird => Some(("User-Agent", "Mozilla Thunderbird")),
            Client::Webmail => Some(("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev62")),
            Client::AppleMail => Some(("X-Mailer", "iPhone Mail (20H240)")),
            Client::Gmail => None,
        }
    }
}

struct Person {
    role: Role,
    first: &'static str,
    last: &'static str,
    female: bool,
    commune: &'static Commune,
    /// Display name for the From header (may be empty).
    display: String,
    addr: String,
    /// Role phrase used in intros, e.g. "maire de Vif".
    title: String,
    /// Association name, for association senders.
    org: String,
    signature: String,
    client: Client,
}

impl Person {
    fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    fn domain(&self) -> &str {
        self.addr.rsplit('@').next().unwrap_or(OFFICE_DOMAIN)
    }

    /// The name as other mail programs show it when quoting.
    fn shown_name(&self) -> &str {
        if self.display.is_empty() {
            &self.addr
        } else {
            &self.display
        }
    }
}

/// Everyone who writes to the office, built once from the seed.
struct Directory {
    people: Vec<Person>,
    by_role: Vec<Vec<usize>>,
}

impl Directory {
    fn new(rng: &mut Rng) -> Self {
        let mut people = Vec::new();
        for (index, commune) in COMMUNES.iter().enumerate() {
            let mail = TownHallMail::new(rng, index, commune);
            people.push(town_hall_person(rng, Role::Mayor, commune, &mail));
            for _ in 0..rng.range(1, 2) {
                people.push(town_hall_person(rng, Role::Deputy, commune, &mail));
            }
            if rng.chance(60) {
                people.push(town_hall_person(rng, Role::Councillor, commune, &mail));
            }
            people.push(town_hall_person(rng, Role::Secretary, commune, &mail));
        }
        for _ in 0..40 {
            people.push(association_person(rng));
        }
        for _ in 0..1_200 {
            people.push(citizen_person(rng));
        }
        for _ in 0..6 {
            people.push(prefecture_person(rng));
        }
        let mut by_role = vec![Vec::new(); ROLE_WEIGHTS.len()];
        for (id, person) in people.iter().enumerate() {
            by_role[person.role as usize].push(id);
        }
        Directory { people, by_role }
    }

    /// A sender, chosen by role weight and then with a bias towards frequent writers.
    fn pick(&self, rng: &mut Rng) -> usize {
        let role = rng.pick_weighted(ROLE_WEIGHTS);
        self.pick_role(rng, role)
    }

    fn pick_role(&self, rng: &mut Rng, role: Role) -> usize {
        let ids = &self.by_role[role as usize];
        ids[rng.skewed(ids.len())]
    }
}

/// How a town hall is reachable: its own domain, or a shared ISP mailbox.
struct TownHallMail {
    domain: Option<String>,
    shared: String,
}

impl TownHallMail {
    fn new(rng: &mut Rng, index: usize, commune: &Commune) -> Self {
        let slug = slug(commune.name);
        let domain = if index < TOWNS {
            Some(if rng.chance(50) {
                format!("ville-{slug}.fr")
            } else {
                format!("{slug}.fr")
            })
        } else if rng.chance(70) {
            Some(format!("mairie-{slug}.fr"))
        } else {
            None
        };
        let isp = if rng.chance(50) {
            "wanadoo.fr"
        } else {
            "orange.fr"
        };
        let shared = format!("mairie.{}@{isp}", slug.replace('-', ""));
        TownHallMail { domain, shared }
    }
}

fn random_identity(rng: &mut Rng) -> (&'static str, &'static str, bool) {
    let (first, female) = rng.pick(FIRST_NAMES);
    (first, rng.pick(LAST_NAMES), female)
}

fn feminine(female: bool, masculine_form: &str, feminine_form: &str) -> String {
    if female {
        feminine_form.to_string()
    } else {
        masculine_form.to_string()
    }
}

fn personal_addr(rng: &mut Rng, first: &str, last: &str) -> String {
    let provider = rng.pick_weighted(CITIZEN_PROVIDERS);
    let (first, last) = (slug(first).replace('-', ""), slug(last).replace('-', ""));
    match rng.below(4) {
        0 => format!("{first}.{last}@{provider}"),
        1 => format!("{first}.{last}{}@{provider}", rng.range(1, 99)),
        2 => format!("{}{last}@{provider}", &first[..1]),
        _ => format!("{last}.{first}38@{provider}"),
    }
}

fn town_hall_person(
    rng: &mut Rng,
    role: Role,
    commune: &'static Commune,
    mail: &TownHallMail,
) -> Person {
    let (first, last, female) = random_identity(rng);
    let de = de_commune(commune.name);
    let named_addr =
        |domain: &str| format!("{}.{}@{domain}", slug(first), slug(last).replace('-', ""));
    let (addr, display, title, signature);
    match role {
        Role::Mayor => {
            addr = match (&mail.domain, rng.below(10)) {
                (Some(domain), 0..=4) => format!("maire@{domain}"),
                (Some(domain), 5..=7) => named_addr(domain),
                (None, 0..=6) => mail.shared.clone(),
                _ => personal_addr(rng, first, last),
            };
            display = match rng.below(4) {
                0 => format!("Mairie {de}"),
                1 => format!("{first} {}", last.to_uppercase()),
                _ => format!("{first} {last}"),
            };
            title = format!("maire {de}");
            let building = if rng.chance(40) {
                "Hôtel de ville"
            } else {
                "Mairie"
            };
            signature = format!(
                "{first} {}\nMaire {de}\n{building}\n{}\n{} {}\nTél. {}",
                last.to_uppercase(),
                rng.pick(STREETS),
                commune.postal_code,
                commune.name.to_uppercase(),
                phone(rng, true)
            );
        }
        Role::Deputy => {
            addr = match &mail.domain {
                Some(domain) if rng.chance(70) => named_addr(domain),
                _ => personal_addr(rng, first, last),
            };
            display = format!("{first} {last}");
            let delegation = rng.pick(DELEGATIONS);
            let adjoint = feminine(female, "Adjoint", "Adjointe");
            let charge = feminine(female, "chargé", "chargée");
            title = format!("{} au maire {de}", adjoint.to_lowercase());
            signature =
                format!("{first} {last}\n{adjoint} au maire, {charge} {delegation}\nMairie {de}");
        }
        Role::Councillor => {
            addr = match &mail.domain {
                Some(domain) if rng.chance(30) => named_addr(domain),
                _ => personal_addr(rng, first, last),
            };
            display = format!("{first} {last}");
            let councillor = feminine(female, "conseiller municipal", "conseillère municipale");
            title = format!("{councillor} {de}");
            signature = format!("{first} {last}\n{} {de}", capitalize(&councillor));
        }
        _ => {
            addr = match &mail.domain {
                Some(domain) => format!(
                    "{}@{domain}",
                    rng.pick(&["secretariat", "accueil", "mairie"])
                ),
                None => mail.shared.clone(),
            };
            display = if rng.chance(50) {
                format!("Mairie {de}")
            } else {
                format!("Secrétariat mairie {de}")
            };
            title = format!("secrétaire de mairie {de}");
            signature = format!(
                "{first} {last}\nSecrétariat de mairie\nMairie {de}\n{}\n{} {}\nTél. {}\nAccueil du public : lundi et jeudi, 9 h – 12 h",
                rng.pick(STREETS),
                commune.postal_code,
                commune.name.to_uppercase(),
                phone(rng, true)
            );
        }
    }
    let client = Client::for_role(rng, role);
    Person {
        role,
        first,
        last,
        female,
        commune,
        display,
        addr,
        title,
        org: String::new(),
        signature,
        client,
    }
}

fn association_person(rng: &mut Rng) -> Person {
    let (first, last, female) = random_identity(rng);
    let commune = rng.pick_ref(COMMUNES);
    let (name_template, slug_base) = rng.pick(ASSOCIATIONS);
    let org = name_template.replace("{de_commune}", &de_commune(commune.name));
    let local = if name_template.contains('{') {
        format!("{slug_base}-{}", slug(commune.name))
    } else {
        slug_base.to_string()
    };
    let addr = match rng.below(3) {
        0 => format!("contact@{local}.fr"),
        1 => format!("{local}@orange.fr"),
        _ => format!("{}@gmail.com", local.replace('-', ".")),
    };
    let president = feminine(female, "président", "présidente");
    let signature = format!("Pour le bureau,\n{first} {last}, {president}\n{org}\n{addr}");
    Person {
        role: Role::Association,
        first,
        last,
        female,
        commune,
        display: org.clone(),
        addr,
        title: format!("{president} de l'association {org}"),
        org,
        signature,
        client: Client::for_role(rng, Role::Association),
    }
}

fn citizen_person(rng: &mut Rng) -> Person {
    let (first, last, female) = random_identity(rng);
    let commune = rng.pick_ref(COMMUNES);
    let addr = personal_addr(rng, first, last);
    let display = match rng.below(10) {
        0 => String::new(),
        1 => format!("{} {}", first.to_lowercase(), last.to_lowercase()),
        2 => format!("{} {first}", last.to_uppercase()),
        _ => format!("{first} {last}"),
    };
    let mut signature = format!("{first} {last}");
    if rng.chance(50) {
        signature.push_str(&format!(
            "\n{} {}\n{} {}",
            rng.range(1, 48),
            rng.pick(STREETS),
            commune.postal_code,
            commune.name
        ));
    }
    if rng.chance(40) {
        signature.push_str(&format!("\n{}", phone(rng, false)));
    }
    Person {
        role: Role::Citizen,
        first,
        last,
        female,
        commune,
        display,
        addr,
        title: format!(
            "{} {}",
            feminine(female, "habitant", "habitante"),
            de_commune(commune.name)
        ),
        org: String::new(),
        signature,
        client: Client::for_role(rng, Role::Citizen),
    }
}

fn prefecture_person(rng: &mut Rng) -> Person {
    let (first, last, female) = random_identity(rng);
    let (masculine_title, feminine_title) = rng.pick(PREFECTURE_TITLES);
    let title = feminine(female, masculine_title, feminine_title);
    let addr = format!(
        "{}.{}@isere.gouv.fr",
        slug(first),
        slug(last).replace('-', "")
    );
    let display = if rng.chance(30) {
        "Préfecture de l'Isère".to_string()
    } else {
        format!("{} {}", first.to_uppercase(), last.to_uppercase())
    };
    let signature = format!(
        "{first} {}\n{title}\nPréfecture de l'Isère\n12 place de Verdun – CS 71046\n38021 Grenoble Cedex 1",
        last.to_uppercase()
    );
    Person {
        role: Role::Prefecture,
        first,
        last,
        female,
        commune: &COMMUNES[0],
        display,
        addr,
        title: title.to_lowercase(),
        org: String::new(),
        signature,
        client: Client::for_role(rng, Role::Prefecture),
    }
}

fn phone(rng: &mut Rng, landline: bool) -> String {
    let prefix = if landline {
        rng.pick(&["04 76", "04 74"])
    } else {
        rng.pick(&["06", "07"])
    };
    let groups = if landline { 3 } else { 4 };
    let mut number = prefix.to_string();
    for _ in 0..groups {
        number.push_str(&format!(" {:02}", rng.below(100)));
    }
    number
}

// ---------------------------------------------------------------------------
// French text helpers
// ---------------------------------------------------------------------------

/// "de Vif", "du Pont-de-Claix", "des Abrets en Dauphiné", "de L'Isle-d'Abeau".
fn de_commune(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        format!("du {rest}")
    } else if let Some(rest) = name.strip_prefix("Les ") {
        format!("des {rest}")
    } else {
        format!("de {name}")
    }
}

/// Lower-case ASCII form for domains and mailboxes: "Saint-Martin-d'Hères" → "saint-martin-d-heres".
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'à' | 'â' | 'ä' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' => out.push('i'),
            'ô' | 'ö' => out.push('o'),
            'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'œ' => out.push_str("oe"),
            _ if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_string()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 185000 → "185 000".
fn thousands(value: i64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Template expansion
// ---------------------------------------------------------------------------

/// Everything a template may refer to while composing one message. Choices that must
/// stay consistent between subject and body (project, sector…) are fixed here; numbers
/// are drawn afresh at each use.
struct Ctx<'a> {
    person: &'a Person,
    when: i64,
    other: &'static Commune,
    project: (&'static str, &'static str),
    sector: &'static str,
    river: &'static str,
    venue: &'static str,
    facility: &'static str,
    motion: &'static str,
    occupation: (&'static str, &'static str),
    topic: String,
    /// Author and date of the message being answered or forwarded.
    original: Option<(&'a str, i64)>,
}

impl<'a> Ctx<'a> {
    fn new(rng: &mut Rng, person: &'a Person, when: i64) -> Self {
        Ctx {
            person,
            when,
            other: rng.pick_ref(COMMUNES),
            project: rng.pick(PROJECTS),
            sector: rng.pick(SECTORS),
            river: rng.pick(RIVERS),
            venue: rng.pick(VENUES),
            facility: rng.pick(FACILITIES),
            motion: rng.pick(MOTIONS),
            occupation: rng.pick(OCCUPATIONS),
            topic: String::new(),
            original: None,
        }
    }

    fn year(&self) -> i64 {
        civil_from_days(self.when.div_euclid(DAY)).0
    }

    /// Appends the value of `{key}` to `out`; unknown keys are kept verbatim.
    fn expand(&self, key: &str, rng: &mut Rng, out: &mut String) {
        let person = self.person;
        let value = match key {
            "commune" => person.commune.name.to_string(),
            "de_commune" => de_commune(person.commune.name),
            "autre_commune" => self.other.name.to_string(),
            "e" => (if person.female { "e" } else { "" }).to_string(),
            "role" => person.title.clone(),
            "asso" => person.org.clone(),
            "metier" => (if person.female {
                self.occupation.1
            } else {
                self.occupation.0
            })
            .to_string(),
            "topic" => self.topic.clone(),
            "projet" => self.project.0.to_string(),
            "projet_court" => self.project.1.to_string(),
            "dans_secteur" => self.sector.to_string(),
            "riviere" => self.river.to_string(),
            "lieu" => self.venue.to_string(),
            "equipement" => self.facility.to_string(),
            "motion_objet" => self.motion.to_string(),
            "annee" => self.year().to_string(),
            "annee_ancienne" => rng.range(1972, 2004).to_string(),
            "annee_future" => (self.year() + rng.range(1, 3)).to_string(),
            "montant" => thousands(rng.range(15, 1_800) * 1_000),
            "n" => rng.range(2, 24).to_string(),
            "n_communes" => rng.range(8, 24).to_string(),
            "pct" => rng.range(8, 60).to_string(),
            "eleves" => rng.range(35, 160).to_string(),
            "classes" => rng.range(2, 7).to_string(),
            "signatures" => thousands(rng.range(300, 2_500)),
            "adherents" => rng.range(40, 600).to_string(),
            "minutes" => rng.range(20, 80).to_string(),
            "patients" => thousands(rng.range(800, 4_500)),
            "mois_attente" => rng.range(6, 18).to_string(),
            "tonnes" => rng.pick(&["3,5", "7,5", "12", "19"]).to_string(),
            "rd" => rng.range(100, 1_100).to_string(),
            "heure" => rng.pick(TIMES_OF_DAY).to_string(),
            "tel" => phone(rng, true),
            "dossier" => format!(
                "{}-{}-{:06}",
                rng.alnum(2),
                self.year(),
                rng.below(1_000_000)
            ),
            "date_passee" => french_date(self.when - rng.range(3, 60) * DAY),
            "date_future" => french_date_with_weekday(self.when + rng.range(5, 45) * DAY),
            "date_orig" => self
                .original
                .map_or_else(String::new, |(_, when)| french_date(when)),
            "orig_name" => self
                .original
                .map_or_else(String::new, |(name, _)| name.to_string()),
            _ => format!("{{{key}}}"),
        };
        out.push_str(&value);
    }
}

/// Replaces every `{key}` of `template` using `ctx`.
fn fill(template: &str, ctx: &Ctx, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        ctx.expand(&rest[open + 1..close], rng, &mut out);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const DAY: i64 = 86_400;
/// Messages are spread from 2020-01-02 to 2026-10-31.
const FIRST_DAY: (i64, u32, u32) = (2020, 1, 2);
const LAST_DAY: (i64, u32, u32) = (2026, 10, 31);

const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS_FR: [&str; 12] = [
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

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// Broken-down wall-clock time at a fixed UTC offset.
struct LocalTime {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    /// 0 = Monday.
    weekday: usize,
    offset_hours: i64,
}

impl LocalTime {
    fn at(ts: i64, offset_hours: i64) -> Self {
        let local = ts + offset_hours * 3_600;
        let days = local.div_euclid(DAY);
        let seconds = local.rem_euclid(DAY);
        let (year, month, day) = civil_from_days(days);
        LocalTime {
            year,
            month,
            day,
            hour: seconds / 3_600,
            minute: seconds / 60 % 60,
            second: seconds % 60,
            weekday: (days + 3).rem_euclid(7) as usize,
            offset_hours,
        }
    }

    /// Europe/Paris: UTC+2 between the last Sundays of March and October (01:00 UTC).
    fn paris(ts: i64) -> Self {
        let (year, _, _) = civil_from_days(ts.div_euclid(DAY));
        let summer = last_sunday(year, 3) * DAY + 3_600..last_sunday(year, 10) * DAY + 3_600;
        LocalTime::at(ts, if summer.contains(&ts) { 2 } else { 1 })
    }

    fn month_fr(&self) -> &'static str {
        MONTHS_FR[self.month as usize - 1]
    }

    fn day_fr(&self) -> String {
        if self.day == 1 {
            "1er".to_string()
        } else {
            self.day.to_string()
        }
    }
}

fn last_sunday(year: i64, month: u32) -> i64 {
    let last = days_from_civil(year, month + 1, 1) - 1;
    last - (last + 4).rem_euclid(7)
}

/// RFC 5322 date in Paris time: "Tue, 14 Mar 2023 09:12:45 +0100".
fn rfc2822(ts: i64) -> String {
    let t = LocalTime::paris(ts);
    format!(
        "{}, {} {} {} {:02}:{:02}:{:02} +{:02}00",
        WEEKDAYS_EN[t.weekday],
        t.day,
        MONTHS_EN[t.month as usize - 1],
        t.year,
        t.hour,
        t.minute,
        t.second,
        t.offset_hours
    )
}

/// asctime() in UTC, as used on mbox `From ` lines: "Tue Mar 14 08:12:45 2023".
fn asctime(ts: i64) -> String {
    let t = LocalTime::at(ts, 0);
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {}",
        WEEKDAYS_EN[t.weekday],
        MONTHS_EN[t.month as usize - 1],
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.year
    )
}

/// "14 mars 2023".
fn french_date(ts: i64) -> String {
    let t = LocalTime::paris(ts);
    format!("{} {} {}", t.day_fr(), t.month_fr(), t.year)
}

/// "mardi 14 mars 2023".
fn french_date_with_weekday(ts: i64) -> String {
    let t = LocalTime::paris(ts);
    format!(
        "{} {} {} {}",
        WEEKDAYS_FR[t.weekday],
        t.day_fr(),
        t.month_fr(),
        t.year
    )
}

/// "mardi 14 mars 2023 09:12", as in Outlook's quoted header block.
fn french_datetime(ts: i64) -> String {
    let t = LocalTime::paris(ts);
    format!(
        "{} {:02}:{:02}",
        french_date_with_weekday(ts),
        t.hour,
        t.minute
    )
}

/// "14/03/2023 à 09:12", as in Thunderbird's attribution line.
fn french_numeric_datetime(ts: i64) -> String {
    let t = LocalTime::paris(ts);
    format!(
        "{:02}/{:02}/{} à {:02}:{:02}",
        t.day, t.month, t.year, t.hour, t.minute
    )
}

// ---------------------------------------------------------------------------
// Encodings: charsets, quoted-printable, base64, RFC 2047, RFC 2231
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Latin1,
    Windows1252,
}

impl Charset {
    fn mime_name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Latin1 => "iso-8859-1",
            Charset::Windows1252 => "windows-1252",
        }
    }

    fn encode(self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            self.encode_char(c, &mut out);
        }
        out
    }

    /// Characters the charset lacks (œ in Latin-1, say) get an ASCII stand-in.
    fn encode_char(self, c: char, out: &mut Vec<u8>) {
        let byte = match self {
            Charset::Utf8 => {
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                return;
            }
            Charset::Latin1 => u8::try_from(u32::from(c)).ok(),
            Charset::Windows1252 => windows_1252_byte(c),
        };
        match byte {
            Some(b) => out.push(b),
            None => out.extend_from_slice(ascii_fallback(c).as_bytes()),
        }
    }
}

fn windows_1252_byte(c: char) -> Option<u8> {
    match c {
        '\0'..='\u{7f}' | '\u{a0}'..='\u{ff}' => Some(c as u8),
        '€' => Some(0x80),
        '…' => Some(0x85),
        'Œ' => Some(0x8C),
        '‘' => Some(0x91),
        '’' => Some(0x92),
        '“' => Some(0x93),
        '”' => Some(0x94),
        '–' => Some(0x96),
        '—' => Some(0x97),
        'œ' => Some(0x9C),
        'Ÿ' => Some(0x9F),
        _ => None,
    }
}

fn ascii_fallback(c: char) -> &'static str {
    match c {
        'œ' => "oe",
        'Œ' => "OE",
        '€' => "EUR",
        '‘' | '’' => "'",
        '“' | '”' => "\"",
        '–' | '—' => "-",
        '…' => "...",
        _ => "?",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Transfer {
    EightBit,
    QuotedPrintable,
    Base64,
}

impl Transfer {
    fn name(self) -> &'static str {
        match self {
            Transfer::EightBit => "8bit",
            Transfer::QuotedPrintable => "quoted-printable",
            Transfer::Base64 => "base64",
        }
    }

    fn apply(self, data: &[u8]) -> Vec<u8> {
        match self {
            Transfer::EightBit => data.to_vec(),
            Transfer::QuotedPrintable => quoted_printable(data),
            Transfer::Base64 => base64_lines(data),
        }
    }
}

/// RFC 2045 quoted-printable; `\n` in `data` are hard line breaks.
fn quoted_printable(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 4);
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        quoted_printable_line(line, &mut out);
    }
    out
}

/// Encodes one line, inserting `=\n` soft breaks so no encoded line exceeds 76 characters.
fn quoted_printable_line(line: &[u8], out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut column = 0;
    for (i, &byte) in line.iter().enumerate() {
        let last = i + 1 == line.len();
        let literal =
            matches!(byte, b'!'..=b'<' | b'>'..=b'~') || (matches!(byte, b' ' | b'\t') && !last);
        let width = if literal { 1 } else { 3 };
        // A token that does not end the line must leave room for the soft break's "=".
        let limit = if last { 76 } else { 75 };
        if column + width > limit {
            out.extend_from_slice(b"=\n");
            column = 0;
        }
        if literal {
            out.push(byte);
        } else {
            out.extend_from_slice(&[
                b'=',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        }
        column += width;
    }
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= chunk.len() {
                out.push(char::from(BASE64_ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 body with 76-character lines, each ending in `\n`.
fn base64_lines(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 3 + data.len() / 57 + 4);
    for chunk in data.chunks(57) {
        out.extend_from_slice(base64(chunk).as_bytes());
        out.push(b'\n');
    }
    out
}

/// Unstructured header value: ASCII text is folded at spaces, anything else becomes
/// RFC 2047 encoded-words (Q or B), each at most 60 characters, one per folded line.
fn encode_header_text(text: &str, charset: Charset, use_base64: bool) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    let prefix = format!(
        "=?{}?{}?",
        charset.mime_name(),
        if use_base64 { 'B' } else { 'Q' }
    );
    let budget = 60 - prefix.len() - 2;
    let mut words = Vec::new();
    let mut raw = Vec::new();
    let mut encoded = String::new();
    for c in text.chars() {
        let mut bytes = Vec::with_capacity(4);
        charset.encode_char(c, &mut bytes);
        let token = if use_base64 {
            String::new()
        } else {
            q_encode(&bytes)
        };
        let longer = if use_base64 {
            (raw.len() + bytes.len()).div_ceil(3) * 4
        } else {
            encoded.len() + token.len()
        };
        if longer > budget && (!raw.is_empty() || !encoded.is_empty()) {
            words.push(finish_word(&prefix, &mut raw, &mut encoded, use_base64));
        }
        raw.extend_from_slice(&bytes);
        encoded.push_str(&token);
    }
    words.push(finish_word(&prefix, &mut raw, &mut encoded, use_base64));
    words.join("\n ")
}

fn finish_word(prefix: &str, raw: &mut Vec<u8>, encoded: &mut String, use_base64: bool) -> String {
    let payload = if use_base64 {
        base64(raw)
    } else {
        encoded.clone()
    };
    raw.clear();
    encoded.clear();
    format!("{prefix}{payload}?=")
}

/// RFC 2047 "Q" encoding of one character's bytes.
fn q_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'!' | b'*' | b'+' | b'-' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out
}

/// Folds ASCII text at spaces so that lines stay near 72 characters.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            if column + 1 + word.len() > 72 {
                out.push_str("\n ");
                column = 1;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

/// An address with an optional display name, encoded as needed.
fn mailbox(name: &str, addr: &str, charset: Charset, use_base64: bool) -> String {
    if name.is_empty() {
        return addr.to_string();
    }
    let display = if !name.is_ascii() {
        encode_header_text(name, charset, use_base64)
    } else if name.contains(|c: char| "()<>[]:;@\\,.\"".contains(c)) {
        format!("\"{name}\"")
    } else {
        name.to_string()
    };
    let last_line = display.rsplit('\n').next().unwrap_or("").len();
    let separator = if last_line + addr.len() > 66 {
        "\n "
    } else {
        " "
    };
    format!("{display}{separator}<{addr}>")
}

/// RFC 2231 extended parameter (UTF-8, percent-encoded, split into continuations).
fn rfc2231_param(name: &str, value: &str) -> String {
    let mut encoded = String::new();
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let first = format!("utf-8''{encoded}");
    if first.len() <= 60 {
        return format!("{name}*={first}");
    }
    let mut sections = Vec::new();
    let mut rest = first.as_str();
    while !rest.is_empty() {
        let mut cut = rest.len().min(50);
        // Never split a %XX triplet.
        while cut < rest.len() && rest[..cut].rfind('%').is_some_and(|p| p + 3 > cut) {
            cut -= 1;
        }
        sections.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    sections
        .iter()
        .enumerate()
        .map(|(i, section)| format!("{name}*{i}*={section}"))
        .collect::<Vec<_>>()
        .join(";\n\t")
}

// ---------------------------------------------------------------------------
// MIME entities
// ---------------------------------------------------------------------------

enum Entity {
    Text {
        subtype: &'static str,
        text: String,
        charset: Charset,
        transfer: Transfer,
        flowed: bool,
    },
    Attachment {
        mime_type: &'static str,
        filename: String,
        data: Vec<u8>,
    },
    Multipart {
        subtype: &'static str,
        extra_params: &'static str,
        boundary: String,
        parts: Vec<Entity>,
    },
    /// A 7bit ASCII part written as is (delivery-status reports).
    Raw {
        content_type: &'static str,
        description: &'static str,
        text: String,
    },
}

impl Entity {
    fn text(subtype: &'static str, text: String, charset: Charset, transfer: Transfer) -> Self {
        Entity::Text {
            subtype,
            text,
            charset,
            transfer,
            flowed: false,
        }
    }

    /// Writes the entity's own headers, the blank line and the encoded body.
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Entity::Text {
                subtype,
                text,
                charset,
                transfer,
                flowed,
            } => {
                let flowed = if *flowed { "; format=flowed" } else { "" };
                push_header(
                    out,
                    "Content-Type",
                    &format!(
                        "text/{subtype}; charset=\"{}\"{flowed}",
                        charset.mime_name()
                    ),
                );
                push_header(out, "Content-Transfer-Encoding", transfer.name());
                out.push(b'\n');
                push_body(out, &transfer.apply(&charset.encode(text)));
            }
            Entity::Attachment {
                mime_type,
                filename,
                data,
            } => {
                let encoded_name = encode_header_text(filename, Charset::Utf8, false);
                push_header(
                    out,
                    "Content-Type",
                    &format!("{mime_type};\n\tname=\"{encoded_name}\""),
                );
                let disposition = format!(
                    "attachment;\n\t{};\n\tsize={}",
                    rfc2231_param("filename", filename),
                    data.len()
                );
                push_header(out, "Content-Disposition", &disposition);
                push_header(out, "Content-Transfer-Encoding", Transfer::Base64.name());
                out.push(b'\n');
                push_body(out, &Transfer::Base64.apply(data));
            }
            Entity::Multipart {
                subtype,
                extra_params,
                boundary,
                parts,
            } => {
                push_header(
                    out,
                    "Content-Type",
                    &format!("multipart/{subtype};{extra_params}\n\tboundary=\"{boundary}\""),
                );
                out.push(b'\n');
                out.extend_from_slice(b"This is a multi-part message in MIME format.\n");
                for part in parts {
                    out.extend_from_slice(format!("\n--{boundary}\n").as_bytes());
                    part.write(out);
                }
                out.extend_from_slice(format!("\n--{boundary}--\n").as_bytes());
            }
            Entity::Raw {
                content_type,
                description,
                text,
            } => {
                push_header(out, "Content-Description", description);
                push_header(out, "Content-Type", content_type);
                out.push(b'\n');
                push_body(out, text.as_bytes());
            }
        }
    }
}

fn push_header(out: &mut Vec<u8>, name: &str, value: &str) {
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(value.as_bytes());
    out.push(b'\n');
}

fn push_body(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(body);
    if !body.ends_with(b"\n") {
        out.push(b'\n');
    }
}

fn boundary(rng: &mut Rng, client: Client) -> String {
    match client {
        Client::Outlook => format!(
            "----=_NextPart_000_{}_{}.{}",
            rng.hex(4).to_uppercase(),
            rng.hex(8).to_uppercase(),
            rng.hex(8).to_uppercase()
        ),
        Client::Gmail => format!("000000000000{}", rng.hex(12)),
        Client::AppleMail => format!(
            "Apple-Mail-{}-{}",
            rng.hex(8).to_uppercase(),
            rng.hex(4).to_uppercase()
        ),
        _ => format!("------------{}", rng.alnum(24)),
    }
}

/// A small, plausible-looking PDF (valid header and trailer, random stream content).
fn fake_pdf(rng: &mut Rng) -> Vec<u8> {
    let length = rng.below(3_500) + 1_500;
    let stream = rng.bytes(length);
    let mut pdf = Vec::with_capacity(stream.len() + 400);
    pdf.extend_from_slice(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    pdf.extend_from_slice(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    pdf.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    pdf.extend_from_slice(b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n");
    pdf.extend_from_slice(
        format!(
            "4 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n",
            stream.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&stream);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    pdf
}

// ---------------------------------------------------------------------------
// Letters: composition and rendering
// ---------------------------------------------------------------------------

/// The human content of a message, before any layout or encoding.
struct Letter {
    greeting: String,
    paragraphs: Vec<String>,
    closing: String,
    signature: String,
    /// Thunderbird-style "-- " line before the signature.
    signature_dashes: bool,
}

impl Letter {
    /// Plain text with one line per paragraph: what is stored for later quoting.
    fn plain(&self) -> String {
        render_plain(self, None, Layout::Unwrapped)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteStyle {
    /// Outlook: a "De : … Envoyé : … À : … Objet :" block, original text unindented.
    OutlookHeader,
    /// "Le … a écrit :" followed by "> " lines.
    Cited,
    /// Thunderbird's "Message transféré" block.
    Forwarded,
}

/// The earlier message included below a reply or forward.
struct Quote {
    style: QuoteStyle,
    header: Vec<String>,
    text: String,
}

/// How plain-text paragraphs are laid out in lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One line per paragraph (Outlook, encoded as quoted-printable).
    Unwrapped,
    /// Hard-wrapped at [`WRAP_WIDTH`].
    Wrapped,
    /// RFC 3676 format=flowed: soft breaks end in a space.
    Flowed,
}

fn render_plain(letter: &Letter, quote: Option<&Quote>, layout: Layout) -> String {
    let mut out = String::with_capacity(2_048);
    push_paragraph(&mut out, &letter.greeting, layout, "");
    for paragraph in &letter.paragraphs {
        out.push('\n');
        push_paragraph(&mut out, paragraph, layout, "");
    }
    out.push('\n');
    push_paragraph(&mut out, &letter.closing, layout, "");
    out.push('\n');
    if letter.signature_dashes {
        out.push_str("-- \n");
    }
    out.push_str(&letter.signature);
    out.push('\n');
    if let Some(quote) = quote {
        push_quote(&mut out, quote, layout);
    }
    out
}

fn push_quote(out: &mut String, quote: &Quote, layout: Layout) {
    out.push('\n');
    for line in &quote.header {
        out.push_str(line);
        out.push('\n');
    }
    if quote.style != QuoteStyle::Cited {
        out.push('\n');
    }
    let prefix = if quote.style == QuoteStyle::Cited {
        "> "
    } else {
        ""
    };
    for line in quote.text.lines() {
        if line.is_empty() {
            out.push_str(prefix.trim_end());
            out.push('\n');
        } else {
            push_paragraph(out, line, layout, prefix);
        }
    }
}

/// Appends one paragraph laid out as requested, each line starting with `prefix`.
fn push_paragraph(out: &mut String, text: &str, layout: Layout, prefix: &str) {
    if layout == Layout::Unwrapped {
        out.push_str(prefix);
        out.push_str(text);
        out.push('\n');
        return;
    }
    let lines = wrap(text, WRAP_WIDTH - prefix.len());
    let count = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        out.push_str(prefix);
        if layout == Layout::Flowed
            && (line.starts_with(' ') || line.starts_with('>') || line.starts_with("From "))
        {
            out.push(' '); // RFC 3676 space-stuffing
        }
        out.push_str(line);
        if layout == Layout::Flowed && i + 1 < count {
            out.push(' ');
        }
        out.push('\n');
    }
}

/// Greedy word wrap to `width` characters; the breaking spaces are dropped.
fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut columns = 0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            last_space = Some(i);
        }
        columns += 1;
        if columns > width
            && let Some(space) = last_space.take()
        {
            lines.push(&text[start..space]);
            start = space + 1;
            columns = text[start..i + c.len_utf8()].chars().count();
        }
    }
    lines.push(&text[start..]);
    lines
}

fn render_html(letter: &Letter, quote: Option<&Quote>, named_entities: bool) -> String {
    let escape = |text: &str| html_escape(text, named_entities);
    let mut html = String::with_capacity(4_096);
    html.push_str("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n</head>\n");
    html.push_str("<body>\n<div style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n");
    for paragraph in std::iter::once(&letter.greeting)
        .chain(&letter.paragraphs)
        .chain([&letter.closing])
    {
        html.push_str(&format!(
            "<p class=\"MsoNormal\">{}</p>\n",
            escape(paragraph)
        ));
    }
    let signature: Vec<String> = letter.signature.lines().map(escape).collect();
    html.push_str(&format!(
        "<p class=\"MsoNormal\">{}</p>\n",
        signature.join("<br>\n")
    ));
    if let Some(quote) = quote {
        let header: Vec<String> = quote.header.iter().map(|line| escape(line)).collect();
        let body: String = quote
            .text
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| format!("<p>{}</p>\n", escape(l)))
            .collect();
        if quote.style == QuoteStyle::Cited {
            html.push_str(&format!(
                "<div class=\"moz-cite-prefix\">{}</div>\n",
                header.join("<br>")
            ));
            html.push_str(&format!(
                "<blockquote type=\"cite\">\n{body}</blockquote>\n"
            ));
        } else {
            html.push_str(&format!("<hr>\n<p>{}</p>\n{body}", header.join("<br>\n")));
        }
    }
    html.push_str("</div>\n</body>\n</html>\n");
    html
}

fn html_escape(text: &str, named_entities: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ if named_entities && !c.is_ascii() => match html_entity(c) {
                Some(name) => out.push_str(&format!("&{name};")),
                None => out.push_str(&format!("&#{};", u32::from(c))),
            },
            _ => out.push(c),
        }
    }
    out
}

#[rustfmt::skip]
fn html_entity(c: char) -> Option<&'static str> {
    Some(match c {
        'é' => "eacute", 'è' => "egrave", 'ê' => "ecirc", 'ë' => "euml", 'à' => "agrave",
        'â' => "acirc", 'ç' => "ccedil", 'ô' => "ocirc", 'î' => "icirc", 'ï' => "iuml",
        'ù' => "ugrave", 'û' => "ucirc", 'É' => "Eacute", 'À' => "Agrave", 'œ' => "oelig",
        '«' => "laquo", '»' => "raquo", '–' => "ndash", '’' => "rsquo", '€' => "euro",
        _ => return None,
    })
}

fn greeting(rng: &mut Rng, voice: Voice) -> String {
    let table = if voice == Voice::Citizen {
        GREETINGS_CITIZEN
    } else {
        GREETINGS_FORMAL
    };
    rng.pick_weighted(table).to_string()
}

fn closing(rng: &mut Rng, voice: Voice) -> String {
    let table = match voice {
        Voice::Citizen => CLOSINGS_CITIZEN,
        Voice::Prefecture => CLOSINGS_PREFECTURE,
        Voice::Elected | Voice::Association => CLOSINGS_FORMAL,
    };
    rng.pick(table).to_string()
}

fn intros(voice: Voice) -> &'static [&'static str] {
    match voice {
        Voice::Elected => INTROS_ELECTED,
        Voice::Citizen => INTROS_CITIZEN,
        Voice::Association => INTROS_ASSOCIATION,
        Voice::Prefecture => INTROS_PREFECTURE,
    }
}

/// A first message: intro, two to four paragraphs of facts, a request, a closing.
fn compose_letter(rng: &mut Rng, ctx: &Ctx, theme: &Theme) -> Letter {
    let voice = ctx.person.role.voice();
    let mut facts = rng
        .sample(theme.facts.len(), 9)
        .into_iter()
        .map(|i| theme.facts[i]);
    let mut sentences = |rng: &mut Rng, count: usize| -> Vec<String> {
        facts
            .by_ref()
            .take(count)
            .map(|template| fill(template, ctx, rng))
            .collect()
    };

    let openings = if theme.intros.is_empty() {
        intros(voice)
    } else {
        theme.intros
    };
    let mut first = vec![fill(rng.pick(openings), ctx, rng)];
    let count = rng.range(1, 2) as usize;
    first.extend(sentences(rng, count));
    let mut paragraphs = vec![first.join(" ")];
    for _ in 0..rng.range(1, 3) {
        let count = rng.range(2, 3) as usize;
        let body = sentences(rng, count);
        if !body.is_empty() {
            paragraphs.push(body.join(" "));
        }
    }
    let mut last = fill(rng.pick(theme.asks), ctx, rng);
    if rng.chance(70) {
        last.push(' ');
        last.push_str(rng.pick(CLOSERS));
    }
    paragraphs.push(last);

    Letter {
        greeting: greeting(rng, voice),
        paragraphs,
        closing: closing(rng, voice),
        signature: ctx.person.signature.clone(),
        signature_dashes: ctx.person.client == Client::Thunderbird,
    }
}

/// A short reply or forward: one or two paragraphs above the quoted original.
fn compose_reply(rng: &mut Rng, ctx: &Ctx, theme: &Theme, kind: ReplyKind) -> Letter {
    let voice = ctx.person.role.voice();
    let intros = match kind {
        ReplyKind::FollowUp => FOLLOW_UP_INTROS,
        ReplyKind::Support => SUPPORT_INTROS,
        ReplyKind::Forward => FORWARD_INTROS,
    };
    let mut first = fill(rng.pick(intros), ctx, rng);
    if kind != ReplyKind::Forward && rng.chance(60) {
        first.push(' ');
        first.push_str(&fill(rng.pick(theme.facts), ctx, rng));
    }
    let mut paragraphs = vec![first];
    if rng.chance(40) {
        paragraphs.push(fill(rng.pick(theme.asks), ctx, rng));
    }
    Letter {
        greeting: greeting(rng, voice),
        paragraphs,
        closing: rng.pick(CLOSINGS_SHORT).to_string(),
        signature: ctx.person.signature.clone(),
        signature_dashes: ctx.person.client == Client::Thunderbird,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReplyKind {
    /// The same sender writes again about their own message.
    FollowUp,
    /// Another sender replies to all, backing the original.
    Support,
    /// Another sender forwards the original.
    Forward,
}

// ---------------------------------------------------------------------------
// Body formats
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Format {
    Utf8QuotedPrintable,
    Utf8EightBit,
    Latin1QuotedPrintable,
    Windows1252EightBit,
    Alternative,
    HtmlOnly,
    WithAttachment,
}

const FORMAT_WEIGHTS: &[(Format, usize)] = &[
    (Format::Utf8QuotedPrintable, 50),
    (Format::Utf8EightBit, 15),
    (Format::Latin1QuotedPrintable, 10),
    (Format::Windows1252EightBit, 5),
    (Format::Alternative, 10),
    (Format::HtmlOnly, 5),
    (Format::WithAttachment, 5),
];

impl Format {
    /// Charset used for the headers' encoded-words.
    fn header_charset(self) -> Charset {
        match self {
            Format::Latin1QuotedPrintable => Charset::Latin1,
            Format::Windows1252EightBit => Charset::Windows1252,
            _ => Charset::Utf8,
        }
    }
}

fn letter_body(
    rng: &mut Rng,
    format: Format,
    letter: &Letter,
    quote: Option<&Quote>,
    client: Client,
    attachment: &str,
) -> Entity {
    let qp_text = || {
        Entity::text(
            "plain",
            render_plain(letter, quote, Layout::Unwrapped),
            Charset::Utf8,
            Transfer::QuotedPrintable,
        )
    };
    match format {
        Format::Utf8QuotedPrintable => qp_text(),
        Format::Utf8EightBit => {
            let flowed = rng.chance(60);
            let layout = if flowed {
                Layout::Flowed
            } else {
                Layout::Wrapped
            };
            Entity::Text {
                subtype: "plain",
                text: render_plain(letter, quote, layout),
                charset: Charset::Utf8,
                transfer: Transfer::EightBit,
                flowed,
            }
        }
        Format::Latin1QuotedPrintable => Entity::text(
            "plain",
            render_plain(letter, quote, Layout::Unwrapped),
            Charset::Latin1,
            Transfer::QuotedPrintable,
        ),
        Format::Windows1252EightBit => Entity::text(
            "plain",
            render_plain(letter, quote, Layout::Wrapped),
            Charset::Windows1252,
            Transfer::EightBit,
        ),
        Format::Alternative => alternative(rng, letter, quote, client),
        Format::HtmlOnly => {
            let html = render_html(letter, quote, rng.chance(30));
            Entity::text("html", html, Charset::Utf8, Transfer::QuotedPrintable)
        }
        Format::WithAttachment => {
            let main = if rng.chance(30) {
                alternative(rng, letter, quote, client)
            } else {
                qp_text()
            };
            let pdf = Entity::Attachment {
                mime_type: "application/pdf",
                filename: attachment.to_string(),
                data: fake_pdf(rng),
            };
            Entity::Multipart {
                subtype: "mixed",
                extra_params: "",
                boundary: boundary(rng, client),
                parts: vec![main, pdf],
            }
        }
    }
}

fn alternative(rng: &mut Rng, letter: &Letter, quote: Option<&Quote>, client: Client) -> Entity {
    let text = Entity::text(
        "plain",
        render_plain(letter, quote, Layout::Unwrapped),
        Charset::Utf8,
        Transfer::QuotedPrintable,
    );
    let html = Entity::text(
        "html",
        render_html(letter, quote, rng.chance(30)),
        Charset::Utf8,
        Transfer::QuotedPrintable,
    );
    Entity::Multipart {
        subtype: "alternative",
        extra_params: "",
        boundary: boundary(rng, client),
        parts: vec![text, html],
    }
}

/// Outlook turns straight apostrophes into typographic ones.
fn outlook_typography(letter: &mut Letter) {
    let curly = |s: &String| s.replace('\'', "’");
    letter.greeting = curly(&letter.greeting);
    letter.paragraphs = letter.paragraphs.iter().map(curly).collect();
    letter.closing = curly(&letter.closing);
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

/// Builds a message: header lines in order, then the MIME entity.
struct MessageWriter {
    bytes: Vec<u8>,
}

impl MessageWriter {
    fn new() -> Self {
        MessageWriter {
            bytes: Vec::with_capacity(8_192),
        }
    }

    fn header(&mut self, name: &str, value: &str) -> &mut Self {
        push_header(&mut self.bytes, name, value);
        self
    }

    fn finish(mut self, body: &Entity) -> Vec<u8> {
        push_header(&mut self.bytes, "MIME-Version", "1.0");
        body.write(&mut self.bytes);
        self.bytes
    }
}

/// The sending host for an address, by provider.
fn relay_host(rng: &mut Rng, domain: &str) -> String {
    match domain {
        "gmail.com" => format!(
            "mail-{}{}-f{}.google.com",
            rng.pick(&["wr", "wm", "ej"]),
            rng.range(1, 9),
            rng.range(41, 99)
        ),
        "orange.fr" | "wanadoo.fr" => format!("smtp{:02}.smtpout.orange.fr", rng.range(1, 30)),
        "free.fr" => format!("smtp{}-g21.free.fr", rng.range(1, 6)),
        "laposte.net" => "smtp.laposte.net".to_string(),
        "isere.gouv.fr" => "smtp.isere.gouv.fr".to_string(),
        _ => format!("mail.{domain}"),
    }
}

/// Return-Path, the office's Authentication-Results, two Received hops (client →
/// provider → office, oldest last) and, for most senders, a DKIM signature.
fn trace_headers(
    rng: &mut Rng,
    writer: &mut MessageWriter,
    envelope: &str,
    domain: &str,
    sent: i64,
    delivered: i64,
) {
    let relay = relay_host(rng, domain);
    let relay_ip = format!("198.51.100.{}", rng.range(1, 254));
    let signed = relay_host_is_provider(domain) || rng.chance(60);
    let signature = base64(&rng.bytes(256));
    let client_ip = format!("192.0.2.{}", rng.range(1, 254));
    let outer = format!(
        "from {relay} ({relay} [{relay_ip}])\n\tby {OFFICE_MX} (Postfix) with ESMTPS id {}\n\tfor <{OFFICE_ADDR}>; {}",
        rng.alnum(11),
        rfc2822(delivered)
    );
    let inner = format!(
        "from [192.168.{}.{}] (unknown [{client_ip}])\n\tby {relay} with ESMTPSA id {}; {}",
        rng.range(0, 2),
        rng.range(2, 250),
        rng.alnum(8).to_lowercase(),
        rfc2822(sent + 1)
    );
    let dkim_result = if signed {
        format!(
            "dkim=pass (2048-bit key) header.d={domain} header.b=\"{}\"",
            &signature[..8]
        )
    } else {
        "dkim=none".to_string()
    };
    let authentication = format!(
        "{OFFICE_MX};\n\t{dkim_result};\n\tspf=pass (domain of {envelope} designates {relay_ip} as permitted sender)\n\t smtp.mailfrom={envelope};\n\tdmarc=pass (p=none dis=none) header.from={domain}"
    );
    writer.header("Return-Path", &format!("<{envelope}>"));
    writer.header("Authentication-Results", &authentication);
    writer.header("Received", &outer);
    if signed {
        writer.header(
            "DKIM-Signature",
            &dkim_signature(rng, domain, sent, &signature),
        );
    }
    writer.header("Received", &inner);
}

fn relay_host_is_provider(domain: &str) -> bool {
    matches!(
        domain,
        "gmail.com" | "orange.fr" | "wanadoo.fr" | "free.fr" | "laposte.net" | "isere.gouv.fr"
    )
}

/// A syntactically valid (but unverifiable) DKIM-Signature value.
fn dkim_signature(rng: &mut Rng, domain: &str, sent: i64, signature: &str) -> String {
    let selector = match domain {
        "gmail.com" => "20230601",
        "orange.fr" | "wanadoo.fr" => "t20230301",
        _ => "default",
    };
    let folded: Vec<&str> = signature
        .as_bytes()
        .chunks(70)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    format!(
        "v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s={selector}; t={sent};\n\th=from:to:subject:date:message-id:mime-version:content-type;\n\tbh={};\n\tb={}",
        base64(&rng.bytes(32)),
        folded.join("\n\t ")
    )
}

fn office_recipient(rng: &mut Rng, charset: Charset) -> String {
    match rng.below(4) {
        0 => OFFICE_ADDR.to_string(),
        1 => mailbox("Permanence du Sénateur", OFFICE_ADDR, charset, false),
        _ => mailbox("Permanence parlementaire", OFFICE_ADDR, charset, false),
    }
}

/// "RE: " / "TR: " (Outlook) or "Re: " / "Fwd: " (others), without stacking prefixes.
fn reply_subject(original: &str, client: Client, forward: bool) -> String {
    let mut base = original;
    while let Some(rest) = ["RE: ", "Re: ", "TR: ", "Fwd: "]
        .iter()
        .find_map(|p| base.strip_prefix(p))
    {
        base = rest;
    }
    let prefix = match (client == Client::Outlook, forward) {
        (true, false) => "RE: ",
        (true, true) => "TR: ",
        (false, false) => "Re: ",
        (false, true) => "Fwd: ",
    };
    format!("{prefix}{base}")
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// `<gen.SEED.INDEX@domain>`: unique within a corpus and across seeds.
fn message_id(seed: u64, index: usize, domain: &str) -> String {
    format!("<gen.{seed}.{index}@{domain}>")
}

/// A message kept so that later ones can reply to it.
struct Sent {
    message_id: String,
    references: String,
    subject: String,
    person: usize,
    when: i64,
    theme: usize,
    text: String,
}

/// A letter-type message about to be encoded.
struct Draft {
    person: usize,
    when: i64,
    subject: String,
    letter: Letter,
    quote: Option<Quote>,
    theme: usize,
    attachment: String,
    in_reply_to: Option<String>,
    references: Option<String>,
}

struct Generator {
    rng: Rng,
    seed: u64,
    count: usize,
    directory: Directory,
    history: VecDeque<Sent>,
}

impl Generator {
    fn new(seed: u64, count: usize) -> Self {
        let mut rng = Rng::new(seed);
        let directory = Directory::new(&mut rng);
        Generator {
            rng,
            seed,
            count,
            directory,
            history: VecDeque::with_capacity(HISTORY_LEN),
        }
    }

    /// Message `index`: 3% auto-replies, 3% newsletters, 1.5% bounces; of the rest,
    /// about a fifth answer or forward an earlier message.
    fn mail(&mut self, index: usize) -> Mail {
        let when = self.arrival_time(index);
        let roll = self.rng.below(1_000);
        let has_history = !self.history.is_empty();
        match roll {
            0..30 if has_history => self.auto_reply(index, when),
            30..60 => self.newsletter(index, when),
            60..75 => self.bounce(index, when),
            _ if has_history && self.rng.chance(21) => self.reply(index),
            _ => self.first_letter(index, when),
        }
    }

    /// Spreads messages evenly over the date range, during French office hours mostly.
    fn arrival_time(&mut self, index: usize) -> i64 {
        let first = days_from_civil(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2);
        let last = days_from_civil(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2);
        let span = (last - first) as u128;
        let day = first
            + (span * index as u128 / self.count.max(1) as u128) as i64
            + self.rng.range(-1, 1);
        let hour = match self.rng.below(100) {
            0..85 => self.rng.range(8, 18),
            85..97 => self.rng.range(19, 23),
            _ => self.rng.range(5, 7),
        };
        // Local hour → UTC, close enough for synthetic data (CET).
        day * DAY + (hour - 1) * 3_600 + self.rng.range(0, 3_599)
    }

    fn first_letter(&mut self, index: usize, when: i64) -> Mail {
        let rng = &mut self.rng;
        let person_id = self.directory.pick(rng);
        let person = &self.directory.people[person_id];
        let voice = person.role.voice();
        let themes: Vec<usize> = (0..THEMES.len())
            .filter(|&t| THEMES[t].voices.contains(&voice))
            .collect();
        let theme_id = rng.pick(&themes);
        let theme = &THEMES[theme_id];

        let mut ctx = Ctx::new(rng, person, when);
        ctx.topic = fill(rng.pick(theme.topics), &ctx, rng);
        let subject = fill(rng.pick(theme.subjects), &ctx, rng);
        let letter = compose_letter(rng, &ctx, theme);
        let attachment = fill(rng.pick(theme.attachments), &ctx, rng);
        let draft = Draft {
            person: person_id,
            when,
            subject,
            letter,
            quote: None,
            theme: theme_id,
            attachment,
            in_reply_to: None,
            references: None,
        };
        self.encode_draft(index, draft)
    }

    /// A reply to, follow-up of or forward of a recent message.
    fn reply(&mut self, index: usize) -> Mail {
        let rng = &mut self.rng;
        let original = &self.history[self.history.len() - 1 - rng.skewed(self.history.len())];
        let author = &self.directory.people[original.person];
        let (person_id, kind) = if rng.chance(45) {
            (original.person, ReplyKind::FollowUp)
        } else {
            let role =
                rng.pick_weighted(&[(Role::Mayor, 50), (Role::Deputy, 20), (Role::Secretary, 30)]);
            let other = self.directory.pick_role(rng, role);
            (
                other,
                if rng.chance(50) {
                    ReplyKind::Support
                } else {
                    ReplyKind::Forward
                },
            )
        };
        let person = &self.directory.people[person_id];
        let theme = &THEMES[original.theme];
        let when = original.when + rng.range(2 * 3_600, 12 * DAY);

        let mut ctx = Ctx::new(rng, person, when);
        ctx.original = Some((author.shown_name(), original.when));
        let letter = compose_reply(rng, &ctx, theme, kind);
        let forward = kind == ReplyKind::Forward;
        let quote = quote_of(rng, original, author, person.client, forward);
        let draft = Draft {
            person: person_id,
            when,
            subject: reply_subject(&original.subject, person.client, forward),
            letter,
            quote: Some(quote),
            theme: original.theme,
            attachment: fill(rng.pick(theme.attachments), &ctx, rng),
            in_reply_to: (!forward).then(|| original.message_id.clone()),
            references: Some(
                format!("{} {}", original.references, original.message_id)
                    .trim_start()
                    .to_string(),
            ),
        };
        self.encode_draft(index, draft)
    }

    /// Encodes a letter-type draft into a full message and remembers it for replies.
    fn encode_draft(&mut self, index: usize, mut draft: Draft) -> Mail {
        let rng = &mut self.rng;
        let person = &self.directory.people[draft.person];
        if person.client == Client::Outlook {
            outlook_typography(&mut draft.letter);
        }
        let format = rng.pick_weighted(FORMAT_WEIGHTS);
        let charset = format.header_charset();
        let body = letter_body(
            rng,
            format,
            &draft.letter,
            draft.quote.as_ref(),
            person.client,
            &draft.attachment,
        );
        let message_id = message_id(self.seed, index, person.domain());
        let delivered = draft.when + rng.range(2, 90);

        let mut writer = MessageWriter::new();
        trace_headers(
            rng,
            &mut writer,
            &person.addr,
            person.domain(),
            draft.when,
            delivered,
        );
        let use_base64 = rng.chance(30);
        writer
            .header("Date", &rfc2822(draft.when))
            .header(
                "From",
                &mailbox(&person.display, &person.addr, charset, use_base64),
            )
            .header("To", &office_recipient(rng, charset));
        if rng.chance(12) {
            let cc = &self.directory.people[self.directory.pick(rng)];
            writer.header("Cc", &mailbox(&cc.display, &cc.addr, charset, use_base64));
        }
        writer
            .header(
                "Subject",
                &encode_header_text(&draft.subject, charset, use_base64),
            )
            .header("Message-ID", &message_id);
        if let Some(parent) = &draft.in_reply_to {
            writer.header("In-Reply-To", parent);
        }
        if let Some(references) = &draft.references {
            writer.header("References", &references.replace(' ', "\n "));
        }
        if let Some((name, value)) = person.client.mailer_header() {
            writer.header(name, value);
        }
        if matches!(person.client, Client::Outlook | Client::Thunderbird) {
            writer.header("Content-Language", "fr");
        }
        let bytes = writer.finish(&body);
        let envelope_from = person.addr.clone();

        self.remember(Sent {
            references: draft.references.unwrap_or_default(),
            subject: draft.subject,
            person: draft.person,
            when: draft.when,
            theme: draft.theme,
            text: draft.letter.plain(),
            message_id,
        });
        Mail {
            envelope_from,
            delivered,
            bytes,
        }
    }

    fn remember(&mut self, sent: Sent) {
        if self.history.len() == HISTORY_LEN {
            self.history.pop_front();
        }
        self.history.push_back(sent);
    }

    /// An out-of-office answer to a message the office sent to an earlier correspondent.
    fn auto_reply(&mut self, index: usize, when: i64) -> Mail {
        let rng = &mut self.rng;
        let original = &self.history[self.history.len() - 1 - rng.skewed(self.history.len())];
        let person = &self.directory.people[original.person];
        let back = when + rng.range(3, 20) * DAY;
        let e = if person.female { "e" } else { "" };
        let contact = match person.role.voice() {
            Voice::Elected => format!("le secrétariat de mairie au {}", phone(rng, true)),
            _ => "le secrétariat par courriel".to_string(),
        };
        let text = format!(
            "Bonjour,\n\nJe suis absent{e} jusqu'au {} inclus, avec un accès limité à ma messagerie.\n\
             Pour toute urgence, vous pouvez contacter {contact}.\n\nCordialement,\n\n{}\n",
            french_date_with_weekday(back),
            person.full_name()
        );
        let outlook = person.client == Client::Outlook;
        let subject = if outlook {
            format!(
                "Réponse automatique : {}",
                reply_subject(&original.subject, Client::Outlook, false)
            )
        } else {
            format!(
                "Absence du bureau – {}",
                reply_subject(&original.subject, person.client, false)
            )
        };
        let delivered = when + rng.range(2, 30);
        let mut writer = MessageWriter::new();
        trace_headers(
            rng,
            &mut writer,
            &person.addr,
            person.domain(),
            when,
            delivered,
        );
        writer
            .header("Date", &rfc2822(when))
            .header(
                "From",
                &mailbox(&person.display, &person.addr, Charset::Utf8, false),
            )
            .header(
                "To",
                &mailbox(
                    "Permanence parlementaire",
                    OFFICE_ADDR,
                    Charset::Utf8,
                    false,
                ),
            )
            .header(
                "Subject",
                &encode_header_text(&subject, Charset::Utf8, rng.chance(50)),
            )
            .header("Message-ID", &message_id(self.seed, index, person.domain()))
            .header(
                "In-Reply-To",
                &format!("<office.{}@{OFFICE_DOMAIN}>", rng.hex(16)),
            )
            .header("Auto-Submitted", "auto-replied");
        if outlook {
            writer.header("X-Auto-Response-Suppress", "All");
        } else {
            writer.header("X-Autoreply", "yes");
        }
        let body = Entity::text("plain", text, Charset::Utf8, Transfer::QuotedPrintable);
        Mail {
            envelope_from: person.addr.clone(),
            delivered,
            bytes: writer.finish(&body),
        }
    }

    /// A bulk newsletter with List-* headers and an HTML alternative.
    fn newsletter(&mut self, index: usize, when: i64) -> Mail {
        let rng = &mut self.rng;
        let (title, addr, list_id) = rng.pick(NEWSLETTERS);
        let host = addr.rsplit('@').next().unwrap_or(OFFICE_DOMAIN);
        let issue = rng.range(12, 240);
        let t = LocalTime::paris(when);
        let subject = format!("{title} n°{issue} – {} {}", t.month_fr(), t.year);
        let token = rng.hex(24);

        let reader = &self.directory.people[self.directory.pick_role(rng, Role::Mayor)];
        let ctx = Ctx::new(rng, reader, when);
        let mut items = Vec::new();
        let count = rng.range(3, 5) as usize;
        for theme_id in rng.sample(THEMES.len(), count) {
            let theme = &THEMES[theme_id];
            let headline = fill(rng.pick(theme.subjects), &ctx, rng);
            let summary = fill(rng.pick(theme.facts), &ctx, rng);
            items.push((
                headline,
                summary,
                format!("https://{host}/actualites/{}", rng.range(1_000, 99_999)),
            ));
        }
        let unsubscribe = format!("https://{host}/desinscription?u={token}");
        let text = newsletter_text(title, &items, &unsubscribe);
        let html = newsletter_html(title, &items, &unsubscribe, host, &token);
        // Mass mailers often base64-encode the HTML part.
        let html_transfer = if rng.chance(50) {
            Transfer::Base64
        } else {
            Transfer::QuotedPrintable
        };
        let body = Entity::Multipart {
            subtype: "alternative",
            extra_params: "",
            boundary: format!("=_nl_{}", rng.hex(20)),
            parts: vec![
                Entity::text("plain", text, Charset::Utf8, Transfer::QuotedPrintable),
                Entity::text("html", html, Charset::Utf8, html_transfer),
            ],
        };
        let envelope = format!("bounce-{}@{host}", rng.hex(12));
        let delivered = when + rng.range(2, 600);
        let mut writer = MessageWriter::new();
        trace_headers(rng, &mut writer, &envelope, host, when, delivered);
        writer
            .header("Date", &rfc2822(when))
            .header("From", &mailbox(title, addr, Charset::Utf8, false))
            .header("To", OFFICE_ADDR)
            .header(
                "Subject",
                &encode_header_text(&subject, Charset::Utf8, false),
            )
            .header("Message-ID", &message_id(self.seed, index, host))
            .header("List-Id", &mailbox(title, list_id, Charset::Utf8, false))
            .header(
                "List-Unsubscribe",
                &format!("<mailto:unsubscribe+{token}@{host}>,\n <{unsubscribe}>"),
            )
            .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
            .header("Precedence", "bulk");
        Mail {
            envelope_from: envelope,
            delivered,
            bytes: writer.finish(&body),
        }
    }

    /// A Postfix delivery-status notification for a message the office sent.
    fn bounce(&mut self, index: usize, when: i64) -> Mail {
        let rng = &mut self.rng;
        let person = &self.directory.people[self.directory.pick(rng)];
        let recipient = &person.addr;
        let remote = format!("mx.{}", person.domain());
        let (code, status, reason) = rng.pick(BOUNCE_REASONS);
        let queue_id = rng.alnum(11);
        let sent = when - rng.range(5, 600);
        let diagnostic = format!("{code} {status} <{recipient}>: {reason}");

        let notice = format!(
            "This is the mail system at host {OFFICE_MX}.\n\n\
             I'm sorry to have to inform you that your message could not\n\
             be delivered to one or more recipients. It's attached below.\n\n\
             For further assistance, please send mail to postmaster.\n\n\
             If you do so, please include this problem report. You can\n\
             delete your own text from the attached returned message.\n\n\
             {indent}The mail system\n\n\
             <{recipient}>: host {remote}[203.0.113.{}] said:\n    {diagnostic} (in reply to RCPT TO command)\n",
            rng.range(1, 254),
            indent = " ".repeat(19)
        );
        let status_report = format!(
            "Reporting-MTA: dns; {OFFICE_MX}\nX-Postfix-Queue-ID: {queue_id}\n\
             X-Postfix-Sender: rfc822; {OFFICE_ADDR}\nArrival-Date: {}\n\n\
             Final-Recipient: rfc822; {recipient}\nOriginal-Recipient: rfc822;{recipient}\n\
             Action: failed\nStatus: {status}\nRemote-MTA: dns; {remote}\n\
             Diagnostic-Code: smtp; {diagnostic}\n",
            rfc2822(sent)
        );
        let original_subject = format!(
            "Votre courrier du {}",
            french_date(sent - rng.range(3, 30) * DAY)
        );
        let returned = format!(
            "Return-Path: <{OFFICE_ADDR}>\nReceived: by {OFFICE_MX} (Postfix, from userid 1000)\n\tid {queue_id}; {}\n\
             Date: {}\nFrom: Permanence parlementaire <{OFFICE_ADDR}>\nTo: {recipient}\nSubject: {}\n\
             Message-ID: <office.{}@{OFFICE_DOMAIN}>\nMIME-Version: 1.0\n\
             Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n",
            rfc2822(sent),
            rfc2822(sent),
            encode_header_text(&original_subject, Charset::Utf8, false),
            rng.hex(16)
        );
        let body = Entity::Multipart {
            subtype: "report",
            extra_params: " report-type=delivery-status;",
            boundary: format!("{queue_id}.{when}/{OFFICE_MX}"),
            parts: vec![
                Entity::Raw {
                    content_type: "text/plain; charset=us-ascii",
                    description: "Notification",
                    text: notice,
                },
                Entity::Raw {
                    content_type: "message/delivery-status",
                    description: "Delivery report",
                    text: status_report,
                },
                Entity::Raw {
                    content_type: "text/rfc822-headers",
                    description: "Undelivered Message Headers",
                    text: returned,
                },
            ],
        };
        let mut writer = MessageWriter::new();
        writer
            .header("Return-Path", "<>")
            .header(
                "Received",
                &format!(
                    "by {OFFICE_MX} (Postfix)\n\tid {}; {}",
                    rng.alnum(11),
                    rfc2822(when)
                ),
            )
            .header("Date", &rfc2822(when))
            .header(
                "From",
                &format!("MAILER-DAEMON@{OFFICE_MX} (Mail Delivery System)"),
            )
            .header("To", OFFICE_ADDR)
            .header("Subject", "Undelivered Mail Returned to Sender")
            .header("Message-ID", &message_id(self.seed, index, OFFICE_MX))
            .header("Auto-Submitted", "auto-replied");
        Mail {
            envelope_from: String::new(),
            delivered: when,
            bytes: writer.finish(&body),
        }
    }
}

/// Builds the quoted block of `original` as the replying person's client would.
fn quote_of(
    rng: &mut Rng,
    original: &Sent,
    author: &Person,
    client: Client,
    forward: bool,
) -> Quote {
    let from = format!("{} <{}>", author.shown_name(), author.addr);
    let to = format!("Permanence parlementaire <{OFFICE_ADDR}>");
    let (style, header) = match (client, forward) {
        (Client::Outlook, _) => {
            let mut header = if rng.chance(30) {
                vec!["-----Message d'origine-----".to_string()]
            } else {
                vec!["________________________________".to_string()]
            };
            header.push(format!("De : {from}"));
            header.push(format!("Envoyé : {}", french_datetime(original.when)));
            header.push(format!("À : {to}"));
            header.push(format!("Objet : {}", original.subject));
            (QuoteStyle::OutlookHeader, header)
        }
        (_, true) => {
            let header = vec![
                "-------- Message transféré --------".to_string(),
                format!("Sujet : \t{}", original.subject),
                format!("Date : \t{}", rfc2822(original.when)),
                format!("De : \t{from}"),
                format!("Pour : \t{to}"),
            ];
            (QuoteStyle::Forwarded, header)
        }
        (Client::Gmail, false) => {
            let t = LocalTime::paris(original.when);
            let day = &WEEKDAYS_FR[t.weekday][..3];
            let line = format!(
                "Le {day}. {} {} {} à {:02}:{:02}, {from} a écrit :",
                t.day,
                t.month_fr(),
                t.year,
                t.hour,
                t.minute
            );
            (QuoteStyle::Cited, vec![line])
        }
        _ => {
            let line = format!(
                "Le {}, {} a écrit :",
                french_numeric_datetime(original.when),
                author.shown_name()
            );
            (QuoteStyle::Cited, vec![line])
        }
    };
    Quote {
        style,
        header,
        text: original.text.clone(),
    }
}

/// Newsletters: (title, sender address, List-Id).
const NEWSLETTERS: &[(&str, &str, &str)] = &[
    (
        "La lettre des élus de l'Isère",
        "lettre@elus-isere.fr",
        "lettre.elus-isere.fr",
    ),
    (
        "Territoires ruraux – l'actualité",
        "newsletter@territoires-ruraux.org",
        "actu.territoires-ruraux.org",
    ),
    (
        "Montagne Infos",
        "info@maires-montagne.org",
        "infos.maires-montagne.org",
    ),
    (
        "Santé & territoires",
        "contact@obs-sante38.fr",
        "lettre.obs-sante38.fr",
    ),
];

/// SMTP reply code, enhanced status code and reason for bounces.
const BOUNCE_REASONS: &[(&str, &str, &str)] = &[
    (
        "550",
        "5.1.1",
        "Recipient address rejected: User unknown in virtual mailbox table",
    ),
    ("552", "5.2.2", "Mailbox full, quota exceeded"),
    ("554", "5.7.1", "Message rejected due to local policy"),
];

fn newsletter_text(title: &str, items: &[(String, String, String)], unsubscribe: &str) -> String {
    let mut text = format!(
        "{title}\n\nBonjour,\n\nRetrouvez l'essentiel de l'actualité des territoires ce mois-ci.\n\n"
    );
    for (headline, summary, link) in items {
        text.push_str(&format!(
            "■ {headline}\n{summary}\nLire la suite : {link}\n\n"
        ));
    }
    text.push_str(&format!(
        "--\nVous recevez ce message car vous êtes inscrit à « {title} ».\nPour vous désinscrire : {unsubscribe}\n"
    ));
    text
}

fn newsletter_html(
    title: &str,
    items: &[(String, String, String)],
    unsubscribe: &str,
    host: &str,
    token: &str,
) -> String {
    let escape = |text: &str| html_escape(text, false);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body style=\"margin:0;background:#f2f2f2\">\n<table width=\"600\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#ffffff;font-family:Arial,sans-serif\">\n\
         <tr><td style=\"background:#1d3b6f;color:#ffffff;padding:20px;font-size:22px\">{}</td></tr>\n",
        escape(title),
        escape(title)
    );
    for (headline, summary, link) in items {
        html.push_str(&format!(
            "<tr><td style=\"padding:16px 20px\"><h2 style=\"font-size:17px;color:#1d3b6f\">{}</h2>\
             <p style=\"font-size:14px;line-height:1.5\">{}</p><a href=\"{link}\" style=\"color:#c0392b\">Lire la suite &rarr;</a></td></tr>\n",
            escape(headline),
            escape(summary)
        ));
    }
    html.push_str(&format!(
        "<tr><td style=\"padding:20px;font-size:11px;color:#777777\">Vous recevez ce message car vous &ecirc;tes inscrit &agrave; cette lettre. \
         <a href=\"{unsubscribe}\">Se d&eacute;sinscrire</a></td></tr>\n</table>\n\
         <img src=\"https://{host}/o/{token}.gif\" width=\"1\" height=\"1\" alt=\"\">\n</body>\n</html>\n"
    ));
    html
}

// ---------------------------------------------------------------------------
// Tests (cargo test --example gen_corpus)
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_follows_rfc_2045() {
        let encoded = quoted_printable("é = x \nfin\t".as_bytes());
        assert_eq!(encoded, b"=C3=A9 =3D x=20\nfin=09");
        let long = "é".repeat(100);
        for line in quoted_printable(long.as_bytes()).split(|&b| b == b'\n') {
            assert!(line.len() <= 76);
        }
    }

    #[test]
    fn base64_matches_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn encoded_words_stay_short_and_whole() {
        let header = encode_header_text(
            "Réponse automatique : Fermeture de la classe de l'école élémentaire",
            Charset::Utf8,
            false,
        );
        assert!(header.starts_with("=?utf-8?Q?R=C3=A9ponse_automatique"));
        assert!(header.lines().all(|line| line.trim().len() <= 60));
    }

    #[test]
    fn dates_round_trip_and_follow_paris_time() {
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        let winter = days_from_civil(2023, 3, 14) * DAY + 8 * 3_600;
        assert_eq!(rfc2822(winter), "Tue, 14 Mar 2023 09:00:00 +0100");
        let summer = days_from_civil(2023, 7, 14) * DAY;
        assert_eq!(rfc2822(summer), "Fri, 14 Jul 2023 02:00:00 +0200");
    }

    #[test]
    fn mboxrd_escapes_quoted_from_lines() {
        assert!(is_from_line(b"From here\n"));
        assert!(is_from_line(b">>From here\n"));
        assert!(!is_from_line(b"> From here\n"));
        assert!(!is_from_line(b"From: header\n"));
    }

    #[test]
    fn every_template_placeholder_is_known() {
        let mut rng = Rng::new(7);
        let directory = Directory::new(&mut rng);
        let ctx = Ctx::new(&mut rng, &directory.people[0], 1_700_000_000);
        for theme in THEMES {
            let all = [
                theme.intros,
                theme.subjects,
                theme.topics,
                theme.facts,
                theme.asks,
                theme.attachments,
            ];
            for template in all.iter().flat_map(|list| list.iter()) {
                let filled = fill(template, &ctx, &mut rng);
                assert!(
                    !filled.contains('{'),
                    "unexpanded placeholder in {template:?}"
                );
            }
        }
    }
}
