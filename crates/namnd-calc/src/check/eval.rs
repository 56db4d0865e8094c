//! Evaluating one rule instance: expected value, difference, tolerance, class.

use rust_decimal::Decimal;

use super::resolve::{CellId, Instance, Shape};
use super::{Class, StatedValue, Table};

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
    /// The cell is a zero denominator, or one so close to zero that the
    /// quotient leaves the range of `Decimal`.
    ZeroDenominator(CellId),
    /// Arithmetic with this cell's value leaves the range of `Decimal`.
    Overflow(CellId),
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

/// Evaluates one instance against `values`: an evaluation, or the cell that
/// stopped it (missing, a zero denominator, or arithmetic that leaves the
/// range of `Decimal`).
pub(super) fn evaluate(instance: &Instance, values: &Values<'_>) -> Outcome {
    match evaluate_cells(instance, values) {
        Ok(e) => Outcome::Evaluated(e),
        Err(b) => Outcome::Blocked(b),
    }
}

fn evaluate_cells(
    instance: &Instance,
    values: &Values<'_>,
) -> core::result::Result<Evaluation, Blocked> {
    match &instance.shape {
        Shape::Linear { target, terms } => {
            let stated_target = values.require(*target)?;
            let stated_terms = terms
                .iter()
                .map(|&(k, cell)| Ok((k, values.require(cell)?)))
                .collect::<core::result::Result<Vec<_>, Blocked>>()?;
            linear(stated_target, &stated_terms, instance.tolerance).map_err(|o| {
                let cell = o
                    .term
                    .and_then(|i| terms.get(i))
                    .map_or(*target, |&(_, c)| c);
                Blocked::Overflow(cell)
            })
        }
        Shape::Percentage {
            target,
            numerator,
            denominator,
        } => {
            let p = values.require(*target)?;
            let a = values.require(*numerator)?;
            let b = values.require(*denominator)?;
            percentage(p, a, b, instance.tolerance).map_err(|failure| match failure {
                PercentFailure::Denominator => Blocked::ZeroDenominator(*denominator),
                PercentFailure::Numerator => Blocked::Overflow(*numerator),
                PercentFailure::Target => Blocked::Overflow(*target),
            })
        }
    }
}

/// Arithmetic of a linear rule left the range of `Decimal`, at a term (its
/// index) or at the target (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Overflow {
    /// The term whose value overflowed, or `None` for the target.
    pub(super) term: Option<usize>,
}

/// `target = Σ kᵢ·xᵢ`, with the tolerance derived from the stated precision
/// (see [`stated_slack`]) unless one is given.
///
/// # Errors
/// [`Overflow`] naming the term (or the target) at which the arithmetic left
/// the range of `Decimal`.
pub(super) fn linear(
    target: StatedValue,
    terms: &[(Decimal, StatedValue)],
    tolerance: Option<Decimal>,
) -> core::result::Result<Evaluation, Overflow> {
    let mut expected = Decimal::ZERO;
    for (i, (k, x)) in terms.iter().enumerate() {
        expected = k
            .checked_mul(x.value())
            .and_then(|kx| expected.checked_add(kx))
            .ok_or(Overflow { term: Some(i) })?;
    }
    let difference = target
        .value()
        .checked_sub(expected)
        .ok_or(Overflow { term: None })?;
    let tolerance = match tolerance {
        Some(t) => t,
        None => stated_slack(target, terms)?,
    };
    Ok(evaluation(target.value(), expected, difference, tolerance))
}

/// The tolerance of `target = Σ kᵢ·xᵢ` that the stated precision explains:
/// `Σ |kᵢ|·half_unit(xᵢ)`, plus `half_unit(target)` unless the target's own
/// half unit is absorbed.
///
/// It is absorbed when the target is stated with exactly the decimals of
/// every term and every coefficient is a whole number: then the difference is
/// a whole number of stated units, and a sum of n values each stated to whole
/// tkr is off by at most n × 0,5 tkr (as [`crate::rounding::explain_gap`]
/// says). Otherwise (a target finer or coarser than some term, or a
/// fractional coefficient) it is added, the sound general bound.
///
/// # Errors
/// [`Overflow`] naming the term whose slack leaves the range of `Decimal`.
pub(super) fn stated_slack(
    target: StatedValue,
    terms: &[(Decimal, StatedValue)],
) -> core::result::Result<Decimal, Overflow> {
    let absorbed = terms
        .iter()
        .all(|(k, x)| x.decimals() == target.decimals() && k.fract().is_zero());
    let mut slack = if absorbed {
        Decimal::ZERO
    } else {
        target.half_unit()
    };
    for (i, (k, x)) in terms.iter().enumerate() {
        slack = k
            .abs()
            .checked_mul(x.half_unit())
            .and_then(|s| slack.checked_add(s))
            .ok_or(Overflow { term: Some(i) })?;
    }
    Ok(slack)
}

/// Why a percentage could not be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PercentFailure {
    /// The denominator is zero, or so close to zero that the quotient leaves
    /// the range of `Decimal`.
    Denominator,
    /// `numerator × 100` leaves the range of `Decimal`.
    Numerator,
    /// `target − expected` leaves the range of `Decimal`.
    Target,
}

/// `target = numerator / denominator × 100`. Without an explicit tolerance,
/// the allowed |difference| is the target's half unit: P is `A / B × 100` at
/// its stated decimals, A and B as they stand.
///
/// # Errors
/// [`PercentFailure`] naming the operand that stopped the evaluation.
pub(super) fn percentage(
    target: StatedValue,
    numerator: StatedValue,
    denominator: StatedValue,
    tolerance: Option<Decimal>,
) -> core::result::Result<Evaluation, PercentFailure> {
    let (a, b) = (numerator.value(), denominator.value());
    if b.is_zero() {
        return Err(PercentFailure::Denominator);
    }
    let hundred_a = a
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or(PercentFailure::Numerator)?;
    // `100·a` fits, so the quotient can only overflow when |b| < 1.
    let expected = hundred_a
        .checked_div(b)
        .ok_or(PercentFailure::Denominator)?;
    let difference = target
        .value()
        .checked_sub(expected)
        .ok_or(PercentFailure::Target)?;
    let tolerance = tolerance.unwrap_or_else(|| target.half_unit());
    Ok(evaluation(target.value(), expected, difference, tolerance))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> StatedValue {
        StatedValue::parse(s).unwrap()
    }

    #[test]
    fn relation_tolerance_is_n_half_units_when_decimals_agree() {
        // Three whole-tkr terms and a whole-tkr target: 3 × 0,5.
        let e = linear(
            v("10"),
            &[
                (Decimal::ONE, v("3")),
                (Decimal::ONE, v("3")),
                (Decimal::ONE, v("3")),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            (e.tolerance, e.class),
            (Decimal::new(15, 1), Class::Rounding)
        );
        let e = linear(
            v("10"),
            &[(Decimal::ONE, v("3")), (Decimal::ONE, v("5"))],
            None,
        )
        .unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::ONE, Class::Error));
        // 2 × 3 stated to whole units may be 5 or 7: |k| × 0,5 = 1.
        let e = linear(v("7"), &[(Decimal::TWO, v("3"))], None).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::ONE, Class::Rounding));
        // The same figure at the same precision must agree exactly.
        let e = linear(v("10"), &[(Decimal::ONE, v("11"))], None).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::new(5, 1), Class::Error));
    }

    #[test]
    fn relation_tolerance_adds_the_target_half_unit_when_decimals_differ() {
        // A target finer than its terms: 0,05 + 0,5 + 0,5.
        let e = linear(
            v("-40,2"),
            &[
                (Decimal::ONE, v("-917")),
                (Decimal::NEGATIVE_ONE, v("-877")),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            (e.tolerance, e.class),
            (Decimal::new(105, 2), Class::Rounding)
        );
        // A target coarser than a term: 0,5 + 0,05 + 0,5.
        let e = linear(
            v("2"),
            &[(Decimal::ONE, v("1,4")), (Decimal::ONE, v("1"))],
            None,
        )
        .unwrap();
        assert_eq!(e.tolerance, Decimal::new(105, 2));
        // A fractional coefficient: 0,5 + 0,5 × 0,5.
        let e = linear(v("2"), &[(Decimal::new(5, 1), v("3"))], None).unwrap();
        assert_eq!(e.tolerance, Decimal::new(75, 2));
    }

    #[test]
    fn relation_explicit_tolerance_replaces_stated_precision() {
        let e = linear(v("10"), &[(Decimal::ONE, v("7"))], Some(Decimal::from(3))).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::from(3), Class::Rounding));
        let e = linear(v("10"), &[(Decimal::ONE, v("7"))], Some(Decimal::ZERO)).unwrap();
        assert_eq!(e.class, Class::Error);
    }

    #[test]
    fn percentage_tolerance_is_the_stated_half_unit_of_p() {
        // Gnesta Senior Alert, 14 of 16 printed 88 %: exact 87,5.
        let e = percentage(v("88"), v("14"), v("16"), None).unwrap();
        assert_eq!(e.expected, Decimal::new(875, 1));
        assert_eq!(
            (e.tolerance, e.class),
            (Decimal::new(5, 1), Class::Rounding)
        );
        // Printed 82 %: 5,5 points off.
        let e = percentage(v("82"), v("14"), v("16"), None).unwrap();
        assert_eq!(e.class, Class::Error);
        // 1 of 1 printed 50 %.
        let e = percentage(v("50"), v("1"), v("1"), None).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::new(5, 1), Class::Error));
        // One decimal: 0,05 points.
        let e = percentage(v("87,6"), v("14"), v("16"), None).unwrap();
        assert_eq!((e.tolerance, e.class), (Decimal::new(5, 2), Class::Error));
        // An explicit tolerance replaces it.
        let e = percentage(v("82"), v("14"), v("16"), Some(Decimal::from(6))).unwrap();
        assert_eq!(e.class, Class::Rounding);
    }

    #[test]
    fn percentage_of_zero_or_near_zero_is_blocked_not_a_panic() {
        let failure = |p, a, b| percentage(v(p), v(a), v(b), None).unwrap_err();
        assert_eq!(failure("5", "1", "0"), PercentFailure::Denominator);
        assert_eq!(failure("5", "1", "0,0"), PercentFailure::Denominator);
        let tiny = StatedValue::new(Decimal::new(5, 28), 28).unwrap();
        let err = percentage(v("5"), v("1"), tiny, None).unwrap_err();
        assert_eq!(err, PercentFailure::Denominator);
        let max = StatedValue::new(Decimal::MAX, 0).unwrap();
        let err = percentage(v("5"), max, v("1"), None).unwrap_err();
        assert_eq!(err, PercentFailure::Numerator);
    }

    #[test]
    fn arithmetic_overflow_names_the_term() {
        let max = StatedValue::new(Decimal::MAX, 0).unwrap();
        let err = linear(v("1"), &[(Decimal::ONE, max), (Decimal::ONE, max)], None).unwrap_err();
        assert_eq!(err, Overflow { term: Some(1) });
        let min = StatedValue::new(Decimal::MIN, 0).unwrap();
        let err = linear(max, &[(Decimal::ONE, min)], None).unwrap_err();
        assert_eq!(err, Overflow { term: None });
    }
}
