//! Rounding that adds up.
//!
//! Committee tables round every figure, and then the figures stop adding up:
//! Oxelösund's 15 activity results rounded to 0,1 mkr add up to 7,4 mkr, while
//! their total, 7 318 tkr, is printed as 7,3 mkr. That is not an error, and this
//! module says why. Every function takes its [`Rounding`] mode explicitly
//! (re-exported here from `namnd-core`; there is no default).
//!
//! | Question | Function |
//! |---|---|
//! | Round parts, and the total from the unrounded sum | [`round_parts`] → [`RoundedParts`] |
//! | Is "sum of rounded ≠ rounded sum" explained by rounding? | [`explain_gap`] → [`RoundingGap`]; the bound for a known mode: [`max_gap`] |
//! | Shares that sum to exactly 100 % | [`apportion_shares`] (largest remainder) |
//! | Amounts that sum to a given rounded total | [`apportion_to_total`] (largest remainder) |
//! | Which rounding printed this value? | [`modes_explaining`], [`modes_explaining_percent`], [`modes_explaining_change`] |
//!
//! Percentages themselves (percent of, percent change with zero and sign
//! handling, percentage points, weighted averages) live in [`crate::percent`]:
//! [`percent_of`](crate::percent::percent_of),
//! [`percent_change`](crate::percent::percent_change),
//! [`percentage_points`](crate::percent::percentage_points) and
//! [`weighted_average`](crate::percent::weighted_average).
//!
//! ## Largest remainder (Hamilton's method)
//! Every part is first rounded down, toward −∞ (so −2,3 becomes −3 at whole
//! units, with a remainder of 0,7), and the units still missing from the
//! target are given, one each, to the parts with the largest remainders. Ties
//! are broken by the larger exact value, then by the lower index, so the
//! result is deterministic, and for the same multiset of parts the multiset
//! of (part, result) pairs does not depend on the order of the parts. No part
//! moves by a whole unit or more from its exact value.
//!
//! ```
//! use namnd_calc::percent::percent_of;
//! use namnd_calc::rounding::{apportion_shares, round_parts, Rounding};
//! use namnd_core::Decimal;
//!
//! // Gnesta 2021: decisions on child-welfare reports 195 / 188 / 258 of 641.
//! let decisions = [Decimal::from(195), Decimal::from(188), Decimal::from(258)];
//! let shares: Vec<Decimal> = decisions
//!     .iter()
//!     .filter_map(|&d| percent_of(d, Decimal::from(641), Decimal::ZERO).value())
//!     .collect();
//! assert_eq!(shares.len(), 3);
//! // Rounded half up, the shares print as 30 + 29 + 40 = 99 %.
//! let half_up = round_parts(&shares, 0, Rounding::HalfAwayFromZero)?;
//! assert_eq!(half_up.sum_of_rounded(), Decimal::from(99));
//! // The largest remainder gives 31 + 29 + 40 = 100 %.
//! assert_eq!(apportion_shares(&decisions, 0)?, [Decimal::from(31), Decimal::from(29), Decimal::from(40)]);
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```

use core::cmp::{Ordering, Reverse};

use namnd_core::{CoreError, SwedishNumber};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub use namnd_core::Rounding;

use crate::arith::{checked_sum, half_unit, overflow, unit};
use crate::{CalcError, Result};

/// The most decimals for which half a unit is still a `Decimal` (scale 28).
const MAX_GAP_DECIMALS: u32 = 27;

/// The most decimals for percentages: 100 × 10^d must fit in a `Decimal`
/// mantissa (96 bits), and the exact-ratio rounding needs two more digits.
const MAX_PERCENT_DECIMALS: u32 = 26;

/// Parts rounded one by one, and their total rounded once from the unrounded
/// sum: what a table shows when it rounds every cell from exact values.
///
/// Made by [`round_parts`].
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::rounding::{round_parts, Rounding};
/// use namnd_core::Decimal;
///
/// let parts = [Decimal::new(5, 1), Decimal::new(5, 1)]; // 0,5 + 0,5
/// let r = round_parts(&parts, 0, Rounding::HalfAwayFromZero)?;
/// assert_eq!(r.parts(), [Decimal::ONE, Decimal::ONE]);
/// assert_eq!((r.sum_of_rounded(), r.total()), (Decimal::TWO, Decimal::ONE));
/// assert_eq!(r.gap().difference(), Decimal::ONE);
/// assert!(r.gap().is_explained_by_rounding()); // 1 ≤ 2 × 0,5
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RoundedParts {
    rounding: Rounding,
    #[cfg_attr(feature = "serde", serde(with = "decimal_strings"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    parts: Vec<Decimal>,
    gap: RoundingGap,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    max_gap: Decimal,
}

impl RoundedParts {
    /// The mode every value was rounded with.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::ONE], 0, Rounding::HalfEven)?;
    /// assert_eq!(r.rounding(), Rounding::HalfEven);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The number of decimals rounded to.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::ONE], 1, Rounding::HalfEven)?;
    /// assert_eq!(r.decimals(), 1);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn decimals(&self) -> u32 {
        self.gap.decimals
    }

    /// The rounded parts, in input order.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::new(-25, 1)], 0, Rounding::HalfAwayFromZero)?;
    /// assert_eq!(r.parts(), [Decimal::from(-3)]);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn parts(&self) -> &[Decimal] {
        &self.parts
    }

    /// The total, rounded once from the unrounded sum of the parts.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::new(4, 1), Decimal::new(4, 1)], 0, Rounding::HalfAwayFromZero)?;
    /// assert_eq!(r.total(), Decimal::ONE); // 0,8 → 1, although each part rounds to 0
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn total(&self) -> Decimal {
        self.gap.total
    }

    /// The sum of the rounded parts.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::new(4, 1), Decimal::new(4, 1)], 0, Rounding::HalfAwayFromZero)?;
    /// assert_eq!(r.sum_of_rounded(), Decimal::ZERO);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn sum_of_rounded(&self) -> Decimal {
        self.gap.sum_of_parts
    }

    /// The gap between the sum of the rounded parts and the rounded total,
    /// with the n × ½ unit tolerance.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::new(4, 1), Decimal::new(4, 1)], 0, Rounding::HalfAwayFromZero)?;
    /// assert_eq!(r.gap().difference(), -Decimal::ONE);
    /// assert_eq!(r.gap().tolerance(), Decimal::ONE);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn gap(&self) -> &RoundingGap {
        &self.gap
    }

    /// The largest gap this mode can produce for this many parts
    /// ([`max_gap`]); the actual gap never exceeds it.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::{round_parts, Rounding};
    /// use namnd_core::Decimal;
    /// let r = round_parts(&[Decimal::new(9, 1); 3], 0, Rounding::TowardZero)?;
    /// assert_eq!(r.gap().difference(), -Decimal::TWO); // 0 + 0 + 0 against 2,7 → 2
    /// assert_eq!(r.max_gap(), Decimal::TWO);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn max_gap(&self) -> Decimal {
        self.max_gap
    }
}

/// The difference between a sum of rounded (or stated) parts and a rounded
/// (or stated) total, and whether rounding explains it.
///
/// The tolerance is n × ½ unit for n addends: each part rounded to nearest
/// may be off by up to half a unit. This is the rule for tables printed with
/// half-away-from-zero (or half-toward-zero) rounding, the common case. With
/// banker's rounding the gap can reach (n + 1) × ½ unit for odd n, and with
/// truncation n − 1 whole units; [`max_gap`] gives the bound for a known mode.
///
/// Made by [`explain_gap`] and [`round_parts`].
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::rounding::explain_gap;
/// use namnd_core::Decimal;
///
/// // Stated parts 1 + 1 against a stated total of 3: off by 1, within 2 × 0,5.
/// let gap = explain_gap(&[Decimal::ONE, Decimal::ONE], Decimal::from(3), 0)?;
/// assert_eq!(gap.difference(), -Decimal::ONE);
/// assert!(gap.is_explained_by_rounding());
/// // Against 4 they are off by 2: an error, not rounding.
/// let gap = explain_gap(&[Decimal::ONE, Decimal::ONE], Decimal::from(4), 0)?;
/// assert!(!gap.is_explained_by_rounding());
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RoundingGap {
    addends: usize,
    decimals: u32,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    sum_of_parts: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    total: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    difference: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    tolerance: Decimal,
}

impl RoundingGap {
    /// The number of addends n.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert_eq!(explain_gap(&[Decimal::ONE; 4], Decimal::from(4), 0)?.addends(), 4);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn addends(&self) -> usize {
        self.addends
    }

    /// The decimals the values are stated with.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert_eq!(explain_gap(&[Decimal::ONE], Decimal::ONE, 1)?.decimals(), 1);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// The sum of the parts as stated (Σ rounded).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert_eq!(explain_gap(&[Decimal::ONE; 4], Decimal::from(4), 0)?.sum_of_parts(), Decimal::from(4));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn sum_of_parts(&self) -> Decimal {
        self.sum_of_parts
    }

    /// The total as stated (rounded Σ).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert_eq!(explain_gap(&[Decimal::ONE; 4], Decimal::from(5), 0)?.total(), Decimal::from(5));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn total(&self) -> Decimal {
        self.total
    }

    /// Sum of the parts − total (positive when the parts add up to more).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert_eq!(explain_gap(&[Decimal::ONE; 4], Decimal::from(3), 0)?.difference(), Decimal::ONE);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn difference(&self) -> Decimal {
        self.difference
    }

    /// n × ½ unit: the largest difference rounding to nearest explains.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// // 15 addends stated to 0,1: 15 × 0,05 = 0,75.
    /// let gap = explain_gap(&[Decimal::ONE; 15], Decimal::from(15), 1)?;
    /// assert_eq!(gap.tolerance(), Decimal::new(75, 2));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn tolerance(&self) -> Decimal {
        self.tolerance
    }

    /// Whether the parts add up to the total exactly.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert!(explain_gap(&[Decimal::ONE; 2], Decimal::TWO, 0)?.is_exact());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn is_exact(&self) -> bool {
        self.difference.is_zero()
    }

    /// Whether |difference| ≤ tolerance (an exact match included).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::rounding::explain_gap;
    /// use namnd_core::Decimal;
    /// assert!(explain_gap(&[Decimal::ONE; 2], Decimal::from(3), 0)?.is_explained_by_rounding());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn is_explained_by_rounding(&self) -> bool {
        self.difference.abs() <= self.tolerance
    }
}

/// Rounds each part, and the total once from the unrounded sum, all with
/// `mode` to `decimals` decimals, and measures the gap between the two.
///
/// # Errors
/// [`CalcError::Empty`] for no parts; [`CalcError::OutOfRange`] for more than
/// 27 decimals (half a unit must be representable); an overflow of the sum as
/// [`CalcError::Core`].
///
/// # Example
/// ```
/// use namnd_calc::rounding::{round_parts, Rounding};
/// use namnd_core::Decimal;
///
/// // Oxelösund 2021: results in tkr, shown in mkr with one decimal.
/// let tkr = [-1_300, 5_790, 950, 2_899, -2_880, 937, 1_144, -368, -421, 551, 175, -32, -87, -30, -10];
/// let mkr: Vec<Decimal> = tkr.iter().map(|&t| Decimal::new(t, 3)).collect();
/// let r = round_parts(&mkr, 1, Rounding::HalfAwayFromZero)?;
/// assert_eq!(r.sum_of_rounded(), Decimal::new(74, 1)); // 7,4
/// assert_eq!(r.total(), Decimal::new(73, 1)); // 7 318 tkr → 7,3
/// assert!(r.gap().is_explained_by_rounding());
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn round_parts(parts: &[Decimal], decimals: u32, mode: Rounding) -> Result<RoundedParts> {
    if parts.is_empty() {
        return Err(CalcError::Empty {
            what: "parts to round",
        });
    }
    check_gap_decimals(decimals)?;
    let rounded = parts
        .iter()
        .map(|&p| mode.round(p, decimals))
        .collect::<core::result::Result<Vec<Decimal>, CoreError>>()?;
    let total = mode.round(checked_sum(parts)?, decimals)?;
    let gap = explain_gap(&rounded, total, decimals)?;
    let max_gap = max_gap(parts.len(), decimals, mode)?;
    Ok(RoundedParts {
        rounding: mode,
        parts: rounded,
        gap,
        max_gap,
    })
}

/// Explains the gap between stated parts and a stated total, all stated to
/// `decimals` decimals: the difference and whether it is within n × ½ unit.
///
/// # Errors
/// [`CalcError::Empty`] for no parts; [`CalcError::OutOfRange`] for more than
/// 27 decimals; an overflow of the sum as [`CalcError::Core`].
///
/// # Example
/// ```
/// use namnd_calc::rounding::explain_gap;
/// use namnd_core::Decimal;
///
/// // Gnesta's ÄFHS table: the rows add to −36 871, the SUMMA line says −36 872.
/// let gap = explain_gap(&[Decimal::from(-36_871)], Decimal::from(-36_872), 0)?;
/// assert_eq!(gap.difference(), Decimal::ONE);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn explain_gap(parts: &[Decimal], total: Decimal, decimals: u32) -> Result<RoundingGap> {
    if parts.is_empty() {
        return Err(CalcError::Empty {
            what: "parts of a total",
        });
    }
    check_gap_decimals(decimals)?;
    let sum_of_parts = checked_sum(parts)?;
    let difference = sum_of_parts
        .checked_sub(total)
        .ok_or_else(|| overflow(sum_of_parts, "−", total))?;
    let half = half_unit(decimals)?;
    let n = Decimal::from(parts.len());
    let tolerance = n.checked_mul(half).ok_or_else(|| overflow(n, "×", half))?;
    Ok(RoundingGap {
        addends: parts.len(),
        decimals,
        sum_of_parts,
        total,
        difference,
        tolerance,
    })
}

/// The largest |Σ rounded parts − rounded total| that `mode` can produce for
/// `addends` parts rounded to `decimals` decimals, in the values' own unit.
///
/// | Mode | Bound (units of 10^−decimals) |
/// |---|---|
/// | [`Rounding::HalfAwayFromZero`], [`Rounding::HalfTowardZero`] | ⌊n / 2⌋, i.e. within n × ½ |
/// | [`Rounding::HalfEven`] | ⌊(n + 1) / 2⌋: 1,5 + 1,5 + 1,5 → 2 + 2 + 2 = 6, but 4,5 → 4 |
/// | [`Rounding::TowardZero`], [`Rounding::AwayFromZero`], [`Rounding::Floor`], [`Rounding::Ceiling`] | n − 1 |
/// | any other mode | n |
///
/// One part is its own total, so the bound for n = 1 (and n = 0) is 0 in
/// every mode.
///
/// # Errors
/// [`CalcError::OutOfRange`] for more than 27 decimals; an overflow as
/// [`CalcError::Core`].
///
/// # Example
/// ```
/// use namnd_calc::rounding::{max_gap, Rounding};
/// use namnd_core::Decimal;
///
/// assert_eq!(max_gap(15, 1, Rounding::HalfAwayFromZero)?, Decimal::new(7, 1));
/// assert_eq!(max_gap(3, 0, Rounding::HalfEven)?, Decimal::TWO);
/// assert_eq!(max_gap(3, 0, Rounding::TowardZero)?, Decimal::TWO);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn max_gap(addends: usize, decimals: u32, mode: Rounding) -> Result<Decimal> {
    check_gap_decimals(decimals)?;
    let n = addends;
    let units = if n <= 1 {
        0
    } else {
        match mode {
            Rounding::HalfAwayFromZero | Rounding::HalfTowardZero => n / 2,
            Rounding::HalfEven => n.div_ceil(2),
            Rounding::TowardZero | Rounding::AwayFromZero | Rounding::Floor | Rounding::Ceiling => {
                n - 1
            }
            // A future mode that moves each value by less than one unit.
            _ => n,
        }
    };
    let units = Decimal::from(units);
    let unit = unit(decimals)?;
    units
        .checked_mul(unit)
        .ok_or_else(|| overflow(units, "×", unit))
}

/// Shares of the whole (the sum of `parts`) in percent with `decimals`
/// decimals, apportioned by largest remainder so that they sum to exactly
/// 100.
///
/// The shares are computed exactly (as fractions, without dividing), floored
/// toward −∞, and the missing units go to the largest remainders; ties go to
/// the larger share, then to the lower index (see the [module
/// docs](self#largest-remainder-hamiltons-method)). Negative parts are allowed
/// as long as the whole is not zero; a negative whole (say, parts that are all
/// deficits) gives the shares of its magnitude.
///
/// # Errors
/// [`CalcError::Empty`] for no parts, [`CalcError::DivisionByZero`] when the
/// parts sum to zero, [`CalcError::OutOfRange`] for more than 26 decimals or
/// values too large to compute with exactly.
///
/// # Example
/// ```
/// use namnd_calc::rounding::apportion_shares;
/// use namnd_core::Decimal;
///
/// // Gnesta 2021: 195 / 188 / 258 of 641 = 30,42 / 29,33 / 40,25 %.
/// let parts = [Decimal::from(195), Decimal::from(188), Decimal::from(258)];
/// assert_eq!(apportion_shares(&parts, 0)?, [Decimal::from(31), Decimal::from(29), Decimal::from(40)]);
/// assert_eq!(
///     apportion_shares(&parts, 2)?,
///     [Decimal::new(3042, 2), Decimal::new(2933, 2), Decimal::new(4025, 2)],
/// );
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn apportion_shares(parts: &[Decimal], decimals: u32) -> Result<Vec<Decimal>> {
    if parts.is_empty() {
        return Err(CalcError::Empty {
            what: "parts to apportion",
        });
    }
    check_percent_decimals(decimals)?;
    let ints = scaled_integers(parts)?;
    let whole = ints
        .iter()
        .try_fold(0_i128, |acc, &p| acc.checked_add(p))
        .ok_or_else(|| too_large("sum of the parts"))?;
    if whole == 0 {
        return Err(CalcError::DivisionByZero {
            what: "shares of parts that sum to zero",
        });
    }
    let target = percent_units(decimals)?;
    // share_i × 10^decimals = p_i × target / whole; make the denominator positive.
    let sign = whole.signum();
    let den = whole.checked_abs().ok_or_else(|| too_large("whole"))?;
    let mut floors = Vec::with_capacity(ints.len());
    let mut keys = Vec::with_capacity(ints.len());
    for p in ints {
        let numerator = p
            .checked_mul(target)
            .and_then(|n| n.checked_mul(sign))
            .ok_or_else(|| too_large("share"))?;
        floors.push(numerator.div_euclid(den));
        // Same denominator for every part: compare numerators and remainders.
        keys.push((numerator.rem_euclid(den), numerator));
    }
    let floor_sum = floors
        .iter()
        .try_fold(0_i128, |acc, &q| acc.checked_add(q))
        .ok_or_else(|| too_large("sum of the shares"))?;
    // Σ remainders = (target − Σ floors) × whole, so this lies in 0..n.
    let missing = target
        .checked_sub(floor_sum)
        .and_then(|m| usize::try_from(m).ok())
        .ok_or_else(|| too_large("missing units"))?;
    let raised = largest_remainders(&keys, missing);
    floors
        .into_iter()
        .zip(raised)
        .map(|(q, up)| {
            let v = if up { q.checked_add(1) } else { Some(q) };
            v.and_then(|v| Decimal::try_from_i128_with_scale(v, decimals).ok())
                .ok_or_else(|| too_large("share"))
        })
        .collect()
}

/// Rounds `parts` to `decimals` decimals so that they sum to exactly `total`
/// (itself stated to `decimals` decimals), by largest remainder.
///
/// Every part is floored toward −∞ (−2,34 → −2,4 at one decimal, remainder
/// 0,06), then the units missing up to `total` go, one each, to the largest
/// remainders; ties go to the larger part, then to the lower index. A part
/// with no remainder is never moved, so no part moves by a whole unit or
/// more. To keep the rounded total of a table, pass
/// `mode.round(Σ parts, decimals)`: it is always reachable.
///
/// # Errors
/// [`CalcError::Empty`] for no parts; [`CalcError::UnreachableTotal`] if
/// `total` has more decimals than `decimals` or lies outside Σ floors ..=
/// Σ floors + (number of parts with a remainder) units; more than 28 decimals
/// or an overflow as [`CalcError::Core`].
///
/// # Example
/// ```
/// use namnd_calc::rounding::apportion_to_total;
/// use namnd_core::Decimal;
///
/// // Three thirds of 1 tkr, shown in whole tkr, must still add up to 1.
/// let third = Decimal::from_str_exact("0.3333333333333333333333333333")?;
/// let shown = apportion_to_total(&[third, third, third], Decimal::ONE, 0)?;
/// assert_eq!(shown, [Decimal::ONE, Decimal::ZERO, Decimal::ZERO]);
///
/// // −2,3 and −1,4 and 0,7 (sum −3,0) in whole units: floors −3, −2 and 0.
/// let parts = [Decimal::new(-23, 1), Decimal::new(-14, 1), Decimal::new(7, 1)];
/// let shown = apportion_to_total(&parts, Decimal::from(-3), 0)?;
/// assert_eq!(shown, [Decimal::from(-2), Decimal::from(-2), Decimal::ONE]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apportion_to_total(
    parts: &[Decimal],
    total: Decimal,
    decimals: u32,
) -> Result<Vec<Decimal>> {
    if parts.is_empty() {
        return Err(CalcError::Empty {
            what: "parts to apportion",
        });
    }
    let unit = unit(decimals)?;
    let mut floors = Vec::with_capacity(parts.len());
    let mut keys = Vec::with_capacity(parts.len());
    for &part in parts {
        let floor = Rounding::Floor.round(part, decimals)?;
        let remainder = part
            .checked_sub(floor)
            .ok_or_else(|| overflow(part, "−", floor))?;
        floors.push(floor);
        keys.push((remainder, part));
    }
    let min = checked_sum(&floors)?;
    let with_remainder = keys.iter().filter(|(r, _)| !r.is_zero()).count();
    let room = Decimal::from(with_remainder)
        .checked_mul(unit)
        .ok_or_else(|| overflow(Decimal::from(with_remainder), "×", unit))?;
    let max = min
        .checked_add(room)
        .ok_or_else(|| overflow(min, "+", room))?;
    let unreachable = || CalcError::UnreachableTotal {
        total,
        decimals,
        min,
        max,
    };
    if Rounding::TowardZero.round(total, decimals)? != total || total < min || total > max {
        return Err(unreachable());
    }
    let missing = total
        .checked_sub(min)
        .and_then(|m| m.checked_div(unit))
        .and_then(|m| m.to_usize())
        .ok_or_else(unreachable)?;
    let raised = largest_remainders(&keys, missing);
    floors
        .into_iter()
        .zip(raised)
        .map(|(floor, up)| {
            if up {
                floor
                    .checked_add(unit)
                    .ok_or_else(|| overflow(floor, "+", unit))
            } else {
                Ok(floor)
            }
        })
        .collect()
}

/// Every [`Rounding`] mode (in [`Rounding::ALL`] order) that rounds `exact`
/// to the `printed` value at the printed number of decimals. Empty when none
/// does: then the printed value is not a rounding of `exact` at all.
///
/// `exact` must be in the printed unit (7 318 tkr printed as mkr is
/// `7.318`). A printed negative zero (`−0,0`) is only explained if `exact`
/// is negative.
///
/// # Errors
/// None in practice (a [`SwedishNumber`] has at most 28 decimals); a rounding
/// error from `namnd-core` is passed on as [`CalcError::Core`].
///
/// # Example
/// ```
/// use namnd_calc::rounding::{modes_explaining, Rounding};
/// use namnd_core::{Decimal, SwedishNumber};
///
/// let modes = modes_explaining(Decimal::new(6871, 3), &SwedishNumber::parse("6,8 %")?)?;
/// assert_eq!(modes, [Rounding::TowardZero, Rounding::Floor]);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn modes_explaining(exact: Decimal, printed: &SwedishNumber) -> Result<Vec<Rounding>> {
    let decimals = printed.decimals();
    let sign_fits = !printed.is_negative_zero() || (exact.is_sign_negative() && !exact.is_zero());
    let mut modes = Vec::new();
    for &mode in Rounding::ALL {
        if sign_fits && mode.round(exact, decimals)? == printed.value() {
            modes.push(mode);
        }
    }
    Ok(modes)
}

/// Every [`Rounding`] mode that prints the percentage `part / whole × 100` as
/// `printed`. The percentage is rounded exactly, as a fraction, so a value
/// that lies exactly on a half (14 / 16 = 87,5 %) is recognised as such.
///
/// # Errors
/// [`CalcError::DivisionByZero`] if `whole` is zero; [`CalcError::OutOfRange`]
/// if `printed` has more than 26 decimals or the values are too large to
/// compute with exactly.
///
/// # Example
/// ```
/// use namnd_calc::rounding::{modes_explaining_percent, Rounding};
/// use namnd_core::{Decimal, SwedishNumber};
///
/// // Gnesta's Senior Alert: 14 of 16 printed "88%".
/// let modes = modes_explaining_percent(Decimal::from(14), Decimal::from(16), &SwedishNumber::parse("88%")?)?;
/// assert!(modes.contains(&Rounding::HalfAwayFromZero));
/// assert!(!modes.contains(&Rounding::TowardZero));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn modes_explaining_percent(
    part: Decimal,
    whole: Decimal,
    printed: &SwedishNumber,
) -> Result<Vec<Rounding>> {
    let proxy = percent_proxy(part, whole, printed.decimals())?;
    modes_explaining(proxy, printed)
}

/// Every [`Rounding`] mode that prints the percent change from `from` to `to`,
/// `(to − from) / |from| × 100` (as [`crate::percent::percent_change`]
/// defines it), as `printed`. Rounded exactly, like
/// [`modes_explaining_percent`].
///
/// # Errors
/// [`CalcError::DivisionByZero`] if `from` is zero; [`CalcError::OutOfRange`]
/// if `printed` has more than 26 decimals or the values are too large;
/// [`CalcError::Core`] if `to − from` overflows.
///
/// # Example
/// ```
/// use namnd_calc::rounding::{modes_explaining_change, Rounding};
/// use namnd_core::{Decimal, SwedishNumber};
///
/// // Oxelösund 2021: the allocation grew from 286 278 to 305 949 tkr (+6,871 %),
/// // printed "6,8 %": only truncation prints that.
/// let modes = modes_explaining_change(
///     Decimal::from(286_278),
///     Decimal::from(305_949),
///     &SwedishNumber::parse("6,8 %")?,
/// )?;
/// assert_eq!(modes, [Rounding::TowardZero, Rounding::Floor]);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn modes_explaining_change(
    from: Decimal,
    to: Decimal,
    printed: &SwedishNumber,
) -> Result<Vec<Rounding>> {
    if from.is_zero() {
        return Err(CalcError::DivisionByZero {
            what: "percent change from zero",
        });
    }
    let delta = to
        .checked_sub(from)
        .ok_or_else(|| overflow(to, "−", from))?;
    modes_explaining_percent(delta, from.abs(), printed)
}

// ------------------------------------------------------------------ helpers

/// The ranking behind both apportionments: `keys[i] = (remainder, exact
/// value)`, all on one scale. Marks the `count` parts with the largest
/// remainder, then the larger exact value, then the lower index.
fn largest_remainders<K: Ord + Copy>(keys: &[(K, K)], count: usize) -> Vec<bool> {
    let mut ranked: Vec<(Reverse<K>, Reverse<K>, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, &(remainder, value))| (Reverse(remainder), Reverse(value), i))
        .collect();
    // The index makes every key distinct, so the order is total.
    ranked.sort_unstable();
    let mut raised = vec![false; keys.len()];
    for (_, _, i) in ranked.into_iter().take(count) {
        if let Some(r) = raised.get_mut(i) {
            *r = true;
        }
    }
    raised
}

/// An exact stand-in for `part / whole × 100`: a `Decimal` with
/// `decimals + 2` decimals that every rounding mode rounds to `decimals`
/// decimals exactly as it would round the true fraction. It keeps the
/// floor, the sign, and whether the remainder is zero, below, at or above
/// half a unit (as 0, 0,25, 0,5 or 0,75 of a unit).
fn percent_proxy(part: Decimal, whole: Decimal, decimals: u32) -> Result<Decimal> {
    check_percent_decimals(decimals)?;
    let ints = scaled_integers(&[part, whole])?;
    let &[numerator, denominator] = ints.as_slice() else {
        return Err(too_large("percentage"));
    };
    if denominator == 0 {
        return Err(CalcError::DivisionByZero {
            what: "percentage of a zero whole",
        });
    }
    let sign = denominator.signum();
    let den = denominator
        .checked_abs()
        .ok_or_else(|| too_large("percentage"))?;
    let num = numerator
        .checked_mul(sign)
        .and_then(|n| n.checked_mul(percent_units(decimals).ok()?))
        .ok_or_else(|| too_large("percentage"))?;
    let floor = num.div_euclid(den);
    let remainder = num.rem_euclid(den);
    let quarter = if remainder == 0 {
        0
    } else {
        // remainder < den, so den − remainder does not overflow.
        match remainder.cmp(&(den - remainder)) {
            Ordering::Less => 25,
            Ordering::Equal => 50,
            Ordering::Greater => 75,
        }
    };
    floor
        .checked_mul(100)
        .and_then(|f| f.checked_add(quarter))
        .and_then(|m| Decimal::try_from_i128_with_scale(m, decimals + 2).ok())
        .ok_or_else(|| too_large("percentage"))
}

/// The values as integers on their common (largest) scale.
fn scaled_integers(values: &[Decimal]) -> Result<Vec<i128>> {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    values
        .iter()
        .map(|v| {
            10_i128
                .checked_pow(scale - v.scale())
                .and_then(|f| v.mantissa().checked_mul(f))
                .ok_or_else(|| too_large("value"))
        })
        .collect()
}

/// 100 × 10^decimals: one hundred percent in units of the last decimal.
fn percent_units(decimals: u32) -> Result<i128> {
    10_i128
        .checked_pow(decimals)
        .and_then(|p| p.checked_mul(100))
        .ok_or_else(|| too_large("percentage"))
}

fn check_gap_decimals(decimals: u32) -> Result<()> {
    if decimals > MAX_GAP_DECIMALS {
        return Err(CalcError::OutOfRange {
            what: "decimals",
            value: decimals.to_string(),
            expected: "expected at most 27, so that half a unit is representable",
        });
    }
    Ok(())
}

fn check_percent_decimals(decimals: u32) -> Result<()> {
    if decimals > MAX_PERCENT_DECIMALS {
        return Err(CalcError::OutOfRange {
            what: "decimals of a percentage",
            value: decimals.to_string(),
            expected: "expected at most 26",
        });
    }
    Ok(())
}

fn too_large(what: &'static str) -> CalcError {
    CalcError::OutOfRange {
        what,
        value: "beyond 128-bit exact arithmetic".to_owned(),
        expected: "expected values whose scaled integers fit in 128 bits",
    }
}

/// Serialises a `Vec<Decimal>` as a list of decimal strings, like
/// `rust_decimal::serde::str` for a single value.
#[cfg(feature = "serde")]
mod decimal_strings {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(values: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(values.iter().map(ToString::to_string))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use namnd_core::NumberUnit;
    use proptest::prelude::*;

    fn d(m: i64, s: u32) -> Decimal {
        Decimal::new(m, s)
    }

    fn printed(text: &str) -> SwedishNumber {
        SwedishNumber::parse(text).unwrap()
    }

    /// oxelosund-von-arsredovisning-2021.txt, the result table, lines
    /// 1838–1852 (column "Resultat", tkr): Nämndverksamhet, Miljö- o
    /// hälsoskydd, Gem administration, Missbruk.vård vuxna, Barn- o
    /// ungdvård, Ek bistånd, Övrig individ o familjeomsorg, Äldreomsorg
    /// ordinärt boende, Äldreomsorg särskilt boende, Övrig äldreomsorg,
    /// Insatser enl LSS, Färdtjänst, Förebygg verksamhet, Integration,
    /// Arbetsmarknadsåtgärder.
    const OXELOSUND_RESULTS_TKR: [i64; 15] = [
        -32, -87, -30, -1_300, -368, 175, -421, -2_880, 5_790, 950, 2_899, 551, -10, 937, 1_144,
    ];
    /// Same document, line 1853: "Summa för ansvarsområdet … 7 318".
    const OXELOSUND_TOTAL_TKR: i64 = 7_318;

    fn oxelosund_mkr() -> Vec<Decimal> {
        OXELOSUND_RESULTS_TKR.iter().map(|&t| d(t, 3)).collect()
    }

    #[test]
    fn oxelosund_rows_add_to_7_4_while_the_total_is_7_3_explained_by_rounding() {
        assert_eq!(
            OXELOSUND_RESULTS_TKR.iter().sum::<i64>(),
            OXELOSUND_TOTAL_TKR
        );
        let r = round_parts(&oxelosund_mkr(), 1, Rounding::HalfAwayFromZero).unwrap();
        // Each row in mkr with one decimal, as the document prints mkr figures.
        let expected: Vec<Decimal> = [-0, -1, -0, -13, -4, 2, -4, -29, 58, 10, 29, 6, -0, 9, 11]
            .iter()
            .map(|&t| d(t, 1))
            .collect();
        assert_eq!(r.parts(), expected);
        assert_eq!(r.sum_of_rounded(), d(74, 1));
        // Line 12: "Vård- och omsorgsnämndens resultat 2021 uppgick till 7,3 mkr."
        assert_eq!(r.total(), d(73, 1));
        assert_eq!(r.gap().difference(), d(1, 1));
        assert_eq!(r.gap().tolerance(), d(75, 2));
        assert!(r.gap().is_explained_by_rounding());
        assert!(!r.gap().is_exact());

        // The same question asked of stated figures: the 15 rows in mkr
        // against the stated 7,3 mkr.
        let stated = explain_gap(r.parts(), d(73, 1), 1).unwrap();
        assert_eq!(stated.difference(), d(1, 1));
        assert!(stated.is_explained_by_rounding());
    }

    #[test]
    fn oxelosund_summary_figures_are_the_half_up_mkr_of_the_table() {
        // Lines 21–30 print the ten larger results in mkr: Missbruksvård
        // vuxna −1,3; Barn- och ungdomsvård −0,4; Övrig individ- och
        // familjeomsorg −0,4; Äldreomsorg ordinärt boende −2,9 (printed
        // "– 2,9"); särskilt boende 5,8; Övrig äldreomsorg 1,0; LSS 2,9;
        // Färdtjänst 0,6; Integration 0,9; Arbetsmarknadsåtgärder 1,1.
        let printed_mkr = [
            "-1,3", "-0,4", "-0,4", "– 2,9", "5,8", "1,0", "2,9", "0,6", "0,9", "1,1",
        ];
        // Their rows in the table (lines 1841, 1842, 1844–1849, 1851, 1852).
        let rows_tkr = [
            -1_300, -368, -421, -2_880, 5_790, 950, 2_899, 551, 937, 1_144,
        ];
        for (text, tkr) in printed_mkr.iter().zip(rows_tkr) {
            let p = printed(text);
            let modes = modes_explaining(d(tkr, 3), &p).unwrap();
            assert!(
                modes.contains(&Rounding::HalfAwayFromZero),
                "{text} vs {tkr}"
            );
        }
        // 950 tkr printed 1,0 mkr: half up (or half even), not truncation.
        let modes = modes_explaining(d(950, 3), &printed("1,0")).unwrap();
        assert!(!modes.contains(&Rounding::TowardZero));
        // These ten add to the stated total exactly; the five small rows do
        // the rest of the rounding.
        let ten: Vec<Decimal> = printed_mkr.iter().map(|t| printed(t).value()).collect();
        assert!(explain_gap(&ten, d(73, 1), 1).unwrap().is_exact());
    }

    #[test]
    fn largest_remainder_keeps_oxelosunds_total_at_7_3() {
        let shown = apportion_to_total(&oxelosund_mkr(), d(73, 1), 1).unwrap();
        let expected: Vec<Decimal> = [0, -1, 0, -13, -4, 2, -4, -29, 58, 9, 29, 6, 0, 9, 11]
            .iter()
            .map(|&t| d(t, 1))
            .collect();
        // Övrig äldreomsorg (950 tkr, remainder 0,05) is the one row shown
        // below its half-up rounding: 0,9 instead of 1,0.
        assert_eq!(shown, expected);
        assert_eq!(shown.iter().sum::<Decimal>(), d(73, 1));
    }

    #[test]
    fn gnesta_shares_sum_to_100_by_largest_remainder_but_99_half_up() {
        // domain.md §4; gnesta-socialnamnd-2023-spring.txt line 3315:
        // "2021 195 188 258".
        let parts = [d(195, 0), d(188, 0), d(258, 0)];
        let shares: Vec<Decimal> = parts
            .iter()
            .map(|&p| {
                crate::percent::percent_of(p, d(641, 0), Decimal::ZERO)
                    .value()
                    .unwrap()
            })
            .collect();
        let half_up = round_parts(&shares, 0, Rounding::HalfAwayFromZero).unwrap();
        assert_eq!(half_up.parts(), [d(30, 0), d(29, 0), d(40, 0)]);
        assert_eq!(half_up.sum_of_rounded(), d(99, 0));
        assert_eq!(half_up.total(), d(100, 0));

        assert_eq!(
            apportion_shares(&parts, 0).unwrap(),
            [d(31, 0), d(29, 0), d(40, 0)]
        );
        assert_eq!(
            apportion_shares(&parts, 1).unwrap(),
            [d(304, 1), d(293, 1), d(403, 1)]
        );
        assert_eq!(
            apportion_shares(&parts, 2).unwrap(),
            [d(3042, 2), d(2933, 2), d(4025, 2)]
        );
    }

    #[test]
    fn oxelosund_growth_figures_are_explained_only_by_truncation() {
        // oxelosund-von-arsredovisning-2021.txt lines 2030–2032: net costs
        // "-298,6 mkr (-285,0 mkr) och ökar således med 4,7 %", allocations
        // "ökar med 6,8 %". Exact figures from the table: allocation 305 949
        // (line 1853) against 286 278 (line 1855); net cost = income + cost,
        // 53 647 − 352 278 = −298 631 (line 1853) against 68 375 − 353 332 =
        // −284 957 (line 1855). "ökar" is the growth of the magnitude.
        let truncation = [Rounding::TowardZero, Rounding::Floor];
        let allocation =
            modes_explaining_change(d(286_278, 0), d(305_949, 0), &printed("6,8 %")).unwrap();
        assert_eq!(allocation, truncation);

        let net_2021 = d(53_647, 0) + d(-352_278, 0);
        let net_2020 = d(68_375, 0) + d(-353_332, 0);
        assert_eq!((net_2021, net_2020), (d(-298_631, 0), d(-284_957, 0)));
        // Printed in mkr on line 2030 as −298,6 and −285,0.
        assert!(
            modes_explaining(d(-298_631, 3), &printed("-298,6"))
                .unwrap()
                .contains(&Rounding::HalfAwayFromZero)
        );
        let net =
            modes_explaining_change(net_2020.abs(), net_2021.abs(), &printed("4,7 %")).unwrap();
        assert_eq!(net, truncation);
        // Half up would have printed 4,8 (exact 4,7986 %).
        assert_eq!(
            modes_explaining_change(net_2020.abs(), net_2021.abs(), &printed("4,8 %")).unwrap(),
            [
                Rounding::HalfAwayFromZero,
                Rounding::HalfEven,
                Rounding::HalfTowardZero,
                Rounding::AwayFromZero,
                Rounding::Ceiling
            ]
        );
    }

    #[test]
    fn gnesta_senior_alert_88_percent_is_half_up() {
        // gnesta-socialnamnd-2023-spring.txt lines 7079–7081: "16 88%",
        // "14 av 16". 87,5 is an exact half: half away from zero and half even
        // (88 is even) print 88; so do the directed-up modes; truncation and
        // half toward zero print 87.
        let modes = modes_explaining_percent(d(14, 0), d(16, 0), &printed("88%")).unwrap();
        assert_eq!(
            modes,
            [
                Rounding::HalfAwayFromZero,
                Rounding::HalfEven,
                Rounding::AwayFromZero,
                Rounding::Ceiling
            ]
        );
        // Lines 7067–7069: "99%", "76 av 77" = 98,70 %: truncation would
        // print 98, so Gnesta does not truncate.
        let modes = modes_explaining_percent(d(76, 0), d(77, 0), &printed("99%")).unwrap();
        assert!(modes.contains(&Rounding::HalfAwayFromZero));
        assert!(!modes.contains(&Rounding::TowardZero));
    }

    #[test]
    fn a_wrong_printed_value_has_no_explaining_mode() {
        assert!(
            modes_explaining_percent(d(14, 0), d(16, 0), &printed("86%"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn negative_zero_needs_a_negative_exact_value() {
        let minus_zero = printed("−0,0");
        assert!(modes_explaining(d(3, 2), &minus_zero).unwrap().is_empty());
        assert!(
            modes_explaining(d(-3, 2), &minus_zero)
                .unwrap()
                .contains(&Rounding::HalfAwayFromZero)
        );
    }

    #[test]
    fn half_even_can_exceed_n_halves() {
        // 1,5 + 1,5 + 1,5 → 2 + 2 + 2 = 6, while 4,5 → 4: a gap of 2 > 3 × 0,5.
        let r = round_parts(&[d(15, 1); 3], 0, Rounding::HalfEven).unwrap();
        assert_eq!(r.gap().difference(), d(2, 0));
        assert!(!r.gap().is_explained_by_rounding());
        assert!(r.gap().difference().abs() <= r.max_gap());
    }

    #[test]
    fn empty_input_is_a_typed_error() {
        assert!(matches!(
            round_parts(&[], 0, Rounding::HalfEven),
            Err(CalcError::Empty { .. })
        ));
        assert!(matches!(
            explain_gap(&[], Decimal::ONE, 0),
            Err(CalcError::Empty { .. })
        ));
        assert!(matches!(
            apportion_shares(&[], 0),
            Err(CalcError::Empty { .. })
        ));
        assert!(matches!(
            apportion_to_total(&[], Decimal::ZERO, 0),
            Err(CalcError::Empty { .. })
        ));
    }

    #[test]
    fn zero_total_is_a_typed_error() {
        assert!(matches!(
            apportion_shares(&[d(0, 0), d(0, 0)], 0),
            Err(CalcError::DivisionByZero { .. })
        ));
        assert!(matches!(
            apportion_shares(&[d(5, 0), d(-5, 0)], 1),
            Err(CalcError::DivisionByZero { .. })
        ));
        assert!(matches!(
            modes_explaining_percent(d(1, 0), Decimal::ZERO, &printed("1 %")),
            Err(CalcError::DivisionByZero { .. })
        ));
        assert!(matches!(
            modes_explaining_change(Decimal::ZERO, d(1, 0), &printed("1 %")),
            Err(CalcError::DivisionByZero { .. })
        ));
    }

    #[test]
    fn unreachable_totals_are_typed_errors() {
        let parts = [d(14, 1), d(26, 1)]; // floors 1 + 2, both with remainders
        assert_eq!(
            apportion_to_total(&parts, d(6, 0), 0),
            Err(CalcError::UnreachableTotal {
                total: d(6, 0),
                decimals: 0,
                min: d(3, 0),
                max: d(5, 0)
            })
        );
        assert!(matches!(
            apportion_to_total(&parts, d(2, 0), 0),
            Err(CalcError::UnreachableTotal { .. })
        ));
        // More decimals than the parts are rounded to.
        assert!(matches!(
            apportion_to_total(&parts, d(45, 1), 0),
            Err(CalcError::UnreachableTotal { .. })
        ));
        // Whole parts cannot move at all.
        assert!(matches!(
            apportion_to_total(&[d(1, 0), d(2, 0)], d(4, 0), 0),
            Err(CalcError::UnreachableTotal { .. })
        ));
        assert_eq!(
            apportion_to_total(&parts, d(4, 0), 0).unwrap(),
            [d(1, 0), d(3, 0)]
        );
    }

    #[test]
    fn too_many_decimals_or_huge_values_are_typed_errors() {
        assert!(matches!(
            round_parts(&[Decimal::ONE], 28, Rounding::HalfEven),
            Err(CalcError::OutOfRange { .. })
        ));
        assert!(matches!(
            apportion_shares(&[Decimal::ONE], 27),
            Err(CalcError::OutOfRange { .. })
        ));
        assert!(matches!(
            apportion_to_total(&[Decimal::ONE], Decimal::ONE, 29),
            Err(CalcError::Core(CoreError::TooManyDecimals { decimals: 29 }))
        ));
        assert!(matches!(
            apportion_shares(&[Decimal::MAX, Decimal::MAX], 20),
            Err(CalcError::OutOfRange { .. })
        ));
        assert!(matches!(
            round_parts(&[Decimal::MAX, Decimal::MAX], 0, Rounding::Floor),
            Err(CalcError::Core(CoreError::SumOverflow { index: 1, .. }))
        ));
        assert!(matches!(
            modes_explaining_change(Decimal::MIN, Decimal::MAX, &printed("1 %")),
            Err(CalcError::Core(CoreError::Overflow { .. }))
        ));
    }

    #[test]
    fn ties_go_to_the_larger_value_then_the_lower_index() {
        // Remainders all 0,5. Two units to give: the larger value, then the
        // lower index; one unit: the larger value.
        let shown = apportion_to_total(&[d(5, 1), d(15, 1), d(5, 1)], d(3, 0), 0).unwrap();
        assert_eq!(shown, [d(1, 0), d(2, 0), d(0, 0)]);
        let shown = apportion_to_total(&[d(5, 1), d(15, 1), d(5, 1)], d(2, 0), 0).unwrap();
        assert_eq!(shown, [d(0, 0), d(2, 0), d(0, 0)]);
        // Equal values: the lower index wins.
        let shown = apportion_to_total(&[d(5, 1), d(5, 1)], d(1, 0), 0).unwrap();
        assert_eq!(shown, [d(1, 0), d(0, 0)]);
        // Three equal thirds of 100 %.
        assert_eq!(
            apportion_shares(&[d(1, 0); 3], 0).unwrap(),
            [d(34, 0), d(33, 0), d(33, 0)]
        );
    }

    #[test]
    fn negative_parts_are_floored_toward_minus_infinity() {
        // −2,3 → −3 (remainder 0,7), −1,4 → −2 (0,6), 0,7 → 0 (0,7); sum −3,0
        // needs two more units: the two remainders of 0,7, larger value first.
        let shown = apportion_to_total(&[d(-23, 1), d(-14, 1), d(7, 1)], d(-3, 0), 0).unwrap();
        assert_eq!(shown, [d(-2, 0), d(-2, 0), d(1, 0)]);
        // Shares of a negative whole (deficits) are shares of its magnitude.
        assert_eq!(
            apportion_shares(&[d(-1, 0), d(-3, 0)], 0).unwrap(),
            [d(25, 0), d(75, 0)]
        );
        // A negative part of a positive whole has a negative share.
        let shares = apportion_shares(&[d(-1, 0), d(4, 0)], 1).unwrap();
        assert_eq!(shares, [d(-333, 1), d(1333, 1)]);
    }

    /// Parts with up to three decimals, as (mantissa, scale).
    fn parts_strategy() -> impl Strategy<Value = Vec<Decimal>> {
        proptest::collection::vec((-10_000_000_i64..10_000_000, 0_u32..4), 1..25)
            .prop_map(|v| v.into_iter().map(|(m, s)| d(m, s)).collect())
    }

    fn sorted_pairs(parts: &[Decimal], results: &[Decimal]) -> Vec<(Decimal, Decimal)> {
        let mut pairs: Vec<(Decimal, Decimal)> =
            parts.iter().copied().zip(results.iter().copied()).collect();
        pairs.sort();
        pairs
    }

    proptest! {
        #[test]
        fn largest_remainder_sums_exactly_and_moves_no_part_a_whole_unit(
            parts in parts_strategy(),
            decimals in 0_u32..3,
            mode in any::<Rounding>(),
        ) {
            let total = mode.round(parts.iter().sum::<Decimal>(), decimals)?;
            let shown = apportion_to_total(&parts, total, decimals)?;
            prop_assert_eq!(shown.iter().sum::<Decimal>(), total);
            let unit = d(1, decimals);
            for (p, s) in parts.iter().zip(&shown) {
                prop_assert!((s - p).abs() < unit, "{} shown as {}", p, s);
                prop_assert_eq!(Rounding::TowardZero.round(*s, decimals)?, *s);
            }
        }

        #[test]
        fn largest_remainder_reaches_every_total_in_its_range(
            parts in parts_strategy(),
            decimals in 0_u32..3,
            pick in any::<usize>(),
        ) {
            let floors: Decimal = parts
                .iter()
                .map(|&p| Rounding::Floor.round(p, decimals).unwrap())
                .sum();
            let movable = parts
                .iter()
                .filter(|&&p| Rounding::Floor.round(p, decimals).unwrap() != p)
                .count();
            let k = pick % (movable + 1);
            let total = floors + Decimal::from(k) * d(1, decimals);
            let shown = apportion_to_total(&parts, total, decimals)?;
            prop_assert_eq!(shown.iter().sum::<Decimal>(), total);
            let beyond = floors + Decimal::from(movable + 1) * d(1, decimals);
            let is_unreachable = matches!(
                apportion_to_total(&parts, beyond, decimals),
                Err(CalcError::UnreachableTotal { .. })
            );
            prop_assert!(is_unreachable);
        }

        #[test]
        fn largest_remainder_is_invariant_to_the_order_of_the_parts(
            (parts, shuffled) in parts_strategy()
                .prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
            decimals in 0_u32..3,
        ) {
            let total = Rounding::HalfAwayFromZero.round(parts.iter().sum::<Decimal>(), decimals)?;
            let a = apportion_to_total(&parts, total, decimals)?;
            let b = apportion_to_total(&shuffled, total, decimals)?;
            prop_assert_eq!(sorted_pairs(&parts, &a), sorted_pairs(&shuffled, &b));
        }

        #[test]
        fn shares_sum_to_exactly_100_and_stay_within_a_unit(
            parts in proptest::collection::vec(0_i64..1_000_000, 1..20),
            decimals in 0_u32..4,
        ) {
            let whole: i64 = parts.iter().sum();
            prop_assume!(whole != 0);
            let parts: Vec<Decimal> = parts.into_iter().map(|p| d(p, 0)).collect();
            let shares = apportion_shares(&parts, decimals)?;
            prop_assert_eq!(shares.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED);
            let whole = d(whole, 0);
            let unit = d(1, decimals);
            for (p, s) in parts.iter().zip(&shares) {
                // |s − 100 p / W| < unit, multiplied out to stay exact.
                prop_assert!((s * whole - p * Decimal::ONE_HUNDRED).abs() < unit * whole.abs());
            }
        }

        #[test]
        fn shares_of_mixed_signs_sum_to_100_and_ignore_order(
            (parts, shuffled) in proptest::collection::vec(-100_000_i64..100_000, 1..15)
                .prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
            decimals in 0_u32..3,
        ) {
            prop_assume!(parts.iter().sum::<i64>() != 0);
            let parts: Vec<Decimal> = parts.into_iter().map(|p| d(p, 1)).collect();
            let shuffled: Vec<Decimal> = shuffled.into_iter().map(|p| d(p, 1)).collect();
            let a = apportion_shares(&parts, decimals)?;
            let b = apportion_shares(&shuffled, decimals)?;
            prop_assert_eq!(a.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED);
            prop_assert_eq!(sorted_pairs(&parts, &a), sorted_pairs(&shuffled, &b));
        }

        #[test]
        fn rounding_gap_is_within_n_halves_when_rounding_half_up(
            parts in parts_strategy(),
            decimals in 0_u32..3,
            half_toward in any::<bool>(),
        ) {
            let mode = if half_toward { Rounding::HalfTowardZero } else { Rounding::HalfAwayFromZero };
            let r = round_parts(&parts, decimals, mode)?;
            let n = Decimal::from(parts.len());
            prop_assert!(r.gap().difference().abs() <= n * d(5, decimals + 1));
            prop_assert!(r.gap().is_explained_by_rounding());
        }

        #[test]
        fn rounding_gap_never_exceeds_the_bound_of_its_mode(
            parts in parts_strategy(),
            decimals in 0_u32..3,
            mode in any::<Rounding>(),
        ) {
            let r = round_parts(&parts, decimals, mode)?;
            prop_assert!(r.gap().difference().abs() <= r.max_gap());
            prop_assert_eq!(r.sum_of_rounded() - r.total(), r.gap().difference());
            // Rounding to nearest is explained by (n + 1) × ½ unit in every case.
            if matches!(mode, Rounding::HalfEven) {
                let n = Decimal::from(parts.len() + 1);
                prop_assert!(r.gap().difference().abs() <= n * d(5, decimals + 1));
            }
        }

        #[test]
        fn the_mode_that_printed_a_value_explains_it(
            mantissa in any::<i64>(),
            scale in 0_u32..10,
            decimals in 0_u32..5,
            mode in any::<Rounding>(),
        ) {
            let exact = d(mantissa, scale);
            let shown = SwedishNumber::new(mode.round(exact, decimals)?, NumberUnit::None, decimals)?;
            prop_assert!(modes_explaining(exact, &shown)?.contains(&mode));
        }

        #[test]
        fn the_mode_that_printed_a_percentage_explains_it(
            part in -1_000_000_i64..1_000_000,
            whole in 1_i64..1_000_000,
            negative_whole in any::<bool>(),
            decimals in 0_u32..4,
            mode in any::<Rounding>(),
        ) {
            let whole = if negative_whole { -whole } else { whole };
            let exact = d(part, 0) * Decimal::ONE_HUNDRED / d(whole, 0);
            let shown = SwedishNumber::new(mode.round(exact, decimals)?, NumberUnit::Percent, decimals)?;
            let modes = modes_explaining_percent(d(part, 0), d(whole, 0), &shown)?;
            prop_assert!(modes.contains(&mode), "{} of {} shown {}: {:?}", part, whole, shown, modes);
            // And the exact proxy agrees with Decimal division in every mode.
            for &m in Rounding::ALL {
                prop_assert_eq!(m.round(exact, decimals)? == shown.value(), modes.contains(&m));
            }
        }
    }
}
