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
//! ## Serde
//! With the `serde` feature every data type here is Serialize and
//! Deserialize, hours as decimal strings (`"1000.5"`). Reading goes through
//! the same checks as the constructors (negative hours, a part above its
//! whole, fractional headcount, FTE above headcount); a
//! [`SickLeaveSummary`] read back must have units that add up to its total
//! and genders and age groups that do not exceed it. [`SumCheck`] is only
//! written.
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::SickLeaveRepr",
        into = "serde_repr::SickLeaveRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::staff::{LONG_SPELL_AFTER_DAYS, SickSpell};
/// let last_short = SickSpell::try_new(LONG_SPELL_AFTER_DAYS, Decimal::from(8))?;
/// let first_long = SickSpell::try_new(LONG_SPELL_AFTER_DAYS + 1, Decimal::from(8))?;
/// assert_eq!((last_short.is_long(), first_long.is_long()), (false, true));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::SickSpellRepr",
        into = "serde_repr::SickSpellRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// let Err(err) = SickSpell::try_new(3, Decimal::NEGATIVE_ONE) else {
    ///     return Err("negative hours must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "sick hours of a 3-day spell is -1; it cannot be negative");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// ```
    /// # use namnd_kpi::staff::SickSpell; use namnd_core::Decimal;
    /// assert!(SickSpell::try_new(60, Decimal::ONE)?.is_long());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum AgeGroup {
    /// 29 years or younger (JSON `"up-to-29"`).
    #[cfg_attr(feature = "serde", serde(rename = "up-to-29"))]
    UpTo29,
    /// 30–49 years (JSON `"30-49"`).
    #[cfg_attr(feature = "serde", serde(rename = "30-49"))]
    From30To49,
    /// 50 years or older (JSON `"50-or-older"`).
    #[cfg_attr(feature = "serde", serde(rename = "50-or-older"))]
    From50,
}

impl AgeGroup {
    /// The group of an age in whole years.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::AgeGroup;
    /// assert_eq!(AgeGroup::from_age(49), AgeGroup::From30To49);
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord};
    /// assert_eq!(SickLeaveRecord::new("Norr", SickLeave::default()).unit(), "Norr");
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::{Gender, SickLeave, SickLeaveRecord};
    /// let _women = SickLeaveRecord::new("Norr", SickLeave::default()).with_gender(Gender::Women);
    /// ```
    pub fn with_gender(mut self, gender: Gender) -> SickLeaveRecord {
        self.gender = Some(gender);
        self
    }

    /// Sets the age group.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{AgeGroup, SickLeave, SickLeaveRecord};
    /// let _young = SickLeaveRecord::new("Norr", SickLeave::default()).with_age_group(AgeGroup::UpTo29);
    /// ```
    pub fn with_age_group(mut self, age_group: AgeGroup) -> SickLeaveRecord {
        self.age_group = Some(age_group);
        self
    }

    /// The unit.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord};
    /// assert_eq!(SickLeaveRecord::new("Söder", SickLeave::default()).unit(), "Söder");
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::SickLeaveSummaryRepr",
        into = "serde_repr::SickLeaveSummaryRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord, SickLeaveSummary}; use namnd_core::Decimal;
    /// # let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(SickLeaveSummary::from_records(&[SickLeaveRecord::new("A", h), SickLeaveRecord::new("B", h)])?.total().scheduled_hours(), Decimal::from(20));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::{SickLeave, SickLeaveRecord, SickLeaveSummary}; use namnd_core::Decimal;
    /// # let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(SickLeaveSummary::from_records(&[SickLeaveRecord::new("A", h)])?.total(), &h);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::{Gender, SickLeave, SickLeaveRecord, SickLeaveSummary}; use namnd_core::Decimal;
    /// # let h = SickLeave::try_new(Decimal::TEN, Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(SickLeaveSummary::from_records(&[SickLeaveRecord::new("A", h).with_gender(Gender::Men)])?.by_gender(Gender::Women), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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

    /// Whether the per-gender figures cover the whole total, i.e. every
    /// record had a gender: the genders' scheduled hours (then, if those
    /// match, sick hours) against the total's. [`SumCheck::NoStatedTotal`]
    /// when no record had a gender. A mismatch means the per-gender
    /// percentages describe only part of the staff.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::staff::{Gender, SickLeave, SickLeaveRecord, SickLeaveSummary, SumCheck};
    /// use namnd_core::Decimal;
    ///
    /// let h = SickLeave::try_new(Decimal::from(100), Decimal::from(5), Decimal::ZERO)?;
    /// let s = SickLeaveSummary::from_records(&[
    ///     SickLeaveRecord::new("A", h).with_gender(Gender::Women),
    ///     SickLeaveRecord::new("B", h),
    /// ])?;
    /// assert_eq!(s.gender_check()?, SumCheck::Mismatch { parts: Decimal::from(100), stated: Decimal::from(200), difference: Decimal::from(-100) });
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn gender_check(&self) -> Result<SumCheck> {
        coverage(self.by_gender.values(), &self.total)
    }

    /// As [`gender_check`](Self::gender_check), for the age groups.
    ///
    /// # Errors
    /// [`KpiError::StaffOverflow`] if a sum leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::staff::{AgeGroup, SickLeave, SickLeaveRecord, SickLeaveSummary, SumCheck};
    /// use namnd_core::Decimal;
    ///
    /// let h = SickLeave::try_new(Decimal::from(100), Decimal::from(5), Decimal::ZERO)?;
    /// let s = SickLeaveSummary::from_records(&[SickLeaveRecord::new("A", h).with_age_group(AgeGroup::From50)])?;
    /// assert_eq!(s.age_group_check()?, SumCheck::Consistent);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn age_group_check(&self) -> Result<SumCheck> {
        coverage(self.by_age_group.values(), &self.total)
    }
}

/// Parts' hours against the total's: scheduled hours, then sick hours.
fn coverage<'a>(
    parts: impl ExactSizeIterator<Item = &'a SickLeave>,
    total: &SickLeave,
) -> Result<SumCheck> {
    if parts.len() == 0 {
        return Ok(SumCheck::NoStatedTotal);
    }
    let sum = SickLeave::roll_up(parts)?;
    for (p, t) in [(sum.scheduled, total.scheduled), (sum.sick, total.sick)] {
        if p != t {
            return Ok(SumCheck::Mismatch {
                parts: p,
                stated: t,
                difference: p.checked_sub(t).unwrap_or(Decimal::ZERO),
            });
        }
    }
    Ok(SumCheck::Consistent)
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::GenderSplitRepr",
        into = "serde_repr::GenderSplitRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
/// ```
/// use namnd_kpi::staff::{GenderSplit, SumCheck};
/// use namnd_core::Decimal;
/// let split = GenderSplit::try_new("anställda", Decimal::from(268), Decimal::from(43), Some(Decimal::from(310)))?;
/// assert_eq!(split.check(), SumCheck::Mismatch { parts: Decimal::from(311), stated: Decimal::from(310), difference: Decimal::ONE });
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
///
/// Serialised only (it is computed, never read back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum SumCheck {
    /// The parts add up to the stated total.
    Consistent,
    /// No total was stated; nothing to check.
    NoStatedTotal,
    /// The parts do not add up.
    Mismatch {
        /// Women + men.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        parts: Decimal,
        /// The printed total.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        stated: Decimal,
        /// `parts − stated`.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        difference: Decimal,
    },
    /// The parts miss the total by no more than rounding explains (only from
    /// [`GenderSplit::check_allowing_rounding`]).
    WithinRounding {
        /// Women + men.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        parts: Decimal,
        /// The printed total.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        stated: Decimal,
        /// `parts − stated`.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
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
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// assert!(GenderSplit::try_new("anställda", Decimal::NEGATIVE_ONE, Decimal::ONE, None).is_err());
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::{GenderSplit, SumCheck}; use namnd_core::Decimal;
    /// assert_eq!(GenderSplit::try_new("anställda", Decimal::from(268), Decimal::from(43), Some(Decimal::from(311)))?.check(), SumCheck::Consistent);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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

    /// Like [`check`](Self::check), but a difference that rounding of the
    /// printed figures explains is [`SumCheck::WithinRounding`]: each of the
    /// two parts may be off by half a unit of the last printed decimal, so
    /// up to one unit in all (domain rule: ±½ unit per addend). The unit is
    /// that of the figure printed with most decimals: 1 for `237`, 0,1 for
    /// `272,8`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::staff::{GenderSplit, SumCheck};
    /// use namnd_core::Decimal;
    ///
    /// // Gnesta FTE 2021: 237 + 40 = 277 against 276 may be 236,6 + 39,6 = 276,2.
    /// let fte = GenderSplit::try_new("årsarbetare 2021", Decimal::from(237), Decimal::from(40), Some(Decimal::from(276)))?;
    /// assert!(matches!(fte.check_allowing_rounding(), SumCheck::WithinRounding { .. }));
    /// let off = GenderSplit::try_new("x", Decimal::from(237), Decimal::from(40), Some(Decimal::from(275)))?;
    /// assert!(matches!(off.check_allowing_rounding(), SumCheck::Mismatch { .. }));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn check_allowing_rounding(&self) -> SumCheck {
        match self.check() {
            SumCheck::Mismatch {
                parts,
                stated,
                difference,
            } => {
                let decimals = [self.women, self.men, stated]
                    .iter()
                    .map(Decimal::scale)
                    .max()
                    .unwrap_or(0);
                let unit = Decimal::new(1, decimals);
                if difference.abs() <= unit {
                    SumCheck::WithinRounding {
                        parts,
                        stated,
                        difference,
                    }
                } else {
                    SumCheck::Mismatch {
                        parts,
                        stated,
                        difference,
                    }
                }
            }
            other => other,
        }
    }

    /// [`check`](Self::check) as a `Result`, for callers that treat a
    /// mismatch as an error.
    ///
    /// # Errors
    /// [`KpiError::GenderSumMismatch`] naming the label and all figures.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::GenderSplit; use namnd_core::Decimal;
    /// assert!(GenderSplit::try_new("anställda", Decimal::from(268), Decimal::from(43), Some(Decimal::from(312)))?.ensure_consistent().is_err());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::StaffNumbersRepr",
        into = "serde_repr::StaffNumbersRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// let Err(err) = StaffNumbers::try_new(heads, fte) else {
    ///     return Err("more FTE than persons must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "årsarbetare 2021 women 11 exceed anställda 2021 women 10");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// ```
    /// # use namnd_kpi::staff::{GenderSplit, StaffNumbers}; use namnd_core::Decimal;
    /// # let heads = GenderSplit::try_new("anställda", Decimal::from(10), Decimal::from(2), None)?;
    /// # let fte = GenderSplit::try_new("årsarbetare", Decimal::from(9), Decimal::ONE, None)?;
    /// assert_eq!(StaffNumbers::try_new(heads.clone(), fte)?.headcount(), &heads);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn headcount(&self) -> &GenderSplit {
        &self.headcount
    }

    /// The FTE.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{GenderSplit, StaffNumbers}; use namnd_core::Decimal;
    /// # let heads = GenderSplit::try_new("anställda", Decimal::from(10), Decimal::from(2), None)?;
    /// # let fte = GenderSplit::try_new("årsarbetare", Decimal::from(9), Decimal::ONE, None)?;
    /// assert_eq!(StaffNumbers::try_new(heads, fte.clone())?.fte(), &fte);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn fte(&self) -> &GenderSplit {
        &self.fte
    }

    /// Every sum mismatch, as errors to report (not to stop on).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::{GenderSplit, StaffNumbers}; use namnd_core::Decimal;
    /// # let heads = GenderSplit::try_new("anställda", Decimal::from(10), Decimal::from(2), Some(Decimal::from(13)))?;
    /// # let fte = GenderSplit::try_new("årsarbetare", Decimal::from(9), Decimal::ONE, None)?;
    /// assert_eq!(StaffNumbers::try_new(heads, fte)?.mismatches().len(), 1); // 10 + 2 ≠ 13
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::BrukartidRepr",
        into = "serde_repr::BrukartidRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// ```
    /// # use namnd_kpi::staff::Brukartid; use namnd_core::Decimal;
    /// assert!(Brukartid::try_new(Decimal::from(11), Decimal::TEN).is_err()); // more client time than worked
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::Brukartid; use namnd_core::Decimal;
    /// assert_eq!(Brukartid::try_new(Decimal::from(7), Decimal::TEN)?.percent().value(), Some(Decimal::from(70)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::PerformedOfGrantedRepr",
        into = "serde_repr::PerformedOfGrantedRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
    /// ```
    /// # use namnd_kpi::staff::PerformedOfGranted; use namnd_core::Decimal;
    /// assert_eq!(PerformedOfGranted::try_new(Decimal::from(11), Decimal::TEN)?.percent().value(), Some(Decimal::from(110)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::PerformedOfGranted; use namnd_core::Decimal;
    /// assert_eq!(PerformedOfGranted::try_new(Decimal::from(9), Decimal::TEN)?.percent().value(), Some(Decimal::from(90)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "serde_repr::SubstituteHoursRepr",
        into = "serde_repr::SubstituteHoursRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SubstituteHours {
    months: BTreeMap<YearMonth, Decimal>,
}

impl SubstituteHours {
    /// No hours.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::staff::SubstituteHours; use namnd_core::Decimal;
    /// assert_eq!(SubstituteHours::new().total()?, Decimal::ZERO);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::SubstituteHours; use namnd_core::{Decimal, YearMonth};
    /// # let mut h = SubstituteHours::new();
    /// h.add(YearMonth::try_new(2022, 1)?, Decimal::TEN)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::SubstituteHours; use namnd_core::YearMonth;
    /// assert_eq!(SubstituteHours::new().month(YearMonth::try_new(2022, 1)?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// ```
    /// # use namnd_kpi::staff::SubstituteHours; use namnd_core::{Decimal, YearMonth};
    /// # let mut h = SubstituteHours::new();
    /// # h.add(YearMonth::try_new(2022, 1)?, Decimal::TEN)?;
    /// # h.add(YearMonth::try_new(2022, 2)?, Decimal::ONE)?;
    /// assert_eq!(h.total()?, Decimal::from(11));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total(&self) -> Result<Decimal> {
        self.months.values().try_fold(Decimal::ZERO, |acc, h| {
            add("substitute hours total", acc, *h)
        })
    }
}

// ---------------------------------------------------------------------- serde

/// The wire forms of the staff types, converted through the constructors so
/// that data read from JSON keeps the same invariants.
#[cfg(feature = "serde")]
mod serde_repr {
    use std::collections::BTreeMap;

    use namnd_core::{Decimal, YearMonth};
    use serde::{Deserialize, Serialize};

    use super::{
        AgeGroup, Brukartid, Gender, GenderSplit, PerformedOfGranted, SickLeave, SickLeaveSummary,
        SickSpell, StaffNumbers, SubstituteHours,
    };
    use crate::KpiError;

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct SickLeaveRepr {
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        scheduled_hours: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        short_sick_hours: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        long_sick_hours: Decimal,
    }

    impl From<SickLeave> for SickLeaveRepr {
        fn from(s: SickLeave) -> Self {
            SickLeaveRepr {
                scheduled_hours: s.scheduled,
                short_sick_hours: s.short,
                long_sick_hours: s.long,
            }
        }
    }

    impl TryFrom<SickLeaveRepr> for SickLeave {
        type Error = KpiError;
        fn try_from(r: SickLeaveRepr) -> crate::Result<SickLeave> {
            SickLeave::try_new(r.scheduled_hours, r.short_sick_hours, r.long_sick_hours)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct SickSpellRepr {
        days: u32,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        hours: Decimal,
    }

    impl From<SickSpell> for SickSpellRepr {
        fn from(s: SickSpell) -> Self {
            SickSpellRepr {
                days: s.days,
                hours: s.hours,
            }
        }
    }

    impl TryFrom<SickSpellRepr> for SickSpell {
        type Error = KpiError;
        fn try_from(r: SickSpellRepr) -> crate::Result<SickSpell> {
            SickSpell::try_new(r.days, r.hours)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct SickLeaveSummaryRepr {
        total: SickLeave,
        by_unit: BTreeMap<String, SickLeave>,
        by_gender: BTreeMap<Gender, SickLeave>,
        by_age_group: BTreeMap<AgeGroup, SickLeave>,
    }

    impl From<SickLeaveSummary> for SickLeaveSummaryRepr {
        fn from(s: SickLeaveSummary) -> Self {
            SickLeaveSummaryRepr {
                total: s.total,
                by_unit: s.by_unit,
                by_gender: s.by_gender,
                by_age_group: s.by_age_group,
            }
        }
    }

    /// Checks `parts` against `total`: equal when `exact`, else not above it.
    fn fits<'a>(
        parts: impl IntoIterator<Item = &'a SickLeave>,
        total: &SickLeave,
        exact: bool,
        names: [&'static str; 3],
    ) -> crate::Result<()> {
        let sum = SickLeave::roll_up(parts)?;
        let [scheduled, short, long] = names;
        for (what, p, t) in [
            (scheduled, sum.scheduled, total.scheduled),
            (short, sum.short, total.short),
            (long, sum.long, total.long),
        ] {
            if (exact && p != t) || p > t {
                return Err(KpiError::SickLeaveSummaryMismatch {
                    what,
                    parts: p,
                    total: t,
                });
            }
        }
        Ok(())
    }

    impl TryFrom<SickLeaveSummaryRepr> for SickLeaveSummary {
        type Error = KpiError;
        fn try_from(r: SickLeaveSummaryRepr) -> crate::Result<SickLeaveSummary> {
            // An empty summary has no units; any other has its records' units.
            if !(r.by_unit.is_empty() && r.total == SickLeave::default()) {
                fits(
                    r.by_unit.values(),
                    &r.total,
                    true,
                    [
                        "units' scheduled hours",
                        "units' short-term sick hours",
                        "units' long-term sick hours",
                    ],
                )?;
            }
            fits(
                r.by_gender.values(),
                &r.total,
                false,
                [
                    "genders' scheduled hours",
                    "genders' short-term sick hours",
                    "genders' long-term sick hours",
                ],
            )?;
            fits(
                r.by_age_group.values(),
                &r.total,
                false,
                [
                    "age groups' scheduled hours",
                    "age groups' short-term sick hours",
                    "age groups' long-term sick hours",
                ],
            )?;
            Ok(SickLeaveSummary {
                total: r.total,
                by_unit: r.by_unit,
                by_gender: r.by_gender,
                by_age_group: r.by_age_group,
            })
        }
    }

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct GenderSplitRepr {
        label: String,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        women: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        men: Decimal,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
        stated_total: Option<Decimal>,
    }

    impl From<GenderSplit> for GenderSplitRepr {
        fn from(s: GenderSplit) -> Self {
            GenderSplitRepr {
                label: s.label,
                women: s.women,
                men: s.men,
                stated_total: s.stated_total,
            }
        }
    }

    impl TryFrom<GenderSplitRepr> for GenderSplit {
        type Error = KpiError;
        fn try_from(r: GenderSplitRepr) -> crate::Result<GenderSplit> {
            GenderSplit::try_new(r.label, r.women, r.men, r.stated_total)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct StaffNumbersRepr {
        headcount: GenderSplit,
        fte: GenderSplit,
    }

    impl From<StaffNumbers> for StaffNumbersRepr {
        fn from(s: StaffNumbers) -> Self {
            StaffNumbersRepr {
                headcount: s.headcount,
                fte: s.fte,
            }
        }
    }

    impl TryFrom<StaffNumbersRepr> for StaffNumbers {
        type Error = KpiError;
        fn try_from(r: StaffNumbersRepr) -> crate::Result<StaffNumbers> {
            StaffNumbers::try_new(r.headcount, r.fte)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct BrukartidRepr {
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        client_hours: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        worked_hours: Decimal,
    }

    impl From<Brukartid> for BrukartidRepr {
        fn from(b: Brukartid) -> Self {
            BrukartidRepr {
                client_hours: b.client,
                worked_hours: b.worked,
            }
        }
    }

    impl TryFrom<BrukartidRepr> for Brukartid {
        type Error = KpiError;
        fn try_from(r: BrukartidRepr) -> crate::Result<Brukartid> {
            Brukartid::try_new(r.client_hours, r.worked_hours)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(deny_unknown_fields)]
    pub(super) struct PerformedOfGrantedRepr {
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        performed_hours: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        granted_hours: Decimal,
    }

    impl From<PerformedOfGranted> for PerformedOfGrantedRepr {
        fn from(p: PerformedOfGranted) -> Self {
            PerformedOfGrantedRepr {
                performed_hours: p.performed,
                granted_hours: p.granted,
            }
        }
    }

    impl TryFrom<PerformedOfGrantedRepr> for PerformedOfGranted {
        type Error = KpiError;
        fn try_from(r: PerformedOfGrantedRepr) -> crate::Result<PerformedOfGranted> {
            PerformedOfGranted::try_new(r.performed_hours, r.granted_hours)
        }
    }

    /// Hours as a decimal string.
    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub(super) struct Hours(
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    );

    /// Month (`"2022-03"`) → hours.
    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(transparent)]
    pub(super) struct SubstituteHoursRepr(BTreeMap<YearMonth, Hours>);

    impl From<SubstituteHours> for SubstituteHoursRepr {
        fn from(s: SubstituteHours) -> Self {
            SubstituteHoursRepr(s.months.into_iter().map(|(m, h)| (m, Hours(h))).collect())
        }
    }

    impl TryFrom<SubstituteHoursRepr> for SubstituteHours {
        type Error = KpiError;
        fn try_from(r: SubstituteHoursRepr) -> crate::Result<SubstituteHours> {
            let mut hours = SubstituteHours::new();
            for (month, Hours(h)) in r.0 {
                hours.add(month, h)?;
            }
            Ok(hours)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn hours(scheduled: i64, short: i64, long: i64) -> SickLeave {
        SickLeave::try_new(d(scheduled), d(short), d(long)).unwrap()
    }

    #[test]
    fn per_gender_sick_leave_is_weighted_by_hours_not_averaged() {
        // Women: 10 % of 1 000 h in A, 2 % of 3 000 h in B → 160 / 4 000 = 4 %,
        // not (10 + 2) / 2 = 6 %. Men: 5 % of 1 000 h in A only.
        let s = SickLeaveSummary::from_records(&[
            SickLeaveRecord::new("A", hours(1_000, 100, 0)).with_gender(Gender::Women),
            SickLeaveRecord::new("B", hours(3_000, 30, 30)).with_gender(Gender::Women),
            SickLeaveRecord::new("A", hours(1_000, 50, 0)).with_gender(Gender::Men),
        ])
        .unwrap();
        let women = s.by_gender(Gender::Women).unwrap();
        assert_eq!(
            (women.scheduled_hours(), women.sick_hours()),
            (d(4_000), d(160))
        );
        assert_eq!(women.percent().value(), Some(d(4)));
        assert_eq!(
            s.by_gender(Gender::Men).unwrap().percent().value(),
            Some(d(5))
        );
        // Total: 210 / 5 000 = 4,2 %.
        assert_eq!(s.total().percent().value(), Some(dec("4.2")));
        // Unit A: 150 / 2 000 = 7,5 %.
        assert_eq!(s.by_unit("A").unwrap().percent().value(), Some(dec("7.5")));
        // Long-term share of women: 30 / 160 = 18,75 %.
        assert_eq!(women.long_term_share().value(), Some(dec("18.75")));
        assert_eq!(s.gender_check().unwrap(), SumCheck::Consistent);
    }

    #[test]
    fn per_age_group_sick_leave_is_weighted_by_hours() {
        // ≤29: 8 % of 500 h and 0 % of 1 500 h → 40 / 2 000 = 2 % (average would be 4 %).
        let s = SickLeaveSummary::from_records(&[
            SickLeaveRecord::new("A", hours(500, 40, 0)).with_age_group(AgeGroup::UpTo29),
            SickLeaveRecord::new("B", hours(1_500, 0, 0)).with_age_group(AgeGroup::UpTo29),
            SickLeaveRecord::new("B", hours(2_000, 100, 200)).with_age_group(AgeGroup::From50),
        ])
        .unwrap();
        assert_eq!(
            s.by_age_group(AgeGroup::UpTo29).unwrap().percent().value(),
            Some(d(2))
        );
        assert_eq!(
            s.by_age_group(AgeGroup::From50).unwrap().percent().value(),
            Some(d(15))
        );
        assert_eq!(s.by_age_group(AgeGroup::From30To49), None);
        assert_eq!(s.age_group_check().unwrap(), SumCheck::Consistent);
        assert_eq!(s.gender_check().unwrap(), SumCheck::NoStatedTotal);
    }

    #[test]
    fn records_without_gender_make_the_gender_check_fail() {
        let s = SickLeaveSummary::from_records(&[
            SickLeaveRecord::new("A", hours(1_000, 10, 0)).with_gender(Gender::Women),
            SickLeaveRecord::new("A", hours(500, 5, 0)),
        ])
        .unwrap();
        assert_eq!(
            s.gender_check().unwrap(),
            SumCheck::Mismatch {
                parts: d(1_000),
                stated: d(1_500),
                difference: d(-500)
            }
        );
        // Same scheduled hours but sick hours missing from the genders.
        let s = SickLeaveSummary::from_records(&[
            SickLeaveRecord::new("A", hours(1_000, 10, 0)).with_gender(Gender::Men),
            SickLeaveRecord::new("A", hours(0, 0, 0)),
        ])
        .unwrap();
        assert_eq!(s.gender_check().unwrap(), SumCheck::Consistent);
    }

    #[test]
    fn gender_sum_within_rounding_is_told_apart_from_a_mismatch() {
        // Gnesta FTE 2021 (domain §13.4): 237 + 40 = 277, printed total 276.
        let fte = GenderSplit::try_new("årsarbetare 2021", d(237), d(40), Some(d(276))).unwrap();
        assert_eq!(
            fte.check(),
            SumCheck::Mismatch {
                parts: d(277),
                stated: d(276),
                difference: d(1)
            }
        );
        assert_eq!(
            fte.check_allowing_rounding(),
            SumCheck::WithinRounding {
                parts: d(277),
                stated: d(276),
                difference: d(1)
            }
        );
        // One decimal printed: the unit is 0,1, so 0,2 off is a real mismatch.
        let fte = GenderSplit::try_new("x", dec("236.6"), dec("36.4"), Some(dec("272.8"))).unwrap();
        assert!(matches!(
            fte.check_allowing_rounding(),
            SumCheck::Mismatch { .. }
        ));
        let fte = GenderSplit::try_new("x", dec("236.6"), dec("36.1"), Some(dec("272.8"))).unwrap();
        assert!(matches!(
            fte.check_allowing_rounding(),
            SumCheck::WithinRounding { .. }
        ));
        let exact = GenderSplit::try_new("x", d(1), d(2), Some(d(3))).unwrap();
        assert_eq!(exact.check_allowing_rounding(), SumCheck::Consistent);
    }

    #[test]
    fn women_share_is_weighted_by_headcount() {
        // Oxelösund-like split: 268 women, 43 men → 268 / 311 = 86,17… %.
        let heads = GenderSplit::try_new("anställda", d(268), d(43), Some(d(311))).unwrap();
        let share = round_percent(heads.women_share(), 2, Rounding::HalfAwayFromZero).unwrap();
        assert_eq!(share.value(), Some(dec("86.17")));
    }

    #[cfg(feature = "serde")]
    mod serde_round_trips {
        use super::*;

        fn round_trip<T>(value: &T) -> T
        where
            T: serde::Serialize + serde::de::DeserializeOwned,
        {
            let json = serde_json::to_string(value).unwrap();
            serde_json::from_str(&json).unwrap()
        }

        #[test]
        fn sick_leave_and_spells_round_trip() {
            let s = SickLeave::try_new(dec("1000.5"), dec("20.25"), d(3)).unwrap();
            assert_eq!(round_trip(&s), s);
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(
                json,
                r#"{"scheduled_hours":"1000.5","short_sick_hours":"20.25","long_sick_hours":"3"}"#
            );
            let spell = SickSpell::try_new(60, d(320)).unwrap();
            assert_eq!(round_trip(&spell), spell);
        }

        #[test]
        fn invalid_sick_leave_is_refused_on_the_way_in() {
            let too_much =
                r#"{"scheduled_hours":"10","short_sick_hours":"8","long_sick_hours":"4"}"#;
            let err = serde_json::from_str::<SickLeave>(too_much).unwrap_err();
            assert!(
                err.to_string()
                    .contains("sick hours 12 exceed scheduled hours 10"),
                "{err}"
            );
            let negative = r#"{"days":3,"hours":"-1"}"#;
            assert!(serde_json::from_str::<SickSpell>(negative).is_err());
        }

        #[test]
        fn summary_round_trips_and_is_checked() {
            let s = SickLeaveSummary::from_records(&[
                SickLeaveRecord::new("A", hours(1_000, 100, 0))
                    .with_gender(Gender::Women)
                    .with_age_group(AgeGroup::From30To49),
                SickLeaveRecord::new("B", hours(3_000, 30, 30)).with_gender(Gender::Men),
            ])
            .unwrap();
            let json = serde_json::to_string(&s).unwrap();
            assert!(
                json.contains(r#""women""#) && json.contains(r#""30-49""#),
                "{json}"
            );
            assert_eq!(round_trip(&s), s);
            // A unit removed: the units no longer add up to the total.
            let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
            value["by_unit"].as_object_mut().unwrap().remove("B");
            let err = serde_json::from_value::<SickLeaveSummary>(value).unwrap_err();
            assert!(
                err.to_string().contains(
                    "sick-leave summary: units' scheduled hours 1000 do not fit the total 4000"
                ),
                "{err}"
            );
            assert_eq!(
                round_trip(&SickLeaveSummary::default()),
                SickLeaveSummary::default()
            );
        }

        #[test]
        fn records_round_trip() {
            let r =
                SickLeaveRecord::new("Hemtjänst Norr", hours(10, 1, 0)).with_gender(Gender::Men);
            assert_eq!(round_trip(&r), r);
        }

        #[test]
        fn staff_numbers_round_trip_and_are_checked() {
            let n = StaffNumbers::try_new(
                GenderSplit::try_new("anställda 2021", d(268), d(43), Some(d(311))).unwrap(),
                GenderSplit::try_new("årsarbetare 2021", d(237), d(40), Some(d(276))).unwrap(),
            )
            .unwrap();
            assert_eq!(round_trip(&n), n);
            let json = serde_json::to_string(&n).unwrap();
            let fractional = json.replace(r#""women":"268""#, r#""women":"268.5""#);
            assert!(serde_json::from_str::<StaffNumbers>(&fractional).is_err());
            let no_total = GenderSplit::try_new("x", d(1), d(2), None).unwrap();
            assert_eq!(round_trip(&no_total), no_total);
            let check = serde_json::to_value(n.fte().check()).unwrap();
            assert_eq!(check["mismatch"]["difference"], "1");
        }

        #[test]
        fn production_measures_round_trip_and_are_checked() {
            let b = Brukartid::try_new(d(5_000), d(10_000)).unwrap();
            assert_eq!(round_trip(&b), b);
            let bad = r#"{"client_hours":"11","worked_hours":"10"}"#;
            assert!(serde_json::from_str::<Brukartid>(bad).is_err());
            let p = PerformedOfGranted::try_new(d(7_200), d(10_000)).unwrap();
            assert_eq!(round_trip(&p), p);
            let mut h = SubstituteHours::new();
            h.add(YearMonth::try_new(2022, 3).unwrap(), dec("150.5"))
                .unwrap();
            assert_eq!(serde_json::to_string(&h).unwrap(), r#"{"2022-03":"150.5"}"#);
            assert_eq!(round_trip(&h), h);
            assert!(serde_json::from_str::<SubstituteHours>(r#"{"2022-03":"-1"}"#).is_err());
        }
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schemas_describe_the_wire_form() {
        let schema = serde_json::to_value(schemars::schema_for!(SickLeaveSummary)).unwrap();
        let text = schema.to_string();
        assert!(
            text.contains("scheduled_hours") && text.contains("by_gender"),
            "{text}"
        );
        let schema = serde_json::to_value(schemars::schema_for!(StaffNumbers)).unwrap();
        assert!(schema.to_string().contains("stated_total"), "{schema}");
        let schema = serde_json::to_value(schemars::schema_for!(SumCheck)).unwrap();
        assert!(schema.to_string().contains("within-rounding"), "{schema}");
    }

    proptest! {
        #[test]
        fn summary_parts_add_up_and_percent_is_hours_weighted(
            rows in proptest::collection::vec((0u8..3, 0u8..3, 1i64..10_000, 0i64..100, 0i64..100), 1..20),
        ) {
            let records: Vec<SickLeaveRecord> = rows
                .iter()
                .map(|(unit, g, scheduled, short_pct, long_pct)| {
                    let short = scheduled * short_pct / 200;
                    let long = scheduled * long_pct / 200;
                    let mut r = SickLeaveRecord::new(format!("u{unit}"), hours(*scheduled, short, long));
                    r = match g {
                        0 => r.with_gender(Gender::Women),
                        1 => r.with_gender(Gender::Men),
                        _ => r,
                    };
                    r
                })
                .collect();
            let s = SickLeaveSummary::from_records(&records).unwrap();
            let units = SickLeave::roll_up(s.units().map(|(_, h)| h)).unwrap();
            prop_assert_eq!(&units, s.total());
            let genders = SickLeave::roll_up([Gender::Women, Gender::Men].iter().filter_map(|g| s.by_gender(*g))).unwrap();
            prop_assert!(genders.scheduled_hours() <= s.total().scheduled_hours());
            prop_assert!(genders.sick_hours() <= s.total().sick_hours());
            let all_gendered = rows.iter().all(|r| r.1 < 2);
            prop_assert_eq!(s.gender_check().unwrap() == SumCheck::Consistent, all_gendered || genders == *s.total());
            let sick: i64 = records.iter().map(|r| r.hours().sick_hours()).sum::<Decimal>().try_into().unwrap();
            let scheduled: i64 = records.iter().map(|r| r.hours().scheduled_hours()).sum::<Decimal>().try_into().unwrap();
            // The percentage of the summed hours, whatever the mix of units.
            prop_assert_eq!(s.total().percent(), percent_of(d(sick), d(scheduled), Decimal::ZERO));
        }
    }
}
