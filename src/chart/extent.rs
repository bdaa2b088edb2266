//! One figure drawn as a bar, whichever way it grows: the known part solid, a range
//! as a lighter extension with a cap, "more than" as a dashed arrow. Columns grow up,
//! horizontal bars to the right.

use plotters::style::RGBColor;

use super::canvas::{Canvas, Toward};
use super::ChartError;

/// The arrowhead of a bar's open end: its length and half its width.
pub(super) const ARROWHEAD: (i32, i32) = (10, 7);

/// The room of one bar: the way its values grow, and its two edges across that way
/// (x for a column, y for a horizontal bar).
pub(super) struct Extent {
    pub toward: Toward,
    pub edges: (i32, i32),
}

impl Extent {
    /// Draws the known part from `base` to `low` (pixels along the way the bar
    /// grows): solid, or a line across at the base when it has no length.
    pub fn draw_known(
        &self,
        canvas: &mut Canvas<'_>,
        (base, low): (i32, i32),
        color: RGBColor,
    ) -> Result<(), ChartError> {
        let grows = match self.toward {
            Toward::Up => low < base,
            Toward::Right => low > base,
        };
        if grows {
            self.draw_span(canvas, (base, low), color, 1.0)
        } else {
            self.draw_across(canvas, base, color, 2)
        }
    }

    /// Draws what is not known past a known part that ends at the value `known`: a
    /// range to `high` as a lighter extension with a cap, no upper end ("more than")
    /// as a dashed arrow to `tip` of where the known part ends, nothing for an exact
    /// value. `at` gives where a value falls. Returns where the bar ends.
    pub fn draw_unknown(
        &self,
        canvas: &mut Canvas<'_>,
        at: impl Fn(f64) -> i32,
        (known, high): (f64, Option<f64>),
        tip: impl Fn(i32) -> i32,
        color: RGBColor,
    ) -> Result<i32, ChartError> {
        let end = at(known);
        match high {
            Some(h) if h > known => {
                let cap = at(h);
                self.draw_span(canvas, (end, cap), color, 0.3)?;
                self.draw_across(canvas, cap, color, 2)?;
                Ok(cap)
            }
            Some(_) => Ok(end),
            None => {
                let tip = tip(end);
                let (from, to) = (self.point(end), self.point(tip));
                canvas.open_arrow(from, to, self.toward, ARROWHEAD, color)?;
                Ok(tip)
            }
        }
    }

    /// A rectangle from `a` to `b` along the way the bar grows, edge to edge.
    pub fn draw_span(
        &self,
        canvas: &mut Canvas<'_>,
        (a, b): (i32, i32),
        color: RGBColor,
        opacity: f64,
    ) -> Result<(), ChartError> {
        let (e0, e1) = self.edges;
        match self.toward {
            Toward::Up => canvas.rect(e0, a, e1, b, color, opacity),
            Toward::Right => canvas.rect(a, e0, b, e1, color, opacity),
        }
    }

    /// A line across the bar, edge to edge, at `at` along it.
    pub fn draw_across(
        &self,
        canvas: &mut Canvas<'_>,
        at: i32,
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        let (e0, e1) = self.edges;
        let points = match self.toward {
            Toward::Up => vec![(e0, at), (e1, at)],
            Toward::Right => vec![(at, e0), (at, e1)],
        };
        canvas.line(points, color, width)
    }

    /// The point `along` the bar on its middle line.
    fn point(&self, along: i32) -> (i32, i32) {
        let middle = (self.edges.0 + self.edges.1) / 2;
        match self.toward {
            Toward::Up => (middle, along),
            Toward::Right => (along, middle),
        }
    }
}
