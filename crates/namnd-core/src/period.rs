//! Periods of the municipal fiscal year and the reports a committee receives.
//!
//! A Swedish municipality's fiscal year (*räkenskapsår*) is the calendar year.
//! Budget follow-up happens per month (*månad*), per quarter (*kvartal*, Q1 =
//! January–March), per tertial (*tertial*, T1 = January–April) and per year.
//! The reports a committee receives (*månadsrapport*, *nämndrapport*,
//! *delårsrapport*, *årsbokslut*) each have an as-of month that differs between
//! municipalities, so it comes from a [`ReportingCalendar`].
//!
//! Every type here only holds years in [`FiscalYear::MIN`]..=[`FiscalYear::MAX`]
//! (1900 to 9999). In that range every date exists in both `chrono` and `time`,
//! so the date getters are infallible.

use core::fmt;
use core::iter::FusedIterator;
use core::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::{CoreError, Result};

/// Smallest supported year.
const MIN_YEAR: i32 = 1900;
/// Largest supported year; also the largest year `time` holds by default.
const MAX_YEAR: i32 = 9999;
/// The month of the year-end report (*årsbokslut*).
const DECEMBER: u8 = 12;

/// What the period parsers expect where a year should stand.
const EXPECTED_YEAR: &str = "a four-digit year";
/// What the period parsers expect where a four-digit year outside the
/// supported range stands.
const EXPECTED_SUPPORTED_YEAR: &str = "a year from 1900 to 9999";
/// What the month parser expects where a month number should stand.
const EXPECTED_MONTH_NUMBER: &str = "a month from 01 to 12";
/// What the month parser expects where a month name should stand.
const EXPECTED_MONTH: &str = "a month such as 2023-08 or augusti 2023";
/// What the period parser expects when no single form got further than another.
const EXPECTED_PERIOD: &str = "a period such as 2023-08, augusti 2023, Q3 2023, T2 2023 or 2023";
/// What the report parser expects where the report name should stand.
const EXPECTED_REPORT: &str =
    "månadsrapport, nämndrapport (NR), delårsrapport (delår) or årsbokslut (bokslut)";
/// What the report parser expects where the nämndrapport number should stand.
const EXPECTED_NAMNDRAPPORT_NUMBER: &str = "a nämndrapport number from 1 to 12";
/// What every parser expects after a complete period.
const EXPECTED_END: &str = "nothing more";

/// Swedish month names, January first.
const MONTH_NAMES: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Usual Swedish abbreviations of month names (lowercase, without the dot).
const MONTH_ABBREVIATIONS: [(&str, u8); 13] = [
    ("jan", 1),
    ("feb", 2),
    ("febr", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
];

const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A `chrono` date from parts the caller has already validated.
fn naive_date(year: i32, month: u8, day: u8) -> NaiveDate {
    // Callers pass a supported year (1900..=9999), a month 1–12 and a day within
    // that month; chrono holds every such date, so the fallback is never taken.
    NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day)).unwrap_or(NaiveDate::MIN)
}

// ------------------------------------------------------------------ FiscalYear

/// A municipal fiscal year (*räkenskapsår*, *budgetår*), which in Sweden is the
/// calendar year.
///
/// Supported years are [`FiscalYear::MIN`] (1900) to [`FiscalYear::MAX`]
/// (9999). Displays and parses as four digits (`"2023"`); with the `serde`
/// feature it serialises as that string and also accepts a JSON number.
///
/// # Example
/// ```
/// use namnd_core::FiscalYear;
///
/// let year: FiscalYear = "2023".parse()?;
/// assert_eq!(year, FiscalYear::try_new(2023)?);
/// assert_eq!(year.months().count(), 12);
/// assert_eq!(year.to_string(), "2023");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(i32);

impl FiscalYear {
    /// The first supported fiscal year, 1900.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// assert_eq!(FiscalYear::MIN.year(), 1900);
    /// assert!(FiscalYear::try_new(1899).is_err());
    /// ```
    pub const MIN: Self = Self(MIN_YEAR);

    /// The last supported fiscal year, 9999 (the last year `time::Date` holds
    /// by default).
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// assert_eq!(FiscalYear::MAX.year(), 9999);
    /// assert!(FiscalYear::MAX.next().is_err());
    /// ```
    pub const MAX: Self = Self(MAX_YEAR);

    /// The fiscal year `year`.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if `year` is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, FiscalYear};
    ///
    /// assert_eq!(FiscalYear::try_new(2023)?.year(), 2023);
    /// assert!(matches!(
    ///     FiscalYear::try_new(10_000),
    ///     Err(CoreError::YearOutOfRange { year: 10_000, .. })
    /// ));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn try_new(year: i32) -> Result<Self> {
        if (MIN_YEAR..=MAX_YEAR).contains(&year) {
            Ok(Self(year))
        } else {
            Err(CoreError::YearOutOfRange {
                year,
                min: MIN_YEAR,
                max: MAX_YEAR,
            })
        }
    }

    /// The fiscal year a date falls in.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if the date's year is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    ///
    /// let date = YearMonth::try_new(2023, 8)?.last_day();
    /// assert_eq!(FiscalYear::from_date(date)?, FiscalYear::try_new(2023)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_date(date: NaiveDate) -> Result<Self> {
        Self::try_new(date.year())
    }

    /// The calendar year, e.g. `2023`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// assert_eq!(FiscalYear::try_new(2023)?.year(), 2023);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn year(self) -> i32 {
        self.0
    }

    /// 1 January of the year.
    ///
    /// # Example
    /// ```
    /// use chrono::Datelike;
    /// use namnd_core::FiscalYear;
    ///
    /// let first = FiscalYear::try_new(2023)?.first_day();
    /// assert_eq!((first.year(), first.month(), first.day()), (2023, 1, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        naive_date(self.0, 1, 1)
    }

    /// 31 December of the year.
    ///
    /// # Example
    /// ```
    /// use chrono::Datelike;
    /// use namnd_core::FiscalYear;
    ///
    /// let last = FiscalYear::try_new(2023)?.last_day();
    /// assert_eq!((last.year(), last.month(), last.day()), (2023, 12, 31));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        naive_date(self.0, DECEMBER, 31)
    }

    /// January of the year.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    ///
    /// assert_eq!(FiscalYear::try_new(2023)?.first_month(), YearMonth::try_new(2023, 1)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn first_month(self) -> YearMonth {
        YearMonth {
            year: self,
            month: 1,
        }
    }

    /// December of the year.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    ///
    /// assert_eq!(FiscalYear::try_new(2023)?.last_month(), YearMonth::try_new(2023, 12)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn last_month(self) -> YearMonth {
        YearMonth {
            year: self,
            month: DECEMBER,
        }
    }

    /// The twelve months of the year, January first.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let months: Vec<String> = FiscalYear::try_new(2023)?.months().map(|m| m.to_string()).collect();
    /// assert_eq!(months.len(), 12);
    /// assert_eq!(months.first().map(String::as_str), Some("2023-01"));
    /// assert_eq!(months.last().map(String::as_str), Some("2023-12"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn months(self) -> MonthRange {
        MonthRange::new(self.first_month(), self.last_month())
    }

    /// Month `month` (1–12) of the year.
    ///
    /// # Errors
    /// [`CoreError::InvalidMonth`] if `month` is outside 1–12.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(year.month(8)?.to_string(), "2023-08");
    /// assert!(year.month(13).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn month(self, month: u32) -> Result<YearMonth> {
        match u8::try_from(month) {
            Ok(m @ 1..=12) => Ok(YearMonth {
                year: self,
                month: m,
            }),
            _ => Err(CoreError::InvalidMonth { month }),
        }
    }

    /// Quarter `quarter` (1–4) of the year.
    ///
    /// # Errors
    /// [`CoreError::InvalidQuarter`] if `quarter` is outside 1–4.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(year.quarter(3)?.to_string(), "Q3 2023");
    /// assert!(year.quarter(5).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn quarter(self, quarter: u32) -> Result<Quarter> {
        Quarter::in_year(self, quarter)
    }

    /// Tertial `tertial` (1–3) of the year.
    ///
    /// # Errors
    /// [`CoreError::InvalidTertial`] if `tertial` is outside 1–3.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(year.tertial(2)?.to_string(), "T2 2023");
    /// assert!(year.tertial(4).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn tertial(self, tertial: u32) -> Result<Tertial> {
        Tertial::in_year(self, tertial)
    }

    /// Whether `month` lies in this year.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// assert!(year.contains(YearMonth::try_new(2023, 8)?));
    /// assert!(!year.contains(YearMonth::try_new(2024, 1)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains(self, month: YearMonth) -> bool {
        month.year == self
    }

    /// Whether `date` lies in this year.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// assert!(year.contains_date(year.last_day()));
    /// assert!(!year.contains_date(year.next()?.first_day()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains_date(self, date: NaiveDate) -> bool {
        date.year() == self.0
    }

    /// The following year.
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] after 9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// assert_eq!(FiscalYear::try_new(2023)?.next()?.year(), 2024);
    /// assert!(FiscalYear::MAX.next().is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn next(self) -> Result<Self> {
        self.step(12)
    }

    /// The preceding year.
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] before 1900.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// assert_eq!(FiscalYear::try_new(2023)?.previous()?.year(), 2022);
    /// assert!(FiscalYear::MIN.previous().is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn previous(self) -> Result<Self> {
        self.step(-12)
    }

    /// The year `months` months (a multiple of 12) away.
    fn step(self, months: i64) -> Result<Self> {
        self.first_month()
            .checked_add_months(months)
            .map(YearMonth::fiscal_year)
            .map_err(|_| CoreError::PeriodOverflow {
                start: self.to_string(),
                months,
            })
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0.to_string())
    }
}

impl FromStr for FiscalYear {
    type Err = CoreError;

    /// Reads a four-digit year such as `"2023"`; surrounding whitespace is ignored.
    fn from_str(s: &str) -> Result<Self> {
        parse_whole(s, EXPECTED_YEAR, Parser::year)
    }
}

// ------------------------------------------------------------------- YearMonth

/// A calendar month of a fiscal year, e.g. August 2023.
///
/// Displays in ISO form (`"2023-08"`); [`YearMonth::to_swedish`] gives
/// `"augusti 2023"`. Parsing accepts both, case-insensitively and with the
/// usual Swedish abbreviations (`"aug 2023"`, `"sept. 2023"`). Months order
/// chronologically. With the `serde` feature it serialises as `"2023-08"`.
///
/// # Example
/// ```
/// use namnd_core::YearMonth;
///
/// let august: YearMonth = "Augusti 2023".parse()?;
/// assert_eq!(august, "2023-08".parse()?);
/// assert_eq!(august.to_swedish(), "augusti 2023");
/// assert_eq!(august.months_elapsed(), 8);
/// assert_eq!(august.checked_add_months(5)?.to_string(), "2024-01");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: FiscalYear,
    /// 1–12.
    month: u8,
}

impl YearMonth {
    /// Month `month` (1–12) of year `year`.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if `year` is outside 1900..=9999;
    /// [`CoreError::InvalidMonth`] if `month` is outside 1–12.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, YearMonth};
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.to_string(), "2023-08");
    /// assert_eq!(YearMonth::try_new(2023, 13), Err(CoreError::InvalidMonth { month: 13 }));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn try_new(year: i32, month: u32) -> Result<Self> {
        FiscalYear::try_new(year)?.month(month)
    }

    /// The month a date falls in.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if the date's year is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, YearMonth};
    ///
    /// let date = Quarter::try_new(2023, 3)?.last_day();
    /// assert_eq!(YearMonth::from_date(date)?, YearMonth::try_new(2023, 9)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_date(date: NaiveDate) -> Result<Self> {
        FiscalYear::from_date(date)?.month(date.month())
    }

    /// The calendar year, e.g. `2023`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.year(), 2023);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn year(self) -> i32 {
        self.year.0
    }

    /// The month number, 1 (January) to 12 (December).
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.month(), 8);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn month(self) -> u32 {
        self.month as u32
    }

    /// The fiscal year the month belongs to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.fiscal_year(), FiscalYear::try_new(2023)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn fiscal_year(self) -> FiscalYear {
        self.year
    }

    /// The first day of the month.
    ///
    /// # Example
    /// ```
    /// use chrono::Datelike;
    /// use namnd_core::YearMonth;
    ///
    /// let first = YearMonth::try_new(2023, 8)?.first_day();
    /// assert_eq!((first.month(), first.day()), (8, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        naive_date(self.year.0, self.month, 1)
    }

    /// The last day of the month (29 February in leap years).
    ///
    /// # Example
    /// ```
    /// use chrono::Datelike;
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2024, 2)?.last_day().day(), 29);
    /// assert_eq!(YearMonth::try_new(2023, 2)?.last_day().day(), 28);
    /// assert_eq!(YearMonth::try_new(2023, 8)?.last_day().day(), 31);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        naive_date(
            self.year.0,
            self.month,
            days_in_month(self.year.0, self.month),
        )
    }

    /// Whether `date` lies in this month.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// assert!(august.contains_date(august.last_day()));
    /// assert!(!august.contains_date(august.next()?.first_day()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains_date(self, date: NaiveDate) -> bool {
        date.year() == self.year.0 && date.month() == self.month()
    }

    /// The month `months` months later (earlier if negative).
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] if the result is outside the supported
    /// years 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// assert_eq!(august.checked_add_months(5)?.to_string(), "2024-01");
    /// assert_eq!(august.checked_add_months(-8)?.to_string(), "2022-12");
    /// assert!(august.checked_add_months(i64::MAX).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn checked_add_months(self, months: i64) -> Result<Self> {
        self.index()
            .checked_add(months)
            .and_then(Self::from_index)
            .ok_or_else(|| CoreError::PeriodOverflow {
                start: self.to_string(),
                months,
            })
    }

    /// The month `months` months earlier (later if negative).
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] if the result is outside the supported
    /// years 1900..=9999; its `months` field is the negated count.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// assert_eq!(august.checked_sub_months(8)?.to_string(), "2022-12");
    /// assert!(august.checked_sub_months(i64::MIN).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn checked_sub_months(self, months: i64) -> Result<Self> {
        self.index()
            .checked_sub(months)
            .and_then(Self::from_index)
            .ok_or_else(|| CoreError::PeriodOverflow {
                start: self.to_string(),
                months: months.saturating_neg(),
            })
    }

    /// How many months `other` lies after `self` (negative if before), so
    /// that `self.checked_add_months(self.months_until(other)) == Ok(other)`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// let january = YearMonth::try_new(2024, 1)?;
    /// assert_eq!(august.months_until(january), 5);
    /// assert_eq!(january.months_until(august), -5);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn months_until(self, other: Self) -> i64 {
        other.index() - self.index()
    }

    /// The following month.
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] after December 9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2023, 12)?.next()?.to_string(), "2024-01");
    /// assert!(YearMonth::try_new(9999, 12)?.next().is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn next(self) -> Result<Self> {
        self.checked_add_months(1)
    }

    /// The preceding month.
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] before January 1900.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2024, 1)?.previous()?.to_string(), "2023-12");
    /// assert!(YearMonth::try_new(1900, 1)?.previous().is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn previous(self) -> Result<Self> {
        self.checked_sub_months(1)
    }

    /// Months of the fiscal year up to and including this one (the month
    /// number): the divisor of a linear full-year forecast.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.months_elapsed(), 8);
    /// assert_eq!(YearMonth::try_new(2023, 12)?.months_elapsed(), 12);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn months_elapsed(self) -> u32 {
        self.month as u32
    }

    /// Months of the fiscal year after this one (12 − month number).
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.months_remaining(), 4);
    /// assert_eq!(YearMonth::try_new(2023, 12)?.months_remaining(), 0);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn months_remaining(self) -> u32 {
        (DECEMBER - self.month) as u32
    }

    /// The quarter (*kvartal*) the month belongs to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, YearMonth};
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.quarter(), Quarter::try_new(2023, 3)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn quarter(self) -> Quarter {
        Quarter::of_month(self)
    }

    /// The tertial (*tertial*, four months) the month belongs to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Tertial, YearMonth};
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.tertial(), Tertial::try_new(2023, 2)?);
    /// assert_eq!(YearMonth::try_new(2023, 9)?.tertial(), Tertial::try_new(2023, 3)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn tertial(self) -> Tertial {
        Tertial::of_month(self)
    }

    /// The Swedish name of the month, lowercase as Swedish writes it
    /// (`"augusti"`).
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2023, 8)?.swedish_name(), "augusti");
    /// assert_eq!(YearMonth::try_new(2023, 5)?.swedish_name(), "maj");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn swedish_name(self) -> &'static str {
        match self.month {
            1 => "januari",
            2 => "februari",
            3 => "mars",
            4 => "april",
            5 => "maj",
            6 => "juni",
            7 => "juli",
            8 => "augusti",
            9 => "september",
            10 => "oktober",
            11 => "november",
            // 12: the constructors admit only 1–12.
            _ => "december",
        }
    }

    /// The month in Swedish running text, e.g. `"augusti 2023"` (parses back).
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// assert_eq!(august.to_swedish(), "augusti 2023");
    /// assert_eq!(august.to_swedish().parse::<YearMonth>()?, august);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn to_swedish(self) -> String {
        format!("{} {}", self.swedish_name(), self.year.0)
    }

    /// The months from `self` to `end`, both included; empty if `end` comes
    /// before `self`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let start = YearMonth::try_new(2023, 11)?;
    /// let end = YearMonth::try_new(2024, 2)?;
    /// let months: Vec<String> = start.iter_to(end).map(|m| m.to_string()).collect();
    /// assert_eq!(months, ["2023-11", "2023-12", "2024-01", "2024-02"]);
    /// assert_eq!(end.iter_to(start).count(), 0);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn iter_to(self, end: Self) -> MonthRange {
        MonthRange::new(self, end)
    }

    /// Months since January of year 0; the basis of month arithmetic.
    fn index(self) -> i64 {
        i64::from(self.year.0) * 12 + i64::from(self.month) - 1
    }

    /// The inverse of [`YearMonth::index`], `None` outside the supported years.
    fn from_index(index: i64) -> Option<Self> {
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        let year = FiscalYear::try_new(year).ok()?;
        Some(Self { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{:04}-{:02}", self.year.0, self.month))
    }
}

impl FromStr for YearMonth {
    type Err = CoreError;

    /// Reads `"2023-08"`, `"augusti 2023"` or an abbreviation such as
    /// `"aug 2023"`, case-insensitively; surrounding whitespace is ignored.
    fn from_str(s: &str) -> Result<Self> {
        parse_whole(s, EXPECTED_MONTH, Parser::year_month)
    }
}

// ------------------------------------------------------------------ MonthRange

/// The months of an inclusive range, in order; from [`YearMonth::iter_to`],
/// [`FiscalYear::months`], [`Quarter::months`], [`Tertial::months`] and
/// [`Period::months`].
///
/// It runs from both ends and knows its length.
///
/// # Example
/// ```
/// use namnd_core::{MonthRange, YearMonth};
///
/// let range = MonthRange::new(YearMonth::try_new(2023, 1)?, YearMonth::try_new(2023, 8)?);
/// assert_eq!(range.len(), 8);
/// assert_eq!(range.clone().next_back(), Some(YearMonth::try_new(2023, 8)?));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MonthRange {
    /// Index of the next month from the front.
    front: i64,
    /// Index of the next month from the back; the range is empty when
    /// `front > back`.
    back: i64,
}

impl MonthRange {
    /// The months from `first` to `last`, both included; empty if `last` comes
    /// before `first`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{MonthRange, YearMonth};
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// assert_eq!(MonthRange::new(august, august).count(), 1);
    /// assert_eq!(MonthRange::new(august, august.previous()?).count(), 0);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(first: YearMonth, last: YearMonth) -> Self {
        Self {
            front: first.index(),
            back: last.index(),
        }
    }

    fn remaining(&self) -> usize {
        usize::try_from(self.back - self.front + 1).unwrap_or(0)
    }
}

impl Iterator for MonthRange {
    type Item = YearMonth;

    fn next(&mut self) -> Option<YearMonth> {
        if self.front > self.back {
            return None;
        }
        let month = YearMonth::from_index(self.front);
        self.front += 1;
        month
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.remaining();
        (len, Some(len))
    }
}

impl DoubleEndedIterator for MonthRange {
    fn next_back(&mut self) -> Option<YearMonth> {
        if self.front > self.back {
            return None;
        }
        let month = YearMonth::from_index(self.back);
        self.back -= 1;
        month
    }
}

impl ExactSizeIterator for MonthRange {}

impl FusedIterator for MonthRange {}

// -------------------------------------------------------------------- YearPart

/// What sets the two kinds of [`YearPart`] apart besides their length.
mod part {
    use crate::CoreError;

    /// The text forms and errors of one kind of year part. Implemented only for
    /// [`Quarter`](super::Quarter) and [`Tertial`](super::Tertial), in one
    /// place below; the module is private, so the trait is sealed and no
    /// other `YearPart` can be built.
    pub trait PartKind {
        /// The type name (`"Quarter"`), for `Debug` and the JSON Schema.
        const NAME: &'static str;
        /// The letter before the number in the canonical form (`'Q'`).
        const LETTER: char;
        /// The lowercase words the parser accepts for the letter.
        const KEYWORDS: &'static [&'static str];
        /// What the parser expects of the whole text.
        const EXPECTED: &'static str;
        /// What the parser expects where the letter should stand.
        const EXPECTED_WORD: &'static str;
        /// What the parser expects where the number should stand.
        const EXPECTED_NUMBER: &'static str;
        /// What deserialising expects.
        #[cfg(feature = "serde")]
        const SERDE_EXPECTING: &'static str;
        /// The description in the JSON Schema.
        #[cfg(feature = "schemars")]
        const SCHEMA_DESCRIPTION: &'static str;
        /// The example in the JSON Schema.
        #[cfg(feature = "schemars")]
        const SCHEMA_EXAMPLE: &'static str;

        /// The error for a part number outside the year.
        fn invalid_number(number: u32) -> CoreError;
    }
}

use part::PartKind;

impl PartKind for Quarter {
    const NAME: &'static str = "Quarter";
    const LETTER: char = 'Q';
    const KEYWORDS: &'static [&'static str] = &["q", "kv", "kvartal"];
    const EXPECTED: &'static str = "a quarter such as Q3 2023";
    const EXPECTED_WORD: &'static str = "Q or kvartal";
    const EXPECTED_NUMBER: &'static str = "a quarter number from 1 to 4";
    #[cfg(feature = "serde")]
    const SERDE_EXPECTING: &'static str = "a quarter such as \"Q3 2023\"";
    #[cfg(feature = "schemars")]
    const SCHEMA_DESCRIPTION: &'static str = "A quarter (kvartal), Q1 = January–March. Also read: \"2023Q3\", \"2023-Q3\", \"kvartal 3 2023\".";
    #[cfg(feature = "schemars")]
    const SCHEMA_EXAMPLE: &'static str = "Q3 2023";

    fn invalid_number(quarter: u32) -> CoreError {
        CoreError::InvalidQuarter { quarter }
    }
}

impl PartKind for Tertial {
    const NAME: &'static str = "Tertial";
    const LETTER: char = 'T';
    const KEYWORDS: &'static [&'static str] = &["t", "tertial"];
    const EXPECTED: &'static str = "a tertial such as T2 2023";
    const EXPECTED_WORD: &'static str = "T or tertial";
    const EXPECTED_NUMBER: &'static str = "a tertial number from 1 to 3";
    #[cfg(feature = "serde")]
    const SERDE_EXPECTING: &'static str = "a tertial such as \"T2 2023\"";
    #[cfg(feature = "schemars")]
    const SCHEMA_DESCRIPTION: &'static str =
        "A tertial, T1 = January–April. Also read: \"2023T2\", \"2023-T2\", \"tertial 2 2023\".";
    #[cfg(feature = "schemars")]
    const SCHEMA_EXAMPLE: &'static str = "T2 2023";

    fn invalid_number(tertial: u32) -> CoreError {
        CoreError::InvalidTertial { tertial }
    }
}

/// A part of a fiscal year of `MONTHS` consecutive months, the first beginning
/// in January; use the aliases [`Quarter`] (`YearPart<3>`) and [`Tertial`]
/// (`YearPart<4>`).
///
/// Only those two exist: every constructor and method requires a sealed trait
/// that only `YearPart<3>` and `YearPart<4>` implement. Parts of one kind order
/// chronologically. Each alias documents its text forms.
///
/// # Example
/// ```
/// use namnd_core::{Quarter, Tertial, YearMonth, YearPart};
///
/// let august = YearMonth::try_new(2023, 8)?;
/// let q3: YearPart<3> = august.quarter();
/// assert_eq!(q3, Quarter::try_new(2023, 3)?);
/// assert_eq!(august.tertial(), Tertial::try_new(2023, 2)?);
/// assert_eq!((q3.months().len(), august.tertial().months().len()), (3, 4));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearPart<const MONTHS: u8> {
    year: FiscalYear,
    /// 1 to `12 / MONTHS`.
    number: u8,
}

/// A quarter (*kvartal*) of a fiscal year: Q1 = January–March, Q2 =
/// April–June, Q3 = July–September, Q4 = October–December.
///
/// Unexecuted decisions (*ej verkställda beslut*) are reported to IVO per
/// quarter. Displays as `"Q3 2023"`; parses that, `"2023Q3"`, `"2023-Q3"`,
/// `"q3 2023"` and `"kvartal 3 2023"`. With the `serde` feature it serialises
/// as `"Q3 2023"`. Its methods are those of [`YearPart`].
///
/// # Example
/// ```
/// use namnd_core::{Quarter, YearMonth};
///
/// let q3: Quarter = "2023Q3".parse()?;
/// assert_eq!(q3.to_string(), "Q3 2023");
/// assert!(q3.contains(YearMonth::try_new(2023, 8)?));
/// assert_eq!(q3.last_day().to_string(), "2023-09-30");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
pub type Quarter = YearPart<3>;

/// A tertial (*tertial*, a third of the year): T1 = January–April, T2 =
/// May–August, T3 = September–December.
///
/// Some municipalities follow up per tertial instead of per quarter; T2 ends
/// with the *delårsrapport* (interim report). Displays as `"T2 2023"`; parses
/// that, `"2023T2"`, `"2023-T2"`, `"t2 2023"` and `"tertial 2 2023"`. With the
/// `serde` feature it serialises as `"T2 2023"`. Its methods are those of
/// [`YearPart`].
///
/// # Example
/// ```
/// use namnd_core::{Tertial, YearMonth};
///
/// let t2: Tertial = "tertial 2 2023".parse()?;
/// assert_eq!(t2.to_string(), "T2 2023");
/// assert_eq!(t2.last_month(), YearMonth::try_new(2023, 8)?);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
pub type Tertial = YearPart<4>;

impl<const MONTHS: u8> YearPart<MONTHS>
where
    Self: PartKind,
{
    /// How many parts the year has: 4 quarters or 3 tertials.
    const PARTS: u8 = DECEMBER / MONTHS;

    /// Part `number` of year `year`: a quarter 1–4 or a tertial 1–3.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if `year` is outside 1900..=9999;
    /// [`CoreError::InvalidQuarter`] if a quarter's `number` is outside 1–4;
    /// [`CoreError::InvalidTertial`] if a tertial's `number` is outside 1–3.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.to_string(), "Q3 2023");
    /// assert_eq!(Quarter::try_new(2023, 0), Err(CoreError::InvalidQuarter { quarter: 0 }));
    /// assert_eq!(Tertial::try_new(2023, 2)?.to_string(), "T2 2023");
    /// assert_eq!(Tertial::try_new(2023, 4), Err(CoreError::InvalidTertial { tertial: 4 }));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn try_new(year: i32, number: u32) -> Result<Self> {
        Self::in_year(FiscalYear::try_new(year)?, number)
    }

    /// The part a date falls in.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if the date's year is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial, YearMonth};
    ///
    /// let date = YearMonth::try_new(2023, 8)?.first_day();
    /// assert_eq!(Quarter::from_date(date)?, Quarter::try_new(2023, 3)?);
    /// let date = YearMonth::try_new(2023, 8)?.last_day();
    /// assert_eq!(Tertial::from_date(date)?, Tertial::try_new(2023, 2)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_date(date: NaiveDate) -> Result<Self> {
        YearMonth::from_date(date).map(Self::of_month)
    }

    /// The calendar year, e.g. `2023`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.year(), 2023);
    /// assert_eq!(Tertial::try_new(2023, 2)?.year(), 2023);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn year(self) -> i32 {
        self.year.0
    }

    /// The number of the part: a quarter 1 to 4, a tertial 1 to 3.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.number(), 3);
    /// assert_eq!(Tertial::try_new(2023, 2)?.number(), 2);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn number(self) -> u32 {
        self.number as u32
    }

    /// The fiscal year the part belongs to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.fiscal_year(), FiscalYear::try_new(2023)?);
    /// assert_eq!(Tertial::try_new(2023, 2)?.fiscal_year(), FiscalYear::try_new(2023)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn fiscal_year(self) -> FiscalYear {
        self.year
    }

    /// The first month of the part: January, April, July or October for a
    /// quarter; January, May or September for a tertial.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial, YearMonth};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.first_month(), YearMonth::try_new(2023, 7)?);
    /// assert_eq!(Tertial::try_new(2023, 2)?.first_month(), YearMonth::try_new(2023, 5)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn first_month(self) -> YearMonth {
        YearMonth {
            year: self.year,
            month: (self.number - 1) * MONTHS + 1,
        }
    }

    /// The last month of the part: March, June, September or December for a
    /// quarter; April, August or December for a tertial.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial, YearMonth};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.last_month(), YearMonth::try_new(2023, 9)?);
    /// assert_eq!(Tertial::try_new(2023, 2)?.last_month(), YearMonth::try_new(2023, 8)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn last_month(self) -> YearMonth {
        YearMonth {
            year: self.year,
            month: self.number * MONTHS,
        }
    }

    /// The first day of the part.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 3)?.first_day().to_string(), "2023-07-01");
    /// assert_eq!(Tertial::try_new(2023, 2)?.first_day().to_string(), "2023-05-01");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        self.first_month().first_day()
    }

    /// The last day of the part, e.g. the cut-off date of a quarterly report of
    /// unexecuted decisions to IVO.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 1)?.last_day().to_string(), "2023-03-31");
    /// assert_eq!(Quarter::try_new(2023, 2)?.last_day().to_string(), "2023-06-30");
    /// assert_eq!(Tertial::try_new(2023, 1)?.last_day().to_string(), "2023-04-30");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        self.last_month().last_day()
    }

    /// The `MONTHS` months of the part, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// let months: Vec<u32> = Quarter::try_new(2023, 3)?.months().map(|m| m.month()).collect();
    /// assert_eq!(months, [7, 8, 9]);
    /// let months: Vec<u32> = Tertial::try_new(2023, 2)?.months().map(|m| m.month()).collect();
    /// assert_eq!(months, [5, 6, 7, 8]);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn months(self) -> MonthRange {
        MonthRange::new(self.first_month(), self.last_month())
    }

    /// Whether `month` lies in this part.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial, YearMonth};
    ///
    /// let q3 = Quarter::try_new(2023, 3)?;
    /// assert!(q3.contains(YearMonth::try_new(2023, 9)?));
    /// assert!(!q3.contains(YearMonth::try_new(2023, 10)?));
    /// assert!(!q3.contains(YearMonth::try_new(2024, 8)?));
    /// let t2 = Tertial::try_new(2023, 2)?;
    /// assert!(t2.contains(YearMonth::try_new(2023, 5)?));
    /// assert!(!t2.contains(YearMonth::try_new(2023, 9)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains(self, month: YearMonth) -> bool {
        Self::of_month(month) == self
    }

    /// Whether `date` lies in this part.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// let q3 = Quarter::try_new(2023, 3)?;
    /// assert!(q3.contains_date(q3.last_day()));
    /// assert!(!q3.contains_date(q3.next()?.first_day()));
    /// let t2 = Tertial::try_new(2023, 2)?;
    /// assert!(t2.contains_date(t2.first_day()));
    /// assert!(!t2.contains_date(t2.previous()?.last_day()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains_date(self, date: NaiveDate) -> bool {
        YearMonth::from_date(date).is_ok_and(|month| self.contains(month))
    }

    /// The following part (Q1 or T1 of the next year after the last part).
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] after Q4 or T3 9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2023, 4)?.next()?.to_string(), "Q1 2024");
    /// assert!(Quarter::try_new(9999, 4)?.next().is_err());
    /// assert_eq!(Tertial::try_new(2023, 3)?.next()?.to_string(), "T1 2024");
    /// assert!(Tertial::try_new(9999, 3)?.next().is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn next(self) -> Result<Self> {
        self.step(i64::from(MONTHS))
    }

    /// The preceding part (Q4 or T3 of the previous year before the first
    /// part).
    ///
    /// # Errors
    /// [`CoreError::PeriodOverflow`] before Q1 or T1 1900.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// assert_eq!(Quarter::try_new(2024, 1)?.previous()?.to_string(), "Q4 2023");
    /// assert!(Quarter::try_new(1900, 1)?.previous().is_err());
    /// assert_eq!(Tertial::try_new(2024, 1)?.previous()?.to_string(), "T3 2023");
    /// assert!(Tertial::try_new(1900, 1)?.previous().is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn previous(self) -> Result<Self> {
        self.step(-i64::from(MONTHS))
    }

    /// Part `number` of `year`, if the year has such a part.
    fn in_year(year: FiscalYear, number: u32) -> Result<Self> {
        match u8::try_from(number) {
            Ok(n) if (1..=Self::PARTS).contains(&n) => Ok(Self { year, number: n }),
            _ => Err(Self::invalid_number(number)),
        }
    }

    /// The part `month` belongs to.
    const fn of_month(month: YearMonth) -> Self {
        Self {
            year: month.year,
            number: (month.month - 1) / MONTHS + 1,
        }
    }

    /// The part `months` months (a multiple of `MONTHS`) away.
    fn step(self, months: i64) -> Result<Self> {
        self.first_month()
            .checked_add_months(months)
            .map(Self::of_month)
            .map_err(|_| CoreError::PeriodOverflow {
                start: self.to_string(),
                months,
            })
    }
}

// Prints what `#[derive(Debug)]` printed when `Quarter` and `Tertial` were
// separate structs, e.g. `Quarter { year: FiscalYear(2023), number: 3 }`.
impl<const MONTHS: u8> fmt::Debug for YearPart<MONTHS>
where
    Self: PartKind,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(Self::NAME)
            .field("year", &self.year)
            .field("number", &self.number)
            .finish()
    }
}

impl<const MONTHS: u8> fmt::Display for YearPart<MONTHS>
where
    Self: PartKind,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}{} {}", Self::LETTER, self.number, self.year.0))
    }
}

impl<const MONTHS: u8> FromStr for YearPart<MONTHS>
where
    Self: PartKind,
{
    type Err = CoreError;

    /// Reads `"Q3 2023"`, `"2023Q3"`, `"2023-Q3"` or `"kvartal 3 2023"` (a
    /// quarter), `"T2 2023"`, `"2023T2"`, `"2023-T2"` or `"tertial 2 2023"` (a
    /// tertial), case-insensitively; surrounding whitespace is ignored.
    fn from_str(s: &str) -> Result<Self> {
        parse_whole(s, Self::EXPECTED, Parser::year_part)
    }
}

// ---------------------------------------------------------------------- Period

/// Any follow-up period: a month, a quarter, a tertial or a whole fiscal year.
///
/// Displays as the inner type does; parsing tries every form
/// (`"2023-08"`, `"augusti 2023"`, `"Q3 2023"`, `"2023Q3"`, `"T2 2023"`,
/// `"2023"` …). With the `serde` feature it serialises as that canonical
/// string. Periods of different kinds are not ordered against each other, so
/// `Period` has no `Ord`; compare [`Period::first_month`] or
/// [`Period::last_month`] instead.
///
/// # Example
/// ```
/// use namnd_core::{Period, YearMonth};
///
/// let period: Period = "T2 2023".parse()?;
/// assert_eq!(period.first_month(), YearMonth::try_new(2023, 5)?);
/// assert!(period.contains(YearMonth::try_new(2023, 8)?));
/// assert_eq!("2023".parse::<Period>()?.months().len(), 12);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Period {
    /// One calendar month (*månad*).
    Month(YearMonth),
    /// A quarter (*kvartal*).
    Quarter(Quarter),
    /// A tertial (*tertial*).
    Tertial(Tertial),
    /// A whole fiscal year (*räkenskapsår*).
    Year(FiscalYear),
}

impl Period {
    /// The fiscal year the period lies in.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, Period};
    ///
    /// let period: Period = "Q3 2023".parse()?;
    /// assert_eq!(period.fiscal_year(), FiscalYear::try_new(2023)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn fiscal_year(self) -> FiscalYear {
        match self {
            Self::Month(month) => month.year,
            Self::Quarter(quarter) => quarter.year,
            Self::Tertial(tertial) => tertial.year,
            Self::Year(year) => year,
        }
    }

    /// The first month of the period.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Period, YearMonth};
    ///
    /// let period: Period = "Q3 2023".parse()?;
    /// assert_eq!(period.first_month(), YearMonth::try_new(2023, 7)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn first_month(self) -> YearMonth {
        match self {
            Self::Month(month) => month,
            Self::Quarter(quarter) => quarter.first_month(),
            Self::Tertial(tertial) => tertial.first_month(),
            Self::Year(year) => year.first_month(),
        }
    }

    /// The last month of the period.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Period, YearMonth};
    ///
    /// let period: Period = "2023".parse()?;
    /// assert_eq!(period.last_month(), YearMonth::try_new(2023, 12)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn last_month(self) -> YearMonth {
        match self {
            Self::Month(month) => month,
            Self::Quarter(quarter) => quarter.last_month(),
            Self::Tertial(tertial) => tertial.last_month(),
            Self::Year(year) => year.last_month(),
        }
    }

    /// The first day of the period.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    ///
    /// let period: Period = "T3 2023".parse()?;
    /// assert_eq!(period.first_day().to_string(), "2023-09-01");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        self.first_month().first_day()
    }

    /// The last day of the period.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    ///
    /// let period: Period = "februari 2024".parse()?;
    /// assert_eq!(period.last_day().to_string(), "2024-02-29");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day(self) -> NaiveDate {
        self.last_month().last_day()
    }

    /// The months of the period, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    ///
    /// assert_eq!("Q3 2023".parse::<Period>()?.months().len(), 3);
    /// assert_eq!("T3 2023".parse::<Period>()?.months().len(), 4);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn months(self) -> MonthRange {
        MonthRange::new(self.first_month(), self.last_month())
    }

    /// Whether `month` lies in the period.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Period, YearMonth};
    ///
    /// let period: Period = "Q3 2023".parse()?;
    /// assert!(period.contains(YearMonth::try_new(2023, 7)?));
    /// assert!(!period.contains(YearMonth::try_new(2023, 6)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains(self, month: YearMonth) -> bool {
        self.first_month() <= month && month <= self.last_month()
    }

    /// Whether `date` lies in the period.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    ///
    /// let period: Period = "2023-08".parse()?;
    /// assert!(period.contains_date(period.last_day()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn contains_date(self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }
}

impl From<YearMonth> for Period {
    fn from(month: YearMonth) -> Self {
        Self::Month(month)
    }
}

impl From<Quarter> for Period {
    fn from(quarter: Quarter) -> Self {
        Self::Quarter(quarter)
    }
}

impl From<Tertial> for Period {
    fn from(tertial: Tertial) -> Self {
        Self::Tertial(tertial)
    }
}

impl From<FiscalYear> for Period {
    fn from(year: FiscalYear) -> Self {
        Self::Year(year)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Month(month) => fmt::Display::fmt(month, f),
            Self::Quarter(quarter) => fmt::Display::fmt(quarter, f),
            Self::Tertial(tertial) => fmt::Display::fmt(tertial, f),
            Self::Year(year) => fmt::Display::fmt(year, f),
        }
    }
}

impl FromStr for Period {
    type Err = CoreError;

    /// Reads any form that [`YearMonth`], [`Quarter`], [`Tertial`] or
    /// [`FiscalYear`] reads.
    ///
    /// When no form fits, an out-of-range value (such as month 13 in
    /// `"2023-13"`) wins over a syntax error, and among syntax errors the one
    /// that got furthest is returned. Either way the error is a
    /// [`CoreError::ParsePeriod`] naming the input and the byte where the
    /// offending token starts.
    fn from_str(s: &str) -> Result<Self> {
        let attempts = [
            try_parse_whole(s, EXPECTED_PERIOD, Parser::year_month).map(Self::Month),
            try_parse_whole(s, EXPECTED_PERIOD, Parser::year_part).map(Self::Quarter),
            try_parse_whole(s, EXPECTED_PERIOD, Parser::year_part).map(Self::Tertial),
            try_parse_whole(s, EXPECTED_PERIOD, Parser::year).map(Self::Year),
        ];
        let mut failures = Vec::with_capacity(attempts.len());
        for attempt in attempts {
            match attempt {
                Ok(period) => return Ok(period),
                Err(failure) => failures.push(failure),
            }
        }
        Err(best_error(s, failures))
    }
}

/// The most helpful of the errors of several failed parses of `input`: the
/// out-of-range error that got furthest, else the syntax error that got
/// furthest; if all syntax errors stopped at the same byte, a general one
/// there.
fn best_error(input: &str, failures: Vec<Failure>) -> CoreError {
    let position = |failure: &Failure| match failure.error {
        CoreError::ParsePeriod { position, .. } => position,
        _ => 0,
    };
    // `rev` so that, among equally far errors, the first attempt's wins.
    if let Some(range) = failures
        .iter()
        .rev()
        .filter(|f| f.out_of_range)
        .max_by_key(|f| position(f))
    {
        return range.error.clone();
    }
    let furthest = failures.iter().map(position).max().unwrap_or(1);
    let general = || CoreError::ParsePeriod {
        input: crate::error::echo(input),
        position: furthest,
        expected: EXPECTED_PERIOD,
    };
    if failures.iter().all(|f| position(f) == furthest) {
        return general();
    }
    failures
        .into_iter()
        .find(|f| position(f) == furthest)
        .map_or_else(general, |f| f.error)
}

// ----------------------------------------------------------- ReportingCalendar

/// When in the year a municipality's reports are made: the as-of month
/// (*per månad*, the last month with booked outcome) of each *nämndrapport*
/// (periodic committee report) and of the *delårsrapport* (interim report to
/// the council). The *årsbokslut* (year-end closing) is always as of December.
///
/// [`ReportingCalendar::default`] is Flen's: nämndrapport 1 as of March, 2 as
/// of May, 3 as of August (which is the delårsrapport) and 4 as of October.
/// [`ReportingCalendar::tertial`] is for municipalities that follow up per
/// tertial. With the `serde` feature it serialises as
/// `{"namndrapport_months": [3, 5, 8, 10], "delarsrapport_month": 8}` and is
/// validated on deserialisation.
///
/// # Example
/// ```
/// use namnd_core::ReportingCalendar;
///
/// let flen = ReportingCalendar::default();
/// assert_eq!(flen.namndrapport_months(), [3, 5, 8, 10]);
/// assert_eq!(flen.delarsrapport_month(), 8);
///
/// let other = ReportingCalendar::try_new(&[4, 8, 10], 8)?;
/// assert_eq!(other.namndrapport_month(3)?, 10);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportingCalendar {
    /// Bit `m - 1` is set when a nämndrapport is made as of month `m`.
    namndrapport_months: u16,
    /// 1–11.
    delarsrapport_month: u8,
}

/// The bit of month `month` (1–12) in [`ReportingCalendar::namndrapport_months`].
const fn month_bit(month: u8) -> u16 {
    1 << (month - 1)
}

impl Default for ReportingCalendar {
    /// Flen's calendar: nämndrapport 1–4 as of March, May, August and October;
    /// the delårsrapport as of August.
    fn default() -> Self {
        Self {
            namndrapport_months: month_bit(3) | month_bit(5) | month_bit(8) | month_bit(10),
            delarsrapport_month: 8,
        }
    }
}

impl ReportingCalendar {
    /// A calendar whose nämndrapporter are made as of `namndrapport_months`
    /// (nämndrapport 1 first) and whose delårsrapport is made as of
    /// `delarsrapport_month`.
    ///
    /// The months must be 1–12 and strictly increasing; the list may be empty.
    /// The delårsrapport month must be 1–11, since December is the årsbokslut.
    ///
    /// # Errors
    /// [`CoreError::InvalidCalendar`] if a month is outside 1–12, the months
    /// are not strictly increasing, or the delårsrapport month is outside 1–11.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, ReportingCalendar};
    ///
    /// let calendar = ReportingCalendar::try_new(&[4, 8], 8)?;
    /// assert_eq!(calendar, ReportingCalendar::tertial());
    /// assert!(matches!(
    ///     ReportingCalendar::try_new(&[5, 3], 8),
    ///     Err(CoreError::InvalidCalendar { .. })
    /// ));
    /// assert!(ReportingCalendar::try_new(&[3, 5], 12).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn try_new(namndrapport_months: &[u32], delarsrapport_month: u32) -> Result<Self> {
        let invalid = |reason: String| CoreError::InvalidCalendar { reason };
        let mut mask = 0_u16;
        let mut previous: Option<(u32, u8)> = None;
        for (number, &month) in (1_u32..).zip(namndrapport_months) {
            let Ok(m @ 1..=12) = u8::try_from(month) else {
                return Err(invalid(format!(
                    "nämndrapport {number} has month {month}; expected 1 to 12"
                )));
            };
            if let Some((previous_number, previous_month)) = previous
                && m <= previous_month
            {
                return Err(invalid(format!(
                    "nämndrapport {number} (month {month}) does not come after \
                     nämndrapport {previous_number} (month {previous_month})"
                )));
            }
            previous = Some((number, m));
            mask |= month_bit(m);
        }
        let Ok(delar @ 1..=11) = u8::try_from(delarsrapport_month) else {
            return Err(invalid(format!(
                "delårsrapport month {delarsrapport_month} is not before the årsbokslut; \
                 expected 1 to 11"
            )));
        };
        Ok(Self {
            namndrapport_months: mask,
            delarsrapport_month: delar,
        })
    }

    /// The calendar of a municipality that follows up per tertial: nämndrapport
    /// 1 (the first *tertialrapport*) as of April and nämndrapport 2 as of
    /// August, which is also the delårsrapport; the third tertial is covered by
    /// the årsbokslut as of December.
    ///
    /// # Example
    /// ```
    /// use namnd_core::ReportingCalendar;
    ///
    /// let calendar = ReportingCalendar::tertial();
    /// assert_eq!(calendar.namndrapport_months(), [4, 8]);
    /// assert_eq!(calendar.delarsrapport_month(), 8);
    /// assert_eq!(calendar.arsbokslut_month(), 12);
    /// ```
    pub const fn tertial() -> Self {
        Self {
            namndrapport_months: month_bit(4) | month_bit(8),
            delarsrapport_month: 8,
        }
    }

    /// How many nämndrapporter a year has.
    ///
    /// # Example
    /// ```
    /// use namnd_core::ReportingCalendar;
    ///
    /// assert_eq!(ReportingCalendar::default().namndrapport_count(), 4);
    /// assert_eq!(ReportingCalendar::tertial().namndrapport_count(), 2);
    /// ```
    pub fn namndrapport_count(&self) -> usize {
        self.month_numbers().count()
    }

    /// The as-of months of nämndrapport 1, 2, … in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::ReportingCalendar;
    ///
    /// assert_eq!(ReportingCalendar::default().namndrapport_months(), [3, 5, 8, 10]);
    /// ```
    pub fn namndrapport_months(&self) -> Vec<u32> {
        self.month_numbers().map(u32::from).collect()
    }

    /// The as-of month of nämndrapport `number` (counted from 1).
    ///
    /// # Errors
    /// [`CoreError::InvalidNamndrapport`] if the calendar has no nämndrapport
    /// `number`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, ReportingCalendar};
    ///
    /// let flen = ReportingCalendar::default();
    /// assert_eq!(flen.namndrapport_month(2)?, 5);
    /// assert_eq!(
    ///     flen.namndrapport_month(5),
    ///     Err(CoreError::InvalidNamndrapport { number: 5, count: 4 })
    /// );
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn namndrapport_month(&self, number: u32) -> Result<u32> {
        self.nth_month(number).map(u32::from)
    }

    /// The as-of month of the delårsrapport (interim report), 1–11.
    ///
    /// # Example
    /// ```
    /// use namnd_core::ReportingCalendar;
    ///
    /// assert_eq!(ReportingCalendar::default().delarsrapport_month(), 8);
    /// ```
    pub const fn delarsrapport_month(&self) -> u32 {
        self.delarsrapport_month as u32
    }

    /// The as-of month of the årsbokslut (year-end closing): always 12.
    ///
    /// # Example
    /// ```
    /// use namnd_core::ReportingCalendar;
    ///
    /// assert_eq!(ReportingCalendar::default().arsbokslut_month(), 12);
    /// ```
    pub const fn arsbokslut_month(&self) -> u32 {
        DECEMBER as u32
    }

    /// The nämndrapport months, in order.
    fn month_numbers(&self) -> impl Iterator<Item = u8> + use<> {
        let mask = self.namndrapport_months;
        (1..=DECEMBER).filter(move |&month| mask & month_bit(month) != 0)
    }

    fn nth_month(&self, number: u32) -> Result<u8> {
        usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| self.month_numbers().nth(index))
            .ok_or(CoreError::InvalidNamndrapport {
                number,
                count: self.namndrapport_count(),
            })
    }
}

// ---------------------------------------------------------- NamndrapportNumber

/// The number of a *nämndrapport* (periodic committee report) within its
/// year: 1 to 12 (NR1, NR2, …).
///
/// A [`ReportingCalendar`] makes at most one nämndrapport a month, so no year
/// has more than 12; a calendar may define fewer (see
/// [`ReportingPeriod::as_of`]). Displays as the bare number. With the `serde`
/// feature it serialises as an integer and is validated on deserialisation.
///
/// # Example
/// ```
/// use namnd_core::{CoreError, NamndrapportNumber};
///
/// let nr2 = NamndrapportNumber::try_new(2)?;
/// assert_eq!(nr2.get(), 2);
/// assert_eq!(nr2.to_string(), "2");
/// assert_eq!(
///     NamndrapportNumber::try_new(13),
///     Err(CoreError::InvalidNamndrapportNumber { number: 13 })
/// );
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NamndrapportNumber(u8);

impl NamndrapportNumber {
    /// The first nämndrapport of a year, 1.
    ///
    /// # Example
    /// ```
    /// use namnd_core::NamndrapportNumber;
    ///
    /// assert_eq!(NamndrapportNumber::MIN.get(), 1);
    /// ```
    pub const MIN: Self = Self(1);

    /// The largest nämndrapport number, 12 (one a month).
    ///
    /// # Example
    /// ```
    /// use namnd_core::NamndrapportNumber;
    ///
    /// assert_eq!(NamndrapportNumber::MAX.get(), 12);
    /// ```
    pub const MAX: Self = Self(DECEMBER);

    /// Nämndrapport number `number`.
    ///
    /// # Errors
    /// [`CoreError::InvalidNamndrapportNumber`] if `number` is outside 1–12.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, NamndrapportNumber};
    ///
    /// assert_eq!(NamndrapportNumber::try_new(12)?, NamndrapportNumber::MAX);
    /// assert_eq!(
    ///     NamndrapportNumber::try_new(0),
    ///     Err(CoreError::InvalidNamndrapportNumber { number: 0 })
    /// );
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn try_new(number: u32) -> Result<Self> {
        match u8::try_from(number) {
            Ok(n @ 1..=DECEMBER) => Ok(Self(n)),
            _ => Err(CoreError::InvalidNamndrapportNumber { number }),
        }
    }

    /// The number, 1 to 12.
    ///
    /// # Example
    /// ```
    /// use namnd_core::NamndrapportNumber;
    ///
    /// assert_eq!(NamndrapportNumber::try_new(3)?.get(), 3);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn get(self) -> u32 {
        self.0 as u32
    }
}

impl fmt::Display for NamndrapportNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0.to_string())
    }
}

impl TryFrom<u32> for NamndrapportNumber {
    type Error = CoreError;

    fn try_from(number: u32) -> Result<Self> {
        Self::try_new(number)
    }
}

impl From<NamndrapportNumber> for u32 {
    fn from(number: NamndrapportNumber) -> u32 {
        number.get()
    }
}

// ------------------------------------------------------------- ReportingPeriod

/// A report a committee receives about a fiscal year. Its as-of month comes
/// from the municipality's [`ReportingCalendar`].
///
/// Displays in Swedish (`"Nämndrapport 2 2023"`, `"Delårsrapport 2023"`,
/// `"Årsbokslut 2023"`, `"Månadsrapport augusti 2023"`) and parses those,
/// case-insensitively, plus the short forms `"NR2 2023"`, `"delår 2023"` and
/// `"bokslut 2023"`. With the `serde` feature it serialises as the display
/// string. Every value displays as a text that parses back to it.
///
/// The kinds are distinct even where a calendar gives them the same as-of
/// month: in Flen's calendar nämndrapport 3 *is* the delårsrapport, yet
/// `Namndrapport { number: 3, .. }` and `Delarsrapport(..)` compare unequal.
///
/// # Example
/// ```
/// use namnd_core::{ReportingCalendar, ReportingPeriod, YearMonth};
///
/// let report: ReportingPeriod = "NR2 2023".parse()?;
/// assert_eq!(report.to_string(), "Nämndrapport 2 2023");
/// let flen = ReportingCalendar::default();
/// assert_eq!(report.as_of(&flen)?, YearMonth::try_new(2023, 5)?);
/// assert_eq!(report.months_remaining(&flen)?, 7);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReportingPeriod {
    /// *Månadsrapport* (monthly report, also *månadsuppföljning*): budget
    /// follow-up with a full-year forecast as of the given month.
    Manadsrapport(YearMonth),
    /// *Nämndrapport* (periodic committee report) number `number` of the year,
    /// as of the month the calendar gives it.
    Namndrapport {
        /// The fiscal year reported on.
        year: FiscalYear,
        /// The report's number, 1 to 12 (NR1, NR2, …); a calendar may define
        /// fewer.
        number: NamndrapportNumber,
    },
    /// *Delårsrapport* (interim report to the municipal council), as of the
    /// calendar's delårsrapport month.
    Delarsrapport(FiscalYear),
    /// *Årsbokslut* (year-end closing, the basis of the *årsredovisning*,
    /// annual report), as of December.
    Arsbokslut(FiscalYear),
}

impl ReportingPeriod {
    /// The fiscal year the report is about.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, ReportingPeriod};
    ///
    /// let report: ReportingPeriod = "delår 2023".parse()?;
    /// assert_eq!(report.fiscal_year(), FiscalYear::try_new(2023)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn fiscal_year(self) -> FiscalYear {
        match self {
            Self::Manadsrapport(month) => month.year,
            Self::Namndrapport { year, .. }
            | Self::Delarsrapport(year)
            | Self::Arsbokslut(year) => year,
        }
    }

    /// The as-of month: the last month whose outcome the report covers.
    ///
    /// # Errors
    /// [`CoreError::InvalidNamndrapport`] for a nämndrapport the calendar does
    /// not have.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{ReportingCalendar, ReportingPeriod, YearMonth};
    ///
    /// let flen = ReportingCalendar::default();
    /// let delar: ReportingPeriod = "Delårsrapport 2023".parse()?;
    /// assert_eq!(delar.as_of(&flen)?, YearMonth::try_new(2023, 8)?);
    /// let nr4: ReportingPeriod = "NR4 2023".parse()?;
    /// assert_eq!(nr4.as_of(&flen)?, YearMonth::try_new(2023, 10)?);
    /// assert!(nr4.as_of(&ReportingCalendar::tertial()).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn as_of(&self, calendar: &ReportingCalendar) -> Result<YearMonth> {
        let (year, month) = match *self {
            Self::Manadsrapport(month) => return Ok(month),
            Self::Namndrapport { year, number } => (year, calendar.nth_month(number.get())?),
            Self::Delarsrapport(year) => (year, calendar.delarsrapport_month),
            Self::Arsbokslut(year) => (year, DECEMBER),
        };
        Ok(YearMonth { year, month })
    }

    /// Months of the fiscal year up to and including the as-of month.
    ///
    /// # Errors
    /// [`CoreError::InvalidNamndrapport`] for a nämndrapport the calendar does
    /// not have.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{ReportingCalendar, ReportingPeriod};
    ///
    /// let report: ReportingPeriod = "NR1 2023".parse()?;
    /// assert_eq!(report.months_elapsed(&ReportingCalendar::default())?, 3);
    /// assert_eq!(report.months_elapsed(&ReportingCalendar::tertial())?, 4);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn months_elapsed(&self, calendar: &ReportingCalendar) -> Result<u32> {
        self.as_of(calendar).map(YearMonth::months_elapsed)
    }

    /// Months of the fiscal year after the as-of month.
    ///
    /// # Errors
    /// [`CoreError::InvalidNamndrapport`] for a nämndrapport the calendar does
    /// not have.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{ReportingCalendar, ReportingPeriod};
    ///
    /// let flen = ReportingCalendar::default();
    /// assert_eq!("delår 2023".parse::<ReportingPeriod>()?.months_remaining(&flen)?, 4);
    /// assert_eq!("bokslut 2023".parse::<ReportingPeriod>()?.months_remaining(&flen)?, 0);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn months_remaining(&self, calendar: &ReportingCalendar) -> Result<u32> {
        self.as_of(calendar).map(YearMonth::months_remaining)
    }

    /// The months from January to the as-of month, both included: the
    /// year-to-date (*ackumulerat*) range the report's outcome covers.
    ///
    /// # Errors
    /// [`CoreError::InvalidNamndrapport`] for a nämndrapport the calendar does
    /// not have.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{ReportingCalendar, ReportingPeriod};
    ///
    /// let report: ReportingPeriod = "NR2 2023".parse()?;
    /// let months = report.year_to_date(&ReportingCalendar::default())?;
    /// assert_eq!(months.map(|m| m.month()).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn year_to_date(&self, calendar: &ReportingCalendar) -> Result<MonthRange> {
        let as_of = self.as_of(calendar)?;
        Ok(MonthRange::new(as_of.year.first_month(), as_of))
    }
}

impl fmt::Display for ReportingPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Manadsrapport(month) => format!("Månadsrapport {}", month.to_swedish()),
            Self::Namndrapport { year, number } => format!("Nämndrapport {number} {year}"),
            Self::Delarsrapport(year) => format!("Delårsrapport {year}"),
            Self::Arsbokslut(year) => format!("Årsbokslut {year}"),
        };
        f.pad(&text)
    }
}

impl FromStr for ReportingPeriod {
    type Err = CoreError;

    /// Reads `"Månadsrapport augusti 2023"` (or `"månadsrapport 2023-08"`),
    /// `"Nämndrapport 2 2023"` / `"NR2 2023"`, `"Delårsrapport 2023"` /
    /// `"delår 2023"` and `"Årsbokslut 2023"` / `"bokslut 2023"`,
    /// case-insensitively and also without å, ä and ö (`"namndrapport"`).
    fn from_str(s: &str) -> Result<Self> {
        parse_whole(s, EXPECTED_REPORT, Parser::reporting_period)
    }
}

// --------------------------------------------------------------------- parsing

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Number,
    /// `-` or an en dash.
    Dash,
    /// `.` after an abbreviation.
    Dot,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: TokenKind,
    text: &'a str,
    /// Byte offset in the input, counted from 0.
    start: usize,
}

/// A period text split into tokens; whitespace only separates them.
struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token<'a>>,
    next: usize,
    /// Set when a token was read but its value is out of range (month 13,
    /// year 1899, Q5, nämndrapport 0).
    out_of_range: bool,
}

/// A failed parse: the error, and whether it is about a value that was read
/// but is out of range rather than about the syntax.
struct Failure {
    error: CoreError,
    out_of_range: bool,
}

/// Parses all of `input` with `grammar`. `expected` describes the whole form,
/// for characters that cannot start any token.
fn parse_whole<'a, T>(
    input: &'a str,
    expected: &'static str,
    grammar: impl FnOnce(&mut Parser<'a>) -> Result<T>,
) -> Result<T> {
    try_parse_whole(input, expected, grammar).map_err(|failure| failure.error)
}

/// [`parse_whole`], telling out-of-range errors from syntax errors.
fn try_parse_whole<'a, T>(
    input: &'a str,
    expected: &'static str,
    grammar: impl FnOnce(&mut Parser<'a>) -> Result<T>,
) -> core::result::Result<T, Failure> {
    let mut parser = Parser::new(input, expected).map_err(|error| Failure {
        error,
        out_of_range: false,
    })?;
    grammar(&mut parser)
        .and_then(|value| parser.end().map(|()| value))
        .map_err(|error| Failure {
            error,
            out_of_range: parser.out_of_range,
        })
}

fn parse_error(input: &str, offset: usize, expected: &'static str) -> CoreError {
    CoreError::ParsePeriod {
        input: crate::error::echo(input),
        position: offset.saturating_add(1),
        expected,
    }
}

/// The month a lowercase Swedish month name or abbreviation stands for.
fn month_from_name(word: &str) -> Option<u8> {
    (1_u8..)
        .zip(MONTH_NAMES)
        .chain(
            MONTH_ABBREVIATIONS
                .iter()
                .map(|&(name, month)| (month, name)),
        )
        .find_map(|(month, name)| (name == word).then_some(month))
}

impl<'a> Parser<'a> {
    fn new(input: &'a str, expected: &'static str) -> Result<Self> {
        let mut tokens = Vec::new();
        let mut chars = input.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let kind = if c.is_whitespace() {
                continue;
            } else if c.is_ascii_digit() {
                TokenKind::Number
            } else if c.is_alphabetic() {
                TokenKind::Word
            } else if c == '-' || c == '\u{2013}' {
                TokenKind::Dash
            } else if c == '.' {
                TokenKind::Dot
            } else {
                return Err(parse_error(input, start, expected));
            };
            let mut end = start + c.len_utf8();
            let same_kind = |d: char| match kind {
                TokenKind::Number => d.is_ascii_digit(),
                TokenKind::Word => d.is_alphabetic(),
                TokenKind::Dash | TokenKind::Dot => false,
            };
            while let Some(&(offset, d)) = chars.peek() {
                if !same_kind(d) {
                    break;
                }
                end = offset + d.len_utf8();
                chars.next();
            }
            tokens.push(Token {
                kind,
                text: input.get(start..end).unwrap_or_default(),
                start,
            });
        }
        Ok(Self {
            input,
            tokens,
            next: 0,
            out_of_range: false,
        })
    }

    /// An error at `token`, which was read but whose value is out of range.
    fn range_error(&mut self, token: Token<'a>, expected: &'static str) -> CoreError {
        self.out_of_range = true;
        parse_error(self.input, token.start, expected)
    }

    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.next).copied()
    }

    fn peek_kind(&self) -> Option<TokenKind> {
        self.peek().map(|token| token.kind)
    }

    /// An error at the next token, or just past the input if none is left.
    fn error(&self, expected: &'static str) -> CoreError {
        let offset = self.peek().map_or(self.input.len(), |token| token.start);
        parse_error(self.input, offset, expected)
    }

    fn token(&mut self, kind: TokenKind, expected: &'static str) -> Result<Token<'a>> {
        match self.peek() {
            Some(token) if token.kind == kind => {
                self.next += 1;
                Ok(token)
            }
            _ => Err(self.error(expected)),
        }
    }

    fn eat(&mut self, kind: TokenKind) -> bool {
        let found = self.peek_kind() == Some(kind);
        if found {
            self.next += 1;
        }
        found
    }

    fn end(&self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error(EXPECTED_END)),
        }
    }

    /// A word, lowercased, with its token.
    fn word(&mut self, expected: &'static str) -> Result<(Token<'a>, String)> {
        let token = self.token(TokenKind::Word, expected)?;
        Ok((token, token.text.to_lowercase()))
    }

    /// A word that must be one of `keywords` (lowercase).
    fn keyword(&mut self, keywords: &[&str], expected: &'static str) -> Result<()> {
        let (token, word) = self.word(expected)?;
        if keywords.contains(&word.as_str()) {
            Ok(())
        } else {
            Err(parse_error(self.input, token.start, expected))
        }
    }

    /// A number of at most `max_digits` digits.
    fn number(&mut self, max_digits: usize, expected: &'static str) -> Result<(Token<'a>, u32)> {
        let token = self.token(TokenKind::Number, expected)?;
        let value = if token.text.len() <= max_digits {
            token.text.parse().ok()
        } else {
            None
        };
        value
            .map(|value| (token, value))
            .ok_or_else(|| parse_error(self.input, token.start, expected))
    }

    /// A four-digit supported year.
    fn year(&mut self) -> Result<FiscalYear> {
        let token = self.token(TokenKind::Number, EXPECTED_YEAR)?;
        if token.text.len() != 4 {
            return Err(parse_error(self.input, token.start, EXPECTED_YEAR));
        }
        let year = token
            .text
            .parse()
            .map_err(|_| parse_error(self.input, token.start, EXPECTED_YEAR))?;
        FiscalYear::try_new(year).map_err(|_| self.range_error(token, EXPECTED_SUPPORTED_YEAR))
    }

    /// `2023-08` or `augusti 2023` (also `aug 2023`, `aug. 2023`).
    fn year_month(&mut self) -> Result<YearMonth> {
        if self.peek_kind() == Some(TokenKind::Number) {
            let year = self.year()?;
            self.token(TokenKind::Dash, "'-' between year and month")?;
            let (token, month) = self.number(2, EXPECTED_MONTH_NUMBER)?;
            return year
                .month(month)
                .map_err(|_| self.range_error(token, EXPECTED_MONTH_NUMBER));
        }
        let (token, word) = self.word(EXPECTED_MONTH)?;
        let month = month_from_name(&word)
            .ok_or_else(|| parse_error(self.input, token.start, EXPECTED_MONTH))?;
        self.eat(TokenKind::Dot);
        let year = self.year()?;
        year.month(u32::from(month))
            .map_err(|_| self.range_error(token, EXPECTED_MONTH))
    }

    /// A year and a numbered part of it, in either order: `Q3 2023`,
    /// `Q3-2023`, `kvartal 3 2023`, `2023Q3`, `2023-Q3`, `2023 Q3`; `T2 2023`,
    /// `tertial 2 2023`, `2023T2`, `2023-T2`, `2023 T2`.
    fn year_part<const MONTHS: u8>(&mut self) -> Result<YearPart<MONTHS>>
    where
        YearPart<MONTHS>: PartKind,
    {
        let keywords = YearPart::<MONTHS>::KEYWORDS;
        let expected_word = YearPart::<MONTHS>::EXPECTED_WORD;
        if self.peek_kind() == Some(TokenKind::Number) {
            let year = self.year()?;
            self.eat(TokenKind::Dash);
            self.keyword(keywords, expected_word)?;
            let number = self.part_number::<MONTHS>()?;
            Ok(YearPart { year, number })
        } else {
            self.keyword(keywords, expected_word)?;
            let number = self.part_number::<MONTHS>()?;
            self.eat(TokenKind::Dash);
            let year = self.year()?;
            Ok(YearPart { year, number })
        }
    }

    /// The one-digit number of a quarter (1–4) or a tertial (1–3).
    fn part_number<const MONTHS: u8>(&mut self) -> Result<u8>
    where
        YearPart<MONTHS>: PartKind,
    {
        let expected = YearPart::<MONTHS>::EXPECTED_NUMBER;
        let (token, number) = self.number(1, expected)?;
        match u8::try_from(number) {
            Ok(n) if (1..=YearPart::<MONTHS>::PARTS).contains(&n) => Ok(n),
            _ => Err(self.range_error(token, expected)),
        }
    }

    fn reporting_period(&mut self) -> Result<ReportingPeriod> {
        let (token, word) = self.word(EXPECTED_REPORT)?;
        match word.as_str() {
            "månadsrapport" | "manadsrapport" => {
                self.year_month().map(ReportingPeriod::Manadsrapport)
            }
            "nämndrapport" | "namndrapport" | "nr" => {
                let (number_token, number) = self.number(2, EXPECTED_NAMNDRAPPORT_NUMBER)?;
                let number = NamndrapportNumber::try_new(number)
                    .map_err(|_| self.range_error(number_token, EXPECTED_NAMNDRAPPORT_NUMBER))?;
                let year = self.year()?;
                Ok(ReportingPeriod::Namndrapport { year, number })
            }
            "delårsrapport" | "delarsrapport" | "delår" => {
                self.year().map(ReportingPeriod::Delarsrapport)
            }
            "årsbokslut" | "arsbokslut" | "bokslut" => {
                self.year().map(ReportingPeriod::Arsbokslut)
            }
            _ => Err(parse_error(self.input, token.start, EXPECTED_REPORT)),
        }
    }
}

// ------------------------------------------------------------------------ time

/// Converts a `chrono` date to a `time` date.
///
/// Shared by every module that stores `chrono` dates and offers `time`
/// conversions.
///
/// # Errors
/// [`CoreError::DateOutOfRange`] if `time` cannot hold the date (by default it
/// holds the years −9999 to 9999).
///
/// # Example
/// ```
/// use namnd_core::{YearMonth, date_from_time, date_to_time};
///
/// let date = YearMonth::try_new(2024, 2)?.last_day();
/// let converted = date_to_time(date)?;
/// assert_eq!((converted.year(), converted.day()), (2024, 29));
/// assert_eq!(date_from_time(converted)?, date);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub fn date_to_time(date: NaiveDate) -> Result<time::Date> {
    u16::try_from(date.ordinal())
        .ok()
        .and_then(|ordinal| time::Date::from_ordinal_date(date.year(), ordinal).ok())
        .ok_or_else(|| CoreError::DateOutOfRange {
            date: date.to_string(),
            target: "time",
        })
}

/// Converts a `time` date to a `chrono` date.
///
/// Shared by every module that stores `chrono` dates and offers `time`
/// conversions.
///
/// # Errors
/// [`CoreError::DateOutOfRange`] if `chrono` cannot hold the date (only
/// possible when `time`'s `large-dates` feature is on).
///
/// # Example
/// ```
/// use namnd_core::{FiscalYear, date_from_time};
///
/// let year = FiscalYear::try_new(2023)?;
/// assert_eq!(date_from_time(year.last_day_time())?, year.last_day());
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
pub fn date_from_time(date: time::Date) -> Result<NaiveDate> {
    NaiveDate::from_yo_opt(date.year(), u32::from(date.ordinal())).ok_or_else(|| {
        CoreError::DateOutOfRange {
            date: date.to_string(),
            target: "chrono",
        }
    })
}

/// A `time` date for a date of a supported year.
#[cfg(feature = "time")]
fn time_date(date: NaiveDate) -> time::Date {
    // Every date of the years 1900..=9999 exists in `time`, so the fallback is
    // never taken.
    date_to_time(date).unwrap_or(time::Date::MIN)
}

/// The month a `time` date falls in.
#[cfg(feature = "time")]
fn month_of_time_date(date: time::Date) -> Result<YearMonth> {
    FiscalYear::try_new(date.year())?.month(u32::from(u8::from(date.month())))
}

#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl FiscalYear {
    /// 1 January of the year, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let first = FiscalYear::try_new(2023)?.first_day_time();
    /// assert_eq!((first.year(), first.ordinal()), (2023, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day_time(self) -> time::Date {
        time_date(self.first_day())
    }

    /// 31 December of the year, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let last = FiscalYear::try_new(2024)?.last_day_time();
    /// assert_eq!((last.year(), last.ordinal()), (2024, 366));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day_time(self) -> time::Date {
        time_date(self.last_day())
    }

    /// The fiscal year a `time` date falls in.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if the date's year is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(FiscalYear::from_time_date(year.last_day_time())?, year);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_time_date(date: time::Date) -> Result<Self> {
        Self::try_new(date.year())
    }
}

#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl YearMonth {
    /// The first day of the month, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let first = YearMonth::try_new(2023, 8)?.first_day_time();
    /// assert_eq!((u8::from(first.month()), first.day()), (8, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day_time(self) -> time::Date {
        time_date(self.first_day())
    }

    /// The last day of the month, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// assert_eq!(YearMonth::try_new(2024, 2)?.last_day_time().day(), 29);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day_time(self) -> time::Date {
        time_date(self.last_day())
    }

    /// The month a `time` date falls in.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if the date's year is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    ///
    /// let august = YearMonth::try_new(2023, 8)?;
    /// assert_eq!(YearMonth::from_time_date(august.last_day_time())?, august);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_time_date(date: time::Date) -> Result<Self> {
        month_of_time_date(date)
    }
}

#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl<const MONTHS: u8> YearPart<MONTHS>
where
    Self: PartKind,
{
    /// The first day of the part, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// let first = Quarter::try_new(2023, 3)?.first_day_time();
    /// assert_eq!((u8::from(first.month()), first.day()), (7, 1));
    /// let first = Tertial::try_new(2023, 2)?.first_day_time();
    /// assert_eq!((u8::from(first.month()), first.day()), (5, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day_time(self) -> time::Date {
        time_date(self.first_day())
    }

    /// The last day of the part, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// let last = Quarter::try_new(2023, 3)?.last_day_time();
    /// assert_eq!((u8::from(last.month()), last.day()), (9, 30));
    /// let last = Tertial::try_new(2023, 2)?.last_day_time();
    /// assert_eq!((u8::from(last.month()), last.day()), (8, 31));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day_time(self) -> time::Date {
        time_date(self.last_day())
    }

    /// The part a `time` date falls in.
    ///
    /// # Errors
    /// [`CoreError::YearOutOfRange`] if the date's year is outside 1900..=9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Quarter, Tertial};
    ///
    /// let q3 = Quarter::try_new(2023, 3)?;
    /// assert_eq!(Quarter::from_time_date(q3.last_day_time())?, q3);
    /// let t2 = Tertial::try_new(2023, 2)?;
    /// assert_eq!(Tertial::from_time_date(t2.first_day_time())?, t2);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_time_date(date: time::Date) -> Result<Self> {
        month_of_time_date(date).map(Self::of_month)
    }
}

#[cfg(feature = "time")]
#[cfg_attr(docsrs, doc(cfg(feature = "time")))]
impl Period {
    /// The first day of the period, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    ///
    /// let first = "T3 2023".parse::<Period>()?.first_day_time();
    /// assert_eq!((u8::from(first.month()), first.day()), (9, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn first_day_time(self) -> time::Date {
        time_date(self.first_day())
    }

    /// The last day of the period, as a `time` date.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    ///
    /// let last = "februari 2024".parse::<Period>()?.last_day_time();
    /// assert_eq!(last.day(), 29);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn last_day_time(self) -> time::Date {
        time_date(self.last_day())
    }
}

// ----------------------------------------------------------------------- serde

#[cfg(feature = "serde")]
mod serde_impls {
    use core::fmt;
    use core::marker::PhantomData;
    use core::str::FromStr;

    use serde::de::{self, Deserializer, Visitor};
    use serde::{Deserialize, Serialize, Serializer};

    use super::{
        CoreError, FiscalYear, NamndrapportNumber, PartKind, Period, ReportingCalendar,
        ReportingPeriod, YearMonth, YearPart,
    };

    /// Reads a string with the type's `FromStr`, so every invariant is checked.
    struct FromStrVisitor<T> {
        expecting: &'static str,
        marker: PhantomData<T>,
    }

    impl<T> FromStrVisitor<T> {
        const fn new(expecting: &'static str) -> Self {
            Self {
                expecting,
                marker: PhantomData,
            }
        }
    }

    impl<T: FromStr<Err = CoreError>> Visitor<'_> for FromStrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            value.parse().map_err(E::custom)
        }
    }

    /// Serialises as the `Display` string and deserialises through `FromStr`.
    macro_rules! string_serde {
        ($type:ty, $expecting:literal) => {
            impl Serialize for $type {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.collect_str(self)
                }
            }

            impl<'de> Deserialize<'de> for $type {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    deserializer.deserialize_str(FromStrVisitor::new($expecting))
                }
            }
        };
    }

    string_serde!(YearMonth, "a month such as \"2023-08\"");
    string_serde!(
        Period,
        "a period such as \"2023-08\", \"Q3 2023\", \"T2 2023\" or \"2023\""
    );
    string_serde!(
        ReportingPeriod,
        "a report such as \"Nämndrapport 2 2023\" or \"Delårsrapport 2023\""
    );

    impl<const MONTHS: u8> Serialize for YearPart<MONTHS>
    where
        Self: PartKind,
    {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    impl<'de, const MONTHS: u8> Deserialize<'de> for YearPart<MONTHS>
    where
        Self: PartKind,
    {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_str(FromStrVisitor::new(Self::SERDE_EXPECTING))
        }
    }

    impl Serialize for FiscalYear {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    /// Reads a year as a string (`"2023"`) or, from self-describing formats,
    /// as an integer (`2023`).
    struct FiscalYearVisitor;

    impl Visitor<'_> for FiscalYearVisitor {
        type Value = FiscalYear;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a fiscal year such as \"2023\" or 2023")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<FiscalYear, E> {
            value.parse().map_err(E::custom)
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<FiscalYear, E> {
            let year = i32::try_from(value)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))?;
            FiscalYear::try_new(year).map_err(E::custom)
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<FiscalYear, E> {
            let year = i32::try_from(value)
                .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))?;
            FiscalYear::try_new(year).map_err(E::custom)
        }
    }

    impl<'de> Deserialize<'de> for FiscalYear {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            if deserializer.is_human_readable() {
                deserializer.deserialize_any(FiscalYearVisitor)
            } else {
                deserializer.deserialize_str(FiscalYearVisitor)
            }
        }
    }

    impl Serialize for NamndrapportNumber {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_u8(self.0)
        }
    }

    impl<'de> Deserialize<'de> for NamndrapportNumber {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let number = u32::deserialize(deserializer)?;
            Self::try_new(number).map_err(de::Error::custom)
        }
    }

    /// When a municipality's reports are made: the as-of month of each
    /// nämndrapport and of the delårsrapport (the årsbokslut is always as of
    /// December).
    #[derive(Serialize, Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "schemars", schemars(rename = "ReportingCalendar"))]
    #[serde(deny_unknown_fields)]
    pub(super) struct CalendarRepr {
        /// The as-of month (1–12) of each nämndrapport (periodic committee
        /// report), nämndrapport 1 first; strictly increasing.
        #[cfg_attr(feature = "schemars", schemars(inner(range(min = 1, max = 12))))]
        namndrapport_months: Vec<u32>,
        /// The as-of month (1–11) of the delårsrapport (interim report).
        #[cfg_attr(feature = "schemars", schemars(range(min = 1, max = 11)))]
        delarsrapport_month: u32,
    }

    impl Serialize for ReportingCalendar {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            CalendarRepr {
                namndrapport_months: self.namndrapport_months(),
                delarsrapport_month: self.delarsrapport_month(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for ReportingCalendar {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let repr = CalendarRepr::deserialize(deserializer)?;
            Self::try_new(&repr.namndrapport_months, repr.delarsrapport_month)
                .map_err(de::Error::custom)
        }
    }
}

// -------------------------------------------------------------------- schemars

#[cfg(feature = "schemars")]
mod schema_impls {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{
        FiscalYear, NamndrapportNumber, PartKind, Period, ReportingCalendar, ReportingPeriod,
        YearMonth, YearPart,
    };

    /// Four digits from 1900 to 9999.
    const YEAR: &str = "(19[0-9]{2}|[2-9][0-9]{3})";
    const MONTH: &str = "(0[1-9]|1[0-2])";
    /// A nämndrapport number as displayed, 1 to 12 without a leading zero.
    const NAMNDRAPPORT_NUMBER: &str = "([1-9]|1[0-2])";

    fn string_schema(pattern: String, description: &str, example: &str) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": pattern,
            "description": description,
            "examples": [example],
        })
    }

    macro_rules! string_schema {
        ($type:ty, $name:literal, $pattern:expr, $description:literal, $example:literal) => {
            impl JsonSchema for $type {
                fn schema_name() -> Cow<'static, str> {
                    Cow::Borrowed($name)
                }

                fn schema_id() -> Cow<'static, str> {
                    Cow::Borrowed(concat!("namnd_core::", $name))
                }

                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    string_schema($pattern, $description, $example)
                }
            }
        };
    }

    string_schema!(
        YearMonth,
        "YearMonth",
        format!("^{YEAR}-{MONTH}$"),
        "A month in ISO form (YYYY-MM). Also read: Swedish month names and abbreviations, e.g. \"augusti 2023\" or \"aug 2023\".",
        "2023-08"
    );
    string_schema!(
        Period,
        "Period",
        format!("^({YEAR}-{MONTH}|Q[1-4] {YEAR}|T[1-3] {YEAR}|{YEAR})$"),
        "A follow-up period: a month (2023-08), a quarter (Q3 2023), a tertial (T2 2023) or a fiscal year (2023).",
        "Q3 2023"
    );
    string_schema!(
        ReportingPeriod,
        "ReportingPeriod",
        format!(
            "^(Månadsrapport (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) {YEAR}|Nämndrapport {NAMNDRAPPORT_NUMBER} {YEAR}|Delårsrapport {YEAR}|Årsbokslut {YEAR})$"
        ),
        "A report to the committee: månadsrapport (monthly report), nämndrapport (periodic committee report), delårsrapport (interim report) or årsbokslut (year-end closing). Also read: \"NR2 2023\", \"delår 2023\", \"bokslut 2023\".",
        "Nämndrapport 2 2023"
    );

    impl<const MONTHS: u8> JsonSchema for YearPart<MONTHS>
    where
        Self: PartKind,
    {
        fn schema_name() -> Cow<'static, str> {
            Cow::Borrowed(Self::NAME)
        }

        fn schema_id() -> Cow<'static, str> {
            Cow::Owned(format!("namnd_core::{}", Self::NAME))
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            string_schema(
                format!("^{}[1-{}] {YEAR}$", Self::LETTER, Self::PARTS),
                Self::SCHEMA_DESCRIPTION,
                Self::SCHEMA_EXAMPLE,
            )
        }
    }

    impl JsonSchema for FiscalYear {
        fn schema_name() -> Cow<'static, str> {
            Cow::Borrowed("FiscalYear")
        }

        fn schema_id() -> Cow<'static, str> {
            Cow::Borrowed("namnd_core::FiscalYear")
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A fiscal year (calendar year) from 1900 to 9999, written as a string; an integer is also read.",
                "anyOf": [
                    { "type": "string", "pattern": format!("^{YEAR}$") },
                    { "type": "integer", "minimum": 1900, "maximum": 9999 },
                ],
                "examples": ["2023"],
            })
        }
    }

    impl JsonSchema for NamndrapportNumber {
        fn schema_name() -> Cow<'static, str> {
            Cow::Borrowed("NamndrapportNumber")
        }

        fn schema_id() -> Cow<'static, str> {
            Cow::Borrowed("namnd_core::NamndrapportNumber")
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "The number of a nämndrapport (periodic committee report) within its year, 1 to 12.",
                "type": "integer",
                "minimum": 1,
                "maximum": 12,
            })
        }
    }

    impl JsonSchema for ReportingCalendar {
        fn schema_name() -> Cow<'static, str> {
            super::serde_impls::CalendarRepr::schema_name()
        }

        fn schema_id() -> Cow<'static, str> {
            Cow::Borrowed("namnd_core::ReportingCalendar")
        }

        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            super::serde_impls::CalendarRepr::json_schema(generator)
        }
    }
}

// ------------------------------------------------------------------- proptest

#[cfg(any(test, feature = "proptest"))]
mod arbitrary {
    use proptest::prelude::*;

    use super::{
        DECEMBER, FiscalYear, MAX_YEAR, MIN_YEAR, NamndrapportNumber, PartKind, Period, Quarter,
        ReportingCalendar, ReportingPeriod, Tertial, YearMonth, YearPart,
    };

    impl Arbitrary for FiscalYear {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            (MIN_YEAR..=MAX_YEAR).prop_map(Self).boxed()
        }
    }

    impl Arbitrary for YearMonth {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            (any::<FiscalYear>(), 1_u8..=12)
                .prop_map(|(year, month)| Self { year, month })
                .boxed()
        }
    }

    impl<const MONTHS: u8> Arbitrary for YearPart<MONTHS>
    where
        Self: PartKind,
    {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            (any::<FiscalYear>(), 1..=Self::PARTS)
                .prop_map(|(year, number)| Self { year, number })
                .boxed()
        }
    }

    impl Arbitrary for Period {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            prop_oneof![
                any::<YearMonth>().prop_map(Self::Month),
                any::<Quarter>().prop_map(Self::Quarter),
                any::<Tertial>().prop_map(Self::Tertial),
                any::<FiscalYear>().prop_map(Self::Year),
            ]
            .boxed()
        }
    }

    impl Arbitrary for NamndrapportNumber {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        /// Every number, 1 to 12.
        fn arbitrary_with((): ()) -> Self::Strategy {
            (1..=DECEMBER).prop_map(Self).boxed()
        }
    }

    impl Arbitrary for ReportingPeriod {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            prop_oneof![
                any::<YearMonth>().prop_map(Self::Manadsrapport),
                (any::<FiscalYear>(), any::<NamndrapportNumber>())
                    .prop_map(|(year, number)| Self::Namndrapport { year, number }),
                any::<FiscalYear>().prop_map(Self::Delarsrapport),
                any::<FiscalYear>().prop_map(Self::Arsbokslut),
            ]
            .boxed()
        }
    }

    impl Arbitrary for ReportingCalendar {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            (0_u16..(1 << 12), 1_u8..=11)
                .prop_map(|(namndrapport_months, delarsrapport_month)| Self {
                    namndrapport_months,
                    delarsrapport_month,
                })
                .boxed()
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    use super::*;

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth::try_new(year, month).unwrap()
    }

    fn fy(year: i32) -> FiscalYear {
        FiscalYear::try_new(year).unwrap()
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn nr(number: u32) -> NamndrapportNumber {
        NamndrapportNumber::try_new(number).unwrap()
    }

    /// The parse error for `text`, as `(position, expected, message)`.
    fn parse_failure<T: FromStr<Err = CoreError> + fmt::Debug>(
        text: &str,
    ) -> (usize, &'static str, String) {
        let error = text.parse::<T>().unwrap_err();
        let message = error.to_string();
        match error {
            CoreError::ParsePeriod {
                input,
                position,
                expected,
            } => {
                assert_eq!(input, text);
                (position, expected, message)
            }
            other => panic!("expected a parse error for {text:?}, got {other:?}"),
        }
    }

    fn parse_position(error: &CoreError) -> usize {
        match error {
            CoreError::ParsePeriod { position, .. } => *position,
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    // ---------------------------------------------------------- FiscalYear

    #[test]
    fn fiscal_year_accepts_only_1900_to_9999() {
        assert_eq!(FiscalYear::try_new(1900), Ok(FiscalYear::MIN));
        assert_eq!(FiscalYear::try_new(9999), Ok(FiscalYear::MAX));
        assert_eq!(
            FiscalYear::try_new(1899),
            Err(CoreError::YearOutOfRange {
                year: 1899,
                min: 1900,
                max: 9999
            })
        );
        assert!(FiscalYear::try_new(10_000).is_err());
        assert!(FiscalYear::try_new(i32::MIN).is_err());
        assert_eq!(
            FiscalYear::try_new(1899).unwrap_err().to_string(),
            "year 1899 is outside the supported range 1900..=9999"
        );
    }

    #[test]
    fn fiscal_year_runs_from_first_january_to_thirty_first_december() {
        let year = fy(2023);
        assert_eq!(year.first_day(), date(2023, 1, 1));
        assert_eq!(year.last_day(), date(2023, 12, 31));
        assert_eq!(FiscalYear::MIN.first_day(), date(1900, 1, 1));
        assert_eq!(FiscalYear::MAX.last_day(), date(9999, 12, 31));
    }

    #[test]
    fn fiscal_year_has_twelve_months_january_first() {
        let months: Vec<YearMonth> = fy(2023).months().collect();
        assert_eq!(months.len(), 12);
        assert_eq!(months.first(), Some(&ym(2023, 1)));
        assert_eq!(months.last(), Some(&ym(2023, 12)));
        assert!(months.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn fiscal_year_contains_only_its_own_dates_and_months() {
        let year = fy(2023);
        assert!(year.contains_date(date(2023, 1, 1)));
        assert!(year.contains_date(date(2023, 12, 31)));
        assert!(!year.contains_date(date(2022, 12, 31)));
        assert!(!year.contains_date(date(2024, 1, 1)));
        assert!(year.contains(ym(2023, 6)));
        assert!(!year.contains(ym(2024, 6)));
    }

    #[test]
    fn fiscal_year_displays_and_parses_as_four_digits() {
        assert_eq!(fy(2023).to_string(), "2023");
        assert_eq!(format!("{:>6}", fy(2023)), "  2023");
        assert_eq!("2023".parse::<FiscalYear>(), Ok(fy(2023)));
        assert_eq!(" 2023\t".parse::<FiscalYear>(), Ok(fy(2023)));
        assert_eq!(
            "1800".parse::<FiscalYear>(),
            Err(CoreError::ParsePeriod {
                input: "1800".into(),
                position: 1,
                expected: EXPECTED_SUPPORTED_YEAR
            })
        );
        let err = "23".parse::<FiscalYear>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a four-digit year in period "23" at byte 1"#
        );
        let err = "2023x".parse::<FiscalYear>().unwrap_err();
        assert_eq!(parse_position(&err), 5);
    }

    #[test]
    fn fiscal_year_next_and_previous_stop_at_the_supported_edges() {
        assert_eq!(fy(2023).next(), Ok(fy(2024)));
        assert_eq!(fy(2023).previous(), Ok(fy(2022)));
        assert_eq!(
            FiscalYear::MAX.next(),
            Err(CoreError::PeriodOverflow {
                start: "9999".into(),
                months: 12
            })
        );
        assert!(FiscalYear::MIN.previous().is_err());
    }

    #[test]
    fn fiscal_year_builds_its_months_quarters_and_tertials() {
        let year = fy(2023);
        assert_eq!(year.month(8), Ok(ym(2023, 8)));
        assert_eq!(year.month(0), Err(CoreError::InvalidMonth { month: 0 }));
        assert_eq!(year.month(256), Err(CoreError::InvalidMonth { month: 256 }));
        assert_eq!(year.quarter(4).map(Quarter::number), Ok(4));
        assert_eq!(
            year.quarter(0),
            Err(CoreError::InvalidQuarter { quarter: 0 })
        );
        assert_eq!(year.tertial(3).map(Tertial::number), Ok(3));
        assert_eq!(
            year.tertial(0),
            Err(CoreError::InvalidTertial { tertial: 0 })
        );
    }

    // ----------------------------------------------------------- YearMonth

    #[test]
    fn year_month_rejects_months_outside_one_to_twelve() {
        assert_eq!(
            YearMonth::try_new(2023, 0),
            Err(CoreError::InvalidMonth { month: 0 })
        );
        assert_eq!(
            YearMonth::try_new(2023, 13),
            Err(CoreError::InvalidMonth { month: 13 })
        );
        assert_eq!(
            YearMonth::try_new(2023, 13).unwrap_err().to_string(),
            "month 13 is not a month; expected 1 to 12"
        );
        assert!(matches!(
            YearMonth::try_new(1899, 12),
            Err(CoreError::YearOutOfRange { year: 1899, .. })
        ));
    }

    #[test]
    fn year_month_displays_in_iso_form_and_in_swedish() {
        let august = ym(2023, 8);
        assert_eq!(august.to_string(), "2023-08");
        assert_eq!(august.to_swedish(), "augusti 2023");
        assert_eq!(august.swedish_name(), "augusti");
        assert_eq!(format!("{august:<9}|"), "2023-08  |");
        let names: Vec<&str> = fy(2023).months().map(YearMonth::swedish_name).collect();
        assert_eq!(names, MONTH_NAMES);
    }

    #[test]
    fn year_month_parses_every_documented_form() {
        let cases = [
            ("2023-08", ym(2023, 8)),
            ("2023-8", ym(2023, 8)),
            ("augusti 2023", ym(2023, 8)),
            ("Augusti 2023", ym(2023, 8)),
            ("AUGUSTI 2023", ym(2023, 8)),
            ("aug 2023", ym(2023, 8)),
            ("Aug. 2023", ym(2023, 8)),
            ("maj 2023", ym(2023, 5)),
            ("sept 2023", ym(2023, 9)),
            ("sep 2023", ym(2023, 9)),
            ("september 2023", ym(2023, 9)),
            ("okt 2023", ym(2023, 10)),
            ("mars 2024", ym(2024, 3)),
            ("mar 2024", ym(2024, 3)),
            ("juni 2024", ym(2024, 6)),
            ("jul 2024", ym(2024, 7)),
            ("febr 2024", ym(2024, 2)),
            ("dec 2024", ym(2024, 12)),
            ("  augusti   2023  ", ym(2023, 8)),
            ("\t2023-08\n", ym(2023, 8)),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<YearMonth>(), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn year_month_parse_errors_name_the_byte_where_reading_stopped() {
        let err = "augusty 2023".parse::<YearMonth>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a month such as 2023-08 or augusti 2023 in period "augusty 2023" at byte 1"#
        );
        let err = "2023/08".parse::<YearMonth>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a month such as 2023-08 or augusti 2023 in period "2023/08" at byte 5"#
        );
        assert_eq!(
            parse_position(&"2023-08x".parse::<YearMonth>().unwrap_err()),
            8
        );
        assert_eq!(
            parse_position(&"2023-008".parse::<YearMonth>().unwrap_err()),
            6
        );
        assert_eq!(parse_position(&"".parse::<YearMonth>().unwrap_err()), 1);
        assert_eq!(
            parse_position(&"  aug".parse::<YearMonth>().unwrap_err()),
            6
        );
        // Positions count bytes, so "ä" (two bytes) moves the next token by two.
        assert_eq!(
            parse_position(&"mä 2023".parse::<YearMonth>().unwrap_err()),
            1
        );
        assert_eq!(
            parse_position(&"maj ä".parse::<YearMonth>().unwrap_err()),
            5
        );
        assert_eq!(
            parse_position(&"maj 2023 ä".parse::<YearMonth>().unwrap_err()),
            10
        );
        assert_eq!(
            "2023-13".parse::<YearMonth>(),
            Err(CoreError::ParsePeriod {
                input: "2023-13".into(),
                position: 6,
                expected: EXPECTED_MONTH_NUMBER
            })
        );
    }

    #[test]
    fn out_of_range_values_are_parse_errors_at_the_offending_token() {
        let cases = [
            (
                parse_failure::<YearMonth>("2023-13"),
                r#"expected a month from 01 to 12 in period "2023-13" at byte 6"#,
            ),
            (
                parse_failure::<YearMonth>("2023-00"),
                r#"expected a month from 01 to 12 in period "2023-00" at byte 6"#,
            ),
            (
                parse_failure::<YearMonth>("1899-01"),
                r#"expected a year from 1900 to 9999 in period "1899-01" at byte 1"#,
            ),
            (
                parse_failure::<YearMonth>("maj 1899"),
                r#"expected a year from 1900 to 9999 in period "maj 1899" at byte 5"#,
            ),
            (
                parse_failure::<FiscalYear>(" 0999"),
                r#"expected a year from 1900 to 9999 in period " 0999" at byte 2"#,
            ),
            (
                parse_failure::<Quarter>("Q5 2023"),
                r#"expected a quarter number from 1 to 4 in period "Q5 2023" at byte 2"#,
            ),
            (
                parse_failure::<Quarter>("2023-Q0"),
                r#"expected a quarter number from 1 to 4 in period "2023-Q0" at byte 7"#,
            ),
            (
                parse_failure::<Tertial>("tertial 4 2023"),
                r#"expected a tertial number from 1 to 3 in period "tertial 4 2023" at byte 9"#,
            ),
            (
                parse_failure::<Period>("2023-13"),
                r#"expected a month from 01 to 12 in period "2023-13" at byte 6"#,
            ),
            (
                parse_failure::<Period>("1899-01"),
                r#"expected a year from 1900 to 9999 in period "1899-01" at byte 1"#,
            ),
            (
                parse_failure::<Period>("Q5 2023"),
                r#"expected a quarter number from 1 to 4 in period "Q5 2023" at byte 2"#,
            ),
            (
                parse_failure::<Period>("1899"),
                r#"expected a year from 1900 to 9999 in period "1899" at byte 1"#,
            ),
            (
                parse_failure::<ReportingPeriod>("NR13 2023"),
                r#"expected a nämndrapport number from 1 to 12 in period "NR13 2023" at byte 3"#,
            ),
            (
                parse_failure::<ReportingPeriod>("Delårsrapport 1899"),
                r#"expected a year from 1900 to 9999 in period "Delårsrapport 1899" at byte 16"#,
            ),
            (
                parse_failure::<ReportingPeriod>("Månadsrapport 2023-13"),
                r#"expected a month from 01 to 12 in period "Månadsrapport 2023-13" at byte 21"#,
            ),
        ];
        for ((position, _, message), expected) in cases {
            assert_eq!(message, expected);
            let needle = format!("at byte {position}");
            assert!(message.ends_with(&needle));
        }
        // The direct constructors keep their own errors.
        assert_eq!(
            YearMonth::try_new(2023, 13),
            Err(CoreError::InvalidMonth { month: 13 })
        );
        assert_eq!(
            Quarter::try_new(2023, 5),
            Err(CoreError::InvalidQuarter { quarter: 5 })
        );
        assert!(matches!(
            FiscalYear::try_new(1899),
            Err(CoreError::YearOutOfRange { year: 1899, .. })
        ));
        assert_eq!(
            NamndrapportNumber::try_new(13),
            Err(CoreError::InvalidNamndrapportNumber { number: 13 })
        );
    }

    #[test]
    fn month_arithmetic_crosses_year_boundaries() {
        let august = ym(2023, 8);
        assert_eq!(august.checked_add_months(4), Ok(ym(2023, 12)));
        assert_eq!(august.checked_add_months(5), Ok(ym(2024, 1)));
        assert_eq!(august.checked_add_months(-8), Ok(ym(2022, 12)));
        assert_eq!(august.checked_add_months(0), Ok(august));
        assert_eq!(august.checked_sub_months(20), Ok(ym(2021, 12)));
        assert_eq!(august.checked_sub_months(-5), Ok(ym(2024, 1)));
        assert_eq!(ym(2023, 12).next(), Ok(ym(2024, 1)));
        assert_eq!(ym(2024, 1).previous(), Ok(ym(2023, 12)));
        assert_eq!(august.months_until(ym(2024, 1)), 5);
        assert_eq!(ym(2024, 1).months_until(august), -5);
    }

    #[test]
    fn month_arithmetic_reports_overflow_at_the_supported_edges() {
        assert_eq!(
            ym(9999, 12).next(),
            Err(CoreError::PeriodOverflow {
                start: "9999-12".into(),
                months: 1
            })
        );
        assert_eq!(
            ym(9999, 12).next().unwrap_err().to_string(),
            "9999-12 plus 1 months is outside the supported years"
        );
        assert_eq!(
            ym(1900, 1).checked_sub_months(1),
            Err(CoreError::PeriodOverflow {
                start: "1900-01".into(),
                months: -1
            })
        );
        assert!(ym(2023, 8).checked_add_months(i64::MAX).is_err());
        assert!(ym(2023, 8).checked_add_months(i64::MIN).is_err());
        assert!(ym(2023, 8).checked_sub_months(i64::MAX).is_err());
    }

    #[test]
    fn subtracting_i64_min_months_is_an_overflow_not_a_panic() {
        assert_eq!(
            ym(2023, 8).checked_sub_months(i64::MIN),
            Err(CoreError::PeriodOverflow {
                start: "2023-08".into(),
                months: i64::MAX
            })
        );
    }

    #[test]
    fn months_elapsed_is_the_month_number_and_remaining_is_the_rest_of_the_year() {
        assert_eq!(ym(2023, 1).months_elapsed(), 1);
        assert_eq!(ym(2023, 1).months_remaining(), 11);
        assert_eq!(ym(2023, 8).months_elapsed(), 8);
        assert_eq!(ym(2023, 8).months_remaining(), 4);
        assert_eq!(ym(2023, 12).months_elapsed(), 12);
        assert_eq!(ym(2023, 12).months_remaining(), 0);
    }

    #[test]
    fn each_month_belongs_to_the_documented_quarter_and_tertial() {
        let quarters: Vec<u32> = fy(2023).months().map(|m| m.quarter().number()).collect();
        assert_eq!(quarters, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
        let tertials: Vec<u32> = fy(2023).months().map(|m| m.tertial().number()).collect();
        assert_eq!(tertials, [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    }

    #[test]
    fn month_from_date_takes_year_and_month_of_the_date() {
        assert_eq!(YearMonth::from_date(date(2023, 8, 15)), Ok(ym(2023, 8)));
        assert!(YearMonth::from_date(date(1899, 12, 31)).is_err());
        assert!(YearMonth::from_date(date(10_000, 1, 1)).is_err());
        assert_eq!(
            Quarter::from_date(date(2023, 8, 15)),
            Quarter::try_new(2023, 3)
        );
        assert_eq!(
            Tertial::from_date(date(2023, 8, 15)),
            Tertial::try_new(2023, 2)
        );
        assert_eq!(FiscalYear::from_date(date(2023, 8, 15)), Ok(fy(2023)));
    }

    #[test]
    fn last_day_of_february_follows_the_leap_year_rules() {
        assert_eq!(ym(2024, 2).last_day(), date(2024, 2, 29));
        assert_eq!(ym(2023, 2).last_day(), date(2023, 2, 28));
        assert_eq!(ym(1900, 2).last_day(), date(1900, 2, 28));
        assert_eq!(ym(2000, 2).last_day(), date(2000, 2, 29));
        assert_eq!(ym(2023, 4).last_day(), date(2023, 4, 30));
    }

    // ---------------------------------------------------------- MonthRange

    #[test]
    fn month_range_is_inclusive_and_runs_from_both_ends() {
        let mut range = ym(2023, 11).iter_to(ym(2024, 2));
        assert_eq!(range.len(), 4);
        assert_eq!(range.next(), Some(ym(2023, 11)));
        assert_eq!(range.next_back(), Some(ym(2024, 2)));
        assert_eq!(range.len(), 2);
        assert_eq!(range.next(), Some(ym(2023, 12)));
        assert_eq!(range.next_back(), Some(ym(2024, 1)));
        assert_eq!(range.next(), None);
        assert_eq!(range.next_back(), None);
        assert_eq!(range.len(), 0);
    }

    #[test]
    fn month_range_is_empty_when_the_end_comes_before_the_start() {
        let range = ym(2024, 2).iter_to(ym(2023, 11));
        assert_eq!(range.len(), 0);
        assert_eq!(range.count(), 0);
        assert_eq!(MonthRange::new(ym(2023, 8), ym(2023, 8)).count(), 1);
    }

    #[test]
    fn month_range_covers_the_whole_supported_range() {
        let all = ym(1900, 1).iter_to(ym(9999, 12));
        assert_eq!(all.len(), (9999 - 1900 + 1) * 12);
        assert_eq!(all.clone().next_back(), Some(ym(9999, 12)));
        assert_eq!(all.count(), (9999 - 1900 + 1) * 12);
    }

    // ------------------------------------------------------------- Quarter

    #[test]
    fn quarters_are_january_april_july_and_october_based() {
        let firsts: Vec<u32> = (1..=4)
            .map(|q| Quarter::try_new(2023, q).unwrap().first_month().month())
            .collect();
        assert_eq!(firsts, [1, 4, 7, 10]);
        let q3 = Quarter::try_new(2023, 3).unwrap();
        assert_eq!(q3.first_day(), date(2023, 7, 1));
        assert_eq!(q3.last_day(), date(2023, 9, 30));
        assert_eq!(
            Quarter::try_new(2023, 4).unwrap().last_day(),
            date(2023, 12, 31)
        );
        assert_eq!(
            q3.months().collect::<Vec<_>>(),
            [ym(2023, 7), ym(2023, 8), ym(2023, 9)]
        );
        assert_eq!(q3.fiscal_year(), fy(2023));
        assert_eq!(q3.year(), 2023);
    }

    #[test]
    fn quarter_rejects_numbers_outside_one_to_four() {
        assert_eq!(
            Quarter::try_new(2023, 5),
            Err(CoreError::InvalidQuarter { quarter: 5 })
        );
        assert_eq!(
            Quarter::try_new(2023, 5).unwrap_err().to_string(),
            "quarter 5 is not a quarter; expected 1 to 4"
        );
        assert!(Quarter::try_new(2023, 0).is_err());
        assert!(Quarter::try_new(1899, 1).is_err());
    }

    #[test]
    fn quarter_displays_and_parses_every_documented_form() {
        let q3 = Quarter::try_new(2023, 3).unwrap();
        assert_eq!(q3.to_string(), "Q3 2023");
        for text in [
            "Q3 2023",
            "2023Q3",
            "2023-Q3",
            "q3 2023",
            "kvartal 3 2023",
            "Kvartal 3 2023",
            "2023 Q3",
            "Q3-2023",
            "kv3 2023",
            "  Q3   2023 ",
        ] {
            assert_eq!(text.parse::<Quarter>(), Ok(q3), "{text:?}");
        }
        assert_eq!(
            parse_failure::<Quarter>("Q5 2023"),
            (
                2,
                Quarter::EXPECTED_NUMBER,
                r#"expected a quarter number from 1 to 4 in period "Q5 2023" at byte 2"#.into()
            )
        );
        let err = "X3 2023".parse::<Quarter>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected Q or kvartal in period "X3 2023" at byte 1"#
        );
        assert_eq!(parse_position(&"2023Q".parse::<Quarter>().unwrap_err()), 6);
        assert_eq!(
            parse_position(&"Q10 2023".parse::<Quarter>().unwrap_err()),
            2
        );
    }

    #[test]
    fn quarter_next_and_previous_cross_year_boundaries() {
        let q4 = Quarter::try_new(2023, 4).unwrap();
        assert_eq!(q4.next(), Quarter::try_new(2024, 1));
        assert_eq!(Quarter::try_new(2024, 1).unwrap().previous(), Ok(q4));
        assert_eq!(
            Quarter::try_new(9999, 4).unwrap().next(),
            Err(CoreError::PeriodOverflow {
                start: "Q4 9999".into(),
                months: 3
            })
        );
        assert!(Quarter::try_new(1900, 1).unwrap().previous().is_err());
    }

    // ------------------------------------------------------------- Tertial

    #[test]
    fn tertials_are_january_may_and_september_based() {
        let t = |n| Tertial::try_new(2023, n).unwrap();
        assert_eq!(
            (t(1).first_month(), t(1).last_month()),
            (ym(2023, 1), ym(2023, 4))
        );
        assert_eq!(
            (t(2).first_month(), t(2).last_month()),
            (ym(2023, 5), ym(2023, 8))
        );
        assert_eq!(
            (t(3).first_month(), t(3).last_month()),
            (ym(2023, 9), ym(2023, 12))
        );
        assert_eq!(t(2).first_day(), date(2023, 5, 1));
        assert_eq!(t(2).last_day(), date(2023, 8, 31));
        assert_eq!(t(1).months().len(), 4);
    }

    #[test]
    fn tertial_rejects_numbers_outside_one_to_three() {
        assert_eq!(
            Tertial::try_new(2023, 4),
            Err(CoreError::InvalidTertial { tertial: 4 })
        );
        assert_eq!(
            Tertial::try_new(2023, 4).unwrap_err().to_string(),
            "tertial 4 is not a tertial; expected 1 to 3"
        );
        assert!(Tertial::try_new(2023, 0).is_err());
    }

    #[test]
    fn tertial_displays_and_parses_every_documented_form() {
        let t2 = Tertial::try_new(2023, 2).unwrap();
        assert_eq!(t2.to_string(), "T2 2023");
        for text in [
            "T2 2023",
            "2023T2",
            "2023-T2",
            "t2 2023",
            "tertial 2 2023",
            "Tertial 2 2023",
            " T2 2023 ",
        ] {
            assert_eq!(text.parse::<Tertial>(), Ok(t2), "{text:?}");
        }
        assert_eq!(
            parse_failure::<Tertial>("T4 2023"),
            (
                2,
                Tertial::EXPECTED_NUMBER,
                r#"expected a tertial number from 1 to 3 in period "T4 2023" at byte 2"#.into()
            )
        );
        assert_eq!(
            parse_position(&"T2 2023 x".parse::<Tertial>().unwrap_err()),
            9
        );
        let err = "T 2023".parse::<Tertial>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a tertial number from 1 to 3 in period "T 2023" at byte 3"#
        );
        let err = "T2 2023 x".parse::<Tertial>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected nothing more in period "T2 2023 x" at byte 9"#
        );
    }

    #[test]
    fn tertial_next_and_previous_cross_year_boundaries() {
        let t3 = Tertial::try_new(2023, 3).unwrap();
        assert_eq!(t3.next(), Tertial::try_new(2024, 1));
        assert_eq!(Tertial::try_new(2024, 1).unwrap().previous(), Ok(t3));
        assert_eq!(
            Tertial::try_new(9999, 3).unwrap().next(),
            Err(CoreError::PeriodOverflow {
                start: "T3 9999".into(),
                months: 4
            })
        );
    }

    // -------------------------------------------------------------- Period

    #[test]
    fn period_parses_every_form_of_every_period_type() {
        let q3 = Period::Quarter(Quarter::try_new(2023, 3).unwrap());
        let t2 = Period::Tertial(Tertial::try_new(2023, 2).unwrap());
        let august = Period::Month(ym(2023, 8));
        let cases = [
            ("2023-08", august),
            ("augusti 2023", august),
            ("Augusti 2023", august),
            ("aug 2023", august),
            ("T2 2023", t2),
            ("2023T2", t2),
            ("tertial 2 2023", t2),
            ("Q3 2023", q3),
            ("2023Q3", q3),
            ("2023-Q3", q3),
            ("q3 2023", q3),
            ("kvartal 3 2023", q3),
            ("2023", Period::Year(fy(2023))),
            (" 2023 ", Period::Year(fy(2023))),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Period>(), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn period_parse_prefers_range_errors_over_syntax_errors() {
        // In "2023-13" the quarter form also stops at byte 6 (expecting "Q"),
        // but the month out of range is the more helpful error.
        assert_eq!(
            parse_failure::<Period>("2023-13"),
            (
                6,
                EXPECTED_MONTH_NUMBER,
                r#"expected a month from 01 to 12 in period "2023-13" at byte 6"#.into()
            )
        );
        assert_eq!(
            parse_failure::<Period>("Q5 2023"),
            (
                2,
                Quarter::EXPECTED_NUMBER,
                r#"expected a quarter number from 1 to 4 in period "Q5 2023" at byte 2"#.into()
            )
        );
        assert_eq!(
            parse_failure::<Period>("2023T4"),
            (
                6,
                Tertial::EXPECTED_NUMBER,
                r#"expected a tertial number from 1 to 3 in period "2023T4" at byte 6"#.into()
            )
        );
        // Every form stops at the year; the range error still wins over the
        // general "expected a period".
        assert_eq!(
            parse_failure::<Period>("1899"),
            (
                1,
                EXPECTED_SUPPORTED_YEAR,
                r#"expected a year from 1900 to 9999 in period "1899" at byte 1"#.into()
            )
        );
        assert_eq!(parse_failure::<Period>("1899-01").0, 1);
        assert_eq!(
            parse_failure::<Period>("1899-01").1,
            EXPECTED_SUPPORTED_YEAR
        );
        // A later range error wins over an earlier one.
        assert_eq!(parse_failure::<Period>("maj 1899").0, 5);
    }

    #[test]
    fn period_parse_reports_the_error_that_got_furthest() {
        let err = "foo 2023".parse::<Period>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a period such as 2023-08, augusti 2023, Q3 2023, T2 2023 or 2023 in period "foo 2023" at byte 1"#
        );
        // Only the quarter form gets past "Q3".
        let err = "Q3 20".parse::<Period>().unwrap_err();
        assert_eq!(
            err,
            CoreError::ParsePeriod {
                input: "Q3 20".into(),
                position: 4,
                expected: EXPECTED_YEAR
            }
        );
        assert_eq!(parse_position(&"".parse::<Period>().unwrap_err()), 1);
        assert_eq!(parse_position(&"2023 x".parse::<Period>().unwrap_err()), 6);
    }

    #[test]
    fn period_bounds_are_those_of_the_inner_period() {
        let year = Period::from(fy(2023));
        assert_eq!(year.first_day(), date(2023, 1, 1));
        assert_eq!(year.last_day(), date(2023, 12, 31));
        assert_eq!(year.months().len(), 12);
        let month = Period::from(ym(2024, 2));
        assert_eq!(month.last_day(), date(2024, 2, 29));
        assert_eq!(month.months().len(), 1);
        let tertial = Period::from(Tertial::try_new(2023, 3).unwrap());
        assert_eq!(tertial.first_month(), ym(2023, 9));
        assert!(tertial.contains(ym(2023, 12)));
        assert!(!tertial.contains(ym(2024, 1)));
        assert!(tertial.contains_date(date(2023, 9, 1)));
        assert!(!tertial.contains_date(date(2023, 8, 31)));
        assert_eq!(tertial.fiscal_year(), fy(2023));
        assert_eq!(
            Period::from(Quarter::try_new(2023, 1).unwrap()).to_string(),
            "Q1 2023"
        );
    }

    // ---------------------------------------------------- ReportingCalendar

    #[test]
    fn default_calendar_is_flens() {
        let flen = ReportingCalendar::default();
        assert_eq!(flen.namndrapport_months(), [3, 5, 8, 10]);
        assert_eq!(flen.namndrapport_count(), 4);
        assert_eq!(flen.delarsrapport_month(), 8);
        assert_eq!(flen.arsbokslut_month(), 12);
        assert_eq!(ReportingCalendar::try_new(&[3, 5, 8, 10], 8), Ok(flen));
    }

    #[test]
    fn tertial_calendar_reports_as_of_april_and_august() {
        let calendar = ReportingCalendar::tertial();
        assert_eq!(calendar.namndrapport_months(), [4, 8]);
        assert_eq!(calendar.delarsrapport_month(), 8);
        let t1 = ReportingPeriod::Namndrapport {
            year: fy(2023),
            number: NamndrapportNumber::MIN,
        };
        assert_eq!(
            t1.as_of(&calendar),
            Ok(Tertial::try_new(2023, 1).unwrap().last_month())
        );
    }

    #[test]
    fn calendar_rejects_months_outside_one_to_twelve() {
        let err = ReportingCalendar::try_new(&[3, 13], 8).unwrap_err();
        assert_eq!(
            err.to_string(),
            "reporting calendar is invalid: nämndrapport 2 has month 13; expected 1 to 12"
        );
        assert!(ReportingCalendar::try_new(&[0, 3], 8).is_err());
        assert!(ReportingCalendar::try_new(&[u32::MAX], 8).is_err());
    }

    #[test]
    fn calendar_rejects_months_that_are_not_strictly_increasing() {
        let err = ReportingCalendar::try_new(&[3, 5, 5, 10], 8).unwrap_err();
        assert_eq!(
            err.to_string(),
            "reporting calendar is invalid: nämndrapport 3 (month 5) does not come after \
             nämndrapport 2 (month 5)"
        );
        assert!(matches!(
            ReportingCalendar::try_new(&[10, 3], 8),
            Err(CoreError::InvalidCalendar { .. })
        ));
    }

    #[test]
    fn calendar_rejects_a_delarsrapport_in_december_or_outside_the_year() {
        let err = ReportingCalendar::try_new(&[3, 5], 12).unwrap_err();
        assert_eq!(
            err.to_string(),
            "reporting calendar is invalid: delårsrapport month 12 is not before the \
             årsbokslut; expected 1 to 11"
        );
        assert!(ReportingCalendar::try_new(&[3, 5], 0).is_err());
    }

    #[test]
    fn calendar_may_have_no_namndrapporter() {
        let calendar = ReportingCalendar::try_new(&[], 6).unwrap();
        assert_eq!(calendar.namndrapport_count(), 0);
        assert_eq!(
            calendar.namndrapport_month(1),
            Err(CoreError::InvalidNamndrapport {
                number: 1,
                count: 0
            })
        );
    }

    // ------------------------------------------------------ ReportingPeriod

    #[test]
    fn reporting_period_as_of_follows_the_calendar() {
        let flen = ReportingCalendar::default();
        let year = fy(2023);
        let nr = |number| ReportingPeriod::Namndrapport {
            year,
            number: nr(number),
        };
        assert_eq!(nr(1).as_of(&flen), Ok(ym(2023, 3)));
        assert_eq!(nr(2).as_of(&flen), Ok(ym(2023, 5)));
        assert_eq!(nr(3).as_of(&flen), Ok(ym(2023, 8)));
        assert_eq!(nr(4).as_of(&flen), Ok(ym(2023, 10)));
        assert_eq!(
            ReportingPeriod::Delarsrapport(year).as_of(&flen),
            Ok(ym(2023, 8))
        );
        assert_eq!(
            ReportingPeriod::Arsbokslut(year).as_of(&flen),
            Ok(ym(2023, 12))
        );
        assert_eq!(
            ReportingPeriod::Manadsrapport(ym(2023, 11)).as_of(&flen),
            Ok(ym(2023, 11))
        );
        assert_eq!(nr(4).months_elapsed(&flen), Ok(10));
        assert_eq!(nr(4).months_remaining(&flen), Ok(2));
        assert_eq!(nr(1).year_to_date(&flen).map(|r| r.len()), Ok(3));
    }

    #[test]
    fn namndrapport_outside_the_calendar_is_an_error() {
        let flen = ReportingCalendar::default();
        let year = fy(2023);
        for number in [5, 12] {
            let report = ReportingPeriod::Namndrapport {
                year,
                number: nr(number),
            };
            assert_eq!(
                report.as_of(&flen),
                Err(CoreError::InvalidNamndrapport { number, count: 4 })
            );
            assert!(report.months_elapsed(&flen).is_err());
        }
        assert_eq!(
            flen.namndrapport_month(5).unwrap_err().to_string(),
            "nämndrapport 5 is not in the reporting calendar, which has 4"
        );
    }

    #[test]
    fn reporting_period_displays_in_swedish() {
        let year = fy(2023);
        assert_eq!(
            ReportingPeriod::Namndrapport {
                year,
                number: nr(2)
            }
            .to_string(),
            "Nämndrapport 2 2023"
        );
        assert_eq!(
            ReportingPeriod::Delarsrapport(year).to_string(),
            "Delårsrapport 2023"
        );
        assert_eq!(
            ReportingPeriod::Arsbokslut(year).to_string(),
            "Årsbokslut 2023"
        );
        assert_eq!(
            ReportingPeriod::Manadsrapport(ym(2023, 8)).to_string(),
            "Månadsrapport augusti 2023"
        );
    }

    #[test]
    fn reporting_period_parses_long_and_short_forms() {
        let year = fy(2023);
        let nr2 = ReportingPeriod::Namndrapport {
            year,
            number: nr(2),
        };
        let cases = [
            ("Nämndrapport 2 2023", nr2),
            ("nämndrapport 2 2023", nr2),
            ("NÄMNDRAPPORT 2 2023", nr2),
            ("namndrapport 2 2023", nr2),
            ("NR2 2023", nr2),
            ("nr 2 2023", nr2),
            ("Delårsrapport 2023", ReportingPeriod::Delarsrapport(year)),
            ("delår 2023", ReportingPeriod::Delarsrapport(year)),
            ("Delår 2023", ReportingPeriod::Delarsrapport(year)),
            ("delarsrapport 2023", ReportingPeriod::Delarsrapport(year)),
            ("Årsbokslut 2023", ReportingPeriod::Arsbokslut(year)),
            ("årsbokslut 2023", ReportingPeriod::Arsbokslut(year)),
            ("bokslut 2023", ReportingPeriod::Arsbokslut(year)),
            ("Bokslut 2023", ReportingPeriod::Arsbokslut(year)),
            (
                "Månadsrapport augusti 2023",
                ReportingPeriod::Manadsrapport(ym(2023, 8)),
            ),
            (
                "månadsrapport 2023-08",
                ReportingPeriod::Manadsrapport(ym(2023, 8)),
            ),
            (
                "manadsrapport aug 2023",
                ReportingPeriod::Manadsrapport(ym(2023, 8)),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<ReportingPeriod>(), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn reporting_period_parse_errors_name_the_byte_where_reading_stopped() {
        let err = "Kvartalsrapport 2023"
            .parse::<ReportingPeriod>()
            .unwrap_err();
        assert_eq!(parse_position(&err), 1);
        let err = "NR0 2023".parse::<ReportingPeriod>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a nämndrapport number from 1 to 12 in period "NR0 2023" at byte 3"#
        );
        let err = "NR 2023".parse::<ReportingPeriod>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a nämndrapport number from 1 to 12 in period "NR 2023" at byte 4"#
        );
        // "Nämndrapport" is 13 bytes, so the missing number is reported at byte 14.
        let err = "Nämndrapport".parse::<ReportingPeriod>().unwrap_err();
        assert_eq!(parse_position(&err), 14);
        // "å" is two bytes: "delår 2023 " is 12 bytes, so "x" stands at byte 13.
        assert_eq!(
            parse_position(&"delår 2023 x".parse::<ReportingPeriod>().unwrap_err()),
            13
        );
    }

    #[test]
    fn namndrapport_numbers_are_one_to_twelve() {
        for number in 0..=13 {
            let built = NamndrapportNumber::try_new(number);
            if (1..=12).contains(&number) {
                assert_eq!(built.map(NamndrapportNumber::get), Ok(number));
            } else {
                assert_eq!(built, Err(CoreError::InvalidNamndrapportNumber { number }));
            }
        }
        assert!(NamndrapportNumber::try_new(u32::MAX).is_err());
        assert_eq!(
            NamndrapportNumber::try_new(13).unwrap_err().to_string(),
            "nämndrapport number 13 is out of range; expected 1 to 12"
        );
        assert_eq!(
            NamndrapportNumber::try_from(12),
            Ok(NamndrapportNumber::MAX)
        );
        assert_eq!(u32::from(NamndrapportNumber::MIN), 1);
        assert_eq!(format!("{:>3}", nr(7)), "  7");
    }

    #[test]
    fn every_namndrapport_displays_as_text_that_parses_back() {
        for year in [FiscalYear::MIN, fy(2023), FiscalYear::MAX] {
            for number in 1..=12 {
                let report = ReportingPeriod::Namndrapport {
                    year,
                    number: nr(number),
                };
                let text = report.to_string();
                assert_eq!(text, format!("Nämndrapport {number} {year}"));
                assert_eq!(text.parse::<ReportingPeriod>(), Ok(report), "{text}");
            }
        }
    }

    // ------------------------------------------------------------ properties

    proptest! {
        #[test]
        fn adding_then_subtracting_months_returns_the_start(
            month in any::<YearMonth>(),
            n in -2_400_i64..=2_400,
        ) {
            match month.checked_add_months(n) {
                Ok(later) => {
                    prop_assert_eq!(later.checked_sub_months(n), Ok(month));
                    prop_assert_eq!(month.months_until(later), n);
                }
                Err(_) => {
                    let index = month.index() + n;
                    prop_assert!(
                        index < ym(1900, 1).index() || index > ym(9999, 12).index()
                    );
                }
            }
        }

        #[test]
        fn months_until_agrees_with_checked_add_months(
            a in any::<YearMonth>(),
            b in any::<YearMonth>(),
        ) {
            prop_assert_eq!(a.checked_add_months(a.months_until(b)), Ok(b));
            prop_assert_eq!(a.months_until(b), -b.months_until(a));
            prop_assert_eq!(a.months_until(b).signum(), (b.cmp(&a) as i64).signum());
        }

        #[test]
        fn month_range_length_agrees_with_months_until(
            a in any::<YearMonth>(),
            b in any::<YearMonth>(),
        ) {
            let expected = usize::try_from(a.months_until(b) + 1).unwrap_or(0);
            prop_assert_eq!(a.iter_to(b).len(), expected);
            if expected > 0 && expected < 1_000 {
                prop_assert_eq!(a.iter_to(b).count(), expected);
                prop_assert_eq!(a.iter_to(b).next(), Some(a));
                prop_assert_eq!(a.iter_to(b).next_back(), Some(b));
            }
        }

        #[test]
        fn fiscal_year_display_then_parse_round_trips(year in any::<FiscalYear>()) {
            prop_assert_eq!(year.to_string().parse::<FiscalYear>(), Ok(year));
        }

        #[test]
        fn year_month_display_then_parse_round_trips(month in any::<YearMonth>()) {
            prop_assert_eq!(month.to_string().parse::<YearMonth>(), Ok(month));
            prop_assert_eq!(month.to_swedish().parse::<YearMonth>(), Ok(month));
            prop_assert_eq!(month.to_swedish().to_uppercase().parse::<YearMonth>(), Ok(month));
        }

        #[test]
        fn quarter_display_then_parse_round_trips(quarter in any::<Quarter>()) {
            prop_assert_eq!(quarter.to_string().parse::<Quarter>(), Ok(quarter));
        }

        #[test]
        fn tertial_display_then_parse_round_trips(tertial in any::<Tertial>()) {
            prop_assert_eq!(tertial.to_string().parse::<Tertial>(), Ok(tertial));
        }

        #[test]
        fn period_display_then_parse_round_trips(period in any::<Period>()) {
            prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period));
        }

        #[test]
        fn reporting_period_display_then_parse_round_trips(report in any::<ReportingPeriod>()) {
            prop_assert_eq!(report.to_string().parse::<ReportingPeriod>(), Ok(report));
            prop_assert_eq!(report.to_string().to_lowercase().parse::<ReportingPeriod>(), Ok(report));
        }

        #[test]
        fn quarter_contains_exactly_its_three_months(
            quarter in any::<Quarter>(),
            month in any::<YearMonth>(),
        ) {
            prop_assert_eq!(quarter.months().len(), 3);
            prop_assert!(quarter.months().all(|m| quarter.contains(m)));
            prop_assert!(quarter.months().all(|m| m.quarter() == quarter));
            let inside = quarter.first_month() <= month && month <= quarter.last_month();
            prop_assert_eq!(quarter.contains(month), inside);
        }

        #[test]
        fn tertial_contains_exactly_its_four_months(
            tertial in any::<Tertial>(),
            month in any::<YearMonth>(),
        ) {
            prop_assert_eq!(tertial.months().len(), 4);
            prop_assert!(tertial.months().all(|m| tertial.contains(m)));
            prop_assert!(tertial.months().all(|m| m.tertial() == tertial));
            let inside = tertial.first_month() <= month && month <= tertial.last_month();
            prop_assert_eq!(tertial.contains(month), inside);
        }

        #[test]
        fn quarters_and_tertials_tile_the_year(year in any::<FiscalYear>()) {
            let by_quarter: Vec<YearMonth> = (1..=4)
                .flat_map(|q| year.quarter(q).unwrap().months())
                .collect();
            let by_tertial: Vec<YearMonth> = (1..=3)
                .flat_map(|t| year.tertial(t).unwrap().months())
                .collect();
            let months: Vec<YearMonth> = year.months().collect();
            prop_assert_eq!(&by_quarter, &months);
            prop_assert_eq!(&by_tertial, &months);
        }

        #[test]
        fn last_day_is_the_last_day_of_the_month(month in any::<YearMonth>()) {
            let last = month.last_day();
            prop_assert_eq!((last.year(), last.month()), (month.year(), month.month()));
            let after = last.succ_opt().unwrap();
            prop_assert_eq!(after.day(), 1);
            prop_assert_ne!(after.month(), month.month());
            let first = month.first_day();
            prop_assert_eq!((first.year(), first.month(), first.day()), (month.year(), month.month(), 1));
            prop_assert_ne!(first.pred_opt().unwrap().month(), month.month());
        }

        #[test]
        fn every_day_of_a_month_maps_back_to_that_month(month in any::<YearMonth>(), day in 1_u32..=31) {
            if let Some(date) = NaiveDate::from_ymd_opt(month.year(), month.month(), day) {
                prop_assert_eq!(YearMonth::from_date(date), Ok(month));
                prop_assert!(month.contains_date(date));
                prop_assert!(month.quarter().contains_date(date));
                prop_assert!(month.tertial().contains_date(date));
                prop_assert!(month.fiscal_year().contains_date(date));
                prop_assert!(Period::Month(month).contains_date(date));
            }
        }

        #[test]
        fn next_and_previous_are_inverse(
            month in any::<YearMonth>(),
            quarter in any::<Quarter>(),
            tertial in any::<Tertial>(),
            year in any::<FiscalYear>(),
        ) {
            if let Ok(next) = month.next() {
                prop_assert_eq!(next.previous(), Ok(month));
            }
            if let Ok(next) = quarter.next() {
                prop_assert_eq!(next.previous(), Ok(quarter));
                prop_assert_eq!(quarter.last_month().next(), Ok(next.first_month()));
            }
            if let Ok(next) = tertial.next() {
                prop_assert_eq!(next.previous(), Ok(tertial));
                prop_assert_eq!(tertial.last_month().next(), Ok(next.first_month()));
            }
            if let Ok(next) = year.next() {
                prop_assert_eq!(next.previous(), Ok(year));
            }
        }

        #[test]
        fn valid_calendars_round_trip_through_try_new(calendar in any::<ReportingCalendar>()) {
            let rebuilt = ReportingCalendar::try_new(
                &calendar.namndrapport_months(),
                calendar.delarsrapport_month(),
            );
            prop_assert_eq!(rebuilt, Ok(calendar));
            for number in 1..=u32::try_from(calendar.namndrapport_count()).unwrap() {
                prop_assert!(calendar.namndrapport_month(number).is_ok());
            }
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,24}") {
            let _ = text.parse::<Period>();
            let _ = text.parse::<ReportingPeriod>();
        }
    }

    // ------------------------------------------------------------- features

    #[cfg(feature = "time")]
    mod time_conversions {
        use super::*;

        #[test]
        fn dates_convert_to_time_and_back() {
            let leap_day = date(2024, 2, 29);
            let converted = date_to_time(leap_day).unwrap();
            assert_eq!(
                (
                    converted.year(),
                    u8::from(converted.month()),
                    converted.day()
                ),
                (2024, 2, 29)
            );
            assert_eq!(date_from_time(converted), Ok(leap_day));
        }

        #[test]
        fn dates_beyond_year_9999_do_not_convert_to_time() {
            assert_eq!(
                date_to_time(date(10_000, 1, 1)),
                Err(CoreError::DateOutOfRange {
                    date: "+10000-01-01".into(),
                    target: "time"
                })
            );
        }

        #[test]
        fn from_time_date_rejects_unsupported_years() {
            let early = time::Date::from_calendar_date(1899, time::Month::December, 31).unwrap();
            assert!(matches!(
                YearMonth::from_time_date(early),
                Err(CoreError::YearOutOfRange { year: 1899, .. })
            ));
            assert!(FiscalYear::from_time_date(early).is_err());
            assert!(Quarter::from_time_date(early).is_err());
            assert!(Tertial::from_time_date(early).is_err());
        }

        proptest! {
            #[test]
            fn time_dates_agree_with_chrono_dates(period in any::<Period>()) {
                prop_assert_eq!(date_from_time(period.first_day_time()), Ok(period.first_day()));
                prop_assert_eq!(date_from_time(period.last_day_time()), Ok(period.last_day()));
                let month = period.last_month();
                prop_assert_eq!(YearMonth::from_time_date(month.last_day_time()), Ok(month));
                prop_assert_eq!(Quarter::from_time_date(month.first_day_time()), Ok(month.quarter()));
                prop_assert_eq!(Tertial::from_time_date(month.last_day_time()), Ok(month.tertial()));
                prop_assert_eq!(FiscalYear::from_time_date(period.first_day_time()), Ok(period.fiscal_year()));
                let quarter = month.quarter();
                prop_assert_eq!(date_from_time(quarter.last_day_time()), Ok(quarter.last_day()));
                let tertial = month.tertial();
                prop_assert_eq!(date_from_time(tertial.first_day_time()), Ok(tertial.first_day()));
                let year = month.fiscal_year();
                prop_assert_eq!(date_from_time(year.last_day_time()), Ok(year.last_day()));
            }
        }
    }

    #[cfg(feature = "serde")]
    mod serde_format {
        use super::*;

        #[test]
        fn periods_serialise_as_their_canonical_strings() {
            let json = serde_json::to_string(&(
                fy(2023),
                ym(2023, 8),
                Quarter::try_new(2023, 3).unwrap(),
                Tertial::try_new(2023, 2).unwrap(),
                Period::Month(ym(2023, 8)),
                ReportingPeriod::Delarsrapport(fy(2023)),
            ))
            .unwrap();
            assert_eq!(
                json,
                r#"["2023","2023-08","Q3 2023","T2 2023","2023-08","Delårsrapport 2023"]"#
            );
        }

        #[test]
        fn deserialising_validates_and_accepts_every_parsed_form() {
            assert_eq!(
                serde_json::from_str::<YearMonth>(r#""augusti 2023""#).unwrap(),
                ym(2023, 8)
            );
            assert_eq!(
                serde_json::from_str::<FiscalYear>("2023").unwrap(),
                fy(2023)
            );
            assert_eq!(
                serde_json::from_str::<FiscalYear>(r#""2023""#).unwrap(),
                fy(2023)
            );
            let err = serde_json::from_str::<YearMonth>(r#""2023-13""#).unwrap_err();
            assert!(
                err.to_string()
                    .contains(r#"expected a month from 01 to 12 in period "2023-13" at byte 6"#),
                "{err}"
            );
            assert!(serde_json::from_str::<FiscalYear>("1800").is_err());
            assert!(serde_json::from_str::<FiscalYear>("-1").is_err());
            assert!(serde_json::from_str::<Quarter>(r#""Q5 2023""#).is_err());
            assert!(serde_json::from_str::<Tertial>("2").is_err());
            assert!(serde_json::from_str::<Period>(r#""nonsense""#).is_err());
        }

        #[test]
        fn calendar_serialises_as_months_and_is_validated() {
            let json = serde_json::to_string(&ReportingCalendar::default()).unwrap();
            assert_eq!(
                json,
                r#"{"namndrapport_months":[3,5,8,10],"delarsrapport_month":8}"#
            );
            assert_eq!(
                serde_json::from_str::<ReportingCalendar>(&json).unwrap(),
                ReportingCalendar::default()
            );
            let err = serde_json::from_str::<ReportingCalendar>(
                r#"{"namndrapport_months":[5,3],"delarsrapport_month":8}"#,
            )
            .unwrap_err();
            assert!(err.to_string().contains("does not come after"), "{err}");
            assert!(
                serde_json::from_str::<ReportingCalendar>(
                    r#"{"namndrapport_months":[3],"delarsrapport_month":8,"extra":1}"#
                )
                .is_err()
            );
        }

        #[test]
        fn namndrapport_numbers_serialise_as_integers_and_are_validated() {
            assert_eq!(serde_json::to_string(&nr(3)).unwrap(), "3");
            assert_eq!(
                serde_json::from_str::<NamndrapportNumber>("12").unwrap(),
                nr(12)
            );
            for bad in ["0", "13", "-1", "\"3\""] {
                assert!(
                    serde_json::from_str::<NamndrapportNumber>(bad).is_err(),
                    "{bad}"
                );
            }
            let err = serde_json::from_str::<NamndrapportNumber>("13").unwrap_err();
            assert!(
                err.to_string()
                    .contains("nämndrapport number 13 is out of range"),
                "{err}"
            );
            assert!(serde_json::from_str::<ReportingPeriod>(r#""Nämndrapport 13 2023""#).is_err());
            assert!(serde_json::from_str::<ReportingPeriod>(r#""Nämndrapport 0 2023""#).is_err());
        }

        proptest! {
            #[test]
            fn every_reporting_period_round_trips_through_json(report in any::<ReportingPeriod>()) {
                let json = serde_json::to_string(&report).unwrap();
                prop_assert_eq!(&json, &format!("\"{report}\""));
                prop_assert_eq!(serde_json::from_str::<ReportingPeriod>(&json).unwrap(), report);
            }

            #[test]
            fn serde_round_trips_every_period_type(
                year in any::<FiscalYear>(),
                month in any::<YearMonth>(),
                quarter in any::<Quarter>(),
                tertial in any::<Tertial>(),
                period in any::<Period>(),
                report in any::<ReportingPeriod>(),
                calendar in any::<ReportingCalendar>(),
            ) {
                let json = serde_json::to_string(&(year, month, quarter, tertial, period, report, calendar)).unwrap();
                let back: (FiscalYear, YearMonth, Quarter, Tertial, Period, ReportingPeriod, ReportingCalendar) =
                    serde_json::from_str(&json).unwrap();
                prop_assert_eq!(back, (year, month, quarter, tertial, period, report, calendar));
            }
        }
    }

    #[cfg(feature = "schemars")]
    mod json_schema {
        use super::*;

        #[test]
        fn period_schemas_are_strings_with_a_pattern() {
            let schema = schemars::schema_for!(YearMonth);
            assert_eq!(schema.get("type").and_then(|v| v.as_str()), Some("string"));
            assert_eq!(
                schema.get("pattern").and_then(|v| v.as_str()),
                Some("^(19[0-9]{2}|[2-9][0-9]{3})-(0[1-9]|1[0-2])$")
            );
            for schema in [
                schemars::schema_for!(Quarter),
                schemars::schema_for!(Tertial),
                schemars::schema_for!(Period),
                schemars::schema_for!(ReportingPeriod),
            ] {
                assert_eq!(schema.get("type").and_then(|v| v.as_str()), Some("string"));
                assert!(schema.get("pattern").is_some());
                assert!(schema.get("description").is_some());
            }
            assert!(schemars::schema_for!(FiscalYear).get("anyOf").is_some());
        }

        #[test]
        fn reporting_period_schema_allows_exactly_the_displayed_numbers() {
            let schema = schemars::schema_for!(ReportingPeriod);
            let pattern = schema.get("pattern").and_then(|v| v.as_str()).unwrap();
            assert!(
                pattern.contains("|Nämndrapport ([1-9]|1[0-2]) (19[0-9]{2}|[2-9][0-9]{3})|"),
                "{pattern}"
            );
            let schema = serde_json::to_value(schemars::schema_for!(NamndrapportNumber)).unwrap();
            assert_eq!(schema["type"], "integer");
            assert_eq!(
                (schema["minimum"].clone(), schema["maximum"].clone()),
                (1.into(), 12.into())
            );
        }

        #[test]
        fn calendar_schema_describes_its_two_fields() {
            let schema = schemars::schema_for!(ReportingCalendar);
            let json = serde_json::to_value(&schema).unwrap();
            assert_eq!(json["title"], "ReportingCalendar");
            assert_eq!(json["properties"]["delarsrapport_month"]["maximum"], 11);
            assert_eq!(
                json["properties"]["namndrapport_months"]["items"]["maximum"],
                12
            );
            assert_eq!(json["additionalProperties"], false);
        }
    }
}
