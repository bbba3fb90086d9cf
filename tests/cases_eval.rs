//! Case filing on the independent evaluation set of issue 14 (`fixtures/cases-eval-a/`, written
//! from the issue text alone by a helper who saw neither the code nor the other sets; its
//! SOURCE.md says how), measured as `shared/EVALUATION.md` defines it, and the staff repair of a
//! campaign (`case detach`).
//!
//! `cases-eval-a` has become the DEVELOPMENT set of issue 14: the formulas, the 60-word minimum,
//! the 0.45 threshold and the follow-up rule were chosen while looking at its failures, so its figures are not the
//! figures of unseen mail. `fixtures/cases-eval-b/` (another helper, same instructions) is kept
//! aside, unmeasured, for that.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::util::*;

const AUTOMATIC: [&str; 3] = ["auto_reply", "bulk", "bounce"];

struct Figures {
    auto_precision: f64,
    auto_recall: f64,
    auto_in_case: usize,
    precision: f64,
    recall: f64,
    mixing: usize,
}

/// Ingests `set`'s Maildir into a data directory configured for `office` and `departement`,
/// and measures it against `truth.jsonl`.
fn measure(set: &str, office: &str, departement: &str) -> Figures {
    let env = TestEnv::new();
    env.init_office(departement, office);
    let dir = fixtures().join(set);
    env.ok(&[
        "ingest",
        "--maildir",
        dir.join("maildir").to_str().expect("path"),
    ]);
    let exported: HashMap<String, Value> = env
        .export()
        .into_iter()
        .map(|m| (m["message_id"].as_str().unwrap_or("").to_string(), m))
        .collect();
    let truth: Vec<Value> = std::fs::read_to_string(dir.join("truth.jsonl"))
        .expect("truth.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("truth line"))
        .collect();
    assert!(truth.len() >= 1_000, "{set}: {} messages", truth.len());
    let (mut tp, mut fp, mut fn_, mut auto_in_case) = (0usize, 0usize, 0usize, 0usize);
    // Spam (no spam flag from the server) is not automatic mail in the measures' sense, but
    // filed into a case it costs staff too: counted and printed.
    let mut spam_in_case = 0usize;
    let mut items: Vec<(String, String)> = Vec::new();
    for t in &truth {
        let id = t["message_id"].as_str().expect("message_id");
        let m = exported
            .get(id)
            .unwrap_or_else(|| panic!("{set}: {id} not stored"));
        let kind = t["kind"].as_str().unwrap_or("");
        let truly = AUTOMATIC.contains(&kind);
        let said = AUTOMATIC.contains(&m["kind"].as_str().unwrap_or(""));
        tp += usize::from(truly && said);
        fp += usize::from(said && !truly);
        fn_ += usize::from(truly && !said);
        if truly && !m["case_id"].is_null() {
            auto_in_case += 1;
        }
        if kind == "spam" && !m["case_id"].is_null() {
            spam_in_case += 1;
        }
        if kind == "personal"
            && let Some(label) = t["case"].as_str()
        {
            let got = match m["case_id"].as_i64() {
                Some(c) => format!("case{c}"),
                None => format!("alone:{id}"),
            };
            items.push((label.to_string(), got));
        }
    }
    let pairs =
        |counts: &BTreeMap<&str, u64>| counts.values().map(|n| n * (n - 1) / 2).sum::<u64>();
    let (mut by_truth, mut by_got, mut by_both) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut labels_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let both_keys: Vec<String> = items.iter().map(|(t, g)| format!("{t}\u{0}{g}")).collect();
    for ((t, g), key) in items.iter().zip(&both_keys) {
        *by_truth.entry(t.as_str()).or_insert(0u64) += 1;
        *by_got.entry(g.as_str()).or_insert(0u64) += 1;
        *by_both.entry(key.as_str()).or_insert(0u64) += 1;
        labels_of.entry(g.as_str()).or_default().insert(t.as_str());
    }
    let (truth_pairs, got_pairs, both_pairs) = (pairs(&by_truth), pairs(&by_got), pairs(&by_both));
    let f = Figures {
        auto_precision: tp as f64 / (tp + fp).max(1) as f64,
        auto_recall: tp as f64 / (tp + fn_).max(1) as f64,
        auto_in_case,
        precision: both_pairs as f64 / got_pairs.max(1) as f64,
        recall: both_pairs as f64 / truth_pairs.max(1) as f64,
        mixing: labels_of.values().filter(|l| l.len() > 1).count(),
    };
    eprintln!(
        "{set}: automatic mail precision {:.3}, recall {:.3}, {} in a case; spam in a case {spam_in_case}; pairwise case precision {:.3}, recall {:.3}; {} predicted cases mixing labels",
        f.auto_precision, f.auto_recall, f.auto_in_case, f.precision, f.recall, f.mixing
    );
    f
}

/// The bars of issue 14 this set meets are asserted as they are; the two it does not meet
/// (pairwise recall 0.95: 0.812 here, 0.943 without the 24 campaign copies whose motion is
/// only in a PDF, the rest copies edited beyond the 0.45 threshold; no case mixing labels: 2
/// here, DETR and GP letters from one template) are printed, not asserted, and the
/// issue stays open.
#[test]
fn development_set_a_meets_the_automatic_mail_and_precision_bars() {
    let f = measure("cases-eval-a", "permanence@senateur-isere-exemple.fr", "38");
    assert!(
        f.auto_precision >= 0.99 && f.auto_recall >= 0.99,
        "automatic mail"
    );
    assert_eq!(f.auto_in_case, 0, "no automatic message in a case");
    assert!(
        f.precision >= 0.97,
        "pairwise case precision {:.3}",
        f.precision
    );
}

/// The held-out set of issue 14 (`fixtures/cases-eval-b/`), measured once with the finished
/// code (commit 1f52f52): automatic mail precision 1.000, recall 1.000, none in a case;
/// pairwise case precision 0.953, recall 0.727 (0.885 without the 20 campaign copies whose
/// motion is only in a PDF); 21 predicted cases mixing labels. The bars it meets are asserted;
/// the three it does not (precision 0.97, recall 0.95, no mixing) are NOT met and are printed,
/// not asserted — see the closing note of issue 14. Nothing was changed while looking at its
/// failures.
#[test]
fn held_out_set_b_meets_the_automatic_mail_bars() {
    let f = measure("cases-eval-b", "contact@depute-exemple.fr", "73");
    assert!(
        f.auto_precision >= 0.99 && f.auto_recall >= 0.99,
        "automatic mail"
    );
    assert_eq!(f.auto_in_case, 0, "no automatic message in a case");
}

/// A long motion, with the council's name in it.
fn motion(commune: &str) -> String {
    format!(
        "Le conseil municipal de {commune}, réuni en séance publique, exprime sa très vive \
         inquiétude face au projet de fermeture de la maternité de l'hôpital de Voiron, qui \
         obligerait les futures mères du territoire à parcourir plus de quarante-cinq minutes de \
         route pour accoucher, par tous les temps et sur des routes de montagne.\r\n\
         Il demande à l'Agence régionale de santé de renoncer à ce projet, de maintenir les \
         moyens humains et matériels du service et d'engager une concertation réelle avec les \
         élus locaux, les professionnels de santé et les usagers du bassin de vie.\r\n\
         Il charge le maire de transmettre la présente motion aux parlementaires de l'Isère.\r\n"
    )
}

fn copy(n: u32, from: &str, commune: &str) -> Vec<u8> {
    format!(
        "From: Mairie de {commune} <{from}>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Message-ID: <motion-{n}@{commune}.fr>\r\nDate: {:02} Mar 2026 10:00:00 +0100\r\n\
         Subject: Motion maternité de Voiron\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Madame la Sénatrice,\r\n\r\n{}\r\nLe Maire de {commune}\r\n",
        n + 1,
        motion(commune)
    )
    .into_bytes()
}

/// Staff take a sender out of a campaign in one action: their messages go to a case of their
/// own, both histories say so, and their next copy does not join the campaign again (while
/// another council's still does).
#[test]
fn a_sender_detached_from_a_campaign_never_rejoins_it() {
    let env = TestEnv::new();
    env.init_isere();
    let dir = env.path("in");
    std::fs::create_dir_all(&dir).expect("dir");
    let senders = [
        ("mairie@rives.fr", "Rives"),
        ("mairie@tullins.fr", "Tullins"),
        ("mairie@moirans.fr", "Moirans"),
    ];
    let mut files = Vec::new();
    for (n, (from, commune)) in senders.iter().enumerate() {
        let path = dir.join(format!("{n}.eml"));
        std::fs::write(&path, copy(n as u32, from, commune)).expect("write");
        files.push(path.to_str().expect("path").to_string());
    }
    let args: Vec<&str> = std::iter::once("ingest")
        .chain(files.iter().map(String::as_str))
        .collect();
    env.ok(&args);
    let campaign = env.case_of("motion-0@Rives.fr");
    assert_eq!(campaign, env.case_of("motion-2@Moirans.fr"), "one campaign");
    let shown: Value =
        serde_json::from_str(&env.ok(&["case", "show", &campaign.to_string(), "--json"]))
            .expect("json");
    assert_eq!(shown["kind"], "campaign");

    let out = env.ok(&[
        "case",
        "--as",
        "sam",
        "detach",
        &campaign.to_string(),
        "mairie@tullins.fr",
    ]);
    let own: i64 = out
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("new case id");
    assert_eq!(env.case_of("motion-1@Tullins.fr"), own);
    let shown: Value =
        serde_json::from_str(&env.ok(&["case", "show", &campaign.to_string(), "--json"]))
            .expect("json");
    assert!(
        shown["history"]
            .as_array()
            .expect("history")
            .iter()
            .any(|h| h["action"] == "detach"
                && h["who"] == "sam"
                && h["before"] == "mairie@tullins.fr"),
        "{shown}"
    );
    // Tullins writes again with the same motion; Voreppe sends it for the first time.
    for (n, (from, commune)) in [
        (3, ("mairie@tullins.fr", "Tullins")),
        (4, ("mairie@voreppe.fr", "Voreppe")),
    ] {
        env.ingest_bytes(&format!("{n}.eml"), copy(n, from, commune));
    }
    assert_ne!(
        env.case_of("motion-3@Tullins.fr"),
        campaign,
        "a detached sender never rejoins"
    );
    assert_eq!(
        env.case_of("motion-4@Voreppe.fr"),
        campaign,
        "other councils still join"
    );
}

/// A council forwarding its motion (`TR:`, a two-line cover note, then the header block of the
/// secretary's own message to the mayor and the motion) joins the campaign: the header block is
/// that of the forwarded message, not of a thread with the office. The council's later
/// « RE: » under its own subject joins the campaign too, not a case of its own.
#[test]
fn a_forwarded_motion_and_its_follow_up_join_the_campaign() {
    let env = TestEnv::new();
    env.init_isere();
    for (n, (from, commune)) in [
        ("mairie@rives.fr", "Rives"),
        ("mairie@tullins.fr", "Tullins"),
        ("mairie@moirans.fr", "Moirans"),
    ]
    .into_iter()
    .enumerate()
    {
        env.ingest_bytes(&format!("{n}.eml"), copy(n as u32, from, commune));
    }
    let campaign = env.case_of("motion-0@Rives.fr");
    let forward = format!(
        "From: Mairie de Voreppe <accueil@voreppe.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Message-ID: <fwd-1@voreppe.fr>\r\nDate: 09 Mar 2026 10:00:00 +0100\r\n\
         Subject: TR: Motion du conseil municipal\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Bonjour,\r\nCi-dessous la motion votée par notre conseil.\r\nCordialement,\r\nSylvie\r\n\r\n\
         ________________________________\r\nDe : Secrétariat <secretariat@voreppe.fr>\r\n\
         Envoyé : lundi 2 mars 2026 18:00\r\nÀ : maire@voreppe.fr\r\n\
         Objet : Motion du conseil municipal\r\n\r\n{}\r\nLe Maire de Voreppe\r\n",
        motion("Voreppe")
    );
    env.ingest_bytes("fwd.eml", forward.into_bytes());
    assert_eq!(
        env.case_of("fwd-1@voreppe.fr"),
        campaign,
        "a forwarded motion joins its campaign"
    );
    let follow_up = "From: Mairie de Tullins <mairie@tullins.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Message-ID: <re-1@tullins.fr>\r\nDate: 20 Mar 2026 10:00:00 +0100\r\n\
         Subject: RE: Motion maternité de Voiron\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Bonjour,\r\nAvez-vous pu relayer notre motion auprès du ministère ?\r\nLe Maire de Tullins\r\n";
    env.ingest_bytes("re.eml", follow_up.as_bytes());
    assert_eq!(
        env.case_of("re-1@tullins.fr"),
        campaign,
        "a campaign sender's follow-up under their subject joins the campaign"
    );
}

/// The same repair from the case page: the form lists the campaign's senders, a staff member
/// posts one, and the sender's mail leaves the campaign.
#[test]
fn a_sender_is_detached_from_a_campaign_through_the_web() {
    let office = crate::web::Office::new();
    let env = &office.env;
    for (n, (from, commune)) in [
        ("mairie@rives.fr", "Rives"),
        ("mairie@tullins.fr", "Tullins"),
        ("mairie@moirans.fr", "Moirans"),
    ]
    .iter()
    .enumerate()
    {
        env.ingest_bytes(&format!("m{n}.eml"), copy(n as u32, from, commune));
    }
    let campaign = env.case_of("motion-0@Rives.fr");
    let mut sam = office.logged_in("sam");
    let page = sam.get(&format!("/case/{campaign}"));
    assert!(
        page.text().contains("Retirer de la campagne"),
        "the form is there"
    );
    assert!(page.text().contains("mairie@tullins.fr"));
    let reply = sam.act(campaign, "detach", &[("value", "mairie@tullins.fr")]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    let moved = env.case_of("motion-1@Tullins.fr");
    assert_ne!(moved, campaign);
    assert_eq!(reply.location(), format!("/case/{moved}"));
    // A reader cannot.
    let mut rita = office.logged_in("rita");
    let reply = rita.act(campaign, "detach", &[("value", "mairie@moirans.fr")]);
    assert_eq!(reply.status, 403, "{}", reply.text());
}

fn citizen_mail(n: u32, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Chantal Morel <chantal.morel@orange.fr>\r\nTo: permanence@senateur-exemple.fr\r\n\
         Message-ID: <c{n}@orange.fr>\r\nDate: {:02} Apr 2026 10:00:00 +0200\r\n\
         Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        n + 1
    )
    .into_bytes()
}

/// A relance under a new subject, without thread headers, joins the correspondent's only
/// active case; a short message about something else opens a new one; and follow-up formulas
/// that fifty people write alike never make a campaign.
#[test]
fn a_follow_up_under_a_new_subject_joins_the_correspondents_case() {
    let env = TestEnv::new();
    env.init_isere();
    let mails = [
        citizen_mail(
            0,
            "Demande de logement social",
            "Madame la Sénatrice,\r\nNous attendons depuis trois ans un logement social à Voiron \
             pour notre famille de cinq personnes. Notre dossier est complet et prioritaire.\r\n\
             Pourriez-vous appuyer notre demande auprès du bailleur ?\r\nChantal Morel",
        ),
        citizen_mail(
            1,
            "Petite relance",
            "Bonjour,\r\nJe me permets de revenir vers vous concernant ce dossier, pour lequel \
             nous n'avons pas de nouvelles.\r\nCordialement,\r\nChantal Morel",
        ),
        citizen_mail(2, "Stade", "Des dépôts sauvages près du stade.\r\nC. Morel"),
    ];
    for (n, mail) in mails.iter().enumerate() {
        env.ingest_bytes(&format!("c{n}.eml"), mail);
    }
    let first = env.case_of("c0@orange.fr");
    assert_eq!(
        env.case_of("c1@orange.fr"),
        first,
        "the relance follows its request"
    );
    assert_ne!(
        env.case_of("c2@orange.fr"),
        first,
        "a new matter is a new case"
    );
    let explain = env.ok(&["explain", "c1@orange.fr"]);
    assert!(explain.contains("follow-up"), "{explain}");
}
