//! One core's reading of a mapped table: each row's figures, blanks left to decide and
//! record groups, as the reader hands the row over.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::super::cell::{Blank, Number, Read};
use super::super::mapping::snake;
use super::super::{Basis, Observation, Origin, Qualifier, Value};
use super::plan::{set, Column, Plan};
use super::totals::{RowInfo, RowKind};
use super::Seen;
use crate::table::{self, short, At, Cells, Found, RecordSink};
use crate::values::calendar::Date;

/// What one row of a measure table gave.
pub(super) enum Item {
    /// The figure of known column `k`, and the number a share's cell holds (kept
    /// for the checks of its row).
    Figure(usize, Box<(Observation, Option<Number>)>),
    /// A blank left to decide, in known column `k`.
    Undecided(usize),
}

/// One core's reading.
pub(super) struct Sink<'p> {
    pub(super) plan: &'p Plan,
    pub(super) items: Vec<(At, Item)>,
    /// Record lists: (start, end, dimension values) -> (rows, first row).
    pub(super) records: FxHashMap<Box<[u8]>, (u64, At)>,
    /// Scratch for a record's group key.
    pub(super) key: Vec<u8>,
    pub(super) seen: Seen,
    /// Each row's span, key and kind, when the mapping declares total rows.
    pub(super) rows: Vec<RowInfo>,
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
        if plan.is_blank_row(cells) {
            self.seen.blank_rows += 1;
            return;
        }
        self.seen.rows += 1;
        let when = plan
            .when_k
            .map_or(Cow::Borrowed(""), |k| cell_text(cells, k));
        let kind = plan.row_kind(cells);
        // A total of periods takes its span from its parts, once all are read.
        let (start, end) = match plan.span(&when) {
            _ if kind == RowKind::OfPeriods => (Date::EPOCH, Date::EPOCH),
            Ok(s) => s,
            Err(e) => {
                found.problem(plan.when_k.unwrap_or(0), e);
                return;
            }
        };
        if !plan.mapping.total_rows.is_empty() {
            self.rows.push(RowInfo {
                at,
                span: (kind != RowKind::OfPeriods).then_some((start, end)),
                key: plan.row_key(cells),
                kind,
            });
        }
        if plan.mapping.records.is_some() {
            // The group's key: its span and its dimensions' values, each after its
            // length, so that no value runs into the next.
            self.key.clear();
            self.key
                .extend_from_slice(&start.days_since_epoch().to_le_bytes());
            self.key
                .extend_from_slice(&end.days_since_epoch().to_le_bytes());
            for i in 0..plan.dims.len() {
                let v = plan.dim_value(cells, i);
                let v = v.as_bytes();
                self.key
                    .extend_from_slice(&u32::try_from(v.len()).unwrap_or(u32::MAX).to_le_bytes());
                self.key.extend_from_slice(v);
            }
            match self.records.get_mut(self.key.as_slice()) {
                _ if !found.keeps() => {}
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
            value: Value::whole(0),
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
        for (i, (_, target)) in plan.dims.iter().enumerate() {
            set(&mut o, *target, plan.dim_value(cells, i).into_owned());
        }
        for c in &plan.columns {
            self.figure(c, cells, at, found, &o, (start, end));
        }
    }
}

impl Sink<'_> {
    /// The figure of measure column `c` in a row whose other fields `o` holds.
    fn figure<'a>(
        &mut self,
        c: &Column,
        cells: &impl Cells<'a>,
        at: At,
        found: &mut Found<'_>,
        o: &Observation,
        (start, end): (Date, Date),
    ) {
        let plan = self.plan;
        let raw = cell_text(cells, c.k);
        let number = match c.grammar.read(&raw) {
            Ok(Read::Number(n)) => c.number(n),
            Ok(Read::Missing(m)) => {
                *self.seen.markers.entry(m).or_default() += 1;
                return;
            }
            Ok(Read::Unknown(m, floor)) => {
                *self.seen.unknown.entry(m).or_default() += 1;
                if let Some(f) = c.figure_of(cells, found, o, (start, end)) {
                    if found.keeps() {
                        let f = not_published(f, c, &raw, floor);
                        self.items
                            .push((at, Item::Figure(c.k, Box::new((f, None)))));
                    }
                }
                return;
            }
            Ok(Read::Blank) => {
                self.seen.blanks += 1;
                match c.grammar.blank {
                    Blank::Unknown => {
                        *self.seen.unknown.entry(String::new()).or_default() += 1;
                        if let Some(f) = c.figure_of(cells, found, o, (start, end)) {
                            if found.keeps() {
                                let f = not_published(f, c, "", Value::whole(0));
                                self.items
                                    .push((at, Item::Figure(c.k, Box::new((f, None)))));
                            }
                        }
                        return;
                    }
                    Blank::Zero => Number {
                        scaled: 0,
                        decimals: 0,
                        bound: crate::dataset::cell::Bound::Exact,
                        percent_sign: false,
                        footnote: None,
                    },
                    Blank::NotReported => return,
                    Blank::Undecided => {
                        self.items.push((at, Item::Undecided(c.k)));
                        return;
                    }
                    Blank::Problem => {
                        found.problem(c.k, "is blank, and the mapping says a blank is a problem");
                        return;
                    }
                }
            }
            Err(e) => {
                found.problem(c.k, e);
                return;
            }
        };
        if number.bound != crate::dataset::cell::Bound::Exact {
            self.seen.thresholds += 1;
        }
        if number.footnote.is_some() {
            self.seen.footnotes += 1;
        }
        let (unit, _) = c.unit_and_basis(cells);
        let read = number.figure(unit);
        let over_whole = c.share_of.is_some()
            && number.scaled > 100 * 10i128.pow(number.decimals)
            && number.bound != crate::dataset::cell::Bound::AtMost
            && number.bound != crate::dataset::cell::Bound::Below;
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
            return;
        }
        let (value, value_max, qualifier) = match read {
            Ok(v) => v,
            Err(e) => {
                found.problem(c.k, format!("'{}' {e}", short(raw.trim())));
                return;
            }
        };
        let Some(mut f) = c.figure_of(cells, found, o, (start, end)) else {
            return;
        };
        f.value = value;
        f.value_max = value_max;
        f.qualifier = qualifier;
        // A count the platform rounded carries its step into every check.
        let rounded = c
            .rounded_by_metric
            .iter()
            .find(|(m, _)| *m == f.metric)
            .map(|x| x.1)
            .or(c.rounded);
        if let Some(step) = rounded
            .filter(|_| unit != "percent")
            .and_then(|r| r.step(value.as_whole()?))
        {
            let step = i128::from(step) * crate::values::decimal::ONE;
            f.rounding = crate::dataset::Rounding(Some(step).into());
        }
        f.quote = raw.trim().to_string();
        f.note = match &number.footnote {
            Some(mark) => format!("column '{}', footnote {mark}", c.header),
            None => format!("column '{}'", c.header),
        };
        if c.share_of.is_some() {
            let text = if raw.trim().is_empty() {
                "blank in the table, read as 0 as the mapping says".to_string()
            } else {
                number_text(&number)
            };
            f.note.push_str(&format!(", {text}"));
        }
        // A blank read as zero is no published share: the row's checks leave it out.
        let share = (c.share_of.is_some() && !raw.trim().is_empty()).then_some(number);
        // A row the reader found a problem in is checked, not kept.
        if found.keeps() {
            self.items
                .push((at, Item::Figure(c.k, Box::new((f, share)))));
        }
    }
}

/// Figure `f` of column `c` whose cell `raw` says its value is not published: from
/// `floor` up, with the cell's text as its quote.
fn not_published(mut f: Observation, c: &Column, raw: &str, floor: Value) -> Observation {
    let raw = raw.trim();
    f.value = floor;
    f.qualifier = Qualifier::Unknown;
    f.quote = raw.to_string();
    f.note = if raw.is_empty() {
        format!("column '{}', blank: not published", c.header)
    } else {
        format!("column '{}', '{raw}': not published", c.header)
    };
    f
}

impl Column {
    /// The unit and basis of this column's figure in a row: a long table's metrics
    /// may differ in unit (a rate beside counts).
    fn unit_and_basis<'a>(&self, cells: &impl Cells<'a>) -> (&str, Basis) {
        match self.metric_k.filter(|_| !self.per_metric.is_empty()) {
            Some(mk) => self.unit_of(&snake(&cell_text(cells, mk))),
            None => (self.unit.as_str(), self.basis),
        }
    }

    /// The figure of this column in a row whose other fields `o` holds, but for its
    /// value, qualifier, quote and note: its metric, unit, basis and span. `None`
    /// when a long table's metric cell is blank (a problem at it).
    fn figure_of<'a>(
        &self,
        cells: &impl Cells<'a>,
        found: &mut Found<'_>,
        o: &Observation,
        (start, end): (Date, Date),
    ) -> Option<Observation> {
        let mut f = o.clone();
        f.metric = match self.metric_k {
            Some(mk) => {
                let m = snake(&cell_text(cells, mk));
                if m.is_empty() {
                    found.problem(
                        mk,
                        "is blank: a long table's metric column names each row's metric",
                    );
                    return None;
                }
                m
            }
            None => self.metric.clone(),
        };
        if let Some((t, value)) = &self.value_of {
            set(&mut f, *t, value.clone());
        }
        let (unit, basis) = self.unit_and_basis(cells);
        f.unit = unit.to_string();
        f.basis = basis;
        if matches!(basis, Basis::Period | Basis::Share | Basis::Rate) && start != end {
            f.period_start = Some(start);
            f.period_end = Some(end);
        }
        Some(f)
    }
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
