//! Checks that span rows: unique ids, relations that point at real observations
//! (no self-parts, no cycles, comparable units), and, against the source text, that
//! every quote is verbatim and states the recorded value.

use std::collections::{BTreeMap, HashMap};

use super::{Dataset, Observation, Problem, Qualifier, RelationKind, Value, OBSERVATION_COLUMNS};
use crate::values::prose::{statements, Stated};

fn column_index(name: &str) -> usize {
    OBSERVATION_COLUMNS
        .iter()
        .position(|c| *c == name)
        .unwrap_or(0)
}

/// Every cross-row problem among the valid rows of a dataset; `failed` are the ids of
/// rows that failed their own checks (a relation naming one is not reported again).
pub fn check_dataset(ds: &Dataset, failed: &[String]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut first: HashMap<&str, &Observation> = HashMap::new();
    for o in &ds.observations {
        if let Some(prev) = first.get(o.id.as_str()) {
            // A repeat within one table is the reader's to report (it reads the
            // ids of any table, however large); across the tables of a package, here.
            if prev.origin.file == o.origin.file {
                continue;
            }
            problems.push(o.origin.problem(
                column_index("id"),
                "id",
                format!(
                    "duplicate id '{}' (first on {}:{})",
                    o.id, prev.origin.file, prev.origin.line
                ),
            ));
        } else {
            first.insert(&o.id, o);
        }
    }
    let mut seen_pairs: HashMap<(&str, &str), u64> = HashMap::new();
    let mut parts_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &ds.relations {
        let mut ok = true;
        for (i, (field, id)) in [("total_id", &r.total_id), ("part_id", &r.part_id)]
            .into_iter()
            .enumerate()
        {
            if failed.contains(id) {
                ok = false;
            } else if !first.contains_key(id.as_str()) {
                problems.push(r.origin.problem(
                    i,
                    field,
                    format!(
                        "no observation has id '{}'",
                        crate::values::calendar::short(id)
                    ),
                ));
                ok = false;
            }
        }
        if r.total_id == r.part_id {
            problems.push(r.origin.problem(
                1,
                "part_id",
                format!("'{}' cannot be a part of itself", r.total_id),
            ));
            continue;
        }
        if let Some(line) = seen_pairs.insert((&r.total_id, &r.part_id), r.origin.line) {
            problems.push(r.origin.problem(
                1,
                "part_id",
                format!("the same relation is already on line {line}"),
            ));
        }
        if !ok {
            continue;
        }
        let (t, p) = (first[r.total_id.as_str()], first[r.part_id.as_str()]);
        if t.unit != p.unit {
            problems.push(r.origin.problem(
                1,
                "part_id",
                format!(
                    "the total is in '{}' and the part in '{}': they cannot be compared",
                    t.unit, p.unit
                ),
            ));
        }
        if r.kind != RelationKind::Restates {
            parts_of.entry(&r.total_id).or_default().push(&r.part_id);
        }
    }
    if let Some(cycle) = find_cycle(&parts_of) {
        let line = ds
            .relations
            .iter()
            .find(|r| r.total_id == cycle[0])
            .map(|r| r.origin.clone());
        let text = format!("relations form a cycle: {}", cycle.join(" -> "));
        match line {
            Some(o) => problems.push(o.problem(0, "total_id", text)),
            None => problems.push(Problem::new("relations", text)),
        }
    }
    problems
}

/// A cycle in the total -> parts graph, as the ids along it (first repeated last).
fn find_cycle<'a>(parts_of: &BTreeMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    for &start in parts_of.keys() {
        if marks.contains_key(start) {
            continue;
        }
        // Iterative depth-first search: a long chain must not overflow the stack.
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Open);
        while let Some(&(node, next)) = path.last() {
            let children = parts_of.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&child) = children.get(next) {
                if let Some(top) = path.last_mut() {
                    top.1 += 1;
                }
                match marks.get(child) {
                    Some(Mark::Open) => {
                        let from = path.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        cycle.push(child);
                        return Some(cycle);
                    }
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(child, Mark::Open);
                        path.push((child, 0));
                    }
                }
            } else {
                marks.insert(node, Mark::Done);
                path.pop();
            }
        }
    }
    None
}

/// Checks every quote against the source text: it must occur verbatim, and the
/// number it states must be the recorded value (and `value_max` for a range). A
/// quote with no number at all may only back a count of the named entities.
/// A quote that writes a number no one can read (十十, 1.2.3万) or one larger than
/// any figure holds: a problem at the quote, never a value compared with a guess or
/// a wrapped number.
fn unreadable_number(o: &Observation, stated: &[Stated], quote_col: usize) -> Option<Problem> {
    let reason = if let Some(bad) = crate::values::prose::malformed(&o.quote).first() {
        format!("the quote writes '{bad}', which is no number as written: correct the quote (and the source text, if it is the source's slip) so that it states the value")
    } else {
        let most = i128::from(i64::MAX) * crate::values::decimal::ONE;
        let huge = stated.iter().find(|s| s.amount > most)?;
        format!(
            "the quote states {}, more than any figure can hold (at most {})",
            crate::values::decimal::plain_amount(huge.amount),
            i64::MAX
        )
    };
    Some(o.origin.problem(quote_col, "quote", reason))
}

pub fn check_quotes(ds: &Dataset, source_text: &str) -> Vec<Problem> {
    let quote_col = column_index("quote");
    let value_col = column_index("value");
    let mut problems = Vec::new();
    for o in &ds.observations {
        if !source_text.contains(&o.quote) {
            problems.push(o.origin.problem(
                quote_col,
                "quote",
                format!(
                    "the quote does not occur verbatim in the source text: \"{}\"",
                    crate::values::calendar::short(&o.quote)
                ),
            ));
            continue;
        }
        // A value not published: its quote is the marker, which states no number.
        if o.qualifier == Qualifier::Unknown {
            continue;
        }
        let stated = statements(&o.quote);
        if let Some(p) = unreadable_number(o, &stated, quote_col) {
            problems.push(p);
            continue;
        }
        let numbers: Vec<i128> = stated.iter().map(|s| s.amount).collect();
        if numbers.is_empty() {
            let names: Vec<&str> = o
                .entity
                .split(';')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            let all_named = !names.is_empty() && names.iter().all(|n| o.quote.contains(n));
            if !all_named || o.value != Value::whole(names.len() as i64) {
                problems.push(o.origin.problem(
                    value_col,
                    "value",
                    format!(
                        "the quote states no number; it can back only a count of the entities it names (entity has {} name(s), value is {})",
                        names.len(),
                        o.value
                    ),
                ));
            }
            continue;
        }
        // A change's quote writes its size; the words give the sign.
        let change = matches!(o.basis, super::Basis::Change(_));
        let size = |v: Value| if change { v.magnitude() } else { v };
        let states = |v: Value| numbers.contains(&size(v).scaled());
        if change {
            if let Some(problem) = sign_problem(o, value_col) {
                problems.push(problem);
            }
        }
        if !states(o.value) {
            problems.push(o.origin.problem(
                value_col,
                "value",
                format!(
                    "value {} is not a number the quote states ({})",
                    o.value,
                    list(&numbers)
                ),
            ));
        }
        if let Some(problem) = wording_problem(o, &stated) {
            problems.push(problem);
        }
        if o.qualifier == Qualifier::Range {
            if let Some(m) = o.value_max.filter(|m| !states(*m)) {
                problems.push(o.origin.problem(
                    column_index("value_max"),
                    "value_max",
                    format!(
                        "value_max {m} is not a number the quote states ({})",
                        list(&numbers)
                    ),
                ));
            }
        }
    }
    problems
}

/// What a curator writes in a row's note to keep a qualifier that the quote's
/// wording does not give, followed by the reason.
pub const QUALIFIER_OVERRULED: &str = "qualifier overruled:";

/// The problem of a row whose qualifier is not the one the quote's wording gives its
/// value ("more than 10" is `at_least`, not `exact`), unless the note overrules it
/// with a reason.
fn wording_problem(o: &super::Observation, stated: &[Stated]) -> Option<Problem> {
    let size = match o.basis {
        super::Basis::Change(_) => o.value.magnitude(),
        _ => o.value,
    };
    let of_value: Vec<&Stated> = stated
        .iter()
        .filter(|s| s.amount == size.scaled())
        .collect();
    if of_value.is_empty() || of_value.iter().any(|s| s.wording == o.qualifier) {
        return None;
    }
    if let Some((_, reason)) = o.note.split_once(QUALIFIER_OVERRULED) {
        if !reason.trim().is_empty() {
            return None;
        }
    }
    let read: Vec<&str> = of_value.iter().map(|s| s.wording.as_str()).collect();
    Some(o.origin.problem(
        column_index("qualifier"),
        "qualifier",
        format!(
            "qualifier '{}' does not match the quote's wording: it states {} as {} (set the qualifier, or write '{QUALIFIER_OVERRULED} REASON' in the note)",
            o.qualifier.as_str(),
            o.value,
            read.join(" or ")
        ),
    ))
}

/// The problem of a change whose sign is not the one its words give: "下降15.2%" is
/// -15.2. Words that say neither leave the sign to the curator.
fn sign_problem(o: &super::Observation, value_col: usize) -> Option<Problem> {
    let size = o.value.magnitude().scaled();
    let falls: Vec<bool> = super::sign::signs(&o.quote)
        .into_iter()
        .filter(|(amount, _)| *amount == size && size != 0)
        .filter_map(|(_, fall)| fall)
        .collect();
    let negative = o.value.is_negative();
    if falls.is_empty() || falls.contains(&negative) {
        return None;
    }
    let (said, signed) = if falls[0] {
        ("a fall", o.value.magnitude().negated())
    } else {
        ("a rise", o.value.magnitude())
    };
    Some(o.origin.problem(
        value_col,
        "value",
        format!(
            "the quote's words state {} as {said}: a change is signed, so its value is {signed}",
            o.value.magnitude()
        ),
    ))
}

fn list(numbers: &[i128]) -> String {
    numbers
        .iter()
        .map(|n| crate::values::decimal::plain_amount(*n))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found() {
        let mut g: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        g.insert("a", vec!["b"]);
        g.insert("b", vec!["c"]);
        assert_eq!(find_cycle(&g), None);
        g.insert("c", vec!["a"]);
        assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    }
}
