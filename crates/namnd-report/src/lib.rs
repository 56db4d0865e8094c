//! # namnd-report: the reports a committee reads
//!
//! (crate documentation is being written)

pub mod assemble;
pub mod dataset;
pub mod demo;
mod error;
pub mod manifest;
pub mod model;
pub mod render;

pub use error::{Error, ReportError, Result};
