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
//! | [`goal`] | indicators, target forms as printed in plans, measurements (with the year a value refers to) and the printed outcome cells of real goal tables (`29 %*`, `Uppgift saknas`, `19 (2020)`), computed and assessed status on the real scales (Ja/Nej, uppnått/delvis/ej, grön/gul/röd), goal hierarchy and roll-up with explanations, trend that respects direction, the *Åtgärd krävs* flag kept beside a met status |
//! | [`continuity`] | staff continuity (Kolada U21401 mean, U21402 median, share meeting more than 20 staff) over a 14-day window, streamed from a visit-log CSV, per unit and in total, with exclusions counted per reason |
//! | [`staff`] | sick leave with the short/long split and hour-weighted roll-up, headcount and FTE with sum checks, *brukartid*, performed versus granted hours, substitute hours |
//! | [`kolada`] | Kolada API v2 `kpi` and `data` responses (saved files) into metadata and measurements with the gender split; comparison with riket and a group of municipalities; an optional HTTP client (feature `kolada-http`) |
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
//!
//! Always on, whatever the features: `Serialize` for the continuity result
//! types (`continuity::ContinuityReport`, `ContinuityResult`,
//! `ContinuityStats`, `ImportSummary`, `RowRejection`, `RejectionReason`,
//! `ExclusionReason`, `VisitCounts`). Their JSON is part of this crate's
//! contract (the CLI prints it: `included`, `excluded`, `mean`, `median` as
//! two-decimal strings, `by_unit`, `import`, …), so it does not depend on a
//! feature; they are output only and have no `Deserialize`.
//! - `serde`: Serialize/Deserialize for the goal model's data types and the
//!   Kolada types (`KoladaKpi`, `KoladaGender`, `KoladaValue`, `Comparison`;
//!   decimals as strings so the published scale is kept), checked on the way
//!   in.
//! - `schemars`: JSON Schema for them; implies `serde`.
//! - `kolada-http`: `kolada::KoladaClient`, a small blocking client for the
//!   Kolada API v2 that fetches `kpi` and `data` responses (following
//!   `next_page`) and parses them exactly as saved files are parsed. It uses
//!   `ureq` 3 with rustls (ring, `webpki-roots` certificates): a small,
//!   well-kept, blocking HTTP client that needs no async runtime (the
//!   importers are synchronous, and a tokio stack for a handful of GET
//!   requests would dwarf the crate) and no OpenSSL, so it builds with just a
//!   C compiler for ring. Without the feature nothing of it is compiled.

pub mod continuity;
mod error;
pub mod goal;
pub mod kolada;
pub mod staff;

pub use error::{Error, KpiError, Result};
