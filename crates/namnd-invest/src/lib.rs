//! # namnd-invest: investment requests, capital costs, plan comparison and follow-up
//!
//! A committee asks for investments (*investeringsäskanden*) each spring for
//! a three-year plan; each request has amounts per year with a status (the
//! cell colours of real request tables), dates, operating costs and a useful
//! life. This crate models the requests, computes their capital costs
//! (*kapitalkostnader* = depreciation + internal interest) and the
//! consequence for the operating budget, compares this year's plan with last
//! year's decided plan, checks a table's stated totals, follows the current
//! year up (budget, outcome, *restbelopp*, *ombudgetering*), and reads request
//! tables from CSV.
//!
//! | Module / item | What it answers |
//! |---|---|
//! | [`InvestmentRequest`], [`RequestBuilder`], [`RequestId`], [`YearAmount`], [`AmountPart`], [`AmountStatus`], [`UsefulLife`], [`Component`], [`DriftStart`] | the request: id as written (`1:12`, ordered naturally), *benämning*, responsible vs executing committee, description and need, amounts per year with statuses (decided, new, changed, possibly missing, pending with a note; a year may be split into a decided and an additional part), *utgift uppstår*, *aktiveras* (never before spending starts), *driftstart*, operating costs, *nyttjandeperiod* and components |
//! | [`capital`] | straight-line depreciation from the activation month (or the month after, or the whole year), internal interest per year on the opening (or average) book value, rounded once per year with the remainder in the last year; year-by-year schedule; budget consequence = capital cost + operating cost |
//! | [`compare`] | new, changed (old → new), removed and unchanged amounts per request and year; totals per year; stated totals checked with [`namnd_calc::check`] (exact, rounding or error) |
//! | [`followup`] | the current year's follow-up, through `namnd-budget`'s investment model |
//! | [`import`] | a request table from CSV (one row per request and year), with a summary of rows read, accepted and rejected (file, line, column, reason) |
//! | [`InvestError`] | the one error type (also `namnd_invest::Error`), with [`Result`] |
//!
//! Components of an asset ([`Component`]) are set through the API or serde
//! only; the CSV importer reads one useful life per request.
//!
//! ## Relation to `namnd-budget`'s investment follow-up
//!
//! `namnd-budget` already models the follow-up of investments in the monthly
//! and annual reports ([`namnd_budget::model::InvestmentLine`]: budget, utfall,
//! restbelopp = budget − utfall, carry-over ≤ restbelopp, flags). That model
//! is reused, not repeated: [`followup`] re-exports it and only turns a
//! request's amount for the year into a line's budget. The *planning* side
//! (requests, capital costs, plan comparison) lives here. The follow-up sits
//! in `namnd-budget` because it is read from the same reports as the
//! operating follow-up; should it ever need request data (statuses, dates),
//! it would belong here instead.
//!
//! ## Capital cost of the domain brief's example
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::{Amount, Decimal, FiscalYear, Rounding};
//! use namnd_invest::capital::{budget_consequence, CapitalOptions, InterestRates};
//! use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, UsefulLife, YearAmount};
//!
//! let y = |n| FiscalYear::try_new(n);
//! let request = InvestmentRequest::builder(RequestId::try_new("1:1")?, "Trygghetslarm")
//!     .amount(y(2025)?, YearAmount::single(Amount::from_tkr(1_000)?, AmountStatus::New))
//!     .spending_starts(NaiveDate::from_ymd_opt(2025, 2, 1).ok_or("date")?)
//!     .activation(NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?)
//!     .useful_life(UsefulLife::try_new(10)?)
//!     .build()?;
//! // 2 % internal interest on the opening book value; whole kronor, half away from zero.
//! let options = CapitalOptions::new(InterestRates::constant(Decimal::new(2, 2))?, Rounding::HalfAwayFromZero);
//! let plan = request.capital_schedule(&options)?;
//! let first_two: Vec<Decimal> = plan.years().iter().take(2).map(|r| r.capital_cost.as_tkr()).collect();
//! assert_eq!(first_two, [Decimal::from(120), Decimal::from(118)]); // 100 + 20, 100 + 18
//! let consequence = budget_consequence(&request, [y(2025)?, y(2026)?], &options)?;
//! assert_eq!(consequence.iter().map(|c| c.total).collect::<Vec<_>>(), [Amount::ZERO, Amount::from_tkr(120)?]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Read a request table and compare it with last year's plan
//! ```
//! use namnd_invest::compare::{compare, Change};
//! use namnd_invest::import::{import_requests, ImportOptions};
//!
//! let last_year = "id;benämning;år;belopp;status\n1:1;Violen;2025;1 000;beslutat\n1:2;Larm;2025;300;beslutat\n";
//! let this_year = "id;benämning;år;belopp;status;tillägg\n1:1;Violen;2025;1 000;beslutat;250\n1:3;Bilar;2026;400;nytt;\n";
//! let previous = import_requests(last_year.as_bytes(), &ImportOptions::new("2024.csv"))?.requests;
//! let current = import_requests(this_year.as_bytes(), &ImportOptions::new("2025.csv"))?.requests;
//! let diff = compare(&previous, &current)?;
//! let kinds: Vec<(&str, &str)> = diff.changes().iter().map(|c| (c.request.as_str(), match c.change {
//!     Change::New { .. } => "new",
//!     Change::Removed { .. } => "removed",
//!     Change::Changed { .. } => "changed",
//!     Change::Unchanged { .. } => "unchanged",
//!     _ => "other",
//! })).collect();
//! assert_eq!(kinds, [("1:1", "changed"), ("1:2", "removed"), ("1:3", "new")]);
//! # Ok::<(), namnd_invest::InvestError>(())
//! ```
//!
//! ## Money and rounding
//! Amounts are [`namnd_core::Amount`] (exact `rust_decimal` kronor, never
//! `f64`); arithmetic is checked and an overflow is an error naming what was
//! computed. Capital-cost figures are rounded once per year with a
//! [`namnd_core::Rounding`] the caller names (there is no default mode), to
//! whole kronor unless told otherwise; see [`capital`] for the conventions.
//! Plan amounts, totals and diffs are never rounded.
//!
//! ## Dependencies, and why
//! - `namnd-core`: [`Amount`](namnd_core::Amount), fiscal years, rounding
//!   modes, the Swedish number parser the importer uses for amounts
//!   (`1 250,5`, `− 300`), and the redaction of personal identity numbers in
//!   messages ([`namnd_core::quote_for_message`]);
//! - `namnd-calc`: the table consistency checker behind
//!   [`compare::check_stated_totals`] (exact / rounding / error
//!   classification with the stated precision), rather than a second one;
//! - `namnd-budget`: the investment follow-up model (restbelopp, carry-over
//!   check), reused by [`followup`];
//! - `csv` (BurntSushi): RFC 4180 parsing with quoted fields, line positions
//!   for messages and byte records (so a bad UTF-8 field rejects one row, not
//!   the file), instead of a hand-written splitter;
//! - `chrono`: dates (*utgift uppstår*, *aktiveras*) and their parsing;
//! - `rust_decimal`: exact money and rates;
//! - `thiserror`: the [`InvestError`] enum;
//! - `serde`, `schemars` (optional, see below).
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for the request types, the capital
//!   options and interest rates, and the import options. Deserialising goes
//!   through the same validation as the constructors
//!   (`#[serde(try_from = …)]`: a blank or personnummer-like id, an
//!   activation before spending starts, a useful life of 0, a split whose
//!   additional part is "decided" or whose base is not, an amount left out
//!   with a status other than pending or possibly missing, components that
//!   do not add up, a negative rate are all rejected). Computed results (schedules, consequences,
//!   diffs, import summaries) are Serialize-only. Amounts and rates are
//!   decimal strings.
//! - `schemars`: JSON Schema for those types; implies `serde`.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod capital;
pub mod compare;
mod error;
pub mod followup;
pub mod import;
mod request;

pub use error::{Error, InvestError, Result};
pub use request::{
    AmountPart, AmountStatus, Component, DriftStart, InvestmentRequest, RequestBuilder, RequestId,
    UsefulLife, YearAmount,
};
