//! Any bytes as an observation table: the loader must answer with a dataset or with
//! located problems, never panic or hang; a dataset it accepts must aggregate.
#![no_main]

use cleanweb::aggregate::{aggregate, Query};
use cleanweb::dataset::{load_table_bytes, DataError, Dimension, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions::default();
    match load_table_bytes("fuzz.csv", data, &opts) {
        Ok(ds) => {
            let metrics: Vec<String> = ds.observations.iter().map(|o| o.metric.clone()).take(1).collect();
            for by in [Dimension::Month, Dimension::Category] {
                let q = Query { metrics: metrics.clone(), by: vec![by], ..Query::default() };
                let _ = aggregate(&ds, &q);
            }
        }
        Err(DataError::Invalid(problems)) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(p.to_string().starts_with("fuzz.csv"));
            }
        }
        Err(DataError::Io { .. }) => unreachable!("no I/O on bytes"),
    }
});
