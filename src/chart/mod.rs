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
mod extent;
mod fitting;
pub mod labels;
mod narrow;
mod steps;
pub mod theme;

use std::fmt;
use std::sync::Arc;

use crate::dataset::{Date, Month};
use crate::values::decimal::to_f64;
use crate::values::interval::Interval;

pub use canvas::Canvas;
pub use narrow::{describe, is_narrow, NARROW_WIDTH};

/// The kinds of chart (the package names them in views).
pub use crate::dataset::views::ChartKind as Kind;

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

impl Datum {
    /// The words a value is written in: the figure (or "not reported"), then the
    /// extra text after it.
    pub fn value_words(&self, lang: crate::words::Lang) -> String {
        let value = self.value.as_ref().map_or(lang.not_reported(), |v| {
            theme::interval_label(v, self.approx)
        });
        if self.extra.is_empty() {
            value
        } else {
            format!("{value} {}", self.extra)
        }
    }
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
    /// Stacked columns; `totals` writes the sum over each column (only where the
    /// series measure the same thing).
    Stacked {
        labels: Vec<String>,
        series: Vec<Series>,
        totals: bool,
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
    /// The language of the tool's own words on the chart (months, "not reported").
    pub lang: crate::words::Lang,
}

pub const DEFAULT_WIDTH: u32 = 1200;
pub const DEFAULT_HEIGHT: u32 = 750;

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
                    "the label \"{}\" has characters the embedded font cannot draw ({chars}); charts support Latin, Greek and Cyrillic text and the Chinese characters of GB 2312: replace or transliterate those characters",
                    crate::values::calendar::short(text)
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
            Body::Stacked { labels, series, .. } => {
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
            Body::Stacked {
                labels,
                series,
                totals,
            } => columns::draw_stacked(&mut canvas, plot, labels, series, *totals, chart.lang)?,
        }
        canvas.finish()?;
    }
    Ok(svg)
}

fn font_database() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: std::sync::OnceLock<Arc<resvg::usvg::fontdb::Database>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        for bytes in theme::font_files().into_iter().flatten() {
            db.load_font_data(bytes.to_vec());
        }
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
    encode_opaque_png(&pixmap).map_err(|e| ChartError::Backend(e.to_string()))
}

/// Encodes a pixmap drawn on an opaque background as an RGB PNG with fast
/// compression: a quarter fewer bytes to compress than RGBA and much faster to
/// encode than the default setting. Opaque pixels need no demultiplying.
fn encode_opaque_png(pixmap: &resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        // Row-by-row filter choice keeps flat chart colours small at little cost.
        encoder.set_filter(png::Filter::Adaptive);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&rgb)?;
        writer.finish()?;
    }
    Ok(out)
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

/// The part of a figure known for certain, as drawn: its low end, never below zero.
pub(crate) fn known_part(v: &Interval) -> f64 {
    to_f64(v.low.unwrap_or(0).max(0))
}

/// The largest value an axis must show for these intervals: bounded highs, and the
/// low end of "more than" figures with room for their open-ended marker.
pub(crate) fn axis_max<'a>(values: impl Iterator<Item = &'a Interval>) -> f64 {
    values
        .map(|v| match (v.low, v.high) {
            (_, Some(h)) => to_f64(h),
            (Some(l), None) => to_f64(l) * 1.12,
            (None, None) => 0.0,
        })
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn datum(label: &str, v: Option<Interval>) -> Datum {
        Datum {
            label: label.to_string(),
            value: v,
            approx: false,
            extra: String::new(),
        }
    }

    fn chart(body: Body) -> Chart {
        Chart {
            title: "Title here".into(),
            subtitle: "What is counted".into(),
            value_title: "Websites".into(),
            footer: vec![format!(
                "Source: test. {}",
                crate::words::Lang::default().honesty()
            )],
            width: DEFAULT_WIDTH,
            height: DEFAULT_HEIGHT,
            body,
            lang: Default::default(),
        }
    }

    fn months(values: &[Option<i128>]) -> Body {
        Body::Columns(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    datum(
                        &format!("2014-{:02}", i + 4),
                        v.map(|v| Interval::exact(v * crate::values::decimal::ONE)),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn one_bar_per_figure_and_a_gap_for_a_month_not_reported() {
        let svg = render_svg(&chart(months(&[Some(256), None, Some(1222), Some(5)]))).unwrap();
        // One background rectangle plus one bar per reported month.
        assert_eq!(svg.matches("<rect").count(), 1 + 3, "{svg}");
        assert_eq!(svg.matches("not reported").count(), 1);
        for text in [
            "Title here",
            "What is counted",
            "Websites",
            "Source: test.",
            "Apr",
            "Jul",
            "1,222",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
    }

    #[test]
    fn labels_are_escaped() {
        let body = Body::Bars {
            data: vec![datum(
                "</text><script>alert(1)</script>&",
                Some(Interval::exact(3)),
            )],
            log: false,
            whiskers: false,
        };
        let svg = render_svg(&chart(body)).unwrap();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"), "{svg}");
    }

    #[test]
    fn labels_the_fonts_lack_are_refused_not_drawn_as_boxes() {
        let body = Body::Bars {
            data: vec![datum("경기도", Some(Interval::exact(3)))],
            log: false,
            whiskers: false,
        };
        let err = render_svg(&chart(body)).unwrap_err();
        assert!(err.to_string().contains("cannot draw"), "{err}");
    }

    #[test]
    fn renders_are_byte_identical() {
        let c = chart(months(&[Some(1), Some(2), None]));
        let a = render_svg(&c).unwrap();
        assert_eq!(a, render_svg(&c).unwrap());
        let pa = svg_to_png(&a, 2.0).unwrap();
        assert_eq!(pa, svg_to_png(&a, 2.0).unwrap());
        assert_eq!(&pa[1..4], b"PNG");
    }

    #[test]
    fn png_is_twice_the_size() {
        let svg = render_svg(&chart(months(&[Some(1)]))).unwrap();
        let png = svg_to_png(&svg, 2.0).unwrap();
        // IHDR: width and height, big-endian, at bytes 16..24.
        let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
        assert_eq!((w, h), (2 * DEFAULT_WIDTH, 2 * DEFAULT_HEIGHT));
    }

    #[test]
    fn single_values_zeros_and_open_ended_figures_draw() {
        for body in [
            months(&[Some(0)]),
            months(&[Some(0), Some(0), Some(0)]),
            months(&[Some(7), Some(7)]),
            Body::Columns(vec![datum(
                "2014-04",
                Some(Interval::new(Some(3300), None)),
            )]),
            Body::Steps {
                months: crate::dataset::Month::parse("2014-04")
                    .unwrap()
                    .through(crate::dataset::Month::parse("2014-06").unwrap()),
                snapshots: vec![Snapshot {
                    date: Date::parse("2014-04-29").unwrap(),
                    value: Interval::new(Some(3300), None),
                    approx: false,
                }],
            },
        ] {
            let svg = render_svg(&chart(body)).unwrap();
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        }
    }

    #[test]
    fn impossible_sizes_are_errors() {
        let mut c = chart(months(&[Some(1)]));
        c.width = 10;
        assert!(matches!(render_svg(&c), Err(ChartError::Invalid(_))));
    }

    fn any_interval() -> impl Strategy<Value = Option<Interval>> {
        prop_oneof![
            Just(None),
            (0i128..=i64::MAX as i128).prop_map(|v| Some(Interval::exact(v))),
            (0i128..1_000_000_000).prop_map(|v| Some(Interval::new(Some(v), None))),
            (0i128..1000, 0i128..1_000_000_000_000)
                .prop_map(|(a, b)| Some(Interval::new(Some(a), Some(a + b)))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn random_data_never_panics_and_gives_valid_svg(
            values in proptest::collection::vec(any_interval(), 1..30),
            label in "[a-zA-Z0-9 <>&\"'|`]{0,80}",
            log in any::<bool>(),
            kind in 0usize..3,
        ) {
            let data: Vec<Datum> = values.iter().enumerate().map(|(i, v)| datum(&format!("{label}{i}"), *v)).collect();
            let body = match kind {
                0 => Body::Columns(data),
                1 => Body::Bars { data, log, whiskers: false },
                _ => Body::Bars { data, log, whiskers: true },
            };
            let svg = render_svg(&chart(body)).unwrap();
            prop_assert!(svg.starts_with("<svg"));
            prop_assert!(resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).is_ok());
        }
    }
}
