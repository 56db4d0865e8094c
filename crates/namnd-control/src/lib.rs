//! # namnd-control: internal control and audit follow-up
//!
//! A committee must keep sufficient internal control (*intern kontroll*):
//! it adopts an internal-control plan (*internkontrollplan*) for a period,
//! follows each control up over the year, and reports the result in the
//! *delårsrapport* and *årsredovisning*. Its auditors (*revisorer*) audit it
//! and ask for a formal response (*yttrande*) to their recommendations. This
//! crate models both.
//!
//! | Module | What it answers |
//! |---|---|
//! | [`plan`] | the plan and its rows: process, risk, risk score on a configurable scale (5×5, 4×4 or none) through `namnd_calc::risk`, level bands, *kontrollmoment*, *metod*, schedule, responsible role, reported to (`FC/SN/KF`), scope (*kommunövergripande* / *nämndspecifik*), legal duty; duplicate rows; plan period versus attachments' period |
//! | [`schedule`] | frequencies in free text (`4 ggr/år`, `Två gånger per år`, `var tredje månad`, `Månadsvis`, `Löpande`) and the months named beside them, checked against each other |
//! | [`calendar`] | which controls are due in each month; follow-up results (*genomförd / delvis genomförd / ej genomförd* = green / yellow / red) with findings and actions; a summary for the report |
//! | [`diff`] | what changed between two plan versions (added, removed, re-scored, rescheduled), and a warning when a removed row carried a legal duty |
//! | [`audit`] | audit reports, answer scales as data with a polarity per question, unanswered questions, recommendations, the committee's response and its actions, the status workflow and overdue detection |
//! | [`import`] | CSV import of a plan with mappable columns: bad rows rejected with file, line and column, the rest read, a summary of why |
//!
//! ## Check a plan row the way a controller does
//! ```
//! use namnd_calc::risk::RiskScale;
//! use namnd_control::ControlError;
//! use namnd_control::plan::{ControlRow, InternalControlPlan, Recipient, RiskAssessment};
//! use namnd_control::schedule::Schedule;
//!
//! let mut plan = InternalControlPlan::new("Socialnämnden", "2022-2024".parse()?);
//! plan.push_row(
//!     ControlRow::new("Attestering av fakturor", "Att fakturor är korrekta", Schedule::parse("4 ggr/ år Mars Juni September December")?)
//!         .with_risk("Felaktiga fakturor", RiskAssessment::value(RiskScale::FIVE, 20)?)
//!         .with_reported_to(Recipient::parse_list("FC")),
//! )?;
//! // 13 is no product of two factors 1–5: a typing error in the plan.
//! assert!(RiskAssessment::value(RiskScale::FIVE, 13).is_err());
//! // "4 ggr/år" must name four months.
//! assert!(matches!(Schedule::parse("4 ggr/år Mars Juni"), Err(ControlError::MonthsDoNotMatchFrequency { .. })));
//! # Ok::<(), namnd_control::ControlError>(())
//! ```
//!
//! ## Follow an audit recommendation
//! ```
//! use chrono::NaiveDate;
//! use namnd_control::audit::{AnswerScale, AuditKind, AuditQuestion, AuditReport, Polarity, Recommendation};
//!
//! let scale = AnswerScale::standard();
//! let mut report = AuditReport::new("Informationsöverföring inom hemtjänsten", "Revisionsbyrån", "2023".parse()?, AuditKind::Fordjupad);
//! report.add_question(
//!     AuditQuestion::new(9, "Pekar rapporterade avvikelser på brister?")
//!         .with_polarity(Polarity::YesIsAdverse)
//!         .answered(scale.parse("Ja, i patientsäkerhetsberättelsen …")?, Some(691)),
//! )?;
//! report.add_recommendation(Recommendation::new(1, "Utveckla samverkan med regionen").with_questions([9]))?;
//! report.set_response_due(NaiveDate::from_ymd_opt(2023, 12, 1).ok_or("date")?);
//! assert_eq!(report.overdue(NaiveDate::from_ymd_opt(2024, 1, 8).ok_or("date")?).len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Dependencies, and why
//! - `namnd-core`: fiscal years and months, legal duties
//!   ([`namnd_core::law::Duty`]) carried by plan rows, and
//!   `quote_for_message`, through which every echoed input passes so that a
//!   personnummer never reaches a message;
//! - `namnd-calc`: risk scales, scores, possible values and level bands
//!   (`namnd_calc::risk`), so the rule "only products of two factors on the
//!   scale" lives in one place;
//! - `csv`: the plan importer (RFC 4180, quoted fields over several lines,
//!   line numbers for messages);
//! - `chrono`: due dates and decision dates in the audit workflow;
//! - `thiserror`: the one error enum, [`ControlError`];
//! - optional `serde`, `schemars`: see below.
//!
//! Free-text frequencies and Swedish month names are read by a small
//! hand-written matcher ([`schedule`]): they are a closed set of Swedish
//! phrases that no parsing crate knows, and a table of patterns says plainly
//! what is accepted.
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for the data types (plans, rows,
//!   schedules, risk assessments, follow-ups, audit reports). Reading
//!   checks the same invariants as the constructors: a schedule's months
//!   against its frequency, a stated risk value against the scale, each row
//!   against its plan's scale, a plan period's order, a report's question
//!   links and each recommendation's status history. Calendars, summaries
//!   and diffs serialise only (they are computed, not input).
//! - `schemars`: JSON Schema for those types; implies `serde`.

pub mod audit;
pub mod calendar;
pub mod diff;
mod error;
pub mod import;
pub mod plan;
pub mod schedule;

pub use error::{ControlError, Error, Result};
