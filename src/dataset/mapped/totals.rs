//! Rows that are totals of other rows (`"total_rows"`): a `SUM` row under the months
//! it sums, a `Total` or `All` in a dimension column beside the values it sums.
//! Each becomes a relation of total and parts, which `reconcile` checks and
//! `aggregate` never counts twice; a total of periods covers the span of its parts.

use std::collections::HashMap;

use super::super::{Basis, Dataset, Origin, Problem, Relation, RelationKind};
use crate::table::At;
use crate::values::calendar::Date;

/// What a row of a table that declares total rows is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    Part,
    /// Its when-cell is a total word: the total of the rows above it, since the
    /// last such row, that share its key.
    OfPeriods,
    /// The dimension at this place of its key holds a total word: the total of
    /// the rows of the same span and the rest of its key.
    OfValues(usize),
}

/// One row, as far as totals need it.
#[derive(Debug, Clone)]
pub(super) struct RowInfo {
    pub(super) at: At,
    /// Its span; none for a total of periods (its parts give it).
    pub(super) span: Option<(Date, Date)>,
    /// Its metric (in a long table) and the values of its dimensions.
    pub(super) key: Vec<String>,
    pub(super) kind: RowKind,
}

/// The table whose totals are resolved: its name, the day it was published, the
/// column of its when-cells, and where a relation of one of its rows comes from.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub(super) name: &'a str,
    pub(super) announced: Option<Date>,
    pub(super) when_col: usize,
    pub(super) origin: &'a dyn Fn(u64, usize) -> Origin,
}

/// The figures of one row by known column: the figure's index in the dataset.
pub(super) type Figures = HashMap<usize, usize>;

/// Makes every total row a relation of its total and parts, and gives a total of
/// periods its span. `rows` are in the order of the table, with their lines.
pub(super) fn resolve(
    at: &Place<'_>,
    rows: &[(u64, RowInfo)],
    figures: &HashMap<u64, Figures>,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) {
    let Place {
        name,
        announced,
        when_col,
        origin,
    } = *at;
    let none = Figures::new();
    let of = |line: u64| figures.get(&line).unwrap_or(&none);
    // Parts of a total of periods: the part rows since the last total of its key.
    let mut since: HashMap<&[String], Vec<usize>> = HashMap::new();
    // Parts of a total of values, by the place of the total word: (span, the key
    // without that place) -> part rows.
    let mut by_place: HashMap<usize, HashMap<PartsKey, Vec<usize>>> = HashMap::new();
    for (_, r) in rows {
        if let RowKind::OfValues(place) = r.kind {
            by_place.entry(place).or_insert_with(|| {
                let mut m: HashMap<_, Vec<usize>> = HashMap::new();
                for (j, (_, p)) in rows.iter().enumerate() {
                    if p.kind == RowKind::Part {
                        m.entry((p.span, without(&p.key, place)))
                            .or_default()
                            .push(j);
                    }
                }
                m
            });
        }
    }
    for (i, (line, r)) in rows.iter().enumerate() {
        let parts: Vec<usize> = match r.kind {
            RowKind::Part => {
                since.entry(r.key.as_slice()).or_default().push(i);
                continue;
            }
            RowKind::OfPeriods => since.remove(r.key.as_slice()).unwrap_or_default(),
            RowKind::OfValues(place) => by_place
                .get(&place)
                .and_then(|m| m.get(&(r.span, without(&r.key, place))))
                .cloned()
                .unwrap_or_default(),
        };
        if parts.is_empty() {
            problems.push(
                Problem::new(
                    name,
                    match r.kind {
                        RowKind::OfPeriods => "is a total row, but no row above it (since the last total) gives its parts: a total of periods follows the rows it sums",
                        _ => "is a total row, but no other row of its period gives its parts",
                    },
                )
                .at(*line, when_col),
            );
            continue;
        }
        if r.kind == RowKind::OfPeriods {
            let start = parts
                .iter()
                .filter_map(|&p| rows[p].1.span)
                .map(|s| s.0)
                .min();
            let end = parts
                .iter()
                .filter_map(|&p| rows[p].1.span)
                .map(|s| s.1)
                .max();
            if let (Some(start), Some(end)) = (start, end) {
                for &f in of(*line).values() {
                    let o = &mut ds.observations[f];
                    o.date = announced.map_or(end, |a| end.max(a));
                    let span = matches!(o.basis, Basis::Period | Basis::Share | Basis::Rate)
                        && start != end;
                    o.period_start = span.then_some(start);
                    o.period_end = span.then_some(end);
                }
            }
        }
        for (&k, &t) in of(*line) {
            // A percent of a total row is no sum of its parts' percents.
            if ds.observations[t].unit == "percent" {
                continue;
            }
            let found: Vec<usize> = parts
                .iter()
                .filter_map(|&p| of(rows[p].0).get(&k).copied())
                .collect();
            let kind = if found.len() == parts.len() {
                RelationKind::Complete
            } else {
                RelationKind::Partial
            };
            let cell = ds.observations[t].origin.cell;
            for p in found {
                ds.relations.push(Relation {
                    total_id: ds.observations[t].id.clone(),
                    part_id: ds.observations[p].id.clone(),
                    kind,
                    origin: origin(*line, cell),
                });
            }
        }
    }
}

/// The rows a total of values sums: its span, and its key without the total's place.
type PartsKey = (Option<(Date, Date)>, Vec<String>);

fn without(key: &[String], place: usize) -> Vec<String> {
    key.iter()
        .enumerate()
        .map(|(i, v)| if i == place { String::new() } else { v.clone() })
        .collect()
}
