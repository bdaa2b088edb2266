//! One module per subcommand, each with its `Args` and one `run`, and the arguments
//! they share ([`args`]). These are the only places that print; no command imports
//! another.

pub mod aggregate;
pub mod args;
pub mod chart;
pub mod describe;
pub mod diff;
pub mod export;
pub mod extract;
pub mod init;
pub mod reconcile;
pub mod report;
pub mod validate;
