//! `cleanweb reconcile`: totals against their parts, derived claims, and the figures
//! of one announcement reproduced.

use std::process::ExitCode;

use anyhow::Result;

use super::args::DataArgs;
use crate::dataset::Date;
use crate::output::{self, Format};
use crate::reconcile::{self, render, Section};

/// Check every published total against its parts and every claim the data can test.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Statuses: match (exact and equal), consistent (intervals overlap), mismatch, partial_ok, partial_violation. Derived checks: running_total_down, share_claim, rate_claim, change_claim (a stated change against the two figures it compares), part_exceeds_total, shares_sum, share_of_count, declared_rule, related_series_jump, region_above_national; each says what the compared figures share (period, region, body) and holds, is in tension (they disagree across periods, regions or bodies) or contradicts (they describe the same thing and disagree); a stated change whose series holds two figures for one span cannot_tell. A figure stated twice is checked through a 'restates' relation (match or mismatch).

Examples:
  cleanweb reconcile
  cleanweb reconcile --strict
  cleanweb reconcile --format json > reconciliation.json
  cleanweb reconcile --format csv --section checks
  cleanweb reconcile --announcement 2014-12-25 --section announcement --format markdown"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Which part to print; CSV prints one table, the relations unless told otherwise.
    #[arg(long, value_enum, default_value = "all")]
    pub section: Section,
    /// The day whose figures are reproduced (default: the latest day with at least
    /// three figures; the December 25 "Top Ten Data" for the default dataset).
    #[arg(long, value_parser = Date::parse)]
    pub announcement: Option<Date>,
    /// Exit 1 when any relation is a mismatch or violation or any check finds a
    /// contradiction (figures that describe the same thing and disagree).
    #[arg(long)]
    pub strict: bool,
    /// With --strict, exit 1 on tensions too (figures that disagree across
    /// periods, regions or bodies).
    #[arg(long, requires = "strict")]
    pub tensions: bool,
    /// Consecutive running totals of related series (one metric and region, another
    /// category or entity) that differ by more than this factor are a tension.
    #[arg(long, value_name = "FACTOR", default_value_t = crate::reconcile::DEFAULT_JUMP, value_parser = parse_factor)]
    pub jump_factor: f64,
}

fn parse_factor(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() && f > 1.0 => Ok(f),
        _ => Err(format!("'{s}' is not a factor above 1")),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let ds = args.data.load()?;
    let rec = reconcile::reconcile_with(&ds, args.announcement, args.jump_factor)?;
    let bytes = render(&rec, args.format, args.section)?;
    output::write_stdout(&bytes)?;
    if args.strict && rec.has_failures(args.tensions) {
        eprintln!("cleanweb: reconcile --strict: some published figures do not add up (see above)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
