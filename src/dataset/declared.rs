//! Rules a package declares between its figures (`cleanweb:rules`), in the manner of
//! R's `validate`: "publications destroyed never exceed those seized". Each is
//! checked by `reconcile` as a verdict that names the figures it compares.

use serde::Deserialize;

use super::doc::{Found, List};
use super::Observation;

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

/// A rule as `datapackage.json` writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    #[serde(default)]
    name: String,
    figure: Option<SelectorDoc>,
    at_most: Option<SelectorDoc>,
    at_least: Option<SelectorDoc>,
    #[serde(default)]
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SelectorDoc {
    metric: Option<String>,
    category: Option<String>,
    region: Option<String>,
    authority: Option<String>,
}

impl SelectorDoc {
    fn read(self, found: &mut Found, path: &str) -> Option<Selector> {
        let Some(metric) = self.metric else {
            found.problem(&format!("{path}.metric"), "a selection names its metric");
            return None;
        };
        Some(Selector {
            metric,
            category: self.category,
            region: self.region,
            authority: self.authority,
        })
    }
}

/// The rules of a descriptor; every problem names its JSON path.
pub fn parse(found: &mut Found, list: List<RuleDoc>) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (path, r) in found.list("cleanweb:rules", list) {
        let Some(r) = found.part(&path, r) else {
            continue;
        };
        let (bound, other) = match (r.at_most, r.at_least) {
            (Some(s), None) => (Bound::AtMost, s.read(found, &format!("{path}.at_most"))),
            (None, Some(s)) => (Bound::AtLeast, s.read(found, &format!("{path}.at_least"))),
            _ => {
                found.problem(&path, "a rule has one of 'at_most' and 'at_least': the figures its 'figure' is never above, or never below");
                continue;
            }
        };
        let figure = match r.figure {
            Some(s) => s.read(found, &format!("{path}.figure")),
            None => {
                found.problem(
                    &format!("{path}.figure"),
                    "a rule names the figures it is about",
                );
                None
            }
        };
        if r.name.is_empty() {
            found.problem(&format!("{path}.name"), "a rule needs a name");
        }
        if let (Some(figure), Some(other)) = (figure, other) {
            rules.push(Rule {
                name: r.name,
                figure,
                bound,
                other,
                why: r.why,
            });
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Vec<Rule>, Vec<String>) {
        let mut found = Found::new("dp.json");
        let rules = parse(&mut found, serde_json::from_str(json).unwrap());
        (
            rules,
            found.problems.iter().map(|p| p.to_string()).collect(),
        )
    }

    #[test]
    fn rules_are_read_and_mistakes_named_by_path() {
        let (rules, shown) = read(
            r#"[
                {"name": "destroyed_within_seized", "figure": {"metric": "destroyed"}, "at_most": {"metric": "seized"}, "why": "what is destroyed was seized"},
                {"name": "x", "figure": {"metric": "a"}, "at_mots": {"metric": "b"}}
            ]"#,
        );
        assert_eq!(rules.len(), 1);
        assert!(shown.iter().any(|p| p.contains("'cleanweb:rules[1].at_mots': 'at_mots' is not a key of a rule (did you mean 'at_most'?)")), "{shown:?}");
        let (rules, shown) = read(
            r#"[{"name": "d", "figure": {"metric": "destroyed"}, "at_most": {"metric": "seized", "region": "national"}}]"#,
        );
        assert!(shown.is_empty(), "{shown:?}");
        assert_eq!(rules[0].bound, Bound::AtMost);
        assert_eq!(rules[0].other.region.as_deref(), Some("national"));
    }
}
