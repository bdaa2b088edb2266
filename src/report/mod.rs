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
use crate::chart::{self, Body, Chart, Datum};
use crate::dataset::{Basis, Dataset, Dimension, Observation};
use crate::output::{self, html_escape, markdown_escape, Cell, Format, Table};
use crate::reconcile::{self, Reconciliation};
use crate::values::interval::Interval;
use crate::words::Lang;

mod auto;
mod big;
mod html;
mod markdown;
mod notes;
mod verdicts;
mod words;

pub use auto::{left_out_unknown as auto_left_out_unknown, plan, Planned, Standard, MAX_CHARTS};
use html::html;
use markdown::markdown;
use words::{basis_word, findings, localized, summary};

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
    /// The same chart drawn for a phone's width, and its size.
    narrow: String,
    narrow_size: (u32, u32),
    /// The curator's caption (a declared view), or empty.
    caption: String,
    /// The tool's words about the figures drawn, computed from them.
    notes: String,
    table: Option<Table>,
    /// The names of the table's key columns as the chart calls them ("Country/Region"),
    /// or none: the tool's own words.
    keys: Vec<String>,
}

fn render(
    stem: &str,
    chart: Chart,
    caption: &str,
    notes: String,
    table: Option<Table>,
) -> Result<Rendered> {
    let svg = chart::render_svg(&chart).with_context(|| format!("chart {stem}"))?;
    let small = chart.narrow();
    let narrow = chart::render_svg(&small).with_context(|| format!("chart {stem}, narrow"))?;
    Ok(Rendered {
        stem: stem.to_string(),
        chart,
        svg,
        narrow,
        narrow_size: (small.width, small.height),
        caption: caption.to_string(),
        notes,
        table,
        keys: Vec::new(),
    })
}

/// The number of steps [`build`] reports through its `progress` callback.
pub fn steps(ds: &Dataset) -> usize {
    plan(ds, Lang::default(), DEFAULT_TOP).len() + 1
}

/// Builds every file of the report, calling `progress` with the name of each step
/// as it starts; the charts it chooses draw at most [`DEFAULT_TOP`] bars.
pub fn build(ds: &Dataset, lang: Lang, progress: &mut dyn FnMut(&str)) -> Result<Vec<Artifact>> {
    build_top(ds, lang, DEFAULT_TOP, progress)
}

/// Bars of a chart the report chooses, unless `--top` says otherwise.
pub const DEFAULT_TOP: usize = 12;
pub use big::MAX_TOP;

/// [`build`], the charts it chooses drawing at most `top` bars (the top values and
/// "N others"; at most [`MAX_TOP`]).
pub fn build_top(
    ds: &Dataset,
    lang: Lang,
    top: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<Artifact>> {
    let top = top.clamp(2, MAX_TOP);
    let rec = reconcile::reconcile(ds, None)?;
    let index: std::collections::HashMap<&str, &Observation> =
        ds.observations.iter().map(|o| (o.id.as_str(), o)).collect();
    let mut charts: Vec<Rendered> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (path, why) in auto::left_out_unknown(ds, lang, top) {
        skipped.push(format!("{path}: {why}"));
    }
    // The cap is on the charts the report chooses, never on those declared.
    let declared = |stem: &str| ds.views.iter().any(|v| v.name == stem);
    for planned in plan(ds, lang, top) {
        let stem = planned.stem();
        progress(&stem);
        let chosen = charts.iter().filter(|c| !declared(&c.stem)).count();
        if !declared(&stem) && chosen >= MAX_CHARTS {
            skipped.push(notes::over_the_cap(&stem, lang));
            continue;
        }
        match planned {
            Planned::Question(s) => {
                if let Some(c) = question(ds, &s, &index, lang, &mut skipped)? {
                    charts.push(c);
                }
            }
            Planned::Breakdown(id) => {
                if let Some((c, t)) = auto::breakdown_chart(ds, &rec, &id, lang) {
                    let notes = notes::breakdown_notes(ds, &rec, &id, lang);
                    charts.push(render(&stem, c, "", notes, Some(t))?);
                }
            }
            Planned::Announcement => {
                if let Some((c, t)) = auto::announcement_chart(ds, &rec, lang, top) {
                    let notes = notes::announcement_notes(ds, &rec, lang);
                    charts.push(render(&stem, c, "", notes, Some(t))?);
                }
            }
            Planned::Authority => match auto::figures_by_authority(ds, lang) {
                Some(c) => {
                    let notes = notes::authority_notes(ds, lang);
                    charts.push(render(&stem, c, "", notes, None)?);
                }
                None => skipped.push(format!("{stem}: {}", lang.t("report-one-authority"))),
            },
        }
    }

    progress("png and pages");
    // Rasterising is most of the report's time, and each chart is independent: the
    // charts are shared among the cores.
    let pngs: Vec<Result<Vec<u8>, chart::ChartError>> = {
        use rayon::prelude::*;
        charts
            .par_iter()
            .map(|c| chart::svg_to_png(&c.svg, 2.0))
            .collect()
    };
    unique_stems(&mut charts);
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
        bytes: output::render(
            &crate::dataset::export::observations_table(&ds.observations),
            Format::Csv,
        )?,
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

/// Gives each chart a file stem of its own: two automatic charts can come to the
/// same stem (ids `a.b` and `a-b` both make `breakdown-a-b`), and none may take the
/// name of the report's own files. A declared view's name is already checked to be
/// unique, so only automatic stems change, with `-2`, `-3`, ...
fn unique_stems(charts: &mut [Rendered]) {
    let mut used: std::collections::HashSet<String> =
        ["report", "manifest", "observations", "reconciliation"]
            .map(String::from)
            .into();
    for c in charts.iter_mut() {
        if used.insert(c.stem.clone()) {
            continue;
        }
        let stem = (2..)
            .map(|k| format!("{}-{k}", c.stem))
            .find(|s| !used.contains(s))
            .unwrap_or_default();
        used.insert(stem.clone());
        c.stem = stem;
    }
}

/// Draws one question of the report, or says in `skipped` why it cannot be
/// answered: a dataset of another campaign may not support a declared question,
/// and the report then leaves that chart out rather than fail.
fn question(
    ds: &Dataset,
    s: &Standard,
    index: &std::collections::HashMap<&str, &Observation>,
    lang: Lang,
    skipped: &mut Vec<String>,
) -> Result<Option<Rendered>> {
    // A declared view left out is named with its place in datapackage.json.
    let at = ds.views.iter().position(|v| v.name == s.file_stem);
    let view = at.map(|i| format!("cleanweb:views[{i}]"));
    let named = view
        .as_ref()
        .map_or(s.file_stem.clone(), |v| format!("{} ({v})", s.file_stem));
    // A view that asks what the package lacks is left out, its problems said.
    if let Some(p) = at.and_then(|i| ds.views[i].problems.first()) {
        let field = p.field.as_deref().unwrap_or_default();
        skipped.push(format!("{named}: '{field}': {}", p.reason));
        return Ok(None);
    }
    if let Some(m) = s
        .query
        .metrics
        .iter()
        .find(|m| !ds.observations.iter().any(|o| &o.metric == *m))
    {
        skipped.push(format!(
            "{}: {}",
            s.file_stem,
            crate::say!(lang, "report-no-metric", metric = m.as_str())
        ));
        return Ok(None);
    }
    let chart = match build::build(ds, &s.query, &s.options) {
        Ok(c) => c,
        Err(aggregate::AggregateError::Refused(why)) => {
            skipped.push(format!("{named}: {why}"));
            return Ok(None);
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("chart {}", s.file_stem))),
    };
    let (q, _) = build::chart_query(&s.query, &s.options)?;
    let agg = aggregate::aggregate(ds, &q)?;
    if agg.rows.iter().all(|r| r.n == 0) {
        let basis = s.query.basis.filter(|b| {
            !ds.observations
                .iter()
                .any(|o| o.basis == *b && s.query.metrics.contains(&o.metric))
        });
        let why = match (basis, &view) {
            (Some(b), Some(v)) => crate::say!(
                lang,
                "report-no-basis",
                metrics = s.query.metrics.join(&lang.t("list-comma")),
                basis = b.as_str(),
                view = v.as_str()
            ),
            _ => lang.t("report-no-figures"),
        };
        skipped.push(format!("{named}: {why}"));
        return Ok(None);
    }
    let notes = notes::chart_notes(ds, index, &agg, lang);
    let table = agg.table();
    let names = build::Names::of(ds, lang);
    // Running totals are keyed by the date of each snapshot, not by month.
    let keys = agg
        .by
        .iter()
        .zip(&table.columns)
        .map(|(d, column)| match column.as_str() {
            "date" => lang.t("report-col-snapshot-date"),
            _ => notes::capitalised(&names.dimension(*d)),
        })
        .collect();
    let mut rendered = render(&s.file_stem, chart, &s.caption, notes, Some(table))?;
    rendered.keys = keys;
    Ok(Some(rendered))
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
