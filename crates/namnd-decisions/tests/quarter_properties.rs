//! Property tests of the quarterly report and its statistics (issue 6).

// Test helpers outside `#[test]` functions may unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use namnd_calc::suppress::{SmallCountPolicy, SuppressedTable};
use namnd_core::{LegalGender, Quarter};
use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
use namnd_decisions::quarter::{QuarterReport, ReportKind};
use namnd_decisions::stats::{StatisticsReport, WaitingBand};
use proptest::prelude::*;

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Days::new(u64::from(offset))
}

const SERVICES: [(DecisionLaw, Insats); 4] = [
    (DecisionLaw::SoL, Insats::SarskiltBoende),
    (DecisionLaw::SoL, Insats::Hemtjanst),
    (DecisionLaw::Lss, Insats::DagligVerksamhet),
    (DecisionLaw::Lss, Insats::KontaktpersonLss),
];

/// One decision's raw material: person, service, gender, decision day, and
/// optional executed / interrupted / resumed / closed offsets (each after the
/// previous one).
type Raw = (
    u8,
    usize,
    bool,
    u32,
    Option<u32>,
    Option<(u32, Option<u32>)>,
    Option<u32>,
    Option<(u32, bool)>,
);

fn raw() -> impl Strategy<Value = Raw> {
    (
        0u8..8,
        0usize..4,
        any::<bool>(),
        0u32..1000,
        proptest::option::of(0u32..250),
        proptest::option::of((0u32..200, proptest::option::of(0u32..200))),
        proptest::option::of(0u32..500),
        proptest::option::of((0u32..120, any::<bool>())),
    )
}

/// Builds a decision, skipping events the history rules reject.
fn build(i: usize, r: &Raw) -> Decision {
    let (person, service, female, decided, executed, interruption, closed, offer) = *r;
    let (law, insats) = SERVICES[service];
    let gender = if female {
        LegalGender::Female
    } else {
        LegalGender::Male
    };
    let mut d = Decision::new(
        DecisionId::new(&format!("b{i}")).unwrap(),
        PersonRef::new(&format!("p{person}")).unwrap(),
        law,
        insats,
        day(decided),
        gender,
        1950,
    )
    .unwrap();
    let push = |d: &mut Decision, e: Event| {
        let _ = d.push_event(e);
    };
    if let Some((o, declined)) = offer {
        push(&mut d, Event::OfferMade(day(decided + o)));
        if declined {
            push(&mut d, Event::OfferDeclined(day(decided + o + 3)));
        }
    }
    let mut last = decided;
    if let Some(x) = executed {
        last = decided + x;
        push(&mut d, Event::Executed(day(last)));
        if let Some((i, resumed)) = interruption {
            last += i;
            push(&mut d, Event::Interrupted(day(last)));
            if let Some(r) = resumed {
                last += r;
                push(&mut d, Event::Resumed(day(last)));
            }
        }
    }
    if let Some(c) = closed {
        push(
            &mut d,
            Event::Closed {
                date: day(last + c),
                reason: "annan orsak".into(),
            },
        );
    }
    d
}

fn decisions() -> impl Strategy<Value = Vec<Decision>> {
    proptest::collection::vec(raw(), 0..14)
        .prop_map(|raws| raws.iter().enumerate().map(|(i, r)| build(i, r)).collect())
}

fn quarters() -> Vec<Quarter> {
    let mut q: Quarter = "2022Q1".parse().unwrap();
    let mut out = vec![q];
    for _ in 0..19 {
        q = q.next().unwrap();
        out.push(q);
    }
    out
}

/// Checks that no line of the published grid (a row with its total, a column
/// with its total, the column totals with the grand total, the row totals
/// with the grand total) has exactly one hidden figure, and that no shown
/// figure is small.
fn assert_protected(t: &SuppressedTable, policy: SmallCountPolicy) -> Result<(), TestCaseError> {
    let hidden = |c: Option<namnd_calc::suppress::PublishedCount>| {
        let c = c.unwrap();
        if let Some(v) = c.value() {
            assert!(!policy.is_small(v), "small count {v} shown");
        }
        usize::from(c.is_hidden())
    };
    for row in t.rows() {
        let n: usize = t
            .columns()
            .iter()
            .map(|c| hidden(t.cell(row, c)))
            .sum::<usize>()
            + hidden(t.row_total(row));
        prop_assert_ne!(n, 1, "row {} reveals a hidden cell", row);
    }
    for column in t.columns() {
        let n: usize = t
            .rows()
            .iter()
            .map(|r| hidden(t.cell(r, column)))
            .sum::<usize>()
            + hidden(t.column_total(column));
        prop_assert_ne!(n, 1, "column {} reveals a hidden cell", column);
    }
    let grand = hidden(Some(t.grand_total()));
    let n: usize = t
        .columns()
        .iter()
        .map(|c| hidden(t.column_total(c)))
        .sum::<usize>()
        + grand;
    prop_assert_ne!(n, 1, "column totals reveal a hidden total");
    let n: usize = t
        .rows()
        .iter()
        .map(|r| hidden(t.row_total(r)))
        .sum::<usize>()
        + grand;
    prop_assert_ne!(n, 1, "row totals reveal a hidden total");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_decision_is_in_at_most_one_state_per_quarter(ds in decisions()) {
        for q in quarters() {
            let report = QuarterReport::compute(&ds, q).unwrap();
            let ids: BTreeSet<_> = report.entries().iter().map(|e| e.id.clone()).collect();
            prop_assert_eq!(ids.len(), report.entries().len());
        }
    }

    #[test]
    fn once_executed_or_closed_a_decision_never_comes_back_as_unexecuted(ds in decisions()) {
        let mut ended: BTreeSet<DecisionId> = BTreeSet::new();
        for q in quarters() {
            let end = q.last_day();
            let report = QuarterReport::compute(&ds, q).unwrap();
            for e in report.entries() {
                if e.kind == ReportKind::Unexecuted {
                    prop_assert!(!ended.contains(&e.id), "{:?} back in {}", e.id, q);
                    let d = ds.iter().find(|d| d.id() == &e.id).unwrap();
                    prop_assert!(d.executed_on().is_none_or(|x| x > end));
                    prop_assert!(d.closed_on().is_none_or(|(c, _)| c > end));
                    prop_assert!(e.deadline < end);
                }
                if matches!(e.kind, ReportKind::Executed | ReportKind::Closed) {
                    ended.insert(e.id.clone());
                }
            }
            for d in &ds {
                if d.executed_on().is_some_and(|x| x <= end)
                    || d.closed_on().is_some_and(|(c, _)| c <= end)
                {
                    ended.insert(d.id().clone());
                }
            }
        }
    }

    #[test]
    fn unexecuted_decisions_are_re_reported_until_they_end(ds in decisions()) {
        let qs = quarters();
        for pair in qs.windows(2) {
            let now = QuarterReport::compute(&ds, pair[0]).unwrap();
            let next = QuarterReport::compute(&ds, pair[1]).unwrap();
            for e in now.of_kind(ReportKind::Unexecuted) {
                let later = next.entry_for(&e.id);
                prop_assert!(later.is_some(), "{:?} dropped after {}", e.id, pair[0]);
                let later = later.unwrap();
                prop_assert_eq!(later.first_reportable_quarter, e.first_reportable_quarter);
                prop_assert_eq!(&later.ivo_person_id, &e.ivo_person_id);
            }
        }
    }

    #[test]
    fn statistics_equal_the_counts_of_the_individual_reports(ds in decisions()) {
        for q in quarters() {
            let report = QuarterReport::compute(&ds, q).unwrap();
            let stats = StatisticsReport::compute(&ds, q).unwrap();
            let c = report.counts();
            let unexecuted: Vec<_> = report.of_kind(ReportKind::Unexecuted).collect();
            prop_assert_eq!(stats.current.total.decisions, c.unexecuted_decisions);
            prop_assert_eq!(c.unexecuted_decisions, unexecuted.len() as u64);
            prop_assert_eq!(stats.current.total.persons, c.unexecuted_persons);
            let by_category: u64 = stats.current.by_category.values().map(|v| v.decisions).sum();
            let by_band: u64 = stats.current.by_band.values().map(|v| v.decisions).sum();
            let by_band_gender: u64 =
                stats.current.by_band_and_gender.values().map(|v| v.decisions).sum();
            prop_assert_eq!(by_category, c.unexecuted_decisions);
            prop_assert_eq!(by_band, c.unexecuted_decisions);
            prop_assert_eq!(by_band_gender, c.unexecuted_decisions);
            let over_6: u64 = WaitingBand::ALL[1..].iter().map(|b| stats.current.by_band[b].decisions).sum();
            let over_12: u64 = WaitingBand::ALL[3..].iter().map(|b| stats.current.by_band[b].decisions).sum();
            prop_assert_eq!(stats.current.exposure.over_6_months.decisions, over_6);
            prop_assert_eq!(stats.current.exposure.over_12_months.decisions, over_12);
            let json = report.to_json();
            prop_assert_eq!(json["statistics"]["unexecuted_decisions"].as_u64(), Some(c.unexecuted_decisions));
            prop_assert_eq!(json["reports"].as_array().map(Vec::len), Some(report.entries().len()));
        }
    }

    #[test]
    fn suppression_never_reveals_a_small_count_through_a_total(
        ds in decisions(),
        min_shown in 2u64..7,
        qi in 0usize..20,
    ) {
        let q = quarters()[qi];
        let policy = SmallCountPolicy::new(min_shown).unwrap();
        let stats = StatisticsReport::compute(&ds, q).unwrap();
        let committee = stats.committee_version(policy).unwrap();
        assert_protected(&committee.decisions_by_category, policy)?;
        assert_protected(&committee.persons_by_category, policy)?;
        assert_protected(&committee.decisions_by_band, policy)?;
        for figure in [
            committee.persons_total,
            committee.exposure_over_6_months,
            committee.exposure_over_12_months,
            committee.interrupted_not_resumed,
        ] {
            if let Some(v) = figure.value() {
                prop_assert!(!policy.is_small(v));
            }
        }
        // Exposure is shown only when the band table already gives it.
        let bands = &committee.decisions_by_band;
        let shown = |b: &WaitingBand| bands.row_total(b.label()).unwrap().value().is_some();
        for (figure, inside) in [
            (committee.exposure_over_6_months, &WaitingBand::ALL[1..]),
            (committee.exposure_over_12_months, &WaitingBand::ALL[3..]),
        ] {
            if figure.value().is_some() {
                let outside = WaitingBand::ALL.iter().filter(|b| !inside.contains(b));
                let derivable = inside.iter().all(shown)
                    || (outside.clone().all(shown) && bands.grand_total().value().is_some());
                prop_assert!(derivable);
            }
        }
        if let Some(y) = committee.year_over_year
            && y.decisions_change.is_some()
        {
            prop_assert!(y.previous_decisions.value().is_some());
        }
        let text = committee.to_json().to_string();
        prop_assert!(!text.contains("\"p0\"") && !text.contains("\"b0\""));
    }
}
