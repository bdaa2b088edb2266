//! Parquet files as pyarrow, DuckDB and polars write them (tests/parquet/writers/,
//! case 34 of the bad inputs: all-null columns, empty dictionaries, dictionary and
//! plain pages in one chunk, a row group a row, statistics on or off) read through
//! every command, with the answers of the same rows given as CSV.

use std::path::{Path, PathBuf};

use crate::util::Workdir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parquet/writers")
}

/// A work folder holding fixture `name` as two packages: `pq/` of its Parquet file
/// and `csv/` of its CSV twin, with the same sources and no relations.
fn twins(name: &str) -> Workdir {
    let w = Workdir::new();
    for (dir, ext) in [("pq", "parquet"), ("csv", "csv")] {
        let table = fixtures().join(format!("{name}.{ext}"));
        let bytes = std::fs::read(&table).unwrap_or_else(|e| panic!("{table:?}: {e}"));
        w.write(&format!("{dir}/observations.{ext}"), bytes);
        w.write(
            &format!("{dir}/datapackage.json"),
            format!(
                r#"{{"name":"writers","resources":[
                {{"name":"observations","path":"observations.{ext}","schema":{{"fields":[{{"name":"value"}}]}}}},
                {{"name":"relations","path":"relations.csv","schema":{{"fields":[{{"name":"total_id"}}]}}}}],
                "sources":[{{"name":"s1","title":"Office press release"}},
                {{"name":"s2","title":"Centre bulletin"}},{{"name":"s3","title":"Provincial notice"}}]}}"#
            ),
        );
        w.write(&format!("{dir}/relations.csv"), "total_id,part_id,kind\n");
    }
    w
}

/// Runs `args` with `--data` naming the Parquet package and then the CSV one: the
/// same exit code, standard output and standard error (with the one name changed).
fn same(w: &Workdir, args: &[&str]) -> String {
    let on = |dir: &str| {
        let run = w.run(&[args, &["--data", dir]].concat());
        (run.code(), run.stdout(), run.stderr())
    };
    let (pq, csv) = (on("pq"), on("csv"));
    let unname = |s: &str| s.replace("pq/observations.parquet", "csv/observations.csv");
    assert!(
        !pq.2.contains("panicked") && pq.0 != 101,
        "{args:?}: {}",
        pq.2
    );
    assert_eq!(
        (pq.0, &pq.1, unname(&pq.2)),
        (csv.0, &csv.1, unname(&csv.2)),
        "{args:?}"
    );
    pq.1
}

/// The files of a folder, by name, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().to_string();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// Every command on fixture `name` answers as on its CSV twin.
fn reads_as_its_csv_twin(name: &str) {
    let w = twins(name);
    let valid = same(&w, &["validate", "--no-cache"]);
    assert!(
        valid.contains("8 observations") && valid.contains("valid"),
        "{valid}"
    );

    // The normalised rows, from the package and from the table alone, are those of
    // the CSV twin.
    let rows = same(&w, &["export", "--format", "csv"]);
    assert_eq!(rows.lines().count(), 9, "{rows}");
    for args in [
        &[
            "export",
            "--format",
            "csv",
            "--data",
            "pq/observations.parquet",
        ][..],
        &[
            "export",
            "--format",
            "csv",
            "--data",
            "pq/observations.parquet",
            "--row-by-row",
        ],
    ] {
        assert_eq!(w.run(args).ok(), rows, "{args:?}");
    }
    same(&w, &["export", "--format", "json"]);
    // What the tool writes as Parquet reads back as the same rows.
    w.run(&[
        "export",
        "--format",
        "parquet",
        "--out",
        "again.parquet",
        "--data",
        "pq",
    ])
    .ok();
    let again = w.run(&["export", "--format", "csv", "--data", "again.parquet"]);
    assert_eq!(again.ok(), rows);

    let queries: [&[&str]; 6] = [
        &[
            "--metric",
            "websites_closed",
            "--by",
            "month,category,entity",
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
        ],
        &[
            "--metric",
            "websites_closed",
            "--by",
            "month",
            "--increments",
            "--region",
            "national",
        ],
        &["--metric", "fines_yuan", "--by", "entity,region"],
        &[
            "--metric",
            "accounts_closed,arrests,websites_closed",
            "--by",
            "metric,category",
            "--basis",
            "event",
        ],
        &[
            "--metric",
            "reports_received",
            "--by",
            "period,category",
            "--basis",
            "period",
        ],
    ];
    for q in queries {
        for by in [&[][..], &["--row-by-row"]] {
            let args = [&["aggregate", "--format", "csv", "--no-cache"][..], q, by].concat();
            same(&w, &args);
        }
    }
    // A question of figures the table has answers with them: a sum, not a refusal.
    let sums = same(
        &w,
        &[
            "aggregate",
            "--format",
            "csv",
            "--metric",
            "accounts_closed,arrests",
            "--by",
            "metric",
        ],
    );
    assert!(sums.contains("accounts_closed,3300,"), "{sums}");
    same(&w, &["describe", "--format", "csv"]);
    same(&w, &["reconcile", "--format", "csv"]);

    for dir in ["pq", "csv"] {
        let out = format!("{dir}.svg");
        let args = [
            "chart",
            "--metric",
            "websites_closed",
            "--by",
            "month",
            "--basis",
            "event",
        ];
        w.run(&[&args[..], &["--out", &out, "--data", dir]].concat())
            .ok();
        w.run(&[
            "report",
            "-q",
            "--out",
            &format!("report-{dir}"),
            "--data",
            dir,
        ])
        .ok();
    }
    assert_eq!(
        std::fs::read(w.path("pq.svg")).unwrap(),
        std::fs::read(w.path("csv.svg")).unwrap()
    );
    // Every file of the report but the manifest (which names the inputs) is the
    // same.
    let report = |dir: &str| {
        let mut f = files(&w.path(dir));
        f.retain(|(n, _)| n != "manifest.json");
        f
    };
    let (pq, csv) = (report("report-pq"), report("report-csv"));
    assert!(pq.iter().any(|(n, _)| n == "report.md"), "{pq:?}");
    assert!(pq == csv, "the reports differ");

    // The two editions agree.
    let diff = w.run(&[
        "diff",
        "pq/observations.parquet",
        "csv/observations.csv",
        "--check",
    ]);
    assert!(
        diff.ok().contains("the editions agree"),
        "{}",
        diff.stdout()
    );
}

/// How `aggregate -v` says fixture `name` was read: its note on standard error.
fn how_read(name: &str) -> String {
    let w = twins(name);
    let run = w.run(&[
        "aggregate",
        "-v",
        "--no-cache",
        "--metric",
        "websites_closed",
        "--by",
        "month",
        "--basis",
        "event",
        "--data",
        "pq/observations.parquet",
    ]);
    run.ok();
    run.stderr()
}

/// The numbers `N of M text column chunks read as dictionary codes` of a note.
fn coded_chunks(note: &str) -> (usize, usize) {
    let part = note
        .split("; ")
        .find(|s| {
            s.trim_end()
                .ends_with("text column chunks read as dictionary codes")
        })
        .unwrap_or_else(|| panic!("{note}"));
    let n: Vec<usize> = part.split(' ').filter_map(|t| t.parse().ok()).collect();
    (n[0], n[1])
}

#[test]
fn pyarrow_default_reads_as_its_csv_twin() {
    reads_as_its_csv_twin("pyarrow_default");
}

/// pyarrow writes a text column null on every row as a dictionary of no words with
/// a code a row; the code named no word and panicked a reading thread.
#[test]
fn pyarrow_default_all_null_text_column_reads() {
    reads_as_its_csv_twin("pyarrow_default_all_null");
    // The empty dictionaries were read as dictionaries, not as text.
    let (coded, _) = coded_chunks(&how_read("pyarrow_default_all_null"));
    assert!(coded > 0);
}

#[test]
fn pyarrow_null_typed_columns_read() {
    reads_as_its_csv_twin("pyarrow_null_typed");
}

#[test]
fn pyarrow_all_null_columns_without_dictionary_read() {
    reads_as_its_csv_twin("pyarrow_no_dictionary");
}

#[test]
fn pyarrow_all_null_columns_without_statistics_read() {
    reads_as_its_csv_twin("pyarrow_no_statistics");
}

#[test]
fn pyarrow_all_null_columns_in_version_2_pages_read() {
    reads_as_its_csv_twin("pyarrow_page_v2");
}

#[test]
fn pyarrow_tiny_pages_read() {
    reads_as_its_csv_twin("pyarrow_tiny_pages");
}

#[test]
fn pyarrow_dictionary_then_plain_pages_in_one_chunk_read() {
    reads_as_its_csv_twin("pyarrow_dictionary_fallback");
    // Some chunks went on in plain pages (read as text), others stayed coded.
    let (coded, text) = coded_chunks(&how_read("pyarrow_dictionary_fallback"));
    assert!(0 < coded && coded < text, "{coded} of {text}");
}

/// A row group a row: a text column null on that row is a chunk of an empty
/// dictionary.
#[test]
fn pyarrow_row_group_per_row_with_empty_dictionaries_reads() {
    reads_as_its_csv_twin("pyarrow_row_group_per_row");
    let note = how_read("pyarrow_row_group_per_row");
    assert!(note.contains(" 8 row groups"), "{note}");
}

#[test]
fn pyarrow_row_group_per_row_all_null_reads() {
    reads_as_its_csv_twin("pyarrow_row_group_per_row_all_null");
}

/// A reading of a row group a row stopped at the cap on problems with exactly that
/// many found: it said nothing of stopping, so the list read as complete.
#[test]
fn parquet_reading_stopped_at_the_problem_cap_says_so() {
    let w = twins("pyarrow_row_group_per_row");
    let args = [
        "validate",
        "--no-cache",
        "--max-field-length",
        "20",
        "--max-problems",
        "2",
    ];
    same(&w, &args);
    let listed = w.run(&[&args[..], &["--data", "pq"]].concat()).fails(1);
    assert!(listed.contains("stopped after 2 problems"), "{listed}");
}

/// A streaming writer handed a batch of no rows writes a row group of none.
#[test]
fn pyarrow_empty_row_group_reads() {
    reads_as_its_csv_twin("pyarrow_empty_row_group");
    let note = how_read("pyarrow_empty_row_group");
    assert!(note.contains(" 3 row groups"), "{note}");
}

#[test]
fn duckdb_copy_reads() {
    reads_as_its_csv_twin("duckdb_copy");
}

#[test]
fn duckdb_copy_all_null_columns_read() {
    reads_as_its_csv_twin("duckdb_copy_all_null");
}

#[test]
fn duckdb_uncompressed_all_null_columns_read() {
    reads_as_its_csv_twin("duckdb_copy_uncompressed");
}

/// DECIMAL columns, as an export of amounts types them, are read as the digits they
/// hold (never a panic, never a float): 500000.50 yuan is summed to the cent.
#[test]
fn duckdb_decimal_columns_read() {
    reads_as_its_csv_twin("duckdb_decimal");
    let w = twins("duckdb_decimal");
    let fines = w
        .run(&[
            "aggregate",
            "--data",
            "pq/observations.parquet",
            "--metric",
            "fines_yuan",
            "--by",
            "region",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(
        fines,
        "region,low,high,n,approx,note\nGuangdong,500000.5,500000.5,1,false,\n"
    );
}

/// Dates written as timestamps at midnight (pandas' parsed dates, DuckDB's
/// `TIMESTAMP`) are read as their days.
#[test]
fn duckdb_timestamp_dates_read() {
    reads_as_its_csv_twin("duckdb_timestamp");
}

#[test]
fn polars_default_reads() {
    reads_as_its_csv_twin("polars_default");
}

/// Text columns the file types as dictionaries (polars' `Categorical` and `Enum`,
/// pandas' `category`) are read as text, by their codes: never a panic of the
/// reader, which builds no categorical column.
#[test]
fn polars_categorical_columns_read() {
    reads_as_its_csv_twin("polars_categorical");
}

/// polars, like pyarrow, writes an all-null text column as an empty dictionary.
#[test]
fn polars_all_null_text_column_reads() {
    reads_as_its_csv_twin("polars_default_all_null");
}

#[test]
fn polars_all_null_columns_without_statistics_read() {
    reads_as_its_csv_twin("polars_no_statistics");
}

#[test]
fn polars_row_group_per_row_reads() {
    reads_as_its_csv_twin("polars_row_group_per_row");
}

/// Every fixture the generator writes has its test above.
#[test]
fn every_writer_fixture_is_tested() {
    let tested = include_str!("test_parquet_writers.rs");
    for (name, _) in files(&fixtures()) {
        if let Some(stem) = name.strip_suffix(".parquet") {
            assert!(
                tested.contains(&format!("reads_as_its_csv_twin(\"{stem}\")")),
                "{stem}"
            );
            assert!(fixtures().join(format!("{stem}.csv")).is_file(), "{stem}");
        }
    }
}

/// A column of a nested or other type that cannot be read as text (a map, a struct,
/// a list, an interval, a timestamp in a time zone: tests/parquet/nested/make.py) is
/// named with its type before anything is read, never handed to polars, which
/// panicked on a map; a question that does not read the column is answered.
#[test]
fn columns_of_nested_types_are_named_not_read() {
    let w = Workdir::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parquet/nested");
    for (file, column, kind) in [
        ("map", "note", "Map"),
        ("struct", "category", "Struct"),
        ("list", "category", "LargeList"),
        ("interval", "note", "Interval"),
        ("timestamp_zone", "date", "Timestamp in time zone +00:00"),
    ] {
        let name = format!("{file}.parquet");
        w.write(&name, std::fs::read(dir.join(&name)).unwrap());
        let run = w.run(&["validate", "--data", &name]);
        assert_eq!(run.code(), 1, "{name}: {}", run.stderr());
        assert!(
            run.stderr().contains(&format!(
                "{name}: field '{column}': the column cannot be read as text ({kind})"
            )),
            "{name}: {}",
            run.stderr()
        );
        if column == "note" {
            let sums = w.run(&[
                "aggregate",
                "--data",
                &name,
                "--metric",
                "websites_closed",
                "--by",
                "category",
                "--basis",
                "event",
                "--format",
                "csv",
            ]);
            assert_eq!(sums.code(), 0, "{name}: {}", sums.stderr());
            assert!(
                sums.stdout().contains("pornography,110,110,1"),
                "{}",
                sums.stdout()
            );
        }
    }
}
