//! Charts measured (continued): stacked columns, the step line of running totals,
//! and the report's three tellings of each chart (the drawing, its text alternative
//! and the table beside it), which must give the same numbers.

use std::collections::BTreeMap;

use crate::chart_svg::{self, interval, near, texts, value_labels, vertical_axis, El, BLUE};
use crate::test_chart_measured::{
    dots, draw, fig, light, marks_between, marks_of, rects_at, solid, total, with_kind,
};
use crate::util::Workdir;

const ORANGE: &str = "#E69F00";
/// The colour of what is not known of a stack (a range, an open end): any part's.
const GREY: &str = "#5F5F5F";

/// A stacked column: its month, its segments bottom to top as (colour, low), and
/// the total.
type Column<'a> = (&'a str, &'a [(&'a str, f64)], Value);

#[test]
fn stacks_sum_to_their_total_and_keep_ranges_and_open_ends() {
    let w = Workdir::new();
    // Jan: a 100 + b 40; Feb: a 70; Mar: nothing; Apr: a 20–30 + b 50; May: b more
    // than 60.
    let rows = [
        ("j1", "2031-01-10", "a", "100"),
        ("j2", "2031-01-12", "b", "40"),
        ("f1", "2031-02-10", "a", "70"),
        ("a1", "2031-04-10", "a", "20-30"),
        ("a2", "2031-04-11", "b", "50"),
        ("m1", "2031-05-10", "b", "60+"),
    ]
    .map(|(id, d, c, v)| fig(id, d, "national", "sites", c, v));
    for kind in [None, Some("stacked")] {
        let args = [
            "--metric",
            "sites",
            "--by",
            "month",
            "--basis",
            "event",
            "--stack-by",
            "category",
        ];
        let els = draw(&w, &rows, &with_kind(&args, kind));
        let axis = vertical_axis(&els);
        // The legend names each colour.
        for (name, color) in [("a", BLUE), ("b", ORANGE)] {
            let label = texts(&els, name);
            assert_eq!(label.len(), 1, "legend {name}");
            let swatch = els.iter().any(|e| {
                e.is("rect", color)
                    && e.num("width") == 14.0
                    && (e.num("x") + 20.0 - label[0].num("x")).abs() <= 1.0
            });
            assert!(swatch, "no swatch of {color} before {name}");
        }
        let want: [Column; 5] = [
            (
                "Jan",
                &[(BLUE, 100.0), (ORANGE, 40.0)],
                Some((140.0, Some(140.0))),
            ),
            ("Feb", &[(BLUE, 70.0)], Some((70.0, Some(70.0)))),
            ("Mar", &[], None),
            (
                "Apr",
                &[(BLUE, 20.0), (ORANGE, 50.0)],
                Some((70.0, Some(80.0))),
            ),
            ("May", &[(ORANGE, 60.0)], Some((60.0, None))),
        ];
        let centers: Vec<f64> = want
            .iter()
            .map(|(m, ..)| texts(&els, m)[0].num("x"))
            .collect();
        let half = (centers[1] - centers[0]) / 2.0;
        for ((month, segments, sum), x) in want.iter().zip(&centers) {
            let what = format!("{month} ({kind:?})");
            let mut drawn: Vec<&El> = [BLUE, ORANGE]
                .iter()
                .flat_map(|c| rects_at(&els, c, *x, false))
                .collect();
            drawn.sort_by(|a, b| b.bounds().3.total_cmp(&a.bounds().3));
            let stack = solid(&drawn);
            let Some((low, high)) = sum else {
                assert!(drawn.is_empty(), "{what}: a gap, not a zero stack");
                let said = els.iter().any(|e| {
                    e.name == "text" && e.text == "not reported" && (e.num("x") - x).abs() <= 1.0
                });
                assert!(said, "{what}: no 'not reported'");
                continue;
            };
            assert_eq!(stack.len(), segments.len(), "{what}: {drawn:?}");
            // Each segment starts where the one below ends, and is as tall as its
            // own value: the stack reaches the sum of the parts.
            let mut base = 0.0;
            for (seg, (color, v)) in stack.iter().zip(segments.iter()) {
                assert!(seg.is("rect", color), "{what}: {seg:?} is not {color}");
                let (_, top, _, bottom) = seg.bounds();
                near(
                    bottom,
                    axis.pos(base),
                    &format!("{what}: {color} from {base}"),
                );
                base += v;
                near(top, axis.pos(base), &format!("{what}: {color} to {base}"));
            }
            assert_eq!(base, *low, "{what}: the parts are the total's low end");
            let unknown = rects_at(&els, GREY, *x, false);
            let l = light(&unknown);
            let marks = marks_of(&els, GREY, x - half, x + half, false);
            let arrows = marks.iter().filter(|e| e.name == "polygon").count();
            match high {
                Some(h) if h > low => {
                    assert_eq!(
                        l.len(),
                        1,
                        "{what}: a range in the stack is drawn to its high end"
                    );
                    let (_, lt, _, lb) = l[0].bounds();
                    near(lb, axis.pos(*low), &format!("{what}: range from"));
                    near(lt, axis.pos(*h), &format!("{what}: range to"));
                    assert_eq!(arrows, 0, "{what}");
                }
                Some(_) => assert!(l.is_empty() && arrows == 0, "{what}"),
                None => {
                    assert!(l.is_empty(), "{what}: an open end has no end drawn");
                    assert_eq!(arrows, 1, "{what}: an open end has an arrow");
                }
            }
            // The total written over the stack.
            let label = value_labels(&els)
                .into_iter()
                .find(|e| (e.num("x") - x).abs() <= 1.0)
                .unwrap_or_else(|| panic!("{what}: no total written"));
            assert_eq!(interval(&label.text), Some((*low, *high)), "{what}");
        }
    }
}

/// Days from 1 Jan 2031 (not a leap year) to the first of each month shown, and to
/// each announcement.
const MONTH_DAYS: [f64; 6] = [0.0, 31.0, 59.0, 90.0, 120.0, 151.0];

#[test]
fn running_totals_step_at_their_dates_and_heights() {
    let w = Workdir::new();
    let rows = [
        total("t1", "2031-01-31", "100"),
        total("t2", "2031-03-15", "250"),
        total("t3", "2031-04-10", "300-400"),
        total("t4", "2031-06-01", "500+"),
    ];
    // (days from 1 Jan, low, high)
    let snaps = [
        (30.0, 100.0, Some(100.0)),
        (73.0, 250.0, Some(250.0)),
        (99.0, 300.0, Some(400.0)),
        (151.0, 500.0, None),
    ];
    for kind in [None, Some("step")] {
        let args = [
            "--metric",
            "sites",
            "--by",
            "month",
            "--basis",
            "cumulative",
            "--region",
            "national",
        ];
        let els = draw(&w, &rows, &with_kind(&args, kind));
        let axis = vertical_axis(&els);
        // The month ticks under the plot: the first day of each month, on one time
        // scale.
        let mut ticks: Vec<f64> = els
            .iter()
            .filter(|e| e.is("polyline", "#5F5F5F"))
            .filter_map(|e| match e.points()[..] {
                [(x0, y0), (x1, y1)] if x0 == x1 && y1 - y0 == 6.0 => Some(x0),
                _ => None,
            })
            .collect();
        ticks.sort_by(f64::total_cmp);
        assert_eq!(ticks.len(), MONTH_DAYS.len(), "{ticks:?}");
        let per_day = (ticks[5] - ticks[0]) / MONTH_DAYS[5];
        let x_of = |day: f64| ticks[0] + day * per_day;
        for (t, d) in ticks.iter().zip(MONTH_DAYS) {
            near(*t, x_of(d), &format!("the tick of day {d}"));
        }
        let points: Vec<(f64, f64)> = els
            .iter()
            .filter(|e| e.is("circle", BLUE))
            .map(|e| (e.num("cx"), e.num("cy")))
            .collect();
        assert_eq!(points.len(), snaps.len(), "{points:?}");
        for ((x, y), (day, low, _)) in points.iter().zip(snaps) {
            near(*x, x_of(day), &format!("the point of day {day}"));
            near(*y, axis.pos(low), &format!("the point of {low}"));
        }
        // Bounded totals are dots, "more than" a ring.
        let filled: Vec<bool> = dots(&els).iter().map(|d| d.1).collect();
        assert_eq!(filled, [true, true, true, false]);
        // The line stays flat until the next announcement.
        let line = els
            .iter()
            .find(|e| e.is("polyline", BLUE) && e.attr("stroke-width") == "3")
            .expect("the step line");
        let mut want = Vec::new();
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                want.push((p.0, points[i - 1].1));
            }
            want.push(*p);
        }
        assert_eq!(line.points(), want);
        // The range's whisker from 300 to 400, and the open total's arrow.
        let (rx, ry) = points[2];
        let whisker = marks_between(&els, rx - 0.5, rx + 0.5, false)
            .into_iter()
            .find(|e| e.attr("stroke-width") == "2" && e.points().len() == 2)
            .expect("a whisker");
        let ys: Vec<f64> = whisker.points().iter().map(|p| p.1).collect();
        near(ys[0].max(ys[1]), ry, "whisker from 300");
        near(ys[0].min(ys[1]), axis.pos(400.0), "whisker to 400");
        let (ox, oy) = points[3];
        let arrow = marks_between(&els, ox - 7.0, ox + 7.0, false)
            .into_iter()
            .find(|e| e.name == "polygon")
            .expect("an arrow over the open total");
        let tip = arrow.points().iter().map(|p| p.1).fold(f64::MAX, f64::min);
        assert!(tip < oy - 15.0, "the arrow points up");
        let mut labels: Vec<String> = value_labels(&els).iter().map(|e| e.text.clone()).collect();
        labels.sort();
        assert_eq!(
            labels,
            [
                "100 (31 Jan)",
                "250 (15 Mar)",
                "300–400 (10 Apr)",
                "500+ (1 Jun)"
            ]
        );
    }
}

/// A value as the report's texts give it; `None` for "not reported".
type Value = Option<(f64, Option<f64>)>;

/// The items of a chart's text alternative ("label: value"), as values.
fn alt_values(alt: &str) -> Vec<Value> {
    alt.trim_end_matches('.')
        .split("; ")
        .flat_map(|s| s.split(". "))
        .filter_map(|item| {
            let (_, v) = item.split_once(": ")?;
            if v == "not reported" {
                return Some(None);
            }
            interval(v).map(Some)
        })
        .collect()
}

/// The rows of a table beside a chart that has `low` and `high` columns.
fn csv_values(text: &str) -> Option<Vec<Value>> {
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header = rd.headers().unwrap().clone();
    let col = |n: &str| header.iter().position(|h| h == n);
    let (low, high) = (col("low")?, col("high")?);
    Some(
        rd.records()
            .map(|r| {
                let r = r.unwrap();
                let l: f64 = r[low].parse().ok()?;
                Some((l, r[high].parse().ok()))
            })
            .collect(),
    )
}

fn counted(values: &[Value]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for v in values.iter().flatten() {
        *m.entry(format!("{v:?}")).or_default() += 1;
    }
    m
}

#[test]
fn the_drawing_its_text_alternative_and_its_table_give_the_same_numbers() {
    let w = Workdir::new();
    let rows = vec![
        total("t1", "2031-02-28", "140"),
        total("t2", "2031-05-31", "310+"),
        fig("p1", "2031-03-10", "Aurelia", "permits", "", "17"),
        fig("p2", "2031-03-22", "Borealis", "permits", "", "9"),
        fig("p3", "2031-06-04", "Aurelia", "permits", "", "23-29"),
        fig(
            "c1",
            "2031-07-10",
            "national",
            "complaints",
            "noise",
            "3100",
        ),
        fig(
            "c2",
            "2031-07-11",
            "national",
            "complaints",
            "spill",
            "2030",
        ),
        fig("c3", "2031-07-12", "national", "complaints", "dust", "45+"),
    ];
    w.package("pk", &rows, "");
    w.run(&["report", "--data", "pk", "--out", "out", "-q"])
        .ok();
    let md = std::fs::read_to_string(w.path("out/report.md")).unwrap();
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    let aria = chart_svg::aria_labels(&html);
    let mut charts = 0;
    let mut gaps = 0;
    for piece in md.split("![").skip(1) {
        let (alt, rest) = piece.split_once("](").unwrap();
        let stem = rest.split_once(".png)").unwrap().0;
        let alt = alt.replace('\\', "");
        let said = alt_values(&alt);
        assert!(!said.is_empty(), "{stem}: no values in {alt}");
        // The HTML page gives the same words to a screen reader.
        assert!(
            aria.contains(&alt),
            "{stem}: the page says otherwise than {alt}"
        );
        // The numbers written on the chart.
        let svg = std::fs::read_to_string(w.path(&format!("out/{stem}.svg"))).unwrap();
        let els = chart_svg::parse(&svg);
        let drawn: Vec<Value> = value_labels(&els)
            .iter()
            .map(|e| interval(&e.text))
            .collect();
        assert_eq!(
            counted(&drawn),
            counted(&said),
            "{stem}: the chart against {alt}"
        );
        if let Ok(text) = std::fs::read_to_string(w.path(&format!("out/{stem}.csv"))) {
            if let Some(table) = csv_values(&text) {
                assert_eq!(
                    counted(&table),
                    counted(&said),
                    "{stem}: {text} against {alt}"
                );
                let not_said = said.iter().filter(|v| v.is_none()).count();
                if not_said > 0 {
                    let in_table = table.iter().filter(|v| v.is_none()).count();
                    assert_eq!(not_said, in_table, "{stem}: the gaps of {text}");
                    gaps += not_said;
                }
            }
        }
        charts += 1;
    }
    assert!(charts >= 6, "{charts} charts in\n{md}");
    // April and May have no permits: said, drawn and tabled as gaps.
    assert_eq!(gaps, 2, "{md}");
    let els =
        chart_svg::parse(&std::fs::read_to_string(w.path("out/permits-by-month.svg")).unwrap());
    assert_eq!(texts(&els, "not reported").len(), 2);
}

/// A half-year table in which nothing was published for 2019-H2: `aggregate --by
/// period` lists it as not reported (never leaves it out), and the chart by period
/// stacked by requester (`--by period,requester`, the same chart as `--stack-by`)
/// keeps its place as a gap.
#[test]
fn a_half_year_without_figures_is_a_gap_in_stacks_by_period() {
    let w = Workdir::new();
    w.write(
        "h.csv",
        "Period,Requester,Requests\n2019-H1,Police,10\n2019-H1,Courts,5\n2020-H1,Police,12\n2020-H1,Courts,7\n2020-H2,Police,3\n",
    );
    w.run(&["init", "h", "--from", "h.csv"]).ok();
    let out = w
        .run(&[
            "aggregate",
            "--data",
            "h",
            "--metric",
            "requests",
            "--by",
            "period",
            "--format",
            "csv",
        ])
        .ok();
    let rows: Vec<(String, String, String)> = crate::util::csv_records(&out)
        .into_iter()
        .map(|r| (r["period"].clone(), r["low"].clone(), r["note"].clone()))
        .collect();
    let row = |p: &str, v: &str, note: &str| (p.to_string(), v.to_string(), note.to_string());
    assert_eq!(
        rows,
        [
            row("2019-H1", "15", ""),
            row("2019-H2", "", "not reported"),
            row("2020-H1", "19", ""),
            row("2020-H2", "3", ""),
        ]
    );
    let chart = |by: &[&str], out: &str| {
        let mut args = vec!["chart", "--data", "h", "--metric", "requests", "--out", out];
        args.extend_from_slice(by);
        w.run(&args).ok();
        std::fs::read_to_string(w.path(out)).unwrap()
    };
    let grouped = chart(&["--by", "period,requester"], "a.svg");
    let stacked = chart(&["--by", "period", "--stack-by", "requester"], "b.svg");
    assert_eq!(grouped, stacked);
    let at = |label: &str| {
        grouped
            .find(&format!(">\n{label}\n<"))
            .unwrap_or(usize::MAX)
    };
    assert!(at("2019-H2") < usize::MAX, "{grouped}");
    assert!(at("not reported") < usize::MAX, "{grouped}");
    assert!(at("2019-H1") < at("2019-H2") && at("2019-H2") < at("2020-H1"));
}
