//! Two checks across the whole reconciliation: a later statement about an earlier
//! date against the snapshot published at that date, and, where the checks fail,
//! the one figure whose change alone would reconcile them.

use super::*;

/// A statement is "later" when it is made this many days or more after the day it
/// is about.
const LATER_DAYS: i64 = 14;
/// A snapshot is "of that date" when it was announced within this many days of it.
const NEAR_DAYS: i64 = 7;

/// Each running total stated two weeks or more after the day it runs to, against
/// the running totals of the same series announced within a week of that day:
/// "N shut down before the end of April", said in June, against the total
/// announced at the end of April.
pub(super) fn later_statements(ds: &Dataset) -> Vec<DerivedCheck> {
    let snapshots: Vec<&Observation> = ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Cumulative)
        .collect();
    let mut out = Vec::new();
    for l in &snapshots {
        let about = l.reference_date().days_since_epoch();
        if l.date.days_since_epoch() - about < LATER_DAYS {
            continue;
        }
        let series = crate::aggregate::series_of(l);
        for s in snapshots.iter().filter(|s| {
            s.id != l.id
                && crate::aggregate::series_of(s) == series
                && s.date < l.date
                && (s.date.days_since_epoch() - about).abs() <= NEAR_DAYS
                && (s.reference_date().days_since_epoch() - about).abs() <= NEAR_DAYS
        }) {
            let (il, is) = (l.checked_interval(), s.checked_interval());
            let holds = il.overlaps(&is);
            let same_body = l.authority == s.authority;
            let compared = vec![
                Msg("check-later-compared")
                    .with("about", l.reference_date())
                    .with("said", l.date)
                    .with("other", s.date),
                if same_body {
                    Msg("check-body").with("body", &l.authority)
                } else {
                    Msg("check-body-differs")
                        .with("a", &l.authority)
                        .with("b", &s.authority)
                },
            ];
            out.push(DerivedCheck {
                check: "later_statement",
                subject: subject(l),
                claimed: Msg("check-claimed-later")
                    .with("amount", il)
                    .with("to", l.reference_date())
                    .with("said", l.date)
                    .with("id", &l.id)
                    .into(),
                computed: vec![Msg("check-later-computed")
                    .with("amount", is)
                    .with("to", s.reference_date())
                    .with("said", s.date)
                    .with("id", &s.id)],
                compared,
                verdict: match (holds, same_body) {
                    (true, _) => Verdict::Holds,
                    (false, true) => Verdict::Contradicts,
                    (false, false) => Verdict::Tension,
                },
                explanation: vec![if holds {
                    Msg("check-later-agrees")
                        .with("said", l.date)
                        .with("about", l.reference_date())
                        .with("other", s.date)
                } else {
                    Msg("check-later-differs")
                        .with("said", l.date)
                        .with("about", l.reference_date())
                        .with("given", il)
                        .with("other", s.date)
                        .with("announced", is)
                }],
                ids: vec![l.id.clone(), s.id.clone()],
            });
        }
    }
    out
}

/// Where two or more checks find a contradiction and one figure stands behind every
/// one of them and no other figure does, that figure alone, if it were wrong, would
/// explain them all: each of those checks names it. Tensions are left alone: they
/// come from figures of other periods, bodies or definitions, which a reader
/// weighs, not from one figure that is wrong.
pub(super) fn name_the_figure_to_doubt(checks: &mut [DerivedCheck]) {
    let failing: Vec<usize> = (0..checks.len())
        .filter(|&i| checks[i].verdict == Verdict::Contradicts && checks[i].ids.len() >= 2)
        .collect();
    // The failing checks that rest on each figure.
    let mut on: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &failing {
        for id in &checks[i].ids {
            on.entry(id.as_str()).or_default().push(i);
        }
    }
    let mut doubt: Vec<(usize, String, usize)> = Vec::new();
    for (id, set) in &on {
        if set.len() < 2 {
            continue;
        }
        // No other figure is behind all of them: the figures every one of them
        // rests on are this one alone (found from the checks' own few ids, not by
        // asking every other figure).
        let mut behind_all: Vec<&str> = checks[set[0]].ids.iter().map(String::as_str).collect();
        for &i in &set[1..] {
            behind_all.retain(|other| checks[i].ids.iter().any(|x| x == other));
        }
        if behind_all.iter().all(|other| other == id) {
            for &i in set {
                doubt.push((i, id.to_string(), set.len()));
            }
        }
    }
    for (i, id, n) in doubt {
        checks[i].explanation.push(
            Msg("check-doubt")
                .with("id", id)
                .with("n", Fact::Count(n as i64)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: &str = "a part is larger than its total";

    fn explained(c: &DerivedCheck) -> String {
        c.explanation_in(crate::words::Lang::default())
    }

    fn check(verdict: Verdict, ids: &[&str]) -> DerivedCheck {
        DerivedCheck {
            check: "t",
            subject: Fact::from(""),
            claimed: Fact::from(""),
            computed: Vec::new(),
            compared: Vec::new(),
            verdict,
            explanation: vec![Msg("check-part-exceeds").said()],
            ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn one_figure_behind_every_failing_check_is_named() {
        let mut cs = vec![
            check(Verdict::Contradicts, &["a", "b"]),
            check(Verdict::Contradicts, &["a", "c"]),
            check(Verdict::Holds, &["a", "d"]),
            check(Verdict::Contradicts, &["e", "f"]),
            check(Verdict::Tension, &["a", "g"]),
        ];
        name_the_figure_to_doubt(&mut cs);
        assert!(
            explained(&cs[0]).contains("'a' is the one figure behind all 2"),
            "{}",
            explained(&cs[0])
        );
        assert!(explained(&cs[1]).contains("'a' is the one figure behind all 2"));
        assert_eq!(explained(&cs[2]), X, "a check that holds names nothing");
        assert_eq!(
            explained(&cs[3]),
            X,
            "one failing check alone names nothing"
        );
        assert_eq!(explained(&cs[4]), X, "a tension names nothing");
    }

    #[test]
    fn two_figures_behind_the_same_checks_are_not_told_apart() {
        let mut cs = vec![
            check(Verdict::Contradicts, &["a", "b", "c"]),
            check(Verdict::Contradicts, &["a", "b", "d"]),
        ];
        name_the_figure_to_doubt(&mut cs);
        assert_eq!(explained(&cs[0]), X);
    }
}
