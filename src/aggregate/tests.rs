//! Aggregation: sums, refusals, running totals and shares, on small datasets.

use super::*;
use crate::dataset::{Origin, Qualifier};
use proptest::prelude::*;
use std::sync::Arc;

fn obs(i: usize, month: u32, category: &str, value: i64, qualifier: Qualifier) -> Observation {
    Observation {
        id: format!("o{i}"),
        date: Date::parse(&format!("2014-{month:02}-15")).unwrap(),
        period_start: None,
        period_end: None,
        authority: "Office".into(),
        region: "national".into(),
        metric: "m".into(),
        category: category.into(),
        entity: String::new(),
        value: crate::values::decimal::Value::whole(value),
        value_max: None,
        qualifier,
        unit: "count".into(),
        basis: Basis::Event,
        quote: "q".into(),
        source: "s".into(),
        note: String::new(),
        dims: Vec::new(),
        per_item: None,
        rounding: Default::default(),
        origin: Origin {
            file: Arc::from("t.csv"),
            line: i as u64 + 2,
            columns: Arc::from(vec![]),
            cell: 0,
        },
    }
}

fn dataset(observations: Vec<Observation>) -> Dataset {
    Dataset {
        observations,
        ..Dataset::default()
    }
}

fn by_month_category() -> Query {
    Query {
        metrics: vec!["m".into()],
        by: vec![Dimension::Month, Dimension::Category],
        ..Query::default()
    }
}

fn rows_strategy() -> impl Strategy<Value = Vec<(u32, usize, i64, bool)>> {
    proptest::collection::vec(
        (
            4u32..13,
            0usize..3,
            0i64..=i64::MAX,
            proptest::bool::weighted(0.2),
        ),
        1..60,
    )
}

const CATS: [&str; 3] = ["fraud", "pornography", "rumors"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn interval_sums_equal_plain_sums_on_exact_data(rows in rows_strategy()) {
        let data: Vec<Observation> = rows.iter().enumerate().map(|(i, (m, c, v, _))| obs(i, *m, CATS[*c], *v, Qualifier::Exact)).collect();
        let agg = aggregate(&dataset(data), &by_month_category()).unwrap();
        let mut expected: BTreeMap<(String, String), i128> = BTreeMap::new();
        for (m, c, v, _) in &rows {
            *expected.entry((format!("2014-{m:02}"), CATS[*c].to_string())).or_default() += i128::from(*v) * crate::values::decimal::ONE;
        }
        for r in agg.rows.iter().filter(|r| r.n > 0) {
            let want = expected[&(r.keys[0].clone(), r.keys[1].clone())];
            prop_assert_eq!(r.value, Some(Interval::exact(want)));
        }
        prop_assert_eq!(agg.rows.iter().filter(|r| r.n > 0).count(), expected.len());
    }

    #[test]
    fn any_more_than_figure_leaves_the_high_end_open(rows in rows_strategy()) {
        let data: Vec<Observation> = rows.iter().enumerate().map(|(i, (m, c, v, open))| {
            obs(i, *m, CATS[*c], *v, if *open { Qualifier::AtLeast } else { Qualifier::Exact })
        }).collect();
        let agg = aggregate(&dataset(data), &by_month_category()).unwrap();
        for r in agg.rows.iter().filter(|r| r.n > 0) {
            let any_open = rows.iter().any(|(m, c, _, open)| *open && format!("2014-{m:02}") == r.keys[0] && CATS[*c] == r.keys[1]);
            prop_assert_eq!(r.value.unwrap().high.is_none(), any_open);
        }
    }

    #[test]
    fn row_order_never_changes_a_result(rows in rows_strategy(), seed in any::<u64>()) {
        let data: Vec<Observation> = rows.iter().enumerate().map(|(i, (m, c, v, open))| {
            obs(i, *m, CATS[*c], *v, if *open { Qualifier::AtLeast } else { Qualifier::Exact })
        }).collect();
        let mut shuffled = data.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let a = aggregate(&dataset(data), &by_month_category()).unwrap();
        let b = aggregate(&dataset(shuffled), &by_month_category()).unwrap();
        prop_assert_eq!(a.rows, b.rows);
    }
}

#[test]
fn a_figure_spanning_months_is_left_out_with_its_reason() {
    let mut long = obs(1, 5, "a", 7, Qualifier::Exact);
    long.basis = Basis::Period;
    long.period_start = Some(Date::parse("2014-03-01").unwrap());
    long.period_end = Some(Date::parse("2014-05-31").unwrap());
    let mut one = obs(2, 5, "a", 3, Qualifier::Exact);
    one.basis = Basis::Period;
    let q = Query {
        basis: Some(Basis::Period),
        ..by_month_category()
    };
    let agg = aggregate(&dataset(vec![long, one]), &q).unwrap();
    let why = LeftOut::SpansMonths(
        Date::parse("2014-03-01").unwrap(),
        Date::parse("2014-05-31").unwrap(),
    );
    assert_eq!(agg.left_out, vec![("o1".to_string(), why.clone())]);
    assert!(agg.notes.contains(&why.note("o1")), "{:?}", agg.notes);
    assert_eq!(
        why.said("o1", crate::words::Lang::default()),
        "'o1': its period 2014-03-01..2014-05-31 spans more than one month"
    );
}
