//! Reading a table in its own shape through its mapping ([`super::mapping`]), with
//! the one reader: every measure cell becomes a figure that cites its file, line and
//! column, with the cell's text as its quote; a record list is counted as it is
//! read, by day and dimension, so a table of any length costs the memory of its
//! groups. What a row says of its own figures (shares of a base, a total of other
//! columns) is kept for `reconcile`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::cell::{Blank, Grammar, Number, Read, Rounding};
use super::date::{parse_with, Date, Month};
use super::mapping::{snake, Cells as Where, Mapping, When};
use super::{
    Basis, Dataset, Dimension, DimensionName, Observation, Origin, Problem, Qualifier, Relation,
    RelationKind,
};
use crate::table::{self, short, At, Cells, Found, Input, RecordSink, Schema};

/// The shares of one base in one row.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSet {
    pub file: String,
    pub line: u64,
    /// The base column's header and 1-based column, and its count when the cell
    /// holds an exact one.
    pub base_column: String,
    pub base_col: usize,
    pub base: Option<i64>,
    pub base_id: Option<String>,
    pub shares: Vec<ShareCell>,
    /// Whether the shares are all the parts of the base (they must sum to 100).
    pub complete: bool,
    pub rounding: Rounding,
}

/// One share cell.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareCell {
    pub column: String,
    pub col: usize,
    pub id: String,
    pub text: String,
    pub number: Number,
}

/// What the cells of one mapped table held, for `describe`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seen {
    pub file: String,
    pub rows: u64,
    /// Missing markers by their text.
    pub markers: BTreeMap<String, u64>,
    pub blanks: u64,
    pub thresholds: u64,
    pub footnotes: u64,
}

/// Where a dimension's values go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Role(Dimension),
    Named(u8),
}

/// One measure column, ready to read.
#[derive(Debug, Clone)]
struct Column {
    k: usize,
    header: String,
    metric: String,
    unit: String,
    basis: Basis,
    grammar: Grammar,
    /// An unpivoted column: the dimension its header is a value of.
    value_of: Option<Target>,
    /// A long measure: the known column of its metric.
    metric_k: Option<usize>,
    /// A share: the known column of its base.
    share_of: Option<usize>,
    /// Shares written as fractions.
    fraction: bool,
}

impl Column {
    /// The number a cell holds, a fraction read as its percent.
    fn number(&self, n: Number) -> Number {
        if self.fraction {
            n.fraction_as_percent()
        } else {
            n
        }
    }
}

/// The mapping compiled against the table's known columns.
struct Plan {
    mapping: Mapping,
    when_k: Option<usize>,
    dims: Vec<(usize, Target)>,
    columns: Vec<Column>,
    totals: Vec<(usize, Vec<usize>)>,
    named: usize,
}

/// What one row of a measure table gave.
enum Item {
    /// The figure of known column `k`, and the number a share's cell holds (kept
    /// for the checks of its row).
    Figure(usize, Box<(Observation, Option<Number>)>),
    /// A blank left to decide, in known column `k`.
    Undecided(usize),
}

/// One core's reading.
struct Sink<'p> {
    plan: &'p Plan,
    items: Vec<(At, Item)>,
    /// Record lists: (start, end, dimension values) -> (rows, first row).
    records: FxHashMap<Box<[u8]>, (u64, At)>,
    /// Scratch for a record's group key.
    key: Vec<u8>,
    seen: Seen,
}

/// The text of a cell, from a typed Parquet column as well.
pub(crate) fn cell_text<'a>(cells: &impl Cells<'a>, k: usize) -> Cow<'a, str> {
    if let Some(v) = cells.int(k) {
        return v.map_or(Cow::Borrowed(""), |v| Cow::Owned(v.to_string()));
    }
    if let Some(d) = cells.days(k) {
        return d.map_or(Cow::Borrowed(""), |d| {
            Cow::Owned(Date::from_days(i64::from(d)).to_string())
        });
    }
    Cow::Borrowed(cells.text(k))
}

/// `2014-H1`, `H1 2014`, `2014-Q3`, `Q3 2014`, `2014-09`, `2014`.
fn parse_period(text: &str) -> Option<(Date, Date)> {
    let t = text.trim();
    if let Some(m) = Month::parse(t) {
        return Some((m.first_day(), m.last_day()));
    }
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = t.parse().ok()?;
        return Some((
            Month { year: y, month: 1 }.first_day(),
            Month { year: y, month: 12 }.last_day(),
        ));
    }
    let (year, part) = match t.split_once(['-', ' ']) {
        Some((a, b)) if a.len() == 4 => (a, b),
        Some((a, b)) => (b, a),
        None => return None,
    };
    let year: i32 = year.parse().ok()?;
    let upper = part.to_ascii_uppercase();
    let (size, n) = match upper.split_at_checked(1)? {
        ("H", n) => (6, n.parse::<u32>().ok().filter(|n| (1..=2).contains(n))?),
        ("Q", n) => (3, n.parse::<u32>().ok().filter(|n| (1..=4).contains(n))?),
        _ => return None,
    };
    let first = Month {
        year,
        month: (n - 1) * size + 1,
    };
    let last = Month {
        year,
        month: n * size,
    };
    Some((first.first_day(), last.last_day()))
}

impl Plan {
    /// The span a row covers, from its when-cell.
    fn span(&self, text: &str) -> Result<(Date, Date), String> {
        let t = text.trim();
        match &self.mapping.when {
            When::Fixed { from, to } => Ok((*from, *to)),
            When::Date { format, .. } if format == "YYYY-MM-DD" => Date::parse(t).map(|d| (d, d)),
            When::Date { format, .. } => parse_with(t, format).map(|d| (d, d)),
            When::Month { .. } => Month::parse(t)
                .or_else(|| Date::parse(t).ok().map(|d| d.month()))
                .map(|m| (m.first_day(), m.last_day()))
                .ok_or_else(|| format!("'{}' is not a month in the form YYYY-MM", short(t))),
            When::Year { .. } => parse_period(t)
                .filter(|_| t.len() == 4)
                .ok_or_else(|| format!("'{}' is not a year", short(t))),
            When::Period { .. } => parse_period(t).ok_or_else(|| {
                format!(
                    "'{}' is not a period such as 2014-H1, 2014-Q3, 2014-09 or 2014",
                    short(t)
                )
            }),
            When::PeriodEnd { format, months, .. } => {
                let end = parse_with(t, format)?;
                if end != end.month().last_day() {
                    return Err(format!("{end} is not the last day of a month, so it cannot end a period of {months} months"));
                }
                Ok((end.month().back(months - 1).first_day(), end))
            }
        }
    }
}

impl RecordSink for Sink<'_> {
    /// Columns the mapping leaves out (`ignore`) are not read.
    fn reads(&self, k: usize) -> table::Use {
        let p = self.plan;
        let used = p.when_k == Some(k)
            || p.dims.iter().any(|(d, _)| *d == k)
            || p.columns.iter().any(|c| c.k == k || c.metric_k == Some(k));
        if used {
            table::Use::Text
        } else {
            table::Use::Not
        }
    }

    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>) {
        let plan = self.plan;
        self.seen.rows += 1;
        let when = plan
            .when_k
            .map_or(Cow::Borrowed(""), |k| cell_text(cells, k));
        let (start, end) = match plan.span(&when) {
            Ok(s) => s,
            Err(e) => {
                found.problem(plan.when_k.unwrap_or(0), e);
                return;
            }
        };
        if plan.mapping.records.is_some() {
            // The group's key: its span and its dimensions' values, each after its
            // length, so that no value runs into the next.
            self.key.clear();
            self.key
                .extend_from_slice(&start.days_since_epoch().to_le_bytes());
            self.key
                .extend_from_slice(&end.days_since_epoch().to_le_bytes());
            for (k, _) in &plan.dims {
                let v = cell_text(cells, *k);
                let v = v.trim().as_bytes();
                self.key
                    .extend_from_slice(&u32::try_from(v.len()).unwrap_or(u32::MAX).to_le_bytes());
                self.key.extend_from_slice(v);
            }
            match self.records.get_mut(self.key.as_slice()) {
                Some(e) => e.0 += 1,
                None => {
                    self.records
                        .insert(self.key.clone().into_boxed_slice(), (1, at));
                }
            }
            return;
        }
        let mut o = Observation {
            id: String::new(),
            date: end,
            period_start: None,
            period_end: None,
            authority: plan.mapping.authority.clone(),
            region: plan.mapping.region.clone(),
            metric: String::new(),
            category: String::new(),
            entity: String::new(),
            value: 0,
            value_max: None,
            qualifier: Qualifier::Exact,
            unit: String::new(),
            basis: Basis::Period,
            quote: String::new(),
            source: String::new(),
            note: String::new(),
            dims: vec![String::new(); plan.named],
            per_item: None,
            rounding: Default::default(),
            origin: Origin::default(),
        };
        for (k, target) in &plan.dims {
            let v = cell_text(cells, *k).trim().to_string();
            set(&mut o, *target, v);
        }
        for c in &plan.columns {
            let raw = cell_text(cells, c.k);
            let number = match c.grammar.read(&raw) {
                Ok(Read::Number(n)) => c.number(n),
                Ok(Read::Missing(m)) => {
                    *self.seen.markers.entry(m).or_default() += 1;
                    continue;
                }
                Ok(Read::Blank) => {
                    self.seen.blanks += 1;
                    match c.grammar.blank {
                        Blank::Zero => Number {
                            scaled: 0,
                            decimals: 0,
                            bound: super::cell::Bound::Exact,
                            percent_sign: false,
                            footnote: None,
                        },
                        Blank::NotReported => continue,
                        Blank::Undecided => {
                            self.items.push((at, Item::Undecided(c.k)));
                            continue;
                        }
                        Blank::Problem => {
                            found.problem(
                                c.k,
                                "is blank, and the mapping says a blank is a problem",
                            );
                            continue;
                        }
                    }
                }
                Err(e) => {
                    found.problem(c.k, e);
                    continue;
                }
            };
            if number.bound != super::cell::Bound::Exact {
                self.seen.thresholds += 1;
            }
            if number.footnote.is_some() {
                self.seen.footnotes += 1;
            }
            let read = if c.unit == "percent" {
                number.percent()
            } else {
                number.count()
            };
            let over_whole = c.share_of.is_some()
                && number.scaled > 100 * 10i128.pow(number.decimals)
                && number.bound != super::cell::Bound::AtMost
                && number.bound != super::cell::Bound::Below;
            if over_whole {
                found.problem(
                    c.k,
                    format!(
                        "'{}' is more than 100%: a share of the row's '{}' cannot be",
                        short(raw.trim()),
                        plan.columns
                            .iter()
                            .find(|b| Some(b.k) == c.share_of)
                            .map_or("", |b| b.header.as_str())
                    ),
                );
                continue;
            }
            let (value, value_max, qualifier) = match read {
                Ok(v) => v,
                Err(e) => {
                    found.problem(c.k, format!("'{}' {e}", short(raw.trim())));
                    continue;
                }
            };
            let mut f = o.clone();
            f.metric = match c.metric_k {
                Some(mk) => {
                    let m = snake(&cell_text(cells, mk));
                    if m.is_empty() {
                        found.problem(
                            mk,
                            "is blank: a long table's metric column names each row's metric",
                        );
                        continue;
                    }
                    m
                }
                None => c.metric.clone(),
            };
            if let Some(t) = c.value_of {
                set(&mut f, t, c.header.clone());
            }
            f.value = value;
            f.value_max = value_max;
            f.qualifier = qualifier;
            f.unit = c.unit.clone();
            f.basis = c.basis;
            if matches!(c.basis, Basis::Period | Basis::Share | Basis::Rate) && start != end {
                f.period_start = Some(start);
                f.period_end = Some(end);
            }
            f.quote = raw.trim().to_string();
            f.note = match &number.footnote {
                Some(mark) => format!("column '{}', footnote {mark}", c.header),
                None => format!("column '{}'", c.header),
            };
            if c.share_of.is_some() {
                f.note.push_str(&format!(", {}", number_text(&number)));
            }
            // A blank read as zero is no published share: the row's checks leave it out.
            let share = (c.share_of.is_some() && !raw.trim().is_empty()).then_some(number);
            self.items
                .push((at, Item::Figure(c.k, Box::new((f, share)))));
        }
    }
}

/// The table with every line above line `header` made empty, so the reader finds
/// the header there and every line keeps its number.
pub(crate) fn above_header_blank(bytes: &[u8], header: u64) -> Vec<u8> {
    let mut start = 0;
    for _ in 1..header {
        match memchr::memchr(b'\n', &bytes[start..]) {
            Some(i) => start += i + 1,
            None => {
                start = bytes.len();
                break;
            }
        }
    }
    let mut out = vec![b'\n'; (header - 1) as usize];
    out.extend_from_slice(&bytes[start..]);
    out
}

/// How a share's wording is kept in its note: the published number, for the checks.
fn number_text(n: &Number) -> String {
    let unit = 10i128.pow(n.decimals);
    if n.decimals == 0 {
        format!("published as {}%", n.scaled)
    } else {
        format!(
            "published as {}.{:0width$}%",
            n.scaled / unit,
            n.scaled % unit,
            width = n.decimals as usize
        )
    }
}

fn set(o: &mut Observation, target: Target, v: String) {
    match target {
        Target::Role(Dimension::Region) => o.region = v,
        Target::Role(Dimension::Category) => o.category = v,
        Target::Role(Dimension::Entity) => o.entity = v,
        Target::Role(Dimension::Authority) => o.authority = v,
        Target::Role(_) => {}
        Target::Named(i) => {
            if let Some(slot) = o.dims.get_mut(usize::from(i)) {
                *slot = v;
            }
        }
    }
}

/// A record group's key: its span, and the values of its dimensions.
fn decode_key(key: &[u8]) -> (Date, Date, Vec<String>) {
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

/// The package-wide target of a dimension name: its role, or its index among the
/// package's named dimensions (added when new).
fn target(ds: &mut Dataset, name: &str, role: Option<Dimension>) -> Result<Target, String> {
    if let Some(role) = role.or_else(|| Dimension::parse(name).filter(|d| ROLES.contains(d))) {
        if !ds.dimensions.iter().any(|n| n.name == name) && Dimension::parse(name) != Some(role) {
            ds.dimensions.push(DimensionName {
                name: name.to_string(),
                dimension: role,
            });
        }
        return Ok(Target::Role(role));
    }
    if let Some(n) = ds.dimensions.iter().find(|n| n.name == name) {
        return match n.dimension {
            Dimension::Named(i) => Ok(Target::Named(i)),
            d => Ok(Target::Role(d)),
        };
    }
    let named = ds
        .dimensions
        .iter()
        .filter(|n| matches!(n.dimension, Dimension::Named(_)))
        .count();
    let i =
        u8::try_from(named).map_err(|_| "a package may name at most 255 dimensions".to_string())?;
    ds.dimensions.push(DimensionName {
        name: name.to_string(),
        dimension: Dimension::Named(i),
    });
    Ok(Target::Named(i))
}

const ROLES: [Dimension; 4] = [
    Dimension::Region,
    Dimension::Category,
    Dimension::Entity,
    Dimension::Authority,
];

/// The most columns a mapping may name (the reader's limit of known columns).
const MAX_COLUMNS: usize = 24;

/// Where a mapped table's bytes are.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    Bytes(&'a [u8]),
    /// A file on disk, read as it streams (unless it is a workbook, or titles stand
    /// above its header).
    Path(&'a std::path::Path),
}

/// Reads one mapped table into the dataset: its figures, the relations its totals
/// declare, its share sets, what it leaves to decide and what its cells held.
pub fn read(
    name: &str,
    resource: &str,
    content: Content<'_>,
    mapping: &Mapping,
    opts: &table::Options,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) -> Result<(), super::DataError> {
    let known = mapping.columns();
    if known.len() > MAX_COLUMNS {
        problems.push(Problem::new(name, format!("the mapping names {} columns; a table is read by at most {MAX_COLUMNS} (split it, or leave columns unnamed in \"ignore\" out)", known.len())));
        return Ok(());
    }
    let k_of = |c: &str| known.iter().position(|x| x == c).unwrap_or(0);
    let mut dims = Vec::new();
    for d in &mapping.dimensions {
        let t = target(ds, &d.name, d.role).map_err(|e| vec![Problem::new(name, e)])?;
        dims.push((k_of(&d.column), t));
    }
    let mut columns = Vec::new();
    for m in &mapping.measures {
        let base = Column {
            k: 0,
            header: String::new(),
            metric: m.metric.clone(),
            unit: m.unit.clone(),
            basis: m.basis,
            grammar: m.grammar.clone(),
            value_of: None,
            metric_k: None,
            share_of: m.share_of.as_deref().map(k_of),
            fraction: m.fraction,
        };
        match &m.cells {
            Where::Column(c) => columns.push(Column {
                k: k_of(c),
                header: c.clone(),
                ..base
            }),
            Where::Columns {
                columns: cs,
                dimension,
            } => {
                let t = target(ds, dimension, None).map_err(|e| vec![Problem::new(name, e)])?;
                for c in cs {
                    columns.push(Column {
                        k: k_of(c),
                        header: c.clone(),
                        value_of: Some(t),
                        ..base.clone()
                    });
                }
            }
            Where::Long {
                value,
                metric_column,
            } => columns.push(Column {
                k: k_of(value),
                header: value.clone(),
                metric_k: Some(k_of(metric_column)),
                ..base
            }),
        }
    }
    let totals = mapping
        .measures
        .iter()
        .filter(|m| !m.total_of.is_empty())
        .filter_map(|m| match &m.cells {
            Where::Column(c) => Some((k_of(c), m.total_of.iter().map(|p| k_of(p)).collect())),
            _ => None,
        })
        .collect();
    let named = ds
        .dimensions
        .iter()
        .filter(|n| matches!(n.dimension, Dimension::Named(_)))
        .count();
    let plan = Plan {
        mapping: mapping.clone(),
        when_k: mapping.when.column().map(k_of),
        dims,
        columns,
        totals,
        named,
    };
    let workbook = table::sheet::is_workbook_name(name);
    let held;
    let bytes: &[u8] = match content {
        Content::Path(path) if workbook || mapping.header_row.is_some_and(|h| h > 1) => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut table::regular_file(path)?, &mut buf).map_err(
                |source| super::DataError::Io {
                    path: path.to_path_buf(),
                    source,
                },
            )?;
            held = buf;
            &held
        }
        Content::Path(_) => &[],
        Content::Bytes(b) => b,
    };
    let sheet;
    let bytes = if workbook {
        sheet = match table::sheet::sheet_as_csv(name, bytes, mapping.sheet.as_deref()) {
            Ok(b) => b,
            Err(super::DataError::Invalid(mut ps)) => {
                problems.append(&mut ps);
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        &sheet[..]
    } else {
        bytes
    };
    let skipped;
    let bytes = match mapping.header_row {
        Some(h) if h > 1 => {
            skipped = above_header_blank(bytes, h);
            &skipped[..]
        }
        _ => bytes,
    };
    let refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let schema = Schema {
        known: &refs,
        required: &refs,
        key: None,
    };
    let input = match content {
        Content::Path(path) if bytes.is_empty() => Input::File(path),
        _ => Input::Bytes { name, bytes },
    };
    let read = table::read(&input, &schema, opts, || Sink {
        plan: &plan,
        items: Vec::new(),
        records: FxHashMap::default(),
        key: Vec::new(),
        seen: Seen::default(),
    });
    let t = match read {
        Ok(t) => t,
        Err(super::DataError::Invalid(mut ps)) => {
            problems.append(&mut ps);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    problems.extend(t.problems);
    let file: Arc<str> = Arc::from(name);
    let cols = &t.columns;
    let col = |k: usize| cols.get(k).copied().unwrap_or(k + 1);
    let mut seen = Seen {
        file: name.to_string(),
        ..Seen::default()
    };
    let mut items = Vec::new();
    let mut records: FxHashMap<Box<[u8]>, (u64, At)> = FxHashMap::default();
    for s in t.sinks {
        items.extend(s.items);
        seen.rows += s.seen.rows;
        seen.blanks += s.seen.blanks;
        seen.thresholds += s.seen.thresholds;
        seen.footnotes += s.seen.footnotes;
        for (m, n) in s.seen.markers {
            *seen.markers.entry(m).or_default() += n;
        }
        for (key, (n, at)) in s.records {
            let e = records.entry(key).or_insert((0, at));
            e.0 += n;
            e.1 = e.1.min(at);
        }
    }
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
    type Row = BTreeMap<usize, (usize, Option<Number>)>;
    let mut row: Row = BTreeMap::new();
    let mut current: Option<At> = None;
    let mut rows_of: Vec<(u64, Row)> = Vec::new();
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
    for (k, (n, line)) in undecided {
        ds.undecided.push(
            Problem::new(name, format!("{n} blank cell{} (the first here) left to decide: declare what a blank means with \"cells\": {{\"blank\": \"zero\"}} (none), \"not_reported\" or \"problem\"; until then they give no figure", if n == 1 { "" } else { "s" }))
                .at(line, col(k))
                .field(&known[k]),
        );
    }
    // What the cells cannot tell: which count a percent is a share of, and whether
    // a column headed as a total is the total of others.
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
        let line = t.lines.line(At::default()).saturating_sub(1).max(1);
        ds.undecided
            .push(Problem::new(name, why).at(line, col(c.k)).field(&c.header));
    }
    if let Some(r) = &mapping.records {
        let mut groups: Vec<_> = records.into_iter().collect();
        groups.sort_by_key(|(_, (_, at))| *at);
        for (key, (n, at)) in groups {
            let (start, end, values) = decode_key(&key);
            let line = t.lines.line(at);
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
                value: i64::try_from(n).unwrap_or(i64::MAX),
                value_max: None,
                qualifier: Qualifier::Exact,
                unit: r.unit.clone(),
                basis: if start == end {
                    Basis::Event
                } else {
                    Basis::Period
                },
                quote: format!("{n} row{}", if n == 1 { "" } else { "s" }),
                source: source.clone(),
                note: format!("rows counted, the first at line {line}"),
                dims: vec![String::new(); plan.named],
                per_item: None,
                rounding: Default::default(),
                origin: origin(line, 0),
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
    // Totals within a row are relations: complete when every part is reported.
    for (line, figures) in &rows_of {
        for (total, parts) in &plan.totals {
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
                    origin: origin(*line, col(*total)),
                });
            }
        }
        let mut sets: BTreeMap<usize, Vec<ShareCell>> = BTreeMap::new();
        for c in plan.columns.iter().filter(|c| c.share_of.is_some()) {
            let Some((i, Some(number))) = figures.get(&c.k) else {
                continue;
            };
            let (o, number) = (&ds.observations[*i], number.clone());
            sets.entry(c.share_of.unwrap_or(0))
                .or_default()
                .push(ShareCell {
                    column: c.header.clone(),
                    col: col(c.k),
                    id: o.id.clone(),
                    text: o.quote.clone(),
                    number,
                });
        }
        for (base_k, shares) in sets {
            let base = figures.get(&base_k).map(|f| &ds.observations[f.0]);
            ds.share_sets.push(ShareSet {
                file: name.to_string(),
                line: *line,
                base_column: known[base_k].clone(),
                base_col: col(base_k),
                base: base
                    .filter(|b| b.qualifier == Qualifier::Exact)
                    .map(|b| b.value),
                base_id: base.map(|b| b.id.clone()),
                shares,
                complete: mapping.shares_complete,
                rounding: plan
                    .columns
                    .iter()
                    .find(|c| c.share_of == Some(base_k))
                    .map_or(Rounding::HalfUp, |c| c.grammar.rounding),
            });
        }
    }
    ds.seen.push(seen);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        const MAPPING: &str = r#"{"when": {"column": "P", "form": "period_end", "length": "half_year"},
            "dimensions": ["C"],
            "measures": [{"column": "N", "metric": "n", "cells": {"thousands": ","}},
                         {"column": "S", "metric": "s", "share_of": "N"},
                         {"column": "T", "metric": "t", "total_of": ["N"]}],
            "cells": {"blank": "zero", "footnotes": true}}"#;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any bytes under a mapping give figures or located problems, never a
            /// panic; every figure cites a line and column of the table.
            #[test]
            fn any_table_is_answered(rows in proptest::collection::vec("[0-9<>?,.%*H -]{0,12}", 0..40)) {
                let mut text = String::from("P,C,N,S,T\n");
                for (i, r) in rows.iter().enumerate() {
                    let period = if i % 2 == 0 { "2019-06-30" } else { "2019-12-31" };
                    text.push_str(&format!("{period},c{},\"{r}\",{r},{r}\n", i % 3));
                }
                let json: serde_json::Value = serde_json::from_str(MAPPING).unwrap();
                let mapping = crate::dataset::mapping::parse("dp.json", "m", &json).unwrap();
                let mut ds = Dataset::default();
                let mut problems = Vec::new();
                read("t.csv", "t", Content::Bytes(text.as_bytes()), &mapping, &table::Options::default(), &mut ds, &mut problems).unwrap();
                for o in &ds.observations {
                    prop_assert!(o.origin.line >= 2 && o.origin.cell >= 3, "{o:?}");
                }
                for p in &problems {
                    prop_assert!(p.line.is_some() || p.reason.contains("header"), "{p}");
                }
                let _ = crate::reconcile::reconcile(&ds, None);
            }
        }
    }

    #[test]
    fn periods_in_their_words() {
        let d = |t: &str| Date::parse(t).unwrap();
        assert_eq!(
            parse_period("2014-H1"),
            Some((d("2014-01-01"), d("2014-06-30")))
        );
        assert_eq!(
            parse_period("H2 2014"),
            Some((d("2014-07-01"), d("2014-12-31")))
        );
        assert_eq!(
            parse_period("2014 Q3"),
            Some((d("2014-07-01"), d("2014-09-30")))
        );
        assert_eq!(
            parse_period("2014-09"),
            Some((d("2014-09-01"), d("2014-09-30")))
        );
        assert_eq!(
            parse_period("2014"),
            Some((d("2014-01-01"), d("2014-12-31")))
        );
        assert_eq!(parse_period("2014-H3"), None);
        assert_eq!(parse_period("soon"), None);
    }
}
