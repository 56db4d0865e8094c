//! The control calendar of a year and the follow-up of each control.
//!
//! | Type | What it is |
//! |---|---|
//! | [`ControlCalendar`] | which rows of a plan are due in each month of a year, and which have no fixed month |
//! | [`Outcome`] | *genomförd / delvis genomförd / ej genomförd* = green / yellow / red |
//! | [`FollowUp`] | the result of one control on one occasion: outcome, findings (*iakttagelser*), actions (*åtgärder*) |
//! | [`FollowUpLog`] | all results of a plan year, checked against the calendar |
//! | [`FollowUpSummary`] | counts for the *delårsrapport* (to August) or the *årsredovisning* (whole year), with occasions not reported |

use core::fmt;

use namnd_core::{FiscalYear, YearMonth};

use crate::plan::InternalControlPlan;
use crate::schedule::{Frequency, MonthSet};
use crate::{ControlError, Result};

// ---------------------------------------------------------- ControlCalendar

/// Which controls happen in each month of one year of a plan.
///
/// A row is placed in its [`crate::schedule::Schedule::scheduled_months`];
/// rows without a fixed month (continuous, once every few years, or `n`
/// times a year with no months named) are listed as
/// [`unscheduled`](Self::unscheduled), with the number of occasions they are
/// due in the year ([`unscheduled_occasions`](Self::unscheduled_occasions):
/// `n` for `n` times a year, 1 otherwise).
///
/// A row done once every `n` years ([`Frequency::EveryNYears`]) is due in
/// the plan's first year and every `n`th year after it, i.e. when
/// `(year − first year of the plan) % n == 0`; in other years it is not in
/// the calendar at all.
///
/// # Example
/// ```
/// use namnd_control::calendar::ControlCalendar;
/// use namnd_control::plan::{ControlRow, InternalControlPlan};
/// use namnd_control::schedule::Schedule;
///
/// let mut plan = InternalControlPlan::unscored("SN", "2023-2025".parse()?);
/// plan.push_row(ControlRow::new("Fakturor", "Att fakturor är korrekta", Schedule::parse("4 ggr/år Mars Juni September December")?))?;
/// plan.push_row(ControlRow::new("Arkiv", "Gallring", Schedule::parse("1 ggr/år")?))?;
/// let calendar = ControlCalendar::for_year(&plan, "2024".parse()?)?;
/// assert_eq!(calendar.month(3), [0]);
/// assert!(calendar.month(4).is_empty());
/// assert_eq!(calendar.unscheduled(), [1]);
/// assert_eq!(calendar.occasions(), 4);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ControlCalendar {
    year: FiscalYear,
    /// Row indices per month, January first.
    months: [Vec<usize>; 12],
    unscheduled: Vec<usize>,
    /// Occasions due of each unscheduled row (parallel to `unscheduled`).
    unscheduled_occasions: Vec<usize>,
}

impl ControlCalendar {
    /// The calendar of `year` for `plan`.
    ///
    /// # Errors
    /// [`ControlError::YearOutsidePlan`] if the plan does not cover `year`.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2023-2025".parse()?);
    /// assert!(ControlCalendar::for_year(&plan, "2026".parse()?).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn for_year(plan: &InternalControlPlan, year: FiscalYear) -> Result<ControlCalendar> {
        if !plan.period().contains(year) {
            return Err(ControlError::YearOutsidePlan {
                year: year.year(),
                period: plan.period().to_string(),
            });
        }
        let mut months: [Vec<usize>; 12] = Default::default();
        let mut unscheduled = Vec::new();
        let mut unscheduled_occasions = Vec::new();
        let since_first = year.year().saturating_sub(plan.period().first().year());
        for (index, row) in plan.rows().iter().enumerate() {
            let frequency = row.schedule.frequency();
            if let Frequency::EveryNYears(n) = frequency
                && since_first.checked_rem(i32::from(n)) != Some(0)
            {
                continue; // not due this year
            }
            let scheduled = row.schedule.scheduled_months();
            if scheduled.is_empty() {
                unscheduled.push(index);
                unscheduled_occasions.push(frequency.occasions_per_year().max(1));
            }
            for (slot, month) in months.iter_mut().zip(1_u32..) {
                if scheduled.contains(month) {
                    slot.push(index);
                }
            }
        }
        Ok(ControlCalendar {
            year,
            months,
            unscheduled,
            unscheduled_occasions,
        })
    }

    /// The year.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert_eq!(ControlCalendar::for_year(&plan, "2024".parse()?)?.year().year(), 2024);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The plan rows (indices) due in `month` (1–12); empty outside 1–12.
    ///
    /// # Example
    /// See [`ControlCalendar`].
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert!(ControlCalendar::for_year(&plan, "2024".parse()?)?.month(13).is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn month(&self, month: u32) -> &[usize] {
        month
            .checked_sub(1)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.months.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The rows without a fixed month.
    ///
    /// # Example
    /// See [`ControlCalendar`].
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert!(ControlCalendar::for_year(&plan, "2024".parse()?)?.unscheduled().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn unscheduled(&self) -> &[usize] {
        &self.unscheduled
    }

    /// How many occasions an unscheduled `row` is due in the year: `n` for
    /// `n` times a year with no months named, 1 for continuous and
    /// once-every-few-years rows; 0 for a row that is not unscheduled.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::{ControlRow, InternalControlPlan};
    /// use namnd_control::schedule::Schedule;
    /// let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
    /// plan.push_row(ControlRow::new("P", "K", Schedule::parse("4 ggr/år")?))?;
    /// plan.push_row(ControlRow::new("P", "L", Schedule::parse("Löpande")?))?;
    /// let calendar = ControlCalendar::for_year(&plan, "2024".parse()?)?;
    /// assert_eq!((calendar.unscheduled_occasions(0), calendar.unscheduled_occasions(1)), (4, 1));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn unscheduled_occasions(&self, row: usize) -> usize {
        self.unscheduled
            .iter()
            .position(|&r| r == row)
            .and_then(|i| self.unscheduled_occasions.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The months (1–12) in which `row` is due.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::{ControlRow, InternalControlPlan};
    /// use namnd_control::schedule::Schedule;
    /// let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
    /// plan.push_row(ControlRow::new("P", "K", Schedule::parse("2 ggr/år Juni December")?))?;
    /// let calendar = ControlCalendar::for_year(&plan, "2024".parse()?)?;
    /// assert_eq!(calendar.months_of(0).iter().collect::<Vec<_>>(), [6, 12]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn months_of(&self, row: usize) -> MonthSet {
        let months = self
            .months
            .iter()
            .zip(1_u32..)
            .filter(|(rows, _)| rows.contains(&row))
            .map(|(_, m)| m);
        MonthSet::from_months(months).unwrap_or_default()
    }

    /// The number of scheduled occasions in the year (row-months).
    ///
    /// # Example
    /// See [`ControlCalendar`].
    /// ```
    /// use namnd_control::calendar::ControlCalendar;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert_eq!(ControlCalendar::for_year(&plan, "2024".parse()?)?.occasions(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn occasions(&self) -> usize {
        self.months.iter().map(Vec::len).sum()
    }
}

// ------------------------------------------------------------------ Outcome

/// The result of a control on one occasion, as plans' follow-up columns
/// colour it: *genomförd* (done, green), *delvis genomförd* (partly done,
/// yellow), *ej genomförd* (not done, red).
///
/// Ordered from best to worst: `Genomford < DelvisGenomford < EjGenomford`.
///
/// # Example
/// ```
/// use namnd_control::calendar::{Outcome, TrafficLight};
/// assert_eq!(Outcome::parse("Delvis genomförd"), Some(Outcome::DelvisGenomford));
/// assert_eq!(Outcome::parse("grön"), Some(Outcome::Genomford));
/// assert_eq!(Outcome::EjGenomford.colour(), TrafficLight::Red);
/// assert_eq!(Outcome::Genomford.swedish(), "genomförd");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Outcome {
    /// *Genomförd*: done (green).
    Genomford,
    /// *Delvis genomförd*: partly done (yellow).
    DelvisGenomford,
    /// *Ej genomförd*: not done (red).
    EjGenomford,
}

impl Outcome {
    /// Reads the Swedish words or the colours (`genomförd`, `delvis`,
    /// `delvis genomförd`, `ej genomförd`, `inte genomförd`, `grön`, `gul`,
    /// `röd`), any case; `None` otherwise.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::Outcome;
    /// assert_eq!(Outcome::parse("Röd"), Some(Outcome::EjGenomford));
    /// assert_eq!(Outcome::parse("pågår"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Outcome> {
        match text.trim().to_lowercase().as_str() {
            "genomförd" | "grön" | "green" | "done" => Some(Outcome::Genomford),
            "delvis" | "delvis genomförd" | "gul" | "yellow" | "partly" => {
                Some(Outcome::DelvisGenomford)
            }
            "ej genomförd" | "inte genomförd" | "röd" | "red" | "not done" => {
                Some(Outcome::EjGenomford)
            }
            _ => None,
        }
    }

    /// The colour.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::{Outcome, TrafficLight};
    /// assert_eq!(Outcome::DelvisGenomford.colour(), TrafficLight::Yellow);
    /// ```
    pub fn colour(self) -> TrafficLight {
        match self {
            Outcome::Genomford => TrafficLight::Green,
            Outcome::DelvisGenomford => TrafficLight::Yellow,
            Outcome::EjGenomford => TrafficLight::Red,
        }
    }

    /// The Swedish words.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::Outcome;
    /// assert_eq!(Outcome::EjGenomford.swedish(), "ej genomförd");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Outcome::Genomford => "genomförd",
            Outcome::DelvisGenomford => "delvis genomförd",
            Outcome::EjGenomford => "ej genomförd",
        }
    }
}

/// Prints the Swedish words.
impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

/// Green, yellow or red.
///
/// # Example
/// ```
/// use namnd_control::calendar::TrafficLight;
/// assert_eq!(TrafficLight::Green.swedish(), "grön");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum TrafficLight {
    /// *Grön*.
    Green,
    /// *Gul*.
    Yellow,
    /// *Röd*.
    Red,
}

impl TrafficLight {
    /// The Swedish colour word.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::TrafficLight;
    /// assert_eq!(TrafficLight::Red.swedish(), "röd");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            TrafficLight::Green => "grön",
            TrafficLight::Yellow => "gul",
            TrafficLight::Red => "röd",
        }
    }
}

// ----------------------------------------------------------------- FollowUp

/// The result of one control (a plan row) on one occasion.
///
/// `month` is the occasion; `None` for a row without a fixed month (one
/// result for the year).
///
/// # Example
/// ```
/// use namnd_control::calendar::{FollowUp, Outcome};
/// let f = FollowUp::new(0, Some(6), Outcome::DelvisGenomford)
///     .with_finding("2 av 10 stickprov saknade beslut enligt delegation")
///     .with_action("Genomgång av delegationsordningen på APT");
/// assert_eq!(f.actions.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FollowUp {
    /// The plan row (index).
    pub row: usize,
    /// The month of the occasion (1–12), `None` for an unscheduled row.
    pub month: Option<u32>,
    /// The outcome.
    pub outcome: Outcome,
    /// Findings (*iakttagelser*).
    #[cfg_attr(feature = "serde", serde(default))]
    pub findings: Vec<String>,
    /// Actions decided (*åtgärder*).
    #[cfg_attr(feature = "serde", serde(default))]
    pub actions: Vec<String>,
}

impl FollowUp {
    /// A result without findings or actions.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::{FollowUp, Outcome};
    /// assert!(FollowUp::new(2, None, Outcome::Genomford).findings.is_empty());
    /// ```
    pub fn new(row: usize, month: Option<u32>, outcome: Outcome) -> FollowUp {
        FollowUp {
            row,
            month,
            outcome,
            findings: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Adds a finding.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::{FollowUp, Outcome};
    /// assert_eq!(FollowUp::new(0, None, Outcome::Genomford).with_finding("Inga avvikelser").findings.len(), 1);
    /// ```
    #[must_use]
    pub fn with_finding(mut self, finding: impl Into<String>) -> Self {
        self.findings.push(finding.into());
        self
    }

    /// Adds an action.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::{FollowUp, Outcome};
    /// assert_eq!(FollowUp::new(0, None, Outcome::EjGenomford).with_action("Ny rutin").actions, ["Ny rutin"]);
    /// ```
    #[must_use]
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.actions.push(action.into());
        self
    }
}

// -------------------------------------------------------------- FollowUpLog

/// The follow-up results of one year of a plan, checked against its
/// [`ControlCalendar`].
///
/// # Example
/// ```
/// use namnd_control::calendar::{ControlCalendar, FollowUp, FollowUpLog, Outcome};
/// use namnd_control::plan::{ControlRow, InternalControlPlan};
/// use namnd_control::schedule::Schedule;
///
/// let mut plan = InternalControlPlan::unscored("SN", "2023-2025".parse()?);
/// plan.push_row(ControlRow::new("Utredning barn", "Utredningstid", Schedule::parse("2 ggr/år. Juni December")?))?;
/// plan.push_row(ControlRow::new("Ekonomiskt bistånd", "Felaktiga utbetalningar", Schedule::parse("4 ggr/år. Mars Juni September December")?))?;
/// let mut log = FollowUpLog::new(ControlCalendar::for_year(&plan, "2023".parse()?)?);
/// log.record(FollowUp::new(0, Some(6), Outcome::Genomford))?;
/// log.record(FollowUp::new(1, Some(3), Outcome::Genomford))?;
/// log.record(FollowUp::new(1, Some(6), Outcome::EjGenomford).with_action("Ny rutin för kontroll"))?;
/// // Row 0 is not due in March.
/// assert!(log.record(FollowUp::new(0, Some(3), Outcome::Genomford)).is_err());
///
/// let delar = log.summary_through(8)?; // delårsrapport: January–August
/// assert_eq!((delar.due(), delar.genomford(), delar.ej_genomford()), (3, 2, 1));
/// assert!(delar.not_reported().is_empty());
/// let year = log.summary_through(12)?; // årsredovisning
/// assert_eq!(year.due(), 6);
/// assert_eq!(year.not_reported().len(), 3);
/// assert_eq!(year.to_string(), "6 kontrolltillfällen: 2 genomförda, 0 delvis genomförda, 1 ej genomförda, 3 ej rapporterade");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FollowUpLog {
    calendar: ControlCalendar,
    results: Vec<FollowUp>,
}

impl FollowUpLog {
    /// An empty log for the calendar's year.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert!(FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).results().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(calendar: ControlCalendar) -> FollowUpLog {
        FollowUpLog {
            calendar,
            results: Vec::new(),
        }
    }

    /// Records a result.
    ///
    /// # Errors
    /// - [`ControlError::NotScheduled`] if the row is not due in that month
    ///   (or has a fixed month but none is given, or a month is given for a
    ///   row without one; this also covers rows that do not exist);
    /// - [`ControlError::DuplicateFollowUp`] if that occasion already has a
    ///   result.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// use namnd_control::calendar::{ControlCalendar, FollowUp, FollowUpLog, Outcome};
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// let mut log = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?);
    /// assert!(log.record(FollowUp::new(0, Some(1), Outcome::Genomford)).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn record(&mut self, result: FollowUp) -> Result<()> {
        let allowed = match result.month {
            Some(month) => usize::from(self.calendar.month(month).contains(&result.row)),
            None => self.calendar.unscheduled_occasions(result.row),
        };
        if allowed == 0 {
            return Err(ControlError::NotScheduled {
                row: result.row,
                month: result.month,
            });
        }
        let recorded = self
            .results
            .iter()
            .filter(|r| r.row == result.row && r.month == result.month)
            .count();
        if recorded >= allowed {
            return Err(ControlError::DuplicateFollowUp {
                row: result.row,
                month: result.month,
            });
        }
        self.results.push(result);
        Ok(())
    }

    /// The results recorded, in the order recorded.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert_eq!(FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).results().len(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn results(&self) -> &[FollowUp] {
        &self.results
    }

    /// The calendar.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// let log = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?);
    /// assert_eq!(log.calendar().year().year(), 2024);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn calendar(&self) -> &ControlCalendar {
        &self.calendar
    }

    /// A summary of the occasions due from January through `last_month`
    /// (8 for a *delårsrapport* to August, 12 for the *årsredovisning*).
    /// Unscheduled rows count as due once, in the whole-year summary only
    /// (`last_month == 12`).
    ///
    /// # Errors
    /// [`namnd_core::CoreError::InvalidMonth`] if `last_month` is not 1–12.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// let log = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?);
    /// assert!(log.summary_through(13).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn summary_through(&self, last_month: u32) -> Result<FollowUpSummary> {
        let through = YearMonth::try_new(self.calendar.year.year(), last_month)?;
        let mut summary = FollowUpSummary {
            through,
            due: 0,
            genomford: 0,
            delvis: 0,
            ej: 0,
            not_reported: Vec::new(),
            actions: 0,
        };
        let mut occasions: Vec<(usize, Option<u32>)> = Vec::new();
        for month in 1..=last_month {
            for &row in self.calendar.month(month) {
                occasions.push((row, Some(month)));
            }
        }
        if last_month == 12 {
            for &row in self.calendar.unscheduled() {
                let n = self.calendar.unscheduled_occasions(row);
                occasions.extend(core::iter::repeat_n((row, None), n));
            }
        }
        // The how-manieth occasion of (row, month) this is, to match the
        // k-th result of an unscheduled row with several occasions.
        let mut seen: Vec<(usize, Option<u32>)> = Vec::new();
        for (row, month) in occasions {
            summary.due = summary.due.saturating_add(1);
            let k = seen.iter().filter(|o| **o == (row, month)).count();
            seen.push((row, month));
            match self
                .results
                .iter()
                .filter(|r| r.row == row && r.month == month)
                .nth(k)
            {
                Some(result) => {
                    let slot = match result.outcome {
                        Outcome::Genomford => &mut summary.genomford,
                        Outcome::DelvisGenomford => &mut summary.delvis,
                        Outcome::EjGenomford => &mut summary.ej,
                    };
                    *slot = slot.saturating_add(1);
                    summary.actions = summary.actions.saturating_add(result.actions.len());
                }
                None => summary.not_reported.push(Occasion { row, month }),
            }
        }
        Ok(summary)
    }

    /// The worst outcome recorded for each row so far (`None` where the row
    /// has no result), for a per-control colour column.
    ///
    /// # Example
    /// ```
    /// use namnd_control::calendar::{ControlCalendar, FollowUp, FollowUpLog, Outcome};
    /// use namnd_control::plan::{ControlRow, InternalControlPlan};
    /// use namnd_control::schedule::Schedule;
    /// let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
    /// plan.push_row(ControlRow::new("P", "K", Schedule::parse("2 ggr/år Juni December")?))?;
    /// let mut log = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?);
    /// log.record(FollowUp::new(0, Some(6), Outcome::DelvisGenomford))?;
    /// log.record(FollowUp::new(0, Some(12), Outcome::Genomford))?;
    /// assert_eq!(log.worst_per_row(1), [Some(Outcome::DelvisGenomford)]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn worst_per_row(&self, rows: usize) -> Vec<Option<Outcome>> {
        (0..rows)
            .map(|row| {
                self.results
                    .iter()
                    .filter(|r| r.row == row)
                    .map(|r| r.outcome)
                    .max()
            })
            .collect()
    }
}

/// One occasion of one control: a row and a month (`None` for a row
/// without a fixed month).
///
/// # Example
/// ```
/// use namnd_control::calendar::Occasion;
/// assert_eq!(Occasion { row: 2, month: Some(6) }.to_string(), "row 2 in juni");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Occasion {
    /// The plan row (index).
    pub row: usize,
    /// The month (1–12), `None` for a row without a fixed month.
    pub month: Option<u32>,
}

/// Prints `row 2 in juni` or `row 2 (no fixed month)`.
impl fmt::Display for Occasion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month.and_then(MonthSet::swedish_name) {
            Some(name) => write!(f, "row {} in {name}", self.row),
            None => write!(f, "row {} (no fixed month)", self.row),
        }
    }
}

/// Follow-up counts through a month, for the *delårsrapport* or the
/// *årsredovisning* ([`FollowUpLog::summary_through`]).
///
/// Invariant: `genomford + delvis + ej + not_reported == due`.
///
/// Display prints a Swedish sentence for the report:
/// `6 kontrolltillfällen: 2 genomförda, 0 delvis genomförda, 1 ej
/// genomförda, 3 ej rapporterade`.
///
/// # Example
/// See [`FollowUpLog`].
/// ```
/// use namnd_control::calendar::{ControlCalendar, FollowUpLog};
/// use namnd_control::plan::InternalControlPlan;
/// let plan = InternalControlPlan::new("SN", "2024".parse()?);
/// let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(8)?;
/// assert_eq!(s.due(), 0);
/// assert_eq!(s.through().to_string(), "2024-08");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FollowUpSummary {
    through: YearMonth,
    due: usize,
    genomford: usize,
    delvis: usize,
    ej: usize,
    not_reported: Vec<Occasion>,
    actions: usize,
}

impl FollowUpSummary {
    /// The last month covered.
    ///
    /// # Example
    /// See [`FollowUpSummary`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert_eq!(s.through().to_string(), "2024-12");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn through(&self) -> YearMonth {
        self.through
    }

    /// Occasions due.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert_eq!(s.due(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn due(&self) -> usize {
        self.due
    }

    /// Occasions reported *genomförd* (green).
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert_eq!(s.genomford(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn genomford(&self) -> usize {
        self.genomford
    }

    /// Occasions reported *delvis genomförd* (yellow).
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert_eq!(s.delvis_genomford(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn delvis_genomford(&self) -> usize {
        self.delvis
    }

    /// Occasions reported *ej genomförd* (red).
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert_eq!(s.ej_genomford(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn ej_genomford(&self) -> usize {
        self.ej
    }

    /// Occasions due without a result, in calendar order.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert!(s.not_reported().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn not_reported(&self) -> &[Occasion] {
        &self.not_reported
    }

    /// The number of actions decided on the occasions covered.
    ///
    /// # Example
    /// See [`FollowUpLog`].
    /// ```
    /// # use namnd_control::calendar::{ControlCalendar, FollowUpLog};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?).summary_through(12)?;
    /// assert_eq!(s.actions(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn actions(&self) -> usize {
        self.actions
    }
}

impl fmt::Display for FollowUpSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} kontrolltillfällen: {} genomförda, {} delvis genomförda, {} ej genomförda, {} ej rapporterade",
            self.due,
            self.genomford(),
            self.delvis_genomford(),
            self.ej_genomford(),
            self.not_reported.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::ControlRow;
    use crate::schedule::{Frequency, Schedule};
    use proptest::prelude::*;

    #[test]
    fn every_n_years_row_is_due_only_every_nth_year_from_the_plan_start() {
        let mut plan = InternalControlPlan::unscored("SN", "2023-2027".parse().unwrap());
        plan.push_row(ControlRow::new(
            "A",
            "K",
            Schedule::parse("Vartannat år Mars").unwrap(),
        ))
        .unwrap();
        plan.push_row(ControlRow::new(
            "B",
            "K",
            Schedule::parse("Vart tredje år").unwrap(),
        ))
        .unwrap();
        let due = |year: &str| {
            let c = ControlCalendar::for_year(&plan, year.parse().unwrap()).unwrap();
            (c.month(3).to_vec(), c.unscheduled().to_vec())
        };
        assert_eq!(due("2023"), (vec![0], vec![1]));
        assert_eq!(due("2024"), (vec![], vec![]));
        assert_eq!(due("2025"), (vec![0], vec![]));
        assert_eq!(due("2026"), (vec![], vec![1]));
        assert_eq!(due("2027"), (vec![0], vec![]));
    }

    #[test]
    fn n_times_a_year_without_months_counts_n_occasions() {
        let mut plan = InternalControlPlan::unscored("SN", "2024".parse().unwrap());
        plan.push_row(ControlRow::new(
            "A",
            "K",
            Schedule::parse("4 ggr/år").unwrap(),
        ))
        .unwrap();
        let mut log =
            FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse().unwrap()).unwrap());
        assert_eq!(log.calendar().unscheduled_occasions(0), 4);
        assert_eq!(log.summary_through(12).unwrap().due(), 4);
        for outcome in [Outcome::Genomford, Outcome::EjGenomford, Outcome::Genomford] {
            log.record(FollowUp::new(0, None, outcome)).unwrap();
        }
        let summary = log.summary_through(12).unwrap();
        assert_eq!(summary.not_reported().len(), 1);
        log.record(FollowUp::new(0, None, Outcome::Genomford))
            .unwrap();
        assert_eq!(
            log.record(FollowUp::new(0, None, Outcome::Genomford)),
            Err(ControlError::DuplicateFollowUp {
                row: 0,
                month: None
            })
        );
        assert!(log.summary_through(12).unwrap().not_reported().is_empty());
    }

    #[test]
    fn unscheduled_rows_are_due_once_in_the_annual_summary_only() {
        let mut plan = InternalControlPlan::unscored("SN", "2024".parse().unwrap());
        plan.push_row(ControlRow::new(
            "A",
            "K",
            Schedule::parse("1 ggr/år").unwrap(),
        ))
        .unwrap();
        let mut log =
            FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse().unwrap()).unwrap());
        assert_eq!(log.summary_through(8).unwrap().due(), 0);
        assert_eq!(log.summary_through(12).unwrap().due(), 1);
        log.record(FollowUp::new(0, None, Outcome::Genomford))
            .unwrap();
        assert_eq!(
            log.record(FollowUp::new(0, None, Outcome::Genomford)),
            Err(ControlError::DuplicateFollowUp {
                row: 0,
                month: None
            })
        );
        assert_eq!(
            log.record(FollowUp::new(0, Some(5), Outcome::Genomford)),
            Err(ControlError::NotScheduled {
                row: 0,
                month: Some(5)
            })
        );
        assert_eq!(log.summary_through(12).unwrap().genomford(), 1);
    }

    #[test]
    fn outcomes_map_to_traffic_lights() {
        assert_eq!(Outcome::parse("Grön"), Some(Outcome::Genomford));
        assert_eq!(Outcome::parse("Gul"), Some(Outcome::DelvisGenomford));
        assert_eq!(Outcome::parse("Röd"), Some(Outcome::EjGenomford));
        assert_eq!(
            Outcome::parse("ej genomförd").map(Outcome::colour),
            Some(TrafficLight::Red)
        );
        assert!(Outcome::Genomford < Outcome::EjGenomford);
    }

    proptest! {
        #[test]
        fn calendar_places_each_row_in_as_many_months_as_its_frequency(
            n in 1_u32..=12,
            bits in 1_u16..0x1000,
        ) {
            let months = MonthSet::from_months((1..=12).filter(|m| bits & (1 << (m - 1)) != 0))?;
            // Keep the first n months of the random set (or all of them).
            let chosen = MonthSet::from_months(months.iter().take(n as usize))?;
            let frequency = Frequency::times_per_year(chosen.len() as u32)?;
            let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
            plan.push_row(ControlRow::new("P", "K", Schedule::new(frequency, chosen)?))?;
            let calendar = ControlCalendar::for_year(&plan, "2024".parse()?)?;
            prop_assert_eq!(calendar.occasions(), frequency.occasions_per_year());
            prop_assert_eq!(calendar.months_of(0), chosen);
            for m in 1..=12 {
                prop_assert_eq!(calendar.month(m).contains(&0), chosen.contains(m));
            }
        }

        #[test]
        fn summary_counts_add_up_to_occasions_due(
            outcomes in proptest::collection::vec(proptest::option::of(0_u8..3), 4),
            last in 1_u32..=12,
        ) {
            let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
            plan.push_row(ControlRow::new("P", "K", Schedule::parse("4 ggr/år Mars Juni September December")?))?;
            let mut log = FollowUpLog::new(ControlCalendar::for_year(&plan, "2024".parse()?)?);
            for (month, outcome) in [3_u32, 6, 9, 12].into_iter().zip(&outcomes) {
                let outcome = match outcome {
                    Some(0) => Outcome::Genomford,
                    Some(1) => Outcome::DelvisGenomford,
                    Some(_) => Outcome::EjGenomford,
                    None => continue,
                };
                log.record(FollowUp::new(0, Some(month), outcome))?;
            }
            let s = log.summary_through(last)?;
            prop_assert_eq!(s.due(), [3_u32, 6, 9, 12].iter().filter(|&&m| m <= last).count());
            prop_assert_eq!(
                s.genomford() + s.delvis_genomford() + s.ej_genomford() + s.not_reported().len(),
                s.due()
            );
        }
    }
}
