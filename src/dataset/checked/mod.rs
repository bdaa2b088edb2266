//! The sink that applies the rules ([`super::rules`]) to the records the reader hands
//! over: a row that keeps them reaches the [`RowSink`] behind it as borrowed
//! [`Fields`], with no allocation; a Parquet row group goes to the columnar screen
//! ([`columns`]) whole.

use crate::table::batch::Batch;
use crate::table::{At, Cells, Found, RecordSink, Use};

pub mod columns;

use super::rules::{check_fields, col};
use super::{Fields, Vocabulary, OBSERVATION_COLUMNS};

/// What a reading does with each row that keeps every rule.
pub trait RowSink: Send {
    /// One valid row at `at` (the reader's position; [`crate::table::Lines`] turns
    /// it into a line).
    fn row(&mut self, fields: &Fields<'_>, at: At);

    /// The id of a row that broke a rule (a sink that keeps rows may want to know).
    fn failed(&mut self, _id: &str) {}

    /// How the sink uses known column `k` (`OBSERVATION_COLUMNS[k]`), besides what
    /// the rules read.
    fn reads(&self, _k: usize) -> Use {
        Use::Text
    }

    /// The rows of a row group that keep every rule, whole; `false`, the default,
    /// when the sink takes rows one by one (each then reaches [`RowSink::row`]).
    fn batch(&mut self, _rows: &columns::Screened<'_, '_>, _block: u32) -> bool {
        false
    }
}

/// A [`RecordSink`] that checks each record of an observation table by the rules and
/// hands the rows that keep them to `inner`.
pub struct Checked<'v, S> {
    pub inner: S,
    pub(super) vocab: &'v Vocabulary,
    pub(super) sources: &'v [String],
    /// The table was checked before (its fingerprint is in the cache): the columns
    /// whose rules read only their own text ([`stand_in`]) are read only if `inner`
    /// reads them.
    pub(super) trusted: bool,
    /// The columns not read because the table was checked before.
    pub(super) unread: [bool; OBSERVATION_COLUMNS.len()],
    /// The rows of a row group screened at a time ([`columns::WINDOW`]).
    pub(super) window: usize,
}

impl<'v, S> Checked<'v, S> {
    /// Rows checked against `vocab`, and against `sources` when there are any.
    pub fn new(inner: S, vocab: &'v Vocabulary, sources: &'v [String]) -> Checked<'v, S> {
        Checked {
            inner,
            vocab,
            sources,
            trusted: false,
            unread: [false; OBSERVATION_COLUMNS.len()],
            window: columns::WINDOW,
        }
    }

    /// The same sink, screening `rows` rows of a row group at a time (the differential
    /// readings use few, so that their small row groups cross windows).
    #[doc(hidden)]
    pub fn in_windows_of(mut self, rows: usize) -> Checked<'v, S> {
        self.window = rows.max(1);
        self
    }

    /// The same sink for a table checked before.
    pub fn trusting(mut self, trusted: bool) -> Checked<'v, S>
    where
        S: RowSink,
    {
        self.trusted = trusted;
        self.unread = std::array::from_fn(|k| {
            trusted && standing_in(k).is_some() && self.inner.reads(k) == Use::Not
        });
        self
    }
}

/// What stands for a cell of known column `k` of a table checked before when the
/// column is `unread` (see [`Checked::trusting`]).
pub(super) fn stand_in(k: usize, unread: &[bool]) -> Option<&'static str> {
    standing_in(k).filter(|_| unread.get(k) == Some(&true))
}

/// What stands for a cell of a table checked before that is not read again: the
/// columns whose only rules read their own text (the id, the region, the quote),
/// which the table was found to keep on every row.
fn standing_in(k: usize) -> Option<&'static str> {
    match k {
        col::ID => Some("checked_before"),
        col::REGION | col::QUOTE => Some("(checked before)"),
        _ => None,
    }
}

/// The cells of a trusted table, with stand-ins for the cells not read.
struct Trusted<'c, C>(&'c C, &'c [bool]);

impl<'a, C: Cells<'a>> Cells<'a> for Trusted<'_, C> {
    fn text(&self, k: usize) -> &'a str {
        stand_in(k, self.1).unwrap_or_else(|| self.0.text(k))
    }

    fn days(&self, k: usize) -> Option<Option<i32>> {
        self.0.days(k)
    }

    fn int(&self, k: usize) -> Option<Option<i64>> {
        self.0.int(k)
    }
}

impl<S: RowSink> RecordSink for Checked<'_, S> {
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>) {
        let mut problem = |k, reason| found.problem(k, reason);
        let fields = if self.trusted {
            check_fields(
                &Trusted(cells, &self.unread),
                self.vocab,
                self.sources,
                &mut problem,
            )
        } else {
            check_fields(cells, self.vocab, self.sources, &mut problem)
        };
        // Matched by reference: moving the row's fields out of the `Option` copied
        // them whole (272 bytes) on every row.
        match &fields {
            Some(fields) if found.keeps() => self.inner.row(fields, at),
            _ => self.inner.failed(cells.text(col::ID)),
        }
    }

    fn batch(&mut self, batch: &Batch<'_>, block: u32, left: &mut [bool]) -> bool {
        columns::screen(self, batch, block, left)
    }

    /// What the rules read, and what the inner sink reads: authority, category,
    /// entity and note only for the inner sink, and the source also for the rules
    /// when the package names its sources; the quote, verbatim, for its rule.
    fn reads(&self, k: usize) -> Use {
        let inner = self.inner.reads(k);
        let rule = match k {
            col::AUTHORITY | col::CATEGORY | col::ENTITY | col::NOTE => Use::Not,
            col::SOURCE if self.sources.is_empty() => Use::Not,
            k if self.unread.get(k) == Some(&true) => Use::Not,
            col::QUOTE => Use::Verbatim,
            _ => Use::Text,
        };
        match (rule, inner) {
            (Use::Text, _) | (_, Use::Text) => Use::Text,
            (Use::Verbatim, _) | (_, Use::Verbatim) => Use::Verbatim,
            _ => Use::Not,
        }
    }
}

/// A sink that keeps nothing: the rules are the check. It asks for every column,
/// verbatim (so a CSV cell is not unescaped for it), so that every cell of a
/// columnar table is read, and checked for control characters, too.
#[derive(Debug, Clone, Copy, Default)]
pub struct Nothing;

impl RowSink for Nothing {
    fn row(&mut self, _: &Fields<'_>, _: At) {}

    fn reads(&self, _: usize) -> Use {
        Use::Verbatim
    }
}

/// A sink that keeps every row as an [`super::Observation`], with its position;
/// the origins are completed once the table is read ([`super::load`]).
#[derive(Debug, Default)]
pub struct Keep {
    pub rows: Vec<(At, super::Observation)>,
    /// Ids of the rows that broke a rule.
    pub failed: Vec<String>,
    pub origin: Option<super::Origin>,
}

impl RowSink for Keep {
    fn row(&mut self, fields: &Fields<'_>, at: At) {
        let origin = self.origin.clone().unwrap_or_else(|| super::Origin {
            file: std::sync::Arc::from(""),
            line: 0,
            columns: std::sync::Arc::from([]),
            cell: 0,
        });
        self.rows.push((at, fields.to_observation(origin)));
    }

    fn failed(&mut self, id: &str) {
        self.failed.push(id.to_string());
    }
}
