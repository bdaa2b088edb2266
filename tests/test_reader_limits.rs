//! The reader's limits and quoting, through the binary: a record past the longest
//! the reader holds is named at its line and field, `--max-field-length` moves that
//! limit or is refused above the hard one, and quoted text is kept byte for byte.

use crate::util::{Workdir, HEADER};

const GOOD: &str =
    "a,2014-04-17,,,Office,national,websites_closed,,,256,,exact,count,event,closed 256 sites,s,";

/// A table whose third line opens a quote in its `quote` field and never closes it,
/// over `mib` MiB.
fn open_quote_over(mib: usize) -> Vec<u8> {
    let mut t =
        format!("{HEADER}\n{GOOD}\nb,2014-04-18,,,Office,national,m,,,1,,exact,count,event,\"")
            .into_bytes();
    t.resize(t.len() + (mib << 20), b'x');
    t
}

#[test]
fn a_record_over_64_mib_is_named_at_its_line_and_field_in_bounded_memory() {
    let w = Workdir::new();
    w.write("in.csv", open_quote_over(65));
    let (run, mib) = w.run_measured(&["validate", "--data", "in.csv"]);
    let err = run.fails(1);
    assert!(
        err.contains("in.csv:3:15: field 'quote': a record runs on for more than 64 MiB from here: is a closing quote missing?"),
        "{err}"
    );
    // The record is held once or twice, not the file many times over.
    assert!(mib < 400, "{mib} MiB");
}

#[test]
fn max_field_length_above_64_mib_takes_effect_or_is_refused() {
    let w = Workdir::new();
    w.write("in.csv", open_quote_over(65));
    // A limit of 20 million characters makes room for records of 77 MiB: the quote
    // is read to the end of the file, where it is still open.
    let err = w
        .run(&[
            "validate",
            "--data",
            "in.csv",
            "--max-field-length",
            "20000000",
        ])
        .fails(1);
    assert!(
        err.contains("in.csv:3:15: field 'quote': a quoted field opens here and is never closed"),
        "{err}"
    );
    let err = w
        .run(&[
            "validate",
            "--data",
            "in.csv",
            "--max-field-length",
            "300000000",
        ])
        .fails(2);
    assert!(
        err.contains("300000000 is over the longest field the reader can hold in memory (268435456 characters)"),
        "{err}"
    );
}

#[test]
fn a_quoted_field_holding_a_cr_is_kept_as_written() {
    let w = Workdir::new();
    let row = GOOD.replace("closed 256 sites", "\"closed 256\rsites\"");
    w.write("in.csv", format!("{HEADER}\n{row}\n"));
    let out = w
        .run(&["export", "--data", "in.csv", "--format", "json"])
        .ok();
    assert!(out.contains(r#""quote": "closed 256\rsites""#), "{out}");
}
