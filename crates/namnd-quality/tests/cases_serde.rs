//! Reading cases with serde validates them like the constructors.
#![cfg(feature = "serde")]

use chrono::NaiveDate;
use namnd_core::OrgUnit;
use namnd_quality::case::{
    Assessment, CaseCategories, CaseCategory, CaseEventKind, CaseId, CaseStatus, InternalDeadlines,
    QualityCase, ReceiverRole, Regime, SarahLaw,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn d(m: u32, day: u32) -> Result<NaiveDate, &'static str> {
    NaiveDate::from_ymd_opt(2021, m, day).ok_or("date")
}

fn sample() -> Result<QualityCase, Box<dyn std::error::Error>> {
    Ok(QualityCase::new(
        CaseId::new("LS-2021-1")?,
        OrgUnit::new("ÄF")?,
        Regime::LexSarah { law: SarahLaw::Sol },
        CaseCategory::new("omsorg")?,
        d(3, 2)?,
        ReceiverRole::Sas,
    )
    .with_discovery_date(d(3, 1)?)?
    .with_event(d(3, 3)?, CaseEventKind::InvestigationStarted)?
    .with_event(d(3, 9)?, CaseEventKind::Assessed(Assessment::Serious))?
    .with_event(d(3, 10)?, CaseEventKind::ReportedToIvo)?)
}

#[test]
fn case_round_trips_through_json() -> TestResult {
    let case = sample()?;
    let json = serde_json::to_string(&case)?;
    let again: QualityCase = serde_json::from_str(&json)?;
    assert_eq!(again, case);
    assert_eq!(again.status(), CaseStatus::ReportedToIvo);
    Ok(())
}

#[test]
fn deserialising_checks_the_history() -> TestResult {
    let mut json: serde_json::Value = serde_json::to_value(sample()?)?;
    // Move the report to IVO to before the report was received.
    json["events"][2]["date"] = "2021-02-01".into();
    let err = serde_json::from_value::<QualityCase>(json).unwrap_err();
    assert!(err.to_string().contains("before"), "{err}");
    Ok(())
}

#[test]
fn deserialising_rejects_a_personnummer_as_id() -> TestResult {
    let mut json: serde_json::Value = serde_json::to_value(sample()?)?;
    json["id"] = "19121212-1212".into();
    let err = serde_json::from_value::<QualityCase>(json).unwrap_err();
    assert!(!err.to_string().contains("1212"), "{err}");
    Ok(())
}

#[test]
fn category_list_rejects_duplicates_when_read() -> TestResult {
    let list: CaseCategories = serde_json::from_str(r#"["a", "b"]"#)?;
    assert_eq!(list.len(), 2);
    assert!(serde_json::from_str::<CaseCategories>(r#"["a", "a"]"#).is_err());
    Ok(())
}

#[test]
fn deadlines_read_from_configuration() -> TestResult {
    let deadlines: InternalDeadlines = serde_json::from_str(
        r#"{"investigation_finished_within_days": 21, "report_to_ivo_within_days_of_assessment": 5}"#,
    )?;
    assert_eq!(deadlines.investigation_finished_within_days, 21);
    assert_eq!(deadlines.report_to_ivo_within_days_of_assessment, 5);
    Ok(())
}

#[cfg(feature = "schemars")]
#[test]
fn schemas_are_generated() -> TestResult {
    let case = serde_json::to_string(&schemars::schema_for!(QualityCase))?;
    assert!(case.contains("received"));
    let funnel = serde_json::to_string(&schemars::schema_for!(namnd_quality::case::SarahFunnel))?;
    assert!(funnel.contains("reported_to_ivo"));
    Ok(())
}
