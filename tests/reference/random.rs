//! Random small packages of every basis, and random questions about them, from a
//! seed: the same seed writes the same package, so a failure names its seed.
//!
//! Each package holds many metrics, so one package answers many questions: single
//! actions of every qualifier; breakdowns (a total and its complete parts, nested;
//! partial parts; restatements); period totals of a month, a quarter, a half, a year
//! and spans across months; running totals of several series with restatements and
//! ties; rates and shares; fines declared per item; a metric in two units and one
//! in two bases.

use std::fmt::Write;

use super::{Day, Question};

/// SplitMix64: small, seeded, good enough to spread cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const REGIONS: [&str; 5] = ["national", "Guangdong", "Beijing", "Guangzhou", "Shenzhen"];
/// The places within places the packages declare (`cleanweb:hierarchies`).
pub const HIERARCHY: &str = r#"{"dimension":"region","levels":["nation","province","city"],"parents":{"Guangzhou":"Guangdong","Shenzhen":"Guangdong","Guangdong":"national","Beijing":"national"}}"#;
const AUTHORITIES: [&str; 2] = ["Office", "Police"];
const CATEGORIES: [&str; 4] = ["", "fraud", "pornography", "rumors"];
const ENTITIES: [&str; 3] = ["", "Sohu", "Tencent"];
pub const METRICS: [&str; 9] = ["ev", "bk", "pe", "cu", "ra", "sh", "fi", "un", "mx"];

/// A package being written: its rows, relations and per-item declarations.
pub struct Gen {
    pub rng: Rng,
    /// Values with decimals (DESIGN: "an exact decimal as written").
    decimals: bool,
    pub rows: Vec<String>,
    pub relations: String,
    pub items: Vec<String>,
    next_id: usize,
}

/// The columns of one row other than id, metric, unit and basis.
#[derive(Clone)]
struct Cols {
    date: Day,
    start: Option<Day>,
    end: Option<Day>,
    authority: &'static str,
    region: &'static str,
    category: &'static str,
    entity: &'static str,
}

fn day_after(d: Day, days: u32) -> Day {
    let last = d.last_of_month().d;
    if d.d + days <= last {
        Day { d: d.d + days, ..d }
    } else if d.m == 12 {
        Day {
            y: d.y + 1,
            m: 1,
            d: 1,
        }
    } else {
        Day {
            m: d.m + 1,
            d: 1,
            ..d
        }
    }
}

impl Gen {
    pub fn new(seed: u64, decimals: bool) -> Gen {
        let mut g = Gen {
            rng: Rng::new(seed),
            decimals,
            rows: Vec::new(),
            relations: String::new(),
            items: Vec::new(),
            next_id: 0,
        };
        g.single_actions("ev", "count", 25);
        g.breakdowns();
        g.period_totals();
        g.running_totals();
        g.singles("ra", "per_day", "rate");
        g.singles("sh", "percent", "share");
        g.fines();
        g.two_units();
        g.two_bases();
        g
    }

    pub fn day(&mut self) -> Day {
        let y = if self.rng.chance(80) { 2014 } else { 2015 };
        let m = 1 + self.rng.below(12) as u32;
        let d = Day { y, m, d: 1 };
        if self.rng.chance(10) {
            d.last_of_month()
        } else {
            Day {
                d: 1 + self.rng.below(28) as u32,
                ..d
            }
        }
    }

    fn value(&mut self) -> String {
        let whole = match self.rng.below(20) {
            0 => i64::MAX as u64 - self.rng.below(1000),
            1 => self.rng.below(1 << 62),
            2 => 0,
            _ => self.rng.below(5000),
        };
        if self.decimals && self.rng.chance(50) && whole < 1 << 40 {
            let places = 1 + self.rng.below(4) as usize;
            let frac = self.rng.below(10u64.pow(places as u32));
            format!("{whole}.{frac:0places$}")
        } else {
            whole.to_string()
        }
    }

    /// A value and its qualifier: `(value, value_max, qualifier)`.
    fn figure(&mut self) -> (String, String, &'static str) {
        let v = self.value();
        match self.rng.below(20) {
            0..=7 => (v, String::new(), "exact"),
            8..=10 => (v, String::new(), "at_least"),
            11..=13 => (v, String::new(), "at_most"),
            14..=15 => (v, String::new(), "approx"),
            _ => {
                let low: u64 = self.rng.below(5000);
                let max = low + self.rng.below(5000);
                (low.to_string(), max.to_string(), "range")
            }
        }
    }

    fn cols(&mut self) -> Cols {
        let date = self.day();
        Cols {
            date,
            start: None,
            end: None,
            authority: self.rng.pick(&AUTHORITIES),
            region: self.rng.pick(&REGIONS),
            category: self.rng.pick(&CATEGORIES),
            entity: self.rng.pick(&ENTITIES),
        }
    }

    /// Writes a row; returns its id.
    fn row(
        &mut self,
        metric: &str,
        unit: &str,
        basis: &str,
        c: &Cols,
        fig: (String, String, &str),
    ) -> String {
        self.next_id += 1;
        let id = format!("{metric}_{}", self.next_id);
        let opt = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
        let (v, max, q) = fig;
        let mut s = String::new();
        write!(
            s,
            "{id},{},{},{},{},{},{metric},{},{},{v},{max},{q},{unit},{basis},\"q {v}\",s,",
            c.date,
            opt(c.start),
            opt(c.end),
            c.authority,
            c.region,
            c.category,
            c.entity
        )
        .unwrap();
        self.rows.push(s);
        id
    }

    fn relate(&mut self, total: &str, part: &str, kind: &str) {
        writeln!(self.relations, "{total},{part},{kind}").unwrap();
    }

    fn single_actions(&mut self, metric: &str, unit: &str, most: u64) {
        for _ in 0..self.rng.below(most + 1) {
            let mut c = self.cols();
            if self.rng.chance(15) {
                // Announced later: the action belongs to the day it happened.
                let happened = c.date;
                c.date = day_after(happened, 1 + self.rng.below(40) as u32);
                (c.start, c.end) = (Some(happened), Some(happened));
            }
            let fig = self.figure();
            self.row(metric, unit, "event", &c, fig);
        }
    }

    /// Totals and their parts: complete breakdowns by category, one part broken down
    /// again by entity; partial parts; restatements.
    fn breakdowns(&mut self) {
        for _ in 0..1 + self.rng.below(3) {
            let mut c = self.cols();
            (c.category, c.entity) = ("", "");
            let fig = self.figure();
            let total = self.row("bk", "count", "event", &c, fig);
            let mut cats = CATEGORIES.to_vec();
            for i in 0..2 + self.rng.below(3) as usize {
                let mut pc = c.clone();
                if self.rng.chance(15) {
                    pc.date = day_after(c.date, self.rng.below(40) as u32);
                }
                pc.category = if self.rng.chance(80) && cats.len() > 1 {
                    cats.remove(1 + self.rng.below(cats.len() as u64 - 1) as usize)
                } else {
                    ""
                };
                let fig = self.figure();
                let part = self.row("bk", "count", "event", &pc, fig);
                self.relate(&total, &part, "complete");
                if i == 0 && self.rng.chance(50) {
                    for e in ["Sohu", "Tencent"] {
                        let ec = Cols {
                            entity: e,
                            ..pc.clone()
                        };
                        let fig = self.figure();
                        let sub = self.row("bk", "count", "event", &ec, fig);
                        self.relate(&part, &sub, "complete");
                    }
                }
            }
            if self.rng.chance(50) {
                let pc = Cols {
                    region: self.rng.pick(&REGIONS),
                    ..c.clone()
                };
                let fig = self.figure();
                let part = self.row("bk", "count", "event", &pc, fig);
                self.relate(&total, &part, "partial");
            }
        }
        for _ in 0..self.rng.below(3) {
            let c = self.cols();
            let fig = self.figure();
            let first = self.row("bk", "count", "event", &c, fig);
            let later = Cols {
                date: day_after(c.date, self.rng.below(10) as u32),
                ..c
            };
            let fig = self.figure();
            let again = self.row("bk", "count", "event", &later, fig);
            self.relate(&first, &again, "restates");
        }
    }

    fn period_totals(&mut self) {
        for _ in 0..self.rng.below(15) {
            let mut c = self.cols();
            let first = Day { d: 1, ..c.date };
            let (start, end) = match self.rng.below(6) {
                0 => (first, first.last_of_month()),
                1 => (c.date, day_after(c.date, self.rng.below(20) as u32)),
                2 => {
                    let q = (c.date.m - 1) / 3 * 3 + 1;
                    (
                        Day {
                            m: q,
                            d: 1,
                            ..c.date
                        },
                        Day {
                            m: q + 2,
                            d: 1,
                            ..c.date
                        }
                        .last_of_month(),
                    )
                }
                3 => {
                    let h = (c.date.m - 1) / 6 * 6 + 1;
                    (
                        Day {
                            m: h,
                            d: 1,
                            ..c.date
                        },
                        Day {
                            m: h + 5,
                            d: 1,
                            ..c.date
                        }
                        .last_of_month(),
                    )
                }
                4 => (
                    Day {
                        m: 1,
                        d: 1,
                        ..c.date
                    },
                    Day {
                        m: 12,
                        d: 31,
                        ..c.date
                    },
                ),
                _ => (
                    c.date,
                    day_after(day_after(c.date, 28), self.rng.below(60) as u32),
                ),
            };
            c.start = Some(start);
            c.end = Some(end);
            c.date = day_after(end, self.rng.below(10) as u32);
            let fig = self.figure();
            self.row("pe", "count", "period", &c, fig);
        }
    }

    /// Snapshots of a few series, mostly rising, with restatements, ties and a
    /// breakdown of one day's total by category.
    fn running_totals(&mut self) {
        let start = Day {
            y: 2014,
            m: 1,
            d: 1,
        };
        for _ in 0..1 + self.rng.below(3) {
            let base = self.cols();
            let mut day = base.date;
            let mut ids: Vec<String> = Vec::new();
            for _ in 0..1 + self.rng.below(6) {
                day = day_after(day, self.rng.below(45) as u32);
                let mut c = Cols {
                    date: day,
                    start: Some(start),
                    end: Some(day),
                    ..base.clone()
                };
                if self.rng.chance(20) {
                    // The running total to an earlier day, announced now.
                    c.date = day_after(day, 1 + self.rng.below(30) as u32);
                }
                if self.rng.chance(10) {
                    (c.start, c.end) = (None, None);
                }
                let fig = self.figure();
                ids.push(self.row("cu", "count", "cumulative", &c, fig));
            }
            if ids.len() > 1 && self.rng.chance(40) {
                let (a, b) = (
                    self.rng.below(ids.len() as u64),
                    self.rng.below(ids.len() as u64),
                );
                if a != b {
                    let (a, b) = (ids[a as usize].clone(), ids[b as usize].clone());
                    self.relate(&a, &b, "restates");
                }
            }
        }
        if self.rng.chance(60) {
            let mut c = self.cols();
            (c.start, c.end, c.category, c.entity) = (Some(start), Some(c.date), "", "");
            let fig = self.figure();
            let total = self.row("cu", "count", "cumulative", &c, fig);
            for cat in &CATEGORIES[1..] {
                let pc = Cols {
                    category: cat,
                    ..c.clone()
                };
                let fig = self.figure();
                let part = self.row("cu", "count", "cumulative", &pc, fig);
                self.relate(&total, &part, "complete");
            }
        }
    }

    fn singles(&mut self, metric: &str, unit: &str, basis: &str) {
        for _ in 0..self.rng.below(6) {
            let mut c = self.cols();
            if self.rng.chance(50) {
                c.start = Some(Day { d: 1, ..c.date });
                c.end = Some(c.date.last_of_month());
                c.date = day_after(c.date.last_of_month(), self.rng.below(10) as u32);
            }
            let mut fig = self.figure();
            if unit == "percent" {
                // A share is at most 100 percent, however it is worded.
                let cap = |v: &str| v.split('.').next().unwrap().parse::<u64>().unwrap() % 101;
                fig.0 = cap(&fig.0).to_string();
                if !fig.1.is_empty() {
                    fig.1 = (cap(&fig.0) + self.rng.below(101 - cap(&fig.0))).to_string();
                }
            }
            self.row(metric, unit, basis, &c, fig);
        }
    }

    /// Fines, some declared for each of several items.
    fn fines(&mut self) {
        for _ in 0..self.rng.below(8) {
            let c = self.cols();
            let fig = self.figure();
            let id = self.row("fi", "yuan", "event", &c, fig);
            if self.rng.chance(50) {
                let n = 1 + self.rng.below(6);
                let items = match self.rng.below(3) {
                    0 => format!(r#""items":{n},"count":"exactly""#),
                    1 => format!(r#""items":{n},"count":"at_most""#),
                    _ => r#""count":"unknown""#.to_string(),
                };
                self.items
                    .push(format!(r#"{{"id":"{id}",{items},"why":"each"}}"#));
            }
        }
    }

    fn two_units(&mut self) {
        self.single_actions("un", "count", 4);
        self.single_actions("un", "years", 2);
    }

    fn two_bases(&mut self) {
        self.single_actions("mx", "count", 4);
        if self.rng.chance(70) {
            let mut c = self.cols();
            (c.start, c.end) = (
                Some(Day {
                    y: 2014,
                    m: 1,
                    d: 1,
                }),
                Some(c.date),
            );
            let fig = self.figure();
            self.row("mx", "count", "cumulative", &c, fig);
        }
    }

    /// `datapackage.json` of the package.
    pub fn descriptor(&self) -> String {
        format!(
            r#"{{"name":"p","resources":[
            {{"name":"observations","path":"observations.csv","schema":{{"fields":[{{"name":"value"}}]}}}},
            {{"name":"relations","path":"relations.csv","schema":{{"fields":[{{"name":"total_id"}}]}}}}],
            "cleanweb:per_item":[{}],"cleanweb:hierarchies":[{HIERARCHY}]}}"#,
            self.items.join(",")
        )
    }

    /// A random question about the package.
    pub fn question(&mut self) -> Question {
        const BY: [&[&str]; 12] = [
            &["month"],
            &["month"],
            &["category"],
            &["region"],
            &["authority"],
            &["entity"],
            &["metric"],
            &["period"],
            &["month", "category"],
            &["region", "month"],
            &["category", "entity"],
            &["month", "region", "category"],
        ];
        let r = &mut self.rng;
        let metric = r.pick(&METRICS);
        let mut metrics = vec![metric.to_string()];
        if r.chance(15) {
            metrics.push(r.pick(&METRICS).to_string());
        }
        if r.chance(3) {
            metrics.push("no_such".into());
        }
        let by: Vec<String> = r.pick(&BY).iter().map(|s| s.to_string()).collect();
        let basis = match r.below(10) {
            0..=5 => None,
            6..=8 => Some(basis_of(metric).to_string()),
            _ => Some(
                r.pick(&["event", "cumulative", "period", "rate", "share"])
                    .to_string(),
            ),
        };
        let increments = metric == "cu" && r.chance(40) || r.chance(3);
        let region = r.chance(15).then(|| r.pick(&REGIONS).to_string());
        let category = r.chance(15).then(|| r.pick(&CATEGORIES).to_string());
        let unit = r
            .chance(10)
            .then(|| r.pick(&["count", "years", "yuan"]).to_string());
        let up_to = r.chance(15).then(|| {
            r.pick(&["nation", "province", "city", "county"])
                .to_string()
        });
        let mut q = Question {
            metrics,
            by,
            basis,
            increments,
            region,
            category,
            unit,
            up_to,
            ..Question::default()
        };
        if self.rng.chance(30) {
            q.from = Some(self.day());
        }
        if self.rng.chance(30) {
            q.to = Some(self.day());
        }
        if let (Some(a), Some(b)) = (q.from, q.to) {
            (q.from, q.to) = (Some(a.min(b)), Some(a.max(b)));
        }
        q
    }
}

fn basis_of(metric: &str) -> &'static str {
    match metric {
        "pe" => "period",
        "cu" => "cumulative",
        "ra" => "rate",
        "sh" => "share",
        _ => "event",
    }
}
