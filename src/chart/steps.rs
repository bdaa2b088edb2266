//! Running totals as a step line over time: the total stays flat until the next
//! snapshot, each snapshot is marked and labelled with its value and day, "more than"
//! snapshots get an open marker and an arrow, ranges a whisker. Labels that would
//! collide are moved up, never drawn over each other.

use super::canvas::{Align, Canvas, Toward};
use super::columns::ValueAxis;
use super::labels::month_label;
use super::theme::{self, PALETTE};
use super::{axis_max, known_part, Chart, ChartError, Plot, Snapshot};
use crate::dataset::Month;
use crate::values::decimal::to_f64;
use crate::words::Lang;

/// A rectangle: left, top, right, bottom.
type Area = (i32, i32, i32, i32);

/// The height of a point's label.
const LABEL_H: i32 = 22;

pub(super) fn draw(
    canvas: &mut Canvas<'_>,
    plot: Plot,
    chart: &Chart,
    months: &[Month],
    snapshots: &[Snapshot],
) -> Result<(), ChartError> {
    if snapshots.is_empty() || months.is_empty() {
        return Err(ChartError::Invalid(
            "nothing to draw: the selection has no running totals".into(),
        ));
    }
    let inner = Plot {
        bottom: plot.bottom - 50,
        top: plot.top + 40,
        ..plot
    };
    let values: Vec<_> = snapshots.iter().map(|s| s.value).collect();
    let axis = ValueAxis::draw(canvas, inner, axis_max(values.iter()))?;
    let days = Days::new(months, axis.bars_left + 6, plot.right - 6);
    draw_months(canvas, inner.bottom, months, &days, chart.lang)?;
    let points: Vec<Point<'_>> = snapshots
        .iter()
        .map(|s| Point::of(s, &days, &axis, inner.top - 20))
        .collect();
    draw_step_line(canvas, &points)?;
    draw_marked_points(canvas, plot, &points, chart.lang)
}

/// Days along the x axis: from the first day of the first month shown to the first
/// day after the last.
struct Days {
    start: i64,
    span: f64,
    left: i32,
    right: i32,
}

impl Days {
    fn new(months: &[Month], left: i32, right: i32) -> Days {
        let start = months[0].first_day().days_since_epoch();
        let end = months[months.len() - 1]
            .next()
            .first_day()
            .days_since_epoch();
        Days {
            start,
            span: (end - start).max(1) as f64,
            left,
            right,
        }
    }

    fn x(&self, day: i64) -> i32 {
        let frac = ((day - self.start) as f64 / self.span).clamp(0.0, 1.0);
        self.left + (frac * f64::from(self.right - self.left)).round() as i32
    }

    /// The x where a month starts.
    fn month_x(&self, m: Month) -> i32 {
        self.x(m.first_day().days_since_epoch())
    }
}

/// Month names centred in their spans under the plot's `bottom`, a tick at each
/// month's start, and the year under the first month and each January.
fn draw_months(
    canvas: &mut Canvas<'_>,
    bottom: i32,
    months: &[Month],
    days: &Days,
    lang: Lang,
) -> Result<(), ChartError> {
    for (i, m) in months.iter().enumerate() {
        let (a, b) = (days.month_x(*m), days.month_x(m.next()));
        let (name, year) = month_label(i, *m, lang);
        canvas.line(vec![(a, bottom), (a, bottom + 6)], theme::GREY, 1)?;
        let name = theme::fit(&name, theme::LABEL_SIZE, false, f64::from(b - a) - 2.0);
        let x = (a + b) / 2;
        canvas.centered(&name, (x, bottom + 10), theme::LABEL_SIZE, theme::INK)?;
        if let Some(year) = year {
            canvas.centered(&year, (x, bottom + 32), theme::SMALL_SIZE, theme::GREY)?;
        }
    }
    Ok(())
}

/// A snapshot where it is drawn: its point, and the top of its marker (the cap of a
/// range's whisker, the tip of a "more than" arrow, else the point).
struct Point<'a> {
    x: i32,
    y: i32,
    top: i32,
    snapshot: &'a Snapshot,
}

impl<'a> Point<'a> {
    /// `s` on these axes; an arrow reaches no higher than `ceiling`.
    fn of(s: &'a Snapshot, days: &Days, axis: &ValueAxis, ceiling: i32) -> Point<'a> {
        let x = days.x(s.date.days_since_epoch());
        let y = axis.y(known_part(&s.value));
        let top = match s.value.high {
            Some(h) if h > s.value.low.unwrap_or(0) => axis.y(to_f64(h)),
            Some(_) => y,
            None => (y - 30).max(ceiling),
        };
        Point {
            x,
            y,
            top,
            snapshot: s,
        }
    }

    /// The room its marker takes, from its top to below the point.
    fn marker(&self) -> Area {
        (self.x - 9, self.top - 4, self.x + 9, self.y + 8)
    }
}

/// The step line: flat until the next snapshot, then up (or down: a restatement).
fn draw_step_line(canvas: &mut Canvas<'_>, points: &[Point<'_>]) -> Result<(), ChartError> {
    let mut path = Vec::new();
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            path.push((p.x, points[i - 1].y));
        }
        path.push((p.x, p.y));
    }
    if path.len() > 1 {
        canvas.line(path, PALETTE[0], 3)?;
    }
    Ok(())
}

/// Each point's marker and its label, "value (day)"; a label keeps clear of the
/// labels placed before it and of every other point's marker.
fn draw_marked_points(
    canvas: &mut Canvas<'_>,
    plot: Plot,
    points: &[Point<'_>],
    lang: Lang,
) -> Result<(), ChartError> {
    let markers: Vec<Area> = points.iter().map(Point::marker).collect();
    let mut placed: Vec<Area> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        draw_marker(canvas, p)?;
        let s = p.snapshot;
        let label = format!(
            "{} ({})",
            theme::interval_label(&s.value, s.approx),
            lang.day_month(s.date)
        );
        let w = theme::text_width(&label, theme::LABEL_SIZE, true) as i32;
        let (lx, ly) = place_label(p, w, plot, &placed, (&markers, i));
        placed.push((lx, ly, lx + w, ly + LABEL_H));
        canvas.text(
            &label,
            lx,
            ly,
            theme::LABEL_SIZE,
            theme::INK,
            true,
            Align::Left,
            false,
        )?;
    }
    Ok(())
}

/// A point's marker: a whisker up to the high end of a range, a dashed arrow over
/// "more than", and the dot (open for "more than").
fn draw_marker(canvas: &mut Canvas<'_>, p: &Point<'_>) -> Result<(), ChartError> {
    let (x, y, top) = (p.x, p.y, p.top);
    let v = &p.snapshot.value;
    let color = PALETTE[0];
    match v.high {
        Some(h) if h > v.low.unwrap_or(0) => {
            canvas.line(vec![(x, y), (x, top)], color, 2)?;
            canvas.line(vec![(x - 6, top), (x + 6, top)], color, 2)?;
        }
        Some(_) => {}
        None => canvas.open_arrow((x, y), (x, top), Toward::Up, (9, 6), color)?,
    }
    canvas.circle(x, y, 6, color, v.high.is_some())
}

/// Where the label `w` wide of point `p` goes: right of the point when it fits, else
/// left; moved up while it collides with a label placed before or with the marker
/// of another point than the `own`-th of `markers`.
fn place_label(
    p: &Point<'_>,
    w: i32,
    plot: Plot,
    placed: &[Area],
    (markers, own): (&[Area], usize),
) -> (i32, i32) {
    let mut lx = p.x + 10;
    if lx + w > plot.right {
        lx = p.x - 10 - w;
    }
    lx = lx.max(plot.left);
    let hits =
        |(a, b, c, d): &Area, ly: i32| lx < *c && lx + w > *a && ly < *d && ly + LABEL_H > *b;
    let mut ly = p.top - 30;
    while ly > plot.top
        && (placed.iter().any(|r| hits(r, ly))
            || markers
                .iter()
                .enumerate()
                .any(|(j, r)| j != own && hits(r, ly)))
    {
        ly -= 24;
    }
    (lx, ly.max(plot.top))
}
