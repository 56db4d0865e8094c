//! What the checker found, as data.

use rust_decimal::Decimal;

use super::CellRef;

/// How a stated value compares with what a rule expects.
///
/// # Example
/// ```
/// use namnd_calc::check::Class;
/// assert!(Class::Error > Class::Rounding && Class::Rounding > Class::Exact);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Class {
    /// The stated value is exactly the expected one.
    Exact,
    /// The difference is within the tolerance: explained by the stated
    /// precision (or within the rule's explicit tolerance).
    Rounding,
    /// The difference is larger than rounding can explain.
    Error,
}

/// A single-cell correction that makes every failing rule hold.
///
/// The corrected value is the exact solution of a failing rule for this cell
/// (the value with which that rule's difference is zero, the other cells as
/// stated), rounded half away from zero
/// ([`Rounding::HalfAwayFromZero`](namnd_core::Rounding::HalfAwayFromZero)) to
/// the cell's stated decimals, the way a document prints it; the first such
/// value with which every rule reading the cell holds (exactly or within
/// rounding) is taken.
///
/// # Example
/// ```
/// use namnd_calc::check::{CellFix, CellRef};
/// use namnd_core::Decimal;
///
/// let fix = CellFix::new(CellRef::new("t", "x", "A"), Decimal::from(1_234), Decimal::from(1_324));
/// assert!(fix.transposition);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CellFix {
    /// The cell to change.
    pub cell: CellRef,
    /// Its stated value.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub stated: Decimal,
    /// The value, at the cell's stated decimals, with which every rule holds
    /// (exactly or within rounding): an exact solution rounded half away from
    /// zero to those decimals.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub corrected: Decimal,
    /// Whether `corrected` is `stated` with two adjacent digits swapped
    /// (stated 1 234, corrected 1 324): a typing slip.
    pub transposition: bool,
}

impl CellFix {
    /// A fix of `cell` from `stated` to `corrected`; [`CellFix::transposition`]
    /// is computed.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{CellFix, CellRef};
    /// use namnd_core::Decimal;
    ///
    /// let fix = CellFix::new(CellRef::new("t", "x", "A"), Decimal::from(-4_735), Decimal::from(-4_732));
    /// assert!(!fix.transposition);
    /// ```
    pub fn new(cell: CellRef, stated: Decimal, corrected: Decimal) -> CellFix {
        CellFix {
            transposition: is_transposition(stated, corrected),
            cell,
            stated,
            corrected,
        }
    }
}

/// The digits of |value| at `scale` decimals, without the decimal point.
fn digits(value: Decimal, scale: u32) -> String {
    let mut v = value.abs();
    v.rescale(scale);
    v.mantissa().to_string()
}

/// Whether `b` is `a` with two adjacent digits swapped (same sign, same number
/// of digits, compared at the larger of the two scales).
fn is_transposition(a: Decimal, b: Decimal) -> bool {
    if a.is_sign_negative() != b.is_sign_negative() || a == b {
        return false;
    }
    let scale = a.scale().max(b.scale());
    let (x, y) = (digits(a, scale), digits(b, scale));
    if x.len() != y.len() {
        return false;
    }
    let differing: Vec<usize> = x
        .bytes()
        .zip(y.bytes())
        .enumerate()
        .filter_map(|(i, (p, q))| (p != q).then_some(i))
        .collect();
    match differing.as_slice() {
        [i, j] if j.checked_sub(*i) == Some(1) => {
            x.get(*i..=*j).map(|s| s.chars().rev().collect::<String>())
                == y.get(*i..=*j).map(str::to_owned)
        }
        _ => false,
    }
}

/// One evaluated rule instance whose stated value is not exactly what the
/// rule expects.
///
/// The cell is the rule's target: the target column in the row for a
/// [`Relation`](crate::check::Relation) or
/// [`Percentage`](crate::check::Percentage), the total row in the column for a
/// [`Total`](crate::check::Total), the left cell of an
/// [`Equality`](crate::check::Equality).
///
/// # Example
/// ```
/// use namnd_calc::check::{check, Class, Relation, StatedValue, Table};
/// use namnd_core::Decimal;
///
/// let v = |s: &str| StatedValue::parse(s).map(Some);
/// let t = Table::new("Gnesta 2022", ["Budget", "Utfall", "Avvikelse"])?
///     .with_row("Socialnämnden", [v("-877")?, v("-917")?, v("-40,2")?])?;
/// let report = check(&[t], &[Relation::difference("Gnesta 2022", "Avvikelse", "Utfall", "Budget").into()])?;
/// let finding = report.findings.first().ok_or(namnd_calc::CalcError::Empty { what: "findings" })?;
/// assert_eq!((finding.cell.row.as_str(), finding.class), ("Socialnämnden", Class::Rounding));
/// assert_eq!(finding.expected, Decimal::from(-40));
/// assert_eq!(finding.difference, Decimal::new(-2, 1));
/// assert_eq!(finding.tolerance, Decimal::new(105, 2)); // 0,05 + 0,5 + 0,5
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Finding {
    /// The index of the rule in the slice given to [`check`](crate::check::check).
    pub rule: usize,
    /// The cell the rule computes.
    pub cell: CellRef,
    /// Its stated value.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub stated: Decimal,
    /// What the rule gives from the other stated values (unrounded).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub expected: Decimal,
    /// `stated − expected`.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub difference: Decimal,
    /// The largest |difference| rounding explains in this direction (or the
    /// rule's explicit tolerance).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub tolerance: Decimal,
    /// [`Class::Rounding`] or [`Class::Error`].
    pub class: Class,
    /// For an [`Class::Error`] finding: every single cell whose change would
    /// make all failing rules hold (exactly or within rounding) without breaking
    /// another. One entry when the rules pin the culprit; empty when no single
    /// cell explains the errors.
    pub fixes: Vec<CellFix>,
}

/// Why a rule instance could not be evaluated.
///
/// # Example
/// ```
/// use namnd_calc::check::{CellRef, UncheckedReason};
/// let reason = UncheckedReason::MissingCell(CellRef::new("t", "x", "A"));
/// assert_eq!(reason.cell().column, "A");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum UncheckedReason {
    /// The rule needs this cell, which is empty.
    MissingCell(CellRef),
    /// A percentage's denominator, this cell, is zero, or so close to zero
    /// that the quotient leaves the range of `Decimal`.
    DivisionByZero(CellRef),
    /// Arithmetic with this cell's value leaves the range of `Decimal`
    /// (about ±7,9 × 10²⁸): the rule cannot be evaluated, but the other
    /// rules and rows still are.
    Overflow(CellRef),
}

impl UncheckedReason {
    /// The cell that stopped the evaluation.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{CellRef, UncheckedReason};
    /// let reason = UncheckedReason::DivisionByZero(CellRef::new("t", "x", "Antal"));
    /// assert_eq!(reason.cell().column, "Antal");
    /// ```
    pub fn cell(&self) -> &CellRef {
        match self {
            UncheckedReason::MissingCell(c)
            | UncheckedReason::DivisionByZero(c)
            | UncheckedReason::Overflow(c) => c,
        }
    }
}

/// A rule instance that could not be evaluated: a needed cell is missing, a
/// percentage's denominator is zero (or nearly so), or the arithmetic leaves
/// the range of `Decimal`. Such an instance is neither a finding nor silently
/// passed, and one odd cell does not stop the rest of the check.
///
/// # Example
/// ```
/// use namnd_calc::check::{check, CellRef, Relation, StatedValue, Table, UncheckedReason};
///
/// let t = Table::new("t", ["A", "B", "C"])?
///     .with_row("x", [Some(StatedValue::parse("1")?), None, Some(StatedValue::parse("3")?)])?;
/// let report = check(&[t], &[Relation::sum("t", "C", ["A", "B"]).into()])?;
/// assert!(report.findings.is_empty());
/// let unchecked = report.unchecked.first().ok_or(namnd_calc::CalcError::Empty { what: "unchecked" })?;
/// assert_eq!(unchecked.reason, UncheckedReason::MissingCell(CellRef::new("t", "x", "B")));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Unchecked {
    /// The index of the rule in the slice given to [`check`](crate::check::check).
    pub rule: usize,
    /// The cell the rule computes.
    pub cell: CellRef,
    /// Why it could not be evaluated.
    pub reason: UncheckedReason,
}

/// The result of [`check`](crate::check::check).
///
/// # Example
/// ```
/// use namnd_calc::check::{check, Relation, StatedValue, Table};
///
/// let v = |s: &str| StatedValue::parse(s).map(Some);
/// let t = Table::new("t", ["A", "B", "C"])?.with_row("x", [v("1")?, v("2")?, v("3")?])?;
/// let report = check(&[t], &[Relation::sum("t", "C", ["A", "B"]).into()])?;
/// assert_eq!(report.evaluated, 1);
/// assert!(report.findings.is_empty() && report.is_consistent());
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Report {
    /// How many rule instances were evaluated (exact ones included).
    pub evaluated: usize,
    /// The evaluations that are not exact, in rule order, then table order.
    pub findings: Vec<Finding>,
    /// The rule instances that could not be evaluated.
    pub unchecked: Vec<Unchecked>,
}

impl Report {
    /// The findings of class [`Class::Error`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Report;
    /// assert_eq!(Report::default().errors().count(), 0);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.class == Class::Error)
    }

    /// Whether no finding is an [`Class::Error`] (rounding differences and
    /// unchecked instances are allowed).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Report;
    /// assert!(Report::default().is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        self.errors().next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn transposition_swaps_two_adjacent_digits() {
        assert!(is_transposition(d("1234"), d("1324")));
        assert!(is_transposition(d("-567.2"), d("-576.2")));
        assert!(is_transposition(d("1418.0"), d("1481")));
    }

    #[test]
    fn transposition_rejects_other_changes() {
        assert!(!is_transposition(d("-4735"), d("-4732")));
        assert!(!is_transposition(d("1234"), d("4231"))); // not adjacent
        assert!(!is_transposition(d("1234"), d("-1324"))); // sign differs
        assert!(!is_transposition(d("1234"), d("1234")));
        assert!(!is_transposition(d("12"), d("120")));
        assert!(!is_transposition(d("10.5"), d("1.05")));
    }
}
