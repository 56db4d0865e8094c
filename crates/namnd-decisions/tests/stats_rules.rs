//! Hand-computed statistics for KF and the auditors (issue 6).

// Test helpers outside `#[test]` functions may unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use namnd_calc::suppress::SmallCountPolicy;
use namnd_core::law::Duty;
use namnd_core::{Decimal, LegalGender, Quarter};
use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
use namnd_decisions::quarter::QuarterReport;
use namnd_decisions::stats::{CategoryKey, StatisticsReport, WaitingBand, whole_months};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}

fn make(
    id: &str,
    person: &str,
    law: DecisionLaw,
    insats: Insats,
    gender: LegalGender,
    decided: NaiveDate,
) -> Decision {
    Decision::new(
        DecisionId::new(id).unwrap(),
        PersonRef::new(person).unwrap(),
        law,
        insats,
        decided,
        gender,
        1950,
    )
    .unwrap()
}

/// At E = 2024-03-31:
/// A 2023-12-01, 3 whole months; B 2023-08-15, 7; C 2022-12-20, 15;
/// D 2022-03-01, 24; E 2023-09-30, 6; F executed late within Q1 (not counted).
fn sample() -> Vec<Decision> {
    use DecisionLaw::{Lss, SoL};
    use LegalGender::{Female as K, Male as M};
    vec![
        make("A", "pa", SoL, Insats::SarskiltBoende, K, d(2023, 12, 1)),
        make("B", "pb", SoL, Insats::Hemtjanst, M, d(2023, 8, 15)),
        make("C", "pb", Lss, Insats::DagligVerksamhet, M, d(2022, 12, 20)),
        make("D", "pc", Lss, Insats::BostadForVuxna, K, d(2022, 3, 1))
            .with_event(Event::SpecialFeeRuling {
                date: d(2023, 6, 1),
                amount: Decimal::from(100_000),
            })
            .unwrap()
            .with_event(Event::SpecialFeeRuling {
                date: d(2024, 5, 1),
                amount: Decimal::from(20_000),
            })
            .unwrap(),
        make("E", "pd", SoL, Insats::SarskiltBoende, K, d(2023, 9, 30)),
        make("F", "pe", SoL, Insats::Hemtjanst, K, d(2023, 10, 1))
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap(),
    ]
}

#[test]
fn whole_months_count_clamped_calendar_months() {
    assert_eq!(whole_months(d(2023, 12, 1), d(2024, 3, 31)), 3);
    assert_eq!(whole_months(d(2023, 8, 15), d(2024, 3, 31)), 7);
    assert_eq!(whole_months(d(2022, 12, 20), d(2024, 3, 31)), 15);
    assert_eq!(whole_months(d(2022, 3, 1), d(2024, 3, 31)), 24);
    assert_eq!(whole_months(d(2023, 9, 30), d(2024, 3, 31)), 6);
    assert_eq!(whole_months(d(2023, 8, 31), d(2024, 2, 29)), 6); // clamped to 29 Feb
    assert_eq!(whole_months(d(2023, 8, 31), d(2024, 2, 28)), 5);
    assert_eq!(whole_months(d(2024, 3, 31), d(2024, 3, 1)), 0);
}

#[test]
fn statistics_count_unexecuted_decisions_and_distinct_persons() {
    let stats = StatisticsReport::compute(&sample(), q("2024Q1")).unwrap();
    let c = &stats.current;
    assert_eq!((c.total.decisions, c.total.persons), (5, 4));
    let key = CategoryKey {
        law: DecisionLaw::SoL,
        insats: Insats::SarskiltBoende,
        gender: LegalGender::Female,
    };
    assert_eq!(c.by_category[&key].decisions, 2);
    assert_eq!(c.by_category[&key].persons, 2);
    assert_eq!(c.by_category.len(), 4);
    let band = |b| c.by_band[&b].decisions;
    assert_eq!(band(WaitingBand::Months3To6), 2);
    assert_eq!(band(WaitingBand::Months7To9), 1);
    assert_eq!(band(WaitingBand::Months10To12), 0);
    assert_eq!(band(WaitingBand::Months13To17), 1);
    assert_eq!(band(WaitingBand::Months18Plus), 1);
    // By date: E (2023-09-30 + 6 = 2024-03-30 < E) is more than 6 months
    // although only 6 whole months (band 3–6).
    assert_eq!(c.exposure.over_6_months.decisions, 4);
    assert_eq!(c.exposure.over_6_months.persons, 3);
    assert_eq!(c.exposure.over_12_months.decisions, 2);
    assert_eq!(c.exposure.over_12_months.persons, 2);
}

#[test]
fn year_over_year_compares_the_same_quarter_a_year_before() {
    let stats = StatisticsReport::compute(&sample(), q("2024Q1")).unwrap();
    // Q1 2023: C (deadline 2023-03-20) and D (deadline 2022-06-01).
    let y = stats.year_over_year.unwrap();
    assert_eq!(y.previous_quarter, q("2023Q1"));
    assert_eq!((y.previous.decisions, y.previous.persons), (2, 2));
    assert_eq!((y.decisions_change, y.persons_change), (3, 2));
}

#[test]
fn special_fee_history_lists_rulings_up_to_the_quarter_end() {
    let stats = StatisticsReport::compute(&sample(), q("2024Q1")).unwrap();
    assert_eq!(stats.special_fees.rulings.len(), 1);
    assert_eq!(stats.special_fees.rulings[0].date, d(2023, 6, 1));
    assert_eq!(stats.special_fees.total, Decimal::from(100_000));
    let later = StatisticsReport::compute(&sample(), q("2024Q2")).unwrap();
    assert_eq!(later.special_fees.total, Decimal::from(120_000));
}

#[test]
fn legal_references_follow_the_act_in_force_at_the_quarter_end() {
    let old = StatisticsReport::compute(&[], q("2024Q1")).unwrap();
    let cite = |s: &StatisticsReport, duty, law| {
        s.legal_references
            .iter()
            .find(|c| c.duty == duty && c.law == law)
            .and_then(|c| c.citation.clone())
    };
    assert_eq!(
        cite(&old, Duty::ReportUnexecutedDecisions, DecisionLaw::SoL).as_deref(),
        Some("16 kap. 6 f § SoL")
    );
    assert_eq!(
        cite(&old, Duty::ReportUnexecutedDecisions, DecisionLaw::Lss).as_deref(),
        Some("28 f § LSS")
    );
    let new = StatisticsReport::compute(&[], q("2025Q3")).unwrap();
    let sol = cite(&new, Duty::ReportUnexecutedDecisions, DecisionLaw::SoL).unwrap();
    assert!(sol.starts_with("34 kap."), "{sol}");
    assert_eq!(old.legal_references.len(), 8);
}

#[test]
fn committee_version_hides_small_counts_and_keeps_a_safe_grand_total() {
    let stats = StatisticsReport::compute(&sample(), q("2024Q1")).unwrap();
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    let t = &committee.decisions_by_category;
    assert_eq!(t.rows().len(), 4);
    assert_eq!(
        t.cell("SoL – särskilt boende", "kvinnor")
            .unwrap()
            .to_string(),
        ".."
    );
    assert_eq!(t.column_total("kvinnor").unwrap().to_string(), "..");
    assert_eq!(t.column_total("män").unwrap().to_string(), "..");
    assert_eq!(t.grand_total().to_string(), "5");
    assert_eq!(committee.persons_total.to_string(), "..");
    assert_eq!(committee.exposure_over_6_months.to_string(), "..");
    let json = committee.to_json();
    assert_eq!(json["unexecuted_decisions"], "5");
    assert_eq!(json["unexecuted_persons"], "..");
    assert_eq!(json["special_fees"]["total"], "100000");
    assert!(json["special_fees"]["rulings"][0].get("decision").is_none());
    // Change hidden since last year's 2 is hidden.
    assert_eq!(
        json["year_over_year"]["decisions_change"],
        serde_json::Value::Null
    );
}

#[test]
fn committee_threshold_is_configurable() {
    let stats = StatisticsReport::compute(&sample(), q("2024Q1")).unwrap();
    let committee = stats
        .committee_version(SmallCountPolicy::new(2).unwrap())
        .unwrap();
    // With min_shown 2 only counts of 1 are hidden: 4 distinct persons are shown, and
    // exposure is shown exactly when the band table already gives it.
    assert_eq!(committee.persons_total.to_string(), "4");
    assert_eq!(committee.exposure_over_12_months.value().is_some(), {
        let bands = &committee.decisions_by_band;
        let shown = |b: WaitingBand| bands.row_total(b.label()).unwrap().value().is_some();
        (shown(WaitingBand::Months13To17) && shown(WaitingBand::Months18Plus))
            || (shown(WaitingBand::Months3To6)
                && shown(WaitingBand::Months7To9)
                && shown(WaitingBand::Months10To12)
                && bands.grand_total().value().is_some())
    });
}

#[test]
fn internal_version_is_unsuppressed_and_marked() {
    let stats = StatisticsReport::compute(&sample(), q("2024Q1")).unwrap();
    let json = stats.to_json();
    assert_eq!(json["version"], "internal");
    assert_eq!(json["unexecuted_decisions"], 5);
    assert_eq!(json["unexecuted_persons"], 4);
    assert_eq!(json["exposure"]["over_12_months"]["decisions"], 2);
    assert!(!json.to_string().contains("\"pa\""));
}

#[test]
fn statistics_agree_with_the_report_counts() {
    let decisions = sample();
    let report = QuarterReport::compute(&decisions, q("2024Q1")).unwrap();
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    let counts = report.counts();
    assert_eq!(stats.current.total.decisions, counts.unexecuted_decisions);
    assert_eq!(stats.current.total.persons, counts.unexecuted_persons);
    assert_eq!(counts.executed_decisions, 1);
}

#[test]
fn exposure_more_than_6_months_is_by_date() {
    // 2023-09-10 + 6 months = 2024-03-10 < 2024-03-31.
    let a = make(
        "A",
        "pa",
        DecisionLaw::SoL,
        Insats::Hemtjanst,
        LegalGender::Female,
        d(2023, 9, 10),
    );
    // 2023-10-01 + 6 months = 2024-04-01: not more than 6 months at E.
    let b = make(
        "B",
        "pb",
        DecisionLaw::SoL,
        Insats::Hemtjanst,
        LegalGender::Female,
        d(2023, 10, 1),
    );
    let stats = StatisticsReport::compute(&[a, b], q("2024Q1")).unwrap();
    let c = &stats.current;
    assert_eq!(c.by_band[&WaitingBand::Months3To6].decisions, 2);
    assert_eq!(c.exposure.over_6_months.decisions, 1);
    assert_eq!(c.exposure.over_12_months.decisions, 0);
    // Edge of 12 months: 2023-03-31 + 12 = 2024-03-31 is E itself: not more.
    let e = make(
        "E",
        "pe",
        DecisionLaw::SoL,
        Insats::Hemtjanst,
        LegalGender::Male,
        d(2023, 3, 31),
    );
    let f = make(
        "F",
        "pf",
        DecisionLaw::SoL,
        Insats::Hemtjanst,
        LegalGender::Male,
        d(2023, 3, 30),
    );
    let stats = StatisticsReport::compute(&[e, f], q("2024Q1")).unwrap();
    assert_eq!(stats.current.exposure.over_12_months.decisions, 1);
    assert_eq!(stats.current.exposure.over_6_months.decisions, 2);
}

#[test]
fn interruptions_not_resumed_have_their_own_exposure() {
    let executed = |id: &str, person: &str, interrupted: NaiveDate| {
        make(
            id,
            person,
            DecisionLaw::Lss,
            Insats::DagligVerksamhet,
            LegalGender::Male,
            d(2022, 1, 10),
        )
        .with_event(Event::Executed(d(2022, 2, 1)))
        .unwrap()
        .with_event(Event::Interrupted(interrupted))
        .unwrap()
    };
    let decisions = [
        executed("A", "pa", d(2023, 9, 10)), // + 6 = 2024-03-10 < E
        executed("B", "pb", d(2023, 12, 1)), // + 6 = 2024-06-01
        executed("C", "pc", d(2023, 2, 1)),  // + 12 = 2024-02-01 < E
    ];
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    let c = &stats.current;
    assert_eq!(c.interrupted_not_resumed.decisions, 3);
    assert_eq!(c.interrupted_exposure.over_6_months.decisions, 2);
    assert_eq!(c.interrupted_exposure.over_12_months.decisions, 1);
    // Not part of the decisions' exposure.
    assert_eq!(c.exposure.over_6_months.decisions, 0);
    let json = stats.to_json();
    assert_eq!(
        json["interrupted_exposure"]["over_6_months"]["decisions"],
        2
    );
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    assert_eq!(committee.interrupted_over_6_months.to_string(), "..");
}

/// Ten women in hemtjänst, `n` of them waiting more than 6 months.
fn many(prefix: &str, count: usize, decided: NaiveDate) -> Vec<Decision> {
    (0..count)
        .map(|i| {
            make(
                &format!("{prefix}{i}"),
                &format!("{prefix}-p{i}"),
                DecisionLaw::SoL,
                Insats::Hemtjanst,
                LegalGender::Female,
                decided,
            )
        })
        .collect()
}

#[test]
fn committee_has_persons_by_band_and_in_exposure_suppressed() {
    let mut decisions = many("a", 12, d(2023, 12, 1)); // 3 whole months
    decisions.extend(many("b", 8, d(2023, 5, 2))); // 10 whole months
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    let t = &committee.persons_by_band;
    assert_eq!(
        t.cell(WaitingBand::Months3To6.label(), "kvinnor")
            .unwrap()
            .to_string(),
        "12"
    );
    assert_eq!(
        t.cell(WaitingBand::Months10To12.label(), "kvinnor")
            .unwrap()
            .to_string(),
        "8"
    );
    assert!(t.is_protected());
    assert_eq!(committee.exposure_over_6_months.value(), Some(8));
    assert_eq!(committee.persons_over_6_months.value(), Some(8));
    // Nobody over 12 months: 0 is not small, and 8 − 0 is not either.
    assert_eq!(committee.persons_over_12_months.value(), Some(0));
    let json = committee.to_json();
    assert_eq!(json["exposure"]["persons_over_6_months"], "8");
    assert!(json["persons_by_waiting_band"].is_array());

    // 18 persons waiting, 2 of them more than 6 months: hidden, and so is
    // the person figure (18 − 2 would not reveal it, but 2 is small).
    let mut decisions = many("a", 16, d(2023, 12, 1));
    decisions.extend(many("b", 2, d(2023, 5, 2)));
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    assert!(committee.exposure_over_6_months.is_hidden());
    assert!(committee.persons_over_6_months.is_hidden());
}

#[test]
fn committee_year_over_year_change_needs_both_published_totals() {
    // Last year: 3 (hidden); this year 12: the change would reveal 3.
    let mut decisions = many("a", 12, d(2023, 12, 1));
    decisions.extend(
        many("old", 3, d(2022, 9, 1))
            .into_iter()
            .map(|dec| dec.with_event(Event::Executed(d(2023, 6, 1))).unwrap()),
    );
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    assert_eq!(stats.year_over_year.unwrap().decisions_change, 9);
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    let y = committee.year_over_year.unwrap();
    assert!(y.previous_decisions.is_hidden());
    assert_eq!(y.current_decisions.value(), Some(12));
    assert_eq!(y.decisions_change, None);
    assert_eq!(y.persons_change, None);

    // Both shown: 12 now, 6 a year before.
    let mut decisions = many("a", 12, d(2023, 12, 1));
    decisions.extend(
        many("old", 6, d(2022, 9, 1))
            .into_iter()
            .map(|dec| dec.with_event(Event::Executed(d(2023, 6, 1))).unwrap()),
    );
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    let y = committee.year_over_year.unwrap();
    assert_eq!(y.previous_decisions.value(), Some(6));
    assert_eq!(
        y.current_decisions,
        committee.decisions_by_category.grand_total().into()
    );
    assert_eq!(y.decisions_change, Some(6));
    assert_eq!(y.persons_change, Some(6));
}

/// Three women and six men waiting for hemtjänst: the 3 is hidden as small,
/// the 6 only so that the row total does not give the 3 away. Both print the
/// same neutral mark: "<5" would be false for the 6, and two different marks
/// would tell a reader which cell is small.
#[test]
fn secondary_hidden_count_of_six_prints_the_neutral_mark_not_less_than_five() {
    use LegalGender::{Female as K, Male as M};
    let mut decisions = Vec::new();
    for (k, gender) in [K, K, K, M, M, M, M, M, M].into_iter().enumerate() {
        decisions.push(make(
            &format!("H{k}"),
            &format!("p{k}"),
            DecisionLaw::SoL,
            Insats::Hemtjanst,
            gender,
            d(2023, 9, 1),
        ));
    }
    let stats = StatisticsReport::compute(&decisions, q("2024Q1")).unwrap();
    let committee = stats
        .committee_version(SmallCountPolicy::default())
        .unwrap();
    let t = &committee.decisions_by_category;
    let row = "SoL – hemtjänst";
    let men = t.cell(row, "män").unwrap();
    assert!(men.is_hidden());
    assert_eq!(men.to_string(), "..");
    assert_eq!(t.cell(row, "kvinnor").unwrap().to_string(), "..");
    assert_eq!(t.row_total(row).unwrap().to_string(), "9");
    let json = committee.to_json();
    assert_eq!(json["suppression"], "..");
    assert_eq!(
        json["suppression_legend"],
        ".. = uppgiften visas inte: antalet är 1–4, eller uppgiften döljs så att ett sådant antal inte kan räknas fram"
    );
    assert!(!json.to_string().contains("<5"), "{json}");
}

#[test]
fn committee_version_prints_a_configured_mark_for_every_hidden_figure() {
    let policy = SmallCountPolicy::default().with_mark("×").unwrap();
    let committee = StatisticsReport::compute(&sample(), q("2024Q1"))
        .unwrap()
        .committee_version(policy)
        .unwrap();
    assert_eq!(committee.persons_total.to_string(), "×");
    assert_eq!(committee.exposure_over_6_months.to_string(), "×");
    let json = committee.to_json();
    assert_eq!(json["suppression"], "×");
    assert_eq!(json["unexecuted_persons"], "×");
    assert!(
        json["suppression_legend"]
            .as_str()
            .unwrap()
            .starts_with("× = ")
    );
}
