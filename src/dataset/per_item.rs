//! Figures that hold for each of several items (`cleanweb:per_item`): "sentenced five
//! defendants ... fines ranging from X to Y" is a fine of X to Y for each of up to
//! five people. Such a figure counts the product interval:
//! exactly N items make N times each end; at most N make the low end once (at least
//! one item) and the high end N times; an unknown number leaves the high end open.

use serde::Deserialize;

use super::doc::{pick, Found, List, Word, Words};
use crate::values::interval::Interval;

/// How many items a figure's value or range holds for, each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerItem {
    Exactly(u32),
    AtMost(u32),
    Unknown,
}

impl PerItem {
    /// What the figure counts when `each` holds for every item.
    pub fn apply(self, each: Interval) -> Interval {
        let times = |v: Option<i128>, n: u32| v.map(|v| v * i128::from(n));
        match self {
            PerItem::Exactly(n) => Interval::new(times(each.low, n), times(each.high, n)),
            PerItem::AtMost(n) => Interval::new(each.low, times(each.high, n)),
            PerItem::Unknown => Interval::new(each.low, None),
        }
    }

    /// `each of 5 items`, `each of at most 5 items`, `each of an unknown number of items`.
    pub fn words(self) -> String {
        match self {
            PerItem::Exactly(1) => "one item".into(),
            PerItem::Exactly(n) => format!("each of {n} items"),
            PerItem::AtMost(n) => format!("each of at most {n} items"),
            PerItem::Unknown => "each of an unknown number of items".into(),
        }
    }
}

/// One declaration: the figure's id, how many items, and the curator's reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Declared {
    pub id: String,
    pub items: PerItem,
    pub why: String,
}

/// How the number of items is known.
#[derive(Clone, Copy)]
enum Count {
    Exactly,
    AtMost,
    Unknown,
}

impl Words for Count {
    const WHAT: &'static str = "a count";
    const WORDS: &'static [&'static str] = &["exactly", "at_most", "unknown"];
    fn parse(word: &str) -> Option<Self> {
        use Count::*;
        pick(word, Self::WORDS, &[Exactly, AtMost, Unknown])
    }
}

/// A declaration as `datapackage.json` writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredDoc {
    #[serde(default)]
    id: String,
    items: Option<u64>,
    count: Option<Word<Count>>,
    #[serde(default)]
    why: String,
}

/// The declarations of a descriptor; every problem names its JSON path.
pub fn parse(found: &mut Found, list: List<DeclaredDoc>) -> Vec<Declared> {
    let mut out = Vec::new();
    for (path, d) in found.list("cleanweb:per_item", list) {
        let Some(d) = found.part(&path, d) else {
            continue;
        };
        if d.id.is_empty() {
            found.problem(&format!("{path}.id"), "names the figure, by its id");
        }
        let count = d.count.map_or(Count::Exactly, |c| c.0);
        let items = match (count, d.items) {
            (Count::Unknown, None) => PerItem::Unknown,
            (Count::Unknown, Some(_)) => {
                found.problem(
                    &format!("{path}.items"),
                    "an unknown number of items has no 'items'",
                );
                continue;
            }
            (_, Some(n @ 1..=1_000_000)) => match count {
                Count::AtMost => PerItem::AtMost(n as u32),
                _ => PerItem::Exactly(n as u32),
            },
            _ => {
                found.problem(
                    &format!("{path}.items"),
                    "must be a whole number of items from 1 to 1,000,000 (or \"count\": \"unknown\")",
                );
                continue;
            }
        };
        out.push(Declared {
            id: d.id,
            items,
            why: d.why,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Vec<Declared>, Vec<String>) {
        let mut found = Found::new("dp.json");
        let d = parse(&mut found, serde_json::from_str(json).unwrap());
        (d, found.problems.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn five_fines_and_up_to_five_fines() {
        let each = Interval::new(Some(20_000), Some(50_000));
        assert_eq!(
            PerItem::Exactly(5).apply(each),
            Interval::new(Some(100_000), Some(250_000))
        );
        assert_eq!(
            PerItem::AtMost(5).apply(each),
            Interval::new(Some(20_000), Some(250_000))
        );
        assert_eq!(
            PerItem::Unknown.apply(each),
            Interval::new(Some(20_000), None)
        );
    }

    #[test]
    fn declarations_are_read_and_wrong_ones_named_by_their_path() {
        let (_, shown) = read(
            r#"[
                {"id": "a", "items": 5, "count": "at_most", "why": "w"},
                {"id": "b", "count": "unknown"},
                {"id": "c", "items": 0},
                {"id": "d", "items": 2, "count": "atmost"}
            ]"#,
        );
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].contains("cleanweb:per_item[2].items"), "{shown:?}");
        assert!(shown[1].contains("did you mean 'at_most'?"), "{shown:?}");
        let (d, shown) = read(
            r#"[{"id": "a", "items": 5, "count": "at_most"}, {"id": "b", "count": "unknown"}]"#,
        );
        assert!(shown.is_empty(), "{shown:?}");
        assert_eq!(d[0].items, PerItem::AtMost(5));
        assert_eq!(d[1].items, PerItem::Unknown);
    }
}
