//! The one check that a key never repeats, for every format: each core keeps 52
//! bits of a hash of every key it reads (5 bytes a key), in buckets by the top bits;
//! the buckets are looked through on every core at once; and only when a hash is
//! seen twice is the table read again, keeping just the keys with such a hash, to
//! tell a repeated key (a problem on each later row, naming the first) from two
//! keys that share a hash. Two of ten million distinct keys share 52 bits in about
//! one table in ninety; the second reading then finds no problem.
//!
//! The hashes of a large table would take more memory than the reading itself (50
//! MB for ten million keys). Past a budget ([`super::Options::key_budget`]), each
//! core writes them instead to a temporary file of its own (deleted as it is made),
//! in runs by part of the hash space; once the table is read and its columns freed,
//! the parts are read back and looked through one at a time, each within the
//! budget.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

use rayon::prelude::*;

use super::{At, Cells, Found, Input, Options, Problem, RecordSink, Schema};
use crate::table::DataError;

/// Key hashes are kept in this many buckets by their top bits, so the check for
/// repeats looks through small arrays that fit in cache.
const BUCKET_BITS: u32 = 12;

/// The bits of a hash kept below its bucket's, in the five bytes of a [`Kept`].
const KEPT_BITS: u32 = 40;

/// The kept bits of one key's hash, little-endian.
type Kept = [u8; 5];

/// What is known of a key once its hash is kept: its bucket and kept bits.
#[inline]
fn identity(h: u64) -> u64 {
    h >> (64 - BUCKET_BITS - KEPT_BITS)
}

/// The bits of an identity that choose its staging list: 64 lists, each emptied
/// into the 64 buckets that share its top bits.
const STAGE_BITS: u32 = 6;

/// The identities a staging list holds before it is emptied into its buckets.
const STAGE_LEN: usize = 256;

/// The most bits that choose the part of an identity: at most 64 parts.
const MAX_PART_BITS: u32 = 6;

/// The identities of a part a core gathers before it writes them out.
const RUN: usize = 4096;

/// A part of fewer identities is read back and looked through on one core.
const SMALL_PART: usize = 1 << 16;

/// The bits that choose the part of an identity, when `rows` keys' hashes are to
/// take at most `budget` bytes at a time: 0 (one part, kept in memory) when they fit.
fn part_bits(rows: usize, budget: usize) -> u32 {
    // 5 bytes a key, and the room left in each bucket.
    let bytes = rows.saturating_mul(std::mem::size_of::<Kept>()) / 8 * 9;
    let mut bits = 0;
    while bits < MAX_PART_BITS && bytes >> bits > budget.max(1) {
        bits += 1;
    }
    bits
}

/// The part of identity `id` among `1 << bits`.
#[inline]
fn part_of(id: u64, bits: u32) -> usize {
    (id >> (KEPT_BITS + BUCKET_BITS - bits)) as usize
}

/// The key hashes one core has seen.
///
/// A key's bucket is one of 4,096, whose ends do not stay in cache: kept at once,
/// almost every key would miss the cache twice (the bucket's length, then its end).
/// So a key's identity first goes to one of 64 staging lists (128 KiB a core, which
/// stay in cache), and a full list is emptied into its 64 buckets in one go, which
/// touches each of their ends once for several keys.
pub(super) struct KeyHashes {
    buckets: Vec<Vec<Kept>>,
    staged: Vec<u64>,
    fill: [u16; 1 << STAGE_BITS],
    /// Where the identities go instead, past the budget.
    spill: Option<Spill>,
    /// The bits of the parts wanted (0: one part, in memory).
    bits: u32,
    /// The keys this core is expected to see.
    rows: usize,
}

impl KeyHashes {
    /// Room for about `rows` keys over `workers` cores, whose hashes may take
    /// `budget` bytes in memory at a time.
    pub(super) fn new(rows: usize, workers: usize, budget: usize) -> KeyHashes {
        let per_core = rows / workers.max(1);
        let bits = part_bits(rows, budget);
        let spill = (bits > 0).then(|| Spill::new(bits)).flatten();
        let room = if spill.is_some() { 0 } else { per_core };
        let mut hashes = KeyHashes::with_room(room, None);
        (hashes.spill, hashes.bits, hashes.rows) = (spill, bits, per_core);
        hashes
    }

    /// In memory, with room for `rows` keys, in the buckets of part `part` (its
    /// index and bits) or of all.
    fn with_room(rows: usize, part: Option<(usize, u32)>) -> KeyHashes {
        let per = rows / (1 << BUCKET_BITS) * 9 / 8;
        let ours = |b: usize| part.is_none_or(|(i, bits)| b >> (BUCKET_BITS - bits) == i);
        KeyHashes {
            buckets: (0..1usize << BUCKET_BITS)
                .map(|b| Vec::with_capacity(if ours(b) { per } else { 0 }))
                .collect(),
            staged: vec![0; STAGE_LEN << STAGE_BITS],
            fill: [0; 1 << STAGE_BITS],
            spill: None,
            bits: 0,
            rows,
        }
    }

    #[inline]
    pub(super) fn push(&mut self, key: &[u8]) {
        let id = identity(hash(key));
        match &mut self.spill {
            Some(spill) => spill.push(id),
            None => self.stage(id),
        }
    }

    #[inline]
    fn stage(&mut self, id: u64) {
        let list = (id >> (KEPT_BITS + BUCKET_BITS - STAGE_BITS)) as usize;
        let fill = &mut self.fill[list];
        self.staged[list * STAGE_LEN + usize::from(*fill)] = id;
        *fill += 1;
        if usize::from(*fill) == STAGE_LEN {
            self.empty(list);
        }
    }

    /// Moves the identities of staging list `list` into their buckets.
    fn empty(&mut self, list: usize) {
        let n = usize::from(std::mem::take(&mut self.fill[list]));
        let start = list * STAGE_LEN;
        for &id in &self.staged[start..start + n] {
            let [a, b, c, d, e, ..] = id.to_le_bytes();
            self.buckets[(id >> KEPT_BITS) as usize].push([a, b, c, d, e]);
        }
    }

    /// Every identity in its bucket.
    fn settled(mut self) -> KeyHashes {
        for list in 0..self.fill.len() {
            self.empty(list);
        }
        self
    }

    /// How the hashes were kept, for `--verbose`, when they did not fit the budget.
    pub(super) fn spilled(&self) -> Option<String> {
        let parts = 1u32 << self.bits;
        match &self.spill {
            Some(_) => Some(format!(
                "the keys' hashes written to a temporary file and looked through in {parts} parts"
            )),
            None if self.bits > 0 => Some(
                "the keys' hashes kept in memory (no temporary file could be made)".to_string(),
            ),
            None => None,
        }
    }

    /// The identities of part `part` this core wrote out, in their buckets.
    fn read_back(&self, spill: &Spill, part: usize) -> std::io::Result<KeyHashes> {
        let mut hashes = KeyHashes::with_room(self.rows >> spill.bits, Some((part, spill.bits)));
        let mut file = &spill.file;
        let mut bytes = Vec::new();
        for &(_, start, n) in spill.runs.iter().filter(|r| r.0 == part) {
            bytes.resize(n * 8, 0);
            file.seek(SeekFrom::Start(start))?;
            file.read_exact(&mut bytes)?;
            for id in bytes.chunks_exact(8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(id);
                hashes.stage(u64::from_le_bytes(word));
            }
        }
        Ok(hashes.settled())
    }
}

/// The identities one core writes to its temporary file, a run of one part at a
/// time.
struct Spill {
    file: File,
    bits: u32,
    /// The run being gathered of each part.
    open: Vec<Vec<u64>>,
    /// Each run written: its part, where it starts, and how many identities.
    runs: Vec<(usize, u64, usize)>,
    end: u64,
    bytes: Vec<u8>,
    error: Option<std::io::Error>,
}

impl Spill {
    /// A temporary file for parts of `bits` bits, if one can be made.
    fn new(bits: u32) -> Option<Spill> {
        Some(Spill {
            file: tempfile::tempfile().ok()?,
            bits,
            open: (0..1 << bits).map(|_| Vec::with_capacity(RUN)).collect(),
            runs: Vec::new(),
            end: 0,
            bytes: Vec::with_capacity(RUN * 8),
            error: None,
        })
    }

    #[inline]
    fn push(&mut self, id: u64) {
        let part = part_of(id, self.bits);
        let run = &mut self.open[part];
        run.push(id);
        if run.len() == RUN {
            self.write(part);
        }
    }

    /// Writes out the run of `part`; the first error is kept, and ends the writing.
    #[cold]
    fn write(&mut self, part: usize) {
        self.bytes.clear();
        let n = self.open[part].len();
        for id in self.open[part].drain(..) {
            self.bytes.extend_from_slice(&id.to_le_bytes());
        }
        if self.error.is_some() || n == 0 {
            return;
        }
        match self.file.write_all(&self.bytes) {
            Ok(()) => {
                self.runs.push((part, self.end, n));
                self.end += self.bytes.len() as u64;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Writes out every run begun.
    fn finish(&mut self) -> std::io::Result<()> {
        for part in 0..self.open.len() {
            self.write(part);
        }
        self.error.take().map_or(Ok(()), Err)
    }
}

/// The identities (bucket and kept bits) seen more than once, over every core's
/// buckets (settled). Bucket by bucket (the same bucket of every core), the kept
/// bits go into a table of open addressing twice as large, which fits in cache:
/// bits found there already are repeated.
fn repeated(all: &[&KeyHashes], threads: usize) -> HashSet<u64> {
    let buckets = 1usize << BUCKET_BITS;
    let chunk = buckets.div_ceil(threads.max(1));
    let found: Vec<HashSet<u64>> = (0..buckets.div_ceil(chunk))
        .into_par_iter()
        .map(|c| {
            let mut repeated = HashSet::new();
            let mut table = Vec::new();
            for b in c * chunk..((c + 1) * chunk).min(buckets) {
                let parts = all.iter().map(|w| w.buckets[b].as_slice());
                repeats_of(b as u64, parts, &mut table, &mut repeated);
            }
            repeated
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// The identities seen more than once, over every core's hashes: those kept in
/// memory, and those written out, read back a part at a time (on every core at
/// once). A core that could make no file kept all of its hashes, which join every
/// part.
fn repeated_over(hashes: Vec<KeyHashes>, threads: usize) -> std::io::Result<HashSet<u64>> {
    let (mut spilled, kept): (Vec<KeyHashes>, Vec<KeyHashes>) =
        hashes.into_iter().partition(|h| h.spill.is_some());
    let kept: Vec<KeyHashes> = kept.into_iter().map(KeyHashes::settled).collect();
    let mut found = HashSet::new();
    let Some(bits) = spilled
        .first()
        .and_then(|h| h.spill.as_ref())
        .map(|s| s.bits)
    else {
        let all: Vec<&KeyHashes> = kept.iter().collect();
        return Ok(repeated(&all, threads));
    };
    for h in &mut spilled {
        if let Some(s) = &mut h.spill {
            s.finish()?;
        }
    }
    for part in 0..1usize << bits {
        let ids: usize = (spilled.iter().filter_map(|h| h.spill.as_ref()))
            .flat_map(|s| s.runs.iter().filter(|r| r.0 == part).map(|r| r.2))
            .sum();
        if ids == 0 && kept.is_empty() {
            continue;
        }
        // A small part is looked through on one core: threads would cost more.
        let threads = if ids < SMALL_PART { 1 } else { threads };
        let written: Vec<(&KeyHashes, &Spill)> = spilled
            .iter()
            .filter_map(|h| Some((h, h.spill.as_ref()?)))
            .collect();
        let read = |&(h, spill): &(&KeyHashes, &Spill)| h.read_back(spill, part);
        let parts = if threads == 1 {
            written
                .iter()
                .map(read)
                .collect::<std::io::Result<Vec<_>>>()?
        } else {
            written
                .par_iter()
                .map(read)
                .collect::<std::io::Result<Vec<_>>>()?
        };
        let all: Vec<&KeyHashes> = parts.iter().chain(&kept).collect();
        found.extend(repeated(&all, threads));
    }
    Ok(found)
}

/// Adds to `repeated` the identities of bucket `bucket` that `parts` hold more than
/// once, in `table`.
fn repeats_of<'a>(
    bucket: u64,
    parts: impl Iterator<Item = &'a [Kept]> + Clone,
    table: &mut Vec<u64>,
    repeated: &mut HashSet<u64>,
) {
    let n: usize = parts.clone().map(<[Kept]>::len).sum();
    let size = (2 * n).next_power_of_two().max(16);
    table.clear();
    table.resize(size, 0);
    for &[a, b, c, d, e] in parts.flatten() {
        let kept = u64::from_le_bytes([a, b, c, d, e, 0, 0, 0]);
        // 0 marks an empty slot: the kept bits are stored plus one.
        let mark = kept + 1;
        let mut slot = (kept as usize) & (size - 1);
        loop {
            match table[slot] {
                0 => {
                    table[slot] = mark;
                    break;
                }
                t if t == mark => {
                    repeated.insert((bucket << KEPT_BITS) | kept);
                    break;
                }
                _ => slot = (slot + 1) & (size - 1),
            }
        }
    }
}

/// The problems of repeated keys in a table read with `schema` (whose key is set),
/// given every core's hashes, and the rows whose key was not hashed: a row with a
/// problem in a cell, in a format whose second reading would not see that problem
/// (the key column of a Parquet table is read alone; a CSV record is read whole
/// again, and left again).
pub(super) fn repeats(
    input: &Input<'_>,
    schema: &Schema<'_>,
    opts: &Options,
    hashes: Vec<KeyHashes>,
    unkeyed: &HashSet<At>,
) -> Result<Vec<Problem>, DataError> {
    let Some(key) = schema.key else {
        return Ok(Vec::new());
    };
    let threads = hashes.len();
    let found = repeated_over(hashes, threads).map_err(|e| DataError::Io {
        path: std::env::temp_dir(),
        source: std::io::Error::new(
            e.kind(),
            format!("the temporary file of the ids' hashes: {e} (TMPDIR names another folder)"),
        ),
    })?;
    if found.is_empty() {
        return Ok(Vec::new());
    }
    // The second reading keeps only keys with a repeated hash, and checks no key.
    let again = Schema {
        key: None,
        ..*schema
    };
    let table = super::read(input, &again, opts, || KeysOf {
        key,
        repeated: &found,
        skip: unkeyed,
        seen: Vec::new(),
    })?;
    let mut seen: Vec<(super::At, String)> = table.sinks.into_iter().flat_map(|s| s.seen).collect();
    seen.sort();
    let name = input.name();
    let field = schema.known[key];
    let column = table.columns.get(key).copied().unwrap_or(1);
    let mut first: HashMap<String, u64> = HashMap::new();
    let mut problems = Vec::new();
    for (at, value) in seen {
        let line = table.lines.line(at);
        match first.get(&value) {
            Some(prev) => problems.push(
                Problem::new(
                    &name,
                    format!(
                        "duplicate {field} '{}' (first on {name}:{prev})",
                        super::short(&value)
                    ),
                )
                .at(line, column)
                .field(field),
            ),
            None => {
                first.insert(value, line);
            }
        }
    }
    Ok(problems)
}

/// The sink of the second reading.
struct KeysOf<'r> {
    key: usize,
    repeated: &'r HashSet<u64>,
    /// The rows the first reading did not key.
    skip: &'r HashSet<At>,
    seen: Vec<(super::At, String)>,
}

impl RecordSink for KeysOf<'_> {
    /// Every row read, kept or only checked, as the first reading hashed their keys
    /// (a key in a spoiled cell was not hashed, so it is not among the repeated).
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: super::At, _: &mut Found<'_>) {
        let value = cells.text(self.key);
        if self.repeated.contains(&identity(hash(value.as_bytes()))) && !self.skip.contains(&at) {
            self.seen.push((at, value.to_string()));
        }
    }

    fn reads(&self, k: usize) -> super::Use {
        if k == self.key {
            super::Use::Text
        } else {
            super::Use::Not
        }
    }
}

/// A 64-bit hash of a key: XXH3, whose every input bit reaches every output bit,
/// so that structured ids like `obs_1234567` share the kept bits no more often than
/// random ones.
#[inline]
pub(super) fn hash(id: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id)
}

#[cfg(test)]
mod tests;
