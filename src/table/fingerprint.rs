//! Tables already checked. Once a table is read and found valid, its fingerprint is
//! noted in a cache folder; a later reading of the same bytes, under the same rules,
//! schema and options, may then trust the table and skip what only the checks need.
//!
//! The fingerprint is XXH3-128 under a secret of the cache's own (192 random bytes
//! made on first use, readable by the user alone) of every byte of the table,
//! together with the version of the rules, the schema and the reading options. An
//! entry is a file named by the fingerprint that holds a SHA-256 tag of it under
//! the same secret. So whoever can write the folder but not read the secret can
//! neither name the entry of a file they made nor forge the tag of one: a broken
//! table is always checked. The folder is made private (0700) and is used only when
//! it is a real folder of the user's that no one else may write; an empty
//! `$CLEANWEB_CACHE`, a file, a link or a folder others can write turns the cache
//! off, never the checks.
//!
//! The folder is `$CLEANWEB_CACHE`, else `$XDG_CACHE_HOME/cleanweb/checked`, else
//! `~/.cache/cleanweb/checked`; deleting it is always safe. `--no-cache` bypasses it.

use std::os::unix::fs::FileExt;
use std::path::PathBuf;

use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::{xxh3_128_with_secret, Xxh3};

use super::{Input, Options, Schema};

/// Changes whenever a rule of the reader or of a sink changes what is valid.
pub const RULES_VERSION: u32 = 2;

/// The fingerprint of reading `input` with `schema` and `opts` (`extra`: anything
/// else the verdict depends on, such as a package's vocabulary); `None` when the
/// bytes cannot be read.
pub fn of(
    cache: &Cache,
    input: &Input<'_>,
    schema: &Schema<'_>,
    opts: &Options,
    extra: &str,
) -> Option<u128> {
    let secret = &cache.secret;
    let mut h = Xxh3::with_secret(*secret);
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
                || Some(xxh3_128_with_secret(a, secret)),
                || Some(xxh3_128_with_secret(b, secret)),
            )
        }
        Input::File(path) => {
            let file = super::regular_file(path).ok()?;
            let len = file.metadata().ok()?.len();
            h.update(&len.to_le_bytes());
            let file = &file;
            both(
                len,
                || hash_range(file, 0, len / 2, secret),
                || hash_range(file, len / 2, len, secret),
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
    first: impl FnOnce() -> Option<u128> + Send,
    second: impl FnOnce() -> Option<u128> + Send,
) -> [Option<u128>; 2] {
    if len < 4 << 20 {
        return [first(), second()];
    }
    let (first, second) = rayon::join(first, second);
    [first, second]
}

/// XXH3-128 of the bytes `start..end` of `file`, read a block at a time; `None` when
/// they cannot all be read.
fn hash_range(file: &std::fs::File, start: u64, end: u64, secret: &Secret) -> Option<u128> {
    let mut h = Xxh3::with_secret(*secret);
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

/// The size of XXH3's secret (the crate's `DEFAULT_SECRET_SIZE`, which it does not
/// export).
const SECRET_SIZE: usize = 192;

/// The secret of a cache.
type Secret = [u8; SECRET_SIZE];

/// The name of the secret's file in the cache folder.
const SECRET_FILE: &str = "secret";

/// An open cache of tables checked: its folder and its secret.
pub struct Cache {
    dir: PathBuf,
    secret: Secret,
}

/// The cache folder named by the environment; `None` when `$CLEANWEB_CACHE` is set
/// but empty (the cache is then off, rather than the working folder used).
pub fn folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLEANWEB_CACHE") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|d| !d.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("cleanweb").join("checked"))
}

impl Cache {
    /// The cache, made on first use; `None` (no cache, every table checked) when the
    /// folder or its secret cannot be trusted: not a real folder, not the user's,
    /// writable by others, or a secret that is not a private regular file.
    pub fn open() -> Option<Cache> {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
        let dir = folder()?;
        let _ = std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir);
        // SAFETY: geteuid has no preconditions.
        let me = unsafe { libc::geteuid() };
        let meta = std::fs::symlink_metadata(&dir).ok()?;
        if !meta.is_dir() || meta.uid() != me || meta.mode() & 0o022 != 0 {
            return None;
        }
        let path = dir.join(SECRET_FILE);
        let mut secret: Secret = [0; SECRET_SIZE];
        let made = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path);
        if let Ok(mut file) = made {
            let mut random = std::fs::File::open("/dev/urandom").ok()?;
            std::io::Read::read_exact(&mut random, &mut secret).ok()?;
            if std::io::Write::write_all(&mut file, &secret)
                .and_then(|_| file.sync_all())
                .is_err()
            {
                let _ = std::fs::remove_file(&path);
                return None;
            }
            return Some(Cache { dir, secret });
        }
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file()
            || meta.uid() != me
            || meta.mode() & 0o077 != 0
            || meta.len() != secret.len() as u64
        {
            return None;
        }
        std::io::Read::read_exact(&mut file, &mut secret).ok()?;
        Some(Cache { dir, secret })
    }

    /// The tag an entry of this fingerprint holds.
    fn tag(&self, fingerprint: u128) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.secret);
        h.update(fingerprint.to_le_bytes());
        h.finalize().into()
    }

    fn entry(&self, fingerprint: u128) -> PathBuf {
        self.dir.join(format!("{fingerprint:032x}"))
    }

    /// Whether a table with this fingerprint was found valid: its entry is a
    /// regular file (not followed through a link) that holds the right tag.
    pub fn was_checked(&self, fingerprint: u128) -> bool {
        use std::os::unix::fs::OpenOptionsExt;
        let Ok(mut file) = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(self.entry(fingerprint))
        else {
            return false;
        };
        if !file.metadata().is_ok_and(|m| m.is_file() && m.len() == 32) {
            return false;
        }
        let mut tag = [0u8; 32];
        std::io::Read::read_exact(&mut file, &mut tag).is_ok() && tag == self.tag(fingerprint)
    }

    /// Notes that a table with this fingerprint is valid. A cache that cannot be
    /// written only costs the next reading its speed, so failures are ignored.
    pub fn checked(&self, fingerprint: u128) {
        use std::os::unix::fs::OpenOptionsExt;
        let path = self.entry(fingerprint);
        let _ = std::fs::remove_file(&path);
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
        {
            let _ = std::io::Write::write_all(&mut file, &self.tag(fingerprint));
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
        let cache = Cache {
            dir: PathBuf::new(),
            secret: [7; SECRET_SIZE],
        };
        let of_bytes = |bytes: &[u8], opts: &Options, extra: &str| {
            of(
                &cache,
                &Input::Bytes { name: "t", bytes },
                &schema,
                opts,
                extra,
            )
            .unwrap()
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

    #[test]
    fn another_secret_gives_another_fingerprint() {
        let schema = Schema {
            known: &["a"],
            required: &["a"],
            key: None,
        };
        let input = Input::Bytes {
            name: "t",
            bytes: b"a\n1\n",
        };
        let with = |byte| {
            let cache = Cache {
                dir: PathBuf::new(),
                secret: [byte; SECRET_SIZE],
            };
            of(&cache, &input, &schema, &Options::default(), "").unwrap()
        };
        assert_ne!(with(1), with(2));
    }
}
