//! Time of each allocation rule on random games of 6 to 10 players (costs concave in a random
//! weight plus noise, so some games have empty cores): prints a markdown table for the crate
//! README. Run: `cargo run --profile ci -p gongpei-coop --example allocation_timing`.

use std::time::Instant;

use gongpei_coop::allocation::{
    equal_profit, least_core, nucleolus, shapley_exact, Allocation, Coalition, CoalitionCosts,
    EXACT_SHAPLEY_MAX_PLAYERS,
};
use gongpei_coop::CoopError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

type Rule = fn(&CoalitionCosts<'_>) -> Result<Allocation, CoopError>;

fn main() -> Result<(), CoopError> {
    let rules: [(&str, Rule); 4] = [
        ("shapley", shapley_exact),
        ("equal_profit", equal_profit),
        ("nucleolus", nucleolus),
        ("least_core", |g| least_core(g).map(|l| l.allocation)),
    ];
    println!(
        "| players | game | core | shapley ms | equal_profit ms | nucleolus ms | least_core ms |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for n in [6usize, 8, 10, 12] {
        for seed in 0..3u64 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            // Seed 2 is symmetric (all weights equal): every coalition of a size ties, the worst case.
            let weights: Vec<f64> = (0..n)
                .map(|_| {
                    if seed == 2 {
                        50.0
                    } else {
                        rng.random_range(10.0..100.0)
                    }
                })
                .collect();
            let noise: Vec<f64> = (0..1usize << n)
                .map(|_| {
                    if seed == 1 {
                        rng.random_range(0.0..30.0)
                    } else {
                        0.0
                    }
                })
                .collect();
            let table: Vec<f64> = (0..1u64 << n)
                .map(|s| {
                    let w: f64 = (0..n).filter(|i| s >> i & 1 == 1).map(|i| weights[i]).sum();
                    if s == 0 {
                        0.0
                    } else {
                        20.0 * w.powf(0.8) + noise[s as usize]
                    }
                })
                .collect();
            let f = |s: Coalition| Ok(table[s.0 as usize]);
            let game = CoalitionCosts::new(n, &f)?;
            game.table()?;
            let empty = least_core(&game)?.core_empty;
            let kind = ["concave", "concave + noise", "symmetric"][seed as usize];
            let verdict = if empty { "empty" } else { "non-empty" };
            let mut row = format!("| {n} | seed {seed}, {kind} | {verdict} |");
            for (name, rule) in rules {
                if name == "shapley" && n > EXACT_SHAPLEY_MAX_PLAYERS {
                    row.push_str(" - |");
                    continue;
                }
                let start = Instant::now();
                rule(&game)?;
                row.push_str(&format!(" {:.1} |", start.elapsed().as_secs_f64() * 1e3));
            }
            println!("{row}");
        }
    }
    Ok(())
}
