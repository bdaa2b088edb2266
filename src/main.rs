//! The `cleanweb` binary: parse the command line, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Blocks of up to 256 MiB come from the heap and stay there once freed, so the
    // columns of one row group reuse the pages of the last (see Cargo.toml). One
    // heap for every thread: a reading thread's own arena holds at most 64 MiB, and
    // the columns of a row group that do not fit were mapped and unmapped afresh
    // for each (a third of the first query of a Parquet table went to page faults).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets three numbers of the allocator, before any thread runs.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    cleanweb::cli::main()
}
