//! Tables already checked. Once a table is read and found valid, its fingerprint is
//! kept as an empty file in a cache folder; a later reading of the same bytes, under
//! the same rules, schema and options, may then trust the table and skip what only
//! the checks need. The fingerprint is XXH3-128 of every byte of the table together
//! with the version of the rules, the schema and the reading options: a file whose
//! size and time are unchanged but whose bytes are not is read afresh.
//!
//! The folder is `$CLEANWEB_CACHE`, else `$XDG_CACHE_HOME/cleanweb/checked`, else
//! `~/.cache/cleanweb/checked`; deleting it is always safe. `--no-cache` bypasses it.

use std::os::unix::fs::FileExt;
use std::path::PathBuf;

use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use super::{Input, Options, Schema};

/// Changes whenever a rule of the reader or of a sink changes what is valid.
pub const RULES_VERSION: u32 = 2;

/// The fingerprint of reading `input` with `schema` and `opts` (`extra`: anything
/// else the verdict depends on, such as a package's vocabulary); `None` when the
/// bytes cannot be read.
pub fn of(input: &Input<'_>, schema: &Schema<'_>, opts: &Options, extra: &str) -> Option<u128> {
    let mut h = Xxh3::new();
    h.update(&RULES_VERSION.to_le_bytes());
    for name in schema.known.iter().chain(schema.required) {
        h.update(name.as_bytes());
        h.update(&[0]);
    }
    h.update(&[schema.key.map_or(u8::MAX, |k| k as u8), opts.delimiter]);
    h.update(&(opts.max_field_len as u64).to_le_bytes());
    h.update(extra.as_bytes());
    h.update(&[0]);
    // The bytes in two halves, hashed on two cores; the fingerprint then takes in
    // the length and both halves' hashes.
    let halves: [Option<u128>; 2] = match input {
        Input::Bytes { bytes, .. } => {
            h.update(&(bytes.len() as u64).to_le_bytes());
            let (a, b) = bytes.split_at(bytes.len() / 2);
            both(
                bytes.len() as u64,
                || Some(xxh3_128(a)),
                || Some(xxh3_128(b)),
            )
        }
        Input::File(path) => {
            let file = super::regular_file(path).ok()?;
            let len = file.metadata().ok()?.len();
            h.update(&len.to_le_bytes());
            let file = &file;
            both(
                len,
                || hash_range(file, 0, len / 2),
                || hash_range(file, len / 2, len),
            )
        }
    };
    for half in halves {
        h.update(&half?.to_le_bytes());
    }
    Some(h.digest128())
}

/// The hashes of both halves of a table of `len` bytes: on two cores when the table is
/// large enough to be worth a thread.
fn both(
    len: u64,
    first: impl FnOnce() -> Option<u128>,
    second: impl FnOnce() -> Option<u128> + Send,
) -> [Option<u128>; 2] {
    if len < 4 << 20 {
        return [first(), second()];
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(second);
        [first(), other.join().ok().flatten()]
    })
}

/// XXH3-128 of the bytes `start..end` of `file`, read a block at a time; `None` when
/// they cannot all be read.
fn hash_range(file: &std::fs::File, start: u64, end: u64) -> Option<u128> {
    let mut h = Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut at = start;
    while at < end {
        let want = buf
            .len()
            .min(usize::try_from(end - at).unwrap_or(usize::MAX));
        let n = file.read_at(&mut buf[..want], at).ok()?;
        if n == 0 {
            return None;
        }
        h.update(&buf[..n]);
        at += n as u64;
    }
    Some(h.digest128())
}

/// The cache folder.
pub fn folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLEANWEB_CACHE") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("cleanweb").join("checked"))
}

/// Whether a table with this fingerprint was found valid.
pub fn was_checked(fingerprint: u128) -> bool {
    folder().is_some_and(|d| d.join(format!("{fingerprint:032x}")).is_file())
}

/// Notes that a table with this fingerprint is valid. A cache that cannot be written
/// only costs the next reading its speed, so failures are ignored.
pub fn checked(fingerprint: u128) {
    if let Some(dir) = folder() {
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(format!("{fingerprint:032x}")), b"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_byte_rule_or_option_changes_the_fingerprint() {
        let schema = Schema {
            known: &["a"],
            required: &["a"],
            key: None,
        };
        let opts = Options::default();
        let of_bytes = |bytes: &[u8], opts: &Options, extra: &str| {
            of(&Input::Bytes { name: "t", bytes }, &schema, opts, extra).unwrap()
        };
        let a = of_bytes(b"a\n1\n", &opts, "");
        assert_eq!(a, of_bytes(b"a\n1\n", &opts, ""));
        assert_ne!(a, of_bytes(b"a\n2\n", &opts, ""));
        assert_ne!(a, of_bytes(b"a\n1\n", &opts, "vocabulary"));
        let semicolon = Options {
            delimiter: b';',
            ..opts
        };
        assert_ne!(a, of_bytes(b"a\n1\n", &semicolon, ""));
    }
}
