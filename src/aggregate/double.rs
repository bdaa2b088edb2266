//! A total and its parts are never both counted: which figures a question leaves
//! out, and why.

use std::collections::HashMap;

use super::*;

/// Why a figure is left out of a sum, so that nothing is counted twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// Counted within the partial total named.
    Within(String),
    /// Restates the figure named.
    Restates(String),
    /// A total shown through its parts (how many).
    ThroughParts(usize),
    /// A part of the total named, which is counted.
    PartOf(String),
    /// A figure whose period (first and last day) spans more than one month, in a
    /// question by month.
    SpansMonths(Date, Date),
}

impl LeftOut {
    /// The reason in the words of the `aggregate` command's notes.
    pub fn words(&self) -> String {
        match self {
            LeftOut::Within(t) => format!("counted within its total '{t}'"),
            LeftOut::Restates(t) => format!("restates '{t}'"),
            LeftOut::ThroughParts(n) => format!("shown through its {n} parts"),
            LeftOut::PartOf(t) => format!("part of the total '{t}', which is counted"),
            LeftOut::SpansMonths(a, b) => format!("its period {a}..{b} spans more than one month"),
        }
    }

    /// The note of figure `id` left out for this reason.
    pub fn note(&self, id: &str) -> String {
        format!("left out '{id}': {}", self.words())
    }

    /// The reason in `lang`, from its catalogue.
    pub fn said(&self, id: &str, lang: crate::words::Lang) -> String {
        let (why, other, n) = match self {
            LeftOut::Within(t) => ("within", t.as_str(), 0),
            LeftOut::Restates(t) => ("restates", t.as_str(), 0),
            LeftOut::ThroughParts(n) => ("through-parts", "", *n),
            LeftOut::PartOf(t) => ("part-of", t.as_str(), 0),
            LeftOut::SpansMonths(a, b) => {
                let (from, to) = (a.to_string(), b.to_string());
                return crate::say!(lang, "report-left-out-spans", id = id, from = from, to = to);
            }
        };
        crate::say!(
            lang,
            "report-left-out-why",
            why = why,
            id = id,
            other = other,
            n = n
        )
    }
}

/// Leaves figure `id` out for `why`: its note for the `aggregate` command, and the
/// reason kept for the report to word.
pub(super) fn leave_out(
    notes: &mut Vec<String>,
    left: &mut Vec<(String, LeftOut)>,
    id: &str,
    why: LeftOut,
) {
    notes.push(why.note(id));
    left.push((id.to_string(), why));
}

/// Removes figures that another selected figure already counts: parts of a partial
/// relation whose total is selected, restatements of a selected figure, and either
/// the total or the parts of a complete relation (the parts when the grouping can
/// tell them apart, the published total otherwise).
pub(super) fn drop_double_counts<'a>(
    ds: &Dataset,
    selected: Vec<&'a Observation>,
    by: &[Dimension],
    notes: &mut Vec<String>,
    left: &mut Vec<(String, LeftOut)>,
) -> Vec<&'a Observation> {
    let ids: HashSet<&str> = selected.iter().map(|o| o.id.as_str()).collect();
    let mut drop: BTreeMap<String, LeftOut> = BTreeMap::new();
    let mut totals_with_parts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    // Each figure counted within a partial total, with that total; and every figure
    // below another (complete or partial), to leave out what lies below the first.
    let mut within: Vec<(&str, &str)> = Vec::new();
    let mut below_it: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &ds.relations {
        if ids.contains(r.total_id.as_str()) && ids.contains(r.part_id.as_str()) {
            if r.kind != RelationKind::Restates {
                below_it.entry(&r.total_id).or_default().push(&r.part_id);
            }
            match r.kind {
                RelationKind::Partial => {
                    drop.insert(r.part_id.clone(), LeftOut::Within(r.total_id.clone()));
                    within.push((&r.part_id, &r.total_id));
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
                        drop.insert(r.part_id.clone(), LeftOut::Restates(r.total_id.clone()));
                    }
                }
                RelationKind::Complete => totals_with_parts
                    .entry(&r.total_id)
                    .or_default()
                    .push(&r.part_id),
            }
        }
    }
    // What lies below a figure counted within a partial total is counted there too,
    // at every depth: it is left out, and no total below it is decided.
    let mut inside: HashSet<&str> = HashSet::new();
    for (part, total) in within {
        let mut stack = vec![part];
        while let Some(id) = stack.pop() {
            if !inside.insert(id) {
                continue;
            }
            if id != part {
                drop.entry(id.to_string())
                    .or_insert_with(|| LeftOut::Within(total.to_string()));
            }
            stack.extend(below_it.get(id).into_iter().flatten());
        }
    }
    // A total and its parts, at every depth: a total is shown through its parts
    // when any figure below it falls in another group (the parts, in turn, the
    // same way); else it is counted and everything below it left out. So each
    // figure is counted once, however deep the breakdowns nest.
    let is_part: HashSet<&str> = totals_with_parts.values().flatten().copied().collect();
    let roots: Vec<&str> = totals_with_parts
        .keys()
        .copied()
        .filter(|t| !is_part.contains(t) && !inside.contains(t))
        .collect();
    let below = keys_below(ds, &totals_with_parts, by);
    // Each total in the order it is decided, with whether it is shown through its
    // parts: what is said of a figure last is what its note says.
    let mut decided: Vec<(&str, bool)> = Vec::new();
    let mut todo: Vec<&str> = roots;
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(total) = todo.pop() {
        if !visited.insert(total) || inside.contains(total) {
            continue;
        }
        let Some(t) = ds.find(total) else { continue };
        let differs = match below.get(total) {
            Some(Below::Same(p)) => !same_keys(p, t, by),
            Some(Below::Mixed) => true,
            Some(Below::Nothing) | None => false,
        };
        decided.push((total, differs));
        if differs {
            let parts = totals_with_parts.get(total).map(Vec::as_slice);
            todo.extend(
                parts
                    .unwrap_or_default()
                    .iter()
                    .filter(|p| totals_with_parts.contains_key(*p)),
            );
        }
    }
    // The figures below a counted total are left out in its name; where two
    // counted totals share a figure, the later one names it. Walking the later
    // totals first and never twice through one figure keeps this linear.
    let mut said: HashMap<&str, (usize, LeftOut)> = HashMap::new();
    let mut walked: HashSet<&str> = HashSet::new();
    for (at, &(total, differs)) in decided.iter().enumerate().rev() {
        if differs {
            let parts = totals_with_parts.get(total).map_or(0, Vec::len);
            said.entry(total)
                .or_insert_with(|| (at, LeftOut::ThroughParts(parts)));
            continue;
        }
        let mut stack: Vec<&str> = totals_with_parts.get(total).cloned().unwrap_or_default();
        while let Some(p) = stack.pop() {
            if p == total || !walked.insert(p) {
                continue;
            }
            let why = LeftOut::PartOf(total.to_string());
            match said.get(p) {
                Some((later, _)) if *later > at => {}
                _ => {
                    said.insert(p, (at, why));
                }
            }
            stack.extend(totals_with_parts.get(p).into_iter().flatten());
        }
    }
    for (id, (_, why)) in said {
        if !inside.contains(id) {
            drop.insert(id.to_string(), why);
        }
    }
    for (id, why) in drop.iter() {
        leave_out(notes, left, id, why.clone());
    }
    selected
        .into_iter()
        .filter(|o| !drop.contains_key(&o.id))
        .collect()
}

/// What the figures below a total have in common in the grouping's keys.
#[derive(Clone, Copy)]
enum Below<'a> {
    /// No figure is below it.
    Nothing,
    /// Every figure below it has the keys of this one.
    Same(&'a Observation),
    /// Two figures below it differ in a key.
    Mixed,
}

/// Whether two figures fall in one group of `by`.
fn same_keys(a: &Observation, b: &Observation, by: &[Dimension]) -> bool {
    by.iter().all(|d| a.key(*d) == b.key(*d))
}

/// For each total, what the figures below it (at every depth) have in common,
/// from the bottom up: each total once, however many totals share its parts, so a
/// chain or a star of thousands of relations costs their number. A cycle (which
/// `validate` refuses) ends the walk.
fn keys_below<'a>(
    ds: &'a Dataset,
    parts_of: &BTreeMap<&'a str, Vec<&'a str>>,
    by: &[Dimension],
) -> HashMap<&'a str, Below<'a>> {
    let join = |a: Below<'a>, b: Below<'a>| match (a, b) {
        (Below::Nothing, x) | (x, Below::Nothing) => x,
        (Below::Same(x), Below::Same(y)) if same_keys(x, y, by) => Below::Same(x),
        _ => Below::Mixed,
    };
    let mut done: HashMap<&'a str, Below<'a>> = HashMap::new();
    for &start in parts_of.keys() {
        if done.contains_key(start) {
            continue;
        }
        // Depth first without recursion: a chain of thousands must not overflow the
        // stack. A total is summed up once all its parts are.
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        let mut open: HashSet<&str> = HashSet::from([start]);
        while let Some(&(node, next)) = path.last() {
            let parts = parts_of.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&p) = parts.get(next) {
                if let Some(top) = path.last_mut() {
                    top.1 += 1;
                }
                if parts_of.contains_key(p) && !done.contains_key(p) && open.insert(p) {
                    path.push((p, 0));
                }
                continue;
            }
            let mut acc = Below::Nothing;
            for &p in parts {
                if let Some(o) = ds.find(p) {
                    acc = join(acc, Below::Same(o));
                }
                acc = join(acc, done.get(p).copied().unwrap_or(Below::Nothing));
            }
            done.insert(node, acc);
            open.remove(node);
            path.pop();
        }
    }
    done
}
