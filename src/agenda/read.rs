//! Reading an invitation: whether a letter invites the office to an event at a place, and the
//! event's title, date or dates, times, place and commune, organiser, reply deadline and
//! contact, and protocol notes.
//!
//! An iCalendar part is read first (`METHOD:CANCEL` cancels; an event with no place but a
//! link is a video meeting, not an invitation). Otherwise the letter's own text, what it
//! forwards and its attachments' text are read as prose: an invitation needs an inviting
//! formula (« a le plaisir de vous inviter », « vous convie », « serait honoré de votre
//! présence »…) and a day on or after the letter's; what a mass mailing, a press release, a
//! webinar, a cancellation, a thank-you letter, an appointment request or a reply to the
//! office's own invitation says disqualifies it. Dates in forward headers, street names and
//! reply deadlines are not the event's. When the letter lets a careful reader hesitate (two
//! times, subject and body disagreeing), the event says so (`ambiguous`) and leaves the field
//! empty rather than guess.

use std::sync::LazyLock;

use chrono::{Datelike as _, NaiveDate, NaiveTime, Timelike as _};
use regex::Regex;
use serde::Serialize;

use super::when::{self, DateMention, Folded, TimeMention};
use crate::communes::Gazetteer;
use crate::extract::ics;

/// What the reader needs of a message.
pub struct Letter<'a> {
    /// Decoded subject.
    pub subject: &'a str,
    /// The sender's own text.
    pub body: &'a str,
    /// Quoted blocks (an Outlook forward lands here).
    pub quoted: &'a str,
    /// Forwarded messages' text.
    pub forwarded: &'a str,
    /// (file name, text) of the attachments read so far.
    pub attachments: &'a [(String, String)],
    /// The iCalendar parts, as bytes.
    pub calendars: &'a [Vec<u8>],
    /// The day the letter was written, in the office's zone.
    pub written: NaiveDate,
    /// Mass mailing: list headers, bulk kind.
    pub bulk: bool,
    /// Sent to hidden recipients only (`undisclosed-recipients`, no To).
    pub undisclosed: bool,
    /// An automatic reply, a bounce or spam.
    pub automatic: bool,
    /// The sender's display name and address.
    pub sender_name: &'a str,
    /// The sender's address.
    pub sender_address: &'a str,
    /// The sender's commune when known (a matched official's, a town hall's address).
    pub sender_commune: Option<String>,
    /// The office's départements.
    pub territory: &'a [String],
}

/// Where an event was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An iCalendar part.
    Calendar,
    /// The mail's text.
    Prose,
    /// An attachment's text.
    Attachment,
}

impl Source {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Calendar => "calendar",
            Source::Prose => "prose",
            Source::Attachment => "attachment",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Source> {
        Some(match s {
            "calendar" => Source::Calendar,
            "prose" => Source::Prose,
            "attachment" => Source::Attachment,
            _ => return None,
        })
    }

    /// In French.
    pub fn french(self) -> &'static str {
        match self {
            Source::Calendar => "invitation agenda (.ics)",
            Source::Prose => "texte du message",
            Source::Attachment => "pièce jointe",
        }
    }
}

/// One event read from a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// Short title.
    pub title: String,
    /// First day.
    pub date: NaiveDate,
    /// Last day, for an event over several days.
    pub end_date: Option<NaiveDate>,
    /// Start, local time; None when all day or not stated unambiguously.
    pub start: Option<NaiveTime>,
    /// End, local time, when stated.
    pub end: Option<NaiveTime>,
    /// The place as written.
    pub place: String,
    /// INSEE code of the place's commune.
    pub commune_code: Option<String>,
    /// Who invites.
    pub organiser: String,
    /// Reply deadline.
    pub rsvp_by: Option<NaiveDate>,
    /// Whom to answer (address, telephone, person).
    pub rsvp_contact: Option<String>,
    /// Dress or protocol notes.
    pub notes: Option<String>,
    /// The written weekday disagrees with the date (the date is kept).
    pub weekday_mismatch: bool,
    /// Why a careful reader would hesitate, when they would.
    pub ambiguous: Option<String>,
    /// Where it was read.
    pub source: Source,
}

/// What reading a letter concluded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// The events it invites to, earliest first; empty: not an invitation.
    pub events: Vec<Found>,
    /// Why not, when it looked like one (for `explain`).
    pub refused: Option<&'static str>,
}

/// Inviting formulas, on folded text.
static INVITING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:le |l'|un |une |grand |grande |immense |vif |vive )(?:plaisir|honneur|joie|privilege)s? (?:de|d') (?:vous|te|\w{2,6}) (?:inviter|convier|recevoir|accueillir|compter|retrouver)",
        r"|l'honneur de votre presence|\b(?:vous|t') ?inviter\b|\b(?:vous|te) convier\b|(?:vous|te) joindre a nous|nous rejoindre (?:le|pour|a)|(?:ferait|ferais|ferions|serait) (?:vraiment |tres |grand |un grand )?plaisir (?:que tu|que vous|de te|de vous)|(?:honore|heureux|heureuse|ravi|ravie|fier|fiere)s? (?:que vous|si vous|que tu|si tu) (?:puissiez|pourriez|pouviez|puisses|pourrais|pouvais)|(?:serait|serai) (?:vraiment |tres )?(?:bien|chouette|sympa|super) (?:que tu|que vous|si tu|si vous)|que (?:tu viennes|vous veniez)|(?:si tu|si vous) (?:pouvais|peux|pouviez|pouvez|pourrais|pourriez) (?:passer|venir|etre (?:la|present|presente|des notres|parmi nous))|(?:comptons|compte|comptent) sur (?:toi|vous)\b",
        r"|(?:vous|te) (?:convie|convions|convies|invite|invitent|invitons|prie de bien vouloir|prient de bien vouloir|prions de bien vouloir)",
        r"|(?:honore|honores|honoree|honorees|heureux|heureuse|heureuses|ravi|ravie|ravis|ravies|flatte|flattes|fier|fiers|fiere|fieres|tres honore|tres heureux) (?:de|d') (?:votre presence|vous (?:y )?(?:compter|accueillir|recevoir|voir|retrouver|avoir)|votre participation)",
        r"|(?:contents?|contentes?|ravis?|ravies?|heureux|heureuses?) de (?:te|vous) (?:y )?(?:voir|compter|retrouver|accueillir|recevoir)\b",
        r"|(?:dans l'espoir|en esperant) de vous (?:y )?(?:accueillir|recevoir|voir|retrouver|compter)|en esperant vous (?:y )?(?:compter|voir|accueillir|retrouver)|au plaisir de vous (?:y )?(?:retrouver|accueillir|voir|recevoir)|votre (?:presence|visite|venue|participation)(?: [a-z']+){0,3} (?:serait|sera|nous ferait|nous honorerait)\b|(?:informer|faire part) de votre (?:presence|participation|venue)|\bt'invit(?:e|ons|ent)\b|\bt'y (?:attend|attendons)|confirmer votre (?:presence|participation|venue)|faire l'honneur (?:de|d')",
        r"|(?:honorer|rehausser) (?:de votre presence|par votre presence|notre [a-z ]{0,30}de votre presence)",
        r"|(?:comptons|compte|comptent) sur (?:votre|ta) (?:presence|participation|venue)",
        r"|souhaite(?:rai|rais|rait|rions|raient|rons|ons|nt)? (?:vivement |beaucoup |tres vivement )?(?:votre presence|vous (?:compter|accueillir|recevoir|voir|inviter))",
        r"|votre presence (?:nous |serait |sera |nous serait |nous ferait |honorerait )",
        r"|(?:etes|soyez|serez) (?:cordialement |chaleureusement |tres cordialement )?(?:invite|invitee|invites|convie|conviee|bienvenue?)",
        r"|(?:vous|te) (?:attendons|attendent|attends|attend) (?:avec|nombreux|le|la|a|au|pour|des)",
        r"|carton d'invitation|ci-joint (?:l'|notre |mon |le carton d')invitation|invitation officielle|(?:notre|mon|l') invitation (?:a|pour)",
        r"|(?:merci de |bien vouloir )(?:bien vouloir )?(?:nous )?(?:confirmer|indiquer|faire savoir|signaler) (?:votre|si vous) (?:presence|participation|venue|serez)",
        r"|\br\.?s\.?v\.?p\b|reponse souhaitee|pourriez-vous (?:etre|nous faire l'honneur)|nous ferait l'honneur|feriez l'honneur|faire l'honneur de",
        r"|serait (?:ravi|heureux|honore|un honneur|un plaisir) (?:de|que)|aimerions (?:vous|beaucoup vous) (?:compter|accueillir|voir)",
        r"|pourrez-vous (?:etre|venir|assister)|pourriez-vous (?:venir|assister|etre present)|viendrez-vous|seriez-vous (?:disponible|libre) pour (?:assister|venir|participer)",
        r"|invitation\b",
    ))
    .expect("static regex")
});

/// Mass mailings: written to the public or to members.
static MASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"chers? (?:habitants|administres|concitoyens|adherents|membres|amis de|parents|abonnes|lecteurs)|chere?s? (?:habitantes|adherentes|concitoyennes)|a tous nos (?:adherents|membres|partenaires|abonnes)|(?:se )?desabonner|desinscri|unsubscribe|lettre d'information|newsletter|ne pas repondre a ce (?:message|mail|courriel)|vous recevez ce (?:message|courriel|mail) car|venez nombreux|venez nombreuses|agenda (?:municipal|de la commune|culturel|des sorties)").expect("static regex")
});

static PRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"communique de presse|invitation presse|dossier de presse|aux redactions|madame, monsieur le (?:journaliste|redacteur)|mesdames et messieurs les journalistes|(?:contact|relations|service) presse|a l'attention des (?:medias|journalistes|redactions)|point presse|conference de presse").expect("static regex")
});

static ONLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"webinaire|webinar|visioconference|en visio|par visio|en ligne|lien de connexion|lien (?:zoom|teams)|microsoft teams|\bzoom\b|\bteams\b|google meet|\bwebex\b|https?://").expect("static regex")
});

static IN_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"en presentiel|sur place|\bsalle\b|mairie|hotel de ville|\bespace\b|\bcentre\b|\bmaison\b|\bfoyer\b|gymnase|\bstade\b|monument|\bplace\b|\brue\b|avenue|boulevard|\bsiege\b|amphitheatre|auditorium").expect("static regex")
});

static CANCELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:est|sont|a ete|ont ete|sera|seront|se voit|se voient|malheureusement) (?:malheureusement |donc |finalement )?(?:annulee?s?|reportee?s? (?:a une date ulterieure|sine die|a une date qui|a plus tard))|\bannulation\b|ne (?:pourra|pourront) (?:pas )?avoir lieu|n'aura pas lieu|n'auront pas lieu|(?:reportee?s?|decalee?s?) (?:a une date ulterieure|sine die)|nous sommes contraints d'annuler|avons (?:le regret|le regret de vous informer)? ?d'annuler|devons annuler|dois annuler|a du etre annul|\b(?:report|reporte|reportee|repousse|repoussee|decale|decalee)\b[^.]{0,80}(?:automne|printemps|ete|hiver|plus tard|date ulterieure|une date|l'an prochain|sine die|a preciser|a definir)|nouvelle invitation vous (?:parviendra|sera adressee|sera envoyee)").expect("static regex")
});

static POSTPONED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:reportee?s?|decalee?s?|deplacee?s?) (?:au|a|pour le) (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)|aura finalement lieu|se tiendra finalement|aura lieu (?:desormais|finalement)|nouvelle date (?:est|:|sera le|fixee au|retenue)").expect("static regex")
});

static THANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:merci|remerci[a-z]*) (?:[a-z ]{0,25})?(?:pour|de) (?:votre|ta) (?:presence|participation|venue)|(?:merci|remerci[a-z]*) (?:[a-z ]{0,20})?d'avoir (?:assiste|participe|honore|ete present|pris part|ete parmi)|(?:s'est|se sont) (?:deroulee?s?|tenue?s?) (?:le|ce|hier|samedi|dimanche|avec succes)|(?:merci|remerci[a-z]*) (?:[a-z ]{0,30})?d'avoir|merci d'etre (?:passe|passee|passes|passees|venu|venue|venus|venues|venu\(e\))|merci (?:pour|de) (?:ta|votre) (?:visite|passage)|(?:compte rendu|compte-rendu|bilan) de (?:la|notre|l') (?:ceremonie|manifestation|inauguration|soiree|journee|fete|assemblee) (?:du|de|qui s'est)").expect("static regex")
});

static APPOINTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:solliciter|solliciterais|sollicite|sollicitons|demander|demande de|obtenir|fixer|convenir d'|prendre|caler) (?:un |d'un |une )?(?:rendez-vous|rdv|entretien|audience|rencontre)|(?:vous|te) rencontrer|(?:pourrions|pourrait|pourriez|pourrait-on|pourrions-nous|aimerions|souhaiterions|souhaiterais|souhaitons|voudrions) (?:nous )?(?:vous )?(?:rencontrer|voir|echanger|faire le point)|(?:un|une) (?:rendez-vous|entretien|rencontre|audience) (?:avec vous|avec madame|avec monsieur|a votre permanence|a la permanence)|vous (?:recevoir|presenter) (?:a|dans) (?:nos|notre) (?:locaux|entreprise|bureaux)|(?:vous|nous) (?:proposons|propose) (?:de nous voir|un creneau|une rencontre|un echange|de vous rencontrer)|(?:creneaux?|disponibilites?) (?:pour|afin de) (?:vous|nous) (?:rencontrer|voir|echanger)|quels? creneaux?|vos disponibilites|(?:te|vous) propos(?:e|ons|er) de (?:nous|se) (?:retrouver|voir|rencontrer)|faire le point (?:sur|avec|ensemble)|(?:confirme|confirmons) (?:le|notre|votre) (?:rendez-vous|rdv|entretien)|(?:notre|votre|mon) (?:entretien|rendez-vous|rdv|audience)\b|vous conviendrait|(?:date|heure|creneau) qui vous (?:convient|conviendra|arrange)|(?:ce|le|cet) (?:creneau|horaire) (?:vous )?(?:convient|conviendrait|irait)|(?:rencontre|reunion|seance|point) de travail|si cela vous convient|(?:vous )?propos(?:e|ons|er) (?:un |de )?(?:rendez-vous|rdv|venir (?:sur|a|dans|visiter))|(?:echanger|discuter|s'entretenir) avec vous|venir a votre permanence|a votre permanence (?:d|de|du)").expect("static regex")
});

static REPLY_TO_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:remercie|remercions|merci) (?:[a-z ]{0,20})?(?:pour |de )?(?:votre|ton|cette|l'aimable|votre aimable|votre gentille) invitation|(?:j'ai|nous avons) (?:bien )?recu (?:votre|l') invitation|(?:je|nous) (?:serai|serons) (?:present|presente|presents|presentes|ravis? d'etre|heureux d'etre|des votres)|(?:ne pourrai|ne pourrons|ne pourra) (?:malheureusement |helas )?pas (?:etre present|etre des votres|assister|me rendre|nous rendre|honorer|y assister|repondre favorablement)|(?:accepte|acceptons) (?:avec plaisir )?(?:votre|l') invitation|(?:excuser|excusez) mon absence|je me joindrai|confirme (?:ma|notre) (?:presence|participation)|(?:decline|declinons|declinerai) (?:votre|l') invitation|(?:mes|nos) excuses pour|merci (?:pour|de) (?:l'|votre |cette |ton )invitation|(?:m\. le maire|monsieur le maire|madame (?:le|la) maire|le maire|la maire|le president|la presidente|notre maire|m\. le president) (?:sera|seront) (?:bien )?(?:present|presente|represente|representee|des votres)\b|ne (?:pourra|pourront) (?:malheureusement |helas )?pas (?:etre present|assister|se rendre|venir)").expect("static regex")
});

static SURVEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:repondre|repondez|participer|participez) (?:a|au|a notre) (?:questionnaire|sondage|enquete|consultation)|signer (?:la|notre) petition|petition[^.]{0,120}(?:signer|signature)|(?:signer|signez)[^.]{0,40}petition|vous invit[a-z]* a (?:la |le |y )?(?:signer|repondre|relayer|diffuser|partager)").expect("static regex")
});

/// An absence notice (« je suis absente du 4 au 11 février »).
static AUTOMATIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:absent|absence|out of office|reponse automatique|automatic reply|autoreply)|\bje suis (?:actuellement )?absente? (?:du|jusqu|depuis)|\ben conges? (?:du|jusqu)")
        .expect("static regex")
});

/// A request for money (« demande de subvention », « dossier de demande de soutien »): the
/// festival it describes is not an invitation.
static SUBSIDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"demandes? de (?:subvention|soutien|aide financiere|financement)|dossier de demande|solliciter (?:une|votre|un) (?:subvention|aide|soutien|financement)|sollicitons (?:une|votre|un) (?:subvention|aide|soutien)")
        .expect("static regex")
});

/// A meeting asked for by its subject (« RDV Sénatrice », « Demande d'entretien »).
static APPOINTMENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:rdv|rendez-vous|entretien|audience)\b").expect("static regex")
});

/// Reply-deadline words just before a date.
static RSVP_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:avant|d'ici|au plus tard|pour|jusqu'au|jusqu'a|des que possible et avant|limite)(?: le| au| ce)?(?: [a-z]+)? ?$|(?:r\.?s\.?v\.?p|reponse|repondre|confirmer|confirmation|inscription|inscrire|retourner|retour du coupon|coupon-reponse|faire savoir|faire connaitre|indiquer|confirmez|reponse souhaitee)[^.;!?]{0,90}$").expect("static regex")
});

/// Words after which a date names a street, a square or a past event (« rue du 8 mai 1945 »,
/// « Armistice du 11 novembre 1918 »).
static NOT_THE_EVENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^| )(?:rue|avenue|av\.|place|bd|boulevard|allee|square|quai|impasse|chemin|esplanade|parvis|cours|pont|stade|gymnase|espace|ecole|college|lycee|residence|cite|promenade|rond-point|carrefour|quartier|armistice|appel|decret|loi|arrete|deliberation|circulaire|ordonnance|courrier|lettre|message|mail|courriel|seance|conseil municipal|reunion|depuis|envoye|ecrit|date) (?:du|de|des|n° [0-9-]+ du|en date du)? ?$|(?:devait|devaient|aurait du|etait prevue?|etaient prevue?s) (?:avoir lieu|se tenir|se derouler)? ?(?:le|au|pour le)? ?$|(?:initialement|primitivement|d'abord|auparavant) (?:prevue?s?|fixee?s?|programmee?s?|annoncee?s?) (?:le|au|pour le) ?$|au lieu du ?$").expect("static regex")
});

/// A header line of a forwarded or quoted message (« Envoyé : mardi 3 février 2026 10:12 »).
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ >*]*(envoy[ée]|date|sent|de|from|exp[ée]diteur|objet|subject|sujet|à|a|to|pour|cc)\s*:").expect("static regex")
});

/// An attribution line (« Le 3 févr. 2026 à 10:12, Marie Dupont a écrit : »).
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ >]*(?:le |on ).{0,160}(?:a [ée]crit|wrote)\s*:?\s*$").expect("static regex")
});

/// The byte ranges of `text` that are headers of a forwarded or quoted message: attribution
/// lines, and runs of two or more header lines one of which names a sender or a sending time
/// (a lone « Date : 8 août 2025 » is the invitation's own line).
fn header_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, usize, bool)> = Vec::new();
    let mut at = 0;
    let flush = |run: &mut Vec<(usize, usize, bool)>, out: &mut Vec<(usize, usize)>| {
        if run.len() >= 2 && run.iter().any(|r| r.2) {
            out.extend(run.iter().map(|r| (r.0, r.1)));
        }
        run.clear();
    };
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if ATTRIBUTION.is_match(line.trim_end()) {
            out.push((at, end));
        } else if let Some(c) = HEADER_LINE.captures(line) {
            let label = c[1].to_lowercase();
            let sender = matches!(
                label.as_str(),
                "de" | "from" | "envoyé" | "envoye" | "sent" | "expéditeur" | "expediteur"
            );
            run.push((at, end, sender));
        } else if !line.trim().is_empty() || run.is_empty() {
            flush(&mut run, &mut out);
        }
        at = end;
    }
    flush(&mut run, &mut out);
    out
}

/// Dress and protocol notes.
static NOTES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:tenue (?:de ville|de ceremonie|de cérémonie|correcte|sombre|de soirée|de soiree|civile|de service|exig[ée]e|recommand[ée]e)|port (?:des|de vos) d[ée]corations|d[ée]p[ôo]t de gerbes?|pavoisement|uniforme|[ée]charpe tricolore|dress code)[^.\n]{0,80}").expect("static regex")
});

/// A place given after a label (« Lieu : », « Où : », « Adresse : »).
static PLACE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t*•-]*(?:lieu|où|ou|adresse|endroit|rendez-vous)\s*:\s*([^\n]{2,160})")
        .expect("static regex")
});

/// Place phrases: a hall, a building, a monument.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:à|a|au|aux|en|dans|sur|devant|lieu\s*:|adresse\s*:|rendez-vous)\s+(?:la |le |l'|l’|les )?)?(?:salle|mairie|h[ôo]tel de ville|h[ôo]tel du d[ée]partement|h[ôo]tel de (?:r[ée]gion|la pr[ée]fecture)|monument aux morts|st[èe]le|cimeti[èe]re|[ée]glise|cath[ée]drale|chapelle|espace|centre|maison|foyer|gymnase|halle|stade|parc|jardin|square|th[ée][âa]tre|m[ée]diath[èe]que|biblioth[èe]que|caserne|centre de secours|coll[èe]ge|lyc[ée]e|[ée]cole|groupe scolaire|ch[âa]teau|domaine|ferme|auditorium|amphith[ée][âa]tre|palais|mus[ée]e|site|si[èe]ge|locaux|complexe|base|parvis|cin[ée]ma|chapiteau|gendarmerie|brigade|pr[ée]fecture|sous-pr[ée]fecture|abbaye|cloître|ehpad|r[ée]sidence|z\.?a\.?|zone|esplanade|place|plaine|pré|champ de foire|p[ôo]le|h[ôo]pital|usine|atelier|entreprise|exploitation|lieu-dit|showroom|carri[èe]re|h[ôo]tel|restaurant|brasserie|caf[ée]|grange|chalet|refuge|piscine|plage|port|gare|pavillon|manoir|prieur[ée]|hippodrome|a[ée]rodrome|universit[ée]|campus|institut|auberge|cave|golf|h[ôo]tel d'agglom[ée]ration|conseil d[ée]partemental|palais du luxembourg|s[ée]nat|assembl[ée]e nationale)\b").expect("static regex")
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("static regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}").expect("static regex"));

/// Event words, for a title.
static EVENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:inauguration|c[ée]r[ée]monie|comm[ée]moration|v[œo]e?ux|assembl[ée]e g[ée]n[ée]rale|comice|congr[èe]s|colloque|vernissage|concert|repas|banquet|f[êe]te|forum|salon|foire|pose de la premi[èe]re pierre|premi[èe]re pierre|sainte-barbe|remise|soir[ée]e|journ[ée]e|rencontre|s[ée]minaire|conseil d'[ée]cole|visite|portes ouvertes|centenaire|anniversaire|gala|troph[ée]es|festival|d[ée]p[ôo]t de gerbe|hommage|rassemblement|assises|lancement|signature)\b[^\n.;:!?]{0,90}").expect("static regex")
});

/// Reads `letter`.
pub fn read(letter: &Letter<'_>, gazetteer: &Gazetteer) -> Reading {
    let texts = Texts::new(letter);
    // Most mail invites to nothing: one test, before any other reading.
    if letter.calendars.is_empty() && !INVITING.is_match(&texts.all) {
        return Reading::default();
    }
    if let Some(why) = gate(letter, &texts) {
        return Reading {
            events: Vec::new(),
            refused: Some(why),
        };
    }
    if let Some(reading) = from_calendars(letter, &texts, gazetteer) {
        return reading;
    }
    from_prose(letter, &texts, gazetteer)
}

/// The letter's text, folded: its subject, its own text, and everything (forwarded,
/// quoted, attachments).
struct Texts {
    subject: String,
    own: String,
    /// Own text, forwarded messages and attachments: what the sender sends, without the
    /// reply quote.
    sent: String,
    quoted: String,
    all: String,
    /// A forward (« TR : », « Fwd: », a forwarded block): its sender is not the organiser.
    forward: bool,
}

impl Texts {
    fn new(letter: &Letter<'_>) -> Texts {
        let subject = Folded::text_of(letter.subject);
        let own = Folded::text_of(letter.body);
        let mut sent = own.clone();
        sent.push('\n');
        sent.push_str(&Folded::text_of(letter.forwarded));
        for (_, t) in letter.attachments {
            sent.push('\n');
            sent.push_str(&Folded::text_of(t));
        }
        let quoted = Folded::text_of(letter.quoted);
        let all = format!("{subject}\n{sent}\n{quoted}");
        let forward = !letter.forwarded.trim().is_empty()
            || ["tr:", "tr :", "fw:", "fwd:", "fw :", "fwd :", "transfert"]
                .iter()
                .any(|p| subject.contains(p))
            || [
                "message transfere",
                "forwarded message",
                "message reexpedie",
            ]
            .iter()
            .any(|m| quoted.contains(m));
        Texts {
            forward,
            own: format!("{subject}\n{own}"),
            subject,
            sent,
            quoted,
            all,
        }
    }
}

/// What disqualifies a letter whatever it says: a mass mailing, a press release, a reply to
/// the office's own invitation, a thank-you letter, an appointment request, a cancellation, a
/// video meeting, a survey. None: it may be an invitation.
fn gate(letter: &Letter<'_>, t: &Texts) -> Option<&'static str> {
    let forward = t.forward;
    // « TR: RE: Invitation du Député »: a reply forwarded is still a reply.
    let forwarded_reply = [
        "tr: re", "tr : re", "fw: re", "fwd: re", "tr: re:", "fwd : re",
    ]
    .iter()
    .any(|p| t.subject.starts_with(p));
    static ACCEPTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:je viendrai|nous viendrons|c'est note|je serai (?:bien )?la|nous serons (?:bien )?la)\b")
            .expect("static regex")
    });
    if forwarded_reply && (REPLY_TO_OFFICE.is_match(&t.all) || ACCEPTING.is_match(&t.all)) {
        return Some("reply to an invitation");
    }
    let reply = !forward
        && (t.subject.starts_with("re ")
            || t.subject.starts_with("re:")
            || t.subject.starts_with("aw:")
            || t.subject.starts_with("ref:"));
    Some(
        if letter.bulk || letter.undisclosed || MASS.is_match(&t.all) {
            "mass mailing"
        } else if PRESS.is_match(&t.all) {
            "press"
        } else if letter.automatic || AUTOMATIC.is_match(&t.own) {
            "automatic reply"
        } else if (!forward && REPLY_TO_OFFICE.is_match(&t.own))
            || (reply && !INVITING.is_match(&t.sent) && INVITING.is_match(&t.quoted))
        {
            "reply to an invitation"
        } else if THANKS.is_match(&t.sent) && !strong_invitation(&t.sent) {
            "thanks after the event"
        } else if SUBSIDY.is_match(&t.own) && !strong_invitation(&t.sent) {
            "subsidy request"
        } else if (APPOINTMENT.is_match(&t.all) || APPOINTMENT_WORD.is_match(&t.subject))
            && !strong_invitation(&t.sent)
        {
            "appointment request"
        } else if CANCELLED.is_match(&t.all) && !POSTPONED.is_match(&t.all) {
            "cancellation"
        } else if online_only(&t.all) {
            "video meeting"
        } else if SURVEY.is_match(&t.all) {
            "survey or petition"
        } else {
            return None;
        },
    )
}

/// A meeting held online only: a webinar, a video meeting without a place to attend.
fn online_only(text: &str) -> bool {
    static WEBINAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"webinaire|webinar|visioconference|en visio|par visio|en distanciel|lien de connexion|lien (?:zoom|teams)|microsoft teams|teams\.microsoft|zoom\.us|google meet|meet\.google|\bwebex\b|en ligne|pour vous connecter|(?:se|vous) connecter (?:a|au|via)").expect("static regex")
    });
    static ATTEND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"en presentiel|sur place|ou a distance|ou en visio|ou par visio|(?:egalement|aussi) (?:etre )?(?:en visio|retransmise?|diffusee?|suivie?|accessible)|a distance ou|ne (?:pourraient|pourront|pourrez|pourriez) pas (?:se|vous) deplacer|\b(?:a|au|a la|a l') ?(?:salle|centre|espace|maison|mairie|hotel de ville|auditorium|amphitheatre|theatre|gymnase)\b").expect("static regex")
    });
    WEBINAR.is_match(text) && !ATTEND.is_match(text)
}

/// The events of the letter's iCalendar parts; None when it has none to read.
fn from_calendars(letter: &Letter<'_>, texts: &Texts, gazetteer: &Gazetteer) -> Option<Reading> {
    let mut events = Vec::new();
    let mut cancelled = false;
    let mut online = false;
    for bytes in letter.calendars {
        let cal = ics::parse(bytes);
        if cal.method.eq_ignore_ascii_case("CANCEL") {
            cancelled = true;
            continue;
        }
        for e in &cal.events {
            if e.get("STATUS")
                .is_some_and(|s| s.value.eq_ignore_ascii_case("CANCELLED"))
            {
                cancelled = true;
                continue;
            }
            let Some(start) = e.get("DTSTART").and_then(ics::when) else {
                continue;
            };
            let (date, time) = local(&start);
            let end = e.get("DTEND").and_then(ics::when).map(|w| local(&w));
            let location = e.get("LOCATION").map(|p| p.text()).unwrap_or_default();
            let description = e.get("DESCRIPTION").map(|p| p.text()).unwrap_or_default();
            let folded_location = Folded::new(&location).text;
            if location.trim().is_empty()
                || (ONLINE.is_match(&folded_location) && !IN_PERSON.is_match(&folded_location))
            {
                online = true;
                continue;
            }
            let commune = gazetteer
                .place_commune(&location, letter.territory)
                .map(|d| d.code)
                .or_else(|| letter.sender_commune.clone());
            let organiser = e
                .get("ORGANIZER")
                .map(|p| {
                    let cn = p.param("CN").unwrap_or("").trim_matches('"').to_string();
                    let mail = p
                        .value
                        .trim_start_matches("mailto:")
                        .trim_start_matches("MAILTO:");
                    if cn.is_empty() {
                        mail.to_string()
                    } else {
                        format!("{cn} <{mail}>")
                    }
                })
                .unwrap_or_else(|| organiser(letter, texts));
            // An all-day event's DTEND is the day after its last.
            let (end_date, end_time) = match (end, time) {
                (Some((d, None)), None) => {
                    let last = d.pred_opt().unwrap_or(d);
                    (Some(last).filter(|l| *l > date), None)
                }
                (Some((d, t)), _) => (Some(d).filter(|d| *d > date), t),
                (None, _) => (None, None),
            };
            let title = e.get("SUMMARY").map(|p| p.text()).unwrap_or_default();
            let notes = NOTES
                .find(&description)
                .map(|m| m.as_str().trim().to_string());
            events.push(Found {
                title: if title.trim().is_empty() {
                    title_of(letter)
                } else {
                    crate::util::truncate_chars(title.trim(), 200).into_owned()
                },
                date,
                end_date,
                start: time,
                end: end_time,
                place: crate::util::truncate_chars(location.trim(), 300).into_owned(),
                commune_code: commune,
                organiser,
                rsvp_by: None,
                rsvp_contact: None,
                notes,
                weekday_mismatch: false,
                ambiguous: None,
                source: Source::Calendar,
            });
        }
    }
    if !events.is_empty() {
        // The prose may name the deadline and the contact.
        let prose = from_prose(letter, texts, gazetteer);
        let (rsvp_by, rsvp_contact) = prose
            .events
            .first()
            .map(|p| (p.rsvp_by, p.rsvp_contact.clone()))
            .unwrap_or_default();
        let rsvp_by = rsvp_by.or_else(|| rsvp_in(letter));
        for e in &mut events {
            e.rsvp_by = rsvp_by.filter(|d| *d <= e.date);
            e.rsvp_contact.clone_from(&rsvp_contact);
        }
        events.sort_by_key(|e| (e.date, e.start));
        return Some(Reading {
            events,
            refused: None,
        });
    }
    if cancelled {
        return Some(Reading {
            events: Vec::new(),
            refused: Some("calendar cancellation"),
        });
    }
    if online {
        return Some(Reading {
            events: Vec::new(),
            refused: Some("video meeting"),
        });
    }
    None
}

/// An iCalendar time in the office's zone: (day, time).
fn local(w: &ics::When) -> (NaiveDate, Option<NaiveTime>) {
    use chrono::TimeZone as _;
    let Some(t) = w.time else {
        return (w.date, None);
    };
    let naive = w.date.and_time(t);
    let zone = crate::util::zone();
    let at = if w.utc {
        Some(chrono::Utc.from_utc_datetime(&naive).with_timezone(&zone))
    } else if let Some(tz) = w
        .tzid
        .as_deref()
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
    {
        tz.from_local_datetime(&naive)
            .earliest()
            .map(|d| d.with_timezone(&zone))
    } else {
        zone.from_local_datetime(&naive).earliest()
    };
    match at {
        Some(d) => (d.date_naive(), Some(d.time())),
        None => (w.date, Some(t)),
    }
}

/// One block of text the prose reader reads, and where it comes from.
struct Block<'a> {
    text: std::borrow::Cow<'a, str>,
    source: Source,
}

/// A candidate event day.
#[derive(Debug, Clone)]
struct Candidate {
    block: usize,
    mention: DateMention,
    time: Option<TimeMention>,
    ambiguous: Option<String>,
    /// The event's words are near (an inviting formula, an event word).
    score: i32,
}

fn from_prose(letter: &Letter<'_>, texts: &Texts, gazetteer: &Gazetteer) -> Reading {
    if !INVITING.is_match(&texts.all) {
        return Reading::default();
    }
    let mut blocks: Vec<Block<'_>> = vec![Block {
        text: letter.body.into(),
        source: Source::Prose,
    }];
    if !letter.forwarded.trim().is_empty() {
        blocks.push(Block {
            text: letter.forwarded.into(),
            source: Source::Prose,
        });
    }
    if !letter.quoted.trim().is_empty() {
        blocks.push(Block {
            text: letter.quoted.into(),
            source: Source::Prose,
        });
    }
    for (_, text) in letter.attachments {
        if !text.trim().is_empty() {
            blocks.push(Block {
                text: text.as_str().into(),
                source: Source::Attachment,
            });
        }
    }
    let folded: Vec<Folded> = blocks.iter().map(|b| Folded::new(&b.text)).collect();
    // Candidate days.
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut rsvp: Vec<NaiveDate> = Vec::new();
    for (b, (block, f)) in blocks.iter().zip(&folded).enumerate() {
        let headers = header_ranges(&block.text);
        let times = when::times(f);
        let mentions = when::dates(f, letter.written);
        // « le mercredi 12 août ou le jeudi 13 août »: two possible days, the first kept.
        let alternatives: Vec<usize> = mentions
            .windows(2)
            .filter(|w| {
                let between = f.text[w[0].end..w[1].start].trim();
                matches!(
                    between,
                    "ou" | "ou le" | "ou bien le" | "voire le" | "ou alors le"
                )
            })
            .map(|w| w[1].start)
            .collect();
        // Where each day is written: a time belongs to the nearest day before it.
        let starts: Vec<usize> = mentions.iter().map(|m| m.start).collect();
        for m in mentions {
            if alternatives.contains(&m.start) {
                if let Some(first) = candidates.iter_mut().rev().find(|c| c.block == b) {
                    first.ambiguous = Some("two possible days".to_string());
                }
                continue;
            }
            let at = f.original(m.start);
            if headers.iter().any(|&(s, e)| at >= s && at < e) {
                continue;
            }
            if m.date < letter.written || (m.date - letter.written).num_days() > 400 {
                continue;
            }
            let before = &f.text[..m.start];
            let near = &before[before.len().saturating_sub(120)..];
            let near = near
                .get(near.find(' ').map_or(0, |i| i + 1)..)
                .unwrap_or(near);
            if NOT_THE_EVENT_BEFORE.is_match(near) {
                continue;
            }
            // « avant le 2 mars », « réponse souhaitée pour le 2 mars ».
            let sentence = sentence_before(&f.text, m.start);
            if RSVP_BEFORE.is_match(sentence) {
                rsvp.push(m.date);
                continue;
            }
            let (time, ambiguous) = time_of(&block.text, f, &m, &times, &starts);
            let mut score = 0;
            let window = &f.text[m.start.saturating_sub(250)..(m.end + 150).min(f.text.len())];
            if INVITING.is_match(window) {
                score += 2;
            }
            if EVENT_WORD.is_match(cut(
                &block.text,
                f.original(m.start.saturating_sub(200)),
                f.original((m.end + 100).min(f.text.len())),
            )) {
                score += 1;
            }
            if time.is_some() {
                score += 1;
            }
            candidates.push(Candidate {
                block: b,
                mention: m,
                time,
                ambiguous,
                score,
            });
        }
    }
    if candidates.is_empty() {
        return Reading {
            events: Vec::new(),
            refused: Some("no day to come"),
        };
    }
    // The subject's date, when it names one, against the body's.
    let subject_dates: Vec<NaiveDate> = when::dates(&Folded::new(letter.subject), letter.written)
        .into_iter()
        .map(|m| m.date)
        .filter(|d| *d >= letter.written)
        .collect();
    // The event days: the best-scored candidate, and any other day with its own time (a second
    // occasion); a day mentioned twice is one.
    let best = candidates.iter().map(|c| c.score).max().unwrap_or(0);
    let mut chosen: Vec<&Candidate> = Vec::new();
    for c in candidates
        .iter()
        .filter(|c| c.score >= best.min(3) || (c.time.is_some() && c.score >= 2))
    {
        if let Some(same) = chosen.iter_mut().find(|k| {
            k.mention.date == c.mention.date
                || k.mention
                    .end_date
                    .is_some_and(|e| c.mention.date > k.mention.date && c.mention.date <= e)
        }) {
            // Keep the mention with a time, or a span.
            if same.time.is_none() && c.time.is_some()
                || (same.mention.end_date.is_none() && c.mention.end_date.is_some())
            {
                *same = c;
            }
            continue;
        }
        chosen.push(c);
    }
    // Other days without a time are dropped when one day has a time.
    if chosen.iter().any(|c| c.time.is_some()) && chosen.len() > 1 {
        chosen.retain(|c| c.time.is_some() || c.mention.end_date.is_some());
    }
    chosen.sort_by_key(|c| (c.mention.date, c.time.map(|t| t.time)));
    let rsvp_by = rsvp.iter().copied().min();
    let rsvp_contact = rsvp_contact(&blocks);
    let notes = blocks
        .iter()
        .find_map(|b| NOTES.find(&b.text).map(|m| m.as_str().trim().to_string()));
    let organiser = organiser(letter, texts);
    let mut events = Vec::new();
    for c in chosen.iter().take(4) {
        let block = &blocks[c.block];
        let f = &folded[c.block];
        let (place, commune) = place_of(block, f, c, letter, gazetteer);
        let mut ambiguous = c.ambiguous.clone();
        // The mail and its card give the same day different times.
        if let Some(t) = c.time
            && candidates.iter().any(|o| {
                o.block != c.block
                    && o.mention.date == c.mention.date
                    && o.time.is_some_and(|ot| ot.time != t.time)
            })
        {
            ambiguous = Some("the mail and the attachment give different times".to_string());
        }
        if !subject_dates.is_empty()
            && events.is_empty()
            && !subject_dates.contains(&c.mention.date)
            && !subject_dates
                .iter()
                .any(|d| chosen.iter().any(|k| k.mention.date == *d))
        {
            ambiguous = Some("subject and body name different days".to_string());
        }
        let start = c
            .time
            .map(|t| t.time)
            .filter(|_| {
                c.ambiguous.is_none() || c.ambiguous.as_deref() == Some("two possible days")
            })
            .filter(|_| {
                ambiguous.as_deref() != Some("the mail and the attachment give different times")
            });
        let end = c.time.and_then(|t| t.end_time);
        events.push(Found {
            title: title_near(block, f, c).unwrap_or_else(|| title_of(letter)),
            date: c.mention.date,
            end_date: c.mention.end_date,
            start,
            end: end.filter(|_| start.is_some()),
            place,
            commune_code: commune,
            organiser: organiser.clone(),
            rsvp_by: rsvp_by.filter(|d| *d <= c.mention.date),
            rsvp_contact: rsvp_contact.clone(),
            notes: notes.clone(),
            weekday_mismatch: c.mention.weekday_mismatch,
            ambiguous,
            source: block.source,
        });
    }
    Reading {
        events,
        refused: None,
    }
}

/// Formulas that invite beyond doubt (they outweigh an appointment's words).
fn strong_invitation(text: &str) -> bool {
    static STRONG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:plaisir|honneur|joie) de vous (?:inviter|convier)|vous (?:convie|convions|invite|invitent|invitons|inviter)\b|vous prie(?:nt)? de bien vouloir (?:assister|honorer|participer)|carton d'invitation")
            .expect("static regex")
    });
    STRONG.is_match(text)
}

/// Where the sentence holding `at` starts in folded `text`.
fn sentence_start(text: &str, at: usize) -> usize {
    text[..at].rfind(". ").map_or(0, |i| i + 2)
}

/// Where the sentence holding `at` ends in folded `text`.
fn sentence_end(text: &str, at: usize) -> usize {
    text[at..].find(". ").map_or(text.len(), |i| at + i + 1)
}

/// The text of the sentence (or line) that ends at `at`.
fn sentence_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let from = before
        .rfind(['.', '!', '?', ';', '\n'])
        .map_or(0, |i| i + 1);
    let from = from.max(at.saturating_sub(160));
    let from = (from..=at)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(at);
    &text[from..at]
}

/// The time of the event on day `m`: a time right after it (« le 14 mars à 11h »), or right
/// before (« à 11h, le 14 mars »), or the first of a programme below it. Two candidate times
/// (« à 10h ou à 10h30 ») leave it undecided.
fn time_of(
    original: &str,
    f: &Folded,
    m: &DateMention,
    times: &[TimeMention],
    days_at: &[usize],
) -> (Option<TimeMention>, Option<String>) {
    let text = f.text.as_str();
    // After: within the same sentence, before another date.
    let after: Vec<&TimeMention> = times
        .iter()
        .filter(|t| t.start >= m.end && t.start <= m.end + 90)
        .filter(|t| {
            let between = &text[m.end..t.start];
            !between.contains(". ")
                && !between.contains('!')
                && !days_at.iter().any(|&d| d > m.start && d < t.start)
        })
        .collect();
    if let Some(first) = after.first() {
        if let Some(second) = after.get(1) {
            let between = text[first.end..second.start].trim();
            let words: Vec<&str> = between
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if words.contains(&"ou") && words.len() <= 4 {
                return (Some(**first), Some("two possible times".to_string()));
            }
        }
        return (Some(**first), None);
    }
    // Before: « à 11h, le samedi 14 mars », « Rendez-vous à 10h30 le 8 mai ».
    if let Some(t) = times
        .iter()
        .rev()
        .find(|t| t.end <= m.start && m.start - t.end <= 12)
    {
        return (Some(*t), None);
    }
    // A programme in the next lines (« 10h15 : rassemblement… », « À 10h30, dépôt de
    // gerbe… »): its first item, a time that starts a sentence or a line.
    let rest = &text[m.end..(m.end + 600).min(text.len())];
    let programme = rest.contains("programme") || rest.contains("deroule");
    let starts_item = |t: &TimeMention| {
        let before = text[..t.start].trim_end();
        let before = before.strip_suffix(" a").unwrap_or(before).trim_end();
        // A line break in the original (folding joined the lines).
        let line_start = original
            .get(..f.original(t.start))
            .map(|o| o.trim_end_matches([' ', '\t', '-', '*', '•', '–']))
            .is_some_and(|o| o.ends_with('\n'));
        line_start
            || before.ends_with(['.', ':', ';', '-', '*', '!', '>'])
            || before.ends_with("programme")
    };
    if let Some(t) = times
        .iter()
        .filter(|t| t.start > m.end && t.start <= m.end + if programme { 600 } else { 400 })
        .find(|t| programme || starts_item(t))
    {
        return (Some(*t), None);
    }
    // The next sentence names the moment: « Le rendez-vous est fixé à 16h », « Nous vous
    // attendons pour l'inauguration officielle le samedi à 10 h 00 » (a day of the span).
    static MOMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:rendez-vous|accueil|debut|ouverture|moment officiel|partie officielle|inauguration|ceremonie|attendons|prevue?|fixee?)[^.!?]{0,40}$")
            .expect("static regex")
    });
    let last_day = m.end_date.unwrap_or(m.date);
    for t in times
        .iter()
        .filter(|t| t.start > m.end && t.start <= m.end + 250)
    {
        let before = &text[t.start.saturating_sub(60)..t.start];
        if !MOMENT.is_match(before) {
            continue;
        }
        // A weekday named with the time must be one of the event's days.
        let named = crate::util::FRENCH_WEEKDAYS
            .iter()
            .position(|w| before.contains(w));
        let fits = named.is_none_or(|n| {
            let mut d = m.date;
            while d <= last_day {
                if d.weekday().num_days_from_monday() as usize == n {
                    return true;
                }
                d = d.succ_opt().unwrap_or(last_day + chrono::Days::new(1));
            }
            false
        });
        if fits {
            return (Some(*t), None);
        }
    }
    (None, None)
}

/// The event's place and its commune: a place phrase near the day (or anywhere in the block),
/// its commune from the gazetteer, else the sender's.
fn place_of(
    block: &Block<'_>,
    f: &Folded,
    c: &Candidate,
    letter: &Letter<'_>,
    gazetteer: &Gazetteer,
) -> (String, Option<String>) {
    let text = block.text.as_ref();
    let at = f.original(c.mention.start);
    let mut places: Vec<Span> = PLACE
        .find_iter(text)
        // Not inside an e-mail address or a web address (« …@senat-exemple.fr »).
        .filter(|m| {
            let word_start = text[..m.start()]
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + 1);
            let word_end = text[m.start()..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| m.start() + i);
            !text[word_start..word_end].contains(['@', '/'])
        })
        .map(|m| Span {
            start: m.start(),
            end: phrase_end(text, m.end()),
        })
        .collect();
    // « Lieu : Passerelle, Arenthon », « Où : … »: what follows the label is the place.
    places.extend(
        PLACE_LABEL
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| Span {
                start: m.start(),
                end: m.end(),
            }),
    );
    places.sort_by_key(|p| p.start);
    // A place phrase in the day's sentence, nearest first; else the nearest after the day,
    // else before it, within the same paragraph-ish.
    let (s_from, s_to) = (
        f.original(sentence_start(&f.text, c.mention.start)),
        f.original(sentence_end(&f.text, c.mention.end)),
    );
    // In the sentence: the first place after the day, else the last before it.
    let same = places
        .iter()
        .find(|p| p.start >= at && p.start < s_to)
        .or_else(|| {
            places
                .iter()
                .rev()
                .find(|p| p.start >= s_from && p.end <= at)
        });
    let near = same
        .into_iter()
        .chain(
            places
                .iter()
                .filter(|p| p.start >= at && p.start <= at + 400),
        )
        .chain(
            places
                .iter()
                .rev()
                .filter(|p| p.end <= at && at - p.end <= 300),
        )
        .find(|p| !looks_like_signature(text, p.start));
    let place = near.map(|p| clean_place(p.as_str(text)));
    // The commune: in the place phrase (and the next line, « 38120 Saint-Égrève »), else in
    // the event's sentence, else the sender's.
    let mut commune = None;
    if let Some(p) = near {
        let line_end = text[p.end..].find('\n').map_or(text.len(), |i| p.end + i);
        // The phrase stops at its clause; the lines after it count only when it ends its line.
        let line_end = if text[p.end..line_end].trim().is_empty() {
            line_end
        } else {
            p.end
        };
        // The next lines too while they continue an address (« route de Montilly »,
        // « 38120 Saint-Égrève », a commune alone on a card's line: « MOULINS »).
        let mut next_line_end = line_end;
        for _ in 0..3 {
            let rest = &text[next_line_end..];
            let Some(rest) = rest.strip_prefix('\n') else {
                break;
            };
            let line = rest.split('\n').next().unwrap_or("");
            if !address_line(line) {
                break;
            }
            next_line_end += 1 + line.len();
        }
        let phrase = cut(text, p.start, next_line_end.min(p.end + 300));
        commune = gazetteer
            .place_commune(phrase, letter.territory)
            .map(|d| d.code);
    }
    // The event's sentence (« à Tullins, au centre culturel… »), then the sender (a hall
    // named alone is the sender's), then the paragraph around the day.
    if commune.is_none() {
        let from = f.original(sentence_start(&f.text, c.mention.start));
        let to = f.original(sentence_end(&f.text, c.mention.end));
        let sentence = cut(text, from, to);
        let day_at = at.saturating_sub(from).min(sentence.len());
        // Only a name that locates (« à Tullins », « mairie de Vif », « 38120 Saint-Égrève »),
        // not one in passing (« ceux qui viennent de Guipavas », « route de Lorient »); after
        // the day first (« le 18 juin à 18h à Lezoux »), then before it. Each part is read on
        // its own: the gazetteer keeps a commune's first mention only.
        let locating = |part: &str| -> Option<String> {
            gazetteer
                .detect(part, letter.territory)
                .into_iter()
                .filter(|d| {
                    d.context == "locating" || {
                        let b =
                            Folded::text_of(cut(part, d.position.saturating_sub(8), d.position));
                        b.ends_with(" a ") || b.ends_with(" au ") || b.ends_with(" aux ")
                    }
                })
                .filter(|d| {
                    !crate::communes::names_a_street(cut(
                        part,
                        d.position.saturating_sub(40),
                        d.position,
                    ))
                })
                .find(|d| {
                    gazetteer
                        .get(&d.code)
                        .is_some_and(|c| letter.territory.contains(&c.departement))
                        || cut(part, 0, d.position).trim_end().ends_with(" à")
                })
                .map(|d| d.code)
        };
        let (before_day, after_day) = (
            cut(sentence, 0, day_at),
            cut(sentence, day_at, sentence.len()),
        );
        commune = locating(after_day).or_else(|| locating(before_day));
    }
    if commune.is_none() {
        commune = letter.sender_commune.clone();
    }
    if commune.is_none() {
        let from = f.original(c.mention.start.saturating_sub(200));
        let to = f.original((c.mention.end + 250).min(f.text.len()));
        let window = cut(text, from, to);
        let window = window.split("\n\n").next().unwrap_or(window);
        let found = gazetteer.detect(window, letter.territory);
        commune = found
            .iter()
            .find(|d| d.context == "locating")
            .or(found.first())
            .map(|d| d.code.clone());
    }
    (place.unwrap_or_default(), commune)
}

/// A line that continues an address: a number or postal code first, a street, or a short
/// name alone (a commune on a card's line).
fn address_line(line: &str) -> bool {
    static STREET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:\d|(?:rue|route|avenue|av\.|chemin|place|boulevard|bd|all[ée]e|impasse|quai|cours|square|esplanade|lieu-dit|zone|za|zi|bp|cs)\b)")
            .expect("static regex")
    });
    let t = line.trim();
    if t.is_empty()
        || when::times(&Folded::new(t))
            .first()
            .is_some_and(|m| m.start == 0)
    {
        return false;
    }
    STREET.is_match(t)
        || (t.chars().count() <= 40
            && t.starts_with(char::is_uppercase)
            && !t.chars().any(|c| c.is_ascii_digit())
            && !t.contains(['.', ':', '!', '?']))
}

/// A byte range of the original text.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn as_str(self, text: &str) -> &str {
        cut(text, self.start, self.end)
    }
}

/// Where a place phrase that starts before `from` ends: at the end of its line or sentence,
/// or where the day or the time begins (« salle des fêtes, le samedi 14 mars à 11h »).
fn phrase_end(text: &str, from: usize) -> usize {
    static STOP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\n|[.;!?](?:\s|$)|,? (?:le|les|ce) (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)|,? (?:à|a|dès|des|de|entre) \d{1,2} ?(?:h|:|heures)|,? (?:à|a) midi|, (?:qui|où|afin|pour|suivie?|avec) ")
            .expect("static regex")
    });
    let window = cut(text, from, from + 160);
    from + STOP.find(window).map_or(window.len(), |m| m.start())
}

/// A place phrase in a signature (the sender's own address) rather than the event's: after
/// the closing formula or the signature separator.
fn looks_like_signature(text: &str, at: usize) -> bool {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?im)^[ \t]*(?:--[ \t]*$|(?:tr[èe]s |bien )?cordialement|bien (?:à|a) (?:vous|toi)|respectueusement|sinc[èe]res salutations|(?:bien )?amicalement|amiti[ée]s|(?:à|a) (?:tr[èe]s )?bient[ôo]t|veuillez agr[ée]er|je vous prie d'agr[ée]er|je vous prie de croire|recevez,|avec mes (?:salutations|meilleures|sinc[èe]res)|salutations distingu[ée]es|bises)")
            .expect("static regex")
    });
    CLOSING.find_iter(cut(text, 0, at)).next().is_some()
}

fn clean_place(p: &str) -> String {
    let p = p.trim().trim_end_matches([',', ' ', '(', ')']);
    let p = p
        .trim_start_matches("à ")
        .trim_start_matches("a ")
        .trim_start_matches("au ")
        .trim_start_matches("en ")
        .trim_start_matches("dans ");
    let mut s = crate::util::truncate_chars(p, 200).into_owned();
    // Up to the time or the next clause.
    for stop in [
        " à partir de",
        " le samedi",
        " le dimanche",
        " le lundi",
        " le mardi",
        " le mercredi",
        " le jeudi",
        " le vendredi",
        " à 1",
        " à 2",
        " à 9",
        " à 8",
    ] {
        if let Some(i) = s.find(stop) {
            s.truncate(i);
        }
    }
    s.trim().trim_end_matches(',').to_string()
}

/// The reply contact: an address or a telephone number near a reply word.
fn rsvp_contact(blocks: &[Block<'_>]) -> Option<String> {
    static REPLY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:r\.?s\.?v\.?p|r[ée]ponse|r[ée]pondre|confirmer|confirmation|inscription|s'inscrire|coupon)[^\n]{0,160}")
            .expect("static regex")
    });
    for b in blocks {
        for m in REPLY.find_iter(&b.text) {
            let s = m.as_str();
            if let Some(e) = EMAIL.find(s) {
                return Some(e.as_str().to_string());
            }
            if let Some(p) = PHONE.find(s) {
                return Some(p.as_str().to_string());
            }
        }
    }
    None
}

fn rsvp_in(letter: &Letter<'_>) -> Option<NaiveDate> {
    let f = Folded::new(letter.body);
    when::dates(&f, letter.written)
        .into_iter()
        .filter(|m| RSVP_BEFORE.is_match(sentence_before(&f.text, m.start)))
        .map(|m| m.date)
        .min()
}

/// The organiser: the sender, or the original sender of a forward.
fn organiser(letter: &Letter<'_>, texts: &Texts) -> String {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?im)^[ >]*(?:de|from|exp[ée]diteur)\s*:\s*(.+)$").expect("static regex")
    });
    if texts.forward {
        for text in [letter.forwarded, letter.quoted, letter.body] {
            if let Some(c) = FROM.captures(text) {
                let who = c[1].trim().trim_matches(['*', '"']).to_string();
                if !who.is_empty() {
                    return crate::util::truncate_chars(&who, 200).into_owned();
                }
            }
        }
    }
    match (letter.sender_name.trim(), letter.sender_address.trim()) {
        ("", a) => a.to_string(),
        (n, "") => n.to_string(),
        (n, a) => format!("{n} <{a}>"),
    }
}

/// A title from the words near the day (« l'inauguration de la médiathèque »).
fn title_near(block: &Block<'_>, f: &Folded, c: &Candidate) -> Option<String> {
    let text = block.text.as_ref();
    let from = f.original(c.mention.start.saturating_sub(300));
    let to = f.original((c.mention.end + 100).min(f.text.len()));
    let window = cut(text, from, to);
    let m = EVENT_WORD.find(window)?;
    let mut title = m.as_str().trim().to_string();
    for stop in [" qui ", " le ", " à ", " , ", " ce ", " aura ", " se "] {
        if let Some(i) = title.find(stop)
            && i > 8
        {
            title.truncate(i);
        }
    }
    let title = title.trim().trim_end_matches(',').to_string();
    let mut chars = title.chars();
    Some(match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return None,
    })
}

/// A title from the subject (« Invitation : inauguration… » → « Inauguration… »).
fn title_of(letter: &Letter<'_>) -> String {
    let mut s = letter.subject.trim();
    loop {
        let lower = s.to_lowercase();
        let cut = [
            "tr :",
            "tr:",
            "fwd:",
            "fw:",
            "fwd :",
            "re:",
            "re :",
            "invitation :",
            "invitation:",
            "invitation -",
            "invitation à",
            "invitation au",
            "invitation aux",
        ]
        .iter()
        .find(|p| lower.starts_with(*p));
        match cut {
            Some(p) => s = s[p.len()..].trim_start(),
            None => break,
        }
    }
    let title = if s.is_empty() { "Invitation" } else { s };
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).take(200).collect(),
        None => "Invitation".to_string(),
    }
}

/// « 11 h 30 » as the agenda writes a time.
pub fn french_time(t: NaiveTime) -> String {
    if t.minute() == 0 {
        format!("{} h", t.hour())
    } else {
        format!("{} h {:02}", t.hour(), t.minute())
    }
}

/// `text[from..to]`, the bounds moved onto character boundaries (back for the start, forward
/// for the end) and into the text.
fn cut(text: &str, from: usize, to: usize) -> &str {
    let mut a = from.min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = to.clamp(a, text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    &text[a..b]
}
