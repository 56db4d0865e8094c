//! # namnd-invest
//!
//! (crate documentation is being written)

mod error;

pub use error::{Error, InvestError, Result};
