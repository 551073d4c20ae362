//! The `commerce` section (快商合作): the presets carry it, it round-trips through JSON and tables,
//! a scenario without it stays valid and writes no such section, bad values name their JSON path
//! (and, read from tables, their table and row).

use gongpei_scenario::generate::{generate, Preset, COOP_ID};
use gongpei_scenario::model::{Commerce, CommerceKind};
use gongpei_scenario::{from_json_str, tables, to_json_string, validate};

#[test]
fn the_small_preset_carries_shops_replenished_by_the_coop() {
    let s = generate(Preset::Small, 1).unwrap();
    validate(&s).unwrap();
    let m = &s.commerce;
    assert_eq!(
        m.partner(COOP_ID).map(|p| p.kind),
        Some(CommerceKind::SupplyCoop)
    );
    let shops = m.partners.iter().filter(|p| p.kind.is_shop()).count();
    assert!(shops >= 5, "only {shops} shops among 34 villages");
    assert_eq!(m.replenishment.len(), shops, "one replenishment per shop");
    assert!(m.partners.iter().any(|p| p.pickup_point));
    assert!(m
        .replenishment
        .iter()
        .all(|r| r.daily_cases() > 0 && r.daily_cases() <= r.cases));
    assert!(s.metadata.synthetic.iter().any(|p| p.part == "commerce"));
}

#[test]
fn commerce_round_trips_through_json_csv_and_xlsx() {
    let s = generate(Preset::Small, 2).unwrap();
    assert!(!s.commerce.is_empty());
    let back = from_json_str(&to_json_string(&s), "commerce").unwrap();
    assert!(back == s, "JSON round trip differs");
    let dir = std::env::temp_dir().join(format!("gongpei-commerce-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    tables::write_csv_dir(&s, &dir).unwrap();
    assert!(dir.join("commerce_partners.csv").exists());
    assert!(
        tables::scenario_from_path(&dir).unwrap() == s,
        "CSV round trip differs"
    );
    let book = dir.join("commerce.xlsx");
    tables::write_xlsx(&s, &book).unwrap();
    assert!(
        tables::scenario_from_path(&book).unwrap() == s,
        "xlsx round trip differs"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_absent_section_is_valid_and_is_not_written() {
    let mut s = generate(Preset::Small, 1).unwrap();
    s.commerce = Commerce::default();
    s.vehicle_types
        .retain(|v| v.operator != gongpei_scenario::generate::COOP_OPERATOR);
    validate(&s).unwrap();
    let json: serde_json::Value = serde_json::from_str(&to_json_string(&s)).unwrap();
    assert!(json.get("commerce").is_none());
    let dir = std::env::temp_dir().join(format!("gongpei-no-commerce-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    tables::write_csv_dir(&s, &dir).unwrap();
    assert!(tables::scenario_from_path(&dir).unwrap() == s);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_commerce_values_name_their_path() {
    let mut s = generate(Preset::Small, 1).unwrap();
    let hub = s.costs.shared_hub.clone();
    let m = &mut s.commerce;
    m.pickup_handover_s = -1;
    m.partners[1].id = COOP_ID.into();
    m.partners[2].site = "nowhere".into();
    m.partners[3].site = hub;
    m.partners[0].pickup_point = true;
    m.partners[4].operator = "china_post".into();
    m.replenishment[0].cases = -2;
    m.replenishment[0].days_per_week = 8;
    m.replenishment[1].supplier = m.replenishment[2].shop.clone();
    m.replenishment[2].shop = COOP_ID.into();
    m.replenishment[3].supplier = "ghost".into();
    let problems = validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for wanted in [
        "commerce.pickup_handover_s",
        "commerce.partners[1].id",
        "commerce.partners[2].site",
        "commerce.partners[3].site",
        "commerce.partners[0].pickup_point",
        "commerce.partners[4].operator",
        "commerce.replenishment[0].cases",
        "commerce.replenishment[0].days_per_week",
        "commerce.replenishment[1].supplier",
        "commerce.replenishment[2].shop",
        "commerce.replenishment[3].supplier",
    ] {
        assert!(paths.contains(&wanted), "no problem at {wanted}: {paths:?}");
    }
}

#[test]
fn a_supplier_without_vans_and_a_misplaced_coop_van_are_named() {
    let mut s = generate(Preset::Small, 1).unwrap();
    let van = s
        .vehicle_types
        .iter()
        .position(|v| v.operator == gongpei_scenario::generate::COOP_OPERATOR)
        .unwrap();
    s.vehicle_types[van].echelon = gongpei_scenario::Echelon::LastMile;
    let problems = validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths.contains(&format!("vehicle_types[{van}].echelon").as_str()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"commerce.replenishment[0].supplier"),
        "{paths:?}"
    );
}

#[test]
fn a_bad_table_row_is_reported_at_its_table_and_line() {
    let mut s = generate(Preset::Small, 1).unwrap();
    s.commerce.replenishment[1].days_per_week = 9;
    let set = tables::to_tables(&s).unwrap();
    let err = tables::scenario_from_tables(&set).unwrap_err().to_string();
    assert!(err.contains("commerce_replenishment"), "{err}");
    assert!(err.contains("line 3"), "{err}");
    assert!(
        err.contains("commerce.replenishment[1].days_per_week"),
        "{err}"
    );
}
