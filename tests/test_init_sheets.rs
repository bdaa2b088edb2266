//! `init --from` on a workbook of several sheets and on tables with no date
//! column: the sheets are listed and the one read is named, every message names
//! the real file and sheet, and `--period` gives the span a whole table covers.

use std::io::Write;

use crate::util::Workdir;

/// The XML of a sheet whose rows are `rows` (text cells inline, numbers as values).
fn sheet_xml(rows: &[&[&str]]) -> String {
    let mut xml = String::new();
    for (i, row) in rows.iter().enumerate() {
        xml.push_str(&format!("<row r=\"{}\">", i + 1));
        for (j, cell) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + j as u8) as char, i + 1);
            if cell.parse::<f64>().is_ok() {
                xml.push_str(&format!("<c r=\"{at}\"><v>{cell}</v></c>"));
            } else {
                xml.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>"
                ));
            }
        }
        xml.push_str("</row>");
    }
    xml
}

/// A workbook of the named sheets, in order.
fn book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let (mut types, mut list, mut rels) = (String::new(), String::new(), String::new());
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        list.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        part(
            &format!("xl/worksheets/sheet{n}.xml"),
            &format!(
                "<worksheet xmlns=\"{MAIN}\"><sheetData>{}</sheetData></worksheet>",
                sheet_xml(rows)
            ),
        );
    }
    part("[Content_Types].xml", &format!("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{types}</Types>"));
    part("_rels/.rels", &format!("<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
    part(
        "xl/workbook.xml",
        &format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheets>{list}</sheets></workbook>"),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        &format!("<Relationships xmlns=\"{PKG}\">{rels}</Relationships>"),
    );
    zip.finish().unwrap().into_inner()
}

/// A summary sheet with no date column (12 + 7 = 19 requests), then a monthly one
/// (5 in January 2022, 8 in February).
fn two_sheets(w: &Workdir) {
    let summary: &[&[&str]] = &[
        &["Country", "Requests"],
        &["France", "12"],
        &["Germany", "7"],
    ];
    let monthly: &[&[&str]] = &[&["Month", "Requests"], &["2022-01", "5"], &["2022-02", "8"]];
    w.write(
        "book.xlsx",
        book(&[("Summary", summary), ("Monthly", monthly)]),
    );
}

/// `aggregate` of `requests` by `by`, as (key, low) pairs.
fn requests_by(w: &Workdir, data: &str, by: &str) -> Vec<(String, String)> {
    let out = w
        .run(&[
            "aggregate",
            "--data",
            data,
            "--metric",
            "requests",
            "--by",
            by,
            "--format",
            "csv",
        ])
        .ok();
    crate::util::csv_records(&out)
        .into_iter()
        .map(|r| (r[by].clone(), r["low"].clone()))
        .collect()
}

#[test]
fn init_lists_the_sheets_and_names_the_sheet_it_reads() {
    let w = Workdir::new();
    two_sheets(&w);
    // Without --sheet: the first sheet, said with the others; it has no date column.
    let run = w.run(&["init", "a", "--from", "book.xlsx"]);
    let err = run.fails(1);
    assert!(
        err.contains("cleanweb: book.xlsx has 2 sheets: 'Summary', 'Monthly'; reading 'Summary', the first (another with --sheet NAME)"),
        "{err}"
    );
    assert!(
        err.contains("book.xlsx, sheet 'Summary': no column holds dates, months, years or periods that every row fills: a mapping needs to know when each row is; give the period the whole table covers with --period (such as 2022-H1, 2022 or 2022-01-01..2022-06-30)"),
        "{err}"
    );
    assert!(!err.contains(".xlsx.csv"), "{err}");
    assert!(!w.path("a").exists(), "nothing is written");
    // With --period, every row covers the half-year.
    let run = w.run(&["init", "a", "--from", "book.xlsx", "--period", "2022-H1"]);
    run.ok();
    assert!(
        run.stderr()
            .contains("every row covers 2022-01-01 to 2022-06-30 (--period)"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        requests_by(&w, "a", "period"),
        [("2022-H1".to_string(), "19".to_string())]
    );
    // The other sheet, named: its months; no list of sheets.
    let run = w.run(&[
        "init",
        "b",
        "--from",
        "book.xlsx",
        "--sheet",
        "Monthly",
        "--period",
        "2022",
    ]);
    run.ok();
    assert!(!run.stderr().contains("sheets"), "{}", run.stderr());
    // Its months say when: the period given is not used, and init says so.
    assert!(
        run.stderr()
            .contains("--period is not used: column 'Month' says when each row is"),
        "{}",
        run.stderr()
    );
    let months = requests_by(&w, "b", "month");
    assert_eq!(
        months,
        [
            ("2022-01".to_string(), "5".to_string()),
            ("2022-02".to_string(), "8".to_string())
        ]
    );
}

#[test]
fn init_period_takes_a_year_a_half_or_two_days() {
    let w = Workdir::new();
    w.write("counts.csv", "Country,Requests\nFrance,12\nGermany,7\n");
    for (dir, period, label) in [
        ("y", "2022", "2022"),
        ("q", "2022-01-01..2022-03-31", "2022-Q1"),
        ("s", "2022-02-10..2022-02-20", "2022-02-10..2022-02-20"),
    ] {
        w.run(&["init", dir, "--from", "counts.csv", "--period", period])
            .ok();
        assert_eq!(
            requests_by(&w, dir, "period"),
            [(label.to_string(), "19".to_string())],
            "{period}"
        );
    }
    for bad in ["2022-13", "2022-03-31..2022-01-01", "next year"] {
        let err = w
            .run(&["init", "z", "--from", "counts.csv", "--period", bad])
            .fails(2);
        assert!(err.contains("--period"), "{err}");
    }
}

/// A sheet has columns of its own: a one-column sheet whose header holds a `;` is
/// never told to pass `--delimiter`, which a workbook does not take.
#[test]
fn a_sheet_is_never_told_of_a_delimiter() {
    let w = Workdir::new();
    let rows: &[&[&str]] = &[&["Month;Requests"], &["2022-01;5"], &["2022-02;8"]];
    w.write("one.xlsx", book(&[("Data", rows)]));
    let run = w.run(&["init", "a", "--from", "one.xlsx"]);
    let err = run.stderr();
    assert!(!err.contains("--delimiter"), "{err}");
    // The same text as a CSV file is told.
    w.write("one.csv", "Month;Requests\n2022-01;5\n2022-02;8\n");
    let run = w.run(&["init", "b", "--from", "one.csv"]);
    let err = run.stderr();
    assert_ne!(run.code(), 0);
    assert!(err.contains("pass --delimiter ';'"), "{err}");
}

/// A column headed `Period` that holds bare years is when each row is, and a column
/// empty in every row is left out, not made a dimension of one blank value.
#[test]
fn bare_years_under_period_and_a_blank_column() {
    let w = Workdir::new();
    w.write(
        "y.csv",
        "Period,Country,Notes,Requests\n2019,France,,10\n2019,Spain,,5\n2020,France,,12\n2020,Spain,,7\n",
    );
    let run = w.run(&["init", "y", "--from", "y.csv"]);
    run.ok();
    let said = run.stderr();
    assert!(said.contains("column 'Period': when"), "{said}");
    assert!(
        said.contains("column 'Notes': empty in every row, left out"),
        "{said}"
    );
    let dp = std::fs::read_to_string(w.path("y/datapackage.json")).unwrap();
    let dp: serde_json::Value = serde_json::from_str(&dp).unwrap();
    let m = &dp["resources"][0]["cleanweb:mapping"];
    assert_eq!(m["when"]["form"], "year", "{m}");
    assert_eq!(m["ignore"], serde_json::json!(["Notes"]), "{m}");
    w.run(&["validate", "--data", "y"]).ok();
    // 10 + 5 in 2019, 12 + 7 in 2020.
    assert_eq!(
        requests_by(&w, "y", "period"),
        [
            ("2019".to_string(), "15".to_string()),
            ("2020".to_string(), "19".to_string())
        ]
    );
}
