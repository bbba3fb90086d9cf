//! Embeds `migrations/NNNN_name.sql` into the binary, in file-name order, and makes cargo rebuild
//! when a migration or a bundled fixture changes (the demo mailbox is embedded too).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=fixtures/mail");
    println!("cargo:rerun-if-changed=fixtures/officials");
    println!("cargo:rerun-if-changed=fixtures/rne");
    println!("cargo:rerun-if-changed=fixtures/cases/messages");
    println!("cargo:rerun-if-changed=rules");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations/ must exist")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    // Each file too, not only the directory: a new migration must rebuild the binary whatever
    // cargo remembers of the directory (a target directory shared by several checkouts).
    for name in &names {
        println!("cargo:rerun-if-changed=migrations/{name}");
    }
    let mut out = String::from(
        "/// Embedded migrations: (file name, SQL), in order.\npub const MIGRATIONS: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let path = dir.join(name);
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    std::fs::write(Path::new(&out_dir).join("migrations.rs"), out).expect("write migrations.rs");
}
