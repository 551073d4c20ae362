//! A finished coalition game as files, written the same by `gongpei sweep` and by
//! `python -m gongpei.sweep` (a spec with a `[game]` table): `game.csv` (one row per coalition:
//! `mask, members, size, cost, seconds`), `allocation.csv` (one row per carrier: its stand-alone
//! cost and its share under each rule of [`allocate_table`]) and `game.json` (the variant, the
//! setup, every coalition and the whole allocation with each rule's core check, whether the core
//! is empty and the least core's epsilon), plus the short table both print.

use std::path::Path;

use serde_json::json;

use super::coalitions::CoalitionCost;
use super::Variant;
use crate::allocation::Coalition;
use crate::compare::AllocationResult;
use crate::game::{allocate_table, GameSetup};
use crate::CoopError;

/// The members of coalition `mask` joined by `+` (`china_post+zto`).
fn members(mask: u64, carriers: &[String]) -> String {
    Coalition(mask)
        .players()
        .filter_map(|i| carriers.get(i).map(String::as_str))
        .collect::<Vec<_>>()
        .join("+")
}

/// Applies every allocation rule to the game of `setup` with the coalition `costs` (every
/// non-empty coalition once) and writes `game.csv`, `allocation.csv` and `game.json` into `out`.
/// Returns the allocation.
pub fn write_game_files(
    out: &Path,
    variant: &Variant,
    setup: &GameSetup,
    setup_seconds: f64,
    costs: &[CoalitionCost],
) -> Result<AllocationResult, CoopError> {
    let mut costs = costs.to_vec();
    costs.sort_by_key(|c| c.mask);
    let table: Vec<(u64, f64)> = costs.iter().map(|c| (c.mask, c.cost)).collect();
    let allocation = allocate_table(setup, &table)?;
    let carriers = &setup.carriers;

    let io = |file: &str, e: &dyn std::fmt::Display| {
        CoopError::Input(format!("{}: {e}", out.join(file).display()))
    };
    let mut w = csv::Writer::from_path(out.join("game.csv")).map_err(|e| io("game.csv", &e))?;
    w.write_record(["mask", "members", "size", "cost", "seconds"])
        .map_err(|e| io("game.csv", &e))?;
    for c in &costs {
        w.write_record([
            c.mask.to_string(),
            members(c.mask, carriers),
            c.mask.count_ones().to_string(),
            c.cost.to_string(),
            c.seconds.to_string(),
        ])
        .map_err(|e| io("game.csv", &e))?;
    }
    w.flush().map_err(|e| io("game.csv", &e))?;

    let path = out.join("allocation.csv");
    let mut w = csv::Writer::from_path(&path).map_err(|e| io("allocation.csv", &e))?;
    let mut header = vec!["carrier".to_string(), "standalone".to_string()];
    header.extend(allocation.rules.iter().map(|(a, _)| a.rule.clone()));
    w.write_record(&header)
        .map_err(|e| io("allocation.csv", &e))?;
    for (i, carrier) in carriers.iter().enumerate() {
        let mut record = vec![carrier.clone(), allocation.standalone[i].to_string()];
        record.extend(
            allocation
                .rules
                .iter()
                .map(|(a, _)| a.shares[i].to_string()),
        );
        w.write_record(&record)
            .map_err(|e| io("allocation.csv", &e))?;
    }
    w.flush().map_err(|e| io("allocation.csv", &e))?;

    let coalitions: Vec<_> = costs
        .iter()
        .map(|c| {
            json!({
                "mask": c.mask,
                "members": Coalition(c.mask).players().map(|i| carriers[i].clone()).collect::<Vec<_>>(),
                "cost": c.cost,
                "seconds": c.seconds,
            })
        })
        .collect();
    let document = json!({
        "variant": variant,
        "hash": variant.hash(),
        "mode": setup.mode,
        "carriers": carriers,
        "grand_cost": allocation.joint_cost,
        "standalone_sum": allocation.standalone.iter().sum::<f64>(),
        "core_empty": allocation.core_empty,
        "least_core_epsilon": allocation.least_core_epsilon,
        "setup": setup,
        "setup_seconds": setup_seconds,
        "coalition_seconds": costs.iter().map(|c| c.seconds).sum::<f64>(),
        "coalitions": coalitions,
        "allocation": allocation,
    });
    let text = serde_json::to_string_pretty(&document).expect("a game is plain data");
    std::fs::write(out.join("game.json"), text + "\n").map_err(|e| io("game.json", &e))?;
    Ok(allocation)
}

/// The short table of a finished game: a headline (mode, players, c(N) against the stand-alone
/// costs, the core) and one line per carrier with its share under each rule.
pub fn game_summary(variant: &Variant, allocation: &AllocationResult) -> String {
    let n = allocation.carriers.len();
    let alone: f64 = allocation.standalone.iter().sum();
    let core = match (allocation.core_empty, allocation.least_core_epsilon) {
        (Some(empty), Some(eps)) => format!(
            "core {} (least-core epsilon {eps:.2})",
            if empty { "empty" } else { "not empty" }
        ),
        _ => "core not computed".to_string(),
    };
    let mut text = format!(
        "{} game of variant {}: {n} carriers, {} coalitions\nc(N) = {:.2} CNY/day, stand-alone sum {alone:.2} (saving {:.2}); {core}\n",
        allocation.mode.name(),
        variant.id,
        (1u64 << n) - 1,
        allocation.joint_cost,
        alone - allocation.joint_cost,
    );
    let name_width = allocation
        .carriers
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max("carrier".len());
    let widths: Vec<usize> = allocation
        .rules
        .iter()
        .map(|(a, _)| a.rule.len().max(10))
        .collect();
    text.push_str(&format!("{:<name_width$}  {:>10}", "carrier", "standalone"));
    for ((a, _), w) in allocation.rules.iter().zip(&widths) {
        text.push_str(&format!("  {:>w$}", a.rule));
    }
    text.push('\n');
    for (i, carrier) in allocation.carriers.iter().enumerate() {
        text.push_str(&format!(
            "{carrier:<name_width$}  {:>10.2}",
            allocation.standalone[i]
        ));
        for ((a, _), w) in allocation.rules.iter().zip(&widths) {
            text.push_str(&format!("  {:>w$.2}", a.shares[i]));
        }
        text.push('\n');
    }
    text.push_str(&format!("{:<name_width$}  {:>10}", "in core", ""));
    for ((_, core), w) in allocation.rules.iter().zip(&widths) {
        let stable = core.blocking.is_empty() && core.irrational_players.is_empty();
        text.push_str(&format!("  {:>w$}", if stable { "yes" } else { "no" }));
    }
    text.push('\n');
    text
}
