use super::*;
use crate::dataset::{Basis, Date};

fn fields<'a>(category: &'a str, entity: &'a str, value: i64) -> Fields<'a> {
    Fields {
        id: "a",
        date: Date::parse("2014-04-17").unwrap(),
        period_start: None,
        period_end: None,
        authority: "",
        region: "national",
        metric: "m",
        category,
        entity,
        value,
        value_max: None,
        qualifier: Qualifier::Exact,
        unit: "count",
        basis: Basis::Event,
        quote: "q",
        source: "",
        note: "",
        dims: &[],
        per_item: None,
    }
}

#[test]
fn sums_do_not_wrap() {
    let mut g = Engine::new(&[Dimension::Category]);
    for _ in 0..4 {
        assert!(g.add(&fields("a", "", i64::MAX)));
    }
    let rows = g.rows();
    assert_eq!(
        rows[0].value,
        Some(Interval::exact(i128::from(i64::MAX) * 4))
    );
}

#[test]
fn no_text_runs_into_the_next_key() {
    // The two would be one group if the values were only joined.
    let mut g = Engine::new(&[Dimension::Category, Dimension::Entity]);
    g.add(&fields("a\0b", "c", 5));
    g.add(&fields("a", "b\0c", 7));
    let rows = g.rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].keys, ["a", "b\0c"]);
    assert_eq!(rows[1].keys, ["a\0b", "c"]);
}

/// Many batches, summed and combined, and engines merged, give the plain sums.
#[test]
fn batches_and_merges_sum_as_one() {
    let words: Vec<String> = (0..997).map(|i| format!("w{i}")).collect();
    let mut engines = [
        Engine::new(&[Dimension::Category]),
        Engine::new(&[Dimension::Category]),
    ];
    let mut plain = vec![(0i128, 0i128, false, 0u64); words.len()];
    let mut f = fields("", "", 0);
    for i in 0..(3 * BATCH + 12_345) {
        let w = (i * 7919) % words.len();
        let value = (i % 1000) as i64 * 1_000_000_007;
        f.category = &words[w];
        f.value = value;
        // Every 101st figure is "more than", every 13th a range.
        (f.qualifier, f.value_max) = match i {
            i if i % 101 == 0 => (Qualifier::AtLeast, None),
            i if i % 13 == 0 => (Qualifier::Range, Some(value + 5)),
            _ => (Qualifier::Exact, None),
        };
        let v = f.interval();
        let p = &mut plain[w];
        p.0 += v.low.unwrap();
        p.1 += v.high.unwrap_or(0);
        p.2 |= v.high.is_none();
        p.3 += 1;
        assert!(engines[i % 2].add(&f));
    }
    let [mut a, b] = engines;
    a.merge(b);
    let rows = a.rows();
    assert_eq!(rows.len(), words.len());
    for row in rows {
        let w: usize = row.keys[0][1..].parse().unwrap();
        let (low, high, open, n) = plain[w];
        let want = Interval::new(Some(low), (!open).then_some(high));
        assert_eq!((row.value, row.n), (Some(want), n), "{}", row.keys[0]);
    }
}
