//! Loading a dataset: the embedded default, a data package folder, or a single
//! observation table (CSV or Parquet). Every row is parsed and checked field by
//! field; all problems are collected so that one run lists them all.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::table::{self, ColumnSpec, CsvOptions, Row};
use super::{
    package, validate, Basis, DataError, Dataset, Date, Fields, InputFile, Observation, Origin,
    Problem, Qualifier, Relation, RelationKind, Vocabulary, OBSERVATION_COLUMNS, REQUIRED_COLUMNS,
};

/// The default dataset, compiled into the binary so it runs from any folder.
const EMBEDDED: [(&str, &str); 3] = [
    (
        "datapackage.json",
        include_str!("../../datasets/clean-network-2014/datapackage.json"),
    ),
    (
        "observations.csv",
        include_str!("../../datasets/clean-network-2014/observations.csv"),
    ),
    (
        "relations.csv",
        include_str!("../../datasets/clean-network-2014/relations.csv"),
    ),
];

/// The name under which files of the embedded dataset appear in messages.
pub const EMBEDDED_NAME: &str = "clean-network-2014";

/// Where a dataset comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The default dataset compiled into the binary.
    Embedded,
    /// A folder with `datapackage.json`.
    Package(PathBuf),
    /// One observation table, `.csv` or `.parquet`; `-` is standard input (CSV).
    Table(PathBuf),
}

impl DataSource {
    /// `None` -> embedded; a folder -> package; anything else -> a table.
    pub fn from_arg(arg: Option<&Path>) -> DataSource {
        match arg {
            None => DataSource::Embedded,
            Some(p) if p.is_dir() => DataSource::Package(p.to_path_buf()),
            Some(p) => DataSource::Table(p.to_path_buf()),
        }
    }
}

/// Reader settings that the command line can change.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub delimiter: u8,
    pub max_field_len: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            delimiter: b',',
            max_field_len: 10_000,
        }
    }
}

const RELATION_COLUMNS: [&str; 3] = ["total_id", "part_id", "kind"];

/// Whether a table file is Parquet (by its extension); anything else is read as CSV.
pub fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// Loads and checks a dataset. On success every observation and relation is valid
/// and every relation points at real observations.
pub fn load(source: &DataSource, opts: &LoadOptions) -> Result<Dataset, DataError> {
    let mut problems = Vec::new();
    // Ids of rows that failed their own checks: relations may still name them, and
    // duplicates among the good rows are still worth reporting.
    let mut failed: Vec<String> = Vec::new();
    let mut ds = Dataset::default();
    match source {
        DataSource::Table(path) => {
            let bytes = read_input(path)?;
            let parquet = is_parquet(path);
            return load_table_bytes(&path.display().to_string(), &bytes, parquet, opts);
        }
        DataSource::Embedded => {
            let files = |rel: &str| -> Result<(String, Vec<u8>), DataError> {
                let name = format!("{EMBEDDED_NAME}/{rel}");
                EMBEDDED
                    .iter()
                    .find(|(n, _)| *n == rel)
                    .map(|(_, text)| (name.clone(), text.as_bytes().to_vec()))
                    .ok_or_else(|| {
                        DataError::Invalid(vec![Problem::new(
                            &name,
                            "no such file in the embedded dataset",
                        )])
                    })
            };
            load_package(&files, opts, &mut ds, &mut problems, &mut failed)?;
        }
        DataSource::Package(dir) => {
            if !dir.join("datapackage.json").is_file() {
                return Err(DataError::Invalid(vec![Problem::new(
                    &dir.display().to_string(),
                    "is a folder without datapackage.json: name an observation table (.csv, .parquet) or a data package folder (cleanweb init makes one)",
                )]));
            }
            let files = |rel: &str| -> Result<(String, Vec<u8>), DataError> {
                let path = dir.join(rel);
                Ok((path.display().to_string(), read_input(&path)?))
            };
            load_package(&files, opts, &mut ds, &mut problems, &mut failed)?;
        }
    }
    finish(ds, problems, &failed)
}

/// Loads and checks one observation table held in memory (CSV, or Parquet when
/// `is_parquet`); `name` is the file name messages give.
pub fn load_table_bytes(
    name: &str,
    bytes: &[u8],
    is_parquet: bool,
    opts: &LoadOptions,
) -> Result<Dataset, DataError> {
    let mut problems = Vec::new();
    let mut failed = Vec::new();
    let mut ds = Dataset {
        name: Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default(),
        vocabulary: Vocabulary::open(),
        ..Dataset::default()
    };
    ds.title = ds.name.clone();
    ds.inputs.push(input_file(name, bytes));
    read_observations(
        name,
        bytes,
        is_parquet,
        opts,
        &mut ds,
        &mut problems,
        &mut failed,
    );
    finish(ds, problems, &failed)
}

fn finish(
    ds: Dataset,
    mut problems: Vec<Problem>,
    failed: &[String],
) -> Result<Dataset, DataError> {
    // A table that could not be read at all has no rows to compare.
    if !ds.observations.is_empty() {
        problems.extend(validate::check_dataset(&ds, failed));
    }
    if problems.is_empty() {
        Ok(ds)
    } else {
        problems.sort();
        problems.dedup();
        Err(DataError::Invalid(problems))
    }
}

type Files<'a> = dyn Fn(&str) -> Result<(String, Vec<u8>), DataError> + 'a;

fn load_package(
    files: &Files<'_>,
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
    failed: &mut Vec<String>,
) -> Result<(), DataError> {
    let (dp_name, dp_bytes) = files("datapackage.json")?;
    ds.inputs.push(input_file(&dp_name, &dp_bytes));
    let desc = package::parse(&dp_name, &dp_bytes)?;
    ds.vocabulary = desc.vocabulary(&dp_name)?;
    ds.name = desc.name.clone();
    ds.title = desc.title.clone();
    ds.sources = desc.sources.clone();
    if !desc.resources.iter().any(|r| r.is_observations()) {
        return Err(DataError::Invalid(vec![Problem::new(
            &dp_name,
            "no observation resource: a resource whose schema has a 'value' field",
        )
        .field("resources")]));
    }
    for r in &desc.resources {
        if !r.is_observations() && !r.is_relations() {
            continue;
        }
        let (name, bytes) = files(&r.path)?;
        ds.inputs.push(input_file(&name, &bytes));
        let is_parquet = r.path.to_ascii_lowercase().ends_with(".parquet");
        if r.is_observations() {
            read_observations(&name, &bytes, is_parquet, opts, ds, problems, failed);
        } else {
            read_relations(&name, &bytes, opts, ds, problems);
        }
    }
    Ok(())
}

/// Reads a file the user named, refusing what is not a regular file (a directory, a
/// FIFO, a device such as `/dev/zero` would hang or make no sense).
fn read_input(path: &Path) -> Result<Vec<u8>, DataError> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|source| {
            DataError::Io {
                path: path.to_path_buf(),
                source,
            }
        })?;
        return Ok(buf);
    }
    let meta = std::fs::metadata(path).map_err(|source| DataError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder without datapackage.json"
        } else {
            "not a regular file (a FIFO, device or socket)"
        };
        return Err(DataError::Invalid(vec![Problem::new(
            &path.display().to_string(),
            format!("cannot read data from it: it is {what}"),
        )]));
    }
    std::fs::read(path).map_err(|source| DataError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn input_file(name: &str, bytes: &[u8]) -> InputFile {
    InputFile {
        name: name.to_string(),
        sha256: hex(&Sha256::digest(bytes)),
    }
}

/// Lower-case hexadecimal of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_observations(
    name: &str,
    bytes: &[u8],
    is_parquet: bool,
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
    failed: &mut Vec<String>,
) {
    let spec = ColumnSpec {
        known: &OBSERVATION_COLUMNS,
        required: &REQUIRED_COLUMNS,
    };
    let file: Arc<str> = Arc::from(name);
    let vocab = ds.vocabulary.clone();
    let source_names: Vec<String> = ds
        .sources
        .iter()
        .map(|s| s.name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    let mut rows = Vec::new();
    let mut columns: Option<Arc<[usize]>> = None;
    let mut on_row = |row: &Row<'_>| {
        let columns = columns.get_or_insert_with(|| {
            (0..OBSERVATION_COLUMNS.len())
                .map(|i| row.column(i))
                .collect()
        });
        match parse_observation(&file, row, &vocab, &source_names, columns) {
            Ok(o) => rows.push(o),
            Err(mut ps) => {
                failed.push(row.get(0).to_string());
                problems.append(&mut ps)
            }
        }
    };
    let structural = if is_parquet {
        table::read_parquet(name, bytes, &spec, &mut on_row)
    } else {
        let csv = CsvOptions {
            delimiter: opts.delimiter,
            max_field_len: opts.max_field_len,
        };
        table::read_csv(name, bytes, &spec, csv, &mut on_row)
    };
    problems.extend(structural);
    ds.observations.extend(rows);
}

fn read_relations(
    name: &str,
    bytes: &[u8],
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) {
    let spec = ColumnSpec {
        known: &RELATION_COLUMNS,
        required: &RELATION_COLUMNS,
    };
    let csv = CsvOptions {
        delimiter: opts.delimiter,
        max_field_len: opts.max_field_len,
    };
    let file: Arc<str> = Arc::from(name);
    let mut rels = Vec::new();
    let structural = table::read_csv(name, bytes, &spec, csv, |row| {
        let kind_text = row.get(2);
        let Some(kind) = RelationKind::parse(kind_text) else {
            problems.push(
                Problem::new(
                    name,
                    format!(
                        "'{}' is not a relation kind (complete, partial, restates)",
                        super::date::short(kind_text)
                    ),
                )
                .at(row.line, row.column(2))
                .field("kind"),
            );
            return;
        };
        let mut ok = true;
        for (i, field) in RELATION_COLUMNS.iter().enumerate().take(2) {
            if row.get(i).is_empty() {
                problems.push(
                    Problem::new(name, "must not be empty")
                        .at(row.line, row.column(i))
                        .field(field),
                );
                ok = false;
            }
        }
        if ok {
            rels.push(Relation {
                total_id: row.get(0).to_string(),
                part_id: row.get(1).to_string(),
                kind,
                origin: Origin {
                    file: file.clone(),
                    line: row.line,
                    columns: (0..RELATION_COLUMNS.len()).map(|i| row.column(i)).collect(),
                },
            });
        }
    });
    // A relations table with a header and no rows is fine: not every campaign
    // publishes totals with their parts.
    problems.extend(
        structural
            .into_iter()
            .filter(|p| p.reason != table::NO_ROWS),
    );
    ds.relations.extend(rels);
}

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

/// Parses one row into an observation, or says everything wrong with it.
pub(super) fn parse_observation(
    file: &Arc<str>,
    row: &Row<'_>,
    vocab: &Vocabulary,
    source_names: &[String],
    columns: &Arc<[usize]>,
) -> Result<Observation, Vec<Problem>> {
    let mut problems = Vec::new();
    let checked = check_fields(
        |i| row.get(i),
        vocab,
        source_names,
        &mut |i: usize, reason: String| {
            problems.push(
                Problem::new(file, reason)
                    .at(row.line, row.column(i))
                    .field(OBSERVATION_COLUMNS[i]),
            );
        },
    );
    match checked {
        Some(fields) if problems.is_empty() => Ok(fields.to_observation(Origin {
            file: file.clone(),
            line: row.line,
            columns: columns.clone(),
        })),
        _ if problems.is_empty() => Err(vec![
            Problem::new(file, "row could not be read").at(row.line, 1)
        ]),
        _ => Err(problems),
    }
}

/// One row as the rules read it: the text of each known column (`text(k)` is the cell
/// of `OBSERVATION_COLUMNS[k]`, "" when absent), and, where the table holds them typed
/// (a Parquet date or integer column), the dates and counts themselves, which then
/// give the verdicts their text would.
pub(crate) trait Cells<'a> {
    fn text(&self, k: usize) -> &'a str;

    /// The date of column `k` when the table holds it typed: `Ok(None)` when null.
    fn date(&self, _k: usize) -> Option<Result<Option<Date>, String>> {
        None
    }

    /// The count of column `k` when the table holds it typed: `Ok(None)` when null.
    fn count(&self, _k: usize) -> Option<Result<Option<i64>, String>> {
        None
    }
}

impl<'a, F: Fn(usize) -> &'a str> Cells<'a> for F {
    fn text(&self, k: usize) -> &'a str {
        self(k)
    }
}

/// Every rule one row must keep, on the text of its known columns (`get(i)` is the
/// cell of `OBSERVATION_COLUMNS[i]`). Each broken rule is told to `problem` with the
/// known column it belongs to; `None` when any was. A valid row costs no allocation,
/// so a table of millions of rows is checked at the speed of reading it.
pub(crate) fn check_fields<'a>(
    cells: impl Cells<'a>,
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
        problem(
            col::ID,
            format!(
                "'{}' is not a snake_case id (a-z, 0-9, _; starting with a letter)",
                super::date::short(id)
            ),
        );
    }
    let mut date_of = |i: usize, required: bool| -> Option<Date> {
        let date = cells.date(i).unwrap_or_else(|| match get(i) {
            "" => Ok(None),
            t => Date::parse(t).map(Some),
        });
        match date {
            Ok(Some(d)) => Some(d),
            Ok(None) if required => {
                problem(i, "must not be empty".into());
                None
            }
            Ok(None) => None,
            Err(e) => {
                problem(i, e);
                None
            }
        }
    };
    let date = date_of(col::DATE, true);
    let period_start = date_of(col::PERIOD_START, false);
    let period_end = date_of(col::PERIOD_END, false);
    let count_of = |i: usize, required: bool| match cells.count(i) {
        Some(Ok(None)) if required => Err("must not be empty".to_string()),
        Some(typed) => typed,
        None => parse_count(get(i), required),
    };
    let value = count_of(col::VALUE, true)
        .map_err(|e| problem(col::VALUE, e))
        .ok()
        .flatten();
    let value_max = count_of(col::VALUE_MAX, false)
        .map_err(|e| problem(col::VALUE_MAX, e))
        .ok()
        .flatten();
    let qualifier = Qualifier::parse(get(col::QUALIFIER)).filter(|q| vocab.qualifiers.contains(q));
    if qualifier.is_none() {
        let allowed: Vec<&str> = vocab.qualifiers.iter().map(|q| q.as_str()).collect();
        problem(
            col::QUALIFIER,
            not_in_vocabulary(get(col::QUALIFIER), &allowed),
        );
    }
    let basis = Basis::parse(get(col::BASIS)).filter(|b| vocab.bases.contains(b));
    if basis.is_none() {
        let allowed: Vec<&str> = vocab.bases.iter().map(|b| b.as_str()).collect();
        problem(col::BASIS, not_in_vocabulary(get(col::BASIS), &allowed));
    }
    let metric = get(col::METRIC);
    match &vocab.metrics {
        Some(allowed) if !allowed.contains(metric) => {
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            problem(col::METRIC, not_in_vocabulary(metric, &allowed));
        }
        None if !is_snake_case(metric) => problem(
            col::METRIC,
            format!(
                "'{}' is not a snake_case metric name",
                super::date::short(metric)
            ),
        ),
        _ => {}
    }
    let unit = get(col::UNIT);
    if !vocab.units.contains(unit) {
        let allowed: Vec<&str> = vocab.units.iter().map(String::as_str).collect();
        problem(col::UNIT, not_in_vocabulary(unit, &allowed));
    }
    for i in [col::REGION, col::QUOTE] {
        if is_blank(get(i)) {
            problem(i, "must not be empty".into());
        }
    }
    let source = get(col::SOURCE);
    if !source_names.is_empty() && !source_names.iter().any(|s| s == source) {
        let allowed: Vec<&str> = source_names.iter().map(String::as_str).collect();
        problem(
            col::SOURCE,
            format!(
                "{} (the names of datapackage.json's sources)",
                not_in_vocabulary(source, &allowed)
            ),
        );
    }

    // Rules that tie fields together.
    if let (Some(q), Some(v)) = (qualifier, value) {
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
    match (period_start, period_end) {
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
    if let (Some(d), Some(e)) = (date, period_end) {
        if e > d {
            problem(
                col::PERIOD_END,
                format!("the period ends ({e}) after the figure was announced ({d})"),
            );
        }
    }
    match basis {
        Some(Basis::Period) if period_start.is_none() => problem(
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
    })
}

fn not_in_vocabulary(word: &str, allowed: &[&str]) -> String {
    if word.is_empty() {
        return format!("must not be empty; one of: {}", allowed.join(", "));
    }
    format!(
        "'{}' is not in the vocabulary; one of: {}",
        super::date::short(word),
        allowed.join(", ")
    )
}

/// Whether `s` is empty or only whitespace (as `str::trim` sees it), answered at the
/// first byte for the common text that starts with a visible ASCII character.
fn is_blank(s: &str) -> bool {
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
                super::date::short(text),
                i64::MAX
            )
        });
    }
    let shown = super::date::short(text);
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

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        const HEADER: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any bytes get a dataset or located problems; never a panic.
            #[test]
            fn any_bytes_are_answered(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
                match load_table_bytes("t.csv", &bytes, false, &LoadOptions::default()) {
                    Ok(_) => {}
                    Err(DataError::Invalid(ps)) => prop_assert!(!ps.is_empty() && ps.iter().all(|p| p.file == "t.csv")),
                    Err(DataError::Io { .. }) => prop_assert!(false, "no I/O on bytes"),
                }
            }

            /// Rows of random valid values load with exactly those values; a row
            /// with one broken cell is refused at that row.
            #[test]
            fn valid_rows_load_exactly(values in proptest::collection::vec((0i64..=i64::MAX, 1u32..=12, 1u32..=28), 1..40), broken in any::<prop::sample::Index>()) {
                let mut text = format!("{HEADER}\n");
                for (i, (v, m, d)) in values.iter().enumerate() {
                    text.push_str(&format!("r{i},2014-{m:02}-{d:02},,,O,national,m,,,{v},,exact,count,event,\"q, \"\"{v}\"\"\",s,\n"));
                }
                let ds = load_table_bytes("t.csv", text.as_bytes(), false, &LoadOptions::default()).unwrap();
                let got: Vec<i64> = ds.observations.iter().map(|o| o.value).collect();
                let want: Vec<i64> = values.iter().map(|(v, _, _)| *v).collect();
                prop_assert_eq!(got, want);
                let line = broken.index(values.len());
                let bad: String = text
                    .lines()
                    .enumerate()
                    .map(|(i, l)| if i == line + 1 { l.replacen(",exact,", ",exactly,", 1) } else { l.to_string() })
                    .collect::<Vec<_>>()
                    .join("\n");
                match load_table_bytes("t.csv", bad.as_bytes(), false, &LoadOptions::default()) {
                    Err(DataError::Invalid(ps)) => {
                        prop_assert_eq!(ps.len(), 1);
                        prop_assert_eq!(ps[0].line, Some(line as u64 + 2));
                        prop_assert_eq!(ps[0].field.as_deref(), Some("qualifier"));
                    }
                    other => prop_assert!(false, "{other:?}"),
                }
            }
        }
    }

    #[test]
    fn the_embedded_dataset_loads() {
        let ds = load(&DataSource::Embedded, &LoadOptions::default()).unwrap();
        assert!(ds.observations.len() >= 80, "{}", ds.observations.len());
        assert!(!ds.relations.is_empty());
    }
}
