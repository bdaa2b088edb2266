//! The rules every row of an observation table keeps. The sink that applies them to
//! the records the reader hands over is [`Checked`] (`checked.rs`).

use crate::table::{short, Cells};

use super::{Basis, Date, Fields, Qualifier, Value, Vocabulary};

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
/// Parquet table ([`super::checked::columns`]) calls too: the rules of a word
/// ([`word_problem`]: its verdict depends on its text alone, so a column checks each
/// distinct word once), the rules of one cell ([`date_cell`], [`value_cell`],
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
    // A value may be blank only for a figure not published (checked with the
    // qualifier, in [`cross_rules`]).
    let value = value_cell(cells, col::VALUE, false).map_err(|e| problem(col::VALUE, e));
    let value_blank = matches!(value, Ok(None));
    let value = value.ok().flatten();
    let value_max = value_cell(cells, col::VALUE_MAX, false)
        .map_err(|e| problem(col::VALUE_MAX, e))
        .ok()
        .flatten();
    // The qualifier and basis are read once: their word's rule is that they read.
    let qualifier = Qualifier::parse(get(col::QUALIFIER)).filter(|q| vocab.qualifiers.contains(q));
    let basis = Basis::parse(get(col::BASIS)).filter(|b| vocab.bases.contains(b));
    for k in WORDS {
        let read = match k {
            col::QUALIFIER => qualifier.is_some(),
            col::BASIS => basis.is_some(),
            _ => false,
        };
        if read {
            continue;
        }
        if let Some(e) = word_problem(k, get(k), vocab, source_names) {
            problem(k, e);
        }
    }
    if is_blank(get(col::QUOTE)) {
        problem(col::QUOTE, "must not be empty".into());
    }
    let (metric, unit, source) = (get(col::METRIC), get(col::UNIT), get(col::SOURCE));
    let parts = Parts {
        date,
        period_start,
        period_end,
        value,
        value_blank,
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
    let (date, qualifier, basis) = (date?, qualifier?, basis?);
    // A figure not published whose value is blank stands from 0 up.
    let value = value.unwrap_or(Value::whole(0));
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

/// Whether two words are the same, compared here rather than by a call to the C
/// library: a streamed table asks it of a few short words on every row.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (x, y) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails = x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q);
    tails
        && x.zip(y).all(|(p, q)| {
            let word = |c: &[u8]| u64::from_ne_bytes(c.try_into().unwrap_or_default());
            word(p) == word(q)
        })
}

/// Whether `w` is one of a set of words (a vocabulary, or the words a reading has
/// seen): a few are looked through by [`same`], many asked as a set.
#[inline]
pub(crate) fn known(words: &std::collections::BTreeSet<String>, w: &str) -> bool {
    if words.len() <= 16 {
        words.iter().any(|s| same(s, w))
    } else {
        words.contains(w)
    }
}

/// Adds `w` to the words seen, unless it is [`known`] already.
#[inline]
pub(crate) fn note(words: &mut std::collections::BTreeSet<String>, w: &str) {
    if !known(words, w) {
        words.insert(w.to_string());
    }
}

/// Words noted as a reading goes (a table's metrics or units), the first few also
/// in a list that is looked through before the set: a table has few, and a list of
/// them is quicker to ask on every row than a set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Noted {
    words: std::collections::BTreeSet<String>,
    few: Vec<String>,
}

impl Noted {
    /// Adds `w`, unless it is noted already.
    #[inline]
    pub(crate) fn note(&mut self, w: &str) {
        if self.few.iter().any(|s| same(s, w)) {
            return;
        }
        if self.few.len() < 16 {
            self.few.push(w.to_string());
        }
        note(&mut self.words, w);
    }
}

impl std::ops::Deref for Noted {
    type Target = std::collections::BTreeSet<String>;

    fn deref(&self) -> &Self::Target {
        &self.words
    }
}

impl Extend<String> for Noted {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        self.words.extend(words);
    }
}

impl IntoIterator for Noted {
    type Item = String;
    type IntoIter = std::collections::btree_set::IntoIter<String>;

    fn into_iter(self) -> Self::IntoIter {
        self.words.into_iter()
    }
}

/// What is wrong with the word `text` in known column `k` (one of [`WORDS`]).
#[inline]
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
            Some(allowed) if !known(allowed, text) => {
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                Some(not_in_vocabulary(text, &allowed))
            }
            None if !is_snake_case(text) => {
                Some(format!("'{}' is not a snake_case metric name", short(text)))
            }
            _ => None,
        },
        col::UNIT if !known(&vocab.units, text) => {
            let allowed: Vec<&str> = vocab.units.iter().map(String::as_str).collect();
            Some(not_in_vocabulary(text, &allowed))
        }
        col::REGION if is_blank(text) => Some("must not be empty".into()),
        col::SOURCE if !source_names.is_empty() && !source_names.iter().any(|s| same(s, text)) => {
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

/// The value in known column `i` (an exact decimal): typed, or as text.
pub(crate) fn value_cell<'a>(
    cells: &impl Cells<'a>,
    i: usize,
    required: bool,
) -> Result<Option<Value>, String> {
    match cells.int(i) {
        Some(None) if required => Err("must not be empty".to_string()),
        Some(None) => Ok(None),
        Some(Some(n)) => Ok(Some(Value::whole(n))),
        None => parse_value(cells.text(i), required),
    }
}

/// What the rules that tie a row's cells together read, each already read by the
/// rules of its own cell (`None` where that cell broke one).
pub(crate) struct Parts<'a> {
    pub date: Option<Date>,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub value: Option<Value>,
    /// Whether the value cell is blank (then `value` is `None` with no problem).
    pub value_blank: bool,
    pub value_max: Option<Value>,
    pub qualifier: Option<Qualifier>,
    pub basis: Option<Basis>,
    pub unit: &'a str,
}

/// The rules that tie a row's cells together.
pub(crate) fn cross_rules(p: &Parts<'_>, problem: &mut impl FnMut(usize, String)) {
    let (value, value_max, unit) = (p.value, p.value_max, p.unit);
    if p.value_blank && p.qualifier != Some(Qualifier::Unknown) {
        problem(
            col::VALUE,
            "must not be empty (a figure not published has the qualifier 'unknown')".into(),
        );
    }
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
    if !matches!(p.basis, Some(Basis::Change(_))) {
        for (k, v) in [(col::VALUE, value), (col::VALUE_MAX, value_max)] {
            if let Some(v) = v.filter(|v| v.is_negative()) {
                problem(
                    k,
                    format!("'{v}' is negative; values are 0 or more (only a change, basis change_previous_period or change_previous_year, has a sign)"),
                );
            }
        }
    }
    match p.basis {
        Some(Basis::Period | Basis::Change(_)) if p.period_start.is_none() => problem(
            col::PERIOD_START,
            format!(
                "a '{}' figure needs period_start and period_end{}",
                p.basis.map_or("", Basis::as_str),
                if p.basis == Some(Basis::Period) {
                    ""
                } else {
                    " (the span of the figure that changed)"
                }
            ),
        ),
        Some(Basis::Change(_)) if unit == "percent" && value.is_some_and(|v| v < MINUS_HUNDRED) => {
            problem(col::VALUE, "a fall cannot exceed 100 percent".into())
        }
        Some(Basis::Share) if unit != "percent" => {
            problem(col::UNIT, format!("a share is in 'percent', not '{unit}'"))
        }
        Some(Basis::Share)
            if value.is_some_and(|v| v > HUNDRED) || value_max.is_some_and(|v| v > HUNDRED) =>
        {
            problem(col::VALUE, "a share cannot exceed 100 percent".into())
        }
        Some(Basis::Rate) if !unit.starts_with("per_") => problem(
            col::UNIT,
            format!("a rate is per unit of time (per_day, ...), not '{unit}'"),
        ),
        _ => {}
    }
    if unit == "count" {
        for (k, v) in [(col::VALUE, value), (col::VALUE_MAX, value_max)] {
            if let Some(v) = v.filter(|v| !v.is_whole()) {
                problem(
                    k,
                    format!("'{v}' is not a whole count; a value with decimals needs its unit (percent, years, yuan, ...)"),
                );
            }
        }
    }
}

const HUNDRED: Value = Value::whole(100);
const MINUS_HUNDRED: Value = Value::whole(-100);

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
    is_blank_from(s.as_bytes().first().copied(), || s)
}

/// [`is_blank`] of a text whose first byte is `first` (`None`: empty), reading the
/// text (`text`) only when that byte does not answer: so a column can answer from
/// the views of its cells without reaching their bytes.
#[inline]
pub(crate) fn is_blank_from<'a>(first: Option<u8>, text: impl FnOnce() -> &'a str) -> bool {
    match first {
        Some(b) if crate::table::batch::unblank_start(b) => false,
        None => true,
        _ => text().trim().is_empty(),
    }
}

/// Whether `s` is a snake_case name: a lowercase letter, then lowercase letters,
/// digits and `_`. Every row's id is asked this, so the bytes are tested eight at a
/// time (the last eight overlapping the word before).
#[inline]
pub(crate) fn is_snake_case(s: &str) -> bool {
    // Bytes, not chars: any byte of a non-ASCII character fails the test anyway.
    let bytes = s.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let word = |w: &[u8]| snake_word(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
    match bytes.len() {
        n if n >= 8 => {
            let mut words = bytes.chunks_exact(8);
            words.all(word) && word(&bytes[n - 8..])
        }
        // A shorter name is one word, padded with letters.
        _ => snake_word(
            (bytes.iter().rev()).fold(u64::from_le_bytes([b'a'; 8]), |w, &b| {
                (w << 8) | u64::from(b)
            }),
        ),
    }
}

/// Whether each of the 8 bytes of `x` is a lowercase letter, a digit or `_`. Below
/// 0x80, a byte plus a constant of at most 0x7F carries into its high bit exactly
/// when it is at least 0x80 less the constant, and never into the next byte.
#[inline]
fn snake_word(x: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let at_least = |lo: u8| x.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
    let above = |hi: u8| x.wrapping_add(ONES * u64::from(0x7F - hi)) & HIGH;
    let lower = at_least(b'a') & !above(b'z');
    let digit = at_least(b'0') & !above(b'9');
    let not_underscore = (x ^ (ONES * u64::from(b'_'))).wrapping_add(ONES * 0x7F) & HIGH;
    x & HIGH == 0 && (lower | digit | !not_underscore) & HIGH == HIGH
}

/// A value as the data package writes it: digits, and a decimal point with the
/// decimals written (`70.4`). Says what is wrong with anything else in words a user
/// can act on.
#[inline]
fn parse_value(text: &str, required: bool) -> Result<Option<Value>, String> {
    if text.is_empty() && !required {
        return Ok(None);
    }
    // Up to 18 digits cannot pass i64::MAX: no check on each step.
    if (1..=18).contains(&text.len()) {
        let mut n = 0i64;
        let mut digits = true;
        for b in text.bytes() {
            let d = b.wrapping_sub(b'0');
            digits &= d <= 9;
            n = n.wrapping_mul(10).wrapping_add(i64::from(d));
        }
        if digits {
            return Ok(Some(Value::whole(n)));
        }
    }
    value_or_why_not(text, required)
}

/// [`parse_value`] of any text, with the words of what is wrong.
#[cold]
#[inline(never)]
fn value_or_why_not(text: &str, required: bool) -> Result<Option<Value>, String> {
    if text.is_empty() {
        return if required {
            Err("must not be empty".into())
        } else {
            Ok(None)
        };
    }
    let shown = short(text);
    // A sign is read here and kept to the changes by [`cross_rules`]: the one rule
    // for both the rows and the columns of a table.
    if let Some(Ok(v)) = text
        .strip_prefix('-')
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .map(Value::parse)
    {
        return Ok(Some(v.negated()));
    }
    let reason = match Value::parse(text) {
        Ok(v) => return Ok(Some(v)),
        Err(why) if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') => why,
        Err(_) if text.trim() != text => "has spaces around it".into(),
        Err(_) if text.starts_with('-') => "is negative; values are 0 or more".into(),
        Err(_) if text.contains(',') => {
            "has a thousands separator; write digits only (1000, not 1,000), and '.' for decimals"
                .into()
        }
        Err(_) if text.contains(['e', 'E']) => {
            "is in scientific notation; write the digits (1200000, not 1.2e6)".into()
        }
        Err(_) => "is not a number; write digits, and '.' for decimals (70.4)".into(),
    };
    Err(format!("'{shown}' {reason}"))
}

#[cfg(test)]
mod tests;
