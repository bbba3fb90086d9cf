//! `demo`: builds a demo data directory from the bundled fixtures (a senator's office in Isère:
//! the RNE extracts, an address book and the sample mail), prints a tour of commands to try,
//! then serves it in the web interface under a user `demo` whose password is new each run.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::Args;

use super::ingest::{feed, progress};
use crate::context::{self, Context};
use crate::pipeline::Pipeline;
use crate::store::messages;
use crate::store::runs::Severity;

/// Build a demo data directory from the bundled fixtures, then serve it in the web interface
/// (user `demo`, a new password printed each run).
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Only build the directory and print a tour; do not start the web interface.
    #[arg(long)]
    no_serve: bool,
    /// Address of the web interface.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: String,
    /// The demo office's go-live date (YYYY-MM-DD): its mail before it is filed as history.
    /// Only for a new demo directory (one that has a date keeps it).
    #[arg(long, value_name = "DATE", default_value = crate::demo::GO_LIVE)]
    go_live: String,
}

/// `demo [--no-serve] [--listen ADDR]`: builds (or completes) the directory, then serves it
/// until interrupted unless `--no-serve`.
pub fn run(dir: &Path, args: DemoArgs, quiet: bool) -> Result<ExitCode> {
    let go_live = crate::cases::go_live::parse_date(&args.go_live)?;
    build(dir, go_live, quiet)?;
    if args.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let password = demo_user(dir)?;
    crate::web::serve(dir, Some(&args.listen), |addr| {
        println!();
        println!("Web interface: http://{addr}/  (user: demo, password: {password})");
        println!("Ctrl-C stops it.");
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Creates (or resets) the demo's administrator `demo` with a new random password, returned to
/// be printed: the demo directory never holds a password someone could know in advance.
fn demo_user(dir: &Path) -> Result<String> {
    let mut ctx = Context::open(dir)?;
    let password = crate::users::session::random_token()?[..16].to_string();
    let hashed = crate::users::NewPassword::hash(&password)?;
    let by = "demo";
    ctx.store.transaction(|tx| {
        if crate::users::get(tx, "demo")?.is_some() {
            crate::users::set_password(tx, "demo", &hashed, by)
        } else {
            crate::users::add(tx, "demo", crate::users::Role::Admin, &hashed, by).map(|_| ())
        }
    })?;
    Ok(password)
}

/// Fills the demo directory (configured on first use) and prints the tour.
fn build(dir: &Path, go_live: chrono::NaiveDate, quiet: bool) -> Result<ExitCode> {
    let fresh = !dir.join(context::CONFIG_FILE).exists();
    context::init_dir(dir)?;
    if fresh {
        // The demo office is a senator's office in Isère.
        let config = dir.join(context::CONFIG_FILE);
        let text = std::fs::read_to_string(&config)?
            .replace("departements = []", "departements = [\"38\"]")
            .replace(
                "addresses = []",
                "addresses = [\"permanence@senateur-exemple.fr\"]",
            );
        std::fs::write(&config, text)?;
    }
    let mut ctx = Context::open(dir)?;
    // The go-live date before the mail is filed: older mail is history.
    let go_live = crate::demo::set_go_live(&mut ctx, go_live)?;
    // The directory first, so that the mail is matched as it is filed.
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut officials = 0;
    for name in crate::demo::DEMO_RNE {
        let bytes =
            crate::demo::rne_file(name).with_context(|| format!("{name} is not bundled"))?;
        let file = crate::officials::rne::parse(bytes, name)?;
        let summary = crate::officials::import::import_parsed(
            &mut ctx.store,
            &format!("fixtures/rne/{name}"),
            &file,
            &today,
        )?;
        officials += summary.added;
    }
    for name in crate::demo::DEMO_CONTACTS {
        let bytes =
            crate::demo::contacts_file(name).with_context(|| format!("{name} is not bundled"))?;
        crate::officials::contacts::import_bytes(
            &mut ctx.store,
            &format!("fixtures/officials/{name}"),
            bytes,
        )?;
    }
    // A month of invitations from the day the demo was first built: its agenda.
    let anchor = ctx
        .store
        .transaction(|tx| crate::demo::invitations::anchor(tx, crate::util::zone_today()))?;
    let mut inputs = crate::demo::bundled_messages();
    inputs.extend(crate::demo::invitations::inputs(anchor));
    let bar = progress(Some(inputs.len() as u64), quiet);
    let mut pipeline = Pipeline::start(&mut ctx, "demo fixtures")?;
    feed(&mut pipeline, inputs.into_iter(), &bar)?;
    bar.finish_and_clear();
    let report = pipeline.finish()?;
    // The attachments' text (PDFs, Office files… of the office's mail), as the daemon would
    // read it; without poppler or tesseract installed those are marked as such.
    let sandbox = crate::extract::Sandbox::for_data_dir(&ctx.dir, ctx.config.extract.clone())?;
    let followup = crate::extract::Followup::from_context(&ctx)?
        .with_after_text(crate::agenda::text_hook(&ctx.config));
    let options = crate::parse::ParseOptions::from_config(&ctx.config.ingest);
    crate::extract::work(
        &mut ctx.store,
        &ctx.raw,
        &sandbox,
        &options,
        &followup,
        None,
    )?;
    crate::pipeline::reindex_now(&mut ctx)?;
    let archived = crate::demo::archive_test_corpora(&mut ctx)?;
    let c = report.counts;
    let conn = ctx.store.conn();
    let total = messages::max_id(conn)?;
    let figures = crate::demo::figures(conn)?;
    let failed = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    println!("Permanence demo data directory: {}", dir.display());
    println!(
        "  {total} messages stored ({} new this run, {} already known, {failed} inputs with errors)",
        c.new, c.known
    );
    println!(
        "  {} officials in the directory ({officials} mandates added this run); {} messages matched to an official",
        figures.officials, figures.matched
    );
    println!(
        "  {} cases to work ({archived} cases of the public test corpora set aside: their mail is searchable, in no case)",
        figures.open_cases
    );
    println!(
        "  go-live {go_live}: older mail is filed as history (closed or answered, searchable, never in triage)"
    );
    println!();
    println!(
        "The morning queue: `{} --data {} triage`, then `… case show ID`, `… case confirm ID`.",
        std::env::args()
            .next()
            .unwrap_or_else(|| "permanence".into()),
        dir.display()
    );
    println!(
        "The agenda (invitations read from the mail, to decide): `{} --data {} agenda`, or the page « Agenda ».",
        std::env::args()
            .next()
            .unwrap_or_else(|| "permanence".into()),
        dir.display()
    );
    println!();
    println!("Try these searches:");
    let exe = std::env::args()
        .next()
        .unwrap_or_else(|| "permanence".into());
    for (query, what) in crate::demo::TOUR_SEARCHES {
        println!(
            "  {exe} --data {} search '{query}'    # {what}",
            dir.display()
        );
    }
    println!();
    println!(
        "Then: `{exe} --data {} show ID` for one message (with who wrote it and why),",
        dir.display()
    );
    println!(
        "      `… officials list --commune 38545`, `… officials show ID`, `… stats`, `… export --format jsonl`."
    );
    Ok(ExitCode::SUCCESS)
}
