//! The one error type of `namnd-core`.

use rust_decimal::Decimal;

/// Everything that can go wrong in `namnd-core`.
///
/// Messages are lowercase, have no trailing period, and name the value that was
/// read and where in the input it stood (byte positions count from 1, like an editor's column). They never
/// contain a personal identity number: the personnummer variants describe the
/// problem without echoing the input.
///
/// Importers in other crates wrap these errors with the file, line and column
/// the value came from.
///
/// # Example
/// ```
/// use namnd_core::{CoreError, SwedishNumber};
///
/// let err = SwedishNumber::parse("1 418,x").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"expected a digit after the decimal comma in "1 418,x" at byte 7"#,
/// );
/// assert!(matches!(err, CoreError::ParseNumber { position: 7, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    // ---------------------------------------------------------------- money
    /// An arithmetic operation on amounts left the range of `rust_decimal`.
    #[error("{left} {operation} {right} is outside the decimal range")]
    Overflow {
        /// The operation, e.g. `+` or `×`.
        operation: &'static str,
        /// The left operand, as written by `rust_decimal`.
        left: Decimal,
        /// The right operand.
        right: Decimal,
    },
    /// A sum of amounts left the range of `rust_decimal`.
    #[error("sum overflowed at item {index} ({value} kr added to {partial} kr)")]
    SumOverflow {
        /// Zero-based index of the item that overflowed the sum.
        index: usize,
        /// That item's value in kronor.
        value: Decimal,
        /// The sum before that item, in kronor.
        partial: Decimal,
    },
    /// Division by zero.
    #[error("{left} divided by zero")]
    DivisionByZero {
        /// The dividend.
        left: Decimal,
    },
    /// A text was parsed as an [`Amount`](crate::Amount) but carried no money unit.
    #[error("amount \"{input}\" has {found}; expected kr, tkr or mkr")]
    NotAnAmount {
        /// The text that was read.
        input: String,
        /// What unit it had instead (`no unit`, `unit %`, …).
        found: String,
    },
    /// More decimals were asked for than `rust_decimal` can hold (28).
    #[error("{decimals} decimals requested; at most 28 are possible")]
    TooManyDecimals {
        /// The number of decimals asked for.
        decimals: u32,
    },

    // ------------------------------------------------------ Swedish numbers
    /// A Swedish-formatted number could not be read.
    #[error("expected {expected} in \"{input}\" at byte {position}")]
    ParseNumber {
        /// The text that was read (personnummer-like digit runs are masked).
        input: String,
        /// Byte position, counted from 1, of the first byte that could not be read.
        position: usize,
        /// What would have been valid there.
        expected: &'static str,
    },
    /// A Swedish-formatted number has more digits than `rust_decimal` can hold.
    #[error(
        "number \"{input}\" is beyond the decimal range (at most 28 digits) at byte {position}"
    )]
    NumberOutOfRange {
        /// The text that was read (personnummer-like digit runs are masked).
        input: String,
        /// Byte position, counted from 1, of the first digit that does not fit.
        position: usize,
    },
    /// A deserialised stated number whose parts contradict each other.
    #[error("stated number {value} is inconsistent: {reason}")]
    InconsistentNumber {
        /// The value.
        value: Decimal,
        /// What contradicts what.
        reason: &'static str,
    },
    /// A value has more decimals than the number of decimals it is said to be
    /// stated with (which would need an implicit rounding).
    #[error("{value} has more than the {decimals} decimals it is stated with")]
    MoreDecimalsThanStated {
        /// The value.
        value: Decimal,
        /// The stated number of decimals.
        decimals: u32,
    },

    // -------------------------------------------------------------- periods
    /// A year outside the supported range.
    #[error("year {year} is outside the supported range {min}..={max}")]
    YearOutOfRange {
        /// The year given.
        year: i32,
        /// Smallest supported year.
        min: i32,
        /// Largest supported year.
        max: i32,
    },
    /// A month number outside 1–12.
    #[error("month {month} is not a month; expected 1 to 12")]
    InvalidMonth {
        /// The month number given.
        month: u32,
    },
    /// A quarter number outside 1–4.
    #[error("quarter {quarter} is not a quarter; expected 1 to 4")]
    InvalidQuarter {
        /// The quarter number given.
        quarter: u32,
    },
    /// A tertial number outside 1–3.
    #[error("tertial {tertial} is not a tertial; expected 1 to 3")]
    InvalidTertial {
        /// The tertial number given.
        tertial: u32,
    },
    /// A nämndrapport number outside 1–12.
    #[error("nämndrapport number {number} is out of range; expected 1 to 12")]
    InvalidNamndrapportNumber {
        /// The report number given.
        number: u32,
    },
    /// A nämndrapport number outside what the reporting calendar defines.
    #[error("nämndrapport {number} is not in the reporting calendar, which has {count}")]
    InvalidNamndrapport {
        /// The report number given.
        number: u32,
        /// How many nämndrapporter the calendar has.
        count: usize,
    },
    /// A reporting calendar that is not in month order or names a month twice.
    #[error("reporting calendar is invalid: {reason}")]
    InvalidCalendar {
        /// What is wrong with it.
        reason: String,
    },
    /// A period text could not be read.
    #[error("expected {expected} in period \"{input}\" at byte {position}")]
    ParsePeriod {
        /// The text that was read.
        input: String,
        /// Byte position, counted from 1, of the first byte that could not be read.
        position: usize,
        /// What would have been valid there.
        expected: &'static str,
    },
    /// Month arithmetic left the supported range of years.
    #[error("{start} plus {months} months is outside the supported years")]
    PeriodOverflow {
        /// The period the arithmetic started from.
        start: String,
        /// The number of months added (negative: subtracted).
        months: i64,
    },
    /// A date outside what the date library can represent.
    #[error("date {date} cannot be represented by the {target} crate")]
    DateOutOfRange {
        /// The date, in ISO form.
        date: String,
        /// The library that could not hold it.
        target: &'static str,
    },

    // ------------------------------------------------------- organisation
    /// A unit code (in a [`UnitPath`](crate::UnitPath)) is empty or contains a separator.
    #[error("unit code \"{code}\" is invalid: {reason}")]
    InvalidUnitCode {
        /// The code given.
        code: String,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// A unit path with no units.
    #[error("a unit path needs at least one unit")]
    EmptyUnitPath,
    /// An account number could not be read.
    #[error("account \"{input}\" is invalid at byte {position}: {reason}")]
    InvalidAccount {
        /// The text that was read.
        input: String,
        /// Byte position, counted from 1, of the first offending byte (for a
        /// wrong length, the byte after the last one read).
        position: usize,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// Two ranges of an account mapping overlap.
    #[error("account ranges {first} and {second} overlap")]
    OverlappingAccountRanges {
        /// The first range, as `start..=end`.
        first: String,
        /// The second range.
        second: String,
    },
    /// A Swedish account-group name that is not known.
    #[error(
        "\"{input}\" is not a known account group (kontogrupp); expected avgiftsintäkter, \
         bidragsintäkter, övriga intäkter, personalkostnader, lokalkostnader, köp av verksamhet, \
         övriga kostnader, kapitalkostnader or anslag"
    )]
    UnknownAccountGroup {
        /// The text that was read.
        input: String,
    },
    /// A sign-convention name that is not known.
    #[error("\"{input}\" is not a known sign convention; expected {expected}")]
    UnknownSignConvention {
        /// The text that was read.
        input: String,
        /// The accepted names.
        expected: &'static str,
    },

    // ----------------------------------------------------------------- law
    /// A law name or SFS number that is not in the law table.
    #[error("\"{input}\" is not a known law")]
    UnknownLaw {
        /// The text that was read.
        input: String,
    },
    /// A legal reference text could not be read.
    #[error("expected {expected} in legal reference \"{input}\" at byte {position}")]
    ParseLegalRef {
        /// The text that was read.
        input: String,
        /// Byte position, counted from 1, of the first byte that could not be read.
        position: usize,
        /// What would have been valid there.
        expected: &'static str,
    },
    /// No legal reference for a duty is in force on a date.
    #[error("no legal reference for {duty} under {scope} is in force on {date}")]
    NoReferenceInForce {
        /// The duty asked about.
        duty: String,
        /// The act the duty was asked for (e.g. SoL, LSS).
        scope: String,
        /// The date asked about.
        date: chrono::NaiveDate,
    },
    /// A duty table (or one of its entries) contradicts itself: two entries
    /// for the same duty and act overlap in time, an entry ends before it
    /// starts, or a reference claims to be verified or cited without naming
    /// a source.
    #[error("duty table is invalid: {reason}")]
    InvalidDutyTable {
        /// What is wrong with it.
        reason: String,
    },
    /// A legal reference contradicts itself: a range that does not end after
    /// it starts, or a verified or cited reference with a blank source.
    #[error("legal reference \"{reference}\" is invalid: {reason}")]
    InvalidLegalRef {
        /// The provision, e.g. `16 kap. 6 h–6 f §§`.
        reference: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Särskild avgift limits that contradict themselves: a minimum above the
    /// maximum, decision dates that end before they start, or a provision of
    /// another act.
    #[error("special fee limits are invalid: {reason}")]
    InvalidSpecialFeeLimits {
        /// What is wrong with them.
        reason: String,
    },

    // ---------------------------------------------------------- personnummer
    /// A personnummer or samordningsnummer could not be read. The input is
    /// deliberately not part of the message.
    #[error("invalid personal identity number: {reason} (at character {position})")]
    InvalidPersonnummer {
        /// Character position, counted from 1, where the problem was found.
        position: usize,
        /// What is wrong, without echoing any digit.
        reason: &'static str,
    },
    /// A pseudonym text is not 64 hexadecimal digits. The input is not echoed,
    /// because it may be a personal identity number given by mistake.
    #[error("invalid pseudonym: {reason}")]
    InvalidPseudonym {
        /// What is wrong, without echoing the input.
        reason: &'static str,
    },
    /// A pseudonymisation key that is too short to be safe.
    #[error("pseudonym key has {length} bytes; at least {minimum} are required")]
    PseudonymKeyTooShort {
        /// The length given.
        length: usize,
        /// The minimum length.
        minimum: usize,
    },
}

/// Text that an error message echoes, with anything shaped like a personal
/// identity number masked, so that a personnummer typed into the wrong field
/// never reaches a log through an error (neither `Display` nor `Debug`).
pub(crate) fn echo(input: &str) -> String {
    crate::person::redact_identity_numbers(input).into_owned()
}

/// Short name for [`CoreError`], so callers can write `namnd_core::Error`.
pub use CoreError as Error;

/// `Result` with [`CoreError`] as the error type.
///
/// # Example
/// ```
/// use namnd_core::{Amount, Result};
/// fn total(a: Amount, b: Amount) -> Result<Amount> {
///     a.checked_add(b)
/// }
/// assert_eq!(total(Amount::from_kr(1), Amount::from_kr(2))?, Amount::from_kr(3));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
pub type Result<T, E = CoreError> = core::result::Result<T, E>;
