//! The sweep checkpoint: a JSON Lines file, one finished variant per line, appended as each one
//! ends, read by the CLI and by `gongpei.sweep` alike so that either resumes the other's run.
//!
//! A line is an object `{"id", "hash", "status": "ok" | "failed", "seconds", "attempts",
//! "variant": {..}, "row": {..} | "error": "..."}`; `hash` is [`Variant::hash`] of the
//! definition. On resume a variant is skipped when a line with its id and hash says `ok`; failed
//! variants run again. The last line may be cut short by an interruption and is then ignored; any
//! other unreadable line is an error naming file and line.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Row, Variant};
use crate::CoopError;

/// The outcome of one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It ran and the row holds its KPIs.
    Ok,
    /// It failed (bad change, planner error, a worker that died every time): `error` says why.
    Failed,
}

/// One line of the checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The variant's id.
    pub id: String,
    /// [`Variant::hash`] of its definition.
    pub hash: String,
    /// Finished or failed.
    pub status: Status,
    /// Wall time of the (last) attempt, seconds.
    pub seconds: f64,
    /// Attempts made (a worker that died is retried).
    pub attempts: u32,
    /// The variant itself.
    pub variant: Variant,
    /// The row (finished variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<Row>,
    /// Why it failed (failed variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Entry {
    /// A finished variant.
    pub fn finished(variant: &Variant, row: Row, seconds: f64) -> Self {
        Entry {
            id: variant.id.clone(),
            hash: variant.hash(),
            status: Status::Ok,
            seconds,
            attempts: 1,
            variant: variant.clone(),
            row: Some(row),
            error: None,
        }
    }

    /// A failed variant.
    pub fn failed(variant: &Variant, error: &str, attempts: u32, seconds: f64) -> Self {
        Entry {
            id: variant.id.clone(),
            hash: variant.hash(),
            status: Status::Failed,
            seconds,
            attempts,
            variant: variant.clone(),
            row: None,
            error: Some(error.to_string()),
        }
    }

    /// The line's JSON (no newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("an entry is plain data and always serialises")
    }

    /// The results-table row: `id`, `status`, `error`, `seconds`, `attempts`, the parameters
    /// (from the variant, also for a failed one), then the KPIs.
    pub fn table_row(&self) -> Row {
        let mut row = Row::default();
        row.push("id", self.id.as_str());
        row.push(
            "status",
            if self.status == Status::Ok {
                "ok"
            } else {
                "failed"
            },
        );
        row.push("error", self.error.clone());
        row.push("seconds", self.seconds);
        row.push("attempts", self.attempts);
        match &self.row {
            Some(cells) => row.0.extend(cells.0.iter().cloned()),
            None => row.0.extend(self.variant.params()),
        }
        row
    }
}

/// Every entry of the checkpoint at `path` (none when the file does not exist).
pub fn read_checkpoint(path: &Path) -> Result<Vec<Entry>, CoopError> {
    read_json_lines(path, "a sweep checkpoint line")
}

/// Every line of the JSON Lines file at `path` read as a `T` (none when the file does not
/// exist). A last line without its newline that does not parse was cut short by an interruption
/// and is ignored; any other bad line is an error naming file, line and `what` was expected.
pub(crate) fn read_json_lines<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
) -> Result<Vec<T>, CoopError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(CoopError::Input(format!("{}: {e}", path.display()))),
    };
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let mut entries = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<T>(line) {
            Ok(e) => entries.push(e),
            // An interrupted write leaves a last line without its newline.
            Err(_) if i + 1 == lines.len() && !complete => {}
            Err(e) => {
                return Err(CoopError::Input(format!(
                    "{}:{}: not {what}: {e}",
                    path.display(),
                    i + 1
                )))
            }
        }
    }
    Ok(entries)
}

/// Appends `entry` as one line to the checkpoint at `path` (created when missing), flushed so
/// that an interruption loses at most the line being written. A last line left without its
/// newline by an earlier interruption is cut off first.
pub fn append_entry(path: &Path, entry: &Entry) -> Result<(), CoopError> {
    append_line(path, &entry.to_line())
}

/// Appends one line of text (no newline in it) to the JSON Lines file at `path`, as
/// [`append_entry`] does; the game's checkpoint shares it.
pub(crate) fn append_line(path: &Path, line: &str) -> Result<(), CoopError> {
    let io = |e: std::io::Error| CoopError::Input(format!("{}: {e}", path.display()));
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)
        .map_err(io)?;
    let bytes = std::fs::read(path).map_err(io)?;
    if bytes.last().is_some_and(|&b| b != b'\n') {
        let keep = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        file.set_len(keep as u64).map_err(io)?;
    }
    file.write_all(format!("{line}\n").as_bytes()).map_err(io)?;
    file.flush().map_err(io)
}

/// Which of `variants` still have to run given the checkpoint's `entries`: those without an
/// `ok` line of the same id and hash. Returns the finished entries (in `variants` order) and
/// the variants to run.
pub fn pending<'v>(variants: &'v [Variant], entries: &[Entry]) -> (Vec<Entry>, Vec<&'v Variant>) {
    let mut done = Vec::new();
    let mut todo = Vec::new();
    for v in variants {
        let hash = v.hash();
        match entries
            .iter()
            .rev()
            .find(|e| e.id == v.id && e.hash == hash && e.status == Status::Ok)
        {
            Some(e) => done.push(e.clone()),
            None => todo.push(v),
        }
    }
    (done, todo)
}

/// The final entry of each variant: its `ok` line, else its last failed line.
pub fn outcomes(variants: &[Variant], entries: &[Entry]) -> Vec<Entry> {
    variants
        .iter()
        .filter_map(|v| {
            let hash = v.hash();
            let mine = entries.iter().filter(|e| e.id == v.id && e.hash == hash);
            mine.clone()
                .rev()
                .find(|e| e.status == Status::Ok)
                .or_else(|| mine.clone().next_back())
                .cloned()
        })
        .collect()
}

/// Writes the results table of `entries` as CSV: the union of their columns in first-seen order,
/// an empty cell where a row has no such column (or a null).
pub fn write_results_csv(path: &Path, entries: &[Entry]) -> Result<(), CoopError> {
    let rows: Vec<Row> = entries.iter().map(Entry::table_row).collect();
    let mut columns: Vec<String> = Vec::new();
    for row in &rows {
        for (name, _) in &row.0 {
            if !columns.contains(name) {
                columns.push(name.clone());
            }
        }
    }
    let io = |e: String| CoopError::Input(format!("{}: {e}", path.display()));
    let mut w = csv::Writer::from_path(path).map_err(|e| io(e.to_string()))?;
    w.write_record(&columns).map_err(|e| io(e.to_string()))?;
    for row in &rows {
        let cells = columns.iter().map(|c| match row.get(c) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        });
        w.write_record(cells).map_err(|e| io(e.to_string()))?;
    }
    w.flush().map_err(|e| io(e.to_string()))
}
