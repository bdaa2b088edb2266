//! The cases of BAD_INPUTS.md for tables in their own shape, views and languages
//! (21 to 28), through the real binary: the exact message (file, line, column,
//! field, reason), the exit code, and no output written.

use crate::test_shapes::{edit, shape};
use crate::test_stranger_xlsx::{package, workbook, workbook_with};
use crate::util::Workdir;

/// Runs `validate`, `export` and `report` on package `data` and checks that each
/// exits 1 with every one of `want` in its message, and writes nothing.
pub(crate) fn refused(w: &Workdir, data: &str, want: &[&str]) -> String {
    let runs: [&[&str]; 3] = [
        &["validate", "--data", data],
        &["export", "--data", data, "--out", "out.csv"],
        &["report", "--data", data, "--out", "report", "-q"],
    ];
    let mut first = String::new();
    for args in runs {
        let err = w.run(args).fails(1);
        for line in want {
            assert!(
                err.contains(line),
                "{}: expected\n{line}\nin:\n{err}",
                args[0]
            );
        }
        if first.is_empty() {
            first = err;
        }
    }
    for out in ["out.csv", "report"] {
        assert!(!w.path(out).exists(), "{out} was written");
    }
    first
}

/// The half-year fixture with one change to its mapping.
fn mapping_changed(from: &str, to: &str) -> Workdir {
    let w = Workdir::new();
    shape(&w, "half-year");
    edit(&w, "half-year/datapackage.json", from, to);
    w
}

const MAPPING: &str = "half-year/datapackage.json: field 'resources[0].cleanweb:mapping";

#[test]
fn case21_mapping_mistakes_are_named_at_their_json_path() {
    // A column the table lacks: the mapping's mistake, with the header's nearest name.
    let w = mapping_changed("\"column\": \"Country\"", "\"column\": \"Countri\"");
    let err = refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.dimensions[0].column': 'Countri' is not a column of half-year/requests.csv (did you mean 'Country'?)")],
    );
    assert!(
        !err.contains("unknown column"),
        "the same mistake twice:\n{err}"
    );
    assert!(err.contains("1 problem found"), "{err}");
    // A dimension twice: the same column, or two columns under one name.
    let w = mapping_changed(
        "{\"column\": \"Requester\", \"name\": \"requester\"}",
        "{\"column\": \"Country\", \"name\": \"requester\"}",
    );
    refused(
        &w,
        "half-year",
        &[&format!(
            "{MAPPING}.dimensions': column 'Country' is named twice"
        )],
    );
    let w = mapping_changed("\"name\": \"requester\"", "\"name\": \"country\"");
    let err = refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.dimensions[1].name': 'country' also names resources[0].cleanweb:mapping.dimensions[0]: give each dimension a name of its own")],
    );
    assert!(err.contains("1 problem found"), "{err}");
    // A measure that is also a dimension.
    let w = mapping_changed(
        "{\"column\": \"All Requests\", \"metric\": \"removal_requests\"}",
        "{\"column\": \"Country\", \"metric\": \"removal_requests\"}",
    );
    refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.measures[0].column': 'Country' is also a dimension (resources[0].cleanweb:mapping.dimensions[0]): a column holds either the keys of figures or their values, not both")],
    );
    // A total that is its own part.
    let w = mapping_changed(
        "\"metric\": \"removal_requests\"}",
        "\"metric\": \"removal_requests\", \"total_of\": [\"All Requests\"]}",
    );
    let err = refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.measures[0].total_of': 'All Requests' is this measure's own column: a total cannot be one of its own parts")],
    );
    assert!(
        err.contains("1 problem found"),
        "once, not once a row:\n{err}"
    );
    // Shares of a measure that does not exist.
    let w = mapping_changed(
        "\"share_of\": \"Items Requested\"}",
        "\"share_of\": \"Items Requestd\"}",
    );
    refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.measures[2].share_of': 'Items Requestd' is not a count column of this mapping (did you mean 'Items Requested'?); use All Requests, Items Requested")],
    );
}

#[test]
fn case21_a_slip_in_a_mapped_column_is_blamed_on_the_mapping_not_on_what_names_it() {
    // The measure's column is mistyped and the shares name the header's column
    // rightly: the measure is blamed, with the header's name, and the three
    // `share_of` that name the right column are not.
    let w = mapping_changed(
        "\"column\": \"Items Requested\", \"metric\": \"items_named\"",
        "\"column\": \"Items Requestd\", \"metric\": \"items_named\"",
    );
    let err = refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.measures[1].column': 'Items Requestd' is not a column of half-year/requests.csv (did you mean 'Items Requested'?)")],
    );
    assert!(!err.contains("share_of"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
    // The table's header says 'Requestor', the mapping 'Requester': the mapping is
    // blamed at its path, quoting the header's word as the table has it.
    let w = cell_changed("Requester ,", "Requestor,", None);
    let err = refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.dimensions[1].column': 'Requester' is not a column of half-year/requests.csv (did you mean 'Requestor'?)")],
    );
    assert!(!err.contains("unknown column"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
    // The when column, and a total's part mistyped where the header is right.
    let w = mapping_changed("\"Period Ending\", \"form\"", "\"Period Endng\", \"form\"");
    refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.when.column': 'Period Endng' is not a column of half-year/requests.csv (did you mean 'Period Ending'?)")],
    );
    let w = mapping_changed(
        "\"metric\": \"removal_requests\"}",
        "\"metric\": \"removal_requests\", \"total_of\": [\"Items Requestd\"]}",
    );
    let err = refused(
        &w,
        "half-year",
        &[&format!("{MAPPING}.measures[0].total_of': 'Items Requestd' is not a measure column of this mapping (did you mean 'Items Requested'?)")],
    );
    assert!(err.contains("1 problem found"), "{err}");
}

/// The half-year fixture with one change to its table (and, given, its mapping).
fn cell_changed(from: &str, to: &str, mapping: Option<(&str, &str)>) -> Workdir {
    let w = Workdir::new();
    shape(&w, "half-year");
    edit(&w, "half-year/requests.csv", from, to);
    if let Some((a, b)) = mapping {
        edit(&w, "half-year/datapackage.json", a, b);
    }
    w
}

const ROW2: &str = "2019-06-30,Germany,Court order,12,40,50,";
const NOT_A_NUMBER: &str =
    "is not a number, a threshold (<10, >1,000, 1,000+), a percent or a declared missing marker";

#[test]
fn case22_cells_that_fit_no_declared_form_are_named_with_their_text() {
    let at = "half-year/requests.csv:2:4: field 'All Requests': ";
    for (cell, reason) in [
        ("<", format!("'<' {NOT_A_NUMBER}")),
        ("10<", format!("'10<' {NOT_A_NUMBER}")),
        (
            "\"1.000,5\"",
            "'1.000,5' is not a number as declared: declare \"decimal\": \",\" and \"thousands\": \".\" if ',' marks the decimals".to_string(),
        ),
        ("12%", "'12%' is a percent, and the column's unit is 'count'".to_string()),
        (
            "12*",
            format!("'12*' {NOT_A_NUMBER}; if it ends in a footnote mark, declare \"footnotes\": true"),
        ),
    ] {
        let w = cell_changed(ROW2, &format!("2019-06-30,Germany,Court order,{cell},40,50,"), None);
        let err = refused(&w, "half-year", &[&format!("{at}{reason}")]);
        assert!(err.contains("1 problem found"), "{cell}: {err}");
    }
    // A percent above 100, and a share written as a fraction above 1.
    let w = cell_changed(ROW2, "2019-06-30,Germany,Court order,12,40,150,", None);
    refused(
        &w,
        "half-year",
        &["half-year/requests.csv:2:6: field 'Removed - Legal (%)': '150' is more than 100%: a share of the row's 'Items Requested' cannot be"],
    );
    let w = cell_changed(
        ROW2,
        "2019-06-30,Germany,Court order,12,40,1.5,",
        Some((
            "\"metric\": \"items_removed_legal\", \"share_of\": \"Items Requested\"",
            "\"metric\": \"items_removed_legal\", \"share_of\": \"Items Requested\", \"unit\": \"fraction\"",
        )),
    );
    refused(
        &w,
        "half-year",
        &["half-year/requests.csv:2:6: field 'Removed - Legal (%)': '1.5' is more than 100%: a share of the row's 'Items Requested' cannot be"],
    );
}

#[test]
fn case23_dates_that_do_not_exist_or_end_no_period_of_the_declared_length() {
    let at = "half-year/requests.csv:2:1: field 'Period Ending': ";
    // A day that does not exist, named as the cell writes it.
    let w = Workdir::new();
    shape(&w, "half-year");
    let table = std::fs::read_to_string(w.path("half-year/requests.csv")).unwrap();
    let table = table
        .replace("2019-06-30", "30/06/2019")
        .replace("2019-12-31", "31/12/2019")
        .replacen("30/06/2019", "31/02/2019", 1);
    w.write("half-year/requests.csv", table);
    edit(
        &w,
        "half-year/datapackage.json",
        "\"form\": \"period_end\",",
        "\"form\": \"period_end\", \"format\": \"DD/MM/YYYY\",",
    );
    let err = refused(
        &w,
        "half-year",
        &[&format!(
            "{at}'31/02/2019' does not exist: 2019-02 has 28 days"
        )],
    );
    assert!(err.contains("1 problem found"), "{err}");
    // Month ends that end no half-year: a rolling half-year, a quarter, the third
    // quarter.
    for end in ["2019-05-31", "2019-03-31", "2019-09-30"] {
        let w = cell_changed(ROW2, &ROW2.replace("2019-06-30", end), None);
        refused(
            &w,
            "half-year",
            &[&format!("{at}'{end}' is not the end of a half-year: the mapping declares periods of 6 months, which end on 30 June and 31 December")],
        );
    }
    // A day that ends no month (the check before).
    let w = cell_changed(ROW2, &ROW2.replace("2019-06-30", "2019-06-29"), None);
    refused(
        &w,
        "half-year",
        &[&format!(
            "{at}2019-06-29 is not the last day of a month, so it cannot end a period of 6 months"
        )],
    );
}

/// A workbook's header row: `Month`, `Sites`.
const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Month</t></is></c><c r="B1" t="inlineStr"><is><t>Sites</t></is></c></row>"#;

/// Refused by `validate`, `export` and `report` with `want`, in bounded memory, and
/// by `init --from`.
fn book_refused(book: &[u8], extra: &str, want: &str) {
    let w = Workdir::new();
    package(&w, book, extra);
    refused(&w, "pkg", &[want]);
    let (run, peak) = w.run_measured(&["validate", "--data", "pkg"]);
    assert_eq!(run.code(), 1);
    assert!(peak < 300, "validate took {peak} MiB");
    if extra.is_empty() {
        // init reads the first sheet, and names it with a problem at one of its cells.
        let want = want.replacen("pkg/book.xlsx:1:", "pkg/book.xlsx, sheet 'Sheet1':1:", 1);
        let err = w.run(&["init", "new", "--from", "pkg/book.xlsx"]).fails(1);
        assert!(err.contains(&want), "init: expected\n{want}\nin:\n{err}");
        assert!(!w.path("new").exists());
    }
}

#[test]
fn case24_workbooks_that_cannot_be_read_are_refused_clearly() {
    book_refused(
        b"Month,Sites\n2014-05,12\n",
        "",
        "pkg/book.xlsx: is not an .xlsx workbook that can be read: Zip error: invalid Zip archive",
    );
    // Excel writes a workbook with a password as an OLE compound file.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    book_refused(
        &ole,
        "",
        "pkg/book.xlsx: is an encrypted (password-protected) workbook or an old .xls file, not an .xlsx that can be read: open it in a spreadsheet and save it as .xlsx without a password, or as CSV",
    );
    let good = workbook(
        &format!(
            r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>2014-05</t></is></c><c r="B2"><v>12</v></c></row>"#
        ),
        None,
    );
    book_refused(
        &good,
        "\"sheet\":\"Nope\",",
        "pkg/book.xlsx: has no sheet 'Nope'; its sheets are: Sheet1",
    );
    // A header cell merged over two columns leaves the second blank: named at its
    // cell, in the workbook (not the CSV it is read as).
    let merged = workbook_with(
        &format!(
            r#"<sheetData>{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>2014-05</t></is></c><c r="B2"><v>12</v></c><c r="C2"><v>3</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>"#
        ),
        None,
        0,
    );
    book_refused(
        &merged,
        "",
        "pkg/book.xlsx:1:3: blank column name in the header",
    );
}

#[test]
fn case24_a_formula_without_its_value_is_refused_at_its_cell() {
    let book = workbook(
        &format!(
            r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>2014-05</t></is></c><c r="B2"><f>SUM(5,7)</f></c></row>"#
        ),
        None,
    );
    book_refused(
        &book,
        "",
        "pkg/book.xlsx: sheet 'Sheet1', cell B2, holds a formula (SUM(5,7)) with no saved value: open the workbook in a spreadsheet and save it, so that it stores its values",
    );
}
