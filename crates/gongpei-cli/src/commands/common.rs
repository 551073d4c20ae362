//! Pieces shared by the subcommands: the failure kinds (and their exit codes), reading an
//! instance with the chosen convention, the gap formula, output that returns write errors
//! instead of panicking, and the guard against outputs that would overwrite an input.

use gongpei_io::{read_instance_with, Instance, IoError, ReadOptions, Rounding};
use std::path::Path;

/// Why a subcommand failed; [`Failure::exit_code`] maps it to the process exit status.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments (exit 2, like clap's own usage errors).
    Usage(String),
    /// A file could not be read or is malformed (exit 1).
    Error(String),
    /// The run worked but the solution is infeasible (exit 3).
    Infeasible,
    /// Standard output was closed by the reader (a pipe into `head -0`): nothing more can be
    /// said, so the command ends quietly with exit 141, as a shell reports death by `SIGPIPE`.
    OutputClosed,
    /// A SIGINT or SIGTERM came: the command printed and wrote its (hurried) result and ends
    /// with the signal's conventional status (130 for SIGINT, 143 for SIGTERM), said on stderr
    /// already.
    Interrupted(i32),
}

impl Failure {
    /// Process exit status for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Error(_) => 1,
            Self::Usage(_) => 2,
            Self::Infeasible => 3,
            Self::OutputClosed => 141,
            Self::Interrupted(code) => *code,
        }
    }

    /// The message to print, if any.
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Usage(m) | Self::Error(m) => Some(m),
            Self::Infeasible | Self::OutputClosed | Self::Interrupted(_) => None,
        }
    }
}

impl From<IoError> for Failure {
    fn from(e: IoError) -> Self {
        Self::Error(e.to_string())
    }
}

/// Distance convention for Solomon-format files, as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoundingArg {
    /// Distances and times truncated to one decimal (DIMACS distance-only; cost scale 10).
    Truncated,
    /// Unrounded distances (hierarchical convention; cost scale 10^4).
    Exact,
}

/// Reads an instance, applying the Solomon convention and the VRPB choice (`--vrpb-mixed`: read
/// backhauls as the mixed relaxation instead of refusing them) of the command line.
pub fn read_instance_for(
    path: &Path,
    rounding: RoundingArg,
    vrpb_mixed: bool,
) -> Result<Instance, IoError> {
    let options = ReadOptions {
        solomon_rounding: match rounding {
            RoundingArg::Truncated => Rounding::TruncatedOneDecimal,
            RoundingArg::Exact => Rounding::Exact,
        },
        vrpb_mixed,
    };
    read_instance_with(path, &options)
}

/// Gap of `cost` to `bks` in percent.
pub fn gap_percent(cost: f64, bks: f64) -> f64 {
    if bks == 0.0 {
        0.0
    } else {
        100.0 * (cost - bks) / bks
    }
}

/// Writes `text` to standard output and flushes it, returning the write error instead of
/// panicking like `print!` (a closed pipe, `gongpei solve X.vrp | head -0`, is an `EPIPE`).
pub fn print_out(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes a line to standard error, ignoring a closed stderr (progress and notes are
/// best-effort; the exit status still tells the outcome).
pub fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

impl From<std::io::Error> for Failure {
    /// A write to standard output failed: a closed pipe ends the command quietly; any other
    /// error is reported.
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Self::OutputClosed
        } else {
            Self::Error(format!("standard output: {e}"))
        }
    }
}

impl Failure {
    /// The failure of a subcommand that reports boxed errors: a closed standard output (an
    /// `io::Error` of kind `BrokenPipe` anywhere in the chain) becomes [`Failure::OutputClosed`],
    /// an [`Interrupted`](super::interrupt::Interrupted) becomes [`Failure::Interrupted`].
    pub fn from_boxed(e: Box<dyn std::error::Error + Send + Sync>) -> Self {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e.as_ref());
        while let Some(c) = cause {
            if let Some(i) = c.downcast_ref::<super::interrupt::Interrupted>() {
                return Self::Interrupted(i.0);
            }
            if let Some(io) = c.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return Self::OutputClosed;
                }
            }
            cause = c.source();
        }
        Self::Error(e.to_string())
    }
}

/// Refuses an output path that would destroy an input or write somewhere unexpected: the
/// same file as one of `inputs` (also through a link), or a symbolic link whose target does
/// not exist (writing would create a file wherever the link points).
pub fn guard_output(out: &Path, inputs: &[&Path]) -> Result<(), Failure> {
    let is_link = std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && std::fs::metadata(out).is_err() {
        let target = std::fs::read_link(out)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        return Err(Failure::Usage(format!(
            "output {} is a dangling symbolic link (to {target}); refusing to write through it",
            out.display()
        )));
    }
    for input in inputs {
        if same_file(out, input) {
            return Err(Failure::Usage(format!(
                "output {} is the input file {}; refusing to overwrite it",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Whether two paths name one existing file (device and inode), following links.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}
