//! # namnd
//!
//! Budget follow-up, indicators and legal duties of Swedish municipal
//! social-services committees (*socialnämnd*, *vård- och omsorgsnämnd*),
//! computed exactly.
//!
//! This is the facade crate: `cargo add namnd` gives the shared vocabulary of
//! [`namnd_core`] at the top level (money, Swedish numbers, periods, sign
//! conventions, organisation, laws, personal identity numbers), and the domain
//! crates behind features as they are added.
//!
//! ```
//! use namnd::{Amount, SignConvention, SwedishNumber, YearMonth};
//!
//! // Gnesta's annual report 2022 (convention A: costs negative).
//! let budget: Amount = "−263 094 tkr".parse()?;
//! let outcome: Amount = "−263 062 tkr".parse()?;
//! let variance = SignConvention::OutcomeMinusBudget.variance(budget, outcome)?;
//! assert!(variance.is_favourable());
//!
//! let month: YearMonth = "augusti 2023".parse()?;
//! assert_eq!(month.months_remaining(), 4);
//! assert_eq!(SwedishNumber::parse("8,73%")?.decimals(), 2);
//! # Ok::<(), namnd::CoreError>(())
//! ```
//!
//! ## Crate features
//! - `calc` (default): [`calc`], the pure variance, forecast, rounding and
//!   consistency-checking engine.
//! - `budget` (default): [`budget`], importers (CSV, SIE 4, Excel), the
//!   follow-up job and the budget model; implies `calc`.
//! - `kpi` (default): [`kpi`], goals and indicators, staff continuity, staff
//!   measures and Kolada import.
//! - `toml`: `calc::check::rules`, the rules file of `namnd check`
//!   (RULES.toml) read into consistency-check rules; implies `calc`.
//! - `serde`: Serialize/Deserialize for every public data type (amounts as
//!   decimal strings in kronor, never floats).
//! - `schemars`: JSON Schema for every public data type; implies `serde`.
//! - `proptest`: `Arbitrary` impls for amounts, periods and sign conventions.
//! - `time`: conversions to and from `time::Date`.
//!
//! Features only add; none changes behaviour.

pub use namnd_core::*;

/// Pure calculations: variance, forecasts, forecast accuracy, rounding that
/// adds up, consistency checks of tables, risk scores (the `namnd-calc` crate).
#[cfg(feature = "calc")]
pub use namnd_calc as calc;

/// Budget follow-up: streaming CSV, SIE 4 and Excel import with summaries, the
/// follow-up job, and the budget model (the `namnd-budget` crate).
#[cfg(feature = "budget")]
pub use namnd_budget as budget;

/// Goals, indicators and their assessment, staff continuity from visit logs,
/// staff measures and Kolada import (the `namnd-kpi` crate).
#[cfg(feature = "kpi")]
pub use namnd_kpi as kpi;

/// Unexecuted decisions (*ej verkställda beslut*) under SoL and LSS: deadlines,
/// quarterly reports to IVO, statistics for the council with small counts
/// suppressed (the `namnd-decisions` crate).
#[cfg(feature = "decisions")]
pub use namnd_decisions as decisions;

/// Lex Sarah and Lex Maria cases, incident reports (*avvikelser*) and
/// complaints, with the statistics committees publish (the `namnd-quality`
/// crate).
#[cfg(feature = "quality")]
pub use namnd_quality as quality;

/// Investment requests (*investeringsäskanden*) with capital costs, plan
/// comparison and follow-up (the `namnd-invest` crate).
#[cfg(feature = "invest")]
pub use namnd_invest as invest;

/// Internal-control plans (*intern kontroll*) with risk values and control
/// calendars, and audit follow-up (*revision*) (the `namnd-control` crate).
#[cfg(feature = "control")]
pub use namnd_control as control;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
