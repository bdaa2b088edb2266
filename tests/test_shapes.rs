//! Tables in their own shape (`tests/shapes/`): a wide half-year table with percent
//! shares, an .xlsx sheet, a long monthly table, a record list and two editions of
//! one table, each through every command with the real binary. Every expected
//! figure is worked out by hand from the fixture's cells, in the comments.

use std::path::Path;

use crate::util::Workdir;

/// A copy of the fixture `name` in the work folder, so messages name it as a user
/// who downloaded it would see it.
pub(crate) fn shape(w: &Workdir, name: &str) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/shapes")
        .join(name);
    copy(&from, &w.path(name));
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

pub(crate) fn edit(w: &Workdir, rel: &str, from: &str, to: &str) {
    let p = w.path(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// `cleanweb aggregate` on package `data`, as CSV.
fn aggregate(w: &Workdir, data: &str, metric: &str, by: &str, more: &[&str]) -> String {
    let mut args = vec!["aggregate", "--data", data, "--metric", metric, "--by", by];
    args.extend(more);
    args.extend(["--format", "csv"]);
    w.run(&args).ok()
}

/// The rows of a CSV output whose first cells are `keys`.
fn row<'a>(csv: &'a str, keys: &[&str]) -> Vec<&'a str> {
    let prefix = keys.join(",") + ",";
    let line = csv
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no row {prefix} in\n{csv}"));
    line.split(',').collect()
}

#[test]
fn a_half_year_table_reads_with_its_markers_and_blanks() {
    let w = Workdir::new();
    shape(&w, "half-year");
    // 8 rows x 5 measures = 40 cells; no figure from the three blank shares of row 5
    // and the blank request count of row 9: 36. The '?' of row 5 is a figure whose
    // value is not published.
    let out = w.run(&["validate", "--data", "half-year"]).ok();
    assert!(out.contains("36 observations"), "{out}");
    assert!(out.contains("left to decide (4)"), "{out}");
    assert!(!out.contains("headed as a total"), "{out}");
    assert!(
        out.contains("half-year/requests.csv:9:4: field 'All Requests': 1 blank cell"),
        "{out}"
    );
    // Requests by half-year and country. 2019-H1: Germany 12 + '<10' (0..9) =
    // 12..21, France 25 and its police row's '?' (0 or more): 25 and up, 2 figures;
    // 2019-H2: Germany 15 + 8 = 23,
    // France 31 (its police row is blank, left to decide).
    let csv = aggregate(&w, "half-year", "removal_requests", "period,country", &[]);
    assert!(
        csv.starts_with("period,country,low,high,n,approx,note\n"),
        "{csv}"
    );
    assert_eq!(row(&csv, &["2019-H1", "Germany"])[2..5], ["12", "21", "2"]);
    assert_eq!(row(&csv, &["2019-H1", "France"])[2..5], ["25", "", "2"]);
    assert_eq!(row(&csv, &["2019-H2", "Germany"])[2..5], ["23", "23", "2"]);
    assert_eq!(row(&csv, &["2019-H2", "France"])[2..5], ["31", "31", "1"]);
    // A dimension of its own, filtered by another: Germany's requesters.
    let csv = aggregate(
        &w,
        "half-year",
        "removal_requests",
        "requester",
        &["--where", "country=Germany"],
    );
    assert_eq!(row(&csv, &["Court order"])[1..4], ["27", "27", "2"]);
    assert_eq!(row(&csv, &["Police"])[1..4], ["8", "17", "2"]);
    // By month, a half-year belongs to no single month: nothing is summed.
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "half-year",
            "--metric",
            "removal_requests",
            "--by",
            "month",
            "-v",
        ])
        .ok();
    assert!(!err.contains("2019-01  "), "{err}");
    // Shares are never summed, and two metrics are never added together.
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "half-year",
            "--metric",
            "items_removed_legal",
            "--by",
            "country",
        ])
        .fails(2);
    assert!(err.contains("share figures are never added"), "{err}");
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "half-year",
            "--metric",
            "removal_requests,items_named",
            "--by",
            "period",
        ])
        .fails(2);
    assert!(
        err.contains("never added together: add metric to --by"),
        "{err}"
    );
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "half-year",
            "--metric",
            "removal_requests",
            "--by",
            "county",
        ])
        .fails(2);
    assert!(
        err.contains("'county' is not a key") && err.contains("country"),
        "{err}"
    );
}

#[test]
fn reconcile_names_a_row_that_sums_to_103_and_an_impossible_percent() {
    let w = Workdir::new();
    shape(&w, "half-year");
    let csv = w
        .run(&[
            "reconcile",
            "--data",
            "half-year",
            "--section",
            "checks",
            "--format",
            "csv",
        ])
        .ok();
    // Line 7: 35 + 35 + 33 = 103; with each whole percent +-0.5 the sum is at
    // least 101.5, so it cannot be 100.
    let sum = csv
        .lines()
        .find(|l| l.starts_with("shares_sum,") && l.contains(",contradicts,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(sum.contains("requests.csv:7"), "{sum}");
    assert!(sum.contains("35 + 35 + 33 = 103%"), "{sum}");
    assert!(sum.contains("101.5..104.5%"), "{sum}");
    // Line 6: 1% of 40 items; one item is 2.5%, so no whole count rounds to 1%.
    let grim: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("share_of_count,") && l.contains(",contradicts,"))
        .collect();
    assert_eq!(grim.len(), 1, "{csv}");
    assert!(
        grim[0].contains("requests.csv:6:6, 1 of 40 cannot be"),
        "{}",
        grim[0]
    );
    // The other rows hold: 8 rows, less the blank one (5) and line 7: 6 sum to 100;
    // every share of the 7 rows with a count is possible except line 6's.
    assert!(
        csv.contains("shares_sum,half-year/requests.csv,6 rows,"),
        "{csv}"
    );
    assert!(
        csv.contains("share_of_count,half-year/requests.csv,6 rows,"),
        "{csv}"
    );
    let err = w
        .run(&["reconcile", "--data", "half-year", "--strict"])
        .fails(1);
    assert!(err.contains("do not add up"), "{err}");
}

#[test]
fn export_cites_each_figure_by_file_digest_line_and_column() {
    let w = Workdir::new();
    shape(&w, "half-year");
    let csv = w.run(&["export", "--data", "half-year"]).ok();
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",note,requester,source_file,source_sha256,source_line,source_column"),
        "{header}"
    );
    let digest = {
        use sha2::Digest;
        let bytes = std::fs::read(w.path("half-year/requests.csv")).unwrap();
        sha2::Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    // Line 3, column 4 holds '<10': at most 9, quoted as it stands.
    let line = csv
        .lines()
        .find(|l| l.starts_with("requests_l3_c4,"))
        .unwrap_or_else(|| panic!("{csv}"));
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(cells[1..4], ["2019-06-30", "2019-01-01", "2019-06-30"]);
    assert_eq!(cells[5], "Germany");
    assert_eq!(cells[9..15], ["9", "", "at_most", "count", "period", "<10"]);
    assert_eq!(
        cells[17..],
        [
            "Police",
            "half-year/requests.csv",
            digest.as_str(),
            "3",
            "4"
        ]
    );
    // A changed file is noticed once the package records its digest.
    edit(
        &w,
        "half-year/datapackage.json",
        "\"path\": \"requests.csv\",\n      \"format\"",
        &format!(
            "\"path\": \"requests.csv\",\n      \"hash\": \"sha256:{digest}\",\n      \"format\""
        ),
    );
    w.run(&["validate", "--data", "half-year"]).ok();
    edit(
        &w,
        "half-year/requests.csv",
        "France,Court order,25,",
        "France,Court order,26,",
    );
    let err = w.run(&["validate", "--data", "half-year"]).fails(1);
    assert!(
        err.contains("half-year/requests.csv: has changed since its figures were cited"),
        "{err}"
    );
}

#[test]
fn describe_chart_and_report_work_on_a_mapped_table() {
    let w = Workdir::new();
    shape(&w, "half-year");
    let out = w.run(&["describe", "--data", "half-year"]).ok();
    assert!(
        out.contains("country    region        2  France, Germany"),
        "{out}"
    );
    assert!(
        out.contains("requester  its own       2  Court order, Police"),
        "{out}"
    );
    assert!(out.contains("'?' 1"), "{out}");
    w.run(&[
        "chart",
        "--data",
        "half-year",
        "--metric",
        "removal_requests",
        "--by",
        "period",
        "--out",
        "requests.png",
    ])
    .ok();
    let png = std::fs::read(w.path("requests.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    w.run(&["report", "--data", "half-year", "--out", "out"])
        .ok();
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    // The automatic set charts the half-year counts by period.
    assert!(
        html.contains("removal-requests-by-period"),
        "no period chart"
    );
    assert!(
        !html.contains("Clean Network"),
        "the report speaks of another campaign"
    );
}

#[test]
fn mapping_mistakes_and_cells_are_named_where_they_are() {
    let w = Workdir::new();
    shape(&w, "half-year");
    edit(
        &w,
        "half-year/datapackage.json",
        "\"half_year\"",
        "\"half_yaer\"",
    );
    let err = w.run(&["validate", "--data", "half-year"]).fails(1);
    assert!(
        err.contains("half-year/datapackage.json: field 'resources[0].cleanweb:mapping.when.length': 'half_yaer' is not a period length (did you mean 'half_year'?)"),
        "{err}"
    );
    edit(
        &w,
        "half-year/datapackage.json",
        "\"half_yaer\"",
        "\"half_year\"",
    );
    edit(
        &w,
        "half-year/requests.csv",
        "Court order,12,",
        "Court order,12 requests,",
    );
    edit(
        &w,
        "half-year/requests.csv",
        "2019-12-31,France,Court order",
        "2019-12-30,France,Court order",
    );
    let err = w.run(&["validate", "--data", "half-year"]).fails(1);
    assert!(
        err.contains(
            "half-year/requests.csv:2:4: field 'All Requests': '12 requests' is not a number"
        ),
        "{err}"
    );
    assert!(err.contains("half-year/requests.csv:8:1: field 'Period Ending': 2019-12-30 is not the last day of a month"), "{err}");
}

#[test]
fn an_xlsx_sheet_with_a_total_column() {
    let w = Workdir::new();
    shape(&w, "monthly-xlsx");
    // 5 rows x 4 columns = 20 cells, less the 'n/a' of August: 19.
    let out = w.run(&["validate", "--data", "monthly-xlsx"]).ok();
    assert!(
        out.contains("19 observations, 5 totals with 14 parts"),
        "{out}"
    );
    // The totals are counted, their parts not; July has no row: not reported.
    let csv = aggregate(&w, "monthly-xlsx", "sites_reported", "month", &[]);
    assert_eq!(row(&csv, &["2014-04"])[1..4], ["175", "175", "1"]);
    assert_eq!(
        row(&csv, &["2014-07"])[1..6],
        ["", "", "0", "false", "not reported"]
    );
    // By category the parts are shown; '<10' is 0..9.
    let csv = aggregate(
        &w,
        "monthly-xlsx",
        "sites_reported",
        "category",
        &["--where", "month=2014-05"],
    );
    assert_eq!(row(&csv, &["Rumours"])[1..3], ["0", "9"]);
    // Sheet rows are lines: September (row 8) says 200, its parts 150 + 45 + 12 = 207.
    let csv = w
        .run(&[
            "reconcile",
            "--data",
            "monthly-xlsx",
            "--section",
            "relations",
            "--format",
            "csv",
        ])
        .ok();
    let sep = row(&csv, &["hotline_l8_c5"]);
    assert_eq!(sep[sep.len() - 1], "mismatch", "{csv}");
    // May: 240 against 180 + 52 + (0..9) = 232..241, which can agree.
    let may = row(&csv, &["hotline_l5_c5"]);
    assert_eq!(may[may.len() - 1], "consistent", "{csv}");
    // August's rumours are 'n/a': its parts are a subset, 160 + 48 <= 230.
    let aug = row(&csv, &["hotline_l7_c5"]);
    assert_eq!(aug[1], "partial", "{csv}");
    let out = w.run(&["export", "--data", "monthly-xlsx"]).ok();
    assert!(
        out.contains(",exact,count,period,61*,hotline-sheet,\"column 'Fraud', footnote *\","),
        "{out}"
    );
}

#[test]
fn a_long_monthly_table() {
    let w = Workdir::new();
    shape(&w, "monthly-long");
    let out = w.run(&["validate", "--data", "monthly-long"]).ok();
    // 8 rows, less one 'n/a'.
    assert!(out.contains("7 observations"), "{out}");
    let csv = aggregate(&w, "monthly-long", "sites_closed", "month,province", &[]);
    assert_eq!(row(&csv, &["2014-04", "Beijing"])[2..4], ["1204", "1204"]);
    assert_eq!(row(&csv, &["2014-04", "Guangdong"])[2..4], ["877", "877"]);
    assert_eq!(
        row(&csv, &["2014-05", "Guangdong"])[4..7],
        ["0", "false", "not reported"]
    );
    assert_eq!(
        row(&csv, &["2014-06", "Beijing"])[4..7],
        ["0", "false", "not reported"]
    );
    let csv = aggregate(&w, "monthly-long", "accounts_closed", "province", &[]);
    // '>200': at least 200, no upper bound.
    assert_eq!(row(&csv, &["Guangdong"])[1..3], ["200", ""]);
}

#[test]
fn a_record_list_counts_its_rows() {
    let w = Workdir::new();
    shape(&w, "records");
    // 12 rows fall on 9 distinct (day, platform, reason).
    let out = w.run(&["validate", "--data", "records"]).ok();
    assert!(out.contains("9 observations"), "{out}");
    let csv = aggregate(&w, "records", "posts_deleted", "month", &[]);
    assert_eq!(row(&csv, &["2014-04"])[1..3], ["4", "4"]);
    assert_eq!(row(&csv, &["2014-05"])[1..3], ["5", "5"]);
    assert_eq!(
        row(&csv, &["2014-06"])[3..6],
        ["0", "false", "not reported"]
    );
    assert_eq!(row(&csv, &["2014-07"])[1..3], ["3", "3"]);
    let csv = aggregate(
        &w,
        "records",
        "posts_deleted",
        "category",
        &["--where", "platform=Weibo"],
    );
    assert!(csv.starts_with("reason,"), "{csv}");
    assert_eq!(row(&csv, &["rumours"])[1..3], ["5", "5"]);
    assert_eq!(row(&csv, &["fraud"])[1..3], ["2", "2"]);
    // A longer list, generated: the counts are the rows, whatever the order.
    let mut text = String::from("Deleted On,Platform,Reason,Post ID\n");
    let mut want = [0u64; 12];
    for i in 0..30_000u64 {
        let m = (i * 7 + i / 13) % 12;
        want[m as usize] += 1;
        text.push_str(&format!(
            "2015-{:02}-{:02},P{},r{},id{i}\n",
            m + 1,
            i % 28 + 1,
            i % 3,
            i % 5
        ));
    }
    w.write("records/posts.csv", text);
    let csv = aggregate(&w, "records", "posts_deleted", "month", &[]);
    for (m, n) in want.iter().enumerate() {
        let key = format!("2015-{:02}", m + 1);
        assert_eq!(row(&csv, &[&key])[1], n.to_string(), "{key}");
    }
}

#[test]
fn two_editions_of_one_table() {
    let w = Workdir::new();
    shape(&w, "editions");
    shape(&w, "half-year");
    let csv = w
        .run(&["diff", "editions/old", "editions/new", "--format", "csv"])
        .ok();
    assert!(csv.starts_with("change,metric,period,country,authority,requester,old,new,revision_low,revision_high,old_cell,new_cell,look_at\n"), "{csv}");
    // France's court orders of 2019-H1 moved from line 4 to line 2, and 25 became 24.
    assert_eq!(
        row(&csv, &["revised", "removal_requests", "2019-H1", "France"])[6..],
        [
            "25",
            "24",
            "-1",
            "-1",
            "editions/old/requests.csv:4:4",
            "editions/new/requests.csv:2:4",
            ""
        ]
    );
    assert_eq!(
        row(&csv, &["added", "removal_requests", "2019-H2", "Italy"])[7],
        "6"
    );
    assert_eq!(
        row(&csv, &["removed", "items_named", "2019-H2", "France"])[6],
        "12"
    );
    let out = w
        .run(&[
            "diff",
            "editions/old",
            "editions/new",
            "--section",
            "totals",
            "--format",
            "csv",
        ])
        .ok();
    // Revised down: France H1 (25 -> 24), Germany H2 (15 -> 14), France H2 (31 -> 29);
    // revised within its interval: France H1 police ('?': 0 or more -> 3); added:
    // Italy. Old: 12 + <10 + 25 + ? + 15 + 8 + 31 = 91 or more (the blank gives no
    // figure); new: 24 + 12 + <10 + 3 + 14 + 8 + 29 + 6 = 96 to 105; the revision is
    // -1 - 1 - 2 + (at most 3) + 6 = at most +5 (the `<10` published alike in both
    // counts 0, where new - old would be -4 to +14).
    assert!(out.contains("removal_requests,91,,96,105,,5,0,3,1,1,0,\"removal requests: 91 or more in the old edition, 96 to 105 in the new, a revision of at most +5; revised down in 3 figures, revised in wording or within their ranges in 1 figure, added in 1 figure\""), "{out}");
    // Items: 854 and 860 (Italy's 18 added, France's police 12 removed); shares
    // get no sums.
    assert!(
        out.contains("items_named,854,854,860,860,6,6,0,0,0,1,1,"),
        "{out}"
    );
    assert!(
        out.contains("items_no_action,,,,,,,0,0,0,1,1,\"items no action (shares, never added)"),
        "{out}"
    );
    // The same two tables under the mapping of another package, with --check.
    let code = w
        .run(&[
            "diff",
            "editions/old/requests.csv",
            "editions/new/requests.csv",
            "--mapping",
            "half-year",
            "--check",
            "--section",
            "totals",
            "--by",
            "country",
        ])
        .code();
    assert_eq!(code, 1);
    let same = w
        .run(&["diff", "editions/old", "editions/old", "--check"])
        .ok();
    assert!(same.contains("(none: the editions agree)"), "{same}");
}

/// `frictionless validate` on a package: the reference validator named by
/// `$CLEANWEB_FRICTIONLESS` (`.ci/run` installs it, with its Excel support, and sets
/// it). The tests that call this are ignored on a machine with only Rust.
fn frictionless_accepts(dir: &Path) {
    let bin = crate::util::tool("CLEANWEB_FRICTIONLESS", "the frictionless command");
    let out = std::process::Command::new(&bin)
        .arg("validate")
        .arg("datapackage.json")
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.to_string_lossy()));
    assert!(
        out.status.success(),
        "frictionless validate {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn init_from_a_table_as_downloaded() {
    let w = Workdir::new();
    for s in ["half-year", "monthly-xlsx", "monthly-long", "records"] {
        shape(&w, s);
    }
    w.run(&["init", "tr", "--from", "half-year/requests.csv"])
        .ok();
    let out = w.run(&["validate", "--data", "tr"]).ok();
    // The same 36 figures ('?' proposed as a value not published); what the cells
    // cannot tell is listed.
    assert!(out.contains("36 observations"), "{out}");
    assert!(out.contains("tr/requests.csv:1:6: field 'Removed - Legal (%)': is a percent: declare the count column"), "{out}");
    assert!(
        out.contains("tr/requests.csv:9:4: field 'All Requests': 1 blank cell"),
        "{out}"
    );
    w.run(&[
        "init",
        "xl",
        "--from",
        "monthly-xlsx/counts.xlsx",
        "--sheet",
        "Monthly",
        "--header-row",
        "3",
    ])
    .ok();
    let out = w.run(&["validate", "--data", "xl"]).ok();
    assert!(out.contains("19 observations"), "{out}");
    assert!(
        out.contains("xl/counts.xlsx:3:5: field 'Total': is headed as a total"),
        "{out}"
    );
    w.run(&["init", "long", "--from", "monthly-long/figures.csv"])
        .ok();
    let csv = aggregate(&w, "long", "sites_closed", "month,province", &[]);
    assert_eq!(row(&csv, &["2014-05", "Beijing"])[2..4], ["1330", "1330"]);
    w.run(&["init", "posts", "--from", "records/posts.csv"])
        .ok();
    let csv = aggregate(&w, "posts", "posts", "month", &[]);
    assert_eq!(row(&csv, &["2014-05"])[1], "5");
    let err = w
        .run(&["init", "posts", "--from", "records/posts.csv"])
        .fails(1);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn every_shape_through_every_command() {
    let w = Workdir::new();
    let questions = [
        ("half-year", "removal_requests", "period"),
        ("monthly-xlsx", "sites_reported", "month"),
        ("monthly-long", "sites_closed", "month"),
        ("records", "posts_deleted", "month"),
        ("editions/new", "removal_requests", "period"),
    ];
    for (data, metric, by) in questions {
        let top = data.split('/').next().unwrap();
        if !w.path(top).exists() {
            shape(&w, top);
        }
        w.run(&["validate", "--data", data]).ok();
        for format in ["csv", "json"] {
            w.run(&["export", "--data", data, "--format", format]).ok();
        }
        let parquet = format!("{top}.parquet");
        w.run(&[
            "export", "--data", data, "--format", "parquet", "--out", &parquet,
        ])
        .ok();
        w.run(&["describe", "--data", data, "--format", "json"])
            .ok();
        let csv = aggregate(&w, data, metric, by, &[]);
        assert!(csv.lines().count() > 2, "{data}: {csv}");
        let png = format!("{top}.png");
        w.run(&[
            "chart", "--data", data, "--metric", metric, "--by", by, "--out", &png,
        ])
        .ok();
        assert!(std::fs::read(w.path(&png)).unwrap().starts_with(b"\x89PNG"));
        w.run(&["reconcile", "--data", data, "--format", "json"])
            .ok();
        let out = format!("{top}-report");
        w.run(&["report", "--data", data, "--out", &out]).ok();
        assert!(w.path(&out).join("report.html").exists(), "{data}");
    }
}

#[test]
fn shares_written_as_fractions_keep_their_rounding() {
    let w = Workdir::new();
    w.write(
        "f/t.csv",
        "Month,Items,Removed,Kept\n2015-01,40,0.01,0.99\n2015-02,8,0.625,0.375\n",
    );
    w.write(
        "f/datapackage.json",
        r#"{"name": "f", "resources": [{"name": "t", "path": "t.csv", "cleanweb:mapping": {
            "when": {"column": "Month", "form": "month"},
            "measures": [{"column": "Items", "metric": "items"},
                         {"column": "Removed", "metric": "removed_share", "unit": "fraction", "share_of": "Items"},
                         {"column": "Kept", "metric": "kept_share", "unit": "fraction", "share_of": "Items"}]}}]}"#,
    );
    // 0.01 is 1% of 40: impossible (one item is 2.5%); 0.625 is 5 of 8 exactly.
    let csv = w
        .run(&[
            "reconcile",
            "--data",
            "f",
            "--section",
            "checks",
            "--format",
            "csv",
        ])
        .ok();
    let fails: Vec<&str> = csv
        .lines()
        .filter(|l| l.contains(",contradicts,"))
        .collect();
    assert_eq!(fails.len(), 2, "{csv}");
    assert!(
        fails
            .iter()
            .any(|l| l.contains("f/t.csv:2:3, 0.01 of 40 cannot be")),
        "{csv}"
    );
    // 0.99 is 99% of 40 (39.6 items): impossible as well.
    assert!(
        fails
            .iter()
            .any(|l| l.contains("f/t.csv:2:4, 0.99 of 40 cannot be")),
        "{csv}"
    );
    let out = w.run(&["export", "--data", "f"]).ok();
    // 0.625 is 62.5%, every digit kept.
    assert!(out.contains(",62.5,,approx,percent,share,0.625,"), "{out}");
}

#[test]
fn a_table_in_its_own_shape_named_alone_says_how_to_read_it() {
    let w = Workdir::new();
    shape(&w, "half-year");
    shape(&w, "monthly-xlsx");
    let err = w
        .run(&["validate", "--data", "half-year/requests.csv"])
        .fails(1);
    assert!(
        err.contains("half-year/requests.csv: has none of the observation table's columns: for a table in its own shape")
            && err.contains("cleanweb init DIR --from FILE"),
        "{err}"
    );
    let err = w
        .run(&[
            "aggregate",
            "--data",
            "monthly-xlsx/counts.xlsx",
            "--metric",
            "m",
            "--by",
            "month",
        ])
        .fails(1);
    assert!(
        err.contains(
            "monthly-xlsx/counts.xlsx: is a workbook: a sheet is read through a package's mapping"
        ),
        "{err}"
    );
}

/// The shipped packages, with their views, rules, figures for several items and
/// hierarchies, are still data packages the reference validator accepts.
#[test]
#[ignore = "needs frictionless: .ci/run runs it"]
fn frictionless_accepts_the_packages_init_writes() {
    let w = Workdir::new();
    for s in ["half-year", "monthly-xlsx", "monthly-long", "records"] {
        shape(&w, s);
    }
    for (dir, args) in [
        ("tr", vec!["--from", "half-year/requests.csv"]),
        (
            "xl",
            vec![
                "--from",
                "monthly-xlsx/counts.xlsx",
                "--sheet",
                "Monthly",
                "--header-row",
                "3",
            ],
        ),
        ("long", vec!["--from", "monthly-long/figures.csv"]),
        ("posts", vec!["--from", "records/posts.csv"]),
    ] {
        w.run(&[&["init", dir][..], &args[..]].concat()).ok();
        frictionless_accepts(&w.path(dir));
    }
}

/// A draft of `extract`, with decimals and signed changes, is a data package too.
#[test]
#[ignore = "needs frictionless: .ci/run runs it"]
fn frictionless_accepts_a_draft_of_extract_with_changes() {
    let w = Workdir::new();
    let text =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/extract/tune/zh-12377-2021-01.txt");
    w.run(&[
        "extract",
        text.to_str().unwrap(),
        "--date",
        "2021-02-10",
        "--out",
        "draft",
    ])
    .ok();
    frictionless_accepts(&w.path("draft"));
}

#[test]
#[ignore = "needs frictionless: .ci/run runs it"]
fn frictionless_accepts_the_shipped_packages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    for name in ["clean-network-2014", "example-campaign"] {
        frictionless_accepts(&root.join(name));
    }
}
