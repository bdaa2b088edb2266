//! Horizontal bars in the order given (callers sort by value): labels on the left,
//! values (and shares) written after the bar, ranges as a lighter extension, "more
//! than" as a dashed arrow. With `log`, a logarithmic axis for figures that span
//! orders of magnitude; with `whiskers`, dots and range lines instead of bars.

use super::canvas::{Align, Canvas, Toward};
use super::fitting;
use super::theme::{self, PALETTE};
use super::{axis_max, Chart, ChartError, Datum, Plot};
use crate::value::to_f64;

struct Scale {
    left: i32,
    right: i32,
    log: bool,
    min: f64,
    max: f64,
}

impl Scale {
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
    let value_labels: Vec<String> = data
        .iter()
        .map(|d| {
            let mut s = d
                .value
                .as_ref()
                .map_or(chart.lang.not_reported().to_string(), |v| {
                    theme::interval_label(v, d.approx)
                });
            if !d.extra.is_empty() {
                s = format!("{s} {}", d.extra);
            }
            s
        })
        .collect();
    let value_w = value_labels
        .iter()
        .map(|l| theme::text_width(l, theme::LABEL_SIZE, true))
        .fold(0.0, f64::max) as i32;
    // Wide: labels left of the bars, values after them. Narrow: each label on its
    // own lines above its bar, the value at the end of the first line, and the bar
    // the full width of the plot.
    // A label too long for its room wraps to a second line where the rows are tall
    // enough, and is shortened only at its end (see `fitting`).
    let full: Vec<&str> = data.iter().map(|d| d.label.as_str()).collect();
    let labels = if narrow {
        let max = f64::from(plot.width() - value_w - 12).max(80.0);
        fitting::distinct_labels(&full, theme::LABEL_SIZE, false, max, 2)
    } else {
        let max = f64::from(plot.width()) * 0.42;
        let lines = if (plot.bottom - plot.top - 28) / data.len() as i32 >= 2 * WIDE_LINE + 4 {
            2
        } else {
            1
        };
        fitting::distinct_labels(&full, theme::LABEL_SIZE, false, max, lines)
    };
    let label_w = labels
        .iter()
        .flatten()
        .map(|l| theme::text_width(l, theme::LABEL_SIZE, false))
        .fold(0.0, f64::max) as i32;
    let (bars_left, bars_right) = if narrow {
        (plot.left, plot.right - 8)
    } else {
        let left = plot.left + label_w + 16;
        (left, (plot.right - value_w - 14).max(left + 40))
    };

    let max_value = axis_max(data.iter().filter_map(|d| d.value.as_ref()));
    let scale = if log {
        let min_positive = data
            .iter()
            .filter_map(|d| d.value.and_then(|v| v.low))
            .filter(|v| *v > 0)
            .min()
            .map_or(1.0, to_f64);
        let min = 10f64.powf(min_positive.log10().floor()).max(1.0);
        let max = 10f64.powf(max_value.max(min * 10.0).log10().ceil());
        Scale {
            left: bars_left,
            right: bars_right,
            log: true,
            min,
            max,
        }
    } else {
        let ticks = theme::nice_ticks(max_value, theme::tick_target(canvas.width));
        Scale {
            left: bars_left,
            right: bars_right,
            log: false,
            min: 0.0,
            max: ticks.last().copied().unwrap_or(1.0).max(1.0),
        }
    };

    // Gridlines (vertical, light) with their labels above the plot.
    let ticks: Vec<f64> = if log {
        let mut t = Vec::new();
        let mut v = scale.min;
        while v <= scale.max * 1.0001 {
            t.push(v);
            v *= 10.0;
        }
        t
    } else {
        theme::nice_ticks(max_value, theme::tick_target(canvas.width))
    };
    let rows_top = plot.top + 28;
    let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let row_h = if narrow {
        NARROW_LINE * label_lines + NARROW_BAR + 14
    } else {
        ((plot.bottom - rows_top) / data.len() as i32).clamp(8, 56)
    };
    let rows_bottom = rows_top + row_h * data.len() as i32;
    // Tick labels that would touch the one before are left out (the gridline stays).
    let mut last_right = i32::MIN;
    for t in &ticks {
        let x = scale.x(*t);
        let tick_text = theme::tick_label(*t);
        let half = (theme::text_width(&tick_text, theme::SMALL_SIZE, false) / 2.0) as i32;
        let label_fits = x - half > last_right + 8;
        let color = if *t == scale.min {
            theme::GREY
        } else {
            theme::GRID
        };
        canvas.line(vec![(x, rows_top - 4), (x, rows_bottom)], color, 1)?;
        if label_fits {
            // The last label stays on the canvas, over its gridline's end.
            let at = x.min(canvas.width - 4 - half);
            canvas.centered(&tick_text, (at, plot.top), theme::SMALL_SIZE, theme::GREY)?;
            last_right = x + half;
        }
    }

    let bar_h = if narrow {
        NARROW_BAR
    } else {
        ((f64::from(row_h) * 0.64) as i32).max(4)
    };
    let show_labels = row_h >= 16;
    let color = PALETTE[0];
    for (i, d) in data.iter().enumerate() {
        let row_top = rows_top + row_h * i as i32;
        let cy = if narrow {
            row_top + NARROW_LINE * labels[i].len() as i32 + 4 + bar_h / 2
        } else {
            row_top + row_h / 2
        };
        if show_labels {
            for (k, line) in labels[i].iter().enumerate() {
                let y = if narrow {
                    row_top + NARROW_LINE * k as i32 + NARROW_LINE / 2
                } else {
                    // The lines of a wrapped label, centred on its bar.
                    cy + WIDE_LINE * (2 * k as i32 + 1 - labels[i].len() as i32) / 2
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
                    &value_labels[i],
                    plot.right,
                    row_top + NARROW_LINE / 2,
                    theme::LABEL_SIZE,
                    theme::INK,
                    true,
                    Align::Right,
                    true,
                )?;
            }
        }
        let Some(v) = d.value else {
            if show_labels && !narrow {
                canvas.text(
                    &chart.lang.not_reported(),
                    bars_left + 6,
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
        let low = to_f64(v.low.unwrap_or(0).max(0));
        let x_low = scale.x(low);
        let end = if whiskers {
            let x_high = v.high.map(|h| scale.x(to_f64(h)));
            match x_high {
                Some(xh) if xh > x_low => {
                    canvas.line(vec![(x_low, cy), (xh, cy)], color, 3)?;
                    canvas.line(vec![(xh, cy - 8), (xh, cy + 8)], color, 3)?;
                    canvas.line(vec![(x_low, cy - 8), (x_low, cy + 8)], color, 3)?;
                    xh
                }
                Some(_) => {
                    canvas.circle(x_low, cy, 7, color, true)?;
                    x_low + 7
                }
                None => {
                    canvas.circle(x_low, cy, 7, color, false)?;
                    open_arrow(canvas, x_low + 7, cy, bars_right)?
                }
            }
        } else {
            if x_low > bars_left {
                canvas.rect(bars_left, cy - bar_h / 2, x_low, cy + bar_h / 2, color, 1.0)?;
            } else {
                canvas.line(
                    vec![(bars_left, cy - bar_h / 2), (bars_left, cy + bar_h / 2)],
                    color,
                    2,
                )?;
            }
            match v.high {
                Some(h) if to_f64(h) > low => {
                    let xh = scale.x(to_f64(h));
                    canvas.rect(x_low, cy - bar_h / 2, xh, cy + bar_h / 2, color, 0.3)?;
                    canvas.line(vec![(xh, cy - bar_h / 2), (xh, cy + bar_h / 2)], color, 2)?;
                    xh
                }
                Some(_) => x_low,
                None => open_arrow(canvas, x_low, cy, bars_right)?,
            }
        };
        if show_labels && !narrow {
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

/// A dashed line and an arrowhead after the known part of a "more than" figure;
/// returns where it ends.
fn open_arrow(canvas: &mut Canvas<'_>, x: i32, cy: i32, limit: i32) -> Result<i32, ChartError> {
    let tip = (x + 40).min(limit.max(x + 12));
    canvas.open_arrow((x, cy), (tip, cy), Toward::Right, (10, 7), PALETTE[0])?;
    Ok(tip)
}
