//! # namnd-decisions: unexecuted decisions (*ej verkställda beslut*)
//!
//! (crate documentation is being written)

mod error;

pub use error::{DecisionsError, Error, Result};
