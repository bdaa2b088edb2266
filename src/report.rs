//! The standard report: every output `cleanweb report` writes, built in memory as
//! `(file name, bytes)` pairs so that nothing is written until all of it is ready,
//! and `manifest.json` with the sha256 of every input and output (no timestamps: the
//! same input gives the same bytes).

use anyhow::Result;
use sha2::{Digest, Sha256};

use crate::aggregate::{self, Query};
use crate::dataset::{Basis, Dataset, Dimension};
use crate::output::{self, markdown_escape, Format};
use crate::reconcile;

/// One file of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A titled aggregation of the report.
pub struct Section {
    pub file_stem: &'static str,
    pub title: &'static str,
    pub query: Query,
}

fn q(metric: &str, by: &[Dimension], basis: Option<Basis>) -> Query {
    Query {
        metrics: vec![metric.to_string()],
        by: by.to_vec(),
        basis,
        ..Query::default()
    }
}

/// The aggregations every report holds, where the dataset has the metric.
pub fn standard_sections() -> Vec<Section> {
    use Dimension::*;
    let national = |mut query: Query| {
        query.region = Some("national".into());
        query
    };
    vec![
        Section {
            file_stem: "websites-closed-running-total",
            title: "Websites closed: national running total by month",
            query: national(q("websites_closed", &[Month], Some(Basis::Cumulative))),
        },
        Section {
            file_stem: "websites-closed-increments",
            title: "Websites closed: change between national running totals",
            query: Query {
                increments: true,
                ..national(q("websites_closed", &[Month], Some(Basis::Cumulative)))
            },
        },
        Section {
            file_stem: "reports-september-by-category",
            title: "Reports received in September 2014 by category",
            query: Query {
                from: crate::dataset::Date::parse("2014-09-01").ok(),
                to: crate::dataset::Date::parse("2014-09-30").ok(),
                ..q("reports_received", &[Category], Some(Basis::Period))
            },
        },
        Section {
            file_stem: "arrests-by-month",
            title: "Arrests announced by month (single actions)",
            query: q("arrests", &[Month], Some(Basis::Event)),
        },
        Section {
            file_stem: "fines-by-entity",
            title: "Fines in yuan by entity (single actions)",
            query: q("fines_yuan", &[Entity], Some(Basis::Event)),
        },
        Section {
            file_stem: "fines-by-month",
            title: "Fines in yuan by month (single actions)",
            query: q("fines_yuan", &[Month], Some(Basis::Event)),
        },
        Section {
            file_stem: "arrests-by-region",
            title: "Arrests by region (single actions)",
            query: q("arrests", &[Region], Some(Basis::Event)),
        },
    ]
}

/// Builds every file of the report for a dataset.
pub fn build(ds: &Dataset) -> Result<Vec<Artifact>> {
    let mut files = Vec::new();
    let mut md = String::new();
    md.push_str(&format!("# {}\n\n", markdown_escape(ds.display_title())));
    md.push_str(&format!(
        "{} observations and {} relations, checked. Figures are shown as published: \"more than\" figures are lower bounds (an empty `high` means unbounded), running totals are never added to single actions, and a month with no figure is not reported, not zero.\n\n",
        ds.observations.len(),
        ds.relations.len()
    ));
    for s in standard_sections() {
        if !ds
            .observations
            .iter()
            .any(|o| s.query.metrics.contains(&o.metric))
        {
            continue;
        }
        let agg = aggregate::aggregate(ds, &s.query)?;
        md.push_str(&format!("## {}\n\n", s.title));
        md.push_str(&output::render_markdown(&agg.table()));
        md.push('\n');
        files.push(Artifact {
            name: format!("{}.csv", s.file_stem),
            bytes: output::render(&agg.table(), Format::Csv)?,
        });
    }
    let rec = reconcile::reconcile(ds, None);
    let rec_md =
        crate::cmd::reconcile::render(&rec, Format::Markdown, crate::cmd::reconcile::Section::All)?;
    md.push_str("# Reconciliation\n\n");
    md.push_str(
        &String::from_utf8_lossy(&rec_md)
            .replace("\n## ", "\n### ")
            .replacen("## ", "### ", 1),
    );
    files.push(Artifact {
        name: "reconciliation.json".into(),
        bytes: crate::cmd::reconcile::render(
            &rec,
            Format::Json,
            crate::cmd::reconcile::Section::All,
        )?,
    });
    files.push(Artifact {
        name: "observations.csv".into(),
        bytes: output::render(
            &crate::cmd::export::observations_table(&ds.observations),
            Format::Csv,
        )?,
    });
    files.push(Artifact {
        name: "report.md".into(),
        bytes: md.into_bytes(),
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
                "sha256": Sha256::digest(&f.bytes).iter().map(|b| format!("{b:02x}")).collect::<String>(),
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
