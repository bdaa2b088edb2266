//! Where a block of delimited text may end: after the last record end of a buffer,
//! found with the quotes read as the block reader reads them.

use super::simd::quote_bits_at;
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
    /// The positions of the last quotes that opened or closed a quoted field.
    turns: Vec<usize>,
}

impl Cutter {
    pub(super) fn new(delimiter: u8, newline: u8, block: usize, max_record: usize) -> Cutter {
        Cutter {
            delimiter,
            newline,
            block,
            max_record,
            turns: vec![0; TURNS],
        }
    }

    /// The end of the last complete record in `buf` (which starts at a record
    /// start): just after its last line end outside quotes. The quotes are found 16
    /// bytes at a time and only they are looked at one by one; the line end is then
    /// sought from the end, back past the quotes kept.
    pub(super) fn last_record_end(&mut self, buf: &[u8]) -> Option<usize> {
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

    #[test]
    fn record_ends_follow_the_quotes_that_open_and_close() {
        let mut c = Cutter::new(b',', b'\n', BLOCK, MAX_RECORD);
        assert_eq!(c.last_record_end(b"a,b\nc,d"), Some(4));
        assert_eq!(c.last_record_end(b"a,\"b\nc\",d"), None);
        assert_eq!(c.last_record_end(b"a,\"b\nc\",d\ne"), Some(10));
        assert_eq!(c.last_record_end(b"a,\"b\"\"\n"), None);
        assert_eq!(c.last_record_end(b"a,\"b\"\"c\"\n"), Some(9));
        assert_eq!(c.last_record_end(b"a,b\r\nc"), Some(5));
        // A quote inside a field that does not start with one is text.
        assert_eq!(c.last_record_end(b"a,5\" x\nb,\"c\nd\""), Some(7));
        assert_eq!(c.last_record_end(b"a,5\" x\nb,c\nd"), Some(11));
        let mut cr = Cutter::new(b',', b'\r', BLOCK, MAX_RECORD);
        assert_eq!(cr.last_record_end(b"a,b\rc,\"d\re\"\rf"), Some(12));
    }

    #[test]
    fn record_ends_past_the_quotes_kept_are_found_byte_by_byte() {
        let mut c = Cutter::new(b',', b'\n', BLOCK, MAX_RECORD);
        let mut buf = b"k,x\nk,".to_vec();
        buf.extend(b"\"q\",".repeat(TURNS));
        assert_eq!(c.last_record_end(&buf), Some(4));
        buf.extend(b"\"\n");
        assert_eq!(c.last_record_end(&buf), Some(4));
        buf.extend(b"\"\n");
        assert_eq!(c.last_record_end(&buf), Some(buf.len()));
    }
}
