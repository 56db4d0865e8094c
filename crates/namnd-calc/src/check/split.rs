//! Splitting a row of PDF text whose spaces separate both thousands and columns.
//!
//! In text extracted from a PDF, `Integration 1 5 341 -4 405 937` may be
//! (1 | 5 341 | −4 405 | 937) or (15 | 341 | …): the same space separates
//! thousands and columns. The splitter enumerates every way of reading the
//! tokens as the expected number of Swedish-grouped numbers and keeps those
//! that satisfy the row's rules within the stated precision.
//!
//! Tokens are separated by any whitespace (space, no-break space, narrow
//! no-break space, thin space). Swedish grouping, as the splitter reads it:
//! - a number starts with a first group of 1–3 digits, without a leading zero
//!   unless the group is `0`; further groups have exactly 3 digits;
//! - a sign (hyphen, U+2212 minus, en dash or plus), attached or followed by a
//!   space, starts a number;
//! - decimals follow a comma in the last group only.

use namnd_core::SwedishNumber;
use rust_decimal::Decimal;

use super::StatedValue;
use super::eval::linear;
use crate::{CalcError, Result};

/// The most groupings examined before giving up with [`CalcError::TooManySplits`].
const MAX_GROUPINGS: usize = 100_000;

/// One term `coefficient × value at position` of a [`SplitRule`].
///
/// # Example
/// ```
/// use namnd_calc::check::PositionTerm;
/// use namnd_core::Decimal;
/// let t = PositionTerm::new(Decimal::NEGATIVE_ONE, 1);
/// assert_eq!((t.coefficient, t.position), (Decimal::NEGATIVE_ONE, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PositionTerm {
    /// The factor.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub coefficient: Decimal,
    /// The zero-based column position.
    pub position: usize,
}

impl PositionTerm {
    /// `coefficient × value at position`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::PositionTerm;
    /// use namnd_core::Decimal;
    /// assert_eq!(PositionTerm::new(Decimal::TWO, 0).position, 0);
    /// ```
    pub fn new(coefficient: Decimal, position: usize) -> PositionTerm {
        PositionTerm {
            coefficient,
            position,
        }
    }
}

/// A linear relation between the column positions of a row:
/// `value[target] = Σ coefficient × value[position]`.
///
/// # Example
/// ```
/// use namnd_calc::check::{PositionTerm, SplitRule};
/// use namnd_core::Decimal;
///
/// // Flen: Avvikelse (3) = Utfall (2) − Budget (1).
/// let rule = SplitRule::difference(3, 2, 1);
/// assert_eq!(rule.terms, [PositionTerm::new(Decimal::ONE, 2), PositionTerm::new(Decimal::NEGATIVE_ONE, 1)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SplitRule {
    /// The zero-based position computed.
    pub target: usize,
    /// The terms summed to give it.
    pub terms: Vec<PositionTerm>,
}

impl SplitRule {
    /// `value[target] = Σ terms`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{PositionTerm, SplitRule};
    /// use namnd_core::Decimal;
    /// let r = SplitRule::new(2, [PositionTerm::new(Decimal::TWO, 0)]);
    /// assert_eq!(r.target, 2);
    /// ```
    pub fn new(target: usize, terms: impl IntoIterator<Item = PositionTerm>) -> SplitRule {
        SplitRule {
            target,
            terms: terms.into_iter().collect(),
        }
    }

    /// `value[target] = value[p₁] + value[p₂] + …`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::SplitRule;
    /// // Oxelösund: Resultat (3) = Anslag (0) + Övriga intäkter (1) + Kostnad (2).
    /// assert_eq!(SplitRule::sum(3, [0, 1, 2]).terms.len(), 3);
    /// ```
    pub fn sum(target: usize, positions: impl IntoIterator<Item = usize>) -> SplitRule {
        SplitRule::new(
            target,
            positions
                .into_iter()
                .map(|p| PositionTerm::new(Decimal::ONE, p)),
        )
    }

    /// `value[target] = value[minuend] − value[subtrahend]`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::SplitRule;
    /// assert_eq!(SplitRule::difference(3, 2, 1).target, 3);
    /// ```
    pub fn difference(target: usize, minuend: usize, subtrahend: usize) -> SplitRule {
        SplitRule::new(
            target,
            [
                PositionTerm::new(Decimal::ONE, minuend),
                PositionTerm::new(Decimal::NEGATIVE_ONE, subtrahend),
            ],
        )
    }
}

/// The readings of a row's numbers.
///
/// # Example
/// ```
/// use namnd_calc::check::{split_numbers, Split, SplitRule};
///
/// let split = split_numbers("1 5 341 -4 405 937", 4, &[SplitRule::sum(3, [0, 1, 2])])?;
/// assert_eq!(split.candidates().len(), 1);
/// assert!(matches!(split, Split::Unique(_)));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Split {
    /// Exactly one grouping satisfies the rules.
    Unique(Vec<StatedValue>),
    /// Several groupings satisfy the rules; all of them, in order.
    Ambiguous(Vec<Vec<StatedValue>>),
    /// No grouping satisfies the rules. Holds every grouping that follows
    /// Swedish thousands grouping (possibly none), so that a checker can still
    /// report the arithmetic error of a row whose grouping is clear.
    Inconsistent(Vec<Vec<StatedValue>>),
}

impl Split {
    /// The groupings that satisfy the rules (none when inconsistent).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Split;
    /// assert!(Split::Inconsistent(vec![]).candidates().is_empty());
    /// ```
    pub fn candidates(&self) -> &[Vec<StatedValue>] {
        match self {
            Split::Unique(values) => core::slice::from_ref(values),
            Split::Ambiguous(all) => all,
            Split::Inconsistent(_) => &[],
        }
    }

    /// The grouping, if exactly one satisfies the rules.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::split_numbers;
    /// let split = split_numbers("3 312 3 607 4 580 973", 4, &[])?;
    /// assert!(split.unique().is_none()); // without a rule, several readings remain
    /// let split = split_numbers("3 312 3 607 4 580 973", 3, &[])?;
    /// assert!(split.unique().is_some()); // 3 | 3 | 4 must each start a number
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn unique(&self) -> Option<&[StatedValue]> {
        match self {
            Split::Unique(values) => Some(values),
            _ => None,
        }
    }
}

/// A row of PDF text read as a label and its numbers.
///
/// # Example
/// ```
/// use namnd_calc::check::{split_row, SplitRule};
/// let row = split_row("Gem administration 6 790 270 -7 090 -30", 4, &[SplitRule::sum(3, [0, 1, 2])])?;
/// assert_eq!(row.label, "Gem administration");
/// assert!(row.split.unique().is_some());
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RowSplit {
    /// The text before the numbers, tokens joined by single spaces.
    pub label: String,
    /// The readings of the numbers.
    pub split: Split,
}

/// Splits a row of text into its label and `columns` numbers consistent with
/// `rules`.
///
/// The label is the text before the longest run of trailing tokens that can
/// be parts of Swedish-grouped numbers; so `Summa 2020 286 278 …` has the label
/// `Summa 2020`, as a four-digit group cannot be part of a grouped number. A
/// label that itself ends in a short number (`Område 3`) is read as a number:
/// split such rows with [`split_numbers`] after removing the label.
///
/// # Errors
/// As [`split_numbers`].
///
/// # Example
/// ```
/// use namnd_calc::check::{split_row, SplitRule, StatedValue};
///
/// let row = split_row("Integration 1 5 341 -4 405 937", 4, &[SplitRule::sum(3, [0, 1, 2])])?;
/// assert_eq!(row.label, "Integration");
/// let expected = ["1", "5 341", "-4 405", "937"].map(StatedValue::parse).into_iter().collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(row.split.unique(), Some(expected.as_slice()));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn split_row(line: &str, columns: usize, rules: &[SplitRule]) -> Result<RowSplit> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let numeric = tokens
        .iter()
        .rev()
        .take_while(|t| is_number_part(t))
        .count();
    let cut = tokens.len().saturating_sub(numeric);
    let (label, numbers) = tokens.split_at(cut);
    Ok(RowSplit {
        label: label.join(" "),
        split: split_tokens(line, numbers, columns, rules)?,
    })
}

/// Splits space-separated number tokens into `columns` numbers consistent
/// with `rules`: the unique reading, every reading when ambiguous, or
/// [`Split::Inconsistent`] with every grouping when none satisfies the rules.
///
/// A reading satisfies a rule when the rule holds exactly or within the
/// rounding its stated values explain, by the model of the checker's
/// [`Relation`](crate::check::Relation): `Σ |c|·half_unit`, plus the target's
/// half unit unless its decimals are those of every term. A reading whose
/// arithmetic leaves the range of `Decimal` satisfies no rule.
///
/// # Errors
/// [`CalcError::SplitPosition`] if a rule names a position ≥ `columns`;
/// [`CalcError::SplitToken`] if a token cannot be part of a number;
/// [`CalcError::TooManySplits`] if the tokens allow more than 100 000
/// groupings.
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, check::{split_numbers, Split, SplitRule, StatedValue}};
///
/// // Flen: Avvikelse = Utfall jan–nov − Budget jan–nov.
/// let split = split_numbers("3 312 3 607 4 580 973", 4, &[SplitRule::difference(3, 2, 1)])?;
/// let expected = ["3 312", "3 607", "4 580", "973"].map(StatedValue::parse).into_iter().collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(split, Split::Unique(expected));
///
/// assert!(matches!(split_numbers("12 tkr", 1, &[]), Err(CalcError::SplitToken { .. })));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn split_numbers(text: &str, columns: usize, rules: &[SplitRule]) -> Result<Split> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    split_tokens(text, &tokens, columns, rules)
}

fn split_tokens(text: &str, tokens: &[&str], columns: usize, rules: &[SplitRule]) -> Result<Split> {
    for rule in rules {
        let positions = core::iter::once(rule.target).chain(rule.terms.iter().map(|t| t.position));
        if let Some(position) = positions.into_iter().find(|&p| p >= columns) {
            return Err(CalcError::SplitPosition { position, columns });
        }
    }
    let pieces = pieces(text, tokens)?;
    if columns > pieces.len() {
        // Every number needs at least one token: no grouping, nothing to allocate.
        return Ok(Split::Inconsistent(Vec::new()));
    }
    let groupings = groupings(&pieces, columns).ok_or_else(|| CalcError::TooManySplits {
        text: text.to_owned(),
        limit: MAX_GROUPINGS,
    })?;
    let readings: Vec<Vec<StatedValue>> = groupings
        .iter()
        .filter_map(|bounds| read(&pieces, bounds))
        .collect();
    let mut consistent = Vec::new();
    for values in &readings {
        if satisfies(values, rules)? {
            consistent.push(values.clone());
        }
    }
    let mut consistent = consistent.into_iter();
    Ok(match (consistent.next(), consistent.next()) {
        (None, _) => Split::Inconsistent(readings),
        (Some(only), None) => Split::Unique(only),
        (Some(first), Some(second)) => {
            Split::Ambiguous([first, second].into_iter().chain(consistent).collect())
        }
    })
}

/// A token (or a lone sign and the token after it) as a part of a number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    /// The text, a lone sign joined to its digits by a space.
    text: String,
    /// Whether it carries a sign.
    signed: bool,
    /// The number of digits before any decimal comma.
    digits: usize,
    /// Whether those digits start with a `0` and are more than one.
    leading_zero: bool,
    /// Whether it has decimals.
    decimals: bool,
}

impl Piece {
    /// Whether a number can start with this piece.
    fn can_start(&self) -> bool {
        (1..=3).contains(&self.digits) && !self.leading_zero
    }

    /// Whether this piece can follow `previous` within one number.
    fn can_continue(&self, previous: &Piece) -> bool {
        !self.signed && self.digits == 3 && !previous.decimals
    }
}

fn is_sign(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2013}' | '+')
}

/// Whether `token` is a lone sign.
fn is_lone_sign(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(is_sign) && chars.next().is_none()
}

/// Reads a token as a signed or unsigned digit group, `None` if it is not one.
fn piece(token: &str) -> Option<Piece> {
    let signed = token.starts_with(is_sign);
    let body = token.trim_start_matches(is_sign);
    if signed && token.chars().filter(|&c| is_sign(c)).count() > 1 {
        return None;
    }
    let (int, frac) = match body.split_once(',') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return None;
    }
    Some(Piece {
        text: token.to_owned(),
        signed,
        digits: int.len(),
        leading_zero: int.len() > 1 && int.starts_with('0'),
        decimals: frac.is_some(),
    })
}

/// Whether `token` can be part of a grouped number (used to find the label).
fn is_number_part(token: &str) -> bool {
    is_lone_sign(token) || piece(token).is_some_and(|p| p.digits <= 3)
}

/// The tokens as pieces, each lone sign joined to the token after it.
fn pieces(text: &str, tokens: &[&str]) -> Result<Vec<Piece>> {
    let bad = |token: &str| CalcError::SplitToken {
        text: text.to_owned(),
        token: token.to_owned(),
    };
    let mut out = Vec::with_capacity(tokens.len());
    let mut iter = tokens.iter();
    while let Some(&token) = iter.next() {
        if is_lone_sign(token) {
            let next = iter.next().ok_or_else(|| bad(token))?;
            let digits = piece(next).filter(|p| !p.signed).ok_or_else(|| bad(next))?;
            out.push(Piece {
                text: format!("{token} {next}"),
                signed: true,
                ..digits
            });
        } else {
            out.push(piece(token).ok_or_else(|| bad(token))?);
        }
    }
    Ok(out)
}

/// All groupings of `pieces` into `columns` numbers, as `(first, end)` piece
/// ranges per number, depth first; `None` if there are more than
/// [`MAX_GROUPINGS`] (or the search takes more than 20 × that many steps).
///
/// The search is iterative (no recursion per column), and `columns` larger
/// than the number of pieces gives no grouping before anything is allocated.
fn groupings(pieces: &[Piece], columns: usize) -> Option<Vec<Vec<(usize, usize)>>> {
    if columns > pieces.len() {
        return Some(Vec::new());
    }
    // `forced[i]`: how many pieces at `i` or later cannot continue the piece
    // before them, and so must each start a number.
    let mut forced = vec![0usize; pieces.len().saturating_add(1)];
    for i in (0..pieces.len()).rev() {
        let must_start = match (i.checked_sub(1).and_then(|p| pieces.get(p)), pieces.get(i)) {
            (Some(previous), Some(piece)) => !piece.can_continue(previous),
            _ => true,
        };
        let after = forced.get(i.saturating_add(1)).copied().unwrap_or(0);
        if let Some(slot) = forced.get_mut(i) {
            *slot = after.saturating_add(usize::from(must_start));
        }
    }
    let can_extend = |end: usize| match (
        end.checked_sub(1).and_then(|p| pieces.get(p)),
        pieces.get(end),
    ) {
        (Some(previous), Some(next)) => next.can_continue(previous),
        _ => false,
    };
    let mut budget = MAX_GROUPINGS.saturating_mul(20);
    let mut found: Vec<Vec<(usize, usize)>> = Vec::new();
    // The numbers chosen so far; they cover the pieces before `visit`.
    let mut current: Vec<(usize, usize)> = Vec::with_capacity(columns);
    let mut visit = Some(0usize);
    loop {
        if let Some(start) = visit.take() {
            budget = budget.checked_sub(1)?;
            let numbers_left = columns.saturating_sub(current.len());
            if numbers_left == 0 {
                if start >= pieces.len() {
                    if found.len() >= MAX_GROUPINGS {
                        return None;
                    }
                    found.push(current.clone());
                }
                continue;
            }
            // The piece at `start` and every forced start after it need a number each.
            let forced_after = forced.get(start.saturating_add(1)).copied().unwrap_or(0);
            if pieces.get(start).is_some_and(Piece::can_start) && forced_after < numbers_left {
                let end = start.saturating_add(1);
                current.push((start, end));
                visit = Some(end);
            }
        } else {
            // Backtrack: lengthen the last number by one piece, or drop it.
            let Some((start, end)) = current.pop() else {
                return Some(found);
            };
            if can_extend(end) {
                let end = end.saturating_add(1);
                current.push((start, end));
                visit = Some(end);
            }
        }
    }
}

/// The numbers of one grouping, `None` if the core parser rejects one.
fn read(pieces: &[Piece], bounds: &[(usize, usize)]) -> Option<Vec<StatedValue>> {
    bounds
        .iter()
        .map(|&(first, end)| {
            let text: Vec<&str> = pieces
                .get(first..end)?
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            SwedishNumber::parse(&text.join(" "))
                .ok()
                .map(StatedValue::from)
        })
        .collect()
}

/// Whether every rule holds for `values`, exactly or within rounding.
fn satisfies(values: &[StatedValue], rules: &[SplitRule]) -> Result<bool> {
    for rule in rules {
        let value_at = |p: usize| {
            values.get(p).copied().ok_or(CalcError::SplitPosition {
                position: p,
                columns: values.len(),
            })
        };
        let target = value_at(rule.target)?;
        let terms = rule
            .terms
            .iter()
            .map(|t| Ok((t.coefficient, value_at(t.position)?)))
            .collect::<Result<Vec<_>>>()?;
        // A reading whose arithmetic overflows satisfies no rule.
        match linear(target, &terms, None) {
            Ok(e) if e.class != super::Class::Error => {}
            Ok(_) | Err(_) => return Ok(false),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(texts: &[&str]) -> Vec<StatedValue> {
        texts
            .iter()
            .map(|t| StatedValue::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn row_split_follows_swedish_grouping_without_rules() {
        // "1 5 341": 1 cannot be followed by the one-digit group 5.
        let split = split_numbers("1 5 341", 2, &[]).unwrap();
        assert_eq!(split, Split::Unique(values(&["1", "5 341"])));
        let split = split_numbers("1 5 341", 3, &[]).unwrap();
        assert_eq!(split, Split::Unique(values(&["1", "5", "341"])));
        assert_eq!(
            split_numbers("1 5 341", 1, &[]).unwrap(),
            Split::Inconsistent(vec![])
        );
    }

    #[test]
    fn row_split_sign_starts_a_number() {
        for text in ["12 -345", "12 − 345", "12 \u{2212}345", "12 \u{2013}345"] {
            let split = split_numbers(text, 1, &[]).unwrap();
            assert_eq!(split, Split::Inconsistent(vec![]), "{text}");
            let split = split_numbers(text, 2, &[]).unwrap();
            assert_eq!(split, Split::Unique(values(&["12", "-345"])), "{text}");
        }
    }

    #[test]
    fn row_split_decimals_end_a_number() {
        let split = split_numbers("1 418,0 123", 2, &[]).unwrap();
        assert_eq!(split, Split::Unique(values(&["1 418,0", "123"])));
        assert_eq!(
            split_numbers("1,5 234", 1, &[]).unwrap(),
            Split::Inconsistent(vec![])
        );
    }

    #[test]
    fn row_split_rejects_leading_zero_groups_as_starts() {
        // "090" only continues a number; "0" alone is a number.
        let split = split_numbers("-7 090 0", 2, &[]).unwrap();
        assert_eq!(split, Split::Unique(values(&["-7 090", "0"])));
    }

    #[test]
    fn row_split_reports_ambiguity() {
        let split = split_numbers("5 341", 1, &[]).unwrap();
        assert_eq!(split, Split::Unique(values(&["5 341"])));
        // Without a rule "3 312 3 607 4 580 973" has several 4-column readings.
        let split = split_numbers("3 312 3 607 4 580 973", 4, &[]).unwrap();
        assert!(matches!(&split, Split::Ambiguous(all) if all.len() > 1));
    }

    #[test]
    fn row_split_rule_positions_must_exist() {
        let err = split_numbers("1 2 3", 3, &[SplitRule::sum(3, [0, 1])]).unwrap_err();
        assert_eq!(
            err,
            CalcError::SplitPosition {
                position: 3,
                columns: 3
            }
        );
        assert_eq!(
            err.to_string(),
            "split rule refers to column 3; the row has 3 columns"
        );
    }

    #[test]
    fn row_split_rejects_tokens_that_are_not_numbers() {
        for (text, token) in [
            ("12 %", "%"),
            ("1 - -2", "-2"),
            ("5 -", "-"),
            ("1.8", "1.8"),
        ] {
            let err = split_numbers(text, 1, &[]).unwrap_err();
            assert_eq!(
                err,
                CalcError::SplitToken {
                    text: text.into(),
                    token: token.into()
                }
            );
        }
    }

    #[test]
    fn row_split_label_stops_at_the_numbers() {
        let row = split_row(
            "Summa 2020 286 278 68 375 -353 332 1 321",
            4,
            &[SplitRule::sum(3, [0, 1, 2])],
        )
        .unwrap();
        assert_eq!(row.label, "Summa 2020");
        assert_eq!(
            row.split,
            Split::Unique(values(&["286 278", "68 375", "-353 332", "1 321"]))
        );
        let row = split_row("Äldre, funktionsstöd, hälso- och sjukvård", 0, &[]).unwrap();
        assert_eq!(row.label, "Äldre, funktionsstöd, hälso- och sjukvård");
        assert_eq!(row.split, Split::Unique(vec![]));
    }

    #[test]
    fn row_split_more_columns_than_tokens_is_inconsistent_without_allocating() {
        for columns in [3, 1 << 40, usize::MAX] {
            assert_eq!(
                split_numbers("1 234", columns, &[]).unwrap(),
                Split::Inconsistent(vec![])
            );
            let row = split_row("Stab 1 234", columns, &[]).unwrap();
            assert_eq!(row.split, Split::Inconsistent(vec![]));
        }
        let rule = [SplitRule::sum(usize::MAX - 1, [0])];
        assert_eq!(
            split_numbers("1 234", usize::MAX, &rule).unwrap(),
            Split::Inconsistent(vec![])
        );
        // Tokens that are not numbers are still reported first.
        assert!(matches!(
            split_numbers("1 tkr", usize::MAX, &[]),
            Err(CalcError::SplitToken { .. })
        ));
    }

    #[test]
    fn row_split_zero_columns() {
        assert_eq!(split_numbers("", 0, &[]).unwrap(), Split::Unique(vec![]));
        assert_eq!(
            split_numbers("1 234", 0, &[]).unwrap(),
            Split::Inconsistent(vec![])
        );
    }

    #[test]
    fn row_split_of_many_tokens_does_not_overflow_the_stack() {
        // One number per token: the search goes 10 000 columns deep.
        let text = vec!["1"; 10_000].join(" ");
        let split = split_numbers(&text, 10_000, &[]).unwrap();
        assert!(matches!(&split, Split::Unique(values) if values.len() == 10_000));
        let text = core::iter::once("1")
            .chain(core::iter::repeat_n("234", 9_999))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(matches!(
            split_numbers(&text, 5_000, &[]),
            Err(CalcError::TooManySplits { .. })
        ));
    }

    #[test]
    fn row_split_gives_up_on_too_many_groupings() {
        let text = vec!["1"]
            .into_iter()
            .chain(core::iter::repeat_n("234", 40))
            .collect::<Vec<_>>()
            .join(" ");
        let err = split_numbers(&text, 20, &[]).unwrap_err();
        assert!(matches!(
            err,
            CalcError::TooManySplits {
                limit: MAX_GROUPINGS,
                ..
            }
        ));
    }
}
