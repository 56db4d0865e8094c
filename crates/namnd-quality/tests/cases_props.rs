//! Property tests for Lex Sarah / Lex Maria cases: histories stay valid,
//! funnels reconcile, and committee tables cannot be undone from the margins.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use chrono::{Days, NaiveDate};
use namnd_calc::suppress::{SmallCountPolicy, SuppressedTable};
use namnd_core::{OrgUnit, Period};
use namnd_quality::case::{
    Assessment, CaseAxis, CaseCategory, CaseEventKind, CaseId, DeadlineKind, FunnelOutcome,
    FunnelScope, InternalDeadlines, IvoOutcome, QualityCase, ReceiverRole, Regime, RegimeFilter,
    SarahFunnel, SarahLaw, case_table,
};
use proptest::prelude::*;

const UNITS: [&str; 4] = ["HT", "SÄBO", "LSS-BO", "DV"];
const CATEGORIES: [&str; 3] = ["bemötande", "utebliven insats", "brister i omsorg"];

fn kind(code: u8) -> CaseEventKind {
    match code % 12 {
        0 | 1 => CaseEventKind::InvestigationStarted,
        2 => CaseEventKind::InvestigationFinished { measures: Some(2) },
        3 => CaseEventKind::Assessed(Assessment::Serious),
        4 => CaseEventKind::Assessed(Assessment::LessSerious),
        5 => CaseEventKind::Assessed(Assessment::NotAMissforhallande),
        6 => CaseEventKind::ReportedToIvo,
        7 => CaseEventKind::IvoDecision(IvoOutcome::ClosedWithoutCriticism),
        8 => CaseEventKind::IvoDecision(IvoOutcome::Criticism),
        9 => CaseEventKind::Redirected {
            to: Regime::LexMaria,
        },
        10 => CaseEventKind::Redirected { to: Regime::None },
        _ => CaseEventKind::Closed,
    }
}

/// A case from a seed: unit, category, regime, received day in 2021, then a
/// script of (day step, event) pushes; rejected pushes are skipped.
fn build(seed: &Seed, n: usize) -> QualityCase {
    let (unit, category, lss, day, script) = seed;
    let received = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Days::new(u64::from(*day % 365));
    let law = if *lss { SarahLaw::Lss } else { SarahLaw::Sol };
    let mut case = QualityCase::new(
        CaseId::new(&format!("C-{n}")).unwrap(),
        OrgUnit::new(UNITS[usize::from(*unit) % UNITS.len()]).unwrap(),
        Regime::LexSarah { law },
        CaseCategory::new(CATEGORIES[usize::from(*category) % CATEGORIES.len()]).unwrap(),
        received,
        ReceiverRole::Sas,
    );
    let mut date = received;
    for (step, code) in script {
        date = date + Days::new(u64::from(*step % 20));
        let before = case.events().to_vec();
        if case.push_event(date, kind(*code)).is_err() {
            assert_eq!(
                case.events(),
                &before[..],
                "a rejected event changed the case"
            );
        }
    }
    case
}

/// unit, category, LSS?, received day, script of (day step, event code).
type Seed = (u8, u8, bool, u16, Vec<(u8, u8)>);

fn seeds() -> impl Strategy<Value = Vec<Seed>> {
    prop::collection::vec(
        (
            any::<u8>(),
            any::<u8>(),
            any::<bool>(),
            any::<u16>(),
            prop::collection::vec((any::<u8>(), any::<u8>()), 0..10),
        ),
        0..40,
    )
}

fn year_2021() -> Period {
    "2021".parse().unwrap()
}

/// Whether some line of the published grid has exactly one hidden figure
/// (which its sum would give away): checked independently of
/// `is_protected`.
fn some_line_has_one_hidden(t: &SuppressedTable) -> bool {
    let hidden = |c: Option<namnd_calc::suppress::PublishedCount>| c.is_some_and(|c| c.is_hidden());
    let rows = t.rows();
    let columns = t.columns();
    let row_lines = rows.iter().map(|r| {
        columns.iter().filter(|c| hidden(t.cell(r, c))).count()
            + usize::from(hidden(t.row_total(r)))
    });
    let column_lines = columns.iter().map(|c| {
        rows.iter().filter(|r| hidden(t.cell(r, c))).count()
            + usize::from(hidden(t.column_total(c)))
    });
    let totals_row = columns.iter().filter(|c| hidden(t.column_total(c))).count()
        + usize::from(t.grand_total().is_hidden());
    let totals_column = rows.iter().filter(|r| hidden(t.row_total(r))).count()
        + usize::from(t.grand_total().is_hidden());
    row_lines
        .chain(column_lines)
        .chain([totals_row, totals_column])
        .any(|n| n == 1)
}

/// Days from the report to the last investigation finished while the case
/// was under Lex Sarah, replayed independently of the library.
fn days_finished_under_lex_sarah(case: &QualityCase) -> Option<i64> {
    let mut regime = case.initial_regime();
    let mut last = None;
    for e in case.events() {
        match e.kind() {
            CaseEventKind::Redirected { to } => regime = *to,
            CaseEventKind::InvestigationFinished { .. } if regime.is_lex_sarah() => {
                last = Some(e.date());
            }
            _ => {}
        }
    }
    last.map(|d| (d - case.received()).num_days())
}

/// The day `date` + `days`.
fn plus(date: NaiveDate, days: u32) -> NaiveDate {
    date + Days::new(u64::from(days))
}

proptest! {
    #[test]
    fn overdue_due_is_start_plus_n_and_days_late_is_positive(
        seed in seeds(),
        within in 0_u32..30,
        report_within in 0_u32..15,
        as_of_day in 0_u64..500,
    ) {
        let mut deadlines = InternalDeadlines::default();
        deadlines.investigation_finished_within_days = within;
        deadlines.report_to_ivo_within_days_of_assessment = report_within;
        let as_of = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Days::new(as_of_day);
        for (n, s) in seed.iter().enumerate() {
            let case = build(s, n);
            // Where each clock may start: the report, or a redirect to a regime.
            let mut investigation_starts = vec![case.received()];
            let mut serious = Vec::new();
            for e in case.events() {
                match e.kind() {
                    CaseEventKind::Redirected { to } if !to.is_none() => investigation_starts.push(e.date()),
                    CaseEventKind::Assessed(Assessment::Serious) => serious.push(e.date()),
                    _ => {}
                }
            }
            for o in case.overdue(&deadlines, as_of) {
                prop_assert!(o.days_late > 0);
                let end = o.done.unwrap_or(as_of);
                prop_assert!(end <= as_of);
                prop_assert_eq!((end - o.due).num_days(), o.days_late);
                match o.kind {
                    DeadlineKind::InvestigationFinished => prop_assert!(
                        investigation_starts.iter().any(|&d| plus(d, within) == o.due)
                    ),
                    DeadlineKind::ReportToIvo => prop_assert!(
                        serious.iter().any(|&d| plus(d, report_within) == o.due)
                    ),
                    _ => prop_assert!(false, "unexpected deadline {:?}", o.kind),
                }
            }
        }
    }

    #[test]
    fn accepted_history_replays_into_a_fresh_case(seed in seeds()) {
        for (n, s) in seed.iter().enumerate() {
            let case = build(s, n);
            let mut fresh = QualityCase::new(
                case.id().clone(), case.unit().clone(), case.initial_regime(),
                case.category().clone(), case.received(), case.receiver(),
            );
            for e in case.events() {
                prop_assert!(fresh.push_event(e.date(), e.kind().clone()).is_ok());
            }
            prop_assert_eq!(fresh.status(), case.status());
            // Events are in date order.
            prop_assert!(case.events().windows(2).all(|w| w[0].date() <= w[1].date()));
        }
    }

    #[test]
    fn funnel_buckets_reconcile_with_reports(seed in seeds()) {
        let cases: Vec<QualityCase> = seed.iter().enumerate().map(|(n, s)| build(s, n)).collect();
        let funnel = SarahFunnel::compute(&cases, &FunnelScope::new(RegimeFilter::LexSarah, year_2021())).unwrap();
        prop_assert!(funnel.reconciles());
        prop_assert_eq!(funnel.reports, cases.len() as u64);
        // Independent count of the buckets.
        for outcome in FunnelOutcome::ALL {
            let n = cases.iter().filter(|c| c.funnel_outcome() == outcome).count() as u64;
            prop_assert_eq!(funnel.count(outcome), n);
        }
        let sum: u64 = FunnelOutcome::ALL.iter().map(|o| funnel.count(*o)).sum();
        prop_assert_eq!(sum, funnel.reports);
        // SoL and LSS funnels add up to the whole.
        let sol = SarahFunnel::compute(&cases, &FunnelScope::new(RegimeFilter::LexSarahUnder(SarahLaw::Sol), year_2021())).unwrap();
        let lss = SarahFunnel::compute(&cases, &FunnelScope::new(RegimeFilter::LexSarahUnder(SarahLaw::Lss), year_2021())).unwrap();
        prop_assert_eq!(sol.reports + lss.reports, funnel.reports);
        prop_assert_eq!(sol.reported_to_ivo + lss.reported_to_ivo, funnel.reported_to_ivo);
    }

    #[test]
    fn median_lies_between_shortest_and_longest(seed in seeds()) {
        let cases: Vec<QualityCase> = seed.iter().enumerate().map(|(n, s)| build(s, n)).collect();
        let funnel = SarahFunnel::compute(&cases, &FunnelScope::new(RegimeFilter::LexSarah, year_2021())).unwrap();
        // Only investigations finished while under Lex Sarah (the scope's regime).
        let days: Vec<i64> = cases.iter().filter_map(days_finished_under_lex_sarah).collect();
        prop_assert_eq!(funnel.finished_investigations, days.len() as u64);
        match (days.iter().min(), days.iter().max(), funnel.median_days_to_finished_investigation) {
            (Some(lo), Some(hi), Some(m)) => {
                prop_assert!(m >= namnd_core::Decimal::from(*lo) && m <= namnd_core::Decimal::from(*hi));
            }
            (None, None, None) => {}
            other => prop_assert!(false, "median and days disagree: {other:?}"),
        }
    }

    #[test]
    fn committee_table_cannot_be_undone_from_the_margins(seed in seeds(), min_shown in 2_u64..8) {
        let cases: Vec<QualityCase> = seed.iter().enumerate().map(|(n, s)| build(s, n)).collect();
        let scope = FunnelScope::new(RegimeFilter::LexSarah, year_2021());
        let policy = SmallCountPolicy::new(min_shown).unwrap();
        for (rows, columns) in [
            (CaseAxis::Unit, CaseAxis::Category),
            (CaseAxis::Category, CaseAxis::Outcome),
            (CaseAxis::Unit, CaseAxis::OpenOrClosed),
        ] {
            let table = case_table(&cases, &scope, rows, columns).unwrap();
            prop_assert_eq!(table.grand_total(), cases.len() as u64);
            let published = table.suppress(policy);
            prop_assert!(published.is_protected());
            prop_assert!(!some_line_has_one_hidden(&published));
            // Every small count is hidden.
            for r in table.rows() {
                for c in table.columns() {
                    let count = table.count(r, c).unwrap();
                    if policy.is_small(count) {
                        prop_assert!(published.cell(r, c).unwrap().is_hidden());
                    }
                }
            }
        }
    }

    #[test]
    fn published_funnel_never_hides_exactly_one_figure(seed in seeds()) {
        let cases: Vec<QualityCase> = seed.iter().enumerate().map(|(n, s)| build(s, n)).collect();
        let funnel = SarahFunnel::compute(&cases, &FunnelScope::new(RegimeFilter::LexSarah, year_2021())).unwrap();
        let published = funnel.published(SmallCountPolicy::default()).unwrap();
        let hidden = published.buckets.iter().filter(|(_, c)| c.is_hidden()).count()
            + usize::from(published.total.is_hidden());
        prop_assert_ne!(hidden, 1);
        for (_, c) in &published.buckets {
            if let Some(v) = c.value() {
                prop_assert!(v == 0 || v >= 5);
            }
        }
        if funnel.finished_investigations < 5 {
            prop_assert_eq!(published.median_days_to_finished_investigation, None);
        }
        // The breakdowns: published only under a shown figure, never with
        // exactly one hidden part, and every shown part is the real count.
        let bucket = |o: FunnelOutcome| published.buckets.iter().find(|(l, _)| *l == o.to_string()).map(|(_, c)| *c).unwrap();
        for (list, parent) in [
            (&published.ivo, bucket(FunnelOutcome::ReportedToIvo)),
            (&published.redirect_targets, bucket(FunnelOutcome::Redirected)),
            (&published.open_closed, published.total),
        ] {
            if parent.is_hidden() {
                prop_assert!(list.is_empty());
            }
            if !list.is_empty() {
                prop_assert_ne!(list.iter().filter(|(_, c)| c.is_hidden()).count(), 1);
                let shown: u64 = list.iter().filter_map(|(_, c)| c.value()).sum();
                prop_assert!(shown <= parent.value().unwrap());
            }
        }
        if let Some(open) = published.open_closed.first().and_then(|(_, c)| c.value()) {
            prop_assert_eq!(open, funnel.open);
        }
    }
}
