//! # namnd-quality: Lex Sarah, Lex Maria, incident reports and complaints
//!
//! The quality registers a social-services committee follows, and the
//! statistics it publishes about them:
//!
//! - **Lex Sarah** (SoL and LSS): staff report wrongdoing (*missförhållande*)
//!   or a clear risk of it; the provider investigates and remedies, assesses
//!   whether it is serious, and reports serious cases to IVO (the national
//!   inspectorate) as soon as possible (*snarast*).
//! - **Lex Maria** (health care, PSL): events that caused or could have
//!   caused a serious care injury (*allvarlig vårdskada*), reported to IVO by
//!   the medically responsible nurse (MAS). A case can change regime during
//!   the investigation; the redirect stays in its history.
//! - **Incident reports** (*avvikelser*, incident or deviation reports) by
//!   law domain, category and month, with category sets that change between
//!   years. (The same Swedish word means a budget variance; nothing in this
//!   crate is one.)
//! - **Complaints and comments** (*klagomål och synpunkter*) by channel, with
//!   response times.
//!
//! | Module | What it answers |
//! |---|---|
//! | [`case`] | a Lex Sarah / Lex Maria case and its dated history, validated; report kind (*missförhållande* or *påtaglig risk*); IVO's decision as a closed list (no text); status; internal deadlines (the law says "without delay", so municipalities set their own; after a redirect the new regime's investigation clock starts at the redirect) and overdue cases; the funnel real reports print ("7 reports, of which 2 reported to IVO, 4 judged less serious, 1 passed to MAS"), median days to an investigation finished under the scope's regime, year over year (published: blank unless both years are shown), count tables for suppression |
//! | [`register`] | the case register as CSV (at most 16 MiB, 64 KiB a row), with a summary of rows read, accepted and rejected (file, line, column, reason); a description column is never read, IVO's decision text is read by keywords and dropped, values of fixed-list columns are never echoed |
//! | [`incident`] | incident reports without free text; versioned category sets; category × month matrices whose totals always reconcile; shares that add to 100 % (largest remainder); year over year with `Utgår` / `Nytt för 2022`; share investigated and closed, weighted; tables by unit; lenient counting that lists the reports it could not count; committee versions of all of them |
//! | [`complaint`] | complaints by channel (direct, patient board, IVO), response time (median), answered in time, counts by category and channel and by unit |
//!
//! ## Gnesta's HSL incidents 2022, published with small counts hidden
//! ```
//! use namnd_calc::suppress::SmallCountPolicy;
//! use namnd_core::{FiscalYear, YearMonth};
//! use namnd_quality::incident::{Category, CategoryCode, CategorySet, IncidentDomain, IncidentMatrix, Validity};
//!
//! let categories = CategorySet::new(IncidentDomain::HealthCare, vec![
//!     Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
//!     Category::new(CategoryCode::new("VRI")?, "Vårdrelaterade infektioner", Validity::from_year(FiscalYear::try_new(2022)?))?,
//! ])?;
//! // Gnesta socialnämnd 2023, appendix 3 A: falls Jan–Mar 56, 39, 44; infections 0, 0, 0.
//! let matrix = IncidentMatrix::from_counts(
//!     &categories,
//!     YearMonth::try_new(2022, 1)?,
//!     YearMonth::try_new(2022, 3)?,
//!     &[("FALL", &[56, 39, 44]), ("VRI", &[0, 0, 0])],
//! )?;
//! assert_eq!(matrix.grand_total(), 139);
//! let published = matrix.committee(SmallCountPolicy::default())?;
//! assert!(published.is_protected());
//! # Ok::<(), namnd_quality::QualityError>(())
//! ```
//!
//! ## Privacy
//! Committee papers are public. Every statistic meant for them goes through
//! [`namnd_calc::suppress`] (counts 1–4 hidden by default, with secondary
//! suppression so that no hidden count can be recovered from the totals;
//! every hidden figure prints the same neutral mark, `..` by default, and
//! [`SmallCountPolicy::legend`](namnd_calc::suppress::SmallCountPolicy::legend)
//! gives the note that explains it under a table). Figures derived from counts follow the counts: a share, a
//! year-over-year change or a breakdown is published only where the counts
//! it comes from are shown, and a median only over at least `min_shown`
//! cases. Free text (descriptions, action plans, IVO's decision text) never
//! leaves the register: the types here have no place for it, ids that look
//! like a personnummer are rejected without being echoed, and register
//! errors never echo the value of a column with a fixed list of values.
//!
//! **What suppression does not do.** It guards against *exact* disclosure
//! only: no hidden count can be worked out exactly from the published
//! figures of one table. It does not stop a reader from narrowing a hidden
//! count to a range (from the totals and the counts ≥ 0), from combining
//! several published tables of the same cases, or from recognising a person
//! from a small unit, a date or outside knowledge. Decide what to publish with that in
//! mind; the library cannot.
//!
//! ## Dependencies, and why
//! - `namnd-core`: periods, units, the law table, redaction of identity
//!   numbers;
//! - `namnd-calc`: suppression, largest-remainder rounding, percentages;
//! - `csv`: the case register (RFC 4180 quoting, streaming);
//! - `rust_decimal`, `chrono`, `thiserror`.
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for the data types (checked on the way
//!   in: a case is rebuilt by replaying its history through the same rules).
//! - `schemars`: JSON Schema for them; implies `serde`.

pub mod case;
pub mod complaint;
mod error;
pub mod incident;
pub mod register;

pub use error::{Error, QualityError, Result};
