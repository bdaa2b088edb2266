//! A folder of files written whole or not at all: the report.
//!
//! The files are written into a new folder beside `--out`, then the two folders are
//! swapped in one rename, so a reader of `--out` sees the old report or the new
//! one, never a mix, and no chart of an earlier report is left beside the new one.
//! Runs into the same parent folder wait for each other (a lock on that folder,
//! which leaves no file behind), and a run that was killed leaves only its own
//! hidden folder, which the next run removes.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

/// The name the manifest of a report has: the files it lists are the report's.
const MANIFEST: &str = "manifest.json";

/// Writes `files` (name, bytes) as the whole content of the folder `out`. An
/// existing `out` must be empty or hold a report (the files its `manifest.json`
/// lists): the folder is replaced whole, and nothing else may be lost with it.
pub fn write_folder(out: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    let mut names = BTreeSet::new();
    for (name, _) in files {
        if !is_plain_file_name(name) {
            bail!(
                "'{}': not a plain file name; nothing was written",
                name.escape_default()
            );
        }
        if !names.insert(*name) {
            bail!("'{name}' would be written twice; nothing was written");
        }
    }
    let (parent, stem) = place(out)?;
    let lock = lock(&parent)?;
    remove_stale(&parent, &stem);
    let existing = parent.join(&stem);
    let old = match std::fs::symlink_metadata(&existing) {
        Ok(meta) if meta.is_dir() => {
            check_replaceable(out, &existing)?;
            Some(meta)
        }
        Ok(_) => bail!("{}: exists and is not a folder", out.display()),
        Err(_) => None,
    };
    let tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&stem))
        .tempdir_in(&parent)
        .with_context(|| format!("{}: cannot create a folder here", parent.display()))?;
    for (name, bytes) in files {
        let path = tmp.path().join(name);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("{}: cannot create", out.join(name).display()))?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
            .with_context(|| format!("{}: cannot write", out.join(name).display()))?;
    }
    {
        use std::os::unix::fs::PermissionsExt;
        // A temporary folder is private (0700); a report is meant to be shared, and
        // keeps the permissions of the folder it replaces.
        let mode = old.map_or(0o755, |m| m.permissions().mode() & 0o7777);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("{}: cannot set permissions", out.display()))?;
    }
    sync(tmp.path());
    if std::fs::symlink_metadata(&existing).is_ok() {
        swap(tmp.path(), &existing)
            .with_context(|| format!("{}: cannot replace the folder", out.display()))?;
        // `tmp` now holds the old report, removed when it is dropped.
    } else {
        std::fs::rename(tmp.path(), &existing)
            .with_context(|| format!("{}: cannot create the folder", out.display()))?;
        let _ = tmp.keep();
    }
    sync(&parent);
    drop(lock);
    Ok(())
}

/// Whether `name` is one file name in a folder: not empty, no separator, not `.`
/// or `..`, not hidden.
fn is_plain_file_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!((parts.next(), parts.next()), (Some(Component::Normal(n)), None) if n == name)
        && !name.contains(['/', '\\'])
        && !name.starts_with('.')
}

/// The folder that holds `out`, made real (no links), and `out`'s own name in it.
fn place(out: &Path) -> Result<(PathBuf, String)> {
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "{}: is a symbolic link; name the real folder to write the report into",
            out.display()
        );
    }
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the working folder")?
            .join(out)
    };
    let (parent, name) = match std::fs::canonicalize(&absolute) {
        Ok(real) => (
            real.parent().map(Path::to_path_buf),
            real.file_name().map(|n| n.to_owned()),
        ),
        Err(_) => (
            absolute.parent().map(Path::to_path_buf),
            absolute.file_name().map(|n| n.to_owned()),
        ),
    };
    let (Some(parent), Some(name)) = (parent, name) else {
        bail!(
            "{}: name a folder to write the report into, not the root",
            out.display()
        );
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("{}: cannot create the folder", parent.display()))?;
    let parent = std::fs::canonicalize(&parent)
        .with_context(|| format!("{}: cannot read the folder", parent.display()))?;
    let Some(name) = name.to_str().map(str::to_string) else {
        bail!("{}: the folder's name is not UTF-8", out.display());
    };
    Ok((parent, name))
}

fn temp_prefix(stem: &str) -> String {
    format!(".{stem}.cleanweb-")
}

/// Holds the lock on `parent` while the value lives.
struct Lock(std::fs::File);

impl Drop for Lock {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is the open folder this value owns.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

/// Waits for any other run writing into `parent`, then holds it.
fn lock(parent: &Path) -> Result<Lock> {
    use std::os::fd::AsRawFd;
    let dir = std::fs::File::open(parent)
        .with_context(|| format!("{}: cannot open the folder", parent.display()))?;
    // SAFETY: flock on a descriptor this function owns; it blocks until the other
    // run's lock is released, which its exit always does.
    if unsafe { libc::flock(dir.as_raw_fd(), libc::LOCK_EX) } != 0 {
        let e = std::io::Error::last_os_error();
        // A file system without locks (some network ones): go on unlocked.
        if e.raw_os_error() != Some(libc::ENOLCK) && e.raw_os_error() != Some(libc::EOPNOTSUPP) {
            return Err(e).with_context(|| format!("{}: cannot lock the folder", parent.display()));
        }
    }
    Ok(Lock(dir))
}

/// Removes what a killed run left: its hidden folders beside `out`. Only called
/// under the lock, so no live run is writing into them.
fn remove_stale(parent: &Path, stem: &str) {
    let prefix = temp_prefix(stem);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let is_ours = e.file_name().to_str().is_some_and(|n| {
            n.strip_prefix(&prefix).is_some_and(|rest| {
                let (id, tail) = rest.split_at(rest.len().min(6));
                id.len() == 6
                    && id.bytes().all(|b| b.is_ascii_alphanumeric())
                    && (tail.is_empty() || tail == ".old")
            })
        });
        if is_ours && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Refuses to replace a folder that holds anything but a report: the files its
/// manifest lists, and the manifest.
fn check_replaceable(out: &Path, dir: &Path) -> Result<()> {
    let listed: BTreeSet<String> = std::fs::read(dir.join(MANIFEST))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|m| {
            m.get("outputs")?.as_array().map(|outs| {
                outs.iter()
                    .filter_map(|o| o.get("name")?.as_str().map(str::to_string))
                    .collect()
            })
        })
        .unwrap_or_default();
    let mut foreign = Vec::new();
    for e in std::fs::read_dir(dir).with_context(|| format!("{}: cannot read", out.display()))? {
        let e = e.with_context(|| format!("{}: cannot read", out.display()))?;
        let name = e.file_name().to_string_lossy().to_string();
        let is_file = e.file_type().is_ok_and(|t| t.is_file());
        if !(is_file && (name == MANIFEST || listed.contains(&name))) {
            foreign.push(name);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let shown: Vec<String> = foreign
        .iter()
        .take(5)
        .map(|n| n.escape_default().to_string())
        .collect();
    bail!(
        "{}: holds {} that no cleanweb report wrote ({}{}); the report replaces its folder whole, so name a new or empty folder, or one that holds only an earlier report",
        out.display(),
        if foreign.len() == 1 { "a file".to_string() } else { format!("{} files", foreign.len()) },
        shown.join(", "),
        if foreign.len() > 5 { ", ..." } else { "" }
    )
}

/// Exchanges the folders `a` and `b` in one step where the system can; else in
/// two renames, `b` set aside under `a`'s name first.
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes())?;
        let cb = CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: two NUL-terminated paths that live across the call.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if !matches!(
            e.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
        ) {
            return Err(e);
        }
    }
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&aside, b);
        return Err(e);
    }
    std::fs::rename(&aside, a)
}

/// Flushes a folder's entries to disk; a failure only weakens what a crash keeps.
fn sync(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_report_folder_is_replaced_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("r");
        let manifest = br#"{"outputs":[{"name":"a.svg"},{"name":"b.svg"}]}"#;
        write_folder(
            &out,
            &[("a.svg", b"1"), ("b.svg", b"2"), (MANIFEST, manifest)],
        )
        .unwrap();
        let manifest2 = br#"{"outputs":[{"name":"c.svg"}]}"#;
        write_folder(&out, &[("c.svg", b"3"), (MANIFEST, manifest2)]).unwrap();
        // The chart of the earlier report is gone; nothing is left beside the folder.
        assert_eq!(listing(&out), ["c.svg", MANIFEST]);
        assert_eq!(listing(root.path()), ["r"]);
    }

    #[test]
    fn a_folder_with_other_files_is_not_replaced() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("r");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("notes.txt"), b"mine").unwrap();
        let e = write_folder(&out, &[(MANIFEST, b"{}")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("holds a file that no cleanweb report wrote (notes.txt)"),
            "{e}"
        );
        assert_eq!(listing(&out), ["notes.txt"]);
        assert_eq!(listing(root.path()), ["r"]);
    }

    #[test]
    fn names_that_are_paths_are_refused_before_anything_is_written() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("r");
        for bad in ["../x.svg", "/tmp/x", "a/b", ".hidden", "..", ""] {
            assert!(
                write_folder(&out, &[("ok.svg", b""), (bad, b"")]).is_err(),
                "{bad}"
            );
        }
        assert!(write_folder(&out, &[("a", b""), ("a", b"")]).is_err());
        assert_eq!(listing(root.path()), Vec::<String>::new());
    }

    #[test]
    fn what_a_killed_run_left_is_removed() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join(".r.cleanweb-AbC123")).unwrap();
        std::fs::write(root.path().join(".r.cleanweb-AbC123/x.svg"), b"").unwrap();
        // Another folder's leftovers and the user's own hidden folders stay.
        std::fs::create_dir(root.path().join(".s.cleanweb-AbC123")).unwrap();
        std::fs::create_dir(root.path().join(".r.cleanweb-mine")).unwrap();
        write_folder(&root.path().join("r"), &[(MANIFEST, b"{}")]).unwrap();
        assert_eq!(
            listing(root.path()),
            [".r.cleanweb-mine", ".s.cleanweb-AbC123", "r"]
        );
    }
}
