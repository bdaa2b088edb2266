//! A chart for a phone's width, and a chart in words.
//!
//! The narrow rendering is drawn anew at [`NARROW_WIDTH`], not scaled down: a page
//! 390 CSS px wide shows it at about 0.85, so the smallest text (14.5 units) reads at
//! 12 px or more. It has fewer ticks, a smaller title wrapped to more lines, labels
//! above their bars at the full width, and months as rows once there are more than
//! fit side by side.

use super::theme;
use super::{Body, Chart, Datum};
use crate::dataset::Month;
use crate::say;

/// The width of the narrow rendering, in canvas pixels.
pub const NARROW_WIDTH: u32 = 420;

/// Whether a canvas this wide is drawn as the narrow rendering.
pub fn is_narrow(width: i32) -> bool {
    width < 600
}

/// Most columns drawn side by side in the narrow rendering; more become rows.
const NARROW_COLUMNS: usize = 4;

impl Chart {
    /// The same chart for a phone's width.
    pub fn narrow(&self) -> Chart {
        let mut c = self.clone();
        c.width = NARROW_WIDTH;
        // Stacked columns of one series are columns.
        if let Body::Stacked { labels, series, .. } = &c.body {
            if let [one] = series.as_slice() {
                c.body = Body::Columns(
                    labels
                        .iter()
                        .zip(&one.values)
                        .map(|(l, v)| Datum {
                            label: l.clone(),
                            value: *v,
                            approx: false,
                            extra: String::new(),
                        })
                        .collect(),
                );
            }
        }
        if let Body::Columns(data) = &c.body {
            if data.len() > NARROW_COLUMNS {
                // Months as rows, in time order, top to bottom.
                let rows: Vec<Datum> = data
                    .iter()
                    .map(|d| Datum {
                        label: Month::parse(&d.label)
                            .map_or(d.label.clone(), |m| c.lang.month_year(m)),
                        ..d.clone()
                    })
                    .collect();
                c.body = Body::Bars {
                    data: rows,
                    log: false,
                    whiskers: false,
                };
            }
        }
        c.height = match &c.body {
            Body::Bars { data, .. } => {
                let labels: Vec<&str> = data.iter().map(|d| d.label.as_str()).collect();
                let value_w = data
                    .iter()
                    .map(|d| {
                        let v = d
                            .value
                            .as_ref()
                            .map_or(c.lang.not_reported().to_string(), |v| {
                                theme::interval_label(v, d.approx)
                            });
                        theme::text_width(&format!("{v} {}", d.extra), theme::LABEL_SIZE, true)
                    })
                    .fold(0.0, f64::max);
                super::bars::narrow_height(&labels, value_w, c.width)
            }
            _ => 640,
        };
        // Room for every line of the footer, wrapped to the narrow width.
        let max = f64::from(NARROW_WIDTH) - 2.0 * f64::from(theme::NARROW_MARGIN);
        let lines: usize = c
            .footer
            .iter()
            .map(|f| theme::wrap(f, theme::FOOTER_SIZE, false, max).len())
            .sum::<usize>()
            .min(super::canvas::NARROW_FOOTER_LINES);
        c.height += (lines.saturating_sub(3) as f64 * theme::FOOTER_SIZE * 1.4) as u32;
        c
    }
}

/// The chart in words, for readers who cannot see it: its title, what it counts,
/// and each value with its label (the first 24, then how many more).
pub fn describe(chart: &Chart) -> String {
    let lang = chart.lang;
    let label = |l: &str| Month::parse(l).map_or(l.to_string(), |m| lang.month_year(m));
    let mut items: Vec<String> = match &chart.body {
        Body::Columns(data) | Body::Bars { data, .. } => data
            .iter()
            .map(|d| {
                say!(
                    lang,
                    "chart-pair",
                    label = label(&d.label),
                    value = d.value_words(lang)
                )
            })
            .collect(),
        Body::Steps { snapshots, .. } => snapshots
            .iter()
            .map(|s| {
                say!(
                    lang,
                    "chart-pair",
                    label = lang.date(s.date),
                    value = theme::interval_label(&s.value, s.approx)
                )
            })
            .collect(),
        Body::Stacked { labels, series, .. } => labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let parts: Vec<String> = series
                    .iter()
                    .filter_map(|s| {
                        s.values
                            .get(i)
                            .copied()
                            .flatten()
                            .map(|v| format!("{} {}", s.name, theme::interval_label(&v, false)))
                    })
                    .collect();
                let parts = if parts.is_empty() {
                    lang.not_reported().to_string()
                } else {
                    parts.join(&lang.t("comma"))
                };
                say!(lang, "chart-pair", label = label(l), value = parts)
            })
            .collect(),
    };
    let more = items.len().saturating_sub(24);
    items.truncate(24);
    say!(
        lang,
        "chart-described",
        title = chart.title.as_str(),
        subtitle = chart.subtitle.as_str(),
        items = lang.join(&items),
        more = more
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::interval::Interval;

    fn columns(n: usize) -> Chart {
        let data = (0..n)
            .map(|i| Datum {
                label: format!("2014-{:02}", i + 1),
                value: (i != 1)
                    .then(|| Interval::exact(10 * i as i128 * crate::values::decimal::ONE)),
                approx: false,
                extra: String::new(),
            })
            .collect();
        Chart {
            title: "T".into(),
            subtitle: "S".into(),
            value_title: "V".into(),
            footer: vec![],
            width: super::super::DEFAULT_WIDTH,
            height: super::super::DEFAULT_HEIGHT,
            body: Body::Columns(data),
            lang: Default::default(),
        }
    }

    #[test]
    fn many_months_become_rows_and_few_stay_columns() {
        let n = columns(9).narrow();
        assert_eq!(n.width, NARROW_WIDTH);
        match &n.body {
            Body::Bars { data, .. } => {
                assert_eq!(data[0].label, "Jan 2014");
                assert_eq!(data[1].value, None, "a gap stays a gap");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(columns(3).narrow().body, Body::Columns(_)));
    }

    #[test]
    fn the_words_name_every_value_and_every_gap() {
        let d = describe(&columns(3));
        assert_eq!(
            d,
            "T. S. Jan 2014: 0; Feb 2014: not reported; Mar 2014: 20."
        );
    }
}
