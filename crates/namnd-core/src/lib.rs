//! CRATE-DOCS-PLACEHOLDER
#![cfg_attr(docsrs, feature(doc_cfg))]

mod amount;
mod error;
pub mod law;
mod number;
mod org;
mod period;
mod person;
mod rounding;
mod sign;

pub use amount::{Amount, Unit};
pub use error::{CoreError, Error, Result};
pub use number::{DecimalMark, Minus, NumberFormat, NumberUnit, Separator, SwedishNumber};
pub use org::{Account, AccountGroup, AccountMapping, AccountRule, OrgUnit, UnitPath};
pub use period::*;
pub use person::*;
pub use rounding::Rounding;
pub use sign::{SignConvention, Stated, Storage, Variance, VarianceKind};

/// Re-exported so callers can build amounts without adding `rust_decimal` themselves.
pub use rust_decimal::Decimal;
