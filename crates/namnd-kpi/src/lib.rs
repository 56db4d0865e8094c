//! CRATE-DOCS: goals and indicators, staff continuity, staff measures, Kolada (being written).

mod error;
pub mod continuity;
pub mod goal;
pub mod kolada;
pub mod staff;

pub use error::{Error, KpiError, Result};
