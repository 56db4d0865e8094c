//! Money in Swedish kronor.

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;

use crate::number::{NumberFormat, NumberUnit, SwedishNumber};
use crate::{CoreError, Result, Rounding};

/// A money unit: kronor, thousands of kronor (*tkr*) or millions of kronor (*mkr*, *mnkr*).
///
/// Committee tables are in tkr, prose in mkr with one decimal, ledgers in kr.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Unit};
///
/// let unit: Unit = "mnkr".parse()?;
/// assert_eq!(unit, Unit::Mkr);
/// assert_eq!(unit.factor(), Decimal::from(1_000_000));
/// assert_eq!(Unit::Tkr.to_string(), "tkr");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Unit {
    /// Kronor (*kr*).
    Kr,
    /// Thousands of kronor (*tkr*, *tusen kronor*).
    Tkr,
    /// Millions of kronor (*mkr*, *mnkr*, *miljoner kronor*).
    Mkr,
}

impl Unit {
    /// How many kronor one of this unit is.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Unit};
    /// assert_eq!(Unit::Tkr.factor(), Decimal::from(1_000));
    /// ```
    pub fn factor(self) -> Decimal {
        match self {
            Unit::Kr => Decimal::ONE,
            Unit::Tkr => Decimal::ONE_THOUSAND,
            Unit::Mkr => Decimal::from(1_000_000),
        }
    }

    /// The symbol printed after a number: `kr`, `tkr` or `mkr`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Unit;
    /// assert_eq!(Unit::Mkr.symbol(), "mkr");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Kr => "kr",
            Unit::Tkr => "tkr",
            Unit::Mkr => "mkr",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Unit {
    type Err = CoreError;

    /// Reads `kr`, `kronor`, `tkr`, `mkr` or `mnkr` (any case).
    fn from_str(s: &str) -> Result<Self> {
        match SwedishNumber::parse_unit_word(s.trim()) {
            Some(NumberUnit::Kr) => Ok(Unit::Kr),
            Some(NumberUnit::Tkr) => Ok(Unit::Tkr),
            Some(NumberUnit::Mkr) => Ok(Unit::Mkr),
            other => Err(CoreError::NotAnAmount {
                input: crate::error::echo(s),
                found: match other {
                    Some(unit) => format!("unit {unit}"),
                    None => "no money unit".to_owned(),
                },
            }),
        }
    }
}

/// An amount of money in Swedish kronor, held exactly as a `rust_decimal::Decimal`.
///
/// Constructors name their unit ([`Amount::from_kr`], [`Amount::from_ore`],
/// [`Amount::from_tkr`], [`Amount::from_mkr`]); getters do too
/// ([`Amount::as_kr`], [`Amount::as_tkr`], [`Amount::as_mkr`]). Arithmetic is
/// checked: there are no panicking operators, and an overflow is an error that
/// names both operands. Rounding is never implicit: [`Amount::round_in`] takes a
/// [`Rounding`].
///
/// An `Amount` carries no sign convention of its own; see
/// [`SignConvention`](crate::SignConvention) for how signs are read.
///
/// With the `serde` feature an amount serialises as a decimal string in kronor,
/// e.g. `"6310442.50"`, never as a float.
///
/// # Example
/// ```
/// use namnd_core::{Amount, Decimal, Rounding, Unit};
///
/// let budget = Amount::from_tkr(-263_094)?;
/// let outcome: Amount = "-263 062 tkr".parse()?;
/// let variance = outcome.checked_sub(budget)?;
/// assert_eq!(variance.as_tkr(), Decimal::from(32));
/// assert_eq!(variance.round_in(Unit::Mkr, 1, Rounding::HalfAwayFromZero)?, Decimal::ZERO);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero kronor.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert!(Amount::ZERO.is_zero());
    /// ```
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// An amount in kronor.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// let a = Amount::from_kr(Decimal::new(81_176_450, 2)); // 811 764,50 kr
    /// assert_eq!(a.as_kr(), Decimal::new(81_176_450, 2));
    /// assert_eq!(Amount::from_kr(811_764).as_kr(), Decimal::from(811_764));
    /// ```
    pub fn from_kr(kr: impl Into<Decimal>) -> Amount {
        Amount(kr.into())
    }

    /// An amount in öre (hundredths of a krona).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_ore(150).as_kr(), Decimal::new(150, 2));
    /// ```
    pub fn from_ore(ore: i64) -> Amount {
        Amount(Decimal::new(ore, 2))
    }

    /// An amount in thousands of kronor (*tkr*).
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the amount in kronor does not fit in a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_tkr(12_500)?.as_kr(), Decimal::from(12_500_000));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_tkr(tkr: impl Into<Decimal>) -> Result<Amount> {
        Amount::new(tkr.into(), Unit::Tkr)
    }

    /// An amount in millions of kronor (*mkr*).
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the amount in kronor does not fit in a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_mkr(Decimal::new(73, 1))?.as_tkr(), Decimal::from(7_300));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_mkr(mkr: impl Into<Decimal>) -> Result<Amount> {
        Amount::new(mkr.into(), Unit::Mkr)
    }

    /// An amount of `value` in `unit`.
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the amount in kronor does not fit in a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal, Unit};
    /// let a = Amount::new(Decimal::from(950), Unit::Tkr)?;
    /// assert_eq!(a, Amount::from_kr(950_000));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(value: Decimal, unit: Unit) -> Result<Amount> {
        value
            .checked_mul(unit.factor())
            .map(Amount)
            .ok_or(CoreError::Overflow {
                operation: "×",
                left: value,
                right: unit.factor(),
            })
    }

    /// The amount in kronor, exactly.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_ore(-5).as_kr(), Decimal::new(-5, 2));
    /// ```
    pub fn as_kr(self) -> Decimal {
        self.0
    }

    /// The amount in thousands of kronor, unrounded.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_kr(1_500).as_tkr(), Decimal::new(15, 1));
    /// ```
    pub fn as_tkr(self) -> Decimal {
        self.as_unit(Unit::Tkr)
    }

    /// The amount in millions of kronor, unrounded.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_tkr(-7_318)?.as_mkr(), Decimal::new(-7_318, 3));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn as_mkr(self) -> Decimal {
        self.as_unit(Unit::Mkr)
    }

    /// The amount in `unit`, unrounded. Exact unless the value already uses
    /// nearly all of `Decimal`'s 28 decimals, in which case the last digits are
    /// rounded half to even by `rust_decimal`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal, Unit};
    /// assert_eq!(Amount::from_kr(2_500).as_unit(Unit::Tkr), Decimal::new(25, 1));
    /// ```
    pub fn as_unit(self, unit: Unit) -> Decimal {
        // Dividing by 1, 1 000 or 1 000 000 makes the value smaller, so it cannot overflow.
        self.0.checked_div(unit.factor()).unwrap_or(self.0)
    }

    /// The amount in `unit`, rounded to `decimals` decimals with `rounding`.
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] if `decimals` exceeds 28.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal, Rounding, Unit};
    ///
    /// // Oxelösund prints 950 tkr as "1,0 mkr".
    /// let a = Amount::from_tkr(950)?;
    /// assert_eq!(a.round_in(Unit::Mkr, 1, Rounding::HalfAwayFromZero)?, Decimal::new(10, 1));
    /// assert_eq!(a.round_in(Unit::Mkr, 1, Rounding::TowardZero)?, Decimal::new(9, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn round_in(self, unit: Unit, decimals: u32, rounding: Rounding) -> Result<Decimal> {
        rounding.round(self.as_unit(unit), decimals)
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the sum is outside the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert_eq!(Amount::from_kr(2).checked_add(Amount::from_kr(3))?, Amount::from_kr(5));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn checked_add(self, other: Amount) -> Result<Amount> {
        self.0
            .checked_add(other.0)
            .map(Amount)
            .ok_or(CoreError::Overflow {
                operation: "+",
                left: self.0,
                right: other.0,
            })
    }

    /// `self − other`.
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the difference is outside the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert_eq!(Amount::from_kr(2).checked_sub(Amount::from_kr(3))?, Amount::from_kr(-1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn checked_sub(self, other: Amount) -> Result<Amount> {
        self.0
            .checked_sub(other.0)
            .map(Amount)
            .ok_or(CoreError::Overflow {
                operation: "−",
                left: self.0,
                right: other.0,
            })
    }

    /// `self × factor`, e.g. a volume times a unit price, or 12 / m for a run rate.
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the product is outside the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_kr(250).checked_mul(Decimal::from(4))?, Amount::from_kr(1_000));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn checked_mul(self, factor: Decimal) -> Result<Amount> {
        self.0
            .checked_mul(factor)
            .map(Amount)
            .ok_or(CoreError::Overflow {
                operation: "×",
                left: self.0,
                right: factor,
            })
    }

    /// `self ÷ divisor`. The quotient keeps as many decimals as `Decimal` holds;
    /// round it explicitly with [`Amount::round_in`] before presenting it.
    ///
    /// # Errors
    /// [`CoreError::DivisionByZero`] if `divisor` is zero, [`CoreError::Overflow`]
    /// if the quotient is outside the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Decimal};
    /// assert_eq!(Amount::from_kr(1_200).checked_div(Decimal::from(12))?, Amount::from_kr(100));
    /// assert!(Amount::from_kr(1).checked_div(Decimal::ZERO).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn checked_div(self, divisor: Decimal) -> Result<Amount> {
        if divisor.is_zero() {
            return Err(CoreError::DivisionByZero { left: self.0 });
        }
        self.0
            .checked_div(divisor)
            .map(Amount)
            .ok_or(CoreError::Overflow {
                operation: "÷",
                left: self.0,
                right: divisor,
            })
    }

    /// `−self`. Negation cannot overflow a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert_eq!(Amount::from_kr(877).negated(), Amount::from_kr(-877));
    /// ```
    #[must_use]
    pub fn negated(self) -> Amount {
        Amount(-self.0)
    }

    /// The absolute value.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert_eq!(Amount::from_kr(-40).abs(), Amount::from_kr(40));
    /// ```
    #[must_use]
    pub fn abs(self) -> Amount {
        Amount(self.0.abs())
    }

    /// Whether the amount is zero (−0 included).
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert!(Amount::from_kr(0).is_zero());
    /// ```
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Whether the amount is below zero.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert!(Amount::from_kr(-1).is_negative());
    /// assert!(!Amount::ZERO.is_negative());
    /// ```
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Whether the amount is above zero.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// assert!(Amount::from_kr(1).is_positive());
    /// assert!(!Amount::ZERO.is_positive());
    /// ```
    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    /// Sums amounts, returning an error instead of overflowing.
    ///
    /// (`std::iter::Sum` is deliberately not implemented: it could only panic
    /// on overflow.)
    ///
    /// # Errors
    /// [`CoreError::SumOverflow`] naming the item at which the sum left the
    /// decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    ///
    /// // Oxelösund 2021: 304 151 − 730 + 1 596 + 582 + 350 = 305 949 tkr.
    /// let changes = [304_151, -730, 1_596, 582, 350].map(Amount::from_tkr);
    /// let frame = Amount::try_sum(changes.into_iter().collect::<Result<Vec<_>, _>>()?)?;
    /// assert_eq!(frame, Amount::from_tkr(305_949)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn try_sum<I: IntoIterator<Item = Amount>>(amounts: I) -> Result<Amount> {
        amounts
            .into_iter()
            .enumerate()
            .try_fold(Amount::ZERO, |partial, (index, value)| {
                partial
                    .0
                    .checked_add(value.0)
                    .map(Amount)
                    .ok_or(CoreError::SumOverflow {
                        index,
                        value: value.0,
                        partial: partial.0,
                    })
            })
    }

    /// Formats the amount in `unit` the Swedish way, rounded explicitly.
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] if the format asks for more than 28 decimals.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, NumberFormat, Rounding, Separator, Unit};
    ///
    /// let format = NumberFormat::new(0, Rounding::HalfAwayFromZero).with_separator(Separator::Space);
    /// let a = Amount::from_tkr(-263_094)?;
    /// assert_eq!(a.format_in(Unit::Tkr, &format)?, "−263 094 tkr");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn format_in(self, unit: Unit, format: &NumberFormat) -> Result<String> {
        let rounded = format
            .rounding()
            .round(self.as_unit(unit), format.decimals())?;
        SwedishNumber::new(rounded, unit.into(), format.decimals())?.format(format)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({} kr)", self.0)
    }
}

/// Swedish style in kronor with every decimal the value holds: no-break space
/// between thousands and before the unit, decimal comma and a real minus sign,
/// e.g. `−263 094,50 kr`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = NumberFormat::new(self.0.scale(), Rounding::HalfEven);
        match self.format_in(Unit::Kr, &format) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "{} kr", self.0),
        }
    }
}

impl FromStr for Amount {
    type Err = CoreError;

    /// Reads a Swedish-formatted amount with a money unit: `"811 764 kr"`,
    /// `"−263 094 tkr"`, `"7,3 mkr"`.
    fn from_str(s: &str) -> Result<Self> {
        let number = SwedishNumber::parse(s)?;
        match number.unit().money() {
            Some(unit) => Amount::new(number.value(), unit),
            None => Err(CoreError::NotAnAmount {
                input: crate::error::echo(s),
                found: match number.unit() {
                    NumberUnit::None => "no unit".to_owned(),
                    other => format!("unit {other}"),
                },
            }),
        }
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::Amount;
    use rust_decimal::Decimal;
    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Amount {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(&self.0)
        }
    }

    struct AmountVisitor;

    impl Visitor<'_> for AmountVisitor {
        type Value = Amount;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a decimal string in kronor, such as \"6310442.50\"")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
            // Exactly the schema's pattern ^-?[0-9]+(\.[0-9]+)?$, nothing looser.
            let digits = v.strip_prefix('-').unwrap_or(v);
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
            let well_formed = [whole, fraction]
                .iter()
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            well_formed
                .then(|| Decimal::from_str_exact(v).ok())
                .flatten()
                .map(Amount)
                .ok_or_else(|| {
                    E::custom(format!(
                        "\"{}\" is not a decimal amount in kronor such as \"6310442.50\"",
                        crate::error::echo(v)
                    ))
                })
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
            Ok(Amount(Decimal::from(v)))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
            Ok(Amount(Decimal::from(v)))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
            Err(E::custom(format!(
                "amount {v} is a floating-point number; write it as a decimal string"
            )))
        }
    }

    impl<'de> Deserialize<'de> for Amount {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
            deserializer.deserialize_any(AmountVisitor)
        }
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"],
            "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
            "description": "An amount in Swedish kronor as a decimal string, e.g. \"6310442.50\" (a whole number of kronor may also be a JSON integer; never a float)."
        })
    }
}

#[cfg(any(test, feature = "proptest"))]
mod arbitrary {
    use super::{Amount, Unit};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    impl Arbitrary for Amount {
        type Parameters = ();
        type Strategy = BoxedStrategy<Amount>;

        /// Amounts up to ±10¹⁴ kr with 0–2 decimals: every amount a municipal
        /// ledger can hold, with room to sum millions of them.
        fn arbitrary_with(_: ()) -> Self::Strategy {
            (
                -10_000_000_000_000_000_i64..=10_000_000_000_000_000,
                0_u32..=2,
            )
                .prop_map(|(mantissa, scale)| Amount(Decimal::new(mantissa, scale)))
                .boxed()
        }
    }

    impl Arbitrary for Unit {
        type Parameters = ();
        type Strategy = proptest::sample::Select<Unit>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            proptest::sample::select(vec![Unit::Kr, Unit::Tkr, Unit::Mkr])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn unit_constructors_agree() {
        assert_eq!(Amount::from_tkr(7).unwrap(), Amount::from_kr(7_000));
        assert_eq!(
            Amount::from_mkr(Decimal::new(13, 1)).unwrap(),
            Amount::from_tkr(1_300).unwrap()
        );
        assert_eq!(Amount::from_ore(100), Amount::from_kr(1));
    }

    #[test]
    fn overflow_is_an_error_that_names_the_operands() {
        let max = Amount::from_kr(Decimal::MAX);
        let err = max.checked_add(Amount::from_kr(1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "79228162514264337593543950335 + 1 is outside the decimal range"
        );
        assert!(Amount::from_tkr(Decimal::MAX).is_err());
        assert!(max.checked_mul(Decimal::TWO).is_err());
    }

    #[test]
    fn sum_overflow_names_the_item() {
        let items = [Amount::from_kr(1), Amount::from_kr(Decimal::MAX)];
        assert_eq!(
            Amount::try_sum(items),
            Err(CoreError::SumOverflow {
                index: 1,
                value: Decimal::MAX,
                partial: Decimal::ONE
            })
        );
    }

    #[test]
    fn parses_amounts_with_money_units() {
        assert_eq!(
            "811 764 kr".parse::<Amount>().unwrap(),
            Amount::from_kr(811_764)
        );
        assert_eq!(
            "2 154 718 tkr".parse::<Amount>().unwrap(),
            Amount::from_tkr(2_154_718).unwrap()
        );
        assert_eq!(
            "7,3 mkr".parse::<Amount>().unwrap(),
            Amount::from_tkr(7_300).unwrap()
        );
        assert_eq!(
            "– 2,9 mkr".parse::<Amount>().unwrap(),
            Amount::from_tkr(-2_900).unwrap()
        );
    }

    #[test]
    fn an_amount_needs_a_money_unit() {
        assert_eq!(
            "8,73%".parse::<Amount>().unwrap_err().to_string(),
            "amount \"8,73%\" has unit %; expected kr, tkr or mkr"
        );
        assert_eq!(
            "12".parse::<Amount>().unwrap_err().to_string(),
            "amount \"12\" has no unit; expected kr, tkr or mkr"
        );
    }

    #[test]
    fn display_is_swedish_with_every_decimal() {
        assert_eq!(
            Amount::from_kr(Decimal::new(-26_309_450, 2)).to_string(),
            "\u{2212}263\u{a0}094,50\u{a0}kr"
        );
    }

    proptest! {
        #[test]
        fn tkr_round_trips(a in any::<Amount>()) {
            prop_assert_eq!(Amount::from_tkr(a.as_tkr())?, a);
            prop_assert_eq!(Amount::from_mkr(a.as_mkr())?, a);
        }

        #[test]
        fn add_then_sub_returns_the_start(a in any::<Amount>(), b in any::<Amount>()) {
            prop_assert_eq!(a.checked_add(b)?.checked_sub(b)?, a);
        }

        #[test]
        fn try_sum_equals_folded_addition(items in proptest::collection::vec(any::<Amount>(), 0..50)) {
            let folded = items.iter().try_fold(Amount::ZERO, |acc, x| acc.checked_add(*x))?;
            prop_assert_eq!(Amount::try_sum(items)?, folded);
        }

        #[test]
        fn display_parses_back(a in any::<Amount>()) {
            prop_assert_eq!(a.to_string().parse::<Amount>()?, a);
        }
    }
}
