//! A CSV file of a district folder read by column name: required columns are checked once
//! against the header, and every value error names the file, the line and the column.

use geo::Point;
use gongpei_network::crs::Crs;

use crate::error::ScenarioError;

/// One CSV file held as text records, with its header.
pub struct Table {
    file: String,
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// One data row of a [`Table`]: its line number and fields.
pub struct Row<'a> {
    table: &'a Table,
    /// Line in the file (1-based; the header is line 1).
    pub line: u64,
    record: &'a csv::StringRecord,
}

impl Table {
    /// Parses `text` (named `file` in errors) and checks that every `required` column exists.
    pub fn parse(file: &str, text: &str, required: &[&str]) -> Result<Self, ScenarioError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(file, &e))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        for column in required {
            if !headers.iter().any(|h| h == column) {
                return Err(error(
                    file,
                    1,
                    format!(
                        "missing column `{column}` (the header has: {})",
                        headers.join(", ")
                    ),
                ));
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            rows.push((line, record));
        }
        Ok(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// The file name used in errors.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Whether the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.headers.iter().any(|h| h == column)
    }

    /// The data rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }
}

impl Row<'_> {
    /// The trimmed value of `column`, or `""` when the file has no such column.
    pub fn get(&self, column: &str) -> &str {
        self.table
            .headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// The value of a required column that must not be empty.
    pub fn required(&self, column: &str) -> Result<&str, ScenarioError> {
        let value = self.get(column);
        if value.is_empty() {
            return Err(self.error(column, "is empty".to_string()));
        }
        Ok(value)
    }

    /// An error at this row and `column`.
    pub fn error(&self, column: &str, message: String) -> ScenarioError {
        error(
            &self.table.file,
            self.line,
            format!("column {column}: {message}"),
        )
    }

    /// An optional point from the columns `lon`, `lat` and `crs` (the coordinate system of the
    /// point, see [`Crs`]), converted to WGS84. Both coordinates empty means no point.
    pub fn point(
        &self,
        lon: &str,
        lat: &str,
        crs: &str,
    ) -> Result<Option<Point<f64>>, ScenarioError> {
        let (x, y) = (self.get(lon), self.get(lat));
        if x.is_empty() && y.is_empty() {
            return Ok(None);
        }
        let number = |column: &str, text: &str, limit: f64| -> Result<f64, ScenarioError> {
            if text.is_empty() {
                return Err(self.error(column, "is empty while the other coordinate is set".into()));
            }
            let value: f64 = text
                .parse()
                .map_err(|_| self.error(column, format!("{text:?} is not a number")))?;
            if !value.is_finite() || value.abs() > limit {
                return Err(self.error(
                    column,
                    format!("{text} is not a coordinate in degrees (at most {limit} in size)"),
                ));
            }
            Ok(value)
        };
        let (x, y) = (number(lon, x, 180.0)?, number(lat, y, 90.0)?);
        let system = self.get(crs);
        let system: Crs = system.parse().map_err(|e| {
            self.error(
                crs,
                format!("{e} (the coordinate system of {lon}/{lat} must be named)"),
            )
        })?;
        let (x, y) = system.to_wgs84(x, y);
        Ok(Some(Point::new(x, y)))
    }
}

/// A CSV error of `file` at `line`.
pub fn error(file: &str, line: u64, message: String) -> ScenarioError {
    ScenarioError::Csv {
        origin: file.to_string(),
        line,
        message,
    }
}

fn csv_error(file: &str, e: &csv::Error) -> ScenarioError {
    let line = e.position().map_or(0, |p| p.line());
    error(file, line, e.to_string())
}
