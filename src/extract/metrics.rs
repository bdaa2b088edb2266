//! What a figure counts, as a metric id: from a words-to-metrics file
//! (`--metrics FILE`: one `words,metric` a line, so that a series of bulletins lands
//! on the package's own metric names) first, then from a small built-in table of
//! the words clean-up announcements use, else from the word after the number.

use std::path::Path;

use anyhow::{bail, Context, Result};

use super::kind::Kind;
use super::Script;

/// Words and the metric they name, the longest words tried first.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    words: Vec<(String, String)>,
}

/// The built-in words: what is counted, in the two languages.
const BUILT_IN: [(&str, &str); 34] = [
    ("举报", "reports_received"),
    ("reports", "reports_received"),
    ("tip-offs", "reports_received"),
    ("complaints", "reports_received"),
    ("网站", "websites_closed"),
    ("websites", "websites_closed"),
    ("sites", "websites_closed"),
    ("账号", "accounts_closed"),
    ("帐号", "accounts_closed"),
    ("accounts", "accounts_closed"),
    ("信息", "items_deleted"),
    ("有害信息", "items_deleted"),
    ("items", "items_deleted"),
    ("pieces", "items_deleted"),
    ("posts", "items_deleted"),
    ("链接", "links_removed"),
    ("links", "links_removed"),
    ("urls", "urls_blocked"),
    ("案件", "cases_handled"),
    ("起", "cases_handled"),
    ("cases", "cases_handled"),
    ("抓获", "arrests"),
    ("犯罪嫌疑人", "arrests"),
    ("arrested", "arrests"),
    ("criminals", "arrests"),
    ("people", "arrests"),
    ("出版物", "publications_seized"),
    ("publications", "publications_seized"),
    ("copies", "publications_seized"),
    ("罚款", "fines_yuan"),
    ("fine", "fines_yuan"),
    ("fined", "fines_yuan"),
    ("requests", "requests_received"),
    ("应用", "apps_removed"),
];

impl Metrics {
    /// The built-in table alone.
    pub fn built_in() -> Metrics {
        Metrics::default()
    }

    /// A words-to-metrics file: `words,metric` a line (a tab also separates), `#`
    /// starting a comment. A metric must be a snake_case id.
    pub fn read(path: &Path) -> Result<Metrics> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!("{}: cannot read the words-to-metrics file", path.display())
        })?;
        let mut words = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((w, m)) = line.split_once([',', '\t']) else {
                bail!(
                    "{}:{}:1: field 'words': a line is 'words,metric' (e.g. 举报,reports_received)",
                    path.display(),
                    n + 1
                );
            };
            let (w, m) = (w.trim(), m.trim());
            let column = w.chars().count() + 2;
            if w.is_empty() {
                bail!(
                    "{}:{}:1: field 'words': must not be empty",
                    path.display(),
                    n + 1
                );
            }
            if !is_metric_id(m) {
                bail!(
                    "{}:{}:{column}: field 'metric': '{m}' is not a snake_case id (lower-case letters, digits, _)",
                    path.display(),
                    n + 1
                );
            }
            words.push((w.to_lowercase(), m.to_string()));
        }
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        Ok(Metrics { words })
    }

    /// The metric of a figure of `kind` at bytes `at` of `clause`, and whether it was
    /// only guessed from the word after the number.
    pub fn metric_of(
        &self,
        clause: &str,
        at: (usize, usize),
        kind: Kind,
        sentence: &str,
        lang: Script,
    ) -> (String, bool) {
        let lower = clause.to_lowercase();
        // The package's words first, nearest to the number (after it first).
        if let Some(m) = nearest(
            &lower,
            at,
            self.words.iter().map(|(w, m)| (w.as_str(), m.as_str())),
        ) {
            return (m.to_string(), false);
        }
        if let Some(m) = nearest(
            &sentence.to_lowercase(),
            (0, 0),
            self.words.iter().map(|(w, m)| (w.as_str(), m.as_str())),
        )
        .filter(|_| !self.words.is_empty())
        {
            return (m.to_string(), true);
        }
        if kind == Kind::Money {
            let fine = ["罚", "fine"].iter().any(|w| lower.contains(w));
            return (
                if fine { "fines_yuan" } else { "amount_yuan" }.into(),
                !fine,
            );
        }
        if matches!(kind, Kind::Duration) {
            return ("prison_term".into(), true);
        }
        let built_in = BUILT_IN
            .iter()
            .copied()
            .filter(|(w, _)| super::in_language(w, lang));
        if let Some(m) = nearest(&lower, at, built_in) {
            return (m.to_string(), false);
        }
        let next: String = clause[at.1..]
            .split_whitespace()
            .find(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() > 2)
            .unwrap_or("")
            .to_ascii_lowercase();
        if is_metric_id(&next) {
            return (next, true);
        }
        ("figures".into(), true)
    }
}

/// Whether `m` is a metric id: snake_case, starting with a letter.
pub fn is_metric_id(m: &str) -> bool {
    m.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && m.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The metric of the word nearest to the number at `at` (after it counts as nearer
/// than before it by half), English words matched whole.
fn nearest<'a>(
    lower: &str,
    at: (usize, usize),
    words: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for (w, m) in words {
        for (i, _) in lower.match_indices(w) {
            let whole = super::text::whole_word(lower, i, w);
            if !whole {
                continue;
            }
            let distance = if i >= at.1 {
                i - at.1
            } else {
                (at.0.saturating_sub(i)) * 2
            };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, m));
            }
        }
    }
    best.map(|(_, m)| m)
}
