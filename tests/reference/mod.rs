//! A reference model of `cleanweb aggregate`, written from the rules of
//! `../shared/DESIGN.md` ("Semantics: what may be added to what", "Values") and
//! nothing of `src/`: the oracle the summing engine is judged by.
//!
//! It is meant to be read and believed: plain loops over a few dozen figures, no
//! speed, no streaming. Values are exact decimals, held as integers of
//! ten-thousandths, so a sum is exact and never overflows (`i128`).
//!
//! - A figure is an interval: exact and approx `[v, v]` (approx marked), at_least
//!   `[v, open)`, at_most `[0, v]`, range `[v, value_max]`; a figure declared for
//!   each of several items (`cleanweb:per_item`) is that interval times the items.
//! - Single actions and period totals are summed into their group; a period total
//!   belongs to a month only when its whole period is in that month.
//! - Running totals are snapshots of one series (metric, region, category, entity,
//!   unit), never summed: a group shows its last snapshot, and increments are the
//!   differences between consecutive snapshots.
//! - Rates and shares are never summed: one figure a group.
//! - A total and its parts are never both counted ([`breakdowns`]).
//! - A month with no figure is not reported (no value, `n` 0), not zero.
//! - With `--up-to LEVEL`, a figure counts under the value at that level of a
//!   declared hierarchy that holds it ([`places`]).
//! - Mixed units, bases or metrics are refused, naming the option that answers.
//!
//! [`relations`] checks the relations as `reconcile` must; [`random`] writes the
//! packages the tool and the model are compared on; [`output`] reads the tool's CSV.

pub mod breakdowns;
mod months;
pub mod output;
mod places;
pub use places::Hierarchy;
pub mod random;
pub mod relations;

use std::collections::{BTreeMap, BTreeSet};

/// Decimal places a value may have; values are held as integers of `1/10^SCALE`.
pub const SCALE: u32 = 4;
pub const ONE: i128 = 10i128.pow(SCALE);

/// A day of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Day {
    pub fn parse(s: &str) -> Day {
        let p: Vec<&str> = s.split('-').collect();
        assert_eq!(p.len(), 3, "not a date: {s}");
        Day {
            y: p[0].parse().unwrap(),
            m: p[1].parse().unwrap(),
            d: p[2].parse().unwrap(),
        }
    }
    pub fn opt(s: &str) -> Option<Day> {
        (!s.is_empty()).then(|| Day::parse(s))
    }
    pub fn month(self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }
    pub fn last_of_month(self) -> Day {
        let leap = (self.y % 4 == 0 && self.y % 100 != 0) || self.y % 400 == 0;
        let d = match self.m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        Day { d, ..self }
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// An interval; `None` is an open end (below: no lower bound at all, which only a
/// difference can give).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Iv {
    pub low: Option<i128>,
    pub high: Option<i128>,
}

impl Iv {
    pub fn add(self, b: Iv) -> Iv {
        Iv {
            low: self.low.zip(b.low).map(|(x, y)| x + y),
            high: self.high.zip(b.high).map(|(x, y)| x + y),
        }
    }
    /// `self - b`: from the lowest `self` less the highest `b`, to the highest
    /// `self` less the lowest `b`.
    pub fn minus(self, b: Iv) -> Iv {
        Iv {
            low: self.low.zip(b.high).map(|(x, y)| x - y),
            high: self.high.zip(b.low).map(|(x, y)| x - y),
        }
    }
}

/// An exact decimal as written, in ten-thousandths: "12", "0.8409", "2.5".
pub fn decimal(s: &str) -> i128 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let frac = if frac.len() > SCALE as usize {
        frac.trim_end_matches('0')
    } else {
        frac
    };
    assert!(
        frac.len() <= SCALE as usize,
        "more decimals than the model holds: {s}"
    );
    let frac_v: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().unwrap()
    };
    whole.parse::<i128>().unwrap() * ONE + frac_v * 10i128.pow(SCALE - frac.len() as u32)
}

/// How many items a figure holds for (`cleanweb:per_item`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Items {
    Exactly(i128),
    AtMost(i128),
    Unknown,
}

/// One observation: the 17 columns that matter to sums, its interval worked out.
#[derive(Debug, Clone)]
pub struct Figure {
    pub id: String,
    pub date: Day,
    pub start: Option<Day>,
    pub end: Option<Day>,
    pub authority: String,
    pub region: String,
    pub metric: String,
    pub category: String,
    pub entity: String,
    pub iv: Iv,
    pub approx: bool,
    pub unit: String,
    pub basis: String,
}

impl Figure {
    /// The day it belongs to: the end of its span, else the day it was announced.
    pub fn day(&self) -> Day {
        self.end.unwrap_or(self.date)
    }
    /// The first day of its span, as the date filters read it: a period total's
    /// start, every other figure's own day.
    fn first_day(&self) -> Day {
        if self.basis == "period" {
            self.start.unwrap_or(self.date)
        } else {
            self.day()
        }
    }
    /// Its month, or `None` for a period total whose period spans months.
    fn month(&self) -> Option<String> {
        let m = self.day().month();
        (self.first_day().month() == m).then_some(m)
    }
    /// The span it covers in calendar words: `2014-09`, `2014-Q3`, `2014-H1`,
    /// `2014`, a single day, else `start..end`.
    fn period(&self) -> String {
        let end = self.day();
        let start = match self.basis.as_str() {
            "period" | "rate" | "share" => self.start.unwrap_or(end),
            _ => end,
        };
        if start == end {
            return start.to_string();
        }
        let whole = start.d == 1 && end == end.last_of_month() && start.y == end.y;
        let months = end.m as i64 - start.m as i64 + 1;
        match (whole, months, start.m) {
            (true, 1, _) => start.month(),
            (true, 3, m) if m % 3 == 1 => format!("{}-Q{}", start.y, m / 3 + 1),
            (true, 6, m) if m % 6 == 1 => format!("{}-H{}", start.y, m / 6 + 1),
            (true, 12, 1) => start.y.to_string(),
            _ => format!("{start}..{end}"),
        }
    }
    /// Its value of a key; `None`: it has none (a period total by month).
    pub fn key(&self, by: &str) -> Option<String> {
        Some(match by {
            "month" => return self.month(),
            "period" => self.period(),
            "category" => self.category.clone(),
            "region" => self.region.clone(),
            "authority" => self.authority.clone(),
            "entity" => self.entity.clone(),
            "metric" => self.metric.clone(),
            other => panic!("the model has no key {other}"),
        })
    }
    fn series(&self) -> [&str; 5] {
        [
            &self.metric,
            &self.region,
            &self.category,
            &self.entity,
            &self.unit,
        ]
    }
}

/// `total_id,part_id,kind`.
#[derive(Debug, Clone)]
pub struct Relation {
    pub total: String,
    pub part: String,
    pub kind: String,
}

#[derive(Debug, Clone, Default)]
pub struct Package {
    pub figures: Vec<Figure>,
    pub relations: Vec<Relation>,
    pub hierarchies: Vec<Hierarchy>,
}

impl Package {
    /// From the observation table as CSV (the header names the columns), the
    /// relations as CSV, and the per-item declarations.
    pub fn read(observations: &str, relations: &str, items: &[(String, Items)]) -> Package {
        let mut rdr = csv::Reader::from_reader(observations.as_bytes());
        let header = rdr.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut figures = Vec::new();
        for rec in rdr.records() {
            let r = rec.unwrap();
            let get = |name: &str| r[col(name)].to_string();
            let v = decimal(&get("value"));
            let max = get("value_max");
            let q = get("qualifier");
            let each = match q.as_str() {
                "exact" | "approx" => Iv {
                    low: Some(v),
                    high: Some(v),
                },
                "at_least" => Iv {
                    low: Some(v),
                    high: None,
                },
                "at_most" => Iv {
                    low: Some(0),
                    high: Some(v),
                },
                "range" => Iv {
                    low: Some(v),
                    high: (!max.is_empty()).then(|| decimal(&max)),
                },
                other => panic!("qualifier {other}"),
            };
            let id = get("id");
            let iv = match items.iter().find(|(i, _)| *i == id).map(|(_, n)| *n) {
                None => each,
                Some(Items::Exactly(n)) => Iv {
                    low: each.low.map(|l| l * n),
                    high: each.high.map(|h| h * n),
                },
                Some(Items::AtMost(n)) => Iv {
                    low: each.low,
                    high: each.high.map(|h| h * n),
                },
                Some(Items::Unknown) => Iv {
                    low: each.low,
                    high: None,
                },
            };
            figures.push(Figure {
                id,
                date: Day::parse(&get("date")),
                start: Day::opt(&get("period_start")),
                end: Day::opt(&get("period_end")),
                authority: get("authority"),
                region: get("region"),
                metric: get("metric"),
                category: get("category"),
                entity: get("entity"),
                iv,
                approx: q == "approx",
                unit: get("unit"),
                basis: get("basis"),
            });
        }
        let mut rdr = csv::Reader::from_reader(relations.as_bytes());
        let relations = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                Relation {
                    total: r[0].to_string(),
                    part: r[1].to_string(),
                    kind: r[2].to_string(),
                }
            })
            .collect();
        Package {
            figures,
            relations,
            hierarchies: Vec::new(),
        }
    }
}

/// A question, as `cleanweb aggregate` takes it.
#[derive(Debug, Clone, Default)]
pub struct Question {
    pub metrics: Vec<String>,
    pub by: Vec<String>,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub region: Option<String>,
    pub category: Option<String>,
    pub basis: Option<String>,
    pub unit: Option<String>,
    pub increments: bool,
    /// `--up-to LEVEL` of a hierarchy.
    pub up_to: Option<String>,
}

impl Question {
    pub fn args(&self) -> Vec<String> {
        let mut a = vec![
            "aggregate".to_string(),
            "--metric".into(),
            self.metrics.join(","),
        ];
        a.extend(["--by".into(), self.by.join(",")]);
        let mut opt = |flag: &str, v: Option<String>| {
            if let Some(v) = v {
                a.extend([flag.to_string(), v]);
            }
        };
        opt("--from", self.from.map(|d| d.to_string()));
        opt("--to", self.to.map(|d| d.to_string()));
        opt("--region", self.region.clone());
        opt("--category", self.category.clone());
        opt("--basis", self.basis.clone());
        opt("--unit", self.unit.clone());
        opt("--up-to", self.up_to.clone());
        if self.increments {
            a.push("--increments".into());
        }
        a.extend(["--format".into(), "csv".into()]);
        a
    }

    /// The question `cleanweb aggregate ARGS` asks (the options [`Question::args`]
    /// writes).
    pub fn parse(args: &[&str]) -> Question {
        let mut q = Question::default();
        let list = |v: &str| v.split(',').map(String::from).collect::<Vec<_>>();
        let mut it = args.iter();
        while let Some(&flag) = it.next() {
            if flag == "--increments" {
                q.increments = true;
                continue;
            }
            let v = *it.next().unwrap();
            match flag {
                "--metric" => q.metrics = list(v),
                "--by" => q.by = list(v),
                "--from" => q.from = Some(Day::parse(v)),
                "--to" => q.to = Some(Day::parse(v)),
                "--region" => q.region = Some(v.into()),
                "--category" => q.category = Some(v.into()),
                "--basis" => q.basis = Some(v.into()),
                "--unit" => q.unit = Some(v.into()),
                "--up-to" => q.up_to = Some(v.into()),
                other => panic!("the model does not know {other}"),
            }
        }
        q
    }

    fn selects(&self, f: &Figure, basis: Option<&str>) -> bool {
        self.metrics.contains(&f.metric)
            && self.region.as_ref().is_none_or(|r| *r == f.region)
            && self.category.as_ref().is_none_or(|c| *c == f.category)
            && self.unit.as_ref().is_none_or(|u| *u == f.unit)
            && basis.is_none_or(|b| b == f.basis)
            && self.from.is_none_or(|d| f.first_day() >= d)
            && self.to.is_none_or(|d| f.day() <= d)
    }
}

/// What a row's note says, as far as the model knows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    Empty,
    NotReported,
    RunningTotalTo(Day),
    FirstSnapshot,
    Difference,
    Restatement,
    /// A rate or share: its basis and unit.
    Single(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub keys: Vec<String>,
    /// `None`: not reported.
    pub value: Option<Iv>,
    pub n: u64,
    pub approx: bool,
    pub note: Note,
}

/// Why a question is refused: the option its message must name.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    UnknownMetric,
    IncrementsNeedCumulative,
    Units,
    Bases,
    Metrics,
    SeveralSingles,
    SeveralSeries,
    /// `--up-to` with no hierarchy that has the level, or without its dimension
    /// in `--by`.
    NoLevel,
    RollUpNotAKey,
}

impl Refusal {
    /// The option the message suggests (DESIGN: "suggests the option that can").
    pub fn option(&self) -> &'static str {
        match self {
            Refusal::UnknownMetric => "metric",
            Refusal::IncrementsNeedCumulative => "--basis cumulative",
            Refusal::Units => "--unit",
            Refusal::Bases => "--basis",
            Refusal::Metrics | Refusal::SeveralSingles => "--by",
            Refusal::SeveralSeries => "--region",
            Refusal::NoLevel => "--up-to",
            Refusal::RollUpNotAKey => "--by",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Rows(Vec<Row>),
    Refused(Refusal),
    /// A question whose answer DESIGN leaves open (no figure at all, several keys
    /// and a span of months: which groups are "not reported"?).
    Open,
}

/// What `cleanweb aggregate` must answer.
pub fn aggregate(p: &Package, q: &Question) -> Answer {
    if q.metrics
        .iter()
        .any(|m| !p.figures.iter().any(|f| f.metric == *m))
    {
        return Answer::Refused(Refusal::UnknownMetric);
    }
    let basis = match (&q.basis, q.increments) {
        (Some(b), true) if b != "cumulative" => {
            return Answer::Refused(Refusal::IncrementsNeedCumulative)
        }
        (_, true) => Some("cumulative"),
        (b, false) => b.as_deref(),
    };
    let chosen: Vec<&Figure> = p.figures.iter().filter(|f| q.selects(f, basis)).collect();
    let rolled = match places::roll_up(p, q, &chosen) {
        Ok(rolled) => rolled,
        Err(why) => return Answer::Refused(why),
    };
    let chosen: Vec<&Figure> = match &rolled {
        Some(r) => r.iter().collect(),
        None => chosen,
    };
    let units: BTreeSet<&str> = chosen.iter().map(|f| f.unit.as_str()).collect();
    let bases: BTreeSet<&str> = chosen.iter().map(|f| f.basis.as_str()).collect();
    if units.len() > 1 {
        return Answer::Refused(Refusal::Units);
    }
    if bases.len() > 1 {
        return Answer::Refused(Refusal::Bases);
    }
    let basis = bases.into_iter().next().or(basis).unwrap_or("event");
    let metrics: BTreeSet<&str> = chosen.iter().map(|f| f.metric.as_str()).collect();
    let summed = basis == "event" || basis == "period";
    if summed && metrics.len() > 1 && !q.by.iter().any(|b| b == "metric") {
        return Answer::Refused(Refusal::Metrics);
    }
    let counted = breakdowns::counted(p, &chosen, &q.by);
    let rows = match basis {
        "event" | "period" => sums(&counted, &q.by),
        "rate" | "share" => match singles(&counted, &q.by) {
            Some(rows) => rows,
            None => return Answer::Refused(Refusal::SeveralSingles),
        },
        _ => match months::running_totals(&counted, q) {
            Some(rows) => rows,
            None => return Answer::Refused(Refusal::SeveralSeries),
        },
    };
    if !q.by.iter().any(|b| b == "month") || (basis == "cumulative" && q.increments) {
        return Answer::Rows(rows);
    }
    months::not_reported(rows, q)
}

/// The keys of a figure, `None` when it has no value of one of them.
fn keys(f: &Figure, by: &[String]) -> Option<Vec<String>> {
    by.iter().map(|b| f.key(b)).collect()
}

/// Single actions and period totals: each group's figures added.
fn sums(figures: &[&Figure], by: &[String]) -> Vec<Row> {
    let mut groups: BTreeMap<Vec<String>, Row> = BTreeMap::new();
    for f in figures {
        let Some(k) = keys(f, by) else { continue };
        let row = groups.entry(k.clone()).or_insert(Row {
            keys: k,
            value: Some(Iv {
                low: Some(0),
                high: Some(0),
            }),
            n: 0,
            approx: false,
            note: Note::Empty,
        });
        row.value = row.value.map(|v| v.add(f.iv));
        row.n += 1;
        row.approx |= f.approx;
    }
    groups.into_values().collect()
}

/// Rates and shares: one figure a group, never added; `None` when a group has two.
fn singles(figures: &[&Figure], by: &[String]) -> Option<Vec<Row>> {
    let mut groups: BTreeMap<Vec<String>, Vec<&Figure>> = BTreeMap::new();
    for f in figures {
        groups.entry(keys(f, by)?).or_default().push(f);
    }
    groups
        .into_iter()
        .map(|(k, fs)| {
            let [f] = fs[..] else { return None };
            Some(Row {
                keys: k,
                value: Some(f.iv),
                n: 1,
                approx: f.approx,
                note: Note::Single(format!("{} {}", f.basis, f.unit)),
            })
        })
        .collect()
}
