//! The fast path against the exact one: the same answer, or a hand-over.
//!
//! Every table here is read twice: by the in-memory loader and its aggregation (the
//! reference), and by [`scan_csv_in_blocks`] cut into blocks of a few bytes, so that
//! records, quoted newlines and line ends straddle blocks. The contract held is the
//! one `cmd::aggregate::run_query` relies on: when the fast path answers `Valid`, its
//! sums are the reference's (or it refuses the question with the same words), and it
//! never answers `Valid` for a table the loader rejects.

use std::path::PathBuf;

use polars::prelude::{
    Column, DataFrame, DataType, ParquetReader, ParquetWriter, SerReader, TimeUnit,
};
use proptest::prelude::*;

use super::*;
use crate::aggregate::{aggregate, AggregateError, Aggregation, Query, Sums};
use crate::dataset::frame::observations_frame;
use crate::dataset::{load, Basis, DataSource, Dataset, Date, Dimension, Qualifier};

/// The most notes [`Sums`] keeps before "and N more notes".
const KEPT_NOTES: usize = 50;

/// What one core of the fast path keeps: the sums of every query, and which row it
/// read where.
struct Probe {
    sums: Vec<Option<Sums>>,
    seen: Vec<(At, String)>,
}

impl Probe {
    fn new(queries: &[Query]) -> Probe {
        Probe {
            sums: queries.iter().map(|q| Some(Sums::new(q))).collect(),
            seen: Vec::new(),
        }
    }
}

impl RowSink for Probe {
    fn row(&mut self, fields: &Fields<'_>, at: At, origin: &Origin) {
        for s in self.sums.iter_mut().flatten() {
            s.row(fields, at, origin);
        }
        self.seen.push((at, fields.id.to_string()));
    }
}

/// How the fast path answered a table it answered correctly.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    /// `Valid`, with the reference's sums for every query.
    Same,
    /// `Unsure` on a table the loader accepts: the exact path answers instead.
    HandedOver(&'static str),
    /// `Unsure` on a table the loader rejects.
    Rejected,
}

/// A table written to a file of its own, which lives as long as the value.
struct TableFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn table_file(bytes: &[u8]) -> TableFile {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("t.csv");
    std::fs::write(&path, bytes).expect("the table is written");
    TableFile { _dir: dir, path }
}

/// Reads `bytes` both ways, the fast path in blocks of about `block` bytes, and holds
/// the fast path to its contract for every query; `Err` says how it broke it.
fn judge(bytes: &[u8], block: usize, queries: &[Query]) -> Result<Verdict, String> {
    judge_with(&LoadOptions::default(), bytes, block, queries)
}

/// The kernel that reads blocks of `block` bytes: the block sizes take each kernel the
/// processor has in turn (portable, SSE2, AVX2), so every run tests them all.
fn kernel_for(block: usize) -> Kernel {
    let all = Kernel::available();
    all[block % all.len()]
}

/// [`judge`] with reader options of the command line.
fn judge_with(
    opts: &LoadOptions,
    bytes: &[u8],
    block: usize,
    queries: &[Query],
) -> Result<Verdict, String> {
    let file = table_file(bytes);
    let opts = *opts;
    let reference = load(&DataSource::Table(file.path.clone()), &opts);
    let scanned = scan_csv_in_blocks(&file.path, &opts, block, kernel_for(block), || {
        Probe::new(queries)
    })
    .map_err(|e| format!("the fast path failed instead of answering: {e}"))?;
    let (mut sinks, rows, lines) = match scanned {
        Scanned::Unsure(why) => {
            return Ok(match reference {
                Ok(_) => Verdict::HandedOver(why),
                Err(_) => Verdict::Rejected,
            })
        }
        Scanned::Valid { sinks, rows, lines } => (sinks, rows, lines),
    };
    let ds = reference.map_err(|e| {
        format!("the fast path answered Valid for a table the loader rejects:\n{e}")
    })?;
    same_rows(&sinks, rows, &lines, &ds)?;
    for (i, q) in queries.iter().enumerate() {
        // As `run_query` does: a fresh `Sums` takes in every core's.
        let mut all = Sums::new(q);
        for p in &mut sinks {
            if let Some(s) = p.sums[i].take() {
                all.merge(s);
            }
        }
        let fast = all.finish(&lines);
        same_answer(aggregate(&ds, q), fast).map_err(|e| format!("query {q:?}:\n{e}"))?;
    }
    Ok(Verdict::Same)
}

/// The fast path read the loader's rows, in file order, on the loader's lines
/// (empty lines counted).
fn same_rows(sinks: &[Probe], rows: u64, lines: &Lines, ds: &Dataset) -> Result<(), String> {
    if rows != ds.observations.len() as u64 {
        return Err(format!(
            "the fast path read {rows} rows, the loader {}",
            ds.observations.len()
        ));
    }
    let mut seen: Vec<(u64, String)> = sinks
        .iter()
        .flat_map(|p| p.seen.iter().map(|(at, id)| (lines.line(*at), id.clone())))
        .collect();
    seen.sort();
    let mut want: Vec<(u64, String)> = ds
        .observations
        .iter()
        .map(|o| (o.origin.line, o.id.clone()))
        .collect();
    want.sort();
    if seen != want {
        return Err(format!(
            "rows placed on other lines (line, id):\nfast path {seen:?}\nloader    {want:?}"
        ));
    }
    Ok(())
}

/// The reference's answer and the fast path's agree: the same rows, notes (the fast
/// path keeps 50 and counts the rest), basis, unit, keys and increments; or the same
/// refusal.
fn same_answer(
    reference: Result<Aggregation, AggregateError>,
    fast: Result<Aggregation, AggregateError>,
) -> Result<(), String> {
    match (reference, fast) {
        (Ok(r), Ok(f)) => {
            let heads = |a: &Aggregation| (a.by.clone(), a.basis, a.unit.clone(), a.increments);
            if heads(&r) != heads(&f) {
                return Err(format!(
                    "by, basis, unit, increments differ:\nloader    {:?}\nfast path {:?}",
                    heads(&r),
                    heads(&f)
                ));
            }
            if r.rows != f.rows {
                return Err(format!(
                    "rows differ:\nloader    {:#?}\nfast path {:#?}",
                    r.rows, f.rows
                ));
            }
            let capped = r.notes.len() > KEPT_NOTES
                && f.notes.len() == KEPT_NOTES + 1
                && f.notes[..KEPT_NOTES] == r.notes[..KEPT_NOTES]
                && f.notes[KEPT_NOTES] == format!("and {} more notes", r.notes.len() - KEPT_NOTES);
            if r.notes != f.notes && !capped {
                return Err(format!(
                    "notes differ:\nloader    {:?}\nfast path {:?}",
                    r.notes, f.notes
                ));
            }
            Ok(())
        }
        (Err(AggregateError::Refused(a)), Err(AggregateError::Refused(b))) if a == b => Ok(()),
        (Err(AggregateError::Overflow), Err(AggregateError::Overflow)) => Ok(()),
        (r, f) => Err(format!(
            "one answers, the other refuses, or they refuse differently:\nloader    {}\nfast path {}",
            describe(&r),
            describe(&f)
        )),
    }
}

fn describe(answer: &Result<Aggregation, AggregateError>) -> String {
    match answer {
        Ok(a) => format!("Ok({} rows, {} notes)", a.rows.len(), a.notes.len()),
        Err(e) => format!("Err({e})"),
    }
}

/// [`judge`] over every block size from 1 to `max` bytes.
fn judge_every_block(bytes: &[u8], max: usize, queries: &[Query]) -> Vec<Verdict> {
    (1..=max)
        .map(|block| {
            judge(bytes, block, queries).unwrap_or_else(|e| {
                panic!(
                    "block {block}: {e}\ntable:\n{}",
                    String::from_utf8_lossy(bytes)
                )
            })
        })
        .collect()
}

/// The different verdicts among `verdicts`, in the order they first come.
fn distinct(verdicts: Vec<Verdict>) -> Vec<Verdict> {
    let mut out: Vec<Verdict> = Vec::new();
    for v in verdicts {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn query(metrics: &[&str], by: &[Dimension]) -> Query {
    Query {
        metrics: metrics.iter().map(|m| m.to_string()).collect(),
        by: by.to_vec(),
        ..Query::default()
    }
}

const HEADER: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

/// Rows that are hard to cut: quoted delimiters, doubled quotes, newlines inside
/// quotes (in key columns too), Chinese text, every qualifier, a period spanning
/// months, an empty line and no final newline.
const TRICKY: &str = concat!(
    "a,2014-04-17,,,Office,national,websites_closed,fraud,,256,,exact,count,event,closed 256 sites,s,\n",
    "b,2014-04-20,,,\"Office, Beijing\",北京,websites_closed,\"色情, 低俗\",,10,,at_least,count,event,\"关闭网站 \"\"10\"\" 余家\",s,\"a note\nover two lines\"\n",
    "\n",
    "c,2014-05-02,,,Office,national,websites_closed,\"multi\nline\",,7,9,range,count,event,\"from 7\nto 9\",s,\n",
    "d,2014-05-31,2014-05-01,2014-05-31,Office,national,websites_closed,fraud,,5,,at_most,count,period,up to 5,s,\n",
    "e,2014-06-30,2014-04-01,2014-06-30,Office,national,websites_closed,fraud,,40,,approx,count,period,about 40,s,\n",
    "f,2014-06-01,,,\"\"\"Quoted\"\" office\",national,arrests,fraud,\"x \"\"y\"\"\",3,,exact,count,event,3 people,s,",
);

#[test]
fn tricky_rows_sum_as_the_loader_sums_them_in_blocks_of_any_size() {
    let table = format!("{HEADER}\n{TRICKY}");
    let queries = [
        query(
            &["websites_closed"],
            &[Dimension::Month, Dimension::Category],
        ),
        query(&["websites_closed", "arrests"], &[Dimension::Authority]),
        query(
            &["websites_closed", "arrests"],
            &[Dimension::Metric, Dimension::Region, Dimension::Entity],
        ),
        Query {
            region: Some("北京".into()),
            ..query(&["websites_closed"], &[Dimension::Category])
        },
    ];
    let verdicts = judge_every_block(table.as_bytes(), 300, &queries);
    assert_eq!(distinct(verdicts), [Verdict::Same]);
}

/// Regression: a CRLF table is handed over at its header (the `csv` crate ends the
/// header record at the CR, so the header looks unusual), though the fast path reads
/// CRLF rows.
#[test]
fn a_crlf_table_takes_the_fast_path_and_sums_as_the_loader() {
    // The line ends of the records only: quoted newlines stay LF, as spreadsheets
    // write them.
    let table = format!("{HEADER}\r\n{}", TRICKY.replace(",\n", ",\r\n"));
    let queries = [query(
        &["websites_closed"],
        &[Dimension::Month, Dimension::Category],
    )];
    let verdicts = judge_every_block(table.as_bytes(), 200, &queries);
    assert_eq!(distinct(verdicts), [Verdict::Same]);
}

/// The line each row starts on, as the fast path places it, in blocks of about
/// `block` bytes.
fn fast_lines(bytes: &[u8], block: usize) -> Vec<(u64, String)> {
    let file = table_file(bytes);
    let scanned = scan_csv_in_blocks(
        &file.path,
        &LoadOptions::default(),
        block,
        kernel_for(block),
        || Probe::new(&[]),
    );
    let Ok(Scanned::Valid { sinks, lines, .. }) = scanned else {
        panic!("block {block}: not answered")
    };
    let mut seen: Vec<(u64, String)> = sinks
        .iter()
        .flat_map(|p| p.seen.iter().map(|(at, id)| (lines.line(*at), id.clone())))
        .collect();
    seen.sort();
    seen
}

#[test]
fn rows_are_placed_on_their_lines_in_blocks_of_any_size() {
    let mut table = format!("{HEADER}\n");
    let mut want = Vec::new();
    let mut line = 2;
    for i in 0..40u64 {
        want.push((line, format!("r{i}")));
        let blank = if i % 7 == 3 { "\n\n" } else { "" };
        table.push_str(&format!(
            "r{i},2014-04-{:02},,,O,national,m,\"line\n{i}\",,{i},,exact,count,event,q,s,\n{blank}",
            i % 28 + 1
        ));
        line += 2 + blank.len() as u64;
    }
    for block in 1..=400 {
        assert_eq!(fast_lines(table.as_bytes(), block), want, "block {block}");
    }
    let verdicts = judge_every_block(
        table.as_bytes(),
        100,
        &[query(&["m"], &[Dimension::Category])],
    );
    assert_eq!(distinct(verdicts), [Verdict::Same]);
}

#[test]
fn more_than_fifty_notes_are_capped_with_the_first_fifty_kept_in_file_order() {
    let mut table = format!("{HEADER}\n");
    for i in 0..70 {
        table.push_str(&format!(
            "p{i},2014-06-30,2014-04-01,2014-06-30,O,national,m,,,{i},,exact,count,period,q,s,\n"
        ));
    }
    table.push_str("e,2014-05-03,,,O,national,m,,,1,,exact,count,event,q,s,\n");
    let q = Query {
        basis: Some(Basis::Period),
        ..query(&["m"], &[Dimension::Month])
    };
    for block in [64, 200, 1000, 100_000] {
        assert_eq!(
            judge(table.as_bytes(), block, std::slice::from_ref(&q)),
            Ok(Verdict::Same)
        );
    }
}

#[test]
fn refusals_are_worded_as_the_loaders() {
    let table = format!(
        "{HEADER}\n\
         a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n\
         b,2014-04-18,,,O,national,m,,,2,,exact,yuan,event,q,s,\n\
         c,2014-04-19,2014-01-01,2014-04-19,O,national,n,,,3,,exact,count,cumulative,q,s,\n\
         d,2014-04-20,2014-01-01,2014-04-20,O,beijing,n,,,4,,exact,count,cumulative,q,s,\n\
         r,2014-04-20,,,O,national,n,,,4,,exact,per_day,rate,q,s,\n\
         t,2014-04-20,,,O,national,n,,,4,,exact,per_day,rate,q,s,\n"
    );
    let queries = [
        query(&["m"], &[Dimension::Month]),
        query(&["nope"], &[Dimension::Month]),
        query(&["m", "n"], &[Dimension::Month]),
        Query {
            basis: Some(Basis::Cumulative),
            ..query(&["n"], &[Dimension::Month])
        },
        Query {
            basis: Some(Basis::Rate),
            ..query(&["n"], &[Dimension::Month])
        },
        Query {
            increments: true,
            ..query(&["n"], &[Dimension::Month, Dimension::Region])
        },
    ];
    let file = table_file(table.as_bytes());
    let ds = load(
        &DataSource::Table(file.path.clone()),
        &LoadOptions::default(),
    )
    .unwrap();
    let refused = queries
        .iter()
        .filter(|q| matches!(aggregate(&ds, q), Err(AggregateError::Refused(_))))
        .count();
    assert_eq!(refused, queries.len() - 1, "the questions test refusals");
    for block in [16, 100, 4096] {
        assert_eq!(judge(table.as_bytes(), block, &queries), Ok(Verdict::Same));
    }
}

/// Tables the loader rejects, one broken rule each (in the first row or the last),
/// where a careless fast path might still add up the rows it can read.
#[test]
fn no_broken_table_is_answered() {
    let ok = "a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,";
    let broken: &[&[u8]] = &[
        b"b,2014-02-30,,,O,national,m,,,1,,exact,count,event,q,s,",
        b"b,2014-04-17,,,O,national,m,,,-5,,exact,count,event,q,s,",
        b"b,2014-04-17,,,O,national,m,,,5,,exact,furlongs,event,q,s,",
        b"a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,",
        b"b,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s",
        b"b,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,,",
        b"b,2014-04-17,,,O,national,m,,,1,,exact,count,event,\"q,s,",
        b"b,2014-04-17,,,O,national,m,,,1,,exact,count,event,q\0,s,",
        b"b,2014-04-17,,,O,national,m,,,1,,exact,count,event,q\xE9,s,",
        b"b,2014-04-17,,,O,\xE5\x8C,m,,,1,,exact,count,event,q,s,",
        b"b,2014-04-17,,,O,national,m,,,1,,exact,count,event,  ,s,",
        b"b,2014-04-17,,,O,national,m,,,101,,exact,percent,share,q,s,",
        b"b,2014-04-17,,,O,national,m,,,9,5,range,count,event,q,s,",
        b"b,2014-04-17,2014-04-01,,O,national,m,,,9,,exact,count,period,q,s,",
        b"b,2014-04-17,,,O,national,Bad Metric,,,9,,exact,count,event,q,s,",
        b"b,2014-04-17,,,O,national,m,,,\"1,000\",,exact,count,event,q,s,",
    ];
    let q = [query(&["m"], &[Dimension::Month])];
    for row in broken {
        let mut good = format!("{ok}\n");
        for i in 0..30 {
            good.push_str(&ok.replacen("a,", &format!("x{i},"), 1));
            good.push('\n');
        }
        let first = [HEADER.as_bytes(), b"\n", row, b"\n", good.as_bytes()].concat();
        let last = [HEADER.as_bytes(), b"\n", good.as_bytes(), row].concat();
        for table in [first, last] {
            for block in [16, 60, 1000, 1 << 20] {
                assert_eq!(
                    judge(&table, block, &q),
                    Ok(Verdict::Rejected),
                    "block {block}:\n{}",
                    String::from_utf8_lossy(&table)
                );
            }
        }
    }
    for table in [
        format!("{HEADER},colour\n{ok},red\n"),
        format!("{}\n{ok}\n", HEADER.replace("quote", "qoute")),
        format!(
            "{}\n{}\n",
            HEADER.replace("quote,", ""),
            ok.replace(",q,", ",")
        ),
        format!("{HEADER}\n"),
        format!("{HEADER}\n\n\n"),
        String::new(),
    ] {
        assert_eq!(
            judge(table.as_bytes(), 64, &q),
            Ok(Verdict::Rejected),
            "{table:?}"
        );
    }
}

#[test]
fn the_field_length_limit_counts_characters_as_the_loader_does() {
    let row = |entity: &str| {
        format!("{HEADER}\na,2014-04-17,,,O,national,m,,\"{entity}\",1,,exact,count,event,q,s,\n")
    };
    let q = [query(&["m"], &[Dimension::Entity])];
    let opts = LoadOptions {
        max_field_len: 100,
        ..LoadOptions::default()
    };
    for block in [16, 1 << 20] {
        let judged = |t: String| judge_with(&opts, t.as_bytes(), block, &q);
        // 100 characters in 300 bytes: within the limit.
        assert_eq!(judged(row(&"网".repeat(100))), Ok(Verdict::Same));
        assert_eq!(judged(row(&"x".repeat(101))), Ok(Verdict::Rejected));
        assert_eq!(judged(row(&"网".repeat(101))), Ok(Verdict::Rejected));
        // 101 characters once the doubled quotes are undone: the loader's count.
        assert_eq!(
            judged(row(&format!("{}\"\"", "x".repeat(100)))),
            Ok(Verdict::Rejected)
        );
    }
}

#[test]
fn other_delimiters_sum_as_the_loader_sums_them() {
    for delimiter in [b';', b'\t', b'|'] {
        let d = char::from(delimiter).to_string();
        let table = format!(
            "{}\n\
             a,2014-04-17,,,O,national,m,\"x, y; z|w\tv\",,1,,exact,count,event,\"q\"\"\",s,\n\
             b,2014-05-17,,,O,national,m,plain,,2,,exact,count,event,\"two\nlines\",s,\n\
             c,2014-05-18,,,O,national,m,\"x, y; z|w\tv\",,4,,at_least,count,event,q,s,",
            HEADER
        )
        // The commas that delimit: every one outside quotes.
        .split('"')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                part.replace(',', &d)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\"");
        let opts = LoadOptions {
            delimiter,
            ..LoadOptions::default()
        };
        let q = [query(&["m"], &[Dimension::Month, Dimension::Category])];
        for block in [1, 16, 64, 1 << 20] {
            assert_eq!(
                judge_with(&opts, table.as_bytes(), block, &q),
                Ok(Verdict::Same),
                "{table:?}"
            );
        }
    }
}

#[test]
fn a_header_with_padded_or_quoted_names_is_read_as_the_loader_reads_it() {
    let header = HEADER
        .replace("id,", "\"id\",")
        .replace("category", " category ")
        .replace("note", "\"no\nte\"");
    let table = format!(
        "{header}\na,2014-04-17,,,O,national,m,fraud,,1,,exact,count,event,q,s,\n\
         b,2014-04-18,,,O,national,m,,,2,,exact,count,event,q,s,\n"
    );
    let q = [query(&["m"], &[Dimension::Category])];
    // `no\nte` is not a column: the table is rejected, and so on every path.
    assert_eq!(judge(table.as_bytes(), 16, &q), Ok(Verdict::Rejected));
    let table = table.replace("\"no\nte\"", "note");
    for block in [1, 16, 1 << 20] {
        assert_eq!(judge(table.as_bytes(), block, &q), Ok(Verdict::Same));
    }
}

/// Bytes the loader reads but the fast path leaves to it: the answer is the
/// loader's either way.
#[test]
fn unusual_bytes_are_handed_over_or_read_alike() {
    let ok = "a,2014-04-17,,,O,national,m,x,,1,,exact,count,event,q,s,";
    let b = "b,2014-04-18,,,O,national,m,y,,2,,exact,count,event,q,s,";
    let cases: Vec<Vec<u8>> = vec![
        [
            &[0xEF, 0xBB, 0xBF][..],
            format!("{HEADER}\n{ok}\n{b}\n").as_bytes(),
        ]
        .concat(),
        format!("{HEADER}\r{ok}\r{b}\r").into_bytes(),
        format!("{HEADER}\n{ok}\r{b}\n").into_bytes(),
        format!("{HEADER}\n\n{ok}\n{b}\n").into_bytes(),
        format!("\n{HEADER}\n{ok}\n{b}\n").into_bytes(),
        format!(
            "{HEADER}\n{ok}\n{}\n",
            b.replace(",q,", ",closed 5 \"big\" sites,")
        )
        .into_bytes(),
        format!("{HEADER}\n{ok}\n{}\n", b.replace(",y,", ",\"y\"z,")).into_bytes(),
        format!("{HEADER}\n{ok}\n{}\n", b.replace(",y,", ",\"y\rz\",")).into_bytes(),
        format!("{HEADER}\n{ok}\n{}\n", b.replace(",q,", ",\"q\" ,")).into_bytes(),
    ];
    let q = [
        query(&["m"], &[Dimension::Month, Dimension::Category]),
        query(&["m"], &[Dimension::Category]),
    ];
    for table in &cases {
        for block in [1, 16, 64, 4096] {
            let verdict = judge(table, block, &q).unwrap_or_else(|e| {
                panic!("block {block}: {e}\n{:?}", String::from_utf8_lossy(table))
            });
            assert!(
                matches!(verdict, Verdict::Same | Verdict::HandedOver(_)),
                "{verdict:?}: {:?}",
                String::from_utf8_lossy(table)
            );
        }
    }
}

/// Regression: a CRLF inside a quoted key, in a table of LF line ends (text pasted
/// from Windows). The loader reads every CRLF as LF, inside quotes too; the fast path
/// kept the CR, and the key then differed. It now hands such a table over.
#[test]
fn crlf_inside_a_quoted_key_is_read_as_the_loader_reads_it() {
    let table = format!(
        "{HEADER}\na,2014-04-17,,,O,national,m,\"two\r\nlines\",,1,,exact,count,event,q,s,\n"
    );
    let q = [query(&["m"], &[Dimension::Category])];
    assert_eq!(
        judge(table.as_bytes(), 1 << 20, &q),
        Ok(Verdict::HandedOver("a CR inside quotes"))
    );
}

/// Regression: a query of two metrics, one of them without a running total that the
/// filters select. The loader answers with the other metric's running totals; the
/// fast path must not refuse it as a metric no observation has.
#[test]
fn a_metric_filtered_out_of_running_totals_is_not_refused() {
    let table = format!(
        "{HEADER}\n\
         a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n\
         b,2014-04-18,,,O,national,n,,,2,,exact,count,cumulative,q,s,\n"
    );
    let q = [Query {
        basis: Some(Basis::Cumulative),
        ..query(&["m", "n"], &[Dimension::Month])
    }];
    assert_eq!(judge(table.as_bytes(), 1 << 20, &q), Ok(Verdict::Same));
}

/// Regression: `--increments` with another basis, for a metric the table does not
/// have. The loader names the metric first; the fast path refused the options
/// before reading a row, with other words.
#[test]
fn an_unknown_metric_is_named_before_the_options_are_refused() {
    let table = format!("{HEADER}\na,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n");
    let q = [Query {
        basis: Some(Basis::Event),
        increments: true,
        ..query(&["nope"], &[Dimension::Month])
    }];
    assert_eq!(judge(table.as_bytes(), 1 << 20, &q), Ok(Verdict::Same));
}

// ---------------------------------------------------------------------------
// Random tables.

/// Cell texts that keep every rule and hold what CSV makes hard: delimiters, quotes,
/// newlines, Chinese. Keys (authority, region, category, entity) are among them.
const AUTHORITIES: [&str; 6] = [
    "Office",
    "国家互联网信息办公室",
    "Office, Beijing",
    "the \"Office\"",
    "two\nlines",
    "",
];
const REGIONS: [&str; 5] = [
    "national",
    "北京",
    "Guang, dong",
    "\"quoted\" region",
    "line\nbreak",
];
const METRICS: [&str; 3] = ["websites_closed", "arrests", "fines_yuan"];
const CATEGORIES: [&str; 6] = ["", "fraud", "色情", "a, b", "say \"hi\"", "multi\nline"];
const ENTITIES: [&str; 4] = ["", "Baidu", "新浪; Sina", "x \"y\""];
const QUOTES: [&str; 5] = [
    "closed 5 sites",
    "关闭网站1,222家",
    "he said \"more than 100\"",
    "line one\nline two",
    "a,b,,c",
];
const NOTES: [&str; 3] = ["", "note, with a comma", "注：含\"引号\""];
const SOURCES: [&str; 3] = ["s", "新华社", ""];

/// Optional columns a table may leave out; the period's two go together.
const OPTIONAL: [&[&str]; 7] = [
    &["period_start", "period_end"],
    &["authority"],
    &["category"],
    &["entity"],
    &["value_max"],
    &["source"],
    &["note"],
];

/// One row, as indexes into the pools above and a few numbers.
#[derive(Debug, Clone)]
struct RowSpec {
    /// Months since 2014-01.
    month: u32,
    day: u32,
    /// Months before `month` that a period starts.
    span: u32,
    with_period: bool,
    basis: usize,
    qualifier: usize,
    value: i64,
    extra: i64,
    odd_unit: bool,
    text: [usize; 8],
}

fn row_spec() -> impl Strategy<Value = RowSpec> {
    (
        (
            0u32..18,
            1u32..=28,
            0u32..3,
            any::<bool>(),
            0usize..10,
            0usize..5,
        ),
        (
            prop_oneof![9 => 0i64..5000, 1 => (i64::MAX - 10)..=i64::MAX],
            0i64..50,
            proptest::bool::weighted(0.005),
        ),
        (
            0..AUTHORITIES.len(),
            0..REGIONS.len(),
            0..METRICS.len(),
            0..CATEGORIES.len(),
            0..ENTITIES.len(),
            0..QUOTES.len(),
            0..NOTES.len(),
            0..SOURCES.len(),
        ),
    )
        .prop_map(
            |((month, day, span, with_period, basis, qualifier), (value, extra, odd_unit), t)| {
                RowSpec {
                    month,
                    day,
                    span,
                    with_period,
                    basis,
                    qualifier,
                    value,
                    extra,
                    odd_unit,
                    text: [t.0, t.1, t.2, t.3, t.4, t.5, t.6, t.7],
                }
            },
        )
}

fn day(months: u32, day: u32) -> String {
    format!("{}-{:02}-{day:02}", 2014 + months / 12, months % 12 + 1)
}

impl RowSpec {
    /// The text of each of [`OBSERVATION_COLUMNS`], valid in a table that has the
    /// columns `has` says it has and bases of `variety` (0: events; 1: events and
    /// periods; 2: running totals; 3: any).
    fn cells(&self, id: &str, variety: u8, has: &dyn Fn(&str) -> bool) -> [String; 17] {
        let mut basis = match variety {
            0 => Basis::Event,
            1 => [Basis::Event, Basis::Period][self.basis % 2],
            2 => Basis::Cumulative,
            _ => Basis::ALL[self.basis % 5],
        };
        let periods = has("period_start");
        if basis == Basis::Period && !periods {
            basis = Basis::Event;
        }
        let date = day(self.month, self.day);
        let (start, end) = if periods && (basis == Basis::Period || self.with_period) {
            (day(self.month.saturating_sub(self.span), 1), date.clone())
        } else {
            (String::new(), String::new())
        };
        let mut qualifier = Qualifier::ALL[self.qualifier];
        if qualifier == Qualifier::Range && !has("value_max") {
            qualifier = Qualifier::Exact;
        }
        let metric = METRICS[self.text[2]];
        let (mut value, mut value_max) = (self.value, self.value.saturating_add(self.extra));
        let unit = match basis {
            Basis::Share => {
                value %= 101;
                value_max = (value + self.extra).min(100);
                "percent"
            }
            Basis::Rate => "per_day",
            _ if self.odd_unit => "years",
            _ if metric == "fines_yuan" => "yuan",
            _ => "count",
        };
        let value_max = if qualifier == Qualifier::Range {
            value_max.to_string()
        } else {
            String::new()
        };
        [
            id.to_string(),
            date,
            start,
            end,
            AUTHORITIES[self.text[0]].to_string(),
            REGIONS[self.text[1]].to_string(),
            metric.to_string(),
            CATEGORIES[self.text[3]].to_string(),
            ENTITIES[self.text[4]].to_string(),
            value.to_string(),
            value_max,
            qualifier.as_str().to_string(),
            unit.to_string(),
            basis.as_str().to_string(),
            QUOTES[self.text[5]].to_string(),
            SOURCES[self.text[7]].to_string(),
            NOTES[self.text[6]].to_string(),
        ]
    }
}

/// One way to spoil a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mutation {
    // A rule the loader holds: it rejects the table.
    BadDate,
    NegativeValue,
    UnknownUnit,
    BadQualifier,
    ShareOver100,
    DuplicateId,
    MissingField,
    ExtraField,
    EmptyQuote,
    UnknownColumn,
    NoRows,
    Nul,
    BadUtf8,
    // Bytes the loader may read, that the fast path need not.
    StrayQuote,
    TextAfterQuote,
    LoneCrInQuotes,
    CrLineEnd,
    Unterminated,
    Bom,
    BlankFirstLine,
}

impl Mutation {
    const ALL: [Mutation; 20] = [
        Mutation::BadDate,
        Mutation::NegativeValue,
        Mutation::UnknownUnit,
        Mutation::BadQualifier,
        Mutation::ShareOver100,
        Mutation::DuplicateId,
        Mutation::MissingField,
        Mutation::ExtraField,
        Mutation::EmptyQuote,
        Mutation::UnknownColumn,
        Mutation::NoRows,
        Mutation::Nul,
        Mutation::BadUtf8,
        Mutation::StrayQuote,
        Mutation::TextAfterQuote,
        Mutation::LoneCrInQuotes,
        Mutation::CrLineEnd,
        Mutation::Unterminated,
        Mutation::Bom,
        Mutation::BlankFirstLine,
    ];

    fn breaks_a_rule(self) -> bool {
        (self as usize) < (Mutation::StrayQuote as usize)
    }
}

/// A cell as written: text, quoted when it must be (or always); or raw bytes.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Raw(Vec<u8>),
}

/// A random table: its rows, its layout, and at most one spoiling.
#[derive(Debug, Clone)]
struct TableSpec {
    rows: Vec<RowSpec>,
    /// The order of [`OBSERVATION_COLUMNS`] in the file.
    order: Vec<usize>,
    /// Bits of the [`OPTIONAL`] groups left out.
    absent: u8,
    variety: u8,
    crlf: bool,
    /// Newlines inside quotes are CRLF (whatever the line ends of the records).
    crlf_in_quotes: bool,
    quote_all: bool,
    final_newline: bool,
    /// An empty line follows row `i` when `blank[i % 64] < 16`.
    blank: Vec<u8>,
    mutation: Option<(Mutation, prop::sample::Index)>,
}

fn table_spec() -> impl Strategy<Value = TableSpec> {
    let identity: Vec<usize> = (0..OBSERVATION_COLUMNS.len()).collect();
    (
        proptest::collection::vec(row_spec(), 1..60),
        prop_oneof![Just(identity.clone()), Just(identity).prop_shuffle()],
        prop_oneof![Just(0u8), 0u8..128],
        0u8..4,
        (
            proptest::bool::weighted(0.3),
            proptest::bool::weighted(0.15),
            proptest::bool::weighted(0.2),
            proptest::bool::weighted(0.8),
        ),
        proptest::collection::vec(any::<u8>(), 64),
        proptest::option::weighted(
            0.35,
            (
                prop::sample::select(Mutation::ALL.to_vec()),
                any::<prop::sample::Index>(),
            ),
        ),
    )
        .prop_map(
            |(
                rows,
                order,
                absent,
                variety,
                (crlf, crlf_in_quotes, quote_all, final_newline),
                blank,
                mutation,
            )| {
                TableSpec {
                    rows,
                    order,
                    absent,
                    variety,
                    crlf,
                    crlf_in_quotes,
                    quote_all,
                    final_newline,
                    blank,
                    mutation,
                }
            },
        )
}

impl TableSpec {
    fn has(&self, column: &str) -> bool {
        !OPTIONAL
            .iter()
            .enumerate()
            .any(|(bit, group)| self.absent & (1 << bit) != 0 && group.contains(&column))
    }

    fn mutation(&self) -> Option<Mutation> {
        self.mutation.map(|(m, _)| m)
    }

    /// The records: the header, then one per row, spoiled as the mutation says.
    fn records(&self) -> Vec<Vec<Cell>> {
        let columns: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&c| self.has(OBSERVATION_COLUMNS[c]))
            .collect();
        let at = |name: &str| columns.iter().position(|&c| OBSERVATION_COLUMNS[c] == name);
        let has = |c: &str| self.has(c);
        let mut records: Vec<Vec<Cell>> = vec![columns
            .iter()
            .map(|&c| Cell::Text(OBSERVATION_COLUMNS[c].to_string()))
            .collect()];
        for (i, r) in self.rows.iter().enumerate() {
            let cells = r.cells(&format!("r{i}"), self.variety, &has);
            records.push(
                columns
                    .iter()
                    .map(|&c| Cell::Text(cells[c].clone()))
                    .collect(),
            );
        }
        let Some((mutation, index)) = self.mutation else {
            return records;
        };
        let k = 1 + index.index(self.rows.len());
        let set = |records: &mut Vec<Vec<Cell>>, name: &str, cell: Cell| {
            if let Some(c) = at(name) {
                records[k][c] = cell;
            }
        };
        let text = |t: &str| Cell::Text(t.to_string());
        let raw = |b: &[u8]| Cell::Raw(b.to_vec());
        match mutation {
            Mutation::BadDate => set(&mut records, "date", text("2014-02-30")),
            Mutation::NegativeValue => set(&mut records, "value", text("-5")),
            Mutation::UnknownUnit => set(&mut records, "unit", text("furlongs")),
            Mutation::BadQualifier => set(&mut records, "qualifier", text("exactly")),
            Mutation::ShareOver100 => {
                for (name, t) in [
                    ("value", "101"),
                    ("value_max", ""),
                    ("qualifier", "exact"),
                    ("unit", "percent"),
                    ("basis", "share"),
                ] {
                    set(&mut records, name, text(t));
                }
            }
            Mutation::DuplicateId => {
                let copy = records[1].clone();
                if k == 1 {
                    records.push(copy);
                } else {
                    set(&mut records, "id", text("r0"));
                }
            }
            Mutation::MissingField => {
                records[k].pop();
            }
            Mutation::ExtraField => records[k].push(text("extra")),
            Mutation::EmptyQuote => set(&mut records, "quote", text(" ")),
            Mutation::UnknownColumn => {
                records[0].push(text("colour"));
                for r in records.iter_mut().skip(1) {
                    r.push(text("red"));
                }
            }
            Mutation::NoRows => records.truncate(1),
            Mutation::Nul => set(&mut records, "quote", text("nul\0byte")),
            Mutation::BadUtf8 => set(&mut records, "region", raw(b"bad \xE9 byte")),
            Mutation::StrayQuote => set(&mut records, "quote", raw(b"closed 5 \"big\" sites")),
            Mutation::TextAfterQuote => set(&mut records, "quote", raw(b"\"closed\" 5 sites")),
            Mutation::LoneCrInQuotes => set(&mut records, "region", raw(b"\"lone\rcr\"")),
            Mutation::Unterminated => set(&mut records, "quote", raw(b"\"never closed")),
            Mutation::CrLineEnd | Mutation::Bom | Mutation::BlankFirstLine => {}
        }
        records
    }

    /// The table's bytes.
    fn render(&self) -> Vec<u8> {
        let end: &[u8] = if self.crlf { b"\r\n" } else { b"\n" };
        let mut out = Vec::new();
        match self.mutation() {
            Some(Mutation::Bom) => out.extend_from_slice(&[0xEF, 0xBB, 0xBF]),
            Some(Mutation::BlankFirstLine) => out.extend_from_slice(end),
            _ => {}
        }
        let cr_after = match self.mutation {
            Some((Mutation::CrLineEnd, index)) => Some(index.index(self.rows.len())),
            _ => None,
        };
        let records = self.records();
        for (i, record) in records.iter().enumerate() {
            for (j, cell) in record.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                match cell {
                    Cell::Raw(bytes) => out.extend_from_slice(bytes),
                    Cell::Text(t) => {
                        let quoted = self.quote_all || t.contains([',', '"', '\n', '\r']);
                        let mut t = t.replace('"', "\"\"");
                        if self.crlf_in_quotes {
                            t = t.replace('\n', "\r\n");
                        }
                        if quoted {
                            out.push(b'"');
                            out.extend_from_slice(t.as_bytes());
                            out.push(b'"');
                        } else {
                            out.extend_from_slice(t.as_bytes());
                        }
                    }
                }
            }
            if i + 1 == records.len() && !self.final_newline {
                break;
            }
            if cr_after == Some(i) {
                out.push(b'\r');
            } else {
                out.extend_from_slice(end);
            }
            if i > 0 && i + 1 < records.len() && self.blank[i % 64] < 16 {
                out.extend_from_slice(end);
            }
        }
        out
    }
}

fn some_day() -> impl Strategy<Value = Date> {
    (0u32..18, 1u32..=28).prop_map(|(m, d)| Date::parse(&day(m, d)).expect("a real day"))
}

fn query_spec() -> impl Strategy<Value = Query> {
    (
        prop::sample::subsequence(METRICS.to_vec(), 1..=3),
        proptest::bool::weighted(0.05),
        prop::sample::subsequence(Dimension::ALL.to_vec(), 1..=3).prop_shuffle(),
        proptest::option::weighted(0.15, 0..REGIONS.len()),
        proptest::option::weighted(0.15, 0..CATEGORIES.len()),
        proptest::option::weighted(0.2, some_day()),
        proptest::option::weighted(0.2, some_day()),
        prop_oneof![
            10 => Just(None),
            2 => Just(Some(Basis::Event)),
            2 => Just(Some(Basis::Period)),
            2 => Just(Some(Basis::Cumulative)),
            1 => Just(Some(Basis::Rate)),
            1 => Just(Some(Basis::Share)),
        ],
        proptest::option::weighted(0.1, prop::sample::select(vec!["count", "yuan", "percent"])),
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(metrics, unknown, by, region, category, from, to, basis, unit, increments)| {
                let mut metrics: Vec<String> = metrics.iter().map(|m| m.to_string()).collect();
                if unknown {
                    metrics.push("no_such_metric".into());
                }
                // The command line refuses --to before --from.
                let (from, to) = match (from, to) {
                    (Some(f), Some(t)) if t < f => (Some(t), Some(f)),
                    other => other,
                };
                Query {
                    metrics,
                    by,
                    from,
                    to,
                    region: region.map(|r| REGIONS[r].to_string()),
                    category: category.map(|c| CATEGORIES[c].to_string()),
                    basis,
                    unit: unit.map(str::to_string),
                    increments,
                }
            },
        )
}

/// Cases of the property below.
const CASES: u32 = 1000;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: CASES,
        // Minimal failing tables are reported in the test's output, not written
        // into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random tables in random blocks under random queries: the fast path answers as
    /// the loader does, or hands over; a spoiled table is never answered.
    #[test]
    fn the_fast_path_answers_as_the_loader_or_hands_over(
        table in table_spec(),
        block in 16usize..600,
        queries in proptest::collection::vec(query_spec(), 1..5),
    ) {
        let bytes = table.render();
        let shown = String::from_utf8_lossy(&bytes).into_owned();
        let verdict = judge(&bytes, block, &queries);
        prop_assert!(verdict.is_ok(), "{}\nblock {block}, table:\n{shown:?}", verdict.unwrap_err());
        let verdict = verdict.unwrap_or(Verdict::Rejected);
        match table.mutation() {
            // A CR inside quotes is left to the exact path, which reads a CRLF
            // there as LF, as the loader does.
            None if bytes.contains(&b'\r') => prop_assert!(
                matches!(verdict, Verdict::Same | Verdict::HandedOver("a CR inside quotes")),
                "{:?}: {:?}", verdict, shown
            ),
            None => prop_assert_eq!(
                verdict, Verdict::Same,
                "a plain valid table is handed over; table:\n{:?}", shown
            ),
            Some(m) if m.breaks_a_rule() => prop_assert_eq!(
                verdict, Verdict::Rejected,
                "the loader accepts a table spoiled by {:?}:\n{:?}", m, shown
            ),
            Some(_) => {}
        }
    }
}

// ---------------------------------------------------------------------------
// Parquet.
//
// The same contract for `scan_parquet`, which reads row groups on every core and
// only the columns the rules and the sums read. Each table is read by the fast path
// once with every column (for the rows and their lines) and once per query with that
// query's own `Sums` as the sink, as `run_query` reads it, so that the columns a
// query leaves out are left out here too.

/// A Parquet table written to a file of its own, in row groups of `group` rows
/// (polars' own size when `None`).
fn parquet_file(df: &mut DataFrame, group: Option<usize>) -> TableFile {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("t.parquet");
    let file = std::fs::File::create(&path).expect("the table is created");
    ParquetWriter::new(file)
        .with_row_group_size(group)
        .finish(df)
        .expect("the table is written");
    TableFile { _dir: dir, path }
}

/// The row groups of the Parquet table at `path`.
fn row_groups(path: &Path) -> usize {
    let file = std::fs::File::open(path).expect("the table is there");
    let mut reader = ParquetReader::new(file);
    reader.get_metadata().expect("metadata").row_groups.len()
}

/// Reads the Parquet table at `path` both ways and holds the fast path to its
/// contract for every query; `Err` says how it broke it.
fn judge_parquet(path: &Path, queries: &[Query]) -> Result<Verdict, String> {
    let reference = load(
        &DataSource::Table(path.to_path_buf()),
        &LoadOptions::default(),
    );
    let failed = |e: DataError| format!("the fast path failed instead of answering: {e}");
    let accepted = |what: String| {
        reference.as_ref().map_err(|e| {
            format!("the fast path answered Valid ({what}) for a table the loader rejects:\n{e}")
        })
    };
    let mut handed_over = None;
    match scan_parquet(path, || Probe::new(&[])).map_err(failed)? {
        Scanned::Unsure(why) => handed_over = Some(why),
        Scanned::Valid { sinks, rows, lines } => {
            let ds = accepted("every column read".into())?;
            same_rows(&sinks, rows, &lines, ds)?;
        }
    }
    for q in queries {
        match scan_parquet(path, || Sums::new(q)).map_err(failed)? {
            Scanned::Unsure(why) => {
                handed_over.get_or_insert(why);
            }
            Scanned::Valid { sinks, lines, .. } => {
                let ds = accepted(format!("query {q:?}"))?;
                // As `run_query` does: a fresh `Sums` takes in every core's.
                let mut all = Sums::new(q);
                for s in sinks {
                    all.merge(s);
                }
                same_answer(aggregate(ds, q), all.finish(&lines))
                    .map_err(|e| format!("query {q:?}:\n{e}"))?;
            }
        }
    }
    Ok(match (reference, handed_over) {
        (Err(_), _) => Verdict::Rejected,
        (Ok(_), Some(why)) => Verdict::HandedOver(why),
        (Ok(_), None) => Verdict::Same,
    })
}

/// The observations of a CSV table, checked by the loader, as the frame the
/// project writes to Parquet.
fn frame_of_csv(bytes: &[u8]) -> DataFrame {
    let file = table_file(bytes);
    let ds = load(
        &DataSource::Table(file.path.clone()),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("the loader rejects the table: {e}"));
    observations_frame(&ds.observations).expect("a frame")
}

/// Every column of `df` as text, as a tool that knows no types writes a table.
fn as_text(df: &DataFrame) -> DataFrame {
    let columns: Vec<Column> = df
        .columns()
        .iter()
        .map(|c| c.cast(&DataType::String).expect("text"))
        .collect();
    DataFrame::new(df.height(), columns).expect("a frame")
}

/// A frame as lines of text: the columns and their types, then one line per row
/// (polars is built without its own printing).
fn shown(df: &DataFrame) -> String {
    let mut out: Vec<String> = vec![df
        .columns()
        .iter()
        .map(|c| format!("{}: {}", c.name(), c.dtype()))
        .collect::<Vec<_>>()
        .join(" | ")];
    for row in 0..df.height() {
        let cells: Vec<String> = df
            .columns()
            .iter()
            .map(|c| format!("{:?}", cell(df, c.name(), row)))
            .collect();
        out.push(cells.join(" | "));
    }
    out.join("\n")
}

/// The text of column `name` in row `row` (None: null).
fn cell(df: &DataFrame, name: &str, row: usize) -> Option<String> {
    let text = df
        .column(name)
        .expect("the column")
        .cast(&DataType::String)
        .expect("text");
    let text = text.str().expect("text");
    text.get(row).map(str::to_string)
}

/// Sets column `name` of row `row` to `text` (null when `None`), if the table has
/// the column. The column keeps its type when the text can be read back in it, and
/// becomes text when it cannot (a day that does not exist in a column of dates).
fn set_cell(df: &mut DataFrame, name: &str, row: usize, text: Option<&str>) {
    let Ok(column) = df.column(name) else { return };
    let dtype = column.dtype().clone();
    let texts = column.cast(&DataType::String).expect("text");
    let mut cells: Vec<Option<&str>> = texts.str().expect("text").iter().collect();
    cells[row] = text;
    let new = Column::new(name.into(), cells);
    let new = new.strict_cast(&dtype).unwrap_or(new);
    df.with_column(new).expect("a column of the same height");
}

/// One way to spoil a Parquet table so that the loader rejects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spoil {
    NegativeValue,
    BadQualifier,
    DuplicateId,
    /// A quote of spaces only.
    EmptyQuote,
    /// A null in a required column.
    Null(&'static str),
    NotSnakeCaseId,
    BadMetric,
    UnknownUnit,
    /// A day that does not exist: the column of dates becomes text.
    BadDate,
    ShareOver100,
    /// A range whose high end is below its low end.
    UpsideDownRange,
    UnknownColumn,
    MissingColumn,
    NoRows,
}

impl Spoil {
    const ALL: [Spoil; 22] = [
        Spoil::NegativeValue,
        Spoil::BadQualifier,
        Spoil::DuplicateId,
        Spoil::EmptyQuote,
        Spoil::Null("id"),
        Spoil::Null("date"),
        Spoil::Null("region"),
        Spoil::Null("metric"),
        Spoil::Null("value"),
        Spoil::Null("qualifier"),
        Spoil::Null("unit"),
        Spoil::Null("basis"),
        Spoil::Null("quote"),
        Spoil::NotSnakeCaseId,
        Spoil::BadMetric,
        Spoil::UnknownUnit,
        Spoil::BadDate,
        Spoil::ShareOver100,
        Spoil::UpsideDownRange,
        Spoil::UnknownColumn,
        Spoil::MissingColumn,
        Spoil::NoRows,
    ];

    /// Spoils row `row` of `df` (or the whole table).
    fn apply(self, df: &mut DataFrame, row: usize) {
        let h = df.height();
        match self {
            Spoil::NegativeValue => set_cell(df, "value", row, Some("-5")),
            Spoil::BadQualifier => set_cell(df, "qualifier", row, Some("exactly")),
            Spoil::DuplicateId if h == 1 => {
                *df = df.vstack(&df.clone()).expect("the same columns");
            }
            Spoil::DuplicateId => {
                let other = cell(df, "id", if row == 0 { h - 1 } else { 0 });
                set_cell(df, "id", row, other.as_deref());
            }
            Spoil::EmptyQuote => set_cell(df, "quote", row, Some("  ")),
            Spoil::Null(name) => set_cell(df, name, row, None),
            Spoil::NotSnakeCaseId => set_cell(df, "id", row, Some("Row_1")),
            Spoil::BadMetric => set_cell(df, "metric", row, Some("Websites Closed")),
            Spoil::UnknownUnit => set_cell(df, "unit", row, Some("furlongs")),
            Spoil::BadDate => set_cell(df, "date", row, Some("2014-02-30")),
            Spoil::ShareOver100 => {
                for (name, text) in [
                    ("value", Some("101")),
                    ("value_max", None),
                    ("qualifier", Some("exact")),
                    ("unit", Some("percent")),
                    ("basis", Some("share")),
                ] {
                    set_cell(df, name, row, text);
                }
            }
            Spoil::UpsideDownRange => {
                // Without a value_max column, a range is refused for want of one.
                set_cell(df, "qualifier", row, Some("range"));
                set_cell(df, "value", row, Some("9"));
                set_cell(df, "value_max", row, Some("5"));
            }
            Spoil::UnknownColumn => {
                df.with_column(Column::new("colour".into(), vec!["red"; h]))
                    .expect("a column of the same height");
            }
            Spoil::MissingColumn => *df = df.drop("quote").expect("a quote column"),
            Spoil::NoRows => *df = df.slice(0, 0),
        }
    }
}

/// A table of every kind of figure, keyed by authorities, categories and entities
/// that only some queries read: events and periods of one metric, running totals,
/// rates and shares of others.
fn mixed_table() -> String {
    format!(
        "{HEADER}\n{TRICKY}\n{}",
        concat!(
            "t1,2014-04-30,2014-01-01,2014-04-30,Office,national,total_closed,,Baidu,100,,exact,count,cumulative,100 so far,s,\n",
            "t2,2014-05-31,2014-01-01,2014-05-31,\"Office, Beijing\",national,total_closed,色情,,150,,at_least,count,cumulative,150 so far,s,\n",
            "t3,2014-06-30,2014-01-01,2014-06-30,Office,national,total_closed,fraud,\"x \"\"y\"\"\",180,200,range,count,cumulative,180 to 200,s,\n",
            "t4,2014-06-30,2014-01-01,2014-06-30,Office,北京,total_closed,fraud,Baidu,40,,approx,count,cumulative,about 40,s,\n",
            "t5,2014-07-31,2014-01-01,2014-07-31,Office,national,total_closed,fraud,\"x \"\"y\"\"\",210,,exact,count,cumulative,210 so far,s,\n",
            "r1,2014-05-03,,,Office,national,arrest_rate,fraud,Baidu,12,,exact,per_day,rate,12 a day,s,\n",
            "r2,2014-06-03,,,Other,national,arrest_rate,,,15,,exact,per_day,rate,15 a day,s,\n",
            "s1,2014-05-03,,,Office,national,sites_share,fraud,,40,,exact,percent,share,40 percent,s,\n",
            "s2,2014-05-04,,,Other,北京,sites_share,,Sina,60,70,range,percent,share,60 to 70 percent,s,note\n",
            "g,2014-06-02,,,Other,national,arrests,fraud,Sina,4,,exact,count,event,4 people,s,\n",
        )
    )
}

/// Queries whose keys (authority, entity, category) are columns the sums leave out
/// otherwise, and queries that read every column (running totals, rates, shares, no
/// basis at all).
fn mixed_queries() -> Vec<Query> {
    vec![
        Query {
            basis: Some(Basis::Event),
            ..query(&["websites_closed"], &[Dimension::Month])
        },
        Query {
            basis: Some(Basis::Period),
            ..query(&["websites_closed", "arrests"], &[Dimension::Authority])
        },
        query(&["arrests"], &[Dimension::Entity, Dimension::Month]),
        Query {
            basis: Some(Basis::Event),
            ..query(
                &["websites_closed"],
                &[Dimension::Category, Dimension::Region],
            )
        },
        Query {
            basis: Some(Basis::Event),
            ..query(
                &["websites_closed", "arrests"],
                &[Dimension::Authority, Dimension::Entity, Dimension::Category],
            )
        },
        Query {
            basis: Some(Basis::Period),
            category: Some("fraud".into()),
            ..query(&["websites_closed"], &[Dimension::Entity])
        },
        query(
            &["total_closed"],
            &[
                Dimension::Month,
                Dimension::Authority,
                Dimension::Region,
                Dimension::Category,
                Dimension::Entity,
            ],
        ),
        query(&["arrest_rate"], &[Dimension::Entity]),
        query(&["sites_share"], &[Dimension::Category, Dimension::Entity]),
        Query {
            basis: Some(Basis::Cumulative),
            category: Some("fraud".into()),
            ..query(&["total_closed"], &[Dimension::Month, Dimension::Entity])
        },
        Query {
            basis: Some(Basis::Cumulative),
            increments: true,
            region: Some("national".into()),
            category: Some("fraud".into()),
            ..query(&["total_closed"], &[Dimension::Month])
        },
        Query {
            basis: Some(Basis::Rate),
            ..query(&["arrest_rate"], &[Dimension::Authority])
        },
        Query {
            basis: Some(Basis::Share),
            category: Some(String::new()),
            ..query(&["sites_share"], &[Dimension::Month])
        },
        // Refused: bases mixed, and no such metric.
        query(&["websites_closed"], &[Dimension::Category]),
        query(&["nope"], &[Dimension::Authority]),
    ]
}

#[test]
fn a_parquet_table_sums_as_the_loader_sums_it_in_row_groups_of_any_size() {
    let typed = frame_of_csv(mixed_table().as_bytes());
    let rows = typed.height();
    let queries = mixed_queries();
    let answered = {
        let file = parquet_file(&mut typed.clone(), None);
        let ds = load(&DataSource::Table(file.path), &LoadOptions::default()).unwrap();
        queries
            .iter()
            .map(|q| {
                aggregate(&ds, q)
                    .map(|_| ())
                    .map_err(|e| format!("{q:?}: {e}"))
            })
            .collect::<Vec<_>>()
    };
    let refused: Vec<&String> = answered.iter().filter_map(|a| a.as_ref().err()).collect();
    assert_eq!(
        refused.len(),
        2,
        "only the last two are refused: {refused:#?}"
    );
    for mut df in [typed.clone(), as_text(&typed)] {
        for group in [None, Some(1), Some(2), Some(3), Some(7), Some(rows - 1)] {
            let file = parquet_file(&mut df, group);
            if let Some(g) = group {
                // Polars may fold a short last group into the one before.
                assert!(row_groups(&file.path) >= rows / g, "group {g}");
            }
            assert_eq!(
                judge_parquet(&file.path, &queries),
                Ok(Verdict::Same),
                "row groups of {group:?} rows"
            );
        }
    }
}

/// Each core keeps the first fifty notes of the row groups it reads, in the order
/// it reads them; the fifty kept in the end are the table's first.
#[test]
fn more_than_fifty_notes_in_many_row_groups_are_the_first_fifty_of_the_table() {
    let mut table = format!("{HEADER}\n");
    for i in 0..70 {
        table.push_str(&format!(
            "p{i},2014-06-30,2014-04-01,2014-06-30,O,national,m,,,{i},,exact,count,period,q,s,\n"
        ));
    }
    table.push_str("e,2014-05-03,,,O,national,m,,,1,,exact,count,event,q,s,\n");
    let q = Query {
        basis: Some(Basis::Period),
        ..query(&["m"], &[Dimension::Month])
    };
    let mut df = frame_of_csv(table.as_bytes());
    for group in [None, Some(1), Some(7), Some(30)] {
        let file = parquet_file(&mut df, group);
        assert_eq!(
            judge_parquet(&file.path, std::slice::from_ref(&q)),
            Ok(Verdict::Same),
            "row groups of {group:?} rows"
        );
    }
}

/// Spoiled tables, each a rule broken in the first row, one in the middle or the
/// last, in one row group or many, typed or all text: never answered, whichever
/// columns the query reads.
#[test]
fn no_broken_parquet_table_is_answered() {
    let typed = frame_of_csv(mixed_table().as_bytes());
    let h = typed.height();
    let queries = [
        query(&["websites_closed"], &[Dimension::Month]),
        query(
            &["websites_closed", "total_closed"],
            &[Dimension::Authority, Dimension::Entity, Dimension::Category],
        ),
        Query {
            basis: Some(Basis::Cumulative),
            ..query(&["total_closed"], &[Dimension::Month])
        },
    ];
    for spoil in Spoil::ALL {
        for row in [0, h / 2, h - 1] {
            for base in [typed.clone(), as_text(&typed)] {
                let mut df = base;
                spoil.apply(&mut df, row);
                for group in [None, Some(4)] {
                    let file = parquet_file(&mut df, group);
                    assert_eq!(
                        judge_parquet(&file.path, &queries),
                        Ok(Verdict::Rejected),
                        "{spoil:?} in row {row}, row groups of {group:?} rows:\n{}",
                        shown(&df)
                    );
                }
            }
        }
    }
}

/// A spoiled cell keeps its column's type where it can: the typed reads of the
/// fast path (dates, counts) meet the broken rules too.
#[test]
fn spoiled_cells_keep_the_types_of_their_columns() {
    let typed = frame_of_csv(mixed_table().as_bytes());
    let dtype = |df: &DataFrame, name: &str| df.column(name).unwrap().dtype().clone();
    for (spoil, name, kept) in [
        (Spoil::NegativeValue, "value", DataType::Int64),
        (Spoil::Null("value"), "value", DataType::Int64),
        (Spoil::Null("date"), "date", DataType::Date),
        (Spoil::BadDate, "date", DataType::String),
        (Spoil::UpsideDownRange, "value_max", DataType::Int64),
    ] {
        let mut df = typed.clone();
        spoil.apply(&mut df, 3);
        assert_eq!(dtype(&df, name), kept, "{spoil:?}");
    }
    let mut df = typed.clone();
    Spoil::NegativeValue.apply(&mut df, 3);
    assert_eq!(cell(&df, "value", 3).as_deref(), Some("-5"));
    assert_eq!(cell(&df, "value", 2), cell(&typed, "value", 2));
}

/// Dates far from now, in a column of dates: the fast path writes them as the
/// loader reads them (years 0 to 9999), or hands over.
#[test]
fn dates_far_from_now_are_read_as_the_loader_reads_them() {
    let typed = frame_of_csv(mixed_table().as_bytes());
    let queries = [
        query(&["websites_closed"], &[Dimension::Month]),
        query(&["total_closed"], &[Dimension::Month]),
    ];
    for day in [
        "0000-01-01",
        "0001-03-01",
        "0999-12-31",
        "1600-02-29",
        "1969-12-31",
        "9999-12-31",
    ] {
        for name in ["date", "period_start"] {
            let mut df = typed.clone();
            // Row 0 is an event, row 6 a running total: its period starts far back.
            let row = if name == "date" { 0 } else { 6 };
            set_cell(&mut df, name, row, Some(day));
            assert_eq!(df.column(name).unwrap().dtype(), &DataType::Date, "{day}");
            let file = parquet_file(&mut df, Some(3));
            let verdict = judge_parquet(&file.path, &queries);
            assert!(
                matches!(verdict, Ok(Verdict::Same | Verdict::Rejected)),
                "{name} {day}: {verdict:?}"
            );
        }
    }
    // Days beyond the year 9999 and before the year 0, which no text of the loader
    // reads as a date.
    for days in [2_932_897i32, 3_000_000, -719_529, -800_000] {
        let mut df = typed.clone();
        let mut column: Vec<Option<i32>> = df
            .column("date")
            .unwrap()
            .cast(&DataType::Int32)
            .unwrap()
            .i32()
            .unwrap()
            .iter()
            .collect();
        column[0] = Some(days);
        let column = Column::new("date".into(), column)
            .cast(&DataType::Date)
            .unwrap();
        df.with_column(column).unwrap();
        let file = parquet_file(&mut df, Some(3));
        assert_eq!(
            judge_parquet(&file.path, &queries),
            Ok(Verdict::Rejected),
            "{days} days"
        );
    }
}

/// Columns of types the project does not write (narrower counts, floats, flags,
/// bytes, timestamps), in columns the rules read and in columns a query may leave
/// out: read as the loader reads them, or handed over.
#[test]
fn columns_of_other_types_are_read_as_the_loader_reads_them() {
    let typed = frame_of_csv(mixed_table().as_bytes());
    let h = typed.height();
    let recast = |name: &str, dtype: DataType| {
        typed
            .column(name)
            .unwrap()
            .cast(&dtype)
            .unwrap_or_else(|e| panic!("{name} as {dtype}: {e}"))
    };
    let bytes = |name: &str, bad: Option<usize>| {
        let cells: Vec<Vec<u8>> = (0..h)
            .map(|row| match bad {
                Some(b) if b == row => b"caf\xE9".to_vec(),
                _ => cell(&typed, name, row).unwrap_or_default().into_bytes(),
            })
            .collect();
        let cells: Vec<&[u8]> = cells.iter().map(Vec::as_slice).collect();
        Column::new(name.into(), cells)
    };
    let columns = [
        (recast("value", DataType::Int32), Verdict::Same),
        (recast("value", DataType::UInt64), Verdict::Same),
        (recast("value", DataType::Float64), Verdict::Rejected),
        (recast("value_max", DataType::Int32), Verdict::Same),
        (recast("value_max", DataType::Float64), Verdict::Rejected),
        (recast("date", DataType::Int32), Verdict::Rejected),
        (
            recast("date", DataType::Datetime(TimeUnit::Milliseconds, None)),
            Verdict::Rejected,
        ),
        (
            recast(
                "period_end",
                DataType::Datetime(TimeUnit::Milliseconds, None),
            ),
            Verdict::Rejected,
        ),
        (Column::new("note".into(), vec![true; h]), Verdict::Same),
        (Column::new("source".into(), vec![7i64; h]), Verdict::Same),
        (Column::new("entity".into(), vec![2.5f64; h]), Verdict::Same),
        (recast("authority", DataType::Binary), Verdict::Same),
        (bytes("note", None), Verdict::Same),
        (bytes("quote", Some(h - 1)), Verdict::Rejected),
        (
            Column::new("value".into(), vec![u64::MAX; h]),
            Verdict::Rejected,
        ),
    ];
    let queries = [
        query(&["websites_closed"], &[Dimension::Month]),
        Query {
            basis: Some(Basis::Event),
            ..query(
                &["websites_closed"],
                &[Dimension::Authority, Dimension::Entity],
            )
        },
        query(
            &["total_closed"],
            &[
                Dimension::Month,
                Dimension::Region,
                Dimension::Category,
                Dimension::Entity,
            ],
        ),
    ];
    for (column, want) in columns {
        let what = format!("{} as {}", column.name(), column.dtype());
        let mut df = typed.clone();
        df.with_column(column).unwrap();
        for group in [None, Some(4)] {
            let file = parquet_file(&mut df, group);
            assert_eq!(
                judge_parquet(&file.path, &queries),
                Ok(want.clone()),
                "{what}"
            );
        }
    }
}

/// Bug (open): a Parquet table whose authority, category, entity, source or note is
/// a column of bytes, not UTF-8 in some row after the first. The loader reads every
/// column as text and rejects the table ("column cannot be read as text: invalid
/// utf8"), so `validate` refuses it; the fast path checks only the first row of a
/// column it does not read, and answers a query that leaves the column out, so
/// `aggregate` sums a table that `validate` refuses.
#[test]
fn bytes_that_are_not_utf8_in_a_column_left_out_are_not_answered() {
    let table = format!(
        "{HEADER}\n\
         a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n\
         b,2014-04-18,,,O,national,m,,,2,,exact,count,event,q,s,\n"
    );
    let typed = frame_of_csv(table.as_bytes());
    // Reads none of the five columns.
    let q = Query {
        basis: Some(Basis::Event),
        ..query(&["m"], &[Dimension::Month])
    };
    let mut answered = Vec::new();
    for name in ["authority", "category", "entity", "source", "note"] {
        let mut df = typed.clone();
        let cells: [&[u8]; 2] = [b"ok", b"caf\xE9"];
        df.with_column(Column::new(name.into(), cells.to_vec()))
            .unwrap();
        let file = parquet_file(&mut df, None);
        let verdict = judge_parquet(&file.path, std::slice::from_ref(&q));
        if verdict != Ok(Verdict::Rejected) {
            answered.push(format!("{name}: {verdict:?}"));
        }
    }
    assert!(answered.is_empty(), "{answered:#?}");
}

/// Cases of the property below.
const PARQUET_CASES: u32 = 300;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: PARQUET_CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random tables, written to Parquet with the columns of the CSV table in its
    /// order, typed or all text, in row groups of random size, spoiled or not, under
    /// random queries: the fast path answers as the loader does, and never answers a
    /// spoiled table.
    #[test]
    fn the_parquet_fast_path_answers_as_the_loader_or_hands_over(
        table in table_spec(),
        group in prop_oneof![Just(None), (1usize..20).prop_map(Some)],
        text in proptest::bool::weighted(0.25),
        spoil in proptest::option::weighted(
            0.3,
            (prop::sample::select(Spoil::ALL.to_vec()), any::<prop::sample::Index>()),
        ),
        queries in proptest::collection::vec(query_spec(), 1..4),
    ) {
        let table = TableSpec { mutation: None, ..table };
        let typed = frame_of_csv(&table.render());
        // The columns of the CSV table, in its order.
        let names: Vec<&str> = table
            .order
            .iter()
            .map(|&c| OBSERVATION_COLUMNS[c])
            .filter(|c| table.has(c))
            .collect();
        let typed = typed.select(names).expect("the columns");
        let mut df = if text { as_text(&typed) } else { typed };
        if let Some((s, at)) = spoil {
            let row = at.index(df.height());
            s.apply(&mut df, row);
        }
        let file = parquet_file(&mut df, group);
        let verdict = judge_parquet(&file.path, &queries);
        prop_assert!(verdict.is_ok(), "{}\ntable:\n{}", verdict.unwrap_err(), shown(&df));
        let verdict = verdict.unwrap_or(Verdict::Rejected);
        match spoil {
            None => prop_assert_eq!(verdict, Verdict::Same, "table:\n{}", shown(&df)),
            Some((s, _)) => prop_assert_eq!(
                verdict, Verdict::Rejected,
                "the loader accepts a table spoiled by {:?}:\n{}", s, shown(&df)
            ),
        }
    }
}
