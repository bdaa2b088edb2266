//! A problem with the input, located as precisely as the input allows, and the
//! error that carries every problem found (or the file that could not be read).

use std::fmt;
use std::path::PathBuf;

/// One thing wrong with the input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    /// 1-based line (CSV) or row (Parquet); `None` for whole-file problems.
    pub line: Option<u64>,
    /// 1-based column (field number).
    pub column: Option<usize>,
    pub field: Option<String>,
    pub reason: String,
}

impl Problem {
    pub fn new(file: &str, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            reason: reason.into(),
        }
    }

    pub fn at(mut self, line: u64, column: usize) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn field(mut self, name: &str) -> Problem {
        self.field = Some(name.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "field '{field}': ")?;
        }
        write!(f, "{}", self.reason)
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug)]
pub enum DataError {
    /// The file could not be read at all.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The data is wrong; every problem found is listed.
    Invalid(Vec<Problem>),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            DataError::Invalid(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for DataError {}

impl From<Vec<Problem>> for DataError {
    fn from(problems: Vec<Problem>) -> DataError {
        DataError::Invalid(problems)
    }
}
