//! Tables as platforms publish them: periods in every common spelling, month names
//! with the year given apart, blank and total rows (long tables of mixed units and
//! rounded counts are in `test_platform_long`). Each runs through the real binary;
//! every expected figure is worked out by hand from the cells, in the comments.

use crate::util::Workdir;

/// A package `dir` around `table` (a CSV named `file`) with `mapping`.
pub(crate) fn mapped(w: &Workdir, dir: &str, file: &str, table: &str, mapping: &str) {
    w.write(&format!("{dir}/{file}"), table);
    w.write(
        &format!("{dir}/datapackage.json"),
        format!(
            r#"{{"name": "t", "sources": [{{"name": "s", "title": "test"}}],
            "resources": [{{"name": "t", "path": "{file}", "cleanweb:mapping": {mapping}}}]}}"#
        ),
    );
}

/// The CSV `export` of package `dir`, as rows of named cells.
pub(crate) fn exported(w: &Workdir, dir: &str) -> Vec<std::collections::HashMap<String, String>> {
    let out = w.run(&["export", "--data", dir, "--format", "csv"]).ok();
    crate::util::csv_records(&out)
}

/// Every spelling of a period the issue names, each with the span it is (written
/// out from the calendar, not computed by the tool).
const SPELLINGS: [(&str, &str, &str); 18] = [
    ("2017Q4", "2017-10-01", "2017-12-31"),
    ("2017-Q4", "2017-10-01", "2017-12-31"),
    ("Q4 2017", "2017-10-01", "2017-12-31"),
    ("Q4-2017", "2017-10-01", "2017-12-31"),
    ("2017 Q4", "2017-10-01", "2017-12-31"),
    ("4Q2017", "2017-10-01", "2017-12-31"),
    ("2019H2", "2019-07-01", "2019-12-31"),
    ("H2 2019", "2019-07-01", "2019-12-31"),
    ("2019-H2", "2019-07-01", "2019-12-31"),
    ("Jul-Dec 2019", "2019-07-01", "2019-12-31"),
    ("Feb-Apr 2020", "2020-02-01", "2020-04-30"),
    ("Jul 2019 - Jun 2020", "2019-07-01", "2020-06-30"),
    ("Jan 2020", "2020-01-01", "2020-01-31"),
    ("January 2020", "2020-01-01", "2020-01-31"),
    ("2020-01", "2020-01-01", "2020-01-31"),
    ("01/2020", "2020-01-01", "2020-01-31"),
    ("2/2020", "2020-02-01", "2020-02-29"),
    ("2016", "2016-01-01", "2016-12-31"),
];

#[test]
fn every_period_spelling_becomes_its_span() {
    let w = Workdir::new();
    let mut table = String::from("Period,Spelling,Removed\n");
    for (i, (t, _, _)) in SPELLINGS.iter().enumerate() {
        table.push_str(&format!("{t},s{i},{}\n", i + 1));
    }
    mapped(
        &w,
        "p",
        "periods.csv",
        &table,
        r#"{"when": {"column": "Period", "form": "period"}, "dimensions": ["Spelling"],
            "measures": [{"column": "Removed", "metric": "items_removed"}]}"#,
    );
    let rows = exported(&w, "p");
    assert_eq!(rows.len(), SPELLINGS.len());
    for (i, (t, start, end)) in SPELLINGS.iter().enumerate() {
        let r = rows
            .iter()
            .find(|r| r["value"] == (i + 1).to_string())
            .unwrap();
        assert_eq!(
            (r["period_start"].as_str(), r["period_end"].as_str()),
            (*start, *end),
            "{t}"
        );
        assert_eq!(r["source_line"], (i + 2).to_string(), "{t}");
    }
}

#[test]
fn a_spelling_that_is_no_period_is_refused_with_the_forms() {
    let w = Workdir::new();
    let refused = [
        "2017Q5",
        "Q0 2017",
        "2019H3",
        "5Q2017",
        "13/2020",
        "01/20",
        "Dec-Jul 2019",
        "Q4 17",
        "Janvier 2020",
    ];
    let mut table = String::from("Period,Removed\n");
    for t in refused {
        table.push_str(&format!("{t},1\n"));
    }
    mapped(
        &w,
        "p",
        "periods.csv",
        &table,
        r#"{"when": {"column": "Period", "form": "period"},
            "measures": [{"column": "Removed", "metric": "items_removed"}]}"#,
    );
    let err = w.run(&["validate", "--data", "p"]).fails(1);
    for (i, t) in refused.iter().enumerate() {
        let want = format!(
            "periods.csv:{}:1: field 'Period': '{t}' is not a period: write one of 2017-Q4 (or 2017Q4, 2017 Q4, Q4 2017, Q4-2017, 4Q2017), 2019-H2 (or 2019H2, H2 2019), Jul-Dec 2019, Jul 2019-Jun 2020, Jan 2020 (or January 2020), 2020-01 (or 01/2020), 2020",
            i + 2
        );
        assert!(err.contains(&want), "{want}\nnot in\n{err}");
    }
}

#[test]
fn init_recognises_every_period_spelling() {
    for (t, start, end) in SPELLINGS.iter().filter(|s| s.0 != "2016") {
        let w = Workdir::new();
        w.write("q.csv", format!("period,removed\n{t},5\n"));
        w.run(&["init", "q", "--from", "q.csv"]).ok();
        let dp = std::fs::read_to_string(w.path("q/datapackage.json")).unwrap();
        // `2020-01` was a month before periods were: it stays one.
        let form = if *t == "2020-01" { "month" } else { "period" };
        assert!(dp.contains(&format!(r#""form": "{form}""#)), "{t}: {dp}");
        let rows = exported(&w, "q");
        assert_eq!(
            (
                rows[0]["period_start"].as_str(),
                rows[0]["period_end"].as_str()
            ),
            (*start, *end),
            "{t}"
        );
    }
}

#[test]
fn month_names_take_their_year_from_the_mapping_or_from_init() {
    let w = Workdir::new();
    let table = "Month,Removed\nJanuary,5\nFeb,7\nMARCH,9\n";
    let mapping = |year: &str| {
        format!(
            r#"{{"when": {{"column": "Month", "form": "period"{year}}},
            "measures": [{{"column": "Removed", "metric": "items_removed"}}]}}"#
        )
    };
    mapped(&w, "none", "removals.csv", table, &mapping(""));
    let err = w.run(&["validate", "--data", "none"]).fails(1);
    for (line, t) in [(2, "January"), (3, "Feb"), (4, "MARCH")] {
        let want = format!("removals.csv:{line}:1: field 'Month': '{t}' names no year: give it in the mapping's \"when\", as \"year\": 2022, or run `cleanweb init DIR --from TABLE --period 2022`");
        assert!(err.contains(&want), "{want}\nnot in\n{err}");
    }
    mapped(
        &w,
        "text",
        "removals.csv",
        table,
        &mapping(r#", "year": "2024""#),
    );
    let err = w.run(&["validate", "--data", "text"]).fails(1);
    assert!(
        err.contains("when.year': \"2024\" is not a year: write the year of the month names as a number, such as 2022"),
        "{err}"
    );
    // 2024 is a leap year: February has 29 days.
    mapped(
        &w,
        "leap",
        "removals.csv",
        table,
        &mapping(r#", "year": 2024"#),
    );
    let rows = exported(&w, "leap");
    let spans: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["value"].as_str(),
                r["period_start"].as_str(),
                r["period_end"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("5", "2024-01-01", "2024-01-31"),
            ("7", "2024-02-01", "2024-02-29"),
            ("9", "2024-03-01", "2024-03-31")
        ]
    );
    // init --from: the year given with --period; without it, init says what is
    // missing and validate names each cell.
    w.write("removals.csv", table);
    w.run(&[
        "init",
        "given",
        "--from",
        "removals.csv",
        "--period",
        "2023",
    ])
    .ok();
    let dp = std::fs::read_to_string(w.path("given/datapackage.json")).unwrap();
    assert!(dp.contains(r#""year": 2023"#), "{dp}");
    let rows = exported(&w, "given");
    assert_eq!(rows[1]["period_end"], "2023-02-28");
    let run = w.run(&["init", "missing", "--from", "removals.csv"]);
    run.ok();
    assert!(
        run.stderr().contains("column 'Month' names months without their year: give it in the mapping's \"when\" as \"year\": YYYY, or run init again with --period YYYY"),
        "{}",
        run.stderr()
    );
    let err = w.run(&["validate", "--data", "missing"]).fails(1);
    assert!(err.contains("'January' names no year"), "{err}");
    let err = w
        .run(&["init", "bad", "--from", "removals.csv", "--period", "22"])
        .fails(2);
    assert!(err.contains("'22' is not a period"), "{err}");
}

/// A copy of the excerpt `file` of `tests/data/platform-tables/` in the work folder.
pub(crate) fn excerpt(w: &Workdir, file: &str) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/platform-tables")
        .join(file);
    w.write(file, std::fs::read(from).unwrap());
}

/// `cleanweb aggregate` as CSV.
pub(crate) fn aggregate(w: &Workdir, data: &str, metric: &str, by: &str) -> String {
    w.run(&[
        "aggregate",
        "--data",
        data,
        "--metric",
        metric,
        "--by",
        by,
        "--format",
        "csv",
    ])
    .ok()
}

/// The relations section of `reconcile` on package `data`, as CSV.
pub(crate) fn relations(w: &Workdir, data: &str) -> String {
    w.run(&[
        "reconcile",
        "--data",
        data,
        "--section",
        "relations",
        "--format",
        "csv",
    ])
    .ok()
}

/// The cells of the CSV line whose first cells are `keys`.
pub(crate) fn row<'a>(csv: &'a str, keys: &[&str]) -> Vec<&'a str> {
    let prefix = keys.join(",") + ",";
    csv.lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no row {prefix} in\n{csv}"))
        .split(',')
        .collect()
}

#[test]
fn a_quarterly_table_of_month_names_a_blank_row_and_sum_rows() {
    let w = Workdir::new();
    excerpt(&w, "removals-2022-Q1.csv");
    let run = w.run(&[
        "init",
        "q1",
        "--from",
        "removals-2022-Q1.csv",
        "--period",
        "2022",
    ]);
    run.ok();
    assert!(
        run.stderr()
            .contains("rows that say 'SUM' are totals of other rows"),
        "{}",
        run.stderr()
    );
    let dp = std::fs::read_to_string(w.path("q1/datapackage.json")).unwrap();
    assert!(dp.contains(r#""year": 2022"#), "{dp}");
    // 8 rows of figures x 2 measures = 16 figures; each of the 2 SUM rows is the
    // total of 3 months in each of 2 measures: 4 totals with 12 parts; line 8 is blank.
    let out = w.run(&["validate", "--data", "q1"]).ok();
    assert!(
        out.contains("16 observations, 4 totals with 12 parts"),
        "{out}"
    );
    assert!(
        out.contains("; 1 blank row of ") && out.contains("removals-2022-Q1.csv skipped"),
        "{out}"
    );
    // By month the months are counted (a SUM covers the quarter, no single month):
    // January 41 + 27, February 38 + 30, March 45 + 33.
    let csv = aggregate(&w, "q1", "requests", "month");
    assert_eq!(row(&csv, &["2022-01"])[1..4], ["68", "68", "2"]);
    assert_eq!(row(&csv, &["2022-02"])[1..4], ["68", "68", "2"]);
    assert_eq!(row(&csv, &["2022-03"])[1..4], ["78", "78", "2"]);
    // By period too: the SUM rows are left out for their parts, never added to them.
    let csv = aggregate(&w, "q1", "items_removed", "period");
    assert_eq!(row(&csv, &["2022-01"])[1..4], ["218", "218", "2"]);
    assert!(!csv.contains("2022-Q1"), "{csv}");
    // By country each SUM is counted once, its months left out: Germany 124, and
    // items 130 + 121 + 140 = 391; France 27 + 30 + 33 = 90 and 88 + 95 + 76 = 259.
    let csv = aggregate(&w, "q1", "requests", "country");
    assert_eq!(row(&csv, &["Germany"])[1..4], ["124", "124", "1"]);
    assert_eq!(row(&csv, &["France"])[1..4], ["90", "90", "1"]);
    let csv = aggregate(&w, "q1", "items_removed", "country");
    assert_eq!(row(&csv, &["Germany"])[1..3], ["391", "391"]);
    assert_eq!(row(&csv, &["France"])[1..3], ["259", "259"]);
    w.run(&[
        "chart", "--data", "q1", "--metric", "requests", "--by", "month", "--out", "q1.png",
    ])
    .ok();
    assert!(std::fs::read(w.path("q1.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
    // Each SUM against its months: Germany's requests (line 9, column 3) hold.
    let csv = relations(&w, "q1");
    let de = row(&csv, &["removals_2022_q1_l9_c3"]);
    assert_eq!(de[de.len() - 1], "match", "{csv}");
    // A SUM one more than its months is named.
    let p = w.path("q1/removals-2022-Q1.csv");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("SUM,Germany,124,", "SUM,Germany,125,")).unwrap();
    let dp = dp.replace(
        dp.split("\"hash\": \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap(),
        &format!("sha256:{}", sha256_hex(&std::fs::read(&p).unwrap())),
    );
    std::fs::write(w.path("q1/datapackage.json"), dp).unwrap();
    let csv = relations(&w, "q1");
    let de = row(&csv, &["removals_2022_q1_l9_c3"]);
    assert_eq!(de[de.len() - 1], "mismatch", "{csv}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_total_in_a_dimension_column_is_the_total_of_the_other_values() {
    let w = Workdir::new();
    let table = "Period,Country,Requests\n\
        2019-H1,Germany,12\n2019-H1,France,8\n2019-H1,Total,20\n\
        2019-H2,Germany,10\n2019-H2,France,5\n2019-H2,TOTAL,16\n";
    mapped(
        &w,
        "t",
        "requests.csv",
        table,
        r#"{"when": {"column": "Period", "form": "period"},
            "dimensions": [{"column": "Country", "name": "country", "role": "region"}],
            "measures": [{"column": "Requests", "metric": "requests"}],
            "total_rows": ["Total"]}"#,
    );
    let out = w.run(&["validate", "--data", "t"]).ok();
    assert!(
        out.contains("6 observations, 2 totals with 4 parts"),
        "{out}"
    );
    // By period the published totals are counted, their parts not: 20 and 16.
    let csv = aggregate(&w, "t", "requests", "period");
    assert_eq!(row(&csv, &["2019-H1"])[1..4], ["20", "20", "1"]);
    assert_eq!(row(&csv, &["2019-H2"])[1..4], ["16", "16", "1"]);
    // By country the parts: Germany 12 + 10, France 8 + 5; no country 'Total'.
    let csv = aggregate(&w, "t", "requests", "country");
    assert_eq!(row(&csv, &["Germany"])[1..3], ["22", "22"]);
    assert_eq!(row(&csv, &["France"])[1..3], ["13", "13"]);
    assert!(!csv.to_lowercase().contains("\ntotal,"), "{csv}");
    // 12 + 8 = 20 holds; 10 + 5 = 15 is not 16.
    let csv = relations(&w, "t");
    let h1 = row(&csv, &["t_l4_c3"]);
    assert_eq!(h1[h1.len() - 1], "match", "{csv}");
    let h2 = row(&csv, &["t_l7_c3"]);
    assert_eq!(h2[h2.len() - 1], "mismatch", "{csv}");
    // A total row with nothing above it to sum is named.
    mapped(
        &w,
        "first",
        "requests.csv",
        "Period,Requests\nSUM,5\n2019-H1,5\n",
        r#"{"when": {"column": "Period", "form": "period"},
            "measures": [{"column": "Requests", "metric": "requests"}],
            "total_rows": ["SUM"]}"#,
    );
    let err = w.run(&["validate", "--data", "first"]).fails(1);
    assert!(
        err.contains("requests.csv:2:1: is a total row, but no row above it (since the last total) gives its parts"),
        "{err}"
    );
}
