//! A Parquet table read by columns against the same table read row by row: the
//! bytes pick, for each cell of each row, one of the good and bad cells of its column
//! (`cleanweb::testing::columns::pool`), whether dates and counts are
//! typed, the size of the row groups and the question. Both readings must give the
//! same problems at the same places and the same sums; a valid table must give them
//! again when read as a table checked before.
#![no_main]

use cleanweb::testing::columns::compare;
use cleanweb::dataset::OBSERVATION_COLUMNS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, cells)) = data.split_first() else {
        return;
    };
    let width = OBSERVATION_COLUMNS.len();
    let picks: Vec<Vec<usize>> = cells
        .chunks(width)
        .take(200)
        .map(|row| {
            (0..width)
                .map(|k| usize::from(row.get(k).copied().unwrap_or(0)))
                .collect()
        })
        .collect();
    if picks.is_empty() {
        return;
    }
    let typed = head & 1 == 1;
    let group = 1 + usize::from(head >> 1 & 0x0F);
    let query = usize::from(head >> 5);
    if let Err(difference) = compare(&picks, typed, group, query) {
        panic!("{difference}");
    }
});
