//! # namnd-kpi: goals, indicators, staff continuity and staff measures
//!
//! How a committee's quality and goals stand: indicators (*indikatorer*,
//! *nyckeltal*) with direction and targets, computed versus assessed status,
//! roll-up from committee goals (*nämndmål*) to the council's goals
//! (*inriktningsmål*); staff continuity (*personalkontinuitet*) computed from
//! visit logs by the national definition; staff and production measures (sick
//! leave, FTE, *brukartid*); and Kolada data read from saved API responses.
//!
//! | Module | What it answers |
//! |---|---|
//! | [`goal`] | indicators, target forms as printed in plans, measurements (with the year a value refers to), computed and assessed status on the real scales (Ja/Nej, uppnått/delvis/ej, grön/gul/röd), goal hierarchy and roll-up with explanations, trend that respects direction |
//! | [`continuity`] | staff continuity (Kolada U21401 mean, U21402 median) over a 14-day window, streamed from a visit-log CSV, per unit and in total, with exclusions counted per reason |
//! | [`staff`] | sick leave with the short/long split and hour-weighted roll-up, headcount and FTE with sum checks, *brukartid*, performed versus granted hours, substitute hours |
//! | [`kolada`] | Kolada API v2 `kpi` and `data` responses (saved files) into metadata and measurements with the gender split; comparison with riket and a group of municipalities |
//!
//! ## Assess an indicator the way a committee does
//! ```
//! use namnd_core::Decimal;
//! use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Target};
//!
//! // Lower is better: staff met in 14 days (Kolada U21401).
//! let continuity = Indicator::new("U21401", "Personalkontinuitet", IndicatorUnit::Persons, Direction::LowerIsBetter)?;
//! assert_eq!(continuity.parse_target("<15", None)?, Target::Below(Decimal::from(15)));
//! # Ok::<(), namnd_kpi::KpiError>(())
//! ```
//!
//! ## Dependencies, and why
//! - `namnd-core`: periods, Swedish numbers (targets such as `≥91,0 %`),
//!   rounding, redaction of personal identity numbers in messages;
//! - `namnd-calc`: percentages that are "not meaningful" instead of absurd;
//! - `csv`: the visit log (RFC 4180, streaming);
//! - `serde` + `serde_json`: the Kolada JSON responses and the continuity
//!   result the CLI prints (JSON numbers become `Decimal` through their text,
//!   never through `f64` arithmetic);
//! - `rust_decimal`, `chrono`, `thiserror`.
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for the goal model's data types (checked on
//!   the way in).
//! - `schemars`: JSON Schema for them; implies `serde`.

pub mod continuity;
mod error;
pub mod goal;
pub mod kolada;
pub mod staff;

pub use error::{Error, KpiError, Result};
