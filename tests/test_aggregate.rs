//! `cleanweb aggregate`: golden outputs on the default dataset, the refusals, months
//! not reported, and a large generated file checked against a plain computation.

use crate::util::{Workdir, HEADER};

/// Compares `actual` with `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites it (and
/// the diff then shows in review), except under CI, where it fails: CI never
/// rewrites what it is meant to compare.
pub fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        assert!(
            std::env::var_os("CI").is_none(),
            "UPDATE_GOLDEN is set under CI: goldens are rewritten by a person, never by CI"
        );
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

fn agg(args: &[&str]) -> String {
    let mut all = vec!["aggregate"];
    all.extend_from_slice(args);
    Workdir::new().run(&all).ok()
}

/// The questions whose answers on the default dataset are committed as goldens:
/// the golden's name and the options (with `--format csv`). Each golden is also the
/// reference model's answer (`tests/test_reference.rs`).
#[rustfmt::skip]
pub const GOLDENS: [(&str, &[&str]); 9] = [
    ("reports-september-by-category.csv", &["--metric", "reports_received", "--by", "category", "--from", "2014-09-01", "--to", "2014-09-30"]),
    ("websites-closed-running-total.csv", &["--metric", "websites_closed", "--by", "month", "--basis", "cumulative", "--region", "national"]),
    ("websites-closed-increments.csv", &["--metric", "websites_closed", "--by", "month", "--increments", "--region", "national"]),
    ("arrests-by-month.csv", &["--metric", "arrests", "--by", "month", "--basis", "event"]),
    ("fines-by-entity.csv", &["--metric", "fines_yuan", "--by", "entity", "--basis", "event"]),
    ("arrests-by-region.csv", &["--metric", "arrests", "--by", "region", "--basis", "event"]),
    ("cases-by-category.csv", &["--metric", "cases_handled", "--by", "category", "--basis", "cumulative", "--region", "national", "--from", "2014-12-25"]),
    ("accounts-running-total.csv", &["--metric", "accounts_closed", "--by", "month", "--basis", "cumulative", "--region", "national", "--category", ""]),
    ("seizures-by-metric.csv", &["--metric", "servers_seized,computers_seized,equipment_seized", "--by", "metric", "--basis", "event"]),
];

/// The answer to golden question `i` as CSV, compared with its golden; returned
/// for the checks a test adds.
fn golden_answer(i: usize) -> String {
    let (name, args) = GOLDENS[i];
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    let out = agg(&all);
    golden(name, &out);
    out
}

#[test]
fn september_reports_by_category_are_the_published_five() {
    let out = golden_answer(0);
    assert_eq!(
        out,
        "category,low,high,n,approx,note\n\
         fraud,9350,9350,1,false,\n\
         other,2084,2084,1,false,\n\
         pornography,28159,28159,1,false,\n\
         rumors,509,509,1,false,\n\
         violent_terrorist,115,115,1,false,\n"
    );
}

#[test]
fn websites_closed_running_total_by_month() {
    let out = golden_answer(1);
    // The national running total only: Guangdong's 256 closures are events of another series.
    assert!(
        out.contains("2014-06,1222,1222,1,false,running total to 2014-06-20"),
        "{out}"
    );
    assert!(out.contains("2014-05,,,0,false,not reported"), "{out}");
    assert!(!out.contains("256"), "{out}");
}

#[test]
fn websites_closed_increments() {
    let out = golden_answer(2);
    assert!(out.contains("2014-06-20,800,800,1,false"), "{out}");
}

#[test]
fn more_golden_aggregations() {
    for i in 3..GOLDENS.len() {
        golden_answer(i);
    }
}

#[test]
fn more_than_makes_the_high_end_unbounded() {
    let out = agg(&[
        "--metric", "arrests", "--by", "region", "--basis", "event", "--format", "csv",
    ]);
    // Guangzhou: "more than 10 people".
    assert!(out.contains("Guangzhou,10,,1,false,"), "{out}");
}

#[test]
fn refusals_name_the_option_that_answers() {
    let w = Workdir::new();
    let err = w
        .run(&["aggregate", "--metric", "websites_closed", "--by", "month"])
        .fails(2);
    assert!(
        err.contains("mix bases") && err.contains("--basis"),
        "{err}"
    );
    let err = w
        .run(&[
            "aggregate",
            "--metric",
            "fines_yuan,fine_multiple",
            "--by",
            "entity",
        ])
        .fails(2);
    assert!(
        err.contains("different units") && err.contains("--unit"),
        "{err}"
    );
    let err = w
        .run(&[
            "aggregate",
            "--metric",
            "accounts_closed",
            "--by",
            "month",
            "--basis",
            "cumulative",
            "--region",
            "national",
        ])
        .fails(2);
    assert!(
        err.contains("running totals are never added") && err.contains("--category"),
        "{err}"
    );
    let err = w
        .run(&[
            "aggregate",
            "--metric",
            "reports_received",
            "--by",
            "metric",
            "--basis",
            "share",
        ])
        .fails(0);
    assert!(err.is_empty(), "{err}");
    let err = w
        .run(&["aggregate", "--metric", "no_such", "--by", "month"])
        .fails(2);
    assert!(err.contains("no observation has metric 'no_such'"), "{err}");
    let err = w
        .run(&[
            "aggregate",
            "--metric",
            "websites_closed",
            "--by",
            "month",
            "--increments",
            "--basis",
            "event",
        ])
        .fails(2);
    assert!(err.contains("--basis cumulative"), "{err}");
}

#[test]
fn formats() {
    let args = [
        "--metric",
        "fines_yuan",
        "--by",
        "entity",
        "--basis",
        "event",
    ];
    let table = agg(&args);
    assert!(table.starts_with("entity"), "{table}");
    let mut md = args.to_vec();
    md.extend(["--format", "markdown"]);
    assert!(agg(&md).contains("| entity | low | high | n | approx | note |"));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&agg(&json)).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["entity"] == "Zhong Wei" && r["low"] == 500000));
}

/// More rows than one streaming batch (100,000), so partial sums are merged.
#[test]
fn a_large_generated_file_matches_a_plain_computation() {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let w = Workdir::new();
    let mut csv = String::from(HEADER);
    csv.push('\n');
    let mut expected: BTreeMap<(String, String), (i128, Option<i128>, u64)> = BTreeMap::new();
    let categories = ["pornography", "fraud", "rumors", "piracy"];
    let mut seed: u64 = 0x2014;
    for i in 0..150_000u64 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let month = 1 + (seed >> 33) % 12;
        let day = 1 + (seed >> 40) % 28;
        let cat = categories[((seed >> 20) % 4) as usize];
        let value = (seed >> 8) % 1_000_000;
        let at_least = (seed >> 50).is_multiple_of(10);
        let q = if at_least { "at_least" } else { "exact" };
        writeln!(csv, "r{i},2014-{month:02}-{day:02},,,\"Office, \"\"quoted\"\"\",national,m,{cat},,{value},,{q},count,event,\"q, {value}\",s,").unwrap();
        let e = expected
            .entry((format!("2014-{month:02}"), cat.to_string()))
            .or_insert((0, Some(0), 0));
        e.0 += i128::from(value);
        e.1 = if at_least {
            None
        } else {
            e.1.map(|h| h + i128::from(value))
        };
        e.2 += 1;
    }
    w.write("big.csv", csv);
    let out = w
        .run(&[
            "aggregate",
            "--data",
            "big.csv",
            "--metric",
            "m",
            "--by",
            "month,category",
            "--format",
            "csv",
        ])
        .ok();
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let mut got = BTreeMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let high = if r[3].is_empty() {
            None
        } else {
            Some(r[3].parse::<i128>().unwrap())
        };
        got.insert(
            (r[0].to_string(), r[1].to_string()),
            (
                r[2].parse::<i128>().unwrap(),
                high,
                r[4].parse::<u64>().unwrap(),
            ),
        );
    }
    assert_eq!(got, expected);
}

#[test]
fn a_csv_table_gives_the_same_answers_scanned_as_loaded() {
    // `--data FILE.csv` and `--data FILE.parquet` are checked and aggregated in one
    // streaming pass; the embedded dataset is loaded in memory. Questions no relation
    // touches must agree.
    let w = Workdir::new();
    let csv = w.run(&["export", "--format", "csv"]).ok();
    w.write("obs.csv", &csv);
    w.run(&["export", "--format", "parquet", "--out", "obs.parquet"])
        .ok();
    let questions: [&[&str]; 4] = [
        &["--metric", "arrests", "--by", "month", "--basis", "event"],
        &[
            "--metric",
            "fines_yuan",
            "--by",
            "entity,month",
            "--basis",
            "event",
        ],
        &[
            "--metric",
            "websites_closed",
            "--by",
            "month",
            "--basis",
            "cumulative",
            "--region",
            "national",
        ],
        &[
            "--metric",
            "reports_received",
            "--by",
            "category",
            "--basis",
            "period",
            "--from",
            "2014-09-01",
            "--to",
            "2014-09-30",
        ],
    ];
    for q in questions {
        let mut embedded = vec!["aggregate", "--format", "csv"];
        embedded.extend_from_slice(q);
        let mut scanned = embedded.clone();
        scanned.extend(["--data", "obs.csv"]);
        let mut parquet = embedded.clone();
        parquet.extend(["--data", "obs.parquet"]);
        let (a, b) = (w.run(&embedded).ok(), w.run(&scanned).ok());
        assert_eq!(b, w.run(&parquet).ok(), "Parquet and CSV disagree on {q:?}");
        if q.contains(&"reports_received") {
            // Without relations.csv the published total is no longer known to be the
            // sum of its parts: it shows as its own group instead of being left out.
            assert!(b.contains(",40217,40217,1,"), "{b}");
            assert_eq!(a.lines().count() + 1, b.lines().count(), "{a}\n{b}");
        } else if q.contains(&"fines_yuan") {
            // The package declares the Shanghai fines a fine for each of at most five
            // people (`cleanweb:per_item`); the exported table alone keeps one fine.
            assert_eq!(
                a,
                b.replace(",2014-08,20000,50000,1,", ",2014-08,20000,250000,1,"),
                "{q:?}"
            );
        } else {
            assert_eq!(a, b, "{q:?}");
        }
    }
}

/// A = B + C and B = D + E, where B and C have A's entity and D and E their own:
/// by entity, every figure is counted once at every depth (C, D and E: 100, the
/// total), and by month the total alone.
#[test]
fn nested_breakdowns_are_counted_once_at_every_depth() {
    let w = Workdir::new();
    let fine = |id: &str, entity: &str, v: &str| {
        format!("{id},2014-05-01,,,O,national,fines_yuan,,{entity},{v},,exact,yuan,event,fined {v} yuan,s,")
    };
    w.package(
        "n",
        &[
            fine("a", "X", "100"),
            fine("b", "X", "60"),
            fine("c", "X", "40"),
            fine("d", "Y", "35"),
            fine("e", "Z", "25"),
        ],
        "a,b,complete\na,c,complete\nb,d,complete\nb,e,complete\n",
    );
    let csv = w
        .run(&[
            "aggregate",
            "--data",
            "n",
            "--metric",
            "fines_yuan",
            "--by",
            "entity",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(
        csv,
        "entity,low,high,n,approx,note\nX,40,40,1,false,\nY,35,35,1,false,\nZ,25,25,1,false,\n"
    );
    let csv = w
        .run(&[
            "aggregate",
            "--data",
            "n",
            "--metric",
            "fines_yuan",
            "--by",
            "month",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(
        csv,
        "month,low,high,n,approx,note\n2014-05,100,100,1,false,\n"
    );
}

/// With a declared hierarchy, `--by region --up-to province` counts each figure
/// once under the province that holds it and says which cities each includes;
/// without one, or with a level it does not have, the question is refused.
#[test]
fn places_within_places_roll_up_to_a_level() {
    let w = crate::util::Workdir::new();
    let arrest = |id: &str, region: &str, v: &str| {
        format!(
            "{id},2014-05-01,,,Police,{region},arrests,,,{v},,exact,count,event,arrested {v},s,"
        )
    };
    w.package(
        "p",
        &[
            arrest("a", "Guangdong", "37"),
            arrest("b", "Guangzhou", "10"),
            arrest("c", "Shenzhen", "1"),
            arrest("d", "Beijing", "5"),
        ],
        "",
    );
    let q = |extra: &[&str]| {
        let mut args = vec![
            "aggregate",
            "--data",
            "p",
            "--metric",
            "arrests",
            "--by",
            "region",
            "--format",
            "csv",
        ];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let args = q(extra);
        w.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let flat = run(&[]).ok();
    assert!(
        flat.contains("Guangdong,37,37,1,") && flat.contains("Guangzhou,10,10,1,"),
        "{flat}"
    );
    let err = run(&["--up-to", "province"]).fails(2);
    assert!(err.contains("the package declares no hierarchy"), "{err}");
    let dp = std::fs::read_to_string(w.path("p/datapackage.json")).unwrap();
    w.write(
        "p/datapackage.json",
        dp.replacen(
            "{\"name\":\"p\",",
            r#"{"name":"p","cleanweb:hierarchies":[{"dimension":"region","levels":["nation","province","city"],"parents":{"Guangzhou":"Guangdong","Shenzhen":"Guangdong","Guangdong":"national","Beijing":"national"}}],"#,
            1,
        ),
    );
    let rolled = run(&["--up-to", "province"]).ok();
    assert_eq!(
        rolled,
        "region,low,high,n,approx,note\nBeijing,5,5,1,false,\nGuangdong,48,48,3,false,\n"
    );
    let nation = run(&["--up-to", "nation"]).ok();
    assert!(nation.contains("national,53,53,4,"), "{nation}");
    let err = run(&["--up-to", "county"]).fails(2);
    assert!(
        err.contains("the levels are nation, province, city"),
        "{err}"
    );
    let chart = w
        .run(&[
            "chart", "--data", "p", "--metric", "arrests", "--by", "region", "--up-to", "province",
            "--out", "c.svg",
        ])
        .ok();
    let _ = chart;
    let svg = std::fs::read_to_string(w.path("c.svg")).unwrap();
    assert!(
        svg.contains("Guangdong includes Guangzhou and Shenzhen."),
        "{svg}"
    );
}

/// A table read as it streams answers a misspelt value as a package does: a usage
/// error naming the nearest value, not an empty table. A value no figure has, but
/// spelt right, still gives the empty answer with its reason.
#[test]
fn a_bare_table_refuses_a_value_no_figure_has() {
    let w = Workdir::new();
    let csv = w.run(&["export", "--format", "csv"]).ok();
    w.write("all.csv", &csv);
    for (option, value, want) in [
        (
            "--where",
            "region=nationl",
            "--where region=nationl: no region is 'nationl'; did you mean 'national'?",
        ),
        (
            "--category",
            "pornografy",
            "--category pornografy: no category is 'pornografy'; did you mean 'pornography'?",
        ),
        (
            "--region",
            "wuhan",
            "--region wuhan: no region is 'wuhan'; did you mean 'Wuhan'?",
        ),
    ] {
        for command in ["aggregate", "chart"] {
            let mut args = vec![
                command,
                "--data",
                "all.csv",
                "--metric",
                "websites_closed",
                "--by",
                "month",
                option,
                value,
            ];
            if command == "chart" {
                args.extend(["--out", "c.png"]);
            }
            let err = w.run(&args).fails(2);
            assert!(err.contains(want), "{command}: {err}");
        }
    }
    // Spelt right, but no figure of the metric has it on this basis.
    let run = w.run(&[
        "aggregate",
        "--data",
        "all.csv",
        "--metric",
        "websites_closed",
        "--basis",
        "event",
        "--by",
        "month",
        "--where",
        "region=national",
    ]);
    assert_eq!(run.code(), 0);
    assert!(
        run.stderr().contains(
            "no figure of websites_closed matches all of --basis event, --where region=national"
        ),
        "{}",
        run.stderr()
    );
}
