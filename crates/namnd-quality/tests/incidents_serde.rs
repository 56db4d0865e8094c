//! Reading incident and complaint data validates it like the constructors.
#![cfg(feature = "serde")]

use namnd_quality::complaint::{Complaint, ComplaintChannel, ResponseLimit};
use namnd_quality::incident::{CategoryCode, CategorySet, ClosureCount, IncidentReport, Validity};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SET: &str = r#"{
  "domain": "HSL",
  "categories": [
    {"code": "FALL", "name": "Fall"},
    {"code": "OMV", "name": "Omvårdnad, övriga områden", "validity": {"first": null, "last": "2021-12"}},
    {"code": "VRI", "name": "Vårdrelaterade infektioner/VRI", "validity": {"first": "2022-01", "last": null}}
  ]
}"#;

#[test]
fn category_set_round_trips_through_json() -> TestResult {
    let set: CategorySet = serde_json::from_str(SET)?;
    assert_eq!(set.categories().len(), 3);
    assert_eq!(
        set.get("OMV").map(|c| c.validity().to_string()).as_deref(),
        Some("through 2021-12")
    );
    let again: CategorySet = serde_json::from_str(&serde_json::to_string(&set)?)?;
    assert_eq!(again, set);
    Ok(())
}

#[test]
fn duplicate_category_code_in_json_is_refused() {
    let json = r#"{"domain": "HSL", "categories": [
        {"code": "FALL", "name": "Fall"}, {"code": "FALL", "name": "Fall igen"}]}"#;
    let err = serde_json::from_str::<CategorySet>(json)
        .map(|_| ())
        .unwrap_err();
    assert!(err.to_string().contains("occurs twice"), "{err}");
}

#[test]
fn backwards_validity_in_json_is_refused() {
    let json = r#"{"first": "2022-06", "last": "2022-01"}"#;
    assert!(serde_json::from_str::<Validity>(json).is_err());
}

#[test]
fn category_code_with_identity_number_in_json_is_refused() {
    assert!(serde_json::from_str::<CategoryCode>(r#""Fall 19121212-1212""#).is_err());
}

#[test]
fn incident_report_reads_with_defaults() -> TestResult {
    let json =
        r#"{"domain": "SoL/LSS", "category": "HT", "unit": {"code": "HT1"}, "month": "2023-04"}"#;
    let report: IncidentReport = serde_json::from_str(json)?;
    assert!(!report.is_closed());
    assert_eq!(report.severity(), None);
    assert_eq!(report.month().to_string(), "2023-04");
    Ok(())
}

#[test]
fn closure_count_with_more_closed_than_reports_is_refused() {
    let json = r#"{"category": "Fall", "reports": 2, "closed": 3}"#;
    assert!(serde_json::from_str::<ClosureCount>(json).is_err());
}

#[test]
fn complaint_answered_before_received_is_refused() -> TestResult {
    let bad = r#"{"received": "2022-03-10", "channel": "patient-board", "unit": {"code": "SOF"},
                  "category": "Synpunkt", "answered": "2022-03-09"}"#;
    assert!(serde_json::from_str::<Complaint>(bad).is_err());
    let good = bad.replace("2022-03-09", "2022-03-20");
    let complaint: Complaint = serde_json::from_str(&good)?;
    assert_eq!(complaint.channel(), ComplaintChannel::PatientBoard);
    assert_eq!(complaint.response_days(), Some(10));
    let limit: ResponseLimit = serde_json::from_str("14")?;
    assert_eq!(limit, ResponseLimit::days(14));
    Ok(())
}

#[cfg(feature = "schemars")]
#[test]
fn schemas_exist_for_the_input_types() -> TestResult {
    let set = serde_json::to_string(&schemars::schema_for!(CategorySet))?;
    assert!(set.contains("categories"), "{set}");
    let complaint = serde_json::to_string(&schemars::schema_for!(Complaint))?;
    assert!(complaint.contains("answered"), "{complaint}");
    Ok(())
}
