//! Finds the benchmark instances the benches run on: the copies bundled in `data/instances/`,
//! else the shared data folder (`$GONGPEI_DATA`, default `../shared/data` beside the repository).

use gongpei::core::Solution;
use gongpei::io::{read_instance, read_solution, Instance};
use std::path::{Path, PathBuf};

/// An instance with its best-known solution's routes (the realistic routes moves are priced on).
pub struct Bench {
    pub instance: Instance,
    pub best_known: Solution,
}

/// `bundled` under `data/instances/`, else `shared` under the shared data folder; panics with a
/// message naming both places when neither exists (a bench cannot run without its data).
fn locate(bundled: &str, shared: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let local = root.join("data/instances").join(bundled);
    if local.exists() {
        return local;
    }
    let data = std::env::var_os("GONGPEI_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data"));
    let fallback = data.join(shared);
    if fallback.exists() {
        return fallback;
    }
    panic!(
        "benchmark instance not found: neither {} nor {} exists (set GONGPEI_DATA to the shared \
         data folder)",
        local.display(),
        fallback.display()
    );
}

/// Reads the instance and its `.sol` (same stem), failing with the reader's file:line message.
fn load(bundled: &str, shared: &str) -> Bench {
    let path = locate(bundled, shared);
    let instance = read_instance(&path).unwrap_or_else(|e| panic!("{e}"));
    let sol_path = path.with_extension("sol");
    let best_known = read_solution(&sol_path, &instance)
        .unwrap_or_else(|e| panic!("{e}"))
        .solution;
    Bench {
        instance,
        best_known,
    }
}

/// CVRPLIB X-n101-k25 (100 clients, about 4 per route in the best-known solution).
pub fn x_n101() -> Bench {
    load("X-n101-k25.vrp", "cvrp/X/X-n101-k25.vrp")
}

/// Solomon R101 (100 clients with narrow time windows, about 5 per route).
pub fn r101() -> Bench {
    load("R101.txt", "vrptw/solomon/R101.txt")
}
