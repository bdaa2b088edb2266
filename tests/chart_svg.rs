//! Reading a chart back from the SVG the binary wrote, as a reader with a ruler
//! would: its shapes and texts, the value axis from its tick labels and gridlines,
//! and the numbers written on it. The tests of `test_chart_measured` compare these
//! with the values they put in, computed on their own.

/// One element of the SVG: its name, attributes and text.
#[derive(Debug, Clone)]
pub struct El {
    pub name: String,
    attrs: Vec<(String, String)>,
    pub text: String,
}

impl El {
    pub fn attr(&self, key: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn num(&self, key: &str) -> f64 {
        self.attr(key)
            .parse()
            .unwrap_or_else(|_| panic!("{key} of {self:?} is not a number"))
    }

    /// The points of a polyline or polygon.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.attr("points")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    /// A rectangle's left, top, right and bottom.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let (x, y) = (self.num("x"), self.num("y"));
        (x, y, x + self.num("width"), y + self.num("height"))
    }

    /// Whether this is a shape filled or stroked with `color`.
    pub fn is(&self, name: &str, color: &str) -> bool {
        self.name == name && (self.attr("fill") == color || self.attr("stroke") == color)
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every element of `svg`, in document order.
pub fn parse(svg: &str) -> Vec<El> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').expect("an unclosed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('/') || tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        let mut attrs = Vec::new();
        let mut a = &tag[name.len()..];
        while let Some(eq) = a.find("=\"") {
            let key = a[..eq].trim().to_string();
            let after = &a[eq + 2..];
            let close = after.find('"').expect("an unclosed attribute");
            attrs.push((key, unescape(&after[..close])));
            a = &after[close + 1..];
        }
        let text = if tag.ends_with('/') {
            String::new()
        } else {
            unescape(rest[..rest.find('<').unwrap_or(rest.len())].trim())
        };
        out.push(El { name, attrs, text });
    }
    out
}

/// The `aria-label`s of a page, unescaped: what a screen reader says for each
/// chart.
pub fn aria_labels(html: &str) -> Vec<String> {
    html.split("aria-label=\"")
        .skip(1)
        .map(|s| unescape(&s[..s.find('"').unwrap_or(s.len())]))
        .collect()
}

/// The colour of the first series (Okabe-Ito blue).
pub const BLUE: &str = "#0072B2";

/// A number as charts write it: `1,222` is 1222.
pub fn number(s: &str) -> Option<f64> {
    let t = s.replace(',', "");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    t.parse().ok()
}

/// An interval as a chart, its text alternative or its table writes it: `100`,
/// `50–80`, `200+`, `~7`; the words after it (a share, a date) are left out.
/// `None` for "not reported".
pub fn interval(s: &str) -> Option<(f64, Option<f64>)> {
    let s = s.trim().trim_start_matches('~');
    let head = s.split(" (").next().unwrap_or(s).trim();
    if let Some(low) = head.strip_suffix('+') {
        return Some((number(low)?, None));
    }
    if let Some((a, b)) = head.split_once('–') {
        return Some((number(a)?, Some(number(b)?)));
    }
    let v = number(head)?;
    Some((v, Some(v)))
}

/// A linear value axis read from its tick labels and their gridlines: `pos(v)` is
/// the pixel of value `v` along the axis.
#[derive(Debug)]
pub struct Axis {
    pub ticks: Vec<(f64, f64)>,
    per_unit: f64,
    zero: f64,
}

impl Axis {
    pub fn pos(&self, v: f64) -> f64 {
        self.zero + v * self.per_unit
    }

    /// Builds the axis from its (value, pixel) ticks, checking that they lie on one
    /// line from zero within a pixel: a reader could measure by any of them.
    fn from_ticks(ticks: Vec<(f64, f64)>) -> Axis {
        assert!(ticks.len() >= 2, "an axis needs two ticks: {ticks:?}");
        let (v0, p0) = ticks[0];
        assert_eq!(v0, 0.0, "the value axis starts at zero: {ticks:?}");
        let (v1, p1) = ticks[ticks.len() - 1];
        let per_unit = (p1 - p0) / v1;
        let axis = Axis {
            per_unit,
            zero: p0,
            ticks,
        };
        for (v, p) in &axis.ticks {
            assert!(
                (axis.pos(*v) - p).abs() <= 1.0,
                "tick {v} at {p}, not on the line of the others: {:?}",
                axis.ticks
            );
        }
        axis
    }
}

/// The gridline colours: the zero line is grey, the others light.
const GRID: [&str; 2] = ["#DDDDDD", "#5F5F5F"];

/// The value axis of vertical columns: labels right-aligned at the height of a
/// horizontal gridline.
pub fn vertical_axis(els: &[El]) -> Axis {
    let lines: Vec<f64> = els
        .iter()
        .filter(|e| e.name == "polyline" && GRID.contains(&e.attr("stroke")))
        .filter_map(|e| match e.points()[..] {
            [(x0, y0), (x1, y1)] if y0 == y1 && x1 - x0 > 300.0 => Some(y0),
            _ => None,
        })
        .collect();
    let mut ticks: Vec<(f64, f64)> = els
        .iter()
        .filter(|e| e.name == "text" && e.attr("text-anchor") == "end")
        .filter_map(|e| Some((number(&e.text)?, e.num("y"))))
        .filter(|(_, y)| lines.contains(y))
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    Axis::from_ticks(ticks)
}

/// The ticks of horizontal bars: labels centred above vertical gridlines, as
/// (value, x). The last label may be moved left to stay on the canvas, so the x
/// is the gridline's nearest to the label.
pub fn horizontal_ticks(els: &[El]) -> Vec<(f64, f64)> {
    let lines: Vec<f64> = els
        .iter()
        .filter(|e| e.name == "polyline" && GRID.contains(&e.attr("stroke")))
        .filter_map(|e| match e.points()[..] {
            [(x0, y0), (x1, y1)] if x0 == x1 && y1 > y0 => Some(x0),
            _ => None,
        })
        .collect();
    let mut ticks: Vec<(f64, f64)> = els
        .iter()
        .filter(|e| e.name == "text" && e.attr("text-anchor") == "middle")
        .filter_map(|e| {
            let v = number(&e.text)?;
            let x = e.num("x");
            let line = lines
                .iter()
                .copied()
                .min_by(|a, b| (a - x).abs().total_cmp(&(b - x).abs()))?;
            ((line - x).abs() <= 40.0).then_some((v, line))
        })
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    ticks.dedup();
    ticks
}

/// The linear axis of horizontal bars.
pub fn horizontal_axis(els: &[El]) -> Axis {
    Axis::from_ticks(horizontal_ticks(els))
}

/// The texts drawn in bold at size 17 that read as intervals: the values written
/// on or beside bars, columns and points.
pub fn value_labels(els: &[El]) -> Vec<&El> {
    els.iter()
        .filter(|e| e.name == "text" && e.attr("font-weight") == "bold")
        .filter(|e| e.attr("font-size") != "34" && interval(&e.text).is_some())
        .collect()
}

/// The text elements whose words are `text`.
pub fn texts<'a>(els: &'a [El], text: &str) -> Vec<&'a El> {
    els.iter()
        .filter(|e| e.name == "text" && e.text == text)
        .collect()
}

/// Asserts that `got` is `want` within a pixel.
#[track_caller]
pub fn near(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1.0,
        "{what}: drawn at {got}, the value puts it at {want:.2}"
    );
}
