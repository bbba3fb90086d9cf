//! The officials stage end to end on small hand-made directories: every matching method, with
//! its reason; homonyms are never guessed; former officials keep their mail; staff corrections
//! teach addresses, except from unverified senders; re-import keeps history.

use crate::util::TestEnv;

const MAYORS_2026: &str = "Code du département;Libellé du département;Code de la collectivité à statut particulier;Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;Date de début du mandat;Date de début de la fonction
38;Isère;;;38545;Vif;CARASSIO;Guillaume;M;12/04/1975;38;Ingénieur;15/03/2026;22/03/2026
38;Isère;;;38229;Meylan;MARTIN-REY;Marie-Claire;F;03/02/1968;33;Cadre;15/03/2026;22/03/2026
38;Isère;;;38330;Quincieu;DUPONT;Jean;M;01/01/1960;10;Agriculteur;15/03/2026;22/03/2026
73;Savoie;;;73001;Aillon-le-Jeune;DUPONT;Jean;M;05/05/1970;10;Agriculteur;15/03/2026;22/03/2026
38;Isère;;;38253;Mens;LE GOFF;Anne-Sophie;F;07/07/1977;33;Cadre;15/03/2026;22/03/2026
";

/// An older release: snake_case, commas, quotes, ISO dates; Mens had another mayor.
const MAYORS_2020: &str = "code_departement,libelle_departement,code_commune,libelle_commune,nom_elu,prenom_elu,sexe,date_naissance,date_debut_mandat\n\
\"38\",\"Isère\",\"38545\",\"Vif\",\"CARASSIO\",\"Guillaume\",\"M\",\"1975-04-12\",\"2020-05-23\"\n\
\"38\",\"Isère\",\"38253\",\"Mens\",\"BERNARD\",\"Paul\",\"M\",\"1950-09-09\",\"2020-05-23\"\n";

fn message(from: &str, date: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: permanence@senateur-exemple.fr\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <{}@test>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
        subject.replace(' ', "-")
    )
}

fn setup() -> TestEnv {
    let env = TestEnv::new();
    env.init_isere();
    let old = env.path("maires-2020.csv");
    std::fs::write(&old, MAYORS_2020).unwrap();
    let new = env.path("maires-2026.csv");
    std::fs::write(&new, MAYORS_2026).unwrap();
    let out = env.ok(&[
        "officials",
        "import",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert!(out.contains("maires-2020.csv: mayors"), "{out}");
    // Mens changed mayor: the 2020 one gets an end date; Vif's mayor stays.
    assert!(out.contains("maires-2026.csv: mayors (UTF-8, separator ';'): 5 rows: added 4, updated 1, ended 1, rejected 0"), "{out}");
    env
}

fn official_of(env: &TestEnv, subject: &str) -> serde_json::Value {
    let m = env
        .export()
        .into_iter()
        .find(|m| m["subject"] == subject)
        .unwrap_or_else(|| panic!("{subject} not exported"));
    m["official"].clone()
}

fn id_named(env: &TestEnv, nom: &str, commune: &str) -> i64 {
    let out = env.ok(&["officials", "list", "--format", "jsonl"]);
    out.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|p| {
            p["nom"] == nom
                && p["mandates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|m| m["code"] == commune)
        })
        .unwrap_or_else(|| panic!("{nom} of {commune} not listed"))["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn every_method_decides_with_a_reason_and_homonyms_are_not_guessed() {
    let env = setup();
    let mails = [
        (
            "sig.eml",
            message(
                "Guillaume C <gc.perso@gmail.com>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Signature nom",
                "Bonjour,\r\nPouvez-vous nous aider ?\r\nCordialement,\r\nGuillaume CARASSIO\r\nMaire de Vif",
            ),
        ),
        (
            "initials.eml",
            message(
                "mcmr@free.fr",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Signature initiales",
                "Merci.\r\n\r\nLa Maire, M.-C. Martin-Rey\r\nMairie de Meylan",
            ),
        ),
        (
            "domain.eml",
            message(
                "Guillaume Carassio <g.carassio@mairie-vif.fr>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Domaine",
                "Bonjour, voici le dossier.",
            ),
        ),
        (
            "generic.eml",
            message(
                "Mairie de Meylan <accueil@ville-meylan.fr>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Generique",
                "Bonjour, pour le maire, voici la délibération.",
            ),
        ),
        (
            "behalf.eml",
            message(
                "secretariat@orange.fr",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Pour le maire",
                "Bonjour,\r\nCordialement,\r\nPour le maire, la secrétaire de mairie\r\nMairie de Quincieu\r\n38470 QUINCIEU",
            ),
        ),
        (
            "name.eml",
            message(
                "Anne-Sophie Le Goff <asl@laposte.net>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Nom seul",
                "Bonjour, une question.",
            ),
        ),
        (
            "homonym.eml",
            message(
                "Jean Dupont <jd@gmail.com>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Homonyme",
                "Bonjour, une question.",
            ),
        ),
        (
            "homonym-dis.eml",
            message(
                "Jean Dupont <jd@gmail.com>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Homonyme situe",
                "Bonjour,\r\nJean Dupont\r\nMaire de Quincieu",
            ),
        ),
        (
            "former.eml",
            message(
                "Paul Bernard <pb@wanadoo.fr>",
                "Tue, 3 Jan 2023 10:00:00 +0100",
                "Ancien maire",
                "Bien à vous,\r\nPaul BERNARD\r\nMaire de Mens",
            ),
        ),
        (
            "citizen.eml",
            message(
                "Paul Martin <pm@gmail.com>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Citoyen",
                "Bonjour, j'ai rencontré le maire de Vif, M. Carassio, qui m'a conseillé de vous écrire.\r\nCordialement,\r\nPaul Martin\r\n38450 Vif",
            ),
        ),
        (
            "lookalike.eml",
            message(
                "Sophie Carassio <sc@gmail.com>",
                "Mon, 6 Apr 2026 10:00:00 +0200",
                "Sosie",
                "Bonjour, je suis étudiante.\r\nSophie Carassio",
            ),
        ),
    ];
    let mut paths = Vec::new();
    for (name, text) in &mails {
        let p = env.path(name);
        std::fs::write(&p, text).unwrap();
        paths.push(p);
    }
    let args: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    env.ingest(&args);
    let vif = id_named(&env, "CARASSIO", "38545");
    let meylan = id_named(&env, "MARTIN-REY", "38229");
    let quincieu = id_named(&env, "DUPONT", "38330");
    let mens_old = id_named(&env, "BERNARD", "38253");
    let mens = id_named(&env, "LE GOFF", "38253");
    let check = |subject: &str, id: i64, method: &str| {
        let o = official_of(&env, subject);
        assert_eq!(o["id"], id, "{subject}: {o}");
        assert_eq!(o["method"], method, "{subject}: {o}");
    };
    check("Signature nom", vif, "signature");
    check("Signature initiales", meylan, "signature");
    check("Domaine", vif, "town_hall_domain");
    check("Generique", meylan, "town_hall_generic");
    check("Pour le maire", quincieu, "signature");
    check("Homonyme situe", quincieu, "signature");
    check("Ancien maire", mens_old, "signature");
    let o = official_of(&env, "Domaine");
    assert_eq!(
        (
            o["nom"].as_str(),
            o["commune_code"].as_str(),
            o["fonction"].as_str()
        ),
        (Some("CARASSIO"), Some("38545"), Some("Maire"))
    );
    assert!(o["confidence"].as_f64().unwrap() > 0.5);
    // A name alone is not an identity: a possible candidate, shown with why it was not taken.
    let name_only = env
        .export()
        .into_iter()
        .find(|m| m["subject"] == "Nom seul")
        .unwrap();
    let show = env.ok(&["show", &name_only["id"].to_string()]);
    assert!(
        show.contains("possible")
            && show.contains(&mens.to_string())
            && show.contains("a name alone"),
        "{show}"
    );
    for nobody in ["Homonyme", "Citoyen", "Sosie", "Nom seul"] {
        assert_eq!(
            official_of(&env, nobody),
            serde_json::Value::Null,
            "{nobody}"
        );
    }
    // The homonym lists both candidates, and says why.
    let exported = env.export();
    let homonym = exported
        .iter()
        .find(|m| m["subject"] == "Homonyme")
        .unwrap();
    let show = env.ok(&["show", &homonym["id"].to_string()]);
    assert!(show.contains("possible"), "{show}");
    assert!(show.contains("fits Jean DUPONT"), "{show}");
    assert!(show.contains(&quincieu.to_string()), "{show}");
    assert!(show.contains("not taken: a name alone"), "{show}");
    // Reasons are shown.
    let sig = exported
        .iter()
        .find(|m| m["subject"] == "Signature nom")
        .unwrap();
    let show = env.ok(&["show", &sig["id"].to_string()]);
    assert!(
        show.contains("Official:   Guillaume CARASSIO") && show.contains("Maire de Vif"),
        "{show}"
    );
    // Searchable.
    let (ids, _) = env.search(&["official:carassio"]);
    assert!(ids.contains(&sig["id"].as_i64().unwrap()));
    // The person view lists their mail, newest first.
    let person = env.ok(&["officials", "show", &vif.to_string()]);
    assert!(
        person.contains("Signature nom") && person.contains("Domaine"),
        "{person}"
    );
    // The former mayor's mandate has an end date; their mail stays attached.
    let old = env.ok(&["officials", "show", &mens_old.to_string()]);
    assert!(old.contains("— ended "), "{old}");
    assert!(old.contains("Ancien maire"), "{old}");
}

#[test]
fn staff_confirmation_learns_the_address_unless_the_sender_is_unverified() {
    let env = setup();
    let vif = id_named(&env, "CARASSIO", "38545");
    let first = env.path("first.eml");
    std::fs::write(
        &first,
        message(
            "GC <gc38@gmail.com>",
            "Mon, 6 Apr 2026 10:00:00 +0200",
            "Premier",
            "Bonjour, une question sans signature.",
        ),
    )
    .unwrap();
    env.ingest(&[first.to_str().unwrap()]);
    assert_eq!(official_of(&env, "Premier"), serde_json::Value::Null);
    let out = env.ok(&["officials", "confirm", "<Premier@test>", &vif.to_string()]);
    assert!(out.contains("address gc38@gmail.com learned"), "{out}");
    assert_eq!(official_of(&env, "Premier")["method"], "staff");
    let premier = env
        .export()
        .into_iter()
        .find(|m| m["subject"] == "Premier")
        .unwrap();
    assert_eq!(
        premier["communes"],
        serde_json::json!(["38545"]),
        "the confirmed official's commune joins the message"
    );
    // The next message from that address matches by address.
    let second = env.path("second.eml");
    std::fs::write(
        &second,
        message(
            "GC <gc38@gmail.com>",
            "Tue, 7 Apr 2026 10:00:00 +0200",
            "Second",
            "Re-bonjour.",
        ),
    )
    .unwrap();
    env.ingest(&[second.to_str().unwrap()]);
    let o = official_of(&env, "Second");
    assert_eq!(
        (o["id"].as_i64(), o["method"].as_str()),
        (Some(vif), Some("address"))
    );
    // --not rejects it and forgets the learned address.
    let out = env.ok(&[
        "officials",
        "confirm",
        "<Second@test>",
        &vif.to_string(),
        "--not",
    ]);
    assert!(out.contains("is not from"), "{out}");
    assert_eq!(official_of(&env, "Second"), serde_json::Value::Null);
    // A spoofed message (DMARC failed) is flagged and confirming it learns nothing.
    let spoof = env.path("spoof.eml");
    let text = message("Guillaume CARASSIO <maire@vif-mairie.com>", "Wed, 8 Apr 2026 10:00:00 +0200", "Usurpation", "Merci de virer 5000 euros.\r\nGuillaume CARASSIO\r\nMaire de Vif")
        .replacen("From:", "Authentication-Results: mx.senateur-exemple.fr; dmarc=fail header.from=vif-mairie.com; spf=fail\r\nFrom:", 1);
    std::fs::write(&spoof, text).unwrap();
    env.ingest(&[spoof.to_str().unwrap()]);
    let exported = env.export();
    let m = exported
        .iter()
        .find(|m| m["subject"] == "Usurpation")
        .unwrap();
    let show = env.ok(&["show", &m["id"].to_string()]);
    assert!(show.contains("NOT VERIFIED"), "{show}");
    let out = env.ok(&[
        "officials",
        "confirm",
        &m["id"].to_string(),
        &vif.to_string(),
    ]);
    assert!(out.contains("NOT learned"), "{out}");
    let person = env.ok(&["officials", "show", &vif.to_string()]);
    let known = person
        .lines()
        .find(|l| l.starts_with("Known addresses:"))
        .unwrap();
    assert_eq!(known, "Known addresses: none", "{person}");
}

#[test]
fn address_book_links_contacts_to_officials() {
    let env = setup();
    let csv = env.path("contacts.csv");
    std::fs::write(&csv, "Nom;Prénom;Courriel;Commune;Code commune;Fonction\nCarassio;Guillaume;g.carassio@orange.fr;Vif;38545;Maire\nDurand;Lucie;lucie.durand@ledauphine.com;;;Journaliste\n").unwrap();
    let out = env.ok(&["contacts", "import", csv.to_str().unwrap()]);
    assert!(
        out.contains("2 contacts: added 2, already known 0, linked to an official 1"),
        "{out}"
    );
    let again = env.ok(&["contacts", "import", csv.to_str().unwrap()]);
    assert!(again.contains("added 0, already known 2"), "{again}");
    let vcf = env.path("contacts.vcf");
    std::fs::write(&vcf, "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Martin-Rey;Marie-Claire;;;\r\nFN:Marie-Claire Martin-Rey\r\nEMAIL:mcmr@ville-meylan.fr\r\nEND:VCARD\r\n").unwrap();
    let out = env.ok(&["contacts", "import", vcf.to_str().unwrap()]);
    assert!(out.contains("linked to an official 1"), "{out}");
    let mail = env.path("m.eml");
    std::fs::write(
        &mail,
        message(
            "g.carassio@orange.fr",
            "Mon, 6 Apr 2026 10:00:00 +0200",
            "Carnet",
            "Bonjour.",
        ),
    )
    .unwrap();
    let journalist = env.path("j.eml");
    std::fs::write(
        &journalist,
        message(
            "Lucie Durand <lucie.durand@ledauphine.com>",
            "Mon, 6 Apr 2026 10:00:00 +0200",
            "Presse",
            "Bonjour.",
        ),
    )
    .unwrap();
    env.ingest(&[mail.to_str().unwrap(), journalist.to_str().unwrap()]);
    let o = official_of(&env, "Carnet");
    assert_eq!(
        (o["nom"].as_str(), o["method"].as_str()),
        (Some("CARASSIO"), Some("address"))
    );
    assert_eq!(
        official_of(&env, "Presse"),
        serde_json::Value::Null,
        "a contact who is not an official"
    );
}

#[test]
fn import_refuses_bad_rows_with_line_numbers_and_continues() {
    let env = TestEnv::new();
    let file = env.path("bad.csv");
    let text = format!(
        "{}38;Isère;;;38545;Vif;;Sans nom;M;01/01/1960;1;X;15/03/2026;22/03/2026\n38;Isère;;;ABCDE;Nulle;NOM;Prenom;M;01/01/1960;1;X;15/03/2026;22/03/2026\n38;Isère;;;38001;Les Abrets;NOM;Prenom;M;31/02/1960;1;X;15/03/2026;22/03/2026\n38;Isère\n",
        MAYORS_2026
    );
    std::fs::write(&file, text).unwrap();
    let out = env.ok(&["officials", "import", file.to_str().unwrap()]);
    assert!(
        out.contains("9 rows: added 5, updated 0, ended 0, rejected 4"),
        "{out}"
    );
    assert!(out.contains("line 7: empty surname or first name"), "{out}");
    assert!(
        out.contains("line 8: invalid commune code \"ABCDE\""),
        "{out}"
    );
    assert!(
        out.contains("line 9: invalid birth date \"31/02/1960\""),
        "{out}"
    );
    assert!(out.contains("line 10: 2 fields"), "{out}");
}

/// Every (person, mandate) that `officials list` shows, as
/// `NOM|Prénom|birth|kind|code|département|fonction|start`.
fn mandates_listed(env: &TestEnv) -> Vec<String> {
    let out = env.ok(&["officials", "list", "--format", "jsonl"]);
    let mut listed = Vec::new();
    for line in out.lines() {
        let p: serde_json::Value = serde_json::from_str(line).unwrap();
        for m in p["mandates"].as_array().unwrap() {
            listed.push(
                [
                    &p["nom"],
                    &p["prenom"],
                    &p["birth_date"],
                    &m["kind"],
                    &m["code"],
                    &m["departement"],
                    &m["fonction"],
                    &m["start_date"],
                ]
                .iter()
                .map(|v| v.as_str().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("|"),
            );
        }
    }
    listed
}

// See: issue 15 (the RNE importer reads every RNE release). Each file is derived from real rows
// (fixtures/rne/SOURCE.md); the expected mandates were read off the published files.
#[test]
fn issue_15_every_rne_release_imports_its_officials() {
    let quirks = crate::util::fixtures().join("rne").join("quirks");
    for (file, kind, rows, expected) in [
        (
            // An earlier national mayors release: the commune code is the number within the
            // département (`001` in 01, `004` in 2A, `02` in 971). It used to be 0 added, all
            // rejected.
            "earlier-mayors-3digit.csv",
            "mayors",
            40,
            &[
                "EVALET TAPONAT|Line|1967-07-22|mai|01001|01|Maire|2026-03-15",
                "MINICONI|Paul-Dominique|1956-05-23|mai|2A001|2A|Maire|2026-03-15",
                "CASANOVA|André|1961-03-23|mai|2B002|2B|Maire|2026-03-15",
                "GASTALDELLO|Benjamin|1986-04-17|mai|38001|38|Maire|2026-03-15",
                "GRÉGOIRE|Emmanuel|1977-12-24|mai|75056|75|Maire|2026-03-22",
                "MOUSTACHE|Daniel|1963-03-27|mai|97102|971|Maire|2026-03-22",
                "FERRERE|Eric|1964-01-29|mai|97401|974|Maire|2026-03-15",
                "ABDOURAHAMANI|Assadillah|1977-06-23|mai|97609|976|Maire|2026-03-22",
            ][..],
        ),
        (
            // A PostgreSQL dump: snake_case, commas, `1962-11-25 00:00:00+00`.
            "deputies-pg-timestamps.csv",
            "deputies",
            19,
            &[
                "BRETON|Xavier|1962-11-25|dep|0101|01|Député|2024-07-08",
                "LACOMBE|Xavier|1965-06-08|dep|2A01|2A|Député|2025-01-24",
                "LESCURE|Roland|1966-11-26|dep|ZZ01|ZZ|Député|2024-07-08",
                "LENORMAND|Stéphane|1964-08-13|dep|97501||Député|2024-07-08",
            ][..],
        ),
        (
            // Renamed columns ("Code département", "Nom", "Début du mandat"), ISO `T` times.
            "senators-iso-t.csv",
            "senators",
            13,
            &[
                "BLATRIX CONTAT|Florence|1966-03-30|sen|01|01|Sénateur|2020-10-01",
                "LUREL|Victorin|1951-08-20|sen|971|971|Sénateur|2023-10-02",
                "CADIC|Olivier|1962-04-22|sen|ZZ|ZZ|Sénateur|2021-10-01",
                "BUVAL|Frédéric|1951-03-24|sen|972||Sénateur|2023-10-02",
                "JACQUES|Micheline|1971-10-08|sen|977||Sénateur|2020-10-01",
            ][..],
        ),
        (
            // Saved from a spreadsheet: `2/5/1955`, `1/7/2021`.
            "cd-unpadded-dates.csv",
            "departmental councillors",
            12,
            &[
                "BRUNET|Joël|1955-05-02|cd|0101|01|Conseiller départemental|2021-07-01",
                "FOURNIER|Clotilde|1966-09-01|cd|0102|01|9ème Vice-président du conseil départemental|2021-07-01",
                "ISSELÉ|Christelle|1978-05-15|cd|6701|6AE|Conseiller départemental|2021-07-01",
                "KRIEGER|Laurent|1982-04-21|cd|6702|6AE|Conseiller départemental|2022-02-21",
                "FAITHFUL|Francesca|1951-03-01|cd|97101|971|Conseiller départemental|2021-12-06",
            ][..],
        ),
        (
            // Latin-1, tab, CRLF, a title line, snake_case headers.
            "cm-latin1-tab-title.tsv",
            "municipal councillors",
            20,
            &[
                "ANDRIEU|Gérard|1951-03-06|cm|32013|32|Conseiller municipal|2024-04-11",
                "CARRIÉ|Françoise|1954-04-10|cm|32013|32|3ème adjoint au Maire|2020-05-18",
                "ROUSSE|Jean-François|1965-08-07|cm|32107|32|Maire|2020-06-28",
            ][..],
        ),
    ] {
        let env = TestEnv::new();
        let path = quirks.join(file);
        let out = env.ok(&["officials", "import", "--json", path.to_str().unwrap()]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let s = &v["files"][0];
        assert_eq!(
            (s["kind"].as_str(), s["rows"].as_u64(), s["added"].as_u64()),
            (Some(kind), Some(rows), Some(rows)),
            "{file}: {s}"
        );
        assert_eq!(s["rejected"], serde_json::json!([]), "{file}");
        assert_eq!(v["failed"], serde_json::json!([]), "{file}");
        let listed = mandates_listed(&env);
        assert_eq!(listed.len() as u64, rows, "{file}: {listed:#?}");
        for mandate in expected {
            assert!(
                listed.iter().any(|l| l == mandate),
                "{file}: {mandate} not in {listed:#?}"
            );
        }
        // Every commune code is complete and in its département.
        for l in &listed {
            let f: Vec<&str> = l.split('|').collect();
            if matches!(f[3], "mai" | "cm") {
                assert!(f[4].len() == 5 && f[4].starts_with(f[5]), "{file}: {l}");
            }
        }
        // Importing the same release again changes nothing.
        let again = env.ok(&["officials", "import", path.to_str().unwrap()]);
        assert!(
            again.contains(&format!(
                "{rows} rows: added 0, updated 0, ended 0, rejected 0"
            )),
            "{file}: {again}"
        );
    }
}

// See: issue 15. A file most of whose rows are refused is a layout the importer did not
// understand: one line, nothing imported from it, exit 1; the other files still import.
#[test]
fn issue_15_a_file_not_understood_imports_nothing_and_fails() {
    let env = TestEnv::new();
    let quirks = crate::util::fixtures().join("rne").join("quirks");
    let bad = quirks.join("not-understood.csv");
    let good = quirks.join("cd-unpadded-dates.csv");
    let out = env.run(&[
        "officials",
        "import",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let about_bad: Vec<&str> = stdout
        .lines()
        .chain(stderr.lines())
        .filter(|l| l.contains("not-understood.csv"))
        .collect();
    assert_eq!(
        about_bad,
        [format!(
            "{}: error: not understood: 9 of 10 rows rejected, the first at line 3: invalid commune code \"Artas\"; nothing imported",
            bad.display()
        )],
        "{stdout}{stderr}"
    );
    assert!(
        stdout.contains("cd-unpadded-dates.csv: departmental councillors (UTF-8, separator ';'): 12 rows: added 12"),
        "{stdout}"
    );
    // Not even its one readable row (L'Albenc's mayor) was imported.
    let listed = mandates_listed(&env);
    assert_eq!(listed.len(), 12, "{listed:#?}");
    assert!(listed.iter().all(|l| l.contains("|cd|")), "{listed:#?}");
    // The same in JSON.
    let out = env.run(&["officials", "import", "--json", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"], serde_json::json!([]));
    assert_eq!(v["failed"][0]["file"], bad.display().to_string());
    assert!(
        v["failed"][0]["error"]
            .as_str()
            .unwrap()
            .starts_with("not understood: 9 of 10 rows rejected"),
        "{v}"
    );
    // A file that is no RNE file at all is reported the same way.
    let other = env.path("notes.txt");
    std::fs::write(&other, "quelques notes\n").unwrap();
    let out = env.run(&["officials", "import", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("notes.txt: error: no header line with a name and a first name column"),
        "{stdout}"
    );
}

/// Mandates have dates (issue 15): the town hall of Ambel wrote in 2025 under its 2020 mayor
/// and in 2026 under the new one; each letter is attributed to whoever was mayor on its date.
/// The new mayor's page keeps the predecessor's mail apart (« maire … jusqu'au 21/03/2026 »),
/// and the officials search finds Ambel's officials by the commune's name.
#[test]
fn a_letter_is_attributed_to_whoever_held_the_function_on_its_date() {
    let env = TestEnv::new();
    env.init_isere();
    let rne = crate::util::fixtures().join("rne");
    env.ok(&[
        "officials",
        "import",
        rne.join("elus-maires-2020-38.csv").to_str().unwrap(),
        rne.join("elus-maires-mai.csv").to_str().unwrap(),
    ]);
    for (file, date, subject) in [
        ("2025.eml", "Tue, 10 Jun 2025 10:00:00 +0200", "Voirie 2025"),
        ("2026.eml", "Wed, 10 Jun 2026 10:00:00 +0200", "Voirie 2026"),
    ] {
        env.ingest_bytes(
            file,
            message(
                "Mairie d'Ambel <accueil@mairie-ambel.fr>",
                date,
                subject,
                "Bonjour,\r\nLa route communale est à refaire.\r\nCordialement,\r\nLe secrétariat",
            )
            .as_bytes(),
        );
    }
    let before = id_named(&env, "EYMERY", "38008");
    let after = id_named(&env, "ABERT", "38008");
    assert_eq!(official_of(&env, "Voirie 2025")["id"], before);
    assert_eq!(official_of(&env, "Voirie 2026")["id"], after);

    let server = crate::util::WebServer::start(&env);
    env.add_user("sam", "staff", crate::web::PW);
    let mut client = crate::web::Client::logged_in(&server, "sam");
    let page = client.get(&format!("/official/{after}")).text();
    let (own, predecessors) = page
        .split_once("Échanges de ses prédécesseurs")
        .unwrap_or_else(|| panic!("no predecessors' section:\n{page}"));
    assert!(
        own.contains("Voirie 2026") && !own.contains("Voirie 2025"),
        "{own}"
    );
    assert!(
        predecessors.contains("Voirie 2025")
            && predecessors.contains("jusqu'au 21/03/2026")
            && predecessors.contains(&format!("/official/{before}")),
        "{predecessors}"
    );
    let found = client.get("/officials?q=Ambel").text();
    assert!(found.contains(&format!("/official/{after}")), "{found}");
}

/// A name is not an identity in the address book either (issue 15): a journalist who shares
/// the mayor of Vif's name is not linked to him, and his mail is nobody's; the mayor himself,
/// listed with his commune, is.
#[test]
fn an_address_book_namesake_is_not_linked_to_the_official() {
    let env = setup();
    let csv = env.path("contacts.csv");
    std::fs::write(
        &csv,
        "Nom;Prénom;Courriel;Commune;Code commune;Fonction;Organisation\n\
         Carassio;Guillaume;g.carassio@ledauphine.com;;;Journaliste;Le Dauphiné libéré\n",
    )
    .unwrap();
    let out = env.ok(&["contacts", "import", csv.to_str().unwrap()]);
    assert!(out.contains("linked to an official 0"), "{out}");
    env.ingest_bytes(
        "press.eml",
        message(
            "Guillaume Carassio <g.carassio@ledauphine.com>",
            "Mon, 6 Apr 2026 10:00:00 +0200",
            "Interview",
            "Bonjour,\r\nPourrions-nous caler une interview ?\r\nGuillaume Carassio",
        )
        .as_bytes(),
    );
    assert_eq!(official_of(&env, "Interview"), serde_json::Value::Null);
}
