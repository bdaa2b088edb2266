//! Real published tables (tests/data/real/README.md names each source) through the
//! binary: init --from, validate, aggregate, chart, reconcile, diff and report. Every
//! expected figure is computed from the same files by `tests/data/real/expected.py`
//! (csv module only), whose output is written here and compared when python3 is present.

use crate::util::Workdir;
use std::path::Path;

pub(crate) const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/real");

/// Copies fixture `rel` into the work dir and runs `init DIR --from` on it.
pub(crate) fn init(w: &Workdir, rel: &str, dir: &str, extra: &[&str]) {
    let name = Path::new(rel).file_name().unwrap().to_str().unwrap();
    w.write(name, std::fs::read(format!("{REAL}/{rel}")).unwrap());
    let mut args = vec!["init", dir, "--from", name];
    args.extend_from_slice(extra);
    w.run(&args).ok();
}

/// What the Google table cannot say itself, decided as its reader would: a blank
/// outcome share is none (0%), each share is of the row's items, and both editions
/// call their requester column `requester` (it was renamed `Requestor`).
pub(crate) fn decide_google(w: &Workdir, dir: &str) {
    let path = w.path(&format!("{dir}/datapackage.json"));
    let mut dp: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let m = &mut dp["resources"][0]["cleanweb:mapping"];
    m["cells"]["blank"] = "zero".into();
    for x in m["measures"].as_array_mut().unwrap() {
        if x["unit"] == "percent" {
            x["share_of"] = "Items Requested To Be Removed".into();
        }
    }
    for x in m["dimensions"].as_array_mut().unwrap() {
        if x["column"] == "Requester" || x["column"] == "Requestor" {
            x["name"] = "requester".into();
        }
    }
    std::fs::write(path, serde_json::to_string_pretty(&dp).unwrap()).unwrap();
}

/// The 2025 edition's 2022-H1 rows as package `g`, decided as [`decide_google`] says.
fn google_2025_edition() -> Workdir {
    let w = Workdir::new();
    // One half-year alone: its `Period Ending` says no length, --period gives it.
    init(
        &w,
        "google-removals/removals-2022H1-2025ed.csv",
        "g",
        &["--period", "2022-H1"],
    );
    decide_google(&w, "g");
    w
}

/// `aggregate --data DATA --metric METRIC --by BY ... --format csv` as rows of cells,
/// the header left out.
fn aggregate(w: &Workdir, data: &str, metric: &str, by: &str, extra: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["aggregate", "--data", data, "--metric", metric, "--by", by];
    all.extend_from_slice(extra);
    all.extend_from_slice(&["--format", "csv"]);
    let out = w.run(&all).ok();
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The figures of expected.py, as it printed them (python3 expected.py).
const EXPECTED: &str = r#"{"diff_keys_added": 8, "diff_keys_removed": 7, "diff_requests_revised_down": 95, "diff_requests_revised_up": 0, "discord_escalations_months": [17, 19, 18], "discord_escalations_sum": 54, "discord_media_months": [3648, 2085, 4908], "discord_media_sum": 10641, "hist_requests_by_period": {"2009-H2": [1031, 1310, 42, ["China"]], "2010-H1": [1181, 1334, 35, ["China"]]}, "meta_actioned_by_app": {"Facebook": 141400000, "Instagram": 112600000}, "meta_facebook_actioned_2018Q3": 2000000, "meta_facebook_actioned_total": 141400000, "meta_figures": 254, "meta_instagram_actioned_quarters": 19, "new_countries": 82, "new_items_by_requestor": {"Consumer Protection Authority": 941, "Court Order Directed at 3rd Party": 9475, "Court Order Directed at Google": 8775, "Data Protection Authority": 1283, "Government Officials": 3323, "Information and Communications Authority": 94988, "Information and Communications Authority Under Federal Law 276-FZ": 201699, "Military": 8, "Other": 36832, "Police": 29740, "Suppression Orders": 179}, "new_items_total": 387243, "new_requests_total": 35220, "new_rows": 286, "new_top_country": ["Russia", 21841], "old_items_total": 387243, "old_requests_total": 37951, "renamed_keys_added": 1, "renamed_keys_removed": 0, "renamed_requests_revised_down": 101, "renamed_requests_revised_police": 9, "renamed_turkiye_revised": 6, "turkey_keys": 7}"#;

pub(crate) fn expected() -> serde_json::Value {
    serde_json::from_str(EXPECTED).unwrap()
}

#[test]
fn the_expected_figures_are_what_the_independent_script_computes() {
    let Ok(out) = std::process::Command::new("python3")
        .arg(format!("{REAL}/expected.py"))
        .output()
    else {
        eprintln!("python3 not found: the figures written in this file are checked alone");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let computed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(computed, expected());
}

#[test]
fn google_removals_by_period_requester_and_country() {
    let w = google_2025_edition();
    let e = expected();
    // 286 rows x 8 measures (2 counts, 6 shares), every cell a figure once blanks are 0%.
    let out = w.run(&["validate", "--data", "g"]).ok();
    assert!(out.contains("2288 observations"), "{out}");
    let total = e["new_requests_total"].as_u64().unwrap().to_string();
    let by_period = aggregate(&w, "g", "number_of_requests", "period", &[]);
    assert_eq!(by_period.len(), 1, "{by_period:?}");
    assert_eq!(by_period[0][0], "2022-H1");
    assert_eq!([&by_period[0][1], &by_period[0][2]], [&total, &total]);
    assert_eq!(by_period[0][3], "286");
    let by_requester = aggregate(&w, "g", "items_requested_to_be_removed", "requester", &[]);
    let items = e["new_items_by_requestor"].as_object().unwrap();
    assert_eq!(by_requester.len(), items.len());
    for row in &by_requester {
        let want = items[&row[0]].as_u64().unwrap().to_string();
        assert_eq!([&row[1], &row[2]], [&want, &want], "{row:?}");
    }
    let by_country = aggregate(&w, "g", "number_of_requests", "country_region", &[]);
    assert_eq!(
        by_country.len() as u64,
        e["new_countries"].as_u64().unwrap()
    );
    let top = by_country
        .iter()
        .max_by_key(|r| r[1].parse::<u64>().unwrap())
        .unwrap();
    assert_eq!(top[0], e["new_top_country"][0].as_str().unwrap());
    assert_eq!(
        top[1],
        e["new_top_country"][1].as_u64().unwrap().to_string()
    );
    // A chart by requester: one bar per requester type (11).
    w.run(&[
        "chart",
        "--data",
        "g",
        "--metric",
        "number_of_requests",
        "--by",
        "requester",
        "--out",
        "r.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("r.svg")).unwrap();
    assert!(
        svg.contains("Suppression Orders"),
        "a requester is missing from the chart"
    );
    // Shares of items reconcile row by row: at most a few rows fail, none silently.
    let rec = w.run(&["reconcile", "--data", "g", "--format", "json"]);
    assert!(rec.code() == 0 || rec.code() == 1, "{}", rec.stderr());
}

/// The historical table's requests by half-year, under the mapping `init` proposes.
fn historical_requests_by_period() -> Vec<Vec<String>> {
    let w = Workdir::new();
    init(&w, "google-removals/historical-2009H2-2010H1.csv", "h", &[]);
    let metric = "all_requests_number_of_requests";
    aggregate(&w, "h", metric, "period", &[])
}

#[test]
fn google_historical_thresholds_are_intervals() {
    let rows = historical_requests_by_period();
    let e = &expected()["hist_requests_by_period"];
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in rows {
        let want = &e[&row[0]];
        // `<10` is 0 to 9: the low end sums the exact counts (a `?` adds 0 to it).
        assert_eq!(row[1], want[0].to_string(), "{row:?}");
    }
}

/// China's `?` (withheld) opens the half-year's high end and is counted: a value
/// not published is a figure whose value is unknown, not an absence.
#[test]
fn google_historical_withheld_count_opens_the_total() {
    let rows = historical_requests_by_period();
    for row in rows {
        assert_eq!(row[2], "", "the high end is open: {row:?}");
        assert_eq!(
            row[3],
            (expected()["hist_requests_by_period"][&row[0]][2]
                .as_u64()
                .unwrap()
                + 1)
            .to_string()
        );
    }
}

#[test]
fn discord_month_names_and_sum_row_reconcile() {
    let w = Workdir::new();
    init(
        &w,
        "discord/discord-2022-Q1.csv",
        "d",
        &["--period", "2022"],
    );
    let e = expected();
    let out = w.run(&["validate", "--data", "d"]).ok();
    assert!(out.contains("1 blank row"), "{out}");
    let months = aggregate(&w, "d", "media_reports", "month", &[]);
    let got: Vec<u64> = months.iter().map(|r| r[1].parse().unwrap()).collect();
    let want: Vec<u64> = serde_json::from_value(e["discord_media_months"].clone()).unwrap();
    assert_eq!(got, want);
    let rec = w
        .run(&["reconcile", "--data", "d", "--format", "csv", "--strict"])
        .ok();
    let sum = e["discord_media_sum"].to_string();
    assert!(
        rec.lines()
            .any(|l| l.contains(&format!(",{sum},{sum},{sum},{sum},0,match"))),
        "{rec}"
    );
    // The table's other measure: its months, and its SUM row checked as theirs.
    let esc = aggregate(
        &w,
        "d",
        "grooming_or_endangerment_escalations",
        "month",
        &[],
    );
    let got: Vec<u64> = esc.iter().map(|r| r[1].parse().unwrap()).collect();
    let want: Vec<u64> = serde_json::from_value(e["discord_escalations_months"].clone()).unwrap();
    assert_eq!(got, want);
    let sum = e["discord_escalations_sum"].to_string();
    assert!(
        rec.lines()
            .any(|l| l.contains(&format!(",{sum},{sum},{sum},{sum},0,match"))),
        "{rec}"
    );
    // The chart by month: the three months of the file's year, each bar labelled
    // with its published figure, and the SUM row drawn nowhere.
    w.run(&[
        "chart",
        "--data",
        "d",
        "--metric",
        "media_reports",
        "--by",
        "month",
        "--out",
        "d.svg",
    ])
    .ok();
    let texts = svg_texts(&std::fs::read_to_string(w.path("d.svg")).unwrap());
    for m in &want_media(&e) {
        assert!(texts.contains(&thousands(*m)), "{texts:?}");
    }
    assert!(
        texts.iter().any(|t| t.contains("Jan–Mar 2022")),
        "{texts:?}"
    );
    assert!(
        !texts.contains(&thousands(e["discord_media_sum"].as_u64().unwrap())),
        "{texts:?}"
    );
}

/// Without --period, a single `Period Ending` is read as a day, and init says how
/// to give the period it ends.
#[test]
fn a_single_period_end_asks_for_its_period() {
    let w = Workdir::new();
    let name = "removals-2022H1-2025ed.csv";
    w.write(
        name,
        std::fs::read(format!("{REAL}/google-removals/{name}")).unwrap(),
    );
    let run = w.run(&["init", "g", "--from", name]);
    assert_eq!(run.code(), 0);
    let said = run.stderr();
    assert!(said.contains("column 'Period Ending' is read as the day of each figure: if it is the last day of the period each row covers (one half-year, say), run init again with --period"), "{said}");
    // A --period whose last day is not the column's date is no length for it.
    let run = w.run(&["init", "g2", "--from", name, "--period", "2022-Q1"]);
    assert!(
        run.stderr().contains("--period is not used"),
        "{}",
        run.stderr()
    );
}

/// A refusal to add shares names a few of the figures and the keys that tell them
/// apart, on one short line; every figure of the announcement has a label of its own.
#[test]
fn google_refusals_and_announcement_labels_are_readable() {
    let w = google_2025_edition();
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "g",
            "--metric",
            "removed_legal_share",
            "--by",
            "period",
        ])
        .fails(2);
    // 286 rows of one half-year: three ids named, 283 more counted.
    assert!(err.contains("286 of them fall in one group"), "{err}");
    assert!(err.contains("_l4_c7 and 283 more)"), "{err}");
    // The territory code is one-to-one with the country: it tells nothing more
    // apart, so it is not suggested.
    assert!(
        err.contains("--by period,country_region,requester"),
        "{err}"
    );
    assert!(!err.contains("cldr"), "{err}");
    assert!(err.len() < 500, "{} characters: {err}", err.len());
    let out = w
        .run(&[
            "reconcile",
            "--data",
            "g",
            "--section",
            "announcement",
            "--format",
            "csv",
        ])
        .ok();
    let rows = crate::util::csv_records(&out);
    let labels: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["figure"].as_str()).collect();
    // 286 rows x 8 measures (a blank cell is 0 here), every figure of the day
    // listed, and no two alike.
    assert_eq!(rows.len(), 286 * 8);
    assert_eq!(labels.len(), rows.len());
    assert!(
        labels.contains("number of requests, Russia, RU, Information and Communications Authority"),
        "{labels:?}"
    );
}

fn want_media(e: &serde_json::Value) -> Vec<u64> {
    serde_json::from_value(e["discord_media_months"].clone()).unwrap()
}

/// A count as the charts label it: 10641 is "10,641".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The text of every `<text>` element of an SVG chart, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(body.trim().replace("&apos;", "'").replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn meta_long_table_quarters_counts_and_percents() {
    let w = Workdir::new();
    init(&w, "meta-long/meta-2024q2-bullying.csv", "m", &[]);
    let e = expected();
    let out = w.run(&["validate", "--data", "m"]).ok();
    assert!(
        out.contains(&format!("{} observations", e["meta_figures"])),
        "{out}"
    );
    let rows = aggregate(
        &w,
        "m",
        "content_actioned",
        "period",
        &["--where", "app=Facebook"],
    );
    assert_eq!(rows[0][0], "2018-Q3");
    assert_eq!(rows[0][1], e["meta_facebook_actioned_2018Q3"].to_string());
    let total: u64 = rows.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    assert_eq!(total, e["meta_facebook_actioned_total"].as_u64().unwrap());
    // A percent metric is refused as a sum across apps (a usage error), never added.
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "m",
            "--metric",
            "proactive_rate",
            "--by",
            "period",
        ])
        .fails(2);
    assert!(err.contains("share figures are never added"), "{err}");
    // By the table's own dimension: each app's quarters summed.
    let by_app = aggregate(&w, "m", "content_actioned", "app", &[]);
    let want: std::collections::BTreeMap<String, u64> =
        serde_json::from_value(e["meta_actioned_by_app"].clone()).unwrap();
    let got: std::collections::BTreeMap<String, u64> = by_app
        .iter()
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .collect();
    assert_eq!(got, want);
    // A chart of one app by quarter says which app in its subtitle, and has a bar
    // per published quarter (the N/A quarters before the metric existed have none).
    w.run(&[
        "chart",
        "--data",
        "m",
        "--metric",
        "content_actioned",
        "--by",
        "period",
        "--where",
        "app=Instagram",
        "--out",
        "ig.svg",
    ])
    .ok();
    let texts = svg_texts(&std::fs::read_to_string(w.path("ig.svg")).unwrap());
    let subtitle = &texts[1];
    assert!(subtitle.contains("app: Instagram"), "{texts:?}");
    // The table names no region: the subtitle does not say "all regions".
    assert!(!subtitle.contains("regions"), "{texts:?}");
    let quarters = texts
        .iter()
        .filter(|t| t.starts_with('Q') && t.len() == 2)
        .count();
    assert_eq!(
        quarters as u64,
        e["meta_instagram_actioned_quarters"].as_u64().unwrap(),
        "{texts:?}"
    );
    // No total or claim in the table contradicts another: reconcile passes --strict.
    w.run(&["reconcile", "--data", "m", "--strict"]).ok();
}

/// The height of a PNG, from its header.
fn png_height(bytes: &[u8]) -> u32 {
    u32::from_be_bytes(bytes[20..24].try_into().unwrap())
}

#[test]
fn the_report_of_a_big_table_is_publishable() {
    let w = google_2025_edition();
    let e = expected();
    w.run(&[
        "report", "--data", "g", "--out", "r", "--quiet", "--top", "5",
    ])
    .ok();
    let md = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    let mut pngs = 0;
    for entry in std::fs::read_dir(w.path("r")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // The territory code is one-to-one with the country: drawn once, by name.
        assert!(!name.contains("cldr"), "{name}");
        if name.ends_with(".png") {
            pngs += 1;
            let height = png_height(&std::fs::read(&path).unwrap());
            assert!(height <= 3000, "{name} is {height} px tall");
        }
    }
    assert!((2..=12).contains(&pngs), "{pngs} charts");
    // Totals over time first, then the largest dimension (82 countries). The
    // half-year is a period (init --period 2022-H1), never a month.
    let charts: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert!(!md.contains("by month"), "{charts:?}");
    let first = charts.iter().position(|l| l.contains("by period")).unwrap();
    let country = charts
        .iter()
        .position(|l| l.contains("by Country/Region"))
        .unwrap();
    assert!(first < country, "{charts:?}");
    // By country: the top 4 and "78 others" drawn and shown; all 82 in the CSV.
    let csv =
        std::fs::read_to_string(w.path("r/number-of-requests-by-country-region.csv")).unwrap();
    assert_eq!(
        csv.lines().count() as u64,
        1 + e["new_countries"].as_u64().unwrap()
    );
    assert!(md.contains("| 78 others |"), "{md}");
    // The tables beside the charts speak as the charts do: the table's own header
    // ("Country/Region", not the key `country_region`), the bars in the order drawn,
    // each value in words with its thousands separated.
    assert!(md.contains("| Country/Region | Value |"), "{md}");
    assert!(!md.contains("| country_region |") && !md.contains("| requester |"));
    let (top, n) = (
        e["new_top_country"][0].as_str().unwrap(),
        e["new_top_country"][1].as_u64().unwrap(),
    );
    let by_country = md
        .split("## Number of requests: period totals by Country/Region")
        .nth(1)
        .unwrap();
    let first_row = by_country
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Country"))
        .find(|l| !l.starts_with("| ---"))
        .unwrap();
    assert_eq!(
        first_row,
        format!("| {top} | {} |", thousands(n)),
        "{by_country}"
    );
    assert!(md.contains("all 82 rows are in number-of-requests-by-country-region.csv"));
    // The announcement of 2,288 figures: its 5 largest and its totals, not a list.
    assert!(md.contains("The 5 largest of 2288 figures"), "{md}");
    let total = e["new_requests_total"].as_u64().unwrap();
    assert_eq!(total, 35_220);
    // 383,243 items: the sum of expected.py's items by requester type.
    let items: u64 = e["new_items_by_requestor"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(
        md.contains(&format!(
            "Items requested to be removed {}; Number of requests 35,220",
            cleanweb::values::interval::thousands(items as i128)
        )),
        "{md}"
    );
    // No table of the pages is longer than 25 rows (header and rule aside).
    let mut run = 0;
    for line in md.lines() {
        run = if line.starts_with('|') { run + 1 } else { 0 };
        assert!(run <= 27, "a table of more than 25 rows in report.md");
    }
    let html = std::fs::read_to_string(w.path("r/report.html")).unwrap();
    assert!(html.contains("2088 more rows in observations.csv"));
    let err = w
        .run(&["report", "--data", "g", "--out", "r2", "--top", "30"])
        .fails(2);
    assert!(err.contains("from 2 to 25"), "{err}");
}

/// The report of the historical table names China's withheld counts (the `?` cells
/// expected.py lists) in the notes under the chart of requests by half-year.
#[test]
fn google_historical_report_names_the_withheld_counts() {
    let w = Workdir::new();
    init(&w, "google-removals/historical-2009H2-2010H1.csv", "h", &[]);
    w.run(&["report", "--data", "h", "--out", "out"]).ok();
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    let e = &expected()["hist_requests_by_period"];
    let named: Vec<String> = ["2009-H2", "2010-H1"]
        .iter()
        .flat_map(|p| {
            e[p][3].as_array().unwrap().iter().map(move |c| {
                format!(
                    "{}'s all requests number of requests for {p}",
                    c.as_str().unwrap()
                )
            })
        })
        .collect();
    let sentence = format!(
        "2 figures are not published: {}. Each is counted from 0 up, so a sum that holds one has no upper end.",
        named.join(", ")
    );
    assert!(md.contains(&sentence), "{sentence}\n{md}");
    // The chart on its own names them too, under its source line.
    w.run(&[
        "chart",
        "--data",
        "h",
        "--metric",
        "all_requests_number_of_requests",
        "--by",
        "period",
        "--out",
        "h.svg",
    ])
    .ok();
    let texts = svg_texts(&std::fs::read_to_string(w.path("h.svg")).unwrap());
    let withheld: Vec<String> = ["2009-H2", "2010-H1"]
        .iter()
        .flat_map(|p| {
            e[p][3]
                .as_array()
                .unwrap()
                .iter()
                .map(move |c| format!("{}, CN {p}", c.as_str().unwrap()))
        })
        .collect();
    let line = format!(
        "Not published: {}; a bar that holds one is a lower bound (+).",
        withheld.join("; ")
    );
    assert!(texts.contains(&line), "{line}\n{texts:?}");
}

/// A hand-written mapping of the 2025 edition that declares `% Removed-Legal` a
/// count (issue 35, point 3), with `unit_overruled` when `overruled` is given.
fn percent_as_count(w: &Workdir, overruled: Option<&str>) {
    let table = "google-removals/removals-2022H1-2025ed.csv";
    w.write(
        "g/removals.csv",
        std::fs::read(format!("{REAL}/{table}")).unwrap(),
    );
    let overrule = overruled.map_or(String::new(), |r| format!(r#", "unit_overruled": "{r}""#));
    w.write(
        "g/datapackage.json",
        format!(
            r#"{{"name": "g", "resources": [{{"name": "removals", "path": "removals.csv",
  "cleanweb:mapping": {{
    "when": {{"column": "Period Ending", "form": "period_end", "length": "half_year"}},
    "dimensions": [{{"column": "Country/Region", "name": "country", "role": "region"}}, "Requestor"],
    "measures": [
      {{"column": "Number of Requests", "metric": "requests"}},
      {{"column": "% Removed-Legal", "metric": "removed_legal", "unit": "count"{overrule}}}
    ],
    "ignore": ["CLDR Territory Code", "Items Requested To Be Removed", "% Removed-Policy",
      "% Content Not Found", "% Not Enough Information", "% No Action Taken",
      "% Content Already Removed"],
    "cells": {{"blank": "zero"}}
  }}
}}]}}"#
        ),
    );
}

#[test]
fn a_percent_column_declared_as_a_count_is_refused_unless_overruled() {
    let w = Workdir::new();
    percent_as_count(&w, None);
    let err = w.run(&["validate", "--data", "g"]).fails(1);
    assert!(
        err.contains("g/removals.csv:1:7: field '% Removed-Legal': the header says '%': a percent, share or rate is never summed as a count; declare the measure's \"unit\" \"percent\" (or \"fraction\"), or keep \"count\" with \"unit_overruled\": \"REASON\""),
        "{err}"
    );
    percent_as_count(&w, Some("the column counts cases despite its header"));
    let out = w.run(&["validate", "--data", "g"]).ok();
    // 286 rows, a request count and a legal-removal cell each.
    assert!(out.contains("572 observations"), "{out}");
}
