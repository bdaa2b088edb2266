//! What keeps the report of a big table publishable: a transparency report is tens
//! of thousands of figures with dimensions of hundreds of values, and a page that
//! lists them all (13 MB of HTML, a chart of 750 bars) is read by nobody. The pages
//! show what the charts show; the full data stays in the CSV beside each chart, in
//! `observations.csv` and in `reconciliation.json`.

use crate::say;
use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Most rows of a table the pages show; the rest are in the CSV beside it.
pub const MAX_SHOWN: usize = 25;
/// Most bars a chart of the report draws, whatever `--top` asks.
pub const MAX_TOP: usize = 25;
/// Most figures listed with their quotes in report.html (the rest: observations.csv).
pub const MAX_LISTED: usize = 200;

/// The table the pages show for a chart, in a reader's words: each key under the
/// name the chart gives it ("Country/Region", not `country_region`), one value in
/// words ("about 1,222", "4,800 or more") where the CSV has its low and high ends, the
/// number of figures added, and a note only where there is one. A bar chart's table
/// has its bars in the order drawn (its top values and "N others"); any other at most
/// [`MAX_SHOWN`] rows. With it, a line that says where the whole table is.
pub(super) fn shown(c: &Rendered, lang: Lang) -> Option<(Table, String)> {
    let t = c.table.as_ref()?;
    let (mut shown, rows_shown) = match &c.chart.body {
        Body::Bars { data, .. } => {
            let key = c
                .keys
                .first()
                .cloned()
                .or_else(|| t.columns.first().map(|k| localized_name(k, lang)))?;
            let mut shown = Table::new(&[key.as_str(), &value_word(lang), &note_word(lang)]);
            for d in data {
                shown.rows.push(vec![
                    Cell::text(d.label.clone()),
                    value_cell(d.value, d.approx, lang),
                    Cell::text(d.extra.trim_matches(|c| c == '(' || c == ')').to_string()),
                ]);
            }
            (shown, data.len())
        }
        _ => {
            let shown = for_readers(t, &c.keys, lang);
            (shown, t.rows.len().min(MAX_SHOWN))
        }
    };
    shown.rows.truncate(MAX_SHOWN);
    drop_empty_notes(&mut shown, lang);
    let more = if t.rows.len() <= rows_shown {
        String::new()
    } else {
        say!(
            lang,
            "report-rows-drawn",
            n = t.rows.len(),
            file = format!("{}.csv", c.stem)
        )
    };
    Some((shown, more))
}

fn value_word(lang: Lang) -> String {
    lang.t("report-col-value-words")
}

fn note_word(lang: Lang) -> String {
    lang.t("report-col-note")
}

/// An interval in a reader's words; a value not reported says so.
fn value_cell(v: Option<Interval>, approx: bool, lang: Lang) -> Cell {
    match v {
        Some(v) => Cell::Figure(lang.amount(&v, approx)),
        None => Cell::text(lang.not_reported()),
    }
}

/// A column name of the tool's as a reader reads it, from the catalogue: in
/// English its words with a capital ("Share of total"; `n` is "Figures").
fn localized_name(name: &str, lang: Lang) -> String {
    crate::say!(
        lang,
        "report-column-name",
        name = name,
        words = notes::capitalised(&name.replace('_', " "))
    )
}

/// `t` (an aggregate's or a relation's table) in a reader's words: key columns named
/// by `keys` (else the tool's words), low and high as one value in words (with the
/// `approx` flag as "about"), ids and flags left to the CSV.
fn for_readers(t: &Table, keys: &[String], lang: Lang) -> Table {
    let at = |name: &str| t.columns.iter().position(|c| c == name);
    let (low, high, approx) = (at("low"), at("high"), at("approx"));
    let mut columns: Vec<String> = Vec::new();
    // Where each column of the reader's table comes from: a column of `t`, or the
    // value made of low and high.
    let mut from: Vec<Option<usize>> = Vec::new();
    for (i, name) in t.columns.iter().enumerate() {
        match name.as_str() {
            "low" => {
                columns.push(value_word(lang));
                from.push(None);
            }
            "high" | "approx" | "id" | "ids" => {}
            _ => {
                columns.push(
                    keys.get(i)
                        .cloned()
                        .unwrap_or_else(|| localized_name(name, lang)),
                );
                from.push(Some(i));
            }
        }
    }
    let mut out = Table::new(&columns.iter().map(String::as_str).collect::<Vec<_>>());
    for row in &t.rows {
        let end = |i: Option<usize>| match i.and_then(|i| row.get(i)) {
            Some(Cell::Amount(v)) => Some(*v),
            Some(Cell::Value(v)) => Some(v.scaled()),
            _ => None,
        };
        let about = matches!(approx.and_then(|i| row.get(i)), Some(Cell::Bool(true)));
        let (l, h) = (end(low), end(high));
        let value = if l.is_none() && h.is_none() {
            // An empty sum: no figure reported in this row.
            Cell::text(lang.not_reported())
        } else {
            Cell::Figure(lang.amount(&Interval::new(l, h), about))
        };
        out.rows.push(
            from.iter()
                .map(|f| match f {
                    Some(i) => row.get(*i).cloned().unwrap_or(Cell::Empty),
                    None => value.clone(),
                })
                .collect(),
        );
    }
    out
}

/// Leaves out the note column when no row has a note.
fn drop_empty_notes(t: &mut Table, lang: Lang) {
    let Some(i) = t.columns.iter().position(|c| *c == note_word(lang)) else {
        return;
    };
    let empty = t.rows.iter().all(|r| {
        matches!(r.get(i), None | Some(Cell::Empty))
            || matches!(r.get(i), Some(Cell::Text(s)) if s.is_empty())
    });
    if empty {
        t.columns.remove(i);
        t.rows.iter_mut().for_each(|r| {
            if i < r.len() {
                r.remove(i);
            }
        });
    }
}

/// Cuts each Markdown table of `md` to its first [`MAX_SHOWN`] rows, with a line
/// that says how many more there are and in which file.
pub(super) fn cap_markdown_tables(md: &str, file: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(md.len().min(1 << 20));
    let mut rows = 0usize;
    let mut hidden = 0usize;
    let flush = |out: &mut String, hidden: &mut usize| {
        if *hidden > 0 {
            out.push_str(&format!("\n{}\n", more_rows(*hidden, file, lang)));
            *hidden = 0;
        }
    };
    for line in md.lines() {
        if line.starts_with('|') {
            rows += 1;
            // The header and its rule are two lines of the table.
            if rows > MAX_SHOWN + 2 {
                hidden += 1;
                continue;
            }
        } else {
            rows = 0;
            flush(&mut out, &mut hidden);
        }
        out.push_str(line);
        out.push('\n');
    }
    flush(&mut out, &mut hidden);
    out
}

/// The mean length of a dimension's values: of two one-to-one dimensions, the one
/// with the longer values (the name, not the code) is drawn.
pub(super) fn mean_length(figures: &[&Observation], d: Dimension) -> usize {
    let values: BTreeSet<&str> = figures.iter().map(|o| o.text_key_of(d)).collect();
    values.iter().map(|v| v.chars().count()).sum::<usize>() / values.len().max(1)
}

/// The announcement's figures in the order drawn (largest first), each with a label
/// of its own: the figure's words, and where two figures share them, the values of
/// the dimensions in which the announcement's figures differ.
pub(super) fn announced(ds: &Dataset, rec: &Reconciliation, lang: Lang) -> Vec<(usize, String)> {
    let names = build::Names::of(ds, lang);
    let figures: Vec<Option<&Observation>> =
        rec.announcement.iter().map(|f| ds.find(&f.id)).collect();
    let mut repeated: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &rec.announcement {
        *repeated.entry(f.figure.as_str()).or_default() += 1;
    }
    let found: Vec<&Observation> = figures.iter().flatten().copied().collect();
    // The region is in the figure's words already; a dimension one-to-one with it or
    // with an earlier one (a code beside its name) would repeat it.
    let mut candidates = vec![Dimension::Region];
    candidates.extend(
        (0..ds.dimensions.len())
            .filter_map(|i| u8::try_from(i).ok().map(Dimension::Named))
            .filter(|d| ds.dimensions.iter().any(|n| n.dimension == *d)),
    );
    candidates.retain(|d| {
        let values: BTreeSet<&str> = found.iter().map(|o| o.text_key_of(*d)).collect();
        values.len() > 1
    });
    let dims: Vec<Dimension> = candidates
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            !candidates[..*i]
                .iter()
                .any(|e| crate::dataset::one_to_one(&found, *e, **d))
        })
        .map(|(_, d)| *d)
        .filter(|d| *d != Dimension::Region)
        .collect();
    let mut out: Vec<(usize, String)> = rec
        .announcement
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let label = match (repeated[f.figure.as_str()] > 1, figures[i]) {
                (true, Some(o)) if !dims.is_empty() => {
                    let keys: Vec<String> = dims
                        .iter()
                        .map(|d| names.key(*d, o.text_key_of(*d)))
                        .collect();
                    say!(
                        lang,
                        "report-figure-keys",
                        figure = f.figure.as_str(),
                        keys = keys.join(", ")
                    )
                }
                _ => f.figure.clone(),
            };
            (i, label)
        })
        .collect();
    let low = |i: usize| rec.announcement[i].published.low;
    out.sort_by(|a, b| low(b.0).cmp(&low(a.0)).then(a.1.cmp(&b.1)));
    out
}

/// The announcement's totals by metric, for the words under its chart: counts only,
/// each figure once (a part of a total announced with it is left out).
pub(super) fn announced_totals(ds: &Dataset, rec: &Reconciliation) -> Vec<(String, Interval)> {
    let ids: BTreeSet<&str> = rec.announcement.iter().map(|f| f.id.as_str()).collect();
    let parts: BTreeSet<&str> = ds
        .relations
        .iter()
        .filter(|r| ids.contains(r.total_id.as_str()))
        .map(|r| r.part_id.as_str())
        .collect();
    let mut totals: BTreeMap<&str, Vec<Interval>> = BTreeMap::new();
    for f in rec
        .announcement
        .iter()
        .filter(|f| !parts.contains(f.id.as_str()))
    {
        let Some(o) = ds.find(&f.id) else { continue };
        if o.unit == "count" && matches!(o.basis, Basis::Event | Basis::Period) {
            totals
                .entry(o.metric.as_str())
                .or_default()
                .push(f.published);
        }
    }
    totals
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .filter_map(|(m, v)| Interval::sum(v).ok().map(|s| (m.to_string(), s)))
        .collect()
}

/// The first [`MAX_SHOWN`] rows of `t`, and a line that says how many more there
/// are in `file` (empty when none).
pub(super) fn head(t: &Table, file: &str, lang: Lang) -> (Table, String) {
    let mut shown = t.clone();
    let more = t.rows.len().saturating_sub(MAX_SHOWN);
    shown.rows.truncate(MAX_SHOWN);
    (shown, more_rows(more, file, lang))
}

/// "N more rows in FILE.", or nothing when `n` is 0.
pub(super) fn more_rows(n: usize, file: &str, lang: Lang) -> String {
    if n == 0 {
        return String::new();
    }
    say!(lang, "report-more-rows", n = n, file = file)
}
