//! Numbers as Swedish committee documents print them, and back.

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;

use crate::amount::{Amount, Unit};
use crate::rounding::MAX_DECIMALS;
use crate::{CoreError, Result, Rounding};

/// The unit printed after a Swedish number.
///
/// # Example
/// ```
/// use namnd_core::{NumberUnit, SwedishNumber, Unit};
///
/// assert_eq!(SwedishNumber::parse("58 dagar")?.unit(), NumberUnit::Days);
/// assert_eq!(NumberUnit::Tkr.money(), Some(Unit::Tkr));
/// assert_eq!(NumberUnit::Percent.money(), None);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum NumberUnit {
    /// No unit was printed.
    None,
    /// Kronor: `kr`, `kronor`, `sek`.
    Kr,
    /// Thousands of kronor: `tkr`.
    Tkr,
    /// Millions of kronor: `mkr`, `mnkr`.
    Mkr,
    /// Percent: `%`, `procent`.
    Percent,
    /// Percentage points (*procentenheter*): the difference between two percentages.
    PercentagePoints,
    /// A count (*stycken*): `st`.
    Count,
    /// Days: `dagar`, `dag`, `dygn`.
    Days,
}

impl NumberUnit {
    /// The money unit, if this is one.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{NumberUnit, Unit};
    /// assert_eq!(NumberUnit::Mkr.money(), Some(Unit::Mkr));
    /// assert_eq!(NumberUnit::Count.money(), None);
    /// ```
    pub fn money(self) -> Option<Unit> {
        match self {
            NumberUnit::Kr => Some(Unit::Kr),
            NumberUnit::Tkr => Some(Unit::Tkr),
            NumberUnit::Mkr => Some(Unit::Mkr),
            _ => None,
        }
    }

    /// The symbol this crate prints for the unit (empty for [`NumberUnit::None`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::NumberUnit;
    /// assert_eq!(NumberUnit::Percent.symbol(), "%");
    /// assert_eq!(NumberUnit::Count.symbol(), "st");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            NumberUnit::None => "",
            NumberUnit::Kr => "kr",
            NumberUnit::Tkr => "tkr",
            NumberUnit::Mkr => "mkr",
            NumberUnit::Percent => "%",
            NumberUnit::PercentagePoints => "procentenheter",
            NumberUnit::Count => "st",
            NumberUnit::Days => "dagar",
        }
    }
}

impl fmt::Display for NumberUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl From<Unit> for NumberUnit {
    fn from(unit: Unit) -> Self {
        match unit {
            Unit::Kr => NumberUnit::Kr,
            Unit::Tkr => NumberUnit::Tkr,
            Unit::Mkr => NumberUnit::Mkr,
        }
    }
}

/// The decimal mark a number was written with.
///
/// Swedish uses the comma; a stray point ("1.8" next to "1,84" in one Flen
/// column) is accepted but recorded, so a consistency checker can point at it.
///
/// # Example
/// ```
/// use namnd_core::{DecimalMark, SwedishNumber};
/// assert_eq!(SwedishNumber::parse("1.8")?.decimal_mark(), Some(DecimalMark::Point));
/// assert_eq!(SwedishNumber::parse("1,84")?.decimal_mark(), Some(DecimalMark::Comma));
/// assert_eq!(SwedishNumber::parse("184")?.decimal_mark(), None);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum DecimalMark {
    /// The decimal comma, `1,5`.
    Comma,
    /// The decimal point, `1.5`.
    Point,
}

/// A number read from a Swedish committee document: value, unit and the number
/// of decimals it was printed with.
///
/// Accepted forms, all seen in real documents:
/// - thousands separated by a space, a no-break space (U+00A0), a narrow
///   no-break space (U+202F) or a thin space (U+2009): `-263 094`, `2 154 718 tkr`;
///   groups after the first must have exactly three digits, so a column-split
///   accident such as `1 5 341` is an error rather than a guess;
/// - a decimal comma (`1 418,0`), or a stray decimal point (`1.8`, recorded in
///   [`SwedishNumber::decimal_mark`]);
/// - a minus written as a hyphen, U+2212 (`−`) or an en dash (`–`), with or
///   without a space after it (`− 2,9`, `- 8 835`); a plus sign is accepted too;
/// - `-0`, a rounded small negative, kept as [`SwedishNumber::is_negative_zero`];
/// - units `%` (with or without a space), `procent`, `procentenheter`, `kr`,
///   `kronor`, `tkr`, `mkr`, `mnkr`, `st`, `dagar`;
/// - parentheses around the whole, `(75,00%)`, recorded in
///   [`SwedishNumber::is_parenthesised`]. They do **not** make the value negative:
///   Swedish committee tables write a minus sign, and parentheses enclose
///   remarks such as "Deltid (75,00%)".
///
/// The number of decimals tells how precisely a value was printed, and so how
/// far a rounded value may lie from the exact one ([`SwedishNumber::half_unit`]).
///
/// # Example
/// ```
/// use namnd_core::{Decimal, NumberUnit, SwedishNumber};
///
/// let n = SwedishNumber::parse("− 2,9 mkr")?;
/// assert_eq!(n.value(), Decimal::new(-29, 1));
/// assert_eq!(n.unit(), NumberUnit::Mkr);
/// assert_eq!(n.decimals(), 1);
///
/// let p: SwedishNumber = "9,78 %".parse()?;
/// assert_eq!((p.value(), p.unit(), p.decimals()), (Decimal::new(978, 2), NumberUnit::Percent, 2));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SwedishNumberRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SwedishNumber {
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    value: Decimal,
    unit: NumberUnit,
    decimals: u32,
    negative_zero: bool,
    parenthesised: bool,
    decimal_mark: Option<DecimalMark>,
}

/// The serialised form of a [`SwedishNumber`], checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct SwedishNumberRepr {
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    value: Decimal,
    unit: NumberUnit,
    decimals: u32,
    negative_zero: bool,
    parenthesised: bool,
    decimal_mark: Option<DecimalMark>,
}

#[cfg(feature = "serde")]
impl TryFrom<SwedishNumberRepr> for SwedishNumber {
    type Error = CoreError;

    fn try_from(r: SwedishNumberRepr) -> Result<Self> {
        let mut number = SwedishNumber::new(r.value, r.unit, r.decimals)?;
        if r.negative_zero && !r.value.is_zero() {
            return Err(CoreError::InconsistentNumber {
                value: r.value,
                reason: "only zero can be a negative zero",
            });
        }
        if (r.decimals > 0) != r.decimal_mark.is_some() {
            return Err(CoreError::InconsistentNumber {
                value: r.value,
                reason: "a decimal mark goes with decimals, and only with decimals",
            });
        }
        number.negative_zero = r.negative_zero;
        number.parenthesised = r.parenthesised;
        number.decimal_mark = r.decimal_mark;
        Ok(number)
    }
}

/// Characters accepted between groups of thousands.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Characters skipped around the number and its unit.
fn is_blank(c: char) -> bool {
    is_group_separator(c) || c == '\t'
}

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2013}')
}

/// The largest mantissa a `Decimal` holds: 2⁹⁶ − 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// A cursor over the input that reports 1-based byte positions.
struct Cursor<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.input
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn peek_second(&self) -> Option<char> {
        let mut chars = self.input.get(self.pos..)?.chars();
        chars.next();
        chars.next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.bump();
        }
    }

    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn error(&self, expected: &'static str) -> CoreError {
        CoreError::ParseNumber {
            input: crate::error::echo(self.input),
            position: self.pos + 1,
            expected,
        }
    }

    fn out_of_range(&self, at: usize) -> CoreError {
        CoreError::NumberOutOfRange {
            input: crate::error::echo(self.input),
            position: at + 1,
        }
    }
}

/// Accumulates digits into a `Decimal` mantissa without allocating.
struct Digits {
    mantissa: u128,
    /// Byte offset (from 0) of the first digit that did not fit, if any.
    overflow_at: Option<usize>,
}

impl Digits {
    fn push(&mut self, digit: u32, at: usize) {
        if self.overflow_at.is_some() {
            return;
        }
        match self
            .mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(digit)))
        {
            Some(m) if m <= MAX_MANTISSA => self.mantissa = m,
            _ => self.overflow_at = Some(at),
        }
    }
}

impl SwedishNumber {
    /// Reads a number written the Swedish way (see the type's docs for the forms).
    ///
    /// # Errors
    /// [`CoreError::ParseNumber`] naming the input, the 1-based byte position and
    /// what was expected there; [`CoreError::NumberOutOfRange`] if the number has
    /// more digits than a `Decimal` holds.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, SwedishNumber};
    ///
    /// let n = SwedishNumber::parse("-0")?;
    /// assert!(n.value().is_zero() && n.is_negative_zero());
    ///
    /// let err = SwedishNumber::parse("1 5 341").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"expected three digits after a thousands separator in "1 5 341" at byte 3"#
    /// );
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn parse(input: &str) -> Result<SwedishNumber> {
        let mut cur = Cursor { input, pos: 0 };
        cur.skip_blanks();
        let parenthesised = cur.peek() == Some('(');
        if parenthesised {
            cur.bump();
            cur.skip_blanks();
        }
        let negative = match cur.peek() {
            Some(c) if is_minus(c) => {
                cur.bump();
                cur.skip_blanks();
                true
            }
            Some('+') => {
                cur.bump();
                cur.skip_blanks();
                false
            }
            _ => false,
        };

        let mut digits = Digits {
            mantissa: 0,
            overflow_at: None,
        };
        // Integer part, in groups of thousands.
        if !cur.peek().is_some_and(|c| c.is_ascii_digit()) {
            return Err(cur.error(if negative {
                "a digit after the minus sign"
            } else {
                "a number"
            }));
        }
        let mut group_len = 0_usize;
        let mut grouped = false;
        loop {
            match cur.peek() {
                Some(c) if c.is_ascii_digit() => {
                    digits.push(c.to_digit(10).unwrap_or(0), cur.pos);
                    group_len += 1;
                    cur.bump();
                }
                Some(c)
                    if is_group_separator(c)
                        && cur.peek_second().is_some_and(|d| d.is_ascii_digit()) =>
                {
                    if group_len > 3 || (grouped && group_len != 3) {
                        return Err(cur.error("at most three digits before a thousands separator"));
                    }
                    cur.bump();
                    grouped = true;
                    // The next group must have exactly three digits.
                    let group_start = Cursor {
                        input,
                        pos: cur.pos,
                    };
                    let run = cur.rest().chars().take_while(char::is_ascii_digit).count();
                    if run != 3 {
                        return Err(group_start.error("three digits after a thousands separator"));
                    }
                    group_len = 0;
                }
                _ => break,
            }
        }

        // Decimal part.
        let mut decimals = 0_u32;
        let decimal_mark = match cur.peek() {
            Some(',') => Some(DecimalMark::Comma),
            Some('.') => Some(DecimalMark::Point),
            _ => None,
        };
        if let Some(mark) = decimal_mark {
            cur.bump();
            if !cur.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(cur.error(match mark {
                    DecimalMark::Comma => "a digit after the decimal comma",
                    DecimalMark::Point => "a digit after the decimal point",
                }));
            }
            while let Some(c) = cur.peek().filter(char::is_ascii_digit) {
                if decimals == MAX_DECIMALS {
                    return Err(cur.out_of_range(cur.pos));
                }
                digits.push(c.to_digit(10).unwrap_or(0), cur.pos);
                decimals += 1;
                cur.bump();
            }
        }
        if let Some(at) = digits.overflow_at {
            return Err(cur.out_of_range(at));
        }

        // Unit.
        cur.skip_blanks();
        let unit_start = cur.pos;
        let word_len = cur
            .rest()
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '%' || c == '-' || c == '.'))
            .map_or(cur.rest().len(), |(i, _)| i);
        let word = cur.rest().get(..word_len).unwrap_or("");
        let unit = if word.is_empty() {
            NumberUnit::None
        } else if let Some(unit) = SwedishNumber::parse_unit_word(word) {
            cur.pos = unit_start + word_len;
            unit
        } else if word.starts_with('%') {
            // "%" directly followed by letters: take the "%" and complain about the rest.
            cur.pos = unit_start + 1;
            NumberUnit::Percent
        } else {
            return Err(cur.error("a unit (%, kr, tkr, mkr, st, dagar) or the end of the number"));
        };

        cur.skip_blanks();
        if parenthesised {
            if cur.peek() != Some(')') {
                return Err(cur.error("a closing parenthesis"));
            }
            cur.bump();
            cur.skip_blanks();
        }
        if cur.peek().is_some() {
            return Err(cur.error("the end of the number"));
        }

        let magnitude = i128::try_from(digits.mantissa)
            .ok()
            .and_then(|m| Decimal::try_from_i128_with_scale(m, decimals).ok())
            .ok_or_else(|| cur.out_of_range(cur.pos))?;
        let negative_zero = negative && magnitude.is_zero();
        let value = if negative && !negative_zero {
            -magnitude
        } else {
            magnitude
        };
        Ok(SwedishNumber {
            value,
            unit,
            decimals,
            negative_zero,
            parenthesised,
            decimal_mark,
        })
    }

    /// Reads a unit word (any case); `None` if it is not one.
    pub(crate) fn parse_unit_word(word: &str) -> Option<NumberUnit> {
        let lower = word.to_lowercase();
        Some(match lower.as_str() {
            "%" | "procent" => NumberUnit::Percent,
            "procentenheter" | "procentenhet" | "%-enheter" | "p.e." => {
                NumberUnit::PercentagePoints
            }
            "kr" | "kr." | "kronor" | "sek" => NumberUnit::Kr,
            "tkr" | "tkr." | "tsek" => NumberUnit::Tkr,
            "mkr" | "mkr." | "mnkr" | "mnkr." | "msek" => NumberUnit::Mkr,
            "st" | "st." | "stycken" => NumberUnit::Count,
            "dagar" | "dag" | "dygn" => NumberUnit::Days,
            _ => return None,
        })
    }

    /// A number with a value, unit and number of decimals, as if it had been read.
    /// The value may have fewer decimals than stated (`2` stated with one decimal
    /// prints `2,0`), never more: round it explicitly first.
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] if `decimals` exceeds 28;
    /// [`CoreError::MoreDecimalsThanStated`] if `value` has more decimals than
    /// `decimals` (after dropping trailing zeros).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, NumberUnit, SwedishNumber};
    /// let n = SwedishNumber::new(Decimal::new(-29, 1), NumberUnit::Mkr, 1)?;
    /// assert_eq!(n.to_string(), "\u{2212}2,9\u{a0}mkr");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(value: Decimal, unit: NumberUnit, decimals: u32) -> Result<SwedishNumber> {
        if decimals > MAX_DECIMALS {
            return Err(CoreError::TooManyDecimals { decimals });
        }
        if value.normalize().scale() > decimals {
            return Err(CoreError::MoreDecimalsThanStated { value, decimals });
        }
        Ok(SwedishNumber {
            value,
            unit,
            decimals,
            negative_zero: false,
            parenthesised: false,
            decimal_mark: (decimals > 0).then_some(DecimalMark::Comma),
        })
    }

    /// The value, exactly as printed (the sign included, the unit not applied:
    /// `2 154 718 tkr` has value 2 154 718).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, SwedishNumber};
    /// assert_eq!(SwedishNumber::parse("-263 094")?.value(), Decimal::from(-263_094));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The unit printed after the number.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{NumberUnit, SwedishNumber};
    /// assert_eq!(SwedishNumber::parse("19 st")?.unit(), NumberUnit::Count);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn unit(&self) -> NumberUnit {
        self.unit
    }

    /// How many decimals were printed.
    ///
    /// # Example
    /// ```
    /// use namnd_core::SwedishNumber;
    /// assert_eq!(SwedishNumber::parse("1 418,0")?.decimals(), 1);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// Whether the number was printed as `-0` (a small negative rounded to zero).
    ///
    /// # Example
    /// ```
    /// use namnd_core::SwedishNumber;
    /// assert!(SwedishNumber::parse("−0,0")?.is_negative_zero());
    /// assert!(!SwedishNumber::parse("0")?.is_negative_zero());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn is_negative_zero(&self) -> bool {
        self.negative_zero
    }

    /// Whether the number stood in parentheses, `(75,00%)`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, SwedishNumber};
    /// let n = SwedishNumber::parse("(75,00%)")?;
    /// assert!(n.is_parenthesised());
    /// assert_eq!(n.value(), Decimal::new(7500, 2));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn is_parenthesised(&self) -> bool {
        self.parenthesised
    }

    /// The decimal mark used, or `None` for an integer.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{DecimalMark, SwedishNumber};
    /// assert_eq!(SwedishNumber::parse("8,73%")?.decimal_mark(), Some(DecimalMark::Comma));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn decimal_mark(&self) -> Option<DecimalMark> {
        self.decimal_mark
    }

    /// Half a unit in the last printed decimal: how far the exact value may lie
    /// from the printed one if it was rounded to nearest (0,5 for integers, 0,05
    /// for one decimal). At 28 decimals, where half a unit is below what a
    /// `Decimal` can hold, it is 5 × 10⁻²⁸: an over-estimate, never an under-estimate.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, SwedishNumber};
    /// assert_eq!(SwedishNumber::parse("7,3 mkr")?.half_unit(), Decimal::new(5, 2));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn half_unit(&self) -> Decimal {
        // decimals ≤ 28, so the scale is valid.
        Decimal::new(5, self.decimals.saturating_add(1).min(MAX_DECIMALS))
    }

    /// The number as an [`Amount`], if its unit is kr, tkr or mkr.
    ///
    /// # Errors
    /// [`CoreError::NotAnAmount`] if it has no money unit, [`CoreError::Overflow`]
    /// if the value in kronor is out of range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SwedishNumber};
    /// let n = SwedishNumber::parse("2 154 718 tkr")?;
    /// assert_eq!(n.amount()?, Amount::from_tkr(2_154_718)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn amount(&self) -> Result<Amount> {
        match self.unit.money() {
            Some(unit) => Amount::new(self.value, unit),
            None => Err(CoreError::NotAnAmount {
                input: self.to_string(),
                found: match self.unit {
                    NumberUnit::None => "no unit".to_owned(),
                    other => format!("unit {other}"),
                },
            }),
        }
    }

    /// Formats the number with `format` (which sets decimals, rounding,
    /// separator and minus), followed by its unit after the same separator
    /// character (an ordinary space when the format has none).
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] if the format asks for more than 28 decimals.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{NumberFormat, Rounding, Separator, SwedishNumber};
    /// let n = SwedishNumber::parse("87,5 %")?;
    /// let f = NumberFormat::new(0, Rounding::HalfAwayFromZero).with_separator(Separator::Space);
    /// assert_eq!(n.format(&f)?, "88 %");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn format(&self, format: &NumberFormat) -> Result<String> {
        let mut text = format.format(self.value)?;
        if self.unit != NumberUnit::None {
            text.push(format.separator.char().unwrap_or(' '));
            text.push_str(self.unit.symbol());
        }
        Ok(text)
    }
}

/// Prints the number back with its own decimals and unit in the default
/// Swedish style: no-break-space thousands, decimal comma, U+2212 minus.
/// Negative zero prints as `−0`.
impl fmt::Display for SwedishNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = NumberFormat::new(self.decimals, Rounding::HalfEven);
        if self.negative_zero {
            f.write_str(format.minus.as_str())?;
        }
        match self.format(&format) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "{}", self.value),
        }
    }
}

impl FromStr for SwedishNumber {
    type Err = CoreError;

    /// Same as [`SwedishNumber::parse`].
    fn from_str(s: &str) -> Result<Self> {
        SwedishNumber::parse(s)
    }
}

/// The character printed between groups of thousands.
///
/// # Example
/// ```
/// use namnd_core::Separator;
/// assert_eq!(Separator::NoBreakSpace.char(), Some('\u{a0}'));
/// assert_eq!(Separator::None.char(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Separator {
    /// An ordinary space, U+0020.
    Space,
    /// A no-break space, U+00A0 (the default: a number never breaks across lines).
    NoBreakSpace,
    /// A narrow no-break space, U+202F.
    NarrowNoBreakSpace,
    /// No separator: `263094`.
    None,
}

impl Separator {
    /// The character, or `None` for [`Separator::None`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::Separator;
    /// assert_eq!(Separator::Space.char(), Some(' '));
    /// ```
    pub fn char(self) -> Option<char> {
        match self {
            Separator::Space => Some(' '),
            Separator::NoBreakSpace => Some('\u{a0}'),
            Separator::NarrowNoBreakSpace => Some('\u{202f}'),
            Separator::None => None,
        }
    }
}

/// The character printed for a minus sign.
///
/// # Example
/// ```
/// use namnd_core::Minus;
/// assert_eq!(Minus::MinusSign.as_str(), "\u{2212}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Minus {
    /// The hyphen-minus `-`, for CSV and machine-readable output.
    Hyphen,
    /// The real minus sign `−` (U+2212), the default for reports.
    MinusSign,
    /// The en dash `–` (U+2013), as some word processors print it.
    EnDash,
}

impl Minus {
    /// The sign as text.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Minus;
    /// assert_eq!(Minus::Hyphen.as_str(), "-");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Minus::Hyphen => "-",
            Minus::MinusSign => "\u{2212}",
            Minus::EnDash => "\u{2013}",
        }
    }
}

/// How to print a number the Swedish way: a fixed number of decimals after a
/// decimal comma, an explicit rounding mode, a thousands separator and a minus sign.
///
/// There is no `Default`, because rounding is always explicit;
/// [`NumberFormat::new`] takes the decimals and rounding and defaults the rest
/// to no-break-space thousands and a real minus sign (U+2212).
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Minus, NumberFormat, Rounding, Separator};
///
/// let tkr = NumberFormat::new(0, Rounding::HalfAwayFromZero);
/// assert_eq!(tkr.format(Decimal::new(-2_630_945, 1))?, "\u{2212}263\u{a0}095");
///
/// let csv = NumberFormat::new(1, Rounding::HalfEven)
///     .with_separator(Separator::None)
///     .with_minus(Minus::Hyphen);
/// assert_eq!(csv.format(Decimal::new(-14_181, 1))?, "-1418,1");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct NumberFormat {
    decimals: u32,
    rounding: Rounding,
    separator: Separator,
    minus: Minus,
}

impl NumberFormat {
    /// A format with `decimals` decimals rounded by `rounding`, no-break-space
    /// thousands and a real minus sign.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, NumberFormat, Rounding};
    /// let f = NumberFormat::new(2, Rounding::HalfAwayFromZero);
    /// assert_eq!(f.format(Decimal::new(8725, 3))?, "8,73");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(decimals: u32, rounding: Rounding) -> NumberFormat {
        NumberFormat {
            decimals,
            rounding,
            separator: Separator::NoBreakSpace,
            minus: Minus::MinusSign,
        }
    }

    /// The same format with another thousands separator.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, NumberFormat, Rounding, Separator};
    /// let f = NumberFormat::new(0, Rounding::HalfEven).with_separator(Separator::Space);
    /// assert_eq!(f.format(Decimal::from(2_154_718))?, "2 154 718");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn with_separator(mut self, separator: Separator) -> NumberFormat {
        self.separator = separator;
        self
    }

    /// The same format with another minus sign.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Minus, NumberFormat, Rounding};
    /// let f = NumberFormat::new(0, Rounding::HalfEven).with_minus(Minus::EnDash);
    /// assert_eq!(f.format(Decimal::from(-40))?, "\u{2013}40");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn with_minus(mut self, minus: Minus) -> NumberFormat {
        self.minus = minus;
        self
    }

    /// The number of decimals printed.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{NumberFormat, Rounding};
    /// assert_eq!(NumberFormat::new(1, Rounding::HalfEven).decimals(), 1);
    /// ```
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// The rounding mode used before printing.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{NumberFormat, Rounding};
    /// assert_eq!(NumberFormat::new(1, Rounding::TowardZero).rounding(), Rounding::TowardZero);
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// Rounds `value` and prints it. A value that rounds to zero prints without
    /// a sign.
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] if the format has more than 28 decimals.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, NumberFormat, Rounding};
    /// let f = NumberFormat::new(0, Rounding::HalfAwayFromZero);
    /// assert_eq!(f.format(Decimal::new(-4, 1))?, "0");
    /// assert_eq!(f.format(Decimal::from(1_418))?, "1\u{a0}418");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn format(&self, value: Decimal) -> Result<String> {
        let rounded = self.rounding.round(value, self.decimals)?;
        let mut mantissa = rounded.abs();
        // `rescale` stops short when the extra zeros would not fit in the
        // mantissa; the missing zeros are padded as text below.
        mantissa.rescale(self.decimals);
        let plain = mantissa.to_string();
        let (int_part, frac_part) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
        let missing_zeros = usize::try_from(self.decimals)
            .unwrap_or(usize::MAX)
            .saturating_sub(frac_part.len());

        let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 4);
        if rounded.is_sign_negative() && !rounded.is_zero() {
            out.push_str(self.minus.as_str());
        }
        let len = int_part.len();
        for (i, c) in int_part.chars().enumerate() {
            if let Some(sep) = self
                .separator
                .char()
                .filter(|_| i > 0 && (len - i) % 3 == 0)
            {
                out.push(sep);
            }
            out.push(c);
        }
        if self.decimals > 0 {
            out.push(',');
            out.push_str(frac_part);
            out.extend(core::iter::repeat_n('0', missing_zeros));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parsed(s: &str) -> (Decimal, NumberUnit, u32) {
        let n = SwedishNumber::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        (n.value(), n.unit(), n.decimals())
    }

    fn d(mantissa: i64, scale: u32) -> Decimal {
        Decimal::new(mantissa, scale)
    }

    #[test]
    fn reads_every_example_from_the_issue() {
        use NumberUnit as U;
        let cases = [
            ("-263 094", (d(-263_094, 0), U::None, 0)),
            ("1 418,0", (d(14_180, 1), U::None, 1)),
            ("8,73%", (d(873, 2), U::Percent, 2)),
            ("9,78 %", (d(978, 2), U::Percent, 2)),
            ("\u{2212} 2,9", (d(-29, 1), U::None, 1)),
            ("\u{2212}2,9", (d(-29, 1), U::None, 1)),
            ("\u{2013} 2,9", (d(-29, 1), U::None, 1)),
            ("\u{2013}2,9", (d(-29, 1), U::None, 1)),
            ("1\u{a0}418,0", (d(14_180, 1), U::None, 1)),
            ("1\u{202f}418,0", (d(14_180, 1), U::None, 1)),
            ("-0", (d(0, 0), U::None, 0)),
            ("(75,00%)", (d(7_500, 2), U::Percent, 2)),
            ("2 154 718 tkr", (d(2_154_718, 0), U::Tkr, 0)),
            ("811 764 kr", (d(811_764, 0), U::Kr, 0)),
            ("7,3 mkr", (d(73, 1), U::Mkr, 1)),
            ("19 st", (d(19, 0), U::Count, 0)),
            ("58 dagar", (d(58, 0), U::Days, 0)),
            ("- 8 835", (d(-8_835, 0), U::None, 0)),
            ("1.8", (d(18, 1), U::None, 1)),
            ("+32", (d(32, 0), U::None, 0)),
            ("  -40,2  ", (d(-402, 1), U::None, 1)),
            ("3,5 procentenheter", (d(35, 1), U::PercentagePoints, 1)),
            ("7,7 mnkr", (d(77, 1), U::Mkr, 1)),
        ];
        for (input, expected) in cases {
            assert_eq!(parsed(input), expected, "{input:?}");
        }
    }

    #[test]
    fn negative_zero_is_kept_as_a_flag() {
        let n = SwedishNumber::parse("-0").unwrap();
        assert!(n.is_negative_zero());
        assert!(!n.value().is_sign_negative());
        assert_eq!(n.to_string(), "\u{2212}0");
        assert!(!SwedishNumber::parse("-0,1").unwrap().is_negative_zero());
    }

    #[test]
    fn parentheses_are_recorded_and_do_not_negate() {
        let n = SwedishNumber::parse("(75,00%)").unwrap();
        assert!(n.is_parenthesised());
        assert!(n.value().is_sign_positive());
        assert!(!SwedishNumber::parse("75,00%").unwrap().is_parenthesised());
    }

    #[test]
    fn errors_say_what_was_read_where_and_what_was_expected() {
        let cases = [
            (
                "1 418,x",
                r#"expected a digit after the decimal comma in "1 418,x" at byte 7"#,
            ),
            (
                "1.x",
                r#"expected a digit after the decimal point in "1.x" at byte 3"#,
            ),
            ("", r#"expected a number in "" at byte 1"#),
            ("   ", r#"expected a number in "   " at byte 4"#),
            ("abc", r#"expected a number in "abc" at byte 1"#),
            (
                "-",
                r#"expected a digit after the minus sign in "-" at byte 2"#,
            ),
            (
                "1 5 341",
                r#"expected three digits after a thousands separator in "1 5 341" at byte 3"#,
            ),
            (
                "12345 678",
                r#"expected at most three digits before a thousands separator in "12345 678" at byte 6"#,
            ),
            (
                "1.234,5",
                r#"expected the end of the number in "1.234,5" at byte 6"#,
            ),
            (
                "12 äpplen",
                r#"expected a unit (%, kr, tkr, mkr, st, dagar) or the end of the number in "12 äpplen" at byte 4"#,
            ),
            (
                "(75,00%",
                r#"expected a closing parenthesis in "(75,00%" at byte 8"#,
            ),
            (
                "5 tkr 3",
                r#"expected the end of the number in "5 tkr 3" at byte 7"#,
            ),
        ];
        for (input, message) in cases {
            assert_eq!(
                SwedishNumber::parse(input).unwrap_err().to_string(),
                message,
                "{input:?}"
            );
        }
    }

    #[test]
    fn positions_count_bytes_of_multibyte_characters() {
        // U+00A0 is two bytes, so the "x" is byte 8.
        let err = SwedishNumber::parse("1\u{a0}418,x").unwrap_err();
        assert!(matches!(err, CoreError::ParseNumber { position: 8, .. }));
    }

    #[test]
    fn numbers_beyond_the_decimal_range_are_an_error() {
        let too_long = "9".repeat(30);
        assert!(matches!(
            SwedishNumber::parse(&too_long),
            Err(CoreError::NumberOutOfRange { .. })
        ));
        let too_precise = format!("0,{}", "1".repeat(29));
        assert!(matches!(
            SwedishNumber::parse(&too_precise),
            Err(CoreError::NumberOutOfRange { .. })
        ));
        // The largest mantissa still fits.
        assert_eq!(
            SwedishNumber::parse("79228162514264337593543950335")
                .unwrap()
                .value(),
            Decimal::MAX
        );
    }

    #[test]
    fn errors_never_echo_a_personnummer() {
        let err = SwedishNumber::parse("19121212-1212")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("1212-1212"), "{err}");
    }

    #[test]
    fn formatting_prints_every_decimal_asked_for_even_near_the_decimal_range() {
        let f = NumberFormat::new(2, Rounding::HalfEven).with_separator(Separator::None);
        assert_eq!(
            f.format(Decimal::MAX).unwrap(),
            "79228162514264337593543950335,00"
        );
        let f12 = NumberFormat::new(12, Rounding::HalfEven).with_separator(Separator::None);
        let text = f12
            .format(Decimal::from(999_999_999_999_999_999_i64))
            .unwrap();
        assert_eq!(text.split_once(',').unwrap().1.len(), 12, "{text}");
    }

    #[test]
    fn a_value_is_never_rounded_implicitly_into_fewer_decimals() {
        assert_eq!(
            SwedishNumber::new(Decimal::new(25, 1), NumberUnit::None, 0),
            Err(CoreError::MoreDecimalsThanStated {
                value: Decimal::new(25, 1),
                decimals: 0
            })
        );
        // Trailing zeros are not decimals that would need rounding.
        assert!(SwedishNumber::new(Decimal::new(250, 2), NumberUnit::None, 1).is_ok());
    }

    #[test]
    fn out_of_range_errors_point_at_the_first_digit_that_does_not_fit() {
        let err = SwedishNumber::parse("79 228 162 514 264 337 593 543 950 336").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"number "79 228 162 514 264 337 593 543 950 336" is beyond the decimal range (at most 28 digits) at byte 38"#
        );
    }

    #[test]
    fn grouping_follows_the_thousands() {
        let f = NumberFormat::new(0, Rounding::HalfEven).with_separator(Separator::Space);
        let cases = [
            (0, "0"),
            (12, "12"),
            (123, "123"),
            (1_234, "1 234"),
            (-263_094, "\u{2212}263 094"),
            (1_000_000, "1 000 000"),
        ];
        for (value, text) in cases {
            assert_eq!(f.format(Decimal::from(value)).unwrap(), text);
        }
    }

    fn separators() -> impl Strategy<Value = Separator> {
        proptest::sample::select(vec![
            Separator::Space,
            Separator::NoBreakSpace,
            Separator::NarrowNoBreakSpace,
            Separator::None,
        ])
    }

    fn minuses() -> impl Strategy<Value = Minus> {
        proptest::sample::select(vec![Minus::Hyphen, Minus::MinusSign, Minus::EnDash])
    }

    fn units() -> impl Strategy<Value = NumberUnit> {
        proptest::sample::select(vec![
            NumberUnit::None,
            NumberUnit::Kr,
            NumberUnit::Tkr,
            NumberUnit::Mkr,
            NumberUnit::Percent,
            NumberUnit::PercentagePoints,
            NumberUnit::Count,
            NumberUnit::Days,
        ])
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips_for_every_unit_and_decimals(
            mantissa in any::<i64>(),
            scale in 0_u32..=12,
            decimals in 0_u32..=9,
            unit in units(),
            separator in separators(),
            minus in minuses(),
            rounding in any::<Rounding>(),
        ) {
            let value = Decimal::new(mantissa, scale);
            let number = SwedishNumber::new(value, unit, scale)?;
            let format = NumberFormat::new(decimals, rounding)
                .with_separator(separator)
                .with_minus(minus);
            let text = number.format(&format)?;
            let back = SwedishNumber::parse(&text)?;
            prop_assert_eq!(back.value(), rounding.round(value, decimals)?);
            prop_assert_eq!(back.unit(), unit);
            prop_assert_eq!(back.decimals(), decimals);
        }

        #[test]
        fn display_round_trips(mantissa in any::<i64>(), decimals in 0_u32..=10, unit in units()) {
            let number = SwedishNumber::new(Decimal::new(mantissa, decimals), unit, decimals)?;
            let back = SwedishNumber::parse(&number.to_string())?;
            prop_assert_eq!(back.value(), number.value());
            prop_assert_eq!(back.unit(), number.unit());
            prop_assert_eq!(back.decimals(), number.decimals());
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,40}") {
            let _ = SwedishNumber::parse(&input);
        }

        #[test]
        fn parsing_number_like_text_never_panics(input in "[-−–+( ]{0,3}[0-9 \u{a0},.]{0,30}[ %a-z)]{0,8}") {
            if let Err(CoreError::ParseNumber { position, .. }) = SwedishNumber::parse(&input) {
                prop_assert!(position >= 1 && position <= input.len() + 1);
            }
        }
    }
}
