//! An [`Explanation`] in French for the message page (issue 17): first what a collaborateur
//! wants to know, as sentences (« Classé dans Santé parce que le message parle de « maison de
//! santé » (objet). », « Expéditeur reconnu : Marie Dupont, Maire de Vif, par son adresse
//! connue. »), then the technical trace — rule names, scores, confidence, the pipeline's own
//! reasons, written in English by the stages — which the page folds away. The command line's
//! `explain` keeps its own English rendering (`cli/explain.rs`, a contract).

use std::collections::BTreeSet;

use super::{CommuneReason, Explanation, Filing};

/// The explanation said twice: sentences for everyone, the trace for whoever checks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct French {
    /// One sentence per decision: sender, communes, themes (primary first), case.
    pub sentences: Vec<String>,
    /// The technical trace, one line each (rule names, scores, stored reasons).
    pub trace: Vec<String>,
}

/// Where a term was found, as a sentence says it.
fn field(f: &str) -> &'static str {
    match f {
        "subject" => "objet",
        "body" => "texte",
        "quoted" => "texte cité",
        "attachment" => "pièce jointe",
        _ => "message",
    }
}

/// « « a » (objet), « b » (texte) et « c » (texte) »: each term once, at most five.
fn terms(found: &[super::TermFound]) -> String {
    let mut seen = BTreeSet::new();
    let parts: Vec<String> = found
        .iter()
        .filter(|t| seen.insert(crate::util::fold(&t.term)))
        .take(5)
        .map(|t| match &t.attachment {
            Some(file) => format!("« {} » (pièce jointe « {file} »)", t.term),
            None => format!("« {} » ({})", t.term, field(&t.field)),
        })
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// How a sender was recognised, as the end of « Expéditeur reconnu : X, … ».
fn how(method: crate::officials::Method) -> &'static str {
    use crate::officials::Method;
    match method {
        Method::Address => "par son adresse connue",
        Method::Signature => "par la signature de son message",
        Method::TownHallDomain => "par l'adresse de sa mairie",
        Method::TownHallGeneric => "par la boîte générale de sa mairie",
        Method::Staff => "choisi par un collaborateur",
        Method::Case => "comme élu du dossier",
        Method::Name => "par son nom seul (ancienne règle, à vérifier)",
        Method::None | Method::Possible | Method::Ambiguous => "sans certitude",
    }
}

/// `e` in French: see [`French`]. `theme_label` gives a theme slug's French label.
pub fn french(e: &Explanation, theme_label: impl Fn(&str) -> String) -> French {
    let mut sentences = Vec::new();
    // Who wrote it.
    match &e.official {
        Some(m) => {
            match &m.official {
                Some(o) => {
                    let title = if o.title.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", o.title)
                    };
                    sentences.push(format!(
                        "Expéditeur reconnu : {} {}{title}, {}.",
                        o.prenom,
                        o.nom,
                        how(m.method)
                    ));
                }
                None if !m.candidates.is_empty() => sentences.push(format!(
                    "Expéditeur non identifié : {} élus pourraient l'être (même nom), aucun n'a été choisi. Choisissez-le sur le dossier si vous le connaissez.",
                    m.candidates.len()
                )),
                None => sentences.push(format!(
                    "Expéditeur reconnu : aucun élu de l'annuaire ne correspond à {}.",
                    e.from
                )),
            }
            if m.unverified {
                sentences.push(
                    "Attention : l'expéditeur n'est pas vérifié, son serveur a échoué aux contrôles d'authentification (DMARC, DKIM ou SPF) ; l'adresse peut être usurpée."
                        .into(),
                );
            }
        }
        None => sentences.push("Expéditeur reconnu : pas encore examiné.".into()),
    }
    // Which communes.
    for c in &e.communes {
        sentences.push(match &c.reason {
            CommuneReason::Official => {
                format!("Commune : {}, celle de l'élu qui écrit.", c.name)
            }
            CommuneReason::Domain { address } => {
                format!("Commune : {}, d'après l'adresse de sa mairie ({address}).", c.name)
            }
            CommuneReason::Attachment { file, matched } => format!(
                "Commune : {}, parce que son nom est écrit dans la pièce jointe « {file} » (« {matched} »).",
                c.name
            ),
            CommuneReason::Text {
                context, matched, ..
            } => {
                if context == "locating" {
                    format!(
                        "Commune : {}, parce que le message en parle comme d'un lieu (« {matched} »).",
                        c.name
                    )
                } else {
                    format!(
                        "Commune : {}, parce que son nom est écrit dans le message (« {matched} »).",
                        c.name
                    )
                }
            }
        });
    }
    if e.communes.is_empty() {
        sentences.push("Commune : aucune reconnue.".into());
    }
    // Which themes.
    for (n, t) in e.themes.iter().enumerate() {
        let label = theme_label(&t.theme);
        let lead = if n == 0 {
            format!("Classé dans {label}")
        } else {
            format!("Aussi classé dans {label}")
        };
        let found = terms(&t.terms);
        sentences.push(if t.rule == "staff" {
            format!("{lead} par un collaborateur.")
        } else if found.is_empty() {
            format!("{lead} par les règles de thèmes.")
        } else {
            format!("{lead} parce que le message parle de {found}.")
        });
    }
    if e.themes.is_empty() {
        sentences.push("Thème : aucun, aucun mot des règles de thèmes n'a été trouvé.".into());
    }
    // Which case.
    match &e.filing {
        Filing::Case {
            id,
            title,
            state,
            method,
            divergence,
            ..
        } => {
            let why = match method.as_str() {
                "references" => "c'est une réponse à un message de ce dossier",
                "quoted_header" => "il cite un message de ce dossier",
                "subject" => "même correspondant et même objet",
                "campaign" => {
                    "son texte est presque identique à celui d'autres expéditeurs (campagne)"
                }
                "new" => "aucun dossier existant ne lui correspondait, un nouveau a été ouvert",
                "staff" => "un collaborateur l'y a placé",
                _ => "rattachement automatique",
            };
            sentences.push(format!(
                "Dossier n° {id} « {title} » ({}) : {why}.",
                state.french()
            ));
            if let Some(d) = divergence {
                sentences.push(format!(
                    "Attention : les {} messages de cette campagne ne se ressemblent pas assez ; vérifiez qu'ils en font tous partie.",
                    d.members
                ));
            }
        }
        Filing::Automatic { kind, bounce_of } => {
            sentences.push(format!(
                "Aucun dossier : c'est un courrier automatique ({}), qui n'ouvre ni ne rejoint de dossier.",
                kind.french()
            ));
            if let Some(original) = bounce_of {
                sentences.push(format!(
                    "Il signale que le message n° {original} n'a pas été remis."
                ));
            }
        }
        Filing::Nowhere => sentences.push("Dossier : pas encore rangé.".into()),
    }
    French {
        sentences,
        trace: trace(e, theme_label),
    }
}

/// The technical trace: what each stage recorded, with its figures.
fn trace(e: &Explanation, theme_label: impl Fn(&str) -> String) -> Vec<String> {
    let mut out = vec!["Expéditeur reconnu :".to_string()];
    match &e.official {
        Some(m) => {
            match &m.official {
                Some(o) => out.push(format!(
                    "  {} {} (élu n° {}, {}) — {} (confiance {:.0} %)",
                    o.prenom,
                    o.nom,
                    o.id,
                    if o.title.is_empty() {
                        &o.fonction
                    } else {
                        &o.title
                    },
                    m.method.french(),
                    o.confidence * 100.0
                )),
                None => out.push(format!("  aucun élu — {}", m.method.french())),
            }
            if !m.candidates.is_empty() {
                let ids: Vec<String> = m.candidates.iter().map(|c| format!("n° {c}")).collect();
                out.push(format!("  élus candidats : {}", ids.join(", ")));
            }
            if !m.reason.is_empty() {
                out.push(format!("  détail : {}", m.reason));
            }
        }
        None => out.push("  pas encore décidé".into()),
    }
    out.push(String::new());
    out.push("Communes :".into());
    if e.communes.is_empty() {
        out.push("  aucune".into());
    }
    for c in &e.communes {
        out.push(match &c.reason {
            CommuneReason::Official => format!("  {} ({}) — élu expéditeur", c.name, c.code),
            CommuneReason::Domain { address } => {
                format!("  {} ({}) — domaine de {address}", c.name, c.code)
            }
            CommuneReason::Attachment { file, matched } => {
                format!("  {} ({}) — « {matched} », pièce jointe « {file} »", c.name, c.code)
            }
            CommuneReason::Text {
                context,
                matched,
                position,
            } => format!(
                "  {} ({}) — « {matched} », contexte {context}, position {position} (objet + texte)",
                c.name, c.code
            ),
        });
    }
    out.push(String::new());
    out.push("Thèmes (le principal d'abord) :".into());
    if e.themes.is_empty() {
        out.push("  aucun".into());
    }
    for t in &e.themes {
        out.push(format!(
            "  {} — règle {}, score {:.1}",
            theme_label(&t.theme),
            t.rule,
            t.score
        ));
        for f in &t.terms {
            out.push(format!(
                "    « {} » dans {}{}, position {}",
                f.term,
                field(&f.field),
                f.attachment
                    .as_ref()
                    .map(|a| format!(" « {a} »"))
                    .unwrap_or_default(),
                f.position
            ));
        }
    }
    out.push(String::new());
    out.push("Dossier :".into());
    match &e.filing {
        Filing::Case {
            id, method, reason, ..
        } => {
            out.push(format!("  n° {id} — méthode {method}"));
            out.push(format!("  détail : {reason}"));
        }
        Filing::Automatic { kind, bounce_of } => {
            out.push(format!("  aucun — {}", kind.as_str()));
            if let Some(original) = bounce_of {
                out.push(format!("  non-remise du message n° {original}"));
            }
        }
        Filing::Nowhere => out.push("  aucun".into()),
    }
    out
}
