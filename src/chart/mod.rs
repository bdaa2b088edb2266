//! Charts a newspaper could print as they are: title and subtitle left-aligned above
//! the plot, light horizontal grid lines only, values written on the bars, a source
//! footer, the Okabe-Ito palette and an embedded font.
//!
//! Every chart is drawn with plotters into an in-memory SVG string; the PNG is that
//! SVG rasterised at 2x by resvg with the same embedded font, so the two always agree
//! and no system font is needed. Nothing is written here: the caller writes the bytes
//! atomically, so a failed render leaves no file.

mod bars;
pub mod build;
mod canvas;
mod columns;
mod steps;
pub mod theme;

use std::fmt;
use std::sync::Arc;

use crate::dataset::{Date, Month};
use crate::interval::Interval;

pub use canvas::Canvas;

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Vertical bars by month; months not reported are gaps.
    Bar,
    /// Horizontal bars sorted by value, with value and share labels.
    Hbar,
    /// A step line of running totals.
    Step,
    /// Vertical bars by month stacked by a second key.
    Stacked,
    /// Dots and whiskers: intervals drawn as ranges.
    Range,
}

/// One bar or point.
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    pub label: String,
    /// `None`: not reported (a gap, never a zero bar).
    pub value: Option<Interval>,
    pub approx: bool,
    /// Extra text after the value label (a share, a date).
    pub extra: String,
}

/// A running-total snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub date: Date,
    pub value: Interval,
    pub approx: bool,
}

/// One stacked series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// One value per column, `None` where the series has no figure.
    pub values: Vec<Option<Interval>>,
}

/// What is drawn in the plot area.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Vertical bars, one per label (months in order).
    Columns(Vec<Datum>),
    /// Horizontal bars (or whiskers), in the order given; `log` for values spanning
    /// orders of magnitude.
    Bars {
        data: Vec<Datum>,
        log: bool,
        whiskers: bool,
    },
    /// Running totals over the months shown.
    Steps {
        months: Vec<Month>,
        snapshots: Vec<Snapshot>,
    },
    /// Stacked columns.
    Stacked {
        labels: Vec<String>,
        series: Vec<Series>,
    },
}

/// A chart: its words and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub subtitle: String,
    /// What the values measure, shown above the value axis ("Websites", "Yuan").
    pub value_title: String,
    /// Lines of the footer: the source first.
    pub footer: Vec<String>,
    pub width: u32,
    pub height: u32,
    pub body: Body,
}

pub const DEFAULT_WIDTH: u32 = 1200;
pub const DEFAULT_HEIGHT: u32 = 750;

/// The sentence every footer carries.
pub const HONESTY_NOTE: &str = "Figures as published; 'more than' figures drawn as lower bounds.";

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartError {
    /// Text the embedded font cannot draw.
    Glyphs { text: String, missing: Vec<char> },
    /// Nothing to draw or an impossible size.
    Invalid(String),
    /// The drawing or rasterising library failed.
    Backend(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::Glyphs { text, missing } => {
                let chars: String = missing.iter().collect();
                write!(
                    f,
                    "the label \"{}\" has characters the embedded font cannot draw ({chars}); charts support Latin, Greek and Cyrillic text: transliterate the label",
                    crate::dataset::date::short(text)
                )
            }
            ChartError::Invalid(m) => write!(f, "{m}"),
            ChartError::Backend(m) => write!(f, "drawing failed: {m}"),
        }
    }
}

impl std::error::Error for ChartError {}

impl Chart {
    /// Every piece of text the chart will draw.
    fn texts(&self) -> Vec<&str> {
        let mut t = vec![
            self.title.as_str(),
            self.subtitle.as_str(),
            self.value_title.as_str(),
        ];
        t.extend(self.footer.iter().map(String::as_str));
        match &self.body {
            Body::Columns(d) | Body::Bars { data: d, .. } => {
                for x in d {
                    t.push(&x.label);
                    t.push(&x.extra);
                }
            }
            Body::Steps { .. } => {}
            Body::Stacked { labels, series } => {
                t.extend(labels.iter().map(String::as_str));
                t.extend(series.iter().map(|s| s.name.as_str()));
            }
        }
        t
    }

    fn check(&self) -> Result<(), ChartError> {
        if !(200..=10_000).contains(&self.width) || !(150..=10_000).contains(&self.height) {
            return Err(ChartError::Invalid(format!(
                "a chart of {}x{} pixels cannot be drawn: width 200 to 10000, height 150 to 10000",
                self.width, self.height
            )));
        }
        for text in self.texts() {
            let missing = theme::missing_glyphs(text);
            if !missing.is_empty() {
                return Err(ChartError::Glyphs {
                    text: text.to_string(),
                    missing,
                });
            }
        }
        Ok(())
    }
}

/// Draws the chart as an SVG document.
pub fn render_svg(chart: &Chart) -> Result<String, ChartError> {
    chart.check()?;
    if !theme::register_fonts() {
        return Err(ChartError::Backend(
            "the embedded font could not be loaded".into(),
        ));
    }
    let mut svg = String::new();
    {
        let mut canvas = Canvas::new(&mut svg, chart.width, chart.height)?;
        let plot = canvas.frame(chart)?;
        match &chart.body {
            Body::Columns(data) => columns::draw(&mut canvas, plot, chart, data)?,
            Body::Bars {
                data,
                log,
                whiskers,
            } => bars::draw(&mut canvas, plot, chart, data, *log, *whiskers)?,
            Body::Steps { months, snapshots } => {
                steps::draw(&mut canvas, plot, chart, months, snapshots)?
            }
            Body::Stacked { labels, series } => {
                columns::draw_stacked(&mut canvas, plot, chart, labels, series)?
            }
        }
        canvas.finish()?;
    }
    Ok(svg)
}

fn font_database() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: std::sync::OnceLock<Arc<resvg::usvg::fontdb::Database>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family(theme::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Rasterises an SVG document at `scale` (2 for print) with the embedded font.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ChartError> {
    use resvg::{tiny_skia, usvg};
    let options = usvg::Options {
        font_family: theme::FAMILY.to_string(),
        fontdb: font_database(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ChartError::Backend(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| ChartError::Invalid("empty chart".into()))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ChartError::Invalid("the PNG would be too large".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ChartError::Backend(e.to_string()))
}

/// The rectangle of the plot area, in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plot {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Plot {
    pub fn width(&self) -> i32 {
        self.right - self.left
    }
    pub fn height(&self) -> i32 {
        self.bottom - self.top
    }
}

/// The largest value an axis must show for these intervals: bounded highs, and the
/// low end of "more than" figures with room for their open-ended marker.
pub(crate) fn axis_max<'a>(values: impl Iterator<Item = &'a Interval>) -> f64 {
    values
        .map(|v| match (v.low, v.high) {
            (_, Some(h)) => h as f64,
            (Some(l), None) => l as f64 * 1.12,
            (None, None) => 0.0,
        })
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
}
