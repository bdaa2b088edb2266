//! A temporary work folder per test, files written into it, and the real binary run
//! inside it.

use std::path::{Path, PathBuf};
use std::process::Output;

pub const HEADER: &str =
    "id,date,period_start,period_end,authority,region,metric,category,entity,value,value_max,qualifier,unit,basis,quote,source,note";

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// A data package folder `name` with the given observation rows and relations
    /// (`total_id,part_id,kind` lines).
    pub fn package(&self, name: &str, rows: &[String], relations: &str) {
        self.write(
            &format!("{name}/datapackage.json"),
            r#"{"name":"p","resources":[
            {"name":"observations","path":"observations.csv","schema":{"fields":[{"name":"value"}]}},
            {"name":"relations","path":"relations.csv","schema":{"fields":[{"name":"total_id"}]}}]}"#,
        );
        self.write(&format!("{name}/observations.csv"), table(rows));
        self.write(
            &format!("{name}/relations.csv"),
            format!("total_id,part_id,kind\n{relations}"),
        );
    }

    /// Runs `cleanweb ARGS` in the work folder, with a cache of tables checked of
    /// its own.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = assert_cmd::Command::cargo_bin("cleanweb")
            .unwrap()
            .current_dir(self.dir.path())
            .env("CLEANWEB_CACHE", self.dir.path().join(".cache"))
            .args(args)
            .output()
            .unwrap();
        Run(out)
    }

    /// Runs `cleanweb ARGS` like [`Workdir::run`] and also returns the child's peak
    /// resident memory in MiB, read from the kernel's accounting of that one process
    /// (`wait4`'s `ru_maxrss`), so a test can hold a crafted input to a memory bound.
    // The child is reaped by `wait4` below, which clippy does not see.
    #[allow(clippy::zombie_processes)]
    pub fn run_measured(&self, args: &[&str]) -> (Run, u64) {
        use std::os::unix::process::ExitStatusExt;
        let bin = assert_cmd::cargo::cargo_bin("cleanweb");
        let child = std::process::Command::new(bin)
            .current_dir(self.dir.path())
            .env("CLEANWEB_CACHE", self.dir.path().join(".cache"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id() as libc::pid_t;
        let mut stdout = child.stdout.unwrap();
        let mut stderr = child.stderr.unwrap();
        let err = std::thread::spawn(move || {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut stderr, &mut b).unwrap();
            b
        });
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).unwrap();
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills in; pid is our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        assert_eq!(waited, pid, "wait4 on the child");
        let output = Output {
            status: std::process::ExitStatus::from_raw(status),
            stdout: out,
            stderr: err.join().unwrap(),
        };
        (Run(output), usage.ru_maxrss as u64 / 1024)
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).to_string()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).to_string()
    }
    /// Asserts success and returns standard output.
    pub fn ok(&self) -> String {
        assert_eq!(
            self.code(),
            0,
            "stderr: {}\nstdout: {}",
            self.stderr(),
            self.stdout()
        );
        self.stdout()
    }
    /// Asserts exit code `code` and returns standard error.
    pub fn fails(&self, code: i32) -> String {
        assert_eq!(
            self.code(),
            code,
            "stderr: {}\nstdout: {}",
            self.stderr(),
            self.stdout()
        );
        self.stderr()
    }
}

/// One observation row: `id,date,metric,category,value,qualifier,unit,basis` with
/// the rest defaulted (national region, a quote with the value in it).
#[allow(clippy::too_many_arguments)]
pub fn row(
    id: &str,
    date: &str,
    metric: &str,
    category: &str,
    value: &str,
    qualifier: &str,
    unit: &str,
    basis: &str,
) -> String {
    let period = match basis {
        "period" => format!("{}-01,{}", &date[..7], date),
        "cumulative" => format!("2014-04-13,{date}"),
        _ => ",".to_string(),
    };
    format!("{id},{date},{period},Office,national,{metric},{category},,{value},,{qualifier},{unit},{basis},closed {value} sites,s,")
}

/// A September breakdown of 200 reports: 180 about pornography, 20 other (the
/// total's id `t`, its parts `p` and `o`), as rows of [`row`].
pub fn september_breakdown() -> Vec<String> {
    vec![
        row(
            "t",
            "2014-09-30",
            "reports",
            "",
            "200",
            "exact",
            "count",
            "period",
        ),
        row(
            "p",
            "2014-09-30",
            "reports",
            "porn",
            "180",
            "exact",
            "count",
            "period",
        ),
        row(
            "o",
            "2014-09-30",
            "reports",
            "other",
            "20",
            "exact",
            "count",
            "period",
        ),
    ]
}

/// A table of rows under the standard header.
pub fn table(rows: &[String]) -> String {
    let mut s = String::from(HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

/// `cleanweb validate` on a package shipped under `datasets/`, against the source text
/// it ships; the summary it prints.
pub fn validate_shipped(package: &str, source: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets")
        .join(package);
    Workdir::new()
        .run(&[
            "validate",
            "--data",
            root.to_str().unwrap(),
            "--source-text",
            root.join(source).to_str().unwrap(),
        ])
        .ok()
}

/// A tool a test needs, named by the environment variable `var` (`.ci/run`
/// installs it and sets the variable). A test that calls this is `#[ignore]`d with
/// the reason, so `cargo test --release` lists it as ignored on a machine with only
/// Rust; run with `--include-ignored`, a missing tool fails the test: never a
/// silent pass.
pub fn tool(var: &str, what: &str) -> std::ffi::OsString {
    std::env::var_os(var).unwrap_or_else(|| {
        panic!("this test needs {what}: set {var} (.ci/run installs it and sets it)")
    })
}

/// The Chromium binary. A test that calls this is `#[ignore = "needs chromium"]`;
/// run without one, it fails.
pub fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("this test needs Chromium: `apt-get install chromium` (as .ci/run does)");
}

/// Runs headless Chromium on `url` with a profile folder of its own, as this
/// machine's closed network needs (no background connections), under a timeout.
pub fn run_chromium(
    browser: &Path,
    profile: &Path,
    extra: &[&str],
    url: &str,
) -> std::process::Output {
    let mut args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--enable-logging=stderr".into(),
        "--v=0".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(url.to_string());
    // A browser that hangs must fail the test, not stall the suite.
    std::process::Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args(&args)
        .output()
        .expect("chromium runs")
}

/// Writes `df` as the Parquet file `name` of `w`, as polars writes it by default.
pub fn write_parquet(w: &Workdir, name: &str, df: &mut polars::prelude::DataFrame) {
    let file = std::fs::File::create(w.path(name)).unwrap();
    polars::prelude::ParquetWriter::new(file)
        .finish(df)
        .unwrap();
}

/// Compares `text`, a rendered output, with the snapshot `tests/snapshots/NAME.snap`
/// (insta). A changed output fails and is written beside it as `NAME.snap.new` for a
/// person to review (`cargo insta review`, or read and rename it); under CI nothing
/// is written, and a setting that would let insta write (INSTA_UPDATE=always or
/// force, INSTA_FORCE_PASS) fails the test instead.
pub fn snapshot(name: &str, text: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
    if ci {
        let update = std::env::var("INSTA_UPDATE").unwrap_or_default();
        assert!(
            matches!(update.as_str(), "" | "auto" | "no" | "new")
                && std::env::var_os("INSTA_FORCE_PASS").is_none(),
            "INSTA_UPDATE={update} (or INSTA_FORCE_PASS) under CI: snapshots are reviewed and written by a person, never by CI"
        );
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// The text of the snapshot `tests/snapshots/NAME.snap`, without insta's header.
pub fn snapshot_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.snap"));
    let file = std::fs::read_to_string(&path).unwrap();
    let body = file
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(_, body)| body)
        .unwrap_or_else(|| panic!("{} has no insta header", path.display()));
    body.to_string()
}

/// The rows of a CSV output, each a map from its header.
pub fn csv_records(out: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}
