//! Places within places (`cleanweb:hierarchies`): with `--up-to LEVEL`, each
//! figure is counted once, under the value at that level that holds it; values the
//! hierarchy does not name stay as they are.

use std::collections::BTreeMap;

use super::{Figure, Package, Question, Refusal};

/// A hierarchy of one dimension's values (`cleanweb:hierarchies`): its levels from
/// the top, and each value's parent.
#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    pub dimension: String,
    pub levels: Vec<String>,
    pub parents: BTreeMap<String, String>,
}

impl Hierarchy {
    /// How many steps up `value` is from the top; `None` when it is not named.
    fn depth(&self, value: &str) -> Option<usize> {
        let named = self.parents.contains_key(value) || self.parents.values().any(|p| p == value);
        let mut depth = 0;
        let mut at = value;
        while let Some(up) = self.parents.get(at) {
            (at, depth) = (up, depth + 1);
        }
        named.then_some(depth)
    }

    /// The value that counts `value` at level `level`: the one that holds it at that
    /// level, itself when it sits there or above or is not named.
    fn up_to(&self, value: &str, level: usize) -> String {
        let mut at = value;
        let mut depth = self.depth(value).unwrap_or(0);
        while depth > level {
            at = &self.parents[at];
            depth -= 1;
        }
        at.to_string()
    }
}

/// With `--up-to LEVEL`, the chosen figures with the value of the hierarchy's
/// dimension replaced by the one that holds it at that level.
pub(super) fn roll_up(
    p: &Package,
    q: &Question,
    chosen: &[&Figure],
) -> Result<Option<Vec<Figure>>, Refusal> {
    let Some(name) = &q.up_to else {
        return Ok(None);
    };
    let found = p
        .hierarchies
        .iter()
        .find_map(|h| h.levels.iter().position(|l| l == name).map(|at| (h, at)));
    let Some((h, level)) = found else {
        return Err(Refusal::NoLevel);
    };
    if !q.by.contains(&h.dimension) {
        return Err(Refusal::RollUpNotAKey);
    }
    let rolled = chosen
        .iter()
        .map(|f| {
            let mut f = (*f).clone();
            let value = match h.dimension.as_str() {
                "region" => &mut f.region,
                "category" => &mut f.category,
                "entity" => &mut f.entity,
                _ => &mut f.authority,
            };
            *value = h.up_to(value, level);
            f
        })
        .collect();
    Ok(Some(rolled))
}
