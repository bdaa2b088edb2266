//! A first mapping for a table as downloaded (`cleanweb init DIR --from TABLE`): the
//! table is read by the one reader, and each column judged by its cells: the column
//! that says when, the measures (counts and percents, with the separators, markers
//! and footnote marks seen), the dimensions, and identifiers to leave out. What the
//! cells cannot tell (what a blank means, which count a percent is a share of, which
//! column is a total) is left undeclared, for `validate` to list.

use serde_json::{json, Value};

mod when;

use super::cell::{Grammar, Number, Read, UnknownMarker};
use super::mapping::snake;
use super::period;
use crate::table::{self, At, Cells, DataError, Found, Input, RecordSink, Schema};
use crate::values::calendar::Date;

/// Rows judged per column.
const SAMPLE: usize = 5_000;
/// The most columns a mapping reads.
const MAX_COLUMNS: usize = 24;

/// Cells that make a row the total of others, when its when-cell or a dimension's
/// holds one (in any case).
const TOTAL_WORDS: [&str; 4] = ["sum", "total", "all", "grand total"];

fn is_total_word(v: &str) -> bool {
    TOTAL_WORDS.contains(&v.trim().to_lowercase().as_str())
}

/// Markers of no figure that a table may use besides the default ones.
const MORE_MISSING: [&str; 4] = ["-", "–", "—", "x"];

/// Markers of a value not published that a table may use besides `?`.
const MORE_UNKNOWN: [&str; 6] = [
    "withheld",
    "Withheld",
    "not available",
    "Not available",
    "n.a.",
    "undisclosed",
];

struct Rows {
    width: usize,
    rows: Vec<(At, Vec<String>)>,
}

impl RecordSink for Rows {
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>) {
        if self.rows.len() < SAMPLE && found.keeps() {
            let row = (0..self.width)
                .map(|k| super::mapped::cell_text(cells, k).into_owned())
                .collect();
            self.rows.push((at, row));
        }
    }
}

/// What a column's cells say it is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    When(Value),
    Count,
    Percent,
    /// A share written as a fraction of one (0.8409): every cell from 0 to 1, with
    /// decimals, and no `%` in the header or the cells.
    Fraction,
    Dimension,
    Identifier,
    /// No cell of the column holds anything: nothing to map.
    Blank,
}

/// The first mapping of a table, and what was seen, in words.
pub struct Inferred {
    pub fields: Vec<Value>,
    pub mapping: Value,
    pub said: Vec<String>,
}

/// The metrics of a long table whose every cell is a percent (`94.40%`), with the
/// unit `percent`; a metric that mixes percents and counts is said, for the user
/// to decide.
fn units_by_metric(
    names: &[String],
    rows: &[(At, Vec<String>)],
    value: &str,
    metric: Option<&str>,
    grammar: &Grammar,
    said: &mut Vec<String>,
) -> serde_json::Map<String, Value> {
    let k = |c: Option<&str>| names.iter().position(|n| Some(n.as_str()) == c);
    let (Some(vk), Some(mk)) = (k(Some(value)), k(metric)) else {
        return serde_json::Map::new();
    };
    // Per metric, in the order first seen: its cells with a number, and those in %.
    let mut seen: Vec<(&str, usize, usize)> = Vec::new();
    for (_, r) in rows {
        let (Some(v), Some(m)) = (r.get(vk), r.get(mk)) else {
            continue;
        };
        let (v, m) = (v.trim(), m.trim());
        if v.is_empty() || m.is_empty() || grammar.is_marker(v) {
            continue;
        }
        let i = match seen.iter().position(|s| s.0 == m) {
            Some(i) => i,
            None => {
                seen.push((m, 0, 0));
                seen.len() - 1
            }
        };
        seen[i].1 += 1;
        seen[i].2 += usize::from(v.ends_with('%'));
    }
    let mut units = serde_json::Map::new();
    for (m, all, percents) in seen {
        if percents == all {
            units.insert(m.to_string(), json!("percent"));
        } else if percents > 0 {
            said.push(format!("metric '{m}' has {percents} of its {all} cells in percent: give its unit in the measure's \"units\""));
        }
    }
    if !units.is_empty() {
        said.push(format!(
            "metrics in percent: {} (\"units\"; a percent is never summed with a count)",
            units
                .keys()
                .map(|m| format!("'{m}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    units
}

/// The dimension a text column proposes: its name, and the role its header says.
fn dimension_of(name: &str) -> Value {
    let lower = name.to_lowercase();
    let key = snake(name);
    let mut d = json!({"column": name, "name": key});
    // A name every table has is taken by its role, or renamed.
    if super::Dimension::parse(&key).is_some() {
        match key.as_str() {
            "region" | "category" | "entity" | "authority" => d["role"] = json!(key),
            _ => d["name"] = json!(format!("{key}_of_row")),
        }
    }
    if ["country", "region", "province", "city", "state"]
        .iter()
        .any(|w| lower.contains(w))
    {
        d["role"] = json!("region");
    } else if ["category", "reason", "type"]
        .iter()
        .any(|w| lower.contains(w))
    {
        d["role"] = json!("category");
    }
    d
}

/// The cell grammar seen: separators, footnote marks, and the markers seen (of a
/// value not published, and of no figure), each declared with the default ones.
fn cells_of(
    thousands: bool,
    footnotes: bool,
    (unknown_seen, missing_seen): &(Vec<String>, Vec<String>),
    said: &mut Vec<String>,
) -> serde_json::Map<String, Value> {
    let mut cells = serde_json::Map::new();
    if thousands {
        cells.insert("thousands".into(), json!(","));
    }
    if footnotes {
        cells.insert("footnotes".into(), json!(true));
    }
    let with_defaults = |defaults: Vec<String>, seen: &[String]| {
        let mut all = defaults;
        for m in seen {
            if !all.contains(m) {
                all.push(m.clone());
            }
        }
        all
    };
    let defaults = Grammar::default();
    if !unknown_seen.is_empty() {
        let known: Vec<String> = defaults.unknown.iter().map(|m| m.text.clone()).collect();
        cells.insert("unknown".into(), json!(with_defaults(known, unknown_seen)));
        said.push(format!(
            "markers of a value not published seen: {} (declared \"unknown\": each is a figure counted from 0 up, its value not known)",
            unknown_seen.join(", ")
        ));
    }
    if !missing_seen.is_empty() {
        cells.insert(
            "not_reported".into(),
            json!(with_defaults(defaults.missing, missing_seen)),
        );
        said.push(format!(
            "markers of no figure seen: {} (declared \"not_reported\"; move one to \"unknown\" if it stands for a value withheld)",
            missing_seen.join(", ")
        ));
    }
    cells
}

/// What a column that says no time holds: counts, percents, identifiers or the
/// values of a dimension. `formats` gains whether its numbers use a thousands
/// separator and footnote marks.
fn kind_of(
    name: &str,
    values: &[&str],
    numbers: &[&str],
    grammar: &Grammar,
    formats: &mut (bool, bool),
) -> Kind {
    let read_all = |g: &Grammar| {
        numbers
            .iter()
            .all(|v| matches!(g.read(v), Ok(Read::Number(_))))
    };
    let wide = Grammar {
        thousands: Some(','),
        footnotes: true,
        ..grammar.clone()
    };
    if !numbers.is_empty() && read_all(&wide) {
        let plain = Grammar {
            footnotes: true,
            ..grammar.clone()
        };
        formats.0 |= !read_all(&plain);
        formats.1 |= numbers
            .iter()
            .any(|v| matches!(wide.read(v), Ok(Read::Number(n)) if n.footnote.is_some()));
        let percent = super::mapping::share_word(name).is_some()
            || numbers.iter().any(|v| v.ends_with('%'))
            || numbers
                .iter()
                .any(|v| matches!(wide.read(v), Ok(Read::Number(n)) if n.decimals > 0));
        let numbers_read: Vec<Number> = numbers
            .iter()
            .filter_map(|v| match wide.read(v) {
                Ok(Read::Number(n)) => Some(n),
                _ => None,
            })
            .collect();
        let fraction = !name.contains('%')
            && !name.to_lowercase().contains("percent")
            && numbers_read.iter().any(|n| n.decimals > 0)
            && numbers_read
                .iter()
                .all(|n| !n.percent_sign && (0..=10i128.pow(n.decimals)).contains(&n.scaled));
        if percent && fraction {
            Kind::Fraction
        } else if percent {
            Kind::Percent
        } else {
            Kind::Count
        }
    } else {
        let mut distinct = values.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        if values.len() >= 3 && distinct.len() == values.len() {
            Kind::Identifier
        } else {
            Kind::Dimension
        }
    }
}

/// The parts of a first mapping, and the schema's fields, from the kind of each
/// column.
#[derive(Default)]
struct Columns {
    dimensions: Vec<Value>,
    measures: Vec<Value>,
    ignore: Vec<Value>,
    fields: Vec<Value>,
}

fn columns_of(
    names: &[String],
    kinds: &[Kind],
    rows: &[(At, Vec<String>)],
    long_metric: Option<&str>,
    grammar: &Grammar,
    said: &mut Vec<String>,
) -> Columns {
    let mut dimensions = Vec::new();
    let mut measures = Vec::new();
    let mut ignore = Vec::new();
    let mut fields = Vec::new();
    for (name, kind) in names.iter().zip(kinds) {
        let lower = name.to_lowercase();
        let (kind_word, field_type) = match kind {
            Kind::When(w) => (
                "when",
                match w["form"].as_str() {
                    Some("month") => "yearmonth",
                    Some("year") => "year",
                    Some("date" | "period_end") if w["format"] == "YYYY-MM-DD" => "date",
                    _ => "string",
                },
            ),
            Kind::Count | Kind::Percent | Kind::Fraction if long_metric.is_some() => {
                let mut m = json!({"value": name, "metric_column": long_metric});
                let units = units_by_metric(names, rows, name, long_metric, grammar, said);
                if !units.is_empty() {
                    m["units"] = Value::Object(units);
                }
                measures.push(m);
                ("the value of each row's metric (a long table)", "string")
            }
            Kind::Count => {
                let mut m = json!({"column": name, "metric": snake(name)});
                if ["total", "all "]
                    .iter()
                    .any(|w| lower.starts_with(w) || lower.ends_with(w.trim()))
                {
                    said.push(format!("'{name}' may be the total of other columns: if so, declare them in its \"total_of\""));
                }
                m["unit"] = json!("count");
                measures.push(m);
                ("count", "string")
            }
            Kind::Percent => {
                let key = snake(name);
                let metric = if key.contains("share") || key.contains("percent") {
                    key
                } else {
                    format!("{key}_share")
                };
                measures.push(json!({"column": name, "metric": metric, "unit": "percent"}));
                ("percent", "string")
            }
            Kind::Fraction => {
                let key = snake(name);
                let metric = if key.contains("share") {
                    key
                } else {
                    format!("{key}_share")
                };
                measures.push(json!({"column": name, "metric": metric, "unit": "fraction"}));
                ("a fraction of one (0.8409 is 84.09%)", "string")
            }
            Kind::Dimension if long_metric == Some(name.as_str()) => {
                ("the metric of each row (a long table)", "string")
            }
            Kind::Dimension => {
                dimensions.push(dimension_of(name));
                ("dimension", "string")
            }
            Kind::Identifier => {
                ignore.push(json!(name));
                ("identifier, left out", "string")
            }
            Kind::Blank => {
                ignore.push(json!(name));
                ("empty in every row, left out", "string")
            }
        };
        said.push(format!("column '{name}': {kind_word}"));
        fields.push(json!({"name": name, "type": field_type}));
    }
    Columns {
        dimensions,
        measures,
        ignore,
        fields,
    }
}

/// The names of the columns of `input` (at most [`MAX_COLUMNS`], with a word in
/// `said` when there are more) and its first [`SAMPLE`] rows.
#[allow(clippy::type_complexity)]
fn sample(
    input: &Input<'_>,
    opts: &table::Options,
    said: &mut Vec<String>,
) -> Result<(Vec<String>, Vec<(At, Vec<String>)>), DataError> {
    let mut names = table::column_names(input, opts)?;
    if names.len() > MAX_COLUMNS {
        said.push(format!(
            "the table has {} columns; the first {MAX_COLUMNS} are mapped (a mapping reads at most {MAX_COLUMNS})",
            names.len()
        ));
        names.truncate(MAX_COLUMNS);
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let schema = Schema {
        known: &refs,
        required: &[],
        key: None,
    };
    let read = table::read(input, &schema, opts, || Rows {
        width: names.len(),
        rows: Vec::new(),
    })?;
    if let Some(p) = read.problems.first() {
        return Err(DataError::Invalid(vec![p.clone()]));
    }
    let mut rows: Vec<(At, Vec<String>)> = read.sinks.into_iter().flat_map(|s| s.rows).collect();
    rows.sort_by_key(|r| r.0);
    rows.truncate(SAMPLE);
    Ok((names, rows))
}

/// Judges every column of `input` and writes a first mapping. `period` (`init
/// --period`) is the span every row covers when no column says when, and its year
/// is the year of a period column's month names written alone.
pub fn infer(
    input: &Input<'_>,
    stem: &str,
    opts: &table::Options,
    period: Option<(Date, Date)>,
) -> Result<Inferred, DataError> {
    let year = period
        .filter(|(from, to)| from.year == to.year)
        .map(|(from, _)| from.year);
    let mut said = Vec::new();
    let (names, rows) = sample(input, opts, &mut said)?;
    let mut grammar = Grammar::default();
    grammar
        .missing
        .extend(MORE_MISSING.iter().map(|m| m.to_string()));
    grammar
        .unknown
        .extend(MORE_UNKNOWN.iter().map(|m| UnknownMarker {
            text: m.to_string(),
            floor: crate::values::decimal::Value::whole(0),
        }));
    // The markers seen: of a value not published, and of no figure.
    let mut seen: (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    // Whether numbers use a thousands separator, and footnote marks.
    let mut formats = (false, false);
    let mut kinds = Vec::new();
    let mut when_found = false;
    let mut total_words: Vec<String> = Vec::new();
    let mut saw_total = |v: &str| {
        if is_total_word(v) && !total_words.iter().any(|w| w == v) {
            total_words.push(v.to_string());
        }
    };
    for (k, name) in names.iter().enumerate() {
        let values: Vec<&str> = rows
            .iter()
            .map(|r| r.1.get(k).map_or("", |v| v.trim()))
            .filter(|v| !v.is_empty())
            .collect();
        let numbers: Vec<&str> = values
            .iter()
            .copied()
            .filter(|v| !grammar.is_marker(v))
            .collect();
        for v in &values {
            let list = match grammar.read(v) {
                Ok(Read::Unknown(..)) => &mut seen.0,
                Ok(Read::Missing(_)) => &mut seen.1,
                _ => continue,
            };
            if !list.iter().any(|m| m == v) {
                list.push(v.to_string());
            }
        }
        if !when_found {
            let periods: Vec<&str> = values
                .iter()
                .copied()
                .filter(|v| !is_total_word(v))
                .collect();
            if let Some(w) = when::when_of(name, &periods, year) {
                when_found = true;
                values.iter().for_each(|v| saw_total(v));
                if w["form"] == "period"
                    && w.get("year").is_none()
                    && values.iter().any(|v| period::lacks_year(v))
                {
                    said.push(format!("column '{name}' names months without their year: give it in the mapping's \"when\" as \"year\": YYYY, or run init again with --period YYYY"));
                }
                kinds.push(Kind::When(w));
                continue;
            }
        }
        if values.is_empty() {
            kinds.push(Kind::Blank);
            continue;
        }
        let kind = kind_of(name, &values, &numbers, &grammar, &mut formats);
        if kind == Kind::Dimension {
            values.iter().for_each(|v| saw_total(v));
        }
        kinds.push(kind);
    }
    let when = kinds.iter().find_map(|k| match k {
        Kind::When(w) => Some(w.clone()),
        _ => None,
    });
    let when = when::settle(when, period, &names, &rows, input, &mut said)?;
    // A long table: one column of numbers, and a text column that names each row's
    // metric.
    let counts: Vec<&str> = names
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| matches!(k, Kind::Count | Kind::Percent | Kind::Fraction))
        .map(|(n, _)| n.as_str())
        .collect();
    let long_metric = names
        .iter()
        .zip(&kinds)
        .find(|(n, k)| {
            **k == Kind::Dimension
                && ["metric", "indicator", "measure", "variable"].contains(&snake(n).as_str())
        })
        .map(|(n, _)| n.as_str())
        .filter(|_| counts.len() == 1);
    let Columns {
        dimensions,
        measures,
        ignore,
        fields,
    } = columns_of(&names, &kinds, &rows, long_metric, &grammar, &mut said);
    let cells = cells_of(formats.0, formats.1, &seen, &mut said);
    let mut mapping = json!({"source": "source", "when": when});
    if !dimensions.is_empty() {
        mapping["dimensions"] = json!(dimensions);
    }
    if measures.is_empty() {
        mapping["records"] = json!({"metric": snake(stem)});
        said.push(format!(
            "no column of counts: each row is one event, counted as '{}'",
            snake(stem)
        ));
    } else {
        mapping["measures"] = json!(measures);
    }
    if !cells.is_empty() {
        mapping["cells"] = Value::Object(cells);
    }
    if !ignore.is_empty() {
        mapping["ignore"] = json!(ignore);
    }
    if !total_words.is_empty() {
        said.push(format!("rows that say {} are totals of other rows (\"total_rows\"): reconcile checks them against their parts, and aggregate never counts both", total_words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(", ")));
        mapping["total_rows"] = json!(total_words);
    }
    Ok(Inferred {
        fields,
        mapping,
        said,
    })
}
