//! Evaluating one rule instance: expected value, difference, tolerance, class.

use namnd_core::CoreError;
use rust_decimal::Decimal;

use super::resolve::{CellId, Instance, Shape};
use super::{Class, StatedValue, Table};
use crate::{CalcError, Result};

/// The outcome of a rule instance whose cells are all present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Evaluation {
    /// The target's stated value.
    pub(super) stated: Decimal,
    /// What the rule gives from the other cells.
    pub(super) expected: Decimal,
    /// `stated − expected`.
    pub(super) difference: Decimal,
    /// The largest |difference| allowed in this direction.
    pub(super) tolerance: Decimal,
    /// The class.
    pub(super) class: Class,
}

/// Why an instance could not be evaluated, and at which cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Blocked {
    /// The cell is empty.
    Missing(CellId),
    /// The cell is a zero denominator.
    ZeroDenominator(CellId),
}

/// The result of evaluating an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Evaluated.
    Evaluated(Evaluation),
    /// Not evaluated.
    Blocked(Blocked),
}

/// The cells of the tables, optionally with one cell replaced (to try a fix).
#[derive(Debug, Clone, Copy)]
pub(super) struct Values<'a> {
    tables: &'a [Table],
    replaced: Option<(CellId, StatedValue)>,
}

impl<'a> Values<'a> {
    /// The cells as stated.
    pub(super) fn new(tables: &'a [Table]) -> Values<'a> {
        Values {
            tables,
            replaced: None,
        }
    }

    /// The same cells with `cell` replaced by `value`.
    pub(super) fn with(self, cell: CellId, value: StatedValue) -> Values<'a> {
        Values {
            tables: self.tables,
            replaced: Some((cell, value)),
        }
    }

    /// The value of a cell, `None` if missing.
    pub(super) fn get(&self, cell: CellId) -> Option<StatedValue> {
        match self.replaced {
            Some((c, v)) if c == cell => Some(v),
            _ => self
                .tables
                .get(cell.table)
                .and_then(|t| t.value_at(cell.row, cell.column)),
        }
    }

    /// The value of a cell, or the reason the instance is blocked.
    fn require(&self, cell: CellId) -> core::result::Result<StatedValue, Blocked> {
        self.get(cell).ok_or(Blocked::Missing(cell))
    }
}

/// Evaluates one instance against `values`.
///
/// # Errors
/// [`CalcError::Core`] with [`CoreError::Overflow`] if the arithmetic leaves
/// the range of `Decimal`.
pub(super) fn evaluate(instance: &Instance, values: &Values<'_>) -> Result<Outcome> {
    let blocked = |b| Ok(Outcome::Blocked(b));
    match &instance.shape {
        Shape::Linear { target, terms } => {
            let target = match values.require(*target) {
                Ok(v) => v,
                Err(b) => return blocked(b),
            };
            let mut stated_terms = Vec::with_capacity(terms.len());
            for &(k, cell) in terms {
                match values.require(cell) {
                    Ok(v) => stated_terms.push((k, v)),
                    Err(b) => return blocked(b),
                }
            }
            linear(target, &stated_terms, instance.tolerance).map(Outcome::Evaluated)
        }
        Shape::Percentage {
            target,
            numerator,
            denominator,
        } => {
            let cells = [*target, *numerator, *denominator].map(|c| values.require(c));
            match cells {
                [Ok(p), Ok(a), Ok(b)] => Ok(match percentage(p, a, b, instance.tolerance)? {
                    Some(e) => Outcome::Evaluated(e),
                    None => Outcome::Blocked(Blocked::ZeroDenominator(*denominator)),
                }),
                [Err(b), ..] | [_, Err(b), _] | [.., Err(b)] => blocked(b),
            }
        }
    }
}

/// `target = Σ kᵢ·xᵢ`, with the tolerance `half_unit(target) + Σ |kᵢ|·half_unit(xᵢ)`
/// unless one is given.
///
/// # Errors
/// [`CoreError::Overflow`] (wrapped) if the arithmetic leaves the range of `Decimal`.
pub(super) fn linear(
    target: StatedValue,
    terms: &[(Decimal, StatedValue)],
    tolerance: Option<Decimal>,
) -> Result<Evaluation> {
    let mut expected = Decimal::ZERO;
    let mut slack = target.half_unit();
    for (k, x) in terms {
        expected = add(expected, mul(*k, x.value())?)?;
        slack = add(slack, mul(k.abs(), x.half_unit())?)?;
    }
    let difference = sub(target.value(), expected)?;
    Ok(evaluation(
        target.value(),
        expected,
        difference,
        tolerance.unwrap_or(slack),
    ))
}

/// `target = numerator / denominator × 100`, or `None` if the denominator is
/// zero. Without an explicit tolerance, the allowed range is that of
/// `a / b × 100` over `a ± half_unit(a)`, `b ± half_unit(b)`, widened by the
/// target's half unit.
///
/// # Errors
/// [`CoreError::Overflow`] (wrapped) if the arithmetic leaves the range of `Decimal`.
pub(super) fn percentage(
    target: StatedValue,
    numerator: StatedValue,
    denominator: StatedValue,
    tolerance: Option<Decimal>,
) -> Result<Option<Evaluation>> {
    let (a, b) = (numerator.value(), denominator.value());
    if b.is_zero() {
        return Ok(None);
    }
    let expected = percent(a, b)?;
    let difference = sub(target.value(), expected)?;
    let tolerance = match tolerance {
        Some(t) => t,
        None => {
            let (ha, hb) = (numerator.half_unit(), denominator.half_unit());
            // a / b is monotone in each argument on the box (b keeps its sign:
            // a non-zero b stated to d decimals is at least 10⁻ᵈ from zero, and
            // its half unit is half of that), so the extremes are corners.
            let mut low = expected;
            let mut high = expected;
            for x in [sub(a, ha)?, add(a, ha)?] {
                for y in [sub(b, hb)?, add(b, hb)?] {
                    let corner = percent(x, y)?;
                    low = low.min(corner);
                    high = high.max(corner);
                }
            }
            let side = if difference.is_sign_negative() {
                sub(expected, low)?
            } else {
                sub(high, expected)?
            };
            add(side, target.half_unit())?
        }
    };
    Ok(Some(evaluation(
        target.value(),
        expected,
        difference,
        tolerance,
    )))
}

/// Classifies a difference against a tolerance.
fn evaluation(
    stated: Decimal,
    expected: Decimal,
    difference: Decimal,
    tolerance: Decimal,
) -> Evaluation {
    let class = if difference.is_zero() {
        Class::Exact
    } else if difference.abs() <= tolerance {
        Class::Rounding
    } else {
        Class::Error
    };
    Evaluation {
        stated,
        expected,
        difference,
        tolerance,
        class,
    }
}

/// `a / b × 100`.
fn percent(a: Decimal, b: Decimal) -> Result<Decimal> {
    div(mul(a, Decimal::ONE_HUNDRED)?, b)
}

fn overflow(operation: &'static str, left: Decimal, right: Decimal) -> CalcError {
    CoreError::Overflow {
        operation,
        left,
        right,
    }
    .into()
}

/// `a + b`, or an overflow error.
pub(super) fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| overflow("+", a, b))
}

/// `a − b`, or an overflow error.
pub(super) fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b).ok_or_else(|| overflow("−", a, b))
}

/// `a × b`, or an overflow error.
pub(super) fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| overflow("×", a, b))
}

/// `a ÷ b`, or a division-by-zero or overflow error.
pub(super) fn div(a: Decimal, b: Decimal) -> Result<Decimal> {
    if b.is_zero() {
        return Err(CoreError::DivisionByZero { left: a }.into());
    }
    a.checked_div(b).ok_or_else(|| overflow("÷", a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> StatedValue {
        StatedValue::parse(s).unwrap()
    }

    #[test]
    fn relation_tolerance_is_half_units_of_every_stated_value() {
        // Three whole-tkr terms and a whole-tkr target: 4 × 0,5.
        let e = linear(
            v("10"),
            &[
                (Decimal::ONE, v("3")),
                (Decimal::ONE, v("3")),
                (Decimal::ONE, v("2")),
            ],
            None,
        )
        .unwrap();
        assert_eq!(e.tolerance, Decimal::TWO);
        assert_eq!(e.class, Class::Rounding);
        let e = linear(v("10"), &[(Decimal::TWO, v("3"))], None).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::new(15, 1), Class::Error));
    }

    #[test]
    fn relation_explicit_tolerance_replaces_stated_precision() {
        let e = linear(v("10"), &[(Decimal::ONE, v("7"))], Some(Decimal::from(3))).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::from(3), Class::Rounding));
        let e = linear(v("10"), &[(Decimal::ONE, v("7"))], Some(Decimal::ZERO)).unwrap();
        assert_eq!(e.class, Class::Error);
    }

    #[test]
    fn percentage_tolerance_is_range_over_stated_precision() {
        // Gnesta Senior Alert, 14 of 16 printed 88 %: exact 87,5.
        let e = percentage(v("88"), v("14"), v("16"), None)
            .unwrap()
            .unwrap();
        assert_eq!(e.expected, Decimal::new(875, 1));
        assert_eq!(e.class, Class::Rounding);
        // Upper corner 14,5 / 15,5 × 100 = 93,548…, plus 0,5.
        assert!(e.tolerance > Decimal::from(6) && e.tolerance < Decimal::from(7));
        // 90 % of 10 stated as 80,0 %: 8,5 / 10,5 = 80,95 % at the lowest.
        let e = percentage(v("80,0"), v("9"), v("10"), None)
            .unwrap()
            .unwrap();
        assert_eq!(e.class, Class::Error);
    }

    #[test]
    fn percentage_of_zero_is_blocked_not_a_panic() {
        assert_eq!(percentage(v("5"), v("1"), v("0"), None).unwrap(), None);
    }

    #[test]
    fn arithmetic_overflow_is_an_error() {
        let max = StatedValue::new(Decimal::MAX, 0).unwrap();
        let err = linear(v("1"), &[(Decimal::ONE, max), (Decimal::ONE, max)], None).unwrap_err();
        assert!(matches!(err, CalcError::Core(CoreError::Overflow { .. })));
    }
}
