//! Horizontal bars in the order given (callers sort by value): labels on the left,
//! values (and shares) written after the bar, ranges as a lighter extension, "more
//! than" as a dashed arrow. With `log`, a logarithmic axis for figures that span
//! orders of magnitude; with `whiskers`, dots and range lines instead of bars.

use super::canvas::{Align, Canvas, Toward};
use super::extent::{Extent, ARROWHEAD};
use super::fitting;
use super::theme::{self, PALETTE};
use super::{axis_max, known_part, Chart, ChartError, Datum, Plot};
use crate::values::decimal::to_f64;
use crate::values::interval::Interval;

/// Where values fall along the bars, and the values of the gridlines.
struct Scale {
    left: i32,
    right: i32,
    log: bool,
    min: f64,
    max: f64,
    ticks: Vec<f64>,
}

impl Scale {
    /// The scale of `data` from `left` to `right`: logarithmic from the power of ten
    /// at or below the smallest positive figure, with a gridline at each power; or
    /// from zero to the last of about `tick_target` round ticks.
    fn of(data: &[Datum], log: bool, (left, right): (i32, i32), tick_target: usize) -> Scale {
        let max_value = axis_max(data.iter().filter_map(|d| d.value.as_ref()));
        if !log {
            let ticks = theme::nice_ticks(max_value, tick_target);
            return Scale {
                left,
                right,
                log: false,
                min: 0.0,
                max: ticks.last().copied().unwrap_or(1.0).max(1.0),
                ticks,
            };
        }
        let min_positive = data
            .iter()
            .filter_map(|d| d.value.and_then(|v| v.low))
            .filter(|v| *v > 0)
            .min()
            .map_or(1.0, to_f64);
        let min = 10f64.powf(min_positive.log10().floor()).max(1.0);
        let max = 10f64.powf(max_value.max(min * 10.0).log10().ceil());
        let mut ticks = Vec::new();
        let mut v = min;
        while v <= max * 1.0001 {
            ticks.push(v);
            v *= 10.0;
        }
        Scale {
            left,
            right,
            log: true,
            min,
            max,
            ticks,
        }
    }

    fn x(&self, v: f64) -> i32 {
        let frac = if self.log {
            let v = v.max(self.min);
            (v.log10() - self.min.log10()) / (self.max.log10() - self.min.log10())
        } else {
            v / self.max
        };
        let frac = if frac.is_finite() {
            frac.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.left + (frac * f64::from(self.right - self.left)).round() as i32
    }
}

/// The narrow rendering's rows: a line per label line, then the bar.
const NARROW_LINE: i32 = 21;
const NARROW_BAR: i32 = 20;
/// The line height of a wide chart's wrapped label.
const WIDE_LINE: i32 = 20;

/// The height of a narrow chart of these bars: the frame, and each row with up to
/// two lines of label.
pub(super) fn narrow_height(labels: &[&str], value_w: f64, width: u32) -> u32 {
    let plot_w = f64::from(width) - 2.0 * f64::from(theme::NARROW_MARGIN);
    let max = (plot_w - value_w - 12.0).max(80.0);
    let lines = labels
        .iter()
        .map(|l| theme::wrap(l, theme::LABEL_SIZE, false, max).len().min(2))
        .max()
        .unwrap_or(1) as u32;
    let row = NARROW_LINE as u32 * lines + NARROW_BAR as u32 + 14;
    (360 + row * labels.len() as u32).min(9000)
}

/// Room above the rows for the tick labels.
const TICK_ROW: i32 = 28;

/// Where the rows, their labels and their bars go. Wide: labels left of the bars,
/// values after them. Narrow: each label on its own lines above its bar, the value
/// at the end of the first line, and the bar the full width of the plot.
struct Layout {
    narrow: bool,
    plot: Plot,
    /// Where the bars start, and how far they may reach.
    bars_left: i32,
    bars_right: i32,
    rows_top: i32,
    row_h: i32,
    bar_h: i32,
}

impl Layout {
    /// The layout of rows with these labels (each in its lines) and values at most
    /// `value_w` wide.
    fn new(plot: Plot, narrow: bool, labels: &[Vec<String>], value_w: i32) -> Layout {
        let (bars_left, bars_right) = if narrow {
            (plot.left, plot.right - 8)
        } else {
            let label_w = theme::widest(labels.iter().flatten(), theme::LABEL_SIZE, false) as i32;
            let left = plot.left + label_w + 16;
            (left, (plot.right - value_w - 14).max(left + 40))
        };
        let rows_top = plot.top + TICK_ROW;
        let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let row_h = if narrow {
            NARROW_LINE * label_lines + NARROW_BAR + 14
        } else {
            ((plot.bottom - rows_top) / labels.len() as i32).clamp(8, 56)
        };
        let bar_h = if narrow {
            NARROW_BAR
        } else {
            ((f64::from(row_h) * 0.64) as i32).max(4)
        };
        Layout {
            narrow,
            plot,
            bars_left,
            bars_right,
            rows_top,
            row_h,
            bar_h,
        }
    }

    fn row_top(&self, i: usize) -> i32 {
        self.rows_top + self.row_h * i as i32
    }

    /// The middle of the bar of a row, under its label of `lines` lines when narrow.
    fn bar_middle(&self, row_top: i32, lines: usize) -> i32 {
        if self.narrow {
            row_top + NARROW_LINE * lines as i32 + 4 + self.bar_h / 2
        } else {
            row_top + self.row_h / 2
        }
    }

    /// Whether the rows are tall enough for words.
    fn has_words(&self) -> bool {
        self.row_h >= 16
    }
}

pub(super) fn draw(
    canvas: &mut Canvas<'_>,
    plot: Plot,
    chart: &Chart,
    data: &[Datum],
    log: bool,
    whiskers: bool,
) -> Result<(), ChartError> {
    if data.is_empty() {
        return Err(ChartError::Invalid(
            "nothing to draw: the selection has no figures".into(),
        ));
    }
    let narrow = super::is_narrow(canvas.width);
    let value_labels: Vec<String> = data.iter().map(|d| d.value_words(chart.lang)).collect();
    let value_w = theme::widest(&value_labels, theme::LABEL_SIZE, true) as i32;
    let labels = fitted_labels(data, plot, narrow, value_w);
    let layout = Layout::new(plot, narrow, &labels, value_w);
    let target = theme::tick_target(canvas.width);
    let scale = Scale::of(data, log, (layout.bars_left, layout.bars_right), target);
    let rows_bottom = layout.row_top(data.len());
    draw_gridlines(canvas, &scale, plot.top, (layout.rows_top, rows_bottom))?;
    let words = layout.has_words();
    for (i, d) in data.iter().enumerate() {
        let row_top = layout.row_top(i);
        let cy = layout.bar_middle(row_top, labels[i].len());
        if words {
            draw_label(canvas, &layout, (row_top, cy), &labels[i], &value_labels[i])?;
        }
        let Some(v) = d.value else {
            if words && !narrow {
                canvas.text(
                    &chart.lang.not_reported(),
                    layout.bars_left + 6,
                    cy,
                    theme::SMALL_SIZE,
                    theme::LIGHT_GREY,
                    false,
                    Align::Left,
                    true,
                )?;
            }
            continue;
        };
        let end = if whiskers {
            draw_whisker(canvas, &scale, cy, &v)?
        } else {
            draw_bar(canvas, &scale, cy, layout.bar_h, &v)?
        };
        if words && !narrow {
            canvas.text(
                &value_labels[i],
                end + 8,
                cy,
                theme::LABEL_SIZE,
                theme::INK,
                true,
                Align::Left,
                true,
            )?;
        }
    }
    Ok(())
}

/// Each bar's label in its lines, fitted to its room: narrow, the plot's width less
/// the value; wide, a column of the plot's left part, in two lines where the rows
/// are tall enough. A label too long for its room wraps, and is shortened only at
/// its end (see `fitting`).
fn fitted_labels(data: &[Datum], plot: Plot, narrow: bool, value_w: i32) -> Vec<Vec<String>> {
    let full: Vec<&str> = data.iter().map(|d| d.label.as_str()).collect();
    if narrow {
        let max = f64::from(plot.width() - value_w - 12).max(80.0);
        return fitting::distinct_labels(&full, theme::LABEL_SIZE, false, max, 2);
    }
    let max = f64::from(plot.width()) * 0.42;
    let row_h = (plot.bottom - plot.top - TICK_ROW) / data.len() as i32;
    let lines = if row_h >= 2 * WIDE_LINE + 4 { 2 } else { 1 };
    fitting::distinct_labels(&full, theme::LABEL_SIZE, false, max, lines)
}

/// Gridlines (vertical, light) from `top` to `bottom` of the rows, with their labels
/// above the plot at `label_y`. Tick labels that would touch the one before are left
/// out (the gridline stays).
fn draw_gridlines(
    canvas: &mut Canvas<'_>,
    scale: &Scale,
    label_y: i32,
    (top, bottom): (i32, i32),
) -> Result<(), ChartError> {
    let mut last_right = i32::MIN;
    for t in &scale.ticks {
        let x = scale.x(*t);
        let tick_text = theme::tick_label(*t);
        let half = (theme::text_width(&tick_text, theme::SMALL_SIZE, false) / 2.0) as i32;
        let label_fits = x - half > last_right + 8;
        let color = if *t == scale.min {
            theme::GREY
        } else {
            theme::GRID
        };
        canvas.line(vec![(x, top - 4), (x, bottom)], color, 1)?;
        if label_fits {
            // The last label stays on the canvas, over its gridline's end.
            let at = x.min(canvas.width - 4 - half);
            canvas.centered(&tick_text, (at, label_y), theme::SMALL_SIZE, theme::GREY)?;
            last_right = x + half;
        }
    }
    Ok(())
}

/// A row's label in its lines: left of its bar and centred on it (wide), or above it
/// with the value at the end of the first line (narrow).
fn draw_label(
    canvas: &mut Canvas<'_>,
    layout: &Layout,
    (row_top, cy): (i32, i32),
    lines: &[String],
    value: &str,
) -> Result<(), ChartError> {
    let (narrow, plot) = (layout.narrow, layout.plot);
    for (k, line) in lines.iter().enumerate() {
        let y = if narrow {
            row_top + NARROW_LINE * k as i32 + NARROW_LINE / 2
        } else {
            // The lines of a wrapped label, centred on its bar.
            cy + WIDE_LINE * (2 * k as i32 + 1 - lines.len() as i32) / 2
        };
        canvas.text(
            line,
            if narrow { plot.left + 6 } else { plot.left },
            y,
            theme::LABEL_SIZE,
            theme::INK,
            false,
            Align::Left,
            true,
        )?;
    }
    if narrow {
        canvas.text(
            value,
            plot.right,
            row_top + NARROW_LINE / 2,
            theme::LABEL_SIZE,
            theme::INK,
            true,
            Align::Right,
            true,
        )?;
    }
    Ok(())
}

/// A figure as a dot and whisker at height `cy`: a range as a line with a cap at
/// each end, an exact value as a dot, "more than" as an open dot and an arrow.
/// Returns where it ends.
fn draw_whisker(
    canvas: &mut Canvas<'_>,
    scale: &Scale,
    cy: i32,
    v: &Interval,
) -> Result<i32, ChartError> {
    let color = PALETTE[0];
    let x_low = scale.x(known_part(v));
    match v.high.map(|h| scale.x(to_f64(h))) {
        Some(xh) if xh > x_low => {
            canvas.line(vec![(x_low, cy), (xh, cy)], color, 3)?;
            canvas.line(vec![(xh, cy - 8), (xh, cy + 8)], color, 3)?;
            canvas.line(vec![(x_low, cy - 8), (x_low, cy + 8)], color, 3)?;
            Ok(xh)
        }
        Some(_) => {
            canvas.circle(x_low, cy, 7, color, true)?;
            Ok(x_low + 7)
        }
        None => {
            canvas.circle(x_low, cy, 7, color, false)?;
            let (from, tip) = (x_low + 7, arrow_tip(x_low + 7, scale.right));
            canvas.open_arrow((from, cy), (tip, cy), Toward::Right, ARROWHEAD, color)?;
            Ok(tip)
        }
    }
}

/// A figure as a bar `bar_h` high, centred on `cy` (see [`Extent`]). Returns where
/// it ends.
fn draw_bar(
    canvas: &mut Canvas<'_>,
    scale: &Scale,
    cy: i32,
    bar_h: i32,
    v: &Interval,
) -> Result<i32, ChartError> {
    let color = PALETTE[0];
    let bar = Extent {
        toward: Toward::Right,
        edges: (cy - bar_h / 2, cy + bar_h / 2),
    };
    let low = known_part(v);
    bar.draw_known(canvas, (scale.left, scale.x(low)), color)?;
    let tip = |x: i32| arrow_tip(x, scale.right);
    bar.draw_unknown(
        canvas,
        |v| scale.x(v),
        (low, v.high.map(to_f64)),
        tip,
        color,
    )
}

/// Where the arrow of a "more than" figure whose known part ends at `x` points: 40
/// pixels on, short of `limit` unless that leaves less than 12.
fn arrow_tip(x: i32, limit: i32) -> i32 {
    (x + 40).min(limit.max(x + 12))
}
