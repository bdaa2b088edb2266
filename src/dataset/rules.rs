//! The rules every row of an observation table keeps, and the sink that applies
//! them to the records the reader hands over: a row that keeps them reaches the
//! [`RowSink`] behind it as borrowed [`Fields`], with no allocation.

use crate::table::batch::Batch;
use crate::table::{short, At, Cells, Found, RecordSink, Use};

use super::{Basis, Date, Fields, Qualifier, Vocabulary, OBSERVATION_COLUMNS};

/// Column indexes into [`OBSERVATION_COLUMNS`].
/// Where each known column sits in `OBSERVATION_COLUMNS`.
pub(crate) mod col {
    pub const ID: usize = 0;
    pub const DATE: usize = 1;
    pub const PERIOD_START: usize = 2;
    pub const PERIOD_END: usize = 3;
    pub const AUTHORITY: usize = 4;
    pub const REGION: usize = 5;
    pub const METRIC: usize = 6;
    pub const CATEGORY: usize = 7;
    pub const ENTITY: usize = 8;
    pub const VALUE: usize = 9;
    pub const VALUE_MAX: usize = 10;
    pub const QUALIFIER: usize = 11;
    pub const UNIT: usize = 12;
    pub const BASIS: usize = 13;
    pub const QUOTE: usize = 14;
    pub const SOURCE: usize = 15;
    pub const NOTE: usize = 16;
}

/// Every rule one row must keep, on the text of its known columns (`get(i)` is the
/// cell of `OBSERVATION_COLUMNS[i]`). Each broken rule is told to `problem` with the
/// known column it belongs to; `None` when any was. A valid row costs no allocation,
/// so a table of millions of rows is checked at the speed of reading it.
///
/// The rules come in three kinds, each one function that the columnar screen of a
/// Parquet table ([`super::columns`]) calls too: the rules of a word
/// ([`word_problem`]: its verdict depends on its text alone, so a column checks each
/// distinct word once), the rules of one cell ([`date_cell`], [`count_cell`],
/// [`is_snake_case`], [`is_blank`]), and the rules that tie cells together
/// ([`cross_rules`]).
pub(crate) fn check_fields<'a>(
    cells: &impl Cells<'a>,
    vocab: &Vocabulary,
    source_names: &[String],
    problem: &mut dyn FnMut(usize, String),
) -> Option<Fields<'a>> {
    let mut ok = true;
    let mut problem = |i: usize, reason: String| {
        ok = false;
        problem(i, reason);
    };

    let get = |k: usize| cells.text(k);
    let id = get(col::ID);
    if !is_snake_case(id) {
        problem(col::ID, not_an_id(id));
    }
    let mut date_of = |i: usize, required: bool| match date_cell(cells, i, required) {
        Ok(d) => d,
        Err(e) => {
            problem(i, e);
            None
        }
    };
    let date = date_of(col::DATE, true);
    let period_start = date_of(col::PERIOD_START, false);
    let period_end = date_of(col::PERIOD_END, false);
    let value = count_cell(cells, col::VALUE, true)
        .map_err(|e| problem(col::VALUE, e))
        .ok()
        .flatten();
    let value_max = count_cell(cells, col::VALUE_MAX, false)
        .map_err(|e| problem(col::VALUE_MAX, e))
        .ok()
        .flatten();
    for k in WORDS {
        if let Some(e) = word_problem(k, get(k), vocab, source_names) {
            problem(k, e);
        }
    }
    if is_blank(get(col::QUOTE)) {
        problem(col::QUOTE, "must not be empty".into());
    }
    let qualifier = Qualifier::parse(get(col::QUALIFIER)).filter(|q| vocab.qualifiers.contains(q));
    let basis = Basis::parse(get(col::BASIS)).filter(|b| vocab.bases.contains(b));
    let (metric, unit, source) = (get(col::METRIC), get(col::UNIT), get(col::SOURCE));
    let parts = Parts {
        date,
        period_start,
        period_end,
        value,
        value_max,
        qualifier,
        basis,
        unit,
    };
    cross_rules(&parts, &mut problem);

    if !ok {
        return None;
    }
    // Every Option below was checked above; a None would have left a problem.
    let (date, value, qualifier, basis) = (date?, value?, qualifier?, basis?);
    Some(Fields {
        id,
        date,
        period_start,
        period_end,
        authority: get(col::AUTHORITY),
        region: get(col::REGION),
        metric,
        category: get(col::CATEGORY),
        entity: get(col::ENTITY),
        value,
        value_max,
        qualifier,
        unit,
        basis,
        quote: get(col::QUOTE),
        source,
        note: get(col::NOTE),
        dims: &[],
        per_item: None,
    })
}

/// The columns whose rules read one word: a vocabulary, or only that it is not blank.
pub(crate) const WORDS: [usize; 6] = [
    col::QUALIFIER,
    col::BASIS,
    col::METRIC,
    col::UNIT,
    col::REGION,
    col::SOURCE,
];

/// What is wrong with the word `text` in known column `k` (one of [`WORDS`]).
pub(crate) fn word_problem(
    k: usize,
    text: &str,
    vocab: &Vocabulary,
    source_names: &[String],
) -> Option<String> {
    match k {
        col::QUALIFIER => {
            let ok = Qualifier::parse(text).is_some_and(|q| vocab.qualifiers.contains(&q));
            (!ok).then(|| {
                let allowed: Vec<&str> = vocab.qualifiers.iter().map(|q| q.as_str()).collect();
                not_in_vocabulary(text, &allowed)
            })
        }
        col::BASIS => {
            let ok = Basis::parse(text).is_some_and(|b| vocab.bases.contains(&b));
            (!ok).then(|| {
                let allowed: Vec<&str> = vocab.bases.iter().map(|b| b.as_str()).collect();
                not_in_vocabulary(text, &allowed)
            })
        }
        col::METRIC => match &vocab.metrics {
            Some(allowed) if !allowed.contains(text) => {
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                Some(not_in_vocabulary(text, &allowed))
            }
            None if !is_snake_case(text) => {
                Some(format!("'{}' is not a snake_case metric name", short(text)))
            }
            _ => None,
        },
        col::UNIT if !vocab.units.contains(text) => {
            let allowed: Vec<&str> = vocab.units.iter().map(String::as_str).collect();
            Some(not_in_vocabulary(text, &allowed))
        }
        col::REGION if is_blank(text) => Some("must not be empty".into()),
        col::SOURCE if !source_names.is_empty() && !source_names.iter().any(|s| s == text) => {
            let allowed: Vec<&str> = source_names.iter().map(String::as_str).collect();
            Some(format!(
                "{} (the names of datapackage.json's sources)",
                not_in_vocabulary(text, &allowed)
            ))
        }
        _ => None,
    }
}

/// The problem of an id that is not snake_case.
pub(crate) fn not_an_id(id: &str) -> String {
    format!(
        "'{}' is not a snake_case id (a-z, 0-9, _; starting with a letter)",
        short(id)
    )
}

/// The date in known column `i`: typed, or as text.
pub(crate) fn date_cell<'a>(
    cells: &impl Cells<'a>,
    i: usize,
    required: bool,
) -> Result<Option<Date>, String> {
    let date = match cells.days(i) {
        Some(None) => None,
        Some(Some(days)) => Some(date_of_days(days)?),
        None => match cells.text(i) {
            "" => None,
            t => Some(Date::parse(t)?),
        },
    };
    if date.is_none() && required {
        return Err("must not be empty".into());
    }
    Ok(date)
}

/// A typed date, when its year has four digits (as the text form must).
pub(crate) fn date_of_days(days: i32) -> Result<Date, String> {
    let date = Date::from_days(i64::from(days));
    if (0..=9999).contains(&date.year) {
        Ok(date)
    } else {
        Err(format!("{date} is not a date in the form YYYY-MM-DD"))
    }
}

/// The count in known column `i`: typed, or as text.
pub(crate) fn count_cell<'a>(
    cells: &impl Cells<'a>,
    i: usize,
    required: bool,
) -> Result<Option<i64>, String> {
    match cells.int(i) {
        Some(None) if required => Err("must not be empty".to_string()),
        Some(None) => Ok(None),
        Some(Some(n)) if n < 0 => Err(format!("'{n}' is negative; counts are 0 or more")),
        Some(Some(n)) => Ok(Some(n)),
        None => parse_count(cells.text(i), required),
    }
}

/// What the rules that tie a row's cells together read, each already read by the
/// rules of its own cell (`None` where that cell broke one).
pub(crate) struct Parts<'a> {
    pub date: Option<Date>,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub value: Option<i64>,
    pub value_max: Option<i64>,
    pub qualifier: Option<Qualifier>,
    pub basis: Option<Basis>,
    pub unit: &'a str,
}

/// The rules that tie a row's cells together.
pub(crate) fn cross_rules(p: &Parts<'_>, problem: &mut impl FnMut(usize, String)) {
    let (value, value_max, unit) = (p.value, p.value_max, p.unit);
    if let (Some(q), Some(v)) = (p.qualifier, value) {
        match (q, value_max) {
            (Qualifier::Range, None) => problem(
                col::VALUE_MAX,
                "a range needs value_max, its high end".into(),
            ),
            (Qualifier::Range, Some(m)) if m < v => {
                problem(col::VALUE_MAX, format!("value_max {m} is below value {v}"))
            }
            (q, Some(_)) if q != Qualifier::Range => problem(
                col::VALUE_MAX,
                format!(
                    "value_max is only for qualifier 'range', not '{}'",
                    q.as_str()
                ),
            ),
            _ => {}
        }
    }
    match (p.period_start, p.period_end) {
        (Some(s), Some(e)) if e < s => problem(
            col::PERIOD_END,
            format!("period ends ({e}) before it starts ({s})"),
        ),
        (Some(_), None) => problem(
            col::PERIOD_END,
            "period_start is set, so period_end must be too".into(),
        ),
        (None, Some(_)) => problem(
            col::PERIOD_START,
            "period_end is set, so period_start must be too".into(),
        ),
        _ => {}
    }
    if let (Some(d), Some(e)) = (p.date, p.period_end) {
        if e > d {
            problem(
                col::PERIOD_END,
                format!("the period ends ({e}) after the figure was announced ({d})"),
            );
        }
    }
    match p.basis {
        Some(Basis::Period) if p.period_start.is_none() => problem(
            col::PERIOD_START,
            "a 'period' figure needs period_start and period_end".into(),
        ),
        Some(Basis::Share) if unit != "percent" => {
            problem(col::UNIT, format!("a share is in 'percent', not '{unit}'"))
        }
        Some(Basis::Share)
            if value.is_some_and(|v| v > 100) || value_max.is_some_and(|v| v > 100) =>
        {
            problem(col::VALUE, "a share cannot exceed 100 percent".into())
        }
        Some(Basis::Rate) if !unit.starts_with("per_") => problem(
            col::UNIT,
            format!("a rate is per unit of time (per_day, ...), not '{unit}'"),
        ),
        _ => {}
    }
}

fn not_in_vocabulary(word: &str, allowed: &[&str]) -> String {
    if word.is_empty() {
        return format!("must not be empty; one of: {}", allowed.join(", "));
    }
    format!(
        "'{}' is not in the vocabulary; one of: {}",
        short(word),
        allowed.join(", ")
    )
}

/// Whether `s` is empty or only whitespace (as `str::trim` sees it), answered at the
/// first byte for the common text that starts with a visible ASCII character.
pub(crate) fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => false,
        _ => s.trim().is_empty(),
    }
}

/// The bytes a snake_case name may hold after its first letter.
const SNAKE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
        i += 1;
    }
    table
};

pub(crate) fn is_snake_case(s: &str) -> bool {
    // Bytes, not chars: any byte of a non-ASCII character fails the test anyway.
    match s.as_bytes().split_first() {
        Some((first, rest)) => {
            first.is_ascii_lowercase() && rest.iter().all(|&b| SNAKE[usize::from(b)])
        }
        None => false,
    }
}

/// A count as the data package writes it: digits only. Says what is wrong with
/// anything else in words a user can act on.
fn parse_count(text: &str, required: bool) -> Result<Option<i64>, String> {
    if text.is_empty() {
        return if required {
            Err("must not be empty".into())
        } else {
            Ok(None)
        };
    }
    // Digits only, accumulated with a check on every step: one pass.
    let mut n: Option<i64> = Some(0);
    let mut digits = true;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            digits = false;
            break;
        }
        n = n
            .and_then(|n| n.checked_mul(10))
            .and_then(|n| n.checked_add(i64::from(b - b'0')));
    }
    if digits {
        return n.map(Some).ok_or_else(|| {
            format!(
                "'{}' is too large (the largest count is {})",
                short(text),
                i64::MAX
            )
        });
    }
    let shown = short(text);
    let reason = if text.trim() != text {
        "has spaces around it"
    } else if text.starts_with('-') {
        "is negative; counts are 0 or more"
    } else if text.contains(',') {
        "has a thousands separator; write digits only (1000, not 1,000)"
    } else if text.contains('.') || text.contains(['e', 'E']) {
        "is not a whole number; write digits only"
    } else {
        "is not a whole number"
    };
    Err(format!("'{shown}' {reason}"))
}

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
    fn batch(&mut self, _rows: &super::columns::Screened<'_, '_>, _block: u32) -> bool {
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
        }
    }

    /// The same sink for a table checked before.
    pub fn trusting(mut self, trusted: bool) -> Checked<'v, S>
    where
        S: RowSink,
    {
        self.trusted = trusted;
        self.unread = std::array::from_fn(|k| {
            trusted && stand_in(k).is_some() && self.inner.reads(k) == Use::Not
        });
        self
    }
}

/// What stands for a cell of a table checked before that is not read again: the
/// columns whose only rules read their own text (the id, the region, the quote),
/// which the table was found to keep on every row.
pub(super) fn stand_in(k: usize) -> Option<&'static str> {
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
        match stand_in(k) {
            Some(text) if self.1.get(k) == Some(&true) => text,
            _ => self.0.text(k),
        }
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
        match fields {
            Some(fields) => self.inner.row(&fields, at),
            None => self.inner.failed(cells.text(col::ID)),
        }
    }

    fn batch(&mut self, batch: &Batch<'_>, block: u32, left: &mut [bool]) -> bool {
        super::columns::screen(self, batch, block, left)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for s in [
            "", " ", "\t\n", "\u{0B}", "\u{3000}", "\u{A0} ", " x", "x", "\"q\"", "中",
        ] {
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("1222", true), Ok(Some(1222)));
        assert_eq!(parse_count("", false), Ok(None));
        for bad in [
            "abc",
            "1.5",
            " 1",
            "1,000",
            "1e3",
            "-5",
            "99999999999999999999",
            "NaN",
            "",
        ] {
            assert!(parse_count(bad, true).is_err(), "{bad}");
        }
        assert!(parse_count("1,000", true)
            .unwrap_err()
            .contains("thousands separator"));
        assert!(parse_count("99999999999999999999", true)
            .unwrap_err()
            .contains("too large"));
    }

    #[test]
    fn snake_case() {
        assert!(is_snake_case("cases_total_1225"));
        assert!(!is_snake_case("Cases"));
        assert!(!is_snake_case("1cases"));
        assert!(!is_snake_case(""));
        assert!(!is_snake_case("a-b"));
    }
}
