//! `cleanweb aggregate` on a CSV file takes the parallel fast path; on standard input
//! it loads the table in memory. Both must print the same bytes, and a bad row deep in
//! a big file must be named as `validate` names it.

use std::process::Output;

use crate::util::{Run, Workdir, HEADER};

/// Runs `cleanweb ARGS` in the work folder with `input` on standard input.
fn run_with_stdin(w: &Workdir, args: &[&str], input: &[u8]) -> Run {
    let out: Output = assert_cmd::Command::cargo_bin("cleanweb")
        .unwrap()
        .current_dir(w.root())
        .args(args)
        .write_stdin(input.to_vec())
        .output()
        .unwrap();
    Run(out)
}

/// `aggregate ARGS` on `name` and on the same bytes through standard input: exit
/// code, standard output.
fn file_and_stdin(w: &Workdir, name: &str, args: &[&str]) -> ((i32, String), (i32, String)) {
    let bytes = std::fs::read(w.path(name)).unwrap();
    let file = w.run(&[&["aggregate", "--data", name][..], args].concat());
    let stdin = run_with_stdin(
        w,
        &[&["aggregate", "--data", "-"][..], args].concat(),
        &bytes,
    );
    ((file.code(), file.stdout()), (stdin.code(), stdin.stdout()))
}

/// Rows in a big table, enough for more than 9 MiB: several 4 MiB blocks.
const BIG_ROWS: usize = 80_000;

/// A big table whose rows hold, spread through it, quoted newlines, doubled quotes,
/// quoted delimiters, Chinese text, every qualifier and period figures (some spanning
/// two months). The record that starts on `bad_line`, if any, has an impossible date.
fn big_table(bad_line: Option<u64>) -> Vec<u8> {
    const CATEGORIES: [&str; 5] = [
        "fraud",
        "色情",
        "\"gambling, online\"",
        "\"say \"\"hi\"\"\"",
        "",
    ];
    const REGIONS: [&str; 3] = ["national", "北京", "\"Guang, dong\""];
    let mut out = String::with_capacity(BIG_ROWS * 140);
    out.push_str(HEADER);
    out.push('\n');
    let mut line = 2u64;
    let mut bad_written = false;
    for i in 0..BIG_ROWS {
        let metric = ["websites_closed", "arrests", "fines_yuan"][i % 3];
        let unit = if metric == "fines_yuan" {
            "yuan"
        } else {
            "count"
        };
        let month = i % 12 + 1;
        let date = if Some(line) == bad_line {
            bad_written = true;
            "2014-02-30".to_string()
        } else {
            format!("2014-{month:02}-{:02}", i % 28 + 1)
        };
        let (basis, start, end) = if metric == "websites_closed" && i % 7 == 0 {
            // Every fifth period starts a month early: it belongs to no single month.
            let first = if i % 5 == 0 && month > 1 {
                month - 1
            } else {
                month
            };
            ("period", format!("2014-{first:02}-01"), date.clone())
        } else {
            ("event", String::new(), String::new())
        };
        let value = (i * 7919) % 5000;
        let (qualifier, value_max) = match i {
            _ if i % 17 == 0 => ("at_least", String::new()),
            _ if i % 19 == 0 => ("approx", String::new()),
            _ if i % 23 == 0 => ("range", (value + 10).to_string()),
            _ if i % 29 == 0 => ("at_most", String::new()),
            _ => ("exact", String::new()),
        };
        // A quoted newline, but never across the bad line: a record must start there.
        let two_lines = i % 101 == 50 && bad_line != Some(line + 1);
        let quote = if two_lines {
            format!("\"closed\n\"\"{value}\"\" sites, 关闭\"")
        } else {
            format!("closed {value} sites")
        };
        out.push_str(&format!(
            "r{i},{date},{start},{end},Office,{},{metric},{},,{value},{value_max},{qualifier},{unit},{basis},{quote},s,\"note on row {i}, 网络\"\n",
            REGIONS[i / 3 % 3],
            CATEGORIES[i % 5],
        ));
        line += 1 + u64::from(two_lines);
    }
    assert!(
        bad_line.is_none() || bad_written,
        "no record starts on the bad line"
    );
    out.into_bytes()
}

#[test]
fn a_big_table_sums_as_it_does_through_standard_input() {
    let w = Workdir::new();
    let big = w.write("big.csv", big_table(None));
    let size = std::fs::metadata(&big).unwrap().len();
    assert!(size > 9 << 20, "{size} bytes");
    let queries: [&[&str]; 4] = [
        &[
            "--metric",
            "websites_closed",
            "--by",
            "month,category",
            "--basis",
            "event",
        ],
        &[
            "--metric",
            "websites_closed,arrests",
            "--by",
            "month,metric",
            "--basis",
            "event",
        ],
        &[
            "--metric",
            "fines_yuan",
            "--by",
            "category,region",
            "--from",
            "2014-03-01",
            "--to",
            "2014-09-30",
        ],
        &[
            "--metric",
            "websites_closed",
            "--by",
            "month,region",
            "--basis",
            "period",
            "--region",
            "北京",
        ],
    ];
    for args in queries {
        let mut args = args.to_vec();
        args.extend(["--format", "csv"]);
        let (file, stdin) = file_and_stdin(&w, "big.csv", &args);
        assert_eq!(file.0, 0, "{args:?}");
        assert_eq!(file, stdin, "{args:?}");
        assert!(file.1.lines().count() > 4, "{args:?}: {}", file.1);
    }
}

#[test]
fn a_bad_row_deep_in_a_big_table_is_named_as_validate_names_it() {
    let w = Workdir::new();
    w.write("big.csv", big_table(Some(60_001)));
    let expected =
        "big.csv:60001:2: field 'date': '2014-02-30' does not exist: 2014-02 has 28 days";
    let validate = w.run(&["validate", "--data", "big.csv"]).fails(1);
    let aggregate = w
        .run(&[
            "aggregate",
            "--data",
            "big.csv",
            "--metric",
            "websites_closed",
            "--by",
            "month,category",
            "--format",
            "csv",
        ])
        .fails(1);
    for err in [&validate, &aggregate] {
        let named: Vec<&str> = err.lines().filter(|l| l.starts_with("big.csv:")).collect();
        assert_eq!(named, [expected], "{err}");
    }
}

/// Regression: a Windows line end inside a quoted category, in a table of LF line
/// ends. The file and standard input must group it alike.
#[test]
fn a_windows_newline_in_a_quoted_key_groups_as_through_standard_input() {
    let w = Workdir::new();
    w.write(
        "t.csv",
        format!(
            "{HEADER}\n\
             a,2014-04-17,,,O,national,m,\"two\r\nlines\",,1,,exact,count,event,q,s,\n\
             b,2014-04-18,,,O,national,m,fraud,,2,,exact,count,event,q,s,\n"
        ),
    );
    let (file, stdin) = file_and_stdin(
        &w,
        "t.csv",
        &["--metric", "m", "--by", "category", "--format", "json"],
    );
    assert_eq!(stdin.0, 0);
    assert_eq!(file, stdin);
}

/// Regression: two metrics, one with no running total among the figures selected.
/// Standard input answers with the other's running totals; the file must too.
#[test]
fn running_totals_of_one_of_two_metrics_answer_as_through_standard_input() {
    let w = Workdir::new();
    w.write(
        "t.csv",
        format!(
            "{HEADER}\n\
             a,2014-04-17,,,O,national,m,,,1,,exact,count,event,q,s,\n\
             b,2014-04-18,,,O,national,n,,,2,,exact,count,cumulative,q,s,\n"
        ),
    );
    let (file, stdin) = file_and_stdin(
        &w,
        "t.csv",
        &[
            "--metric",
            "m,n",
            "--by",
            "month",
            "--basis",
            "cumulative",
            "--format",
            "csv",
        ],
    );
    assert_eq!(stdin.0, 0);
    assert_eq!(file, stdin);
}
