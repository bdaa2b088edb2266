//! What `cleanweb aggregate --format csv` printed, read back and held against the
//! model's answer: every group, its keys, both ends, `n`, approx, and what its note
//! must say.

use super::{decimal, Answer, Iv, Note, Row};

/// One printed row: the keys, then `low`, `high`, `n`, `approx`, `note`.
#[derive(Debug, Clone)]
pub struct Printed {
    pub keys: Vec<String>,
    pub low: Option<i128>,
    pub high: Option<i128>,
    pub n: u64,
    pub approx: bool,
    pub note: String,
}

/// Reads the CSV the tool printed; the header must be `keys.. ,low,high,n,approx,note`.
pub fn read(csv_text: &str, keys: &[&str]) -> Result<Vec<Printed>, String> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut want: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    want.extend(["low", "high", "n", "approx", "note"].map(String::from));
    if header != want {
        return Err(format!("header {header:?}, expected {want:?}"));
    }
    let k = keys.len();
    let num = |s: &str| (!s.is_empty()).then(|| decimal(s.trim_start_matches('-')) * sign(s));
    rdr.records()
        .map(|r| {
            let r = r.map_err(|e| e.to_string())?;
            Ok(Printed {
                keys: (0..k).map(|i| r[i].to_string()).collect(),
                low: num(&r[k]),
                high: num(&r[k + 1]),
                n: r[k + 2].parse().map_err(|_| format!("n '{}'", &r[k + 2]))?,
                approx: match &r[k + 3] {
                    "true" => true,
                    "false" => false,
                    a => return Err(format!("approx '{a}'")),
                },
                note: r[k + 4].to_string(),
            })
        })
        .collect()
}

fn sign(s: &str) -> i128 {
    if s.starts_with('-') {
        -1
    } else {
        1
    }
}

/// Whether a printed note says what the model's note means.
fn note_matches(note: &Note, printed: &str) -> bool {
    match note {
        Note::Empty => printed.is_empty(),
        Note::NotReported => printed == "not reported",
        Note::RunningTotalTo(d) => printed == format!("running total to {d}"),
        Note::FirstSnapshot => printed.starts_with("first snapshot"),
        Note::Difference => !printed.is_empty() && !printed.starts_with("restatement"),
        Note::Restatement => printed.starts_with("restatement:"),
        Note::Single(s) => printed == s,
    }
}

fn row_matches(m: &Row, p: &Printed) -> bool {
    let (low, high) = match m.value {
        Some(Iv { low, high }) => (low, high),
        None => (None, None),
    };
    m.keys == p.keys
        && low == p.low
        && high == p.high
        && m.n == p.n
        && m.approx == p.approx
        && note_matches(&m.note, &p.note)
}

/// Holds the tool's run (exit code, standard output, standard error) against the
/// model's answer; `Err` says where they part.
pub fn compare(
    answer: &Answer,
    keys: &[&str],
    code: i32,
    out: &str,
    err: &str,
) -> Result<(), String> {
    match answer {
        Answer::Open => Ok(()),
        Answer::Refused(why) => {
            if code == 2 && err.contains(why.option()) {
                Ok(())
            } else {
                Err(format!(
                    "the model refuses ({why:?}, naming '{}'); the tool exits {code}: {err}{out}",
                    why.option()
                ))
            }
        }
        Answer::Rows(rows) => {
            if code != 0 {
                return Err(format!(
                    "the model answers {} rows; the tool exits {code}: {err}",
                    rows.len()
                ));
            }
            let printed = read(out, keys)?;
            for (i, m) in rows.iter().enumerate() {
                match printed.get(i) {
                    Some(p) if row_matches(m, p) => {}
                    p => {
                        return Err(format!(
                            "row {i}: the model has {m:?}\nthe tool printed {p:?}\nwhole output:\n{out}"
                        ))
                    }
                }
            }
            if printed.len() != rows.len() {
                return Err(format!(
                    "the model has {} rows, the tool printed {}:\n{out}",
                    rows.len(),
                    printed.len()
                ));
            }
            Ok(())
        }
    }
}

/// The model's answer as CSV text for a failure message.
pub fn show(answer: &Answer) -> String {
    match answer {
        Answer::Rows(rows) => rows
            .iter()
            .map(|r| {
                format!(
                    "{:?} {:?} n={} approx={} {:?}",
                    r.keys, r.value, r.n, r.approx, r.note
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => format!("{other:?}"),
    }
}
