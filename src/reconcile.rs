//! Do the published figures hold together? Every relation of `relations.csv` is
//! checked with interval arithmetic, and every claim the rest of the data can test
//! is tested: running totals that go down, shares and daily rates against the
//! period totals they describe, figures stated twice with different values, parts
//! larger than their totals.

use std::collections::BTreeMap;
use std::fmt;

use crate::dataset::{Basis, Dataset, Date, Observation, Relation, RelationKind};
use crate::interval::Interval;
use crate::output::{self, Cell, Format, Table};

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
    Fails,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Fails => "fails",
        }
    }
}

/// A claim tested against other figures.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedCheck {
    /// `running_total_down`, `share_claim`, `rate_claim`, `part_exceeds_total`.
    pub check: &'static str,
    pub subject: String,
    pub claimed: String,
    pub computed: String,
    pub verdict: Verdict,
    pub explanation: String,
    /// The ids whose quotes stand behind the check.
    pub ids: Vec<String>,
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
    /// Whether anything is a mismatch, a violation or a failed check.
    pub fn has_failures(&self) -> bool {
        self.relations.iter().any(|r| r.status.is_failure())
            || self.checks.iter().any(|c| c.verdict == Verdict::Fails)
    }
}

/// Reconciles a dataset. `announcement` picks the day whose figures are reproduced;
/// by default the latest day with at least three figures.
pub fn reconcile(ds: &Dataset, announcement: Option<Date>) -> Reconciliation {
    let relations = check_relations(ds);
    let mut checks = Vec::new();
    checks.extend(running_totals_down(ds));
    checks.extend(share_claims(ds));
    checks.extend(rate_claims(ds));
    checks.extend(parts_exceeding_totals(ds));
    let date = announcement.or_else(|| default_announcement(ds));
    let announced = date
        .map(|d| announced_figures(ds, d, &relations))
        .unwrap_or_default();
    Reconciliation {
        relations,
        checks,
        announcement_date: date,
        announcement: announced,
    }
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
            let published = total.interval();
            let Ok(sum) = Interval::sum(parts.iter().map(|p| p.interval())) else {
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

fn describe(o: &Observation) -> String {
    let mut s = o.metric.replace('_', " ");
    if !o.category.is_empty() {
        s.push_str(&format!(" ({})", o.category.replace('_', " ")));
    }
    if o.region != "national" {
        s.push_str(&format!(", {}", o.region));
    }
    if !o.entity.is_empty() {
        s.push_str(&format!(", {}", o.entity));
    }
    s
}

fn running_totals_down(ds: &Dataset) -> Vec<DerivedCheck> {
    // A part of a published total (33,000 public accounts within 20 million
    // accounts) is a subset, not a later snapshot of the same series.
    let parts: std::collections::HashSet<&str> = ds
        .relations
        .iter()
        .filter(|r| r.kind != RelationKind::Restates)
        .map(|r| r.part_id.as_str())
        .collect();
    let mut series: BTreeMap<_, Vec<&Observation>> = BTreeMap::new();
    for o in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Cumulative && !parts.contains(o.id.as_str()))
    {
        series
            .entry(crate::aggregate::series_of(o))
            .or_default()
            .push(o);
    }
    let mut out = Vec::new();
    for (_, mut snaps) in series {
        if snaps.len() < 2 {
            continue;
        }
        snaps.sort_by(|a, b| {
            (a.reference_date(), a.date, &a.id).cmp(&(b.reference_date(), b.date, &b.id))
        });
        let down: Vec<_> = snaps
            .windows(2)
            .filter(|w| matches!((w[1].interval().high, w[0].interval().low), (Some(h), Some(l)) if h < l))
            .collect();
        let first = snaps[0];
        let last = snaps[snaps.len() - 1];
        let trail: Vec<String> = snaps
            .iter()
            .map(|o| format!("{} ({})", o.interval(), o.reference_date()))
            .collect();
        out.push(DerivedCheck {
            check: "running_total_down",
            subject: describe(first),
            claimed: trail.join(" -> "),
            computed: if down.is_empty() {
                "never goes down".into()
            } else {
                format!("goes down {} time(s)", down.len())
            },
            verdict: if down.is_empty() {
                Verdict::Holds
            } else {
                Verdict::Fails
            },
            explanation: if down.is_empty() {
                format!(
                    "{} snapshots from {} to {}",
                    snaps.len(),
                    first.reference_date(),
                    last.reference_date()
                )
            } else {
                let w = down[0];
                format!(
                    "restatement: {} on {} is lower than {} on {}",
                    w[1].interval(),
                    w[1].reference_date(),
                    w[0].interval(),
                    w[0].reference_date()
                )
            },
            ids: snaps.iter().map(|o| o.id.clone()).collect(),
        });
    }
    out
}

/// A share interval in tenths of a percent from part / total.
fn implied_share(part: Interval, total: Interval) -> Option<(f64, f64)> {
    let (pl, tl) = (part.low? as f64, total.low? as f64);
    let low = match total.high {
        Some(th) if th > 0 => pl / th as f64 * 100.0,
        _ => 0.0,
    };
    let high = match part.high {
        Some(ph) if tl > 0.0 => (ph as f64 / tl * 100.0).min(100.0),
        _ => 100.0,
    };
    Some((low, high))
}

fn percent_range(low: f64, high: f64) -> String {
    if (high - low).abs() < 0.05 {
        format!("{low:.1}%")
    } else {
        format!("{low:.1}% to {high:.1}%")
    }
}

fn claim_range(o: &Observation) -> (f64, f64) {
    let i = o.interval();
    (
        i.low.unwrap_or(0) as f64,
        i.high.map_or(100.0, |h| h as f64),
    )
}

/// Share claims against the shares complete breakdowns of the same metric imply.
fn share_claims(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    for claim in ds.observations.iter().filter(|o| o.basis == Basis::Share) {
        for r in ds
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Complete)
        {
            let (Some(total), Some(part)) = (ds.find(&r.total_id), ds.find(&r.part_id)) else {
                continue;
            };
            if total.metric != claim.metric
                || part.category != claim.category
                || total.unit == "percent"
            {
                continue;
            }
            let Some((low, high)) = implied_share(part.interval(), total.interval()) else {
                continue;
            };
            let (cl, ch) = claim_range(claim);
            let holds = high >= cl && low <= ch;
            let period = |o: &Observation| match o.period_start {
                Some(s) => format!("{s}..{}", o.reference_date()),
                None => o.date.to_string(),
            };
            out.push(DerivedCheck {
                check: "share_claim",
                subject: describe(claim),
                claimed: format!("{} ({})", share_text(claim), claim.date),
                computed: format!(
                    "{} = {} / {} ({})",
                    percent_range(low, high),
                    part.interval(),
                    total.interval(),
                    period(total)
                ),
                verdict: if holds {
                    Verdict::Holds
                } else {
                    Verdict::Fails
                },
                explanation: format!(
                    "the claim of {} is {} the share in the published breakdown of {}",
                    claim.date,
                    if holds {
                        "consistent with"
                    } else {
                        "not borne out by"
                    },
                    period(total)
                ),
                ids: vec![claim.id.clone(), part.id.clone(), total.id.clone()],
            });
        }
    }
    out
}

fn share_text(o: &Observation) -> String {
    let i = o.interval();
    match (i.low, i.high) {
        (Some(l), None) => format!("more than {l}%"),
        (Some(l), Some(h)) if l == h => format!("{l}%"),
        (Some(l), Some(h)) => format!("{l}% to {h}%"),
        _ => "?".into(),
    }
}

/// Daily-rate claims against period totals of the same metric and category.
fn rate_claims(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    for claim in ds
        .observations
        .iter()
        .filter(|o| o.basis == Basis::Rate && o.unit == "per_day")
    {
        for total in ds.observations.iter().filter(|o| {
            o.basis == Basis::Period
                && o.metric == claim.metric
                && o.category == claim.category
                && o.unit == "count"
        }) {
            let (Some(start), Some(end)) = (total.period_start, total.period_end) else {
                continue;
            };
            let days = end.days_since_epoch() - start.days_since_epoch() + 1;
            if days <= 0 {
                continue;
            }
            let t = total.interval();
            let low = t.low.unwrap_or(0) as f64 / days as f64;
            let high = t.high.map(|h| h as f64 / days as f64);
            let claimed = claim.interval();
            let cl = claimed.low.unwrap_or(0) as f64;
            let holds =
                high.is_none_or(|h| h >= cl) && claimed.high.is_none_or(|ch| low <= ch as f64);
            let computed = match high {
                Some(h) if (h - low).abs() < 0.05 => format!("{low:.1} per day"),
                Some(h) => format!("{low:.1} to {h:.1} per day"),
                None => format!("{low:.1} or more per day"),
            };
            out.push(DerivedCheck {
                check: "rate_claim",
                subject: describe(claim),
                claimed: format!("{} per day ({})", claimed, claim.date),
                computed: format!("{computed} = {} / {days} days ({start}..{end})", t),
                verdict: if holds {
                    Verdict::Holds
                } else {
                    Verdict::Fails
                },
                explanation: format!(
                    "the daily rate claimed on {} {} the total published for {start}..{end}",
                    claim.date,
                    if holds { "fits" } else { "is not borne out by" }
                ),
                ids: vec![claim.id.clone(), total.id.clone()],
            });
        }
    }
    out
}

fn parts_exceeding_totals(ds: &Dataset) -> Vec<DerivedCheck> {
    let mut out = Vec::new();
    for r in ds
        .relations
        .iter()
        .filter(|r| r.kind != RelationKind::Restates)
    {
        let (Some(total), Some(part)) = (ds.find(&r.total_id), ds.find(&r.part_id)) else {
            continue;
        };
        if let (Some(pl), Some(th)) = (part.interval().low, total.interval().high) {
            if pl > th {
                out.push(DerivedCheck {
                    check: "part_exceeds_total",
                    subject: describe(part),
                    claimed: format!("part {} = {}", part.id, part.interval()),
                    computed: format!("total {} = {}", total.id, total.interval()),
                    verdict: Verdict::Fails,
                    explanation: "a part is larger than its total".into(),
                    ids: vec![part.id.clone(), total.id.clone()],
                });
            }
        }
    }
    out
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
    let part_ids: Vec<&str> = checks
        .iter()
        .filter(|c| c.kind == RelationKind::Complete)
        .flat_map(|c| c.part_ids.iter().map(String::as_str))
        .collect();
    on_day
        .iter()
        .filter(|o| !part_ids.contains(&o.id.as_str()))
        .map(|o| {
            let check = checks
                .iter()
                .find(|c| c.total_id == o.id && c.kind == RelationKind::Complete);
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
                figure: describe(o),
                published: o.interval(),
                approx: o.qualifier == crate::dataset::Qualifier::Approx,
                parts,
                computed: check.map(|c| c.parts),
                status: check.map_or("as published".to_string(), |c| c.status.to_string()),
                quote: o.quote.clone(),
            }
        })
        .collect()
}

impl Reconciliation {
    pub fn relations_table(&self) -> Table {
        let mut t = Table::new(&[
            "total_id",
            "kind",
            "parts",
            "published_low",
            "published_high",
            "parts_low",
            "parts_high",
            "difference",
            "status",
        ]);
        for r in &self.relations {
            t.rows.push(vec![
                Cell::text(&r.total_id),
                Cell::text(r.kind.as_str()),
                Cell::text(r.part_ids.join(" + ")),
                Cell::opt_int(r.published.low),
                Cell::opt_int(r.published.high),
                Cell::opt_int(r.parts.low),
                Cell::opt_int(r.parts.high),
                if r.difference.is_exact() {
                    Cell::opt_int(r.difference.low)
                } else {
                    Cell::text(r.difference.to_string())
                },
                Cell::text(r.status.as_str()),
            ]);
        }
        t
    }

    pub fn checks_table(&self) -> Table {
        let mut t = Table::new(&[
            "check",
            "subject",
            "claimed",
            "computed",
            "verdict",
            "explanation",
            "ids",
        ]);
        for c in &self.checks {
            t.rows.push(vec![
                Cell::text(c.check),
                Cell::text(&c.subject),
                Cell::text(&c.claimed),
                Cell::text(&c.computed),
                Cell::text(c.verdict.as_str()),
                Cell::text(&c.explanation),
                Cell::text(c.ids.join(" ")),
            ]);
        }
        t
    }

    pub fn announcement_table(&self) -> Table {
        let mut t = Table::new(&["figure", "published", "parts", "computed", "status", "id"]);
        for f in &self.announcement {
            let parts: Vec<String> = f
                .parts
                .iter()
                .map(|(c, v)| format!("{} {}", c.replace('_', " "), v))
                .collect();
            t.rows.push(vec![
                Cell::text(&f.figure),
                Cell::text(format!(
                    "{}{}",
                    f.published,
                    if f.approx { " (approx.)" } else { "" }
                )),
                if parts.is_empty() {
                    Cell::Empty
                } else {
                    Cell::text(parts.join(" + "))
                },
                f.computed
                    .map_or(Cell::Empty, |c| Cell::text(c.to_string())),
                Cell::text(&f.status),
                Cell::text(&f.id),
            ]);
        }
        t
    }
}

/// Which part of a reconciliation to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    All,
    Relations,
    Checks,
    Announcement,
}

fn sections(rec: &Reconciliation, section: Section) -> Vec<(&'static str, String, Table)> {
    let title = match rec.announcement_date {
        Some(d) => format!("Figures announced on {d}"),
        None => "Figures of the latest announcement".into(),
    };
    let all = [
        (
            "relations",
            "Published totals and their parts".to_string(),
            rec.relations_table(),
        ),
        (
            "checks",
            "Claims tested against other figures".to_string(),
            rec.checks_table(),
        ),
        ("announcement", title, rec.announcement_table()),
    ];
    all.into_iter()
        .filter(|(name, _, _)| match section {
            Section::All => true,
            Section::Relations => *name == "relations",
            Section::Checks => *name == "checks",
            Section::Announcement => *name == "announcement",
        })
        .collect()
}

/// A reconciliation in a text format; CSV holds one table.
pub fn render(rec: &Reconciliation, format: Format, section: Section) -> anyhow::Result<Vec<u8>> {
    let chosen = sections(rec, section);
    match format {
        // CSV holds one table: the relations, unless --section names another.
        Format::Csv => output::render(&chosen[0].2, Format::Csv),
        Format::Json => {
            let mut obj = serde_json::Map::new();
            for (name, _, table) in &chosen {
                let v: serde_json::Value =
                    serde_json::from_slice(&output::render(table, Format::Json)?)?;
                obj.insert(name.to_string(), v);
            }
            if let Some(d) = rec.announcement_date {
                obj.insert("announcement_date".into(), d.to_string().into());
            }
            obj.insert("failures".into(), rec.has_failures().into());
            let mut out = serde_json::to_vec_pretty(&serde_json::Value::Object(obj))?;
            out.push(b'\n');
            Ok(out)
        }
        Format::Markdown | Format::Table => {
            let mut out = Vec::new();
            for (i, (_, heading, table)) in chosen.iter().enumerate() {
                if i > 0 {
                    out.push(b'\n');
                }
                if format == Format::Markdown {
                    out.extend(format!("## {heading}\n\n").as_bytes());
                } else {
                    out.extend(
                        format!("{heading}\n{}\n", "=".repeat(heading.chars().count())).as_bytes(),
                    );
                }
                out.extend(output::render(table, format)?);
            }
            Ok(out)
        }
    }
}
