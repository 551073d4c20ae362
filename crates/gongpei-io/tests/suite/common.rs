//! Paths shared by the integration tests: the bundled instances and the optional shared data.

use std::path::PathBuf;

/// `data/instances` of the repository.
pub fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/instances")
}

/// The shared benchmark folder (`GONGPEI_DATA`, else `../shared/data` beside the repository),
/// or `None` when it is absent so the tests that need it skip.
pub fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("GONGPEI_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    dir.is_dir().then_some(dir)
}

/// Every instance file in `dir` (by extension).
pub fn instance_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("vrp" | "txt" | "vrpspd")
        )
    });
    files.sort();
    files
}

/// A valid three-node CVRP instance, the base that malformed-input tests break.
pub const TINY: &str = "NAME : tiny
TYPE : CVRP
DIMENSION : 3
CAPACITY : 10
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 0 4
DEMAND_SECTION
1 0
2 5
3 5
DEPOT_SECTION
1
-1
EOF
";
