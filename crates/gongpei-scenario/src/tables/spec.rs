//! The vocabulary of table specifications: what a column (or key) is, what its cells may hold,
//! whether it must be given, and where its value lives in the scenario's JSON form.
//!
//! A column names a dotted path inside its record's serde form (`opening_hours.open_s`), so the
//! conversion in both directions is generic: adding a scalar field to the scenario model is one
//! [`Column`] line in [`super::catalog`].

use gongpei_network::crs::CRS_NAMES;

/// What a cell may hold, and so how its text is parsed.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Any text (ids, names, codes). Numbers typed into a spreadsheet are read as their digits.
    Text,
    /// A whole number.
    Int,
    /// A decimal number (written in its shortest exact form).
    Float,
    /// `true`/`false` (also `yes`/`no`, `1`/`0`, any case).
    Bool,
    /// Seconds: a whole number of seconds, or `HH:MM` / `HH:MM:SS` (a spreadsheet time too).
    Seconds,
    /// One of a fixed list of names (the function lists them, from the model's serde names).
    Enum(fn() -> Vec<String>),
    /// The id of a record of another table, checked to exist.
    Ref(Target),
}

/// What a [`Kind::Ref`] column refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Any site id (`sites.id`).
    Site,
    /// A carrier id (`carriers.id`).
    Carrier,
    /// A carrier id or `shared` (the cooperation fleet).
    Operator,
    /// A bus line id (`bus_lines.id`).
    BusLine,
}

impl Target {
    /// The table holding the ids referred to.
    pub fn table(self) -> &'static str {
        match self {
            Target::Site => "sites",
            Target::Carrier | Target::Operator => "carriers",
            Target::BusLine => "bus_lines",
        }
    }
}

/// Whether a column (or key) must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The column must exist and no cell may be empty.
    Required,
    /// The column may be absent and cells may be empty: the model's default applies.
    Optional,
    /// Like `Optional`, but an empty cell or absent column means this text (for fields the JSON
    /// format requires but a table can sensibly leave out).
    Default(&'static str),
    /// Part of an optional group (the columns whose paths share the prefix before the last dot,
    /// e.g. `opening_hours.open_s` and `opening_hours.close_s`): all empty means "none", one
    /// given means every member is required.
    Group,
}

/// One column of a row table, or one key of a key/value table.
#[derive(Clone, Copy)]
pub struct Column {
    /// Header (or key) as written in the table.
    pub name: &'static str,
    /// Dotted path of the value inside the record's JSON form; `None` for columns read by the
    /// converter itself (e.g. `crs`, or the list links `carrier`/`line`).
    pub path: Option<&'static str>,
    /// What its cells hold.
    pub kind: Kind,
    /// Whether it must be given.
    pub need: Need,
    /// One line of documentation (shown in templates and the README).
    pub doc: &'static str,
}

impl Column {
    /// A column stored at the JSON field of the same name.
    pub const fn new(name: &'static str, kind: Kind, need: Need, doc: &'static str) -> Column {
        Column {
            name,
            path: Some(name),
            kind,
            need,
            doc,
        }
    }

    /// The same column stored at another JSON path (`opening_hours.open_s`).
    pub const fn at(mut self, path: &'static str) -> Column {
        self.path = Some(path);
        self
    }

    /// The same column, read by the converter rather than stored at a path.
    pub const fn unmapped(mut self) -> Column {
        self.path = None;
        self
    }

    /// The group prefix of a [`Need::Group`] column (`opening_hours`).
    pub fn group(&self) -> Option<&'static str> {
        match (self.need, self.path) {
            (Need::Group, Some(p)) => p.rsplit_once('.').map(|(g, _)| g),
            _ => None,
        }
    }

    /// Short description of the kind for templates and docs, e.g. `integer`, `one of: a, b`.
    pub fn kind_text(&self) -> String {
        match self.kind {
            Kind::Text => "text".into(),
            Kind::Int => "integer".into(),
            Kind::Float => "number".into(),
            Kind::Bool => "true/false".into(),
            Kind::Seconds => "seconds or HH:MM".into(),
            Kind::Enum(values) => format!("one of {}", values().join(", ")),
            Kind::Ref(Target::Operator) => {
                "carrier id, shared, or a commerce partner's operator".into()
            }
            Kind::Ref(t) => format!("id in {}", t.table()),
        }
    }

    /// Short description of the need, e.g. `required`, `optional (default 1)`.
    pub fn need_text(&self) -> String {
        match self.need {
            Need::Required => "required".into(),
            Need::Optional => "optional".into(),
            Need::Default("") => "optional (default empty)".into(),
            Need::Default(d) => format!("optional (default {d})"),
            Need::Group => "optional pair (both or neither)".into(),
        }
    }
}

/// How a table is laid out.
#[derive(Clone, Copy)]
pub enum Shape {
    /// One record per row, one column per field.
    Rows(&'static [Column]),
    /// Rows of `key`, `value` (and an optional `note`, ignored), one row per scalar field of
    /// the object at `root` (`""` for the scenario itself).
    KeyValue {
        /// Dotted JSON path of the object the keys' paths start from.
        root: &'static str,
        /// The keys.
        keys: &'static [Column],
    },
}

/// One table of a scenario: a CSV file `NAME.csv` or the sheet `NAME` of a workbook.
#[derive(Clone, Copy)]
pub struct TableSpec {
    /// File stem and sheet name.
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// Whether the table must be present.
    pub required: bool,
    /// Layout and columns.
    pub shape: Shape,
    /// Columns whose values together must be unique among rows (empty: no constraint).
    pub unique: &'static [&'static str],
}

impl TableSpec {
    /// The columns of a row table, or the keys of a key/value table.
    pub fn columns(&self) -> &'static [Column] {
        match self.shape {
            Shape::Rows(c) => c,
            Shape::KeyValue { keys, .. } => keys,
        }
    }

    /// The column (or key) called `name`.
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.name == name)
    }
}

/// Header of the key column of key/value tables.
pub const KEY_COLUMN: &str = "key";
/// Header of the value column of key/value tables.
pub const VALUE_COLUMN: &str = "value";
/// Header of the free-text column of key/value tables (ignored when read).
pub const NOTE_COLUMN: &str = "note";

/// Names of the coordinate systems accepted in `crs` cells.
pub fn crs_names() -> Vec<String> {
    CRS_NAMES.iter().map(|s| s.to_string()).collect()
}
