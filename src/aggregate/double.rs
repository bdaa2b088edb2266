//! A total and its parts are never both counted: which figures a question leaves
//! out, and why.

use super::*;

/// Removes figures that another selected figure already counts: parts of a partial
/// relation whose total is selected, restatements of a selected figure, and either
/// the total or the parts of a complete relation (the parts when the grouping can
/// tell them apart, the published total otherwise).
pub(super) fn drop_double_counts<'a>(
    ds: &Dataset,
    selected: Vec<&'a Observation>,
    by: &[Dimension],
    notes: &mut Vec<String>,
) -> Vec<&'a Observation> {
    let ids: HashSet<&str> = selected.iter().map(|o| o.id.as_str()).collect();
    let mut drop: BTreeMap<String, String> = BTreeMap::new();
    let mut totals_with_parts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &ds.relations {
        if ids.contains(r.total_id.as_str()) && ids.contains(r.part_id.as_str()) {
            match r.kind {
                RelationKind::Partial => {
                    drop.insert(
                        r.part_id.clone(),
                        format!("counted within its total '{}'", r.total_id),
                    );
                }
                RelationKind::Restates => {
                    // Running totals are never summed, so a restatement dated
                    // differently is one more snapshot of the series, not a double count.
                    let both_snapshots = [&r.total_id, &r.part_id]
                        .iter()
                        .filter_map(|id| ds.find(id))
                        .filter(|o| o.basis == Basis::Cumulative)
                        .map(|o| o.reference_date())
                        .collect::<BTreeSet<_>>()
                        .len()
                        == 2;
                    if !both_snapshots {
                        drop.insert(r.part_id.clone(), format!("restates '{}'", r.total_id));
                    }
                }
                RelationKind::Complete => totals_with_parts
                    .entry(&r.total_id)
                    .or_default()
                    .push(&r.part_id),
            }
        }
    }
    // A total and its parts, at every depth: a total is shown through its parts
    // when any figure below it falls in another group (the parts, in turn, the
    // same way); else it is counted and everything below it left out. So each
    // figure is counted once, however deep the breakdowns nest.
    let parts_of = |t: &str| totals_with_parts.get(t).cloned().unwrap_or_default();
    let is_part: HashSet<&str> = totals_with_parts.values().flatten().copied().collect();
    let roots: Vec<&str> = totals_with_parts
        .keys()
        .copied()
        .filter(|t| !is_part.contains(t))
        .collect();
    // Every figure below `t`, each once (a cycle of relations ends the walk).
    let below = |t: &str| -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        let mut todo = parts_of(t);
        while let Some(p) = todo.pop() {
            if p != t && !seen.contains(&p) {
                seen.push(p);
                todo.extend(parts_of(p));
            }
        }
        seen
    };
    let mut todo: Vec<&str> = roots;
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(total) = todo.pop() {
        if !visited.insert(total) {
            continue;
        }
        let Some(t) = ds.find(total) else { continue };
        let under = below(total);
        let differs = by.iter().any(|d| {
            under
                .iter()
                .filter_map(|p| ds.find(p))
                .any(|p| p.key(*d) != t.key(*d))
        });
        if differs {
            let parts = parts_of(total);
            drop.insert(
                total.to_string(),
                format!("shown through its {} parts", parts.len()),
            );
            todo.extend(parts.iter().filter(|p| totals_with_parts.contains_key(*p)));
        } else {
            for p in under {
                drop.insert(
                    p.to_string(),
                    format!("part of the total '{total}', which is counted"),
                );
            }
        }
    }
    for (id, why) in &drop {
        notes.push(format!("left out '{id}': {why}"));
    }
    selected
        .into_iter()
        .filter(|o| !drop.contains_key(&o.id))
        .collect()
}
