//! `cleanweb validate`: schema, types, vocabulary, ids, relations, dates and bounds;
//! with `--source-text`, every quote verbatim in the source and stating its value.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::args::DataArgs;
use crate::dataset::{self, validate, DataError};
use crate::output;
use crate::source::Opened;

/// Check a dataset and list every problem as FILE:LINE:COLUMN: field 'NAME': reason.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  cleanweb validate\n  cleanweb validate --source-text article.txt\n  cleanweb validate --data my-campaign/\n  cleanweb validate --data figures.csv --delimiter ';'"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// The source article as plain UTF-8 text: every quote must occur in it verbatim
    /// and state the recorded value.
    #[arg(long, value_name = "FILE")]
    pub source_text: Option<PathBuf>,
}

/// The largest source text: a bulletin or an article is a few hundred KB, and the
/// text is held in memory whole.
const SOURCE_TEXT_LIMIT: u64 = 256 << 20;

pub fn run(args: Args) -> Result<ExitCode> {
    // A bare table is checked as it is read, never held; a package, or a check
    // against the source text, needs the observations in hand.
    let ds = match args.data.open(args.source_text.is_some())? {
        Opened::Loaded(ds) => ds,
        streamed => {
            let rows = streamed.check()?;
            let title = &streamed.about().title;
            output::write_stdout((valid(title, rows, &[], 0) + "\n").as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    // A view that asks what the package lacks is a problem of the package (the
    // report leaves it out and draws the others).
    let mut views = crate::dataset::views::problems(&ds.views);
    // A chart left out by a name the report does not draw is a slip of the package.
    let descriptor = ds
        .inputs
        .first()
        .map_or("datapackage.json", |i| i.name.as_str());
    let top = crate::report::DEFAULT_TOP;
    for (path, why) in crate::report::auto_left_out_unknown(&ds, crate::words::Lang::default(), top)
    {
        views.push(dataset::Problem::new(descriptor, why).field(&path));
    }
    if !views.is_empty() {
        return Err(DataError::Invalid(views).into());
    }
    let mut summary = valid(
        ds.display_title(),
        ds.observations.len() as u64,
        &ds.relations,
        ds.sources.len(),
    );
    if let Some(path) = &args.source_text {
        let bytes = crate::table::read_small_file(path, SOURCE_TEXT_LIMIT)?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}: not valid UTF-8 at byte {}: save the source text as UTF-8",
                path.display(),
                e.valid_up_to()
            )
        })?;
        let problems = validate::check_quotes(&ds, text);
        if !problems.is_empty() {
            return Err(DataError::Invalid(problems).into());
        }
        summary.push_str(&format!(
            "; all {} quotes occur verbatim in {} and state their values",
            ds.observations.len(),
            path.display()
        ));
    }
    for s in ds.seen.iter().filter(|s| s.blank_rows > 0) {
        summary.push_str(&format!(
            "; {} blank row{} of {} skipped",
            s.blank_rows,
            if s.blank_rows == 1 { "" } else { "s" },
            s.file
        ));
    }
    summary.push('\n');
    if !ds.undecided.is_empty() {
        let n = ds.undecided.len();
        summary.push_str(&format!(
            "left to decide ({n}); the figures that do not depend on {} are checked and can be aggregated:\n",
            if n == 1 { "it" } else { "them" }
        ));
        for p in &ds.undecided {
            summary.push_str(&format!("  {p}\n"));
        }
    }
    output::write_stdout(summary.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The line that says a dataset is valid, and what it holds: its totals with parts
/// counted as reconcile checks them (a total once, whatever its number of parts).
fn valid(
    title: &str,
    observations: u64,
    relations: &[dataset::Relation],
    sources: usize,
) -> String {
    let totals: std::collections::BTreeSet<&str> =
        relations.iter().map(|r| r.total_id.as_str()).collect();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let parts = match (totals.len(), relations.len()) {
        (0, _) => String::new(),
        (t, p) => format!(", {t} total{} with {p} part{}", plural(t), plural(p)),
    };
    format!(
        "{title}: {observations} observations{parts}, {sources} source{}: valid",
        plural(sources)
    )
}
