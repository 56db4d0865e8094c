//! The one error type of `namnd-quality`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-quality`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_quality::QualityError;
/// let err = QualityError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QualityError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // ---------------------------------------------------------------- case
    // (Lex Sarah / Lex Maria case variants go here)
    /// A case id that is empty, longer than
    /// [`MAX_CASE_ID_CHARS`](crate::case::MAX_CASE_ID_CHARS), holds a control
    /// character or looks like a personnummer (the rules of
    /// [`namnd_core::id_text`]); the id is not echoed.
    #[error("case id is not usable: {reason}")]
    InvalidCaseId {
        /// Why it was refused.
        reason: namnd_core::IdTextProblem,
    },

    /// A case category code that cannot be used (the rules of
    /// [`namnd_core::id_text`]).
    #[error("case category \"{code}\" is not usable: {reason}")]
    InvalidCaseCategory {
        /// The code (quoted for messages: identity numbers masked, cut).
        code: String,
        /// Why it was refused.
        reason: namnd_core::IdTextProblem,
    },

    /// A case category list with the same code twice.
    #[error("case category \"{code}\" occurs twice in the category list")]
    DuplicateCaseCategory {
        /// The repeated code (quoted for messages).
        code: String,
    },

    /// A case whose category is not in the category list.
    #[error("case {id}: category \"{code}\" is not in the category list")]
    UnknownCaseCategory {
        /// The case id.
        id: String,
        /// The category code (quoted for messages).
        code: String,
    },

    /// A date or event that breaks a rule of a case's history (see
    /// [`crate::case::CaseProblem`]).
    #[error("case {id}: {field} on {date} {problem}")]
    CaseHistory {
        /// The case id.
        id: String,
        /// The field: `event_date`, `discovery_date`, or the event's field
        /// ([`crate::case::CaseEventKind::field`]).
        field: &'static str,
        /// The date of the event or field.
        date: chrono::NaiveDate,
        /// The rule broken.
        problem: crate::case::CaseProblem,
    },

    /// A count of cases that does not fit in a `u64` (or a median that does
    /// not fit in a decimal).
    #[error("case counts overflow")]
    CaseCountOverflow,

    // ------------------------------------------------------------ incident
    // (incident report, category, matrix and complaint variants go here)
    /// An error from `namnd-calc` (suppression, apportioned shares).
    #[error(transparent)]
    Calc(#[from] namnd_calc::CalcError),

    /// A category code or name that cannot be used as a label (the rules of
    /// [`namnd_core::id_text`]).
    #[error("incident category {what} {input:?} is not usable: {reason}")]
    InvalidCategoryLabel {
        /// `code` or `name`.
        what: &'static str,
        /// The text read (quoted for messages: identity numbers masked, cut).
        input: String,
        /// Why it was refused.
        reason: namnd_core::IdTextProblem,
    },

    /// A validity period that ends before it starts.
    #[error("incident category validity from {first} through {last} ends before it starts")]
    InvalidValidity {
        /// The first month given.
        first: namnd_core::YearMonth,
        /// The last month given.
        last: namnd_core::YearMonth,
    },

    /// A category set with the same code or name twice.
    #[error("incident category {what} {label:?} occurs twice in the category set")]
    DuplicateCategory {
        /// `code` or `name`.
        what: &'static str,
        /// The repeated code or name (quoted for messages).
        label: String,
    },

    /// An incident report whose category is not in the category set.
    #[error("incident category {code:?} ({period}) is not in the {domain} category set")]
    UnknownIncidentCategory {
        /// The category code of the report or count (quoted for messages).
        code: String,
        /// The month of the report, or the period of the counts.
        period: String,
        /// The domain of the category set.
        domain: crate::incident::IncidentDomain,
    },

    /// An incident report (or a count) in a category that is not valid in
    /// its month or year: retired before, or introduced after.
    #[error("incident category {code:?} ({name}) is not valid in {period}; it is valid {validity}")]
    CategoryNotValid {
        /// The category code (quoted for messages).
        code: String,
        /// The category's Swedish name (quoted for messages).
        name: String,
        /// The month or year of the report or count.
        period: String,
        /// The category's validity period, e.g. `through 2021-12`.
        validity: crate::incident::Validity,
    },

    /// An incident report of the other domain (SoL/LSS vs HSL) than the
    /// category set.
    #[error(
        "incident report in category {code:?} ({month}) is a {found} report; the category set is for {expected}"
    )]
    IncidentDomainMismatch {
        /// The category code of the report (quoted for messages).
        code: String,
        /// The month of the report.
        month: namnd_core::YearMonth,
        /// The report's domain.
        found: crate::incident::IncidentDomain,
        /// The category set's domain.
        expected: crate::incident::IncidentDomain,
    },

    /// An incident report (or a count) outside the months or years of the
    /// table being built.
    #[error(
        "incident in category {code:?} in {period} lies outside the table, which covers {covered}"
    )]
    IncidentOutsideTable {
        /// The category code (quoted for messages).
        code: String,
        /// The month or year of the report or count.
        period: String,
        /// The period the table covers, e.g. `2022-01 through 2022-12`.
        covered: String,
    },

    /// A table asked for over no months or years, or over years out of order.
    #[error("incident table over {what} is not possible: {reason}")]
    InvalidTablePeriod {
        /// What was asked for, e.g. `2022-12 through 2022-01`.
        what: String,
        /// Why it is refused.
        reason: &'static str,
    },

    /// A row of counts of the wrong length, or a category counted twice.
    #[error("incident counts for category {code:?}: {reason} (expected {expected}, found {found})")]
    IncidentCountShape {
        /// The category code (quoted for messages).
        code: String,
        /// What is wrong.
        reason: &'static str,
        /// The expected number (of months, or of rows for the category).
        expected: usize,
        /// The number found.
        found: usize,
    },

    /// Incident counts whose total does not fit in a `u64`.
    #[error("incident counts overflow at category {code:?}")]
    IncidentCountOverflow {
        /// The category where the total overflowed (quoted for messages).
        code: String,
    },

    /// More reports closed than received in a category.
    #[error(
        "category {code:?}: {closed} reports investigated and closed, but only {reports} received"
    )]
    ClosedExceedsReports {
        /// The category code (quoted for messages).
        code: String,
        /// Reports investigated and closed.
        closed: u64,
        /// Reports received.
        reports: u64,
    },

    /// A target share outside 0–100 %.
    #[error("target share {target} % is not a share; expected 0 to 100")]
    InvalidTargetShare {
        /// The target given, in percent.
        target: namnd_core::Decimal,
    },

    /// A complaint answered before it was received.
    #[error(
        "complaint in category {code:?} received {received} is answered {answered}, before it was received"
    )]
    ComplaintAnsweredBeforeReceived {
        /// The complaint's category code (quoted for messages).
        code: String,
        /// The date received.
        received: chrono::NaiveDate,
        /// The date answered.
        answered: chrono::NaiveDate,
    },

    /// A complaint whose category is not in the municipality's list.
    #[error("complaint received {received}: category \"{code}\" is not in the category list")]
    UnknownComplaintCategory {
        /// The category code (quoted for messages).
        code: String,
        /// The date the complaint was received.
        received: chrono::NaiveDate,
    },

    // -------------------------------------------------------------- import
    // (register import variants go here)
    /// Reading a register file failed.
    #[error("failed to read {file}: {kind}")]
    RegisterRead {
        /// The file's name.
        file: String,
        /// What kind of I/O error.
        kind: std::io::ErrorKind,
    },

    /// A register file without a header line.
    #[error("{file} has no header line")]
    RegisterNoHeader {
        /// The file's name.
        file: String,
    },

    /// A column the register import needs is not in the header.
    #[error("column \"{column}\" is missing from the header \"{header}\" of {file}")]
    RegisterMissingColumn {
        /// The file's name.
        file: String,
        /// The column name looked for (see `RegisterColumns`).
        column: String,
        /// The header as read (quoted for messages).
        header: String,
    },

    /// A column the register import needs appears twice in the header.
    #[error("column \"{column}\" appears more than once in the header of {file}")]
    RegisterDuplicateColumn {
        /// The file's name.
        file: String,
        /// The column name.
        column: String,
    },

    /// A register row with another number of fields than the header.
    #[error("{file} line {line} has {found} fields; the header has {expected}")]
    RegisterFieldCount {
        /// The file's name.
        file: String,
        /// 1-based line where the row starts (the header is line 1).
        line: u64,
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },

    /// A register field that cannot be read.
    #[error("{file} line {line} column {column}: \"{value}\" {reason}")]
    RegisterField {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read (quoted for messages: identity numbers masked, cut).
        value: String,
        /// What is wrong.
        reason: &'static str,
    },

    /// A register row that breaks a case rule (id, category, history).
    #[error("{file} line {line} column {column}: {error}")]
    RegisterRule {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: u64,
        /// The column whose value breaks the rule.
        column: String,
        /// The case error (shown in the message, so not a `source`).
        error: Box<QualityError>,
    },

    /// A register row whose case id an earlier accepted row already has.
    #[error("{file} line {line}: case id {id} repeats line {first_line}; the row is rejected")]
    RegisterDuplicateId {
        /// The file's name.
        file: String,
        /// 1-based line of the repeat.
        line: u64,
        /// The case id.
        id: String,
        /// The line of the accepted row.
        first_line: u64,
    },

    /// A register field of a column with a fixed list of values (regime,
    /// act, receiver, assessment, report kind, unit) holding something else.
    /// The value is not echoed (such a column may hold a name by mistake);
    /// the expected values are listed instead.
    #[error(
        "{file} line {line} column {column}: the value is not one of the expected values ({expected}); it is not echoed"
    )]
    RegisterUnexpectedValue {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The values the column accepts.
        expected: &'static str,
    },

    /// A register file larger than
    /// [`MAX_INPUT_BYTES`](crate::register::MAX_INPUT_BYTES); nothing is read.
    #[error("{file} is larger than {limit} bytes; a case register is not that large")]
    RegisterTooLarge {
        /// The file's name.
        file: String,
        /// The limit in bytes.
        limit: u64,
    },

    /// A register record (or header) longer than
    /// [`MAX_RECORD_BYTES`](crate::register::MAX_RECORD_BYTES); its content
    /// is not echoed.
    #[error("{file} line {line} is longer than {limit} bytes; the record is not read")]
    RegisterRecordTooLong {
        /// The file's name.
        file: String,
        /// 1-based line where the record starts.
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },

    /// A register record the CSV reader could not read.
    #[error("{file} line {line} could not be read as CSV")]
    RegisterRecord {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: u64,
    },
}

/// Short name for [`QualityError`], for `namnd_quality::Error` paths.
///
/// # Example
/// ```
/// fn id(text: &str) -> Result<namnd_quality::case::CaseId, namnd_quality::Error> {
///     namnd_quality::case::CaseId::new(text)
/// }
/// assert!(matches!(id(""), Err(namnd_quality::Error::InvalidCaseId { .. })));
/// ```
pub type Error = QualityError;

/// `Result` with [`QualityError`].
///
/// # Example
/// ```
/// use namnd_quality::case::CaseCategory;
/// fn category(code: &str) -> namnd_quality::Result<CaseCategory> {
///     CaseCategory::new(code)
/// }
/// assert_eq!(category(" fall ")?.as_str(), "fall");
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
pub type Result<T, E = QualityError> = core::result::Result<T, E>;
