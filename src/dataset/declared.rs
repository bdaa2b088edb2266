//! Rules a package declares between its figures (`cleanweb:rules`), in the manner of
//! R's `validate`: "publications destroyed never exceed those seized". Each is
//! checked by `reconcile` as a verdict that names the figures it compares.

use serde_json::Value;

use super::{Observation, Problem};

/// Which figures a side of a rule takes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selector {
    pub metric: String,
    pub category: Option<String>,
    pub region: Option<String>,
    pub authority: Option<String>,
}

impl Selector {
    pub fn selects(&self, o: &Observation) -> bool {
        o.metric == self.metric
            && self.category.as_ref().is_none_or(|c| &o.category == c)
            && self.region.as_ref().is_none_or(|r| &o.region == r)
            && self.authority.as_ref().is_none_or(|a| &o.authority == a)
    }
}

/// How the two sides must stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The figure is never more than the other.
    AtMost,
    /// The figure is never less than the other.
    AtLeast,
}

/// One declared rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub figure: Selector,
    pub bound: Bound,
    pub other: Selector,
    /// The curator's reason, in words.
    pub why: String,
}

const KEYS: [&str; 5] = ["name", "figure", "at_most", "at_least", "why"];
const SELECTOR: [&str; 4] = ["metric", "category", "region", "authority"];

/// The rules of a descriptor; every problem names its JSON path.
pub fn parse(file: &str, json: &Value) -> Result<Vec<Rule>, Vec<Problem>> {
    let Some(list) = json.get("cleanweb:rules") else {
        return Ok(Vec::new());
    };
    let Some(list) = list.as_array() else {
        return Err(vec![
            Problem::new(file, "must be a list of rules").field("cleanweb:rules")
        ]);
    };
    let mut problems = Vec::new();
    let mut rules = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = format!("cleanweb:rules[{i}]");
        let mut problem = |key: &str, reason: String| {
            problems.push(Problem::new(file, reason).field(&format!("{path}{key}")));
        };
        let Some(obj) = super::object_of(v, &KEYS, "a key of a rule", &mut problem) else {
            continue;
        };
        let selector = |key: &str, problem: &mut dyn FnMut(&str, String)| -> Option<Selector> {
            let s = obj.get(key)?;
            let Some(s) = s.as_object() else {
                problem(
                    &format!(".{key}"),
                    "must be an object such as {\"metric\": \"publications_seized\"}".into(),
                );
                return None;
            };
            for k in s.keys().filter(|k| !SELECTOR.contains(&k.as_str())) {
                problem(
                    &format!(".{key}.{k}"),
                    format!(
                        "'{k}' is not a key of a selection; use {}",
                        SELECTOR.join(", ")
                    ),
                );
            }
            let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_string);
            let Some(metric) = text("metric") else {
                problem(
                    &format!(".{key}.metric"),
                    "a selection names its metric".into(),
                );
                return None;
            };
            Some(Selector {
                metric,
                category: text("category"),
                region: text("region"),
                authority: text("authority"),
            })
        };
        let figure = selector("figure", &mut problem);
        let (bound, other) = match (obj.contains_key("at_most"), obj.contains_key("at_least")) {
            (true, false) => (Bound::AtMost, selector("at_most", &mut problem)),
            (false, true) => (Bound::AtLeast, selector("at_least", &mut problem)),
            _ => {
                problem("", "a rule has one of 'at_most' and 'at_least': the figures its 'figure' is never above, or never below".into());
                continue;
            }
        };
        if !obj.contains_key("figure") {
            problem(".figure", "a rule names the figures it is about".into());
        }
        let name = obj
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if name.is_empty() {
            problem(".name", "a rule needs a name".into());
        }
        if let (Some(figure), Some(other)) = (figure, other) {
            rules.push(Rule {
                name,
                figure,
                bound,
                other,
                why: super::why(v),
            });
        }
    }
    crate::unless(problems, rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_read_and_mistakes_named_by_path() {
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:rules": [
                {"name": "destroyed_within_seized", "figure": {"metric": "destroyed"}, "at_most": {"metric": "seized"}, "why": "what is destroyed was seized"},
                {"name": "x", "figure": {"metric": "a"}, "at_mots": {"metric": "b"}}
            ]}"#,
        )
        .unwrap();
        let problems = parse("dp.json", &json).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(shown.iter().any(|p| p.contains("'cleanweb:rules[1].at_mots': 'at_mots' is not a key of a rule (did you mean 'at_most'?)")), "{shown:?}");
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:rules": [{"name": "d", "figure": {"metric": "destroyed"}, "at_most": {"metric": "seized", "region": "national"}}]}"#,
        )
        .unwrap();
        let rules = parse("dp.json", &json).unwrap();
        assert_eq!(rules[0].bound, Bound::AtMost);
        assert_eq!(rules[0].other.region.as_deref(), Some("national"));
    }
}
