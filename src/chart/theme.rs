//! The look every chart shares: the embedded font, the Okabe-Ito palette, sizes,
//! number formats and text measurement (so that labels can be fitted, never
//! overlapped or cut by the canvas edge).

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::style::{FontStyle, RGBColor};

use crate::interval::{thousands, Interval};

/// The family name under which the embedded font is registered and written into SVG.
pub const FAMILY: &str = "DejaVu Sans";

/// Okabe-Ito, the colour-blind-safe palette, in the order series take it.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

pub const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
pub const GREY: RGBColor = RGBColor(0x5F, 0x5F, 0x5F);
pub const LIGHT_GREY: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Sizes in pixels of the 1x canvas.
pub const TITLE_SIZE: f64 = 34.0;
pub const SUBTITLE_SIZE: f64 = 21.0;
pub const LABEL_SIZE: f64 = 17.0;
pub const SMALL_SIZE: f64 = 15.0;
pub const FOOTER_SIZE: f64 = 14.5;
pub const MARGIN: i32 = 48;

/// Plotters' `TextStyle` sizes are 1.24 times the SVG font size it writes; every size
/// above is the size a reader sees, so it is scaled here once.
pub fn plotters_size(size: f64) -> f64 {
    size * 1.24
}

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Registers the embedded font with plotters (once per process).
pub fn register_fonts() -> bool {
    *REGISTERED.get_or_init(|| {
        let normal =
            plotters::style::register_font(FAMILY, FontStyle::Normal, dejavu::sans::regular());
        let bold = plotters::style::register_font(FAMILY, FontStyle::Bold, dejavu::sans::bold());
        normal.is_ok() && bold.is_ok()
    })
}

fn font(bold: bool) -> Option<FontRef<'static>> {
    let bytes = if bold {
        dejavu::sans::bold()
    } else {
        dejavu::sans::regular()
    };
    FontRef::try_from_slice(bytes).ok()
}

/// Width in pixels of `text` at `size` (the size a reader sees).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    use ab_glyph::ScaleFont;
    let Some(f) = font(bold) else {
        return text.chars().count() as f64 * size * 0.6;
    };
    // ab_glyph scales by the font's height (ascent - descent); CSS and SVG sizes are
    // em sizes, so convert or every width comes out too narrow.
    let em = f.units_per_em().unwrap_or(2048.0);
    let scaled = f.as_scaled(size as f32 * f.height_unscaled() / em);
    let mut width = 0.0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        prev = Some(id);
    }
    f64::from(width)
}

/// The characters of `text` the embedded font cannot draw (they would come out as
/// empty boxes).
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let Some(f) = font(false) else {
        return Vec::new();
    };
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && f.glyph_id(*c).0 == 0)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// Shortens `text` with an ellipsis until it fits `max` pixels.
pub fn fit(text: &str, size: f64, bold: bool, max: f64) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text_width(&clean, size, bold) <= max {
        return clean;
    }
    let chars: Vec<char> = clean.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(&candidate, size, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// Breaks `text` into lines of at most `max` pixels, at spaces; a word longer than a
/// line is shortened.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, bold) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| fit(&l, size, bold, max))
        .collect()
}

/// `15.79 million`, `1.2 million`, `20 million`, else `1,222`.
pub fn compact(v: i128) -> String {
    let abs = v.unsigned_abs();
    if abs >= 1_000_000 {
        let (div, word) = if abs >= 1_000_000_000 {
            (1_000_000_000f64, "billion")
        } else {
            (1_000_000f64, "million")
        };
        let x = v as f64 / div;
        let mut s = format!("{x:.2}");
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
        format!("{s} {word}")
    } else {
        thousands(v)
    }
}

/// A short label for an interval: `1,222`, `4,800+`, `20,000–50,000`, `~300`.
pub fn interval_label(v: &Interval, approx: bool) -> String {
    let tilde = if approx { "~" } else { "" };
    match (v.low, v.high) {
        (Some(l), Some(h)) if l == h => format!("{tilde}{}", compact(l)),
        (Some(l), None) => format!("{tilde}{}+", compact(l)),
        (Some(l), Some(h)) => {
            // "1–1.03 million" rather than "1 million–1.03 million": one unit word.
            let (a, b) = (compact(l), compact(h));
            match (a.split_once(' '), b.split_once(' ')) {
                (Some((x, unit_a)), Some((y, unit_b))) if unit_a == unit_b => {
                    format!("{tilde}{x}–{y} {unit_b}")
                }
                _ => format!("{tilde}{a}–{b}"),
            }
        }
        (None, Some(h)) => format!("up to {}", compact(h)),
        (None, None) => "unknown".into(),
    }
}

/// Axis ticks from zero: a "nice" step (1, 2, 2.5 or 5 times a power of ten) giving
/// about `target` intervals up to at least `max`.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let n = (max / step).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A tick label: thousands separators, millions in words.
pub fn tick_label(v: f64) -> String {
    if v.fract().abs() > 1e-9 && v < 10.0 {
        return format!("{v:.1}");
    }
    compact(v.round() as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(15_790_000), "15.79 million");
        assert_eq!(compact(20_000_000), "20 million");
        assert_eq!(compact(1_200_000), "1.2 million");
        assert_eq!(compact(1_222), "1,222");
    }

    #[test]
    fn range_labels_share_their_unit_word() {
        let v = Interval::new(Some(1_000_000), Some(1_030_000));
        assert_eq!(interval_label(&v, false), "1–1.03 million");
        let v = Interval::new(Some(20_000), Some(50_000));
        assert_eq!(interval_label(&v, false), "20,000–50,000");
        let v = Interval::new(Some(900_000), Some(1_200_000));
        assert_eq!(interval_label(&v, false), "900,000–1.2 million");
    }

    #[test]
    fn ticks_cover_the_maximum() {
        let t = nice_ticks(1222.0, 5);
        assert_eq!(t.first(), Some(&0.0));
        assert!(*t.last().unwrap() >= 1222.0);
        assert!(t.len() <= 7, "{t:?}");
        assert_eq!(nice_ticks(f64::NAN, 5), [0.0, 1.0]);
        assert_eq!(nice_ticks(0.0, 5), [0.0, 1.0]);
    }

    #[test]
    fn fitting_text() {
        let long = "x".repeat(500);
        let f = fit(&long, 15.0, false, 100.0);
        assert!(text_width(&f, 15.0, false) <= 100.0);
        assert!(f.ends_with('…'));
        assert_eq!(fit("short", 15.0, false, 100.0), "short");
        let lines = wrap("one two three four five six seven", 15.0, false, 80.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 15.0, false) <= 80.0));
    }

    #[test]
    fn cjk_is_detected() {
        assert_eq!(missing_glyphs("Guangdong 广东"), ['东', '广']);
        assert!(missing_glyphs("Guangdong – 1,222 “quoted”").is_empty());
    }
}
