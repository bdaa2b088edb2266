//! A total and its parts, proposed from the words that introduce a breakdown
//! ("其中", "including", "of which", "of whom", "among these"): `complete` when the
//! first parts after the word add up to the total, exactly or within the rounding
//! their wording states (57.9万 + 66.6万 + 1197.4万 against 1321.8万), else `partial`
//! with the parts that count what the total counts.

use crate::dataset::RelationKind;

/// The words that introduce the parts of a total.
pub const MARKERS: [&str; 8] = [
    "其中",
    "including",
    "of which",
    "of whom",
    "among these",
    "among them",
    "among which",
    "among whom",
];

/// A figure as the relation finder sees it.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub row: usize,
    pub value: &'a str,
    pub exact: bool,
    pub unit: &'a str,
    pub metric: &'a str,
    /// Whether the figure is a count or money (not a share, rate or change).
    pub additive: bool,
    /// The place value of the last digit its wording writes, in millionths: 1,000
    /// (in units) for 57.9万; 0 for a number written in full.
    pub step: i128,
}

/// The step of `value` as `quote` writes it, in millionths (0 when written in full):
/// the reader `validate` takes a figure's rounding from.
pub fn written_step(quote: &str, value: &str) -> i128 {
    let Some(v) = millionths(value) else {
        return 0;
    };
    let scale = crate::values::decimal::ONE / 1_000_000;
    crate::values::prose::statements(quote)
        .into_iter()
        .filter(|s| s.amount == v * scale && s.step > crate::values::decimal::ONE)
        .map(|s| s.step / scale)
        .max()
        .unwrap_or(0)
}

/// An exact decimal as a whole number of millionths, for comparing and adding
/// decimals without rounding (the extractor writes at most a few decimals).
pub fn millionths(v: &str) -> Option<i128> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 6 {
        return None;
    }
    let int: i128 = int.parse().ok()?;
    let frac: i128 = format!("{frac:0<6}").parse().ok()?;
    int.checked_mul(1_000_000)?.checked_add(frac)
}

/// The relations between `total` and the figures after a marker.
pub fn propose(
    total: &Candidate<'_>,
    after: &[Candidate<'_>],
) -> Vec<(usize, usize, RelationKind)> {
    let Some(t) = millionths(total.value) else {
        return Vec::new();
    };
    let parts: Vec<&Candidate<'_>> = after
        .iter()
        .filter(|c| c.additive && c.unit == total.unit)
        .filter(|c| millionths(c.value).is_some_and(|v| v <= t))
        .collect();
    let (mut sum, mut slack) = (0i128, total.step);
    for (n, p) in parts.iter().enumerate() {
        sum += millionths(p.value).unwrap_or(0);
        slack += p.step;
        // Each figure is within half its step of the true count.
        let adds_up = (sum - t).abs() * 2 <= slack;
        if adds_up && n > 0 && total.exact && parts[..=n].iter().all(|p| p.exact) {
            return parts[..=n]
                .iter()
                .map(|p| (total.row, p.row, RelationKind::Complete))
                .collect();
        }
    }
    let same: Vec<&&Candidate<'_>> = parts.iter().filter(|p| p.metric == total.metric).collect();
    let chosen: Vec<usize> = if same.is_empty() {
        parts.first().map(|p| p.row).into_iter().collect()
    } else {
        same.iter().map(|p| p.row).collect()
    };
    chosen
        .into_iter()
        .map(|r| (total.row, r, RelationKind::Partial))
        .collect()
}

/// The phrase a sentence opens with to say that its figures are counted among an
/// earlier figure's: "在全国主要网站平台受理的举报中," or "Of the reports the platforms
/// received,", up to the word that closes it; `None` when the sentence opens otherwise.
pub fn among_phrase(sentence: &str) -> Option<&str> {
    let s = sentence.trim_start();
    if let Some(rest) = s.strip_prefix('在') {
        // A short phrase closed by 中 and the first comma.
        let end = rest.find([',', '\u{ff0c}', '。'])?;
        let phrase = rest[..end].strip_suffix('中')?;
        return (phrase.chars().count() <= 40).then_some(phrase);
    }
    let lower = s.to_lowercase();
    let opens = ["of the ", "among the "]
        .iter()
        .find(|w| lower.starts_with(*w))?;
    let phrase = &s[opens.len()..s.find(',')?];
    (phrase.chars().count() <= 80).then_some(phrase)
}

/// The row of `rows` (the latest first) whose authority the opening phrase names,
/// among those `is_total` accepts: the figure a sentence's figures are counted among.
pub fn named_in<T>(
    phrase: &str,
    rows: &[T],
    authority: impl Fn(&T) -> &str,
    is_total: impl Fn(&T) -> bool,
) -> Option<usize> {
    rows.iter()
        .enumerate()
        .rev()
        .find(|(_, r)| {
            let a = authority(r);
            is_total(r) && !a.is_empty() && phrase.contains(a)
        })
        .map(|(k, _)| k)
}

/// The byte offset (in `sentence`) where the first marker ends, if any.
pub fn marker_in(sentence: &str) -> Option<usize> {
    let lower = sentence.to_lowercase();
    MARKERS
        .iter()
        .filter_map(|m| {
            lower.match_indices(m).find_map(|(i, _)| {
                let whole = super::text::whole_word(&lower, i, m);
                whole.then_some(i + m.len())
            })
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(row: usize, value: &str) -> Candidate<'_> {
        Candidate {
            row,
            value,
            exact: true,
            unit: "count",
            metric: "cases_handled",
            additive: true,
            step: 0,
        }
    }

    #[test]
    fn parts_that_add_up_within_their_rounding_are_complete() {
        // 57.9万 + 66.6万 + 1197.4万 = 1321.9万 against 1321.8万: each within 500
        // of its count, so the parts can add up to the total.
        let quote = "受理举报1321.8万件。其中,57.9万件;66.6万件;1197.4万件";
        let w = |row, value| Candidate {
            step: written_step(quote, value),
            ..c(row, value)
        };
        assert_eq!(written_step(quote, "13218000"), 1_000 * 1_000_000);
        let got = propose(
            &w(0, "13218000"),
            &[w(1, "579000"), w(2, "666000"), w(3, "11974000")],
        );
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|r| r.2 == RelationKind::Complete), "{got:?}");
        // Written in full, 1 off is not a total of its parts.
        let got = propose(&c(0, "100"), &[c(1, "50"), c(2, "49")]);
        assert!(got.iter().all(|r| r.2 == RelationKind::Partial), "{got:?}");
    }

    #[test]
    fn parts_that_add_up_are_complete() {
        let total = c(0, "8344");
        let after = [
            c(1, "844"),
            c(2, "2687"),
            c(3, "584"),
            c(4, "128"),
            c(5, "4101"),
            c(6, "20410000"),
        ];
        let got = propose(&total, &after);
        assert_eq!(got.len(), 5);
        assert!(got.iter().all(|r| r.2 == RelationKind::Complete));
    }

    #[test]
    fn parts_that_do_not_add_up_are_partial() {
        let total = c(0, "1120.5");
        let got = propose(&total, &[c(1, "300.2"), c(2, "20")]);
        assert_eq!(
            got,
            vec![(0, 1, RelationKind::Partial), (0, 2, RelationKind::Partial)]
        );
        assert_eq!(
            marker_in("Among these, 28,159 were"),
            Some("Among these".len())
        );
        assert_eq!(marker_in("其中,举报中心"), Some("其中".len()));
        assert_eq!(marker_in("nothing here"), None);
    }

    #[test]
    fn an_opening_among_phrase_names_the_figure_counted_in() {
        let zh = "在全国主要网站平台受理的举报中,主要商业网站平台受理量占53.3%";
        assert_eq!(among_phrase(zh), Some("全国主要网站平台受理的举报"));
        let en = "Of the reports the Example Platforms received, 1,200 were spam.";
        assert_eq!(
            among_phrase(en),
            Some("reports the Example Platforms received")
        );
        assert_eq!(among_phrase("在2021年,共受理举报"), None);
        assert_eq!(
            among_phrase("在举报中心受理的举报中,"),
            Some("举报中心受理的举报")
        );
        assert_eq!(among_phrase("The platforms received 5,000."), None);
        let rows = [
            ("全国主要网站平台", true),
            ("中央网信办举报中心", true),
            ("", true),
        ];
        let found = named_in("全国主要网站平台受理的举报", &rows, |r| r.0, |r| r.1);
        assert_eq!(found, Some(0));
        assert_eq!(named_in("其他平台", &rows, |r| r.0, |r| r.1), None);
    }
}
