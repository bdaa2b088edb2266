//! Loading a dataset: the embedded default, a data package folder, or a single
//! observation table (CSV or Parquet). Every row is parsed and checked field by
//! field; all problems are collected so that one run lists them all.

mod package_files;
mod relations;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use package_files::load_package;
use relations::read_relations;
use sha2::{Digest, Sha256};

use crate::dataset::checked::{Checked, Keep, RowSink};
use crate::dataset::{
    package, validate, DataError, Dataset, InputFile, Observation, Origin, Problem, Vocabulary,
    OBSERVATION_COLUMNS, REQUIRED_COLUMNS,
};
use crate::table::{self, At, Input, Schema, Table};

/// The default dataset, compiled into the binary so it runs from any folder.
const EMBEDDED: [(&str, &str); 3] = [
    (
        "datapackage.json",
        include_str!("../../../datasets/clean-network-2014/datapackage.json"),
    ),
    (
        "observations.csv",
        include_str!("../../../datasets/clean-network-2014/observations.csv"),
    ),
    (
        "relations.csv",
        include_str!("../../../datasets/clean-network-2014/relations.csv"),
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
            ..table::Options::default()
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
                let path = inside(dir, rel)?;
                Ok((path.display().to_string(), read_input(&path)?))
            };
            let paths = |rel: &str| inside(dir, rel).ok();
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
    let path_of = |rel: &str| {
        if rel == target {
            Ok(table.to_path_buf())
        } else {
            inside(dir, rel)
        }
    };
    let paths = |rel: &str| path_of(rel).ok();
    let files = |rel: &str| -> Result<(String, Vec<u8>), DataError> {
        let path = path_of(rel)?;
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
    let cache = (opts.cache && matches!(input, Input::File(_)) && input.is_parquet())
        .then(table::fingerprint::Cache::open)
        .flatten();
    let fingerprint = cache
        .as_ref()
        .and_then(|c| table::fingerprint::of(c, &input, &OBSERVATION_SCHEMA, &opts.table(), ""));
    let hashed = started.elapsed();
    let trusted = match (&cache, fingerprint) {
        (Some(c), Some(f)) => c.was_checked(f),
        _ => false,
    };
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
    if let (Some(c), Some(f), false) = (&cache, fingerprint, trusted) {
        c.checked(f);
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
pub(super) fn refuse_workbook(path: &Path) -> Result<(), DataError> {
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
pub(super) fn own_shape_hint(e: DataError, input: &Input<'_>, opts: &table::Options) -> DataError {
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

pub(super) fn finish(
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

/// The file `rel` of the package in `dir`, refused when it leads outside the
/// folder: a package is a boundary, and a table, relations file or folder of it
/// that is a symbolic link to another place would publish that place's bytes in
/// the report. Links that stay inside the folder are followed. A file that does
/// not exist is handed back as named, for the reading to report.
pub(crate) fn inside(dir: &Path, rel: &str) -> Result<std::path::PathBuf, DataError> {
    let path = dir.join(rel);
    let (Ok(root), Ok(real)) = (std::fs::canonicalize(dir), std::fs::canonicalize(&path)) else {
        return match std::fs::symlink_metadata(&path) {
            // A link to nothing: what it names is not said.
            Ok(m) if m.file_type().is_symlink() => Err(DataError::Invalid(vec![Problem::new(
                &path.display().to_string(),
                "is a symbolic link to a file that does not exist; put the file itself in the package folder",
            )])),
            _ => Ok(path),
        };
    };
    if real.starts_with(&root) {
        // The path as the package names it, so that problems and citations name
        // the file as the user knows it.
        Ok(path)
    } else {
        Err(DataError::Invalid(vec![Problem::new(
            &path.display().to_string(),
            format!(
                "leads outside the package folder {} through a symbolic link; a package's files must be inside it: copy the file into the folder",
                dir.display()
            ),
        )]))
    }
}

/// Reads a file the user named, refusing what is not a regular file (a directory, a
/// FIFO, a device such as `/dev/zero` would hang or make no sense).
pub(super) fn read_input(path: &Path) -> Result<Vec<u8>, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        return read_stdin();
    } else {
        std::io::Read::read_to_end(&mut table::regular_file(path)?, &mut buf).map_err(io)?;
    }
    Ok(buf)
}

/// The most that standard input may hold: it is held in memory whole, where a file
/// is read as it streams.
const STDIN_LIMIT: usize = 8 << 30;

/// Standard input, refused as soon as it cannot be a text table (a NUL byte, as
/// `/dev/zero` gives) or grows past [`STDIN_LIMIT`]: an endless stream must not
/// take the machine's memory.
fn read_stdin() -> Result<Vec<u8>, DataError> {
    let name = "standard input";
    let refuse = |why: String| DataError::Invalid(vec![Problem::new(name, why)]);
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    let mut stdin = std::io::stdin().lock();
    loop {
        let n = match std::io::Read::read(&mut stdin, &mut chunk) {
            Ok(0) => return Ok(buf),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(DataError::Io {
                    path: PathBuf::from("-"),
                    source,
                })
            }
        };
        if let Some(i) = memchr::memchr(0, &chunk[..n]) {
            return Err(refuse(format!(
                "holds a NUL byte at byte {}: standard input is read as a text table (CSV), and text has none",
                buf.len() + i + 1
            )));
        }
        if buf.len() + n > STDIN_LIMIT {
            return Err(refuse(format!(
                "is longer than {} GiB: standard input is held in memory whole; save it to a file and name the file, which is read as it streams",
                STDIN_LIMIT >> 30
            )));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// The SHA-256 of a file, read in pieces.
pub(super) fn sha256_file(path: &Path) -> Result<String, DataError> {
    let io = |source| DataError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Read a megabyte at a time: io::copy reads through a BufReader's own buffer.
    let mut file = std::io::BufReader::with_capacity(1 << 20, table::regular_file(path)?);
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io)?;
    Ok(hex(&hasher.finalize()))
}

pub(super) fn input_file(name: &str, bytes: &[u8]) -> InputFile {
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
pub(super) fn read_observations(
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
    let Some(table) = crate::dataset::invalid_as_problems(read, problems)? else {
        return Ok(());
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
