//! The slow, exact parts of reading delimited text: undoing doubled quotes, reading
//! line ends inside quotes as LF, replacing bytes that are not UTF-8, and walking a
//! record byte by byte to place a problem. Only problems and quoted cells come here.

use super::simd::quote_bits;
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
        let mut bits = match bytes.get(base..base + 16).map(<&[u8; 16]>::try_from) {
            Some(Ok(chunk)) => quote_bits(chunk),
            _ => {
                let mut tail = [0u8; 16];
                tail[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                quote_bits(&tail)
            }
        };
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

/// Appends `raw` with every CRLF and lone CR read as LF, as every line end is.
pub(super) fn unify_line_ends(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
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
    let mut from = match std::str::from_utf8(block) {
        Ok(_) => return bad,
        Err(e) => e.valid_up_to(),
    };
    while let Err(e) = std::str::from_utf8(&block[from..]) {
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

/// A quoted cell's text, `inner` (within its quotes), as the sink uses it (`how`):
/// `None` when it is `inner` itself, or the span of `scratch` it was undone into
/// (doubled quotes made one, and CR line ends inside quotes, if `cr_in_quotes`, read
/// as LF); `Err` when `scratch` outgrows the spans' `u32`.
pub(super) fn quoted(
    inner: &str,
    how: Use,
    cr_in_quotes: bool,
    scratch: &mut String,
) -> Result<Option<(u32, u32)>, ()> {
    let from = scratch.len();
    let cr = cr_in_quotes && inner.contains('\r');
    if how == Use::Verbatim && !cr {
        return Ok(None);
    }
    let changed = if cr {
        let mut once = String::new();
        unescape(inner, &mut once);
        let unescaped = if once.is_empty() && !inner.is_empty() {
            inner
        } else {
            once.as_str()
        };
        unify_line_ends(unescaped, scratch);
        true
    } else {
        unescape(inner, scratch)
    };
    if !changed {
        return Ok(None);
    }
    match (u32::try_from(from), u32::try_from(scratch.len())) {
        (Ok(from), Ok(to)) => Ok(Some((from, to))),
        _ => Err(()),
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
    fn line_ends_inside_quotes_are_unified() {
        let mut out = String::new();
        unify_line_ends("a\r\nb\rc\nd", &mut out);
        assert_eq!(out, "a\nb\nc\nd");
    }

    #[test]
    fn problems_are_located_as_the_csv_reader_reads() {
        let block = b"a,\"b,\nc\",d,e";
        assert_eq!(locate(block, (0, 9), b',', b'\n'), (1, 3));
        assert_eq!(unclosed_quote(b"a,b,\"c\nd", 0, b',', b'\n'), 4);
    }
}
