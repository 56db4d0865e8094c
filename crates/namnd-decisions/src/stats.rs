//! Statistics of unexecuted decisions for the municipal council
//! (*kommunfullmäktige*, KF) and the auditors (*revisorer*).
//!
//! | Item | What it is |
//! |---|---|
//! | [`StatisticsReport::compute`] | the full statistics of a quarter: **unsuppressed, for IVO and internal use only** |
//! | [`QuarterStatistics`] | counts of `unexecuted` decisions and distinct persons: total, by law × insats × gender ([`CategoryKey`]), by waiting-time band ([`WaitingBand`]), exposure ([`Exposure`]) |
//! | [`YearOverYear`] | the same quarter the year before, and the change |
//! | [`SpecialFeeHistory`] | court rulings on *särskild avgift* up to the end of the quarter, and their total |
//! | [`LegalCitation`] | the provisions in force at the end of the quarter, from namnd-core's [`DutyTable`] |
//! | [`StatisticsReport::committee_version`] | the version for public committee papers: small counts suppressed ([`CommitteeStatistics`]) |
//! | [`whole_months`] | the month count the bands use |
//! | [`waited_more_than`] | the date test exposure uses |
//!
//! ## What is counted
//! Only entries of kind `unexecuted` ([`ReportKind::Unexecuted`]) at the
//! end of the quarter E. Interruptions not resumed are counted separately
//! ([`QuarterStatistics::interrupted_not_resumed`]). Persons are distinct
//! per figure: a person with two decisions counts once in the total, once in
//! each category and band they appear in, so person counts by category do
//! not add up to the person total.
//!
//! ## Waiting time in months
//! The waiting time is counted in **whole calendar months** from the
//! decision date to E: the largest `m` such that the decision date plus `m`
//! months (clamped to the end of the month, as the deadline is) is on or
//! before E ([`whole_months`]). An `unexecuted` decision has waited at least
//! three whole months, since its deadline is before E. Bands: 3–6, 7–9,
//! 10–12, 13–17 and 18 or more months.
//!
//! **Exposure** (decisions waiting "more than 6 months" and "more than 12
//! months") is **by date**, not by whole months: a decision is in it when
//! its decision date plus 6 (12) calendar months, clamped to the end of the
//! month as the deadline is, is before E ([`waited_more_than`]). At
//! E = 2024-03-31 a decision of 2023-09-10 (+6 → 2024-03-10) is more than 6
//! months although it has waited 6 whole months (band 3–6); a decision of
//! 2023-12-30 at E = 2024-06-30 (+6 → E itself) is not. Persons are counted
//! too. Interruptions not resumed have their own exposure, from the
//! interruption date ([`QuarterStatistics::interrupted_exposure`]), apart
//! from the decisions'.
//!
//! ## Example
//! ```
//! use chrono::NaiveDate;
//! use namnd_calc::suppress::SmallCountPolicy;
//! use namnd_core::{LegalGender, Quarter};
//! use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
//! use namnd_decisions::stats::{StatisticsReport, WaitingBand};
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let decision = Decision::new(DecisionId::new("1")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
//!     Insats::Hemtjanst, d(2023, 9, 10)?, LegalGender::Female, 1940)?;
//! let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
//! assert_eq!(stats.current.by_band[&WaitingBand::Months3To6].decisions, 1); // 6 whole months
//! assert_eq!(stats.current.exposure.over_6_months.decisions, 1); // 2024-03-10 < 2024-03-31
//! let committee = stats.committee_version(SmallCountPolicy::default())?;
//! assert_eq!(committee.exposure_over_6_months.to_string(), "..");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

//! ## The committee version
//! Committee papers are public (*allmänna handlingar*), so the committee
//! version suppresses small counts with [`namnd_calc::suppress`]
//! (configurable [`SmallCountPolicy`], default: counts 1–4 hidden), with
//! complementary suppression so that no total minus the others reveals a
//! hidden count. Decisions and distinct persons each have a table by
//! category and by waiting band (person totals add the cells). Figures
//! outside the tables are hidden when small, and also:
//! - exposure (decisions) is the sum of the bands above it plus the part of
//!   the band it splits (3–6 for "more than 6", 10–12 for "more than 12")
//!   that is over by date; it is shown only when the band table gives that
//!   sum, and both parts of the split band are 0 or not small;
//! - persons in exposure are shown only when the decisions' exposure and
//!   the person total are shown and neither the figure nor the person total
//!   minus it is small; the same for interruptions over 6 months (of all
//!   interruptions not resumed) and over 12 months (of those over 6);
//! - a year-over-year change is shown only when both published totals it
//!   is derived from are shown: for decisions, the published grand totals of
//!   this and last year's category tables.
//!
//! Rulings on särskild avgift are public court decisions and are listed by
//! date and amount only, without decision ids.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use namnd_calc::suppress::{CountTable, PublishedCount, SmallCountPolicy, SuppressedTable};
use namnd_core::law::{Duty, DutyTable};
use namnd_core::{Decimal, LegalGender, Quarter};
use serde_json::{Value, json};

use crate::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
use crate::error::{DecisionsError, Result};
use crate::quarter::{
    InterruptionState, QuarterReport, ReportKind, gender_code, len_u64, quarter_code,
};

/// Whole calendar months from `from` to `to`: the largest `m` with `from`
/// plus `m` months (clamped to the month's end) on or before `to`; 0 when
/// `to` is before `from`.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::stats::whole_months;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// assert_eq!(whole_months(d(2023, 11, 30)?, d(2024, 2, 29)?), 3); // clamped: 2024-02-29
/// assert_eq!(whole_months(d(2023, 12, 15)?, d(2024, 3, 14)?), 2);
/// assert_eq!(whole_months(d(2023, 12, 15)?, d(2024, 3, 15)?), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    if to <= from {
        return 0;
    }
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let mut m = u32::try_from(index(to) - index(from)).unwrap_or(0);
    while m > 0
        && from
            .checked_add_months(chrono::Months::new(m))
            .is_none_or(|d| d > to)
    {
        m -= 1;
    }
    m
}

/// Whether a wait from `from` is **more than** `months` calendar months at
/// `end`: `from` plus `months` months (clamped to the month's end, as the
/// deadline is) is before `end`. Exposure uses this, by date; the waiting
/// bands use [`whole_months`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::stats::waited_more_than;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let end = d(2024, 3, 31)?;
/// assert!(waited_more_than(d(2023, 9, 10)?, 6, end)); // 2024-03-10 < 2024-03-31
/// assert!(waited_more_than(d(2023, 9, 30)?, 6, end)); // 2024-03-30 < 2024-03-31
/// assert!(!waited_more_than(d(2023, 10, 1)?, 6, end)); // 2024-04-01
/// // On the day exactly six months after it is not yet more than six months.
/// let end = d(2024, 6, 30)?;
/// assert!(!waited_more_than(d(2023, 12, 30)?, 6, end));
/// assert!(!waited_more_than(d(2023, 12, 31)?, 6, end)); // clamped: 2024-06-30
/// assert!(waited_more_than(d(2023, 12, 29)?, 6, end));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn waited_more_than(from: NaiveDate, months: u32, end: NaiveDate) -> bool {
    from.checked_add_months(chrono::Months::new(months))
        .is_some_and(|d| d < end)
}

/// A waiting-time band in whole months ([`whole_months`]).
///
/// # Example
/// ```
/// use namnd_decisions::stats::WaitingBand;
/// assert_eq!(WaitingBand::of_months(6), WaitingBand::Months3To6);
/// assert_eq!(WaitingBand::of_months(7), WaitingBand::Months7To9);
/// assert_eq!(WaitingBand::of_months(18).label(), "18+ månader");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum WaitingBand {
    /// 3 to 6 whole months (fewer than 3 cannot occur for an unexecuted
    /// decision and is counted here too).
    #[cfg_attr(feature = "serde", serde(rename = "3-6"))]
    Months3To6,
    /// 7 to 9 whole months.
    #[cfg_attr(feature = "serde", serde(rename = "7-9"))]
    Months7To9,
    /// 10 to 12 whole months.
    #[cfg_attr(feature = "serde", serde(rename = "10-12"))]
    Months10To12,
    /// 13 to 17 whole months.
    #[cfg_attr(feature = "serde", serde(rename = "13-17"))]
    Months13To17,
    /// 18 whole months or more.
    #[cfg_attr(feature = "serde", serde(rename = "18+"))]
    Months18Plus,
}

impl WaitingBand {
    /// Every band, shortest wait first.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::stats::WaitingBand;
    /// assert_eq!(WaitingBand::ALL.len(), 5);
    /// ```
    pub const ALL: &'static [WaitingBand] = &[
        WaitingBand::Months3To6,
        WaitingBand::Months7To9,
        WaitingBand::Months10To12,
        WaitingBand::Months13To17,
        WaitingBand::Months18Plus,
    ];

    /// The band of a wait of `months` whole months.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::stats::WaitingBand;
    /// assert_eq!(WaitingBand::of_months(3), WaitingBand::Months3To6);
    /// assert_eq!(WaitingBand::of_months(12), WaitingBand::Months10To12);
    /// assert_eq!(WaitingBand::of_months(13), WaitingBand::Months13To17);
    /// ```
    pub fn of_months(months: u32) -> Self {
        match months {
            0..=6 => WaitingBand::Months3To6,
            7..=9 => WaitingBand::Months7To9,
            10..=12 => WaitingBand::Months10To12,
            13..=17 => WaitingBand::Months13To17,
            _ => WaitingBand::Months18Plus,
        }
    }

    /// The label in reports (`3–6 månader`).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::stats::WaitingBand;
    /// assert_eq!(WaitingBand::Months7To9.label(), "7–9 månader");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            WaitingBand::Months3To6 => "3–6 månader",
            WaitingBand::Months7To9 => "7–9 månader",
            WaitingBand::Months10To12 => "10–12 månader",
            WaitingBand::Months13To17 => "13–17 månader",
            WaitingBand::Months18Plus => "18+ månader",
        }
    }

    /// Whether a wait in this band is more than 6 months (7 or more whole
    /// months).
    fn over_6(self) -> bool {
        self != WaitingBand::Months3To6
    }

    /// Whether a wait in this band is more than 12 months (13 or more whole
    /// months).
    fn over_12(self) -> bool {
        matches!(self, WaitingBand::Months13To17 | WaitingBand::Months18Plus)
    }
}

/// Decisions and distinct persons.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// let total = stats.current.total;
/// assert_eq!((total.decisions, total.persons), (1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Counts {
    /// Decisions.
    pub decisions: u64,
    /// Distinct persons.
    pub persons: u64,
}

/// Law × insats × gender: the key of [`QuarterStatistics::by_category`]
/// (exhaustive, so that callers can build one to look up).
///
/// # Example
/// ```
/// use namnd_core::LegalGender;
/// use namnd_decisions::decision::{DecisionLaw, Insats};
/// use namnd_decisions::stats::CategoryKey;
/// let key = CategoryKey { law: DecisionLaw::SoL, insats: Insats::Hemtjanst, gender: LegalGender::Male };
/// assert_eq!(key.insats.law(), key.law);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryKey {
    /// SoL or LSS.
    pub law: DecisionLaw,
    /// The service.
    pub insats: Insats,
    /// Legal gender.
    pub gender: LegalGender,
}

/// Decisions (and persons) waiting more than 6 and more than 12 months at
/// the end of the quarter, by date ([`waited_more_than`]).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// use namnd_decisions::stats::Exposure;
/// let Exposure { over_6_months, over_12_months, .. } = stats.current.exposure;
/// assert_eq!((over_6_months.decisions, over_12_months.decisions), (1, 1)); // 2023-01-10 + 12 < E
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Exposure {
    /// Waiting more than 6 months.
    pub over_6_months: Counts,
    /// Waiting more than 12 months.
    pub over_12_months: Counts,
}

/// Counting distinct persons: a decision count and a person set.
#[derive(Default)]
struct Tally<'a> {
    decisions: u64,
    persons: BTreeSet<&'a PersonRef>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, person: &'a PersonRef) {
        self.decisions = self.decisions.saturating_add(1);
        self.persons.insert(person);
    }

    fn counts(&self) -> Counts {
        Counts {
            decisions: self.decisions,
            persons: len_u64(self.persons.len()),
        }
    }
}

/// The statistics of one quarter's `unexecuted` decisions.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// assert_eq!(stats.current.quarter.to_string(), "Q1 2024");
/// assert_eq!(stats.current.by_category.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuarterStatistics {
    /// The quarter.
    pub quarter: Quarter,
    /// All `unexecuted` decisions and their distinct persons.
    pub total: Counts,
    /// By law × insats × gender (only categories that occur).
    pub by_category: BTreeMap<CategoryKey, Counts>,
    /// By waiting-time band (every band, zero included).
    pub by_band: BTreeMap<WaitingBand, Counts>,
    /// By waiting-time band and gender (decisions; only pairs that occur).
    pub by_band_and_gender: BTreeMap<(WaitingBand, LegalGender), Counts>,
    /// Waiting more than 6 and 12 months, from the decision date.
    pub exposure: Exposure,
    /// Interruptions not resumed (not part of the other figures).
    pub interrupted_not_resumed: Counts,
    /// Interruptions not resumed for more than 6 and 12 months, from the
    /// interruption date (listed apart from the decisions' exposure).
    pub interrupted_exposure: Exposure,
}

impl QuarterStatistics {
    /// The statistics of a report.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::quarter::QuarterReport;
    /// use namnd_decisions::stats::QuarterStatistics;
    /// let report = QuarterReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// let stats = QuarterStatistics::from_report(&report);
    /// assert_eq!(stats.total.decisions, 0);
    /// assert_eq!(stats.by_band.len(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_report(report: &QuarterReport) -> Self {
        let end = report.period_end();
        let mut total = Tally::default();
        let mut categories: BTreeMap<CategoryKey, Tally<'_>> = BTreeMap::new();
        let mut bands: BTreeMap<WaitingBand, Tally<'_>> = BTreeMap::new();
        let mut band_gender: BTreeMap<(WaitingBand, LegalGender), Tally<'_>> = BTreeMap::new();
        let mut over_6 = Tally::default();
        let mut over_12 = Tally::default();
        let mut interrupted = Tally::default();
        let mut interrupted_6 = Tally::default();
        let mut interrupted_12 = Tally::default();
        for entry in report.entries() {
            let person = entry.person();
            if entry.kind == ReportKind::Interrupted
                && entry.interruption_state == Some(InterruptionState::NotResumed)
            {
                interrupted.add(person);
                let since = entry.interruption_date.unwrap_or(entry.decision_date);
                if waited_more_than(since, 6, end) {
                    interrupted_6.add(person);
                }
                if waited_more_than(since, 12, end) {
                    interrupted_12.add(person);
                }
            }
            if entry.kind != ReportKind::Unexecuted {
                continue;
            }
            total.add(person);
            let key = CategoryKey {
                law: entry.law,
                insats: entry.insats,
                gender: entry.gender,
            };
            categories.entry(key).or_default().add(person);
            let band = WaitingBand::of_months(whole_months(entry.decision_date, end));
            bands.entry(band).or_default().add(person);
            band_gender
                .entry((band, entry.gender))
                .or_default()
                .add(person);
            if waited_more_than(entry.decision_date, 6, end) {
                over_6.add(person);
            }
            if waited_more_than(entry.decision_date, 12, end) {
                over_12.add(person);
            }
        }
        QuarterStatistics {
            quarter: report.quarter(),
            total: total.counts(),
            by_category: categories.iter().map(|(k, t)| (*k, t.counts())).collect(),
            by_band: WaitingBand::ALL
                .iter()
                .map(|b| (*b, bands.get(b).map(Tally::counts).unwrap_or_default()))
                .collect(),
            by_band_and_gender: band_gender.iter().map(|(k, t)| (*k, t.counts())).collect(),
            exposure: Exposure {
                over_6_months: over_6.counts(),
                over_12_months: over_12.counts(),
            },
            interrupted_not_resumed: interrupted.counts(),
            interrupted_exposure: Exposure {
                over_6_months: interrupted_6.counts(),
                over_12_months: interrupted_12.counts(),
            },
        }
    }
}

/// This quarter against the same quarter the year before.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// let y = stats.year_over_year.ok_or("year over year")?;
/// assert_eq!(y.previous_quarter.to_string(), "Q1 2023");
/// assert_eq!((y.previous.decisions, y.current.decisions, y.decisions_change), (0, 1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct YearOverYear {
    /// The quarter a year before.
    pub previous_quarter: Quarter,
    /// Its totals.
    pub previous: Counts,
    /// This quarter's totals.
    pub current: Counts,
    /// Change in decisions (current − previous).
    pub decisions_change: i64,
    /// Change in distinct persons (current − previous).
    pub persons_change: i64,
}

/// One court ruling on a särskild avgift.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{Decimal, LegalGender};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
/// use namnd_decisions::stats::SpecialFeeHistory;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::SarskiltBoende, d(2022, 1, 10)?, LegalGender::Female, 1941)?
///     .with_event(Event::SpecialFeeRuling { date: d(2023, 5, 2)?, amount: Decimal::from(80_000) })?;
/// let history = SpecialFeeHistory::collect(&[decision], d(2024, 3, 31)?)?;
/// let ruling = history.rulings.first().ok_or("ruling")?;
/// assert_eq!((ruling.decision.as_str(), ruling.amount), ("17", Decimal::from(80_000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SpecialFeeRuling {
    /// The decision the fee concerns.
    pub decision: DecisionId,
    /// SoL or LSS.
    pub law: DecisionLaw,
    /// The service.
    pub insats: Insats,
    /// The date of the ruling.
    pub date: NaiveDate,
    /// The fee imposed, in kronor (zero when the court rejected IVO's
    /// application).
    pub amount: Decimal,
}

/// *Särskild avgift* history: court rulings up to the end of the quarter,
/// oldest first, and the total imposed.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::stats::SpecialFeeHistory;
/// let history = SpecialFeeHistory::collect(&[], NaiveDate::from_ymd_opt(2024, 3, 31).ok_or("date")?)?;
/// assert!(history.rulings.is_empty());
/// assert!(history.total.is_zero());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SpecialFeeHistory {
    /// The rulings, by date then decision id.
    pub rulings: Vec<SpecialFeeRuling>,
    /// The sum of the amounts, in kronor.
    pub total: Decimal,
}

impl SpecialFeeHistory {
    /// The rulings of `decisions` dated on or before `end`.
    ///
    /// # Errors
    /// [`DecisionsError::Overflow`] if the total does not fit a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{Decimal, LegalGender};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// use namnd_decisions::stats::SpecialFeeHistory;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::Lss,
    ///     Insats::DagligVerksamhet, d(2022, 1, 10)?, LegalGender::Male, 1990)?
    ///     .with_event(Event::SpecialFeeRuling { date: d(2023, 5, 2)?, amount: Decimal::from(80_000) })?
    ///     .with_event(Event::SpecialFeeRuling { date: d(2024, 5, 2)?, amount: Decimal::from(20_000) })?;
    /// // Only rulings up to the end date count.
    /// let history = SpecialFeeHistory::collect(&[decision], d(2024, 3, 31)?)?;
    /// assert_eq!((history.rulings.len(), history.total), (1, Decimal::from(80_000)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn collect(decisions: &[Decision], end: NaiveDate) -> Result<Self> {
        let mut rulings: Vec<SpecialFeeRuling> = decisions
            .iter()
            .flat_map(|d| {
                d.special_fee_rulings()
                    .into_iter()
                    .filter(|(date, _)| *date <= end)
                    .map(|(date, amount)| SpecialFeeRuling {
                        decision: d.id().clone(),
                        law: d.law(),
                        insats: d.insats(),
                        date,
                        amount,
                    })
            })
            .collect();
        rulings.sort_by(|a, b| (a.date, &a.decision).cmp(&(b.date, &b.decision)));
        let mut total = Decimal::ZERO;
        for r in &rulings {
            total = total
                .checked_add(r.amount)
                .ok_or(DecisionsError::Overflow {
                    what: "särskild avgift total",
                })?;
        }
        Ok(SpecialFeeHistory { rulings, total })
    }
}

/// A provision to cite in the report: the duty, the act, and the
/// reference in force at the end of the quarter (`None` when the table has
/// none for that date).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::law::{Duty, DutyTable};
/// use namnd_decisions::decision::DecisionLaw;
/// use namnd_decisions::stats::legal_citations;
/// let day = NaiveDate::from_ymd_opt(2024, 3, 31).ok_or("date")?;
/// let cites = legal_citations(&DutyTable::standard(), day);
/// let lss = cites.iter().find(|c| c.duty == Duty::ReportUnexecutedDecisions && c.law == DecisionLaw::Lss)
///     .ok_or("citation")?;
/// assert!(lss.citation.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LegalCitation {
    /// The duty.
    pub duty: Duty,
    /// SoL or LSS.
    pub law: DecisionLaw,
    /// The reference in short form (`16 kap. 6 f § SoL`).
    pub citation: Option<String>,
    /// Whether every reference of the entry is verified against its source.
    pub verified: bool,
}

/// The duties a report of unexecuted decisions cites.
const CITED_DUTIES: [Duty; 4] = [
    Duty::ReportUnexecutedDecisions,
    Duty::StatisticsToCouncil,
    Duty::ReportLaterExecution,
    Duty::SpecialFee,
];

/// The provisions in force on `date` for the cited duties under SoL and LSS.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::law::{Duty, DutyTable};
/// use namnd_decisions::decision::DecisionLaw;
/// use namnd_decisions::stats::legal_citations;
/// let day = NaiveDate::from_ymd_opt(2025, 9, 30).ok_or("date")?;
/// let cites = legal_citations(&DutyTable::standard(), day);
/// let c = cites.iter().find(|c| c.duty == Duty::StatisticsToCouncil && c.law == DecisionLaw::Lss)
///     .ok_or("citation")?;
/// assert_eq!(c.citation.as_deref(), Some("28 h § LSS"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn legal_citations(table: &DutyTable, date: NaiveDate) -> Vec<LegalCitation> {
    let mut out = Vec::new();
    for duty in CITED_DUTIES {
        for law in [DecisionLaw::SoL, DecisionLaw::Lss] {
            let entry = table.reference(duty, law.law(), date).ok();
            out.push(LegalCitation {
                duty,
                law,
                citation: entry.map(|e| e.cite_short()),
                verified: entry.is_some_and(|e| e.is_verified()),
            });
        }
    }
    out
}

/// The full statistics of a quarter, **unsuppressed: for IVO and internal
/// use only**. For committee papers use
/// [`StatisticsReport::committee_version`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{Decimal, LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
/// use namnd_decisions::stats::{StatisticsReport, WaitingBand};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::SarskiltBoende, d(2023, 1, 10)?, LegalGender::Female, 1941)?
///     .with_event(Event::SpecialFeeRuling { date: d(2024, 2, 1)?, amount: Decimal::from(50_000) })?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// assert_eq!(stats.current.total.decisions, 1);
/// assert_eq!(stats.current.by_band[&WaitingBand::Months13To17].decisions, 1); // 14 months
/// assert_eq!(stats.current.exposure.over_12_months.decisions, 1);
/// assert_eq!(stats.year_over_year.map(|y| y.decisions_change), Some(1));
/// assert_eq!(stats.special_fees.total, Decimal::from(50_000));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatisticsReport {
    /// The last day of the quarter (E).
    pub period_end: NaiveDate,
    /// This quarter.
    pub current: QuarterStatistics,
    /// The same quarter a year before (`None` before 1901).
    pub previous_year: Option<QuarterStatistics>,
    /// This quarter against the previous year.
    pub year_over_year: Option<YearOverYear>,
    /// Rulings on särskild avgift up to E.
    pub special_fees: SpecialFeeHistory,
    /// The provisions in force on E.
    pub legal_references: Vec<LegalCitation>,
}

/// `a − b` for counts, saturating at the ends of `i64`.
fn change(a: u64, b: u64) -> i64 {
    let a = i128::from(a);
    let b = i128::from(b);
    i64::try_from(a - b).unwrap_or(if a > b { i64::MAX } else { i64::MIN })
}

impl StatisticsReport {
    /// The statistics of `quarter`, with the same quarter a year before.
    ///
    /// # Errors
    /// As [`QuarterReport::compute`]; [`DecisionsError::Overflow`] for the
    /// särskild avgift total.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::stats::StatisticsReport;
    /// let stats = StatisticsReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(stats.current.total.decisions, 0);
    /// assert_eq!(stats.period_end.to_string(), "2024-03-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compute(decisions: &[Decision], quarter: Quarter) -> Result<Self> {
        let report = QuarterReport::compute(decisions, quarter)?;
        let previous = match Quarter::try_new(quarter.year().saturating_sub(1), quarter.number()) {
            Ok(q) => Some(QuarterReport::compute(decisions, q)?),
            Err(_) => None,
        };
        Self::from_reports(decisions, &report, previous.as_ref())
    }

    /// The statistics from reports already computed (`previous_year` should
    /// be the same quarter a year before).
    ///
    /// # Errors
    /// [`DecisionsError::Overflow`] for the särskild avgift total.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::quarter::QuarterReport;
    /// use namnd_decisions::stats::StatisticsReport;
    /// let report = QuarterReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// let stats = StatisticsReport::from_reports(&[], &report, None)?;
    /// assert_eq!(stats.current.total.decisions, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_reports(
        decisions: &[Decision],
        report: &QuarterReport,
        previous_year: Option<&QuarterReport>,
    ) -> Result<Self> {
        let current = QuarterStatistics::from_report(report);
        let previous_year = previous_year.map(QuarterStatistics::from_report);
        let year_over_year = previous_year.as_ref().map(|p| YearOverYear {
            previous_quarter: p.quarter,
            previous: p.total,
            current: current.total,
            decisions_change: change(current.total.decisions, p.total.decisions),
            persons_change: change(current.total.persons, p.total.persons),
        });
        let end = report.period_end();
        Ok(StatisticsReport {
            period_end: end,
            current,
            previous_year,
            year_over_year,
            special_fees: SpecialFeeHistory::collect(decisions, end)?,
            legal_references: legal_citations(&DutyTable::standard(), end),
        })
    }

    /// The version for public committee papers: small counts suppressed
    /// under `policy` (see the module documentation).
    ///
    /// # Errors
    /// [`DecisionsError::Calc`] if a table cannot be built (it always can for
    /// these labels).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::stats::StatisticsReport;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut decisions = Vec::new();
    /// for i in 0..3 {
    ///     decisions.push(Decision::new(DecisionId::new(&format!("{i}"))?,
    ///         PersonRef::new(&format!("p-{i}"))?, DecisionLaw::SoL, Insats::Hemtjanst,
    ///         d(2023, 10, 2)?, LegalGender::Male, 1950)?);
    /// }
    /// let stats = StatisticsReport::compute(&decisions, "2024Q1".parse::<Quarter>()?)?;
    /// let committee = stats.committee_version(SmallCountPolicy::default())?;
    /// assert_eq!(committee.decisions_by_category.grand_total().to_string(), "..");
    /// assert_eq!(committee.persons_total.to_string(), "..");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn committee_version(&self, policy: SmallCountPolicy) -> Result<CommitteeStatistics> {
        let current = &self.current;
        let (decisions, persons) = category_tables(current, policy)?;
        let genders = genders_of(current);
        let columns: Vec<String> = genders
            .iter()
            .map(|g| gender_label(*g).to_owned())
            .collect();
        let band_rows: Vec<String> = WaitingBand::ALL
            .iter()
            .map(|b| b.label().to_owned())
            .collect();
        let mut bands = CountTable::new(band_rows.clone(), columns.clone())?;
        let mut band_persons = CountTable::new(band_rows, columns)?;
        for ((band, gender), counts) in &current.by_band_and_gender {
            bands.add(band.label(), gender_label(*gender), counts.decisions)?;
            band_persons.add(band.label(), gender_label(*gender), counts.persons)?;
        }
        let bands = bands.suppress(policy);
        let band_count = |band: WaitingBand| current.by_band.get(&band).map_or(0, |c| c.decisions);
        let sum_of = |over: fn(&WaitingBand) -> bool| {
            WaitingBand::ALL
                .iter()
                .filter(|b| over(b))
                .fold(0_u64, |a, b| a.saturating_add(band_count(*b)))
        };
        let exposure_over_6 = exposure_count(
            &bands,
            |b| b.over_6(),
            current.exposure.over_6_months.decisions,
            sum_of(|b| b.over_6()),
            band_count(WaitingBand::Months3To6),
            policy,
        );
        let exposure_over_12 = exposure_count(
            &bands,
            |b| b.over_12(),
            current.exposure.over_12_months.decisions,
            sum_of(|b| b.over_12()),
            band_count(WaitingBand::Months10To12),
            policy,
        );
        let persons_total = CommitteeCount::single(current.total.persons, policy);
        let persons_over_6 = part_of(
            persons_total,
            current.exposure.over_6_months.persons,
            current.total.persons,
            !exposure_over_6.is_hidden(),
            policy,
        );
        let persons_over_12 = part_of(
            persons_over_6,
            current.exposure.over_12_months.persons,
            current.exposure.over_6_months.persons,
            !exposure_over_12.is_hidden(),
            policy,
        );
        let interrupted = CommitteeCount::single(current.interrupted_not_resumed.decisions, policy);
        let interrupted_over_6 = part_of(
            interrupted,
            current.interrupted_exposure.over_6_months.decisions,
            current.interrupted_not_resumed.decisions,
            true,
            policy,
        );
        let interrupted_over_12 = part_of(
            interrupted_over_6,
            current.interrupted_exposure.over_12_months.decisions,
            current.interrupted_exposure.over_6_months.decisions,
            true,
            policy,
        );
        let current_decisions = CommitteeCount::from(decisions.grand_total());
        let year_over_year = match (&self.year_over_year, &self.previous_year) {
            (Some(y), Some(previous)) => {
                let (previous_table, _) = category_tables(previous, policy)?;
                let previous_decisions = CommitteeCount::from(previous_table.grand_total());
                let previous_persons = CommitteeCount::single(y.previous.persons, policy);
                let change = |a: CommitteeCount, b: CommitteeCount| match (a.value, b.value) {
                    (Some(a), Some(b)) => Some(change(a, b)),
                    _ => None,
                };
                Some(CommitteeYearOverYear {
                    previous_quarter: y.previous_quarter,
                    previous_decisions,
                    previous_persons,
                    current_decisions,
                    current_persons: persons_total,
                    decisions_change: change(current_decisions, previous_decisions),
                    persons_change: change(persons_total, previous_persons),
                })
            }
            _ => None,
        };
        Ok(CommitteeStatistics {
            quarter: current.quarter,
            period_end: self.period_end,
            policy,
            decisions_by_category: decisions,
            persons_by_category: persons,
            decisions_by_band: bands,
            persons_by_band: band_persons.suppress(policy),
            persons_total,
            exposure_over_6_months: exposure_over_6,
            exposure_over_12_months: exposure_over_12,
            persons_over_6_months: persons_over_6,
            persons_over_12_months: persons_over_12,
            interrupted_not_resumed: interrupted,
            interrupted_over_6_months: interrupted_over_6,
            interrupted_over_12_months: interrupted_over_12,
            year_over_year,
            special_fee_rulings: self
                .special_fees
                .rulings
                .iter()
                .map(|r| (r.date, r.amount))
                .collect(),
            special_fee_total: self.special_fees.total,
            legal_references: self.legal_references.clone(),
        })
    }

    /// The full statistics as JSON (unsuppressed: IVO and internal use
    /// only). Decision ids appear only in the särskild avgift list.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::stats::StatisticsReport;
    /// let stats = StatisticsReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// let json = stats.to_json();
    /// assert_eq!(json["quarter"], "2024Q1");
    /// assert_eq!(json["unexecuted_decisions"], 0);
    /// assert_eq!(json["version"], "internal");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Value {
        let c = &self.current;
        json!({
            "version": "internal",
            "quarter": quarter_code(c.quarter),
            "period_end": self.period_end.to_string(),
            "unexecuted_decisions": c.total.decisions,
            "unexecuted_persons": c.total.persons,
            "by_category": c.by_category.iter().map(|(k, v)| json!({
                "law": k.law.to_string(),
                "insats": k.insats.to_string(),
                "gender": gender_code(k.gender),
                "decisions": v.decisions,
                "persons": v.persons,
            })).collect::<Vec<_>>(),
            "by_waiting_band": c.by_band.iter().map(|(b, v)| json!({
                "band": b.label(),
                "decisions": v.decisions,
                "persons": v.persons,
            })).collect::<Vec<_>>(),
            "exposure": {
                "over_6_months": {"decisions": c.exposure.over_6_months.decisions, "persons": c.exposure.over_6_months.persons},
                "over_12_months": {"decisions": c.exposure.over_12_months.decisions, "persons": c.exposure.over_12_months.persons},
            },
            "interrupted_not_resumed": {"decisions": c.interrupted_not_resumed.decisions, "persons": c.interrupted_not_resumed.persons},
            "interrupted_exposure": {
                "over_6_months": {"decisions": c.interrupted_exposure.over_6_months.decisions, "persons": c.interrupted_exposure.over_6_months.persons},
                "over_12_months": {"decisions": c.interrupted_exposure.over_12_months.decisions, "persons": c.interrupted_exposure.over_12_months.persons},
            },
            "year_over_year": self.year_over_year.map(|y| json!({
                "previous_quarter": quarter_code(y.previous_quarter),
                "previous_decisions": y.previous.decisions,
                "previous_persons": y.previous.persons,
                "decisions_change": y.decisions_change,
                "persons_change": y.persons_change,
            })),
            "special_fees": {
                "rulings": self.special_fees.rulings.iter().map(|r| json!({
                    "decision": r.decision.as_str(),
                    "law": r.law.to_string(),
                    "insats": r.insats.to_string(),
                    "date": r.date.to_string(),
                    "amount": r.amount.to_string(),
                })).collect::<Vec<_>>(),
                "total": self.special_fees.total.to_string(),
            },
            "legal_references": citations_json(&self.legal_references),
        })
    }
}

fn citations_json(cites: &[LegalCitation]) -> Value {
    Value::Array(
        cites
            .iter()
            .map(|c| {
                json!({
                    "duty": c.duty.swedish_term(),
                    "law": c.law.to_string(),
                    "citation": c.citation,
                    "verified": c.verified,
                })
            })
            .collect(),
    )
}

/// The column label of a gender in committee tables.
fn gender_label(gender: LegalGender) -> &'static str {
    match gender {
        LegalGender::Female => "kvinnor",
        LegalGender::Male => "män",
        _ => "övriga",
    }
}

/// A figure outside the tables of the committee version: the number, or
/// hidden (printed as the policy's [mark](SmallCountPolicy::mark), `..`, the
/// same for every hidden figure whatever the reason: a figure hidden to
/// protect another may be 5 or more, so `<5` would be false).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// use namnd_calc::suppress::SmallCountPolicy;
/// let committee = stats.committee_version(SmallCountPolicy::default())?;
/// // One decision: hidden, printed as the neutral mark.
/// assert!(committee.persons_total.is_hidden());
/// assert_eq!(committee.persons_total.to_string(), "..");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommitteeCount {
    value: Option<u64>,
    policy: SmallCountPolicy,
}

impl CommitteeCount {
    /// A single figure: hidden when small.
    fn single(value: u64, policy: SmallCountPolicy) -> Self {
        CommitteeCount {
            value: (!policy.is_small(value)).then_some(value),
            policy,
        }
    }

    /// The published value, `None` when hidden.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::stats::StatisticsReport;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
    /// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// let committee = stats.committee_version(SmallCountPolicy::default())?;
    /// assert_eq!(committee.persons_total.value(), None);
    /// assert_eq!(committee.interrupted_not_resumed.value(), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(self) -> Option<u64> {
        self.value
    }

    /// Whether the figure is hidden.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::stats::StatisticsReport;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
    /// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// let committee = stats.committee_version(SmallCountPolicy::default())?;
    /// assert!(committee.exposure_over_12_months.is_hidden());
    /// assert!(!committee.interrupted_not_resumed.is_hidden());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_hidden(self) -> bool {
        self.value.is_none()
    }
}

impl From<PublishedCount> for CommitteeCount {
    fn from(count: PublishedCount) -> Self {
        CommitteeCount {
            value: count.value(),
            policy: count.policy(),
        }
    }
}

impl core::fmt::Display for CommitteeCount {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.value {
            Some(v) => write!(f, "{v}"),
            None => f.write_str(self.policy.mark()),
        }
    }
}

/// The genders of the committee tables' columns: women and men always,
/// others when they occur.
fn genders_of(stats: &QuarterStatistics) -> Vec<LegalGender> {
    let mut g: BTreeSet<LegalGender> = [LegalGender::Female, LegalGender::Male].into();
    g.extend(stats.by_category.keys().map(|k| k.gender));
    g.into_iter().collect()
}

/// The decisions and persons tables by law – insats × gender, suppressed.
fn category_tables(
    stats: &QuarterStatistics,
    policy: SmallCountPolicy,
) -> Result<(SuppressedTable, SuppressedTable)> {
    let columns: Vec<String> = genders_of(stats)
        .iter()
        .map(|g| gender_label(*g).to_owned())
        .collect();
    let row_label = |law: DecisionLaw, insats: Insats| format!("{law} – {insats}");
    let rows: Vec<String> = stats
        .by_category
        .keys()
        .map(|k| (k.law, k.insats))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|(l, i)| row_label(l, i))
        .collect();
    let mut decisions = CountTable::new(rows.clone(), columns.clone())?;
    let mut persons = CountTable::new(rows, columns)?;
    for (key, counts) in &stats.by_category {
        let row = row_label(key.law, key.insats);
        let column = gender_label(key.gender);
        decisions.add(&row, column, counts.decisions)?;
        persons.add(&row, column, counts.persons)?;
    }
    Ok((decisions.suppress(policy), persons.suppress(policy)))
}

/// Whether the band table already gives the sum of the bands `inside`:
/// every band in it is shown, or every band outside it and the grand total
/// are.
fn derivable(bands: &SuppressedTable, inside: fn(&WaitingBand) -> bool) -> bool {
    let shown = |b: &WaitingBand| {
        bands
            .row_total(b.label())
            .is_some_and(|c| c.value().is_some())
    };
    let all_inside_shown = WaitingBand::ALL.iter().filter(|b| inside(b)).all(shown);
    let complement_shown = WaitingBand::ALL.iter().filter(|b| !inside(b)).all(shown)
        && bands.grand_total().value().is_some();
    all_inside_shown || complement_shown
}

/// An exposure figure of the committee version. Exposure is by date, so it
/// is the sum of the bands above it (`by_bands`, e.g. 7+ months for "more
/// than 6") plus `extra`: the decisions of the band it splits (`split`,
/// e.g. 3–6) that are more than 6 months by date. It is shown only when it
/// is not small, the band table gives `by_bands`, and both parts of the
/// split band (`extra` and the rest) are 0 or not small, so that nothing
/// small can be worked out from it and the table.
fn exposure_count(
    bands: &SuppressedTable,
    inside: fn(&WaitingBand) -> bool,
    value: u64,
    by_bands: u64,
    split: u64,
    policy: SmallCountPolicy,
) -> CommitteeCount {
    let extra = value.saturating_sub(by_bands);
    let rest = split.saturating_sub(extra);
    let shown = derivable(bands, inside)
        && !policy.is_small(value)
        && !policy.is_small(extra)
        && !policy.is_small(rest);
    CommitteeCount {
        value: shown.then_some(value),
        policy,
    }
}

/// A figure that is part of a published `whole` (persons in exposure of all
/// persons, interruptions over 12 months of those over 6): shown only when
/// `also` holds, the whole is shown, and neither the part nor the whole
/// minus the part is small.
fn part_of(
    whole: CommitteeCount,
    part: u64,
    whole_value: u64,
    also: bool,
    policy: SmallCountPolicy,
) -> CommitteeCount {
    let shown = also
        && !whole.is_hidden()
        && !policy.is_small(part)
        && !policy.is_small(whole_value.saturating_sub(part));
    CommitteeCount {
        value: shown.then_some(part),
        policy,
    }
}

/// Year-over-year figures of the committee version.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// use namnd_calc::suppress::SmallCountPolicy;
/// let committee = stats.committee_version(SmallCountPolicy::default())?;
/// let y = committee.year_over_year.ok_or("year over year")?;
/// assert_eq!(y.previous_quarter.to_string(), "Q1 2023");
/// // This year's 1 is hidden, so the change is not shown.
/// assert_eq!(y.decisions_change, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CommitteeYearOverYear {
    /// The quarter a year before.
    pub previous_quarter: Quarter,
    /// Its decisions.
    pub previous_decisions: CommitteeCount,
    /// Its distinct persons.
    pub previous_persons: CommitteeCount,
    /// This quarter's decisions: the published grand total of
    /// [`CommitteeStatistics::decisions_by_category`].
    pub current_decisions: CommitteeCount,
    /// This quarter's distinct persons
    /// ([`CommitteeStatistics::persons_total`]).
    pub current_persons: CommitteeCount,
    /// The change in decisions, only when both published totals it is
    /// derived from are shown (the grand totals of this and last year's
    /// category tables).
    pub decisions_change: Option<i64>,
    /// The change in persons, only when both published person totals are
    /// shown.
    pub persons_change: Option<i64>,
}

/// The statistics for public committee papers (KF, the committee): small
/// counts suppressed.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::stats::StatisticsReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::Hemtjanst, d(2023, 1, 10)?, LegalGender::Female, 1941)?;
/// let stats = StatisticsReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// use namnd_calc::suppress::SmallCountPolicy;
/// let committee = stats.committee_version(SmallCountPolicy::default())?;
/// assert_eq!(committee.quarter.to_string(), "Q1 2024");
/// assert_eq!(committee.decisions_by_category.grand_total().to_string(), "..");
/// assert_eq!(committee.policy.mark(), "..");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommitteeStatistics {
    /// The quarter.
    pub quarter: Quarter,
    /// Its last day.
    pub period_end: NaiveDate,
    /// The suppression policy used.
    pub policy: SmallCountPolicy,
    /// Decisions: rows `law – insats`, columns gender, with totals.
    pub decisions_by_category: SuppressedTable,
    /// Distinct persons per cell; the totals of this table add the cells
    /// (a person with decisions in two categories counts twice there), see
    /// [`CommitteeStatistics::persons_total`] for distinct persons.
    pub persons_by_category: SuppressedTable,
    /// Decisions: rows waiting-time bands, columns gender, with totals.
    pub decisions_by_band: SuppressedTable,
    /// Distinct persons per band and gender; the totals add the cells (a
    /// person with decisions in two bands counts twice there).
    pub persons_by_band: SuppressedTable,
    /// Distinct persons with an unexecuted decision.
    pub persons_total: CommitteeCount,
    /// Decisions waiting more than 6 months, by date (see the module docs
    /// for when it is shown).
    pub exposure_over_6_months: CommitteeCount,
    /// Decisions waiting more than 12 months, by date.
    pub exposure_over_12_months: CommitteeCount,
    /// Distinct persons with a decision waiting more than 6 months.
    pub persons_over_6_months: CommitteeCount,
    /// Distinct persons with a decision waiting more than 12 months.
    pub persons_over_12_months: CommitteeCount,
    /// Interruptions not resumed.
    pub interrupted_not_resumed: CommitteeCount,
    /// Interruptions not resumed for more than 6 months, by date.
    pub interrupted_over_6_months: CommitteeCount,
    /// Interruptions not resumed for more than 12 months, by date.
    pub interrupted_over_12_months: CommitteeCount,
    /// The same quarter a year before.
    pub year_over_year: Option<CommitteeYearOverYear>,
    /// Rulings on särskild avgift: date and amount (public court decisions).
    pub special_fee_rulings: Vec<(NaiveDate, Decimal)>,
    /// Their total, in kronor.
    pub special_fee_total: Decimal,
    /// The provisions in force at the end of the quarter.
    pub legal_references: Vec<LegalCitation>,
}

impl CommitteeStatistics {
    /// The committee version as JSON: every count is the number or the
    /// policy's mark (`".."`); `suppression` is the mark and
    /// `suppression_legend` the note that explains it
    /// ([`SmallCountPolicy::legend`]), to print under the tables.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::Quarter;
    /// use namnd_decisions::stats::StatisticsReport;
    /// let stats = StatisticsReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// let json = stats.committee_version(SmallCountPolicy::default())?.to_json();
    /// assert_eq!(json["version"], "committee");
    /// assert_eq!(json["unexecuted_decisions"], "0");
    /// assert_eq!(json["suppression"], "..");
    /// assert_eq!(json["suppression_legend"], SmallCountPolicy::default().legend());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Value {
        json!({
            "version": "committee",
            "quarter": quarter_code(self.quarter),
            "period_end": self.period_end.to_string(),
            "suppression": self.policy.mark(),
            "suppression_legend": self.policy.legend(),
            "unexecuted_decisions": self.decisions_by_category.grand_total().to_string(),
            "unexecuted_persons": self.persons_total.to_string(),
            "decisions_by_category": table_json(&self.decisions_by_category),
            "persons_by_category": table_json(&self.persons_by_category),
            "decisions_by_waiting_band": table_json(&self.decisions_by_band),
            "persons_by_waiting_band": table_json(&self.persons_by_band),
            "exposure": {
                "over_6_months": self.exposure_over_6_months.to_string(),
                "over_12_months": self.exposure_over_12_months.to_string(),
                "persons_over_6_months": self.persons_over_6_months.to_string(),
                "persons_over_12_months": self.persons_over_12_months.to_string(),
            },
            "interrupted_not_resumed": self.interrupted_not_resumed.to_string(),
            "interrupted_exposure": {
                "over_6_months": self.interrupted_over_6_months.to_string(),
                "over_12_months": self.interrupted_over_12_months.to_string(),
            },
            "year_over_year": self.year_over_year.map(|y| json!({
                "previous_quarter": quarter_code(y.previous_quarter),
                "previous_decisions": y.previous_decisions.to_string(),
                "previous_persons": y.previous_persons.to_string(),
                "current_decisions": y.current_decisions.to_string(),
                "current_persons": y.current_persons.to_string(),
                "decisions_change": y.decisions_change,
                "persons_change": y.persons_change,
            })),
            "special_fees": {
                "rulings": self.special_fee_rulings.iter().map(|(date, amount)| json!({
                    "date": date.to_string(),
                    "amount": amount.to_string(),
                })).collect::<Vec<_>>(),
                "total": self.special_fee_total.to_string(),
            },
            "legal_references": citations_json(&self.legal_references),
        })
    }
}

/// A suppressed table as JSON rows of printed cells, with totals.
fn table_json(table: &SuppressedTable) -> Value {
    let text = |c: Option<PublishedCount>| c.map(|c| c.to_string());
    let mut rows: Vec<Value> = table
        .rows()
        .iter()
        .map(|row| {
            let mut cells = serde_json::Map::new();
            cells.insert("row".into(), Value::from(row.as_str()));
            for column in table.columns() {
                cells.insert(column.clone(), json!(text(table.cell(row, column))));
            }
            cells.insert("total".into(), json!(text(table.row_total(row))));
            Value::Object(cells)
        })
        .collect();
    let mut totals = serde_json::Map::new();
    totals.insert("row".into(), Value::from("totalt"));
    for column in table.columns() {
        totals.insert(column.clone(), json!(text(table.column_total(column))));
    }
    totals.insert("total".into(), json!(table.grand_total().to_string()));
    rows.push(Value::Object(totals));
    Value::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn band_boundaries() {
        let bands: Vec<WaitingBand> = [3, 6, 7, 9, 10, 12, 13, 17, 18, 40]
            .into_iter()
            .map(WaitingBand::of_months)
            .collect();
        use WaitingBand::*;
        assert_eq!(
            bands,
            [
                Months3To6,
                Months3To6,
                Months7To9,
                Months7To9,
                Months10To12,
                Months10To12,
                Months13To17,
                Months13To17,
                Months18Plus,
                Months18Plus
            ]
        );
    }

    #[test]
    fn whole_months_from_month_end_clamps() {
        assert_eq!(whole_months(d(2024, 1, 31), d(2024, 2, 29)), 1);
        assert_eq!(whole_months(d(2024, 1, 31), d(2024, 2, 28)), 0);
        assert_eq!(whole_months(d(2024, 1, 31), d(2024, 1, 31)), 0);
        assert_eq!(whole_months(d(2022, 3, 1), d(2024, 3, 1)), 24);
    }

    #[test]
    fn change_saturates() {
        assert_eq!(change(3, 5), -2);
        assert_eq!(change(u64::MAX, 0), i64::MAX);
        assert_eq!(change(0, u64::MAX), i64::MIN);
    }

    #[test]
    fn exposure_is_shown_only_when_the_band_table_gives_it() {
        let policy = SmallCountPolicy::default();
        let labels = || {
            WaitingBand::ALL
                .iter()
                .map(|b| b.label().to_owned())
                .collect()
        };
        // Bands 3–6: 10, 7–9: 6, 13–17: 2 (hidden), 18+: 0.
        let mut t = CountTable::new(labels(), vec!["kvinnor".into(), "män".into()]).unwrap();
        t.add(WaitingBand::Months3To6.label(), "kvinnor", 10)
            .unwrap();
        t.add(WaitingBand::Months7To9.label(), "män", 6).unwrap();
        t.add(WaitingBand::Months13To17.label(), "män", 2).unwrap();
        let s = t.suppress(policy);
        // Over 12 by bands is 2: hidden.
        assert!(exposure_count(&s, |b| b.over_12(), 2, 2, 0, policy).is_hidden());
        // Over 6 = 8 by bands; the grand total minus 3–6 gives 8 anyway.
        let complement_shown = s
            .row_total(WaitingBand::Months3To6.label())
            .is_some_and(|c| c.value().is_some())
            && s.grand_total().value().is_some();
        let shown = exposure_count(&s, |b| b.over_6(), 8, 8, 10, policy);
        assert_eq!(shown.value().is_some(), complement_shown);
        // With 3 of the 3–6 band more than 6 months by date, 8 + 3 = 11
        // would reveal the 3: hidden.
        assert!(exposure_count(&s, |b| b.over_6(), 11, 8, 10, policy).is_hidden());
        // With 5 of them (and 5 left), it may be shown.
        assert_eq!(
            exposure_count(&s, |b| b.over_6(), 13, 8, 10, policy).value(),
            complement_shown.then_some(13)
        );
    }

    #[test]
    fn exposure_more_than_6_months_is_by_date_not_whole_months() {
        // 2023-09-10 + 6 months = 2024-03-10 < 2024-03-31: more than 6 months,
        // although only 6 whole months (band 3–6).
        let end = d(2024, 3, 31);
        assert!(waited_more_than(d(2023, 9, 10), 6, end));
        assert_eq!(whole_months(d(2023, 9, 10), end), 6);
        assert_eq!(WaitingBand::of_months(6), WaitingBand::Months3To6);
        // Edges: exactly 6 months on E is not more; one day more is.
        assert!(!waited_more_than(d(2023, 9, 30), 6, d(2024, 3, 30)));
        assert!(waited_more_than(d(2023, 9, 30), 6, d(2024, 3, 31)));
        // Clamped: 2023-08-31 + 6 = 2024-02-29.
        assert!(!waited_more_than(d(2023, 8, 31), 6, d(2024, 2, 29)));
        assert!(waited_more_than(d(2023, 8, 31), 6, d(2024, 3, 1)));
        // 12 months: 2023-03-31 + 12 = 2024-03-31.
        assert!(!waited_more_than(d(2023, 3, 31), 12, d(2024, 3, 31)));
        assert!(waited_more_than(d(2023, 3, 30), 12, d(2024, 3, 31)));
        // Leap day + 12 months clamps to 28 February.
        assert!(!waited_more_than(d(2024, 2, 29), 12, d(2025, 2, 28)));
        assert!(waited_more_than(d(2024, 2, 29), 12, d(2025, 3, 1)));
    }

    #[test]
    fn persons_in_exposure_are_hidden_when_the_rest_would_be_small() {
        let policy = SmallCountPolicy::default();
        let whole = CommitteeCount::single(20, policy);
        assert_eq!(part_of(whole, 10, 20, true, policy).value(), Some(10));
        assert!(part_of(whole, 17, 20, true, policy).is_hidden());
        assert!(part_of(whole, 3, 20, true, policy).is_hidden());
        assert!(part_of(whole, 10, 20, false, policy).is_hidden());
        assert!(part_of(CommitteeCount::single(3, policy), 0, 3, true, policy).is_hidden());
    }
}
