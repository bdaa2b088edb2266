//! A total and its parts are never both counted (DESIGN, "Semantics").
//!
//! A figure is left out when a figure counted in the same question holds it: the
//! parts of a partial relation are inside their total, a restatement is the figure
//! it restates (two snapshots of different days excepted: those are a series, never
//! summed), and the parts of a complete breakdown are their total, at any depth. Of
//! a total and its complete parts, the answer keeps the finest the question can tell
//! apart: the parts when one of them falls in another group than the total, else
//! the published total.

use std::collections::BTreeSet;

use super::{keys, Figure, Package};

/// Whether the relation `total -> part` of `kind` puts the part inside the total.
fn holds(p: &Package, total: &str, part: &str, kind: &str) -> bool {
    if kind != "restates" {
        return true;
    }
    let day = |id: &str| {
        p.figures
            .iter()
            .find(|f| f.id == id && f.basis == "cumulative")
            .map(|f| f.day())
    };
    !matches!((day(total), day(part)), (Some(a), Some(b)) if a != b)
}

/// The ids below `id`, at any depth: through complete breakdowns only, or through
/// every relation that puts a part inside its total.
fn below(p: &Package, id: &str, complete_only: bool) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![id.to_string()];
    while let Some(t) = todo.pop() {
        for r in &p.relations {
            let follows = if complete_only {
                r.kind == "complete"
            } else {
                holds(p, &r.total, &r.part, &r.kind)
            };
            if r.total == t && follows && seen.insert(r.part.clone()) {
                todo.push(r.part.clone());
            }
        }
    }
    seen
}

/// The figures of `chosen` a question counts, in their order.
pub fn counted<'a>(p: &Package, chosen: &[&'a Figure], by: &[String]) -> Vec<&'a Figure> {
    let ids: BTreeSet<&str> = chosen.iter().map(|f| f.id.as_str()).collect();
    let find = |id: &str| *chosen.iter().find(|f| f.id == id).unwrap();
    let inside_some: BTreeSet<String> =
        chosen.iter().flat_map(|f| below(p, &f.id, false)).collect();
    let mut todo: Vec<&str> = chosen
        .iter()
        .map(|f| f.id.as_str())
        .filter(|id| !inside_some.contains(*id))
        .collect();
    let mut keep: BTreeSet<&str> = BTreeSet::new();
    while let Some(id) = todo.pop() {
        let x = find(id);
        let parts: Vec<&str> = below(p, id, true)
            .iter()
            .filter_map(|y| ids.get(y.as_str()).copied())
            .collect();
        let apart = parts.iter().any(|y| keys(find(y), by) != keys(x, by));
        if !apart {
            keep.insert(id);
            continue;
        }
        // Shown through its parts: those with no chosen part between it and them.
        for y in &parts {
            let nested = parts
                .iter()
                .any(|z| z != y && below(p, z, true).contains(*y));
            if !nested {
                todo.push(y);
            }
        }
    }
    chosen
        .iter()
        .copied()
        .filter(|f| keep.contains(f.id.as_str()))
        .collect()
}
