//! The `finance` section (investment and subsidies): it round-trips through JSON and tables, its
//! daily capital charge follows the capital recovery factor, and bad values name their field.

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::{Facility, Finance, ModeScope, Subsidy, SubsidyBasis};
use gongpei_scenario::{from_json_str, tables, to_json_string, validate, Scenario};

fn with_finance() -> Scenario {
    let mut s = generate(Preset::Small, 1).unwrap();
    s.finance = Finance {
        interest_rate: 0.05,
        operating_days_per_year: 300.0,
        county_budget_per_day: Some(800.0),
        facilities: vec![
            Facility {
                name: "sorting centre".into(),
                site: Some(s.costs.shared_hub.clone()),
                modes: ModeScope::Pooled,
                units: 1,
                capital_yuan: 2_000_000.0,
                life_years: 15.0,
                operating_per_day: 400.0,
            },
            Facility {
                name: "village stations".into(),
                site: None,
                modes: ModeScope::All,
                units: 34,
                capital_yuan: 10_000.0,
                life_years: 8.0,
                operating_per_day: 0.0,
            },
        ],
        subsidies: vec![
            Subsidy {
                name: "邮快合作 per parcel".into(),
                basis: SubsidyBasis::PerParcel,
                amount: 0.3,
                modes: ModeScope::Pooled,
            },
            Subsidy {
                name: "capital grant".into(),
                basis: SubsidyBasis::CapitalShare,
                amount: 0.5,
                modes: ModeScope::Cooperative,
            },
        ],
    };
    s
}

#[test]
fn finance_round_trips_through_json_csv_and_xlsx() {
    let s = with_finance();
    validate(&s).unwrap();
    let back = from_json_str(&to_json_string(&s), "finance").unwrap();
    assert!(back == s, "JSON round trip differs");
    let dir = std::env::temp_dir().join(format!("gongpei-finance-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    tables::write_csv_dir(&s, &dir).unwrap();
    assert!(
        tables::scenario_from_path(&dir).unwrap() == s,
        "CSV round trip differs"
    );
    let book = dir.join("finance.xlsx");
    tables::write_xlsx(&s, &book).unwrap();
    assert!(
        tables::scenario_from_path(&book).unwrap() == s,
        "xlsx round trip differs"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_absent_section_is_no_cost_and_is_not_written() {
    let mut s = generate(Preset::Small, 1).unwrap();
    assert!(
        !s.finance.is_empty(),
        "generated scenarios carry the assumed finance section"
    );
    s.finance = Finance::default();
    assert!(s.finance.is_empty());
    let json: serde_json::Value = serde_json::from_str(&to_json_string(&s)).unwrap();
    assert!(json.get("finance").is_none());
}

#[test]
fn daily_capital_follows_the_capital_recovery_factor() {
    let s = with_finance();
    let f = &s.finance;
    let centre = &f.facilities[0];
    // 2 M at 5 % over 15 years: 2e6 * 0.05 / (1 - 1.05^-15) = 192,684.6 a year, over 300 days.
    let expected = 2.0e6 * 0.05 / (1.0 - 1.05f64.powi(-15)) / 300.0;
    assert!((f.daily_capital(centre) - expected).abs() < 1e-6);
    assert!((expected - 642.28).abs() < 0.01, "{expected}");
    let straight = Finance {
        interest_rate: 0.0,
        ..f.clone()
    };
    assert!((straight.daily_capital(centre) - 2.0e6 / 15.0 / 300.0).abs() < 1e-9);
    // Units multiply the per-unit capital: 34 stations of 10,000 over 8 years.
    let stations = &f.facilities[1];
    let one = Finance::daily_capital(
        f,
        &gongpei_scenario::model::Facility {
            units: 1,
            ..stations.clone()
        },
    );
    assert!((f.daily_capital(stations) - 34.0 * one).abs() < 1e-9);
}

#[test]
fn bad_finance_values_name_their_field() {
    let mut s = with_finance();
    s.finance.interest_rate = -0.1;
    s.finance.operating_days_per_year = 0.0;
    s.finance.county_budget_per_day = Some(f64::NAN);
    s.finance.facilities[0].capital_yuan = -1.0;
    s.finance.facilities[0].life_years = 0.0;
    s.finance.facilities[1].site = Some("nowhere".into());
    s.finance.facilities[1].operating_per_day = -5.0;
    s.finance.facilities[1].units = 0;
    s.finance.subsidies[0].amount = -0.3;
    s.finance.subsidies[1].amount = 1.5;
    s.finance.subsidies[1].name = " ".into();
    let problems = validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for wanted in [
        "finance.interest_rate",
        "finance.operating_days_per_year",
        "finance.county_budget_per_day",
        "finance.facilities[0].capital_yuan",
        "finance.facilities[0].life_years",
        "finance.facilities[1].site",
        "finance.facilities[1].operating_per_day",
        "finance.facilities[1].units",
        "finance.subsidies[0].amount",
        "finance.subsidies[1].amount",
        "finance.subsidies[1].name",
    ] {
        assert!(
            paths.contains(&wanted),
            "{wanted} not reported in {paths:?}"
        );
    }
    let share = problems
        .iter()
        .find(|p| p.path == "finance.subsidies[1].amount")
        .unwrap();
    assert!(share.message.contains("fraction"), "{}", share.message);
}

#[test]
fn an_unknown_mode_scope_in_a_file_is_an_error_naming_it() {
    let mut json: serde_json::Value =
        serde_json::from_str(&to_json_string(&with_finance())).unwrap();
    json["finance"]["subsidies"][0]["modes"] = "everything".into();
    let err = from_json_str(&json.to_string(), "bad.json")
        .unwrap_err()
        .to_string();
    assert!(err.contains("finance.subsidies[0].modes"), "{err}");
}
