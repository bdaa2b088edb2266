//! Running totals as a step line over time: the total stays flat until the next
//! snapshot, each snapshot is marked and labelled with its value and day, "more than"
//! snapshots get an open marker and an arrow, ranges a whisker. Labels that would
//! collide are moved up, never drawn over each other.

use super::canvas::{Align, Canvas, Toward};
use super::columns::ValueAxis;
use super::theme::{self, PALETTE};
use super::{axis_max, Chart, ChartError, Plot, Snapshot};
use crate::dataset::Month;
use crate::value::to_f64;

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
    let first = months[0];
    let last = months[months.len() - 1];
    let start_day = first_day(first);
    let end_day = first_day(last.next());
    let span = (end_day - start_day).max(1) as f64;
    let left = axis.bars_left + 6;
    let right = plot.right - 6;
    let x_of = |day: i64| {
        left + (((day - start_day) as f64 / span).clamp(0.0, 1.0) * f64::from(right - left)).round()
            as i32
    };

    // Month labels centred in their spans, with the year under the first and each January.
    for (i, m) in months.iter().enumerate() {
        let (a, b) = (x_of(first_day(*m)), x_of(first_day(m.next())));
        let (name, year) = (chart.lang.month_name(*m), chart.lang.year(m.year));
        canvas.line(
            vec![(a, inner.bottom), (a, inner.bottom + 6)],
            theme::GREY,
            1,
        )?;
        let name = theme::fit(&name, theme::LABEL_SIZE, false, f64::from(b - a) - 2.0);
        canvas.centered(
            &name,
            ((a + b) / 2, inner.bottom + 10),
            theme::LABEL_SIZE,
            theme::INK,
        )?;
        if i == 0 || m.month == 1 {
            canvas.centered(
                &year,
                ((a + b) / 2, inner.bottom + 32),
                theme::SMALL_SIZE,
                theme::GREY,
            )?;
        }
    }

    let color = PALETTE[0];
    let points: Vec<(i32, i32, &Snapshot)> = snapshots
        .iter()
        .map(|s| {
            (
                x_of(s.date.days_since_epoch()),
                axis.y(to_f64(s.value.low.unwrap_or(0).max(0))),
                s,
            )
        })
        .collect();
    // The step line: flat until the next snapshot, then up (or down: a restatement).
    let mut path = Vec::new();
    for (i, (x, y, _)) in points.iter().enumerate() {
        if i > 0 {
            path.push((*x, points[i - 1].1));
        }
        path.push((*x, *y));
    }
    if path.len() > 1 {
        canvas.line(path, color, 3)?;
    }
    // Each point's marker reaches from its top (an arrow, a whisker) to below the
    // point; labels keep clear of every other point's marker.
    let tops: Vec<i32> = points
        .iter()
        .map(|(_, y, s)| match s.value.high {
            Some(h) if h > s.value.low.unwrap_or(0) => axis.y(to_f64(h)),
            Some(_) => *y,
            None => (y - 30).max(inner.top - 20),
        })
        .collect();
    let markers: Vec<(i32, i32, i32, i32)> = points
        .iter()
        .zip(&tops)
        .map(|((x, y, _), top)| (x - 9, top - 4, x + 9, y + 8))
        .collect();
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    for (i, ((x, y, s), top)) in points.iter().zip(&tops).enumerate() {
        let top = *top;
        match s.value.high {
            Some(h) if h > s.value.low.unwrap_or(0) => {
                canvas.line(vec![(*x, *y), (*x, top)], color, 2)?;
                canvas.line(vec![(x - 6, top), (x + 6, top)], color, 2)?;
            }
            Some(_) => {}
            None => canvas.open_arrow((*x, *y), (*x, top), Toward::Up, (9, 6), color)?,
        }
        canvas.circle(*x, *y, 6, color, s.value.high.is_some())?;
        let label = format!(
            "{} ({})",
            theme::interval_label(&s.value, s.approx),
            chart.lang.day_month(s.date)
        );
        let w = theme::text_width(&label, theme::LABEL_SIZE, true) as i32;
        // Right of the point when it fits, else left; moved up while it collides
        // with a label placed before or another point's marker.
        let mut lx = x + 10;
        if lx + w > plot.right {
            lx = x - 10 - w;
        }
        lx = lx.max(plot.left);
        let hits = |(a, b, c, d): &(i32, i32, i32, i32), ly: i32| {
            lx < *c && lx + w > *a && ly < *d && ly + 22 > *b
        };
        let mut ly = top - 30;
        while ly > plot.top
            && (placed.iter().any(|r| hits(r, ly))
                || markers
                    .iter()
                    .enumerate()
                    .any(|(j, r)| j != i && hits(r, ly)))
        {
            ly -= 24;
        }
        ly = ly.max(plot.top);
        placed.push((lx, ly, lx + w, ly + 22));
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

fn first_day(m: Month) -> i64 {
    crate::dataset::Date {
        year: m.year,
        month: m.month,
        day: 1,
    }
    .days_since_epoch()
}
