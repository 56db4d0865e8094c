//! # namnd-decisions: unexecuted decisions (*ej verkställda beslut*)
//!
//! A favourable decision (*gynnande beslut*) under SoL or LSS that has not
//! been executed within three months of the decision date, or a service
//! interrupted and not resumed within three months, must be reported every
//! quarter: individually to IVO (*Inspektionen för vård och omsorg*, the
//! national inspectorate) and the auditors (*revisorer*), and as statistics
//! to the municipal council (*kommunfullmäktige*, KF). IVO can ask a court
//! to impose a *särskild avgift* (a court-imposed fee). This crate models
//! the decisions, reads them from the case system's CSV export, computes
//! each quarter's reports exactly, and gives the statistics with small
//! counts suppressed for the public committee papers.
//!
//! | Module | What it answers |
//! |---|---|
//! | [`decision`] | the decision, its service (*insats*: SoL categories, LSS 9 § 1–10), its dated events (offer, declined offer, executed, interrupted, resumed, closed, court ruling), the history rules, the three-month deadline clamped to the month's end |
//! | [`import`] | the decision register as CSV, streamed, rows capped at 1 MiB, with a summary of rows read, accepted and rejected and of events left out as warnings (file, line, column, reason); only a problem with the decision itself rejects a row; a personnummer is rejected and never echoed |
//! | [`quarter`] | for a quarter: which decisions are `unexecuted` (re-reported until they end), `executed` or `closed` late, or `interrupted`; days waited; notices (entries without an IVO id, persons whose rows disagree); the JSON of the `namnd evb quarter` command |
//! | [`ivo`] | IVO's reporting windows as data ("what is due, and by when"), and IVO's person id `ÅÅÅÅMMDD-T123` derived from the pseudonym: one id per person, collisions resolved by earliest decision date, ids issued before kept when seeded |
//! | [`stats`] | statistics for KF and the auditors: decisions and distinct persons by law × insats × gender and by waiting-time band, year over year, särskild avgift history, exposure by date (more than 6 and 12 months, also for interruptions not resumed), legal references in force; a committee version with small counts suppressed |
//!
//! ## A quarter's report from a register
//! ```
//! use namnd_core::Quarter;
//! use namnd_decisions::import::{read_decisions, DecisionColumns};
//! use namnd_decisions::quarter::{QuarterReport, ReportKind};
//!
//! let csv = "\
//! id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak
//! B1,p-01,SoL,särskilt boende,2023-11-30,K,1936,2024-01-10,2024-01-12,,,,,
//! B2,p-02,LSS,daglig verksamhet,2023-12-01,M,1990,,,2024-03-01,,,,
//! ";
//! let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
//! assert_eq!(imported.summary.accepted(), 2);
//!
//! let report = QuarterReport::compute(&imported.decisions, "2024Q1".parse::<Quarter>()?)?;
//! // B1: deadline 2024-02-29 (clamped), not executed by 31 March; the declined
//! // offer does not end reporting. B2: executed on its deadline day, in time.
//! let kinds: Vec<_> = report.entries().iter().map(|e| (e.id.as_str(), e.kind)).collect();
//! assert_eq!(kinds, [("B1", ReportKind::Unexecuted)]);
//! # Ok::<(), namnd_decisions::DecisionsError>(())
//! ```
//!
//! ## Privacy
//! Persons are pseudonymous references ([`decision::PersonRef`]); a
//! personnummer in any id column is rejected without being echoed. Reports
//! carry IVO's person id, never the reference. The reason for closing is
//! reported as a closed category ([`decision::CloseReason`]); the case
//! system's free text, which may name people, stays inside the decision and
//! never reaches a report's or the statistics' JSON. The committee version
//! of the statistics suppresses counts from 1 to 4 (configurable) with
//! secondary suppression, through [`namnd_calc::suppress`], and shows
//! figures outside its tables (exposure, persons, year-over-year changes)
//! only when nothing small can be worked out from them.
//!
//! ## Dependencies, and why
//! - `namnd-core`: periods (quarters), the law table with validity dates
//!   (old and new SoL), legal gender, redaction of identity numbers;
//! - `namnd-calc`: small-count suppression;
//! - `csv`: the register export (RFC 4180 quoting, streaming);
//! - `sha2`: the IVO person id's digits, derived from the pseudonym;
//! - `serde` + `serde_json`: the JSON the CLI prints (always), and derives
//!   on the data types (feature `serde`);
//! - `rust_decimal`, `chrono`, `thiserror`.
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for the decision model (checked on the
//!   way in: a decision is rebuilt through its constructors and event rules)
//!   and the report kinds, bands and counts.
//! - `schemars`: JSON Schema for them; implies `serde`.

pub mod decision;
mod error;
pub mod import;
pub mod ivo;
pub mod quarter;
pub mod stats;

pub use error::{DecisionsError, Error, Result};
