//! `cleanweb chart`: one chart, SVG or PNG by the output's extension.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};

use super::args::{parse_dimension, why_empty, DataArgs, QueryArgs};
use crate::chart::{self, build, Kind};
use crate::output;

/// Draw one chart of an aggregation.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Without --kind: months get bars for single actions and a step line for running totals; other keys get horizontal bars sorted by value, with shares for categories.

Examples:
  cleanweb chart --metric websites_closed --by month --basis cumulative --region national --out sites.svg
  cleanweb chart --metric reports_received --by category --from 2014-09-01 --to 2014-09-30 --out reports.png
  cleanweb chart --metric fines_yuan --by entity --basis event --kind range --out fines.svg
  cleanweb chart --metric arrests,detentions --by month --stack-by metric --basis event --out actions.png"
)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub query: QueryArgs,
    /// bar, hbar, step, stacked or range (default: chosen from the data).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Second key for stacked bars (with --by month, or --by period for tables of
    /// quarters, half-years or years); `--by period,KEY` says the same.
    #[arg(long)]
    pub stack_by: Option<String>,
    /// The language of the chart's words: en, or zh (Chinese, with the names the
    /// package gives in `cleanweb:titles`).
    #[arg(long, default_value = "en", value_parser = crate::words::Lang::parse)]
    pub lang: crate::words::Lang,
    /// A logarithmic value axis (horizontal bars).
    #[arg(long)]
    pub log: bool,
    /// Most bars drawn; smaller groups are added up as "N others" (or, for figures
    /// that are never added, left out with a note).
    #[arg(long, value_name = "N", default_value_t = build::MAX_BARS, value_parser = parse_max_bars)]
    pub max_bars: usize,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Width in pixels (the PNG is written at twice this) [default: 1200].
    #[arg(long)]
    pub width: Option<u32>,
    /// Height in pixels (the PNG is written at twice this) [default: 750, taller for
    /// many horizontal bars].
    #[arg(long)]
    pub height: Option<u32>,
    /// Output file: .svg or .png.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

fn parse_max_bars(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (2..=200).contains(&n) => Ok(n),
        _ => Err(format!("'{s}' is not a number of bars from 2 to 200")),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let ext = args
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext != "svg" && ext != "png" {
        bail!("{}: name an .svg or .png file", args.out.display());
    }
    let options = |names: &[crate::dataset::DimensionName]| -> Result<build::Options> {
        Ok(build::Options {
            lang: args.lang,
            kind: args.kind,
            stack_by: args
                .stack_by
                .as_deref()
                .map(|s| parse_dimension(s, names))
                .transpose()?,
            title: args.title.clone(),
            subtitle: args.subtitle.clone(),
            width: args.width,
            height: args.height,
            log: args.log,
            max_bars: Some(args.max_bars),
        })
    };
    let opened = args.data.open(false)?;
    let names = opened.names();
    let (q, options) = build::chart_query(&args.query.query(names)?, &options(names)?)?;
    let (agg, _) = opened.aggregate(&q)?;
    let spec = build::build_from(opened.about(), &q, agg, &options)?;
    let svg = match chart::render_svg(&spec) {
        Ok(svg) => svg,
        Err(e) => {
            // An empty answer says why, as `aggregate` does.
            let empty = args
                .query
                .query(names)
                .and_then(|q| opened.aggregate(&q))
                .and_then(|(agg, _)| why_empty(&opened, &args.query, &agg))
                .ok()
                .flatten();
            match empty {
                Some(why) => bail!("nothing to draw: {why}"),
                None => return Err(e.into()),
            }
        }
    };
    let bytes = if ext == "png" {
        chart::svg_to_png(&svg, 2.0)?
    } else {
        svg.into_bytes()
    };
    output::check_output_path(&args.out, &args.data.input_paths())?;
    output::write_atomic(&args.out, &bytes)?;
    Ok(ExitCode::SUCCESS)
}
