//! Do the published figures hold together? Every relation of `relations.csv` is
//! checked with interval arithmetic, and every claim the rest of the data can test
//! is tested: running totals that go down, shares and daily rates against the
//! period totals they describe, figures stated twice with different values, parts
//! larger than their totals.

use std::collections::BTreeMap;
use std::fmt;

mod across;
mod changes;
mod declared_rules;
mod derived;
mod later;
mod render;
mod rows;
mod said;

use crate::dataset::{Basis, Dataset, Date, Observation, Relation, RelationKind};
use crate::values::interval::Interval;

use across::parts_exceeding_totals;
pub use declared_rules::{why, RuleTooBroad, MAX_RULE_PAIRS};
use derived::{rate_claims, running_totals_down, share_claims};
pub use derived::{span, Differs};
pub use render::{render, Section};
pub use said::{word_all, Fact, Msg, Said};

/// The verdict on one relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Exact figures, equal.
    Match,
    /// Qualified figures whose intervals overlap: they can agree.
    Consistent,
    /// They cannot agree.
    Mismatch,
    /// The parts of a subset fit within the total.
    PartialOk,
    /// The parts of a subset exceed the total.
    PartialViolation,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Match => "match",
            Status::Consistent => "consistent",
            Status::Mismatch => "mismatch",
            Status::PartialOk => "partial_ok",
            Status::PartialViolation => "partial_violation",
        }
    }

    pub fn is_failure(self) -> bool {
        matches!(self, Status::Mismatch | Status::PartialViolation)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One total checked against its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationCheck {
    pub total_id: String,
    pub kind: RelationKind,
    pub part_ids: Vec<String>,
    pub published: Interval,
    pub parts: Interval,
    /// published - parts.
    pub difference: Interval,
    pub status: Status,
}

/// The verdict of a derived check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Holds,
    /// The figures disagree, but they differ in period, region or body: one
    /// does not bear the other out, which is weaker than a contradiction.
    Tension,
    /// The figures describe the same thing and disagree.
    Contradicts,
    /// The data cannot say: more than one figure could be the one the claim is
    /// about.
    CannotTell,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Tension => "tension",
            Verdict::Contradicts => "contradicts",
            Verdict::CannotTell => "cannot_tell",
        }
    }
}

/// A claim tested against other figures. What it is about, what it claims,
/// computed, compared and explains are facts ([`Fact`], [`Said`]), worded in a
/// language where they are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedCheck {
    /// `running_total_down`, `share_claim`, `rate_claim`, `change_claim`,
    /// `part_exceeds_total`, ...
    pub check: &'static str,
    /// The figures the check is about; a declared rule's subject is a message with
    /// the rule's `name`.
    pub subject: Fact,
    /// What the figures claim, as published.
    pub claimed: Fact,
    /// What the other figures give; a share or rate claim's result is its fact
    /// `result`.
    pub computed: Vec<Said>,
    /// What the compared figures share and what they do not (period, region, body).
    pub compared: Vec<Said>,
    pub verdict: Verdict,
    pub explanation: Vec<Said>,
    /// The ids whose quotes stand behind the check.
    pub ids: Vec<String>,
}

impl DerivedCheck {
    /// What the check is about, in `lang`.
    pub fn subject_in(&self, lang: crate::words::Lang) -> String {
        self.subject.word(lang)
    }

    /// What the figures claim, in `lang`.
    pub fn claimed_in(&self, lang: crate::words::Lang) -> String {
        self.claimed.word(lang)
    }

    /// What the other figures give, in `lang`.
    pub fn computed_in(&self, lang: crate::words::Lang) -> String {
        word_all(&self.computed, lang)
    }

    /// What the compared figures share and what they do not, in `lang`.
    pub fn compared_in(&self, lang: crate::words::Lang) -> String {
        word_all(&self.compared, lang)
    }

    /// The verdict explained, in `lang`.
    pub fn explanation_in(&self, lang: crate::words::Lang) -> String {
        word_all(&self.explanation, lang)
    }
}

/// One figure of an announcement, with what its parts say.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnouncedFigure {
    pub id: String,
    pub figure: String,
    pub published: Interval,
    pub approx: bool,
    pub parts: Vec<(String, Interval)>,
    pub computed: Option<Interval>,
    /// `as published` when nothing can be computed.
    pub status: String,
    pub unit: String,
    pub quote: String,
}

/// Everything `reconcile` found.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    pub relations: Vec<RelationCheck>,
    pub checks: Vec<DerivedCheck>,
    pub announcement_date: Option<Date>,
    pub announcement: Vec<AnnouncedFigure>,
}

impl Reconciliation {
    /// Whether anything is a mismatch, a violation or a contradiction (and, with
    /// `tensions`, a tension).
    pub fn has_failures(&self, tensions: bool) -> bool {
        self.relations.iter().any(|r| r.status.is_failure())
            || self.checks.iter().any(|c| {
                c.verdict == Verdict::Contradicts || (tensions && c.verdict == Verdict::Tension)
            })
    }
}

/// Reconciles a dataset. `announcement` picks the day whose figures are reproduced;
/// by default the latest day with at least three figures.
pub fn reconcile(ds: &Dataset, announcement: Option<Date>) -> Result<Reconciliation, RuleTooBroad> {
    reconcile_with(ds, announcement, DEFAULT_JUMP)
}

/// The factor between consecutive running totals of related series past which they
/// are in tension, unless the user sets another.
pub const DEFAULT_JUMP: f64 = 10.0;

/// [`reconcile`] with the jump factor of related series set.
/// Refuses a declared rule that would compare more than [`MAX_RULE_PAIRS`] pairs.
pub fn reconcile_with(
    ds: &Dataset,
    announcement: Option<Date>,
    jump: f64,
) -> Result<Reconciliation, RuleTooBroad> {
    let relations = check_relations(ds);
    let mut checks = Vec::new();
    checks.extend(running_totals_down(ds));
    checks.extend(share_claims(ds));
    checks.extend(rate_claims(ds));
    checks.extend(changes::change_claims(ds));
    checks.extend(parts_exceeding_totals(ds));
    checks.extend(rows::share_rows(ds));
    checks.extend(declared_rules::declared_rules(ds)?);
    checks.extend(across::related_jumps(ds, jump));
    checks.extend(across::regions_above_national(ds));
    checks.extend(later::later_statements(ds));
    later::name_the_figure_to_doubt(&mut checks);
    let date = announcement.or_else(|| default_announcement(ds));
    let announced = date
        .map(|d| announced_figures(ds, d, &relations))
        .unwrap_or_default();
    Ok(Reconciliation {
        relations,
        checks,
        announcement_date: date,
        announcement: announced,
    })
}

fn check_relations(ds: &Dataset) -> Vec<RelationCheck> {
    let mut groups: BTreeMap<(RelationKind, &str), Vec<&Relation>> = BTreeMap::new();
    for r in &ds.relations {
        groups
            .entry((r.kind, r.total_id.as_str()))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for ((kind, total_id), rels) in groups {
        let Some(total) = ds.find(total_id) else {
            continue;
        };
        let parts: Vec<&Observation> = rels.iter().filter_map(|r| ds.find(&r.part_id)).collect();
        // A restatement compares one figure with one figure; each is its own row.
        let groups: Vec<Vec<&Observation>> = if kind == RelationKind::Restates {
            parts.into_iter().map(|p| vec![p]).collect()
        } else {
            vec![parts]
        };
        for parts in groups {
            let published = total.checked_interval();
            let Ok(sum) = Interval::sum(parts.iter().map(|p| p.checked_interval())) else {
                continue;
            };
            let Ok(difference) = published.checked_sub(sum) else {
                continue;
            };
            let status = match kind {
                RelationKind::Complete | RelationKind::Restates => {
                    if published.is_exact() && sum.is_exact() && published == sum {
                        Status::Match
                    } else if published.overlaps(&sum) {
                        Status::Consistent
                    } else {
                        Status::Mismatch
                    }
                }
                RelationKind::Partial => match (sum.low, published.high) {
                    (Some(low), Some(high)) if low > high => Status::PartialViolation,
                    _ => Status::PartialOk,
                },
            };
            out.push(RelationCheck {
                total_id: total_id.to_string(),
                kind,
                part_ids: parts.iter().map(|p| p.id.clone()).collect(),
                published,
                parts: sum,
                difference,
                status,
            });
        }
    }
    out
}

/// What a figure is of, as a check's subject: its metric, then its category, its
/// region (other than national) and its entity, where it has them.
fn subject(o: &Observation) -> Fact {
    let mut s = Fact::Text(o.metric.replace('_', " "));
    if !o.category.is_empty() {
        s = Msg("check-subject-category")
            .with("what", s)
            .with("category", o.category.replace('_', " "))
            .into();
    }
    let region = (o.region != "national").then_some(&o.region);
    let entity = (!o.entity.is_empty()).then_some(&o.entity);
    for which in region.into_iter().chain(entity) {
        s = Msg("check-subject-which")
            .with("what", s)
            .with("which", which)
            .into();
    }
    s
}

/// [`subject`] in the tool's first language, as the announcement's labels give it.
fn describe(o: &Observation) -> String {
    subject(o).word(crate::words::Lang::default())
}

/// Each figure's label, told apart from the others of the same announcement: a
/// label two figures share gets the body, then the values of the table's own
/// dimensions, then the period, then the basis, as far as it takes ("number of requests, United
/// Arab Emirates, Police" beside "..., Court order"; "reports received, 2023-02").
fn distinct_labels(figures: &[&&Observation]) -> Vec<String> {
    let mut labels: Vec<String> = figures.iter().map(|o| describe(o)).collect();
    // What each round adds to a label still shared.
    let addition = |o: &Observation, round: usize| -> Vec<String> {
        match round {
            0 => vec![o.authority.clone()],
            1 => o.dims.clone(),
            2 => vec![o.key(crate::dataset::Dimension::Period)],
            _ => vec![o.basis.as_str().replace('_', " ")],
        }
    };
    for round in 0..4 {
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for l in &labels {
            *seen.entry(l.as_str()).or_default() += 1;
        }
        let shared: Vec<bool> = labels.iter().map(|l| seen[l.as_str()] > 1).collect();
        for ((label, o), shared) in labels.iter_mut().zip(figures).zip(shared) {
            if shared {
                for v in addition(o, round).into_iter().filter(|v| !v.is_empty()) {
                    label.push_str(", ");
                    label.push_str(&v);
                }
            }
        }
    }
    labels
}

/// The latest announcement date that carries at least three figures.
fn default_announcement(ds: &Dataset) -> Option<Date> {
    let mut per_day: BTreeMap<Date, usize> = BTreeMap::new();
    for o in &ds.observations {
        *per_day.entry(o.date).or_default() += 1;
    }
    per_day
        .into_iter()
        .rev()
        .find(|(_, n)| *n >= 3)
        .map(|(d, _)| d)
}

fn announced_figures(ds: &Dataset, date: Date, checks: &[RelationCheck]) -> Vec<AnnouncedFigure> {
    let on_day: Vec<&Observation> = ds.observations.iter().filter(|o| o.date == date).collect();
    // Parts are listed under their total, not as figures of their own.
    let part_ids: std::collections::HashSet<&str> = checks
        .iter()
        .filter(|c| c.kind == RelationKind::Complete)
        .flat_map(|c| c.part_ids.iter().map(String::as_str))
        .collect();
    // Each total's first complete check, looked up once per figure of the day.
    let mut complete: std::collections::HashMap<&str, &RelationCheck> =
        std::collections::HashMap::new();
    for c in checks.iter().filter(|c| c.kind == RelationKind::Complete) {
        complete.entry(c.total_id.as_str()).or_insert(c);
    }
    let listed: Vec<&&Observation> = on_day
        .iter()
        .filter(|o| !part_ids.contains(o.id.as_str()))
        .collect();
    let labels = distinct_labels(&listed);
    listed
        .into_iter()
        .zip(labels)
        .map(|(o, label)| {
            let check = complete.get(o.id.as_str()).copied();
            let parts = check
                .map(|c| {
                    c.part_ids
                        .iter()
                        .filter_map(|p| ds.find(p))
                        .map(|p| (p.category.clone(), p.interval()))
                        .collect()
                })
                .unwrap_or_default();
            AnnouncedFigure {
                id: o.id.clone(),
                figure: label,
                published: o.interval(),
                approx: o.qualifier == crate::dataset::Qualifier::Approx,
                parts,
                computed: check.map(|c| c.parts),
                status: check.map_or("as published".to_string(), |c| c.status.to_string()),
                unit: o.unit.clone(),
                quote: o.quote.clone(),
            }
        })
        .collect()
}
