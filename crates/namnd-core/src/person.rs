//! Swedish personal identity numbers (*personnummer*) and coordination numbers
//! (*samordningsnummer*), keyed pseudonyms of them, and masking of anything that
//! looks like one in free text.
//!
//! Privacy is the design rule of this module: a [`Personnummer`] never shows
//! its digits (not in `Debug`, `Display`, errors or serde), and the only way to
//! take it out of the process is as a [`Pseudonym`], a keyed hash.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::CoreError;

/// What a masked identity number is replaced with, in text and in `Display`.
const REDACTED: &str = "[personnummer]";

/// The offset a *samordningsnummer* adds to the day of month.
const SAMORDNING_DAY_OFFSET: u32 = 60;

// Reasons given in `CoreError::InvalidPersonnummer`; none of them echoes a digit.
const NO_DIGITS: &str = "no digits; expected 10 or 12 digits";
const UNEXPECTED_CHARACTER: &str = "unexpected character; expected a digit, '-' or '+'";
const MISPLACED_SEPARATOR: &str =
    "a separator must follow the 6-digit or 8-digit birth date; expected a digit";
const SECOND_SEPARATOR: &str = "more than one separator";
const PLUS_WITH_CENTURY: &str =
    "'+' (aged 100 or more) is only used with a two-digit year; use '-' or no separator";
const TOO_MANY_DIGITS: &str = "too many digits; expected 10 or 12";
const WRONG_DIGIT_COUNT: &str = "expected 10 or 12 digits";
const TOO_MANY_AFTER_SEPARATOR: &str = "too many digits after the separator; expected 4";
const TOO_FEW_AFTER_SEPARATOR: &str = "too few digits after the separator; expected 4";
const INVALID_MONTH: &str = "month is not 01 to 12";
const INVALID_DAY: &str = "day is not 01 to 31, or 61 to 91 for a samordningsnummer";
const NONEXISTENT_DAY: &str = "day does not exist in that month";
const YEAR_OUT_OF_RANGE: &str =
    "the birth year inferred from the reference date does not have four digits";
const CHECK_DIGIT_MISMATCH: &str = "check digit does not match";
const BORN_AFTER_REFERENCE: &str = "the birth date is after the reference date";
const IMPLAUSIBLY_OLD: &str =
    "the birth date is more than 130 years before the reference date; check the century";

/// The oldest age a parsed number may imply, in years. The century digits of a
/// 12-digit number are not covered by the check digit; this bound, and the
/// reference date as the upper bound, catch most mistyped centuries.
const MAX_AGE_YEARS: i32 = 130;

/// Shorthand for the one error this parser returns.
fn invalid(position: usize, reason: &'static str) -> CoreError {
    CoreError::InvalidPersonnummer { position, reason }
}

/// Whether a personal identity number is a *personnummer* or a *samordningsnummer*.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{CoreError, Personnummer, PersonnummerKind};
///
/// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
/// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
/// // `reference` is 1 June 2025.
/// let number = Personnummer::parse("19121272-1219", reference)?;
/// assert_eq!(number.kind(), PersonnummerKind::Samordningsnummer);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum PersonnummerKind {
    /// A *personnummer* (personal identity number), given by the Swedish Tax
    /// Agency to everyone entered in the population register.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer, PersonnummerKind};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let number = Personnummer::parse("19121212-1212", reference)?;
    /// assert_eq!(number.kind(), PersonnummerKind::Personnummer);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    Personnummer,
    /// A *samordningsnummer* (coordination number), for people who are not or
    /// not yet registered in Sweden. It adds 60 to the day of birth.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer, PersonnummerKind};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025. Day 72 is the 12th plus 60.
    /// let number = Personnummer::parse("19121272-1219", reference)?;
    /// assert_eq!(number.kind(), PersonnummerKind::Samordningsnummer);
    /// assert_eq!(number.birth_date().to_string(), "1912-12-12");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    Samordningsnummer,
}

/// The legal gender (*juridiskt kön*) as a register records it, e.g. the
/// `kon` column (K/M) of a decisions register, which IVO's reports and the
/// statistics by gender use.
///
/// namnd never derives it from the digits of a personal identity number: the
/// ninth digit's parity is the legal gender when the number was issued, not
/// necessarily today's, and a planned Swedish reform will issue numbers whose
/// digits carry none. (IVO's own person id, `namnd_decisions::ivo`, encodes
/// the register's value in a digit's parity because IVO's format asks for it.)
///
/// # Example
/// ```
/// use namnd_core::LegalGender;
///
/// let recorded = [LegalGender::Female, LegalGender::Male, LegalGender::Female];
/// let women = recorded.iter().filter(|g| **g == LegalGender::Female).count();
/// assert_eq!(women, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum LegalGender {
    /// Female (*kvinna*, K).
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// assert!(LegalGender::Female < LegalGender::Male);
    /// ```
    Female,
    /// Male (*man*, M).
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// assert_ne!(LegalGender::Male, LegalGender::Female);
    /// ```
    Male,
}

/// A Swedish personal identity number: a *personnummer* or a *samordningsnummer*
/// (coordination number, whose day of birth is increased by 60).
///
/// The written form is `YYMMDD-NNNC` (`+` instead of `-` from the year the
/// holder turns 100) or, with the century, `YYYYMMDD-NNNC`; `NNN` is a serial
/// number and `C` a Luhn check digit over the ten digits `YYMMDDNNN`.
///
/// # Privacy
///
/// A personnummer identifies a person, and in social services it comes with
/// secret data (OSL, *offentlighets- och sekretesslagen*). So this type never
/// shows its digits:
///
/// - `Display` writes `[personnummer]` or `[samordningsnummer]`, and `Debug`
///   writes `Personnummer { .. }`;
/// - errors give a position and a reason, never the input;
/// - there is no accessor for the digits, and deliberately no `Serialize`: a
///   personnummer must never leave the process. To join registers or store a
///   reference to a person, use a [`Pseudonym`] made with a [`PseudonymKey`].
///
/// Equality, ordering and hashing follow the twelve digits.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{CoreError, Personnummer, PersonnummerKind};
///
/// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
/// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
/// // `reference` is 1 June 2025; "+" says the holder is 100 or older on that date.
/// let number = Personnummer::parse("121212+1212", reference)?;
/// assert_eq!(number.birth_date().to_string(), "1912-12-12");
/// assert_eq!(number.kind(), PersonnummerKind::Personnummer);
/// assert_eq!(number.to_string(), "[personnummer]");
/// assert_eq!(format!("{number:?}"), "Personnummer { .. }");
/// assert_eq!(number, Personnummer::parse("19121212-1212", reference)?);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Personnummer {
    /// The canonical twelve digits `YYYYMMDDNNNC` as values 0–9, with the day
    /// as written (plus 60 for a samordningsnummer).
    digits: [u8; 12],
    /// The birth date, with the samordningsnummer offset removed.
    birth_date: NaiveDate,
}

/// The separator written between birth date and serial number.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// No separator, or `-`.
    Minus,
    /// `+`: the holder is 100 or older on the reference date.
    Plus,
}

/// The digits of an input and the character positions they stood at.
struct Scanned {
    /// The digits read, as values 0–9; the first `count` are used.
    digits: [u8; 12],
    /// The 1-based character position of each digit in the input.
    positions: [usize; 12],
    /// How many digits were read (10 or 12 once scanning succeeded).
    count: usize,
    /// The separator, if one was written.
    separator: Option<Separator>,
}

impl Scanned {
    /// Reads the digits and separator of `input`, checking the shape only.
    fn read(input: &str) -> Result<Self, CoreError> {
        let leading = input.chars().count() - input.trim_start().chars().count();
        let mut scanned = Self {
            digits: [0; 12],
            positions: [0; 12],
            count: 0,
            separator: None,
        };
        let mut after_separator = 0_usize;
        let mut end = leading + 1;
        for (index, ch) in input.trim().chars().enumerate() {
            let position = leading + index + 1;
            end = position + 1;
            match ch {
                '0'..='9' => {
                    if scanned.separator.is_some() && after_separator == 4 {
                        return Err(invalid(position, TOO_MANY_AFTER_SEPARATOR));
                    }
                    let (Some(digit), Some(digit_position)) = (
                        scanned.digits.get_mut(scanned.count),
                        scanned.positions.get_mut(scanned.count),
                    ) else {
                        return Err(invalid(position, TOO_MANY_DIGITS));
                    };
                    *digit = ch as u8 - b'0';
                    *digit_position = position;
                    scanned.count += 1;
                    if scanned.separator.is_some() {
                        after_separator += 1;
                    }
                }
                '-' | '+' => {
                    if scanned.separator.is_some() {
                        return Err(invalid(position, SECOND_SEPARATOR));
                    }
                    if scanned.count != 6 && scanned.count != 8 {
                        return Err(invalid(position, MISPLACED_SEPARATOR));
                    }
                    if ch == '+' && scanned.count == 8 {
                        return Err(invalid(position, PLUS_WITH_CENTURY));
                    }
                    scanned.separator = Some(if ch == '+' {
                        Separator::Plus
                    } else {
                        Separator::Minus
                    });
                }
                _ => return Err(invalid(position, UNEXPECTED_CHARACTER)),
            }
        }
        if scanned.count == 0 {
            return Err(invalid(leading + 1, NO_DIGITS));
        }
        if scanned.separator.is_some() && after_separator < 4 {
            return Err(invalid(end, TOO_FEW_AFTER_SEPARATOR));
        }
        if scanned.count != 10 && scanned.count != 12 {
            return Err(invalid(end, WRONG_DIGIT_COUNT));
        }
        Ok(scanned)
    }
}

/// Two digits as a number.
fn two_digits(tens: u8, ones: u8) -> u32 {
    u32::from(tens) * 10 + u32::from(ones)
}

/// The Luhn check digit of the first nine of the ten digits: weights 2, 1, 2, …,
/// the digits of each product summed, then `(10 - sum mod 10) mod 10`.
fn luhn_check_digit(first_nine: [u8; 9]) -> u8 {
    let sum: u32 = first_nine
        .iter()
        .zip([2_u32, 1].into_iter().cycle())
        .map(|(&digit, weight)| {
            let product = u32::from(digit) * weight;
            product / 10 + product % 10
        })
        .sum();
    // Always below 10.
    ((10 - sum % 10) % 10) as u8
}

/// The latest year ending in `yy` in which (month, day) falls on or before
/// `reference`, for a holder under 100 (`Minus`), or on or before `reference`
/// less 100 years (`Plus`).
fn infer_year(yy: u32, month: u32, day: u32, separator: Separator, reference: NaiveDate) -> i32 {
    let reference_year = match separator {
        Separator::Minus => reference.year(),
        Separator::Plus => reference.year() - 100,
    };
    // `yy` is below 100, so the conversion cannot fail.
    let yy = i32::try_from(yy).unwrap_or_default();
    let candidate = reference_year - reference_year.rem_euclid(100) + yy;
    if (candidate, month, day) > (reference_year, reference.month(), reference.day()) {
        candidate - 100
    } else {
        candidate
    }
}

impl Personnummer {
    /// Reads a personnummer or samordningsnummer.
    ///
    /// Accepted forms, with surrounding whitespace ignored:
    ///
    /// | form | example | century |
    /// |---|---|---|
    /// | `YYMMDD-NNNC`, `YYMMDDNNNC` | `121212-1212` | the latest birth date not after `reference_date` |
    /// | `YYMMDD+NNNC` | `121212+1212` | the latest birth date at least 100 years before `reference_date` |
    /// | `YYYYMMDD-NNNC`, `YYYYMMDDNNNC` | `19121212-1212` | as written |
    ///
    /// `reference_date` is the date the number was written down (for instance
    /// the date of the register extract): a 10-digit number is read as it was
    /// meant on that day, because the holder switches from `-` to `+` in the
    /// year they turn 100.
    ///
    /// The date is checked with the samordningsnummer offset removed (day
    /// 61–91 means day 1–31), and the check digit is checked over the ten digits.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidPersonnummer`] with the character position (counted
    /// from 1 in `input` as given, leading whitespace included) and the reason,
    /// for a wrong shape, a month or day that does not exist, a check digit
    /// that does not match, or a birth date after `reference_date` or more than
    /// 130 years before it. (The check digit covers only the last ten digits, so
    /// the plausible-age bounds are what catch a mistyped century in a
    /// 12-digit number.) The message never contains the input.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let young = Personnummer::parse("121212-1212", reference)?;
    /// assert_eq!(young.birth_date().to_string(), "2012-12-12");
    /// let old = Personnummer::parse(" 19121212-1212 ", reference)?;
    /// assert_eq!(old.birth_date().to_string(), "1912-12-12");
    ///
    /// let err = Personnummer::parse("19121212-1213", reference).err();
    /// assert_eq!(
    ///     err.map(|err| err.to_string()).as_deref(),
    ///     Some("invalid personal identity number: check digit does not match (at character 13)"),
    /// );
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn parse(input: &str, reference_date: NaiveDate) -> Result<Self, CoreError> {
        let scanned = Scanned::read(input)?;
        let [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11] = scanned.digits;
        let [p0, _, p2, _, p4, _, p6, _, _, p9, _, p11] = scanned.positions;
        let (century, ten, positions) = if scanned.count == 12 {
            (
                Some(two_digits(a0, a1)),
                [a2, a3, a4, a5, a6, a7, a8, a9, a10, a11],
                [p0, p4, p6, p11],
            )
        } else {
            (
                None,
                [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9],
                [p0, p2, p4, p9],
            )
        };
        let [y1, y2, m1, m2, d1, d2, n1, n2, n3, check] = ten;
        let [first_position, month_position, day_position, check_position] = positions;

        let month = two_digits(m1, m2);
        if !(1..=12).contains(&month) {
            return Err(invalid(month_position, INVALID_MONTH));
        }
        let written_day = two_digits(d1, d2);
        let day = if written_day > SAMORDNING_DAY_OFFSET {
            written_day - SAMORDNING_DAY_OFFSET
        } else {
            written_day
        };
        if !(1..=31).contains(&day) {
            return Err(invalid(day_position, INVALID_DAY));
        }

        let yy = two_digits(y1, y2);
        let year = match century {
            // Both values are below 100, so the conversion cannot fail.
            Some(century) => i32::try_from(century * 100 + yy).unwrap_or_default(),
            None => {
                let separator = scanned.separator.unwrap_or(Separator::Minus);
                let year = infer_year(yy, month, day, separator, reference_date);
                if !(0..=9999).contains(&year) {
                    return Err(invalid(first_position, YEAR_OUT_OF_RANGE));
                }
                year
            }
        };
        let Some(birth_date) = NaiveDate::from_ymd_opt(year, month, day) else {
            return Err(invalid(day_position, NONEXISTENT_DAY));
        };
        // The century digits of a 12-digit number are not covered by the check
        // digit, so a mistyped century is caught here or not at all.
        if birth_date > reference_date {
            return Err(invalid(first_position, BORN_AFTER_REFERENCE));
        }
        if reference_date.year() - year > MAX_AGE_YEARS {
            return Err(invalid(first_position, IMPLAUSIBLY_OLD));
        }

        if luhn_check_digit([y1, y2, m1, m2, d1, d2, n1, n2, n3]) != check {
            return Err(invalid(check_position, CHECK_DIGIT_MISMATCH));
        }

        // `year` is in 0..=9999 here.
        let century = u8::try_from(year / 100).unwrap_or_default();
        Ok(Self {
            digits: [
                century / 10,
                century % 10,
                y1,
                y2,
                m1,
                m2,
                d1,
                d2,
                n1,
                n2,
                n3,
                check,
            ],
            birth_date,
        })
    }

    /// Whether this is a personnummer or a samordningsnummer (coordination number).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer, PersonnummerKind};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// assert_eq!(
    ///     Personnummer::parse("121212-1212", reference)?.kind(),
    ///     PersonnummerKind::Personnummer,
    /// );
    /// assert_eq!(
    ///     Personnummer::parse("121272-1219", reference)?.kind(),
    ///     PersonnummerKind::Samordningsnummer,
    /// );
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> PersonnummerKind {
        let [_, _, _, _, _, _, d1, d2, _, _, _, _] = self.digits;
        if two_digits(d1, d2) > SAMORDNING_DAY_OFFSET {
            PersonnummerKind::Samordningsnummer
        } else {
            PersonnummerKind::Personnummer
        }
    }

    /// The date of birth, with the samordningsnummer offset removed.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let number = Personnummer::parse("19121272-1219", reference)?;
    /// assert_eq!(number.birth_date().to_string(), "1912-12-12");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// The age in completed years on `date`, or `None` if `date` is before
    /// the birth date.
    ///
    /// A year is completed on the birthday. Someone born on 29 February
    /// completes a year on 1 March in years without a 29 February.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let number = Personnummer::parse("19121212-1212", reference)?;
    /// let age_on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).and_then(|date| number.age_on(date));
    /// assert_eq!(age_on(2012, 12, 11), Some(99));
    /// assert_eq!(age_on(2012, 12, 12), Some(100));
    /// assert_eq!(age_on(1912, 12, 11), None);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        let birth = self.birth_date;
        if date < birth {
            return None;
        }
        let years = date.year() - birth.year();
        let before_birthday = (date.month(), date.day()) < (birth.month(), birth.day());
        u32::try_from(if before_birthday { years - 1 } else { years }).ok()
    }

    /// The birth date as a [`time::Date`].
    ///
    /// # Errors
    ///
    /// [`CoreError::DateOutOfRange`] if the `time` crate cannot represent the
    /// date. Birth years are always within 0000–9999, which `time` supports,
    /// so this does not happen in practice; the error does not contain the
    /// birth date.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let number = Personnummer::parse("19121212-1212", reference)?;
    /// let birth = number.birth_date_time()?;
    /// assert_eq!((birth.year(), u8::from(birth.month()), birth.day()), (1912, 12, 12));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    pub fn birth_date_time(&self) -> Result<time::Date, CoreError> {
        let birth = self.birth_date;
        u16::try_from(birth.ordinal())
            .ok()
            .and_then(|ordinal| time::Date::from_ordinal_date(birth.year(), ordinal).ok())
            .ok_or_else(|| CoreError::DateOutOfRange {
                date: "[birth date]".to_owned(),
                target: "time",
            })
    }

    /// The age in completed years on a [`time::Date`]; see [`Personnummer::age_on`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let number = Personnummer::parse("19121212-1212", reference)?;
    /// let date = time::Date::from_calendar_date(2012, time::Month::December, 12)
    ///     .map_err(|_| CoreError::DateOutOfRange { date: "2012-12-12".into(), target: "time" })?;
    /// assert_eq!(number.age_on_time(date), Some(100));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    #[must_use]
    pub fn age_on_time(&self, date: time::Date) -> Option<u32> {
        NaiveDate::from_yo_opt(date.year(), u32::from(date.ordinal()))
            .and_then(|date| self.age_on(date))
    }

    /// The twelve digits as ASCII, the input of the pseudonym hash. Private: the
    /// digits must not leave this module.
    fn canonical_ascii(&self) -> [u8; 12] {
        self.digits.map(|digit| b'0' + digit)
    }
}

impl fmt::Display for Personnummer {
    /// Writes `[personnummer]` or `[samordningsnummer]`, never a digit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind() {
            PersonnummerKind::Personnummer => REDACTED,
            PersonnummerKind::Samordningsnummer => "[samordningsnummer]",
        })
    }
}

impl fmt::Debug for Personnummer {
    /// Writes `Personnummer { .. }`, never a digit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Personnummer").finish_non_exhaustive()
    }
}

/// A secret key for [`Pseudonym`]s, held by the controller of the data
/// (*personuppgiftsansvarig*).
///
/// Anyone with the key can test whether a pseudonym belongs to a given
/// personnummer, so keep it out of the data, the logs and the repository.
/// Use the same key for as long as cases must be followed across periods; a new
/// key gives new, unlinkable pseudonyms. The key is at least
/// [`PseudonymKey::MIN_LEN`] bytes; 32 random bytes is a good choice.
///
/// `Debug` shows no key material; there is no `Display` and no serde.
///
/// # Example
/// ```
/// use namnd_core::{CoreError, PseudonymKey};
///
/// let key = PseudonymKey::new(b"an example key, not a real one")?;
/// assert_eq!(format!("{key:?}"), "PseudonymKey { .. }");
/// assert!(matches!(
///     PseudonymKey::new(b"too short"),
///     Err(CoreError::PseudonymKeyTooShort { length: 9, minimum: 16 }),
/// ));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Clone)]
pub struct PseudonymKey {
    /// HMAC-SHA-256 already keyed; cloned for every pseudonym.
    mac: Hmac<Sha256>,
}

impl PseudonymKey {
    /// The shortest key accepted, in bytes.
    ///
    /// # Example
    /// ```
    /// use namnd_core::PseudonymKey;
    ///
    /// assert!(PseudonymKey::new([7_u8; PseudonymKey::MIN_LEN]).is_ok());
    /// assert!(PseudonymKey::new([7_u8; PseudonymKey::MIN_LEN - 1]).is_err());
    /// ```
    pub const MIN_LEN: usize = 16;

    /// Makes a key from secret bytes.
    ///
    /// # Errors
    ///
    /// [`CoreError::PseudonymKeyTooShort`] if `bytes` is shorter than
    /// [`PseudonymKey::MIN_LEN`]: a short key could be guessed, and with it
    /// every pseudonym reversed by trying all personnummer.
    ///
    /// # Example
    /// ```
    /// use namnd_core::PseudonymKey;
    ///
    /// let key = PseudonymKey::new([0x5a_u8; 32])?;
    /// # let _ = key;
    /// assert!(PseudonymKey::new("short").is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(bytes: impl AsRef<[u8]>) -> Result<Self, CoreError> {
        let bytes = bytes.as_ref();
        let too_short = CoreError::PseudonymKeyTooShort {
            length: bytes.len(),
            minimum: Self::MIN_LEN,
        };
        if bytes.len() < Self::MIN_LEN {
            return Err(too_short);
        }
        // HMAC accepts keys of any length, so this never fails.
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(bytes).map_err(|_| too_short)?;
        Ok(Self { mac })
    }
}

impl fmt::Debug for PseudonymKey {
    /// Writes `PseudonymKey { .. }`, never key material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PseudonymKey").finish_non_exhaustive()
    }
}

/// A pseudonym for a personal identity number: HMAC-SHA-256 under a
/// [`PseudonymKey`] of the number's twelve digits (`YYYYMMDDNNNC`, in ASCII).
///
/// The same number and key always give the same pseudonym, so registers and
/// periods can be joined without the number; another key gives an unlinkable
/// pseudonym. Without the key the hash cannot be reversed by trying all
/// personnummer, as a plain hash could. Pseudonymised data are still personal
/// data under the GDPR.
///
/// It is written as 64 lowercase hexadecimal digits; [`FromStr`] accepts
/// either case. With the `serde` feature it is (de)serialised as that string,
/// and with `schemars` described as a string with pattern `^[0-9a-fA-F]{64}$`.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{CoreError, Personnummer, Pseudonym, PseudonymKey};
///
/// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
/// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
/// // `reference` is 1 June 2025.
/// let number = Personnummer::parse("19121212-1212", reference)?;
/// let key = PseudonymKey::new(b"0123456789abcdef")?;
/// let pseudonym = Pseudonym::of(&number, &key);
/// assert_eq!(
///     pseudonym.to_string(),
///     "9f708bad322fcf57615f64f007596dfd4e62741b341ec76de8e78bf669816dcf",
/// );
/// assert_eq!(pseudonym.to_string().parse::<Pseudonym>()?, pseudonym);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pseudonym([u8; 32]);

impl Pseudonym {
    /// The pseudonym of `number` under `key`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer, Pseudonym, PseudonymKey};
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025. Both forms are the same number.
    /// let short = Personnummer::parse("121212+1212", reference)?;
    /// let long = Personnummer::parse("191212121212", reference)?;
    /// let key = PseudonymKey::new(b"0123456789abcdef")?;
    /// let other_key = PseudonymKey::new(b"fedcba9876543210")?;
    /// assert_eq!(Pseudonym::of(&short, &key), Pseudonym::of(&long, &key));
    /// assert_ne!(Pseudonym::of(&short, &key), Pseudonym::of(&short, &other_key));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn of(number: &Personnummer, key: &PseudonymKey) -> Self {
        let mut mac = key.mac.clone();
        mac.update(&number.canonical_ascii());
        Self(mac.finalize().into_bytes().into())
    }
}

/// The value of one ASCII hexadecimal digit.
fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

impl fmt::Display for Pseudonym {
    /// Writes 64 lowercase hexadecimal digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::Debug for Pseudonym {
    /// Writes `Pseudonym(` and the 64 hexadecimal digits `)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pseudonym({self})")
    }
}

impl FromStr for Pseudonym {
    type Err = CoreError;

    /// Reads exactly 64 hexadecimal digits, in either case.
    ///
    /// # Errors
    ///
    /// [`CoreError::InvalidPseudonym`] for any other text. The message does not
    /// contain the text, which may be a personnummer put in the wrong column.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{CoreError, Pseudonym};
    ///
    /// let text = "9F708BAD322FCF57615F64F007596DFD4E62741B341EC76DE8E78BF669816DCF";
    /// let pseudonym: Pseudonym = text.parse()?;
    /// assert_eq!(pseudonym.to_string(), text.to_lowercase());
    ///
    /// let err = "19121212-1212".parse::<Pseudonym>().err();
    /// assert!(matches!(err, Some(CoreError::InvalidPseudonym { .. })));
    /// assert!(!err.map(|err| err.to_string()).unwrap_or_default().contains("1212"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if !s.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(CoreError::InvalidPseudonym {
                reason: "contains a character that is not a hexadecimal digit",
            });
        }
        if s.len() != 64 {
            return Err(CoreError::InvalidPseudonym {
                reason: "expected exactly 64 hexadecimal digits",
            });
        }
        let mut bytes = [0_u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(s.as_bytes().chunks_exact(2)) {
            if let [high, low] = *pair {
                *byte =
                    (hex_value(high).unwrap_or_default() << 4) | hex_value(low).unwrap_or_default();
            }
        }
        Ok(Self(bytes))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Pseudonym {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Pseudonym {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads the hex string without echoing it in errors.
        struct HexVisitor;

        impl serde::de::Visitor<'_> for HexVisitor {
            type Value = Pseudonym;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a pseudonym of 64 hexadecimal digits")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Pseudonym, E> {
                value.parse().map_err(E::custom)
            }

            fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<Pseudonym, E> {
                std::str::from_utf8(value)
                    .map_err(|_| {
                        E::custom(CoreError::InvalidPseudonym {
                            reason: "contains a character that is not a hexadecimal digit",
                        })
                    })
                    .and_then(|text| self.visit_str(text))
            }
        }

        deserializer.deserialize_str(HexVisitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Pseudonym {
    fn schema_name() -> Cow<'static, str> {
        "Pseudonym".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Pseudonym").into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9a-fA-F]{64}$",
            "description": "HMAC-SHA-256 pseudonym of a Swedish personal identity number, as 64 hexadecimal digits",
        })
    }
}

/// Masks everything in `text` that looks like a personnummer or
/// samordningsnummer (coordination number), replacing it with `[personnummer]`.
///
/// Looks like one: a run of 6 or 8 digits, one separator (`-`, `+`, a space of
/// any width, an en dash or a minus sign, as word processors and PDF copies
/// write them), and a run of 4 digits; or a bare run of exactly 10 or 12
/// digits; in both cases with no ASCII digit directly before or after. The check digit is not looked at: privacy errs on
/// the safe side, so an organisation number (*organisationsnummer*, also
/// `NNNNNN-NNNN`) or a 10-digit amount written without spaces is masked too.
/// Amounts written the Swedish way, with spaces between groups of three, are
/// left alone.
///
/// Returns the text unchanged (borrowed) when there is nothing to mask. Use it
/// on any input that goes into an error message or a log.
///
/// # Example
/// ```
/// use std::borrow::Cow;
/// use namnd_core::redact_identity_numbers;
///
/// assert_eq!(
///     redact_identity_numbers("case 19121212-1212 and 1212121212 closed"),
///     "case [personnummer] and [personnummer] closed",
/// );
/// assert_eq!(redact_identity_numbers("121212 1212 kr"), "[personnummer] kr");
/// assert!(matches!(redact_identity_numbers("2 154 718 tkr"), Cow::Borrowed(_)));
/// ```
#[must_use]
pub fn redact_identity_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut redacted: Option<String> = None;
    let mut copied = 0;
    let mut index = 0;
    while index < bytes.len() {
        let run = digit_run_len(bytes, index);
        if run == 0 {
            index += 1;
            continue;
        }
        let end = index + run;
        let matched_end = match run {
            10 | 12 => Some(end),
            6 | 8 => separator_len(text, end)
                .filter(|&len| digit_run_len(bytes, end + len) == 4)
                .map(|len| end + len + 4),
            _ => None,
        };
        match matched_end {
            Some(matched_end) => {
                let out = redacted.get_or_insert_with(|| String::with_capacity(text.len()));
                // ASCII digits and separators are whole characters, so these
                // byte positions are character boundaries.
                out.push_str(text.get(copied..index).unwrap_or_default());
                out.push_str(REDACTED);
                copied = matched_end;
                index = matched_end;
            }
            None => index = end,
        }
    }
    match redacted {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(text.get(copied..).unwrap_or_default());
            Cow::Owned(out)
        }
    }
}

/// The length in bytes of a separator that may stand between the birth date
/// and the last four digits of an identity number at byte `at`: a hyphen, a
/// plus, a space of any width, an en dash or a minus sign.
fn separator_len(text: &str, at: usize) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    matches!(
        c,
        '-' | '+' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2013}' | '\u{2212}'
    )
    .then(|| c.len_utf8())
}

/// The shortest run of ASCII digits in an identity-number-shaped text:
/// every form [`redact_identity_numbers`] finds (`YYMMDD-NNNN`,
/// `YYYYMMDD-NNNN`, `YYMMDDNNNN`, `YYYYMMDDNNNN`) holds one.
const IDENTITY_DIGIT_RUN: usize = 6;

/// Whether `text` holds something shaped like a personal identity number
/// (personnummer or samordningsnummer): exactly when
/// [`redact_identity_numbers`] would mask something. Importers call it on
/// every id and key they accept, so it is cheap for ordinary keys: text
/// without a run of six digits (`1100`, `4010`, `p-0042`) is answered in one
/// pass over its bytes, and only the rest is given to the redactor.
///
/// # Example
/// ```
/// use namnd_core::looks_like_identity_number;
/// assert!(looks_like_identity_number("kund 19121212-1212"));
/// assert!(!looks_like_identity_number("4010"));
/// assert!(!looks_like_identity_number("2023066666666")); // 13 digits
/// ```
#[must_use]
pub fn looks_like_identity_number(text: &str) -> bool {
    let mut run = 0_usize;
    let long_run = text.bytes().any(|byte| {
        run = if byte.is_ascii_digit() {
            run.saturating_add(1)
        } else {
            0
        };
        run >= IDENTITY_DIGIT_RUN
    });
    long_run && matches!(redact_identity_numbers(text), Cow::Owned(_))
}

/// Text read from an input, made fit for an error message or a log: anything
/// shaped like an identity number masked ([`redact_identity_numbers`]), then
/// control characters written as `\u{..}`, then cut to `max_chars` characters,
/// the last one `…` when cut. A run of digits that the cut would split is
/// left out whole, so that cutting never makes a shorter number that looks
/// like an identity number (13 digits cut to 12). Importers pass every string
/// they echo through this, so a personnummer in the wrong column or a
/// megabyte-long field never reaches a message whole.
///
/// # Example
/// ```
/// use namnd_core::quote_for_message;
///
/// assert_eq!(quote_for_message("kund 19121212-1212\tny", 80), "kund [personnummer]\\u{9}ny");
/// assert_eq!(quote_for_message("Äldreomsorg Norra distriktet", 10), "Äldreomso…");
/// assert_eq!(quote_for_message("konto 2023066666666", 18), "konto …");
/// ```
#[must_use]
pub fn quote_for_message(text: &str, max_chars: usize) -> String {
    let redacted = redact_identity_numbers(text);
    let mut out = String::new();
    let mut count = 0_usize;
    // The length of `out` while it still held at most max_chars − 1
    // characters: where it is cut, to make room for the `…`.
    let mut room: Option<usize> = None;
    for c in redacted.chars() {
        let before = out.len();
        if c.is_control() {
            let escaped = c.escape_unicode();
            count = count.saturating_add(escaped.len());
            out.extend(escaped);
        } else {
            count = count.saturating_add(1);
            out.push(c);
        }
        if count >= max_chars && room.is_none() {
            room = Some(before);
        }
        if count > max_chars {
            let cut = room.unwrap_or(before);
            // A run of digits cut in two could leave a shorter run that looks
            // like an identity number (13 digits cut to 12): drop the kept
            // part of the run.
            let splits_digits = out
                .get(cut..)
                .and_then(|after| after.chars().next())
                .is_some_and(|c| c.is_ascii_digit());
            out.truncate(cut);
            if splits_digits {
                let kept = out.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                out.truncate(kept);
            }
            out.push('…');
            return out;
        }
    }
    out
}

/// The number of ASCII digits in `bytes` from `start` on.
fn digit_run_len(bytes: &[u8], start: usize) -> usize {
    bytes.get(start..).map_or(0, |rest| {
        rest.iter().take_while(|byte| byte.is_ascii_digit()).count()
    })
}

#[cfg(any(test, feature = "proptest"))]
mod arbitrary {
    //! Strategies that generate valid, fictitious numbers for property tests.

    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    use super::{
        Personnummer, PersonnummerKind, Pseudonym, SAMORDNING_DAY_OFFSET, luhn_check_digit,
    };

    impl Personnummer {
        /// Builds a number from its parts; `None` if the year is outside 0000–9999.
        pub(super) fn from_parts(
            birth_date: NaiveDate,
            kind: PersonnummerKind,
            serial: u16,
        ) -> Option<Self> {
            let year = u32::try_from(birth_date.year())
                .ok()
                .filter(|year| *year <= 9999)?;
            let day = match kind {
                PersonnummerKind::Samordningsnummer => birth_date.day() + SAMORDNING_DAY_OFFSET,
                PersonnummerKind::Personnummer => birth_date.day(),
            };
            let serial = u32::from(serial % 1000);
            let digit =
                |value: u32, divisor: u32| u8::try_from(value / divisor % 10).unwrap_or_default();
            let month = birth_date.month();
            let [y1, y2, m1, m2, d1, d2, n1, n2, n3] = [
                digit(year, 10),
                digit(year, 1),
                digit(month, 10),
                digit(month, 1),
                digit(day, 10),
                digit(day, 1),
                digit(serial, 100),
                digit(serial, 10),
                digit(serial, 1),
            ];
            let check = luhn_check_digit([y1, y2, m1, m2, d1, d2, n1, n2, n3]);
            Some(Self {
                digits: [
                    digit(year, 1000),
                    digit(year, 100),
                    y1,
                    y2,
                    m1,
                    m2,
                    d1,
                    d2,
                    n1,
                    n2,
                    n3,
                    check,
                ],
                birth_date,
            })
        }

        /// One of the accepted written forms (`form` modulo 4) that reads back
        /// as this number on `reference_date`: `YYYYMMDDNNNC`, `YYYYMMDD-NNNC`,
        /// `YYMMDD-NNNC` or `YYMMDDNNNC`, with `YYMMDD+NNNC` instead of the last
        /// two from age 100, and 12 digits for someone born after the reference
        /// date or 200 or more years before it.
        pub(super) fn written_form(&self, form: u8, reference_date: NaiveDate) -> String {
            let text: String = self
                .canonical_ascii()
                .iter()
                .map(|&b| char::from(b))
                .collect();
            let (date, serial) = text.split_at(8);
            let short_date = date.get(2..).unwrap_or_default();
            let Some(age) = self.age_on(reference_date).filter(|age| *age < 200) else {
                // Born after the reference date, or 200 or more years before it:
                // only the 12-digit forms read back.
                return if form.is_multiple_of(2) {
                    text.clone()
                } else {
                    format!("{date}-{serial}")
                };
            };
            match form % 4 {
                0 => text.clone(),
                1 => format!("{date}-{serial}"),
                2 if age < 100 => format!("{short_date}-{serial}"),
                3 if age < 100 => format!("{short_date}{serial}"),
                _ => format!("{short_date}+{serial}"),
            }
        }
    }

    /// Valid personnummer and samordningsnummer, born 1900–2020, with a
    /// random serial number and the right check digit.
    impl Arbitrary for Personnummer {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): Self::Parameters) -> Self::Strategy {
            (
                (1900_i32..=2020, 1_u32..=12, 1_u32..=31),
                any::<bool>(),
                0_u16..1000,
            )
                .prop_filter_map(
                    "the day exists in that month",
                    |((year, month, day), coordination, serial)| {
                        let kind = if coordination {
                            PersonnummerKind::Samordningsnummer
                        } else {
                            PersonnummerKind::Personnummer
                        };
                        NaiveDate::from_ymd_opt(year, month, day)
                            .and_then(|date| Personnummer::from_parts(date, kind, serial))
                    },
                )
                .boxed()
        }
    }

    /// Any 32 bytes.
    impl Arbitrary for Pseudonym {
        type Parameters = ();
        type Strategy = BoxedStrategy<Self>;

        fn arbitrary_with((): Self::Parameters) -> Self::Strategy {
            any::<[u8; 32]>().prop_map(Pseudonym).boxed()
        }
    }

    /// A valid, generated personnummer or samordningsnummer together with one of
    /// its written forms that [`Personnummer::parse`] reads back as the same
    /// number on `reference_date`.
    ///
    /// Meant for other crates' property tests, for instance that an importer
    /// accepts every form or never echoes one in an error message. The numbers
    /// are generated, born 1900–2020; 10-digit forms use `-` or `+` as the age
    /// on `reference_date` requires.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{CoreError, Personnummer, arbitrary_personnummer_text, redact_identity_numbers};
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    ///
    /// # let reference = NaiveDate::from_ymd_opt(2025, 6, 1)
    /// #     .ok_or(CoreError::DateOutOfRange { date: "2025-06-01".into(), target: "chrono" })?;
    /// // `reference` is 1 June 2025.
    /// let mut runner = TestRunner::deterministic();
    /// for _ in 0..100 {
    ///     let Ok(tree) = arbitrary_personnummer_text(reference).new_tree(&mut runner) else {
    ///         continue;
    ///     };
    ///     let (number, text) = tree.current();
    ///     assert_eq!(Personnummer::parse(&text, reference)?, number);
    ///     assert_eq!(redact_identity_numbers(&text), "[personnummer]");
    /// }
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
    pub fn arbitrary_personnummer_text(
        reference_date: NaiveDate,
    ) -> impl Strategy<Value = (Personnummer, String)> {
        (any::<Personnummer>(), 0_u8..4).prop_map(move |(number, form)| {
            let text = number.written_form(form, reference_date);
            (number, text)
        })
    }
}

#[cfg(any(test, feature = "proptest"))]
pub use arbitrary::arbitrary_personnummer_text;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// The reference date most tests use.
    fn reference() -> NaiveDate {
        date(2025, 6, 1)
    }

    fn parse(text: &str) -> Result<Personnummer, CoreError> {
        Personnummer::parse(text, reference())
    }

    /// `YYMMDDNNN` plus its check digit, for building test inputs.
    fn with_check_digit(nine: &str) -> String {
        let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
        let check = luhn_check_digit(digits.try_into().unwrap());
        format!("{nine}{check}")
    }

    fn key(byte: u8) -> PseudonymKey {
        PseudonymKey::new([byte; 32]).unwrap()
    }

    fn position_of(err: &CoreError) -> usize {
        match err {
            CoreError::InvalidPersonnummer { position, .. } => *position,
            other => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn a_mistyped_century_is_caught_unless_it_gives_a_plausible_birth_date() {
        // The check digit covers only the last ten digits. Every single-digit
        // corruption of the century of 19121212-1212 gives a birth date in the
        // future (2912, …) or more than 130 years back (1812, 1012, …).
        let mut accepted = Vec::new();
        for (index, original) in [(0, '1'), (1, '9')] {
            for replacement in '0'..='9' {
                if replacement == original {
                    continue;
                }
                let mut text: Vec<char> = "19121212-1212".chars().collect();
                text[index] = replacement;
                let text: String = text.into_iter().collect();
                if let Ok(number) = parse(&text) {
                    accepted.push(number.birth_date().year());
                }
            }
        }
        assert_eq!(accepted, Vec::<i32>::new());
    }

    #[test]
    fn luhn_example_from_the_domain_brief_gives_six() {
        assert_eq!(luhn_check_digit([8, 1, 1, 2, 1, 8, 9, 8, 7]), 6);
        let number = Personnummer::parse("811218-9876", reference()).unwrap();
        assert_eq!(number.birth_date(), date(1981, 12, 18));
        let err = Personnummer::parse("811218-9875", reference()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid personal identity number: check digit does not match (at character 11)"
        );
    }

    #[test]
    fn every_separator_form_is_accepted() {
        let expected = parse("19121212-1212").unwrap();
        for text in [
            "121212+1212",
            "191212121212",
            "19121212-1212",
            "  19121212-1212\n",
            "\t121212+1212 ",
        ] {
            assert_eq!(parse(text).unwrap(), expected, "{text:?}");
        }
        let young = date(2012, 12, 12);
        for text in ["121212-1212", "1212121212", "201212121212", "20121212-1212"] {
            assert_eq!(parse(text).unwrap().birth_date(), young, "{text:?}");
        }
    }

    #[test]
    fn minus_infers_the_latest_birth_date_not_after_the_reference_date() {
        let on = |reference| {
            Personnummer::parse("121212-1212", reference)
                .unwrap()
                .birth_date()
        };
        assert_eq!(on(date(2012, 12, 12)), date(2012, 12, 12));
        assert_eq!(on(date(2012, 12, 11)), date(1912, 12, 12));
        assert_eq!(on(date(2099, 1, 1)), date(2012, 12, 12));
        // No separator reads like "-".
        let bare = Personnummer::parse("1212121212", date(2012, 12, 11)).unwrap();
        assert_eq!(bare.birth_date(), date(1912, 12, 12));
    }

    #[test]
    fn plus_infers_a_birth_date_at_least_100_years_before_the_reference_date() {
        let on = |reference| {
            Personnummer::parse("121212+1212", reference)
                .unwrap()
                .birth_date()
        };
        assert_eq!(on(date(2012, 12, 12)), date(1912, 12, 12));
        assert_eq!(on(date(2025, 6, 1)), date(1912, 12, 12));
        // The day before the 100th birthday, "+" would mean 1812: implausibly old.
        assert!(matches!(
            Personnummer::parse("121212+1212", date(2012, 12, 11)),
            Err(CoreError::InvalidPersonnummer {
                reason: IMPLAUSIBLY_OLD,
                ..
            })
        ));
    }

    #[test]
    fn a_birth_date_after_the_reference_date_is_rejected() {
        assert!(matches!(
            Personnummer::parse("201212121212", date(2012, 12, 11)),
            Err(CoreError::InvalidPersonnummer {
                reason: BORN_AFTER_REFERENCE,
                ..
            })
        ));
        assert!(Personnummer::parse("201212121212", date(2012, 12, 12)).is_ok());
    }

    #[test]
    fn twelve_digits_keep_their_century_on_any_plausible_reference_date() {
        for reference in [date(2013, 1, 1), date(2025, 6, 1), date(2042, 1, 1)] {
            let number = Personnummer::parse("19121212-1212", reference).unwrap();
            assert_eq!(number.birth_date(), date(1912, 12, 12));
            let number = Personnummer::parse("201212121212", reference).unwrap();
            assert_eq!(number.birth_date(), date(2012, 12, 12));
        }
    }

    #[test]
    fn plus_with_a_four_digit_year_is_rejected() {
        let err = parse("19121212+1212").unwrap_err();
        assert_eq!(position_of(&err), 9);
    }

    #[test]
    fn samordningsnummer_adds_sixty_to_the_day() {
        let number = parse("121272-1219").unwrap();
        assert_eq!(number.kind(), PersonnummerKind::Samordningsnummer);
        assert_eq!(number.birth_date(), date(2012, 12, 12));
        assert_eq!(number.to_string(), "[samordningsnummer]");
        assert_eq!(
            parse("19121272-1219").unwrap().birth_date(),
            date(1912, 12, 12)
        );
        assert_eq!(
            parse("121212-1212").unwrap().kind(),
            PersonnummerKind::Personnummer
        );
    }

    #[test]
    fn samordningsnummer_day_is_validated_after_removing_the_offset() {
        // 30 February as a samordningsnummer: day 90.
        let err = parse(&format!("19{}", with_check_digit("230290123"))).unwrap_err();
        assert_eq!(position_of(&err), 7);
        // Day 92 would be the 32nd.
        let err = parse(&with_check_digit("121292121")).unwrap_err();
        assert_eq!(position_of(&err), 5);
    }

    #[test]
    fn nonexistent_dates_are_rejected() {
        let ten = with_check_digit("230230123");
        let err = parse(&ten).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid personal identity number: day does not exist in that month (at character 5)"
        );
        assert_eq!(position_of(&parse(&format!("20{ten}")).unwrap_err()), 7);
        // 29 February exists in 2012 and 2000 but not in 1900 or 2023.
        assert!(parse(&with_check_digit("120229121")).is_ok());
        assert!(parse(&format!("20{}", with_check_digit("000229121"))).is_ok());
        assert!(parse(&format!("19{}", with_check_digit("000229121"))).is_err());
        assert!(parse(&with_check_digit("230229121")).is_err());
        // Month 00 and 13, day 00, day 32 and day 60.
        assert_eq!(
            position_of(&parse(&with_check_digit("120012121")).unwrap_err()),
            3
        );
        assert_eq!(
            position_of(&parse(&with_check_digit("121312121")).unwrap_err()),
            3
        );
        assert_eq!(
            position_of(&parse(&with_check_digit("121200121")).unwrap_err()),
            5
        );
        assert_eq!(
            position_of(&parse(&with_check_digit("121232121")).unwrap_err()),
            5
        );
        assert_eq!(
            position_of(&parse(&with_check_digit("121260121")).unwrap_err()),
            5
        );
    }

    #[test]
    fn malformed_inputs_are_rejected_at_the_right_position() {
        let cases = [
            ("", 1),
            ("   ", 4),
            ("12121-21212", 6),
            ("121212--1212", 8),
            ("121212-121", 11),
            ("121212-12121", 12),
            ("12121212121", 12),
            ("1912121212120", 13),
            ("121212 1212", 7),
            ("121212-12a2", 10),
            ("  121212-1213", 13),
        ];
        for (text, position) in cases {
            let err = parse(text).unwrap_err();
            assert_eq!(position_of(&err), position, "{text:?}: {err}");
        }
    }

    #[test]
    fn inferred_years_outside_four_digits_are_rejected() {
        let err = Personnummer::parse("121212+1212", date(50, 1, 1)).unwrap_err();
        assert_eq!(position_of(&err), 1);
        assert!(Personnummer::parse("121212-1212", date(10_100, 1, 1)).is_err());
    }

    #[test]
    fn age_counts_completed_years_from_the_birthday() {
        let number = parse("19121212-1212").unwrap();
        assert_eq!(number.age_on(date(1912, 12, 11)), None);
        assert_eq!(number.age_on(date(1912, 12, 12)), Some(0));
        assert_eq!(number.age_on(date(1913, 12, 11)), Some(0));
        assert_eq!(number.age_on(date(1913, 12, 12)), Some(1));
        assert_eq!(number.age_on(date(2025, 12, 12)), Some(113));
    }

    #[test]
    fn born_on_29_february_completes_a_year_on_1_march_in_common_years() {
        let number = parse(&with_check_digit("120229121")).unwrap();
        assert_eq!(number.birth_date(), date(2012, 2, 29));
        assert_eq!(number.age_on(date(2013, 2, 28)), Some(0));
        assert_eq!(number.age_on(date(2013, 3, 1)), Some(1));
        assert_eq!(number.age_on(date(2016, 2, 28)), Some(3));
        assert_eq!(number.age_on(date(2016, 2, 29)), Some(4));
    }

    #[test]
    fn display_and_debug_show_no_digits() {
        let number = parse("19121212-1212").unwrap();
        assert_eq!(number.to_string(), "[personnummer]");
        assert_eq!(format!("{number:?}"), "Personnummer { .. }");
        assert_eq!(format!("{number:#?}"), "Personnummer { .. }");
    }

    #[test]
    fn pseudonym_matches_the_hmac_sha256_reference_value() {
        let number = parse("19121212-1212").unwrap();
        let key = PseudonymKey::new(b"0123456789abcdef").unwrap();
        assert_eq!(
            Pseudonym::of(&number, &key).to_string(),
            "9f708bad322fcf57615f64f007596dfd4e62741b341ec76de8e78bf669816dcf"
        );
        let other = PseudonymKey::new(b"fedcba9876543210").unwrap();
        assert_eq!(
            Pseudonym::of(&number, &other).to_string(),
            "dc505485cdce0ac76a2ac709bdd789a3bb851b0e6df6b237e7c18b87b15dfcef"
        );
    }

    #[test]
    fn pseudonym_key_must_have_at_least_16_bytes() {
        assert_eq!(
            PseudonymKey::new([1_u8; 15]).unwrap_err(),
            CoreError::PseudonymKeyTooShort {
                length: 15,
                minimum: 16
            }
        );
        assert!(PseudonymKey::new([1_u8; 16]).is_ok());
        assert!(PseudonymKey::new([1_u8; 200]).is_ok());
    }

    #[test]
    fn pseudonym_key_debug_shows_no_key_material() {
        let key = PseudonymKey::new(b"secret-secret-secret").unwrap();
        let debug = format!("{key:?}");
        assert_eq!(debug, "PseudonymKey { .. }");
    }

    #[test]
    fn personnummer_shaped_pseudonym_text_is_rejected_without_echo() {
        for text in [
            "19121212-1212",
            "191212121212",
            "121212-1212",
            "",
            &"0".repeat(63),
            &"0".repeat(65),
            &format!("{}g", "0".repeat(63)),
            &format!("{}é", "0".repeat(62)),
        ] {
            let err = text.parse::<Pseudonym>().unwrap_err();
            assert!(matches!(err, CoreError::InvalidPseudonym { .. }));
            let message = err.to_string();
            assert!(text.is_empty() || !message.contains(text), "{message}");
            // "64" is the only number in the messages.
            assert!(
                !message.contains("0000") && !message.contains("1212"),
                "{message}"
            );
        }
    }

    #[test]
    fn redaction_masks_every_written_form() {
        for text in [
            "121212-1212",
            "121212+1212",
            "1212121212",
            "19121212-1212",
            "191212121212",
            "811218-9875",
        ] {
            assert_eq!(redact_identity_numbers(text), "[personnummer]", "{text}");
            assert_eq!(
                redact_identity_numbers(&format!("Ärende ({text}), beslut: {text}.")),
                "Ärende ([personnummer]), beslut: [personnummer].",
            );
        }
        assert_eq!(
            redact_identity_numbers("a121212-1212b;19121212-1212−x"),
            "a[personnummer]b;[personnummer]−x"
        );
    }

    #[test]
    fn redaction_leaves_amounts_and_other_numbers_alone() {
        for text in [
            "2 154 718 tkr",
            "−263 094",
            "- 8 835",
            "1,84 %",
            "2023-02-30",
            "20230230",
            "12345678901",
            "1234567890123",
            "121212-12121",
            "1121212-1212",
            "121212-121",
            "12121-1212",
            "070-123 45 67",
            "SFS 2001:453",
            "",
        ] {
            assert!(
                matches!(redact_identity_numbers(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn every_generated_number_parses_back_to_the_same_birth_date_and_kind(
            (number, text) in arbitrary_personnummer_text(date(2025, 6, 1)),
        ) {
            let parsed = parse(&text)?;
            prop_assert_eq!(parsed, number);
            prop_assert_eq!(parsed.birth_date(), number.birth_date());
            prop_assert_eq!(parsed.kind(), number.kind());
        }

        #[test]
        fn every_form_parses_back_on_any_plausible_reference_date(
            number in any::<Personnummer>(),
            form in 0_u8..4,
            days in 0_u64..47_000,
        ) {
            // From the day of birth to about 128 years later.
            let reference = number.birth_date() + chrono::Days::new(days);
            let text = number.written_form(form, reference);
            prop_assert_eq!(Personnummer::parse(&text, reference)?, number);
        }

        #[test]
        fn every_single_digit_substitution_is_rejected(
            number in any::<Personnummer>(),
            long in any::<bool>(),
        ) {
            let reference = reference();
            // `YYYYMMDD-NNNC` (skip the century) or `YYMMDD±NNNC`.
            let text = number.written_form(if long { 1 } else { 2 }, reference);
            let skip = text.len() - 11;
            let digit_indices: Vec<usize> = text
                .char_indices()
                .filter(|(i, c)| *i >= skip && c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(digit_indices.len(), 10);
            for index in digit_indices {
                for replacement in '0'..='9' {
                    let mut corrupted: Vec<char> = text.chars().collect();
                    if corrupted[index] == replacement {
                        continue;
                    }
                    corrupted[index] = replacement;
                    let corrupted: String = corrupted.into_iter().collect();
                    let err = Personnummer::parse(&corrupted, reference);
                    prop_assert!(
                        matches!(err, Err(CoreError::InvalidPersonnummer { .. })),
                        "{} accepted",
                        corrupted
                    );
                }
            }
        }

        #[test]
        fn redaction_masks_numbers_with_any_separator(number in any::<Personnummer>(), sep in proptest::sample::select(vec!["-", "+", " ", "\u{a0}", "\u{202f}", "\u{2013}", "\u{2212}", ""])) {
            let text = number.written_form(1, reference());
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let (date, serial) = digits.split_at(8);
            for written in [format!("{date}{sep}{serial}"), format!("{}{sep}{serial}", &date[2..])] {
                let line = format!("rad 4: {written} saknar beslut");
                let masked = redact_identity_numbers(&line);
                prop_assert_eq!(masked.as_ref(), "rad 4: [personnummer] saknar beslut", "{}", line);
            }
        }

        #[test]
        fn error_messages_never_echo_the_input(
            number in any::<Personnummer>(),
            index in 2_usize..13,
            replacement in proptest::char::range('0', '9'),
        ) {
            let text = number.written_form(1, reference());
            let mut corrupted: Vec<char> = text.chars().collect();
            prop_assume!(corrupted[index] != replacement && corrupted[index] != '-');
            corrupted[index] = replacement;
            let corrupted: String = corrupted.into_iter().collect();
            let message = parse(&corrupted).unwrap_err().to_string();
            // Only the position (at most two digits) may appear.
            let longest_run = message
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            prop_assert!(longest_run <= 2, "{}", message);
        }

        #[test]
        fn debug_and_display_contain_none_of_the_digits(number in any::<Personnummer>()) {
            for shown in [format!("{number}"), format!("{number:?}"), format!("{number:#?}")] {
                prop_assert!(!shown.bytes().any(|b| b.is_ascii_digit()), "{}", shown);
            }
        }

        #[test]
        fn pseudonyms_are_stable_for_the_same_key_and_differ_between_keys(
            number in any::<Personnummer>(),
            other in any::<Personnummer>(),
        ) {
            let first = Pseudonym::of(&number, &key(1));
            prop_assert_eq!(first, Pseudonym::of(&number, &key(1)));
            prop_assert_ne!(first, Pseudonym::of(&number, &key(2)));
            if other != number {
                prop_assert_ne!(first, Pseudonym::of(&other, &key(1)));
            }
        }

        #[test]
        fn pseudonym_display_and_from_str_round_trip(pseudonym in any::<Pseudonym>()) {
            let text = pseudonym.to_string();
            prop_assert_eq!(text.len(), 64);
            prop_assert!(text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
            prop_assert_eq!(text.parse::<Pseudonym>()?, pseudonym);
            prop_assert_eq!(text.to_uppercase().parse::<Pseudonym>()?, pseudonym);
            prop_assert_eq!(format!("{pseudonym:?}"), format!("Pseudonym({text})"));
        }

        #[test]
        fn redaction_masks_generated_numbers_inside_text(
            (_, text) in arbitrary_personnummer_text(date(2025, 6, 1)),
            before in "[a-zåäö ,.:()]{0,8}",
            after in "[a-zåäö ,.:()]{0,8}",
        ) {
            let embedded = format!("{before}{text}{after}");
            let masked = redact_identity_numbers(&embedded);
            prop_assert_eq!(masked, format!("{before}[personnummer]{after}"));
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn pseudonym_serde_uses_the_validated_hex_string() {
        let number = parse("19121212-1212").unwrap();
        let pseudonym = Pseudonym::of(&number, &PseudonymKey::new(b"0123456789abcdef").unwrap());
        let json = serde_json::to_string(&pseudonym).unwrap();
        assert_eq!(
            json,
            "\"9f708bad322fcf57615f64f007596dfd4e62741b341ec76de8e78bf669816dcf\""
        );
        assert_eq!(serde_json::from_str::<Pseudonym>(&json).unwrap(), pseudonym);
        let err = serde_json::from_str::<Pseudonym>("\"19121212-1212\"").unwrap_err();
        assert!(!err.to_string().contains("1212"), "{err}");
        assert_eq!(
            serde_json::to_string(&LegalGender::Female).unwrap(),
            "\"female\""
        );
        assert_eq!(
            serde_json::from_str::<PersonnummerKind>("\"samordningsnummer\"").unwrap(),
            PersonnummerKind::Samordningsnummer
        );
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn pseudonym_schema_is_a_hex_string_pattern() {
        let schema = schemars::schema_for!(Pseudonym);
        let value = serde_json::to_value(&schema).unwrap();
        assert_eq!(value["type"], "string");
        assert_eq!(value["pattern"], "^[0-9a-fA-F]{64}$");
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_conversions_agree_with_chrono() {
        let number = parse("19121212-1212").unwrap();
        let birth = number.birth_date_time().unwrap();
        assert_eq!(
            birth,
            time::Date::from_calendar_date(1912, time::Month::December, 12).unwrap()
        );
        let on = time::Date::from_calendar_date(2012, time::Month::December, 11).unwrap();
        assert_eq!(number.age_on_time(on), Some(99));
        let before = time::Date::from_calendar_date(1900, time::Month::January, 1).unwrap();
        assert_eq!(number.age_on_time(before), None);
    }
}
