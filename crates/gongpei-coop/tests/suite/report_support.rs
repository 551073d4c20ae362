//! Shared by the report tests: a quick comparison of the small preset (low effort, every mode,
//! allocation of `postal_express`), optionally with hostile names, written to a fresh folder.

use std::path::PathBuf;

use gongpei_coop::compare::{compare, CompareOptions, Comparison};
use gongpei_coop::world::World;
use gongpei_coop::Effort;
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::{DistrictIdentity, Scenario, SourceCredit};

/// A name that breaks out of every context it could be pasted into unescaped: element text,
/// attributes, a `<script>` block and JSON strings; if it ever runs, it marks the body.
pub const HOSTILE: &str = "\"'></title></script><script>document.body.setAttribute('data-pwned','1')</script><img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">&amp;\u{2028}";

/// The small preset, seed 1.
pub fn small() -> Scenario {
    generate(Preset::Small, 1).expect("the small preset generates")
}

/// The small preset with hostile names on a village, the township centre, the district and a
/// data source.
pub fn hostile() -> Scenario {
    let mut s = small();
    let village = s
        .sites
        .iter()
        .position(|x| x.tier == gongpei_scenario::model::SiteTier::VillageStation)
        .expect("a village");
    s.sites[village].name = format!("village {HOSTILE}");
    let centre = s
        .sites
        .iter()
        .position(|x| x.tier == gongpei_scenario::model::SiteTier::TownshipCentre)
        .expect("a township centre");
    s.sites[centre].name = format!("township {HOSTILE}");
    s.metadata.district = Some(DistrictIdentity {
        code: "120119".into(),
        name: format!("district {HOSTILE}"),
    });
    s.metadata.sources.push(SourceCredit {
        key: "hostile".into(),
        title: format!("source {HOSTILE}"),
        licence: "CC0".into(),
        used_for: "testing escapes".into(),
    });
    s
}

/// A comparison at low effort (seconds on the small preset).
pub fn quick_compare(world: &World<'_>) -> Comparison {
    let options = CompareOptions {
        effort: Effort {
            iterations: 5,
            ..Effort::modes_default(1)
        },
        ..CompareOptions::default()
    };
    compare(world, &options).expect("the small preset compares")
}

/// A fresh empty folder under the target directory's temp space.
pub fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongpei-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
