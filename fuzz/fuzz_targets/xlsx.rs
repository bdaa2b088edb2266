//! Any bytes as an .xlsx workbook: read as a sheet they give a table or an error,
//! never a panic, and never a table larger than the limit on a sheet as text. The
//! first byte picks what the rest is: the whole file, or the XML of the sheet or of
//! the shared strings of an otherwise sound workbook (which a fuzzer reaches
//! sooner than through a zip it must first get right).
#![no_main]

use std::io::Write;

use cleanweb::table::sheet::{sheet_as_csv, MAX_SHEET_TEXT};
use libfuzzer_sys::fuzz_target;

const SHEET: &[u8] = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>2014</v></c><c r="B2"><v>12</v></c></row></sheetData></worksheet>"#;
const SHARED: &[u8] = br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Year</t></si><si><t>Sites</t></si></sst>"#;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let book = match pick % 3 {
        0 => rest.to_vec(),
        1 => workbook(rest, SHARED),
        _ => workbook(SHEET, rest),
    };
    if let Ok(csv) = sheet_as_csv("fuzz.xlsx", &book, None) {
        assert!(csv.len() as u64 <= MAX_SHEET_TEXT, "{} bytes", csv.len());
    }
});

/// A workbook of one sheet, its parts stored as they are.
fn workbook(sheet: &[u8], shared: &[u8]) -> Vec<u8> {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let rels = format!(r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    let book = format!(r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    let book_rels = format!(r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#);
    for (name, bytes) in [
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/sharedStrings.xml", shared),
        ("xl/worksheets/sheet1.xml", sheet),
    ] {
        // Writing to memory does not fail.
        zip.start_file(name, stored).expect("a part");
        zip.write_all(bytes).expect("a part");
    }
    zip.finish().expect("a workbook").into_inner()
}
