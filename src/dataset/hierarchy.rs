//! Places within places (`cleanweb:hierarchies`): cities in their province, each
//! province in the nation; a category inside a broader one. With a
//! hierarchy, `--by region --up-to province` counts each figure once, under the
//! province that holds it, and says which places each province's figure includes.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::doc::{Found, List, Word, Words};
use super::Dimension;

/// One declared hierarchy of a dimension's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    pub dimension: Dimension,
    /// The levels from the top: `["nation", "province", "city"]`.
    pub levels: Vec<String>,
    /// Each value's parent; a value without one is at the top.
    pub parent: BTreeMap<String, String>,
    /// How deep each value named sits: 0 at the top.
    pub depth: BTreeMap<String, usize>,
}

impl Hierarchy {
    /// How deep `value` sits: 0 at the top; `None` for a value the hierarchy does
    /// not name.
    pub fn level_of(&self, value: &str) -> Option<usize> {
        self.depth.get(value).copied()
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

/// How deep each value of `parent` (child or parent) sits, 0 at the top, each
/// found once from its parent's, so a hierarchy thousands of levels deep costs its
/// size; and each circle, with the value whose walk up first went round it and
/// that walk (up to the first value seen twice). Values on a circle, or whose walk
/// leads into one, have no depth.
// Two plain collections read better here than a type named for one use.
#[allow(clippy::type_complexity)]
fn depths(
    parent: &BTreeMap<String, String>,
) -> (BTreeMap<String, usize>, Vec<(String, Vec<String>)>) {
    enum Found {
        Depth(usize),
        Circle,
    }
    let mut found: BTreeMap<&str, Found> = BTreeMap::new();
    let mut circles = Vec::new();
    for start in parent.keys().chain(parent.values()) {
        // Up from `start` to a value already placed, or to the top.
        let mut path: Vec<&str> = vec![start];
        let mut on_path: std::collections::HashSet<&str> = [start.as_str()].into();
        let mut at = start.as_str();
        let below = loop {
            match found.get(at) {
                Some(Found::Depth(d)) => break Some(*d),
                Some(Found::Circle) => break None,
                None => {}
            }
            let Some(p) = parent.get(at) else {
                break Some(0);
            };
            path.push(p);
            if !on_path.insert(p) {
                break None;
            }
            at = p;
        };
        let Some(below) = below else {
            // One problem a circle, named whole by the walk that first goes round it;
            // the values that lead into it are placed once it is broken.
            if path
                .last()
                .is_some_and(|last| path[..path.len() - 1].contains(last))
            {
                circles.push((start.clone(), path.iter().map(|v| v.to_string()).collect()));
            }
            for v in &path {
                found.entry(v).or_insert(Found::Circle);
            }
            continue;
        };
        // The walk ends at `at`, placed at `below`; each value before it sits one
        // level lower than the next.
        let mut d = below;
        found.entry(at).or_insert(Found::Depth(below));
        for v in path.iter().rev().skip(1) {
            d += 1;
            found.entry(v).or_insert(Found::Depth(d));
        }
    }
    let placed = found
        .into_iter()
        .filter_map(|(v, f)| match f {
            Found::Depth(d) => Some((v.to_string(), d)),
            Found::Circle => None,
        })
        .collect();
    (placed, circles)
}

/// A dimension that can have a hierarchy.
struct Holds(Dimension);

impl Words for Holds {
    const WHAT: &'static str = "a dimension that can have a hierarchy";
    const WORDS: &'static [&'static str] = &["region", "category", "entity", "authority"];
    fn parse(word: &str) -> Option<Self> {
        Self::WORDS
            .contains(&word)
            .then(|| Dimension::parse(word))
            .flatten()
            .map(Holds)
    }
}

/// A hierarchy as `datapackage.json` writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HierarchyDoc {
    dimension: Option<Word<Holds>>,
    #[serde(default)]
    levels: Vec<String>,
    parents: Option<BTreeMap<String, String>>,
}

/// The hierarchies of a descriptor; every problem names its JSON path.
pub fn parse(found: &mut Found, list: List<HierarchyDoc>) -> Vec<Hierarchy> {
    let mut out = Vec::new();
    for (path, h) in found.list("cleanweb:hierarchies", list) {
        let Some(h) = found.part(&path, h) else {
            continue;
        };
        let Some(Word(Holds(dimension))) = h.dimension else {
            found.problem(
                &format!("{path}.dimension"),
                format!("names the dimension: {}", Holds::WORDS.join(", ")),
            );
            continue;
        };
        let levels = h.levels;
        if levels.len() < 2 {
            found.problem(
                &format!("{path}.levels"),
                "names two levels or more, from the top: [\"nation\", \"province\", \"city\"]",
            );
            continue;
        }
        let Some(mut parent) = h.parents else {
            found.problem(
                &format!("{path}.parents"),
                "maps each value to the value that holds it: {\"City\": \"Province\"}",
            );
            continue;
        };
        parent.retain(|child, p| {
            let own = p != child;
            if !own {
                found.problem(
                    &format!("{path}.parents.{child}"),
                    "must name another value, its parent",
                );
            }
            own
        });
        let (depth, circles) = depths(&parent);
        for (child, walk) in &circles {
            found.problem(
                &format!("{path}.parents.{child}"),
                format!("goes round in a circle: {}", walk.join(" -> ")),
            );
        }
        for (child, d) in depth.iter().filter(|(c, _)| parent.contains_key(*c)) {
            if d + 1 > levels.len() {
                found.problem(
                    &format!("{path}.parents.{child}"),
                    format!(
                        "is {} levels deep, but the hierarchy names {} levels",
                        d + 1,
                        levels.len()
                    ),
                );
            }
        }
        out.push(Hierarchy {
            dimension,
            levels,
            parent,
            depth,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Vec<Hierarchy>, Vec<String>) {
        let mut found = Found::new("dp.json");
        let h = parse(&mut found, serde_json::from_str(json).unwrap());
        (h, found.problems.iter().map(|p| p.to_string()).collect())
    }

    fn nation() -> Hierarchy {
        let (mut h, shown) = read(
            r#"[{"dimension": "region", "levels": ["nation", "province", "city"],
                "parents": {"Northport": "Eastland", "Southport": "Eastland", "Eastland": "national"}}]"#,
        );
        assert!(shown.is_empty(), "{shown:?}");
        h.remove(0)
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
        let (_, shown) = read(
            r#"[{"dimension": "region", "levels": ["a", "b"],
                "parents": {"x": "y", "y": "x", "p": "q", "q": "r"}}]"#,
        );
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
