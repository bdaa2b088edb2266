//! What is in a dataset: sources, dates, metrics with their units, bases and counts,
//! regions, authorities, relations, qualified figures, and the months (or quarters,
//! half-years, years: the calendar the figures are published in) with no figure.

use std::collections::{BTreeMap, BTreeSet};

use crate::dataset::{Dataset, Dimension, Month, Observation, Qualifier};
use crate::output::{Cell, Table};

/// A description as titled tables.
pub struct Description {
    pub sections: Vec<(&'static str, Table)>,
}

fn counted(counts: BTreeMap<String, i128>, key: &str) -> Table {
    let mut t = Table::new(&[key, "figures"]);
    let mut rows: Vec<(String, i128)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (k, n) in rows {
        t.rows.push(vec![
            Cell::text(if k.is_empty() {
                "(none)".to_string()
            } else {
                k
            }),
            Cell::Int(n),
        ]);
    }
    t
}

/// Per metric: its units, figures per basis, figures, qualified figures.
type MetricSummary<'a> = (BTreeSet<&'a str>, BTreeMap<&'a str, i128>, i128, i128);

pub fn describe(ds: &Dataset) -> Description {
    let obs = &ds.observations;
    let first = obs.iter().map(|o| o.date).min();
    let last = obs.iter().map(|o| o.date).max();
    let qualified = obs
        .iter()
        .filter(|o| o.qualifier != Qualifier::Exact)
        .count();
    let mut overview = Table::new(&["item", "value"]);
    let mut item = |k: &str, v: Cell| overview.rows.push(vec![Cell::text(k), v]);
    item("name", Cell::text(&ds.name));
    item("title", Cell::text(ds.display_title()));
    item("observations", Cell::Int(obs.len() as i128));
    item("relations", Cell::Int(ds.relations.len() as i128));
    item(
        "first announcement",
        first.map_or(Cell::Empty, |d| Cell::text(d.to_string())),
    );
    item(
        "last announcement",
        last.map_or(Cell::Empty, |d| Cell::text(d.to_string())),
    );
    item(
        "qualified figures (not exact)",
        Cell::Int(qualified as i128),
    );
    let unpublished: Vec<&Observation> = obs
        .iter()
        .filter(|o| o.qualifier == Qualifier::Unknown)
        .collect();
    if !unpublished.is_empty() {
        item(
            "figures not published (unknown)",
            Cell::Int(unpublished.len() as i128),
        );
    }
    for s in &ds.sources {
        let title = if s.title.is_empty() {
            &s.name
        } else {
            &s.title
        };
        item(
            "source",
            Cell::text(format!(
                "{title}{}",
                if s.path.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", s.path)
                }
            )),
        );
    }

    let mut metrics: BTreeMap<&str, MetricSummary> = BTreeMap::new();
    for o in obs {
        let e = metrics.entry(&o.metric).or_default();
        e.0.insert(&o.unit);
        *e.1.entry(o.basis.as_str()).or_default() += 1;
        e.2 += 1;
        if o.qualifier != Qualifier::Exact {
            e.3 += 1;
        }
    }
    let mut metric_table = Table::new(&["metric", "units", "bases", "figures", "qualified"]);
    for (m, (units, bases, n, q)) in metrics {
        let bases: Vec<String> = bases.iter().map(|(b, n)| format!("{b} {n}")).collect();
        metric_table.rows.push(vec![
            Cell::text(m),
            Cell::text(units.into_iter().collect::<Vec<_>>().join(", ")),
            Cell::text(bases.join(", ")),
            Cell::Int(n),
            Cell::Int(q),
        ]);
    }

    let count_by = |f: &dyn Fn(&crate::dataset::Observation) -> String| {
        let mut m: BTreeMap<String, i128> = BTreeMap::new();
        for o in obs {
            *m.entry(f(o)).or_default() += 1;
        }
        m
    };
    let regions = counted(count_by(&|o| o.region.clone()), "region");
    let authorities = counted(count_by(&|o| o.authority.clone()), "authority");
    let mut kinds: BTreeMap<String, i128> = BTreeMap::new();
    for r in &ds.relations {
        *kinds.entry(r.kind.as_str().to_string()).or_default() += 1;
    }
    let relations = counted(kinds, "relation kind");

    let (gaps_title, gaps) = gaps(ds);
    let rounded = rounded_figures(ds);
    let mut sections = vec![
        ("Dataset", overview),
        ("Metrics", metric_table),
        ("Regions", regions),
        ("Authorities", authorities),
        ("Relations", relations),
        (gaps_title, gaps),
    ];
    if !rounded.rows.is_empty() {
        sections.push(("Rounded figures", rounded));
    }
    let per_item = per_item_figures(ds);
    if !per_item.rows.is_empty() {
        sections.push(("Figures for each of several items", per_item));
    }
    if !unpublished.is_empty() {
        sections.push(("Figures not published", not_published(&unpublished)));
    }
    if !ds.seen.is_empty() {
        sections.push(("Dimensions", dimensions(ds)));
        sections.push(("Cells", cells(ds)));
    }
    Description { sections }
}

/// A span of a calendar longer than a month: `2019-H2` is (2019, 2, 2).
type Span = (i32, u8, u8);

/// `2019-H2`, `2019-Q3`, `2019` as a year, its number in the year, and how many the
/// year has; `None` for any other label.
fn span(label: &str) -> Option<Span> {
    let (year, rest) = match label.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (label, None),
    };
    let year: i32 = year.parse().ok().filter(|_| year.len() == 4)?;
    let (per_year, n) = match rest {
        None => (1, "1"),
        Some(r) => match (r.strip_prefix('H'), r.strip_prefix('Q')) {
            (Some(n), _) => (2, n),
            (_, Some(n)) => (4, n),
            _ => return None,
        },
    };
    let n: u8 = n.parse().ok().filter(|n| (1..=per_year).contains(n))?;
    Some((year, n, per_year))
}

/// The months with no figure, or, when every figure covers a quarter (a half-year,
/// a year), the quarters (half-years, years) with none: a table of half-years has no
/// month of its own to miss.
fn gaps(ds: &Dataset) -> (&'static str, Table) {
    let spans: Option<BTreeSet<Span>> = ds
        .observations
        .iter()
        .map(|o| span(&o.key(Dimension::Period)))
        .collect();
    let lengths: BTreeSet<u8> = spans.iter().flatten().map(|s| s.2).collect();
    if let (Some(spans), [per_year]) = (
        spans,
        lengths.iter().copied().collect::<Vec<_>>().as_slice(),
    ) {
        let what = match per_year {
            1 => "year",
            2 => "half-year",
            _ => "quarter",
        };
        let mut t = Table::new(&[&format!("{what} without a figure")]);
        let index = |s: &Span| i64::from(s.0) * i64::from(s.2) + i64::from(s.1) - 1;
        if let (Some(a), Some(b)) = (spans.first(), spans.last()) {
            let present: BTreeSet<i64> = spans.iter().map(index).collect();
            for i in index(a)..=index(b) {
                if !present.contains(&i) {
                    let (year, n) = (
                        i.div_euclid(i64::from(*per_year)),
                        i.rem_euclid(i64::from(*per_year)) + 1,
                    );
                    t.rows.push(vec![Cell::text(match per_year {
                        1 => year.to_string(),
                        2 => format!("{year}-H{n}"),
                        _ => format!("{year}-Q{n}"),
                    })]);
                }
            }
        }
        return ("Periods with no figure", t);
    }
    let months_with: BTreeSet<Month> = ds
        .observations
        .iter()
        .filter_map(Observation::month)
        .collect();
    let mut t = Table::new(&["month without a figure"]);
    if let (Some(a), Some(b)) = (months_with.iter().next(), months_with.iter().next_back()) {
        for m in a.through(*b) {
            if !months_with.contains(&m) {
                t.rows.push(vec![Cell::text(m.to_string())]);
            }
        }
    }
    ("Months with no figure", t)
}

/// The figures published rounded ("12.34 million"), what they are rounded to, and
/// the interval `reconcile` compares.
fn rounded_figures(ds: &Dataset) -> Table {
    let mut t = Table::new(&["id", "as published", "rounded to", "checked as"]);
    for o in &ds.observations {
        if let Some(step) = o.rounded_to() {
            t.rows.push(vec![
                Cell::text(&o.id),
                Cell::text(crate::values::interval::amount(o.value.scaled())),
                Cell::text(crate::values::interval::amount(step)),
                Cell::text(o.checked_interval().to_string()),
            ]);
        }
    }
    t
}

/// The figures declared to hold for each of several items, and what they count.
fn per_item_figures(ds: &Dataset) -> Table {
    let mut t = Table::new(&["id", "each", "items", "counts"]);
    for o in &ds.observations {
        if let Some(p) = o.per_item {
            t.rows.push(vec![
                Cell::text(&o.id),
                Cell::text(o.interval_each().to_string()),
                Cell::text(p.words()),
                Cell::text(o.interval().to_string()),
            ]);
        }
    }
    t
}

/// Each dimension a mapped table names: the key it is kept under, and its values.
fn dimensions(ds: &Dataset) -> Table {
    let mut t = Table::new(&["dimension", "key", "values", "examples"]);
    let mut all: Vec<(String, Dimension)> = ds
        .dimensions
        .iter()
        .map(|n| (n.name.clone(), n.dimension))
        .collect();
    all.push(("period".into(), Dimension::Period));
    for (name, d) in all {
        let values: BTreeSet<String> = ds.observations.iter().map(|o| o.key(d)).collect();
        let shown: Vec<&str> = values.iter().take(6).map(String::as_str).collect();
        t.rows.push(vec![
            Cell::text(name),
            Cell::text(match d {
                Dimension::Named(_) => "its own",
                d => d.as_str(),
            }),
            Cell::Int(values.len() as i128),
            Cell::text(format!(
                "{}{}",
                shown.join(", "),
                if values.len() > shown.len() {
                    ", ..."
                } else {
                    ""
                }
            )),
        ]);
    }
    t
}

/// The figures whose value is not published: each one, where it is, what it
/// counts and the floor it is counted from.
fn not_published(figures: &[&Observation]) -> Table {
    let mut t = Table::new(&["id", "at", "cell", "metric", "period", "of", "from"]);
    for o in figures {
        let at = match o.origin.cell {
            0 => format!("{}:{}", o.origin.file, o.origin.line),
            c => format!("{}:{}:{c}", o.origin.file, o.origin.line),
        };
        let of: Vec<&str> = [o.region.as_str(), &o.category, &o.entity]
            .into_iter()
            .chain(o.dims.iter().map(String::as_str))
            .filter(|v| !v.is_empty())
            .collect();
        t.rows.push(vec![
            Cell::text(&o.id),
            Cell::text(at),
            Cell::text(&o.quote),
            Cell::text(&o.metric),
            Cell::text(o.fields().period_label()),
            Cell::text(of.join(", ")),
            Cell::Value(o.value),
        ]);
    }
    t
}

/// What the cells of each mapped table held besides plain numbers.
fn cells(ds: &Dataset) -> Table {
    let mut t = Table::new(&[
        "file",
        "rows",
        "blank",
        "not published",
        "no figure",
        "thresholds",
        "footnotes",
    ]);
    let listed = |markers: &BTreeMap<String, u64>| {
        let each: Vec<String> = markers
            .iter()
            .map(|(m, n)| match m.as_str() {
                "" => format!("blank {n}"),
                m => format!("'{m}' {n}"),
            })
            .collect();
        each.join(", ")
    };
    for s in &ds.seen {
        t.rows.push(vec![
            Cell::text(&s.file),
            Cell::Int(i128::from(s.rows)),
            Cell::Int(i128::from(s.blanks)),
            Cell::text(listed(&s.unknown)),
            Cell::text(listed(&s.markers)),
            Cell::Int(i128::from(s.thresholds)),
            Cell::Int(i128::from(s.footnotes)),
        ]);
    }
    t
}
