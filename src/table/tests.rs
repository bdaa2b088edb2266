//! The reader against itself and against the `csv` crate: every block size and every
//! kernel read the same records and find the same problems, at the same positions;
//! and where the reader finds no problem, it reads the records the `csv` crate reads.

use proptest::prelude::*;

use super::delimited;
use super::differential::{self, reading, reference, Read, Records, SCHEMA};
use super::simd::Kernel;
use super::*;

/// Tables from bytes that matter to a CSV reader, under a valid header.
fn table() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => Just(b"x".to_vec()),
        2 => Just("中".as_bytes().to_vec()),
        3 => Just(b",".to_vec()),
        3 => Just(b"\n".to_vec()),
        1 => Just(b"\r\n".to_vec()),
        1 => Just(b"\r".to_vec()),
        2 => Just(b"\"".to_vec()),
        2 => Just(b"\"\"".to_vec()),
        1 => Just(b"\",\"".to_vec()),
        1 => Just(b"bad".to_vec()),
        1 => Just(b"\0".to_vec()),
        1 => Just(b"\xE9".to_vec()),
        1 => Just(b"\xC2\x85".to_vec()),
        1 => Just(b" ".to_vec()),
        1 => Just(b"\t".to_vec()),
    ];
    (
        prop_oneof![
            Just(&b"a,b,c\n"[..]),
            Just(&b"a,b,c\r\n"[..]),
            Just(&b"\xEF\xBB\xBFa,b,c\n"[..])
        ],
        proptest::collection::vec(piece, 0..120),
    )
        .prop_map(|(head, pieces)| {
            let mut t = head.to_vec();
            t.extend(pieces.concat());
            t
        })
}

/// Valid rows, some quoted, some with doubled quotes or line ends inside quotes.
fn valid_table() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        Just("x".to_string()),
        Just("\"y, z\"".to_string()),
        Just("\"two\nlines\"".to_string()),
        Just("\"say \"\"hi\"\"\"".to_string()),
        Just("\"two\r\nlines\"".to_string()),
        Just("\"a\rb\"".to_string()),
        Just("5\" screen".to_string()),
        Just("a\"\"b".to_string()),
        Just(String::new()),
        Just("中文".to_string()),
    ];
    proptest::collection::vec((cell.clone(), cell), 1..30).prop_map(|rows| {
        let mut t = "a,b,c\n".to_string();
        for (i, (b, c)) in rows.iter().enumerate() {
            t.push_str(&format!("k{i},{b},{c}\n"));
        }
        t.into_bytes()
    })
}

fn every_way(bytes: &[u8]) -> Result<Read, TestCaseError> {
    differential::every_way(bytes, b',').map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_block_size_and_kernel_read_alike(bytes in table()) {
        // Where the reader finds nothing wrong, the csv crate reads the same records.
        let _ = every_way(&bytes)?;
    }

    #[test]
    fn valid_tables_are_read_as_the_csv_crate_reads_them(bytes in valid_table()) {
        let whole = every_way(&bytes)?;
        let (rows, problems) = whole.map_err(TestCaseError::fail)?;
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let ours: Vec<Vec<String>> = rows.into_iter().map(|(_, c)| c).collect();
        prop_assert_eq!(Some(ours), reference(&bytes, b','));
    }
}

#[test]
fn problems_are_located_by_line_column_and_field() {
    let t = b"a,b,c\nk1,x,y\nk2,\"open\nk3,x,y\n";
    let (_, problems) = reading(t, b',', 4, Kernel::best()).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "t.csv:3:2: field 'b': a quoted field opens here and is never closed"
    );
    let t = b"a,b,c\nk1,x\0,y\nk2,x,bad\nk1,x,y\nk3,x\n\
              k4,\x01y,bad\nk5,x,bad\x07\nk\x016,x,bad\x07\nk\x016,x,y\n";
    for block in [4, 8, 4096] {
        let (rows, problems) = reading(t, b',', block, Kernel::best()).unwrap();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            [
                "t.csv:2:2: field 'b': the text holds a NUL byte: is it a text file?; remove it",
                "t.csv:3:3: field 'c': a cell the sink refuses",
                // A row spoiled by a control character is still checked: its key...
                "t.csv:4:1: field 'a': duplicate a 'k1' (first on t.csv:2)",
                "t.csv:5:3: field 'c': row has 2 fields but the header has 3 (a missing field)",
                // ...and its other cells.
                "t.csv:6:2: field 'b': the text holds control character U+0001; remove it",
                "t.csv:6:3: field 'c': a cell the sink refuses",
                // A spoiled cell is one problem, whatever else the sink finds in it.
                "t.csv:7:3: field 'c': the text holds control character U+0007; remove it",
                // Every spoiled cell of a row is named; a spoiled key is not a key.
                "t.csv:8:1: field 'a': the text holds control character U+0001; remove it",
                "t.csv:8:3: field 'c': the text holds control character U+0007; remove it",
                "t.csv:9:1: field 'a': the text holds control character U+0001; remove it",
            ],
            "blocks of {block} bytes"
        );
        // A spoiled row is checked, never kept.
        let kept: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(kept, [3, 4], "blocks of {block} bytes");
    }
}

#[test]
fn a_repeated_key_names_both_lines() {
    let t = b"c, b ,a\nx,y,k1\nx,y,k2\nx,y,k1\n";
    let (_, problems) = reading(t, b',', 5, Kernel::best()).unwrap();
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        shown,
        ["t.csv:4:3: field 'a': duplicate a 'k1' (first on t.csv:2)"]
    );
}

#[test]
fn reading_stops_after_the_most_problems_asked_for() {
    let mut t = b"a,b,c\n".to_vec();
    for i in 0..500 {
        t.extend(format!("k{i},x,bad\n").as_bytes());
    }
    let opts = Options {
        max_problems: 10,
        ..Options::default()
    };
    let input = Input::Bytes {
        name: "t.csv",
        bytes: &t,
    };
    let reading = Reading {
        input: &input,
        schema: &SCHEMA,
        opts: &opts,
        workers: 2,
    };
    let table = delimited::read(&reading, 64, Kernel::best(), Records::default).unwrap();
    assert_eq!(table.problems.len(), 11);
    assert_eq!(table.problems[0].line, Some(2));
    assert_eq!(table.problems[9].line, Some(11));
    assert!(table.problems[10]
        .reason
        .starts_with("stopped after 10 problems"));
}

#[test]
fn a_space_delimiter_finds_no_cells_in_the_padding() {
    // The last chunk of a block is padded with spaces; with a space delimiter the
    // padding must not end cells.
    let t = b"a b c\nk1 x y\nk2 x y";
    let (rows, problems) = reading(t, b' ', 1 << 20, Kernel::best()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows.len(), 2);
}

#[test]
fn cr_line_ends_read_like_lf() {
    let lf = b"a,b,c\nk1,\"x\ny\",z\nk2,x,y\n".to_vec();
    let cr: Vec<u8> = lf
        .iter()
        .map(|&b| if b == b'\n' { b'\r' } else { b })
        .collect();
    let crlf = String::from_utf8(lf.clone())
        .unwrap()
        .replace('\n', "\r\n")
        .into_bytes();
    // The line end inside quotes is the cell's text, kept as it is written.
    for (bytes, inner) in [(lf, "x\ny"), (cr, "x\ry"), (crlf, "x\r\ny")] {
        let (rows, problems) = reading(&bytes, b',', 3, Kernel::best()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            rows,
            [
                (2, vec!["k1".into(), inner.into(), "z".into()]),
                (4, vec!["k2".into(), "x".into(), "y".into()])
            ]
        );
    }
}

#[test]
fn a_quote_inside_a_field_that_does_not_start_with_one_is_text() {
    // csv-spectrum's location_coordinates, and inches.
    let t = "a,b,c\nk1,37°36'37.8\"N 121°2'17.9\"W,5\" screen\nk2,\"x\"\"\",a\"\"b\"\nk3,\"two\nlines\",y\n";
    for kernel in Kernel::available() {
        for block in [1, 7, 64, 1 << 20] {
            let (rows, problems) = reading(t.as_bytes(), b',', block, kernel).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            let cells: Vec<&[String]> = rows.iter().map(|(_, c)| &c[..]).collect();
            assert_eq!(
                cells,
                [
                    &["k1", "37°36'37.8\"N 121°2'17.9\"W", "5\" screen"][..],
                    &["k2", "x\"", "a\"\"b\""],
                    &["k3", "two\nlines", "y"],
                ],
                "{kernel:?} {block}"
            );
        }
    }
}

#[test]
fn text_after_a_closing_quote_is_named_where_its_field_opened() {
    // The quote left open on line 4 is closed by the next quote, on line 8.
    let t = b"a,b,c\nk1,x,y\nk2,x,y\nk3,\"open,y\nk5,x,y\nk6,x,y\nk7,x,y\nk8,5\" screen,y\n";
    for kernel in Kernel::available() {
        let (rows, problems) = reading(t, b',', 16, kernel).unwrap();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            ["t.csv:4:2: field 'b': a quoted field opens here and its closing quote, 4 lines below, is followed by text: is a closing quote missing here? the rest of the file is not read"],
            "{kernel:?}"
        );
        assert_eq!(rows.len(), 2);
    }
    let (_, problems) = reading(b"a,b,c\nk1,\"x\"y,z\n", b',', 64, Kernel::best()).unwrap();
    assert_eq!(
        problems[0].to_string(),
        "t.csv:2:2: field 'b': text after the closing quote of a quoted field: put the whole field in quotes and double the inner quotes; the rest of the file is not read"
    );
}

#[test]
fn a_record_across_many_batches_keeps_its_count_and_lines() {
    // Every chunk is a batch in the tests: the second row's 102 cells cross many,
    // and its cells past the header's three are counted, not kept.
    let mut t = b"a,b,c\nk1,x,y\nk2,".to_vec();
    t.extend(b"x,".repeat(100));
    t.extend(b"y\nk3,\"two\nlines\",y\n");
    t.extend(b"k4,".repeat(30));
    t.extend(b"\nk5,x,y\nk6,x\"y,z\nk7,x,y\n");
    for kernel in Kernel::available() {
        for block in [1, 64, 1 << 20] {
            let (rows, problems) = reading(&t, b',', block, kernel).unwrap();
            let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(
                shown,
                [
                    "t.csv:3:4: row has 102 fields but the header has 3 (an extra field)",
                    "t.csv:6:4: row has 31 fields but the header has 3 (an extra field)",
                ],
                "{kernel:?} {block}"
            );
            let lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
            assert_eq!(lines, [2, 4, 7, 8, 9], "{kernel:?} {block}");
            assert_eq!(rows[3].1, ["k6", "x\"y", "z"]);
            assert_eq!(rows[1].1, ["k3", "two\nlines", "y"]);
        }
    }
}

#[test]
fn the_csv_spectrum_cases_read_as_the_csv_crate_reads_them() {
    // The cases of tests/csv-spectrum whose header is the schema's a,b,c.
    let cases: [&[u8]; 7] = [
        include_bytes!("../../tests/csv-spectrum/csvs/empty.csv"),
        include_bytes!("../../tests/csv-spectrum/csvs/empty_crlf.csv"),
        include_bytes!("../../tests/csv-spectrum/csvs/newlines.csv"),
        include_bytes!("../../tests/csv-spectrum/csvs/newlines_crlf.csv"),
        include_bytes!("../../tests/csv-spectrum/csvs/simple.csv"),
        include_bytes!("../../tests/csv-spectrum/csvs/simple_crlf.csv"),
        include_bytes!("../../tests/csv-spectrum/csvs/utf8.csv"),
    ];
    for bytes in cases {
        let (rows, problems) = differential::every_way(bytes, b',').unwrap().unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let ours: Vec<Vec<String>> = rows.into_iter().map(|(_, c)| c).collect();
        assert_eq!(Some(ours), reference(bytes, b','));
    }
}
