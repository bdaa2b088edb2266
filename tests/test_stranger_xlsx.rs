//! A workbook from a stranger: one that declares huge dimensions or counts, puts a
//! cell at or beyond Excel's last row or column, or inflates a thousandfold, is
//! refused with the file, the limit and the way past it named, in bounded memory,
//! through `validate` (a mapped sheet) and `init --from`. And a `header_row` that
//! would size an allocation is refused before anything is read.

use std::io::Write;

use crate::util::Workdir;

/// The most a crafted workbook may make the tool take (the tool itself takes tens).
const BOUND_MIB: u64 = 300;

/// A workbook of one sheet, `Sheet1`, whose `<sheetData>` is `rows`, with a
/// shared-string table when `shared` is given (the `<sst>` element whole).
pub(crate) fn workbook(rows: &str, shared: Option<&str>) -> Vec<u8> {
    workbook_with(&format!("<sheetData>{rows}</sheetData>"), shared, 0)
}

/// [`workbook`] with `padding` bytes of blanks after the sheet data (which
/// deflate packs about a thousandfold).
pub(crate) fn workbook_with(data: &str, shared: Option<&str>, padding: usize) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(padding > u32::MAX as usize / 2);
    let mut part = |name: &str, text: &str| {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        &format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    part(
        "xl/workbook.xml",
        &format!(
            r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
        ),
    );
    if let Some(sst) = shared {
        part("xl/sharedStrings.xml", sst);
    }
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    write!(zip, r#"<worksheet xmlns="{MAIN}">{data}"#).unwrap();
    let blanks = vec![b' '; 1 << 20];
    let mut left = padding;
    while left > 0 {
        let n = left.min(blanks.len());
        zip.write_all(&blanks[..n]).unwrap();
        left -= n;
    }
    zip.write_all(b"</worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// A package `pkg` whose one resource maps the sheet of `book.xlsx`, as `init`
/// writes one, with `extra` mapping keys.
pub(crate) fn package(w: &Workdir, book: &[u8], extra: &str) {
    w.write("pkg/book.xlsx", book);
    w.write(
        "pkg/datapackage.json",
        format!(
            r#"{{"name":"p","title":"A workbook from a stranger",
            "sources":[{{"name":"sheet","title":"A sheet","path":"book.xlsx"}}],
            "resources":[{{"name":"book","path":"book.xlsx","format":"xlsx",
              "cleanweb:mapping":{{{extra}"source":"sheet","authority":"Hotline",
                "when":{{"column":"Month","form":"month"}},
                "measures":[{{"column":"Sites","metric":"sites_reported","basis":"period"}}]}}}}]}}"#
        ),
    );
}

/// The refusal of `book` by `validate` (a mapped sheet) and by `init --from`, each
/// in bounded memory: both name the file and say `reason`.
fn refused_both_ways(book: &[u8], reason: &str) {
    let w = Workdir::new();
    package(&w, book, "");
    let (run, peak) = w.run_measured(&["validate", "--data", "pkg"]);
    let err = format!("{}{}", run.stdout(), run.stderr());
    assert_ne!(run.code(), 0, "{err}");
    assert!(err.contains(&format!("pkg/book.xlsx: {reason}")), "{err}");
    assert!(peak < BOUND_MIB, "validate took {peak} MiB");
    let (run, peak) = w.run_measured(&["init", "new", "--from", "pkg/book.xlsx"]);
    let err = run.fails(1);
    assert!(err.contains(&format!("pkg/book.xlsx: {reason}")), "{err}");
    assert!(peak < BOUND_MIB, "init --from took {peak} MiB");
}

const CSV_ADVICE: &str =
    "; save the sheet as CSV and map that instead (a CSV table streams, without this limit)";

#[test]
fn stranger_xlsx_made_here_is_read_when_sound() {
    // The workbooks below differ from this one only in what is crafted.
    let w = Workdir::new();
    let book = workbook(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Month</t></is></c><c r="B1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2014-05</t></is></c><c r="B2"><v>12</v></c></row>"#,
        Some(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Sites</t></si></sst>"#,
        ),
    );
    package(&w, &book, "");
    let out = w.run(&["validate", "--data", "pkg"]).ok();
    assert!(
        out.contains("1 observations") || out.contains("1 observation"),
        "{out}"
    );
    w.run(&["init", "new", "--from", "pkg/book.xlsx"]).ok();
}

#[test]
fn stranger_xlsx_cells_at_first_and_last_cell_are_refused_in_bounded_memory() {
    // A1 and XFD1048576 are both legal; the sheet between them as text is 17 GB
    // (calamine's dense range, 550 GB).
    let book = workbook(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        None,
    );
    refused_both_ways(
        &book,
        &format!("sheet 'Sheet1' as text would take over 256 MiB (its cells reach A1 and XFD1048576), over the limit of 256 MiB{CSV_ADVICE}"),
    );
}

#[test]
fn stranger_xlsx_cell_at_last_cell_alone_is_read_in_bounded_memory() {
    // One cell at Excel's last row and column: a million blank lines, read.
    let w = Workdir::new();
    w.write(
        "book.xlsx",
        workbook(
            r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            None,
        ),
    );
    let (run, peak) = w.run_measured(&["init", "new", "--from", "book.xlsx"]);
    let err = run.stderr();
    assert!(!err.contains("limit") && !err.contains("beyond"), "{err}");
    assert!(peak < BOUND_MIB, "init --from took {peak} MiB");
}

#[test]
fn stranger_xlsx_cell_beyond_last_column_is_refused_in_bounded_memory() {
    let book = workbook(r#"<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>"#, None);
    refused_both_ways(
        &book,
        "sheet 'Sheet1' has a cell at ZZZZZZ2, beyond Excel's last row (1048576) or column (XFD, the 16384th); no spreadsheet program writes one",
    );
}

#[test]
fn stranger_xlsx_header_four_billion_rows_down_is_refused_in_bounded_memory() {
    let book = workbook(
        r#"<row r="4000000000"><c r="A4000000000" t="inlineStr"><is><t>Month</t></is></c></row>"#,
        None,
    );
    refused_both_ways(
        &book,
        "sheet 'Sheet1' has a cell at A4000000000, beyond Excel's last row (1048576) or column (XFD, the 16384th); no spreadsheet program writes one",
    );
}

#[test]
fn stranger_xlsx_huge_shared_string_count_is_refused_in_bounded_memory() {
    let book = workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        Some(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>Month</t></si></sst>"#,
        ),
    );
    refused_both_ways(
        &book,
        &format!("its shared-string table declares 4000000000 strings (uniqueCount), over the limit of 2000000{CSV_ADVICE}"),
    );
}

#[test]
fn stranger_xlsx_part_inflating_a_thousandfold_is_refused_in_bounded_memory() {
    // 2 MiB of blanks in the sheet part, deflated to about 2 KiB.
    let book = workbook_with("<sheetData/>", None, 2 << 20);
    assert!(book.len() < 8 << 10, "{} bytes", book.len());
    let (packed, size) = sizes(&book, "xl/worksheets/sheet1.xml");
    assert!(size / packed >= 900, "{packed} bytes to {size}");
    let reason = format!(
        "part 'xl/worksheets/sheet1.xml' inflates {} times ({packed} bytes to {size}), over the limit of 100 times for a part over 1 MiB (the mark of a zip bomb){CSV_ADVICE}",
        size / packed
    );
    refused_both_ways(&book, &reason);
}

#[test]
fn stranger_xlsx_zip_bomb_is_refused_in_bounded_memory() {
    // A sheet part that inflates to 300 MiB, under a megabyte of zip.
    let book = workbook_with("<sheetData/>", None, 300 << 20);
    assert!(book.len() < 1 << 20, "{} bytes", book.len());
    refused_both_ways(
        &book,
        &format!("part 'xl/worksheets/sheet1.xml' inflates to 300 MiB, over the limit of 256 MiB for a part of a workbook{CSV_ADVICE}"),
    );
}

/// The compressed and inflated sizes of a part, from the zip's central directory.
fn sizes(book: &[u8], part: &str) -> (u64, u64) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let file = zip.by_name(part).unwrap();
    (file.compressed_size(), file.size())
}

#[test]
fn stranger_header_row_in_a_mapping_is_bounded_before_reading() {
    let book = workbook(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#, None);
    for h in ["18446744073709551615", "4294967295", "1048577"] {
        let w = Workdir::new();
        package(&w, &book, &format!(r#""header_row":{h},"#));
        let (run, peak) = w.run_measured(&["validate", "--data", "pkg"]);
        let err = format!("{}{}", run.stdout(), run.stderr());
        assert_ne!(run.code(), 0, "{err}");
        assert!(
            err.contains("pkg/datapackage.json: field 'resources[0].cleanweb:mapping.header_row': must be the line of the header, a whole number from 1 to 1048576 (Excel's last row)"),
            "{err}"
        );
        assert!(peak < BOUND_MIB, "validate took {peak} MiB");
    }
}

#[test]
fn stranger_header_row_flag_of_init_is_bounded_before_reading() {
    let w = Workdir::new();
    w.write("t.csv", "Month,Sites\n2014-05,12\n");
    for h in ["18446744073709551615", "4294967295", "1048577", "0"] {
        let (run, peak) = w.run_measured(&["init", "new", "--from", "t.csv", "--header-row", h]);
        let err = run.fails(2);
        assert!(
            err.contains(&format!("invalid value '{h}' for '--header-row <N>': the line of the header is a whole number from 1 to 1048576 (Excel's last row)")),
            "{err}"
        );
        assert!(peak < BOUND_MIB, "init took {peak} MiB");
    }
    // Excel's last row is a header row a CSV table may have (its lines above are
    // blank): read, in bounded memory.
    let (run, peak) =
        w.run_measured(&["init", "new", "--from", "t.csv", "--header-row", "1048576"]);
    assert!(!run.stderr().contains("1048576 (Excel"), "{}", run.stderr());
    assert!(peak < BOUND_MIB, "init took {peak} MiB");
}
