//! Six monthly bulletins of one series (tests/data/extract/series, January to June
//! 2023) through `extract --metrics` into one package, as a user would: it validates
//! against its source text with no number edited, its monthly chart of the total
//! shows the six published totals, its parts-versus-total relations hold, and
//! `reconcile` checks every stated month-on-month change, and finds one planted wrong.
//! The expected figures are read off the texts by hand (series/README.md).

use crate::util::Workdir;

const SERIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/extract/series");

/// The national totals, 1321.8万 to 1779.4万, as the bulletins write them.
const TOTALS: [(&str, u64); 6] = [
    ("2023-01", 13_218_000),
    ("2023-02", 14_599_000),
    ("2023-03", 16_704_000),
    ("2023-04", 17_610_000),
    ("2023-05", 16_596_000),
    ("2023-06", 17_794_000),
];

/// The six bulletins copied into `w` (March's stated change of the total replaced
/// by `march` when given), extracted into package `b` with one words-to-metrics file.
fn draft(w: &Workdir, march: Option<&str>) -> Vec<String> {
    let mut files = Vec::new();
    for m in 1..=6 {
        let name = format!("zh-12377-2023-{m:02}.txt");
        let mut text = std::fs::read_to_string(format!("{SERIES}/{name}")).unwrap();
        if let (3, Some(wrong)) = (m, march) {
            assert!(text.contains("环比增长14.4%"));
            text = text.replace("环比增长14.4%", wrong);
        }
        w.write(&name, text);
        files.push(name);
    }
    w.write(
        "words.csv",
        "举报,reports_received\n信息,reports_received\n",
    );
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    args.extend([
        "--date",
        "2023-07-17",
        "--metrics",
        "words.csv",
        "--out",
        "b",
    ]);
    let out = w.run(&args).ok();
    assert!(out.contains("72 figures and 18 relations"), "{out}");
    files
}

fn reconcile_json(w: &Workdir, strict: bool) -> (i32, serde_json::Value) {
    let mut args = vec!["reconcile", "--data", "b", "--format", "json"];
    if strict {
        args.push("--strict");
    }
    let run = w.run(&args);
    (run.code(), serde_json::from_str(&run.stdout()).unwrap())
}

/// The derived checks of kind `change_claim`, as (claimed, verdict).
fn change_claims(json: &serde_json::Value) -> Vec<(String, String)> {
    let checks = json["checks"].as_array().expect("a list of checks");
    checks
        .iter()
        .filter(|c| c["check"] == "change_claim")
        .map(|c| {
            (
                c["claimed"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn six_bulletins_become_one_checked_series() {
    let w = Workdir::new();
    draft(&w, None);
    // Every figure of every bulletin, each quote verbatim and stating its value: 6
    // months x (a total and 3 parts, each with a change on the month and on the year).
    let out = w
        .run(&["validate", "--data", "b", "--source-text", "b/source.txt"])
        .ok();
    assert!(
        out.contains(
            "72 observations, 6 totals with 18 parts, 1 source: valid; all 72 quotes occur verbatim"
        ),
        "{out}"
    );
    // The monthly totals, as published: the parts are not added to them.
    let agg = w
        .run(&[
            "aggregate",
            "--data",
            "b",
            "--metric",
            "reports_received",
            "--basis",
            "period",
            "--by",
            "month",
            "--format",
            "csv",
        ])
        .ok();
    let rows: Vec<(String, u64)> = crate::util::csv_records(&agg)
        .iter()
        .map(|r| (r["month"].clone(), r["low"].parse().unwrap()))
        .collect();
    let want: Vec<(String, u64)> = TOTALS.iter().map(|(m, v)| (m.to_string(), *v)).collect();
    assert_eq!(rows, want, "{agg}");
    // The chart of the total: six bars, labelled with the published totals.
    w.run(&[
        "chart",
        "--data",
        "b",
        "--metric",
        "reports_received",
        "--basis",
        "period",
        "--by",
        "month",
        "--out",
        "total.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("total.svg")).unwrap();
    for label in [
        "13.22 million",
        "14.6 million",
        "16.7 million",
        "17.61 million",
        "16.6 million",
        "17.79 million",
        "Jan–Jun 2023",
    ] {
        assert!(svg.contains(label), "{label} not in the chart");
    }
    // Each month's three bodies make up its total, within the rounding of 0.1万.
    let (code, json) = reconcile_json(&w, true);
    assert_eq!(code, 0, "{json}");
    let relations = json["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 6, "{json}");
    for r in relations {
        assert_eq!(r["kind"], "complete", "{r}");
        assert!(
            ["match", "consistent"].contains(&r["status"].as_str().unwrap()),
            "{r}"
        );
    }
    // Every month-on-month change from February on, for the total and each body
    // (5 x 4), set against the two months it compares: all hold. January's compare
    // with December, which the series does not hold.
    let claims = change_claims(&json);
    assert_eq!(claims.len(), 20, "{claims:?}");
    assert!(claims.iter().all(|(_, v)| v == "holds"), "{claims:?}");
}

#[test]
fn a_wrong_month_on_month_change_is_found() {
    let w = Workdir::new();
    // March's total rose 14.4% on February (1459.9万 to 1670.4万); say 41.4%.
    draft(&w, Some("环比增长41.4%"));
    w.run(&["validate", "--data", "b", "--source-text", "b/source.txt"])
        .ok();
    let (code, json) = reconcile_json(&w, true);
    assert_eq!(code, 1, "--strict fails on a contradiction");
    let claims = change_claims(&json);
    let wrong: Vec<_> = claims.iter().filter(|(_, v)| v != "holds").collect();
    assert_eq!(wrong.len(), 1, "{claims:?}");
    assert!(wrong[0].0.contains("41.4%"), "{wrong:?}");
    assert_eq!(wrong[0].1, "contradicts", "{wrong:?}");
}
