use super::*;

mod properties {
    use super::super::*;
    use proptest::prelude::*;

    const HEADER: &str = "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any bytes get a dataset or located problems; never a panic.
        #[test]
        fn any_bytes_are_answered(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            match load_table_bytes("t.csv", &bytes, &LoadOptions::default()) {
                Ok(_) => {}
                Err(DataError::Invalid(ps)) => prop_assert!(!ps.is_empty() && ps.iter().all(|p| p.file == "t.csv")),
                Err(DataError::Io { .. }) => prop_assert!(false, "no I/O on bytes"),
            }
        }

        /// Rows of random valid values load with exactly those values; a row
        /// with one broken cell is refused at that row.
        #[test]
        fn valid_rows_load_exactly(values in proptest::collection::vec((0i64..=i64::MAX, 1u32..=12, 1u32..=28), 1..40), broken in any::<prop::sample::Index>()) {
            let mut text = format!("{HEADER}\n");
            for (i, (v, m, d)) in values.iter().enumerate() {
                text.push_str(&format!("r{i},2014-{m:02}-{d:02},,,O,national,m,,,{v},,exact,count,event,\"q, \"\"{v}\"\"\",s,\n"));
            }
            let ds = load_table_bytes("t.csv", text.as_bytes(), &LoadOptions::default()).unwrap();
            let got: Vec<crate::values::decimal::Value> = ds.observations.iter().map(|o| o.value).collect();
            let want: Vec<crate::values::decimal::Value> = values.iter().map(|(v, _, _)| crate::values::decimal::Value::whole(*v)).collect();
            prop_assert_eq!(got, want);
            let line = broken.index(values.len());
            let bad: String = text
                .lines()
                .enumerate()
                .map(|(i, l)| if i == line + 1 { l.replacen(",exact,", ",exactly,", 1) } else { l.to_string() })
                .collect::<Vec<_>>()
                .join("\n");
            match load_table_bytes("t.csv", bad.as_bytes(), &LoadOptions::default()) {
                Err(DataError::Invalid(ps)) => {
                    prop_assert_eq!(ps.len(), 1);
                    prop_assert_eq!(ps[0].line, Some(line as u64 + 2));
                    prop_assert_eq!(ps[0].field.as_deref(), Some("qualifier"));
                }
                other => prop_assert!(false, "{other:?}"),
            }
        }
    }
}

#[test]
fn the_embedded_dataset_loads() {
    let ds = load(&DataSource::Embedded, &LoadOptions::default()).unwrap();
    assert!(ds.observations.len() >= 80, "{}", ds.observations.len());
    assert!(!ds.relations.is_empty());
}
