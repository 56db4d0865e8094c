//! The one error type of `namnd-decisions`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-decisions`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_decisions::DecisionsError;
/// let err = DecisionsError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionsError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // ------------------------------------------------------------ decision
    // (decision model variants go here)
    /// The law column is neither `SoL` nor `LSS`.
    #[error("law {input:?} is not SoL or LSS")]
    UnknownLaw {
        /// The text read, quoted for a message.
        input: String,
    },

    /// An id is empty.
    #[error("{what} id is empty")]
    EmptyId {
        /// Which id: `decision` or `person`.
        what: &'static str,
    },

    /// An id looks like a personal identity number; the text is not echoed.
    #[error("{what} id looks like a personal identity number (not shown); use a pseudonym")]
    PersonnummerInId {
        /// Which id: `decision` or `person`.
        what: &'static str,
    },

    /// The service category belongs to the other act.
    #[error("decision {id}: service {insats} is not a service under {law}")]
    InsatsLawMismatch {
        /// The decision id.
        id: String,
        /// The service category given.
        insats: crate::decision::Insats,
        /// The act given.
        law: crate::decision::DecisionLaw,
    },

    /// A birth year after the decision or more than 130 years before it.
    #[error("decision {id}: birth year {birth_year} is not plausible for the decision date")]
    ImplausibleBirthYear {
        /// The decision id.
        id: String,
        /// The birth year given.
        birth_year: i32,
    },

    /// The service text names no category of [`crate::decision::Insats`].
    #[error("service {input:?} is not a known service (insats) under SoL or LSS")]
    UnknownInsats {
        /// The text read, quoted for a message.
        input: String,
    },

    /// The service text names a category under both acts (`kontaktperson`,
    /// `korttidsvistelse`) and no act was given.
    #[error(
        "service {input:?} exists under both SoL and LSS; add the act, e.g. \"kontaktperson (LSS)\""
    )]
    AmbiguousInsats {
        /// The text read, quoted for a message.
        input: String,
    },

    /// An event breaks a rule of the decision's history (see
    /// [`crate::decision::HistoryProblem`]).
    #[error("decision {id}: {event} on {date}: {problem}")]
    InvalidHistory {
        /// The decision id.
        id: String,
        /// The kind of event at which the history breaks.
        event: crate::decision::EventKind,
        /// Its date.
        date: chrono::NaiveDate,
        /// The rule broken.
        problem: crate::decision::HistoryProblem,
    },

    /// A birth date whose year is not the birth year, or after the decision
    /// date; the date is not shown.
    #[error(
        "decision {id}: birth date (not shown) does not match birth year {birth_year} or is after the decision date"
    )]
    BirthDateMismatch {
        /// The decision id.
        id: String,
        /// The birth year recorded.
        birth_year: i32,
    },
    // -------------------------------------------------------------- import
    // (CSV import variants go here)
    /// A required column is missing from the header: the whole file is
    /// rejected.
    #[error("column {column:?} is missing from the header of {file}")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column name looked for.
        column: String,
    },

    /// A column name appears twice in the header.
    #[error(
        "column {column:?} appears twice in the header of {file} (columns {first} and {second})"
    )]
    DuplicateColumn {
        /// The file.
        file: String,
        /// The column name.
        column: String,
        /// The first position, from 1.
        first: usize,
        /// The second position, from 1.
        second: usize,
    },

    /// A file could not be opened.
    #[error("cannot open {file}: {kind}")]
    Open {
        /// The file.
        file: String,
        /// What went wrong.
        kind: std::io::ErrorKind,
    },

    /// A file could not be read further.
    #[error("failed to read {file} after line {line}: {kind}")]
    Read {
        /// The file.
        file: String,
        /// The last line read.
        line: u64,
        /// What went wrong.
        kind: std::io::ErrorKind,
    },

    /// A row has a different number of fields from the header.
    #[error("the row has {found} fields; the header has {expected}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },

    /// A row is longer than
    /// [`MAX_RECORD_BYTES`](crate::import::MAX_RECORD_BYTES): it is rejected
    /// without being read further (memory stays bounded).
    #[error("the row is longer than {limit} bytes; it is not read")]
    RecordTooLong {
        /// The limit, in bytes.
        limit: usize,
    },

    /// The header is longer than
    /// [`MAX_RECORD_BYTES`](crate::import::MAX_RECORD_BYTES): the whole file
    /// is rejected.
    #[error("the header of {file} is longer than {limit} bytes")]
    HeaderTooLong {
        /// The file.
        file: String,
        /// The limit, in bytes.
        limit: usize,
    },

    /// A row is not valid UTF-8.
    #[error("the row is not valid UTF-8")]
    InvalidUtf8,

    /// A required value is empty.
    #[error("the value is empty; it is required")]
    EmptyValue,

    /// A value is not a date `YYYY-MM-DD`.
    #[error("{value:?} is not a date; expected YYYY-MM-DD")]
    InvalidDate {
        /// The text read, quoted for a message.
        value: String,
    },

    /// A gender that is not `K` or `M`.
    #[error("{value:?} is not a legal gender; expected K or M")]
    InvalidGender {
        /// The text read, quoted for a message.
        value: String,
    },

    /// A birth year that is not a number.
    #[error("{value:?} is not a birth year; expected four digits")]
    InvalidBirthYear {
        /// The text read, quoted for a message.
        value: String,
    },

    /// An amount that is neither a plain nor a Swedish decimal in kronor.
    #[error("{value:?} is not an amount in kronor")]
    InvalidAmount {
        /// The text read, quoted for a message.
        value: String,
    },

    /// One value of a pair given without the other (a closing date and its
    /// reason; a special-fee date and its amount).
    #[error("the value is given but column {other:?} is empty; give both or neither")]
    IncompletePair {
        /// The other column of the pair.
        other: String,
    },

    /// A decision id seen before in the same file.
    #[error("decision id {id:?} already appeared on line {first_line}")]
    DuplicateId {
        /// The id.
        id: String,
        /// The line of the first row with the id.
        first_line: u64,
    },

    // ------------------------------------------------------------- quarter
    // (quarterly reporting, IVO and statistics variants go here)
    /// An error from `namnd-calc` (small-count suppression of the
    /// statistics).
    #[error(transparent)]
    Calc(#[from] namnd_calc::CalcError),

    /// A reporting window (IVO, auditors or council) is not a valid window.
    #[error("reporting window for quarter {quarter}: {reason}")]
    InvalidReportingWindow {
        /// The quarter number (1–4) the window belongs to.
        quarter: u32,
        /// What is wrong.
        reason: &'static str,
    },

    /// IVO's person id needs the gender female or male.
    #[error("{context}: legal gender is neither female nor male; IVO's person id needs one")]
    UnsupportedGender {
        /// Where: `decision <id>`, or `person` when no decision is known.
        context: String,
    },

    /// A birth year that cannot be written with four digits.
    #[error("birth year {birth_year} cannot be written as four digits in IVO's person id")]
    BirthYearNotFourDigits {
        /// The birth year.
        birth_year: i32,
    },

    /// Text that is not an IVO person id `ÅÅÅÅMMDD-T123`.
    #[error("IVO person id {input:?} is not of the form ÅÅÅÅMMDD-T123: {reason}")]
    InvalidIvoPersonId {
        /// The text read, quoted for a message.
        input: String,
        /// What is wrong.
        reason: &'static str,
    },

    /// A date computation went outside the supported calendar.
    #[error("{what} is outside the supported calendar")]
    DateOutOfRange {
        /// Which date.
        what: &'static str,
    },

    /// A count or sum did not fit.
    #[error("{what} overflowed")]
    Overflow {
        /// What was counted or summed.
        what: &'static str,
    },

    /// A decision id or person reference that is too long or holds a
    /// control character (see [`namnd_core::id_text`]); the id is not
    /// echoed. An empty id is [`DecisionsError::EmptyId`], one that looks
    /// like a personnummer [`DecisionsError::PersonnummerInId`].
    #[error("{what} id is not usable: {problem}")]
    InvalidId {
        /// Which id: `decision` or `person`.
        what: &'static str,
        /// The rule it breaks.
        problem: namnd_core::IdTextProblem,
    },
}

/// Short name for [`DecisionsError`], for `namnd_decisions::Error` paths.
///
/// # Example
/// ```
/// use namnd_decisions::Error;
/// let err: Error = Error::EmptyValue;
/// assert_eq!(err.to_string(), "the value is empty; it is required");
/// ```
pub type Error = DecisionsError;

/// `Result` with [`DecisionsError`].
///
/// # Example
/// ```
/// use namnd_decisions::decision::DecisionId;
/// fn id(text: &str) -> namnd_decisions::Result<DecisionId> {
///     DecisionId::new(text)
/// }
/// assert_eq!(id("17")?.as_str(), "17");
/// assert!(id("").is_err());
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
pub type Result<T, E = DecisionsError> = core::result::Result<T, E>;
