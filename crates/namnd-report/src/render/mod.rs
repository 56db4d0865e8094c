//! Renderers: a [`Report`](crate::model::Report) as Markdown, a
//! self-contained HTML file, an Excel workbook and JSON.
//!
//! Every renderer formats what the model holds and computes no domain
//! figure. Rounding and Swedish number formatting happen in one place,
//! [`display`], so that the four formats show the same figures.
//!
//! | Format | Function | Notes |
//! |---|---|---|
//! | Display values | [`display::display_table`], [`display::display_cell`] | rounding, totals, notes |
//! | Markdown | [`markdown::to_markdown`] | pipe tables, charts as tables of values |
//! | HTML | [`html::to_html`] | one file, inline CSS and SVG, no external requests |
//! | SVG charts | [`svg::chart_svg`] | line and grouped bar charts |
//! | Excel | [`xlsx::to_xlsx`] | one sheet per section, real numbers with formats |
//! | JSON | [`json::to_json`], [`json::from_json`], [`json::schema`] | the model serialised |
//! | Example | [`example::example_report`] | a small realistic report for docs and tests |
//!
//! ```
//! use namnd_report::model::{Block, Report, ReportMeta, Section};
//! use namnd_report::render::{html::to_html, markdown::to_markdown};
//!
//! let report = Report {
//!     meta: ReportMeta::example()?,
//!     sections: vec![Section::available("summary", "Sammanfattning", vec![Block::Paragraph("Prognosen är i balans.".into())])],
//! };
//! assert!(to_markdown(&report)?.contains("## Sammanfattning"));
//! assert!(to_html(&report)?.contains("<h2"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod display;
pub mod example;
pub mod html;
pub mod json;
pub mod markdown;
pub mod svg;
pub mod xlsx;
