//! Consistency checking of tables: the core of `namnd check`.
//!
//! A [`Table`] holds what a document printed: labelled rows and columns of
//! [`StatedValue`]s, each a value with the number of decimals it was printed
//! with. [`Rule`]s say what must hold:
//!
//! | Rule | Meaning |
//! |---|---|
//! | [`Relation`] | per row, `target = Σ coefficient × column` (`Resultat = Anslag + Intäkter + Kostnad`, `Avvikelse = Budget − Prognos`) |
//! | [`Total`] | a total row is the sum of the rows since the previous total, of every non-total row above, or of named rows |
//! | [`Percentage`] | per row, `P = A / B × 100` |
//! | [`Equality`] | the same figure in two places (two tables) agrees |
//!
//! [`check`] evaluates every instance of every rule and classifies it
//! [`Class::Exact`], [`Class::Rounding`] (explained by the stated precision,
//! or within the rule's explicit tolerance) or [`Class::Error`]. The
//! [`Report`] lists the non-exact ones as [`Finding`]s, and the instances that
//! could not be evaluated (a missing cell, a zero denominator) as
//! [`Unchecked`]. When changing one single cell would make every failing rule
//! hold, each error finding carries that [`CellFix`], marked when it is a digit
//! transposition.
//!
//! ## Tolerances
//!
//! A rule with an explicit tolerance (`with_tolerance`) allows that
//! |difference|. Otherwise the tolerance follows from the stated precision,
//! `half_unit(v)` being half a unit in the last printed decimal of `v`:
//!
//! - **Linear rules** ([`Relation`], [`Total`], [`Equality`]),
//!   `target = Σ cᵢ·xᵢ`: `Σ |cᵢ|·half_unit(xᵢ)`, and the target's own
//!   `half_unit(target)` is *absorbed* when the target is stated with exactly
//!   the decimals of every term and every cᵢ is a whole number (the
//!   difference is then a whole number of units, so a sum of n values each
//!   stated to whole tkr may be off by up to n × 0,5 tkr, as
//!   [`crate::rounding::explain_gap`] says). When the target is finer or
//!   coarser than some term, it is *added*, the sound general bound: Gnesta's
//!   `Avvikelse` −40,2 against whole-tkr `Utfall − Budget` allows
//!   0,05 + 0,5 + 0,5.
//! - **[`Percentage`]**, `P = A / B × 100`: `half_unit(P)`, P's stated
//!   decimals; A and B are taken as they stand.
//!
//! A difference of zero is [`Class::Exact`], one within the tolerance
//! [`Class::Rounding`], anything larger [`Class::Error`].
//!
//! [`split_row`] and [`split_numbers`] read rows of PDF text in which the same
//! space separates thousands and columns.
//!
//! ## Check a table
//! ```
//! use namnd_calc::check::{check, Class, Relation, StatedValue, Table, Total};
//! use namnd_core::Decimal;
//!
//! // Flen, månadsrapport november 2023 (flen-von-namndplan-2024.txt, lines 1186–1194).
//! let cols = ["Utfall 2022", "Budget", "Utfall", "Avvikelse"];
//! let mut t = Table::new("Grupp- och serviceboenden LSS", cols)?;
//! for (label, cells) in [
//!     ("Intäkter", ["3 312", "3 607", "4 580", "973"]),
//!     ("Personalkostnader", ["−38 475", "-41 459", "-45 727", "-4 267"]),
//!     ("Lokalkostnader", ["-6 382", "-7 667", "-7 299", "367"]),
//!     ("Övriga kostnader", ["−1 355", "3 095", "-1 637", "-4 735"]),
//!     ("Resultat", ["-42 900", "-42 424", "-50 083", "-7 659"]),
//! ] {
//!     let cells = cells.map(|c| StatedValue::parse(c).map(Some));
//!     t.push_row(label, cells.into_iter().collect::<Result<Vec<_>, _>>()?)?;
//! }
//! let rules = [
//!     Relation::difference(t.name(), "Avvikelse", "Utfall", "Budget").into(),
//!     Total::above(t.name(), "Resultat").into(),
//! ];
//! let report = check(&[t], &rules)?;
//!
//! let errors: Vec<_> = report.errors().collect();
//! assert_eq!(errors.len(), 2); // the row and the column total
//! let fix = errors.first().and_then(|f| f.fixes.first()).ok_or(namnd_calc::CalcError::Empty { what: "fix" })?;
//! assert_eq!((fix.cell.row.as_str(), fix.cell.column.as_str()), ("Övriga kostnader", "Avvikelse"));
//! assert_eq!((fix.stated, fix.corrected), (Decimal::from(-4_735), Decimal::from(-4_732)));
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```
//!
//! ## Split an ambiguous row of PDF text
//! ```
//! use namnd_calc::check::{split_row, SplitRule, StatedValue};
//!
//! // Oxelösund, årsredovisning 2021: Anslag | Övriga intäkter | Kostnad | Resultat.
//! let row = split_row("Integration 1 5 341 -4 405 937", 4, &[SplitRule::sum(3, [0, 1, 2])])?;
//! let values: Vec<_> = row.split.unique().unwrap_or_default().iter().map(StatedValue::value).collect();
//! assert_eq!(values, [1, 5_341, -4_405, 937].map(namnd_core::Decimal::from));
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```

mod eval;
mod finding;
mod fix;
mod resolve;
mod rule;
#[cfg(feature = "toml")]
pub mod rules;
mod split;
mod table;

#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod tests;

pub use finding::{CellFix, Class, Finding, Report, Unchecked, UncheckedReason};
pub use rule::{Addends, Equality, Percentage, Relation, Rule, Selection, Term, Total};
pub use split::{PositionTerm, RowSplit, Split, SplitRule, split_numbers, split_row};
pub use table::{CellRef, Row, StatedValue, Table};

use crate::Result;
use eval::{Blocked, Outcome, Values, evaluate};
use resolve::{cell_ref, resolve};

/// Evaluates every instance of every rule against the tables.
///
/// Rules are applied in order; a rule's instances in row (or column) order.
/// A finding names its rule by index in `rules`. A needed cell that is empty,
/// a zero (or near-zero) denominator, or arithmetic that leaves the range of
/// `Decimal` makes the instance [`Unchecked`], naming the cell, instead of a
/// finding or an error: one odd cell should not stop a whole check.
///
/// # Errors
/// Two tables with one name give
/// [`DuplicateTable`](crate::CalcError::DuplicateTable). A rule that cannot be
/// applied gives [`InvalidRule`](crate::CalcError::InvalidRule) with the
/// rule's index and the reason: a table, row or column the tables lack
/// ([`UnknownTable`](crate::CalcError::UnknownTable),
/// [`UnknownRow`](crate::CalcError::UnknownRow),
/// [`UnknownColumn`](crate::CalcError::UnknownColumn), with the names), a
/// total with nothing to add ([`EmptyTotal`](crate::CalcError::EmptyTotal)) or
/// a negative explicit tolerance
/// ([`NegativeTolerance`](crate::CalcError::NegativeTolerance)).
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, check::{check, Class, Relation, StatedValue, Table}};
///
/// let v = |s: &str| StatedValue::parse(s).map(Some);
/// let t = Table::new("t", ["A", "B", "C"])?
///     .with_row("x", [v("1 234")?, v("100")?, v("1 434")?])?;
/// let report = check(&[t.clone()], &[Relation::sum("t", "C", ["A", "B"]).into()])?;
/// let error = report.errors().next().ok_or(CalcError::Empty { what: "errors" })?;
/// assert_eq!(error.class, Class::Error);
/// // Changing any one of the three cells would do; "1 234" → "1 334" is no transposition.
/// assert_eq!(error.fixes.len(), 3);
///
/// let unknown = CalcError::UnknownColumn { table: "t".into(), column: "D".into() };
/// assert!(matches!(
///     check(&[t], &[Relation::sum("t", "D", ["A", "B"]).into()]),
///     Err(CalcError::InvalidRule { rule: 0, reason }) if *reason == unknown
/// ));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub fn check(tables: &[Table], rules: &[Rule]) -> Result<Report> {
    let instances = resolve(tables, rules)?;
    let values = Values::new(tables);
    let outcomes: Vec<Outcome> = instances.iter().map(|i| evaluate(i, &values)).collect();
    let fixes = fix::one_cell_fixes(tables, &instances, &outcomes);
    let mut report = Report::default();
    for (instance, outcome) in instances.iter().zip(outcomes) {
        let cell = cell_ref(tables, instance.shape.target());
        match outcome {
            Outcome::Evaluated(e) => {
                report.evaluated = report.evaluated.saturating_add(1);
                if e.class != Class::Exact {
                    report.findings.push(Finding {
                        rule: instance.rule,
                        cell,
                        stated: e.stated,
                        expected: e.expected,
                        difference: e.difference,
                        tolerance: e.tolerance,
                        class: e.class,
                        fixes: if e.class == Class::Error {
                            fixes.clone()
                        } else {
                            Vec::new()
                        },
                    });
                }
            }
            Outcome::Blocked(blocked) => {
                let reason = match blocked {
                    Blocked::Missing(c) => UncheckedReason::MissingCell(cell_ref(tables, c)),
                    Blocked::ZeroDenominator(c) => {
                        UncheckedReason::DivisionByZero(cell_ref(tables, c))
                    }
                    Blocked::Overflow(c) => UncheckedReason::Overflow(cell_ref(tables, c)),
                };
                report.unchecked.push(Unchecked {
                    rule: instance.rule,
                    cell,
                    reason,
                });
            }
        }
    }
    Ok(report)
}
