//! The one error type of `namnd-invest`.

use chrono::NaiveDate;
use namnd_budget::BudgetError;
use namnd_calc::CalcError;
use namnd_core::{Amount, CoreError, Decimal};

/// Everything that can go wrong in `namnd-invest`.
///
/// Messages are lowercase, name the value and where it came from (the
/// request id, or file, line and column), and never contain a personal
/// identity number: every text echoed from input goes through
/// [`namnd_core::quote_for_message`].
///
/// # Example
/// ```
/// use namnd_invest::InvestError;
/// let err = InvestError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvestError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    /// An error from `namnd-calc` (building or checking a table).
    #[error(transparent)]
    Calc(#[from] CalcError),

    /// A requested carry-over (*ombudgetering*) that is negative or above the
    /// restbelopp, as `namnd-budget`'s follow-up model found it.
    #[error(
        "carry-over {requested} requested for request {request} is not within its restbelopp {remaining}"
    )]
    CarryOverExceedsRemaining {
        /// The request, `id name`.
        request: String,
        /// The carry-over asked for.
        requested: Amount,
        /// budget − outcome.
        remaining: Amount,
    },

    /// Any other error of `namnd-budget`'s follow-up model, by its message.
    #[error("investment follow-up: {message}")]
    FollowUp {
        /// The message of the `namnd_budget::BudgetError`.
        message: String,
    },

    // ----------------------------------------------------------- request
    /// A request id is empty or blank.
    #[error("request id is empty")]
    EmptyRequestId,

    /// A request id contains something shaped like a personal identity number.
    #[error("request id \"{id}\" contains what looks like a personal identity number")]
    PersonalDataInRequestId {
        /// The id, with the number masked.
        id: String,
    },

    /// A required text of a request is blank.
    #[error("{field} of request {request} is empty")]
    BlankText {
        /// The request id.
        request: String,
        /// The field, e.g. `name`.
        field: &'static str,
    },

    /// The asset is activated before spending on it starts.
    #[error(
        "request {request} is activated on {activation}, before spending starts on {spending_starts}"
    )]
    ActivationBeforeSpending {
        /// The request id.
        request: String,
        /// The activation date (*aktiveras*).
        activation: NaiveDate,
        /// The date spending starts (*utgift uppstår*).
        spending_starts: NaiveDate,
    },

    /// A useful life (*nyttjandeperiod*) that is zero, negative or longer
    /// than [`UsefulLife::MAX_YEARS`](crate::UsefulLife::MAX_YEARS).
    #[error("useful life of {years} years is not between 1 and 200 years")]
    InvalidUsefulLife {
        /// The number of years given.
        years: i64,
    },

    /// A drift-start range that ends before it starts.
    #[error("drift start {first}–{last} ends before it starts")]
    InvalidDriftRange {
        /// The first year.
        first: i32,
        /// The last year.
        last: i32,
    },

    /// A status word that is not one of the known statuses.
    #[error("status \"{status}\" is unknown; expected beslutat, nytt, förändrat, saknas or väntar")]
    UnknownStatus {
        /// The status as written (quoted for messages).
        status: String,
    },

    /// A year amount split into a decided part and an additional part whose
    /// status is also "decided": the additional part is what comes on top.
    #[error(
        "the additional part of a split amount cannot be decided; the decided part is the other one"
    )]
    DecidedAdditionalPart,

    /// A split amount whose first part is not decided: a split is a decided
    /// part plus an additional part.
    #[error("a split amount must start with a decided part, not {status}")]
    SplitBaseNotDecided {
        /// The status given for the first part.
        status: String,
    },

    /// The same year appears twice in one request.
    #[error("request {request} has two amounts for {year}")]
    DuplicateYear {
        /// The request id.
        request: String,
        /// The year.
        year: i32,
    },

    /// The components of an asset do not add up to the investment.
    #[error(
        "components of request {request} add up to {components}, not the investment {investment}"
    )]
    ComponentsDoNotSum {
        /// The request id.
        request: String,
        /// The sum of the components.
        components: Amount,
        /// The investment (the sum of the request's year amounts).
        investment: Amount,
    },

    /// The same request id appears twice in one plan.
    #[error("request {request} appears twice in the {plan} plan")]
    DuplicateRequest {
        /// The request id.
        request: String,
        /// Which plan: `previous` or `current` (or a file name).
        plan: String,
    },

    /// A request lacks a field a calculation needs.
    #[error("request {request} has no {field}")]
    MissingField {
        /// The request id.
        request: String,
        /// The field, e.g. `activation date`.
        field: &'static str,
    },

    // ----------------------------------------------------------- capital
    /// A negative amount where an investment (or a component) was expected.
    #[error("investment of {amount} is negative")]
    NegativeInvestment {
        /// The amount.
        amount: Amount,
    },

    /// No internal interest rate is known for a year.
    #[error("no internal interest rate is given for {year} or any year before it")]
    MissingInterestRate {
        /// The year.
        year: i32,
    },

    /// An internal interest rate outside 0 to 1 (0 % to 100 %).
    #[error("internal interest rate {rate} for {year} is outside 0 to 1 (a fraction, 0.02 = 2 %)")]
    InvalidInterestRate {
        /// The year.
        year: i32,
        /// The rate, as a fraction.
        rate: Decimal,
    },

    /// More decimals than a `Decimal` can round to.
    #[error("{decimals} decimals is too many to round to; at most 28")]
    TooManyDecimals {
        /// The number asked for.
        decimals: u32,
    },

    /// A calculation left the decimal range.
    #[error("{what} overflowed")]
    Overflow {
        /// What was being computed, e.g. `depreciation of request 1:1 in 2031`.
        what: String,
        /// The arithmetic error.
        #[source]
        source: Box<CoreError>,
    },

    // ------------------------------------------------------------ import
    /// The CSV file could not be read (an I/O or CSV syntax error).
    #[error("cannot read {file}{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Read {
        /// The file.
        file: String,
        /// The line, when known.
        line: Option<u64>,
        /// What went wrong.
        message: String,
    },

    /// The input is larger than an import reads
    /// ([`MAX_INPUT_BYTES`](crate::import::MAX_INPUT_BYTES)); nothing is
    /// imported.
    #[error("{file} is larger than {limit} bytes")]
    InputTooLarge {
        /// The file (quoted for messages).
        file: String,
        /// The limit in bytes.
        limit: u64,
    },

    /// The file has more data rows than an import reads
    /// ([`MAX_ROWS`](crate::import::MAX_ROWS)); the rows before the limit
    /// are kept.
    #[error("{file} has more than {limit} rows; the rows after line {line} were not read")]
    TooManyRows {
        /// The file (quoted for messages).
        file: String,
        /// The limit in rows.
        limit: u64,
        /// The last line read.
        line: u64,
    },

    /// An amount left empty with a status that needs one: only a pending
    /// (`väntar`) or possibly-missing (`saknas`) amount may be not yet known.
    #[error(
        "an amount with status {status} must be given; only väntar or saknas may be left empty"
    )]
    AmountRequired {
        /// The status, as its Swedish word.
        status: &'static str,
    },

    /// Outcomes or carry-overs given for request ids that no request has.
    #[error("{what} given for unknown request ids: {}", ids.join(", "))]
    UnknownRequestIds {
        /// `outcomes` or `carry-overs`.
        what: &'static str,
        /// The ids (quoted for messages), in id order.
        ids: Vec<String>,
    },

    /// A required column is missing from the header.
    #[error("column {column} is missing from the header of {file}")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column.
        column: &'static str,
    },

    /// A row that could not be accepted, with the reason.
    ///
    /// The reason is part of the message (and available through
    /// [`InvestError::reason_error`]), not a `source`, so that an error chain
    /// does not print it twice.
    #[error("{file} line {line}{}: {reason}", column.map(|c| format!(" column {c}")).unwrap_or_default())]
    Row {
        /// The file.
        file: String,
        /// The line (1-based, the header is line 1).
        line: u64,
        /// The column, when one column is to blame.
        column: Option<&'static str>,
        /// Why the row was rejected.
        reason: Box<InvestError>,
    },

    /// A value that is not a number, date or year of the expected form.
    #[error("\"{input}\" is not {expected}")]
    Malformed {
        /// The text (quoted for messages).
        input: String,
        /// What was expected, e.g. `a date (YYYY-MM-DD)`.
        expected: &'static str,
    },

    /// A request-level field that differs from the value an earlier row of the
    /// same request gave.
    #[error("request {request} was given another value at line {first_line}")]
    ConflictingField {
        /// The request id.
        request: String,
        /// The line of the row that gave the first value.
        first_line: u64,
    },

    /// A row with another number of fields than the header.
    #[error("the row has {found} fields, the header {expected}")]
    ColumnCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },

    /// A field that is not valid UTF-8.
    #[error("the field is not valid UTF-8")]
    InvalidUtf8,

    /// A required field of a row is empty.
    #[error("required field is empty")]
    RequiredField,

    /// A request-level field required on the first row of a request is empty.
    #[error("required on the first row of request {request}, but empty")]
    EmptyField {
        /// The request id.
        request: String,
    },

    /// A request id longer than
    /// [`RequestId::MAX_CHARS`](crate::RequestId::MAX_CHARS) characters or
    /// holding a control character (see [`namnd_core::id_text`]). A blank id
    /// is [`InvestError::EmptyRequestId`], one holding an identity number
    /// [`InvestError::PersonalDataInRequestId`].
    #[error("request id \"{id}\" is not usable: {problem}")]
    InvalidRequestId {
        /// The id (quoted for messages: identity numbers masked, controls
        /// escaped, cut).
        id: String,
        /// The rule it breaks.
        problem: namnd_core::IdTextProblem,
    },
}

impl InvestError {
    /// For a [`InvestError::Row`], the reason the row was rejected; for any
    /// other error, the error itself.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::InvestError;
    /// let err = InvestError::Row {
    ///     file: "a.csv".into(),
    ///     line: 2,
    ///     column: Some("nyttjandeperiod"),
    ///     reason: Box::new(InvestError::InvalidUsefulLife { years: 0 }),
    /// };
    /// assert_eq!(err.reason_error(), &InvestError::InvalidUsefulLife { years: 0 });
    /// assert_eq!(err.to_string(), "a.csv line 2 column nyttjandeperiod: useful life of 0 years is not between 1 and 200 years");
    /// ```
    pub fn reason_error(&self) -> &InvestError {
        match self {
            InvestError::Row { reason, .. } => reason,
            other => other,
        }
    }

    /// The line of a row error, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::InvestError;
    /// assert_eq!(InvestError::EmptyRequestId.line(), None);
    /// ```
    pub fn line(&self) -> Option<u64> {
        match self {
            InvestError::Row { line, .. } => Some(*line),
            InvestError::Read { line, .. } => *line,
            _ => None,
        }
    }
}

impl From<BudgetError> for InvestError {
    /// Converts a carry-over error to [`InvestError::CarryOverExceedsRemaining`]
    /// (so that `InvestError` stays comparable), anything else to
    /// [`InvestError::FollowUp`].
    fn from(error: BudgetError) -> InvestError {
        match error {
            BudgetError::CarryOverExceedsRemaining {
                project,
                requested,
                remaining,
            } => InvestError::CarryOverExceedsRemaining {
                request: project,
                requested,
                remaining,
            },
            other => InvestError::FollowUp {
                message: other.to_string(),
            },
        }
    }
}

/// Wraps an arithmetic error of `namnd-core` with what was being computed.
pub(crate) fn overflow(what: impl FnOnce() -> String) -> impl FnOnce(CoreError) -> InvestError {
    move |source| InvestError::Overflow {
        what: what(),
        source: Box::new(source),
    }
}

/// Short name for [`InvestError`], for `namnd_invest::Error` paths.
///
/// # Example
/// ```
/// fn id(text: &str) -> Result<namnd_invest::RequestId, namnd_invest::Error> {
///     namnd_invest::RequestId::try_new(text)
/// }
/// assert!(matches!(id(" "), Err(namnd_invest::InvestError::EmptyRequestId)));
/// ```
pub type Error = InvestError;

/// `Result` with [`InvestError`] as the default error.
///
/// # Example
/// ```
/// use namnd_invest::{Result, UsefulLife};
/// fn life(years: i64) -> Result<u32> {
///     Ok(UsefulLife::try_new(years)?.months())
/// }
/// assert_eq!(life(10)?, 120);
/// assert!(life(0).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
pub type Result<T, E = InvestError> = core::result::Result<T, E>;
