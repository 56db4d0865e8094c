//! # namnd-calc: the pure calculation engine of namnd
//!
//! Variance, full-year forecasts, forecast accuracy, rounding that adds up,
//! consistency checks of tables, and risk scores, as pure functions over
//! [`namnd_core`] types: no I/O, no global state, no required serde. Any front
//! end (the `namnd` CLI, a web service, an analyst's small tool) calls it.
//!
//! | Module | What it answers |
//! |---|---|
//! | [`variance`] | budget against outcome or forecast (*avvikelse*, *prognosavvikelse*), percent variance, traffic lights, change since the previous forecast |
//! | [`forecast`] | full-year forecast (*helårsprognos*) by run rate, remaining periodised budget, last year's profile or a manager's figure, with itemised one-off adjustments |
//! | [`accuracy`] | how good the year's forecasts were: error per month, MAPE, bias, from which month they held |
//! | [`rounding`] | sums of rounded values, largest-remainder apportionment, which rounding mode explains a printed figure |
//! | [`percent`] | percentages that are "not meaningful" instead of absurd, percentage points, weighted averages |
//! | [`check`] | consistency checks of stated tables (relations, totals, percentages, cross-table equality) with one-cell fixes, splitting PDF-text rows, and (feature `toml`) reading the rules file of `namnd check` |
//! | [`risk`] | risk values (*sannolikhet* × *konsekvens*) and their bands |
//! | [`suppress`] | small-count suppression for public committee papers (*röjandekontroll*): counts 1–4 hidden, with complementary cells hidden so that no total reveals them; every hidden cell prints one neutral mark, `..` by default, explained by a table note |
//!
//! All amounts are canonical (income positive, costs negative); inputs under a
//! table's own sign convention come in as [`namnd_core::Stated`]. Every
//! variance is favourable-positive. Nothing is rounded unless a function is
//! asked to round, with a named [`namnd_core::Rounding`].
//!
//! ## A forecast variance, and whether the printed percentage adds up
//! ```
//! use namnd_calc::rounding::{modes_explaining_change, Rounding};
//! use namnd_calc::variance::LineVariance;
//! use namnd_core::{Amount, Decimal, SignConvention, Stated, SwedishNumber};
//!
//! // Flen, "Prognos avvikelse helår" (convention C): budget 72 473, forecast 96 473 tkr.
//! let c = SignConvention::BudgetMinusForecast;
//! let line = LineVariance::of_forecast(
//!     Stated::new(Amount::from_tkr(72_473)?, c),
//!     Stated::new(Amount::from_tkr(96_473)?, c),
//! )?;
//! assert_eq!(line.variance().amount(), Amount::from_tkr(-24_000)?);
//!
//! // Oxelösund printed +6,8 % for 286 278 → 305 949 tkr: only truncation prints that.
//! let modes = modes_explaining_change(
//!     Decimal::from(286_278),
//!     Decimal::from(305_949),
//!     &SwedishNumber::parse("6,8 %")?,
//! )?;
//! assert_eq!(modes, [Rounding::TowardZero, Rounding::Floor]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Dependencies
//! Only `namnd-core`, `rust_decimal` and `thiserror`; `serde` and `schemars`
//! are optional, and so is `toml` (with `serde`, feature `toml`): it reads
//! the rules file of `namnd check`, with spans for the line of each entry,
//! instead of a hand-written parser.
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize for every public data type (findings, forecasts,
//!   bands, risk scales). Inputs and configuration (thresholds, bands,
//!   accuracy options, forecast inputs, risk scales) also Deserialize, and
//!   reading them runs the same checks as their constructors. Computed
//!   results (variances, forecasts, accuracies, rounded parts) are
//!   Serialize only: recompute them from their inputs.
//! - `schemars`: JSON Schema for them; implies `serde`.
//! - `toml`: `check::rules`, the rules file of `namnd check` (RULES.toml)
//!   read into [`check::Rule`]s, every bad entry reported with its line.

pub mod accuracy;
mod arith;
pub mod check;
mod error;
pub mod forecast;
pub mod percent;
pub mod risk;
pub mod rounding;
pub mod suppress;
pub mod variance;

pub use error::{CalcError, Error, Result};
