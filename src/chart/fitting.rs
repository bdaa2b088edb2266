//! Labels that do not fit their room: wrapped at spaces onto as many lines as the
//! room has, a word too long for a line split where it must, and only the last line
//! shortened, at its end, so that no line of one label reads as a label of its own.
//! Labels shortened to the same text are shortened in the middle instead, so that
//! two bars never carry one label; the full text is in the table beside the chart.

use super::theme::{fit, text_width};

/// `text` on at most `lines` lines of at most `max` pixels.
pub fn wrap_lines(text: &str, size: f64, bold: bool, max: f64, lines: usize) -> Vec<String> {
    let width = |s: &str| text_width(s, size, bold);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in pieces(text, size, bold, max) {
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || width(&candidate) <= max {
            line = candidate;
        } else {
            out.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    let lines = lines.max(1);
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(fit(&rest, size, bold, max));
    }
    out
}

/// The words of `text`, a word wider than `max` cut into pieces that fit.
fn pieces(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if text_width(&piece, size, bold) > max && piece.chars().count() > 1 {
                piece.pop();
                out.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            out.push(piece);
        }
    }
    out
}

/// `text` in one line of at most `max` pixels, shortened in the middle: its start,
/// an ellipsis, its end.
pub fn fit_middle(text: &str, size: f64, bold: bool, max: f64) -> String {
    let chars: Vec<char> = text.chars().collect();
    if text_width(text, size, bold) <= max {
        return text.to_string();
    }
    let shown = |keep: usize| {
        let head = keep.div_ceil(2);
        let tail = keep / 2;
        let start: String = chars[..head].iter().collect();
        let end: String = chars[chars.len() - tail..].iter().collect();
        format!("{}…{}", start.trim_end(), end.trim_start())
    };
    let mut keep = chars.len().saturating_sub(1);
    while keep > 1 && text_width(&shown(keep), size, bold) > max {
        keep -= 1;
    }
    shown(keep)
}

/// Each label of `full` on at most `lines` lines of `max` pixels; where two
/// different labels would be shortened to the same lines, they are shortened in the
/// middle instead, on one line.
pub fn distinct_labels(
    full: &[&str],
    size: f64,
    bold: bool,
    max: f64,
    lines: usize,
) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = full
        .iter()
        .map(|l| wrap_lines(l, size, bold, max, lines))
        .collect();
    for i in 0..out.len() {
        let clash = (0..out.len()).any(|j| j != i && out[j] == out[i] && full[j] != full[i]);
        if clash {
            out[i] = vec![fit_middle(full[i], size, bold, max)];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str =
        "Executive authority acting under Federal Law No. 149-FZ on Information and its Protection";

    #[test]
    fn a_long_label_wraps_and_only_its_end_is_cut() {
        let lines = wrap_lines(LONG, 15.0, false, 220.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("Executive authority"), "{lines:?}");
        assert!(!lines[0].contains('…'), "{lines:?}");
        assert!(
            lines[1].ends_with('…') && !lines[1].starts_with('…'),
            "{lines:?}"
        );
        for l in &lines {
            assert!(text_width(l, 15.0, false) <= 220.0, "{l}");
        }
        let all = wrap_lines(LONG, 15.0, false, 220.0, 10);
        assert_eq!(all.join(" "), LONG);
    }

    #[test]
    fn a_word_longer_than_a_line_is_split_not_cut() {
        let word = "Dangerous_Organizations_and_Individuals_Policy";
        let lines = wrap_lines(word, 15.0, false, 120.0, 5);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn labels_cut_to_the_same_text_are_cut_in_the_middle() {
        let a = "Requests from the Ministry of Internal Affairs, regional police";
        let b = "Requests from the Ministry of Internal Affairs, federal police";
        let out = distinct_labels(&[a, b, "Court"], 15.0, false, 200.0, 1);
        assert_ne!(out[0], out[1], "{out:?}");
        assert!(
            out[0][0].ends_with("police") && out[0][0].contains('…'),
            "{out:?}"
        );
        assert_eq!(out[2], ["Court"]);
    }
}
