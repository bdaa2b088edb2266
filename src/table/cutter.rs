//! Where a block of delimited text may end: after the last record end of a buffer,
//! found with the quotes read as the block reader reads them.
//!
//! One pass, 64 bytes at a time, reads the quotes by their running parity (see
//! [`Cutter::parity_record_end`]); a buffer with a quote in the text, where parity
//! and the reading of the block reader part, is read again quote by quote (see
//! [`Cutter::last_record_end_scalar`]).

use super::simd::{masks, prefix_xor, quote_bits_at, Kernel, Masks, PORTABLE};
#[cfg(target_arch = "x86_64")]
use super::simd::{AVX2, SSE2};
use super::text::line_ends_outside_quotes;

/// How many of the last quotes that open or close a quoted field the cutter keeps:
/// enough for the last record end of a buffer to lie after the oldest of them but
/// for records of thousands of quoted fields.
const TURNS: usize = 4096;

/// Finds where a buffer of whole records ends, reading quotes as the block reader
/// does (a quote opens a quoted field only where a field starts), so that a block
/// is never cut inside a quoted field nor kept whole past a quote in the text.
pub(super) struct Cutter {
    pub(super) delimiter: u8,
    pub(super) newline: u8,
    /// Bytes read per block.
    pub(super) block: usize,
    /// The longest record read: one longer most likely has a quote left open.
    pub(super) max_record: usize,
    /// The kernel that classifies the bytes of a buffer.
    kernel: Kernel,
    /// The positions of the last quotes that opened or closed a quoted field.
    turns: Vec<usize>,
}

/// What the parity pass carries from one 64-byte chunk to the next.
struct Parity {
    /// All ones when the previous chunk ended inside quotes, else zero.
    inside: u64,
    /// 1 when the previous byte was a delimiter, a line end or a quote (or there is
    /// none: the buffer starts at a record start), else 0.
    precede: u64,
    /// The last chunk with a line end outside quotes: where it starts, and its line
    /// ends outside quotes.
    last: (usize, u64),
}

impl Parity {
    /// Reads the masks `m` of the chunk at `base`. Returns false at a quote that
    /// opens by parity where no field starts: a quote of the text.
    #[inline(always)]
    fn chunk(&mut self, m: Masks, base: usize) -> bool {
        let quote = m.quote;
        // The bit of a quote that opens is set, that of a quote that closes is not:
        // a line end just after a closing quote is outside.
        let in_quotes = prefix_xor(quote) ^ self.inside;
        let may_precede = m.delim | m.newline | quote;
        let after_allowed = (may_precede << 1) | self.precede;
        if quote & in_quotes & !after_allowed != 0 {
            return false;
        }
        self.inside = ((in_quotes as i64) >> 63) as u64;
        self.precede = may_precede >> 63;
        let ends = m.newline & !in_quotes;
        if ends != 0 {
            self.last = (base, ends);
        }
        true
    }
}

impl Cutter {
    pub(super) fn new(
        delimiter: u8,
        newline: u8,
        block: usize,
        max_record: usize,
        kernel: Kernel,
    ) -> Cutter {
        Cutter {
            delimiter,
            newline,
            block,
            max_record,
            kernel,
            turns: vec![0; TURNS],
        }
    }

    /// The end of the last complete record in `buf` (which starts at a record
    /// start): just after its last line end outside quotes.
    pub(super) fn last_record_end(&mut self, buf: &[u8]) -> Option<usize> {
        match self.parity_record_end(buf) {
            Some(end) => end,
            None => self.last_record_end_scalar(buf),
        }
    }

    /// [`Cutter::last_record_end`] in one pass, 64 bytes at a time, with the quotes
    /// read by their running parity: every quote opens or closes, and a doubled quote
    /// inside quotes closes and opens again. That is the block reader's reading as
    /// long as every quote that opens by parity is where a field starts or just
    /// after a quote (the second of a doubled quote): up to the first quote of the
    /// text the two readings agree, and that quote, outside quotes and where no
    /// field starts, opens by parity and follows no quote (after a closing quote
    /// comes no quote, and after an opening or doubled one the reading is inside).
    /// Returns `None` at the first quote that opens by parity elsewhere: the buffer
    /// is then to be read quote by quote.
    fn parity_record_end(&self, buf: &[u8]) -> Option<Option<usize>> {
        if self.delimiter == b'"' || self.newline == b'"' {
            return None;
        }
        match self.kernel {
            Kernel::Portable => self.parity_with::<PORTABLE>(buf),
            #[cfg(target_arch = "x86_64")]
            Kernel::Sse2 => self.parity_with::<SSE2>(buf),
            // SAFETY: `Kernel::Avx2` is chosen only where the processor has AVX2.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { self.parity_wide(buf) },
        }
    }

    /// [`Cutter::parity_with`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,popcnt,bmi1,lzcnt")]
    unsafe fn parity_wide(&self, buf: &[u8]) -> Option<Option<usize>> {
        self.parity_with::<AVX2>(buf)
    }

    /// [`Cutter::parity_record_end`] by the kernel `KERNEL`.
    #[inline(always)]
    fn parity_with<const KERNEL: u8>(&self, buf: &[u8]) -> Option<Option<usize>> {
        let (delimiter, newline) = (self.delimiter, self.newline);
        let mut p = Parity {
            inside: 0,
            precede: 1,
            last: (0, 0),
        };
        let mut chunks = buf.chunks_exact(64);
        let mut base = 0;
        for chunk in &mut chunks {
            let chunk = <&[u8; 64]>::try_from(chunk).expect("64 bytes");
            // SAFETY: `parity_with::<AVX2>` runs only inside `parity_wide`, which is
            // called only where the processor has AVX2.
            let m = unsafe { masks::<KERNEL>(chunk, delimiter, newline) };
            if !p.chunk(m, base) {
                return None;
            }
            base += 64;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut tail = [0u8; 64];
            tail[..rest.len()].copy_from_slice(rest);
            // The padding is no quote, delimiter nor line end, whatever they are.
            let valid = (1u64 << rest.len()) - 1;
            // SAFETY: as above.
            let m = unsafe { masks::<KERNEL>(&tail, delimiter, newline) }.within(valid);
            if !p.chunk(m, base) {
                return None;
            }
        }
        let (at, ends) = p.last;
        Some((ends != 0).then(|| at + 64 - ends.leading_zeros() as usize))
    }

    /// [`Cutter::last_record_end`] quote by quote, for a buffer with a quote in the
    /// text. The quotes are found 16 bytes at a time and only they are looked at one
    /// by one; the line end is then sought from the end, back past the quotes kept.
    fn last_record_end_scalar(&mut self, buf: &[u8]) -> Option<usize> {
        let (mut inside, mut twin, mut turned) = (false, 0, 0usize);
        let mut base = 0;
        while base < buf.len() {
            let mut bits = quote_bits_at(buf, base);
            while bits != 0 {
                let q = base + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if q < twin {
                    continue;
                }
                let turns = if inside {
                    // A doubled quote is one quote of the text: its twin is passed.
                    let doubled = buf.get(q + 1) == Some(&b'"');
                    twin = if doubled { q + 2 } else { twin };
                    !doubled
                } else {
                    q == 0 || buf[q - 1] == self.delimiter || buf[q - 1] == self.newline
                };
                if turns {
                    inside = !inside;
                    self.turns[turned % TURNS] = q;
                    turned += 1;
                }
            }
            base += 16;
        }
        let oldest = turned.saturating_sub(TURNS);
        for i in (0..buf.len()).rev() {
            match buf[i] {
                b'"' if turned > oldest && self.turns[(turned - 1) % TURNS] == i => {
                    inside = !inside;
                    turned -= 1;
                }
                // A quote after the latest turn left is not a turn (a doubled quote,
                // or a quote of unquoted text): it changes nothing.
                b'"' if turned > oldest => {}
                // Past the quotes kept, the one byte-by-byte reading decides.
                b'"' if turned > 0 => {
                    let newline = self.newline;
                    return line_ends_outside_quotes(buf, self.delimiter, |b| b == newline)
                        .last()
                        .map(|i| i + 1);
                }
                b if b == self.newline && !inside => return Some(i + 1),
                _ => {}
            }
        }
        None
    }

    /// Where the last record of `buf` starts, when no record end is known: after the
    /// last record end, if any (0 when the buffer is one record).
    pub(super) fn last_line_start(&mut self, buf: &[u8]) -> usize {
        self.last_record_end(&buf[..buf.len().saturating_sub(1)])
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::delimited::{BLOCK, MAX_RECORD};
    use crate::table::simd::tests::next;

    /// A cutter of every kernel the processor has.
    fn cutters(delimiter: u8, newline: u8) -> Vec<Cutter> {
        Kernel::available()
            .into_iter()
            .map(|k| Cutter::new(delimiter, newline, BLOCK, MAX_RECORD, k))
            .collect()
    }

    /// Asserts that every kernel and the quote-by-quote reading find `end` in `buf`.
    fn ends_at(delimiter: u8, newline: u8, buf: &[u8], end: Option<usize>) {
        for mut c in cutters(delimiter, newline) {
            assert_eq!(c.last_record_end(buf), end, "{:?}", c.kernel);
            assert_eq!(c.last_record_end_scalar(buf), end);
        }
    }

    #[test]
    fn record_ends_follow_the_quotes_that_open_and_close() {
        let lf = |buf: &[u8], end| ends_at(b',', b'\n', buf, end);
        lf(b"a,b\nc,d", Some(4));
        lf(b"a,\"b\nc\",d", None);
        lf(b"a,\"b\nc\",d\ne", Some(10));
        lf(b"a,\"b\"\"\n", None);
        lf(b"a,\"b\"\"c\"\n", Some(9));
        lf(b"a,b\r\nc", Some(5));
        // A quote inside a field that does not start with one is text.
        lf(b"a,5\" x\nb,\"c\nd\"", Some(7));
        lf(b"a,5\" x\nb,c\nd", Some(11));
        ends_at(b',', b'\r', b"a,b\rc,\"d\re\"\rf", Some(12));
    }

    #[test]
    fn record_ends_past_the_quotes_kept_are_found_byte_by_byte() {
        let mut c = Cutter::new(b',', b'\n', BLOCK, MAX_RECORD, Kernel::best());
        let mut buf = b"k,x\nk,".to_vec();
        buf.extend(b"\"q\",".repeat(TURNS));
        assert_eq!(c.last_record_end_scalar(&buf), Some(4));
        assert_eq!(c.last_record_end(&buf), Some(4));
        buf.extend(b"\"\n");
        assert_eq!(c.last_record_end_scalar(&buf), Some(4));
        assert_eq!(c.last_record_end(&buf), Some(4));
        buf.extend(b"\"\n");
        assert_eq!(c.last_record_end_scalar(&buf), Some(buf.len()));
        assert_eq!(c.last_record_end(&buf), Some(buf.len()));
        // A quote of the text, where the quotes kept run out, past them.
        let mut text = b"k,x\nk,".to_vec();
        text.extend(b"\"q\",".repeat(TURNS));
        text.extend(b"5\"\n");
        assert_eq!(c.parity_record_end(&text), None);
        assert_eq!(c.last_record_end(&text), Some(text.len()));
    }

    #[test]
    fn line_ends_at_chunk_edges_and_after_closing_quotes() {
        for len in 60..=130 {
            // A quoted field that closes just before the line end, which is the last
            // byte of a chunk, or the first of the next.
            let mut buf = vec![b'a'; len];
            buf[0] = b'"';
            buf[len - 2] = b'"';
            buf[len - 1] = b'\n';
            buf.extend(b"\"x");
            ends_at(b',', b'\n', &buf, Some(len));
            // A quote of the text at the edge of a chunk.
            let mut text = vec![b'a'; len];
            text[len - 1] = b'\n';
            text[len - 2] = b'"';
            ends_at(b',', b'\n', &text, Some(len));
            let c = Cutter::new(b',', b'\n', BLOCK, MAX_RECORD, Kernel::best());
            assert_eq!(c.parity_record_end(&text), None);
            // A doubled quote across the edge of a chunk.
            let mut doubled = vec![b'a'; len + 4];
            doubled[0] = b'"';
            doubled[len - 2] = b'"';
            doubled[len - 1] = b'"';
            doubled[len] = b'\n';
            assert_eq!(c.parity_record_end(&doubled), Some(None));
            ends_at(b',', b'\n', &doubled, None);
        }
    }

    /// Whether `buf`, read quote by quote, holds a quote of the text: a quote outside
    /// quotes where no field starts.
    fn has_text_quote(buf: &[u8], delimiter: u8, newline: u8) -> bool {
        let (mut inside, mut i) = (false, 0);
        while i < buf.len() {
            if buf[i] == b'"' {
                if inside {
                    if buf.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    inside = false;
                } else if i == 0 || buf[i - 1] == delimiter || buf[i - 1] == newline {
                    inside = true;
                } else {
                    return true;
                }
            }
            i += 1;
        }
        false
    }

    /// Records of fields, unquoted or quoted (with doubled quotes, delimiters and line
    /// ends inside), cut at any length below 300: no quote in the text.
    fn well_quoted(state: &mut u64, delimiter: u8, newline: u8) -> Vec<u8> {
        let plain = [b'a', b'a', b'b', b'\r', b' ', b',', b';', b'\t', b'\n'];
        let quoted = [b'a', b'"', b'"', delimiter, newline, b'\r', b'\n', b','];
        let len = (next(state) % 300) as usize;
        let mut buf = Vec::new();
        while buf.len() < len {
            let fields = 1 + next(state) % 6;
            for f in 0..fields {
                if f > 0 {
                    buf.push(delimiter);
                }
                let n = next(state) % 12;
                if next(state) & 1 == 0 {
                    buf.push(b'"');
                    for _ in 0..n {
                        match quoted[(next(state) % quoted.len() as u64) as usize] {
                            b'"' => buf.extend(b"\"\""),
                            b => buf.push(b),
                        }
                    }
                    buf.push(b'"');
                } else {
                    for _ in 0..n {
                        let b = plain[(next(state) % plain.len() as u64) as usize];
                        if b != delimiter && b != newline {
                            buf.push(b);
                        }
                    }
                }
            }
            buf.push(newline);
        }
        buf.truncate(len);
        buf
    }

    /// Bytes drawn from an alphabet heavy in quotes, delimiters and line ends.
    fn any_bytes(state: &mut u64) -> Vec<u8> {
        let alphabet = [
            b'"', b'"', b'"', b',', b',', b';', b'\t', b'\n', b'\n', b'\r', b'\r', b'a', b'a',
        ];
        let len = (next(state) % 300) as usize;
        (0..len)
            .map(|_| alphabet[(next(state) % alphabet.len() as u64) as usize])
            .collect()
    }

    #[test]
    fn one_pass_by_parity_finds_what_the_quotes_one_by_one_find() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut cutters: Vec<Cutter> = [b',', b';', b'\t']
            .into_iter()
            .flat_map(|d| [b'\n', b'\r'].into_iter().flat_map(move |n| cutters(d, n)))
            .collect();
        let (mut cases, mut fast, mut slow) = (0u32, 0u32, 0u32);
        for round in 0..34_000 {
            let (delimiter, newline) = match round % 6 {
                0 => (b',', b'\n'),
                1 => (b';', b'\n'),
                2 => (b'\t', b'\n'),
                3 => (b',', b'\r'),
                4 => (b';', b'\r'),
                _ => (b'\t', b'\r'),
            };
            let mut bufs = vec![
                well_quoted(&mut state, delimiter, newline),
                any_bytes(&mut state),
            ];
            // One byte of a well quoted buffer made a quote: most often a quote of
            // the text, near a record that parity reads right.
            let mut one = well_quoted(&mut state, delimiter, newline);
            if !one.is_empty() {
                let at = (next(&mut state) % one.len() as u64) as usize;
                one[at] = b'"';
            }
            bufs.push(one);
            assert!(!has_text_quote(&bufs[0], delimiter, newline));
            for buf in &bufs {
                let text_quote = has_text_quote(buf, delimiter, newline);
                let newline_of = |b| b == newline;
                let byte_by_byte = line_ends_outside_quotes(buf, delimiter, newline_of)
                    .last()
                    .map(|i| i + 1);
                for c in cutters
                    .iter_mut()
                    .filter(|c| (c.delimiter, c.newline) == (delimiter, newline))
                {
                    let scalar = c.last_record_end_scalar(buf);
                    assert_eq!(scalar, byte_by_byte, "{buf:?}");
                    let parity = c.parity_record_end(buf);
                    // The one pass is taken exactly where no quote is in the text.
                    assert_eq!(parity.is_some(), !text_quote, "{:?} {buf:?}", c.kernel);
                    if let Some(end) = parity {
                        assert_eq!(end, scalar, "{:?} {buf:?}", c.kernel);
                        fast += 1;
                    } else {
                        slow += 1;
                    }
                    assert_eq!(c.last_record_end(buf), scalar, "{:?} {buf:?}", c.kernel);
                    let start = c.last_record_end_scalar(&buf[..buf.len().saturating_sub(1)]);
                    assert_eq!(c.last_line_start(buf), start.unwrap_or(0));
                    cases += 1;
                }
            }
        }
        assert!(cases >= 200_000, "{cases}");
        assert!(fast > cases / 3 && slow > cases / 4, "{fast} {slow}");
    }
}
