//! Hand-computed cases for every rule of the quarterly report (issue 6).

// Test helpers outside `#[test]` functions may unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use namnd_core::{LegalGender, Quarter};
use namnd_decisions::decision::{
    CloseReason, Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef,
};
use namnd_decisions::ivo::IvoPersonId;
use namnd_decisions::quarter::{
    InterruptionState, QuarterReport, ReportEntry, ReportKind, ReportNotice,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}

fn decision(id: &str, decided: NaiveDate) -> Decision {
    Decision::new(
        DecisionId::new(id).unwrap(),
        PersonRef::new(&format!("person-{id}")).unwrap(),
        DecisionLaw::SoL,
        Insats::SarskiltBoende,
        decided,
        LegalGender::Female,
        1940,
    )
    .unwrap()
}

fn report(decisions: &[Decision], quarter: &str) -> QuarterReport {
    QuarterReport::compute(decisions, q(quarter)).unwrap()
}

fn only(decisions: &[Decision], quarter: &str) -> Option<ReportEntry> {
    let r = report(decisions, quarter);
    assert!(r.entries().len() <= 1, "{:?}", r.entries());
    r.entries().first().cloned()
}

#[test]
fn quarter_parses_from_the_cli_form() {
    assert_eq!(q("2024Q1"), Quarter::try_new(2024, 1).unwrap());
    assert_eq!(report(&[], "2024Q1").to_json()["quarter"], "2024Q1");
}

#[test]
fn month_end_clamping_30_november_gives_29_february() {
    let dec = decision("1", d(2023, 11, 30));
    assert_eq!(dec.deadline(), d(2024, 2, 29));
    let e = only(&[dec], "2024Q1").unwrap();
    assert_eq!(e.kind, ReportKind::Unexecuted);
    assert_eq!(e.deadline, d(2024, 2, 29));
    assert_eq!(e.first_reportable_quarter, q("2024Q1"));
    assert_eq!(e.days_waiting, 122);
}

#[test]
fn month_end_clamping_31_march_gives_30_june_reportable_from_q3() {
    let dec = decision("1", d(2024, 3, 31));
    assert_eq!(dec.deadline(), d(2024, 6, 30));
    // Deadline = E of Q2: not before E, so not yet reportable.
    assert!(only(std::slice::from_ref(&dec), "2024Q2").is_none());
    let e = only(&[dec], "2024Q3").unwrap();
    assert_eq!(e.kind, ReportKind::Unexecuted);
    assert_eq!(e.first_reportable_quarter, q("2024Q3"));
    assert_eq!(e.days_waiting, 183);
}

#[test]
fn leap_years_clamp_to_28_or_29_february() {
    assert_eq!(decision("1", d(2023, 11, 29)).deadline(), d(2024, 2, 29));
    assert_eq!(decision("2", d(2022, 11, 30)).deadline(), d(2023, 2, 28));
    assert_eq!(decision("3", d(2024, 2, 29)).deadline(), d(2024, 5, 29));
    // 2022-11-30 → 2023-02-28; executed 1 March 2023 is one day late.
    let dec = decision("2", d(2022, 11, 30))
        .with_event(Event::Executed(d(2023, 3, 1)))
        .unwrap();
    let e = only(&[dec], "2023Q1").unwrap();
    assert_eq!(e.kind, ReportKind::Executed);
    assert_eq!(e.executed_on, Some(d(2023, 3, 1)));
    assert_eq!(e.days_waiting, 91);
}

#[test]
fn executed_on_deadline_day_is_in_time() {
    let dec = decision("1", d(2024, 1, 15))
        .with_event(Event::Executed(d(2024, 4, 15)))
        .unwrap();
    for quarter in ["2024Q1", "2024Q2", "2024Q3"] {
        assert!(
            only(std::slice::from_ref(&dec), quarter).is_none(),
            "{quarter}"
        );
    }
}

#[test]
fn executed_the_day_after_the_deadline_is_reported_as_executed() {
    let dec = decision("1", d(2024, 1, 15))
        .with_event(Event::Executed(d(2024, 4, 16)))
        .unwrap();
    assert!(only(std::slice::from_ref(&dec), "2024Q1").is_none());
    let e = only(std::slice::from_ref(&dec), "2024Q2").unwrap();
    assert_eq!(e.kind, ReportKind::Executed);
    assert_eq!(e.deadline, d(2024, 4, 15));
    assert_eq!(e.first_reportable_quarter, q("2024Q2"));
    assert_eq!(e.executed_on, Some(d(2024, 4, 16)));
    assert_eq!(e.days_waiting, 92);
    assert!(only(&[dec], "2024Q3").is_none());
}

#[test]
fn declined_offer_does_not_end_reporting() {
    let dec = decision("1", d(2023, 12, 1))
        .with_event(Event::OfferMade(d(2024, 2, 1)))
        .unwrap()
        .with_event(Event::OfferDeclined(d(2024, 2, 5)))
        .unwrap();
    let e1 = only(std::slice::from_ref(&dec), "2024Q1").unwrap();
    assert_eq!(e1.kind, ReportKind::Unexecuted);
    assert!(e1.offer_declined());
    assert_eq!(e1.offer_made, Some(d(2024, 2, 1)));
    assert_eq!(e1.offers_declined, [d(2024, 2, 5)]);
    assert_eq!(e1.days_waiting, 121);
    let e2 = only(std::slice::from_ref(&dec), "2024Q2").unwrap();
    assert_eq!(e2.kind, ReportKind::Unexecuted);
    assert_eq!(e2.days_waiting, 212);
    let json = report(&[dec], "2024Q2").to_json();
    assert_eq!(json["reports"][0]["offer_declined"], true);
    assert_eq!(json["reports"][0]["offers_declined"][0], "2024-02-05");
}

#[test]
fn offer_declined_after_the_quarter_is_not_in_its_report() {
    let dec = decision("1", d(2023, 12, 1))
        .with_event(Event::OfferMade(d(2024, 4, 1)))
        .unwrap()
        .with_event(Event::OfferDeclined(d(2024, 4, 5)))
        .unwrap();
    let e = only(&[dec], "2024Q1").unwrap();
    assert!(!e.offer_declined());
    assert_eq!(e.offer_made, None);
}

fn executed_in_time() -> Decision {
    // Deadline 2023-04-10; executed in time.
    decision("1", d(2023, 1, 10))
        .with_event(Event::Executed(d(2023, 2, 1)))
        .unwrap()
}

#[test]
fn interruption_resumed_within_three_months_is_not_reported() {
    let dec = executed_in_time()
        .with_event(Event::Interrupted(d(2023, 5, 15)))
        .unwrap()
        .with_event(Event::Resumed(d(2023, 8, 15))) // the interruption deadline itself
        .unwrap();
    for quarter in ["2023Q2", "2023Q3", "2023Q4"] {
        assert!(
            only(std::slice::from_ref(&dec), quarter).is_none(),
            "{quarter}"
        );
    }
}

#[test]
fn interruption_resumed_after_three_months_is_reported_as_resumed_late() {
    let dec = executed_in_time()
        .with_event(Event::Interrupted(d(2023, 5, 15)))
        .unwrap()
        .with_event(Event::Resumed(d(2023, 8, 16)))
        .unwrap();
    assert!(only(std::slice::from_ref(&dec), "2023Q2").is_none());
    let e = only(std::slice::from_ref(&dec), "2023Q3").unwrap();
    assert_eq!(e.kind, ReportKind::Interrupted);
    assert_eq!(e.interruption_state, Some(InterruptionState::ResumedLate));
    assert_eq!(e.interruption_date, Some(d(2023, 5, 15)));
    assert_eq!(e.deadline, d(2023, 8, 15));
    assert_eq!(e.first_reportable_quarter, q("2023Q3"));
    assert_eq!(e.executed_on, Some(d(2023, 8, 16)));
    assert_eq!(e.days_waiting, 93);
    assert!(only(&[dec], "2023Q4").is_none());
}

#[test]
fn interruption_not_resumed_is_reported_each_quarter_until_resumed() {
    let dec = executed_in_time()
        .with_event(Event::Interrupted(d(2023, 5, 15)))
        .unwrap();
    let e = only(std::slice::from_ref(&dec), "2023Q3").unwrap();
    assert_eq!(e.kind, ReportKind::Interrupted);
    assert_eq!(e.interruption_state, Some(InterruptionState::NotResumed));
    assert_eq!(e.days_waiting, 138);
    let resumed = dec.with_event(Event::Resumed(d(2023, 11, 2))).unwrap();
    let e = only(std::slice::from_ref(&resumed), "2023Q3").unwrap();
    assert_eq!(e.interruption_state, Some(InterruptionState::NotResumed));
    let e = only(std::slice::from_ref(&resumed), "2023Q4").unwrap();
    assert_eq!(e.interruption_state, Some(InterruptionState::ResumedLate));
    assert_eq!(e.executed_on, Some(d(2023, 11, 2)));
    assert!(only(&[resumed], "2024Q1").is_none());
}

#[test]
fn interruption_closed_after_its_deadline_is_reported_as_closed() {
    let dec = executed_in_time()
        .with_event(Event::Interrupted(d(2023, 5, 15)))
        .unwrap()
        .with_event(Event::Closed {
            date: d(2023, 9, 1),
            reason: "avliden".into(),
        })
        .unwrap();
    let e = only(std::slice::from_ref(&dec), "2023Q3").unwrap();
    assert_eq!(e.kind, ReportKind::Interrupted);
    assert_eq!(e.interruption_state, Some(InterruptionState::Closed));
    assert_eq!(e.closed_on, Some(d(2023, 9, 1)));
    assert_eq!(e.close_reason, Some(CloseReason::Avliden));
    assert_eq!(e.days_waiting, 109);
    assert!(only(&[dec], "2023Q4").is_none());
}

#[test]
fn decision_executed_in_the_quarter_after_being_reported() {
    let dec = decision("1", d(2023, 11, 15))
        .with_event(Event::Executed(d(2024, 5, 2)))
        .unwrap();
    let e1 = only(std::slice::from_ref(&dec), "2024Q1").unwrap();
    assert_eq!(e1.kind, ReportKind::Unexecuted);
    assert_eq!(e1.days_waiting, 137);
    let e2 = only(std::slice::from_ref(&dec), "2024Q2").unwrap();
    assert_eq!(e2.kind, ReportKind::Executed);
    assert_eq!(e2.executed_on, Some(d(2024, 5, 2)));
    assert_eq!(e2.first_reportable_quarter, q("2024Q1"));
    assert_eq!(e2.days_waiting, 169);
    assert!(only(&[dec], "2024Q3").is_none());
}

#[test]
fn unexecuted_decision_is_re_reported_across_four_quarters() {
    let dec = decision("1", d(2023, 9, 20));
    assert_eq!(dec.deadline(), d(2023, 12, 20));
    assert!(only(std::slice::from_ref(&dec), "2023Q3").is_none());
    let expected = [
        ("2023Q4", 102),
        ("2024Q1", 193),
        ("2024Q2", 284),
        ("2024Q3", 376),
    ];
    let mut ids: Vec<IvoPersonId> = Vec::new();
    for (quarter, days) in expected {
        let e = only(std::slice::from_ref(&dec), quarter).unwrap();
        assert_eq!(e.kind, ReportKind::Unexecuted, "{quarter}");
        assert_eq!(e.first_reportable_quarter, q("2023Q4"), "{quarter}");
        assert_eq!(e.days_waiting, days, "{quarter}");
        ids.push(e.ivo_person_id.clone().unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn closed_for_another_reason_after_the_deadline_is_reported_once() {
    let dec = decision("1", d(2023, 11, 15))
        .with_event(Event::Closed {
            date: d(2024, 4, 10),
            reason: "flyttat".into(),
        })
        .unwrap();
    assert_eq!(
        only(std::slice::from_ref(&dec), "2024Q1").unwrap().kind,
        ReportKind::Unexecuted
    );
    let e = only(std::slice::from_ref(&dec), "2024Q2").unwrap();
    assert_eq!(e.kind, ReportKind::Closed);
    assert_eq!(e.closed_on, Some(d(2024, 4, 10)));
    assert_eq!(e.close_reason, Some(CloseReason::Flyttat));
    assert_eq!(e.days_waiting, 147);
    assert!(only(&[dec], "2024Q3").is_none());
}

#[test]
fn closed_before_the_deadline_is_never_reported() {
    let dec = decision("1", d(2024, 1, 10))
        .with_event(Event::Closed {
            date: d(2024, 3, 1),
            reason: "återtagen ansökan".into(),
        })
        .unwrap();
    for quarter in ["2024Q1", "2024Q2", "2024Q3"] {
        assert!(only(std::slice::from_ref(&dec), quarter).is_none());
    }
}

#[test]
fn decision_after_the_quarter_is_not_reported() {
    let dec = decision("1", d(2024, 5, 1));
    assert!(only(&[dec], "2024Q1").is_none());
}

#[test]
fn json_follows_the_cli_contract_and_has_no_person_reference() {
    let decisions = [
        decision("1", d(2023, 11, 15)),
        decision("2", d(2023, 10, 1))
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap(),
    ];
    let r = report(&decisions, "2024Q1");
    let json = r.to_json();
    assert_eq!(json["quarter"], "2024Q1");
    assert_eq!(json["period_end"], "2024-03-31");
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    for key in [
        "id",
        "kind",
        "deadline",
        "first_reportable_quarter",
        "days_waiting",
        "ivo_person_id",
    ] {
        assert!(reports.iter().all(|e| !e[key].is_null()), "{key}");
    }
    assert_eq!(reports[0]["kind"], "unexecuted");
    assert_eq!(reports[0]["id"], "1");
    assert_eq!(reports[0]["deadline"], "2024-02-15");
    assert_eq!(reports[0]["first_reportable_quarter"], "2024Q1");
    assert_eq!(reports[0]["days_waiting"], 137);
    assert_eq!(reports[0]["law"], "SoL");
    assert_eq!(reports[0]["gender"], "K");
    assert_eq!(reports[1]["kind"], "executed");
    assert_eq!(reports[1]["executed_on"], "2024-02-01");
    assert_eq!(json["statistics"]["unexecuted_decisions"], 1);
    assert_eq!(json["statistics"]["unexecuted_persons"], 1);
    let text = json.to_string();
    assert!(!text.contains("person-"));
    let id = reports[0]["ivo_person_id"].as_str().unwrap();
    assert!(IvoPersonId::parse(id).is_ok());
    assert!(id.starts_with("19400000-T"));
}

#[test]
fn same_person_has_the_same_ivo_id_in_every_quarter_and_decision() {
    let a = decision("1", d(2023, 9, 20));
    let b = Decision::new(
        DecisionId::new("2").unwrap(),
        a.person().clone(),
        DecisionLaw::SoL,
        Insats::Hemtjanst,
        d(2024, 1, 3),
        LegalGender::Female,
        1940,
    )
    .unwrap();
    let r1 = report(&[a.clone(), b.clone()], "2024Q2");
    assert_eq!(r1.entries().len(), 2);
    assert_eq!(r1.entries()[0].ivo_person_id, r1.entries()[1].ivo_person_id);
    let r2 = report(&[a], "2024Q3");
    assert_eq!(r2.entries()[0].ivo_person_id, r1.entries()[0].ivo_person_id);
    assert_eq!(r1.counts().unexecuted_persons, 1);
    assert_eq!(r1.counts().unexecuted_decisions, 2);
}

#[test]
fn ivo_id_parity_follows_gender() {
    for i in 0..200 {
        for gender in [LegalGender::Female, LegalGender::Male] {
            let dec = Decision::new(
                DecisionId::new(&format!("{i}")).unwrap(),
                PersonRef::new(&format!("p{i}")).unwrap(),
                DecisionLaw::Lss,
                Insats::DagligVerksamhet,
                d(2023, 1, 1),
                gender,
                1980,
            )
            .unwrap();
            let e = only(&[dec], "2023Q3").unwrap();
            let id = e.ivo_person_id.as_ref().unwrap().as_str();
            let middle = id.as_bytes()[11] - b'0';
            let expect_even = gender == LegalGender::Female;
            assert_eq!(middle.is_multiple_of(2), expect_even, "{id}");
            assert_eq!(e.ivo_person_id.as_ref().unwrap().legal_gender(), gender);
        }
    }
}

#[test]
fn ivo_id_uses_the_birth_date_when_known() {
    let dec = decision("1", d(2023, 9, 20))
        .with_birth_date(d(1940, 6, 7))
        .unwrap();
    let e = only(&[dec], "2024Q1").unwrap();
    assert!(
        e.ivo_person_id
            .as_ref()
            .unwrap()
            .as_str()
            .starts_with("19400607-T")
    );
}

#[test]
fn executed_on_quarter_end_is_reported_as_executed() {
    // Decided 2023-11-15, deadline 2024-02-15; executed on E = 2024-03-31.
    let dec = decision("1", d(2023, 11, 15))
        .with_event(Event::Executed(d(2024, 3, 31)))
        .unwrap();
    let e = only(std::slice::from_ref(&dec), "2024Q1").unwrap();
    assert_eq!(e.kind, ReportKind::Executed);
    assert_eq!(e.executed_on, Some(d(2024, 3, 31)));
    assert_eq!(e.days_waiting, 137);
    assert!(only(&[dec], "2024Q2").is_none());
}

#[test]
fn closed_on_deadline_day_is_not_reported() {
    // Decided 2023-11-30, deadline 2024-02-29 (clamped); closed that day.
    let dec = decision("1", d(2023, 11, 30))
        .with_event(Event::Closed {
            date: d(2024, 2, 29),
            reason: "avliden".into(),
        })
        .unwrap();
    for quarter in ["2023Q4", "2024Q1", "2024Q2"] {
        assert!(
            only(std::slice::from_ref(&dec), quarter).is_none(),
            "{quarter}"
        );
    }
}

#[test]
fn interruption_resumed_on_quarter_end_is_reported_as_resumed_late() {
    // Interrupted 2023-11-15 (deadline 2024-02-15), resumed on E = 2024-03-31.
    let dec = executed_in_time()
        .with_event(Event::Interrupted(d(2023, 11, 15)))
        .unwrap()
        .with_event(Event::Resumed(d(2024, 3, 31)))
        .unwrap();
    let e = only(std::slice::from_ref(&dec), "2024Q1").unwrap();
    assert_eq!(e.kind, ReportKind::Interrupted);
    assert_eq!(e.interruption_state, Some(InterruptionState::ResumedLate));
    assert_eq!(e.executed_on, Some(d(2024, 3, 31)));
    assert_eq!(e.days_waiting, 137);
    assert!(only(&[dec], "2024Q2").is_none());
}

#[test]
fn close_reason_free_text_never_reaches_the_json() {
    let dec = decision("1", d(2023, 11, 15))
        .with_event(Event::Closed {
            date: d(2024, 2, 20),
            reason: "Flyttat till dottern Astrid Lindqvist i Malmö".into(),
        })
        .unwrap();
    let r = report(std::slice::from_ref(&dec), "2024Q1");
    let e = &r.entries()[0];
    assert_eq!(e.kind, ReportKind::Closed);
    assert_eq!(e.close_reason, Some(CloseReason::Flyttat));
    let text = r.to_json().to_string();
    assert!(text.contains("\"close_reason\":\"flyttat\""), "{text}");
    for word in ["Astrid", "Lindqvist", "Malmö", "dottern"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    let stats = namnd_decisions::stats::StatisticsReport::compute(&[dec], q("2024Q1")).unwrap();
    let policy = namnd_calc::suppress::SmallCountPolicy::default();
    for json in [
        stats.to_json(),
        stats.committee_version(policy).unwrap().to_json(),
    ] {
        assert!(!json.to_string().contains("Astrid"));
    }
}

#[test]
fn same_person_gets_one_ivo_id_and_conflicting_rows_are_notices() {
    let first = decision("1", d(2023, 9, 20));
    let other = Decision::new(
        DecisionId::new("2").unwrap(),
        first.person().clone(),
        DecisionLaw::SoL,
        Insats::Hemtjanst,
        d(2023, 10, 3),
        LegalGender::Male,
        1941,
    )
    .unwrap();
    let r = report(&[first, other], "2024Q1");
    assert_eq!(r.entries().len(), 2);
    assert_eq!(r.entries()[0].ivo_person_id, r.entries()[1].ivo_person_id);
    let id = r.entries()[0].ivo_person_id.clone().unwrap();
    // The first row wins: born 1940, female.
    assert!(id.as_str().starts_with("19400000-T"));
    assert_eq!(id.legal_gender(), LegalGender::Female);
    assert!(r.entries().iter().all(|e| e.gender == LegalGender::Female));
    let fields: Vec<&str> = r
        .notices()
        .iter()
        .map(|n| match n {
            ReportNotice::ConflictingPersonData {
                decision,
                first_decision,
                field,
            } => {
                assert_eq!((decision.as_str(), first_decision.as_str()), ("2", "1"));
                *field
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(fields, ["birth year", "gender"]);
    assert_eq!(r.counts().unexecuted_persons, 1);
    assert_eq!(r.to_json()["notices"].as_array().unwrap().len(), 2);
}

#[test]
fn ivo_id_space_exhausted_gives_entries_without_id_and_the_rest_of_the_report() {
    let decisions: Vec<Decision> = (0..503)
        .map(|i| {
            Decision::new(
                DecisionId::new(&format!("{i}")).unwrap(),
                PersonRef::new(&format!("p{i}")).unwrap(),
                DecisionLaw::SoL,
                Insats::Hemtjanst,
                d(2023, 6, 1),
                LegalGender::Male,
                1950,
            )
            .unwrap()
        })
        .collect();
    let r = report(&decisions, "2024Q1");
    assert_eq!(r.entries().len(), 503);
    let without: Vec<&ReportEntry> = r
        .entries()
        .iter()
        .filter(|e| e.ivo_person_id.is_none())
        .collect();
    assert_eq!(without.len(), 3);
    assert_eq!(r.counts().entries_without_ivo_person_id, 3);
    assert_eq!(r.counts().unexecuted_decisions, 503);
    let notices = r
        .notices()
        .iter()
        .filter(|n| matches!(n, ReportNotice::NoIvoPersonId { .. }))
        .count();
    assert_eq!(notices, 3);
    let json = r.to_json();
    assert_eq!(json["statistics"]["entries_without_ivo_person_id"], 3);
    // Persons without an entry take no id: 600 persons of whom 500 have one.
    let mut more = decisions.clone();
    more.truncate(500);
    for i in 500..600 {
        more.push(
            Decision::new(
                DecisionId::new(&format!("{i}")).unwrap(),
                PersonRef::new(&format!("p{i}")).unwrap(),
                DecisionLaw::SoL,
                Insats::Hemtjanst,
                d(2024, 3, 1),
                LegalGender::Male,
                1950,
            )
            .unwrap(),
        );
    }
    let r = report(&more, "2024Q1");
    assert_eq!(r.counts().entries_without_ivo_person_id, 0);
}

#[test]
fn person_who_entered_the_register_earlier_keeps_the_unhashed_id() {
    // Many women born 1940 with entries; whoever collides, the earlier
    // decision date wins the first-choice id.
    let decisions: Vec<Decision> = (0..300)
        .map(|i| {
            let decided = d(2022, 1, 1) + chrono::Days::new(i);
            Decision::new(
                DecisionId::new(&format!("{i}")).unwrap(),
                PersonRef::new(&format!("z{i}")).unwrap(),
                DecisionLaw::SoL,
                Insats::Hemtjanst,
                decided,
                LegalGender::Female,
                1940,
            )
            .unwrap()
        })
        .collect();
    let r = report(&decisions, "2024Q1");
    assert!(!r.id_collisions().is_empty());
    for c in r.id_collisions() {
        let holder = r
            .entries()
            .iter()
            .find(|e| e.ivo_person_id.as_ref() == Some(&c.contested))
            .unwrap();
        let rehashed = r
            .entries()
            .iter()
            .find(|e| e.ivo_person_id.as_ref() == Some(&c.assigned))
            .unwrap();
        assert!(holder.decision_date < rehashed.decision_date);
    }
}

#[test]
fn ivo_id_is_stable_when_the_person_it_collided_with_is_no_longer_reported() {
    // 300 women born 1940, decided on successive days of 2023: many first
    // choices collide (300 persons, 500 ids).
    let all: Vec<Decision> = (0..300u32)
        .map(|i| {
            decision(
                &format!("{i:03}"),
                d(2023, 1, 1) + chrono::Days::new(u64::from(i)),
            )
        })
        .collect();
    let q1 = report(&all, "2024Q1");
    // A person who lost a collision and got a re-hashed id.
    let collision = q1
        .id_collisions()
        .first()
        .expect("the test needs a collision")
        .clone();
    let loser = q1
        .entries()
        .iter()
        .find(|e| e.ivo_person_id.as_ref() == Some(&collision.assigned))
        .expect("the re-hashed id is reported")
        .id
        .clone();
    // Everyone else is executed in 2024Q2, so 2024Q3 reports the loser alone.
    let later: Vec<Decision> = all
        .into_iter()
        .map(|dec| {
            if dec.id() == &loser {
                dec
            } else {
                dec.with_event(Event::Executed(d(2024, 5, 1))).unwrap()
            }
        })
        .collect();
    let q3 = report(&later, "2024Q3");
    assert_eq!(q3.entries().len(), 1);
    assert_eq!(
        q3.entry_for(&loser).unwrap().ivo_person_id,
        Some(collision.assigned)
    );
}
