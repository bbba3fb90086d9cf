//! A month of invitations for the demo, so that its agenda is not empty: town halls,
//! associations, the préfecture and the fire brigade of Isère inviting the senator over the
//! thirty days after the demo was first built (the anchor, kept in `settings`, so that running
//! the demo again on another day makes the same bytes and stores nothing twice). Written as
//! offices write them: prose with the date in words or figures, a time, a hall and its
//! commune, a reply deadline, some with an iCalendar part; two of them overlap.

use chrono::{Datelike as _, Days, NaiveDate};

use crate::source::Input;

/// (days after the anchor, time, title, place, commune, sender name, sender address, form)
type Seed = (
    u64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Form,
);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// « a le plaisir de vous inviter … le samedi 14 mars 2026 à 11 h 00 ».
    Words,
    /// « vous convie … le 14/03 à 18h30 ».
    Figures,
    /// An iCalendar part besides the prose.
    Calendar,
}

const SEEDS: &[Seed] = &[
    (
        2,
        "18:30",
        "l'assemblée générale du comité des fêtes",
        "salle des fêtes, place de la Mairie",
        "Crolles",
        "Comité des fêtes de Crolles",
        "comite.fetes@crolles-asso.fr",
        Form::Words,
    ),
    (
        4,
        "11:00",
        "l'inauguration de la nouvelle médiathèque",
        "médiathèque, 12 rue de la République",
        "Vif",
        "Mairie de Vif",
        "secretariat@mairie-vif.fr",
        Form::Words,
    ),
    (
        5,
        "10:30",
        "la cérémonie de la Sainte-Barbe",
        "centre de secours, avenue de Grenoble",
        "Meylan",
        "Centre de secours de Meylan",
        "cis.meylan@sdis38-exemple.fr",
        Form::Figures,
    ),
    (
        7,
        "19:00",
        "la soirée des associations",
        "espace Paul-Jargot",
        "Crolles",
        "Mairie de Crolles",
        "cabinet@mairie-crolles.fr",
        Form::Calendar,
    ),
    (
        9,
        "14:00",
        "l'assemblée générale de l'union des commerçants",
        "salle du conseil, hôtel de ville",
        "Voiron",
        "Union des commerçants de Voiron",
        "contact@ucv-voiron.fr",
        Form::Figures,
    ),
    (
        11,
        "18:00",
        "la remise des médailles de la famille",
        "salle Edmond-Vigne",
        "Fontaine",
        "Mairie de Fontaine",
        "protocole@ville-fontaine.fr",
        Form::Words,
    ),
    (
        11,
        "18:30",
        "le vernissage de l'exposition « Alpes et lumière »",
        "musée de Grenoble, 5 place Lavalette",
        "Grenoble",
        "Musée de Grenoble",
        "mediation@musee-grenoble-exemple.fr",
        Form::Calendar,
    ),
    (
        13,
        "12:00",
        "le repas des aînés",
        "salle polyvalente",
        "Sassenage",
        "CCAS de Sassenage",
        "ccas@mairie-sassenage.fr",
        Form::Words,
    ),
    (
        15,
        "09:30",
        "le congrès départemental des maires",
        "Alpexpo, avenue d'Innsbruck",
        "Grenoble",
        "Association des maires de l'Isère",
        "congres@maires38-exemple.fr",
        Form::Calendar,
    ),
    (
        18,
        "17:00",
        "la pose de la première pierre du nouveau groupe scolaire",
        "chantier du groupe scolaire, rue des Écoles",
        "Eybens",
        "Mairie d'Eybens",
        "dgs@mairie-eybens.fr",
        Form::Figures,
    ),
    (
        20,
        "19:00",
        "la cérémonie des vœux à la population",
        "salle des fêtes",
        "Tullins",
        "Mairie de Tullins",
        "accueil@mairie-tullins.fr",
        Form::Words,
    ),
    (
        22,
        "10:00",
        "la journée portes ouvertes de la brigade",
        "brigade de gendarmerie, 3 route de Lyon",
        "Bourgoin-Jallieu",
        "Brigade de gendarmerie de Bourgoin-Jallieu",
        "bta.bourgoin@gendarmerie-exemple.fr",
        Form::Figures,
    ),
    (
        25,
        "18:00",
        "l'inauguration de la maison de santé",
        "maison de santé pluridisciplinaire, 8 avenue Jean-Jaurès",
        "Vizille",
        "Mairie de Vizille",
        "cabinet.maire@mairie-vizille.fr",
        Form::Words,
    ),
    (
        27,
        "11:00",
        "le comice agricole du canton",
        "champ de foire",
        "La Mure",
        "Comité du comice agricole de la Matheysine",
        "comice.matheysine@agri-exemple.fr",
        Form::Words,
    ),
    (
        29,
        "20:00",
        "le concert de l'harmonie municipale",
        "église Saint-Pierre",
        "Voreppe",
        "Harmonie de Voreppe",
        "harmonie.voreppe@asso-exemple.fr",
        Form::Figures,
    ),
];

/// The demo's invitations for `anchor` (the day the demo was first built).
pub fn inputs(anchor: NaiveDate) -> Vec<Input> {
    SEEDS
        .iter()
        .enumerate()
        .map(|(n, s)| Input {
            kind: "file",
            location: format!("demo/invitations/{:02}.eml", n + 1),
            bytes: Ok(message(n, s, anchor).into_bytes()),
            outgoing: false,
        })
        .collect()
}

fn message(n: usize, s: &Seed, anchor: NaiveDate) -> String {
    let (days, time, title, place, commune, sender, address, form) = *s;
    let day = anchor + Days::new(days);
    // Sent two to three weeks before, never before the anchor's month began.
    let sent = anchor
        .checked_sub_days(Days::new(14 - (days % 7)))
        .unwrap_or(anchor);
    let rsvp = day - Days::new(4);
    let (h, m) = time.split_once(':').unwrap_or(("18", "00"));
    let written_time = if m == "00" {
        format!("{}h", h.trim_start_matches('0'))
    } else {
        format!("{}h{m}", h.trim_start_matches('0'))
    };
    let written_day = match form {
        Form::Figures => format!("le {}", day.format("%d/%m")),
        _ => format!("le {}", crate::util::french_long_date(day)),
    };
    let verb = match n % 3 {
        0 => "a le plaisir de vous inviter à",
        1 => "vous prie de bien vouloir honorer de votre présence",
        _ => "serait honoré de votre présence à",
    };
    let body = format!(
        "Madame la Sénatrice,\r\n\r\n{sender} {verb} {title}, qui aura lieu {written_day} \
         à {written_time}, {place}, à {commune}.\r\n\r\nUn vin d'honneur suivra.\r\n\r\nMerci de bien \
         vouloir confirmer votre présence avant le {} à {address}.\r\n\r\nVeuillez agréer, Madame \
         la Sénatrice, l'expression de notre haute considération.\r\n\r\n{sender}\r\n",
        rsvp.format("%d/%m/%Y")
    );
    let date_header = format!(
        "{}, {} {} {} 09:{:02}:00 +0100",
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            [sent.weekday().num_days_from_monday() as usize],
        sent.day(),
        [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
        ][sent.month0() as usize],
        sent.year(),
        n
    );
    let subject = format!("Invitation : {title}");
    let headers = format!(
        "From: {sender} <{address}>\r\nTo: Permanence <permanence@senateur-exemple.fr>\r\nSubject: =?utf-8?b?{}?=\r\nDate: {date_header}\r\nMessage-ID: <demo-invitation-{n}-{}@permanence-demo.invalid>\r\nMIME-Version: 1.0\r\n",
        base64(subject.as_bytes()),
        anchor.format("%Y%m%d"),
    );
    if form != Form::Calendar {
        return format!(
            "{headers}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
        );
    }
    let start = format!("{}T{}{}00", day.format("%Y%m%d"), h, m);
    let end_hour = (h.parse::<u32>().unwrap_or(18) + 2).min(23);
    let end = format!("{}T{:02}{}00", day.format("%Y%m%d"), end_hour, m);
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mairie//FR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:demo-{n}-{}@permanence-demo.invalid\r\nDTSTAMP:{}T090000Z\r\nDTSTART;TZID=Europe/Paris:{start}\r\nDTEND;TZID=Europe/Paris:{end}\r\nSUMMARY:{}\r\nLOCATION:{}\\, {}\r\nORGANIZER;CN=\"{}\":mailto:{address}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        anchor.format("%Y%m%d"),
        sent.format("%Y%m%d"),
        crate::agenda::feed::escape(&capitalise(title)),
        crate::agenda::feed::escape(place),
        commune,
        sender,
    );
    format!(
        "{headers}Content-Type: multipart/alternative; boundary=\"demo-{n}\"\r\n\r\n--demo-{n}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n--demo-{n}\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{ics}\r\n--demo-{n}--\r\n"
    )
}

fn capitalise(s: &str) -> String {
    let s = s
        .trim_start_matches("l'")
        .trim_start_matches("la ")
        .trim_start_matches("le ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The anchor of the demo's invitations: the day stored at the first build, else `today`
/// (stored now).
pub fn anchor(tx: &rusqlite::Transaction<'_>, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    use rusqlite::OptionalExtension as _;
    let stored: Option<String> = tx
        .query_row(
            "SELECT value FROM settings WHERE key = 'demo_agenda_anchor'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(d) = stored.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()) {
        return Ok(d);
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('demo_agenda_anchor', ?1)",
        [today.to_string()],
    )?;
    Ok(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_anchor_makes_the_same_bytes() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let a = inputs(d);
        let b = inputs(d);
        assert_eq!(a.len(), SEEDS.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.bytes.as_ref().unwrap(), y.bytes.as_ref().unwrap());
        }
        assert_eq!(base64(b"Invitation"), "SW52aXRhdGlvbg==");
    }
}
