//! `cleanweb aggregate`: honest sums by month, category, region, authority, entity
//! or metric, with intervals, running totals and periods kept apart.

use std::process::ExitCode;

use anyhow::Result;

use super::args::{why_empty, DataArgs, QueryArgs};
use crate::aggregate;
use crate::output::{self, Format};

/// Sum what may be summed, by the keys you name; refuse what may not.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Columns: the keys (month as YYYY-MM), low, high (empty when unbounded: a 'more than' figure), n (observations counted), approx, note. A month with no figure is a row with n = 0 and no value: not reported, not zero.

Examples:
  cleanweb aggregate --metric reports_received --by category --from 2014-09-01 --to 2014-09-30
  cleanweb aggregate --metric websites_closed --by month --basis cumulative --region national
  cleanweb aggregate --metric websites_closed --by month --increments --region national
  cleanweb aggregate --metric fines_yuan --by entity --format markdown
  cleanweb aggregate --metric arrests,detentions --by month,metric --format csv"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub query: QueryArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Only the first N rows (by --sort; largest values first when --sort is not
    /// given); how many are left out is said on standard error.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,
    /// The order of the rows: key (the keys in order, the default) or value
    /// (largest first: by the low end, then the high end, an open high end
    /// highest; rows not reported last).
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
    /// Print which figures were left out and why, on standard error.
    #[arg(long, short)]
    pub verbose: bool,
}

/// The order of an answer's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    Key,
    Value,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let opened = args.data.open(false)?;
    let (mut agg, how) = opened.aggregate(&args.query.query(opened.names())?)?;
    if let (true, Some(how), Some(path)) = (args.verbose, how, &args.data.data) {
        eprintln!("note: {}: {how}", path.display());
    }
    if args.verbose {
        for note in &agg.notes {
            eprintln!("note: {note}");
        }
    }
    if let Some(why) = why_empty(&opened, &args.query, &agg)? {
        eprintln!("note: {why}");
    }
    match args.sort.or(args.top.map(|_| Sort::Value)) {
        Some(Sort::Value) => sort_by_value(&mut agg.rows),
        Some(Sort::Key) => agg.rows.sort_by(|a, b| a.keys.cmp(&b.keys)),
        None => {}
    }
    if let Some(n) = args.top {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        if agg.rows.len() > n {
            eprintln!(
                "note: --top {n}: {} more rows not shown",
                agg.rows.len() - n
            );
            agg.rows.truncate(n);
        }
    }
    output::write_stdout(&output::render(&agg.table(), args.format)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Largest first: by the low end, then the high end (an open high end highest);
/// rows not reported last; ties in the order of their keys.
fn sort_by_value(rows: &mut [aggregate::Row]) {
    let rank = |r: &aggregate::Row| {
        r.value
            .map(|v| (v.low.unwrap_or(0), v.high.map_or(i128::MAX, |h| h)))
    };
    rows.sort_by(|a, b| rank(b).cmp(&rank(a)).then_with(|| a.keys.cmp(&b.keys)));
}
