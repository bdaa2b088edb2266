//! The columnar screen against the rules row by row: random Parquet tables of good
//! and bad cells, read both ways, must give the same problems at the same places and
//! the same sums.

use proptest::prelude::*;

use super::columns::{compare, parquet, queries, read, read_as};
use crate::dataset::OBSERVATION_COLUMNS;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn by_columns_and_row_by_row_agree(
        picks in proptest::collection::vec(
            proptest::collection::vec(0usize..64, OBSERVATION_COLUMNS.len()), 1..80),
        typed in any::<bool>(),
        group in 1usize..40,
        query in 0usize..6,
    ) {
        if let Err(difference) = compare(&picks, typed, group, query) {
            prop_assert!(false, "{}", difference);
        }
    }
}

#[test]
fn a_clean_table_is_summed_by_columns_as_row_by_row() {
    // Only good cells: every row reaches the sums, by the batch path.
    let good = |k: usize, i: usize| match OBSERVATION_COLUMNS[k] {
        "id" => i % 6,
        "date" => i % 3,
        "region" | "metric" => i % 2,
        "category" => [0, 1, 2, 4][i % 4],
        "value" => i % 4,
        "unit" | "basis" | "qualifier" | "value_max" | "period_start" | "period_end" => 0,
        "quote" => i % 2,
        _ => 0,
    };
    let picks: Vec<Vec<usize>> = (0..6)
        .map(|i| (0..OBSERVATION_COLUMNS.len()).map(|k| good(k, i)).collect())
        .collect();
    let bytes = parquet(&picks, true, 4);
    for (n, q) in queries().iter().enumerate() {
        let by_columns = read(&bytes, true, q);
        assert!(by_columns.0.is_empty(), "{:?}", by_columns.0);
        // Rows 0, 2 and 4 are of the metric asked for.
        assert!(
            n > 0 || by_columns.2.contains("figures: 3"),
            "{}",
            by_columns.2
        );
        assert_eq!(by_columns, read(&bytes, false, q));
        // Checked before: the ids, regions and quotes are not read again, and the
        // answer is the same.
        assert_eq!(by_columns, read_as(&bytes, true, true, q));
        assert_eq!(by_columns, read_as(&bytes, false, true, q));
    }
}

#[test]
fn running_totals_read_in_windows_keep_their_lines() {
    // Twenty good running totals in one row group, decoded 7 rows at a time and
    // screened 5 at a time: each figure kept whole is placed on its own line.
    let good = |k: usize, i: usize| match OBSERVATION_COLUMNS[k] {
        "id" => i % 6,
        "date" => i % 3,
        "basis" => 3,
        "quote" => i % 2,
        _ => 0,
    };
    let picks: Vec<Vec<usize>> = (0..6)
        .map(|i| (0..OBSERVATION_COLUMNS.len()).map(|k| good(k, i)).collect())
        .collect();
    // The ids repeat (the pool has six good ones); the sums do not look at repeats.
    let picks: Vec<Vec<usize>> = picks.iter().cycle().take(20).cloned().collect();
    let bytes = parquet(&picks, true, 20);
    let q = &queries()[5];
    let by_columns = read(&bytes, true, q);
    let lines: Vec<String> = (2..22).map(|l| format!(", {l})")).collect();
    for l in &lines {
        assert!(by_columns.2.contains(l.as_str()), "{l} in {}", by_columns.2);
    }
    assert_eq!(by_columns, read(&bytes, false, q));
}
