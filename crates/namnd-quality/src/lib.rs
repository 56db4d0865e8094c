//! # namnd-quality: Lex Sarah, Lex Maria, incident reports and complaints
//!
//! (crate documentation is being written)

mod error;

pub use error::{Error, QualityError, Result};
