//! A value not published (a `?`, `withheld`) is a figure whose value is unknown:
//! counted, summed with an open high end, exported, described, listed by `-v` and
//! named in a report's notes; a marker of no figure (`N/A`) gives none. Every
//! expected figure is worked out by hand from the table below, in the comments.

use crate::util::Workdir;

/// Half-years of requests and items by country:
///
/// | half    | country | requests            | items         |
/// |---------|---------|---------------------|---------------|
/// | 2020-H1 | A       | 10                  | 100           |
/// | 2020-H1 | B       | `?`: 0 or more      | 40            |
/// | 2020-H1 | C       | `withheld`: 3 or more | `N/A`: none |
/// | 2020-H1 | D       | `<10`: 0 to 9       | 5             |
/// | 2020-H2 | A       | 12                  | 90            |
/// | 2020-H2 | B       | 7                   | `?`: 0 or more |
const TABLE: &str = "Half,Country,Requests,Items
2020-06-30,A,10,100
2020-06-30,B,?,40
2020-06-30,C,withheld,N/A
2020-06-30,D,<10,5
2020-12-31,A,12,90
2020-12-31,B,7,?
";

fn package(w: &Workdir, cells: &str) {
    w.write("p/t.csv", TABLE);
    w.write(
        "p/datapackage.json",
        format!(
            r#"{{"name": "p", "title": "Requests", "resources": [{{
  "name": "t", "path": "t.csv",
  "cleanweb:mapping": {{
    "when": {{"column": "Half", "form": "period_end", "length": "half_year"}},
    "dimensions": [{{"column": "Country", "name": "country", "role": "region"}}],
    "measures": [
      {{"column": "Requests", "metric": "requests"}},
      {{"column": "Items", "metric": "items"}}
    ],
    "cells": {cells}
  }}
}}]}}"#
        ),
    );
}

const CELLS: &str =
    r#"{"unknown": ["?", {"marker": "withheld", "at_least": 3}], "not_reported": ["N/A"]}"#;

/// `aggregate ... --format csv` as rows of cells, the header left out.
fn aggregate(w: &Workdir, data: &str, metric: &str, by: &str) -> Vec<Vec<String>> {
    let out = crate::test_platform_tables::aggregate(w, data, metric, by);
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn unknown_cells_are_counted_and_open_the_sum() {
    let w = Workdir::new();
    package(&w, CELLS);
    // 12 cells, less the one N/A: 11 figures.
    let out = w.run(&["validate", "--data", "p"]).ok();
    assert!(out.contains("11 observations"), "{out}");
    // Requests 2020-H1: 10 + [0, open) + [3, open) + [0, 9] = 13 and up, 4 figures;
    // 2020-H2: 12 + 7 = 19.
    let rows = aggregate(&w, "p", "requests", "period");
    assert_eq!(rows[0][..4], ["2020-H1", "13", "", "4"]);
    assert_eq!(rows[1][..4], ["2020-H2", "19", "19", "2"]);
    // Items 2020-H1: 100 + 40 + 5 (C's N/A is no figure) = 145, 3 figures; 2020-H2:
    // 90 + [0, open) = 90 and up, 2 figures.
    let rows = aggregate(&w, "p", "items", "period");
    assert_eq!(rows[0][..4], ["2020-H1", "145", "145", "3"]);
    assert_eq!(rows[1][..4], ["2020-H2", "90", "", "2"]);
    // By country, B's requests: [0, open) + 7 = 7 and up.
    let rows = aggregate(&w, "p", "requests", "country");
    assert_eq!(rows[1][..4], ["B", "7", "", "2"]);
}

#[test]
fn unknown_cells_are_listed_by_verbose_and_describe() {
    let w = Workdir::new();
    package(&w, CELLS);
    let run = w.run(&[
        "aggregate",
        "--data",
        "p",
        "--metric",
        "requests",
        "--by",
        "period",
        "-v",
    ]);
    run.ok();
    let err = run.stderr();
    assert!(
        err.contains("note: not published: 't_l3_c3' at p/t.csv:3:3 ('?'): requests of B for 2020-H1, counted from 0 with no upper end"),
        "{err}"
    );
    assert!(
        err.contains("note: not published: 't_l4_c3' at p/t.csv:4:3 ('withheld'): requests of C for 2020-H1, counted from 3 with no upper end"),
        "{err}"
    );
    let out = w.run(&["describe", "--data", "p"]).ok();
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("figures not published"),
        "figures not published (unknown) 3"
    );
    assert_eq!(
        line("t_l3_c3"),
        "t_l3_c3 p/t.csv:3:3 ? requests 2020-H1 B 0"
    );
    assert_eq!(
        line("t_l4_c3"),
        "t_l4_c3 p/t.csv:4:3 withheld requests 2020-H1 C 3"
    );
    assert_eq!(line("t_l7_c4"), "t_l7_c4 p/t.csv:7:4 ? items 2020-H2 B 0");
    // The cells: 6 rows, no blank, 3 not published ('?' twice, 'withheld' once), one
    // marker of no figure, one threshold.
    assert_eq!(
        line("p/t.csv"),
        "p/t.csv 6 0 '?' 2, 'withheld' 1 'N/A' 1 1 0"
    );
}

#[test]
fn unknown_cells_are_exported_with_an_empty_value_or_their_floor() {
    let w = Workdir::new();
    package(&w, CELLS);
    let out = w.run(&["export", "--data", "p", "--format", "csv"]).ok();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let by_id = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
    // value, value_max, qualifier, quote
    let b = by_id("t_l3_c3");
    assert_eq!([&b[9], &b[10], &b[11], &b[14]], ["", "", "unknown", "?"]);
    let c = by_id("t_l4_c3");
    assert_eq!(
        [&c[9], &c[10], &c[11], &c[14]],
        ["3", "", "unknown", "withheld"]
    );
    assert!(
        rows.iter().all(|r| &r[0] != "t_l4_c4"),
        "N/A gives no figure"
    );
    let json = w.run(&["export", "--data", "p", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let b = json
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "t_l3_c3")
        .unwrap();
    assert_eq!(
        (&b["value"], &b["qualifier"]),
        (&serde_json::Value::Null, &"unknown".into())
    );
}

/// A 17-column table with a figure not published (value blank, qualifier
/// `unknown`) validates, sums, and survives export to CSV, JSON and Parquet and
/// back: 5 + [0, open) = 5 and up, 2 figures, each time.
#[test]
fn an_observation_table_round_trips_the_qualifier_unknown() {
    let w = Workdir::new();
    let rows = [
        "a,2014-05-01,,,Office,national,sites_closed,,,5,,exact,count,event,closed 5 sites,s,",
        "b,2014-05-02,,,Office,national,sites_closed,,,,,unknown,count,event,sites closed: ?,s,",
    ]
    .map(String::from);
    w.package("o", &rows, "");
    let sum = |data: &str| aggregate(&w, data, "sites_closed", "month")[0][..4].to_vec();
    let want = ["2014-05", "5", "", "2"];
    assert_eq!(sum("o"), want);
    w.run(&[
        "export",
        "--data",
        "o",
        "--format",
        "parquet",
        "--out",
        "o.parquet",
    ])
    .ok();
    w.run(&["validate", "--data", "o.parquet"]).ok();
    assert_eq!(sum("o.parquet"), want);
    let csv = w
        .run(&["export", "--data", "o.parquet", "--format", "csv"])
        .ok();
    assert!(
        csv.contains("b,2014-05-02,,,Office,national,sites_closed,,,,,unknown,"),
        "{csv}"
    );
    w.write("again.csv", &csv);
    assert_eq!(sum("again.csv"), want);
    let json = w
        .run(&["export", "--data", "again.csv", "--format", "json"])
        .ok();
    assert!(
        json.contains(r#""qualifier":"unknown""#) || json.contains(r#""qualifier": "unknown""#),
        "{json}"
    );
    // A blank value with another qualifier is refused where it is.
    let rows =
        ["a,2014-05-01,,,Office,national,sites_closed,,,,,exact,count,event,closed sites,s,"]
            .map(String::from);
    w.package("bad", &rows, "");
    let err = w.run(&["validate", "--data", "bad"]).fails(1);
    assert!(
        err.contains("bad/observations.csv:2:10: field 'value': must not be empty (a figure not published has the qualifier 'unknown')"),
        "{err}"
    );
}

#[test]
fn a_report_names_each_figure_not_published() {
    let w = Workdir::new();
    package(&w, CELLS);
    w.run(&["report", "--data", "p", "--out", "out"]).ok();
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    assert!(
        md.contains("2 figures are not published: B's requests for 2020-H1, C's requests for 2020-H1 (at least 3). Each is counted from 0 up (or from the floor shown), so a sum that holds one has no upper end."),
        "{md}"
    );
    assert!(
        md.contains("B's items for 2020-H2 is not published. It is counted from 0 up, so a sum that holds it has no upper end."),
        "{md}"
    );
}

#[test]
fn markers_declared_twice_are_refused_at_their_path() {
    let w = Workdir::new();
    package(&w, r#"{"missing": ["N/A"], "not_reported": ["-"]}"#);
    let err = w.run(&["validate", "--data", "p"]).fails(1);
    assert!(
        err.contains("field 'resources[0].cleanweb:mapping.cells.missing': 'missing' is the older name of 'not_reported': declare one of them"),
        "{err}"
    );
    package(&w, r#"{"unknown": ["?", "N/A"], "not_reported": ["N/A"]}"#);
    let err = w.run(&["validate", "--data", "p"]).fails(1);
    assert!(
        err.contains("field 'resources[0].cleanweb:mapping.cells.unknown': 'N/A' is declared both unknown (a value not published) and not reported (no figure): keep it in one list"),
        "{err}"
    );
    // `missing`, the older word, still means no figure: `?` declared there gives none.
    package(
        &w,
        r#"{"missing": ["?", "N/A"], "unknown": [{"marker": "withheld", "at_least": 3}]}"#,
    );
    let out = w.run(&["validate", "--data", "p"]).ok();
    assert!(out.contains("9 observations"), "{out}");
}

/// `init --from` proposes `?` and `withheld` as values not published and `-` as no
/// figure, says so, and the package it writes counts them that way: 6 cells, less
/// the `-`, are 5 figures, 2 of them not published.
#[test]
fn init_proposes_the_markers_it_sees() {
    let w = Workdir::new();
    w.write(
        "m.csv",
        "Month,Requests\n2020-01,5\n2020-02,?\n2020-03,withheld\n2020-04,-\n2020-05,7\n2020-06,2\n",
    );
    let out = w.run(&["init", "m", "--from", "m.csv"]);
    let err = out.stderr();
    assert!(
        err.contains("markers of a value not published seen: ?, withheld (declared \"unknown\""),
        "{err}"
    );
    assert!(
        err.contains("markers of no figure seen: - (declared \"not_reported\""),
        "{err}"
    );
    let out = w.run(&["validate", "--data", "m"]).ok();
    assert!(out.contains("5 observations"), "{out}");
    let described = w.run(&["describe", "--data", "m"]).ok();
    assert!(
        described
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")
                == "figures not published (unknown) 2"),
        "{described}"
    );
}
