//! The kind of a message — `personal`, `auto_reply`, `bulk`, `bounce` or `spam` — from its
//! headers first (RFC 3834 `Auto-Submitted`, Exchange and other auto-responder headers,
//! `List-Id`/`List-Unsubscribe`/`Precedence`, `multipart/report` delivery-status, the server's
//! spam verdict), then from the sender and subject when the headers say nothing (many
//! auto-replies and bounces carry no header at all). Only personal mail opens cases.

use std::sync::LazyLock;

use mail_parser::{Message, MimeHeaders};
use regex::Regex;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

/// What a message is. Stored, indexed and exported by its English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Written by a person to the office: the only kind that opens cases.
    #[default]
    Personal,
    /// An auto-responder's answer (absence, acknowledgement).
    AutoReply,
    /// A newsletter, a mailing list, a mass mailing.
    Bulk,
    /// A delivery-status report.
    Bounce,
    /// The server's spam verdict.
    Spam,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Personal,
        Kind::AutoReply,
        Kind::Bulk,
        Kind::Bounce,
        Kind::Spam,
    ];

    /// The stored name (`personal`, `auto_reply`, `bulk`, `bounce`, `spam`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Personal => "personal",
            Kind::AutoReply => "auto_reply",
            Kind::Bulk => "bulk",
            Kind::Bounce => "bounce",
            Kind::Spam => "spam",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// As French pages say it.
    pub fn french(self) -> &'static str {
        match self {
            Kind::Personal => "courrier",
            Kind::AutoReply => "réponse automatique",
            Kind::Bulk => "lettre d'information",
            Kind::Bounce => "non-remise",
            Kind::Spam => "indésirable",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl ToSql for Kind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for Kind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        Kind::parse(s)
            .ok_or_else(|| FromSqlError::Other(format!("unknown message kind {s:?}").into()))
    }
}

static AUTO_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    // The phrase opens the subject and is followed by a separator or nothing: « Réponse
    // automatique : RE: … », « Absence du bureau – … », « Accusé de réception : RE: … » (a colon:
    // « Accusé de réception - mon recommandé » is a letter), or stands in brackets
    // (« [Absence] RE: … »); not « Réponse automatique ? Personne… ».
    Regex::new(
        r"(?i)^\s*((r[ée]ponse automatique|absence du bureau|message d'absence|absent(e)? du bureau|out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|abwesenheitsnotiz|risposta automatica|respuesta autom[áa]tica)\s*([:\-–—]|$)|accus[ée] de r[ée]ception\s*:|\[\s*(absence|absent|auto|r[ée]ponse automatique|out of office|accus[ée] de r[ée]ception)\s*\])",
    )
    .expect("static regex")
});
/// Someone (or an office) away or closed, in the first person.
static ABSENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(je suis en (vacances|congés?)|sans acc[eè]s [àa] mes (mails|messages|courriels)|j'ai bien re[çc]u votre (message|mail|courriel|e-mail) et je vous r[ée]pondrai|nous avons bien re[çc]u votre (message|mail|courriel|e-mail) et (nous )?vous r[ée]pondrons|je suis (actuellement |momentan[ée]ment |en ce moment )?absente?s?|je serai absente?s?|votre (message|mail|courriel|e-mail|demande) a bien [ée]t[ée] re[çc]ue?|je vous r[ée]pondrai (d[èe]s|[àa]) mon retour|nous sommes absents|absente? du bureau|(la mairie|le secr[ée]tariat|le bureau|la permanence|nos bureaux|l'accueil|nos services) (est|sera|sont|seront) ferm[ée]e?s?|i am (currently )?(out of (the )?office|away)|i('m| am) away|i will be out of (the )?office|out of (the )?office until)")
        .expect("static regex")
});
/// What an auto-responder says next: when the message will be read, whom to call meanwhile.
static DEFERRAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(à la rentrée|dès que possible|dans les meilleurs délais|à mon retour|à notre retour|dès mon retour|à la réouverture|sera (trait[ée]|transmis|lu)|seront (trait[ée]s|transmis)|en cas d'urgence|pour toute urgence|upon my return|when i return|on my return|for urgent matters|in case of emergency|jusqu'au .{1,30} inclus)")
        .expect("static regex")
});
/// A person writing about something (a request, a thank-you for an answer): not an auto-responder.
static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\?|je tenais|je vous [ée]cris|je voulais|pourriez-vous|pourrez-vous|pouvez-vous|voulez-vous|merci de (bien vouloir|me|nous)|merci pour votre (r[ée]ponse|retour)|mais merci|je vous tiens au courant|je transmets|i wanted to|could you|would you)")
        .expect("static regex")
});
static BOUNCE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(undeliver(ed|able)|delivery status notification \(failure\)|mail delivery (failed|failure)|returned mail|non remis|[ée]chec de (la )?remise|message non distribu[ée]|undelivered mail returned to sender)")
        .expect("static regex")
});
/// Newsletter links.
static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(lire la suite|en savoir plus|version en ligne|read more|view (it )?in (your )?browser)")
        .expect("static regex")
});
/// An unsubscribe footer: mail sent to a list, however personal its wording.
static UNSUBSCRIBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(se d[ée]sinscrire|se d[ée]sabonner|d[ée]sabonnez-vous|d[ée]sinscription|lien de d[ée]sabonnement|ne (plus|souhaitez plus|voulez plus) recevoir|unsubscribe|opt[- ]out)")
        .expect("static regex")
});
static PRESS_RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(communiqu[ée] de presse|communiqu[ée] (intersyndical|commun)|^\s*communiqu[ée]\b|press release)")
        .expect("static regex")
});
/// Headers of e-mailing services (Mailjet, HubSpot, Mailchimp, Brevo/Sendinblue, SendGrid,
/// Mailgun, Campaign Monitor…): mail sent by a mass-mailing tool.
const MAILING_HEADERS: &[&str] = &[
    "X-MJ-Mid",
    "X-Mailjet-Campaign",
    "X-HubSpot-Sequence",
    "X-HubSpot-Campaign",
    "X-MC-User",
    "X-Mailchimp-Campaign",
    "X-Mailin-Campaign",
    "X-Sib-Id",
    "X-SG-EID",
    "X-Mailgun-Tag",
    "X-Campaign-Id",
    "X-CampaignID",
    "X-Newsletter",
];
const MAILING_AGENTS: &[&str] = &[
    "mailjet",
    "hubspot",
    "mailchimp",
    "sendinblue",
    "brevo",
    "sendgrid",
    "mailgun",
    "campaign monitor",
    "sarbacane",
    "mailpoet",
    "mailman",
    "sympa",
    "listserv",
];
/// Mail written to the office by a person (a salutation, a question, a request).
static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(mesdames et messieurs les (parlementaires|s[ée]nateurs|d[ée]put[ée]s|[ée]lus)|madame la s[ée]natrice|monsieur le s[ée]nateur|madame la d[ée]put[ée]e|monsieur le d[ée]put[ée]|\?|pourriez-vous|pouvez-vous|je me permets|je vous sollicite|je souhaiterais)")
        .expect("static regex")
});
/// Newsletter senders. Not `noreply@`: website contact forms relay citizens' requests from it.
const BULK_LOCALS: &[&str] = &[
    "newsletter",
    "news",
    "info-lettre",
    "lettre-info",
    "infolettre",
    "mailing",
];
/// Senders that send newsletters and also write to people: bulk only with newsletter content.
const MAYBE_BULK_LOCALS: &[&str] = &[
    "bulletin",
    "contact",
    "info",
    "infos",
    "communication",
    "actualites",
];

fn local_is(local: &str, list: &[&str]) -> bool {
    list.iter().any(|b| {
        local == *b || local.starts_with(&format!("{b}.")) || local.starts_with(&format!("{b}-"))
    })
}

/// An auto-responder's text without any header saying so: someone away or an office closed,
/// with when the message will be read or whom to call, and nothing a person writes about.
fn auto_reply_text(body: &str) -> bool {
    let body = body.trim();
    body.len() < 1_200
        && ABSENCE.is_match(body)
        && !REQUEST.is_match(body)
        && (DEFERRAL.is_match(body) || body.len() < 300)
}

/// A newsletter without list headers: an unsubscribe footer, or "read more" links and no
/// salutation or question.
fn newsletter_text(local: &str, body: &str) -> bool {
    // The unsubscribe footer closes the message, with its link (a person asking how to stop
    // receiving something writes no link).
    let tail_start = body.char_indices().rev().nth(600).map_or(0, |(i, _)| i);
    let tail = &body[tail_start..];
    if UNSUBSCRIBE.is_match(tail) && (tail.contains("http") || tail.contains("www.")) {
        return true;
    }
    let links = READ_MORE.find_iter(body).count();
    if PERSONAL.is_match(body) {
        return false;
    }
    links >= 2 || (links >= 1 && local_is(local, MAYBE_BULK_LOCALS))
}

/// Sent by a mass-mailing tool, or to hidden recipients only (the office in Bcc, `To:
/// undisclosed-recipients:;`) without a word for the office.
fn mass_mailing(message: &Message<'_>, body: &str) -> bool {
    let agent = message
        .header_values("X-Mailer")
        .filter_map(|v| v.as_text())
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    if MAILING_AGENTS.iter().any(|a| agent.contains(a))
        || MAILING_HEADERS
            .iter()
            .any(|h| message.header_values(*h).next().is_some())
    {
        return true;
    }
    let visible = |a: Option<&mail_parser::Address<'_>>| {
        a.is_some_and(|a| a.iter().any(|m| m.address().is_some_and(|x| !x.is_empty())))
    };
    // A press release to hidden recipients (To naming nobody: "undisclosed-recipients:;").
    // Letters to every parliamentarian in Bcc stay personal: they are requests.
    message.to().is_some()
        && !visible(message.to())
        && !visible(message.cc())
        && !PERSONAL.is_match(body)
        && PRESS_RELEASE.is_match(body)
}

/// Decides the kind of `message` (see the module doc).
pub fn kind_of(message: &Message<'_>, from: &str, subject: &str, body: &str) -> Kind {
    let header = |name: &str| -> String {
        message
            .header_values(name)
            .filter_map(|v| v.as_text())
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase()
    };
    let spam_flag = header("X-Spam-Flag");
    let spam_status = header("X-Spam-Status");
    if spam_flag.trim().starts_with("yes") || spam_status.trim().starts_with("yes") {
        return Kind::Spam;
    }
    let report = message.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct
                .attribute("report-type")
                .is_some_and(|r| r.eq_ignore_ascii_case("delivery-status"))
    });
    let local = from.split('@').next().unwrap_or("").to_ascii_lowercase();
    let daemon = local == "mailer-daemon" || local == "postmaster";
    if report
        || (daemon && BOUNCE_SUBJECT.is_match(subject))
        || (daemon && !subject.is_empty() && !AUTO_SUBJECT.is_match(subject))
    {
        return Kind::Bounce;
    }
    let auto_submitted = header("Auto-Submitted");
    let suppress = header("X-Auto-Response-Suppress");
    if (!auto_submitted.is_empty() && auto_submitted.trim() != "no")
        || !header("X-Autoreply").is_empty()
        || !header("X-Autorespond").is_empty()
        || (!suppress.is_empty() && AUTO_SUBJECT.is_match(subject))
        || AUTO_SUBJECT.is_match(subject)
        || auto_reply_text(body)
    {
        return Kind::AutoReply;
    }
    let precedence = header("Precedence");
    if !message.list_id().is_empty()
        || !message.list_unsubscribe().is_empty()
        || ["bulk", "list", "junk"]
            .iter()
            .any(|p| precedence.trim() == *p)
        || local_is(&local, BULK_LOCALS)
        || newsletter_text(&local, body)
        || mass_mailing(message, body)
    {
        return Kind::Bulk;
    }
    Kind::Personal
}

static MESSAGE_ID_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?im)^\s*>?\s*message-id:\s*<([^>\s]+)>").expect("static regex"));

/// The Message-ID of the message a bounce reports: from its `message/rfc822` or
/// `text/rfc822-headers` part (RFC 3462), else from a "Message-ID: <…>" line quoted in the text.
pub fn bounced_message_id(message: &Message<'_>, body: &str) -> Option<String> {
    for part in message.parts.iter().skip(1) {
        if let Some(inner) = part.message()
            && let Some(id) = inner.message_id()
        {
            return Some(super::clean_id(id));
        }
        let is_headers = part.content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("text")
                && ct
                    .subtype()
                    .is_some_and(|s| s.eq_ignore_ascii_case("rfc822-headers"))
        });
        if is_headers {
            let text = String::from_utf8_lossy(part.contents());
            if let Some(c) = MESSAGE_ID_LINE.captures(&text) {
                return Some(c[1].to_string());
            }
        }
    }
    // Plain-text bounces quote the original's headers in their body.
    let mut text = body.to_string();
    for part in message.parts.iter().skip(1) {
        if let Some(t) = part.text_contents() {
            text.push('\n');
            text.push_str(t);
        }
    }
    MESSAGE_ID_LINE.captures(&text).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    fn kind(raw: &str) -> &'static str {
        let m = MessageParser::default().parse(raw.as_bytes()).unwrap();
        let from = m
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or("")
            .to_string();
        let subject = m.subject().unwrap_or("").to_string();
        let body = m.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
        kind_of(&m, &from, &subject, &body).as_str()
    }

    #[test]
    fn headers_decide() {
        assert_eq!(
            kind("From: a@b.fr\r\nX-Spam-Flag: YES\r\nSubject: x\r\n\r\nx"),
            "spam"
        );
        assert_eq!(
            kind("From: a@b.fr\r\nAuto-Submitted: auto-replied\r\nSubject: Re: x\r\n\r\nx"),
            "auto_reply"
        );
        assert_eq!(
            kind("From: a@b.fr\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nx"),
            "personal"
        );
        assert_eq!(
            kind("From: a@b.fr\r\nList-Id: <maires.example.fr>\r\nSubject: x\r\n\r\nx"),
            "bulk"
        );
        assert_eq!(
            kind("From: a@b.fr\r\nPrecedence: bulk\r\nSubject: x\r\n\r\nx"),
            "bulk"
        );
        assert_eq!(
            kind(
                "From: MAILER-DAEMON@mx.fr\r\nSubject: x\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n--B\r\n\r\nx\r\n--B--\r\n"
            ),
            "bounce"
        );
    }

    #[test]
    fn absence_text_alone_is_an_auto_reply_unless_a_person_writes_about_something() {
        let k = |subject: &str, body: &str| {
            kind(&format!(
                "From: a@mairie.fr\r\nSubject: {subject}\r\n\r\n{body}"
            ))
        };
        assert_eq!(
            k(
                "Congés",
                "La mairie est fermée pour les fêtes jusqu'au 4 janvier inclus."
            ),
            "auto_reply"
        );
        assert_eq!(
            k(
                "Re: Pont",
                "Je suis absent du bureau jusqu'au 13 mars. Votre message sera traité à mon retour."
            ),
            "auto_reply"
        );
        assert_eq!(
            k(
                "Gendarmerie",
                "Je serai absente du 14 au 18 avril, mais je tenais à vous écrire avant mon départ. Pourriez-vous vous renseigner ?"
            ),
            "personal"
        );
        assert_eq!(
            k(
                "Re: Poste",
                "Je suis absent jusqu'au 2 juin, mais merci pour votre réponse rapide."
            ),
            "personal"
        );
        assert_eq!(
            k(
                "Réponse automatique ? Personne ne lit mes messages",
                "Est-ce qu'un humain lit ce courrier ?"
            ),
            "personal",
            "a complaint about auto-replies"
        );
    }

    #[test]
    fn newsletters_without_list_headers_need_newsletter_content() {
        let k = |from: &str, body: &str| {
            kind(&format!("From: {from}\r\nSubject: Lettre\r\n\r\n{body}"))
        };
        assert_eq!(
            k(
                "contact@fibre.fr",
                "AVANCEMENT\nLire la suite : https://x\nRACCORDEMENTS\nLire la suite : https://y"
            ),
            "bulk"
        );
        assert_eq!(
            k("communication@cdg.fr", "La lettre RH\nLire la suite"),
            "bulk"
        );
        assert_eq!(
            k(
                "bulletin.municipal@ville.fr",
                "Madame la Sénatrice, pouvez-vous signer une tribune ? En savoir plus sur le bulletin."
            ),
            "personal"
        );
        assert_eq!(
            k(
                "info@asso.fr",
                "Madame la Sénatrice, nous aimerions vous rencontrer."
            ),
            "personal"
        );
        assert_eq!(
            k(
                "jean@orange.fr",
                "Bonjour, comment ne plus recevoir la lettre de la mairie"
            ),
            "personal",
            "no link: a person asking"
        );
    }

    #[test]
    fn mailing_tools_footers_and_hidden_recipients_make_bulk() {
        assert_eq!(
            kind(
                "From: j@vendor.fr\r\nTo: s@senat.fr\r\nX-Mailer: HubSpot\r\nSubject: Une question rapide\r\n\r\nMadame la Sénatrice, 15 minutes ?"
            ),
            "bulk"
        );
        assert_eq!(
            kind(
                "From: f@federation.fr\r\nTo: s@senat.fr\r\nSubject: Invitation personnelle\r\n\r\nChère Madame, venez.\r\nSe désabonner : https://x"
            ),
            "bulk"
        );
        assert_eq!(
            kind(
                "From: syndicat@gmail.com\r\nTo: undisclosed-recipients:;\r\nSubject: Communiqué\r\n\r\nCOMMUNIQUÉ : mobilisation jeudi."
            ),
            "bulk"
        );
        assert_eq!(
            kind(
                "From: maire@vif.fr\r\nTo: undisclosed-recipients:;\r\nSubject: Pont\r\n\r\nMadame la Sénatrice, pouvez-vous nous aider ?"
            ),
            "personal",
            "a mayor writing to every parliamentarian in Bcc"
        );
    }

    #[test]
    fn bounces_name_the_message_they_report() {
        let raw = "From: MAILER-DAEMON@mx.fr\r\nSubject: Undelivered Mail Returned to Sender\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; x@y.fr\r\nAction: failed\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: permanence@s.fr\r\nMessage-ID: <abc@s.fr>\r\nSubject: RE: x\r\n\r\n--B--\r\n";
        let m = MessageParser::default().parse(raw.as_bytes()).unwrap();
        assert_eq!(bounced_message_id(&m, "Sorry."), Some("abc@s.fr".into()));
        let raw = "From: postmaster@mx.fr\r\nSubject: Non remis\r\n\r\nLe message n'a pas pu etre remis.\r\n\r\n> Message-ID: <def@s.fr>\r\n";
        let m = MessageParser::default().parse(raw.as_bytes()).unwrap();
        let body = m.body_text(0).unwrap().into_owned();
        assert_eq!(bounced_message_id(&m, &body), Some("def@s.fr".into()));
    }

    #[test]
    fn subjects_and_bodies_decide_when_headers_are_silent() {
        assert_eq!(
            kind("From: a@b.fr\r\nSubject: Réponse automatique : DETR\r\n\r\nx"),
            "auto_reply"
        );
        assert_eq!(
            kind("From: a@b.fr\r\nSubject: Automatic reply: visit\r\n\r\nx"),
            "auto_reply"
        );
        assert_eq!(
            kind(
                "From: a@b.fr\r\nSubject: Absence\r\n\r\nBonjour, je suis absente jusqu'au 3 mars."
            ),
            "auto_reply"
        );
        assert_eq!(
            kind("From: postmaster@mx.fr\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\nx"),
            "bounce"
        );
        assert_eq!(
            kind("From: newsletter@maires.fr\r\nSubject: La lettre\r\n\r\nx"),
            "bulk"
        );
        assert_eq!(
            kind("From: noreply@senateur-exemple.fr\r\nSubject: Formulaire de contact\r\n\r\nx"),
            "personal",
            "contact forms"
        );
        assert_eq!(
            kind("From: a@b.fr\r\nSubject: Réunion\r\n\r\nJe serai présent à la réunion."),
            "personal"
        );
    }
}
