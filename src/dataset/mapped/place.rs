//! A mapped table's reading put into the dataset: figures with their ids and origins
//! in the order of the table, the counts of record groups, the relations of totals
//! within a row, the share sets, and what is left to decide.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::super::cell::{Number, Rounding};
use super::super::mapping::{snake, Mapping, Records};
use super::super::{
    Basis, Dataset, Observation, Origin, Problem, Qualifier, Relation, RelationKind, Value,
};
use super::plan::{set, Plan};
use super::sink::{Item, Sink};
use super::totals::{self, Figures, RowInfo};
use super::{Seen, ShareCell, ShareSet};
use crate::table::{At, Table};
use crate::values::calendar::Date;
use std::collections::HashMap;

/// Puts the reading `t` of table `name` (resource `resource`) into `ds`.
pub(super) fn place(
    name: &str,
    resource: &str,
    mapping: &Mapping,
    plan: &Plan,
    t: Table<Sink<'_>>,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) {
    let known = mapping.columns();
    problems.extend(t.problems);
    let file: Arc<str> = Arc::from(name);
    let cols = &t.columns;
    let col = |k: usize| cols.get(k).copied().unwrap_or(k + 1);
    let (mut items, mut infos, records, seen) = merge(name, t.sinks);
    items.sort_by_key(|(at, item)| {
        (
            *at,
            match item {
                Item::Figure(k, _) | Item::Undecided(k) => *k,
            },
        )
    });
    let source = mapping
        .source
        .clone()
        .unwrap_or_else(|| resource.to_string());
    let origin = |line: u64, cell: usize| Origin {
        file: file.clone(),
        line,
        columns: Arc::from([]),
        cell,
    };
    let prefix = snake(resource);
    // Blanks left to decide: one note per column, at its first blank.
    let mut undecided: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    // Per row: its figures by known column (and a share's number), for totals and
    // shares.
    let mut row: Row = BTreeMap::new();
    let mut current: Option<At> = None;
    let mut rows_of: Vec<(u64, Row)> = Vec::new();
    let first_figure = ds.observations.len();
    for (at, item) in items {
        let line = t.lines.line(at);
        if current != Some(at) {
            if let Some(prev) = current {
                rows_of.push((t.lines.line(prev), std::mem::take(&mut row)));
            }
            current = Some(at);
        }
        match item {
            Item::Undecided(k) => {
                let e = undecided.entry(k).or_insert((0, line));
                e.0 += 1;
            }
            Item::Figure(k, figure) => {
                let (mut o, share) = *figure;
                let c = col(k);
                o.id = format!("{prefix}_l{line}_c{c}");
                o.source = source.clone();
                if let Some(a) = mapping.announced {
                    o.date = o.date.max(a);
                }
                o.origin = origin(line, c);
                row.insert(k, (ds.observations.len(), share));
                ds.observations.push(o);
            }
        }
    }
    if let Some(prev) = current {
        rows_of.push((t.lines.line(prev), row));
    }
    if !infos.is_empty() {
        infos.sort_by_key(|r| r.at);
        let rows: Vec<(u64, RowInfo)> =
            infos.into_iter().map(|r| (t.lines.line(r.at), r)).collect();
        let figures: HashMap<u64, Figures> = rows_of
            .iter()
            .map(|(line, r)| (*line, r.iter().map(|(k, (i, _))| (*k, *i)).collect()))
            .collect();
        let at = totals::Place {
            name,
            announced: mapping.announced,
            when_col: plan.when_k.map_or(0, col),
            origin: &origin,
        };
        totals::resolve(&at, &rows, &figures, ds, problems);
    }
    repeated_keys(name, &ds.observations[first_figure..], problems);
    for (k, (n, line)) in undecided {
        ds.undecided.push(
            Problem::new(name, format!("{n} blank cell{} (the first here) left to decide: declare what a blank means with \"cells\": {{\"blank\": \"zero\"}} (none), \"not_reported\", \"unknown\" (a value not published) or \"problem\"; until then they give no figure", if n == 1 { "" } else { "s" }))
                .at(line, col(k))
                .field(&known[k]),
        );
    }
    let header_line = t.lines.line(At::default()).saturating_sub(1).max(1);
    left_to_decide(name, mapping, plan, header_line, &col, ds);
    units_that_fit(name, plan, header_line, &col, problems);
    let at = Placing {
        name,
        source: &source,
        prefix: &prefix,
        mapping,
        plan,
        known: &known,
        col: &col,
        origin: &origin,
    };
    if let Some(r) = &mapping.records {
        count_records(&at, r, records, &|a| t.lines.line(a), ds);
    }
    for (line, figures) in &rows_of {
        link_row(&at, *line, figures, ds);
    }
    ds.seen.push(seen);
}

/// What the sinks of a table's reading found, put together.
// Four plain collections read better here than a type named for one use.
#[allow(clippy::type_complexity)]
fn merge(
    name: &str,
    sinks: Vec<Sink<'_>>,
) -> (
    Vec<(At, Item)>,
    Vec<RowInfo>,
    FxHashMap<Box<[u8]>, (u64, At)>,
    Seen,
) {
    let mut seen = Seen {
        file: name.to_string(),
        ..Seen::default()
    };
    let mut items = Vec::new();
    let mut infos = Vec::new();
    let mut records: FxHashMap<Box<[u8]>, (u64, At)> = FxHashMap::default();
    for s in sinks {
        items.extend(s.items);
        infos.extend(s.rows);
        seen.rows += s.seen.rows;
        seen.blanks += s.seen.blanks;
        seen.blank_rows += s.seen.blank_rows;
        seen.thresholds += s.seen.thresholds;
        seen.footnotes += s.seen.footnotes;
        for (m, n) in s.seen.markers {
            *seen.markers.entry(m).or_default() += n;
        }
        for (m, n) in s.seen.unknown {
            *seen.unknown.entry(m).or_default() += n;
        }
        for (key, (n, at)) in s.records {
            let e = records.entry(key).or_insert((0, at));
            e.0 += n;
            e.1 = e.1.min(at);
        }
    }
    (items, infos, records, seen)
}

/// The figures of a record list: the rows of each group of keys, counted.
fn count_records(
    at: &Placing<'_>,
    r: &Records,
    records: FxHashMap<Box<[u8]>, (u64, At)>,
    line_of: &dyn Fn(At) -> u64,
    ds: &mut Dataset,
) {
    let (mapping, plan, prefix) = (at.mapping, at.plan, at.prefix);
    let mut groups: Vec<_> = records.into_iter().collect();
    groups.sort_by_key(|(_, (_, at))| *at);
    for (key, (n, first)) in groups {
        let (start, end, values) = decode_key(&key);
        let line = line_of(first);
        let mut o = Observation {
            id: format!("{prefix}_l{line}"),
            date: end,
            period_start: (start != end).then_some(start),
            period_end: (start != end).then_some(end),
            authority: mapping.authority.clone(),
            region: mapping.region.clone(),
            metric: r.metric.clone(),
            category: String::new(),
            entity: String::new(),
            value: Value::whole(i64::try_from(n).unwrap_or(i64::MAX)),
            value_max: None,
            qualifier: Qualifier::Exact,
            unit: r.unit.clone(),
            basis: if start == end {
                Basis::Event
            } else {
                Basis::Period
            },
            quote: format!("{n} row{}", if n == 1 { "" } else { "s" }),
            source: at.source.to_string(),
            note: format!("rows counted, the first at line {line}"),
            dims: vec![String::new(); plan.named],
            per_item: None,
            rounding: Default::default(),
            origin: (at.origin)(line, 0),
        };
        for ((_, target), v) in plan.dims.iter().zip(values) {
            set(&mut o, *target, v);
        }
        if let Some(a) = mapping.announced {
            o.date = o.date.max(a);
        }
        ds.observations.push(o);
    }
}

/// Where a row's links are made: the table, its mapping and plan, and the
/// positions of its cells.
struct Placing<'a> {
    name: &'a str,
    source: &'a str,
    prefix: &'a str,
    mapping: &'a Mapping,
    plan: &'a Plan,
    known: &'a [String],
    col: &'a dyn Fn(usize) -> usize,
    origin: &'a dyn Fn(u64, usize) -> Origin,
}

/// The links between the figures of one row: totals within the row are relations
/// (complete when every part is reported), and the shares of one base a share set.
fn link_row(at: &Placing<'_>, line: u64, figures: &Row, ds: &mut Dataset) {
    for (total, parts) in &at.plan.totals {
        let Some(&(ti, _)) = figures.get(total) else {
            continue;
        };
        let found: Vec<usize> = parts
            .iter()
            .filter_map(|p| figures.get(p).map(|f| f.0))
            .collect();
        let kind = if found.len() == parts.len() {
            RelationKind::Complete
        } else {
            RelationKind::Partial
        };
        for pi in found {
            ds.relations.push(Relation {
                total_id: ds.observations[ti].id.clone(),
                part_id: ds.observations[pi].id.clone(),
                kind,
                origin: (at.origin)(line, (at.col)(*total)),
            });
        }
    }
    let mut sets: BTreeMap<usize, Vec<ShareCell>> = BTreeMap::new();
    // Bases with a share not published: their shares known can sum to less than 100.
    let mut open: Vec<usize> = Vec::new();
    for c in at.plan.columns.iter().filter(|c| c.share_of.is_some()) {
        let Some((i, number)) = figures.get(&c.k) else {
            continue;
        };
        if ds.observations[*i].qualifier == Qualifier::Unknown {
            open.push(c.share_of.unwrap_or(0));
        }
        let Some(number) = number else {
            continue;
        };
        let (o, number) = (&ds.observations[*i], number.clone());
        sets.entry(c.share_of.unwrap_or(0))
            .or_default()
            .push(ShareCell {
                column: c.header.clone(),
                col: (at.col)(c.k),
                id: o.id.clone(),
                text: o.quote.clone(),
                number,
            });
    }
    for (base_k, shares) in sets {
        let base = figures.get(&base_k).map(|f| &ds.observations[f.0]);
        ds.share_sets.push(ShareSet {
            file: at.name.to_string(),
            line,
            base_column: at.known[base_k].clone(),
            base: base
                .filter(|b| b.qualifier == Qualifier::Exact)
                .and_then(|b| b.value.as_whole()),
            base_id: base.map(|b| b.id.clone()),
            shares,
            complete: at.mapping.shares_complete && !open.contains(&base_k),
            rounding: at
                .plan
                .columns
                .iter()
                .find(|c| c.share_of == Some(base_k))
                .map_or(Rounding::HalfUp, |c| c.grammar.rounding),
        });
    }
}

/// Per row: its figures by known column (and a share's number), for totals and
/// shares.
type Row = BTreeMap<usize, (usize, Option<Number>)>;

/// What the cells cannot tell, at the header: which count a percent is a share of,
/// and whether a column headed as a total is the total of others.
fn left_to_decide(
    name: &str,
    mapping: &Mapping,
    plan: &Plan,
    header_line: u64,
    col: &dyn Fn(usize) -> usize,
    ds: &mut Dataset,
) {
    let parts: Vec<&str> = mapping
        .measures
        .iter()
        .flat_map(|m| m.total_of.iter().map(String::as_str))
        .collect();
    for c in &plan.columns {
        let header = c.header.to_lowercase();
        let why = if c.unit == "percent" && c.share_of.is_none() {
            "is a percent: declare the count column of the same row it is a share of with \"share_of\", so that reconcile can check it"
        } else if c.unit != "percent"
            && (header.starts_with("total") || header.ends_with(" total") || header == "all")
            && !plan.totals.iter().any(|(t, _)| *t == c.k)
            && !parts.contains(&c.header.as_str())
        {
            "is headed as a total: if it is the total of other columns of its row, declare them in its \"total_of\" (totals and their parts are never both counted)"
        } else {
            continue;
        };
        ds.undecided.push(
            Problem::new(name, why)
                .at(header_line, col(c.k))
                .field(&c.header),
        );
    }
}

/// A problem at the header of each column of counts whose header says percent,
/// share or rate (`% Removed`, `Removal rate`): such cells are never summed as a
/// count, unless the mapping keeps the count with a reason (`unit_overruled`).
fn units_that_fit(
    name: &str,
    plan: &Plan,
    header_line: u64,
    col: &dyn Fn(usize) -> usize,
    problems: &mut Vec<Problem>,
) {
    let counts = plan
        .columns
        .iter()
        .filter(|c| c.unit == "count" && c.metric_k.is_none() && !c.unit_overruled);
    for c in counts {
        if let Some(word) = super::super::mapping::share_word(&c.header) {
            problems.push(
                Problem::new(name, format!("the header says '{word}': a percent, share or rate is never summed as a count; declare the measure's \"unit\" \"percent\" (or \"fraction\"), or keep \"count\" with \"unit_overruled\": \"REASON\""))
                    .at(header_line, col(c.k))
                    .field(&c.header),
            );
        }
    }
}

/// A record group's key: its span, and the values of its dimensions.
pub(super) fn decode_key(key: &[u8]) -> (Date, Date, Vec<String>) {
    let day = |b: &[u8]| Date::from_days(i64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
    let (start, end) = (day(&key[..8]), day(&key[8..16]));
    let mut values = Vec::new();
    let mut rest = &key[16..];
    while let Some((len, tail)) = rest.split_first_chunk::<4>() {
        let len = (u32::from_le_bytes(*len) as usize).min(tail.len());
        values.push(String::from_utf8_lossy(&tail[..len]).into_owned());
        rest = &tail[len..];
    }
    (start, end, values)
}

/// A problem at both lines of every figure whose key (its metric, when and
/// dimensions) an earlier row of the table already gave: two rows for one key would
/// both be summed, and editions compared by key could not be paired. The table
/// reader's own key check is of one column; a mapped table's key spans the columns
/// of its period and dimensions, so it is checked here, on the figures placed.
fn repeated_keys(name: &str, figures: &[Observation], problems: &mut Vec<Problem>) {
    type Key<'a> = (
        &'a str,
        Date,
        Option<Date>,
        Option<Date>,
        &'a str,
        &'a str,
        &'a str,
        &'a [String],
    );
    let mut first: FxHashMap<Key<'_>, &Observation> = FxHashMap::default();
    let mut told = std::collections::HashSet::new();
    for o in figures {
        let key = (
            o.metric.as_str(),
            o.date,
            o.period_start,
            o.period_end,
            o.region.as_str(),
            o.category.as_str(),
            o.entity.as_str(),
            o.dims.as_slice(),
        );
        let Some(earlier) = first.get(&key) else {
            first.insert(key, o);
            continue;
        };
        let (a, b) = (&earlier.origin, &o.origin);
        let when = match (o.period_start, o.period_end) {
            (Some(s), Some(e)) => format!("{s}..{e}"),
            _ => o.date.to_string(),
        };
        let what = format!(
            "'{}' for {when}{}{}",
            o.metric,
            o.dims
                .iter()
                .filter(|d| !d.is_empty())
                .map(|d| format!(", {d}"))
                .collect::<String>(),
            [&o.region, &o.category, &o.entity]
                .iter()
                .filter(|d| !d.is_empty() && d.as_str() != "national")
                .map(|d| format!(", {d}"))
                .collect::<String>(),
        );
        if told.insert((a.line, a.cell)) {
            problems.push(
                Problem::new(
                    name,
                    format!("gives {what}, which line {} gives again: a table gives each key (its period and dimensions) once; remove or correct one of the two rows", b.line),
                )
                .at(a.line, a.cell),
            );
        }
        problems.push(
            Problem::new(
                name,
                format!("gives {what} again, as line {} does: a table gives each key (its period and dimensions) once; remove or correct one of the two rows", a.line),
            )
            .at(b.line, b.cell),
        );
    }
}
