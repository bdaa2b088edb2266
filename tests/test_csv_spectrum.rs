//! csv-spectrum (`tests/csv-spectrum/`): a public suite of CSV edge cases, each a CSV
//! file and the JSON of the records it must give. Each table is read in its own
//! shape (a `records` mapping, every column a dimension) and exported as JSON, and
//! every record's cells are compared with the suite's.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::util::Workdir;

/// The suite's cases.
const CASES: [&str; 12] = [
    "comma_in_quotes",
    "empty",
    "empty_crlf",
    "escaped_quotes",
    "json",
    "location_coordinates",
    "newlines",
    "newlines_crlf",
    "quotes_and_newlines",
    "simple",
    "simple_crlf",
    "utf8",
];

fn suite(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/csv-spectrum")
        .join(rel);
    std::fs::read(path).unwrap()
}

/// A column's name as a dimension, as the mapping names it by default.
fn snake(column: &str) -> String {
    column.to_lowercase().replace(' ', "_")
}

/// The records a case must give, each its cells by column, in the suite's order.
fn expected(case: &str) -> Vec<BTreeMap<String, String>> {
    let json: Value = serde_json::from_slice(&suite(&format!("json/{case}.json"))).unwrap();
    let records = match json {
        Value::Array(all) => all,
        one => vec![one],
    };
    records
        .into_iter()
        .map(|r| {
            let mut cells: BTreeMap<String, String> = r
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect();
            if case == "location_coordinates" {
                // The suite's slip: its CSV holds 2095257564 (see the README).
                cells.insert("Contact Phone Number".into(), "2095257564".into());
            }
            cells
        })
        .collect()
}

/// The records `cleanweb export` gives for a case, each its cells by column, a row
/// counted `n` times given `n` times, in the order of their first lines.
fn exported(w: &Workdir, case: &str, columns: &[String]) -> Vec<BTreeMap<String, String>> {
    w.write(&format!("{case}/t.csv"), suite(&format!("csvs/{case}.csv")));
    let dimensions: Vec<Value> = columns.iter().map(|c| Value::from(c.as_str())).collect();
    let package = serde_json::json!({
        "name": "spectrum",
        "sources": [{"name": "suite", "title": "csv-spectrum", "path": "t.csv"}],
        "resources": [{
            "name": "t",
            "path": "t.csv",
            "format": "csv",
            "cleanweb:mapping": {
                "source": "suite",
                "when": {"form": "fixed", "from": "2014-01-01", "to": "2014-12-31"},
                "dimensions": dimensions,
                "records": {"metric": "rows"}
            }
        }]
    });
    w.write(&format!("{case}/datapackage.json"), package.to_string());
    let out = w.run(&["export", "--data", case, "--format", "json"]).ok();
    let mut observations: Vec<Value> = serde_json::from_str(&out).unwrap();
    observations.sort_by_key(|o| o["source_line"].as_u64());
    let mut records = Vec::new();
    for o in observations {
        let cells: BTreeMap<String, String> = columns
            .iter()
            .map(|c| {
                // A blank dimension is exported as null, whether its cell was
                // quoted (`""`) or not: here it stands for the empty text.
                let text = match &o[snake(c).as_str()] {
                    Value::Null => "",
                    cell => cell
                        .as_str()
                        .unwrap_or_else(|| panic!("{case}: {c} is {cell}")),
                };
                (c.clone(), text.to_string())
            })
            .collect();
        for _ in 0..o["value"].as_u64().unwrap() {
            records.push(cells.clone());
        }
    }
    records
}

#[test]
fn every_case_of_csv_spectrum_gives_its_records() {
    let w = Workdir::new();
    let mut failed = Vec::new();
    for case in CASES {
        let want = expected(case);
        let columns: Vec<String> = want[0].keys().cloned().collect();
        let got = exported(&w, case, &columns);
        if got != want {
            failed.push(format!("{case}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
