//! The slow, exact parts of reading delimited text: undoing doubled quotes, replacing
//! bytes that are not UTF-8, and walking a record byte by byte to place a problem or
//! to find the end of a header. Only problems, headers and quoted cells come here.

use super::simd::{prefix_xor, quote_bits_at};
use super::Use;

/// A byte position of a block whose record is not read, and why.
pub(super) type Bad = (usize, String);

/// Appends the text of a quoted cell with one quote of each doubled pair, and
/// says whether there was any; a cell without quotes appends nothing. Quotes are
/// found 16 bytes at a time.
pub(super) fn unescape(raw: &str, out: &mut String) -> bool {
    let bytes = raw.as_bytes();
    let mut from = 0;
    let mut base = 0;
    while base < bytes.len() {
        let mut bits = quote_bits_at(bytes, base);
        while bits != 0 {
            let q = base + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if q >= from {
                // The first of a pair: keep it, skip its twin.
                out.push_str(raw.get(from..=q).unwrap_or_default());
                from = q + 2;
            }
        }
        base += 16;
    }
    if from == 0 {
        return false;
    }
    out.push_str(raw.get(from.min(bytes.len())..).unwrap_or_default());
    true
}

/// The line ends outside quotes among `bytes` (which start at a record start), one
/// byte at a time, read as the block reader reads quotes: a quote opens a quoted
/// field only where a field starts, and is a character of the text anywhere else
/// outside quotes; inside, a doubled quote is one quote and a single one closes.
pub(super) fn line_ends_outside_quotes<'a>(
    bytes: &'a [u8],
    delimiter: u8,
    line_end: impl Fn(u8) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let (mut inside, mut after_quote, mut field_start) = (false, false, true);
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        if inside {
            if !after_quote {
                after_quote = b == b'"';
                return None;
            }
            after_quote = false;
            if b == b'"' {
                return None;
            }
            inside = false;
        }
        let end = line_end(b);
        if b == b'"' && field_start {
            inside = true;
            return None;
        }
        field_start = b == delimiter || end;
        end.then_some(i)
    })
}

/// What a walk over a record finds, read the way the csv reader reads.
struct Walk {
    /// Line ends passed.
    lines: u64,
    /// 1-based column reached.
    column: usize,
    /// Where the quote opened that is still open at the end of the walk.
    open: Option<usize>,
}

/// Walks the bytes `from..to` of a record that starts at `from`, one at a time: a
/// slow walk, for problems only.
#[cold]
fn walk(block: &[u8], (from, to): (usize, usize), delimiter: u8, newline: u8) -> Walk {
    let mut w = Walk {
        lines: 0,
        column: 1,
        open: None,
    };
    let mut field_start = true;
    let mut i = from;
    while i < to.min(block.len()) {
        let b = block[i];
        if b == newline {
            w.lines += 1;
        }
        if w.open.is_some() {
            if b == b'"' {
                if block.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    w.open = None;
                }
            }
        } else if b == b'"' && field_start {
            w.open = Some(i);
        } else if b == delimiter {
            w.column += 1;
        } else if b == newline {
            w.column = 1;
        }
        field_start = w.open.is_none() && (b == delimiter || b == newline);
        i += 1;
    }
    w
}

/// The line (counted from the record's first byte, 0-based) and the 1-based column
/// of byte `at.1` of a record that starts at `at.0`.
pub(super) fn locate(block: &[u8], at: (usize, usize), delimiter: u8, newline: u8) -> (u64, usize) {
    let w = walk(block, at, delimiter, newline);
    (w.lines, w.column)
}

/// Where the quoted field opened that is still open at byte `at.1` of a record that
/// starts at `at.0` (`at.1` when none is).
pub(super) fn opening_quote(block: &[u8], at: (usize, usize), delimiter: u8, newline: u8) -> usize {
    walk(block, at, delimiter, newline).open.unwrap_or(at.1)
}

/// Where the quote opens that the record starting at `from` never closes.
pub(super) fn unclosed_quote(block: &[u8], from: usize, delimiter: u8, newline: u8) -> usize {
    walk(block, (from, block.len()), delimiter, newline)
        .open
        .unwrap_or(from)
}

/// Replaces every byte that is not part of valid UTF-8 with `with` (so that the
/// block reads as text and every position holds), and says where each run was.
pub(super) fn repair_utf8(block: &mut [u8], with: u8) -> Vec<Bad> {
    let mut bad = Vec::new();
    let mut from = 0;
    // simdutf8's check, with std's account of where the text goes wrong.
    while let Err(e) = simdutf8::compat::from_utf8(&block[from..]) {
        let at = from + e.valid_up_to();
        let n = e.error_len().unwrap_or(block.len() - at);
        bad.push((
            at,
            format!(
                "not valid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                block[at]
            ),
        ));
        for b in &mut block[at..at + n] {
            *b = with;
        }
        from = at + n;
    }
    bad
}

/// A quoted cell's text, `inner` (within its quotes, kept byte for byte, line ends
/// included), as the sink uses it (`how`): `None` when it is `inner` itself, or the
/// span of `scratch` its doubled quotes were undone into; `Err` when `scratch`
/// outgrows the spans' `u32`.
pub(super) fn quoted(
    inner: &str,
    how: Use,
    scratch: &mut String,
) -> Result<Option<(u32, u32)>, ()> {
    let from = scratch.len();
    if how == Use::Verbatim || !unescape(inner, scratch) {
        return Ok(None);
    }
    match (u32::try_from(from), u32::try_from(scratch.len())) {
        (Ok(from), Ok(to)) => Ok(Some((from, to))),
        _ => Err(()),
    }
}

/// Why a block cannot be read past a byte.
pub(super) enum Reason {
    /// Text follows the closing quote of a quoted field (at the text's first byte).
    TextAfterQuote,
    /// A quoted field is never closed (at its opening quote).
    Unclosed,
    Other(&'static str),
}

/// Where a problem at byte `at.1` of a record that starts at `at.0`, past which a
/// block cannot be read, is named, and its words. Text after a closing quote is
/// named where its field opened: a quote left open lines above, closed by the next
/// quote in the file, shows first there.
#[cold]
pub(super) fn explain(
    block: &[u8],
    at: (usize, usize),
    reason: Reason,
    delimiter: u8,
    newline: u8,
) -> ((usize, usize), String) {
    const REST: &str = "the rest of the file is not read";
    match reason {
        Reason::TextAfterQuote => {
            let closing = at.1 - 1;
            let opened = opening_quote(block, (at.0, closing), delimiter, newline);
            let below = count_lines(block, opened..closing, newline);
            let words = if below == 0 {
                format!("text after the closing quote of a quoted field: put the whole field in quotes and double the inner quotes; {REST}")
            } else {
                format!("a quoted field opens here and its closing quote, {below} line{} below, is followed by text: is a closing quote missing here? {REST}", if below == 1 { "" } else { "s" })
            };
            ((at.0, opened), words)
        }
        Reason::Unclosed => (
            at,
            "a quoted field opens here and is never closed".to_string(),
        ),
        Reason::Other(words) => (at, words.to_string()),
    }
}

/// The line ends among `block[range]`.
fn count_lines(block: &[u8], range: std::ops::Range<usize>, newline: u8) -> usize {
    block
        .get(range)
        .map_or(0, |b| b.iter().filter(|&&c| c == newline).count())
}

/// The quotes of a chunk read one at a time, for a chunk where a quote would open a
/// quoted field where no field starts: each such quote, the first first, is made a
/// character of the text, until none is left. Returns the quotes that open, close
/// or escape, and the bytes inside quotes.
#[cold]
pub(super) fn text_quotes(
    mut quote: u64,
    may_precede: u64,
    inside: u64,
    precede_carry: u64,
) -> (u64, u64) {
    loop {
        let in_quotes = prefix_xor(quote) ^ inside;
        let after_allowed = ((may_precede | quote) << 1) | precede_carry;
        let text = quote & in_quotes & !after_allowed;
        if text == 0 {
            return (quote, in_quotes);
        }
        quote &= !(text & text.wrapping_neg());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_quotes_are_undone() {
        let mut out = String::new();
        assert!(unescape("a\"\"b\"\"\"\"", &mut out));
        assert_eq!(out, "a\"b\"\"");
        out.clear();
        let long = format!("{}\"\"{}\"\"", "x".repeat(15), "y".repeat(20));
        assert!(unescape(&long, &mut out));
        assert_eq!(out, format!("{}\"{}\"", "x".repeat(15), "y".repeat(20)));
        out.clear();
        assert!(!unescape("plain text, longer than sixteen bytes", &mut out));
        assert_eq!(out, "");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced_in_place() {
        let mut block = b"ab\xE9c\xF0\x9F".to_vec();
        let bad = repair_utf8(&mut block, b'?');
        assert_eq!(block, b"ab?c??");
        assert_eq!(bad.iter().map(|b| b.0).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn problems_are_located_as_the_csv_reader_reads() {
        let block = b"a,\"b,\nc\",d,e";
        assert_eq!(locate(block, (0, 9), b',', b'\n'), (1, 3));
        assert_eq!(unclosed_quote(b"a,b,\"c\nd", 0, b',', b'\n'), 4);
        assert_eq!(opening_quote(b"a,\"b\nc\nd\"x", (0, 8), b',', b'\n'), 2);
    }

    #[test]
    fn a_quote_opens_a_field_only_where_a_field_starts() {
        let ends = |b: &[u8]| -> Vec<usize> {
            line_ends_outside_quotes(b, b',', |c| c == b'\n').collect()
        };
        assert_eq!(ends(b"a,5\" x\nb\n"), [6, 8]);
        assert_eq!(ends(b"a,\"5\n\"\"x\"\nb\n"), [9, 11]);
        assert_eq!(ends(b"\"a\"\n\"b\n"), [3]);
        assert_eq!(ends(b"x\"\"\n,\"\n\""), [3]);
    }
}
