//! The relations `cleanweb reconcile` checks, from DESIGN.md ("Reconciliation"):
//! per relation, the published total and the sum of its parts as intervals, and a
//! status: `match` (both exact and equal), `consistent` (the intervals overlap),
//! `mismatch`; for a partial relation `partial_ok` (the parts can be at most the
//! total) or `partial_violation`. A restatement is checked as the same figure: its
//! one part against its total.

use super::{Iv, Package};

/// One relation's check.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub total: String,
    pub kind: String,
    pub published: Iv,
    pub parts: Iv,
    pub status: &'static str,
}

/// Whether two intervals share a value (an open end reaches everything beyond).
fn overlap(a: Iv, b: Iv) -> bool {
    let below = |x: Iv, y: Iv| matches!((x.high, y.low), (Some(h), Some(l)) if h < l);
    !below(a, b) && !below(b, a)
}

/// Every total of `relations.csv`, by kind, with the ids of its parts.
pub fn checks(p: &Package) -> Vec<Check> {
    let find = |id: &str| p.figures.iter().find(|f| f.id == id).unwrap().iv;
    let mut totals: Vec<(String, String)> = Vec::new();
    for r in &p.relations {
        let key = (r.total.clone(), r.kind.clone());
        if !totals.contains(&key) {
            totals.push(key);
        }
    }
    totals
        .into_iter()
        .map(|(total, kind)| {
            let published = find(&total);
            let parts = p
                .relations
                .iter()
                .filter(|r| r.total == total && r.kind == kind)
                .map(|r| find(&r.part))
                .fold(
                    Iv {
                        low: Some(0),
                        high: Some(0),
                    },
                    Iv::add,
                );
            let exact = |v: Iv| v.low.is_some() && v.low == v.high;
            let status = if kind == "partial" {
                // The parts' least must not exceed the total's most.
                let fits = match (parts.low, published.high) {
                    (Some(l), Some(h)) => l <= h,
                    _ => true,
                };
                if fits {
                    "partial_ok"
                } else {
                    "partial_violation"
                }
            } else if exact(published) && exact(parts) && published == parts {
                "match"
            } else if overlap(published, parts) {
                "consistent"
            } else {
                "mismatch"
            };
            Check {
                total,
                kind,
                published,
                parts,
                status,
            }
        })
        .collect()
}
