//! The sign the words of a stated change give its number: "下降15.2%" and "fell 4.1
//! percent" are falls, "同比增长72.0%" and "a 68 percent increase" rises. The word
//! tables `extract` reads changes with and `validate --source-text` checks them
//! with, so the two agree by construction.

/// Words of a fall, in the two languages (English ones match as whole words).
pub const FALLING: [&str; 12] = [
    "下降", "减少", "下滑", "降低", "回落", "fell", "down", "decrease", "declined", "dropped",
    "drop", "lower",
];
/// Words of a rise.
pub const RISING: [&str; 12] = [
    "上升", "增长", "增加", "提高", "上涨", "rose", "up", "increase", "grew", "higher", "risen",
    "rise",
];

/// Whether the word `w`, found at byte `i` of `lower`, stands whole there: Chinese
/// words always do; an English word needs no letter or digit on either side.
pub fn whole_word(lower: &str, i: usize, w: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !w.is_ascii()
        || (!alnum(lower[..i].chars().next_back()) && !alnum(lower[i + w.len()..].chars().next()))
}

/// Whether the change written as the number at `start..end` of `text` is a fall
/// (`Some(true)`), a rise (`Some(false)`), or says neither. The word nearest before
/// the number since the number before it decides ("环比下降0.7%、同比增长81.1%"); else
/// the word right after its percent sign ("a 68 percent increase").
pub fn fall(text: &str, from: usize, start: usize, end: usize) -> Option<bool> {
    let before = text[from..start].to_lowercase();
    let nearest = |words: &[&str]| {
        words
            .iter()
            .flat_map(|w| {
                before
                    .match_indices(w)
                    .filter(|(i, _)| whole_word(&before, *i, w))
                    .map(|(i, w)| i + w.len())
                    .collect::<Vec<_>>()
            })
            .max()
    };
    match (nearest(&FALLING), nearest(&RISING)) {
        (Some(f), Some(r)) => return Some(f > r),
        (Some(_), None) => return Some(true),
        (None, Some(_)) => return Some(false),
        (None, None) => {}
    }
    let after = text[end..].trim_start().to_lowercase();
    let after = after
        .trim_start_matches(['%', '％'])
        .trim_start_matches("percent")
        .trim_start_matches("per cent");
    let next: String = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    if FALLING.contains(&next.as_str()) {
        Some(true)
    } else if RISING.contains(&next.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Each number of `quote` (in the fixed scale) with what its words say of its sign
/// ([`fall`]).
pub fn signs(quote: &str) -> Vec<(i128, Option<bool>)> {
    let written = crate::values::prose::written(quote);
    let mut from = 0;
    let mut out = Vec::new();
    for w in &written {
        // A number too large for the fixed scale states no change's size.
        if let Some(amount) = w.digits.checked_mul(crate::values::decimal::ONE) {
            out.push((
                amount / 10i128.pow(w.decimals),
                fall(quote, from, w.start, w.end),
            ));
        }
        from = w.end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_takes_the_word_nearest_before_it() {
        let one = crate::values::decimal::ONE;
        assert_eq!(
            signs("环比下降0.7%、同比增长81.1%"),
            vec![(7 * one / 10, Some(true)), (811 * one / 10, Some(false))]
        );
        assert_eq!(
            signs("a 68 percent increase over the second half"),
            vec![(68 * one, Some(false))]
        );
        assert_eq!(
            signs("it fell 4.1 percent"),
            vec![(41 * one / 10, Some(true))]
        );
        assert_eq!(signs("a group of 12 people"), vec![(12 * one, None)]);
        assert_eq!(signs("受理举报1120.5万件"), vec![(11_205_000 * one, None)]);
    }
}
