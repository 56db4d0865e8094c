//! # namnd-report: the reports a committee reads
//!
//! (crate documentation is being written)

mod error;
pub mod model;

pub use error::{Error, ReportError, Result};
