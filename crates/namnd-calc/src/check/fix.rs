//! Finding the one cell whose correction makes every failing rule hold.

use namnd_core::Rounding;
use rust_decimal::Decimal;

use super::eval::{Outcome, Values, evaluate};
use super::resolve::{CellId, Instance, Shape, cell_ref};
use super::{CellFix, Class, StatedValue, Table};

/// Every single cell whose change makes all failing (`Error`) instances hold
/// while every other instance reading it still holds.
///
/// A candidate cell must be read by every failing instance. Its corrected
/// value is each failing instance solved for it, rounded (half away from zero)
/// to the cell's stated decimals; the first value with which every instance
/// reading the cell is exact or within rounding is the fix. The search is a
/// hint: arithmetic that overflows simply rules a candidate out.
pub(super) fn one_cell_fixes(
    tables: &[Table],
    instances: &[Instance],
    outcomes: &[Outcome],
) -> Vec<CellFix> {
    let failing: Vec<&Instance> = instances
        .iter()
        .zip(outcomes)
        .filter(|(_, o)| matches!(o, Outcome::Evaluated(e) if e.class == Class::Error))
        .map(|(i, _)| i)
        .collect();
    let Some((first, rest)) = failing.split_first() else {
        return Vec::new();
    };
    let mut candidates: Vec<CellId> = Vec::new();
    for cell in first.shape.cells() {
        if !candidates.contains(&cell) && rest.iter().all(|i| i.shape.touches(cell)) {
            candidates.push(cell);
        }
    }
    let values = Values::new(tables);
    candidates
        .into_iter()
        .filter_map(|cell| {
            let stated = values.get(cell)?;
            let corrected = failing
                .iter()
                .filter_map(|i| solve(&i.shape, cell, &values))
                .filter_map(|exact| {
                    Rounding::HalfAwayFromZero
                        .round(exact, stated.decimals())
                        .ok()
                })
                .filter_map(|v| StatedValue::new(v, stated.decimals()).ok())
                .find(|v| {
                    v.value() != stated.value() && holds(instances, cell, values.with(cell, *v))
                })?;
            Some(CellFix::new(
                cell_ref(tables, cell),
                stated.value(),
                corrected.value(),
            ))
        })
        .collect()
}

/// Whether every instance reading `cell` evaluates, and is not an error.
fn holds(instances: &[Instance], cell: CellId, values: Values<'_>) -> bool {
    instances
        .iter()
        .filter(|i| i.shape.touches(cell))
        .all(|i| matches!(evaluate(i, &values), Outcome::Evaluated(e) if e.class != Class::Error))
}

/// The exact value of `cell` that makes the instance hold with the other cells
/// as they are; `None` if the instance does not determine it.
fn solve(shape: &Shape, cell: CellId, values: &Values<'_>) -> Option<Decimal> {
    match shape {
        Shape::Linear { target, terms } => {
            // target − Σ k·x = 0, written as a·cell + rest = 0.
            let (mut a, mut rest) = if *target == cell {
                (Decimal::ONE, Decimal::ZERO)
            } else {
                (Decimal::ZERO, values.get(*target)?.value())
            };
            for &(k, c) in terms {
                if c == cell {
                    a = a.checked_sub(k)?;
                } else {
                    rest = rest.checked_sub(k.checked_mul(values.get(c)?.value())?)?;
                }
            }
            if a.is_zero() {
                return None;
            }
            (-rest).checked_div(a)
        }
        Shape::Percentage {
            target,
            numerator,
            denominator,
        } => {
            let p = values.get(*target)?.value();
            let a = values.get(*numerator)?.value();
            let b = values.get(*denominator)?.value();
            let hundred = Decimal::ONE_HUNDRED;
            if cell == *target {
                a.checked_mul(hundred)?.checked_div(b)
            } else if cell == *numerator {
                p.checked_mul(b)?.checked_div(hundred)
            } else if cell == *denominator {
                a.checked_mul(hundred)?.checked_div(p)
            } else {
                None
            }
        }
    }
}
