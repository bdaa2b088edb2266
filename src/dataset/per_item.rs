//! Figures that hold for each of several items (`cleanweb:per_item`): "sentenced five
//! defendants ... fines ranging from X to Y" is a fine of X to Y for each of up to
//! five people. Such a figure counts the product interval:
//! exactly N items make N times each end; at most N make the low end once (at least
//! one item) and the high end N times; an unknown number leaves the high end open.

use serde_json::Value;

use super::Problem;
use crate::interval::Interval;

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

const KEYS: [&str; 4] = ["id", "items", "count", "why"];
const COUNTS: [&str; 3] = ["exactly", "at_most", "unknown"];

/// The declarations of a descriptor; every problem names its JSON path.
pub fn parse(file: &str, json: &Value) -> Result<Vec<Declared>, Vec<Problem>> {
    let Some(list) = json.get("cleanweb:per_item") else {
        return Ok(Vec::new());
    };
    let Some(list) = list.as_array() else {
        return Err(vec![Problem::new(
            file,
            "must be a list of {\"id\": ..., \"items\": N, \"count\": \"exactly\"}",
        )
        .field("cleanweb:per_item")]);
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let mut problem = |key: &str, reason: String| {
            problems
                .push(Problem::new(file, reason).field(&format!("cleanweb:per_item[{i}]{key}")));
        };
        if super::object_of(v, &KEYS, "a key here", &mut problem).is_none() {
            continue;
        }
        let id = v
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if id.is_empty() {
            problem(".id", "names the figure, by its id".into());
        }
        let n = v.get("items").and_then(Value::as_u64);
        let count = v.get("count").and_then(Value::as_str).unwrap_or("exactly");
        let items = match (count, n) {
            ("unknown", None) => PerItem::Unknown,
            ("unknown", Some(_)) => {
                problem(".items", "an unknown number of items has no 'items'".into());
                continue;
            }
            ("exactly" | "at_most", Some(n)) if (1..=1_000_000).contains(&n) => {
                let n = n as u32;
                if count == "exactly" {
                    PerItem::Exactly(n)
                } else {
                    PerItem::AtMost(n)
                }
            }
            ("exactly" | "at_most", _) => {
                problem(
                    ".items",
                    "must be a whole number of items from 1 to 1,000,000 (or \"count\": \"unknown\")".into(),
                );
                continue;
            }
            (other, _) => {
                problem(
                    ".count",
                    crate::table::not_one_of(other, "a count", &COUNTS),
                );
                continue;
            }
        };
        out.push(Declared {
            id,
            items,
            why: super::why(v),
        });
    }
    crate::unless(problems, out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:per_item": [
                {"id": "a", "items": 5, "count": "at_most", "why": "w"},
                {"id": "b", "count": "unknown"},
                {"id": "c", "items": 0},
                {"id": "d", "items": 2, "count": "atmost"}
            ]}"#,
        )
        .unwrap();
        let problems = parse("dp.json", &json).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].contains("cleanweb:per_item[2].items"), "{shown:?}");
        assert!(shown[1].contains("did you mean 'at_most'?"), "{shown:?}");
        let ok: Value = serde_json::from_str(
            r#"{"cleanweb:per_item": [{"id": "a", "items": 5, "count": "at_most"}, {"id": "b", "count": "unknown"}]}"#,
        )
        .unwrap();
        let d = parse("dp.json", &ok).unwrap();
        assert_eq!(d[0].items, PerItem::AtMost(5));
        assert_eq!(d[1].items, PerItem::Unknown);
    }
}
