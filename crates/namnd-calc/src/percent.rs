//! Percentages that know when they mean nothing.
//!
//! A percentage of a near-zero base is noise, not information: Oxelösund's
//! "Integration" line has an allocation of 1 tkr and a result of 937 tkr,
//! which would be 93 700 %. Every function here returns a [`Percent`], which is
//! either a value or [`Percent::NotMeaningful`] with the reason, never a panic
//! and never an infinite or made-up number.

use core::fmt;

use rust_decimal::Decimal;

use crate::arith::{checked_div, overflow};
use crate::{CalcError, Result};

/// One hundred, as a `Decimal`.
const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A percentage (in percent, so 8,73 % is `8.73`), or the reason there is none.
///
/// # Example
/// ```
/// use namnd_calc::percent::{Percent, percent_of};
/// use namnd_core::Decimal;
///
/// assert_eq!(percent_of(Decimal::from(14), Decimal::from(16), Decimal::ZERO), Percent::Value(Decimal::new(875, 1)));
/// assert!(percent_of(Decimal::from(5), Decimal::ZERO, Decimal::ZERO).is_not_meaningful());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Percent {
    /// The percentage, unrounded (8,73 % is `8.73`).
    Value(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// No meaningful percentage exists; printed as "–".
    NotMeaningful(NotMeaningful),
}

/// Why a [`Percent`] is not meaningful.
///
/// # Example
/// ```
/// use namnd_calc::percent::{NotMeaningful, Percent, percent_of};
/// use namnd_core::Decimal;
///
/// let p = percent_of(Decimal::from(937), Decimal::ONE, Decimal::from(10));
/// assert_eq!(p, Percent::NotMeaningful(NotMeaningful::BaseBelowFloor));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum NotMeaningful {
    /// The base is zero.
    ZeroBase,
    /// The base is not zero, but its absolute value is below the configured floor.
    BaseBelowFloor,
    /// The result does not fit in a `Decimal`.
    OutOfRange,
}

impl Percent {
    /// The value, if meaningful.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::percent::Percent;
    /// use namnd_core::Decimal;
    /// assert_eq!(Percent::Value(Decimal::TEN).value(), Some(Decimal::TEN));
    /// ```
    pub fn value(self) -> Option<Decimal> {
        match self {
            Percent::Value(v) => Some(v),
            Percent::NotMeaningful(_) => None,
        }
    }

    /// Whether there is no meaningful value.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::percent::{NotMeaningful, Percent};
    /// assert!(Percent::NotMeaningful(NotMeaningful::ZeroBase).is_not_meaningful());
    /// ```
    pub fn is_not_meaningful(self) -> bool {
        matches!(self, Percent::NotMeaningful(_))
    }
}

/// Prints the unrounded value followed by ` %`, or `–` when not meaningful.
/// Reports round with [`namnd_core::NumberFormat`] instead.
impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Percent::Value(v) => write!(f, "{v} %"),
            Percent::NotMeaningful(_) => f.write_str("\u{2013}"),
        }
    }
}

/// `part / base × 100`, or not meaningful when `|base|` is zero or below `floor`.
///
/// The sign follows the arithmetic: a negative part of a positive base gives a
/// negative percentage.
///
/// # Example
/// ```
/// use namnd_calc::percent::percent_of;
/// use namnd_core::Decimal;
///
/// // Gnesta's Senior Alert: 14 of 16 = 87,5 %.
/// let p = percent_of(Decimal::from(14), Decimal::from(16), Decimal::ZERO);
/// assert_eq!(p.value(), Some(Decimal::new(875, 1)));
/// ```
pub fn percent_of(part: Decimal, base: Decimal, floor: Decimal) -> Percent {
    if base.is_zero() {
        return Percent::NotMeaningful(NotMeaningful::ZeroBase);
    }
    if base.abs() < floor.abs() {
        return Percent::NotMeaningful(NotMeaningful::BaseBelowFloor);
    }
    match part.checked_div(base).and_then(|q| q.checked_mul(HUNDRED)) {
        Some(v) => Percent::Value(v),
        None => Percent::NotMeaningful(NotMeaningful::OutOfRange),
    }
}

/// The change from `from` to `to` in percent of `|from|`.
///
/// Dividing by the absolute value keeps the sign meaning "went up" even when
/// the base is negative (a deficit of −200 shrinking to −50 is a change of
/// +75 %). A zero base gives [`NotMeaningful::ZeroBase`].
///
/// # Example
/// ```
/// use namnd_calc::percent::percent_change;
/// use namnd_core::Decimal;
///
/// // Oxelösund's frame: 286 278 → 305 949 tkr is +6,87… %.
/// let p = percent_change(Decimal::from(286_278), Decimal::from(305_949));
/// assert!(p.value().is_some_and(|v| v > Decimal::new(687, 2) && v < Decimal::new(688, 2)));
///
/// let up_from_a_deficit = percent_change(Decimal::from(-200), Decimal::from(-50));
/// assert_eq!(up_from_a_deficit.value(), Some(Decimal::from(75)));
/// ```
pub fn percent_change(from: Decimal, to: Decimal) -> Percent {
    match to.checked_sub(from) {
        Some(delta) => percent_of(delta, from.abs(), Decimal::ZERO),
        None => Percent::NotMeaningful(NotMeaningful::OutOfRange),
    }
}

/// The difference between two percentages in percentage points
/// (*procentenheter*): `to − from`.
///
/// # Errors
/// [`CalcError::Core`] wrapping an overflow if the difference does not fit.
///
/// # Example
/// ```
/// use namnd_calc::percent::percentage_points;
/// use namnd_core::Decimal;
///
/// // Sick leave 9,78 % → 8,73 %: down 1,05 percentage points.
/// assert_eq!(percentage_points(Decimal::new(978, 2), Decimal::new(873, 2))?, Decimal::new(-105, 2));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn percentage_points(from: Decimal, to: Decimal) -> Result<Decimal> {
    to.checked_sub(from).ok_or_else(|| overflow(to, "−", from))
}

/// The weighted average `Σ value·weight / Σ weight`, e.g. sick leave percentages
/// of several units weighted by their scheduled hours. (Never average the
/// percentages themselves: aggregate the hours.)
///
/// # Errors
/// [`CalcError::Empty`] for no items, [`CalcError::OutOfRange`] for a negative
/// weight, [`CalcError::DivisionByZero`] when the weights sum to zero, and an
/// overflow as [`CalcError::Core`].
///
/// # Example
/// ```
/// use namnd_calc::percent::weighted_average;
/// use namnd_core::Decimal;
///
/// // 10 % sick leave over 1 000 hours and 5 % over 3 000 hours: 6,25 % overall.
/// let items = [(Decimal::from(10), Decimal::from(1_000)), (Decimal::from(5), Decimal::from(3_000))];
/// assert_eq!(weighted_average(&items)?, Decimal::new(625, 2));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn weighted_average(items: &[(Decimal, Decimal)]) -> Result<Decimal> {
    if items.is_empty() {
        return Err(CalcError::Empty {
            what: "weighted average",
        });
    }
    let mut weighted = Decimal::ZERO;
    let mut weights = Decimal::ZERO;
    for &(value, weight) in items {
        if weight.is_sign_negative() && !weight.is_zero() {
            return Err(CalcError::OutOfRange {
                what: "weight",
                value: weight.to_string(),
                expected: "weights must not be negative",
            });
        }
        let product = value
            .checked_mul(weight)
            .ok_or_else(|| overflow(value, "×", weight))?;
        weighted = weighted
            .checked_add(product)
            .ok_or_else(|| overflow(weighted, "+", product))?;
        weights = weights
            .checked_add(weight)
            .ok_or_else(|| overflow(weights, "+", weight))?;
    }
    if weights.is_zero() {
        return Err(CalcError::DivisionByZero {
            what: "weighted average with zero total weight",
        });
    }
    checked_div(weighted, weights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: i64, s: u32) -> Decimal {
        Decimal::new(m, s)
    }

    #[test]
    fn a_tiny_budget_gives_no_meaningful_percentage() {
        // Oxelösund "Integration": allocation 1 tkr, result 937 tkr.
        assert_eq!(
            percent_of(d(937, 0), d(1, 0), d(50, 0)),
            Percent::NotMeaningful(NotMeaningful::BaseBelowFloor)
        );
        assert_eq!(
            percent_of(d(937, 0), d(1, 0), Decimal::ZERO),
            Percent::Value(d(93_700, 0))
        );
    }

    #[test]
    fn change_from_zero_is_not_meaningful() {
        assert_eq!(
            percent_change(Decimal::ZERO, d(5, 0)),
            Percent::NotMeaningful(NotMeaningful::ZeroBase)
        );
        assert_eq!(
            percent_change(d(5, 0), d(5, 0)),
            Percent::Value(Decimal::ZERO)
        );
    }

    #[test]
    fn weighted_average_rejects_bad_weights() {
        assert!(matches!(
            weighted_average(&[]),
            Err(CalcError::Empty { .. })
        ));
        assert!(matches!(
            weighted_average(&[(d(1, 0), Decimal::ZERO)]),
            Err(CalcError::DivisionByZero { .. })
        ));
        assert!(matches!(
            weighted_average(&[(d(1, 0), d(-1, 0))]),
            Err(CalcError::OutOfRange { .. })
        ));
    }

    #[test]
    fn not_meaningful_prints_a_dash() {
        assert_eq!(
            Percent::NotMeaningful(NotMeaningful::ZeroBase).to_string(),
            "\u{2013}"
        );
    }

    proptest! {
        #[test]
        fn weighted_average_lies_between_the_extremes(
            items in proptest::collection::vec((-10_000_i64..10_000, 1_i64..100_000), 1..20)
        ) {
            let items: Vec<(Decimal, Decimal)> = items.into_iter().map(|(v, w)| (d(v, 2), d(w, 0))).collect();
            let avg = weighted_average(&items)?;
            let min = items.iter().map(|i| i.0).min().unwrap();
            let max = items.iter().map(|i| i.0).max().unwrap();
            prop_assert!(min <= avg && avg <= max, "{} not in {}..={}", avg, min, max);
        }

        #[test]
        fn percent_change_sign_follows_the_direction(from in -1_000_000_i64..1_000_000, to in -1_000_000_i64..1_000_000) {
            prop_assume!(from != 0);
            let p = percent_change(d(from, 0), d(to, 0)).value().unwrap();
            prop_assert_eq!(p.cmp(&Decimal::ZERO), (to - from).cmp(&0));
        }

        #[test]
        fn percent_of_times_base_gives_back_the_part(part in -1_000_000_i64..1_000_000, base in 1_i64..1_000_000) {
            let p = percent_of(d(part, 0), d(base, 0), Decimal::ZERO).value().unwrap();
            let back = p * d(base, 0) / Decimal::ONE_HUNDRED;
            prop_assert!((back - d(part, 0)).abs() < d(1, 6));
        }
    }
}
