//! How data is read for a question, decided in this one place: a bare table (CSV or
//! Parquet, or CSV on standard input) is read, checked and summed on every core as
//! it streams, never held; a data package, and the embedded dataset, are loaded
//! whole, with their relations, sources and names. Commands open a source, ask it,
//! and print.

use std::path::{Path, PathBuf};

use crate::aggregate::{self, Aggregation, Query};
use crate::dataset::checked::Nothing;
use crate::dataset::{self, DataError, DataSource, Dataset, DimensionName, LoadOptions};

/// A source opened for questions.
#[derive(Debug)]
pub enum Opened {
    /// A table read anew for each question, as it streams. `about` holds only its
    /// name (the file's stem), for titles.
    Streamed {
        path: PathBuf,
        options: LoadOptions,
        about: Dataset,
    },
    /// A package (or the embedded dataset, or a table someone needs in hand).
    Loaded(Dataset),
}

/// Opens `source`. A table is streamed unless `hold` asks for its rows in hand (a
/// check of every quote against a source text needs them).
pub fn open(source: &DataSource, options: &LoadOptions, hold: bool) -> Result<Opened, DataError> {
    match source {
        DataSource::Table(path) if !hold => {
            let name = stem(path);
            Ok(Opened::Streamed {
                path: path.clone(),
                options: *options,
                about: Dataset {
                    title: name.clone(),
                    name,
                    ..Dataset::default()
                },
            })
        }
        _ => Ok(Opened::Loaded(dataset::load(source, options)?)),
    }
}

/// A table's name as a title: its file name without the extension.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

impl Opened {
    /// The package's own dimension names (none for a bare table).
    pub fn names(&self) -> &[DimensionName] {
        &self.about().dimensions
    }

    /// The dataset: the package loaded, or a bare table's name.
    pub fn about(&self) -> &Dataset {
        match self {
            Opened::Streamed { about, .. } => about,
            Opened::Loaded(ds) => ds,
        }
    }

    /// The answer to `query`, and for a streamed table how it was read (for
    /// `--verbose`). The error is the data's ([`DataError`]) or the question's
    /// ([`aggregate::AggregateError`]), as each says it.
    pub fn aggregate(&self, query: &Query) -> anyhow::Result<(Aggregation, Option<String>)> {
        match self {
            Opened::Streamed { path, options, .. } => {
                let empty = aggregate::Sums::new(query);
                let table = dataset::read_table(path, options, || empty.clone())?;
                let mut all = empty;
                for s in table.sinks {
                    all.merge(s);
                }
                Ok((all.finish(&table.lines)?, Some(table.how)))
            }
            Opened::Loaded(ds) => Ok((aggregate::aggregate(ds, query)?, None)),
        }
    }

    /// Checks every row; the number of rows. A streamed table is read anew, row by
    /// row, keeping none; a loaded source was checked as it was loaded.
    pub fn check(&self) -> Result<u64, DataError> {
        match self {
            Opened::Streamed { path, options, .. } => {
                Ok(dataset::read_table(path, options, || Nothing)?.rows)
            }
            Opened::Loaded(ds) => Ok(ds.observations.len() as u64),
        }
    }
}
