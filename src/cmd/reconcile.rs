//! `cleanweb reconcile`: totals against their parts, derived claims, and the figures
//! of one announcement reproduced.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::DataArgs;
use crate::dataset::Date;
use crate::output::{self, Format, Table};
use crate::reconcile::{self, Reconciliation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    All,
    Relations,
    Checks,
    Announcement,
}

/// Check every published total against its parts and every claim the data can test.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Statuses: match (exact and equal), consistent (intervals overlap), mismatch, partial_ok, partial_violation. Derived checks: running_total_down, share_claim, rate_claim, part_exceeds_total; each holds or fails. A figure stated twice is checked through a 'restates' relation (match or mismatch).

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
    #[arg(long, value_parser = crate::cmd::aggregate::parse_date)]
    pub announcement: Option<Date>,
    /// Exit 1 when any relation is a mismatch or violation or any check fails.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let ds = args.data.load()?;
    let rec = reconcile::reconcile(&ds, args.announcement);
    let bytes = render(&rec, args.format, args.section)?;
    output::write_stdout(&bytes)?;
    if args.strict && rec.has_failures() {
        eprintln!("cleanweb: reconcile --strict: some published figures do not add up (see above)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn sections(rec: &Reconciliation, section: Section) -> Vec<(&'static str, String, Table)> {
    let title = match rec.announcement_date {
        Some(d) => format!("Figures announced on {d}"),
        None => "Figures of the latest announcement".into(),
    };
    let all = [
        (
            "relations",
            "Published totals and their parts".to_string(),
            rec.relations_table(),
        ),
        (
            "checks",
            "Claims tested against other figures".to_string(),
            rec.checks_table(),
        ),
        ("announcement", title, rec.announcement_table()),
    ];
    all.into_iter()
        .filter(|(name, _, _)| match section {
            Section::All => true,
            Section::Relations => *name == "relations",
            Section::Checks => *name == "checks",
            Section::Announcement => *name == "announcement",
        })
        .collect()
}

pub fn render(rec: &Reconciliation, format: Format, section: Section) -> Result<Vec<u8>> {
    let chosen = sections(rec, section);
    match format {
        // CSV holds one table: the relations, unless --section names another.
        Format::Csv => output::render(&chosen[0].2, Format::Csv),
        Format::Json => {
            let mut obj = serde_json::Map::new();
            for (name, _, table) in &chosen {
                let v: serde_json::Value =
                    serde_json::from_slice(&output::render(table, Format::Json)?)?;
                obj.insert(name.to_string(), v);
            }
            if let Some(d) = rec.announcement_date {
                obj.insert("announcement_date".into(), d.to_string().into());
            }
            obj.insert("failures".into(), rec.has_failures().into());
            let mut out = serde_json::to_vec_pretty(&serde_json::Value::Object(obj))?;
            out.push(b'\n');
            Ok(out)
        }
        Format::Markdown | Format::Table => {
            let mut out = Vec::new();
            for (i, (_, heading, table)) in chosen.iter().enumerate() {
                if i > 0 {
                    out.push(b'\n');
                }
                if format == Format::Markdown {
                    out.extend(format!("## {heading}\n\n").as_bytes());
                } else {
                    out.extend(
                        format!("{heading}\n{}\n", "=".repeat(heading.chars().count())).as_bytes(),
                    );
                }
                out.extend(output::render(table, format)?);
            }
            Ok(out)
        }
    }
}
