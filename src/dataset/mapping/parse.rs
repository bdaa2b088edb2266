//! A mapping read from `datapackage.json` as typed parts ([`super::doc`]), with
//! every problem at its JSON path.

use super::super::cell::Grammar;
use super::super::doc::{Found, Part, Text, TextOr, Texts, Word, Words};
use super::super::{Basis, Date, Dimension};
use super::doc::*;
use super::*;
use super::{editions, rounded};
use crate::values::calendar::DATE_FORMATS;

/// The JSON paths of the dimensions and measures read.
#[derive(Default)]
struct Paths {
    dimensions: Vec<String>,
    measures: Vec<String>,
}

/// Reads the mapping at `path` (`resources[i].cleanweb:mapping`) of `found`'s file;
/// `None` when it has a problem (each is in `found`).
pub fn parse(found: &mut Found, path: &str, doc: MappingDoc) -> Option<Mapping> {
    let before = found.problems.len();
    let grammar = match doc.cells {
        Some(c) => cells_grammar(found, &format!("{path}.cells"), c, &Grammar::default()),
        None => Grammar::default(),
    };
    let when = parse_when(found, &format!("{path}.when"), doc.when);
    let mut dimensions = Vec::new();
    let mut paths = Paths::default();
    for (p, d) in found.list(&format!("{path}.dimensions"), doc.dimensions) {
        let d = match found.part(&p, d) {
            Some(TextOr::Object(d)) => d,
            Some(TextOr::Text(column)) => DimensionDoc {
                column: Some(column),
                name: None,
                role: None,
            },
            None => continue,
        };
        let Some(Text(column)) = d.column else {
            found.problem(&format!("{p}.column"), "a dimension names its column");
            continue;
        };
        let role = d.role.map(|r| r.0 .0);
        let name = d.name.map_or_else(|| snake(&column), |n| n.0);
        if Dimension::parse(&name).is_some_and(|d| Some(d) != role) {
            found.problem(&format!("{p}.name"), format!("'{name}' is a key every table has; give the dimension another name, or the role '{name}'"));
        }
        dimensions.push(DimensionSpec { column, name, role });
        paths.dimensions.push(p);
    }
    let default_basis = when.as_ref().map_or(Basis::Period, Mapping::default_basis);
    let mut measures = Vec::new();
    let listed = found.list(&format!("{path}.measures"), doc.measures);
    let declared = !listed.is_empty();
    for (p, m) in listed {
        let Some(m) = found.part(&p, m) else {
            continue;
        };
        if let Some(m) = parse_measure(found, &p, m, &grammar, default_basis) {
            measures.push(m);
            paths.measures.push(p);
        }
    }
    let records = doc.records.and_then(|r| {
        let p = format!("{path}.records");
        let r = found.part(&p, r)?;
        let Some(Text(metric)) = r.metric else {
            found.problem(
                &format!("{p}.metric"),
                "a record list names the metric its rows count",
            );
            return None;
        };
        Some(Records {
            metric: snake(&metric),
            unit: r.unit.map_or_else(|| "count".into(), |u| u.0),
        })
    });
    match (declared, &records) {
        (false, None) => found.problem(
            &format!("{path}.measures"),
            "a mapping declares its measures, or \"records\" for a table of one row per event",
        ),
        (true, Some(_)) => found.problem(
            &format!("{path}.records"),
            "a record list counts its rows: it has no measures as well",
        ),
        _ => {}
    }
    let announced = doc.announced.and_then(|t| match Date::parse(&t.0) {
        Ok(d) => Some(d),
        Err(e) => {
            found.problem(&format!("{path}.announced"), e);
            None
        }
    });
    let total_rows = doc.total_rows.unwrap_or_default().0;
    if records.is_some() && !total_rows.is_empty() {
        found.problem(
            &format!("{path}.total_rows"),
            "a record list counts its rows: it has no total rows",
        );
    }
    let header_row = doc.header_row.and_then(|h| {
        let why = format!("must be the line of the header, a whole number from 1 to {MAX_HEADER_ROW} (Excel's last row)");
        let p = format!("{path}.header_row");
        let row = found.part_or(&p, h, &why)?;
        let ok = (1..=MAX_HEADER_ROW).contains(&row);
        (!ok).then(|| found.problem(&p, why));
        ok.then_some(row)
    });
    let text = |t: Option<Text>| t.map(|t| t.0);
    let mut mapping = Mapping {
        total_rows,
        when: when.unwrap_or(When::Fixed {
            from: Date::from_days(0),
            to: Date::from_days(0),
        }),
        dimensions,
        measures,
        records,
        shares_complete: doc.shares.is_none_or(|s| s.0 .0),
        ignore: doc.ignore.unwrap_or_default().0,
        source: text(doc.source),
        authority: text(doc.authority).unwrap_or_default(),
        region: text(doc.region).unwrap_or_else(|| "national".into()),
        announced,
        grammar,
        sheet: text(doc.sheet),
        header_row,
        path: path.to_string(),
        package: found.file.to_string(),
        pending: Vec::new(),
        other_headers: Vec::new(),
        spellings: Vec::new(),
    };
    mapping.other_headers = editions::other_headers(found, path, doc.other_headers, &mapping);
    mapping.spellings = editions::spellings(found, path, doc.spellings, &mapping);
    defer_near_references(&mut mapping, &paths);
    check_references(found, path, &mapping, &paths);
    (found.problems.len() == before).then_some(mapping)
}

fn parse_when(found: &mut Found, p: &str, when: Option<Part<WhenDoc>>) -> Option<When> {
    let Some(w) = when else {
        found.problem(
            p,
            "a mapping says when each row is: a date, month, year or period column",
        );
        return None;
    };
    let w = found.part(p, w)?;
    let format = w.format.map_or_else(|| "YYYY-MM-DD".into(), |f| f.0);
    if !(format.contains("YYYY") && format.contains('M') && format.contains('D')) {
        found.problem(
            &format!("{p}.format"),
            format!(
                "'{format}' is not a date format; use one such as {}",
                DATE_FORMATS.join(", ")
            ),
        );
    }
    let Some(Word(form)) = w.form else {
        found.problem(
            &format!("{p}.form"),
            format!(
                "says how the rows say when they are: {}",
                Form::WORDS.join(", ")
            ),
        );
        return None;
    };
    if form == Form::Fixed {
        let mut day = |key: &str, t: Option<Text>| match t.map(|t| Date::parse(&t.0)) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                found.problem(&format!("{p}.{key}"), e);
                None
            }
            None => {
                found.problem(&format!("{p}.{key}"), "a fixed span needs 'from' and 'to'");
                None
            }
        };
        let (from, to) = (day("from", w.from), day("to", w.to));
        let (from, to) = (from?, to?);
        if to < from {
            found.problem(&format!("{p}.to"), format!("{to} is before {from}"));
        }
        return Some(When::Fixed { from, to });
    }
    if w.year.is_some() && form != Form::Period {
        found.problem(
            &format!("{p}.year"),
            "only a \"period\" column takes a \"year\" (for month names written without one)",
        );
    }
    let Some(Text(column)) = w.column else {
        found.problem(
            &format!("{p}.column"),
            "name the column that says when the row is",
        );
        return None;
    };
    Some(match form {
        Form::Date => When::Date { column, format },
        Form::Month => When::Month { column },
        Form::Year => When::Year { column },
        Form::Period => When::Period {
            column,
            year: w.year.map(|y| y.0),
        },
        Form::PeriodEnd | Form::Fixed => {
            let Some(Word(Months(months))) = w.length else {
                found.problem(
                    &format!("{p}.length"),
                    format!(
                        "a period end needs the period's length: {}",
                        Months::WORDS.join(", ")
                    ),
                );
                return None;
            };
            When::PeriodEnd {
                column,
                format,
                months,
            }
        }
    })
}

/// Where a measure's numbers are: exactly one of `column`, `columns` and `value`.
fn cells_of(found: &mut Found, p: &str, m: &mut MeasureDoc) -> Option<Cells> {
    Some(match (m.column.take(), m.columns.take(), m.value.take()) {
        (Some(Text(c)), None, None) => Cells::Column(c),
        (None, Some(Texts(columns)), None) => {
            let dimension = m.dimension.take().map(|d| d.0).unwrap_or_else(|| {
                found.problem(&format!("{p}.dimension"), "one column per value needs the dimension its headers are values of (category, region, or a name of yours)");
                String::new()
            });
            if columns.is_empty() {
                found.problem(&format!("{p}.columns"), "name at least one column");
            }
            Cells::Columns { columns, dimension }
        }
        (None, None, Some(Text(value))) => {
            let Some(Text(metric_column)) = m.metric_column.take() else {
                found.problem(
                    &format!("{p}.metric_column"),
                    "a long measure names the column that says its metric",
                );
                return None;
            };
            Cells::Long {
                value,
                metric_column,
            }
        }
        _ => {
            found.problem(p, "a measure has exactly one of 'column', 'columns' (one per value of a dimension) or 'value' (long, with 'metric_column')");
            return None;
        }
    })
}

fn parse_measure(
    found: &mut Found,
    p: &str,
    mut m: MeasureDoc,
    grammar: &Grammar,
    default_basis: Basis,
) -> Option<Measure> {
    let cells = cells_of(found, p, &mut m)?;
    let long = matches!(cells, Cells::Long { .. });
    let metric = m.metric.map(|m| snake(&m.0)).unwrap_or_default();
    if metric.is_empty() && !long {
        found.problem(&format!("{p}.metric"), "a measure names its metric");
    }
    let share_of = m.share_of.map(|s| s.0);
    let unit = m.unit.map(|u| u.0).unwrap_or_else(|| {
        if share_of.is_some() {
            "percent"
        } else {
            "count"
        }
        .into()
    });
    let fraction = unit == "fraction";
    let unit = if fraction {
        "percent".to_string()
    } else {
        unit
    };
    if share_of.is_some() && unit != "percent" {
        found.problem(
            &format!("{p}.unit"),
            format!("a share is in percent (or fraction), not '{unit}'"),
        );
    }
    let basis = m.basis.map_or(
        if unit == "percent" {
            Basis::Share
        } else {
            default_basis
        },
        |b| b.0,
    );
    let measure_grammar = match m.cells {
        Some(c) => cells_grammar(found, &format!("{p}.cells"), c, grammar),
        None => grammar.clone(),
    };
    let units: Vec<(String, String)> = (m.units.into_iter().flatten())
        .map(|(metric, w)| (snake(&metric), w.0))
        .collect();
    let mut bases: Vec<(String, Basis)> = Vec::new();
    for (metric, Text(w)) in m.bases.into_iter().flatten() {
        match <Basis as Words>::parse(&w) {
            Some(b) => bases.push((snake(&metric), b)),
            None => found.not_one_of(
                &format!("{p}.bases.{metric}"),
                &w,
                Basis::WHAT,
                Basis::WORDS,
            ),
        }
    }
    let per_metric = !(units.is_empty() && bases.is_empty());
    if per_metric && !long {
        found.problem(
            p,
            "\"units\" and \"bases\" give a long measure's metrics each theirs; a measure of one metric has one \"unit\" and \"basis\"",
        );
    }
    if let Some((m, _)) = units.iter().find(|u| u.1 == "fraction") {
        found.problem(
            &format!("{p}.units"),
            format!("'{m}': a unit per metric is a word such as count or percent; write its shares as percents"),
        );
    }
    let (rounded, rounded_by_metric) = match m.rounded {
        Some(r) => rounded::read(found, &format!("{p}.rounded"), r, long),
        None => (None, Vec::new()),
    };
    Some(Measure {
        cells,
        metric,
        unit,
        basis,
        share_of,
        total_of: m.total_of.unwrap_or_default().0,
        grammar: measure_grammar,
        fraction,
        units,
        bases,
        rounded,
        rounded_by_metric,
        unit_overruled: m.unit_overruled.map(|t| t.0),
    })
}

/// The markers of a cell grammar at `p`: `unknown` (a value not published) and
/// `not_reported` (no figure; `missing` is its older name). A marker declared as
/// one is no longer the other by default; declared as both, it is a problem.
fn markers(
    found: &mut Found,
    p: &str,
    g: &mut Grammar,
    unknown: Option<UnknownMarkers>,
    not_reported: Option<Texts>,
    missing: Option<Texts>,
) {
    let none = match (not_reported, missing) {
        (Some(_), Some(_)) => {
            found.problem(
                &format!("{p}.missing"),
                "'missing' is the older name of 'not_reported': declare one of them",
            );
            return;
        }
        (a, b) => a.or(b),
    };
    let declared_unknown = unknown.is_some();
    if let Some(UnknownMarkers(u)) = unknown {
        g.missing.retain(|m| !u.iter().any(|x| &x.text == m));
        g.unknown = u;
    }
    if let Some(Texts(none)) = none {
        if let Some(both) = none
            .iter()
            .find(|m| declared_unknown && g.unknown.iter().any(|u| &&u.text == m))
        {
            found.problem(
                &format!("{p}.unknown"),
                format!("'{both}' is declared both unknown (a value not published) and not reported (no figure): keep it in one list"),
            );
        }
        g.unknown.retain(|u| !none.contains(&u.text));
        g.missing = none;
    }
}

/// The cell grammar at `p`, over `base`.
fn cells_grammar(found: &mut Found, p: &str, cells: Part<CellsDoc>, base: &Grammar) -> Grammar {
    let mut g = base.clone();
    let Some(c) = found.part(p, cells) else {
        return g;
    };
    if let Some(Word(b)) = c.blank {
        g.blank = b;
    }
    markers(found, p, &mut g, c.unknown, c.not_reported, c.missing);
    if let Some(OneChar(t)) = c.thousands {
        g.thousands = Some(t);
    }
    if let Some(OneChar(d)) = c.decimal {
        g.decimal = d;
    }
    if g.thousands == Some(g.decimal) {
        found.problem(
            &format!("{p}.thousands"),
            "the thousands separator and the decimal mark must differ",
        );
    }
    if let Some(f) = c.footnotes {
        g.footnotes = f;
    }
    if let Some(Word(r)) = c.rounding {
        g.rounding = r;
    }
    g
}
/// The measure columns of a mapping that can be parts of a total (single columns),
/// and those that can be the base of a share (single count columns).
fn named(m: &Mapping) -> (Vec<String>, Vec<String>) {
    let mut singles = Vec::new();
    let mut counts = Vec::new();
    for x in &m.measures {
        match &x.cells {
            Cells::Column(c) => {
                singles.push(c.clone());
                if !x.is_share() {
                    counts.push(c.clone());
                }
            }
            Cells::Columns { columns, .. } => singles.extend(columns.iter().cloned()),
            Cells::Long { .. } => {}
        }
    }
    (singles, counts)
}

/// A `share_of` or `total_of` that names no column of the mapping but is near one
/// is a slip on one side, and only the table's header tells which: the problem
/// waits for it ([`Mapping::pending`]), and the near column stands in meanwhile.
fn defer_near_references(m: &mut Mapping, paths: &Paths) {
    let (singles, counts) = named(m);
    let mut pending = Vec::new();
    let mut settle = |word: &mut String, path: String, what: &str, valid: &[String]| {
        let valid: Vec<&str> = valid.iter().map(String::as_str).collect();
        if valid.contains(&word.as_str()) {
            return;
        }
        if let Some(near) = crate::table::closest(word, &valid) {
            let reason = crate::table::not_one_of(word, what, &valid);
            let slip = std::mem::replace(word, near.to_string());
            pending.push(Pending {
                path,
                word: slip,
                reason,
            });
        }
    };
    for (x, p) in m.measures.iter_mut().zip(&paths.measures) {
        if let Some(base) = &mut x.share_of {
            settle(
                base,
                format!("{p}.share_of"),
                "a count column of this mapping",
                &counts,
            );
        }
        for part in &mut x.total_of {
            settle(
                part,
                format!("{p}.total_of"),
                "a measure column of this mapping",
                &singles,
            );
        }
    }
    m.pending = pending;
}

/// `share_of` and `total_of` name measure columns of the same mapping.
/// `paths` are the JSON paths of the mapping's dimensions and measures.
fn check_references(found: &mut Found, path: &str, m: &Mapping, paths: &Paths) {
    let (singles, counts) = named(m);
    let singles: Vec<&str> = singles.iter().map(String::as_str).collect();
    let counts: Vec<&str> = counts.iter().map(String::as_str).collect();
    for (i, x) in m.measures.iter().enumerate() {
        let p = &paths.measures[i];
        if let Some(base) = &x.share_of {
            if !counts.contains(&base.as_str()) {
                found.not_one_of(
                    &format!("{p}.share_of"),
                    base,
                    "a count column of this mapping",
                    &counts,
                );
            }
        }
        for part in &x.total_of {
            if !singles.contains(&part.as_str()) {
                found.not_one_of(
                    &format!("{p}.total_of"),
                    part,
                    "a measure column of this mapping",
                    &singles,
                );
            }
        }
        if let Cells::Column(own) = &x.cells {
            if x.total_of.contains(own) {
                found.problem(
                    &format!("{p}.total_of"),
                    format!("'{own}' is this measure's own column: a total cannot be one of its own parts"),
                );
            }
        }
        let (key, columns) = match &x.cells {
            Cells::Column(c) => ("column", vec![c.as_str()]),
            Cells::Columns { columns, .. } => {
                ("columns", columns.iter().map(String::as_str).collect())
            }
            Cells::Long { value, .. } => ("value", vec![value.as_str()]),
        };
        for c in columns {
            if let Some(d) = m.dimensions.iter().position(|d| d.column == c) {
                found.problem(
                    &format!("{p}.{key}"),
                    format!("'{c}' is also a dimension ({}): a column holds either the keys of figures or their values, not both", paths.dimensions[d]),
                );
            }
        }
        if !x.total_of.is_empty() && !matches!(x.cells, Cells::Column(_)) {
            found.problem(
                &format!("{p}.total_of"),
                "only a single column can be the total of others",
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for c in m.dimensions.iter().map(|d| d.column.as_str()) {
        if seen.contains(&c) {
            found.problem(
                &format!("{path}.dimensions"),
                format!("column '{c}' is named twice"),
            );
        }
        seen.push(c);
    }
    for (i, d) in m.dimensions.iter().enumerate() {
        if let Some(j) = m.dimensions[..i]
            .iter()
            .position(|e| e.name == d.name && e.column != d.column)
        {
            found.problem(
                &format!("{}.name", paths.dimensions[i]),
                format!(
                    "'{}' also names {}: give each dimension a name of its own",
                    d.name, paths.dimensions[j]
                ),
            );
        }
    }
}
