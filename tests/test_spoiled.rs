//! A row spoiled by a control character or bytes that are not UTF-8 still shows
//! its other problems (issue 32, point 12): the reader names the spoiled cell, the
//! rules check the row's other cells, and the row is never kept. CSV and Parquet
//! (by columns and row by row) say the same.

use crate::util::{row, table, write_parquet, Workdir};

/// The problems a run prints, one a line, without the summary.
fn lines(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.contains(": field '")).collect()
}

#[test]
fn a_control_character_does_not_hide_the_rows_other_problems_in_csv() {
    let w = Workdir::new();
    let rows = [
        // The authority holds a bell, the value is no number.
        row("a", "2014-04-17", "m", "", "x5", "exact", "count", "event")
            .replace("Office", "Off\u{7}ice"),
        // The same id again, in a clean row: its first row was spoiled, not dropped.
        row("a", "2014-04-18", "m", "", "5", "exact", "count", "event"),
        // Two spoiled cells, and a qualifier that is no qualifier.
        row(
            "b",
            "2014-04-19",
            "m",
            "c\u{1}",
            "5",
            "maybe",
            "count",
            "event",
        )
        .replace("closed", "clo\u{85}sed"),
        // A value with a control character is one problem, not two.
        row(
            "c",
            "2014-04-20",
            "m",
            "",
            "5\u{7}",
            "exact",
            "count",
            "event",
        ),
    ];
    let mut bytes = table(&rows).into_bytes();
    // And bytes that are not UTF-8 in an entity, with a bad date beside them.
    bytes.extend(
        b"d,2014-13-01,,,Office,national,m,,\xff\xfe,5,,exact,count,event,closed 5 sites,s,\n",
    );
    w.write("t.csv", bytes);
    let err = w.run(&["validate", "--data", "t.csv"]).fails(1);
    let shown = lines(&err);
    let expected = [
        "t.csv:2:5: field 'authority': the text holds control character U+0007; remove it",
        "t.csv:2:10: field 'value':",
        "t.csv:3:1: field 'id': duplicate id 'a' (first on t.csv:2)",
        "t.csv:4:8: field 'category': the text holds control character U+0001; remove it",
        "t.csv:4:12: field 'qualifier':",
        "t.csv:4:15: field 'quote': the text holds control character U+0085; remove it",
        "t.csv:5:10: field 'value': the text holds control character U+0007; remove it",
        // (The quote holds the value's text.)
        "t.csv:5:15: field 'quote': the text holds control character U+0007; remove it",
        "t.csv:6:2: field 'date':",
        "t.csv:6:9: field 'entity':",
    ];
    assert_eq!(shown.len(), expected.len(), "{err}");
    for (line, want) in shown.iter().zip(expected) {
        assert!(line.contains(want), "{line:?} is not {want:?}\n{err}");
    }
    // Nothing of the spoiled rows is summed: the table is refused whole.
    let agg = [
        "aggregate",
        "--data",
        "t.csv",
        "--metric",
        "m",
        "--by",
        "month",
    ];
    assert_eq!(lines(&w.run(&agg).fails(1)).len(), expected.len());
}

#[test]
fn a_control_character_does_not_hide_the_rows_other_problems_in_parquet() {
    use polars::prelude::*;
    let w = Workdir::new();
    let mut df = df!(
        "id" => ["a", "a", "b", "c"],
        "date" => ["2014-04-17", "2014-04-18", "2014-04-19", "2014-04-20"],
        "authority" => ["Off\u{7}ice", "Office", "Office", "Office"],
        "region" => ["national"; 4],
        "metric" => ["m"; 4],
        "category" => ["", "", "c\u{1}", ""],
        "value" => ["x5", "5", "5", "5\u{7}"],
        "qualifier" => ["exact", "exact", "maybe", "exact"],
        "unit" => ["count"; 4],
        "basis" => ["event"; 4],
        "quote" => ["closed 5", "closed 5", "clo\u{85}sed 5", "closed 5"]
    )
    .unwrap();
    write_parquet(&w, "t.parquet", &mut df);
    let expected = [
        "t.parquet:2:3: field 'authority': the text holds control character U+0007; remove it",
        "t.parquet:2:7: field 'value':",
        "t.parquet:3:1: field 'id': duplicate id 'a' (first on t.parquet:2)",
        "t.parquet:4:6: field 'category': the text holds control character U+0001; remove it",
        "t.parquet:4:8: field 'qualifier':",
        "t.parquet:4:11: field 'quote': the text holds control character U+0085; remove it",
        "t.parquet:5:7: field 'value': the text holds control character U+0007; remove it",
    ];
    for how in [None, Some("--row-by-row")] {
        let mut args = vec!["validate", "--data", "t.parquet"];
        args.extend(how);
        let err = w.run(&args).fails(1);
        let shown = lines(&err);
        assert_eq!(shown.len(), expected.len(), "{how:?}\n{err}");
        for (line, want) in shown.iter().zip(expected) {
            assert!(
                line.contains(want),
                "{how:?}: {line:?} is not {want:?}\n{err}"
            );
        }
    }
}
