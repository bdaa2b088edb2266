//! The standard report: every chart (SVG and PNG), `report.md`, a self-contained
//! `report.html`, the tables behind the charts, the normalised observations, the
//! reconciliation, and `manifest.json` with the sha256 of every input and output.
//!
//! Everything is built in memory as `(file name, bytes)` pairs, so nothing is written
//! until all of it is ready, and nothing depends on the clock: the same input gives
//! the same bytes.

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::aggregate::{self, Query};
use crate::chart::build::{self, Options};
use crate::chart::{self, Body, Chart, Datum, Kind};
use crate::dataset::views::View;
use crate::dataset::{Basis, Dataset, Dimension, Observation};
use crate::interval::Interval;
use crate::output::{self, html_escape, markdown_escape, Cell, Format, Table};
use crate::reconcile::{self, Reconciliation};
use crate::words::Lang;
use clap::ValueEnum;

mod auto;
mod html;
mod markdown;
mod words;

pub use auto::{standard_set, Standard};
use auto::{announcement_chart, figures_by_authority};
use html::html;
use markdown::markdown;
use words::{basis_word, findings, localized, summary, READING, READING_ZH};


/// One file of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    pub name: String,
    pub bytes: Vec<u8>,
}


/// A chart with its words and both renderings.
struct Rendered {
    stem: String,
    chart: Chart,
    svg: String,
    caption: String,
    table: Option<Table>,
}

fn render(stem: &str, chart: Chart, caption: &str, table: Option<Table>) -> Result<Rendered> {
    let svg = chart::render_svg(&chart).with_context(|| format!("chart {stem}"))?;
    Ok(Rendered {
        stem: stem.to_string(),
        chart,
        svg,
        caption: caption.to_string(),
        table,
    })
}


/// The number of steps [`build`] reports through its `progress` callback.
pub fn steps(ds: &Dataset) -> usize {
    standard_set(ds, Lang::En).len() + 3
}

/// Builds every file of the report, calling `progress` with the name of each step
/// as it starts.
pub fn build(ds: &Dataset, lang: Lang, progress: &mut dyn FnMut(&str)) -> Result<Vec<Artifact>> {
    let rec = reconcile::reconcile(ds, None);
    let mut charts: Vec<Rendered> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for s in standard_set(ds, lang) {
        progress(&s.file_stem);
        if !s
            .query
            .metrics
            .iter()
            .all(|m| ds.observations.iter().any(|o| &o.metric == m))
        {
            continue;
        }
        let chart = match build::build(ds, &s.query, &s.options) {
            Ok(c) => c,
            // A dataset of another campaign may not support a standard question;
            // the report then says so and leaves that chart out rather than fail.
            Err(aggregate::AggregateError::Refused(why)) => {
                skipped.push(format!("{}: {why}", s.file_stem));
                continue;
            }
            Err(e) => return Err(anyhow::Error::new(e).context(format!("chart {}", s.file_stem))),
        };
        let mut q = s.query.clone();
        if let Some(d) = s.options.stack_by {
            q.by = vec![Dimension::Month, d];
        }
        let agg = aggregate::aggregate(ds, &q)?;
        if agg.rows.iter().all(|r| r.n == 0) {
            skipped.push(format!(
                "{}: {}",
                s.file_stem,
                lang.pick("no figures for this question", "没有可回答此问题的数字")
            ));
            continue;
        }
        charts.push(render(&s.file_stem, chart, &s.caption, Some(agg.table()))?);
    }
    progress("figures-by-authority");
    match figures_by_authority(ds, lang) {
        Some(c) => charts.push(render(
            "figures-by-authority",
            c,
            lang.pick(
                "How many of the dataset's figures each body announced or acted on.",
                "各机构公布或采取行动的数字条数。",
            ),
            None,
        )?),
        None => skipped.push(format!(
            "figures-by-authority: {}",
            lang.pick("every figure has one authority", "所有数字来自同一机构")
        )),
    }
    progress("announcement");
    if let Some(c) = announcement_chart(ds, &rec, lang) {
        charts.push(render(
            "announcement",
            c,
            lang.pick(
                "Breakdowns that add up are marked '(parts: match)'; see the reconciliation below.",
                "分项相加吻合的标为“（分项：match）”；见下方的核对。",
            ),
            Some(rec.announcement_table()),
        )?);
    }

    progress("png and pages");
    // Rasterising is most of the report's time, and each chart is independent: one
    // thread per chart uses every core.
    let pngs: Vec<Result<Vec<u8>, chart::ChartError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = charts
            .iter()
            .map(|c| scope.spawn(|| chart::svg_to_png(&c.svg, 2.0)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(chart::ChartError::Backend(
                        "a render thread panicked".into(),
                    ))
                })
            })
            .collect()
    });
    let mut files = Vec::new();
    for (c, png) in charts.iter().zip(pngs) {
        files.push(Artifact {
            name: format!("{}.svg", c.stem),
            bytes: c.svg.clone().into_bytes(),
        });
        files.push(Artifact {
            name: format!("{}.png", c.stem),
            bytes: png.with_context(|| format!("chart {}", c.stem))?,
        });
        if let Some(t) = &c.table {
            files.push(Artifact {
                name: format!("{}.csv", c.stem),
                bytes: output::render(t, Format::Csv)?,
            });
        }
    }
    files.push(Artifact {
        name: "reconciliation.json".into(),
        bytes: reconcile::render(&rec, Format::Json, reconcile::Section::All)?,
    });
    files.push(Artifact {
        name: "observations.csv".into(),
        bytes: output::render(&output::observations_table(&ds.observations), Format::Csv)?,
    });
    files.push(Artifact {
        name: "report.md".into(),
        bytes: markdown(ds, &charts, &rec, &skipped, lang)?.into_bytes(),
    });
    files.push(Artifact {
        name: "report.html".into(),
        bytes: html(ds, &charts, &rec, lang).into_bytes(),
    });
    files.push(manifest(ds, &files)?);
    Ok(files)
}



fn manifest(ds: &Dataset, files: &[Artifact]) -> Result<Artifact> {
    let inputs: Vec<serde_json::Value> = ds
        .inputs
        .iter()
        .map(|i| serde_json::json!({"name": i.name, "sha256": i.sha256}))
        .collect();
    let mut outputs: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name,
                "sha256": crate::dataset::hex(&Sha256::digest(&f.bytes)),
                "bytes": f.bytes.len(),
            })
        })
        .collect();
    outputs.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let json = serde_json::json!({
        "tool": "cleanweb",
        "version": env!("CARGO_PKG_VERSION"),
        "dataset": ds.name,
        "inputs": inputs,
        "outputs": outputs,
    });
    let mut bytes = serde_json::to_vec_pretty(&json)?;
    bytes.push(b'\n');
    Ok(Artifact {
        name: "manifest.json".into(),
        bytes,
    })
}
