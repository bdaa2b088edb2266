//! The look every chart shares: the embedded fonts, the Okabe-Ito palette, sizes,
//! number formats and text measurement (so that labels can be fitted, never
//! overlapped or cut by the canvas edge).

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::style::{FontStyle, RGBColor};

use crate::values::interval::Interval;
use crate::values::prose::{digit, is_han};

/// The family name under which the embedded font is registered and written into SVG.
pub const FAMILY: &str = "DejaVu Sans";
/// The family of the embedded CJK subset, written into SVG for text with CJK
/// characters: the whole text is then drawn with it (it has ASCII too), so that the
/// rasteriser's fallback never switches fonts in the middle of a label.
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";

/// The family `text` is drawn with.
pub fn family_for(text: &str) -> &'static str {
    if text.chars().any(is_cjk) {
        CJK_FAMILY
    } else {
        FAMILY
    }
}

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
/// The lightest grey text may take on white: 4.5:1, WCAG AA for small text.
pub const LIGHT_GREY: RGBColor = RGBColor(0x76, 0x76, 0x76);
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Sizes in pixels of the 1x canvas.
pub const TITLE_SIZE: f64 = 34.0;
pub const SUBTITLE_SIZE: f64 = 21.0;
pub const LABEL_SIZE: f64 = 17.0;
pub const SMALL_SIZE: f64 = 15.0;
pub const FOOTER_SIZE: f64 = 14.5;
pub const MARGIN: i32 = 48;
/// The narrow rendering's margin and title sizes (see `narrow.rs`).
pub const NARROW_MARGIN: i32 = 14;
pub const NARROW_TITLE_SIZE: f64 = 25.0;
pub const NARROW_SUBTITLE_SIZE: f64 = 17.0;

/// About how many intervals a value axis has: fewer on a narrow canvas.
pub fn tick_target(width: i32) -> usize {
    if super::is_narrow(width) {
        3
    } else {
        5
    }
}

/// Plotters' `TextStyle` sizes are 1.24 times the SVG font size it writes; every size
/// above is the size a reader sees, so it is scaled here once.
pub fn plotters_size(size: f64) -> f64 {
    size * 1.24
}

/// Noto Sans CJK SC cut down to GB 2312 (see `fonts/README.md`): text with CJK
/// characters is measured, drawn and rasterised with it.
const CJK_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular-GB2312.otf");
const CJK_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansSC-Bold-GB2312.otf");

/// The embedded fonts' bytes, regular then bold, each as [DejaVu Sans, the CJK
/// subset]: the one list that registering, measuring and rasterising read.
pub fn font_files() -> [[&'static [u8]; 2]; 2] {
    [
        [dejavu::sans::regular(), CJK_REGULAR],
        [dejavu::sans::bold(), CJK_BOLD],
    ]
}

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Registers the embedded fonts with plotters (once per process).
pub fn register_fonts() -> bool {
    *REGISTERED.get_or_init(|| {
        font_files()
            .into_iter()
            .zip([FontStyle::Normal, FontStyle::Bold])
            .all(|([latin, cjk], style)| {
                plotters::style::register_font(FAMILY, style, latin).is_ok()
                    && plotters::style::register_font(CJK_FAMILY, style, cjk).is_ok()
            })
    })
}

/// [DejaVu Sans, the CJK subset] in the weight asked for, parsed once.
fn fonts(bold: bool) -> &'static [Option<FontRef<'static>>; 2] {
    static FONTS: OnceLock<[[Option<FontRef<'static>>; 2]; 2]> = OnceLock::new();
    let all = FONTS.get_or_init(|| {
        font_files().map(|weight| weight.map(|bytes| FontRef::try_from_slice(bytes).ok()))
    });
    &all[usize::from(bold)]
}

/// Width in pixels of the widest of `texts` at `size`; 0 for none.
pub fn widest<S: AsRef<str>>(texts: impl IntoIterator<Item = S>, size: f64, bold: bool) -> f64 {
    texts
        .into_iter()
        .map(|t| text_width(t.as_ref(), size, bold))
        .fold(0.0, f64::max)
}

/// Width in pixels of `text` at `size` (the size a reader sees).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    use ab_glyph::ScaleFont;
    let all = fonts(bold);
    // The text's own family first (see `family_for`), the other for what it lacks.
    let order: [usize; 2] = if family_for(text) == CJK_FAMILY {
        [1, 0]
    } else {
        [0, 1]
    };
    let Some(fallback) = order.iter().find_map(|&k| all[k].as_ref().map(|f| (k, f))) else {
        return text.chars().count() as f64 * size * 0.6;
    };
    // ab_glyph scales by the font's height (ascent - descent); CSS and SVG sizes are
    // em sizes, so convert or every width comes out too narrow.
    let scaled = |f: &'static FontRef<'static>| {
        let em = f.units_per_em().unwrap_or(2048.0);
        f.as_scaled(size as f32 * f.height_unscaled() / em)
    };
    let mut width = 0.0f32;
    // Kerning applies between two glyphs of one font.
    let mut prev: Option<(usize, ab_glyph::GlyphId)> = None;
    for c in text.chars() {
        let (k, f) = order
            .iter()
            .find_map(|&k| {
                all[k]
                    .as_ref()
                    .filter(|f| f.glyph_id(c).0 != 0)
                    .map(|f| (k, f))
            })
            .unwrap_or(fallback);
        let s = scaled(f);
        let id = s.glyph_id(c);
        if let Some((_, p)) = prev.filter(|(pk, _)| *pk == k) {
            width += s.kern(p, id);
        }
        width += s.h_advance(id);
        prev = Some((k, id));
    }
    f64::from(width)
}

/// The characters of `text` no embedded font can draw in both weights (they would
/// come out as empty boxes).
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let drawn = |c: char, bold: bool| fonts(bold).iter().flatten().any(|f| f.glyph_id(c).0 != 0);
    let in_both_weights = |c: char| drawn(c, false) && drawn(c, true);
    let mut missing: Vec<char> = text
        .chars()
        .filter(|&c| {
            let blank = c.is_control() || c.is_whitespace();
            !blank && !in_both_weights(c)
        })
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

/// Breaks `text` into lines of at most `max` pixels, at spaces and between CJK
/// characters (never before closing punctuation); a word longer than a line is
/// shortened.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for (word, spaced) in breakable_pieces(text) {
        let candidate = if line.is_empty() {
            word.clone()
        } else if spaced {
            format!("{line} {word}")
        } else {
            format!("{line}{word}")
        };
        if text_width(&candidate, size, bold) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word;
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

/// The pieces a line may break between: words, and within CJK text single
/// characters (with the punctuation that may not start a line kept on the character
/// before it). Each piece says whether a space stood before it.
fn breakable_pieces(text: &str) -> Vec<(String, bool)> {
    const NO_LINE_START: &str = "，。、；：？！）」』》〉】’”…·%％";
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for word in text.split_whitespace() {
        let mut first = true;
        let mut current = String::new();
        for c in word.chars() {
            let cjk = is_cjk(c);
            let last = current.chars().last();
            // Never inside a number and its unit either (2015年, 4月).
            let breaks_before = !current.is_empty()
                && !NO_LINE_START.contains(c)
                && last.is_none_or(|l| digit(l).is_none())
                && (cjk || last.is_some_and(is_cjk));
            if breaks_before {
                pieces.push((std::mem::take(&mut current), first));
                first = false;
            }
            current.push(c);
        }
        if !current.is_empty() {
            pieces.push((current, first));
        }
    }
    pieces
}

/// CJK ideographs and the punctuation and full-width forms written with them.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// An amount of the fixed scale ([`crate::values::decimal`]) in few characters: `15.79
/// million`, `1.2 million`, `20 million`, else `1,222` or `70.4`.
pub fn compact(amount: i128) -> String {
    let v = amount / crate::values::decimal::ONE;
    let abs = v.unsigned_abs();
    if abs >= 1_000_000 {
        let (div, word) = if abs >= 1_000_000_000 {
            (1_000_000_000f64, "billion")
        } else {
            (1_000_000f64, "million")
        };
        let x = crate::values::decimal::to_f64(amount) / div;
        let mut s = format!("{x:.2}");
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
        format!("{s} {word}")
    } else {
        crate::values::interval::amount(amount)
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
    compact(crate::values::decimal::of_whole(v.round() as i128))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::decimal::ONE;

    #[test]
    fn chinese_text_wraps_between_characters_but_not_before_punctuation_or_inside_numbers() {
        let text = "各地关闭网站数（示例数据，虚构），按地区统计的单次行动，2015年4月";
        let lines = wrap(text, 20.0, false, 200.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), text);
        for l in &lines {
            assert!(text_width(l, 20.0, false) <= 200.0, "{l}");
            assert!(
                !l.starts_with('，') && !l.starts_with('）') && !l.starts_with('月'),
                "{lines:?}"
            );
        }
        // Latin words keep their spaces.
        assert_eq!(
            wrap("Websites closed 广东", 20.0, false, 2000.0),
            ["Websites closed 广东"]
        );
    }

    #[test]
    fn compact_numbers() {
        let c = |n: i128| compact(crate::values::decimal::of_whole(n));
        assert_eq!(c(15_790_000), "15.79 million");
        assert_eq!(c(20_000_000), "20 million");
        assert_eq!(c(1_200_000), "1.2 million");
        assert_eq!(c(1_222), "1,222");
        assert_eq!(compact(70_400_000_000), "70.4");
    }

    #[test]
    fn range_labels_share_their_unit_word() {
        let w = |a: i128, b: i128| Interval::new(Some(a * ONE), Some(b * ONE));
        assert_eq!(
            interval_label(&w(1_000_000, 1_030_000), false),
            "1–1.03 million"
        );
        assert_eq!(interval_label(&w(20_000, 50_000), false), "20,000–50,000");
        assert_eq!(
            interval_label(&w(900_000, 1_200_000), false),
            "900,000–1.2 million"
        );
        let v = Interval::new(Some(ONE / 2), Some(ONE * 5 / 2));
        assert_eq!(interval_label(&v, false), "0.5–2.5");
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
        assert!(missing_glyphs("Guangdong 广东，１２０家").is_empty());
        assert_eq!(family_for("广东 Guangdong"), CJK_FAMILY);
        assert_eq!(family_for("Guangdong"), FAMILY);
        assert_eq!(missing_glyphs("한국 广东"), ['국', '한']);
        assert!(missing_glyphs("Guangdong – 1,222 “quoted”").is_empty());
    }
}
