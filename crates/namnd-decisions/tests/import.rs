//! Integration test: the synthetic fixture `tests/data/decisions.csv` (no
//! real person; `19121212-1212` is the Tax Agency's well-known test number).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;
use namnd_core::{Decimal, LegalGender};
use namnd_decisions::decision::{DecisionLaw, Insats, Interruption};
use namnd_decisions::import::{DecisionColumns, read_decisions_file};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/decisions.csv")
}

#[test]
fn fixture_accepts_the_six_good_rows_and_keeps_two_without_their_bad_event() {
    let imported = read_decisions_file(fixture(), &DecisionColumns::default()).unwrap();
    let ids: Vec<&str> = imported.decisions.iter().map(|x| x.id().as_str()).collect();
    assert_eq!(
        ids,
        [
            "EVB-001", "EVB-002", "EVB-003", "EVB-004", "EVB-005", "EVB-006", "EVB-007", "EVB-016"
        ]
    );
    // Their bad events are left out.
    assert_eq!(imported.decisions[6].executed_on(), None);
    assert!(imported.decisions[7].offers_declined().is_empty());

    let first = &imported.decisions[0];
    assert_eq!(first.insats(), Insats::SarskiltBoende);
    assert_eq!(first.deadline(), d(2024, 2, 29));
    assert_eq!(first.executed_on(), Some(d(2024, 3, 15)));
    assert_eq!(first.offers_declined(), [d(2024, 1, 12)]);
    assert_eq!(first.birth_date(), Some(d(1936, 5, 4)));
    assert_eq!(first.gender(), LegalGender::Female);

    let third = &imported.decisions[2];
    assert_eq!(third.law(), DecisionLaw::Lss);
    assert_eq!(third.insats(), Insats::BostadForVuxna);
    assert_eq!(third.executed_on(), None);
    assert_eq!(
        third.special_fee_rulings(),
        [(d(2024, 9, 10), Decimal::from(120_000))]
    );

    assert_eq!(
        imported.decisions[3].interruptions(),
        [Interruption {
            interrupted: d(2024, 1, 8),
            resumed: Some(d(2024, 5, 20))
        }]
    );
    assert_eq!(
        imported.decisions[4].closed_on(),
        Some((d(2024, 5, 31), "flyttat, annan kommun"))
    );
    assert_eq!(
        imported.decisions[4].insats(),
        Insats::KontaktpersonKontaktfamilj
    );
    assert_eq!(imported.decisions[5].insats(), Insats::KontaktpersonLss);
}

#[test]
fn fixture_rejects_each_bad_row_with_line_column_and_reason() {
    let imported = read_decisions_file(fixture(), &DecisionColumns::default()).unwrap();
    let summary = &imported.summary;
    assert_eq!(
        (
            summary.rows_read(),
            summary.accepted(),
            summary.rejected_count()
        ),
        (16, 8, 8)
    );
    let warnings: Vec<(u64, Option<&str>, &str)> = summary
        .warnings()
        .iter()
        .map(|r| (r.line(), r.column(), r.reason()))
        .collect();
    assert_eq!(
        warnings,
        [
            (8, Some("verkstalldatum"), "EventBeforeDecision"),
            (17, Some("tackat_nej_datum"), "DeclinedWithoutOffer"),
        ]
    );
    assert_eq!(summary.warning_count(), 2);
    let got: Vec<(u64, Option<&str>, &str)> = summary
        .rejected()
        .iter()
        .map(|r| (r.line(), r.column(), r.reason()))
        .collect();
    assert_eq!(
        got,
        [
            (9, Some("insats"), "InsatsLawMismatch"),
            (10, Some("person"), "PersonnummerInId"),
            (11, Some("id"), "DuplicateId"),
            (12, Some("lag"), "UnknownLaw"),
            (13, Some("insats"), "UnknownInsats"),
            (14, Some("beslutsdatum"), "InvalidDate"),
            (15, Some("kon"), "InvalidGender"),
            (16, Some("fodelsear"), "ImplausibleBirthYear"),
        ]
    );
    assert!(summary.rejected()[0].file().ends_with("decisions.csv"));
    assert!(
        summary.rejected()[2]
            .to_string()
            .ends_with(r#"line 11, column id: decision id "EVB-002" already appeared on line 3"#)
    );
    let all = format!(
        "{imported:?}\n{}",
        summary
            .rejected()
            .iter()
            .chain(summary.warnings())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(!all.contains("1212"), "{all}");
    assert_eq!(summary.rejected_by_reason().map(|(_, n)| n).sum::<u64>(), 8);
}
