//! gongpei-io: benchmark file formats and an independent solution checker.
//!
//! - [`read_instance`] detects and reads VRPLIB/CVRPLIB `.vrp` (A, B, E, P, X), LKH-3 `.vrpspd`
//!   (Dethloff, Montane-Galvao), Solomon / Gehring-Homberger `.txt` and Cordeau MDVRP files into
//!   an [`Instance`]: the validated [`gongpei_core::ProblemData`], the name, the cost scale and
//!   the client numbering of solution files. PyVRP's VRPLIB dialect of the variant sets is read
//!   too: prize collecting (`PRIZE_SECTION`, `SERVICE_TIME`), fleets listed vehicle by vehicle
//!   (HFVRP) and, only as the mixed relaxation on request, backhauls (VRPB).
//! - [`read_solution`] / [`write_solution`] handle CVRPLIB `.sol` files.
//! - [`read_bks`] finds the best-known value in the `bks.csv` beside an instance.
//! - [`read_pmedian`] reads OR-Library p-median files into all-pairs shortest-path distances.
//! - [`check`] recomputes a solution's cost and feasibility by plain simulation.
//!
//! Every malformed file gives an [`IoError`] naming the file and line; nothing panics.
//!
//! ```
//! let text = "NAME : tiny\nTYPE : CVRP\nDIMENSION : 3\nCAPACITY : 10\nEDGE_WEIGHT_TYPE : EUC_2D\n\
//!             NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 4\nDEMAND_SECTION\n1 0\n2 5\n3 5\n\
//!             DEPOT_SECTION\n1\n-1\nEOF\n";
//! let instance = gongpei_io::read_instance_str("tiny.vrp", text).unwrap();
//! assert_eq!(instance.data.num_clients(), 2);
//! assert_eq!(instance.solution_ids, vec![1, 2]);
//! let bad = gongpei_io::read_instance_str("tiny.vrp", &text.replace("2 5", "2 five")).unwrap_err();
//! assert_eq!(bad.to_string(), "tiny.vrp:12: demand: expected an integer, found `five`");
//! ```

mod bks;
mod check;
mod cordeau;
mod error;
mod instance;
mod listed_fleet;
mod pmedian;
mod sol;
mod solomon;
mod text;
mod vrplib;

pub use bks::{read_bks, read_bks_of_file};
pub use check::{check, compare_stated_cost, CheckReport};
pub use error::IoError;
pub use instance::{Format, Instance, ReadOptions, Rounding, EXACT_SCALE};
pub use pmedian::{read_pmedian, read_pmedian_str, PMedianInstance};
pub use sol::{
    format_cost, read_solution, read_solution_str, solution_to_string, write_solution, SolutionFile,
};

use std::path::Path;
use text::Text;

/// Reads an instance file of any supported format with default options.
pub fn read_instance(path: impl AsRef<Path>) -> Result<Instance, IoError> {
    read_instance_with(path, &ReadOptions::default())
}

/// Reads an instance file of any supported format.
pub fn read_instance_with(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Instance, IoError> {
    let text = Text::read(path.as_ref())?;
    parse(&text, options)
}

/// Reads an instance from text in memory; `path` names it in errors and gives the default name.
pub fn read_instance_str(path: impl AsRef<Path>, text: &str) -> Result<Instance, IoError> {
    parse(
        &Text::from_str(path.as_ref(), text),
        &ReadOptions::default(),
    )
}

/// Reads an instance from text in memory with options.
pub fn read_instance_str_with(
    path: impl AsRef<Path>,
    text: &str,
    options: &ReadOptions,
) -> Result<Instance, IoError> {
    parse(&Text::from_str(path.as_ref(), text), options)
}

/// Reads text of a format the caller already knows, without detecting it from the content (a
/// Solomon file whose header words were edited away still reads as Solomon, and errors speak of
/// that format only).
///
/// ```
/// use gongpei_io::{read_instance_str_as, Format, ReadOptions};
/// let text = "2 1 2 1\n0 10\n1 3 4 0 2 0 1 1 1\n2 0 4 0 3 0 1 1 1\n3 0 0 0 0 0 0 0\n";
/// let mdvrp = read_instance_str_as("p.txt", text, Format::Cordeau, &ReadOptions::default()).unwrap();
/// assert_eq!(mdvrp.data.num_clients(), 2);
/// let err = read_instance_str_as("p.txt", text, Format::Vrplib, &ReadOptions::default()).unwrap_err();
/// assert!(err.to_string().starts_with("p.txt:"), "{err}");
/// ```
pub fn read_instance_str_as(
    path: impl AsRef<Path>,
    text: &str,
    format: Format,
    options: &ReadOptions,
) -> Result<Instance, IoError> {
    parse_as(&Text::from_str(path.as_ref(), text), format, options)
}

fn parse(text: &Text, options: &ReadOptions) -> Result<Instance, IoError> {
    parse_as(text, detect(text)?, options)
}

fn parse_as(text: &Text, format: Format, options: &ReadOptions) -> Result<Instance, IoError> {
    let mut instance = match format {
        Format::Vrplib => vrplib::parse(text, options)?,
        Format::Solomon => solomon::parse(text, options.solomon_rounding)?,
        Format::Cordeau => cordeau::parse(text)?,
    };
    if instance.name.is_empty() {
        instance.name = vrplib::stem(text);
    }
    Ok(instance)
}

/// Recognises the format from the content (not the file extension).
fn detect(text: &Text) -> Result<Format, IoError> {
    let nonempty: Vec<&str> = text
        .lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let Some(first) = nonempty.first() else {
        return Err(text.err_file("empty file"));
    };
    let has = |word: &str| nonempty.iter().any(|l| l.eq_ignore_ascii_case(word));
    if has("VEHICLE") && has("CUSTOMER") {
        return Ok(Format::Solomon);
    }
    let vrplib_key = nonempty.iter().any(|l| {
        let key = l
            .split([':', ' ', '\t'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        key == "DIMENSION" || key.ends_with("_SECTION")
    });
    if vrplib_key {
        return Ok(Format::Vrplib);
    }
    let tokens: Vec<&str> = first.split_whitespace().collect();
    if tokens.len() == 4 && tokens.iter().all(|t| t.parse::<u64>().is_ok()) {
        return Ok(Format::Cordeau);
    }
    Err(IoError::Format {
        path: text.path.clone(),
        message:
            "unrecognised instance format (expected VRPLIB .vrp, Solomon .txt or Cordeau MDVRP)"
                .into(),
    })
}
