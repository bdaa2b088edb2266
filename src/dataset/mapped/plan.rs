//! A mapping compiled against a table's known columns: where each column's cells go,
//! and the span of time a row's when-cell covers.

use super::super::cell::{Grammar, Number};
use super::super::mapping::{snake, Cells as Where, Mapping, Rounded, When};
use super::super::period;
use super::super::{Basis, Dataset, Dimension, DimensionName, Observation, Problem};
use super::sink::cell_text;
use super::totals::RowKind;
use crate::values::calendar::{parse_with, Date, Month};
use std::borrow::Cow;

use crate::table::{short, Cells};

impl Plan {
    /// Whether every cell the mapping reads in a row is blank: a separator row.
    pub(super) fn is_blank_row<'a>(&self, cells: &impl Cells<'a>) -> bool {
        let measures = self
            .columns
            .iter()
            .flat_map(|c| std::iter::once(c.k).chain(c.metric_k));
        self.when_k
            .into_iter()
            .chain(self.dims.iter().map(|d| d.0))
            .chain(measures)
            .all(|k| cell_text(cells, k).trim().is_empty())
    }

    fn is_total_word(&self, text: &str) -> bool {
        let t = text.trim();
        !t.is_empty()
            && self
                .mapping
                .total_rows
                .iter()
                .any(|w| w.eq_ignore_ascii_case(t))
    }

    /// The metric column of a long table.
    fn metric_k(&self) -> Option<usize> {
        self.columns.iter().find_map(|c| c.metric_k)
    }

    /// Whether a row is a total of others, and of which.
    pub(super) fn row_kind<'a>(&self, cells: &impl Cells<'a>) -> RowKind {
        if self.mapping.total_rows.is_empty() {
            return RowKind::Part;
        }
        if self
            .when_k
            .is_some_and(|k| self.is_total_word(&cell_text(cells, k)))
        {
            return RowKind::OfPeriods;
        }
        let offset = usize::from(self.metric_k().is_some());
        self.dims
            .iter()
            .position(|(k, _)| self.is_total_word(&cell_text(cells, *k)))
            .map_or(RowKind::Part, |i| RowKind::OfValues(i + offset))
    }

    /// A row's metric (in a long table) and the values of its dimensions.
    pub(super) fn row_key<'a>(&self, cells: &impl Cells<'a>) -> Vec<String> {
        let metric = self.metric_k().map(|k| snake(&cell_text(cells, k)));
        metric
            .into_iter()
            .chain((0..self.dims.len()).map(|i| self.dim_value(cells, i).to_string()))
            .collect()
    }

    /// The value of dimension `i` in a row: its cell, trimmed, as the mapping
    /// spells it (`spellings`).
    pub(super) fn dim_value<'a>(&self, cells: &impl Cells<'a>, i: usize) -> Cow<'a, str> {
        let text = match cell_text(cells, self.dims[i].0) {
            Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
            Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
        };
        let spelled = self
            .mapping
            .spelling(&self.mapping.dimensions[i].name, &text);
        if spelled == text {
            text
        } else {
            Cow::Owned(spelled.to_string())
        }
    }
}

/// Where a dimension's values go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Target {
    Role(Dimension),
    Named(u8),
}

/// One measure column, ready to read.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) k: usize,
    pub(super) header: String,
    pub(super) metric: String,
    pub(super) unit: String,
    pub(super) basis: Basis,
    pub(super) grammar: Grammar,
    /// An unpivoted column: the dimension its header is a value of, and that
    /// value (the header as the mapping spells it).
    pub(super) value_of: Option<(Target, String)>,
    /// A long measure: the known column of its metric.
    pub(super) metric_k: Option<usize>,
    /// A share: the known column of its base.
    pub(super) share_of: Option<usize>,
    /// Shares written as fractions.
    pub(super) fraction: bool,
    /// A long measure's unit and basis by metric (snake case), where the mapping
    /// gives them.
    pub(super) per_metric: Vec<(String, String, Basis)>,
    /// How the platform rounded the counts.
    pub(super) rounded: Option<Rounded>,
    pub(super) rounded_by_metric: Vec<(String, Rounded)>,
    /// Whether the mapping keeps a count on a header that says percent, share or
    /// rate, with a reason.
    pub(super) unit_overruled: bool,
}

impl Column {
    /// The unit and basis of a long measure's `metric`.
    pub(super) fn unit_of(&self, metric: &str) -> (&str, Basis) {
        match self.per_metric.iter().find(|(m, _, _)| m == metric) {
            Some((_, unit, basis)) => (unit, *basis),
            None => (&self.unit, self.basis),
        }
    }

    /// The number a cell holds, a fraction read as its percent.
    pub(super) fn number(&self, n: Number) -> Number {
        if self.fraction {
            n.fraction_as_percent()
        } else {
            n
        }
    }
}

/// The mapping compiled against the table's known columns.
pub(super) struct Plan {
    pub(super) mapping: Mapping,
    pub(super) when_k: Option<usize>,
    pub(super) dims: Vec<(usize, Target)>,
    pub(super) columns: Vec<Column>,
    pub(super) totals: Vec<(usize, Vec<usize>)>,
    pub(super) named: usize,
}

impl Plan {
    /// The plan of `mapping` for table `name`, or none when the mapping names more
    /// columns than a table is read by (a problem says so).
    pub(super) fn compile(
        name: &str,
        mapping: &Mapping,
        ds: &mut Dataset,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<Plan>, super::super::DataError> {
        let known = mapping.columns();
        if known.len() > MAX_COLUMNS {
            problems.push(Problem::new(name, format!("the mapping names {} columns; a table is read by at most {MAX_COLUMNS} (split it, or leave columns unnamed in \"ignore\" out)", known.len())));
            return Ok(None);
        }
        let k_of = |c: &str| known.iter().position(|x| x == c).unwrap_or(0);
        let mut dims = Vec::new();
        for d in &mapping.dimensions {
            let t = target(ds, &d.name, d.role).map_err(|e| vec![Problem::new(name, e)])?;
            ds.dimension_headers
                .entry(d.name.clone())
                .or_insert_with(|| d.column.trim().to_string());
            dims.push((k_of(&d.column), t));
            let spelled = mapping.spellings.iter().find(|(n, _)| *n == d.name);
            if let Some((name, pairs)) = spelled {
                let all = ds.spellings.entry(name.clone()).or_default();
                for (other, value) in pairs {
                    all.entry(other.clone()).or_insert_with(|| value.clone());
                }
            }
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
                per_metric: m.per_metric(),
                rounded: m.rounded,
                rounded_by_metric: m.rounded_by_metric.clone(),
                unit_overruled: m.unit_overruled.is_some(),
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
                            value_of: Some((t, mapping.spelling(dimension, c).to_string())),
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
        Ok(Some(Plan {
            mapping: mapping.clone(),
            when_k: mapping.when.column().map(k_of),
            dims,
            columns,
            totals,
            named,
        }))
    }

    /// The span a row covers, from its when-cell.
    pub(super) fn span(&self, text: &str) -> Result<(Date, Date), String> {
        let t = text.trim();
        match &self.mapping.when {
            When::Fixed { from, to } => Ok((*from, *to)),
            When::Date { format, .. } if format == "YYYY-MM-DD" => Date::parse(t).map(|d| (d, d)),
            When::Date { format, .. } => parse_with(t, format).map(|d| (d, d)),
            When::Month { .. } => Month::parse(t)
                .or_else(|| Date::parse(t).ok().map(|d| d.month()))
                .map(|m| (m.first_day(), m.last_day()))
                .ok_or_else(|| format!("'{}' is not a month in the form YYYY-MM", short(t))),
            When::Year { .. } => period::parse(t, None)
                .ok()
                .filter(|_| t.len() == 4)
                .ok_or_else(|| format!("'{}' is not a year", short(t))),
            When::Period { year, .. } => period::parse(t, *year),
            When::PeriodEnd { format, months, .. } => {
                let end = parse_with(t, format)?;
                if end != end.month().last_day() {
                    return Err(format!("{end} is not the last day of a month, so it cannot end a period of {months} months"));
                }
                if end.month % months != 0 {
                    return Err(format!(
                        "'{}' is not the end of a {}: the mapping declares periods of {months} months, which end on {}",
                        short(t),
                        period_word(*months),
                        period_ends(*months)
                    ));
                }
                Ok((end.month().back(months - 1).first_day(), end))
            }
        }
    }
}

/// A period of `months` months, in words.
fn period_word(months: u32) -> &'static str {
    match months {
        3 => "quarter",
        6 => "half-year",
        12 => "year",
        _ => "period",
    }
}

/// The days that end calendar periods of `months` months.
fn period_ends(months: u32) -> &'static str {
    match months {
        3 => "31 March, 30 June, 30 September and 31 December",
        6 => "30 June and 31 December",
        _ => "31 December",
    }
}

pub(super) fn set(o: &mut Observation, target: Target, v: String) {
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
