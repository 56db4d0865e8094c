//! # namnd-control
//!
//! (crate documentation is being written)

mod error;

pub use error::{Error, ControlError, Result};
