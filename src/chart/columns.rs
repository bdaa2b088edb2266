//! Vertical bars, one per label (months in time order): values written above the
//! bars, ranges as a lighter extension with a cap, "more than" as a dashed arrow, and
//! months not reported as gaps that say so. Also the stacked variant.

use plotters::style::RGBColor;

use super::canvas::{Align, Canvas, Toward};
use super::extent::Extent;
use super::theme::{self, PALETTE};
use super::{axis_max, known_part, Chart, ChartError, Datum, Plot, Series};
use crate::dataset::Month;
use crate::values::decimal::to_f64;
use crate::values::interval::Interval;
use crate::words::Lang;

/// The value axis: ticks, gridlines and labels; returns the x where bars may start
/// and a function from value to y.
pub(super) struct ValueAxis {
    pub max: f64,
    pub bars_left: i32,
    top: i32,
    bottom: i32,
}

impl ValueAxis {
    pub fn draw(
        canvas: &mut Canvas<'_>,
        plot: Plot,
        max_value: f64,
    ) -> Result<ValueAxis, ChartError> {
        let ticks = theme::nice_ticks(max_value, theme::tick_target(canvas.width));
        let max = ticks.last().copied().unwrap_or(1.0).max(1.0);
        let labels: Vec<String> = ticks.iter().map(|t| theme::tick_label(*t)).collect();
        let label_w = theme::widest(&labels, theme::SMALL_SIZE, false) as i32;
        let axis = ValueAxis {
            max,
            bars_left: plot.left + label_w + 14,
            top: plot.top,
            bottom: plot.bottom,
        };
        for (t, label) in ticks.iter().zip(&labels) {
            let y = axis.y(*t);
            let color = if *t == 0.0 { theme::GREY } else { theme::GRID };
            canvas.line(vec![(axis.bars_left, y), (plot.right, y)], color, 1)?;
            canvas.text(
                label,
                axis.bars_left - 10,
                y,
                theme::SMALL_SIZE,
                theme::GREY,
                false,
                Align::Right,
                true,
            )?;
        }
        Ok(axis)
    }

    pub fn y(&self, v: f64) -> i32 {
        let frac = (v / self.max).clamp(0.0, 1.0);
        self.bottom - (frac * f64::from(self.bottom - self.top)).round() as i32
    }
}

/// Draws one interval as a column on `extent`, from `base`; returns the y of its
/// top (where the label goes).
pub(super) fn draw_interval_column(
    canvas: &mut Canvas<'_>,
    axis: &ValueAxis,
    extent: &Extent,
    base: f64,
    v: &Interval,
    color: RGBColor,
) -> Result<i32, ChartError> {
    let low = known_part(v);
    extent.draw_known(canvas, (axis.y(base), axis.y(base + low)), color)?;
    let high = v.high.map(|h| base + to_f64(h));
    draw_unknown_part(canvas, axis, extent, (base + low, high), color)
}

/// Draws what is not known of a column, given the value its known part reaches and
/// its high end (see [`Extent::draw_unknown`]): the arrow of "more than" reaches 34
/// pixels higher, at most 6 over the axis. Returns the y of its top.
fn draw_unknown_part(
    canvas: &mut Canvas<'_>,
    axis: &ValueAxis,
    extent: &Extent,
    known_high: (f64, Option<f64>),
    color: RGBColor,
) -> Result<i32, ChartError> {
    let tip = |y: i32| (y - 34).max(axis.top - 6);
    extent.draw_unknown(canvas, |v| axis.y(v), known_high, tip, color)
}

/// The room of the column centred on `x`, `bar` wide.
fn column(x: i32, bar: i32) -> Extent {
    Extent {
        toward: Toward::Up,
        edges: (x - bar / 2, x + bar / 2),
    }
}

fn month_labels(labels: &[String], lang: Lang) -> Option<Vec<(String, Option<String>)>> {
    let months: Vec<Month> = labels
        .iter()
        .map(|l| Month::parse(l))
        .collect::<Option<_>>()?;
    Some(
        months
            .iter()
            .enumerate()
            .map(|(i, m)| super::labels::month_label(i, *m, lang))
            .collect(),
    )
}

/// Labels under the columns: months as "Apr" with the year under the first month and
/// each January; other labels wrapped to two lines and shortened to fit.
fn draw_x_labels(
    canvas: &mut Canvas<'_>,
    labels: &[String],
    centers: &[i32],
    col_w: i32,
    y: i32,
    lang: Lang,
) -> Result<(), ChartError> {
    let max = f64::from(col_w.max(20)) - 4.0;
    if let Some(months) = month_labels(labels, lang) {
        for ((name, year), x) in months.iter().zip(centers) {
            let name = theme::fit(name, theme::LABEL_SIZE, false, max);
            canvas.centered(&name, (*x, y), theme::LABEL_SIZE, theme::INK)?;
            if let Some(year) = year {
                canvas.centered(year, (*x, y + 22), theme::SMALL_SIZE, theme::GREY)?;
            }
        }
        return Ok(());
    }
    let full: Vec<&str> = labels.iter().map(String::as_str).collect();
    let shown = super::fitting::distinct_labels(&full, theme::SMALL_SIZE, false, max, 2);
    for (lines, x) in shown.iter().zip(centers) {
        for (i, line) in lines.iter().enumerate() {
            canvas.centered(line, (*x, y + i as i32 * 19), theme::SMALL_SIZE, theme::INK)?;
        }
    }
    Ok(())
}

fn layout(n: usize, left: i32, right: i32) -> (Vec<i32>, i32, i32) {
    let n = n.max(1) as i32;
    let slot = (right - left) / n;
    let bar = ((f64::from(slot) * 0.62) as i32).clamp(4, 120);
    let centers = (0..n).map(|i| left + slot * i + slot / 2).collect();
    (centers, slot, bar)
}

fn not_reported(
    canvas: &mut Canvas<'_>,
    x: i32,
    y: i32,
    slot: i32,
    lang: Lang,
) -> Result<(), ChartError> {
    let max = f64::from(slot) - 6.0;
    let words = lang.not_reported();
    let lines = if theme::text_width(&words, theme::SMALL_SIZE, false) <= max {
        vec![words.to_string()]
    } else if lang.t("chart-words-spaced") == "yes" {
        words
            .split_whitespace()
            .map(|w| theme::fit(w, theme::SMALL_SIZE, false, max))
            .collect()
    } else {
        vec![theme::fit(&words, theme::SMALL_SIZE, false, max)]
    };
    let n = lines.len() as i32;
    for (i, line) in lines.iter().enumerate() {
        canvas.centered(
            line,
            (x, y - 8 - (n - i as i32) * 18),
            theme::SMALL_SIZE,
            theme::LIGHT_GREY,
        )?;
    }
    Ok(())
}

/// A value written above a column, in smaller type where the column is narrow; a
/// value that fits neither way is not written (a shortened number would be another
/// number), and the table under the chart gives it.
fn value_label(
    canvas: &mut Canvas<'_>,
    text: &str,
    x: i32,
    top: i32,
    slot: i32,
) -> Result<(), ChartError> {
    let max = f64::from(slot) - 4.0;
    let Some(size) = [theme::LABEL_SIZE, theme::SMALL_SIZE]
        .into_iter()
        .find(|s| theme::text_width(text, *s, true) <= max)
    else {
        return Ok(());
    };
    canvas.text(
        text,
        x,
        top - 24,
        size,
        theme::INK,
        true,
        Align::Center,
        false,
    )
}

/// Space under the plot for the labels.
const X_LABELS: i32 = 50;

pub(super) fn draw(
    canvas: &mut Canvas<'_>,
    plot: Plot,
    chart: &Chart,
    data: &[Datum],
) -> Result<(), ChartError> {
    if data.is_empty() {
        return Err(ChartError::Invalid(
            "nothing to draw: the selection has no figures".into(),
        ));
    }
    let inner = Plot {
        bottom: plot.bottom - X_LABELS,
        top: plot.top + 26,
        ..plot
    };
    let axis = ValueAxis::draw(
        canvas,
        inner,
        axis_max(data.iter().filter_map(|d| d.value.as_ref())),
    )?;
    let (centers, slot, bar) = layout(data.len(), axis.bars_left, plot.right);
    let show_labels = data.len() <= 24;
    for (d, x) in data.iter().zip(&centers) {
        match &d.value {
            None => not_reported(canvas, *x, inner.bottom, slot, chart.lang)?,
            Some(v) => {
                let top =
                    draw_interval_column(canvas, &axis, &column(*x, bar), 0.0, v, PALETTE[0])?;
                if show_labels {
                    value_label(canvas, &d.value_words(chart.lang), *x, top, slot)?;
                }
            }
        }
    }
    let labels: Vec<String> = data.iter().map(|d| d.label.clone()).collect();
    draw_x_labels(
        canvas,
        &labels,
        &centers,
        slot,
        inner.bottom + 10,
        chart.lang,
    )
}

pub(super) fn draw_stacked(
    canvas: &mut Canvas<'_>,
    plot: Plot,
    labels: &[String],
    series: &[Series],
    show_totals: bool,
    lang: Lang,
) -> Result<(), ChartError> {
    if labels.is_empty() || series.is_empty() {
        return Err(ChartError::Invalid(
            "nothing to draw: the selection has no figures".into(),
        ));
    }
    let series = &series[..series.len().min(PALETTE.len())];
    let legend = draw_legend(canvas, plot, series)?;
    let totals = column_totals(labels.len(), series);
    let inner = Plot {
        top: plot.top + 54 + legend,
        bottom: plot.bottom - X_LABELS,
        ..plot
    };
    let max = axis_max(totals.iter().flatten());
    let axis = ValueAxis::draw(canvas, inner, max)?;
    let (centers, slot, bar) = layout(labels.len(), axis.bars_left, plot.right);
    for (c, x) in centers.iter().enumerate() {
        let Some(total) = totals[c] else {
            not_reported(canvas, *x, inner.bottom, slot, lang)?;
            continue;
        };
        let extent = column(*x, bar);
        let base = draw_stack(canvas, &axis, &extent, series, c)?;
        // The parts' ranges and open ends, added up, over the stack of their low
        // ends: a stack is never drawn as more certain than its parts. Grey, since
        // the unknown part may be any series'.
        let high = total.high.map(to_f64);
        let top = draw_unknown_part(canvas, &axis, &extent, (base, high), theme::GREY)?;
        if show_totals {
            value_label(canvas, &theme::interval_label(&total, false), *x, top, slot)?;
        }
    }
    draw_x_labels(canvas, labels, &centers, slot, inner.bottom + 10, lang)
}

/// A direct legend above the plot, in as many rows as it takes: every series is
/// named. Returns how much lower than the plot's top its last row starts.
fn draw_legend(canvas: &mut Canvas<'_>, plot: Plot, series: &[Series]) -> Result<i32, ChartError> {
    let (mut x, mut y) = (plot.left, plot.top);
    for (i, s) in series.iter().enumerate() {
        let name = theme::fit(
            &s.name,
            theme::SMALL_SIZE,
            false,
            f64::from(plot.width() - 22).min(260.0),
        );
        let w = theme::text_width(&name, theme::SMALL_SIZE, false) as i32;
        if x + 22 + w > plot.right && x > plot.left {
            x = plot.left;
            y += 24;
        }
        canvas.rect(x, y + 2, x + 14, y + 16, PALETTE[i], 1.0)?;
        canvas.text(
            &name,
            x + 20,
            y + 9,
            theme::SMALL_SIZE,
            theme::INK,
            false,
            Align::Left,
            true,
        )?;
        x += 20 + w + 26;
    }
    Ok(y - plot.top)
}

/// The sum of each of `columns` columns over the series that have a figure there;
/// `None` where none has.
fn column_totals(columns: usize, series: &[Series]) -> Vec<Option<Interval>> {
    (0..columns)
        .map(|c| {
            let parts: Vec<Interval> = series
                .iter()
                .filter_map(|s| s.values.get(c).copied().flatten())
                .collect();
            if parts.is_empty() {
                None
            } else {
                Interval::sum(parts).ok()
            }
        })
        .collect()
}

/// The known parts of column `c` of each series, stacked from zero on `extent` in
/// the series' colours; returns the top of the stack, as a value.
fn draw_stack(
    canvas: &mut Canvas<'_>,
    axis: &ValueAxis,
    extent: &Extent,
    series: &[Series],
    c: usize,
) -> Result<f64, ChartError> {
    let mut base = 0.0;
    for (i, s) in series.iter().enumerate() {
        let Some(v) = s.values.get(c).copied().flatten() else {
            continue;
        };
        let low = known_part(&v);
        let (y0, y1) = (axis.y(base), axis.y(base + low));
        if y1 < y0 {
            extent.draw_span(canvas, (y0, y1), PALETTE[i], 1.0)?;
            // White seams keep adjacent segments apart.
            extent.draw_across(canvas, y1, theme::BACKGROUND, 1)?;
        }
        base += low;
    }
    Ok(base)
}
