//! The columnar screen against the rules row by row, for the tests and the fuzz
//! target alike: a Parquet table of good and bad cells, read by columns and row by
//! row, must give the same problems at the same places and the same sums, and so must
//! a valid one read as a table checked before.

use polars::prelude::{Column, DataFrame, DataType, IntoColumn, NamedFrom, ParquetWriter, Series};

use crate::aggregate::{Query, Sums};
use crate::dataset::checked::{Checked, Nothing};
use crate::dataset::{Basis, Date, Dimension, Vocabulary, OBSERVATION_COLUMNS, OBSERVATION_SCHEMA};
use crate::table::{self, Input, Options};

/// The cells each column draws from: mostly valid, some broken in every way a rule
/// can see, some with control characters or too long for the reader.
pub fn pool(column: &str) -> &'static [&'static str] {
    match column {
        "id" => &[
            "a1", "b_2", "obs_3", "c4", "d5", "e6", "Bad Id", "", "x\u{0}y",
        ],
        "date" => &[
            "2014-04-17",
            "2014-05-02",
            "2014-06-30",
            "2014-13-01",
            "",
            "2014-4-1",
        ],
        "period_start" => &["", "", "", "2014-04-01", "2014-05-01"],
        "period_end" => &["", "", "", "2014-04-30", "2014-05-31"],
        "authority" => &["", "Office A", "Office \"B\", the second", "Office\tC"],
        "region" => &["national", "Province 01", "national", " ", ""],
        "metric" => &[
            "websites_closed",
            "arrests",
            "websites_closed",
            "Bad Metric",
        ],
        "category" => &["", "fraud", "piracy", "a\u{1}b", "fraud"],
        "entity" => &["", "e1", "entity number two, long"],
        "value" => &[
            "5",
            "0",
            "12",
            "40000",
            "-3",
            "1,000",
            "99999999999999999999",
            "",
        ],
        "value_max" => &["", "", "", "10", "3", "50000"],
        "qualifier" => &[
            "exact", "exact", "range", "at_least", "approx", "at_most", "about",
        ],
        "unit" => &["count", "count", "percent", "per_day", "furlongs"],
        "basis" => &[
            "event",
            "event",
            "period",
            "cumulative",
            "share",
            "rate",
            "nope",
        ],
        "quote" => &[
            "q",
            "a quote longer than twelve bytes",
            "",
            " ",
            "\u{3000}",
            "é",
        ],
        "source" => &["", "s"],
        _ => &[
            "",
            "n",
            "a note of more than forty characters, which is too long",
        ],
    }
}

/// A table of `rows` rows, each cell picked by `picks`; with `typed`, the dates and
/// counts are typed columns (a cell that is not one is null).
pub fn parquet(picks: &[Vec<usize>], typed: bool, group: usize) -> Vec<u8> {
    let columns: Vec<Column> = OBSERVATION_COLUMNS
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let cells: Vec<&str> = picks
                .iter()
                .map(|row| pool(name)[row[k] % pool(name).len()])
                .collect();
            let series = match (*name, typed) {
                ("date" | "period_start" | "period_end", true) => {
                    // Day numbers, cast to dates; a cell that is not a date is null.
                    let days: Vec<Option<i32>> = cells
                        .iter()
                        .map(|t| Date::parse(t).ok().map(|d| d.days_since_epoch() as i32))
                        .collect();
                    let days = Series::new((*name).into(), days);
                    days.cast(&DataType::Date).unwrap_or(days)
                }
                ("value" | "value_max", true) => {
                    let counts: Vec<Option<i64>> = cells.iter().map(|t| t.parse().ok()).collect();
                    Series::new((*name).into(), counts)
                }
                _ => Series::new((*name).into(), cells),
            };
            series.into_column()
        })
        .collect();
    let mut df = DataFrame::new_infer_height(columns).expect("a frame");
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .with_row_group_size(Some(group))
        .finish(&mut df)
        .expect("written");
    bytes
}

/// What one reading gave: the problems as text of a reading that checks every
/// column and of one that sums (which reads only the columns its question needs),
/// and the sums of `query` (or why not).
pub type Read = (Vec<String>, Vec<String>, String);

pub fn read(bytes: &[u8], by_columns: bool, query: &Query) -> Read {
    read_as(bytes, by_columns, false, query)
}

/// [`read`]; `trusted`: as a table checked before, whose ids are not looked at again.
pub fn read_as(bytes: &[u8], by_columns: bool, trusted: bool, query: &Query) -> Read {
    let schema = table::Schema {
        key: OBSERVATION_SCHEMA.key.filter(|_| !trusted),
        ..OBSERVATION_SCHEMA
    };
    let vocab = Vocabulary::open();
    let input = Input::Bytes {
        name: "t.parquet",
        bytes,
    };
    // Read by columns, a row group of more than 7 rows is decoded 7 rows at a time,
    // and the keys' hashes are written out in 64 parts; row by row, a row group is
    // decoded whole, and the hashes kept in memory.
    let window = if by_columns { 7 } else { usize::MAX };
    let opts = Options {
        max_field_len: 40,
        by_columns,
        window,
        key_budget: if by_columns { 1 } else { usize::MAX },
        ..Options::default()
    };
    // Windows of 5 rows, so that row groups (and their windows) of more rows are
    // screened in several.
    let checked = table::read(&input, &schema, &opts, || {
        Checked::new(Nothing, &vocab, &[])
            .trusting(trusted)
            .in_windows_of(5)
    })
    .expect("readable");
    let empty = Sums::new(query);
    let summed = table::read(&input, &schema, &opts, || {
        Checked::new(empty.clone(), &vocab, &[])
            .trusting(trusted)
            .in_windows_of(5)
    })
    .expect("readable");
    let mut all = empty;
    let lines = summed.lines.clone();
    for s in summed.sinks {
        all.merge(s.inner);
    }
    let answer = match all.finish(&lines) {
        // The figures kept whole, by their lines: a row's place must not depend on
        // the window it was read in.
        Ok(agg) => {
            let kept: Vec<(&str, u64)> = agg
                .figures
                .iter()
                .map(|o| (o.id.as_str(), o.origin.line))
                .collect();
            format!("{:?} {:?} {:?} {kept:?}", agg.table(), agg.notes, agg.cited)
        }
        Err(e) => e.to_string(),
    };
    let listed: Vec<String> = checked.problems.iter().map(|p| p.to_string()).collect();
    let also: Vec<String> = summed.problems.iter().map(|p| p.to_string()).collect();
    (listed, also, answer)
}

/// The questions asked of every table: by month, by keys of columns, of period
/// figures, with filters, by period (which the sums by codes leave to the rows), and of
/// every basis.
pub fn queries() -> Vec<Query> {
    let q = |by: Vec<Dimension>, basis| Query {
        metrics: vec!["websites_closed".into()],
        by,
        basis,
        ..Query::default()
    };
    vec![
        q(
            vec![Dimension::Month, Dimension::Category],
            Some(Basis::Event),
        ),
        q(
            vec![Dimension::Region, Dimension::Metric],
            Some(Basis::Event),
        ),
        q(vec![Dimension::Month], Some(Basis::Period)),
        Query {
            region: Some("national".into()),
            from: Date::parse("2014-05-01").ok(),
            filters: vec![(Dimension::Authority, "Office A".into())],
            ..q(vec![Dimension::Entity], Some(Basis::Event))
        },
        q(vec![Dimension::Period], Some(Basis::Event)),
        q(vec![Dimension::Month], None),
    ]
}

/// Reads the table `picks` makes both ways under question `query` (an index into
/// [`queries`]); the first difference, if any.
pub fn compare(
    picks: &[Vec<usize>],
    typed: bool,
    group: usize,
    query: usize,
) -> Result<(), String> {
    let queries = queries();
    let q = &queries[query % queries.len()];
    let mut tables = vec![picks.to_vec()];
    if q.basis.is_none() {
        // A question of every basis is refused over mixed bases or units; the same
        // rows as running totals counted alike are kept whole, with their lines.
        let at = |name: &str| OBSERVATION_COLUMNS.iter().position(|c| *c == name);
        let (Some(basis), Some(unit)) = (at("basis"), at("unit")) else {
            return Err("no basis or unit column".into());
        };
        let cumulative = pool("basis").iter().position(|b| *b == "cumulative");
        let mut alike = picks.to_vec();
        for row in &mut alike {
            row[basis] = cumulative.unwrap_or_default();
            row[unit] = 0;
        }
        tables.push(alike);
    }
    for picks in &tables {
        let bytes = parquet(picks, typed, group.max(1));
        let (a, b) = (read(&bytes, true, q), read(&bytes, false, q));
        if a != b {
            return Err(format!("by columns {a:?}\nrow by row {b:?}"));
        }
        if a.0.is_empty() {
            let trusted = read_as(&bytes, true, true, q);
            if trusted != a {
                return Err(format!("checked before {trusted:?}\nchecked {a:?}"));
            }
        }
    }
    Ok(())
}
