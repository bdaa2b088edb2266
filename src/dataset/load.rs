//! Loading a dataset: the embedded default, a data package folder, or a single
//! observation table (CSV or Parquet). Every row is parsed and checked field by
//! field; all problems are collected so that one run lists them all.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::rules::{Checked, Keep, RowSink};
use super::{
    package, validate, DataError, Dataset, InputFile, Observation, Origin, Problem, Relation,
    RelationKind, Vocabulary, OBSERVATION_COLUMNS, REQUIRED_COLUMNS,
};
use crate::table::{self, short, At, Cells, Found, Input, RecordSink, Schema, Table};

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
    /// Problems listed before the reader stops.
    pub max_problems: usize,
    /// Whether a table checked before may be trusted (see [`table::fingerprint`]).
    pub cache: bool,
    /// Whether a table whose package declares its `hash` must still have it.
    pub hashes: bool,
    /// See [`table::Options::by_columns`].
    pub by_columns: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        let t = table::Options::default();
        LoadOptions {
            delimiter: t.delimiter,
            max_field_len: t.max_field_len,
            max_problems: t.max_problems,
            cache: true,
            hashes: true,
            by_columns: t.by_columns,
        }
    }
}

impl LoadOptions {
    /// The reader's options.
    pub fn table(&self) -> table::Options {
        table::Options {
            delimiter: self.delimiter,
            max_field_len: self.max_field_len,
            max_problems: self.max_problems,
            by_columns: self.by_columns,
        }
    }
}

/// An observation table: its columns, and its key, the id.
pub const OBSERVATION_SCHEMA: Schema<'static> = Schema {
    known: &OBSERVATION_COLUMNS,
    required: &REQUIRED_COLUMNS,
    key: Some(0),
};

const RELATION_COLUMNS: [&str; 3] = ["total_id", "part_id", "kind"];

/// Whether a table file is Parquet (by its extension); anything else is read as CSV.
pub fn is_parquet(path: &Path) -> bool {
    table::is_parquet_name(&path.to_string_lossy())
}

/// Loads and checks a dataset. On success every observation and relation is valid
/// and every relation points at real observations.
pub fn load(source: &DataSource, opts: &LoadOptions) -> Result<Dataset, DataError> {
    let mut problems = Vec::new();
    // Ids of rows that failed their own checks: relations may still name them.
    let mut failed: Vec<String> = Vec::new();
    let mut ds = Dataset::default();
    match source {
        DataSource::Table(path) => {
            refuse_workbook(path)?;
            let bytes = read_input(path)?;
            let name = path.display().to_string();
            return load_table_bytes(&name, &bytes, opts).map_err(|e| {
                own_shape_hint(
                    e,
                    &Input::Bytes {
                        name: &name,
                        bytes: &bytes,
                    },
                    &opts.table(),
                )
            });
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
            load_package(&files, &|_| None, opts, &mut ds, &mut problems, &mut failed)?;
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
            let paths = |rel: &str| Some(dir.join(rel));
            load_package(&files, &paths, opts, &mut ds, &mut problems, &mut failed)?;
        }
    }
    finish(ds, problems, &failed)
}

/// Loads the package in `dir` with another edition of its one mapped table, `table`,
/// read under the same mapping (the package's declared `hash` is of its own edition,
/// so it is not compared).
pub fn load_edition(dir: &Path, table: &Path, opts: &LoadOptions) -> Result<Dataset, DataError> {
    let dp = dir.join("datapackage.json");
    let dp_bytes = read_input(&dp)?;
    let desc = package::parse(&dp.display().to_string(), &dp_bytes)?;
    let mapped: Vec<&str> = desc
        .resources
        .iter()
        .filter(|r| r.is_mapped())
        .map(|r| r.path.as_str())
        .collect();
    let [target] = mapped[..] else {
        return Err(DataError::Invalid(vec![Problem::new(
            &dp.display().to_string(),
            format!(
                "has {} tables with a mapping; an edition is read under the mapping of a package with exactly one",
                mapped.len()
            ),
        )]));
    };
    let paths = |rel: &str| {
        Some(if rel == target {
            table.to_path_buf()
        } else {
            dir.join(rel)
        })
    };
    let files = |rel: &str| -> Result<(String, Vec<u8>), DataError> {
        let path = paths(rel).unwrap_or_default();
        Ok((path.display().to_string(), read_input(&path)?))
    };
    let mut problems = Vec::new();
    let mut failed = Vec::new();
    let mut ds = Dataset::default();
    let opts = LoadOptions {
        hashes: false,
        ..*opts
    };
    load_package(&files, &paths, &opts, &mut ds, &mut problems, &mut failed)?;
    finish(ds, problems, &failed)
}

/// Reads the observation table at `path` (`-`: standard input) without holding it:
/// every row is checked by the rules, and each valid one handed to the sink of the
/// core that read it (`make` makes one per core). The sinks once the table is
/// valid, with where the rows were and how the table was read; else every problem.
pub fn read_table<S: RowSink>(
    path: &Path,
    opts: &LoadOptions,
    make: impl Fn() -> S + Sync,
) -> Result<Table<S>, DataError> {
    refuse_workbook(path)?;
    let vocab = Vocabulary::open();
    let name = path.display().to_string();
    let stdin;
    let input = if path.as_os_str() == "-" {
        stdin = read_input(path)?;
        Input::Bytes {
            name: &name,
            bytes: &stdin,
        }
    } else {
        Input::File(path)
    };
    // A Parquet table checked before, byte for byte, is trusted: the checks that
    // need more than the question reads (ids, regions and quotes, repeated ids)
    // are skipped. Only
    // Parquet: its fingerprint costs about 1% of reading it, and a hit spares its
    // largest column; a CSV table is read whole either way, so its fingerprint
    // (half a second for 2.5 GB, before the reading can start) would cost more
    // than a hit saves.
    let started = std::time::Instant::now();
    let fingerprint = (opts.cache && matches!(input, Input::File(_)) && input.is_parquet())
        .then(|| table::fingerprint::of(&input, &OBSERVATION_SCHEMA, &opts.table(), ""))
        .flatten();
    let hashed = started.elapsed();
    let trusted = fingerprint.is_some_and(table::fingerprint::was_checked);
    let schema = Schema {
        key: if trusted {
            None
        } else {
            OBSERVATION_SCHEMA.key
        },
        ..OBSERVATION_SCHEMA
    };
    let read = table::read(&input, &schema, &opts.table(), || {
        Checked::new(make(), &vocab, &[]).trusting(trusted)
    })
    .and_then(Table::valid)
    .map_err(|e| own_shape_hint(e, &input, &opts.table()))?;
    if let (Some(f), false) = (fingerprint, trusted) {
        table::fingerprint::checked(f);
    }
    let mut how = read.how;
    if fingerprint.is_some() {
        how.push_str(&format!(
            "; fingerprint of its bytes in {:.0} ms: {}",
            hashed.as_secs_f64() * 1000.0,
            if trusted {
                "checked before, so its ids, regions and quotes are not read again (unless the question needs them), and repeated ids not looked for"
            } else {
                "not checked before; now noted as valid"
            }
        ));
    }
    Ok(Table {
        sinks: read.sinks.into_iter().map(|c| c.inner).collect(),
        rows: read.rows,
        lines: read.lines,
        columns: read.columns,
        problems: read.problems,
        how,
    })
}

/// A workbook is a table in its own shape: it is read through a package's mapping.
fn refuse_workbook(path: &Path) -> Result<(), DataError> {
    if table::sheet::is_workbook_name(&path.to_string_lossy()) {
        return Err(DataError::Invalid(vec![Problem::new(
            &path.display().to_string(),
            "is a workbook: a sheet is read through a package's mapping; make one with: cleanweb init DIR --from FILE --sheet NAME",
        )]));
    }
    Ok(())
}

/// A table none of whose header is an observation column is most likely a table in
/// its own shape: the problems then end with what to do about it.
fn own_shape_hint(e: DataError, input: &Input<'_>, opts: &table::Options) -> DataError {
    let DataError::Invalid(mut problems) = e else {
        return e;
    };
    let names = table::column_names(input, opts).unwrap_or_default();
    if names.len() >= 2
        && !names
            .iter()
            .any(|n| OBSERVATION_COLUMNS.contains(&n.as_str()))
    {
        problems.push(Problem::new(
            &input.name(),
            "has none of the observation table's columns: for a table in its own shape (a transparency report, a spreadsheet, a list of records), make a package with a mapping: cleanweb init DIR --from FILE (see docs/mapping.md)",
        ));
    }
    DataError::Invalid(problems)
}

/// Loads and checks one observation table held in memory; `name` is the file name
/// messages give (Parquet when it ends in `.parquet`).
pub fn load_table_bytes(
    name: &str,
    bytes: &[u8],
    opts: &LoadOptions,
) -> Result<Dataset, DataError> {
    let mut problems = Vec::new();
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
    let mut failed = Vec::new();
    read_observations(name, bytes, opts, &mut ds, &mut problems, &mut failed)?;
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

/// Loads a package: `files` gives each file's name and bytes; `paths` its path on
/// disk, when it has one, so that a mapped table is read as it streams.
fn load_package(
    files: &Files<'_>,
    paths: &dyn Fn(&str) -> Option<PathBuf>,
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
    ds.views = desc.views.clone();
    ds.titles = desc.titles.clone();
    ds.rules = desc.rules.clone();
    ds.hierarchies = desc.hierarchies.clone();
    if !desc
        .resources
        .iter()
        .any(|r| r.is_observations() || r.is_mapped())
    {
        return Err(DataError::Invalid(vec![Problem::new(
            &dp_name,
            "no observation resource: a resource whose schema has a 'value' field, or a table with a 'cleanweb:mapping'",
        )
        .field("resources")]));
    }
    for r in &desc.resources {
        if !r.is_observations() && !r.is_relations() && !r.is_mapped() {
            continue;
        }
        // A mapped table on disk is read as it streams, never held: a record list of
        // any length costs the memory of its groups.
        let on_disk = paths(&r.path).filter(|_| r.is_mapped());
        let (name, bytes, file) = match &on_disk {
            Some(path) => {
                let name = path.display().to_string();
                let file = InputFile {
                    sha256: sha256_file(path)?,
                    name: name.clone(),
                };
                (name, Vec::new(), file)
            }
            None => {
                let (name, bytes) = files(&r.path)?;
                let file = input_file(&name, &bytes);
                (name, bytes, file)
            }
        };
        if let (Some(declared), true) = (&r.hash, opts.hashes) {
            if *declared != file.sha256 {
                problems.push(Problem::new(
                    &name,
                    format!("has changed since its figures were cited: its SHA-256 is {}, and datapackage.json says {declared}; check the changes (cleanweb diff) and update the resource's \"hash\"", file.sha256),
                ));
            }
        }
        ds.inputs.push(file);
        if let Some(mapping) = &r.mapping {
            let content = match &on_disk {
                Some(path) => super::mapped::Content::Path(path),
                None => super::mapped::Content::Bytes(&bytes),
            };
            super::mapped::read(
                &name,
                &r.name,
                content,
                mapping,
                &opts.table(),
                ds,
                problems,
            )?;
        } else if r.is_observations() {
            read_observations(&name, &bytes, opts, ds, problems, failed)?;
        } else {
            read_relations(&name, &bytes, opts, ds, problems)?;
        }
    }
    apply_per_item(&dp_name, &desc.per_item, ds, problems);
    let metrics: std::collections::BTreeSet<&str> =
        ds.observations.iter().map(|o| o.metric.as_str()).collect();
    let metrics: Vec<&str> = metrics.into_iter().collect();
    let mut views = std::mem::take(&mut ds.views);
    problems.extend(super::views::resolve(
        &dp_name,
        &mut views,
        &ds.dimensions,
        &metrics,
    ));
    ds.views = views;
    Ok(())
}

/// Sets the items each declared figure holds for; an id the package does not have
/// is a problem at its JSON path, with the nearest id.
fn apply_per_item(
    file: &str,
    declared: &[super::per_item::Declared],
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) {
    if declared.is_empty() {
        return;
    }
    let index: std::collections::HashMap<String, usize> = ds
        .observations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    for (k, d) in declared.iter().enumerate() {
        match index.get(&d.id) {
            Some(&i) => ds.observations[i].per_item = Some(d.items),
            None if ds.observations.is_empty() => {}
            None => {
                let ids: Vec<&str> = index.keys().map(String::as_str).collect();
                let hint = crate::table::closest(&d.id, &ids)
                    .map(|c| format!(" (did you mean '{c}'?)"))
                    .unwrap_or_default();
                problems.push(
                    Problem::new(file, format!("no figure has the id '{}'{hint}", d.id))
                        .field(&format!("cleanweb:per_item[{k}].id")),
                );
            }
        }
    }
}

/// Reads a file the user named, refusing what is not a regular file (a directory, a
/// FIFO, a device such as `/dev/zero` would hang or make no sense).
fn read_input(path: &Path) -> Result<Vec<u8>, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(io)?;
    } else {
        std::io::Read::read_to_end(&mut table::regular_file(path)?, &mut buf).map_err(io)?;
    }
    Ok(buf)
}

/// The SHA-256 of a file, read in pieces.
fn sha256_file(path: &Path) -> Result<String, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = table::regular_file(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = std::io::Read::read(&mut file, &mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
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

/// Reads one observation table with the one reader: every row checked by the rules
/// (against the package's vocabulary and sources), every valid row kept.
fn read_observations(
    name: &str,
    bytes: &[u8],
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
    failed: &mut Vec<String>,
) -> Result<(), DataError> {
    let source_names: Vec<String> = ds
        .sources
        .iter()
        .map(|s| s.name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    let file: Arc<str> = Arc::from(name);
    let origin = Origin {
        file: file.clone(),
        line: 0,
        columns: Arc::from([]),
        cell: 0,
    };
    let vocab = ds.vocabulary.clone();
    let read = table::read(
        &Input::Bytes { name, bytes },
        &OBSERVATION_SCHEMA,
        &opts.table(),
        || {
            let keep = Keep {
                origin: Some(origin.clone()),
                ..Keep::default()
            };
            Checked::new(keep, &vocab, &source_names)
        },
    );
    let table = match read {
        Ok(t) => t,
        Err(DataError::Invalid(mut ps)) => {
            problems.append(&mut ps);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    problems.extend(table.problems);
    let columns: Arc<[usize]> = Arc::from(table.columns);
    let mut rows: Vec<(At, Observation)> = Vec::new();
    for sink in table.sinks {
        rows.extend(sink.inner.rows);
        failed.extend(sink.inner.failed);
    }
    rows.sort_by_key(|(at, _)| *at);
    for (at, mut o) in rows {
        o.origin.line = table.lines.line(at);
        o.origin.columns = columns.clone();
        ds.observations.push(o);
    }
    Ok(())
}

/// The relations table: which observation is a total of which parts.
const RELATION_SCHEMA: Schema<'static> = Schema {
    known: &RELATION_COLUMNS,
    required: &RELATION_COLUMNS,
    key: None,
};

/// The rules of a relation row; valid rows are kept with their positions.
#[derive(Default)]
struct Relations {
    rows: Vec<(At, String, String, RelationKind)>,
}

impl RecordSink for Relations {
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>) {
        let kind_text = cells.text(2);
        let Some(kind) = RelationKind::parse(kind_text) else {
            found.problem(
                2,
                format!(
                    "'{}' is not a relation kind (complete, partial, restates)",
                    short(kind_text)
                ),
            );
            return;
        };
        let (total, part) = (cells.text(0), cells.text(1));
        for (i, id) in [total, part].into_iter().enumerate() {
            if id.is_empty() {
                found.problem(i, "must not be empty");
            }
        }
        if !total.is_empty() && !part.is_empty() {
            self.rows
                .push((at, total.to_string(), part.to_string(), kind));
        }
    }
}

fn read_relations(
    name: &str,
    bytes: &[u8],
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) -> Result<(), DataError> {
    let read = table::read(
        &Input::Bytes { name, bytes },
        &RELATION_SCHEMA,
        &opts.table(),
        Relations::default,
    );
    let table = match read {
        Ok(t) => t,
        Err(DataError::Invalid(ps)) => {
            // A relations table with a header and no rows is fine: not every
            // campaign publishes totals with their parts.
            problems.extend(ps.into_iter().filter(|p| p.reason != table::NO_ROWS));
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    problems.extend(
        table
            .problems
            .into_iter()
            .filter(|p| p.reason != table::NO_ROWS),
    );
    let file: Arc<str> = Arc::from(name);
    let columns: Arc<[usize]> = Arc::from(table.columns);
    let mut rows: Vec<_> = table.sinks.into_iter().flat_map(|s| s.rows).collect();
    rows.sort_by_key(|r| r.0);
    for (at, total_id, part_id, kind) in rows {
        ds.relations.push(Relation {
            total_id,
            part_id,
            kind,
            origin: Origin {
                file: file.clone(),
                line: table.lines.line(at),
                columns: columns.clone(),
                cell: 0,
            },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        const HEADER: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any bytes get a dataset or located problems; never a panic.
            #[test]
            fn any_bytes_are_answered(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
                match load_table_bytes("t.csv", &bytes, &LoadOptions::default()) {
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
                let ds = load_table_bytes("t.csv", text.as_bytes(), &LoadOptions::default()).unwrap();
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
                match load_table_bytes("t.csv", bad.as_bytes(), &LoadOptions::default()) {
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
