//! The cases of BAD_INPUTS.md that concern reading data (1-10, 18-20), run through
//! the real binary: exit code, message with file, line, column and field, and no
//! output file created or changed.

use crate::util::{Workdir, HEADER};

const GOOD: &str =
    "a,2014-04-17,,,Office,national,websites_closed,,,256,,exact,count,event,closed 256 sites,s,";

/// Runs every command that reads data on `bytes` and checks that each fails with
/// exit 1, names the problem, and creates no output.
fn refused(bytes: &[u8], expected: &str) {
    let w = Workdir::new();
    w.write("in.csv", bytes);
    let runs: [&[&str]; 6] = [
        &["validate", "--data", "in.csv"],
        &[
            "export", "--data", "in.csv", "--format", "json", "--out", "out.json",
        ],
        &[
            "aggregate",
            "--data",
            "in.csv",
            "--metric",
            "m",
            "--by",
            "month",
        ],
        &[
            "chart",
            "--data",
            "in.csv",
            "--metric",
            "m",
            "--by",
            "month",
            "--out",
            "chart.svg",
        ],
        &["reconcile", "--data", "in.csv"],
        &["report", "--data", "in.csv", "--out", "report"],
    ];
    for args in runs {
        let err = w.run(args).fails(1);
        assert!(
            err.contains(expected),
            "{}: expected '{expected}' in:\n{err}",
            args[0]
        );
    }
    for out in ["out.json", "chart.svg", "report"] {
        assert!(!w.path(out).exists(), "{out} was created");
    }
}

#[test]
fn case01_empty_header_only_blank_lines() {
    refused(b"", "in.csv: the file is empty: expected a header line");
    refused(
        b"\n\n\n",
        "in.csv: the file is empty: expected a header line",
    );
    refused(
        format!("{HEADER}\n").as_bytes(),
        "in.csv:2:1: the table has a header but no rows",
    );
}

#[test]
fn case02_header_cells() {
    refused(
        format!("{}\n{GOOD}\n", HEADER.replace("quote", "qoute")).as_bytes(),
        "in.csv:1:15: field 'qoute': unknown column (did you mean 'quote'?)",
    );
    refused(
        format!("{}\n{GOOD}\n", HEADER.replace(",quote,", ",")).as_bytes(),
        "field 'quote': required column is missing from the header",
    );
    refused(
        format!("{HEADER},id\n{GOOD},b\n").as_bytes(),
        "in.csv:1:18: field 'id': duplicate column (also column 1)",
    );
    refused(
        format!("{HEADER},\n{GOOD},\n").as_bytes(),
        "in.csv:1:18: blank column name in the header",
    );
}

#[test]
fn case03_row_width() {
    refused(
        format!("{HEADER}\n{GOOD},extra\n").as_bytes(),
        "in.csv:2:18: row has 18 fields but the header has 17 (an extra field)",
    );
    refused(
        format!("{HEADER}\na,2014-04-17,,,Office\n").as_bytes(),
        "in.csv:2:6: field 'region': row has 5 fields but the header has 17 (a missing field)",
    );
}

#[test]
fn case04_unterminated_quote_names_the_opening_line() {
    let body = format!("{HEADER}\n{GOOD}\nb,2014-04-18,,,Office,national,m,,,1,,exact,count,event,\"closed 1 site,s,\n{GOOD}\n");
    refused(
        body.as_bytes(),
        "in.csv:3:15: field 'quote': a quoted field opens here and is never closed",
    );
}

#[test]
fn case05_encodings() {
    let mut latin1 = format!("{HEADER}\n").into_bytes();
    latin1.extend(b"a,2014-04-17,,,Office,national,m,,,1,,exact,count,event,caf\xE9 1,s,\n");
    refused(
        &latin1,
        "in.csv:2:15: field 'quote': not valid UTF-8 (byte 0xE9)",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(HEADER.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    refused(&utf16, "in.csv:1:1: the file is UTF-16: save it as UTF-8");
    let nul = format!("{HEADER}\n{GOOD}\x00\n");
    refused(nul.as_bytes(), "in.csv:2:");
}

#[test]
fn case05_bom_crlf_and_cr_read_like_lf() {
    let w = Workdir::new();
    let lf = format!("{HEADER}\n{GOOD}\n");
    w.write("lf.csv", &lf);
    w.write("crlf.csv", lf.replace('\n', "\r\n"));
    w.write("cr.csv", lf.replace('\n', "\r"));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(lf.as_bytes());
    w.write("bom.csv", bom);
    let expected = w.run(&["export", "--data", "lf.csv"]).ok();
    for f in ["crlf.csv", "cr.csv", "bom.csv"] {
        assert_eq!(w.run(&["export", "--data", f]).ok(), expected, "{f}");
    }
}

#[test]
fn case06_counts() {
    for (value, reason) in [
        (
            "abc",
            "'abc' is not a number; write digits, and '.' for decimals (70.4)",
        ),
        // A decimal is a value, but a count is whole.
        (
            "1.5",
            "'1.5' is not a whole count; a value with decimals needs its unit",
        ),
        ("1.", "'1.' is not a number"),
        (" 1", "' 1' has spaces around it"),
        ("\"1,000\"", "'1,000' has a thousands separator"),
        ("1e3", "'1e3' is in scientific notation; write the digits"),
        ("0.1234567891", "'0.1234567891' has more than 9 decimals"),
        ("-5", "'-5' is negative"),
        (
            "99999999999999999999",
            "'99999999999999999999' is too large",
        ),
    ] {
        let body = format!(
            "{HEADER}\na,2014-04-17,,,Office,national,m,,,{value},,exact,count,event,q,s,\n"
        );
        refused(
            body.as_bytes(),
            &format!("in.csv:2:10: field 'value': {reason}"),
        );
    }
}

#[test]
fn case07_sums_that_would_overflow_i64_are_exact() {
    let w = Workdir::new();
    let big = i64::MAX;
    w.write(
        "big.csv",
        format!("{HEADER}\na,2014-04-17,,,O,national,m,,,{big},,exact,count,event,q,s,\nb,2014-04-18,,,O,national,m,,,{big},,exact,count,event,q,s,\n"),
    );
    let out = w
        .run(&[
            "aggregate",
            "--data",
            "big.csv",
            "--metric",
            "m",
            "--by",
            "month",
            "--format",
            "csv",
        ])
        .ok();
    let expected = (i128::from(big) * 2).to_string();
    assert!(
        out.contains(&format!("2014-04,{expected},{expected},2")),
        "{out}"
    );
}

#[test]
fn case08_dates_and_bounds() {
    for (date, reason) in [
        ("2014-02-30", "'2014-02-30' does not exist"),
        ("2014-13-01", "'2014-13-01' has no month 13"),
        ("2023-02-29", "'2023-02-29' does not exist"),
        (
            "01/02/2014",
            "'01/02/2014' is not a date in the form YYYY-MM-DD",
        ),
    ] {
        let body = format!("{HEADER}\na,{date},,,Office,national,m,,,1,,exact,count,event,q,s,\n");
        refused(
            body.as_bytes(),
            &format!("in.csv:2:2: field 'date': {reason}"),
        );
    }
}

#[test]
fn case09_duplicate_ids_name_both_lines() {
    let body = format!("{HEADER}\n{GOOD}\n{GOOD}\n");
    refused(
        body.as_bytes(),
        "in.csv:3:1: field 'id': duplicate id 'a' (first on in.csv:2)",
    );
}

/// Regression: a bad row after empty lines was reported on the line the `csv` crate
/// counts, which leaves the empty lines out (line 4 for a row on line 6), by
/// `validate` (the in-memory reader) and `aggregate` (the exact streaming path, once
/// the fast path hands over), whatever the line ends.
#[test]
fn a_bad_row_after_empty_lines_is_reported_on_its_own_line() {
    let bad = GOOD.replacen("a,2014-04-17", "b,2014-02-30", 1);
    let two_lines = GOOD.replace("closed 256 sites", "\"closed 256\nsites\"");
    // The header, a row with a quote over two lines (2-3), two empty lines (4-5) and
    // the bad row on line 6.
    let lf = format!("{HEADER}\n{two_lines}\n\n\n{bad}\n");
    let w = Workdir::new();
    w.write("lf.csv", &lf);
    // CRLF line ends, the quoted newline too (the in-memory reader reads it) or not
    // (the streaming path reads it).
    w.write("crlf.csv", lf.replace('\n', "\r\n"));
    w.write(
        "crlf_lf_in_quotes.csv",
        lf.replace('\n', "\r\n")
            .replace("two\r\nlines", "two\nlines"),
    );
    w.write("cr.csv", lf.replace('\n', "\r"));
    for file in ["lf.csv", "crlf.csv", "crlf_lf_in_quotes.csv", "cr.csv"] {
        let expected =
            format!("{file}:6:2: field 'date': '2014-02-30' does not exist: 2014-02 has 28 days");
        let runs: [&[&str]; 2] = [
            &["validate", "--data", file],
            &[
                "aggregate",
                "--data",
                file,
                "--metric",
                "websites_closed",
                "--by",
                "month",
            ],
        ];
        for args in runs {
            let err = w.run(args).fails(1);
            assert!(
                err.contains(&expected),
                "{} {file}: expected '{expected}' in:\n{err}",
                args[0]
            );
        }
    }
}

#[test]
fn case10_values_outside_the_vocabulary() {
    let w = Workdir::new();
    let dp = r#"{"name":"p","resources":[{"name":"observations","path":"o.csv","schema":{"fields":[
        {"name":"value"},{"name":"metric","constraints":{"enum":["websites_closed"]}}]}}]}"#;
    w.write("pkg/datapackage.json", dp);
    w.write(
        "pkg/o.csv",
        format!("{HEADER}\n{GOOD}\nb,2014-04-17,,,Office,national,sites_shut,,,1,,exact,count,event,q,s,\n"),
    );
    let err = w.run(&["validate", "--data", "pkg"]).fails(1);
    assert!(
        err.contains("pkg/o.csv:3:7: field 'metric': 'sites_shut' is not in the vocabulary; one of: websites_closed"),
        "{err}"
    );
}

#[test]
fn case18_output_paths_that_must_not_be_written() {
    let w = Workdir::new();
    let input = w.write("in.csv", format!("{HEADER}\n{GOOD}\n"));
    let before = std::fs::read(&input).unwrap();
    let err = w
        .run(&["export", "--data", "in.csv", "--out", "in.csv"])
        .fails(1);
    assert!(err.contains("is an input of this run"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    std::fs::create_dir(w.path("folder")).unwrap();
    let err = w
        .run(&["export", "--data", "in.csv", "--out", "folder"])
        .fails(1);
    assert!(err.contains("is a folder"), "{err}");
    // A folder that does not exist (root may write anywhere else).
    let err = w
        .run(&[
            "export",
            "--data",
            "in.csv",
            "--out",
            "no/such/folder/out.csv",
        ])
        .fails(1);
    assert!(
        err.contains("no/such/folder: cannot create a file in this folder"),
        "{err}"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(w.path("elsewhere.csv"), w.path("link.csv")).unwrap();
        let err = w
            .run(&["export", "--data", "in.csv", "--out", "link.csv"])
            .fails(1);
        assert!(err.contains("symbolic link"), "{err}");
        assert!(!w.path("elsewhere.csv").exists());
    }
}

#[test]
fn case19_inputs_that_are_not_files() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("empty-folder")).unwrap();
    let err = w.run(&["validate", "--data", "empty-folder"]).fails(1);
    assert!(err.contains("datapackage.json"), "{err}");
    let err = w.run(&["validate", "--data", "/dev/zero"]).fails(1);
    assert!(
        err.contains("/dev/zero: cannot read data from it: it is not a regular file"),
        "{err}"
    );
    #[cfg(unix)]
    {
        let status = std::process::Command::new("mkfifo")
            .arg(w.path("pipe.csv"))
            .status()
            .unwrap();
        assert!(status.success());
        let err = w.run(&["validate", "--data", "pipe.csv"]).fails(1);
        assert!(
            err.contains("pipe.csv: cannot read data from it: it is not a regular file"),
            "{err}"
        );
        let err = w
            .run(&[
                "aggregate",
                "--data",
                "pipe.csv",
                "--metric",
                "m",
                "--by",
                "month",
            ])
            .fails(1);
        assert!(err.contains("not a regular file"), "{err}");
    }
    let err = w.run(&["validate", "--data", "missing.csv"]).fails(1);
    assert!(err.contains("missing.csv"), "{err}");
}

#[test]
fn case20_other_delimiters() {
    let semi = format!("{}\n{}\n", HEADER.replace(',', ";"), GOOD.replace(',', ";"));
    refused(semi.as_bytes(), "in.csv:1:1: the header is a single column that contains ';': the file looks ';'-delimited; pass --delimiter ';'");
    let w = Workdir::new();
    w.write("semi.csv", &semi);
    w.run(&["validate", "--data", "semi.csv", "--delimiter", ";"])
        .ok();
    let tab = format!(
        "{}\n{}\n",
        HEADER.replace(',', "\t"),
        GOOD.replace(',', "\t")
    );
    w.write("tab.csv", &tab);
    w.run(&["validate", "--data", "tab.csv", "--delimiter", "\\t"])
        .ok();
}

#[test]
fn usage_errors_exit_2() {
    let w = Workdir::new();
    w.run(&["aggregate", "--by", "month"]).fails(2);
    w.run(&["validate", "--delimiter", "ab"]).fails(2);
    w.run(&["frobnicate"]).fails(2);
}

#[test]
fn case11_one_row_equal_values_and_zeros_still_chart() {
    let w = Workdir::new();
    let one = format!("{HEADER}\n{GOOD}\n");
    let equal = format!(
        "{HEADER}\n{GOOD}\n{}\n",
        GOOD.replacen("a,2014-04-17", "b,2014-05-17", 1)
    );
    let zeros = format!(
        "{HEADER}\n{}\n{}\n",
        GOOD.replace(",256,", ",0,"),
        GOOD.replacen("a,2014-04-17", "b,2014-06-17", 1)
            .replace(",256,", ",0,")
    );
    for (name, body) in [("one.csv", one), ("equal.csv", equal), ("zeros.csv", zeros)] {
        w.write(name, body);
        for by in ["month", "region"] {
            let out = format!("{name}-{by}.png");
            w.run(&[
                "chart",
                "--data",
                name,
                "--metric",
                "websites_closed",
                "--by",
                by,
                "--out",
                &out,
            ])
            .ok();
            assert!(std::fs::metadata(w.path(&out)).unwrap().len() > 1000);
        }
        w.run(&["report", "--data", name, "--out", &format!("rep-{name}")])
            .ok();
    }
}

#[test]
fn case12_hostile_labels_are_escaped_everywhere() {
    let w = Workdir::new();
    let label = "</text><script>alert(1)</script> & \"q\" | `tick` ";
    let body = format!("{HEADER}\na,2014-04-17,,,Office,national,websites_closed,,\"{}\",256,,exact,count,event,q,s,\"line\nbreak\"\n", label.replace('"', "\"\""));
    w.write("evil.csv", body);
    w.run(&[
        "chart",
        "--data",
        "evil.csv",
        "--metric",
        "websites_closed",
        "--by",
        "entity",
        "--out",
        "c.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("c.svg")).unwrap();
    assert!(
        !svg.contains("<script>") && svg.contains("&lt;/text&gt;&lt;script&gt;"),
        "{svg}"
    );
    w.run(&["report", "--data", "evil.csv", "--out", "rep"])
        .ok();
    let html = std::fs::read_to_string(w.path("rep/report.html")).unwrap();
    assert!(!html.contains("<script>"), "report.html carries the script");
    let md = w
        .run(&[
            "aggregate",
            "--data",
            "evil.csv",
            "--metric",
            "websites_closed",
            "--by",
            "entity",
            "--format",
            "markdown",
        ])
        .ok();
    let row = md.lines().nth(2).unwrap();
    assert_eq!(
        row.matches(" | ").count(),
        5,
        "a cell broke out of the Markdown table: {row}"
    );
    let json = w
        .run(&["export", "--data", "evil.csv", "--format", "json"])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["entity"], label);
}

#[test]
fn case15_huge_fields_are_refused_with_the_flag_that_raises_the_limit() {
    let long = "x".repeat(100_000);
    let body = format!("{HEADER}\na,2014-04-17,,,Office,national,websites_closed,,{long},256,,exact,count,event,q,s,\n");
    refused(body.as_bytes(), "in.csv:2:9: field 'entity': the field is 100000 characters long; the limit is 10000 (raise it with --max-field-length)");
}

#[test]
fn case16_ten_thousand_categories_are_capped() {
    use std::fmt::Write;
    let w = Workdir::new();
    let mut body = format!("{HEADER}\n");
    for i in 0..10_000 {
        writeln!(body, "r{i},2014-04-17,,,Office,national,websites_closed,category_{i},,{},,exact,count,event,q,s,", i % 97 + 1).unwrap();
    }
    w.write("many.csv", body);
    w.run(&[
        "chart",
        "--data",
        "many.csv",
        "--metric",
        "websites_closed",
        "--by",
        "category",
        "--out",
        "c.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("c.svg")).unwrap();
    // At most 20 bars (the last groups the rest), plus the background.
    assert!(
        svg.matches("<rect").count() <= 21,
        "{}",
        svg.matches("<rect").count()
    );
    assert!(svg.contains("9981 others"), "the rest is grouped");
    w.run(&[
        "chart",
        "--data",
        "many.csv",
        "--metric",
        "websites_closed",
        "--by",
        "category",
        "--max-bars",
        "40",
        "--out",
        "c40.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("c40.svg")).unwrap();
    assert!(
        svg.contains("9961 others"),
        "the limit is raised with --max-bars"
    );
    let err = w
        .run(&[
            "chart",
            "--data",
            "many.csv",
            "--metric",
            "websites_closed",
            "--by",
            "category",
            "--max-bars",
            "100000",
            "--out",
            "x.svg",
        ])
        .fails(2);
    assert!(err.contains("--max-bars"), "{err}");
}
