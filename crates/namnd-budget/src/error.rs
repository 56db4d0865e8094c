//! The one error type of `namnd-budget`.

use std::io;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_core::{CoreError, FiscalYear};

/// Everything that can go wrong in `namnd-budget`, both a fatal error (the
/// file cannot be read at all) and the reason a single row was rejected
/// ([`ImportSummary::rejected`](crate::ImportSummary::rejected)).
///
/// Messages are lowercase, have no trailing period, and name the value that
/// was read and where it stood: the file (as named in
/// [`CsvOptions::new`](crate::CsvOptions::new)), the line (1-based, the header
/// is line 1) and the column (by its name in the header). The cause of an error
/// is kept in its [`std::error::Error::source`], never repeated in the message.
///
/// # Example
/// ```
/// use namnd_budget::{BudgetError, CsvOptions, LedgerImporter};
///
/// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-02-30,1100,510,4010,12.50\n";
/// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("ledger.csv"))?;
/// assert_eq!(import.by_ref().count(), 0);
/// let summary = import.into_summary();
/// let err = &summary.rejected()[0];
/// assert_eq!(err.to_string(), r#"date "2023-02-30" in ledger.csv line 2 column datum does not exist"#);
/// assert_eq!((err.line(), err.column()), (Some(2), Some("datum")));
/// assert!(matches!(err, BudgetError::ImpossibleDate { .. }));
/// # Ok::<(), BudgetError>(())
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum BudgetError {
    // ------------------------------------------------------------- fatal
    /// Reading the file failed.
    #[error("failed to read {file} after line {line}")]
    Read {
        /// The file.
        file: Arc<str>,
        /// The last line read successfully (0 if none).
        line: u64,
        /// The I/O error.
        #[source]
        source: Arc<io::Error>,
    },
    /// Writing the output failed.
    #[error("failed to write {target}")]
    Write {
        /// What was being written, e.g. `follow-up csv`.
        target: &'static str,
        /// The I/O error.
        #[source]
        source: Arc<io::Error>,
    },
    /// The file is empty: it has no header line.
    #[error("{file} has no header line")]
    MissingHeader {
        /// The file.
        file: Arc<str>,
    },
    /// A column the import needs is not in the header.
    #[error("column \"{column}\" is missing from the header \"{header}\" of {file}")]
    MissingColumn {
        /// The file.
        file: Arc<str>,
        /// The column name looked for (see [`ColumnMap`](crate::ColumnMap)).
        column: String,
        /// The header line as read, fields joined by the dialect's delimiter.
        header: String,
    },
    /// A column the import needs appears more than once in the header.
    #[error("column \"{column}\" appears in columns {first} and {second} of the header of {file}")]
    DuplicateColumn {
        /// The file.
        file: Arc<str>,
        /// The column name.
        column: String,
        /// 1-based position of its first occurrence.
        first: usize,
        /// 1-based position of its second occurrence.
        second: usize,
    },
    /// A sum left the range of a 64-bit count of öre (about ±92 000 billion kronor).
    #[error("sum of {what} overflowed at {file} line {line}")]
    Overflow {
        /// The file.
        file: Arc<str>,
        /// The line whose amount overflowed the sum.
        line: u64,
        /// What was being summed, e.g. `utfall for 1100/510/4010`.
        what: String,
    },

    // ------------------------------------------------- rejected rows
    /// The row has a different number of fields than the header.
    #[error("{file} line {line} has {found} fields; the header has {expected}")]
    ColumnCount {
        /// The file.
        file: Arc<str>,
        /// 1-based line where the row starts.
        line: u64,
        /// Number of fields in the header.
        expected: usize,
        /// Number of fields in the row.
        found: usize,
    },
    /// A key or value field is empty.
    #[error("column {column} is empty in {file} line {line}")]
    EmptyField {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
    },
    /// A field contains a control character (tab, NUL, line break, …).
    #[error("{column} \"{value}\" in {file} line {line} contains a control character")]
    ControlCharacter {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field, control characters shown escaped.
        value: String,
    },
    /// An amount could not be read in the file's dialect.
    #[error("amount \"{value}\" in {file} line {line} column {column} is malformed")]
    MalformedAmount {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
        /// Why, where `namnd-core` could tell.
        #[source]
        source: Option<Box<CoreError>>,
    },
    /// An amount has fractions of an öre.
    #[error("amount \"{value}\" in {file} line {line} column {column} has fractions of an öre")]
    FractionalOre {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// An amount is beyond ±92 000 billion kronor (a 64-bit count of öre).
    #[error("amount \"{value}\" in {file} line {line} column {column} is out of range")]
    AmountOutOfRange {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// A date is not written `YYYY-MM-DD`.
    #[error(
        "date \"{value}\" in {file} line {line} column {column} is malformed; expected YYYY-MM-DD"
    )]
    MalformedDate {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// A date is well formed but does not exist, such as `2023-02-30`.
    #[error("date \"{value}\" in {file} line {line} column {column} does not exist")]
    ImpossibleDate {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// A ledger date lies outside the fiscal year being imported.
    #[error("date {date} in {file} line {line} column {column} is outside fiscal year {year}")]
    DateOutsideFiscalYear {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The date read.
        date: NaiveDate,
        /// The fiscal year of the import.
        year: FiscalYear,
    },
    /// A row is not valid UTF-8 although the file was read as UTF-8 (it had a
    /// byte order mark, or an earlier row had valid UTF-8 beyond ASCII).
    #[error("{file} line {line} is not valid utf-8, as earlier lines were")]
    InvalidUtf8 {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
    },

    // -------------------------------------------------------- SIE 4
    // (SIE importer variants go here)

    // -------------------------------------------------------- Excel
    // (Excel importer variants go here)

    // -------------------------------------------------------- model
    // (budget model variants go here)

    // ------------------------------------------------------ notices
    /// A budget key appears again; the amounts are summed (as the peer
    /// implementation does). Reported in
    /// [`ImportSummary::notices`](crate::ImportSummary::notices), the row itself
    /// is accepted.
    #[error(
        "budget key {ansvar}/{verksamhet}/{konto} in {file} line {line} repeats line {first_line}; the amounts are summed"
    )]
    DuplicateBudgetKey {
        /// The file.
        file: Arc<str>,
        /// 1-based line of the repetition.
        line: u64,
        /// 1-based line where the key first appeared.
        first_line: u64,
        /// The key's ansvar.
        ansvar: String,
        /// The key's verksamhet.
        verksamhet: String,
        /// The key's konto.
        konto: String,
    },
}

/// The crate's error under the conventional name.
pub type Error = BudgetError;

/// `Result` with a [`BudgetError`].
pub type Result<T, E = BudgetError> = core::result::Result<T, E>;

impl BudgetError {
    /// The 1-based line the error is about, if it is about one.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    ///
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-02,1100,510,4010\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rejected()[0].line(), Some(2));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn line(&self) -> Option<u64> {
        match self {
            BudgetError::Read { line, .. }
            | BudgetError::Overflow { line, .. }
            | BudgetError::ColumnCount { line, .. }
            | BudgetError::EmptyField { line, .. }
            | BudgetError::ControlCharacter { line, .. }
            | BudgetError::MalformedAmount { line, .. }
            | BudgetError::FractionalOre { line, .. }
            | BudgetError::AmountOutOfRange { line, .. }
            | BudgetError::MalformedDate { line, .. }
            | BudgetError::ImpossibleDate { line, .. }
            | BudgetError::DateOutsideFiscalYear { line, .. }
            | BudgetError::InvalidUtf8 { line, .. }
            | BudgetError::DuplicateBudgetKey { line, .. } => Some(*line),
            BudgetError::Write { .. }
            | BudgetError::MissingHeader { .. }
            | BudgetError::MissingColumn { .. }
            | BudgetError::DuplicateColumn { .. } => None,
        }
    }

    /// The column (its name in the header) the error is about, if it is about one.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    ///
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-02,1100,510,4010,12.x\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rejected()[0].column(), Some("belopp"));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn column(&self) -> Option<&str> {
        match self {
            BudgetError::MissingColumn { column, .. }
            | BudgetError::DuplicateColumn { column, .. }
            | BudgetError::EmptyField { column, .. }
            | BudgetError::ControlCharacter { column, .. }
            | BudgetError::MalformedAmount { column, .. }
            | BudgetError::FractionalOre { column, .. }
            | BudgetError::AmountOutOfRange { column, .. }
            | BudgetError::MalformedDate { column, .. }
            | BudgetError::ImpossibleDate { column, .. }
            | BudgetError::DateOutsideFiscalYear { column, .. } => Some(column),
            BudgetError::Read { .. }
            | BudgetError::Write { .. }
            | BudgetError::MissingHeader { .. }
            | BudgetError::Overflow { .. }
            | BudgetError::ColumnCount { .. }
            | BudgetError::InvalidUtf8 { .. }
            | BudgetError::DuplicateBudgetKey { .. } => None,
        }
    }

    /// The file the error is about, if any (a write error names its target instead).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetError, CsvOptions, LedgerImporter};
    ///
    /// let err = LedgerImporter::new(&b""[..], CsvOptions::new("empty.csv")).err().ok_or("no error")?;
    /// assert_eq!(err.file(), Some("empty.csv"));
    /// assert_eq!(err.to_string(), "empty.csv has no header line");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn file(&self) -> Option<&str> {
        match self {
            BudgetError::Read { file, .. }
            | BudgetError::MissingHeader { file }
            | BudgetError::MissingColumn { file, .. }
            | BudgetError::DuplicateColumn { file, .. }
            | BudgetError::Overflow { file, .. }
            | BudgetError::ColumnCount { file, .. }
            | BudgetError::EmptyField { file, .. }
            | BudgetError::ControlCharacter { file, .. }
            | BudgetError::MalformedAmount { file, .. }
            | BudgetError::FractionalOre { file, .. }
            | BudgetError::AmountOutOfRange { file, .. }
            | BudgetError::MalformedDate { file, .. }
            | BudgetError::ImpossibleDate { file, .. }
            | BudgetError::DateOutsideFiscalYear { file, .. }
            | BudgetError::InvalidUtf8 { file, .. }
            | BudgetError::DuplicateBudgetKey { file, .. } => Some(file),
            BudgetError::Write { .. } => None,
        }
    }
}
