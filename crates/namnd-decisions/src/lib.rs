//! # namnd-decisions: unexecuted decisions (*ej verkställda beslut*)
//!
//! (crate documentation is being written)

pub mod decision;
mod error;

pub use error::{DecisionsError, Error, Result};
