//! Kolada import from small saved responses written by the tests themselves.

// Helpers outside #[test] functions may unwrap too: this is test code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use namnd_core::Decimal;
use namnd_kpi::KpiError;
use namnd_kpi::goal::Direction;
use namnd_kpi::kolada::{self, KoladaGender};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Writes `json` to a fresh file in the target's temporary directory.
fn write(name: &str, json: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kolada-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, json).unwrap();
    path
}

const KPI: &str = r#"{
  "count": 2,
  "values": [
    {"id": "U21401", "title": "Personalkontinuitet, antal personal som en hemtjänsttagare möter under 14 dagar, medelvärde",
     "description": "Antal personal som en hemtjänsttagare 65+ möter", "has_ou_data": true,
     "is_divided_by_gender": 0, "municipality_type": "K", "operating_area": "Äldreomsorg",
     "perspective": "Kvalitet", "prel_publication_date": null, "publ_period": "2021"},
    {"id": "U21468", "title": "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
     "description": "Andel brukare som är ganska/mycket nöjda", "has_ou_data": false,
     "is_divided_by_gender": true, "municipality_type": "K"}
  ]
}"#;

const DATA: &str = r#"{
  "count": 4,
  "next_page": null,
  "values": [
    {"kpi": "U21468", "municipality": "0481", "period": 2021, "extra": [1, 2],
     "values": [
       {"gender": "T", "count": 1, "status": "", "value": 87.25},
       {"gender": "K", "count": 1, "status": "", "value": 88.1},
       {"gender": "M", "count": 1, "status": "", "value": 84}
     ]},
    {"kpi": "U21468", "municipality": "0461", "period": 2021,
     "values": [
       {"gender": "T", "count": 1, "status": "", "value": 91.5},
       {"gender": "K", "count": 0, "status": "Missing", "value": null}
     ]},
    {"kpi": "U21468", "municipality": "0482", "period": 2021,
     "values": [{"gender": "T", "count": 0, "status": "Missing", "value": null}]},
    {"kpi": "U21468", "municipality": "0000", "period": 2021,
     "values": [{"gender": "T", "count": 290, "status": "", "value": 86.0}]}
  ]
}"#;

#[test]
fn kpi_metadata_keeps_id_title_description_and_gender_split() {
    let path = write("kpi.json", KPI);
    let kpis = kolada::read_kpis_file(&path).unwrap();
    assert_eq!(kpis.len(), 2);
    let u21401 = &kpis[0];
    assert_eq!(u21401.id(), "U21401");
    assert!(u21401.title().starts_with("Personalkontinuitet"));
    assert_eq!(
        u21401.description(),
        "Antal personal som en hemtjänsttagare 65+ möter"
    );
    assert!(!u21401.is_divided_by_gender());
    assert!(u21401.has_ou_data());
    assert_eq!(u21401.municipality_type(), Some("K"));
    assert!(kpis[1].is_divided_by_gender());
}

#[test]
fn data_keeps_gender_municipality_period_and_nulls() {
    let path = write("data.json", DATA);
    let data = kolada::read_data_file(&path).unwrap();
    assert_eq!(data.len(), 7);
    let first = &data[0];
    assert_eq!(
        (
            first.kpi(),
            first.municipality(),
            first.period(),
            first.gender()
        ),
        ("U21468", "0481", 2021, KoladaGender::Total)
    );
    // Exact decimals, no float noise: 87.25, 88.1 and 84.
    assert_eq!(first.value(), Some(d("87.25")));
    assert_eq!(data[1].value(), Some(d("88.1")));
    assert_eq!(data[1].gender(), KoladaGender::Women);
    assert_eq!(data[2].value(), Some(d("84")));
    assert_eq!(data[2].gender(), KoladaGender::Men);
    assert_eq!(first.status(), None);
    assert_eq!(first.count(), Some(1));
    // 0461 has no M entry: missing genders simply give fewer values.
    let women_0461 = data
        .iter()
        .find(|v| v.municipality() == "0461" && v.gender() == KoladaGender::Women)
        .unwrap();
    assert_eq!(women_0461.value(), None);
    assert_eq!(women_0461.status(), Some("Missing"));
    assert!(
        !data
            .iter()
            .any(|v| v.municipality() == "0461" && v.gender() == KoladaGender::Men)
    );
}

#[test]
fn numbers_are_read_through_their_decimal_text() {
    let json = r#"{"values": [{"kpi": "N21006", "municipality": "0481", "period": 2020, "values": [
        {"gender": "T", "value": 286226},
        {"gender": "K", "value": 0.1},
        {"gender": "M", "value": 1.5e2}]}]}"#;
    let data = kolada::parse_data(json, "n21006.json").unwrap();
    let values: Vec<_> = data.iter().map(|v| v.value().unwrap()).collect();
    assert_eq!(values, [d("286226"), d("0.1"), d("150")]);
    assert_eq!(values[1].to_string(), "0.1");
}

#[test]
fn malformed_json_names_file_and_position() {
    let bad = "{\"count\": 1,\n \"values\": [\n  {\"kpi\": \"U21401\", \"municipality\": \"0481\" \"period\": 2021}\n]}";
    let path = write("bad.json", bad);
    let err = kolada::read_data_file(&path).unwrap_err();
    let KpiError::KoladaJson {
        file, line, column, ..
    } = &err
    else {
        panic!("unexpected error {err:?}");
    };
    assert_eq!(file, &path.display().to_string());
    assert_eq!((*line, *column), (3, 44));
    let text = err.to_string();
    assert!(text.starts_with("kolada file "), "{text}");
    assert!(text.contains("bad.json line 3 column 44: "), "{text}");
    assert_eq!(text.matches("line 3").count(), 1, "{text}");

    // The wrong shape is reported with its position too.
    let err = kolada::parse_data(r#"{"values": [{"kpi": 5}]}"#, "shape.json").unwrap_err();
    assert!(matches!(err, KpiError::KoladaJson { line: 1, .. }), "{err}");
    let err = kolada::parse_kpis(r#"{"values": [{"title": "x"}]}"#, "kpi.json").unwrap_err();
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}

#[test]
fn unknown_gender_code_is_an_error_naming_where() {
    let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021,
        "values": [{"gender": "X", "value": 1}]}]}"#;
    let err = kolada::parse_data(json, "u21401.json").unwrap_err();
    assert_eq!(
        err.to_string(),
        "kolada file u21401.json: gender \"X\" of U21401 for municipality 0481 period 2021 is unknown; expected T, K or M"
    );
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let err = kolada::read_kpis_file(std::path::Path::new("/nonexistent/kpi.json")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read kolada file /nonexistent/kpi.json: "),
        "{err}"
    );
}

#[test]
fn compare_with_riket_and_group_higher_is_better() {
    let data = kolada::parse_data(DATA, "data.json").unwrap();
    // Group: 0461 (91,5) and 0482 (null). 0481 is 87,25.
    let c = kolada::compare(
        &data,
        "U21468",
        2021,
        KoladaGender::Total,
        "0481",
        &["0461", "0482", "0481", "0000"],
        Direction::HigherIsBetter,
    )
    .unwrap();
    assert_eq!(c.value(), d("87.25"));
    assert_eq!(c.riket(), Some(d("86.0")));
    assert_eq!(c.difference_from_riket(), Some(d("1.25")));
    assert_eq!((c.rank(), c.ranked()), (2, 2));
    assert_eq!(c.group_mean(), d("89.375"));
    assert_eq!(c.group_median(), d("89.375"));
    assert_eq!(c.without_value(), ["0482"]);
}

#[test]
fn rank_and_median_lower_is_better() {
    // Personalkontinuitet: fewer staff is better. Values 19, 14, 16, 16, 24.
    let json = r#"{"values": [
      {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
      {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
      {"kpi": "U21401", "municipality": "0428", "period": 2021, "values": [{"gender": "T", "value": 16}]},
      {"kpi": "U21401", "municipality": "0486", "period": 2021, "values": [{"gender": "T", "value": 16}]},
      {"kpi": "U21401", "municipality": "0484", "period": 2021, "values": [{"gender": "T", "value": 24}]},
      {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}
    ]}"#;
    let data = kolada::parse_data(json, "u21401.json").unwrap();
    let group = ["0461", "0428", "0486", "0484"];
    let lower = |m: &str| {
        kolada::compare(
            &data,
            "U21401",
            2021,
            KoladaGender::Total,
            m,
            &group,
            Direction::LowerIsBetter,
        )
        .unwrap()
    };
    let gnesta = lower("0461");
    assert_eq!(gnesta.rank(), 1);
    assert_eq!(gnesta.group_median(), d("16"));
    // Group of four without 0481: 14, 16, 16, 24.
    assert_eq!(gnesta.group_mean(), d("17.5"));
    assert_eq!(gnesta.ranked(), 4);
    assert_eq!(lower("0428").rank(), 2);
    assert_eq!(lower("0486").rank(), 2); // ties share a rank
    assert_eq!(lower("0481").rank(), 4);
    assert_eq!(lower("0484").rank(), 4); // 0481 is not in the group here
    assert_eq!(lower("0481").ranked(), 5);
    assert_eq!(lower("0481").group_mean(), d("17.8"));
    assert_eq!(lower("0481").difference_from_riket(), Some(d("3")));
    // Higher is better reverses the order.
    let higher = kolada::compare(
        &data,
        "U21401",
        2021,
        KoladaGender::Total,
        "0481",
        &group,
        Direction::HigherIsBetter,
    )
    .unwrap();
    assert_eq!(higher.rank(), 2);
    // Even count: median is the mean of the two middle values (16 and 19).
    let four = kolada::compare(
        &data,
        "U21401",
        2021,
        KoladaGender::Total,
        "0481",
        &["0461", "0428", "0484"],
        Direction::LowerIsBetter,
    )
    .unwrap();
    assert_eq!(four.group_median(), d("17.5"));
}

#[test]
fn compare_without_own_value_is_an_error() {
    let data = kolada::parse_data(DATA, "data.json").unwrap();
    let err = kolada::compare(
        &data,
        "U21468",
        2021,
        KoladaGender::Total,
        "0482",
        &[],
        Direction::HigherIsBetter,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "kolada U21468 has no value for municipality 0482 period 2021 (T)"
    );
}

#[test]
fn duplicate_rows_are_an_error_naming_file_and_entries() {
    let json = r#"{"values": [
      {"kpi": "U21401", "municipality": "0481", "period": 2021,
       "values": [{"gender": "T", "value": 19}, {"gender": "K", "value": 18}]},
      {"kpi": "U21401", "municipality": "0461", "period": 2021,
       "values": [{"gender": "K", "value": 14}]},
      {"kpi": "U21401", "municipality": "0481", "period": 2021,
       "values": [{"gender": "M", "value": 20}, {"gender": "K", "value": null}]}
    ]}"#;
    let err = kolada::parse_data(json, "dup.json").unwrap_err();
    assert_eq!(
        err,
        KpiError::KoladaDuplicate {
            file: "dup.json".into(),
            at: "U21401 for municipality 0481 period 2021 gender K".into(),
            first: 1,
            second: 3,
        }
    );
    assert_eq!(
        err.to_string(),
        "kolada file dup.json: U21401 for municipality 0481 period 2021 gender K appears twice, in entries 1 and 3"
    );
    // Twice within one entry too.
    let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021,
       "values": [{"gender": "T", "value": 19}, {"gender": "T", "value": 19}]}]}"#;
    assert!(matches!(
        kolada::parse_data(json, "dup.json"),
        Err(KpiError::KoladaDuplicate {
            first: 1,
            second: 1,
            ..
        })
    ));
    // Other period, gender or KPI is no duplicate.
    let json = r#"{"values": [
      {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
      {"kpi": "U21401", "municipality": "0481", "period": 2022, "values": [{"gender": "T", "value": 18}]},
      {"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 80}]}
    ]}"#;
    assert_eq!(kolada::parse_data(json, "ok.json").unwrap().len(), 3);
}

#[test]
fn group_overflow_names_the_municipality() {
    let json = r#"{"values": [
      {"kpi": "N00001", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 7e28}]},
      {"kpi": "N00001", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 7e28}]}
    ]}"#;
    let data = kolada::parse_data(json, "big.json").unwrap();
    let err = kolada::compare(
        &data,
        "N00001",
        2021,
        KoladaGender::Total,
        "0481",
        &["0480"],
        Direction::HigherIsBetter,
    )
    .unwrap_err();
    assert_eq!(
        err,
        KpiError::KoladaOverflow {
            kpi: "N00001".into(),
            municipality: "0481".into(),
            period: 2021,
            gender: 'T',
            what: "sum",
        }
    );
    assert_eq!(
        err.to_string(),
        "kolada N00001: the group sum for municipality 0481 period 2021 (T) overflowed"
    );
}

#[test]
fn kpi_becomes_an_indicator() {
    use namnd_kpi::goal::IndicatorUnit;
    let kpis = kolada::parse_kpis(KPI, "kpi.json").unwrap();
    let u = kpis[0]
        .to_indicator(IndicatorUnit::Persons, Direction::LowerIsBetter)
        .unwrap();
    assert_eq!(u.id(), "U21401");
    assert_eq!(u.kolada_id().unwrap().as_str(), "U21401");
    assert!(u.name().starts_with("Personalkontinuitet"));
    assert_eq!(
        u.description(),
        "Antal personal som en hemtjänsttagare 65+ möter"
    );
    assert_eq!(u.source(), "Kolada");
    assert!(!u.gender_split());
    assert_eq!(u.direction(), Direction::LowerIsBetter);
    let share = kpis[1]
        .to_indicator(IndicatorUnit::Percent, Direction::HigherIsBetter)
        .unwrap();
    assert!(share.gender_split());
    // An id that is not a Kolada KPI id is an error naming it.
    let odd = kolada::parse_kpis(r#"{"values": [{"id": "X1"}]}"#, "odd.json").unwrap();
    let err = odd[0]
        .to_indicator(IndicatorUnit::Count, Direction::HigherIsBetter)
        .unwrap_err();
    assert!(matches!(err, KpiError::InvalidKoladaId { .. }));
    assert!(err.to_string().contains("X1"), "{err}");
}

#[test]
fn kolada_values_become_measurements() {
    use namnd_core::{FiscalYear, Period};
    use namnd_kpi::goal::{AssessmentConfig, IndicatorUnit, Observation, Status, Target};
    let year = |y| Period::Year(FiscalYear::try_new(y).unwrap());
    let data = kolada::parse_data(DATA, "data.json").unwrap();
    // Reported in the 2022 annual report, referring to Kolada's 2021.
    let m = kolada::measurement(
        &data,
        "U21468",
        "0481",
        2021,
        KoladaGender::Total,
        year(2022),
    )
    .unwrap();
    assert_eq!(m.value(), Some(d("87.25")));
    assert_eq!(m.period(), year(2022));
    assert_eq!(m.reference_period(), year(2021));
    assert!(m.is_lagged());
    assert_eq!(m.comparisons().riket, Some(d("86.0")));
    // Assessed against riket.
    let kpis = kolada::parse_kpis(KPI, "kpi.json").unwrap();
    let ind = kpis[1]
        .to_indicator(IndicatorUnit::Percent, Direction::HigherIsBetter)
        .unwrap();
    let a = ind
        .assess(&Target::AtLeastNational, &m, &AssessmentConfig::default())
        .unwrap();
    assert_eq!(a.computed(), Status::Met);
    // A null value is missing with its status, never 0.
    let women = kolada::measurement(
        &data,
        "U21468",
        "0461",
        2021,
        KoladaGender::Women,
        year(2021),
    )
    .unwrap();
    assert_eq!(women.value(), None);
    assert_eq!(
        women.observation(),
        &Observation::Missing {
            reason: "no value in kolada (status Missing)".into()
        }
    );
    // No row at all: an error naming the municipality.
    let err = kolada::measurement(
        &data,
        "U21468",
        "0999",
        2021,
        KoladaGender::Total,
        year(2021),
    )
    .unwrap_err();
    assert!(
        matches!(err, KpiError::KoladaMissingValue { ref municipality, .. } if municipality == "0999")
    );
    // A Kolada period after the report period is rejected.
    assert!(matches!(
        kolada::measurement(
            &data,
            "U21468",
            "0481",
            2021,
            KoladaGender::Total,
            year(2020)
        ),
        Err(KpiError::ReferenceAfterReport { .. })
    ));
    // Without riket in the data, no comparison.
    let no_riket: Vec<_> = data
        .iter()
        .filter(|v| v.municipality() != kolada::RIKET)
        .cloned()
        .collect();
    let m = kolada::measurement(
        &no_riket,
        "U21468",
        "0481",
        2021,
        KoladaGender::Total,
        year(2021),
    )
    .unwrap();
    assert_eq!(m.comparisons().riket, None);
    assert!(!m.is_lagged());
}
