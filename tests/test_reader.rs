//! The one reader, through the binary: the defects of the three readers it replaced,
//! each as a regression test named after it, and what it must do on bad input.

use crate::util::{row, table, write_parquet, Workdir, HEADER};

fn good(id: &str, value: u32) -> String {
    row(
        id,
        "2014-04-17",
        "m",
        "a",
        &value.to_string(),
        "exact",
        "count",
        "event",
    )
}

#[test]
fn defect1_a_repeated_id_in_the_second_column_under_a_padded_header_is_refused() {
    let w = Workdir::new();
    // `id` moved to the second column, a space after each comma of the header.
    let cols: Vec<&str> = HEADER.split(',').collect();
    let mut header: Vec<&str> = cols[1..].to_vec();
    header.insert(1, cols[0]);
    let moved = |r: &str| {
        let mut cells: Vec<&str> = r.split(',').collect();
        let id = cells.remove(0);
        cells.insert(1, id);
        cells.join(",")
    };
    let rows = [good("a", 1), good("b", 2), good("a", 3)];
    let mut text = header.join(", ") + "\n";
    for r in &rows {
        text.push_str(&moved(r));
        text.push('\n');
    }
    w.write("moved.csv", &text);
    let err = w.run(&["validate", "--data", "moved.csv"]).fails(1);
    assert!(
        err.contains("moved.csv:4:2: field 'id': duplicate id 'a' (first on moved.csv:2)"),
        "{err}"
    );
    // The same table with `id` first is refused alike.
    w.write("first.csv", table(&rows));
    let err = w.run(&["validate", "--data", "first.csv"]).fails(1);
    assert!(
        err.contains("first.csv:4:1: field 'id': duplicate id 'a'"),
        "{err}"
    );
}

#[test]
fn defect2_nul_bytes_in_parquet_text_are_refused_and_never_merge_groups() {
    use polars::prelude::*;
    let w = Workdir::new();
    let mut df = df!(
        "id" => ["a", "b"],
        "date" => ["2014-04-17", "2014-04-17"],
        "region" => ["national", "national"],
        "metric" => ["m", "m"],
        "category" => ["a\0b", "a"],
        "entity" => ["c", "b\0c"],
        "value" => [5i64, 7],
        "qualifier" => ["exact", "exact"],
        "unit" => ["count", "count"],
        "basis" => ["event", "event"],
        "quote" => ["closed 5", "closed 7"]
    )
    .unwrap();
    write_parquet(&w, "nul.parquet", &mut df);
    let args = [
        "aggregate",
        "--data",
        "nul.parquet",
        "--metric",
        "m",
        "--by",
        "category,entity",
    ];
    let err = w.run(&args).fails(1);
    assert!(
        err.contains("nul.parquet:2:5: field 'category': the text holds a NUL byte"),
        "{err}"
    );
    assert!(
        err.contains("nul.parquet:3:6: field 'entity': the text holds a NUL byte"),
        "{err}"
    );
    assert!(!err.contains("12"), "{err}");
    // `validate` reads every column, so it finds both too.
    let err = w.run(&["validate", "--data", "nul.parquet"]).fails(1);
    assert!(err.contains("nul.parquet:2:5: field 'category'"), "{err}");
    assert!(err.contains("nul.parquet:3:6: field 'entity'"), "{err}");
}

#[test]
fn defect3_one_bad_row_in_a_large_table_is_named_in_one_reading() {
    let w = Workdir::new();
    let mut text = format!("{HEADER}\n");
    for i in 0..60_000 {
        if i == 31_337 {
            text.push_str(&row(
                &format!("r{i}"),
                "2014-02-30",
                "m",
                "a",
                "1",
                "exact",
                "count",
                "event",
            ));
        } else {
            text.push_str(&good(&format!("r{i}"), 1));
        }
        text.push('\n');
    }
    w.write("big.csv", &text);
    for cmd in ["validate", "aggregate"] {
        let mut args = vec![cmd, "--data", "big.csv"];
        if cmd == "aggregate" {
            args.extend(["--metric", "m", "--by", "month"]);
        }
        let err = w.run(&args).fails(1);
        assert!(
            err.starts_with("big.csv:31339:2: field 'date': '2014-02-30' does not exist"),
            "{cmd}: {err}"
        );
        assert!(err.contains("1 problem found"), "{cmd}: {err}");
    }
    // `--max-problems` stops early and says so.
    let mut text = format!("{HEADER}\n");
    for i in 0..5_000 {
        text.push_str(&row(
            &format!("r{i}"),
            "2014-02-30",
            "m",
            "a",
            "1",
            "exact",
            "count",
            "event",
        ));
        text.push('\n');
    }
    w.write("bad.csv", &text);
    let err = w
        .run(&["validate", "--data", "bad.csv", "--max-problems", "3"])
        .fails(1);
    assert!(err.contains("bad.csv:4:2:"), "{err}");
    assert!(!err.contains("bad.csv:5:2:"), "{err}");
    assert!(err.contains("stopped after 3 problems"), "{err}");
}

#[test]
fn defect4_a_space_delimiter_reads_no_cells_from_the_padding() {
    let w = Workdir::new();
    let rows: Vec<String> = (0..7).map(|i| good(&format!("r{i}"), i)).collect();
    let spaced = table(&rows).replace(' ', "_").replace(',', " ");
    // The last block does not end on a 64-byte chunk, so its last chunk is padded.
    assert_ne!(spaced.len() % 64, 0);
    w.write("spaced.txt", &spaced);
    let out = w
        .run(&["validate", "--data", "spaced.txt", "--delimiter", " "])
        .ok();
    assert!(out.contains("7 observations"), "{out}");
}

#[test]
fn control_characters_are_refused_in_every_text_cell_with_their_place() {
    let w = Workdir::new();
    let bad = good("a", 1).replace("Office", "Off\u{7}ice");
    let c1 = good("b", 1).replace("closed", "clo\u{85}sed");
    w.write("ctl.csv", table(&[bad, c1, good("c", 1)]));
    let err = w.run(&["validate", "--data", "ctl.csv"]).fails(1);
    assert!(
        err.contains("ctl.csv:2:5: field 'authority': the text holds control character U+0007"),
        "{err}"
    );
    assert!(
        err.contains("ctl.csv:3:15: field 'quote': the text holds control character U+0085"),
        "{err}"
    );
}

#[test]
fn verbose_says_how_the_table_was_read() {
    let w = Workdir::new();
    w.write("t.csv", table(&[good("a", 1)]));
    let run = w.run(&[
        "aggregate",
        "--data",
        "t.csv",
        "--metric",
        "m",
        "--by",
        "month",
        "-v",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr().contains("read as delimited text on"),
        "{}",
        run.stderr()
    );
}

#[test]
fn defect5_a_chart_of_a_table_read_as_it_streams_cites_its_figures() {
    let w = Workdir::new();
    let rows = [
        good("a", 3),
        row("b", "2014-05-20", "m", "a", "4", "exact", "count", "event"),
    ];
    w.write("two.csv", table(&rows));
    w.run(&[
        "chart", "--data", "two.csv", "--metric", "m", "--by", "month", "--out", "c.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(w.path("c.svg")).unwrap();
    // The span of the figures drawn, and the table they come from.
    assert!(svg.contains("Apr–May 2014"), "{svg}");
    assert!(svg.contains("Source: two (two)."), "{svg}");
}

#[test]
fn a_parquet_table_checked_before_is_trusted_only_while_its_bytes_are_the_same() {
    let w = Workdir::new();
    let parquet = |rows: &[String]| {
        w.write("t.csv", table(rows));
        w.run(&[
            "export",
            "--data",
            "t.csv",
            "--format",
            "parquet",
            "--out",
            "t.parquet",
        ])
        .ok();
    };
    parquet(&[good("a", 1), good("b", 2)]);
    let args = [
        "aggregate",
        "--data",
        "t.parquet",
        "--metric",
        "m",
        "--by",
        "month",
        "-v",
    ];
    let first = w.run(&args);
    assert!(
        first
            .stderr()
            .contains("not checked before; now noted as valid"),
        "{}",
        first.stderr()
    );
    let again = w.run(&args);
    assert!(
        again.stderr().contains("checked before, so"),
        "{}",
        again.stderr()
    );
    assert_eq!(first.stdout(), again.stdout());
    // --no-cache checks again a table that is in the cache.
    let fresh = w.run(&[&args[..], &["--no-cache"]].concat());
    assert!(
        !fresh.stderr().contains("fingerprint"),
        "{}",
        fresh.stderr()
    );
    // New bytes: checked again.
    parquet(&[good("a", 1), good("b", 2), good("c", 3)]);
    let third = w.run(&args);
    assert!(
        third.stderr().contains("not checked before"),
        "{}",
        third.stderr()
    );
    // A CSV table is not fingerprinted: it is read whole either way.
    let csv = w.run(&[
        "aggregate",
        "--data",
        "t.csv",
        "--metric",
        "m",
        "--by",
        "month",
        "-v",
    ]);
    assert!(!csv.stderr().contains("fingerprint"), "{}", csv.stderr());
}

#[test]
fn a_parquet_table_is_read_by_columns_with_the_answers_of_row_by_row() {
    use polars::prelude::*;
    let w = Workdir::new();
    // Twelve rows in row groups of five: good ones, and a bad date, a bad unit, a
    // blank quote, a repeated id and a control character among them.
    let ids = [
        "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a3", "b1", "b2",
    ];
    let mut dates = vec!["2014-04-17"; 12];
    dates[4] = "2014-02-30";
    let mut units = vec!["count"; 12];
    units[6] = "furlongs";
    let mut quotes = vec!["closed"; 12];
    quotes[7] = " ";
    let mut categories = ["fraud", "piracy", "fraud"].repeat(4);
    categories[10] = "fr\u{7}aud";
    let values: Vec<i64> = (1..=12).collect();
    let mut df = df!(
        "id" => ids,
        "date" => dates,
        "region" => vec!["national"; 12],
        "metric" => vec!["m"; 12],
        "category" => categories,
        "value" => values,
        "qualifier" => vec!["exact"; 12],
        "unit" => units,
        "basis" => vec!["event"; 12],
        "quote" => quotes
    )
    .unwrap();
    let file = std::fs::File::create(w.path("t.parquet")).unwrap();
    ParquetWriter::new(file)
        .with_row_group_size(Some(5))
        .finish(&mut df)
        .unwrap();
    let both = |args: &[&str]| {
        let mut rows = args.to_vec();
        rows.push("--row-by-row");
        let by_columns = w.run(args).fails(1);
        assert_eq!(by_columns, w.run(&rows).fails(1), "{args:?}");
        by_columns
    };
    let q = [
        "aggregate",
        "--data",
        "t.parquet",
        "--metric",
        "m",
        "--by",
        "category",
    ];
    let err = both(&q);
    for wanted in [
        "t.parquet:6:2: field 'date'",
        "t.parquet:8:8: field 'unit'",
        "t.parquet:9:10: field 'quote'",
        "t.parquet:11:1: field 'id': duplicate id 'a3' (first on t.parquet:4)",
        "t.parquet:12:5: field 'category': the text holds control character U+0007",
    ] {
        assert!(err.contains(wanted), "{wanted} in {err}");
    }
    both(&["validate", "--data", "t.parquet"]);
    // Without the bad rows, the sums agree, and -v says how the groups were read.
    let mut good = df.head(Some(4));
    let file = std::fs::File::create(w.path("good.parquet")).unwrap();
    ParquetWriter::new(file)
        .with_row_group_size(Some(3))
        .finish(&mut good)
        .unwrap();
    let q = [
        "aggregate",
        "--data",
        "good.parquet",
        "--metric",
        "m",
        "--by",
        "category",
        "--format",
        "csv",
        "--no-cache",
    ];
    let out = w.run(&q).ok();
    assert!(out.contains("fraud,8,8,3,false"), "{out}");
    assert!(out.contains("piracy,2,2,1,false"), "{out}");
    let mut rows = q.to_vec();
    rows.push("--row-by-row");
    assert_eq!(out, w.run(&rows).ok());
    let mut verbose = q.to_vec();
    verbose.push("-v");
    let note = w.run(&verbose).stderr();
    assert!(note.contains(" by columns, 0 row by row; "), "{note}");
}

#[test]
fn a_parquet_table_read_by_its_dictionary_codes_answers_as_its_csv_twin() {
    // Written by pyarrow (tests/parquet/make_dictionary_fallback.py) with a small
    // dictionary page: some column chunks are dictionary-encoded throughout, others
    // go on with plain pages once their dictionary is full; entity is null on a fourth
    // of the rows.
    let w = Workdir::new();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parquet");
    for ext in ["csv", "parquet"] {
        let name = format!("dictionary_fallback.{ext}");
        std::fs::copy(fixtures.join(&name), w.path(&format!("t.{ext}"))).unwrap();
    }
    let query = |ext: &str, more: &[&str]| {
        let data = format!("t.{ext}");
        let mut args = vec![
            "aggregate",
            "--data",
            &data,
            "--metric",
            "websites_closed",
            "--by",
            "month,category,entity",
            "--basis",
            "event",
            "--format",
            "csv",
            "--no-cache",
        ];
        args.extend_from_slice(more);
        let run = w.run(&args);
        (run.ok(), run.stderr())
    };
    let (csv, _) = query("csv", &[]);
    let (parquet, note) = query("parquet", &["-v"]);
    assert_eq!(csv, parquet);
    assert_eq!(csv, query("parquet", &["--row-by-row"]).0);
    // Both ways of decoding a text column were taken.
    let chunks = note
        .split("; ")
        .find(|s| s.ends_with("text column chunks read as dictionary codes\n"))
        .unwrap_or_else(|| panic!("{note}"));
    let n: Vec<usize> = chunks.split(' ').filter_map(|t| t.parse().ok()).collect();
    assert!(n.len() == 2 && 0 < n[0] && n[0] < n[1], "{note}");
    // Rows with an entity and rows without are summed apart, as the CSV twin has it.
    let summed = |entity: &dyn Fn(&str) -> bool| {
        csv.lines().any(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            entity(cells[2]) && cells[5].parse::<u32>().is_ok_and(|n| n > 0)
        })
    };
    assert!(
        summed(&|e| e.is_empty()) && summed(&|e| e == "forum"),
        "{csv}"
    );
    for ext in ["csv", "parquet"] {
        let out = w.run(&["validate", "--data", &format!("t.{ext}")]).ok();
        assert!(
            out.contains("600 observations") && out.contains("valid"),
            "{out}"
        );
    }
}

/// A question of every basis (no `--basis`) is summed by codes for its event figures
/// and keeps running totals whole: a month of a running total shows its last
/// snapshot, never the sum of its snapshots, read by columns as row by row.
#[test]
fn a_parquet_question_of_every_basis_keeps_running_totals_whole_by_columns() {
    use polars::prelude::*;
    let w = Workdir::new();
    let mut df = df!(
        "id" => ["r1", "r2", "r3", "e1", "e2"],
        "date" => ["2014-04-10", "2014-04-20", "2014-05-15", "2014-04-11", "2014-04-12"],
        "region" => vec!["national"; 5],
        "metric" => ["total", "total", "total", "closed", "closed"],
        "value" => [100i64, 150, 200, 7, 8],
        "qualifier" => vec!["exact"; 5],
        "unit" => vec!["count"; 5],
        "basis" => ["cumulative", "cumulative", "cumulative", "event", "event"],
        "quote" => vec!["as published"; 5]
    )
    .unwrap();
    let file = std::fs::File::create(w.path("t.parquet")).unwrap();
    ParquetWriter::new(file)
        .with_row_group_size(Some(4))
        .finish(&mut df)
        .unwrap();
    let answer = |metric: &str| {
        let q = [
            "aggregate",
            "--data",
            "t.parquet",
            "--metric",
            metric,
            "--by",
            "month",
            "--format",
            "csv",
            "--no-cache",
        ];
        let by_columns = w.run(&q).ok();
        let mut rows = q.to_vec();
        rows.push("--row-by-row");
        assert_eq!(by_columns, w.run(&rows).ok(), "{metric}");
        by_columns
    };
    let totals = answer("total");
    assert!(totals.contains("2014-04,150,150,"), "{totals}");
    assert!(totals.contains("2014-05,200,200,"), "{totals}");
    assert!(!totals.contains("250"), "{totals}");
    let events = answer("closed");
    assert!(events.contains("2014-04,15,15,2"), "{events}");
}

/// A row group of more rows than a window (262,144) is decoded a window at a time:
/// its problems are still found on their own lines, a repeated id across windows
/// is still one, and the sums are those of the whole.
#[test]
fn a_large_parquet_row_group_is_read_in_windows_with_its_own_lines() {
    use polars::prelude::*;
    let w = Workdir::new();
    let n = 300_000;
    let values: Vec<i64> = (0..n as i64).map(|i| i % 7).collect();
    let write = |name: &str, bad: bool| {
        let bad = |i: usize, row: usize| bad && i == row;
        let ids: Vec<String> = (0..n)
            .map(|i| match bad(i, 290_000) {
                true => "r100000".to_string(),
                false => format!("r{i}"),
            })
            .collect();
        let dates: Vec<&str> = (0..n)
            .map(|i| match bad(i, 200_000) {
                true => "2014-02-30",
                false => "2014-04-17",
            })
            .collect();
        let quotes: Vec<String> = (0..n)
            .map(|i| match bad(i, 262_200) {
                true => "site\u{1}closed".to_string(),
                false => format!("the office closed site number {i}"),
            })
            .collect();
        let mut df = df!(
            "id" => ids,
            "date" => dates,
            "region" => vec!["national"; n],
            "metric" => vec!["m"; n],
            "category" => ["fraud", "piracy", "rumour"].repeat(n / 3),
            "value" => values.clone(),
            "qualifier" => vec!["exact"; n],
            "unit" => vec!["count"; n],
            "basis" => vec!["event"; n],
            "quote" => quotes
        )
        .unwrap();
        let file = std::fs::File::create(w.path(name)).unwrap();
        ParquetWriter::new(file)
            .with_row_group_size(Some(n))
            .finish(&mut df)
            .unwrap();
    };
    write("t.parquet", true);
    for extra in [&[][..], &["--row-by-row"][..]] {
        let mut args = vec![
            "aggregate",
            "--data",
            "t.parquet",
            "--metric",
            "m",
            "--by",
            "category",
        ];
        args.extend_from_slice(extra);
        let run = w.run(&args);
        let err = run.stderr();
        assert_eq!(run.code(), 1, "{err}");
        // Line = row + 2 (the header is line 1).
        for wanted in [
            "t.parquet:200002:2: field 'date': '2014-02-30' does not exist",
            "t.parquet:262202:10: field 'quote': the text holds control character U+0001",
            "t.parquet:290002:1: field 'id': duplicate id 'r100000' (first on t.parquet:100002)",
            "3 problems found",
        ] {
            assert!(err.contains(wanted), "{wanted} in {err}");
        }
    }
    // Without the bad rows, the sum of each category is the sum of its rows.
    write("good.parquet", false);
    let out = w.run(&[
        "aggregate",
        "--data",
        "good.parquet",
        "--metric",
        "m",
        "--by",
        "category",
        "--format",
        "csv",
        "--no-cache",
        "-v",
    ]);
    let (out, note) = (out.ok(), out.stderr());
    assert!(note.contains("1 decoded 262144 rows at a time"), "{note}");
    for (c, name) in ["fraud", "piracy", "rumour"].iter().enumerate() {
        let sum: i64 = values.iter().skip(c).step_by(3).sum();
        let wanted = format!("{name},{sum},{sum},{},false", n / 3);
        assert!(out.contains(&wanted), "{wanted} in {out}");
    }
}

#[test]
fn a_key_repeated_after_a_row_with_a_broken_cell_is_named_alike_in_csv_and_parquet() {
    // Line 2 holds a control character in its category: the row is checked all the
    // same, so its id counts, and lines 3 and 4 repeat it. The CSV reader reads the
    // record whole again to name the repeats; the Parquet one reads the id column
    // alone, and must name the same.
    use polars::prelude::*;
    let w = Workdir::new();
    let rows = [("x", "a\u{1}b"), ("x", "a"), ("x", "a"), ("y", "a")];
    let mut csv = format!("{HEADER}\n");
    for (id, category) in rows {
        csv.push_str(&format!(
            "{id},2014-04-17,,,,national,m,{category},,1,,exact,count,event,q,s,\n"
        ));
    }
    w.write("t.csv", csv);
    let ids: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let categories: Vec<&str> = rows.iter().map(|r| r.1).collect();
    let mut df = df!(
        "id" => ids,
        "date" => ["2014-04-17"; 4],
        "region" => ["national"; 4],
        "metric" => ["m"; 4],
        "category" => categories,
        "value" => [1i64; 4],
        "qualifier" => ["exact"; 4],
        "unit" => ["count"; 4],
        "basis" => ["event"; 4],
        "quote" => ["q"; 4]
    )
    .unwrap();
    write_parquet(&w, "t.parquet", &mut df);
    let lines = |name: &str| -> Vec<String> {
        let err = w.run(&["validate", "--data", name]).fails(1);
        err.lines()
            .filter(|l| l.contains("duplicate"))
            .map(|l| l.replace(name, "T"))
            .collect()
    };
    let csv = lines("t.csv");
    assert_eq!(
        csv,
        [
            "T:3:1: field 'id': duplicate id 'x' (first on T:2)",
            "T:4:1: field 'id': duplicate id 'x' (first on T:2)"
        ]
    );
    assert_eq!(lines("t.parquet"), csv);
}
