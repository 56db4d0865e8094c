//! The one error type of `namnd-calc`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-calc`.
///
/// Messages are lowercase, have no trailing period and name the value and
/// where it came from (table, row, column; month; input name). Findings of the
/// consistency checker are *data* ([`crate::check::Finding`]), not errors: an
/// error means the question could not be answered at all.
///
/// # Example
/// ```
/// use namnd_calc::CalcError;
/// let err = CalcError::LengthMismatch { what: "monthly outcome", expected: 8, found: 7 };
/// assert_eq!(err.to_string(), "monthly outcome has 7 values; expected 8");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalcError {
    /// An error from `namnd-core` (overflow, invalid period, …).
    #[error(transparent)]
    Core(#[from] CoreError),

    // -------------------------------------------------------------- inputs
    /// A series has the wrong number of values.
    #[error("{what} has {found} values; expected {expected}")]
    LengthMismatch {
        /// Which input.
        what: &'static str,
        /// How many values were expected.
        expected: usize,
        /// How many there were.
        found: usize,
    },
    /// An input that must not be empty was empty.
    #[error("{what} is empty")]
    Empty {
        /// Which input.
        what: &'static str,
    },
    /// A division by zero that the caller must decide how to handle.
    #[error("{what}: division by zero")]
    DivisionByZero {
        /// What was being computed.
        what: &'static str,
    },
    /// A parameter outside its allowed range.
    #[error("{what} is {value}; {expected}")]
    OutOfRange {
        /// Which parameter.
        what: &'static str,
        /// The value given, as text.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },

    // ------------------------------------------------------------ variance
    /// A threshold with neither an absolute nor a percent limit.
    #[error("threshold has neither an absolute nor a percent limit; it needs one or both")]
    EmptyThreshold,
    /// A threshold with a negative limit.
    #[error("threshold {limit} limit is {value}; a limit cannot be negative")]
    NegativeThreshold {
        /// `absolute` (kronor) or `percent`.
        limit: &'static str,
        /// The negative value given.
        value: rust_decimal::Decimal,
    },
    /// Traffic-light bands whose green limit is wider than the yellow one.
    #[error(
        "green {limit} limit {green} is wider than the yellow {limit} limit {yellow}; green must lie inside yellow"
    )]
    InvalidBands {
        /// `absolute` (kronor) or `percent`.
        limit: &'static str,
        /// The green threshold's limit.
        green: rust_decimal::Decimal,
        /// The yellow threshold's limit.
        yellow: rust_decimal::Decimal,
    },
    /// Traffic-light bands whose green threshold has a limit the yellow one
    /// lacks, so green does not lie inside yellow.
    #[error(
        "green {limit} limit {green} has no yellow {limit} limit to lie inside; give yellow one too"
    )]
    GreenLimitWithoutYellow {
        /// `absolute` (kronor) or `percent`.
        limit: &'static str,
        /// The green threshold's limit.
        green: rust_decimal::Decimal,
    },

    // ------------------------------------------------------------ forecast
    /// A line forecast asked to compute [`crate::forecast::Method::Manual`]:
    /// the manager's figure is given as the line's manual forecast, never as
    /// a method to compute.
    #[error(
        "method {position} of the line forecast is manual; give the manager's figure as the line's manual forecast, and only computed methods as methods"
    )]
    ManualMethodInLineForecast {
        /// Which method: 0 for the default, 1 for the first alternative, …
        position: usize,
    },
    /// A manual forecast without the mandatory comment.
    #[error("manual forecast of {amount} has no comment; a comment is mandatory")]
    ManualForecastWithoutComment {
        /// The forecast amount (canonical).
        amount: namnd_core::Amount,
    },
    /// A periodisation profile that does not describe a year.
    #[error("invalid periodisation profile: {reason}")]
    InvalidProfile {
        /// What is wrong.
        reason: String,
    },
    /// A forecast method that needs the previous year's monthly outcome
    /// (history) was given none.
    #[error("{method} needs the previous year's monthly outcome; no history was given")]
    MissingHistory {
        /// The method (and periodisation) that needs it.
        method: &'static str,
    },
    /// A one-off adjustment (*engångspost*) without a description.
    #[error("one-off adjustment of {amount} has no description; a description is mandatory")]
    AdjustmentWithoutDescription {
        /// The adjustment's amount (canonical).
        amount: namnd_core::Amount,
    },
    /// A month that lies outside the fiscal year being forecast or assessed.
    #[error("{what} {month} is outside fiscal year {year}")]
    MonthOutsideYear {
        /// What the month belongs to (`one-off adjustment`, `forecast`, …).
        what: &'static str,
        /// The month given.
        month: namnd_core::YearMonth,
        /// The fiscal year it should belong to.
        year: namnd_core::FiscalYear,
    },
    /// The same month given twice where each month may occur once.
    #[error("{what} has month {month} twice")]
    DuplicateMonth {
        /// Which input.
        what: &'static str,
        /// The repeated month.
        month: namnd_core::YearMonth,
    },

    // ------------------------------------------------------------ rounding
    // (variants for apportionment and rounding diagnosis go here)
    /// A largest-remainder apportionment was asked for a total that the parts
    /// cannot reach when each moves by less than one unit (or that is not a
    /// whole number of units).
    #[error(
        "total {total} cannot be reached at {decimals} decimals; the parts allow {min}..={max} in whole units"
    )]
    UnreachableTotal {
        /// The requested total.
        total: rust_decimal::Decimal,
        /// The decimals the parts are rounded to.
        decimals: u32,
        /// The smallest reachable total (every part rounded down).
        min: rust_decimal::Decimal,
        /// The largest reachable total (every part with a remainder rounded up).
        max: rust_decimal::Decimal,
    },

    // --------------------------------------------------------------- check
    /// A rule or lookup names a column the table does not have.
    #[error("table \"{table_q}\" has no column \"{column_q}\"", table_q = crate::error::quoted(.table), column_q = crate::error::quoted(.column))]
    UnknownColumn {
        /// The table's name.
        table: String,
        /// The column asked for.
        column: String,
    },
    /// A rule or lookup names a row the table does not have.
    #[error("table \"{table_q}\" has no row \"{row_q}\"", table_q = crate::error::quoted(.table), row_q = crate::error::quoted(.row))]
    UnknownRow {
        /// The table's name.
        table: String,
        /// The row asked for.
        row: String,
    },
    /// A table was not found among those given to the checker.
    #[error("no table named \"{table_q}\"", table_q = crate::error::quoted(.table))]
    UnknownTable {
        /// The table asked for.
        table: String,
    },
    /// Two rows or two columns of a table have the same label.
    #[error("table \"{table_q}\" has the {kind} \"{label_q}\" twice", table_q = crate::error::quoted(.table), label_q = crate::error::quoted(.label))]
    DuplicateLabel {
        /// The table's name.
        table: String,
        /// `row` or `column`.
        kind: &'static str,
        /// The repeated label.
        label: String,
    },
    /// A row has a different number of cells than the table has columns.
    #[error("table \"{table_q}\" row \"{row_q}\" has {found} cells; the table has {expected} columns", table_q = crate::error::quoted(.table), row_q = crate::error::quoted(.row))]
    RowLength {
        /// The table's name.
        table: String,
        /// The row's label.
        row: String,
        /// The number of columns.
        expected: usize,
        /// The number of cells in the row.
        found: usize,
    },
    /// Two tables given to the checker have the same name.
    #[error("two tables are named \"{table_q}\"", table_q = crate::error::quoted(.table))]
    DuplicateTable {
        /// The repeated name.
        table: String,
    },
    /// A total rule whose total row has no rows to add up.
    #[error("total row \"{row_q}\" of table \"{table_q}\" has no rows to add up", row_q = crate::error::quoted(.row), table_q = crate::error::quoted(.table))]
    EmptyTotal {
        /// The table's name.
        table: String,
        /// The total row's label.
        row: String,
    },
    /// A rule given to the checker that cannot be applied to the tables: the
    /// rule's index in the slice given to `check` and what is wrong with it
    /// (an unknown table, row or column, an empty total, a negative
    /// tolerance).
    #[error("rule {rule}: {reason}")]
    InvalidRule {
        /// The index of the rule in the slice given to the checker.
        rule: usize,
        /// What is wrong, naming the table and the label.
        reason: Box<CalcError>,
    },
    /// A rule with a negative explicit tolerance.
    #[error(
        "rule on table \"{table_q}\" has tolerance {tolerance}; a tolerance must be zero or more"
    , table_q = crate::error::quoted(.table))]
    NegativeTolerance {
        /// The table the rule is about.
        table: String,
        /// The tolerance given.
        tolerance: rust_decimal::Decimal,
    },
    /// A row of PDF text contains a token that cannot be part of a number.
    #[error("\"{token_q}\" in \"{text_q}\" is not part of a number", token_q = crate::error::quoted(.token), text_q = crate::error::quoted(.text))]
    SplitToken {
        /// The text being split.
        text: String,
        /// The offending token.
        token: String,
    },
    /// A split rule names a column position the row does not have.
    #[error("split rule refers to column {position}; the row has {columns} columns")]
    SplitPosition {
        /// The zero-based position named.
        position: usize,
        /// The number of columns expected.
        columns: usize,
    },
    /// A row of PDF text can be split in more ways than the splitter examines.
    #[error("\"{text_q}\" has more than {limit} possible splits", text_q = crate::error::quoted(.text))]
    TooManySplits {
        /// The text being split.
        text: String,
        /// The number of splits examined.
        limit: usize,
    },

    // ------------------------------------------------- rules file (`toml`)
    /// A rules file (RULES.toml of `namnd check`) that is not TOML or not of
    /// the rules file's shape: a syntax error, an unknown key, a value of the
    /// wrong type, a key given twice.
    #[error("line {line}: {message}")]
    RulesSyntax {
        /// The 1-based line the TOML reader points at (1 when it points
        /// nowhere).
        line: u64,
        /// The TOML reader's message (quoted for a message: identity numbers
        /// masked, controls escaped, cut to 200 characters).
        message: String,
    },
    /// A rules file without a single `[[row_rule]]`, `[[total]]` or
    /// `[[percent]]`.
    #[error("the rules file has no [[row_rule]], [[total]] or [[percent]]")]
    NoRules,
    /// A rules file whose top-level `tolerance` cannot be used.
    #[error("line {line}: {reason}")]
    InvalidDefaultTolerance {
        /// The 1-based line of `tolerance = …`.
        line: u64,
        /// What is wrong ([`CalcError::InvalidTolerance`] or
        /// [`CalcError::ToleranceBelowZero`]).
        reason: Box<CalcError>,
    },
    /// One `[[row_rule]]`, `[[total]]` or `[[percent]]` of a rules file that
    /// cannot be made into a rule.
    #[error("line {line}: {kind} {number}: {reason}")]
    InvalidRuleEntry {
        /// `row_rule`, `total` or `percent`.
        kind: &'static str,
        /// The entry's 1-based number among the entries of its kind.
        number: usize,
        /// The 1-based line of the entry's `[[…]]` header.
        line: u64,
        /// What is wrong with it.
        reason: Box<CalcError>,
    },
    /// Every entry of a rules file that cannot be made into a rule (each a
    /// [`CalcError::InvalidRuleEntry`]), in file order.
    #[error("{} rules cannot be read: {}", .errors.len(), crate::error::joined(.errors))]
    InvalidRules {
        /// One error per bad entry.
        errors: Vec<CalcError>,
    },
    /// A tolerance that is neither `"stated"` nor an amount.
    #[error("tolerance {text} is neither \"stated\" nor an amount")]
    InvalidTolerance {
        /// The value given (quoted for a message, cut to 40 characters).
        text: String,
    },
    /// A tolerance below zero.
    #[error("tolerance {} is negative", crate::error::quoted(&.tolerance.to_string()))]
    ToleranceBelowZero {
        /// The tolerance given.
        tolerance: rust_decimal::Decimal,
    },
    /// A rule's `equals` that is empty.
    #[error("`equals` is empty")]
    EmptyExpression,
    /// A rule's `equals` that ends with `+` or `-`.
    #[error("`equals = \"{expression}\"` ends with an operator")]
    ExpressionEndsWithOperator {
        /// The expression (quoted for a message, cut to 60 characters).
        expression: String,
    },
    /// A rule's `equals` with two terms not joined by `+` or `-`.
    #[error("expected + or - before \"{before}\" in `equals = \"{expression}\"`")]
    ExpectedOperator {
        /// The rest of the expression from where an operator was expected
        /// (quoted for a message, cut to 60 characters).
        before: String,
        /// The expression (quoted for a message, cut to 60 characters).
        expression: String,
    },
    /// A coefficient (`2,5 * A`) in a rule's `equals` that is not a number.
    #[error("coefficient \"{coefficient}\" in `equals` is not a number")]
    InvalidCoefficient {
        /// The coefficient as written (quoted for a message, cut to 60
        /// characters).
        coefficient: String,
    },
    /// A rule's `equals` naming a column the table does not have.
    #[error("no column named \"{column}\" (in `equals = \"{expression}\"`)")]
    UnknownExpressionColumn {
        /// The name as written (quoted for a message, cut to 60 characters).
        column: String,
        /// The expression (quoted for a message, cut to 60 characters).
        expression: String,
    },
    /// A total's `of` that is neither `"above"`, `"all-above"` nor a list of
    /// row labels.
    #[error("`of = \"{of}\"` is neither \"above\", \"all-above\" nor a list of row labels")]
    InvalidTotalAddends {
        /// The value given (quoted for a message, cut to 60 characters).
        of: String,
    },

    // ------------------------------------------------------------ suppress
    /// A small-count policy whose smallest shown count is below 2, so it would
    /// hide nothing.
    #[error("smallest shown count is {min_shown}; it must be at least 2")]
    InvalidSmallCountPolicy {
        /// The smallest shown count given.
        min_shown: u64,
    },
    /// A mark for hidden cells that could be read as a value or a bound (a
    /// digit, a comparison sign), that Swedish statistics use for something
    /// else (a dash for zero), or that is empty, too long or has spaces.
    #[error("suppression mark \"{mark}\" {reason}")]
    InvalidSuppressionMark {
        /// The mark given (quoted for a message: identity numbers masked,
        /// cut to 80 characters).
        mark: String,
        /// The rule it breaks.
        reason: &'static str,
    },
    /// A count table (or count list) with the same label twice.
    #[error("count table has the {kind} \"{label}\" twice")]
    DuplicateCountLabel {
        /// `row`, `column` or `item`.
        kind: &'static str,
        /// The repeated label (quoted for a message: identity numbers masked,
        /// cut to 80 characters).
        label: String,
    },
    /// A count added under a label the count table does not have.
    #[error("count table has no {kind} \"{label}\"")]
    UnknownCountLabel {
        /// `row` or `column`.
        kind: &'static str,
        /// The label asked for (quoted for a message).
        label: String,
    },
    /// A count whose addition would overflow the table's or list's total.
    #[error("adding {count} to {cell} overflows the total {total}")]
    CountOverflow {
        /// Where the count was added: `row "…", column "…"` or `item "…"`.
        cell: String,
        /// The count being added.
        count: u64,
        /// The total before the addition.
        total: u64,
    },
    /// A row of counts, read from serialised data, whose length differs from
    /// the number of columns.
    #[error("count table row \"{row}\" has {found} counts; the table has {expected} columns")]
    CountRowLength {
        /// The row's label (quoted for a message).
        row: String,
        /// The number of columns.
        expected: usize,
        /// The number of counts in the row.
        found: usize,
    },

    // ---------------------------------------------------------------- risk
    /// A probability or consequence outside its scale.
    #[error("{factor} {value} is outside the scale 1..={max}")]
    RiskFactorOutOfScale {
        /// `probability` or `consequence`.
        factor: &'static str,
        /// The value given.
        value: u32,
        /// The top of the scale.
        max: u32,
    },
    /// A stated risk value that no product of two factors on the scale gives.
    #[error("risk value {value} is not a product of two factors in 1..={max}")]
    ImpossibleRiskValue {
        /// The stated value.
        value: u32,
        /// The top of the scale.
        max: u32,
    },
    /// A stated risk value that differs from probability × consequence.
    #[error(
        "risk value {stated} does not match probability {probability} × consequence {consequence} = {expected}"
    )]
    RiskValueMismatch {
        /// The stated risk value.
        stated: u32,
        /// The stated probability (*sannolikhet*).
        probability: u32,
        /// The stated consequence (*konsekvens*).
        consequence: u32,
        /// probability × consequence.
        expected: u32,
    },
    /// A risk band that is empty or reaches outside 1..=max².
    #[error("risk band {from}..={to} is empty or outside 1..={max_value}")]
    RiskBandOutOfScale {
        /// The band's lowest value.
        from: u32,
        /// The band's highest value.
        to: u32,
        /// The highest risk value on the scale (max²).
        max_value: u32,
    },
    /// Risk bands that leave some risk values without a level.
    #[error("risk bands leave {from}..={to} without a level")]
    RiskBandGap {
        /// The first uncovered value.
        from: u32,
        /// The last uncovered value.
        to: u32,
    },
    /// Two risk bands that claim the same values.
    #[error("risk bands {first_from}..={first_to} and {second_from}..={second_to} overlap")]
    RiskBandOverlap {
        /// The lower band's lowest value.
        first_from: u32,
        /// The lower band's highest value.
        first_to: u32,
        /// The higher band's lowest value.
        second_from: u32,
        /// The higher band's highest value.
        second_to: u32,
    },
    /// A risk band whose level is not above the level of the band below it.
    #[error("risk band {from}..={to} is {level}, not above the level of the band below it")]
    RiskLevelsOutOfOrder {
        /// The band's lowest value.
        from: u32,
        /// The band's highest value.
        to: u32,
        /// The band's level.
        level: crate::risk::RiskLevel,
    },
    /// A risk score classified with bands made for another scale.
    #[error("risk score on a 1..={score_max} scale classified with bands for 1..={bands_max}")]
    RiskScaleMismatch {
        /// The top of the score's scale.
        score_max: u32,
        /// The top of the bands' scale.
        bands_max: u32,
    },
}

/// Short name for [`CalcError`], so callers can write `namnd_calc::Error`.
pub use CalcError as Error;

/// `Result` with [`CalcError`] as the error type.
///
/// # Example
/// ```
/// use namnd_calc::Result;
/// fn nothing() -> Result<u8> { Ok(0) }
/// assert_eq!(nothing()?, 0);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
pub type Result<T, E = CalcError> = core::result::Result<T, E>;

/// Text from a table or rule (a label, a name, a row of PDF text) made fit
/// for an error message: identity numbers masked, controls escaped, cut to 80
/// characters ([`namnd_core::quote_for_message`]).
pub(crate) fn quoted(text: &str) -> String {
    namnd_core::quote_for_message(text, 80)
}

/// Error messages joined by `; `.
pub(crate) fn joined(errors: &[CalcError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_check_messages_never_show_a_personnummer() {
        let err = CalcError::UnknownColumn {
            table: "Tabell".to_owned(),
            column: "19121212-1212".to_owned(),
        };
        let message = err.to_string();
        assert!(!message.contains("19121212-1212"), "{message}");
        assert!(
            message.starts_with("table \"Tabell\" has no column"),
            "{message}"
        );
        let err = CalcError::SplitToken {
            text: "Rad 19121212-1212 12 345".to_owned(),
            token: "19121212-1212".to_owned(),
        };
        assert!(!err.to_string().contains("1212-1212"), "{err}");
    }
}
