mod properties {
    use super::super::*;
    use proptest::prelude::*;

    const MAPPING: &str = r#"{"when": {"column": "P", "form": "period_end", "length": "half_year"},
        "dimensions": ["C"],
        "measures": [{"column": "N", "metric": "n", "cells": {"thousands": ","}},
                     {"column": "S", "metric": "s", "share_of": "N"},
                     {"column": "T", "metric": "t", "total_of": ["N"]}],
        "cells": {"blank": "zero", "footnotes": true}}"#;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any bytes under a mapping give figures or located problems, never a
        /// panic; every figure cites a line and column of the table.
        #[test]
        fn any_table_is_answered(rows in proptest::collection::vec("[0-9<>?,.%*H -]{0,12}", 0..40)) {
            let mut text = String::from("P,C,N,S,T\n");
            for (i, r) in rows.iter().enumerate() {
                let period = if i % 2 == 0 { "2019-06-30" } else { "2019-12-31" };
                text.push_str(&format!("{period},c{},\"{r}\",{r},{r}\n", i % 3));
            }
            let json: serde_json::Value = serde_json::from_str(MAPPING).unwrap();
            let mapping = crate::dataset::mapping::parse_json("dp.json", "m", json).unwrap();
            let mut ds = Dataset::default();
            let mut problems = Vec::new();
            read("t.csv", "t", Content::Bytes(text.as_bytes()), &mapping, &table::Options::default(), &mut ds, &mut problems).unwrap();
            for o in &ds.observations {
                prop_assert!(o.origin.line >= 2 && o.origin.cell >= 3, "{o:?}");
            }
            for p in &problems {
                prop_assert!(p.line.is_some() || p.reason.contains("header"), "{p}");
            }
        }
    }
}
