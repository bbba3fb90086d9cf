//! A national-size municipal-councillors file for tests and benchmarks: the RNE publishes one
//! for all of France (about 500,000 councillors), which we do not have. This builds one in the
//! published 16-column layout from what we have: every commune of the COG list
//! (`rules/communes/communes.tsv`) gets the legal number of councillors for its population,
//! named by drawing surnames and first names (by sex) from the real RNE rows given as the name
//! pool — so common names have homonyms all over France, as they do in the real register.
//! Départements given with `--skip` are left out (the real file of those is loaded instead).
//! The first councillors of each commune are its adjoints; the mayor is not invented (the
//! national mayors file says who it is). Deterministic for a seed.
//!
//! usage: cargo run --release --example national_directory -- OUT.csv POOL.csv… [--skip 32,44] [--seed N]

use std::io::Write as _;

/// The 16 columns of the published municipal-councillors file.
pub const HEADER: &str = "Code du département;Libellé du département;Code de la collectivité à statut particulier;Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;Date de début du mandat;Libellé de la fonction;Date de début de la fonction;Code nationalité";

/// Councillors of a commune by population (Code général des collectivités territoriales,
/// art. L2121-2).
pub fn seats(population: u64) -> usize {
    const SIZES: &[(u64, usize)] = &[
        (100, 7),
        (500, 11),
        (1_500, 15),
        (2_500, 19),
        (3_500, 23),
        (5_000, 27),
        (10_000, 29),
        (20_000, 33),
        (30_000, 35),
        (40_000, 39),
        (50_000, 43),
        (60_000, 45),
        (80_000, 49),
        (100_000, 53),
        (150_000, 55),
        (200_000, 59),
        (250_000, 61),
        (300_000, 65),
    ];
    SIZES
        .iter()
        .find(|(below, _)| population < *below)
        .map_or(69, |(_, n)| *n)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes the file to `out`: returns the number of councillor rows. `communes_tsv` is the COG
/// list, `pools` RNE files (any kind with « Nom de l'élu », « Prénom de l'élu », « Code sexe »).
pub fn write(
    out: &std::path::Path,
    communes_tsv: &str,
    pools: &[String],
    skip: &[&str],
    seed: u64,
) -> std::io::Result<usize> {
    let mut surnames: Vec<String> = Vec::new();
    let mut first_names: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for pool in pools {
        let mut lines = pool.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split(';').collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let (Some(nom), Some(prenom), Some(sexe)) = (
            col("Nom de l'élu"),
            col("Prénom de l'élu"),
            col("Code sexe"),
        ) else {
            continue;
        };
        for line in lines {
            let c: Vec<&str> = line.split(';').collect();
            let (Some(n), Some(p), Some(s)) = (c.get(nom), c.get(prenom), c.get(sexe)) else {
                continue;
            };
            surnames.push(n.to_string());
            first_names[usize::from(*s == "F")].push(p.to_string());
        }
    }
    let mut rng = Rng(seed.max(1));
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    writeln!(file, "{HEADER}")?;
    let mut rows = 0;
    for line in communes_tsv.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let (Some(code), Some(name), Some(dep)) = (c.first(), c.get(1), c.get(2)) else {
            continue;
        };
        if skip.contains(dep) || surnames.is_empty() {
            continue;
        }
        let population: u64 = c.get(4).and_then(|p| p.parse().ok()).unwrap_or(0);
        let seats = seats(population);
        for seat in 0..seats {
            let female = rng.below(2) == 1;
            let pool = &first_names[usize::from(female)];
            let prenom = if pool.is_empty() {
                "Camille"
            } else {
                pool[rng.below(pool.len())].as_str()
            };
            let nom = &surnames[rng.below(surnames.len())];
            let birth = format!(
                "{:02}/{:02}/{}",
                1 + rng.below(28),
                1 + rng.below(12),
                1940 + rng.below(60)
            );
            let fonction = match seat {
                0 => String::new(),
                1 => "1er adjoint au Maire".to_string(),
                n if n <= seats / 4 => format!("{n}ème adjoint au Maire"),
                _ => String::new(),
            };
            let start = if fonction.is_empty() {
                ""
            } else {
                "20/03/2026"
            };
            writeln!(
                file,
                "{dep};;;;{code};{name};{nom};{prenom};{};{birth};99;Autre;15/03/2026;{fonction};{start};FR",
                if female { "F" } else { "M" }
            )?;
            rows += 1;
        }
    }
    file.flush()?;
    Ok(rows)
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut skip = String::new();
    let mut seed = 1;
    let mut paths = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--skip" => {
                skip = args.get(i + 1).cloned().unwrap_or_default();
                i += 1;
            }
            "--seed" => {
                seed = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(1);
                i += 1;
            }
            path => paths.push(path.to_string()),
        }
        i += 1;
    }
    let Some((out, pools)) = paths.split_first() else {
        eprintln!("usage: national_directory OUT.csv POOL.csv… [--skip 32,44] [--seed N]");
        std::process::exit(2);
    };
    let communes = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/communes/communes.tsv"),
    )?;
    let pools: Vec<String> = pools
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let skip: Vec<&str> = skip.split(',').filter(|s| !s.is_empty()).collect();
    let rows = write(std::path::Path::new(out), &communes, &pools, &skip, seed)?;
    eprintln!("{out}: {rows} municipal councillors");
    Ok(())
}
