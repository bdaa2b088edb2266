//! The reader against itself and against an independent reference, for the tests
//! and the fuzz target alike: the same bytes read in every way the reader can read
//! them (block sizes from 1 byte, every byte kernel the processor has) must give the
//! same records and the same problems at the same positions; and where the reader
//! finds no problem, the records must be the ones the `csv` crate reads.

use super::delimited;
use super::simd::Kernel;
use super::{At, Cells, Found, Input, Options, Problem, Reading, RecordSink, Schema};

const KNOWN: [&str; 3] = ["a", "b", "c"];
/// Three columns, all required, the first a key.
pub(super) const SCHEMA: Schema<'static> = Schema {
    known: &KNOWN,
    required: &KNOWN,
    key: Some(0),
};

/// Keeps every record it is given, as text; refuses a third cell `bad`, so that a
/// sink's problems are compared too.
#[derive(Default)]
pub(super) struct Records(Vec<(At, Vec<String>)>);

impl RecordSink for Records {
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: At, found: &mut Found<'_>) {
        if cells.text(2) == "bad" {
            found.problem(2, "a cell the sink refuses");
        }
        if found.keeps() {
            self.0
                .push((at, (0..3).map(|k| cells.text(k).to_string()).collect()));
        }
    }
}

/// What one reading gave: the records by line, and the problems (or the error).
pub type Read = Result<(Vec<(u64, Vec<String>)>, Vec<Problem>), String>;

/// Reads `bytes` under the three-column schema in blocks of about `block` bytes
/// with `kernel`. Blocks of an odd size write the keys' hashes out in 64 parts.
pub(super) fn reading(bytes: &[u8], delimiter: u8, block: usize, kernel: Kernel) -> Read {
    let opts = Options {
        delimiter,
        max_field_len: 40,
        max_problems: 1000,
        key_budget: if block % 2 == 1 { 1 } else { usize::MAX },
        ..Options::default()
    };
    let input = Input::Bytes {
        name: "t.csv",
        bytes,
    };
    let reading = Reading {
        input: &input,
        schema: &SCHEMA,
        opts: &opts,
        workers: 2,
    };
    match delimited::read(&reading, block, kernel, Records::default) {
        Ok(t) => {
            let mut rows: Vec<(u64, Vec<String>)> = t
                .sinks
                .into_iter()
                .flat_map(|s| s.0)
                .map(|(at, cells)| (t.lines.line(at), cells))
                .collect();
            rows.sort();
            Ok((rows, t.problems))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// The records the `csv` crate reads after the header, cell for cell; `None` when it
/// fails.
pub fn reference(bytes: &[u8], delimiter: u8) -> Option<Vec<Vec<String>>> {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body);
    let mut all = Vec::new();
    for r in reader.records() {
        let r = r.ok()?;
        all.push(r.iter().map(str::to_string).collect::<Vec<_>>());
    }
    Some(all.into_iter().skip(1).collect())
}

/// Reads `bytes` every way: `Err` names the first way that disagrees with reading
/// it in one block with the portable kernel, or the records that disagree with the
/// `csv` crate's. `Ok` holds the one reading.
pub fn every_way(bytes: &[u8], delimiter: u8) -> Result<Read, String> {
    let whole = reading(bytes, delimiter, 1 << 20, Kernel::Portable);
    for kernel in Kernel::available() {
        for block in [1, 2, 3, 7, 16, 64, 65, 200] {
            let got = reading(bytes, delimiter, block, kernel);
            if got != whole {
                return Err(format!(
                    "block {block}, kernel {kernel:?}:\n{got:?}\nagainst one block:\n{whole:?}"
                ));
            }
        }
    }
    if let Ok((rows, problems)) = &whole {
        if problems.is_empty() {
            let ours: Vec<Vec<String>> = rows.iter().map(|(_, c)| c.clone()).collect();
            let theirs = reference(bytes, delimiter);
            if Some(&ours) != theirs.as_ref() {
                return Err(format!(
                    "the csv crate reads {theirs:?}\nthe reader {ours:?}"
                ));
            }
        }
    }
    Ok(whole)
}
