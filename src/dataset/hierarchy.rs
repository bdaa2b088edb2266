//! Places within places (`cleanweb:hierarchies`): cities in their province, each
//! province in the nation; a category inside a broader one. With a
//! hierarchy, `--by region --up-to province` counts each figure once, under the
//! province that holds it, and says which places each province's figure includes.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Dimension, Problem};

/// One declared hierarchy of a dimension's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    pub dimension: Dimension,
    /// The levels from the top: `["nation", "province", "city"]`.
    pub levels: Vec<String>,
    /// Each value's parent; a value without one is at the top.
    pub parent: BTreeMap<String, String>,
}

impl Hierarchy {
    /// How deep `value` sits: 0 at the top; `None` for a value the hierarchy does
    /// not name.
    pub fn level_of(&self, value: &str) -> Option<usize> {
        let named = self.parent.contains_key(value) || self.parent.values().any(|p| p == value);
        if !named {
            return None;
        }
        let mut depth = 0;
        let mut at = value;
        while let Some(p) = self.parent.get(at) {
            depth += 1;
            at = p;
            if depth > self.parent.len() {
                break;
            }
        }
        Some(depth)
    }

    /// The value at `level` that holds `value`: itself when it sits at that level or
    /// above, `None` when the hierarchy does not name it.
    pub fn ancestor_at<'a>(&'a self, value: &'a str, level: usize) -> Option<&'a str> {
        let mut depth = self.level_of(value)?;
        let mut at = value;
        while depth > level {
            at = self.parent.get(at)?;
            depth -= 1;
        }
        Some(at)
    }

    /// The level named `name`.
    pub fn level(&self, name: &str) -> Option<usize> {
        self.levels.iter().position(|l| l == name)
    }
}

/// The hierarchies of a descriptor; every problem names its JSON path.
pub fn parse(file: &str, json: &Value) -> Result<Vec<Hierarchy>, Vec<Problem>> {
    let Some(list) = json.get("cleanweb:hierarchies") else {
        return Ok(Vec::new());
    };
    let Some(list) = list.as_array() else {
        return Err(vec![
            Problem::new(file, "must be a list of hierarchies").field("cleanweb:hierarchies")
        ]);
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let mut problem = |key: &str, reason: String| {
            problems
                .push(Problem::new(file, reason).field(&format!("cleanweb:hierarchies[{i}]{key}")));
        };
        let dims = ["region", "category", "entity", "authority"];
        let dimension = match v.get("dimension").and_then(Value::as_str) {
            Some(d) if dims.contains(&d) => Dimension::parse(d).unwrap_or(Dimension::Region),
            Some(d) => {
                problem(
                    ".dimension",
                    crate::table::not_one_of(d, "a dimension that can have a hierarchy", &dims),
                );
                continue;
            }
            None => {
                problem(
                    ".dimension",
                    format!("names the dimension: {}", dims.join(", ")),
                );
                continue;
            }
        };
        let levels: Vec<String> = v
            .get("levels")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if levels.len() < 2 {
            problem(
                ".levels",
                "names two levels or more, from the top: [\"nation\", \"province\", \"city\"]"
                    .into(),
            );
            continue;
        }
        let mut parent = BTreeMap::new();
        match v.get("parents").and_then(Value::as_object) {
            Some(m) => {
                for (child, p) in m {
                    match p.as_str() {
                        Some(p) if p != child => {
                            parent.insert(child.clone(), p.to_string());
                        }
                        _ => problem(
                            &format!(".parents.{child}"),
                            "must name another value, its parent".into(),
                        ),
                    }
                }
            }
            None => {
                problem(
                    ".parents",
                    "maps each value to the value that holds it: {\"City\": \"Province\"}".into(),
                );
                continue;
            }
        }
        let h = Hierarchy {
            dimension,
            levels,
            parent,
        };
        for child in h.parent.keys() {
            let mut seen = vec![child.as_str()];
            let mut at = child.as_str();
            while let Some(p) = h.parent.get(at) {
                if seen.contains(&p.as_str()) {
                    problem(
                        &format!(".parents.{child}"),
                        format!("goes round in a circle: {} -> {p}", seen.join(" -> ")),
                    );
                    break;
                }
                seen.push(p);
                at = p;
            }
            if seen.len() > h.levels.len() {
                problem(
                    &format!(".parents.{child}"),
                    format!(
                        "is {} levels deep, but the hierarchy names {} levels",
                        seen.len(),
                        h.levels.len()
                    ),
                );
            }
        }
        out.push(h);
    }
    crate::unless(problems, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nation() -> Hierarchy {
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:hierarchies": [{"dimension": "region", "levels": ["nation", "province", "city"],
                "parents": {"Northport": "Eastland", "Southport": "Eastland", "Eastland": "national"}}]}"#,
        )
        .unwrap();
        parse("dp.json", &json).unwrap().remove(0)
    }

    #[test]
    fn a_city_rolls_up_to_its_province_and_a_province_stays() {
        let h = nation();
        assert_eq!(h.level_of("Northport"), Some(2));
        assert_eq!(h.level_of("national"), Some(0));
        assert_eq!(h.level_of("Atlantis"), None);
        assert_eq!(h.ancestor_at("Southport", 1), Some("Eastland"));
        assert_eq!(h.ancestor_at("Eastland", 1), Some("Eastland"));
        assert_eq!(h.ancestor_at("national", 1), Some("national"));
        assert_eq!(h.ancestor_at("Southport", 0), Some("national"));
    }

    #[test]
    fn circles_and_depths_beyond_the_levels_are_refused() {
        let json: Value = serde_json::from_str(
            r#"{"cleanweb:hierarchies": [{"dimension": "region", "levels": ["a", "b"],
                "parents": {"x": "y", "y": "x", "p": "q", "q": "r"}}]}"#,
        )
        .unwrap();
        let shown: Vec<String> = parse("dp.json", &json)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert!(
            shown.iter().any(|s| s.contains("goes round in a circle")),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|s| s.contains("3 levels deep")),
            "{shown:?}"
        );
    }
}
