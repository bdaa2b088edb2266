//! The key hashes: their buckets, staging lists and parts written out.

use super::*;

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
    let mut a = KeyHashes::new(0, 1, usize::MAX);
    let keys: Vec<String> = (0..100_000).map(|i| format!("k{i}")).collect();
    for k in &keys {
        a.push(k.as_bytes());
    }
    a.push(b"k5");
    a.push(b"k99999");
    let r = repeated_over(vec![a], 2).unwrap();
    let want = HashSet::from([identity(hash(b"k5")), identity(hash(b"k99999"))]);
    assert_eq!(r, want);
    let mut b = KeyHashes::new(0, 1, usize::MAX);
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
    let mut a = KeyHashes::new(10, 2, usize::MAX);
    let mut b = KeyHashes::new(10, 2, usize::MAX);
    a.push(b"x");
    a.push(b"y");
    b.push(b"y");
    b.push(b"z");
    let r = repeated_over(vec![a, b], 2).unwrap();
    assert_eq!(r, HashSet::from([identity(hash(b"y"))]));
}

#[test]
fn hashes_written_out_in_parts_find_the_same_repeats_as_kept_in_memory() {
    // Two cores' keys; every 97th is seen again on the other core, and three
    // twice on the same one. 150,000 keys over 2 parts give runs that are
    // written while keys are pushed and at the end, and parts large enough to be
    // read back on both cores; over 64 parts, runs written only at the end, and
    // parts read back on one core.
    let keys: Vec<String> = (0..150_000).map(|i| format!("k{i}")).collect();
    let again: Vec<&String> = keys.iter().step_by(97).collect();
    let fill = |budget: usize| {
        let mut a = KeyHashes::new(keys.len(), 2, budget);
        let mut b = KeyHashes::new(keys.len(), 2, budget);
        for (i, k) in keys.iter().enumerate() {
            if i % 2 == 0 {
                a.push(k.as_bytes())
            } else {
                b.push(k.as_bytes())
            }
        }
        for (i, k) in again.iter().enumerate() {
            if i % 2 == 0 {
                b.push(k.as_bytes())
            } else {
                a.push(k.as_bytes())
            }
        }
        for k in ["k1", "k3", "k39999"] {
            b.push(k.as_bytes());
        }
        (a, b)
    };
    let mut want: HashSet<u64> = again.iter().map(|k| identity(hash(k.as_bytes()))).collect();
    want.extend(["k1", "k3", "k39999"].map(|k| identity(hash(k.as_bytes()))));
    let (a, b) = fill(usize::MAX);
    assert_eq!(a.spilled(), None);
    assert_eq!(repeated_over(vec![a, b], 2).unwrap(), want);
    let budget = keys.len() * 5 / 8 * 9 / 2;
    for (budget, parts) in [(budget, "2 parts"), (1, "64 parts")] {
        let (a, b) = fill(budget);
        assert!(
            a.spilled().is_some_and(|s| s.contains(parts)),
            "{:?}",
            a.spilled()
        );
        assert_eq!(repeated_over(vec![a, b], 2).unwrap(), want, "{parts}");
    }
    // A core that could make no file keeps its hashes, which join every part.
    let (a, b) = fill(1);
    let mut kept = KeyHashes::with_room(keys.len(), None);
    for k in keys.iter().skip(1).step_by(2) {
        kept.push(k.as_bytes());
    }
    for k in again
        .iter()
        .step_by(2)
        .chain(&[&"k1".into(), &"k3".into(), &"k39999".into()])
    {
        kept.push(k.as_bytes());
    }
    drop(b);
    assert_eq!(repeated_over(vec![a, kept], 2).unwrap(), want);
}

#[test]
fn the_parts_keep_each_within_the_budget() {
    assert_eq!(part_bits(1000, usize::MAX), 0);
    assert_eq!(part_bits(10_000_000, 32 << 20), 1);
    assert_eq!(part_bits(10_000_000, 16 << 20), 2);
    assert_eq!(part_bits(usize::MAX, 1), MAX_PART_BITS);
}
