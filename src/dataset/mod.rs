//! A campaign's data package: its observations, the relations between published
//! totals and their parts, its sources and vocabulary, and every check that keeps a
//! wrong number out. Nothing here prints; problems come back as [`Problem`]s that name
//! file, line, column and field.

pub mod cell;
pub mod checked;
pub mod declared;
mod dimension;
mod doc;
pub mod export;
mod fields;
pub mod frame;
pub mod hierarchy;
pub mod infer;
mod json;
mod load;
pub mod mapped;
pub mod mapping;
pub mod package;
pub mod per_item;
pub mod period;
pub mod rules;
pub mod sign;
pub mod starter;
pub mod synthetic;
pub mod validate;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use crate::table::{DataError, Problem};
pub use crate::values::calendar::{Date, Month};
pub use crate::values::Qualifier;
pub use checked::{Checked, RowSink};
pub use dimension::{key_names, Dimension, DimensionName};
pub use fields::Fields;
pub use load::{
    hex, is_parquet, load, load_edition, load_table_bytes, read_table, DataSource, LoadOptions,
    OBSERVATION_SCHEMA,
};

pub use crate::values::decimal::Value;
use crate::values::interval::Interval;

/// The columns of an observation table, in the order `export` writes them.
pub const OBSERVATION_COLUMNS: [&str; 17] = [
    "id",
    "date",
    "period_start",
    "period_end",
    "authority",
    "region",
    "metric",
    "category",
    "entity",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "basis",
    "quote",
    "source",
    "note",
];

/// Columns every observation table must have; the others may be left out and are
/// then empty.
pub const REQUIRED_COLUMNS: [&str; 9] = [
    "id",
    "date",
    "region",
    "metric",
    "value",
    "qualifier",
    "unit",
    "basis",
    "quote",
];

/// What span a figure covers, which decides what it may be added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    /// One action; events are summed into the month they fall in.
    Event,
    /// A running total to `date`: a snapshot, never summed.
    Cumulative,
    /// A total over `period_start..period_end`.
    Period,
    /// Per day (or other unit of time): never summed.
    Rate,
    /// A percentage of something: never summed.
    Share,
    /// A stated change of the figure of `period_start..period_end` against the
    /// period it names (signed: a fall is negative): never summed.
    Change(Against),
}

/// The period a stated change compares with, from the span of the figure it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Against {
    /// The period of the same length right before ("month on month", "over the
    /// second half of 2012" for the first half of 2013).
    PreviousPeriod,
    /// The same period a year before ("year on year", 同比).
    PreviousYear,
}

impl Against {
    /// The span compared with, for a figure of `start..end`: whole months shift by
    /// months (January against December; January 2021 against January 2020), any
    /// other span by its length in days. `None` when the span is upside down.
    pub fn compared_span(self, start: Date, end: Date) -> Option<(Date, Date)> {
        let year_before = |d: Date| {
            let last = d.month().back(12).last_day();
            Date {
                day: d.day.min(last.day),
                ..last
            }
        };
        let whole_months = start.day == 1 && end.month().last_day() == end;
        match self {
            Against::PreviousYear => Some((year_before(start), year_before(end))),
            Against::PreviousPeriod if whole_months => {
                let index = |m: Month| i64::from(m.year) * 12 + i64::from(m.month);
                let months = u32::try_from(index(end.month()) - index(start.month()) + 1).ok()?;
                Some((
                    start.month().back(months).first_day(),
                    start.month().back(1).last_day(),
                ))
            }
            Against::PreviousPeriod => {
                let days = end.days_since_epoch() - start.days_since_epoch() + 1;
                Some((
                    Date::from_days(start.days_since_epoch() - days),
                    Date::from_days(start.days_since_epoch() - 1),
                ))
            }
        }
    }
}

impl Basis {
    pub const ALL: [Basis; 7] = [
        Basis::Event,
        Basis::Cumulative,
        Basis::Period,
        Basis::Rate,
        Basis::Share,
        Basis::Change(Against::PreviousPeriod),
        Basis::Change(Against::PreviousYear),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Event => "event",
            Basis::Cumulative => "cumulative",
            Basis::Period => "period",
            Basis::Rate => "rate",
            Basis::Share => "share",
            Basis::Change(Against::PreviousPeriod) => "change_previous_period",
            Basis::Change(Against::PreviousYear) => "change_previous_year",
        }
    }

    pub fn parse(text: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.as_str() == text)
    }

    /// Every basis word, joined by ", ": what messages offer.
    pub fn words() -> String {
        Basis::ALL.map(Basis::as_str).join(", ")
    }

    /// Whether figures of this basis may be added up: single actions and period
    /// totals; never running totals, rates, shares or changes.
    pub fn is_summable(self) -> bool {
        matches!(self, Basis::Event | Basis::Period)
    }

    /// A figure of its own span that is never summed: a rate, a share, a change.
    pub fn is_claim(self) -> bool {
        matches!(self, Basis::Rate | Basis::Share | Basis::Change(_))
    }
}

/// Where a row came from, for messages: the file and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u64,
    /// 1-based column of each of the table's known columns, shared by its rows.
    pub columns: Arc<[usize]>,
    /// For a figure read from one cell of a mapped table: that cell's 1-based
    /// column (0: the figure is a whole row of an observation table).
    pub cell: usize,
}

impl Origin {
    /// A problem located at this row, in the column of known column `index`.
    pub fn problem(&self, index: usize, field: &str, reason: impl Into<String>) -> Problem {
        let column = self.columns.get(index).copied().unwrap_or(index + 1);
        Problem::new(&self.file, reason)
            .at(self.line, column)
            .field(field)
    }
}

/// One published figure with its wording, date and quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub id: String,
    pub date: Date,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub authority: String,
    pub region: String,
    pub metric: String,
    pub category: String,
    pub entity: String,
    /// The value as written (an exact decimal).
    pub value: Value,
    pub value_max: Option<Value>,
    pub qualifier: Qualifier,
    pub unit: String,
    pub basis: Basis,
    pub quote: String,
    pub source: String,
    pub note: String,
    /// The values of the package's named dimensions ([`Dataset::dimensions`]),
    /// by their index; empty for an observation table.
    pub dims: Vec<String>,
    /// The items its value or range holds for, each (`cleanweb:per_item`).
    pub per_item: Option<per_item::PerItem>,
    /// What the value is rounded to (by its quote or by the decimals written),
    /// worked out once when first asked.
    pub rounding: Rounding,
    pub origin: Origin,
}

/// A figure's rounding ([`Observation::rounded_to`]), read from its quote once: the
/// checks of `reconcile` ask for it of every pair of figures they compare.
#[derive(Debug, Clone, Default)]
pub struct Rounding(std::sync::OnceLock<Option<i128>>);

impl PartialEq for Rounding {
    /// Derived from the quote, which the figures compare already.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Observation {
    /// A borrowed view of the figure, the form the rules of aggregation read.
    pub fn fields(&self) -> Fields<'_> {
        Fields {
            id: &self.id,
            date: self.date,
            period_start: self.period_start,
            period_end: self.period_end,
            authority: &self.authority,
            region: &self.region,
            metric: &self.metric,
            category: &self.category,
            entity: &self.entity,
            value: self.value,
            value_max: self.value_max,
            qualifier: self.qualifier,
            unit: &self.unit,
            basis: self.basis,
            quote: &self.quote,
            source: &self.source,
            note: &self.note,
            dims: &self.dims,
            per_item: self.per_item,
        }
    }

    /// The figure as an interval: what the wording allows, no more, no less.
    pub fn interval(&self) -> Interval {
        self.fields().interval()
    }

    /// What the value is rounded to, in the fixed scale of [`crate::values::decimal`]: the
    /// place of the last digit its quote writes (10,000 for "12.34 million") or its
    /// own (0.1 for 70.4), whichever is coarser; `None` for a whole number written
    /// in full.
    pub fn rounded_to(&self) -> Option<i128> {
        *self.rounding.0.get_or_init(|| {
            let written = (self.value.decimals() > 0).then(|| self.value.step());
            // A change states its size; its sign comes from the words.
            let size = self.value.magnitude().scaled();
            crate::values::prose::statements(&self.quote)
                .into_iter()
                .filter(|s| s.amount == size && s.step != crate::values::decimal::ONE)
                .map(|s| s.step)
                .chain(written)
                .max()
        })
    }

    /// The interval the checks of `reconcile` compare: the figure's, widened by half
    /// the step it is rounded to ("12.34 million" is 12,335,000 to 12,345,000). A
    /// bound keeps its side: "more than 3 million" is more than 3 million.
    pub fn checked_interval(&self) -> Interval {
        let v = self.interval();
        let Some(step) = self.rounded_to() else {
            return v;
        };
        let half = step / 2;
        // Only a change goes below zero; the bound of a fall is its low end.
        let floor = if matches!(self.basis, Basis::Change(_)) {
            i128::MIN
        } else {
            0
        };
        let (bound_low, bound_high) = match self.qualifier {
            Qualifier::AtLeast => (!self.value.is_negative(), self.value.is_negative()),
            Qualifier::AtMost => (self.value.is_negative(), !self.value.is_negative()),
            Qualifier::Unknown => (true, false),
            _ => (false, false),
        };
        let low = match bound_low {
            true => v.low,
            false => v.low.map(|l| (l - half).max(floor)),
        };
        let high = match bound_high {
            true => v.high,
            false => v.high.map(|h| h + half),
        };
        Interval::new(low, high)
    }

    /// The value as `export` writes it: none for a figure not published whose floor
    /// is 0 (an empty cell beside the qualifier `unknown`), else the value.
    pub fn written_value(&self) -> Option<Value> {
        let unknown_from_zero =
            self.qualifier == Qualifier::Unknown && self.value == Value::whole(0);
        (!unknown_from_zero).then_some(self.value)
    }

    /// The interval the wording gives one item (see [`Observation::per_item`]).
    pub fn interval_each(&self) -> Interval {
        self.fields().interval_each()
    }

    /// The day the figure belongs to: the end of the span it covers, else the day it
    /// was announced. An event announced later belongs to the day it happened; a
    /// running total to the day it runs to.
    pub fn reference_date(&self) -> Date {
        self.fields().reference_date()
    }

    /// The month a figure falls in, or `None` for a period figure that spans more than
    /// one month (it belongs to no single month).
    pub fn month(&self) -> Option<Month> {
        self.fields().month()
    }

    /// The value of a key dimension, for grouping.
    pub fn key(&self, dim: Dimension) -> String {
        self.fields().key(dim)
    }

    /// The text of a key dimension other than the month or period.
    pub fn text_key_of(&self, dim: Dimension) -> &str {
        self.fields().text_key(dim)
    }
}

/// Whether dimension `a` is one-to-one with dimension `b` over `figures` (a code
/// beside its name): each value of one goes with a single value of the other.
pub fn one_to_one<'a>(figures: &[&'a Observation], a: Dimension, b: Dimension) -> bool {
    use std::borrow::Cow;
    fn key(o: &Observation, d: Dimension) -> Cow<'_, str> {
        match d {
            Dimension::Month | Dimension::Period => Cow::Owned(o.key(d)),
            d => Cow::Borrowed(o.text_key_of(d)),
        }
    }
    let mut ab: BTreeMap<Cow<'a, str>, Cow<'a, str>> = BTreeMap::new();
    let mut ba: BTreeMap<Cow<'a, str>, Cow<'a, str>> = BTreeMap::new();
    for o in figures {
        let (x, y) = (key(o, a), key(o, b));
        if *ab.entry(x.clone()).or_insert_with(|| y.clone()) != y
            || *ba.entry(y).or_insert_with(|| x.clone()) != x
        {
            return false;
        }
    }
    true
}

/// How the parts of a relation stand to its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// The parts must add up to the total.
    Complete,
    /// The parts are a subset: their sum is at most the total.
    Partial,
    /// The part is the same quantity stated again: it must equal the total.
    Restates,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] = [
        RelationKind::Complete,
        RelationKind::Partial,
        RelationKind::Restates,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Complete => "complete",
            RelationKind::Partial => "partial",
            RelationKind::Restates => "restates",
        }
    }

    pub fn parse(text: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One row of `relations.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub total_id: String,
    pub part_id: String,
    pub kind: RelationKind,
    pub origin: Origin,
}

/// A source a quote is taken from, as `datapackage.json` describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    pub name: String,
    pub title: String,
    pub path: String,
}

/// The words a dataset allows in its vocabulary columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vocabulary {
    /// `None`: any snake_case metric (a bare table declares no vocabulary).
    pub metrics: Option<BTreeSet<String>>,
    pub units: BTreeSet<String>,
    pub qualifiers: BTreeSet<Qualifier>,
    pub bases: BTreeSet<Basis>,
}

/// Units a bare observation table may use when no `datapackage.json` declares them.
pub const DEFAULT_UNITS: [&str; 7] = [
    "count", "yuan", "years", "months", "percent", "per_day", "multiple",
];

impl Vocabulary {
    /// The vocabulary of a bare table: every qualifier and basis, the default units,
    /// any metric.
    pub fn open() -> Vocabulary {
        Vocabulary {
            metrics: None,
            units: DEFAULT_UNITS.iter().map(|u| u.to_string()).collect(),
            qualifiers: Qualifier::ALL.into_iter().collect(),
            bases: Basis::ALL.into_iter().collect(),
        }
    }
}

/// A file the dataset was read from: a display name and its bytes' digest.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFile {
    pub name: String,
    pub sha256: String,
}

/// A loaded, checked data package.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    pub name: String,
    pub title: String,
    pub sources: Vec<Source>,
    pub vocabulary: Vocabulary,
    pub observations: Vec<Observation>,
    pub relations: Vec<Relation>,
    pub inputs: Vec<InputFile>,
    /// The charts the package declares ([`views`]).
    pub views: Vec<views::View>,
    /// Whether the report draws its own charts, and which it leaves out.
    pub automatic: views::Automatic,
    /// The dimensions its mapped tables declare under their own names.
    pub dimensions: Vec<DimensionName>,
    /// Each of those dimensions' column header as its table writes it
    /// ("Country/Region" for `country_region`), for labels: the first table's.
    pub dimension_headers: std::collections::BTreeMap<String, String>,
    /// The shares of one base in one row of a mapped table, for `reconcile`.
    pub share_sets: Vec<mapped::ShareSet>,
    /// What the package leaves to decide (what blanks mean, ...), for `validate`.
    pub undecided: Vec<Problem>,
    /// Cells seen per mapped table, for `describe`.
    pub seen: Vec<mapped::Seen>,
    /// The names the package gives in each language (`cleanweb:titles`).
    pub titles: crate::dataset::package::Titles,
    /// The rules the package declares between its figures (`cleanweb:rules`).
    pub rules: Vec<declared::Rule>,
    /// The hierarchies of its dimensions' values (`cleanweb:hierarchies`).
    pub hierarchies: Vec<hierarchy::Hierarchy>,
    /// Where each id sits in `observations`, built on the first look-up.
    pub index: IdIndex,
    /// The other spellings of its dimensions' values, by dimension name: the
    /// value written and the value it is read as (a mapping's `spellings`).
    pub spellings: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

/// The position of each observation's id (the first, where ids repeat), so that a
/// relation of a hundred thousand parts finds each part at once, not by a walk
/// through every figure. Not part of what a dataset is: clones start without it and
/// it never makes two datasets differ.
#[derive(Debug, Default)]
pub struct IdIndex {
    built: std::sync::OnceLock<(usize, std::collections::HashMap<String, usize>)>,
}

impl Clone for IdIndex {
    fn clone(&self) -> IdIndex {
        IdIndex::default()
    }
}

impl PartialEq for IdIndex {
    fn eq(&self, _: &IdIndex) -> bool {
        true
    }
}

impl Dataset {
    /// The observation with this id (the first, where ids repeat).
    pub fn find(&self, id: &str) -> Option<&Observation> {
        let (len, at) = self.index.built.get_or_init(|| {
            let mut at = std::collections::HashMap::with_capacity(self.observations.len());
            for (i, o) in self.observations.iter().enumerate() {
                at.entry(o.id.clone()).or_insert(i);
            }
            (self.observations.len(), at)
        });
        // The observations are a public list: one changed after the index was built
        // is found the slow way, never wrongly.
        if *len != self.observations.len() {
            return self.observations.iter().find(|o| o.id == id);
        }
        match at.get(id).map(|&i| &self.observations[i]) {
            Some(o) if o.id == id => Some(o),
            Some(_) => self.observations.iter().find(|o| o.id == id),
            None => None,
        }
    }

    /// The title in `lang`, as the package gives it, else [`Dataset::display_title`].
    pub fn title_in(&self, lang: crate::words::Lang) -> &str {
        self.titles
            .get("dataset", "", lang)
            .unwrap_or_else(|| self.display_title())
    }

    /// The title used in footers: the dataset's, else its name.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            &self.name
        } else {
            &self.title
        }
    }
}

/// A result whose problems of the table are added to `problems` (and give none).
pub(crate) fn invalid_as_problems<T>(
    r: Result<T, DataError>,
    problems: &mut Vec<Problem>,
) -> Result<Option<T>, DataError> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(DataError::Invalid(mut ps)) => {
            problems.append(&mut ps);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
