//! # namnd-core: the shared vocabulary of Swedish municipal committees
//!
//! Every other namnd crate speaks in these types. They are small, exact and
//! strict: money is a `rust_decimal` in kronor, rounding always names its mode,
//! every table names its sign convention, and a personal identity number never
//! leaves the process in clear.
//!
//! | Topic | Types |
//! |---|---|
//! | Money | [`Amount`] (kronor; `from_kr`/`from_tkr`/`from_mkr`/`from_ore`), [`Unit`] |
//! | Rounding | [`Rounding`] (half away from zero, half even, toward zero, …; no default) |
//! | Swedish numbers | [`SwedishNumber`] (parse `−263 094`, `8,73%`, `(75,00%)`, `7,3 mkr`), [`NumberFormat`] |
//! | Periods | [`FiscalYear`], [`YearMonth`], [`Quarter`] and [`Tertial`] (both a [`YearPart`]), [`Period`], [`ReportingPeriod`] (with [`NamndrapportNumber`]), [`ReportingCalendar`] |
//! | Sign conventions | [`SignConvention`] (A, B, C), [`Stated`], [`Variance`] (positive = favourable) |
//! | Organisation | [`UnitPath`], [`OrgUnit`], [`Account`], [`AccountGroup`] (*kontogrupp*), [`AccountMapping`] |
//! | Law | [`law`]: acts, SFS versions, legal references and duties with validity dates |
//! | Privacy | [`Personnummer`] (never displayed), [`Pseudonym`] (HMAC-SHA-256), [`redact_identity_numbers`] |
//! | Ids | [`id_text`]: the one check of id and code text (not empty, not too long, no control character, no personnummer), with [`IdTextProblem`] |
//! | Errors | [`CoreError`] (one enum for the crate; also `namnd_core::Error`) |
//!
//! ## Read a number as a committee table prints it
//! ```
//! use namnd_core::{Decimal, NumberUnit, SwedishNumber};
//!
//! let n = SwedishNumber::parse("− 2,9 mkr")?; // U+2212 and a space, as in Flen's reports
//! assert_eq!((n.value(), n.unit(), n.decimals()), (Decimal::new(-29, 1), NumberUnit::Mkr, 1));
//! assert_eq!(n.amount()?.as_tkr(), Decimal::from(-2_900));
//!
//! let err = SwedishNumber::parse("1 418,x").unwrap_err();
//! assert_eq!(err.to_string(), r#"expected a digit after the decimal comma in "1 418,x" at byte 7"#);
//! # Ok::<(), namnd_core::CoreError>(())
//! ```
//!
//! ## Compute a variance whatever the table's sign convention
//! ```
//! use namnd_core::{Amount, SignConvention, VarianceKind};
//!
//! // Flen, månadsrapport November 2023 (costs positive): budget 72 473, utfall 98 184.
//! let v = SignConvention::BudgetMinusOutcome.variance(Amount::from_tkr(72_473)?, Amount::from_tkr(98_184)?)?;
//! assert_eq!(v.amount(), Amount::from_tkr(-25_711)?);
//! assert_eq!(v.kind(), VarianceKind::Deficit);
//! # Ok::<(), namnd_core::CoreError>(())
//! ```
//!
//! ## Round explicitly, and print the Swedish way
//! ```
//! use namnd_core::{Amount, NumberFormat, Rounding, Separator, Unit};
//!
//! let result = Amount::from_tkr(7_318)?;
//! let prose = NumberFormat::new(1, Rounding::HalfAwayFromZero).with_separator(Separator::Space);
//! assert_eq!(result.format_in(Unit::Mkr, &prose)?, "7,3 mkr");
//! # Ok::<(), namnd_core::CoreError>(())
//! ```
//!
//! ## Sum without overflow
//! ```
//! use namnd_core::Amount;
//! let lines = [Amount::from_kr(1), Amount::from_kr(2)];
//! assert_eq!(Amount::try_sum(lines)?, Amount::from_kr(3));
//! # Ok::<(), namnd_core::CoreError>(())
//! ```
//!
//! ## Pseudonymise a personnummer
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::{Personnummer, Pseudonym, PseudonymKey};
//!
//! let today = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
//! let pnr = Personnummer::parse("19121212-1212", today)?; // a fictitious test number
//! let key = PseudonymKey::new(b"the controller's secret key, 32 bytes")?;
//! let pseudonym = Pseudonym::of(&pnr, &key);
//! assert_eq!(pseudonym.to_string().len(), 64);
//! assert!(!format!("{pnr} {pnr:?}").contains("1212"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Dependencies, and why
//! - `rust_decimal`: exact decimal money (never `f64`);
//! - `chrono`: calendar dates (`NaiveDate`), month arithmetic;
//! - `thiserror`: the [`CoreError`] enum;
//! - `hmac` + `sha2` (RustCrypto): the keyed hash behind [`Pseudonym`]; hand-written
//!   cryptography has no place here.
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for every public data type. [`Amount`] is a
//!   decimal string in kronor (`"6310442.50"`), periods are their canonical
//!   strings, and deserialising validates. [`Personnummer`] and
//!   [`PseudonymKey`] are deliberately not serialisable.
//! - `schemars`: JSON Schema for every serialisable type; implies `serde`.
//! - `proptest`: `proptest::arbitrary::Arbitrary` for amounts, rounding modes,
//!   periods, sign conventions, pseudonyms and valid personnummer, for other
//!   crates' property tests.
//! - `time`: conversions between `chrono::NaiveDate` and `time::Date` for every
//!   date-bearing type.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod amount;
mod error;
mod id;
pub mod law;
mod number;
mod org;
mod period;
mod person;
mod rounding;
mod sign;

pub use amount::{Amount, Unit};
pub use error::{CoreError, Error, Result};
pub use id::{IdTextProblem, id_text};
pub use number::{DecimalMark, Minus, NumberFormat, NumberUnit, Separator, SwedishNumber};
pub use org::{Account, AccountGroup, AccountMapping, AccountRule, OrgUnit, UnitPath};
pub use period::*;
pub use person::*;
pub use rounding::Rounding;
pub use sign::{SignConvention, Stated, Storage, Variance, VarianceKind};

/// Re-exported so callers can build amounts without adding `rust_decimal` themselves.
pub use rust_decimal::Decimal;
