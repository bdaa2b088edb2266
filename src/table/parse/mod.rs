//! Reading one block of delimited text: 64 bytes at a time, bit masks of its quotes,
//! delimiters and line ends (see [`Masks`](super::simd::Masks)) and of the bytes inside
//! quotes (the running parity of the quotes that open, close or escape; a chunk with a
//! quote in the text, where no field starts, is read again without it, see
//! [`text_quotes`]) leave only the bytes that end a cell, visited one set bit at a
//! time. A record is kept as the ends of its cells, and cut and handed to the sink once
//! it ends.

use super::header::control_reason;
use super::keys::KeyHashes;
use super::simd::{masks, prefix_xor, Kernel, PORTABLE};
#[cfg(target_arch = "x86_64")]
use super::simd::{AVX2, SSE2};
use super::text::{explain, locate, repair_utf8, text_quotes, unclosed_quote, Bad, Reason};
use super::{At, Found, RecordSink, Use};

mod record;

/// The most known columns a schema may have (cells are kept in arrays this long).
pub(super) const MAX_KNOWN: usize = 24;

/// A byte that is read as `?` in place of bytes that are not UTF-8.
fn placeholder(delimiter: u8) -> u8 {
    if delimiter == b'?' {
        b'_'
    } else {
        b'?'
    }
}

/// What one worker of a reading keeps and hands back: its sink, the rows and line
/// ends it read, the key hashes and problems it found.
pub(super) struct Worker<'s, S> {
    pub(super) sink: S,
    pub(super) rows: u64,
    /// Line ends per block it read: (block, count).
    pub(super) newlines: Vec<(u32, u64)>,
    pub(super) keys: KeyHashes,
    pub(super) found: Found<'s>,
    /// The first problem it found past which its block could not be read.
    pub(super) cut: Option<At>,
}

/// What a worker needs to read records.
pub(super) struct Parse {
    pub(super) delimiter: u8,
    pub(super) newline: u8,
    pub(super) width: usize,
    /// The known columns the sink reads, in order: the known column, its table
    /// column, and how the sink uses it (never [`Use::Not`]).
    pub(super) reads: Vec<(usize, usize, Use)>,
    pub(super) key: Option<usize>,
    /// The kernel that classifies the bytes of a block.
    pub(super) kernel: Kernel,
    pub(super) max_field_len: usize,
}

/// What a worker reuses from record to record: the ends of the current record's
/// cells, the text of cells with doubled quotes undone, and the state of the block.
#[derive(Default)]
pub(super) struct Buffers {
    pub(super) ends: Vec<usize>,
    records: Vec<RecordEnd>,
    pub(super) text: String,
    state: BlockState,
}

/// The bytes of a block whose cell ends are found before the records they end are
/// handed over: few enough that they are still in the first-level cache then.
/// The unit tests read every chunk as its own batch, so that their small tables
/// cross batches everywhere.
const BATCH: usize = if cfg!(test) { 64 } else { 64 * 128 };

/// A record end found in a batch: the index of its last cell's entry in the
/// batch's cell ends, the line end's byte, and the lines of the block through it.
#[derive(Clone, Copy)]
struct RecordEnd {
    entry: usize,
    pos: usize,
    lines: u64,
}

/// The running state of a block's reading, from chunk to chunk.
struct Scan {
    /// The cell ends in `ends` not yet handed over: those of the open record (at
    /// most `width` of them; `extra` counts the others), then those found since.
    kept: usize,
    extra: usize,
    /// Where the open record starts, and its line in the block.
    open: (usize, u64),
    /// All ones while the bytes are inside quotes at the end of the last chunk.
    inside: u64,
    /// Bit 63 of the last chunk's closing quotes, and of the bytes a quote may
    /// open after (the block starts a record, so a quote may open there).
    closing_carry: u64,
    precede_carry: u64,
    /// The line ends of the chunks read.
    lines_before: u64,
}

/// The state of one block's reading.
#[derive(Default)]
struct BlockState {
    index: u32,
    /// Bytes that spoil their record, in order: not UTF-8, then control characters.
    not_utf8: Vec<Bad>,
    control: Vec<Bad>,
    next_not_utf8: usize,
    next_control: usize,
}

impl Parse {
    /// Reads one block of whole records; returns the line ends it holds. Problems go
    /// to the worker's `found`, and a problem past which the block cannot be read to
    /// its `cut`.
    pub(super) fn block<S: RecordSink>(
        &self,
        block: &mut [u8],
        index: u32,
        worker: &mut Worker<'_, S>,
        buffers: &mut Buffers,
    ) -> u64 {
        buffers.state = BlockState {
            index,
            not_utf8: repair_utf8(block, placeholder(self.delimiter)),
            control: Vec::new(),
            next_not_utf8: 0,
            next_control: 0,
        };
        let block: &[u8] = block;
        debug_assert!(std::str::from_utf8(block).is_ok());
        // SAFETY: `repair_utf8` checked the whole block and replaced every byte of
        // each sequence that is not UTF-8 with an ASCII byte, so it is valid UTF-8.
        let text = unsafe { std::str::from_utf8_unchecked(block) };
        let read = match self.kernel {
            Kernel::Portable => self.block_with::<PORTABLE, S>(text, worker, buffers),
            #[cfg(target_arch = "x86_64")]
            Kernel::Sse2 => self.block_with::<SSE2, S>(text, worker, buffers),
            // SAFETY: `Kernel::Avx2` is chosen only where the processor has AVX2.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { self.block_wide(text, worker, buffers) },
        };
        match read {
            Ok(lines) => lines,
            Err(Broken { at, line, reason }) => {
                let (at, reason) = explain(block, at, reason, self.delimiter, self.newline);
                let (lines, column) = locate(block, at, self.delimiter, self.newline);
                let at = At {
                    block: index,
                    line: (line + lines) as u32,
                };
                worker.found.push(at, Some(column), reason);
                worker.cut = Some(worker.cut.map_or(at, |c| c.min(at)));
                // The line ends of the block all the same, for the lines of the
                // problems before the cut.
                block.iter().filter(|&&b| b == self.newline).count() as u64
            }
        }
    }

    /// [`Parse::block`] compiled for AVX2 (32 bytes at a time) and with the bit
    /// instructions (POPCNT, TZCNT, LZCNT) that count and find the set bits.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,popcnt,bmi1,lzcnt")]
    unsafe fn block_wide<S: RecordSink>(
        &self,
        text: &str,
        worker: &mut Worker<'_, S>,
        buffers: &mut Buffers,
    ) -> Result<u64, Broken> {
        self.block_with::<AVX2, S>(text, worker, buffers)
    }

    /// Reads a block in batches of [`BATCH`] bytes. First, 64 bytes at a time, the
    /// bit masks give the ends of cells outside quotes, written one after another
    /// into `ends`, and the record ends among them (see [`Parse::chunk`]); then the
    /// records ended in the batch are handed over, each its run of `ends`, while the
    /// batch is still in cache (see [`Parse::hand_over`]). The open record's cell
    /// ends are carried to the next batch.
    #[inline(always)]
    fn block_with<const KERNEL: u8, S: RecordSink>(
        &self,
        text: &str,
        worker: &mut Worker<'_, S>,
        buffers: &mut Buffers,
    ) -> Result<u64, Broken> {
        let block = text.as_bytes();
        let len = block.len();
        let width = self.width;
        // Every chunk writes 64 entries, of which those it found count.
        let room = width + BATCH + 64;
        if buffers.ends.len() < room {
            buffers.ends.resize(room, 0);
        }
        let mut scan = Scan {
            kept: 0,
            extra: 0,
            open: (0, 0),
            inside: 0,
            closing_carry: 0,
            precede_carry: 1,
            lines_before: 0,
        };
        let mut base = 0;
        while base < len {
            let stop = (base + BATCH).min(len);
            let batch_open = scan.open;
            buffers.records.clear();
            let mut broken = None;
            while base < stop {
                broken = self.chunk::<KERNEL>(block, base, &mut scan, buffers);
                if broken.is_some() {
                    break;
                }
                base += 64;
            }
            let first = self.hand_over(text, batch_open, &mut scan.extra, buffers, worker);
            if let Some(broken) = broken {
                return Err(broken);
            }
            let open_cells = scan.kept - first;
            let carried = open_cells.min(width);
            buffers.ends.copy_within(first..first + carried, 0);
            scan.extra += open_cells - carried;
            scan.kept = carried;
        }
        if scan.inside != 0 {
            return Err(Broken {
                at: (
                    scan.open.0,
                    unclosed_quote(block, scan.open.0, self.delimiter, self.newline),
                ),
                line: scan.open.1,
                reason: Reason::Unclosed,
            });
        }
        // The last record of the file may have no line end.
        let (kept, extra) = (scan.kept, scan.extra);
        if scan.open.0 < len || kept + extra > 0 {
            let Buffers {
                ends,
                text: scratch,
                state,
                ..
            } = buffers;
            let (cells, fields) = (&mut ends[..=kept], kept + extra + 1);
            self.end_record(
                text, scan.open, cells, fields, len, len, scratch, state, worker,
            );
        }
        Ok(scan.lines_before)
    }

    /// Reads the 64 bytes of `block` from `base` (the last chunk padded): writes the
    /// ends of its cells outside quotes into `ends`, after the `kept` ones, and its
    /// record ends into `records`. Returns the problem past which the block cannot
    /// be read, if the chunk holds one; the cell and record ends before it are kept.
    #[inline(always)]
    fn chunk<const KERNEL: u8>(
        &self,
        block: &[u8],
        base: usize,
        scan: &mut Scan,
        buffers: &mut Buffers,
    ) -> Option<Broken> {
        let Buffers {
            ends,
            records,
            state,
            ..
        } = buffers;
        let len = block.len();
        let mut tail = [b' '; 64];
        let chunk = match block.get(base..base + 64).map(<&[u8; 64]>::try_from) {
            Some(Ok(chunk)) => chunk,
            _ => {
                tail[..len - base].copy_from_slice(&block[base..]);
                &tail
            }
        };
        // `valid`: the bytes of the block in this chunk (the last chunk is padded,
        // and the padding must not count, whatever the delimiter).
        let valid = match len - base {
            n if n >= 64 => u64::MAX,
            n => (1u64 << n) - 1,
        };
        // SAFETY: `block_with::<AVX2>` runs only inside `block_wide`, which is called
        // only where the processor has AVX2.
        let m = unsafe { masks::<KERNEL>(chunk, self.delimiter, self.newline) }.within(valid);
        // The csv reader's quoting, as bit rules: a quote opens a quoted field only
        // where a field starts (after a delimiter, a line end, or the quote that
        // closes an escaped pair inside quotes); anywhere else, outside quotes, it is
        // a character of the text. A quote that closes is followed by a quote (an
        // escaped pair), a delimiter or a line end.
        let may_precede = m.delim | m.newline;
        let mut quote = m.quote;
        let mut in_quotes = prefix_xor(quote) ^ scan.inside;
        let after_allowed = ((may_precede | quote) << 1) | scan.precede_carry;
        if quote & in_quotes & !after_allowed != 0 {
            (quote, in_quotes) = text_quotes(quote, may_precede, scan.inside, scan.precede_carry);
        }
        scan.inside = ((in_quotes as i64) >> 63) as u64;
        scan.precede_carry = (may_precede | quote) >> 63;
        if m.rare != 0 {
            if let Err(b) = self.rare(block, base, m.rare, in_quotes, state) {
                return Some(b);
            }
        }
        let closing = quote & !in_quotes;
        let after_closing = (closing << 1) | scan.closing_carry;
        scan.closing_carry = closing >> 63;
        let line_end = m.newline | (m.rare & !in_quotes);
        let text_after = after_closing & !(quote | m.delim | line_end) & valid;
        // The bytes of the chunk before text after a closing quote, if any: the
        // records that end there are read, and no byte after.
        let mut before = u64::MAX;
        let mut broken = None;
        if text_after != 0 {
            let first = text_after.trailing_zeros() as usize;
            before = (1u64 << first) - 1;
            broken = Some(Broken {
                at: (scan.open.0, base + first),
                line: scan.open.1,
                reason: Reason::TextAfterQuote,
            });
        }
        let cell_ends = (m.delim | m.newline) & !in_quotes & before;
        let mut record_ends = m.newline & cell_ends;
        while record_ends != 0 {
            let i = record_ends.trailing_zeros();
            record_ends &= record_ends - 1;
            let through = u64::MAX >> (63 - i);
            let entry = scan.kept + (cell_ends & (through >> 1)).count_ones() as usize;
            let lines = scan.lines_before + u64::from((m.newline & through).count_ones());
            let pos = base + i as usize;
            records.push(RecordEnd { entry, pos, lines });
            scan.open = (pos + 1, lines);
        }
        let out = &mut ends[scan.kept..scan.kept + 64];
        let count = cell_ends.count_ones() as usize;
        let mut bits = cell_ends;
        for eight in out.chunks_exact_mut(8).take(count.div_ceil(8)) {
            for slot in eight {
                *slot = base + bits.trailing_zeros() as usize;
                bits &= bits.wrapping_sub(1);
            }
        }
        scan.kept += count;
        if broken.is_none() {
            scan.lines_before += u64::from(m.newline.count_ones());
        }
        broken
    }

    /// Hands over the records ended in a batch, the first of which starts at `open`
    /// (byte and line in the block), with the `extra` cells of it past the ones kept;
    /// returns the entry of `ends` after the last record's cells.
    #[inline(always)]
    fn hand_over<S: RecordSink>(
        &self,
        text: &str,
        open: (usize, u64),
        extra: &mut usize,
        buffers: &mut Buffers,
        worker: &mut Worker<'_, S>,
    ) -> usize {
        let Buffers {
            ends,
            records,
            text: scratch,
            state,
        } = buffers;
        let block = text.as_bytes();
        let (mut start, mut line) = open;
        let mut first = 0;
        for &RecordEnd { entry, pos, lines } in records.iter() {
            let fields = entry - first + 1 + std::mem::take(extra);
            let mut end = pos;
            if self.newline == b'\n' && end > start && block[end - 1] == b'\r' {
                end -= 1;
            }
            // An empty line is skipped.
            if fields > 1 || end > start {
                let cells = &mut ends[first..=entry];
                let at = (start, line);
                self.end_record(text, at, cells, fields, end, pos, scratch, state, worker);
            }
            first = entry + 1;
            (start, line) = (pos + 1, lines);
        }
        first
    }

    /// Looks at the rare bytes of a chunk (`rare`, at `base`): a CR of a CRLF line
    /// end passes; a line end of the other kind, outside quotes, breaks the block; a
    /// CR inside quotes is noted, to be read as LF; a control character spoils its
    /// record.
    #[cold]
    fn rare(
        &self,
        block: &[u8],
        base: usize,
        rare: u64,
        in_quotes: u64,
        state: &mut BlockState,
    ) -> Result<(), Broken> {
        let mut bits = rare;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let pos = base + i;
            let quoted = in_quotes & (1 << i) != 0;
            match block[pos] {
                b'\r' if self.newline == b'\n' => {
                    // A CR inside quotes is text, kept as it is.
                    if !quoted && block.get(pos + 1) != Some(&b'\n') {
                        return Err(Broken {
                            at: (0, pos),
                            line: 0,
                            reason: Reason::Other("a line ends with CR alone where the others end with LF: save the file with one kind of line end; the rest of the file is not read"),
                        });
                    }
                }
                b'\n' if self.newline == b'\r' => {
                    if !quoted {
                        return Err(Broken {
                            at: (0, pos),
                            line: 0,
                            reason: Reason::Other("a line ends with LF where the others end with CR: save the file with one kind of line end; the rest of the file is not read"),
                        });
                    }
                }
                0xC2 => {
                    if let Some(&next @ 0x80..=0x9F) = block.get(pos + 1) {
                        let c = char::from_u32(u32::from(next)).unwrap_or('\u{80}');
                        state.control.push((pos, control_reason(c)));
                    }
                }
                b => state.control.push((pos, control_reason(char::from(b)))),
            }
        }
        Ok(())
    }
}

/// A problem past which a block cannot be read: the byte of the record that starts
/// at `at.0` (on line `line` of the block) where it is, at `at.1`.
struct Broken {
    at: (usize, usize),
    line: u64,
    reason: Reason,
}
