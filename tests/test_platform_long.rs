//! A platform's long table: counts and percents in one value column, and counts
//! the platform rounded. Each runs through the real binary; every expected figure is
//! worked out by hand from the cells, in the comments.

use crate::test_platform_tables::{aggregate, excerpt, exported, mapped, relations, row};
use crate::util::Workdir;

#[test]
fn a_long_table_of_counts_and_percents_in_one_value_column() {
    let w = Workdir::new();
    excerpt(&w, "enforcement-long.csv");
    let run = w.run(&["init", "cser", "--from", "enforcement-long.csv"]);
    run.ok();
    assert!(
        run.stderr()
            .contains("metrics in percent: 'Proactive Rate'"),
        "{}",
        run.stderr()
    );
    let dp = std::fs::read_to_string(w.path("cser/datapackage.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&dp).unwrap();
    let mapping = &v["resources"][0]["cleanweb:mapping"];
    assert_eq!(mapping["when"]["form"], "period", "{dp}");
    assert_eq!(
        mapping["measures"][0]["units"],
        serde_json::json!({"Proactive Rate": "percent"}),
        "{dp}"
    );
    // 22 rows, less the 5 'N/A' of Content Appealed: 17 figures.
    let out = w.run(&["validate", "--data", "cser"]).ok();
    assert!(out.contains("17 observations, 1 source"), "{out}");
    let rows = exported(&w, "cser");
    let rate = rows
        .iter()
        .find(|r| r["quote"] == "94.40%")
        .expect("the rate of 2017Q4");
    // A percent stays a percent (a share, approximate), every digit as written.
    assert_eq!(
        [
            &rate["metric"],
            &rate["unit"],
            &rate["basis"],
            &rate["value"]
        ],
        ["proactive_rate", "percent", "share", "94.40"]
    );
    assert_eq!(rate["qualifier"], "approx");
    // Content actioned by period: 2017Q4 is 20,800,000 + 727,000,000 + 694,000,000;
    // 2018Q1 is 21,000,000 + 837,000,000 + 583,000,000.
    let csv = aggregate(&w, "cser", "content_actioned", "period");
    assert_eq!(
        row(&csv, &["2017-Q4"])[1..4],
        ["1441800000", "1441800000", "3"]
    );
    assert_eq!(
        row(&csv, &["2018-Q1"])[1..4],
        ["1441000000", "1441000000", "3"]
    );
    assert_eq!(row(&csv, &["2019-Q3"])[1..4], ["2300000", "2300000", "1"]);
    // By the table's own dimensions: Instagram 1,200,000 + 2,300,000; Spam
    // 727,000,000 + 837,000,000.
    let csv = aggregate(&w, "cser", "content_actioned", "app");
    assert_eq!(row(&csv, &["Instagram"])[1..3], ["3500000", "3500000"]);
    assert_eq!(row(&csv, &["Facebook"])[1..3], ["2882800000", "2882800000"]);
    let csv = aggregate(&w, "cser", "content_actioned", "policy_area");
    assert_eq!(row(&csv, &["Spam"])[1..3], ["1564000000", "1564000000"]);
    // A percent is never added to a count: asked for both, aggregate refuses.
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "cser",
            "--metric",
            "content_actioned,proactive_rate",
            "--by",
            "period",
            "--format",
            "csv",
        ])
        .fails(2);
    assert!(
        err.contains("the figures are in different units (count, percent), which cannot be added"),
        "{err}"
    );
    w.run(&[
        "chart",
        "--data",
        "cser",
        "--metric",
        "content_actioned",
        "--by",
        "period",
        "--out",
        "c.png",
    ])
    .ok();
    assert!(std::fs::read(w.path("c.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
    w.run(&["reconcile", "--data", "cser", "--format", "json"])
        .ok();
    // Without its unit a percent is refused at its cell, as before.
    let p = w.path("cser/datapackage.json");
    let no_units = dp.replace(
        r#""Proactive Rate": "percent""#,
        r#""Content Appealed": "count""#,
    );
    std::fs::write(&p, no_units).unwrap();
    let err = w.run(&["validate", "--data", "cser"]).fails(1);
    assert!(
        err.contains(
            "enforcement-long.csv:3:5: field 'value': '94.40%' is a percent, and the column's unit is 'count'"
        ),
        "{err}"
    );
    // Units are for a long measure's metrics.
    mapped(
        &w,
        "wide",
        "t.csv",
        "Period,Rate\n2019-H1,5%\n",
        r#"{"when": {"column": "Period", "form": "period"},
            "measures": [{"column": "Rate", "metric": "rate", "units": {"Rate": "percent"},
                          "bases": {"Rate": "often"}}]}"#,
    );
    let err = w.run(&["validate", "--data", "wide"]).fails(1);
    assert!(
        err.contains("\"units\" and \"bases\" give a long measure's metrics each theirs"),
        "{err}"
    );
    assert!(err.contains("'often' is not a basis"), "{err}");
}

#[test]
fn counts_rounded_by_the_platform_carry_their_rounding_interval() {
    let w = Workdir::new();
    excerpt(&w, "enforcement-long.csv");
    let file = "enforcement-long.csv";
    let mapping = |rounded: &str| {
        format!(
            r#"{{"when": {{"column": "period", "form": "period"}},
            "dimensions": ["app", "policy_area"],
            "measures": [{{"value": "value", "metric_column": "metric",
                           "units": {{"Proactive Rate": "percent"}}{rounded}}}],
            "cells": {{"thousands": ","}}}}"#
        )
    };
    mapped(
        &w,
        "r",
        file,
        &std::fs::read_to_string(w.path(file)).unwrap(),
        &mapping(r#", "rounded": {"significant": 3}"#),
    );
    let out = w
        .run(&["export", "--data", "r", "--checked", "--format", "csv"])
        .ok();
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header = rdr.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cells: Vec<[String; 4]> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            ["quote", "rounded_to", "checked_low", "checked_high"].map(|c| r[at(c)].to_string())
        })
        .collect();
    let find = |quote: &str| cells.iter().find(|c| c[0] == quote).unwrap()[1..].to_vec();
    // Three significant digits: 1,200,000 is 1,195,000 to 1,205,000; 20,800,000 is
    // 20,750,000 to 20,850,000; 18,100 is 18,050 to 18,150.
    assert_eq!(find("1,200,000"), ["10000", "1195000", "1205000"]);
    assert_eq!(find("20,800,000"), ["100000", "20750000", "20850000"]);
    assert_eq!(find("18,100"), ["100", "18050", "18150"]);
    // A percent keeps its own rounding: 94.40% is written to a hundredth, so it
    // stands for 94.395 to 94.405.
    assert_eq!(find("94.40%"), ["0.01", "94.395", "94.405"]);
    // Rounded differently by metric: appeals to thousands, so
    // 18,100 is 17,600 to 18,600; content actioned to 2 significant digits, so
    // 1,200,000 is 1,150,000 to 1,250,000.
    mapped(
        &w,
        "m",
        file,
        &std::fs::read_to_string(w.path(file)).unwrap(),
        &mapping(
            r#", "rounded": {"Content Actioned": {"significant": 2}, "Content Appealed": {"to": 1000}}"#,
        ),
    );
    let out = w
        .run(&["export", "--data", "m", "--checked", "--format", "csv"])
        .ok();
    assert!(out.contains(",1000,,17600,18600"), "{out}");
    assert!(out.contains(",100000,,1150000,1250000"), "{out}");
    // A total rounded to thousands against its rounded parts: 12,000 + 8,000 can be
    // 19,000 to 21,000, and 21,000 can be 20,500 to 21,500: they can agree.
    let table = "Period,Country,Requests\n2019-H1,Germany,\"12,000\"\n2019-H1,France,\"8,000\"\n2019-H1,Total,\"21,000\"\n";
    let verdict = |rounded: &str| {
        mapped(
            &w,
            "t",
            "t.csv",
            table,
            &format!(
                r#"{{"when": {{"column": "Period", "form": "period"}}, "dimensions": ["Country"],
                "measures": [{{"column": "Requests", "metric": "requests"{rounded}}}],
                "cells": {{"thousands": ","}}, "total_rows": ["Total"]}}"#
            ),
        );
        let csv = relations(&w, "t");
        let r = row(&csv, &["t_l4_c3"]);
        r[r.len() - 1].to_string()
    };
    assert_eq!(verdict(""), "mismatch");
    assert_eq!(verdict(r#", "rounded": {"to": 1000}"#), "consistent");
    mapped(
        &w,
        "bad",
        file,
        "period,metric,value\n",
        &mapping(r#", "rounded": {"to": 0}"#),
    );
    let err = w.run(&["validate", "--data", "bad"]).fails(1);
    assert!(
        err.contains("measures[0].rounded': say how the counts are rounded"),
        "{err}"
    );
}
