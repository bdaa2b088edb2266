//! The one check that a key never repeats, for every format: each core keeps 52
//! bits of a hash of every key it reads (5 bytes a key), in buckets by the top bits;
//! the buckets are looked through on every core at once; and only when a hash is
//! seen twice is the table read again, keeping just the keys with such a hash, to
//! tell a repeated key (a problem on each later row, naming the first) from two
//! keys that share a hash. Two of ten million distinct keys share 52 bits in about
//! one table in ninety; the second reading then finds no problem.

use std::collections::{HashMap, HashSet};

use super::{Cells, Found, Input, Options, Problem, RecordSink, Schema};
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
}

impl KeyHashes {
    /// Room for about `rows` keys over `workers` cores.
    pub(super) fn new(rows: usize, workers: usize) -> KeyHashes {
        let per = rows / workers.max(1) / (1 << BUCKET_BITS) * 9 / 8;
        KeyHashes {
            buckets: (0..1usize << BUCKET_BITS)
                .map(|_| Vec::with_capacity(per))
                .collect(),
            staged: vec![0; STAGE_LEN << STAGE_BITS],
            fill: [0; 1 << STAGE_BITS],
        }
    }

    #[inline]
    pub(super) fn push(&mut self, key: &[u8]) {
        let id = identity(hash(key));
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
}

/// The identities (bucket and kept bits) seen more than once, over every core's
/// buckets. Bucket by bucket (the same bucket of every core), the kept bits go into
/// a table of open addressing twice as large, which fits in cache: bits found there
/// already are repeated.
fn repeated(all: Vec<KeyHashes>, threads: usize) -> HashSet<u64> {
    let all: Vec<KeyHashes> = all.into_iter().map(KeyHashes::settled).collect();
    let buckets = 1usize << BUCKET_BITS;
    let chunk = buckets.div_ceil(threads.max(1));
    let all = &all;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..buckets)
            .step_by(chunk)
            .map(|first| {
                scope.spawn(move || {
                    let mut repeated = HashSet::new();
                    let mut table = Vec::new();
                    for b in first..(first + chunk).min(buckets) {
                        let parts = all.iter().map(|w| w.buckets[b].as_slice());
                        repeats_of(b as u64, parts, &mut table, &mut repeated);
                    }
                    repeated
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
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
/// given every core's hashes.
pub(super) fn repeats(
    input: &Input<'_>,
    schema: &Schema<'_>,
    opts: &Options,
    hashes: Vec<KeyHashes>,
    threads: usize,
) -> Result<Vec<Problem>, DataError> {
    let Some(key) = schema.key else {
        return Ok(Vec::new());
    };
    let repeated = repeated(hashes, threads);
    if repeated.is_empty() {
        return Ok(Vec::new());
    }
    // The second reading keeps only keys with a repeated hash, and checks no key.
    let again = Schema {
        key: None,
        ..*schema
    };
    let table = super::read(input, &again, opts, || KeysOf {
        key,
        repeated: &repeated,
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
    seen: Vec<(super::At, String)>,
}

impl RecordSink for KeysOf<'_> {
    fn record<'a>(&mut self, cells: &impl Cells<'a>, at: super::At, _: &mut Found<'_>) {
        let value = cells.text(self.key);
        if self.repeated.contains(&identity(hash(value.as_bytes()))) {
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

/// A 64-bit hash of a key, eight bytes at a time. Each step keeps both halves of a
/// 128-bit product, so every input bit reaches every output bit (a plain multiply
/// only carries differences upwards, and structured ids like `obs_1234567` then
/// collide within ten million rows).
pub(super) fn hash(id: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const M: u64 = 0xBF58_476D_1CE4_E5B9;
    let mix = |h: u64, w: u64| -> u64 {
        let p = u128::from(h ^ w) * u128::from(M);
        (p as u64) ^ ((p >> 64) as u64)
    };
    let mut h = (id.len() as u64).wrapping_mul(K) ^ K;
    let mut chunks = id.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w)).wrapping_add(K);
    }
    h = mix(h, tail(chunks.remainder()));
    mix(h, K)
}

/// The last 0 to 7 bytes of a key as one word, every byte in it (with the key's
/// length, which the hash mixes in first, no two tails give the same word), read
/// without a copy through memory.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        u64::from(lo) | (u64::from(hi) << 32)
    } else if n > 0 {
        u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tail_of_a_length_is_its_own_word() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..4usize {
            for v in 0u32..(1 << (8 * n as u32)).min(1 << 16) {
                let bytes = v.to_le_bytes();
                assert!(seen.insert((n, tail(&bytes[..n]))), "{n} {v}");
            }
        }
        // Longer tails: each byte in turn changes the word.
        for n in 4..8 {
            let base = [7u8; 7];
            for i in 0..n {
                let mut b = base;
                b[i] = 8;
                assert_ne!(tail(&b[..n]), tail(&base[..n]), "{n} {i}");
            }
        }
    }

    fn kept(v: u64) -> Kept {
        let [a, b, c, d, e, ..] = v.to_le_bytes();
        [a, b, c, d, e]
    }

    #[test]
    fn kept_bits_are_repeated_when_seen_twice_in_any_part_whatever_their_slot() {
        // Bits of the same low bits take the next slots; 0 and the largest kept
        // bits count like any other.
        let top = (1u64 << KEPT_BITS) - 1;
        let a = [1u64 << 30, 2 << 30, 0, 5, top].map(kept);
        let b = [3u64 << 30, 2 << 30, 7, 5, 5].map(kept);
        let mut repeated = HashSet::new();
        let mut table = Vec::new();
        repeats_of(3, [&a[..], &b[..]].into_iter(), &mut table, &mut repeated);
        let id = |v: u64| (3 << KEPT_BITS) | v;
        assert_eq!(repeated, HashSet::from([id(2 << 30), id(5)]));
        let c = [0, 9, top, 0, top].map(kept);
        repeats_of(0, [&c[..]].into_iter(), &mut table, &mut repeated);
        assert_eq!(repeated, HashSet::from([id(2 << 30), id(5), 0, top]));
    }

    #[test]
    fn key_hashes_differ_by_every_byte() {
        let a = hash(b"obs_1234567");
        assert_ne!(a, hash(b"obs_1234568"));
        assert_ne!(a, hash(b"obs_1234567\0"));
        assert_ne!(hash(b""), hash(b"\0"));
    }

    #[test]
    fn every_staged_key_reaches_its_bucket() {
        // Many more keys than the staging lists hold, so that lists are emptied
        // while keys are pushed, and once more at the end.
        let mut a = KeyHashes::new(0, 1);
        let keys: Vec<String> = (0..100_000).map(|i| format!("k{i}")).collect();
        for k in &keys {
            a.push(k.as_bytes());
        }
        a.push(b"k5");
        a.push(b"k99999");
        let r = repeated(vec![a], 2);
        let want = HashSet::from([identity(hash(b"k5")), identity(hash(b"k99999"))]);
        assert_eq!(r, want);
        let mut b = KeyHashes::new(0, 1);
        for k in &keys {
            b.push(k.as_bytes());
        }
        let b = b.settled();
        assert_eq!(b.buckets.iter().map(Vec::len).sum::<usize>(), keys.len());
        let ids: HashSet<u64> = keys.iter().map(|k| identity(hash(k.as_bytes()))).collect();
        for (i, bucket) in b.buckets.iter().enumerate() {
            for &[p, q, r, s, t] in bucket {
                let kept = u64::from_le_bytes([p, q, r, s, t, 0, 0, 0]);
                assert!(ids.contains(&((i as u64) << KEPT_BITS | kept)));
            }
        }
    }

    #[test]
    fn only_hashes_seen_twice_are_repeated() {
        let mut a = KeyHashes::new(10, 2);
        let mut b = KeyHashes::new(10, 2);
        a.push(b"x");
        a.push(b"y");
        b.push(b"y");
        b.push(b"z");
        let r = repeated(vec![a, b], 2);
        assert_eq!(r, HashSet::from([identity(hash(b"y"))]));
    }
}
