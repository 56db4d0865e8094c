//! The one error type of `namnd-control`.

use namnd_calc::CalcError;
use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-control`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_control::ControlError;
/// let err = ControlError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ControlError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    /// An error from `namnd-calc` (risk scores and values).
    #[error(transparent)]
    Calc(#[from] CalcError),

    // -------------------------------------------------------------- plan
    /// A frequency text that is not one of the accepted forms
    /// ([`crate::schedule`]).
    #[error(
        "frequency \"{text}\" is not recognised; expected e.g. \"4 ggr/år\", \"månadsvis\" or \"löpande\""
    )]
    UnrecognisedFrequency {
        /// The text, quoted for a message.
        text: String,
    },
    /// A number of occasions outside what the frequency allows.
    #[error("frequency {value} is out of range; expected {expected}")]
    FrequencyOutOfRange {
        /// The number given.
        value: u32,
        /// What is allowed.
        expected: &'static str,
    },
    /// A word among the months that is not a Swedish month name.
    #[error("\"{text}\" is not a month name")]
    UnknownMonthName {
        /// The word, quoted for a message.
        text: String,
    },
    /// A month named twice in one schedule.
    #[error("month {month} is named twice")]
    RepeatedMonth {
        /// The month (1–12).
        month: u32,
    },
    /// The months named do not fit the frequency ("4 ggr/år" naming three).
    #[error(
        "frequency {frequency} needs {expected} months (or none named) but {found} are named: {months}"
    )]
    MonthsDoNotMatchFrequency {
        /// The frequency, as printed.
        frequency: String,
        /// How many months it needs.
        expected: usize,
        /// How many were named.
        found: usize,
        /// The months named.
        months: String,
    },
    /// An `n` times a year frequency with no months named, where the months
    /// are required (a strict import,
    /// [`PlanImportOptions::with_strict_months`](crate::import::PlanImportOptions::with_strict_months)).
    #[error("frequency {frequency} must name {expected} months, but none are named")]
    MonthsNotNamed {
        /// The frequency, as printed.
        frequency: String,
        /// How many months it needs.
        expected: usize,
    },
    /// A plan period whose last year is before its first.
    #[error("plan period {first}–{last} ends before it starts")]
    InvalidPlanPeriod {
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
    },
    /// A plan period text that is not `YYYY` or `YYYY-YYYY`.
    #[error("plan period \"{text}\" is not a year or a range of years such as 2023-2025")]
    MalformedPlanPeriod {
        /// The text, quoted for a message.
        text: String,
    },
    /// A row scored on another scale than its plan (or scored in an unscored
    /// plan).
    #[error("row {row}{} is scored on a {row_max}×{row_max} scale but the plan {}", line_suffix(*line), plan_scale(*plan_max))]
    RowScaleMismatch {
        /// Index of the row in the plan.
        row: usize,
        /// The row's source line, if known.
        line: Option<u64>,
        /// The row's scale maximum.
        row_max: u32,
        /// The plan's scale maximum, `None` for an unscored plan.
        plan_max: Option<u32>,
    },
    /// Level bands on another scale than the plan.
    #[error("risk bands on a {bands_max}×{bands_max} scale do not fit a plan that {}", plan_scale(*plan_max))]
    BandsScaleMismatch {
        /// The bands' scale maximum.
        bands_max: u32,
        /// The plan's scale maximum, `None` for an unscored plan.
        plan_max: Option<u32>,
    },
    /// A row index that the plan does not have.
    #[error("the plan has no row {row}")]
    UnknownRow {
        /// The index asked for.
        row: usize,
    },
    /// A calendar asked for a year outside the plan's period.
    #[error("year {year} is outside the plan period {period}")]
    YearOutsidePlan {
        /// The year asked for.
        year: i32,
        /// The plan's period.
        period: String,
    },
    /// A follow-up result for an occasion the calendar does not have.
    #[error("row {row} is not due {}", month_phrase(*month))]
    NotScheduled {
        /// The row.
        row: usize,
        /// The month given, `None` for "no fixed month".
        month: Option<u32>,
    },
    /// A second result for the same occasion.
    #[error("row {row} already has a result {}", month_phrase(*month))]
    DuplicateFollowUp {
        /// The row.
        row: usize,
        /// The month, `None` for "no fixed month".
        month: Option<u32>,
    },

    // ------------------------------------------------------------- audit
    /// An answer scale that cannot be used.
    #[error("answer scale label \"{label}\" is invalid: {reason}")]
    InvalidAnswerScale {
        /// The offending label (quoted for a message), empty if none.
        label: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// An answer text that matches no label of the scale.
    #[error("answer \"{text}\" matches no label of the answer scale")]
    UnknownAnswer {
        /// The text, quoted for a message.
        text: String,
    },
    /// A question number used twice in a report.
    #[error("audit question {number} occurs twice")]
    DuplicateQuestion {
        /// The number.
        number: u32,
    },
    /// A recommendation number used twice in a report.
    #[error("recommendation {number} occurs twice")]
    DuplicateRecommendation {
        /// The number.
        number: u32,
    },
    /// A recommendation linked to a question the report does not have.
    #[error(
        "recommendation {recommendation} refers to question {question}, which the report does not have"
    )]
    UnknownQuestion {
        /// The recommendation.
        recommendation: u32,
        /// The missing question.
        question: u32,
    },
    /// A recommendation number the report does not have.
    #[error("the report has no recommendation {number}")]
    UnknownRecommendation {
        /// The number asked for.
        number: u32,
    },
    /// A status change the workflow does not allow.
    #[error("recommendation {recommendation} cannot go from {from} to {to}")]
    InvalidStatusTransition {
        /// The recommendation.
        recommendation: u32,
        /// The current status.
        from: &'static str,
        /// The status asked for.
        to: &'static str,
    },
    /// Replacing a response that has already been adopted.
    #[error(
        "recommendation {recommendation} already has an adopted response; it cannot be replaced"
    )]
    ResponseAlreadyAdopted {
        /// The recommendation.
        recommendation: u32,
    },
    /// A status dated before the status it follows.
    #[error(
        "recommendation {recommendation} cannot be {status} on {date}, before its previous status on {previous}"
    )]
    StatusDateOutOfOrder {
        /// The recommendation.
        recommendation: u32,
        /// The status asked for.
        status: &'static str,
        /// Its date.
        date: chrono::NaiveDate,
        /// The date of the latest dated status so far.
        previous: chrono::NaiveDate,
    },
    /// Adopting a response that has not been written.
    #[error("recommendation {recommendation} has no response to adopt")]
    ResponseMissing {
        /// The recommendation.
        recommendation: u32,
    },

    // ------------------------------------------------------------ import
    /// The input could not be read.
    #[error("failed to read {file}: {message}")]
    Read {
        /// The file name given.
        file: String,
        /// The I/O error's text.
        message: String,
    },
    /// The input is larger than an import reads.
    #[error("{file} is larger than {limit} bytes")]
    InputTooLarge {
        /// The file name given.
        file: String,
        /// The limit.
        limit: u64,
    },
    /// A required column is absent from the header.
    #[error("{file} has no column \"{column}\"")]
    MissingColumn {
        /// The file name given.
        file: String,
        /// The column's header name.
        column: String,
    },
    /// A record the CSV reader could not read.
    #[error("{file} line {line} is not valid CSV: {message}")]
    Csv {
        /// The file name given.
        file: String,
        /// The line.
        line: u64,
        /// The CSV reader's message.
        message: String,
    },
    /// A field that is not UTF-8.
    #[error("{file} line {line}, column {column} is not valid UTF-8")]
    InvalidUtf8 {
        /// The file name given.
        file: String,
        /// The line.
        line: u64,
        /// The column's header name.
        column: String,
    },
    /// A required field left empty.
    #[error("{file} line {line}, column {column} is empty")]
    MissingField {
        /// The file name given.
        file: String,
        /// The line.
        line: u64,
        /// The column's header name.
        column: String,
    },
    /// A field whose value was rejected; the cause is the source, and its
    /// message ends this one's (so a summary line says why).
    #[error("invalid value \"{value}\" in {file} line {line}, column {column}: {source}")]
    InvalidValue {
        /// The file name given.
        file: String,
        /// The line.
        line: u64,
        /// The column's header name.
        column: String,
        /// The value, quoted for a message.
        value: String,
        /// Why it was rejected.
        #[source]
        source: Box<ControlError>,
    },
    /// A row the plan did not accept; the cause is the source, and its
    /// message ends this one's.
    #[error("row at {file} line {line} was not added to the plan: {source}")]
    RowRejected {
        /// The file name given.
        file: String,
        /// The line.
        line: u64,
        /// Why it was rejected.
        #[source]
        source: Box<ControlError>,
    },
    /// A field that must be a whole number.
    #[error("\"{text}\" is not a whole number")]
    NotAnInteger {
        /// The text, quoted for a message.
        text: String,
    },
    /// A scope text that is neither municipality-wide nor committee-specific.
    #[error("\"{text}\" is not a scope; expected kommunövergripande or nämndspecifik")]
    UnknownScope {
        /// The text, quoted for a message.
        text: String,
    },
}

impl ControlError {
    /// The line of the input the error is about, for import errors.
    ///
    /// # Example
    /// ```
    /// use namnd_control::ControlError;
    /// let e = ControlError::MissingField { file: "a.csv".into(), line: 4, column: "frekvens".into() };
    /// assert_eq!(e.line(), Some(4));
    /// assert_eq!(ControlError::UnknownRow { row: 1 }.line(), None);
    /// ```
    pub fn line(&self) -> Option<u64> {
        match self {
            ControlError::Csv { line, .. }
            | ControlError::InvalidUtf8 { line, .. }
            | ControlError::MissingField { line, .. }
            | ControlError::InvalidValue { line, .. }
            | ControlError::RowRejected { line, .. } => Some(*line),
            ControlError::RowScaleMismatch { line, .. } => *line,
            _ => None,
        }
    }

    /// A short, stable name of the reason, for counting rejections: the
    /// variant's name, or for [`ControlError::InvalidValue`] and
    /// [`ControlError::RowRejected`] the reason of their cause, and for
    /// [`ControlError::Calc`] the `namnd-calc` variant's name.
    ///
    /// # Example
    /// ```
    /// use namnd_control::ControlError;
    /// let e = ControlError::InvalidValue {
    ///     file: "a.csv".into(), line: 3, column: "riskvärde".into(), value: "13".into(),
    ///     source: Box::new(namnd_calc::CalcError::ImpossibleRiskValue { value: 13, max: 5 }.into()),
    /// };
    /// assert_eq!(e.reason(), "ImpossibleRiskValue");
    /// ```
    pub fn reason(&self) -> &'static str {
        match self {
            ControlError::Core(_) => "Core",
            ControlError::Calc(e) => match e {
                CalcError::ImpossibleRiskValue { .. } => "ImpossibleRiskValue",
                CalcError::RiskFactorOutOfScale { .. } => "RiskFactorOutOfScale",
                CalcError::RiskValueMismatch { .. } => "RiskValueMismatch",
                CalcError::RiskScaleMismatch { .. } => "RiskScaleMismatch",
                _ => "Calc",
            },
            ControlError::UnrecognisedFrequency { .. } => "UnrecognisedFrequency",
            ControlError::FrequencyOutOfRange { .. } => "FrequencyOutOfRange",
            ControlError::UnknownMonthName { .. } => "UnknownMonthName",
            ControlError::RepeatedMonth { .. } => "RepeatedMonth",
            ControlError::MonthsDoNotMatchFrequency { .. } => "MonthsDoNotMatchFrequency",
            ControlError::MonthsNotNamed { .. } => "MonthsNotNamed",
            ControlError::InvalidPlanPeriod { .. } => "InvalidPlanPeriod",
            ControlError::MalformedPlanPeriod { .. } => "MalformedPlanPeriod",
            ControlError::RowScaleMismatch { .. } => "RowScaleMismatch",
            ControlError::BandsScaleMismatch { .. } => "BandsScaleMismatch",
            ControlError::UnknownRow { .. } => "UnknownRow",
            ControlError::YearOutsidePlan { .. } => "YearOutsidePlan",
            ControlError::NotScheduled { .. } => "NotScheduled",
            ControlError::DuplicateFollowUp { .. } => "DuplicateFollowUp",
            ControlError::InvalidAnswerScale { .. } => "InvalidAnswerScale",
            ControlError::UnknownAnswer { .. } => "UnknownAnswer",
            ControlError::DuplicateQuestion { .. } => "DuplicateQuestion",
            ControlError::DuplicateRecommendation { .. } => "DuplicateRecommendation",
            ControlError::UnknownQuestion { .. } => "UnknownQuestion",
            ControlError::UnknownRecommendation { .. } => "UnknownRecommendation",
            ControlError::InvalidStatusTransition { .. } => "InvalidStatusTransition",
            ControlError::ResponseMissing { .. } => "ResponseMissing",
            ControlError::ResponseAlreadyAdopted { .. } => "ResponseAlreadyAdopted",
            ControlError::StatusDateOutOfOrder { .. } => "StatusDateOutOfOrder",
            ControlError::Read { .. } => "Read",
            ControlError::InputTooLarge { .. } => "InputTooLarge",
            ControlError::MissingColumn { .. } => "MissingColumn",
            ControlError::Csv { .. } => "Csv",
            ControlError::InvalidUtf8 { .. } => "InvalidUtf8",
            ControlError::MissingField { .. } => "MissingField",
            ControlError::InvalidValue { source, .. }
            | ControlError::RowRejected { source, .. } => source.reason(),
            ControlError::NotAnInteger { .. } => "NotAnInteger",
            ControlError::UnknownScope { .. } => "UnknownScope",
        }
    }
}

/// Short name for [`ControlError`], for `namnd_control::Error` paths.
///
/// # Example
/// ```
/// use namnd_control::schedule::Frequency;
/// fn frequency(text: &str) -> Result<Frequency, namnd_control::Error> {
///     Frequency::parse(text)
/// }
/// assert!(matches!(frequency("ibland"), Err(namnd_control::ControlError::UnrecognisedFrequency { .. })));
/// ```
pub type Error = ControlError;

/// `Result` with [`ControlError`] as the default error.
///
/// # Example
/// ```
/// use namnd_control::Result;
/// use namnd_control::schedule::Schedule;
/// fn occasions(text: &str) -> Result<usize> {
///     Ok(Schedule::parse(text)?.frequency().occasions_per_year())
/// }
/// assert_eq!(occasions("4 ggr/år Mars Juni September December")?, 4);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
pub type Result<T, E = ControlError> = core::result::Result<T, E>;

/// ` (line N)` or nothing.
fn line_suffix(line: Option<u64>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}

/// How a plan's scale reads in a message.
fn plan_scale(max: Option<u32>) -> String {
    match max {
        Some(m) => format!("uses {m}×{m}"),
        None => "has no risk scores".to_owned(),
    }
}

/// `in month 6` or `without a fixed month`.
fn month_phrase(month: Option<u32>) -> String {
    match month {
        Some(m) => format!("in month {m}"),
        None => "without a fixed month".to_owned(),
    }
}
