//! Charts measured: every kind and option of `cleanweb chart`, drawn by the real
//! binary from small tables whose values the tests choose, then read back from the
//! SVG with a ruler (`chart_svg`). Each bar, whisker, stack and point must sit where
//! its value puts it on the axis the chart itself draws, within a pixel; ranges run
//! from low to high, "more than" stays open, a month not reported is a gap.

use crate::chart_svg::{
    self, horizontal_axis, horizontal_ticks, near, texts, value_labels, vertical_axis, El, BLUE,
};
use crate::util::{Workdir, HEADER};

/// `value` as the table writes it: `50-80` is a range, `200+` "more than".
fn value_cells(value: &str) -> (&str, &str, &str) {
    match value.split_once('-') {
        Some((a, b)) => (a, b, "range"),
        None => match value.strip_suffix('+') {
            Some(a) => (a, "", "at_least"),
            None => (value, "", "exact"),
        },
    }
}

/// One figure: `value` with `-high` for a range, `+` after the value for "more
/// than".
pub(crate) fn fig(
    id: &str,
    date: &str,
    region: &str,
    metric: &str,
    category: &str,
    value: &str,
) -> String {
    let (low, high, qualifier) = value_cells(value);
    format!("{id},{date},,,Office,{region},{metric},{category},,{low},{high},{qualifier},count,event,q,s,")
}

/// A running total to `date` (from 2031-01-01).
pub(crate) fn total(id: &str, date: &str, value: &str) -> String {
    let (low, high, qualifier) = value_cells(value);
    format!("{id},{date},2031-01-01,{date},Office,national,sites,,,{low},{high},{qualifier},count,cumulative,q,s,")
}

/// Draws `cleanweb chart ARGS` of `rows` into an SVG; its elements.
pub(crate) fn draw(w: &Workdir, rows: &[String], args: &[&str]) -> Vec<El> {
    w.write("t.csv", format!("{HEADER}\n{}\n", rows.join("\n")));
    let mut all = vec!["chart", "--data", "t.csv", "--out", "c.svg"];
    all.extend_from_slice(args);
    w.run(&all).ok();
    chart_svg::parse(&std::fs::read_to_string(w.path("c.svg")).unwrap())
}

/// `args`, and `--kind KIND` when a kind is given: a chart drawn by default and
/// by its kind named must be the same.
pub(crate) fn with_kind<'a>(args: &[&'a str], kind: Option<&'a str>) -> Vec<&'a str> {
    let mut all = args.to_vec();
    if let Some(k) = kind {
        all.extend(["--kind", k]);
    }
    all
}

/// The filled rectangles of colour `color` whose horizontal (or, with `rows`,
/// vertical) centre is `at`, within a pixel.
pub(crate) fn rects_at<'a>(els: &'a [El], color: &str, at: f64, rows: bool) -> Vec<&'a El> {
    els.iter()
        .filter(|e| e.is("rect", color))
        .filter(|e| {
            let (l, t, r, b) = e.bounds();
            let c = if rows { (t + b) / 2.0 } else { (l + r) / 2.0 };
            (c - at).abs() <= 1.0
        })
        .collect()
}

pub(crate) fn solid<'a>(rects: &[&'a El]) -> Vec<&'a El> {
    rects
        .iter()
        .copied()
        .filter(|e| e.attr("opacity") == "1")
        .collect()
}

pub(crate) fn light<'a>(rects: &[&'a El]) -> Vec<&'a El> {
    rects
        .iter()
        .copied()
        .filter(|e| e.attr("opacity") == "0.3")
        .collect()
}

/// The blue shapes other than rectangles whose points all fall between `from` and
/// `to` across the bars (x for columns, y for rows).
pub(crate) fn marks_between(els: &[El], from: f64, to: f64, rows: bool) -> Vec<&El> {
    marks_of(els, BLUE, from, to, rows)
}

/// [`marks_between`] of colour `color`.
pub(crate) fn marks_of<'a>(
    els: &'a [El],
    color: &str,
    from: f64,
    to: f64,
    rows: bool,
) -> Vec<&'a El> {
    els.iter()
        .filter(|e| (e.name == "polyline" || e.name == "polygon") && e.is(&e.name, color))
        .filter(|e| {
            e.points().iter().all(|(x, y)| {
                let c = if rows { *y } else { *x };
                c >= from && c <= to
            })
        })
        .collect()
}

/// Columns by month: 100, 300, not reported, 50–80, more than 200, and 0.
fn month_rows() -> Vec<String> {
    [
        ("a", "2031-01-10", "100"),
        ("b", "2031-02-10", "300"),
        ("c", "2031-04-10", "50-80"),
        ("d", "2031-05-10", "200+"),
        ("e", "2031-06-10", "0"),
    ]
    .iter()
    .map(|(id, d, v)| fig(id, d, "national", "sites", "", v))
    .collect()
}

#[test]
fn columns_are_as_tall_as_their_values_at_every_width() {
    let w = Workdir::new();
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];
    let values = [
        Some((100.0, Some(100.0))),
        Some((300.0, Some(300.0))),
        None,
        Some((50.0, Some(80.0))),
        Some((200.0, None)),
        Some((0.0, Some(0.0))),
    ];
    for width in [None, Some("800"), Some("420"), Some("2400")] {
        let mut args = vec!["--metric", "sites", "--by", "month", "--basis", "event"];
        if let Some(wd) = width {
            // Named or chosen from the data, the kind is the same.
            args.extend(["--width", wd, "--kind", "bar"]);
        }
        let els = draw(&w, &month_rows(), &args);
        assert_eq!(els[0].attr("width"), width.unwrap_or("1200"));
        let axis = vertical_axis(&els);
        let base = axis.pos(0.0);
        let centers: Vec<f64> = months
            .iter()
            .map(|m| {
                let t = texts(&els, m);
                assert_eq!(t.len(), 1, "the label {m} at width {width:?}");
                t[0].num("x")
            })
            .collect();
        let half = (centers[1] - centers[0]) / 2.0;
        for ((m, v), x) in months.iter().zip(values).zip(&centers) {
            let what = format!("{m} at width {width:?}");
            let rects = rects_at(&els, BLUE, *x, false);
            let marks = marks_between(&els, x - half, x + half, false);
            let Some((low, high)) = v else {
                // A gap: nothing drawn, and words that say so.
                assert!(
                    rects.is_empty() && marks.is_empty(),
                    "{what}: {rects:?} {marks:?}"
                );
                let said = els.iter().any(|e| {
                    e.name == "text"
                        && (e.text == "not reported" || e.text == "not")
                        && (e.num("x") - x).abs() <= 1.0
                });
                assert!(said, "{what}: no 'not reported'");
                continue;
            };
            if low == 0.0 {
                // A zero is drawn, as a line on the base: not a gap.
                assert!(rects.is_empty(), "{what}");
                let on_base = marks
                    .iter()
                    .any(|e| e.points().iter().all(|(_, y)| (y - base).abs() <= 1.0));
                assert!(on_base, "{what}: no line on the base for a zero");
                continue;
            }
            let s = solid(&rects);
            assert_eq!(s.len(), 1, "{what}: {rects:?}");
            let (_, top, _, bottom) = s[0].bounds();
            near(bottom, base, &format!("{what}: bottom"));
            near(
                top,
                axis.pos(low),
                &format!("{what}: top of the known part"),
            );
            let l = light(&rects);
            match high {
                Some(h) if h > low => {
                    assert_eq!(l.len(), 1, "{what}: a range has a light part");
                    let (_, lt, _, lb) = l[0].bounds();
                    near(lb, axis.pos(low), &format!("{what}: range from"));
                    near(lt, axis.pos(h), &format!("{what}: range to"));
                }
                Some(_) => assert!(l.is_empty() && marks.is_empty(), "{what}: {marks:?}"),
                None => {
                    // Open: no light part, no cap, but an arrow above the known part.
                    assert!(l.is_empty(), "{what}: an open end has no end drawn");
                    let arrow: Vec<_> = marks.iter().filter(|e| e.name == "polygon").collect();
                    assert_eq!(arrow.len(), 1, "{what}: one arrowhead");
                    let tip = arrow[0]
                        .points()
                        .iter()
                        .map(|p| p.1)
                        .fold(f64::MAX, f64::min);
                    assert!(tip < top - 10.0, "{what}: the arrow points up from the bar");
                    let dashes = marks.iter().filter(|e| e.name == "polyline").count();
                    assert!(dashes >= 2, "{what}: a dashed line, {dashes} dashes");
                }
            }
        }
        // The values written on the columns, in order, left to right.
        let mut labels: Vec<(f64, String)> = value_labels(&els)
            .iter()
            .map(|e| (e.num("x"), e.text.clone()))
            .collect();
        labels.sort_by(|a, b| a.0.total_cmp(&b.0));
        let labels: Vec<&str> = labels.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            labels,
            ["100", "300", "50–80", "200+", "0"],
            "width {width:?}"
        );
    }
}

/// Regions with 120, 40, 50–80 and more than 200.
fn region_rows(values: [&str; 4]) -> Vec<String> {
    ["Aurelia", "Borealis", "Corvia", "Dunmore"]
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (r, v))| fig(&format!("r{i}"), "2031-03-10", r, "sites", "", v))
        .collect()
}

/// The rows of horizontal bars: each region's label and the y of its row, top to
/// bottom.
pub(crate) fn rows_of(els: &[El], names: &[&str]) -> Vec<(String, f64)> {
    let mut rows: Vec<(String, f64)> = names
        .iter()
        .map(|n| {
            let t = texts(els, n);
            assert_eq!(t.len(), 1, "the label {n}");
            (n.to_string(), t[0].num("y"))
        })
        .collect();
    rows.sort_by(|a, b| a.1.total_cmp(&b.1));
    rows
}

#[test]
fn horizontal_bars_are_as_long_as_their_values_and_sorted() {
    let w = Workdir::new();
    let names = ["Aurelia", "Borealis", "Corvia", "Dunmore"];
    for width in [None, Some("900"), Some("480")] {
        let mut args = vec![
            "--metric", "sites", "--by", "region", "--basis", "event", "--kind", "hbar",
        ];
        if let Some(wd) = width {
            args.extend(["--width", wd]);
        }
        let els = draw(&w, &region_rows(["120", "40", "50-80", "200+"]), &args);
        let axis = horizontal_axis(&els);
        let rows = rows_of(&els, &names);
        // Largest first: more than 200, 120, 50–80, 40.
        let order: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            order,
            ["Dunmore", "Aurelia", "Corvia", "Borealis"],
            "{width:?}"
        );
        let bars_y: Vec<f64> = els
            .iter()
            .filter(|e| e.is("rect", BLUE) && e.attr("opacity") == "1")
            .map(|e| (e.bounds().1 + e.bounds().3) / 2.0)
            .collect();
        for ((name, label_y), want) in rows.iter().zip([
            (200.0, None),
            (120.0, Some(120.0)),
            (50.0, Some(80.0)),
            (40.0, Some(40.0)),
        ]) {
            let what = format!("{name} at width {width:?}");
            // Wide: the bar beside its label; narrow: the bar under it.
            let cy = bars_y
                .iter()
                .copied()
                .filter(|y| *y >= label_y - 1.0)
                .fold(f64::MAX, f64::min);
            let rects = rects_at(&els, BLUE, cy, true);
            let s = solid(&rects);
            assert_eq!(s.len(), 1, "{what}: {rects:?}");
            let (left, _, right, _) = s[0].bounds();
            near(left, axis.pos(0.0), &format!("{what}: start"));
            near(
                right,
                axis.pos(want.0),
                &format!("{what}: end of the known part"),
            );
            let l = light(&rects);
            let marks = marks_between(&els, cy - 12.0, cy + 12.0, true);
            match want.1 {
                Some(h) if h > want.0 => {
                    assert_eq!(l.len(), 1, "{what}");
                    let (ll, _, lr, _) = l[0].bounds();
                    near(ll, axis.pos(want.0), &format!("{what}: range from"));
                    near(lr, axis.pos(h), &format!("{what}: range to"));
                }
                Some(_) => assert!(l.is_empty(), "{what}"),
                None => {
                    assert!(l.is_empty(), "{what}: an open end has no end drawn");
                    let arrow: Vec<_> = marks.iter().filter(|e| e.name == "polygon").collect();
                    assert_eq!(arrow.len(), 1, "{what}");
                    let tip = arrow[0].points().iter().map(|p| p.0).fold(0.0, f64::max);
                    assert!(
                        tip > right + 10.0,
                        "{what}: the arrow points on from the bar"
                    );
                }
            }
        }
    }
}

/// The pixel of `v` on a log axis read from its ticks.
fn log_pos(ticks: &[(f64, f64)], v: f64) -> f64 {
    let (v0, x0) = ticks[0];
    let (v1, x1) = ticks[ticks.len() - 1];
    x0 + (v / v0).log10() / (v1 / v0).log10() * (x1 - x0)
}

/// Ticks of a log axis: powers of ten, each the next of the one before, equally
/// spaced within a pixel.
fn check_log_ticks(ticks: &[(f64, f64)]) {
    assert!(ticks.len() >= 3, "{ticks:?}");
    let decade = ticks[1].1 - ticks[0].1;
    for (i, (v, x)) in ticks.iter().enumerate() {
        let k = v.log10();
        assert!(
            (k - k.round()).abs() < 1e-9,
            "tick {v} is not a power of ten"
        );
        if i > 0 {
            assert_eq!(*v, ticks[i - 1].0 * 10.0, "ticks {ticks:?}");
            near(*x, ticks[0].1 + decade * i as f64, &format!("tick {v}"));
        }
    }
}

#[test]
fn log_axis_ticks_at_powers_of_ten_and_bars_end_at_their_logarithm() {
    let w = Workdir::new();
    let names = ["Aurelia", "Borealis", "Corvia", "Dunmore"];
    let rows = region_rows(["3", "40", "500-800", "7000+"]);
    let els = draw(
        &w,
        &rows,
        &[
            "--metric", "sites", "--by", "region", "--basis", "event", "--log",
        ],
    );
    let ticks = horizontal_ticks(&els);
    check_log_ticks(&ticks);
    assert_eq!(ticks[0].0, 1.0, "{ticks:?}");
    assert!(ticks.last().unwrap().0 >= 10_000.0, "{ticks:?}");
    for ((name, y), (low, high)) in rows_of(&els, &names).iter().zip([
        (7000.0, None),
        (500.0, Some(800.0)),
        (40.0, Some(40.0)),
        (3.0, Some(3.0)),
    ]) {
        let rects = rects_at(&els, BLUE, *y, true);
        let s = solid(&rects);
        assert_eq!(s.len(), 1, "{name}: {rects:?}");
        near(
            s[0].bounds().2,
            log_pos(&ticks, low),
            &format!("{name}: end"),
        );
        if let Some(h) = high.filter(|h| *h > low) {
            let l = light(&rects);
            assert_eq!(l.len(), 1, "{name}");
            near(
                l[0].bounds().2,
                log_pos(&ticks, h),
                &format!("{name}: range to"),
            );
        }
    }
    // Whiskers on the same axis.
    let els = draw(
        &w,
        &rows,
        &[
            "--metric", "sites", "--by", "region", "--basis", "event", "--log", "--kind", "range",
        ],
    );
    let ticks = horizontal_ticks(&els);
    check_log_ticks(&ticks);
    let line = whisker_lines(&els);
    assert_eq!(line.len(), 1, "{line:?}");
    near(line[0].0, log_pos(&ticks, 500.0), "whisker from");
    near(line[0].1, log_pos(&ticks, 800.0), "whisker to");
    let dots = dots(&els);
    near(dots[0].0, log_pos(&ticks, 3.0), "the dot of 3");
    near(dots[1].0, log_pos(&ticks, 40.0), "the dot of 40");
}

/// The horizontal whisker lines (stroke 3) as (from, to) x.
pub(crate) fn whisker_lines(els: &[El]) -> Vec<(f64, f64)> {
    els.iter()
        .filter(|e| e.is("polyline", BLUE) && e.attr("stroke-width") == "3")
        .filter_map(|e| match e.points()[..] {
            [(x0, y0), (x1, y1)] if y0 == y1 => Some((x0, x1)),
            _ => None,
        })
        .collect()
}

/// The blue dots as (x, filled), left to right.
pub(crate) fn dots(els: &[El]) -> Vec<(f64, bool)> {
    let mut d: Vec<(f64, bool)> = els
        .iter()
        .filter(|e| e.is("circle", BLUE))
        .map(|e| (e.num("cx"), e.attr("fill") == BLUE))
        .collect();
    d.sort_by(|a, b| a.0.total_cmp(&b.0));
    d
}

#[test]
fn whiskers_run_from_low_to_high_and_an_open_end_stays_open() {
    let w = Workdir::new();
    let els = draw(
        &w,
        &region_rows(["120", "40", "50-80", "200+"]),
        &[
            "--metric", "sites", "--by", "region", "--basis", "event", "--kind", "range",
        ],
    );
    let axis = horizontal_axis(&els);
    let lines = whisker_lines(&els);
    assert_eq!(lines.len(), 1, "one range, one whisker: {lines:?}");
    near(lines[0].0, axis.pos(50.0), "whisker from");
    near(lines[0].1, axis.pos(80.0), "whisker to");
    // Caps at both ends.
    let caps = els
        .iter()
        .filter(|e| e.is("polyline", BLUE) && e.attr("stroke-width") == "3")
        .filter(|e| matches!(e.points()[..], [(a, _), (b, _)] if a == b))
        .map(|e| e.points()[0].0)
        .collect::<Vec<_>>();
    assert_eq!(caps.len(), 2, "{caps:?}");
    // 40 and 120 filled, more than 200 an open ring with an arrow to the right.
    let d = dots(&els);
    assert_eq!(d.len(), 3, "{d:?}");
    near(d[0].0, axis.pos(40.0), "the dot of 40");
    near(d[1].0, axis.pos(120.0), "the dot of 120");
    near(d[2].0, axis.pos(200.0), "the ring of 200+");
    assert_eq!(
        d.iter().map(|x| x.1).collect::<Vec<_>>(),
        [true, true, false]
    );
    let arrow = els
        .iter()
        .find(|e| e.is("polygon", BLUE))
        .expect("an arrowhead");
    let tip = arrow.points().iter().map(|p| p.0).fold(0.0, f64::max);
    assert!(tip > d[2].0 + 10.0, "the arrow points on from the ring");
}
