//! One variant's result as a flat row of named cells (numbers, booleans, text, empty) with stable
//! column names: the variant's parameters, then per planned mode `MODE.feasible`,
//! `MODE.saving`, `MODE.saving_pct`, `MODE.check_errors` and every KPI (`MODE.cost`,
//! `MODE.vehicle_km`, ... the fields of [`crate::kpi::Kpis`]) and the finance figures
//! (`MODE.finance.cost_per_parcel`, ...), then the allocation (`allocation.mode`,
//! `allocation.joint_cost`, `allocation.RULE.CARRIER` shares, `allocation.RULE.in_core`, ...)
//! and `subproblems_solved`. Column order is the order cells are pushed, kept through JSON.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::compare::Comparison;

/// A flat, ordered row of named cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row(pub Vec<(String, Value)>);

impl Row {
    /// Appends a cell.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.0.push((name.into(), value.into()));
    }

    /// The cell named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Appends every scalar field of a serialised struct, named `prefix.FIELD` (nested lists and
    /// objects are left out).
    fn push_fields(&mut self, prefix: &str, value: &impl Serialize) {
        if let Ok(Value::Object(fields)) = serde_json::to_value(value) {
            for (field, v) in fields {
                if !v.is_array() && !v.is_object() {
                    self.push(format!("{prefix}.{field}"), v);
                }
            }
        }
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ordered;
        impl<'de> Visitor<'de> for Ordered {
            type Value = Row;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of cells")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
                let mut row = Row::default();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    row.0.push((k, v));
                }
                Ok(row)
            }
        }
        deserializer.deserialize_map(Ordered)
    }
}

/// The KPI cells of a comparison (everything after the parameters), keeping only the allocation
/// rules named in `rules` (all when `None`).
pub fn comparison_row(comparison: &Comparison, rules: Option<&[String]>) -> Row {
    let mut row = Row::default();
    for m in &comparison.modes {
        let name = m.mode.name();
        row.push(format!("{name}.feasible"), m.feasible);
        row.push(format!("{name}.saving"), m.saving);
        row.push(format!("{name}.saving_pct"), m.saving_pct);
        row.push(format!("{name}.check_errors"), m.check.errors.len());
        row.push_fields(name, &m.kpis);
        row.push_fields(&format!("{name}.finance"), &m.finance);
    }
    if let Some(a) = &comparison.allocation {
        row.push("allocation.mode", a.mode.name());
        row.push("allocation.joint_cost", a.joint_cost);
        row.push("allocation.county_subsidy", a.county_subsidy);
        row.push("allocation.effort_calibration", a.effort_calibration);
        row.push("allocation.least_core_epsilon", a.least_core_epsilon);
        row.push("allocation.core_empty", a.core_empty);
        row.push("allocation.coalitions_solved", a.coalitions_solved);
        for (carrier, cost) in a.carriers.iter().zip(&a.standalone) {
            row.push(format!("allocation.standalone.{carrier}"), *cost);
        }
        for (rule, core) in &a.rules {
            if rules.is_some_and(|keep| !keep.contains(&rule.rule)) {
                continue;
            }
            for (carrier, share) in a.carriers.iter().zip(&rule.shares) {
                row.push(format!("allocation.{}.{carrier}", rule.rule), *share);
            }
            let stable = core.blocking.is_empty() && core.irrational_players.is_empty();
            row.push(format!("allocation.{}.in_core", rule.rule), stable);
        }
    }
    row.push("subproblems_solved", comparison.subproblems_solved);
    row
}
