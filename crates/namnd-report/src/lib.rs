//! # namnd-report: the reports a committee reads
//!
//! A Swedish municipal committee (*nämnd*, e.g. the *socialnämnd*) reads a
//! report every reporting period: a *månadsrapport*, a *nämndrapport*, the
//! *delårsrapport* and the annual report (*årsredovisning*). This crate
//! builds that report from a **dataset** (a folder with a manifest
//! `namnd.toml` and the files the other `namnd-*` crates import) and renders
//! it as Markdown, a self-contained HTML file with charts, an Excel workbook
//! and JSON.
//!
//! | Module | What it does |
//! |---|---|
//! | [`manifest`] | `namnd.toml`: municipality, committee, year, as-of month, conventions, file names; [`manifest::manifest_schema`] |
//! | [`dataset`] | reads every file with its crate's importer, collecting every [`dataset::Problem`] and rows read/accepted/rejected per file |
//! | [`assemble`] | [`dataset::Dataset`] → [`model::Report`]: summary, budget follow-up, goals, quality, decisions, investments, internal control, data quality |
//! | [`model`] | the document: sections of key figures, tables and charts holding **unrounded** values |
//! | [`render`] | [`model::Report`] → Markdown, HTML (inline SVG), Excel, JSON (+ JSON Schema) |
//! | [`demo`] | the embedded synthetic dataset *Exempelkommun* |
//!
//! ## The flow: dataset → assemble → render
//!
//! 1. [`dataset::Dataset::load_dir`] (or [`dataset::Dataset::load_files`])
//!    reads the manifest and every file it names. Loading never stops at the
//!    first problem: a missing file makes its sections unavailable, a bad
//!    row is rejected with file, line and column, and the rest is read.
//! 2. [`assemble::assemble`] computes the sections with the domain crates
//!    (namnd-budget's follow-up in three reconciling views, namnd-kpi's
//!    assessments, namnd-quality's funnels, namnd-decisions' statistics,
//!    namnd-invest's capital costs, namnd-control's follow-up). A section
//!    whose data is missing is kept, marked unavailable with the reason; the
//!    last section, *Datakvalitet*, lists rows read, accepted and rejected per
//!    file and every problem, so the committee sees what was left out.
//! 3. The renderers in [`render`] format the model; rounding and Swedish
//!    number formatting (`−1 234` tkr, `8,7 %`) happen in one place,
//!    [`render::display`], so every format shows the same figures. Totals
//!    are rounded from unrounded values, with a note where the displayed
//!    parts do not add up (or largest-remainder display, by option).
//!
//! ## Privacy
//!
//! No personal data reaches a report. Registers are read for counts only:
//! no pseudonym, case or decision id and no register free text enters the
//! model. The texts that do (the committee's forecast comments, causes and
//! actions, assessment justifications, control actions, goal, indicator and
//! investment names) pass through [`namnd_core::redact_identity_numbers`]
//! as they enter the model; a redaction is itself reported as a problem
//! naming file, line and column, never the text. Counts of persons, cases,
//! incidents and complaints are suppressed with [`namnd_calc::suppress`]
//! (the manifest's `min_shown`); hidden cells show the policy's neutral mark
//! and every table with one has the policy's legend as a note. Error
//! messages echo input only through [`namnd_core::quote_for_message`].
//!
//! ## Dependencies, and why
//!
//! | Crate | Why |
//! |---|---|
//! | `csv` | the report's own small input formats (manual forecasts, indicators, measurements, incidents, complaints, control results): quoting, BOM and both `;` and `,` handled by a well-kept parser rather than `split` |
//! | `toml` | the manifest: its parser gives the span of a bad value, so errors name line and column |
//! | `rust_xlsxwriter` | a real `.xlsx` with number formats, frozen headers and one sheet per section, without Excel or LibreOffice |
//! | `schemars` | the JSON Schemas of the report and the manifest come from the types themselves, so they cannot drift from the JSON |
//! | `serde`, `serde_json` | the JSON report is the model serialised |
//!
//! The file formats are documented in `docs/formats.md`.
//!
//! # Example
//! ```
//! use namnd_report::assemble::{AssembleOptions, assemble};
//! use namnd_report::render::markdown::to_markdown;
//!
//! let loaded = namnd_report::demo::dataset()?;
//! assert!(loaded.problems.is_empty());
//! let report = assemble(&loaded.dataset, &AssembleOptions::default())?;
//! let markdown = to_markdown(&report)?;
//! assert!(markdown.starts_with("# Delårsrapport augusti 2026"));
//! assert!(markdown.contains("## Ekonomisk uppföljning"));
//! # Ok::<(), namnd_report::ReportError>(())
//! ```

pub mod assemble;
pub mod dataset;
pub mod demo;
mod error;
pub mod manifest;
pub mod model;
pub mod render;

pub use error::{Error, ReportError, Result};
