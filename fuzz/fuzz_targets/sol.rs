//! Fuzzes the CVRPLIB `.sol` reader against three bundled instances (CVRP, VRPTW, MDVRP; first
//! byte): a solution it reads must be one the engine and the independent checker judge alike, and
//! a line the format does not have must be an error naming the file and that line; never a panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use gongpei_fuzz::{assert_agree, assert_io_error_contract, FILE};
use gongpei_io::{compare_stated_cost, read_instance_str, read_solution_str, Instance};
use libfuzzer_sys::fuzz_target;

fn instances() -> &'static [Instance] {
    static INSTANCES: OnceLock<Vec<Instance>> = OnceLock::new();
    INSTANCES.get_or_init(|| {
        [
            (
                "E-n13-k4.vrp",
                include_str!("../../data/instances/E-n13-k4.vrp"),
            ),
            ("C101.txt", include_str!("../../data/instances/C101.txt")),
            ("p01.txt", include_str!("../../data/instances/p01.txt")),
        ]
        .iter()
        .map(|(name, text)| read_instance_str(name, text).expect("a bundled instance reads"))
        .collect()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&first, rest)) = bytes.split_first() else {
        return;
    };
    let instance = &instances()[first as usize % instances().len()];
    let text = String::from_utf8_lossy(rest);
    match read_solution_str(Path::new(FILE), &text, instance) {
        Ok(file) => {
            let engine = assert_agree(instance, &file.solution);
            if let Some(stated) = file.stated_cost {
                let report = gongpei_io::check(instance, &file.solution);
                let _ = compare_stated_cost(instance, &report, stated);
            }
            assert!(engine.routes.len() <= file.solution.routes.len());
        }
        Err(err) => assert_io_error_contract(&text, &err),
    }
});
