//! Property tests of the quarterly report and its statistics (issue 6).

// Test helpers outside `#[test]` functions may unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use namnd_calc::suppress::{SmallCountPolicy, SuppressedTable};
use namnd_core::{LegalGender, Quarter};
use namnd_decisions::decision::deadline_after;
use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
use namnd_decisions::ivo::{IdRequest, IvoIdAssignment};
use namnd_decisions::quarter::{InterruptionState, QuarterReport, ReportKind};
use namnd_decisions::stats::{StatisticsReport, WaitingBand, waited_more_than, whole_months};
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
    prop_assert!(t.is_protected());
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
            // Exposure is by date: decision date + 6 (12) months < E.
            let end = q.last_day();
            let by_date = |months| unexecuted
                .iter()
                .filter(|e| waited_more_than(e.decision_date, months, end))
                .count() as u64;
            prop_assert_eq!(stats.current.exposure.over_6_months.decisions, by_date(6));
            prop_assert_eq!(stats.current.exposure.over_12_months.decisions, by_date(12));
            // It lies between the bands above it and those with the split band.
            let bands = |from: usize| -> u64 {
                WaitingBand::ALL[from..].iter().map(|b| stats.current.by_band[b].decisions).sum()
            };
            prop_assert!(bands(1) <= by_date(6) && by_date(6) <= bands(0));
            prop_assert!(bands(3) <= by_date(12) && by_date(12) <= bands(2));
            let interrupted: Vec<_> = report
                .of_kind(ReportKind::Interrupted)
                .filter(|e| e.interruption_state == Some(InterruptionState::NotResumed))
                .collect();
            prop_assert_eq!(stats.current.interrupted_not_resumed.decisions, interrupted.len() as u64);
            let over_6 = interrupted
                .iter()
                .filter(|e| waited_more_than(e.interruption_date.unwrap(), 6, end))
                .count() as u64;
            prop_assert_eq!(stats.current.interrupted_exposure.over_6_months.decisions, over_6);
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
        assert_protected(&committee.persons_by_band, policy)?;
        for figure in [
            committee.persons_total,
            committee.exposure_over_6_months,
            committee.exposure_over_12_months,
            committee.persons_over_6_months,
            committee.persons_over_12_months,
            committee.interrupted_not_resumed,
            committee.interrupted_over_6_months,
            committee.interrupted_over_12_months,
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
        // Exposure never reveals a small part of the band it splits.
        let c = &stats.current;
        for (figure, above, split) in [
            (committee.exposure_over_6_months, &WaitingBand::ALL[1..], WaitingBand::Months3To6),
            (committee.exposure_over_12_months, &WaitingBand::ALL[3..], WaitingBand::Months10To12),
        ] {
            if let Some(v) = figure.value() {
                let by_bands: u64 = above.iter().map(|b| c.by_band[b].decisions).sum();
                let extra = v - by_bands;
                prop_assert!(!policy.is_small(extra));
                prop_assert!(!policy.is_small(c.by_band[&split].decisions - extra));
            }
        }
        // Persons in exposure: neither the figure nor the rest is small.
        if let Some(v) = committee.persons_over_6_months.value() {
            prop_assert!(!policy.is_small(c.total.persons - v));
        }
        if let Some(y) = committee.year_over_year {
            if y.decisions_change.is_some() {
                prop_assert!(y.previous_decisions.value().is_some());
                prop_assert!(y.current_decisions.value().is_some());
                prop_assert_eq!(y.current_decisions, committee.decisions_by_category.grand_total().into());
            }
            if y.persons_change.is_some() {
                prop_assert!(y.previous_persons.value().is_some());
                prop_assert!(committee.persons_total.value().is_some());
            }
        }
        let text = committee.to_json().to_string();
        prop_assert!(!text.contains("\"p0\"") && !text.contains("\"b0\""));
    }

    #[test]
    fn deadline_after_is_three_months_later_clamped_to_the_month_end(offset in 0u32..40_000) {
        use chrono::Datelike;
        let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(u64::from(offset));
        let deadline = deadline_after(date);
        let month0 = date.month0() + 3;
        let (year, month) = (date.year() + (month0 / 12) as i32, month0 % 12 + 1);
        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
        let length = (first + chrono::Months::new(1) - chrono::Days::new(1)).day();
        prop_assert_eq!(deadline, NaiveDate::from_ymd_opt(year, month, date.day().min(length)).unwrap());
    }

    #[test]
    fn whole_months_are_at_least_three_for_unexecuted_and_grow_with_the_quarter_end(ds in decisions()) {
        let mut previous: std::collections::BTreeMap<DecisionId, u32> = Default::default();
        for q in quarters() {
            let report = QuarterReport::compute(&ds, q).unwrap();
            for e in report.of_kind(ReportKind::Unexecuted) {
                let months = whole_months(e.decision_date, q.last_day());
                prop_assert!(months >= 3, "{:?}: {} months", e.id, months);
                if let Some(before) = previous.get(&e.id) {
                    prop_assert!(months >= *before);
                }
                previous.insert(e.id.clone(), months);
            }
        }
    }

    #[test]
    fn whole_months_never_decrease_as_the_end_moves_later(
        from in 0u32..3000, a in 0u32..3000, b in 0u32..3000,
    ) {
        let (early, late) = (day(a.min(b)), day(a.max(b)));
        prop_assert!(whole_months(day(from), early) <= whole_months(day(from), late));
    }

    #[test]
    fn ivo_id_parity_follows_gender_and_each_person_has_one_id(ds in decisions(), qi in 0usize..20) {
        let report = QuarterReport::compute(&ds, quarters()[qi]).unwrap();
        let mut by_person: std::collections::BTreeMap<&PersonRef, _> = Default::default();
        for e in report.entries() {
            let id = e.ivo_person_id.as_ref().unwrap();
            prop_assert_eq!(id.legal_gender(), e.gender);
            let d = ds.iter().find(|d| d.id() == &e.id).unwrap();
            let seen = by_person.entry(d.person()).or_insert(id);
            prop_assert_eq!(*seen, id);
        }
        let ids: BTreeSet<_> = by_person.values().collect();
        prop_assert_eq!(ids.len(), by_person.len());
    }

    #[test]
    fn adding_later_persons_never_changes_an_existing_persons_id(
        existing in proptest::collection::vec((0u16..400, 0u32..500, any::<bool>()), 1..60),
        added in proptest::collection::vec((400u16..800, 0u32..500, any::<bool>()), 0..60),
    ) {
        // Many persons in few (birth year, gender) buckets, so that ids collide.
        let request = |(p, offset, female): (u16, u32, bool), base: u32| IdRequest {
            person: PersonRef::new(&format!("q{p}")).unwrap(),
            birth: namnd_decisions::ivo::BirthInfo::Year(1940),
            gender: if female { LegalGender::Female } else { LegalGender::Male },
            first_decided: day(base + offset),
        };
        let old: Vec<IdRequest> = existing.iter().map(|r| request(*r, 0)).collect();
        let new: Vec<IdRequest> = added.iter().map(|r| request(*r, 600)).collect();
        let before = IvoIdAssignment::new().assign(old.clone()).unwrap();
        let after = IvoIdAssignment::new().assign(old.iter().cloned().chain(new)).unwrap();
        for r in &old {
            prop_assert_eq!(before.get(&r.person), after.get(&r.person));
        }
        // Seeded with the ids issued before, nobody's id changes either,
        // whatever the new persons' dates.
        let early: Vec<IdRequest> = added.iter().map(|r| request(*r, 0)).collect();
        let seeded = IvoIdAssignment::new()
            .with_previous(before.issued())
            .assign(early.into_iter().chain(old.iter().cloned()))
            .unwrap();
        for r in &old {
            prop_assert_eq!(before.get(&r.person), seeded.get(&r.person));
        }
    }

    #[test]
    fn adding_decisions_of_later_persons_never_changes_an_existing_persons_report_id(
        ds in decisions(),
        added in proptest::collection::vec((0u32..300, any::<bool>()), 0..40),
        qi in 0usize..20,
    ) {
        let q = quarters()[qi];
        let latest = ds.iter().map(Decision::decision_date).max().unwrap_or(day(0));
        let mut more = ds.clone();
        for (i, (offset, female)) in added.iter().enumerate() {
            more.push(
                Decision::new(
                    DecisionId::new(&format!("n{i}")).unwrap(),
                    PersonRef::new(&format!("new{i}")).unwrap(),
                    DecisionLaw::SoL,
                    Insats::Hemtjanst,
                    latest + chrono::Days::new(u64::from(offset + 1)),
                    if *female { LegalGender::Female } else { LegalGender::Male },
                    1950,
                )
                .unwrap(),
            );
        }
        let before = QuarterReport::compute(&ds, q).unwrap();
        let after = QuarterReport::compute(&more, q).unwrap();
        for e in before.entries() {
            let later = after.entry_for(&e.id).unwrap();
            prop_assert_eq!(&later.ivo_person_id, &e.ivo_person_id);
        }
    }
}
