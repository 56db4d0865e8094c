//! Explicit rounding modes.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::{CoreError, Result};

/// How to round a value to a number of decimals.
///
/// There is deliberately no `Default`: every rounding in namnd names its mode,
/// because real committee tables use more than one. Gnesta prints 87,5 % as
/// "88%" (half away from zero), while Oxelösund printed a growth of 6,871 % as
/// "6,8 %" (truncation). `rust_decimal`'s own `round()` is banker's rounding
/// ([`Rounding::HalfEven`]), which is why it is never called implicitly here.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Rounding};
///
/// let x = Decimal::new(875, 1); // 87,5
/// assert_eq!(Rounding::HalfAwayFromZero.round(x, 0)?, Decimal::from(88));
/// assert_eq!(Rounding::HalfEven.round(x, 0)?, Decimal::from(88));
/// assert_eq!(Rounding::TowardZero.round(Decimal::new(6871, 3), 1)?, Decimal::new(68, 1));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Rounding {
    /// Half away from zero ("avrundning uppåt" in everyday Swedish): 2,5 → 3 and −2,5 → −3.
    /// The mode of most printed committee tables.
    HalfAwayFromZero,
    /// Half to even (banker's rounding): 2,5 → 2, 3,5 → 4.
    HalfEven,
    /// Half toward zero: 2,5 → 2, 2,51 → 3.
    HalfTowardZero,
    /// Truncation (toward zero): 2,9 → 2 and −2,9 → −2.
    TowardZero,
    /// Away from zero: 2,1 → 3 and −2,1 → −3.
    AwayFromZero,
    /// Toward negative infinity: 2,9 → 2 and −2,1 → −3.
    Floor,
    /// Toward positive infinity: 2,1 → 3 and −2,9 → −2.
    Ceiling,
}

impl Rounding {
    /// Every mode, in declaration order (useful to find which mode explains a printed value).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Rounding};
    ///
    /// // Which modes print 6,871 as 6,8?
    /// let exact = Decimal::new(6871, 3);
    /// let printed = Decimal::new(68, 1);
    /// let modes: Vec<Rounding> = Rounding::ALL
    ///     .iter()
    ///     .copied()
    ///     .filter(|m| m.round(exact, 1).ok() == Some(printed))
    ///     .collect();
    /// assert_eq!(modes, [Rounding::TowardZero, Rounding::Floor]);
    /// ```
    pub const ALL: &'static [Rounding] = &[
        Rounding::HalfAwayFromZero,
        Rounding::HalfEven,
        Rounding::HalfTowardZero,
        Rounding::TowardZero,
        Rounding::AwayFromZero,
        Rounding::Floor,
        Rounding::Ceiling,
    ];

    /// Rounds `value` to `decimals` decimal places with this mode.
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] if `decimals` exceeds 28, the most a
    /// `Decimal` can hold.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Rounding};
    ///
    /// let minus_2_5 = Decimal::new(-25, 1);
    /// assert_eq!(Rounding::HalfAwayFromZero.round(minus_2_5, 0)?, Decimal::from(-3));
    /// assert_eq!(Rounding::Floor.round(minus_2_5, 0)?, Decimal::from(-3));
    /// assert_eq!(Rounding::Ceiling.round(minus_2_5, 0)?, Decimal::from(-2));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn round(self, value: Decimal, decimals: u32) -> Result<Decimal> {
        if decimals > MAX_DECIMALS {
            return Err(CoreError::TooManyDecimals { decimals });
        }
        Ok(value.round_dp_with_strategy(decimals, self.strategy()))
    }

    /// Rounds `value` to a multiple of `step` (e.g. to whole hundred thousands),
    /// with this mode.
    ///
    /// Oxelösund set a cost target at a comparison average of 286 226 kr rounded
    /// up to 300 000: that is `Rounding::Ceiling.round_to_step(286_226, 100_000)`.
    ///
    /// # Errors
    /// [`CoreError::DivisionByZero`] if `step` is zero, [`CoreError::Overflow`]
    /// if the result does not fit.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Rounding};
    ///
    /// let target = Rounding::Ceiling.round_to_step(Decimal::from(286_226), Decimal::from(100_000))?;
    /// assert_eq!(target, Decimal::from(300_000));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn round_to_step(self, value: Decimal, step: Decimal) -> Result<Decimal> {
        if step.is_zero() {
            return Err(CoreError::DivisionByZero { left: value });
        }
        let steps = value.checked_div(step).ok_or(CoreError::Overflow {
            operation: "÷",
            left: value,
            right: step,
        })?;
        let whole = self.round(steps, 0)?;
        whole.checked_mul(step).ok_or(CoreError::Overflow {
            operation: "×",
            left: whole,
            right: step,
        })
    }

    /// The `rust_decimal` strategy that implements this mode.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Rounding;
    /// use rust_decimal::RoundingStrategy;
    ///
    /// assert_eq!(Rounding::HalfEven.strategy(), RoundingStrategy::MidpointNearestEven);
    /// ```
    pub fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::HalfTowardZero => RoundingStrategy::MidpointTowardZero,
            Rounding::TowardZero => RoundingStrategy::ToZero,
            Rounding::AwayFromZero => RoundingStrategy::AwayFromZero,
            Rounding::Floor => RoundingStrategy::ToNegativeInfinity,
            Rounding::Ceiling => RoundingStrategy::ToPositiveInfinity,
        }
    }
}

/// The largest scale a `rust_decimal::Decimal` supports.
pub(crate) const MAX_DECIMALS: u32 = 28;

#[cfg(any(test, feature = "proptest"))]
mod arbitrary {
    use super::Rounding;
    use proptest::prelude::*;

    impl Arbitrary for Rounding {
        type Parameters = ();
        type Strategy = proptest::sample::Select<Rounding>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            proptest::sample::select(Rounding::ALL.to_vec())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reference implementation on scaled integers, independent of
    /// `rust_decimal`'s strategies: rounds `mantissa / 10^scale` to `decimals`.
    fn reference(mode: Rounding, mantissa: i64, scale: u32, decimals: u32) -> Decimal {
        if decimals >= scale {
            return Decimal::new(mantissa, scale);
        }
        let divisor = 10_i128.pow(scale - decimals);
        let m = i128::from(mantissa);
        let q = m / divisor; // truncated toward zero
        let r = m % divisor; // same sign as m
        let twice = 2 * r.abs();
        let sign = m.signum();
        let away = q + sign;
        let result = match mode {
            Rounding::TowardZero => q,
            Rounding::AwayFromZero => {
                if r == 0 {
                    q
                } else {
                    away
                }
            }
            Rounding::Floor => {
                if r < 0 {
                    q - 1
                } else {
                    q
                }
            }
            Rounding::Ceiling => {
                if r > 0 {
                    q + 1
                } else {
                    q
                }
            }
            Rounding::HalfAwayFromZero => {
                if twice >= divisor {
                    away
                } else {
                    q
                }
            }
            Rounding::HalfTowardZero => {
                if twice > divisor {
                    away
                } else {
                    q
                }
            }
            Rounding::HalfEven => {
                if twice > divisor || (twice == divisor && q % 2 != 0) {
                    away
                } else {
                    q
                }
            }
        };
        Decimal::from_i128_with_scale(result, decimals)
    }

    proptest! {
        #[test]
        fn every_mode_agrees_with_the_integer_reference(
            mode in any::<Rounding>(),
            mantissa in -10_000_000_000_i64..10_000_000_000,
            scale in 0_u32..8,
            decimals in 0_u32..8,
        ) {
            let value = Decimal::new(mantissa, scale);
            prop_assert_eq!(mode.round(value, decimals)?, reference(mode, mantissa, scale, decimals));
        }

        #[test]
        fn rounding_never_moves_a_value_by_a_whole_unit(
            mode in any::<Rounding>(),
            mantissa in any::<i64>(),
            scale in 0_u32..10,
            decimals in 0_u32..10,
        ) {
            let value = Decimal::new(mantissa, scale);
            let rounded = mode.round(value, decimals)?;
            let unit = Decimal::new(1, decimals);
            prop_assert!((rounded - value).abs() < unit);
        }
    }

    #[test]
    fn half_modes_differ_only_on_exact_halves() {
        let cases = [
            // value, half-away, half-even, half-toward
            ("2.5", "3", "2", "2"),
            ("3.5", "4", "4", "3"),
            ("-2.5", "-3", "-2", "-2"),
            ("2.51", "3", "3", "3"),
            ("2.49", "2", "2", "2"),
        ];
        for (value, away, even, toward) in cases {
            let v: Decimal = value.parse().unwrap();
            assert_eq!(
                Rounding::HalfAwayFromZero.round(v, 0).unwrap().to_string(),
                away
            );
            assert_eq!(Rounding::HalfEven.round(v, 0).unwrap().to_string(), even);
            assert_eq!(
                Rounding::HalfTowardZero.round(v, 0).unwrap().to_string(),
                toward
            );
        }
    }

    #[test]
    fn truncation_explains_oxelosunds_growth_figures() {
        // Oxelösund årsredovisning 2021: 305 949 / 286 278 = +6,871 % printed "6,8 %".
        let growth =
            (Decimal::from(305_949) / Decimal::from(286_278) - Decimal::ONE) * Decimal::from(100);
        assert_eq!(
            Rounding::TowardZero.round(growth, 1).unwrap(),
            Decimal::new(68, 1)
        );
        assert_eq!(
            Rounding::HalfAwayFromZero.round(growth, 1).unwrap(),
            Decimal::new(69, 1)
        );
    }

    #[test]
    fn more_than_28_decimals_is_an_error() {
        assert_eq!(
            Rounding::HalfEven.round(Decimal::ONE, 29),
            Err(CoreError::TooManyDecimals { decimals: 29 })
        );
    }

    #[test]
    fn rounding_to_a_zero_step_is_an_error() {
        assert!(matches!(
            Rounding::Ceiling.round_to_step(Decimal::ONE, Decimal::ZERO),
            Err(CoreError::DivisionByZero { .. })
        ));
    }
}
