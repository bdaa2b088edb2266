//! A thin drawing surface over plotters' SVG backend with the theme built in: text
//! with the embedded font, filled rectangles, lines, markers, and the frame every
//! chart shares (title, subtitle, footer).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme;
use super::{Chart, ChartError, Plot};

/// Most footer lines of the narrow rendering (its height makes room for them).
pub const NARROW_FOOTER_LINES: usize = 12;

pub struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    pub width: i32,
    pub height: i32,
}

/// Horizontal alignment of text.
#[derive(Clone, Copy)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Which way an arrow points.
#[derive(Clone, Copy)]
pub enum Toward {
    Right,
    Up,
}

fn backend<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Backend(format!("{e:?}"))
}

impl<'a> Canvas<'a> {
    pub fn new(buf: &'a mut String, width: u32, height: u32) -> Result<Canvas<'a>, ChartError> {
        let area = SVGBackend::with_string(buf, (width, height)).into_drawing_area();
        area.fill(&theme::BACKGROUND).map_err(backend)?;
        Ok(Canvas {
            area,
            width: width as i32,
            height: height as i32,
        })
    }

    pub fn finish(self) -> Result<(), ChartError> {
        self.area.present().map_err(backend)
    }

    /// Plain text centred on `x`, hanging from `y`.
    pub fn centered(
        &mut self,
        text: &str,
        (x, y): (i32, i32),
        size: f64,
        color: RGBColor,
    ) -> Result<(), ChartError> {
        self.text(text, x, y, size, color, false, Align::Center, false)
    }

    /// Text whose top (or middle, with `middle`) sits at `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        text: &str,
        x: i32,
        y: i32,
        size: f64,
        color: RGBColor,
        bold: bool,
        align: Align,
        middle: bool,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let h = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let v = if middle { VPos::Center } else { VPos::Top };
        // A right-to-left override from a package would show the label in another
        // order than it holds.
        let text = crate::output::show_hidden(text);
        let text = text.as_ref();
        let family = FontFamily::Name(theme::family_for(text));
        let font = FontDesc::new(family, theme::plotters_size(size), style);
        let ts = TextStyle::from(font).color(&color).pos(Pos::new(h, v));
        self.area.draw_text(text, &ts, (x, y)).map_err(backend)
    }

    pub fn rect(
        &mut self,
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        color: RGBColor,
        opacity: f64,
    ) -> Result<(), ChartError> {
        let style = color.mix(opacity).filled();
        self.area
            .draw(&Rectangle::new(
                [(x0.min(x1), y0.min(y1)), (x0.max(x1), y0.max(y1))],
                style,
            ))
            .map_err(backend)
    }

    pub fn line(
        &mut self,
        points: Vec<(i32, i32)>,
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        self.area
            .draw(&PathElement::new(points, color.stroke_width(width)))
            .map_err(backend)
    }

    /// A dashed straight line.
    pub fn dashed(
        &mut self,
        from: (i32, i32),
        to: (i32, i32),
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
        let len = (dx * dx + dy * dy).sqrt();
        let (dash, gap) = (6.0, 4.0);
        let mut t = 0.0;
        while t < len {
            let e = (t + dash).min(len);
            let p = |s: f64| {
                (
                    (f64::from(from.0) + dx * s / len).round() as i32,
                    (f64::from(from.1) + dy * s / len).round() as i32,
                )
            };
            self.line(vec![p(t), p(e)], color, width)?;
            t += dash + gap;
        }
        Ok(())
    }

    /// The mark of a figure with no upper end ("more than"): a dashed line from
    /// `from` that stops 8 pixels short of `tip`, and an arrowhead `length` long and
    /// `2 * half` wide whose point is at `tip`.
    pub fn open_arrow(
        &mut self,
        from: (i32, i32),
        tip: (i32, i32),
        toward: Toward,
        (length, half): (i32, i32),
        color: RGBColor,
    ) -> Result<(), ChartError> {
        let (x, y) = tip;
        let (dash_end, head) = match toward {
            Toward::Right => ((x - 8, y), [(x - length, y - half), (x - length, y + half)]),
            Toward::Up => ((x, y + 8), [(x - half, y + length), (x + half, y + length)]),
        };
        self.dashed(from, dash_end, color, 2)?;
        self.polygon(vec![head[0], head[1], tip], color)
    }

    pub fn circle(
        &mut self,
        x: i32,
        y: i32,
        r: u32,
        color: RGBColor,
        filled: bool,
    ) -> Result<(), ChartError> {
        let style = if filled {
            color.filled()
        } else {
            color.stroke_width(2)
        };
        self.area
            .draw(&Circle::new((x, y), r, style))
            .map_err(backend)?;
        if !filled {
            // An open marker: white inside so lines under it do not show through.
            self.area
                .draw(&Circle::new(
                    (x, y),
                    r.saturating_sub(2),
                    theme::BACKGROUND.filled(),
                ))
                .map_err(backend)?;
        }
        Ok(())
    }

    pub fn polygon(&mut self, points: Vec<(i32, i32)>, color: RGBColor) -> Result<(), ChartError> {
        self.area
            .draw(&Polygon::new(points, color.filled()))
            .map_err(backend)
    }

    /// Title, subtitle and footer; returns the rectangle left for the plot, below a
    /// line reserved for the value-axis title.
    pub fn frame(&mut self, chart: &Chart) -> Result<Plot, ChartError> {
        // The narrow rendering: smaller margins and title, more lines for both.
        let narrow = super::is_narrow(self.width);
        let (m, title_size, subtitle_size, title_lines, subtitle_lines) = if narrow {
            (
                theme::NARROW_MARGIN,
                theme::NARROW_TITLE_SIZE,
                theme::NARROW_SUBTITLE_SIZE,
                3,
                4,
            )
        } else {
            (theme::MARGIN, theme::TITLE_SIZE, theme::SUBTITLE_SIZE, 2, 3)
        };
        let max = f64::from(self.width - 2 * m);
        let mut y = if narrow { 20 } else { 34 };
        for line in theme::wrap(&chart.title, title_size, true, max)
            .iter()
            .take(title_lines)
        {
            self.text(line, m, y, title_size, theme::INK, true, Align::Left, false)?;
            y += (title_size * 1.25) as i32;
        }
        y += 4;
        for line in theme::wrap(&chart.subtitle, subtitle_size, false, max)
            .iter()
            .take(subtitle_lines)
        {
            self.text(
                line,
                m,
                y,
                subtitle_size,
                theme::GREY,
                false,
                Align::Left,
                false,
            )?;
            y += (subtitle_size * 1.35) as i32;
        }
        let mut footer: Vec<String> = Vec::new();
        for f in &chart.footer {
            footer.extend(theme::wrap(f, theme::FOOTER_SIZE, false, max));
        }
        footer.truncate(if narrow { NARROW_FOOTER_LINES } else { 4 });
        let line_h = (theme::FOOTER_SIZE * 1.4) as i32;
        let mut fy = self.height - if narrow { 16 } else { 28 } - line_h * footer.len() as i32;
        let footer_top = fy;
        // A hairline separates the footer from the plot, as print desks do.
        self.line(
            vec![(m, fy - 12), (self.width - m, fy - 12)],
            theme::GRID,
            1,
        )?;
        for line in &footer {
            self.text(
                line,
                m,
                fy,
                theme::FOOTER_SIZE,
                theme::LIGHT_GREY,
                false,
                Align::Left,
                false,
            )?;
            fy += line_h;
        }
        y += 18;
        if !chart.value_title.is_empty() {
            let t = theme::fit(&chart.value_title, theme::SMALL_SIZE, false, max);
            self.text(
                &t,
                m,
                y,
                theme::SMALL_SIZE,
                theme::GREY,
                false,
                Align::Left,
                false,
            )?;
        }
        y += (theme::SMALL_SIZE * 1.6) as i32 + 8;
        let plot = Plot {
            left: m,
            top: y,
            right: self.width - m,
            bottom: footer_top - 24,
        };
        if plot.height() < 60 {
            return Err(ChartError::Invalid(format!(
                "a chart of {}x{} pixels leaves no room for the plot: make it taller",
                self.width, self.height
            )));
        }
        Ok(plot)
    }
}
