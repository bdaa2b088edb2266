//! A reconciliation as tables and in every output format.

use super::*;
use crate::output::{self, Cell, Format, Table};

impl Reconciliation {
    pub fn relations_table(&self) -> Table {
        let mut t = Table::new(&[
            "total_id",
            "kind",
            "parts",
            "published_low",
            "published_high",
            "parts_low",
            "parts_high",
            "difference",
            "status",
        ]);
        for r in &self.relations {
            t.rows.push(vec![
                Cell::text(&r.total_id),
                Cell::text(r.kind.as_str()),
                Cell::text(r.part_ids.join(" + ")),
                Cell::opt_amount(r.published.low),
                Cell::opt_amount(r.published.high),
                Cell::opt_amount(r.parts.low),
                Cell::opt_amount(r.parts.high),
                if r.difference.is_exact() {
                    Cell::opt_amount(r.difference.low)
                } else {
                    Cell::text(r.difference.to_string())
                },
                Cell::text(r.status.as_str()),
            ]);
        }
        t
    }

    /// The checks as the CSV and JSON give them, in the tool's first language.
    pub fn checks_table(&self) -> Table {
        self.checks_table_in(crate::words::Lang::default())
    }

    /// The checks with what they are about, claim, computed, compared and explain
    /// in `lang`.
    pub fn checks_table_in(&self, lang: crate::words::Lang) -> Table {
        let mut t = Table::new(&[
            "check",
            "subject",
            "claimed",
            "computed",
            "verdict",
            "compared",
            "explanation",
            "ids",
        ]);
        for c in &self.checks {
            t.rows.push(vec![
                Cell::text(c.check),
                Cell::text(c.subject_in(lang)),
                Cell::text(c.claimed_in(lang)),
                Cell::text(c.computed_in(lang)),
                Cell::text(c.verdict.as_str()),
                Cell::text(c.compared_in(lang)),
                Cell::text(c.explanation_in(lang)),
                Cell::text(c.ids.join(" ")),
            ]);
        }
        t
    }

    pub fn announcement_table(&self) -> Table {
        let mut t = Table::new(&["figure", "published", "parts", "computed", "status", "id"]);
        for f in &self.announcement {
            let parts: Vec<String> = f
                .parts
                .iter()
                .map(|(c, v)| format!("{} {}", c.replace('_', " "), v))
                .collect();
            t.rows.push(vec![
                Cell::text(&f.figure),
                Cell::text(match (f.unit.as_str(), f.approx) {
                    // A share is shown as published: a rounded percent.
                    ("percent", _) => format!("{}%", f.published),
                    (_, true) => format!("{} (approx.)", f.published),
                    _ => f.published.to_string(),
                }),
                if parts.is_empty() {
                    Cell::Empty
                } else {
                    Cell::text(parts.join(" + "))
                },
                f.computed
                    .map_or(Cell::Empty, |c| Cell::text(c.to_string())),
                Cell::text(&f.status),
                Cell::text(&f.id),
            ]);
        }
        t
    }
}

/// Which part of a reconciliation to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    All,
    Relations,
    Checks,
    Announcement,
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

/// A reconciliation in a text format; CSV holds one table.
pub fn render(rec: &Reconciliation, format: Format, section: Section) -> anyhow::Result<Vec<u8>> {
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
            obj.insert("failures".into(), rec.has_failures(false).into());
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
