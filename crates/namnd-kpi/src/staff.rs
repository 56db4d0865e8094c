//! Staff and production measures: sick leave (*sjukfrånvaro*), headcount and
//! FTE (*årsarbetare*) by gender, *brukartid*, *utförd tid av beviljad tid* and
//! hours worked by hourly substitutes (*vikarietimmar*).
//!
//! Every measure here keeps its **hours**, not its percentage, so that units
//! roll up correctly: the sick-leave percentage of a whole administration is
//! Σ sick hours / Σ scheduled hours, never the average of the units'
//! percentages. Percentages come out as [`Percent`], which is
//! [`Percent::NotMeaningful`] (printed "–") when the base is zero, and are
//! rounded only on request, with an explicit [`Rounding`].
//!
//! # Example
//! ```
//! use namnd_kpi::staff::SickLeave;
//! use namnd_core::{Decimal, Rounding};
//!
//! // Two units: 10 % of 1 000 hours and 5 % of 3 000 hours.
//! let a = SickLeave::try_new(Decimal::from(1_000), Decimal::from(100), Decimal::ZERO)?;
//! let b = SickLeave::try_new(Decimal::from(3_000), Decimal::from(90), Decimal::from(60))?;
//! let all = SickLeave::roll_up([&a, &b])?;
//! // 250 / 4 000 = 6,25 %, not (10 + 5) / 2 = 7,5 %.
//! assert_eq!(all.percent().value(), Some(Decimal::new(625, 2)));
//! # Ok::<(), namnd_kpi::KpiError>(())
//! ```

use std::collections::BTreeMap;

use namnd_calc::percent::{Percent, percent_of};
use namnd_core::{Decimal, Rounding, YearMonth};

use crate::{KpiError, Result};

/// Rejects a negative value, naming it.
fn non_negative(what: &str, value: Decimal) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(KpiError::NegativeStaffValue {
            what: what.to_owned(),
            value,
        });
    }
    Ok(value)
}

/// `a + b`, or an overflow error naming `what`.
fn add(what: &str, a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| KpiError::StaffOverflow {
        what: what.to_owned(),
        value: b,
    })
}

/// Rounds a [`Percent`] to `decimals` decimals with an explicit rule; a
/// not-meaningful percentage stays not meaningful.
///
/// # Errors
/// [`KpiError::Core`] if `decimals` is more than `Decimal` can hold.
///
/// # Example
/// ```
/// use namnd_kpi::staff::round_percent;
/// use namnd_calc::percent::Percent;
/// use namnd_core::{Decimal, Rounding};
///
/// let p = Percent::Value(Decimal::new(87_345, 4));
/// assert_eq!(round_percent(p, 2, Rounding::HalfAwayFromZero)?, Percent::Value(Decimal::new(873, 2)));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn round_percent(percent: Percent, decimals: u32, rounding: Rounding) -> Result<Percent> {
    match percent {
        Percent::Value(v) => Ok(Percent::Value(rounding.round(v, decimals)?)),
        other @ Percent::NotMeaningful(_) => Ok(other),
    }
}

// ------------------------------------------------------------------ sick leave

/// Sick-leave hours of one unit or group against its scheduled (ordinary
/// working) hours, split into short and long spells.
///
/// "Long" is sick leave in a spell of more than 59 days (60 days or more), as
/// annual reports print it ("andel av total sjukfrånvaro som överstiger 59
/// dagar"). Some reports call the base *arbetad tid*; whichever base the
/// source uses goes in `scheduled_hours`, as long as every unit uses the same.
///
/// # Example
/// ```
/// use namnd_kpi::staff::SickLeave;
/// use namnd_core::Decimal;
///
/// let s = SickLeave::try_new(Decimal::from(10_000), Decimal::from(600), Decimal::from(273))?;
/// assert_eq!(s.percent().value(), Some(Decimal::new(873, 2)));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SickLeave {
    scheduled: Decimal,
    short: Decimal,
    long: Decimal,
    /// `short + long`, never above `scheduled` (which keeps sums in range).
    sick: Decimal,
}

impl SickLeave {
    /// Builds from scheduled hours, short-spell sick hours (up to 59 days)
    /// and long-spell sick hours (more than 59 days).
    ///
    /// # Errors
    /// [`KpiError::NegativeStaffValue`] for a negative number of hours,
    /// [`KpiError::PartExceedsWhole`] if the sick hours exceed the scheduled
    /// hours, [`KpiError::StaffOverflow`] if they cannot be added.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::{KpiError, staff::SickLeave};
    /// use namnd_core::Decimal;
    ///
    /// let result = SickLeave::try_new(Decimal::from(10), Decimal::from(8), Decimal::from(4));
    /// assert_eq!(result.map_err(|e| e.to_string()), Err("sick hours 12 exceed scheduled hours 10".to_owned()));
    /// # Ok::<(), KpiError>(())
    /// ```
    pub fn try_new(
        scheduled_hours: Decimal,
        short_sick_hours: Decimal,
        long_sick_hours: Decimal,
    ) -> Result<SickLeave> {
        let scheduled = non_negative("scheduled hours", scheduled_hours)?;
        let short = non_negative("short-term sick hours", short_sick_hours)?;
        let long = non_negative("long-term sick hours", long_sick_hours)?;
        let sick = add("sick hours", short, long)?;
        if sick > scheduled {
            return Err(KpiError::PartExceedsWhole {
                part_name: "sick hours",
                part: sick,
                whole_name: "scheduled hours",
                whole: scheduled,
            });
        }
        Ok(SickLeave {
            scheduled,
            short,
            long,
            sick,
        })
    }

    /// Builds from scheduled hours and the sick spells: the hours of spells
    /// of up to 59 days are short-term, those of longer spells long-term.
    ///
    /// # Errors
    /// As [`SickLeave::try_new`].
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::staff::{SickLeave, SickSpell};
    /// use namnd_core::Decimal;
    ///
    /// let spells = [
    ///     SickSpell::try_new(59, Decimal::from(300))?,
    ///     SickSpell::try_new(60, Decimal::from(320))?,
    ///     SickSpell::try_new(2, Decimal::from(16))?,
    /// ];
    /// let s = SickLeave::from_spells(Decimal::from(10_000), spells)?;
    /// assert_eq!((s.short_hours(), s.long_hours()), (Decimal::from(316), Decimal::from(320)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn from_spells<I>(scheduled_hours: Decimal, spells: I) -> Result<SickLeave>
    where
        I: IntoIterator<Item = SickSpell>,
    {
        let (short, long) = spells.into_iter().try_fold(
            (Decimal::ZERO, Decimal::ZERO),
            |(short, long), spell| -> Result<(Decimal, Decimal)> {
                if spell.is_long() {
                    Ok((short, add("long-term sick hours", long, spell.hours)?))
                } else {
                    Ok((add("short-term sick hours", short, spell.hours)?, long))
                }
            },
        )?;
        SickLeave::try_new(scheduled_hours, short, long)
    }

    /// Scheduled hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(s.scheduled_hours(), Decimal::from(100));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn scheduled_hours(&self) -> Decimal {
        self.scheduled
    }

    /// Sick hours in spells of up to 59 days.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::TWO)?;
    /// assert_eq!(s.short_hours(), Decimal::ONE);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn short_hours(&self) -> Decimal {
        self.short
    }

    /// Sick hours in spells of more than 59 days.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::TWO)?;
    /// assert_eq!(s.long_hours(), Decimal::TWO);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn long_hours(&self) -> Decimal {
        self.long
    }

    /// All sick hours (short + long).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::TWO)?;
    /// assert_eq!(s.sick_hours(), Decimal::from(3));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn sick_hours(&self) -> Decimal {
        self.sick
    }

    /// Sick leave in percent of scheduled hours (unrounded).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let none = SickLeave::try_new(Decimal::ZERO, Decimal::ZERO, Decimal::ZERO)?;
    /// assert!(none.percent().is_not_meaningful());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn percent(&self) -> Percent {
        percent_of(self.sick_hours(), self.scheduled, Decimal::ZERO)
    }

    /// Short-spell sick leave in percent of scheduled hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::TWO)?;
    /// assert_eq!(s.short_percent().value(), Some(Decimal::ONE));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn short_percent(&self) -> Percent {
        percent_of(self.short, self.scheduled, Decimal::ZERO)
    }

    /// Long-spell sick leave in percent of scheduled hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::TWO)?;
    /// assert_eq!(s.long_percent().value(), Some(Decimal::TWO));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn long_percent(&self) -> Percent {
        percent_of(self.long, self.scheduled, Decimal::ZERO)
    }

    /// The share of all sick hours that is long-term (> 59 days), in percent
    /// of the **sick** hours: Gnesta's "andel av total sjukfrånvaro som
    /// överstiger 59 dagar". Not meaningful without sick hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let s = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::from(3))?;
    /// assert_eq!(s.long_term_share().value(), Some(Decimal::from(75)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn long_term_share(&self) -> Percent {
        percent_of(self.long, self.sick_hours(), Decimal::ZERO)
    }

    /// Adds the hours of two units.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickLeave; use namnd_core::Decimal;
    /// let a = SickLeave::try_new(Decimal::from(100), Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(a.checked_add(&a)?.scheduled_hours(), Decimal::from(200));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn checked_add(&self, other: &SickLeave) -> Result<SickLeave> {
        Ok(SickLeave {
            scheduled: add("scheduled hours", self.scheduled, other.scheduled)?,
            short: add("short-term sick hours", self.short, other.short)?,
            long: add("long-term sick hours", self.long, other.long)?,
            sick: add("sick hours", self.sick, other.sick)?,
        })
    }

    /// Rolls units up by adding their hours (the weighted roll-up; never an
    /// average of percentages). No units give zero hours, whose percentage is
    /// not meaningful.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// See the [module documentation](self).
    pub fn roll_up<'a, I>(units: I) -> Result<SickLeave>
    where
        I: IntoIterator<Item = &'a SickLeave>,
    {
        units
            .into_iter()
            .try_fold(SickLeave::default(), |acc, unit| acc.checked_add(unit))
    }
}

/// The longest sick spell, in calendar days, that counts as short-term;
/// a spell of more days is long-term (*sjukfrånvaro över 59 dagar*).
pub const LONG_SPELL_AFTER_DAYS: u32 = 59;

/// One sick spell (*sjukfall*): its length in calendar days and the
/// scheduled hours it took. A spell of more than 59 days is long-term, and
/// all its hours count as long-term sick hours.
///
/// # Example
/// ```
/// use namnd_kpi::staff::SickSpell;
/// use namnd_core::Decimal;
/// assert!(!SickSpell::try_new(59, Decimal::from(300))?.is_long());
/// assert!(SickSpell::try_new(60, Decimal::from(300))?.is_long());
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SickSpell {
    days: u32,
    hours: Decimal,
}

impl SickSpell {
    /// Builds a spell of `days` calendar days and `hours` sick hours.
    ///
    /// # Errors
    /// [`KpiError::NegativeStaffValue`] for negative hours.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::staff::SickSpell;
    /// use namnd_core::Decimal;
    /// let err = SickSpell::try_new(3, Decimal::NEGATIVE_ONE).unwrap_err();
    /// assert_eq!(err.to_string(), "sick hours of a 3-day spell is -1; it cannot be negative");
    /// ```
    pub fn try_new(days: u32, hours: Decimal) -> Result<SickSpell> {
        let hours = non_negative(&format!("sick hours of a {days}-day spell"), hours)?;
        Ok(SickSpell { days, hours })
    }

    /// The length in calendar days.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickSpell; use namnd_core::Decimal;
    /// assert_eq!(SickSpell::try_new(14, Decimal::from(80))?.days(), 14);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn days(&self) -> u32 {
        self.days
    }

    /// The sick hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SickSpell; use namnd_core::Decimal;
    /// assert_eq!(SickSpell::try_new(14, Decimal::from(80))?.hours(), Decimal::from(80));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn hours(&self) -> Decimal {
        self.hours
    }

    /// Whether the spell is long-term: more than [`LONG_SPELL_AFTER_DAYS`] days.
    ///
    /// # Example
    /// See [`SickSpell`].
    pub fn is_long(&self) -> bool {
        self.days > LONG_SPELL_AFTER_DAYS
    }
}

/// Gender as annual reports split staff figures (*kvinnor*, *män*).
///
/// # Example
/// ```
/// use namnd_kpi::staff::Gender;
/// assert_eq!(Gender::Women.swedish(), "kvinnor");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Gender {
    /// *Kvinnor*.
    Women,
    /// *Män*.
    Men,
}

impl Gender {
    /// The Swedish plural as printed in reports.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::Gender;
    /// assert_eq!(Gender::Men.swedish(), "män");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Gender::Women => "kvinnor",
            Gender::Men => "män",
        }
    }
}

/// The age groups of the statutory sick-leave disclosure in annual reports:
/// 29 or younger, 30–49, 50 or older.
///
/// # Example
/// ```
/// use namnd_kpi::staff::AgeGroup;
/// assert_eq!(AgeGroup::from_age(29), AgeGroup::UpTo29);
/// assert_eq!(AgeGroup::from_age(30), AgeGroup::From30To49);
/// assert_eq!(AgeGroup::from_age(50), AgeGroup::From50);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum AgeGroup {
    /// 29 years or younger.
    UpTo29,
    /// 30–49 years.
    From30To49,
    /// 50 years or older.
    From50,
}

impl AgeGroup {
    /// The group of an age in whole years.
    ///
    /// # Example
    /// See [`AgeGroup`].
    pub fn from_age(age: u32) -> AgeGroup {
        match age {
            0..=29 => AgeGroup::UpTo29,
            30..=49 => AgeGroup::From30To49,
            _ => AgeGroup::From50,
        }
    }
}

/// One line of sick-leave input: a unit (and optionally a gender and an age
/// group) with its hours.
///
/// # Example
/// ```
/// use namnd_kpi::staff::{AgeGroup, Gender, SickLeave, SickLeaveRecord};
/// use namnd_core::Decimal;
///
/// let hours = SickLeave::try_new(Decimal::from(1_000), Decimal::from(50), Decimal::ZERO)?;
/// let r = SickLeaveRecord::new("Hemtjänst Norr", hours).with_gender(Gender::Women).with_age_group(AgeGroup::From50);
/// assert_eq!(r.unit(), "Hemtjänst Norr");
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SickLeaveRecord {
    unit: String,
    gender: Option<Gender>,
    age_group: Option<AgeGroup>,
    hours: SickLeave,
}

impl SickLeaveRecord {
    /// A record for `unit` without gender or age group.
    ///
    /// # Example
    /// See [`SickLeaveRecord`].
    pub fn new(unit: impl Into<String>, hours: SickLeave) -> SickLeaveRecord {
        SickLeaveRecord {
            unit: unit.into(),
            gender: None,
            age_group: None,
            hours,
        }
    }

    /// Sets the gender.
    ///
    /// # Example
    /// See [`SickLeaveRecord`].
    pub fn with_gender(mut self, gender: Gender) -> SickLeaveRecord {
        self.gender = Some(gender);
        self
    }

    /// Sets the age group.
    ///
    /// # Example
    /// See [`SickLeaveRecord`].
    pub fn with_age_group(mut self, age_group: AgeGroup) -> SickLeaveRecord {
        self.age_group = Some(age_group);
        self
    }

    /// The unit.
    ///
    /// # Example
    /// See [`SickLeaveRecord`].
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// The hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord}; use namnd_core::Decimal;
    /// let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(SickLeaveRecord::new("A", h).hours(), &h);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn hours(&self) -> &SickLeave {
        &self.hours
    }
}

/// Sick leave summed over records: in total, per unit, per gender and per age
/// group. Records without a gender (or age group) count in the total and
/// their unit only.
///
/// # Example
/// ```
/// use namnd_kpi::staff::{Gender, SickLeave, SickLeaveRecord, SickLeaveSummary};
/// use namnd_core::Decimal;
///
/// let w = SickLeave::try_new(Decimal::from(3_000), Decimal::from(300), Decimal::ZERO)?;
/// let m = SickLeave::try_new(Decimal::from(1_000), Decimal::from(20), Decimal::from(30))?;
/// let summary = SickLeaveSummary::from_records(&[
///     SickLeaveRecord::new("A", w).with_gender(Gender::Women),
///     SickLeaveRecord::new("A", m).with_gender(Gender::Men),
/// ])?;
/// assert_eq!(summary.total().percent().value(), Some(Decimal::new(875, 2)));
/// assert_eq!(summary.by_gender(Gender::Men).map(|s| s.percent().value()), Some(Some(Decimal::from(5))));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SickLeaveSummary {
    total: SickLeave,
    by_unit: BTreeMap<String, SickLeave>,
    by_gender: BTreeMap<Gender, SickLeave>,
    by_age_group: BTreeMap<AgeGroup, SickLeave>,
}

impl SickLeaveSummary {
    /// Sums the records' hours.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// See [`SickLeaveSummary`].
    pub fn from_records<'a, I>(records: I) -> Result<SickLeaveSummary>
    where
        I: IntoIterator<Item = &'a SickLeaveRecord>,
    {
        let mut summary = SickLeaveSummary::default();
        for record in records {
            summary.total = summary.total.checked_add(&record.hours)?;
            let unit = summary.by_unit.entry(record.unit.clone()).or_default();
            *unit = unit.checked_add(&record.hours)?;
            if let Some(gender) = record.gender {
                let g = summary.by_gender.entry(gender).or_default();
                *g = g.checked_add(&record.hours)?;
            }
            if let Some(age) = record.age_group {
                let a = summary.by_age_group.entry(age).or_default();
                *a = a.checked_add(&record.hours)?;
            }
        }
        Ok(summary)
    }

    /// All records together.
    ///
    /// # Example
    /// See [`SickLeaveSummary`].
    pub fn total(&self) -> &SickLeave {
        &self.total
    }

    /// One unit's hours, if it had records.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord, SickLeaveSummary}; use namnd_core::Decimal;
    /// let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// let s = SickLeaveSummary::from_records(&[SickLeaveRecord::new("A", h)])?;
    /// assert_eq!(s.by_unit("A"), Some(&h));
    /// assert_eq!(s.by_unit("B"), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn by_unit(&self, unit: &str) -> Option<&SickLeave> {
        self.by_unit.get(unit)
    }

    /// The units in name order.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord, SickLeaveSummary}; use namnd_core::Decimal;
    /// let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// let s = SickLeaveSummary::from_records(&[SickLeaveRecord::new("B", h), SickLeaveRecord::new("A", h)])?;
    /// assert_eq!(s.units().map(|(u, _)| u).collect::<Vec<_>>(), ["A", "B"]);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn units(&self) -> impl Iterator<Item = (&str, &SickLeave)> {
        self.by_unit.iter().map(|(u, s)| (u.as_str(), s))
    }

    /// One gender's hours, if any record had that gender.
    ///
    /// # Example
    /// See [`SickLeaveSummary`].
    pub fn by_gender(&self, gender: Gender) -> Option<&SickLeave> {
        self.by_gender.get(&gender)
    }

    /// One age group's hours, if any record had that group.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{AgeGroup, SickLeave, SickLeaveRecord, SickLeaveSummary}; use namnd_core::Decimal;
    /// let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// let s = SickLeaveSummary::from_records(&[SickLeaveRecord::new("A", h).with_age_group(AgeGroup::UpTo29)])?;
    /// assert_eq!(s.by_age_group(AgeGroup::UpTo29), Some(&h));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn by_age_group(&self, age_group: AgeGroup) -> Option<&SickLeave> {
        self.by_age_group.get(&age_group)
    }
}

// ------------------------------------------------------- headcount and FTE

/// Staff figures split by gender, with the total as printed: headcount
/// (*antal anställda*) or FTE (*årsarbetare*). The parts are checked against
/// the stated total, because printed tables do not always add up (Gnesta's
/// FTE 2021: 237 women + 40 men = 277, printed total 276).
///
/// # Example
/// ```
/// use namnd_kpi::staff::{GenderSplit, SumCheck};
/// use namnd_core::Decimal;
///
/// let fte = GenderSplit::try_new("årsarbetare 2021", Decimal::from(237), Decimal::from(40), Some(Decimal::from(276)))?;
/// assert_eq!(fte.check(), SumCheck::Mismatch { parts: Decimal::from(277), stated: Decimal::from(276), difference: Decimal::ONE });
/// assert_eq!(
///     fte.ensure_consistent().map_err(|e| e.to_string()),
///     Err("årsarbetare 2021: women 237 + men 40 = 277, but the stated total is 276".to_owned()),
/// );
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenderSplit {
    label: String,
    women: Decimal,
    men: Decimal,
    parts: Decimal,
    stated_total: Option<Decimal>,
}

/// The outcome of checking a [`GenderSplit`]'s parts against its stated total.
///
/// # Example
/// See [`GenderSplit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SumCheck {
    /// The parts add up to the stated total.
    Consistent,
    /// No total was stated; nothing to check.
    NoStatedTotal,
    /// The parts do not add up.
    Mismatch {
        /// Women + men.
        parts: Decimal,
        /// The printed total.
        stated: Decimal,
        /// `parts − stated`.
        difference: Decimal,
    },
}

impl GenderSplit {
    /// Builds a split; `label` names the figures in messages (e.g.
    /// "årsarbetare 2021").
    ///
    /// # Errors
    /// [`KpiError::NegativeStaffValue`] for a negative figure,
    /// [`KpiError::StaffOverflow`] if women + men does not fit.
    ///
    /// # Example
    /// See [`GenderSplit`].
    pub fn try_new(
        label: impl Into<String>,
        women: Decimal,
        men: Decimal,
        stated_total: Option<Decimal>,
    ) -> Result<GenderSplit> {
        let label = label.into();
        let women = non_negative(&format!("{label} women"), women)?;
        let men = non_negative(&format!("{label} men"), men)?;
        if let Some(total) = stated_total {
            non_negative(&format!("{label} total"), total)?;
        }
        let parts = add(&label, women, men)?;
        Ok(GenderSplit {
            label,
            women,
            men,
            parts,
            stated_total,
        })
    }

    /// The label.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// let s = GenderSplit::try_new("anställda 2021", Decimal::from(268), Decimal::from(43), None)?;
    /// assert_eq!(s.label(), "anställda 2021");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Women.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// let s = GenderSplit::try_new("x", Decimal::from(268), Decimal::from(43), None)?;
    /// assert_eq!(s.women(), Decimal::from(268));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn women(&self) -> Decimal {
        self.women
    }

    /// Men.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// let s = GenderSplit::try_new("x", Decimal::from(268), Decimal::from(43), None)?;
    /// assert_eq!(s.men(), Decimal::from(43));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn men(&self) -> Decimal {
        self.men
    }

    /// Women + men.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// let s = GenderSplit::try_new("x", Decimal::from(268), Decimal::from(43), None)?;
    /// assert_eq!(s.parts_sum(), Decimal::from(311));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn parts_sum(&self) -> Decimal {
        self.parts
    }

    /// The stated total if there is one, else the sum of the parts.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// let s = GenderSplit::try_new("x", Decimal::from(237), Decimal::from(40), Some(Decimal::from(276)))?;
    /// assert_eq!(s.total(), Decimal::from(276));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn total(&self) -> Decimal {
        self.stated_total.unwrap_or(self.parts)
    }

    /// Women as a percentage of the parts' sum.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// let s = GenderSplit::try_new("x", Decimal::from(3), Decimal::from(1), None)?;
    /// assert_eq!(s.women_share().value(), Some(Decimal::from(75)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn women_share(&self) -> Percent {
        percent_of(self.women, self.parts, Decimal::ZERO)
    }

    /// Compares the parts with the stated total (exactly: FTE figures with
    /// decimals must match to the last printed decimal).
    ///
    /// # Example
    /// See [`GenderSplit`].
    pub fn check(&self) -> SumCheck {
        match self.stated_total {
            None => SumCheck::NoStatedTotal,
            Some(stated) if stated == self.parts => SumCheck::Consistent,
            Some(stated) => SumCheck::Mismatch {
                parts: self.parts,
                stated,
                // Both are non-negative, so the difference always fits.
                difference: self.parts.checked_sub(stated).unwrap_or(Decimal::ZERO),
            },
        }
    }

    /// [`check`](Self::check) as a `Result`, for callers that treat a
    /// mismatch as an error.
    ///
    /// # Errors
    /// [`KpiError::GenderSumMismatch`] naming the label and all figures.
    ///
    /// # Example
    /// See [`GenderSplit`].
    pub fn ensure_consistent(&self) -> Result<()> {
        match self.check() {
            SumCheck::Mismatch { parts, stated, .. } => Err(KpiError::GenderSumMismatch {
                label: self.label.clone(),
                women: self.women,
                men: self.men,
                parts,
                stated,
            }),
            _ => Ok(()),
        }
    }
}

/// Headcount (*antal anställda*) and FTE (*årsarbetare*) side by side: they
/// are different measures (Oxelösund 2021: 299 employees, 272,8 FTE worked).
/// The headcount must be whole persons, and the FTE no more than the headcount
/// (women, men and total).
///
/// # Example
/// ```
/// use namnd_kpi::staff::{GenderSplit, StaffNumbers};
/// use namnd_core::Decimal;
///
/// let n = StaffNumbers::try_new(
///     GenderSplit::try_new("anställda 2021", Decimal::from(268), Decimal::from(43), Some(Decimal::from(311)))?,
///     GenderSplit::try_new("årsarbetare 2021", Decimal::from(237), Decimal::from(40), Some(Decimal::from(276)))?,
/// )?;
/// let problems: Vec<String> = n.mismatches().iter().map(ToString::to_string).collect();
/// assert_eq!(problems, ["årsarbetare 2021: women 237 + men 40 = 277, but the stated total is 276"]);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffNumbers {
    headcount: GenderSplit,
    fte: GenderSplit,
}

impl StaffNumbers {
    /// Pairs a headcount and an FTE split.
    ///
    /// # Errors
    /// [`KpiError::FractionalHeadcount`] for a headcount figure (women, men or
    /// stated total) that is not whole, [`KpiError::FteExceedsHeadcount`] when
    /// the FTE of women, of men or in total (the stated totals where both are
    /// printed, else women + men) is above the headcount.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::staff::{GenderSplit, StaffNumbers};
    /// use namnd_core::Decimal;
    ///
    /// let heads = GenderSplit::try_new("anställda 2021", Decimal::from(10), Decimal::from(2), None)?;
    /// let fte = GenderSplit::try_new("årsarbetare 2021", Decimal::from(11), Decimal::ONE, None)?;
    /// let err = StaffNumbers::try_new(heads, fte).unwrap_err();
    /// assert_eq!(err.to_string(), "årsarbetare 2021 women 11 exceed anställda 2021 women 10");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn try_new(headcount: GenderSplit, fte: GenderSplit) -> Result<StaffNumbers> {
        let figures = |s: &GenderSplit| {
            [
                ("women", Some(s.women)),
                ("men", Some(s.men)),
                ("total", s.stated_total),
            ]
        };
        for (which, value) in figures(&headcount) {
            if let Some(value) = value
                && !value.fract().is_zero()
            {
                return Err(KpiError::FractionalHeadcount {
                    label: headcount.label.clone(),
                    which,
                    value,
                });
            }
        }
        let (fte_total, head_total) = match (fte.stated_total, headcount.stated_total) {
            (Some(f), Some(h)) => (f, h),
            _ => (fte.parts, headcount.parts),
        };
        for (which, f, h) in [
            ("women", fte.women, headcount.women),
            ("men", fte.men, headcount.men),
            ("total", fte_total, head_total),
        ] {
            if f > h {
                return Err(KpiError::FteExceedsHeadcount {
                    fte_label: fte.label.clone(),
                    headcount_label: headcount.label.clone(),
                    which,
                    fte: f,
                    headcount: h,
                });
            }
        }
        Ok(StaffNumbers { headcount, fte })
    }

    /// The headcount.
    ///
    /// # Example
    /// See [`StaffNumbers`].
    pub fn headcount(&self) -> &GenderSplit {
        &self.headcount
    }

    /// The FTE.
    ///
    /// # Example
    /// See [`StaffNumbers`].
    pub fn fte(&self) -> &GenderSplit {
        &self.fte
    }

    /// Every sum mismatch, as errors to report (not to stop on).
    ///
    /// # Example
    /// See [`StaffNumbers`].
    pub fn mismatches(&self) -> Vec<KpiError> {
        [&self.headcount, &self.fte]
            .into_iter()
            .filter_map(|s| s.ensure_consistent().err())
            .collect()
    }
}

// --------------------------------------------------- home-care efficiency

/// *Brukartid*: the share of staff worked time spent with recipients
/// (client-facing hours / worked hours). Higher is better.
///
/// # Example
/// ```
/// use namnd_kpi::staff::Brukartid;
/// use namnd_core::Decimal;
///
/// // Oxelösund hemtjänst 2021: 50 % against a target of 70 %.
/// let b = Brukartid::try_new(Decimal::from(5_000), Decimal::from(10_000))?;
/// assert_eq!(b.percent().value(), Some(Decimal::from(50)));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Brukartid {
    client: Decimal,
    worked: Decimal,
}

impl Brukartid {
    /// Builds from client-facing hours and worked hours.
    ///
    /// # Errors
    /// [`KpiError::NegativeStaffValue`] for negative hours,
    /// [`KpiError::PartExceedsWhole`] if client-facing hours exceed worked hours.
    ///
    /// # Example
    /// See [`Brukartid`].
    pub fn try_new(client_hours: Decimal, worked_hours: Decimal) -> Result<Brukartid> {
        let client = non_negative("client-facing hours", client_hours)?;
        let worked = non_negative("worked hours", worked_hours)?;
        if client > worked {
            return Err(KpiError::PartExceedsWhole {
                part_name: "client-facing hours",
                part: client,
                whole_name: "worked hours",
                whole: worked,
            });
        }
        Ok(Brukartid { client, worked })
    }

    /// Client-facing hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::Brukartid; use namnd_core::Decimal;
    /// assert_eq!(Brukartid::try_new(Decimal::ONE, Decimal::TWO)?.client_hours(), Decimal::ONE);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn client_hours(&self) -> Decimal {
        self.client
    }

    /// Worked hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::Brukartid; use namnd_core::Decimal;
    /// assert_eq!(Brukartid::try_new(Decimal::ONE, Decimal::TWO)?.worked_hours(), Decimal::TWO);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn worked_hours(&self) -> Decimal {
        self.worked
    }

    /// Client-facing hours in percent of worked hours.
    ///
    /// # Example
    /// See [`Brukartid`].
    pub fn percent(&self) -> Percent {
        percent_of(self.client, self.worked, Decimal::ZERO)
    }

    /// Rolls units (or months) up by adding hours.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::Brukartid; use namnd_core::Decimal;
    /// let a = Brukartid::try_new(Decimal::from(60), Decimal::from(100))?;
    /// let b = Brukartid::try_new(Decimal::from(120), Decimal::from(300))?;
    /// assert_eq!(Brukartid::roll_up([&a, &b])?.percent().value(), Some(Decimal::from(45)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn roll_up<'a, I>(units: I) -> Result<Brukartid>
    where
        I: IntoIterator<Item = &'a Brukartid>,
    {
        units.into_iter().try_fold(Brukartid::default(), |acc, u| {
            Ok(Brukartid {
                client: add("client-facing hours", acc.client, u.client)?,
                worked: add("worked hours", acc.worked, u.worked)?,
            })
        })
    }
}

/// *Utförd tid av beviljad tid*: performed home-care hours in percent of
/// granted hours. Performed may exceed granted (above 100 %).
///
/// # Example
/// ```
/// use namnd_kpi::staff::PerformedOfGranted;
/// use namnd_core::Decimal;
///
/// // Oxelösund hemtjänst 2021: 72 % against a target of 90 %.
/// let p = PerformedOfGranted::try_new(Decimal::from(7_200), Decimal::from(10_000))?;
/// assert_eq!(p.percent().value(), Some(Decimal::from(72)));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PerformedOfGranted {
    performed: Decimal,
    granted: Decimal,
}

impl PerformedOfGranted {
    /// Builds from performed and granted hours.
    ///
    /// # Errors
    /// [`KpiError::NegativeStaffValue`] for negative hours.
    ///
    /// # Example
    /// See [`PerformedOfGranted`].
    pub fn try_new(performed_hours: Decimal, granted_hours: Decimal) -> Result<PerformedOfGranted> {
        Ok(PerformedOfGranted {
            performed: non_negative("performed hours", performed_hours)?,
            granted: non_negative("granted hours", granted_hours)?,
        })
    }

    /// Performed hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::PerformedOfGranted; use namnd_core::Decimal;
    /// assert_eq!(PerformedOfGranted::try_new(Decimal::ONE, Decimal::TWO)?.performed_hours(), Decimal::ONE);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn performed_hours(&self) -> Decimal {
        self.performed
    }

    /// Granted hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::PerformedOfGranted; use namnd_core::Decimal;
    /// assert_eq!(PerformedOfGranted::try_new(Decimal::ONE, Decimal::TWO)?.granted_hours(), Decimal::TWO);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn granted_hours(&self) -> Decimal {
        self.granted
    }

    /// Performed hours in percent of granted hours.
    ///
    /// # Example
    /// See [`PerformedOfGranted`].
    pub fn percent(&self) -> Percent {
        percent_of(self.performed, self.granted, Decimal::ZERO)
    }

    /// Rolls units (or months) up by adding hours.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::PerformedOfGranted; use namnd_core::Decimal;
    /// let a = PerformedOfGranted::try_new(Decimal::from(90), Decimal::from(100))?;
    /// let b = PerformedOfGranted::try_new(Decimal::from(210), Decimal::from(300))?;
    /// assert_eq!(PerformedOfGranted::roll_up([&a, &b])?.percent().value(), Some(Decimal::from(75)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn roll_up<'a, I>(units: I) -> Result<PerformedOfGranted>
    where
        I: IntoIterator<Item = &'a PerformedOfGranted>,
    {
        units
            .into_iter()
            .try_fold(PerformedOfGranted::default(), |acc, u| {
                Ok(PerformedOfGranted {
                    performed: add("performed hours", acc.performed, u.performed)?,
                    granted: add("granted hours", acc.granted, u.granted)?,
                })
            })
    }
}

// ------------------------------------------------------- substitute hours

/// Hours worked by hourly substitutes (*timvikarier*) per month; adding
/// hours for a month already present accumulates.
///
/// # Example
/// ```
/// use namnd_kpi::staff::SubstituteHours;
/// use namnd_core::{Decimal, YearMonth};
///
/// let mut hours = SubstituteHours::new();
/// let march = YearMonth::try_new(2022, 3)?;
/// hours.add(march, Decimal::from(120))?;
/// hours.add(march, Decimal::new(305, 1))?;
/// hours.add(YearMonth::try_new(2022, 4)?, Decimal::from(80))?;
/// assert_eq!(hours.month(march), Some(Decimal::new(1505, 1)));
/// assert_eq!(hours.total()?, Decimal::new(2305, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubstituteHours {
    months: BTreeMap<YearMonth, Decimal>,
}

impl SubstituteHours {
    /// No hours.
    ///
    /// # Example
    /// See [`SubstituteHours`].
    pub fn new() -> SubstituteHours {
        SubstituteHours::default()
    }

    /// Adds hours to a month.
    ///
    /// # Errors
    /// [`KpiError::NegativeStaffValue`] for negative hours (naming the month),
    /// [`KpiError::StaffOverflow`] if the month's sum does not fit.
    ///
    /// # Example
    /// See [`SubstituteHours`].
    pub fn add(&mut self, month: YearMonth, hours: Decimal) -> Result<()> {
        let what = format!("substitute hours for {month}");
        let hours = non_negative(&what, hours)?;
        let slot = self.months.entry(month).or_insert(Decimal::ZERO);
        *slot = add(&what, *slot, hours)?;
        Ok(())
    }

    /// The hours of one month, if any were added.
    ///
    /// # Example
    /// See [`SubstituteHours`].
    pub fn month(&self, month: YearMonth) -> Option<Decimal> {
        self.months.get(&month).copied()
    }

    /// Months in order with their hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SubstituteHours; use namnd_core::{Decimal, YearMonth};
    /// let mut h = SubstituteHours::new();
    /// h.add(YearMonth::try_new(2022, 2)?, Decimal::TEN)?;
    /// h.add(YearMonth::try_new(2022, 1)?, Decimal::ONE)?;
    /// let months: Vec<u32> = h.iter().map(|(m, _)| m.month()).collect();
    /// assert_eq!(months, [1, 2]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (YearMonth, Decimal)> + '_ {
        self.months.iter().map(|(m, h)| (*m, *h))
    }

    /// All hours.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if the sum does not fit.
    ///
    /// # Example
    /// See [`SubstituteHours`].
    pub fn total(&self) -> Result<Decimal> {
        self.months.values().try_fold(Decimal::ZERO, |acc, h| {
            add("substitute hours total", acc, *h)
        })
    }
}
