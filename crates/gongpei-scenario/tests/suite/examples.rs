//! The example scenario files shipped in `examples/scenarios/` load, validate, and equal what
//! the generator makes today; and random seeds of the small preset always give valid,
//! deterministic, JSON-stable scenarios.

use std::path::PathBuf;

use gongpei_scenario::generate::{generate_from, Preset, SourceData};
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::{from_json_file, from_json_str, network::build_network, to_json_string};
use proptest::prelude::*;

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/scenarios")
        .join(name)
}

#[test]
fn small_example_is_current() {
    let path = example("small_seed1.json");
    let current = generate_from(&SourceData::bundled().unwrap(), Preset::Small, 1).unwrap();
    if std::env::var_os("GONGPEI_UPDATE_EXAMPLES").is_some() {
        std::fs::write(&path, to_json_string(&current) + "\n").unwrap();
    }
    let shipped = from_json_file(&path).expect("example loads and validates");
    assert!(
        shipped == current,
        "examples/scenarios/small_seed1.json is stale; see its README"
    );
}

fn source() -> &'static SourceData {
    static DATA: std::sync::OnceLock<SourceData> = std::sync::OnceLock::new();
    DATA.get_or_init(|| SourceData::bundled().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn any_seed_gives_a_valid_routable_stable_scenario(seed in any::<u64>()) {
        let s = generate_from(source(), Preset::Small, seed).unwrap();
        prop_assert!(gongpei_scenario::validate(&s).is_ok());
        prop_assert_eq!(&generate_from(source(), Preset::Small, seed).unwrap(), &s);
        let back = from_json_str(&to_json_string(&s), "seed.json").unwrap();
        prop_assert_eq!(&back, &s);
        let net = build_network(&s).unwrap();
        let sites: Vec<usize> = (0..s.sites.len()).filter(|&i| s.sites[i].tier != SiteTier::Junction).collect();
        prop_assert!(net.router(VehicleProfile::ColdVan.into()).matrices(&sites).is_ok());
        prop_assert!(s.total_parcels_in() > 0);
    }
}
