//! The sums of a table read as it streams: one [`Sums`] per core, fed each checked
//! row by the reader, merged at the end. Event and period figures go into the one
//! summing engine ([`Groups`]) as they come; the few rows any other basis selects
//! are kept and answered at the end by the same code as a loaded package, with the
//! same rules and refusals.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::groups::{push_value, spans_months, Acc, Groups};
use super::{aggregate_known, check_query, mixing_refusal, selects, wanted_basis};
use super::{AggregateError, Aggregation, Cited, Query};
use crate::dataset::checked::columns::Screened;
use crate::dataset::rules::{col, Noted};
use crate::dataset::{Basis, Dataset, Dimension, Fields, Month, Observation, Origin, RowSink};
use crate::table::{At, Lines, Use};

/// The most notes an aggregation keeps; a large table could otherwise produce one
/// per row.
const MAX_NOTES: usize = 50;

/// The running sums of a table too large to hold.
#[derive(Debug, Clone)]
pub struct Sums {
    query: Query,
    wanted: Option<Basis>,
    /// Every metric the table has, for the refusal of one it does not.
    metrics: Noted,
    units: Noted,
    /// The metrics of the figures selected, which a sum must not mix.
    summed: Noted,
    bases: BTreeSet<Basis>,
    groups: Groups,
    cited: Cited,
    kept: Vec<(At, Observation)>,
    notes: Vec<(At, String)>,
    all_notes: usize,
    /// The values seen of each key the question names (`--where`, `--region`,
    /// `--category`), up to [`MAX_VALUES_SEEN`]: an answer that is empty because
    /// no figure has a value asked is refused as it is for a package.
    seen: Vec<BTreeSet<String>>,
    /// The keys of `seen`, in the order the question names them.
    seen_keys: Vec<Dimension>,
}

/// Most values of a key named by a question that are kept to answer a misspelling.
const MAX_VALUES_SEEN: usize = 100_000;

impl Sums {
    /// Sums for `query`; what it refuses is refused by [`Sums::finish`], once the
    /// table's metrics are known, in the order [`super::aggregate`] refuses.
    pub fn new(query: &Query) -> Sums {
        Sums {
            query: query.clone(),
            // An impossible combination is refused at the end; meanwhile nothing is
            // summed under a wrong basis.
            wanted: wanted_basis(query).unwrap_or(None),
            metrics: Noted::default(),
            units: Noted::default(),
            summed: Noted::default(),
            bases: BTreeSet::new(),
            groups: Groups::new(&query.by),
            cited: Cited::default(),
            kept: Vec::new(),
            notes: Vec::new(),
            all_notes: 0,
            seen: vec![BTreeSet::new(); super::filters::asked(query).len()],
            seen_keys: super::filters::asked(query).iter().map(|a| a.1).collect(),
        }
    }

    /// Notes the values of the keys the question names, as `values` gives them.
    fn see(&mut self, values: impl Fn(Dimension) -> Vec<String>) {
        for (set, d) in self.seen.iter_mut().zip(&self.seen_keys) {
            for v in values(*d) {
                if set.len() < MAX_VALUES_SEEN && !set.contains(&v) {
                    set.insert(v);
                }
            }
        }
    }

    fn take(&mut self, f: &Fields<'_>, at: At) {
        self.metrics.note(f.metric);
        // A row's value of a key asked, kept when new (a look-up, no copy, when not).
        for (set, d) in self.seen.iter_mut().zip(&self.seen_keys) {
            let text = match d {
                Dimension::Month | Dimension::Period => None,
                d => Some(f.text_key(*d)),
            };
            let known = text.is_some_and(|t| set.contains(t));
            if !known && set.len() < MAX_VALUES_SEEN {
                set.insert(text.map_or_else(|| f.key(*d), str::to_string));
            }
        }
        if !selects(&self.query, self.wanted, f) {
            return;
        }
        self.units.note(f.unit);
        self.summed.note(f.metric);
        if !self.bases.contains(&f.basis) {
            self.bases.insert(f.basis);
        }
        if !matches!(f.basis, Basis::Event | Basis::Period) {
            self.kept.push((at, f.to_observation(Origin::default())));
            return;
        }
        self.cited.add(f);
        if !self.groups.add(f) {
            self.all_notes += 1;
            if self.notes.len() < MAX_NOTES {
                self.notes.push((at, spans_months(f).note(f.id)));
            }
        }
    }

    /// Adds the rows `other` has seen.
    pub fn merge(&mut self, other: Sums) {
        self.metrics.extend(other.metrics);
        self.units.extend(other.units);
        self.summed.extend(other.summed);
        self.bases.extend(other.bases);
        self.groups.merge(other.groups);
        self.cited.merge(other.cited);
        self.kept.extend(other.kept);
        self.notes.extend(other.notes);
        self.all_notes += other.all_notes;
        for (mine, theirs) in self.seen.iter_mut().zip(other.seen) {
            if mine.len() < MAX_VALUES_SEEN {
                mine.extend(theirs);
            }
        }
    }

    /// The result, by the same rules and with the same refusals as
    /// [`super::aggregate`]; `lines` turns the positions of the rows kept into lines
    /// of the file.
    pub fn finish(mut self, lines: &Lines) -> Result<Aggregation, AggregateError> {
        let q = self.query.clone();
        check_query(&q, &self.metrics.iter().map(String::as_str).collect())?;
        if let Some(level) = &q.up_to {
            // A table alone declares no hierarchy: its places cannot be rolled up.
            return Err(AggregateError::Refused(format!(
                "--up-to {level}: a table alone declares no hierarchy; put it in a package with cleanweb:hierarchies"
            )));
        }
        wanted_basis(&q)?;
        if self.summed.is_empty() {
            // Nothing selected: a value asked that no figure has is the reason.
            let asked = super::filters::asked(&q);
            for (a, values) in asked.iter().zip(&self.seen) {
                if values.len() < MAX_VALUES_SEEN {
                    super::filters::refuse_absent(&q, a, values)?;
                }
            }
        }
        if self.units.len() > 1 || self.bases.len() > 1 {
            return Err(mixing_refusal(&self.units, &self.bases));
        }
        if !self.kept.is_empty() {
            // Running totals, rates and shares: few, and answered whole.
            self.kept.sort_by_key(|(at, _)| *at);
            let observations = self
                .kept
                .into_iter()
                .map(|(at, mut o)| {
                    o.origin.line = lines.line(at);
                    o
                })
                .collect();
            let ds = Dataset {
                observations,
                ..Dataset::default()
            };
            // The metrics were checked on the whole table, not on these rows.
            let mut agg = aggregate_known(&ds, &q)?;
            agg.fill(&q)?;
            return Ok(agg);
        }
        super::different_metrics(&q, &self.summed.iter().map(String::as_str).collect())?;
        let basis = self
            .bases
            .iter()
            .next()
            .copied()
            .or(self.wanted)
            .unwrap_or(Basis::Event);
        let unit = self
            .units
            .iter()
            .next()
            .cloned()
            .or(q.unit.clone())
            .unwrap_or_else(|| "count".into());
        self.notes.sort_by_key(|(at, _)| *at);
        let mut notes: Vec<String> = self
            .notes
            .into_iter()
            .take(MAX_NOTES)
            .map(|(_, n)| n)
            .collect();
        if self.all_notes > notes.len() {
            notes.push(format!("and {} more notes", self.all_notes - notes.len()));
        }
        let mut agg = Aggregation {
            by: q.by.clone(),
            basis,
            unit,
            increments: q.increments,
            rows: self.groups.rows(),
            notes,
            left_out: Vec::new(),
            cited: self.cited,
            figures: Vec::new(),
            used: Vec::new(),
            members: Vec::new(),
            names: Vec::new(),
        };
        agg.fill(&q)?;
        Ok(agg)
    }
}

/// The column of the observation table that holds a key, if a column does.
fn column_of(d: Dimension) -> Option<usize> {
    match d {
        Dimension::Category => Some(col::CATEGORY),
        Dimension::Region => Some(col::REGION),
        Dimension::Authority => Some(col::AUTHORITY),
        Dimension::Entity => Some(col::ENTITY),
        Dimension::Metric => Some(col::METRIC),
        Dimension::Month | Dimension::Period | Dimension::Named(_) => None,
    }
}

/// The most keys other than the month a batch is summed by.
const MAX_BATCH_KEYS: usize = 4;

/// The sums of a batch's figures by month (0-0 when the question is not by month)
/// and the codes of their keys.
type BatchSums = FxHashMap<(i32, u32, [u32; MAX_BATCH_KEYS]), Acc>;

/// The words of a batch's columns seen in the rows summed, by code: the metrics of
/// the rows that keep the rules, and the metrics, units, sources and bases summed.
struct Seen {
    metrics: Vec<bool>,
    summed: Vec<bool>,
    units: Vec<bool>,
    sources: Vec<bool>,
    bases: Vec<bool>,
}

impl Sums {
    /// Takes the rows of a screened row group, by the codes of their words: what a
    /// question selects by a word (metric, region, category, unit, basis, a `--where`
    /// of a column) is decided once per word, and the sums are made by the codes of
    /// the keys before they meet the summing engine once per group. A figure the
    /// question keeps whole, or leaves out with a note, is taken by [`Sums::take`].
    /// `false` for a question of keys with no column (the period, a named key).
    fn take_batch(&mut self, s: &Screened<'_, '_>, block: u32) -> bool {
        if !self.seen.is_empty() {
            self.see_words(s);
        }
        // A question of every basis sums the event and period figures by codes, and
        // keeps the others whole, as `take` does.
        let wanted = match self.wanted {
            Some(b @ (Basis::Event | Basis::Period)) => Some(b),
            None => None,
            Some(_) => return false,
        };
        let q = &self.query.clone();
        let Some(keys) = batch_keys(q) else {
            return false;
        };
        let Some(tests) = word_tests(q, s, wanted) else {
            return false;
        };
        let words = |k: usize| vec![false; s.words(k).len()];
        let mut seen = Seen {
            metrics: words(col::METRIC),
            summed: words(col::METRIC),
            units: words(col::UNIT),
            sources: words(col::SOURCE),
            bases: words(col::BASIS),
        };
        let (sums, mut cited) = self.sum_rows(s, block, (&keys, &tests), &mut seen);
        let mut key = Vec::new();
        for ((year, month, codes), acc) in sums {
            key.clear();
            let mut codes = codes.iter().zip(&keys);
            for d in &q.by {
                push_value(&mut key, |key| match d {
                    Dimension::Month => Month { year, month }.write_key(key),
                    _ => {
                        if let Some((&c, &k)) = codes.next() {
                            key.extend_from_slice(s.words(k)[c as usize].as_bytes());
                        }
                    }
                });
            }
            self.groups.add_sum(&key, acc);
        }
        let text = |k: usize, seen: &[bool]| -> Vec<String> {
            seen.iter()
                .zip(s.words(k))
                .filter(|(seen, _)| **seen)
                .map(|(_, w)| w.to_string())
                .collect()
        };
        self.metrics.extend(text(col::METRIC, &seen.metrics));
        self.summed.extend(text(col::METRIC, &seen.summed));
        self.units.extend(text(col::UNIT, &seen.units));
        cited.sources.extend(text(col::SOURCE, &seen.sources));
        for (b, _) in s.bases.iter().zip(&seen.bases).filter(|(_, seen)| **seen) {
            self.bases.extend(*b);
        }
        self.cited.merge(cited);
        true
    }

    /// Notes the words of the keys the question names in the rows that keep the
    /// rules, as `take` sees them.
    fn see_words(&mut self, s: &Screened<'_, '_>) {
        self.see(|d| {
            column_of(d).map_or_else(Vec::new, |k| {
                let words = s.words(k);
                let mut used = vec![false; words.len()];
                let codes = s.codes(k, s.ok.len());
                for (&c, _) in codes.iter().zip(s.ok).filter(|(_, ok)| **ok) {
                    used[c as usize] = true;
                }
                words
                    .iter()
                    .zip(used)
                    .filter(|(_, u)| *u)
                    .map(|(w, _)| w.to_string())
                    .collect()
            })
        });
    }

    /// Sums the rows of a batch that keep the rules and pass the word tests, by
    /// month and the codes of the key columns (`by`: the key columns and the
    /// tests); a figure kept whole or left out of its month is taken by
    /// [`Sums::take`]. The sums and what they cite, the words read noted in `seen`.
    fn sum_rows(
        &mut self,
        s: &Screened<'_, '_>,
        block: u32,
        by: (&[usize], &[(usize, Vec<bool>)]),
        seen: &mut Seen,
    ) -> (BatchSums, Cited) {
        let (keys, tests) = by;
        let q = &self.query;
        let (from, to) = (q.from, q.to);
        let by_month = q.by.contains(&Dimension::Month);
        let summed_by_codes: Vec<bool> = s
            .bases
            .iter()
            .map(|b| matches!(b, Some(Basis::Event | Basis::Period)))
            .collect();
        let mut sums = BatchSums::default();
        let mut cited = Cited::default();
        // The rows that keep the rules and the question's tests, a column at a time.
        let rows = s.ok.len();
        let mut keep = s.ok.to_vec();
        let metric_codes = s.codes(col::METRIC, rows);
        for (&c, _) in metric_codes.iter().zip(&keep).filter(|(_, keep)| **keep) {
            seen.metrics[c as usize] = true;
        }
        for (k, verdict) in tests {
            for (keep, &c) in keep.iter_mut().zip(s.codes(*k, rows).iter()) {
                *keep &= verdict[c as usize];
            }
        }
        let key_codes: Vec<_> = keys.iter().map(|&k| s.codes(k, rows)).collect();
        for i in (0..rows).filter(|&i| keep[i]) {
            let f = s.figure(i);
            if !super::in_range(&f, from, to) {
                continue;
            }
            let month = f.month();
            if (by_month && month.is_none()) || !summed_by_codes[s.code(col::BASIS, i)] {
                self.take(
                    &s.fields(i),
                    At {
                        block,
                        line: s.line(i),
                    },
                );
                continue;
            }
            seen.summed[s.code(col::METRIC, i)] = true;
            seen.units[s.code(col::UNIT, i)] = true;
            seen.bases[s.code(col::BASIS, i)] = true;
            seen.sources[s.code(col::SOURCE, i)] = true;
            cited.count(&f);
            let m = month
                .filter(|_| by_month)
                .unwrap_or(Month { year: 0, month: 0 });
            let mut codes = [0; MAX_BATCH_KEYS];
            for (c, k) in codes.iter_mut().zip(&key_codes) {
                *c = k[i];
            }
            sums.entry((m.year, m.month, codes)).or_default().add(&f);
        }
        (sums, cited)
    }
}

/// The columns of the keys a question is summed by besides the month; `None` when
/// a key has no column or they are too many to sum by codes.
fn batch_keys(q: &Query) -> Option<Vec<usize>> {
    let mut keys = Vec::new();
    for &d in &q.by {
        match column_of(d) {
            Some(k) => keys.push(k),
            None if d == Dimension::Month => {}
            None => return None,
        }
    }
    (keys.len() <= MAX_BATCH_KEYS).then_some(keys)
}

/// The question's tests of a batch's words, each a column and the verdict on each
/// word of it (by code): the metric, the region, category and unit asked, the
/// basis `wanted`, and each `--where`; `None` when a `--where` names a key with no
/// column.
fn word_tests(
    q: &Query,
    s: &Screened<'_, '_>,
    wanted: Option<Basis>,
) -> Option<Vec<(usize, Vec<bool>)>> {
    let verdicts = |k: usize, keep: &dyn Fn(&str) -> bool| -> (usize, Vec<bool>) {
        (k, s.words(k).iter().map(|w| keep(w)).collect())
    };
    let mut tests = vec![verdicts(col::METRIC, &|w| q.metrics.iter().any(|m| m == w))];
    let equal = [
        (col::REGION, &q.region),
        (col::CATEGORY, &q.category),
        (col::UNIT, &q.unit),
    ];
    for (k, want) in equal {
        if let Some(want) = want {
            tests.push(verdicts(k, &|w| w == want));
        }
    }
    if let Some(wanted) = wanted {
        tests.push((
            col::BASIS,
            s.bases.iter().map(|b| *b == Some(wanted)).collect(),
        ));
    }
    for (d, want) in &q.filters {
        match column_of(*d) {
            Some(k) => tests.push(verdicts(k, &|w| w == want)),
            None => return None,
        }
    }
    Some(tests)
}

impl RowSink for Sums {
    fn row(&mut self, fields: &Fields<'_>, at: At) {
        self.take(fields, at);
    }

    fn batch(&mut self, rows: &Screened<'_, '_>, block: u32) -> bool {
        self.take_batch(rows, block)
    }

    /// Every column when running totals, rates or shares may be selected (they are
    /// kept whole); else the keys and filters only (never the quote, source or note),
    /// besides what the rules read.
    fn reads(&self, k: usize) -> Use {
        let q = &self.query;
        let keeps_rows = !matches!(self.wanted, Some(Basis::Event | Basis::Period));
        let filters = |d: Dimension| q.filters.iter().any(|(f, _)| *f == d);
        let reads = keeps_rows
            || match crate::dataset::OBSERVATION_COLUMNS.get(k).copied() {
                Some("authority") => {
                    q.by.contains(&Dimension::Authority) || filters(Dimension::Authority)
                }
                Some("category") => {
                    q.by.contains(&Dimension::Category)
                        || q.category.is_some()
                        || filters(Dimension::Category)
                }
                Some("entity") => q.by.contains(&Dimension::Entity) || filters(Dimension::Entity),
                Some("region") => {
                    q.by.contains(&Dimension::Region)
                        || q.region.is_some()
                        || filters(Dimension::Region)
                }
                // Only the note of a period figure left out of a month names its id.
                Some("id") => {
                    q.by.contains(&Dimension::Month) && self.wanted == Some(Basis::Period)
                }
                Some("quote" | "source" | "note") => false,
                _ => true,
            };
        if reads {
            Use::Text
        } else {
            Use::Not
        }
    }
}
