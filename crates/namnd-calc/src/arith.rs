//! Checked decimal arithmetic shared by the modules of this crate: one way to
//! report an overflow, one checked sum, and the units of a number of decimals.
//!
//! Everything here returns [`CalcError`] instead of panicking, and an overflow
//! always names its operands (and, for a sum, the index of the item that
//! overflowed), so a caller can tell which figure was out of range.

use namnd_core::CoreError;
use rust_decimal::Decimal;

use crate::{CalcError, Result};

/// The error for `left operation right` not fitting in a `Decimal`.
pub(crate) fn overflow(left: Decimal, operation: &'static str, right: Decimal) -> CalcError {
    CalcError::Core(CoreError::Overflow {
        operation,
        left,
        right,
    })
}

/// `left ÷ right`, or an overflow error naming both. The caller checks for a
/// zero divisor first when it wants [`CalcError::DivisionByZero`] instead.
pub(crate) fn checked_div(left: Decimal, right: Decimal) -> Result<Decimal> {
    left.checked_div(right)
        .ok_or_else(|| overflow(left, "÷", right))
}

/// Σ `values`, or [`CoreError::SumOverflow`] with the index of the item that
/// overflowed, its value and the partial sum before it.
pub(crate) fn checked_sum<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> Result<Decimal> {
    let mut sum = Decimal::ZERO;
    for (index, &value) in values.into_iter().enumerate() {
        sum = sum.checked_add(value).ok_or(CoreError::SumOverflow {
            index,
            value,
            partial: sum,
        })?;
    }
    Ok(sum)
}

/// One unit in the last of `decimals` decimals (`0.01` for 2).
pub(crate) fn unit(decimals: u32) -> Result<Decimal> {
    Decimal::try_new(1, decimals).map_err(|_| CoreError::TooManyDecimals { decimals }.into())
}

/// Half a unit in the last of `decimals` decimals (`0.005` for 2).
pub(crate) fn half_unit(decimals: u32) -> Result<Decimal> {
    decimals
        .checked_add(1)
        .and_then(|scale| Decimal::try_new(5, scale).ok())
        .ok_or_else(|| CoreError::TooManyDecimals { decimals }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_overflow_names_the_item() {
        let values = [Decimal::ONE, Decimal::MAX, Decimal::ONE];
        assert_eq!(
            checked_sum(&values),
            Err(CalcError::Core(CoreError::SumOverflow {
                index: 1,
                value: Decimal::MAX,
                partial: Decimal::ONE,
            }))
        );
        assert_eq!(checked_sum(&[]), Ok(Decimal::ZERO));
    }

    #[test]
    fn units_and_half_units() {
        assert_eq!(unit(2), Ok(Decimal::new(1, 2)));
        assert_eq!(half_unit(0), Ok(Decimal::new(5, 1)));
        assert_eq!(half_unit(27), Ok(Decimal::new(5, 28)));
        assert!(matches!(
            half_unit(28),
            Err(CalcError::Core(CoreError::TooManyDecimals { decimals: 28 }))
        ));
        assert!(matches!(
            checked_div(Decimal::MAX, Decimal::new(1, 1)),
            Err(CalcError::Core(CoreError::Overflow {
                operation: "÷", ..
            }))
        ));
    }
}
